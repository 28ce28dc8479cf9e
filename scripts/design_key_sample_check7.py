"""How the records of the seventh check set (docs/design-key/check7.csv) were chosen.

    python scripts/design_key_sample_check7.py [CORPUS_DIR] [OUT.csv] [CACHE.json]

Every earlier check half (check.csv to check6.csv) has been scored at least
once, so the figures on them are optimistic.  check7 is a fresh blind set
drawn before any further rule change: every record of dev.csv and check*.csv
excluded, its own seed, stratified across all the strata (not tilted toward
one class) and walking first the candidates of ``pubmed/more-medline/`` and
``screening/``, the folders the earlier keys used least (``PREFER``; the
other folders fill a stratum only when those run out).  The finders only
*find* candidates; the labels are the labeller's reading of title and
abstract (docs/design-labelling.md), made before scimon was run on any of
these records.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from design_key_sampler import Round, main

SEED = 2615
QUOTA = {
    "rct": 13, "narrative_review": 13, "systematic_review": 12, "observational": 12,
    "in_vitro": 12, "case_report": 10, "animal": 10, "animal_plain": 5, "random": 6,
    "title_only": 6, "commentary": 5, "sci": 5, "non_randomized_trial": 4, "protocol": 3,
    "guideline": 2, "qualitative": 2,
}  # fmt: skip
EXCLUDE = (
    "dev.csv", "check.csv", "check2.csv", "check3.csv", "check4.csv", "check5.csv", "check6.csv",
)  # fmt: skip
PREFER = ("pubmed/more-medline/", "screening/")
# appended after the first 107 rows were labelled (those rows are unchanged): the
# first draw held 4 SCI records and 8 animal studies, so two more rounds, each
# with its own seed, from any folder
ROUNDS = (
    Round("sci_round2", "sci", 8, seed=2616, after=True),
    Round("animal_round2", "animal", 6, seed=2617, after=True),
)


if __name__ == "__main__":
    out = "design_key_check7_candidates.csv"
    main(SEED, QUOTA, EXCLUDE, ROUNDS, out_default=out, prefer=PREFER)
