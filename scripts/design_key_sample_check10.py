"""How the records of the tenth check set (docs/design-key/check10.csv) were chosen.

    python scripts/design_key_sample_check10.py [CORPUS_DIR] [OUT.csv] [CACHE.json]

check9 was scored at the end of session 13, so check10 is the fresh blind set for
the next session's single scoring.  It is drawn the way check9 was (the shared
sampler, its own seed, the quota spread over the classes the lead scores and a
few of the rest so that precision has negatives, the word-found ``sr_text`` and
``nrt_text`` strata for the used-up systematic-review and non-randomised-trial
pools), with every record of every design key (dev, check..check9) and of every
card key (dev..dev3, check..check9) excluded; the card key check10 was drawn
*after* this set and excludes it.  The PubMed folders (``pubmed/`` incl.
more-medline, ``pubmed-sci/``) are walked first, since the site reads PubMed
text and check9 took 60 of its 94 rows from the screening sets.  The finders only
*find* candidates; the labels are the labeller's reading of title and abstract
(docs/design-labelling.md), made before scimon was run on any of these records.
The first 67 rows held 2 RCTs in people, so a second ``rct`` round (seed 3018,
appended after them from what they left; the 67 rows are unchanged) was drawn after
they were labelled.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from design_key_sampler import Round, main

SEED = 3017
QUOTA = {
    "rct": 8, "case_report": 8, "observational": 8, "narrative_review": 7, "in_vitro": 7,
    "sr_text": 7, "nrt_text": 7, "sci": 4, "animal": 3, "random": 2, "title_only": 2,
    "commentary": 2, "protocol": 1, "qualitative": 1,
}  # fmt: skip
EXCLUDE = (
    "dev.csv", "check.csv", "check2.csv", "check3.csv", "check4.csv", "check5.csv", "check6.csv",
    "check7.csv", "check8.csv", "check9.csv",
    # every card key too (paths relative to docs/design-key/): ``eval card`` prints an
    # evidence level computed from triage's design for its records (check8's reason)
    *(f"../card-key/{name}.csv" for name in (
        "dev", "dev2", "dev3", "check", "check2", "check3", "check4", "check5", "check6",
        "check7", "check8", "check9",
    )),
)  # fmt: skip
PREFER = ("pubmed/", "pubmed-sci/")
# appended after the 67 interleaved rows, drawn from the pool without them (no folder
# preferred): the first round's "rct" rows were 6 animal experiments of 8 (MeSH "Random
# Allocation" on PubMed animal work), so this round looks for trials in people
ROUNDS = (Round("rct_round2", "rct", 10, 3018, after=True),)


if __name__ == "__main__":
    out = "design_key_check10_candidates.csv"
    main(SEED, QUOTA, EXCLUDE, ROUNDS, out_default=out, prefer=PREFER)
