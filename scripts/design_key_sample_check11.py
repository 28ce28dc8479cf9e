"""How the records of the eleventh check set (docs/design-key/check11.csv) were chosen.

    python scripts/design_key_sample_check11.py [CORPUS_DIR] [OUT.csv] [CACHE.json]

check10 is scored once at the end of session 14, so check11 is the fresh blind set for
the next session's single scoring.  It is drawn the way check10 was (the shared
sampler, its own seed, the quota spread over the classes the lead scores, the
word-found ``sr_text`` and ``nrt_text`` strata), with every record of every design key
(dev, check..check10) and of every card key (dev..dev3, check..check10) excluded; the
card key check11 was drawn *after* this set and excludes it.  check10 held only 4 SCI
records, so the ``sci`` stratum is the largest here and comes first, and the folders
are walked in tiers (``tiered``): ``pubmed-sci/`` (the spinal-fracture and SCI
exports), then ``pubmed/more-medline/``, then the rest of ``pubmed/``, the screening
sets last, so PubMed text, SCI text above all, is drawn where a stratum's pool has
it.  The finders only *find* candidates; the labels are the labeller's reading of
title and abstract (docs/design-labelling.md), made before scimon was run on any of
these records.  The first 81 rows held one non-randomised trial, so a second
``nrt_text`` round (seed 3120, appended after them from what they left; the 81 rows are
unchanged) was drawn after they were labelled.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from design_key_sampler import Round, main

SEED = 3119
QUOTA = {
    "sci": 20, "rct": 8, "case_report": 7, "observational": 7, "narrative_review": 7,
    "sr_text": 7, "nrt_text": 7, "in_vitro": 6, "animal": 4, "random": 2, "title_only": 2,
    "commentary": 2, "protocol": 1, "qualitative": 1,
}  # fmt: skip
EXCLUDE = (
    "dev.csv", "check.csv", "check2.csv", "check3.csv", "check4.csv", "check5.csv", "check6.csv",
    "check7.csv", "check8.csv", "check9.csv", "check10.csv",
    # every card key too (paths relative to docs/design-key/): ``eval card`` prints an
    # evidence level computed from triage's design for its records (check8's reason)
    *(f"../card-key/{name}.csv" for name in (
        "dev", "dev2", "dev3", "check", "check2", "check3", "check4", "check5", "check6",
        "check7", "check8", "check9", "check10",
    )),
)  # fmt: skip
# walked in this order (``tiered``): SCI and spine exports, more MEDLINE, other PubMed
PREFER = ("pubmed-sci/", "pubmed/more-medline/", "pubmed/")
# appended after the 81 interleaved rows, drawn from the pool without them (no folder
# preferred, as check9's round 2): the first round's 7 ``nrt_text`` rows held no
# non-randomised trial (2 meta-analyses, 2 RCTs, a reliability study, a dose-response
# model, a tumour-cell study), so this round looks again
ROUNDS = (Round("nrt_round2", "nrt_text", 8, 3120, after=True),)


if __name__ == "__main__":
    out = "design_key_check11_candidates.csv"
    main(SEED, QUOTA, EXCLUDE, ROUNDS, out_default=out, prefer=PREFER, tiered=True)
