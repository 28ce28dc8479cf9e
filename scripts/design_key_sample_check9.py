"""How the records of the ninth check set (docs/design-key/check9.csv) were chosen.

    python scripts/design_key_sample_check9.py [CORPUS_DIR] [OUT.csv] [CACHE.json]

Every earlier check half (check.csv to check8.csv) has been scored at least
once, so the figures on them are optimistic.  check9 is a fresh blind set drawn
the way check8 was (the shared sampler, every record of dev.csv and check*.csv
and of every card key excluded, its own seed, ``pubmed/more-medline/`` and
``screening/`` walked first), with the quota spread over the classes the lead
scores (RCT, systematic review, case report, narrative review, in vitro,
non-randomised trial, observational) and a few of the rest so that precision
has negatives.  The publication-type pools of systematic reviews, non-randomised
trials and guidelines are used up, so two word-found strata (``sr_text``,
``nrt_text`` in the shared sampler) find those candidates.  The first 84 rows
held only 3 non-randomised trials, so a second ``nrt_text`` round (seed 2917,
appended after them from what they left; the 84 rows are unchanged) was drawn
after they were labelled.  The finders only *find* candidates; the labels are
the labeller's reading of title and abstract (docs/design-labelling.md), made
before scimon was run on any of these records.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from design_key_sampler import Round, main

SEED = 2916
QUOTA = {
    "rct": 11, "case_report": 10, "observational": 10, "narrative_review": 9, "in_vitro": 9,
    "sr_text": 9, "nrt_text": 8, "sci": 5, "animal": 4, "random": 3, "title_only": 2,
    "commentary": 2, "protocol": 1, "qualitative": 1,
}  # fmt: skip
EXCLUDE = (
    "dev.csv", "check.csv", "check2.csv", "check3.csv", "check4.csv", "check5.csv", "check6.csv",
    "check7.csv", "check8.csv",
    # every card key too (paths relative to docs/design-key/): ``eval card`` prints an
    # evidence level computed from triage's design for its records (check8's reason)
    *(f"../card-key/{name}.csv" for name in (
        "dev", "dev2", "dev3", "check", "check2", "check3", "check4", "check5", "check6",
        "check7", "check8",
    )),
)  # fmt: skip
PREFER = ("pubmed/more-medline/", "screening/")
# appended after the 84 interleaved rows, drawn from the pool without them
ROUNDS = (Round("nrt_round2", "nrt_text", 10, 2917, after=True),)


if __name__ == "__main__":
    out = "design_key_check9_candidates.csv"
    main(SEED, QUOTA, EXCLUDE, ROUNDS, out_default=out, prefer=PREFER)
