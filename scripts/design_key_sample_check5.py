"""How the records of the fifth check set (docs/design-key/check5.csv) were chosen.

    python scripts/design_key_sample_check5.py [CORPUS_DIR] [OUT.csv] [CACHE.json]

Issue 19's fifth pass works on in-vitro papers whose cells or tissue come from
an animal, and on RCT precision; check4 is the last blind half and will be
scored after this pass changes rules, so a fresh set was drawn before any rule
changed: excluding every record of dev.csv and check*.csv, with its own seed,
tilted toward in vitro (cells or tissue from animals found by MeSH "cells,
cultured" with "animals" fall in the animal stratum, so both are drawn) and
RCT candidates, with a few of every other stratum so that precision has
negatives.  The finders only *find* candidates; the labels are the labeller's
reading of title and abstract (docs/design-labelling.md), made before scimon
was run on any of these records.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from design_key_sampler import Round, main

SEED = 2612
QUOTA = {
    "in_vitro": 36, "rct": 26, "animal": 16, "narrative_review": 8, "in_silico": 5,
    "case_report": 4, "observational": 4, "systematic_review": 4, "random": 5,
    "title_only": 2, "commentary": 2,
}  # fmt: skip
# labelled after the first 112 rows held 29 in-vitro labels (fewer than the 30 wanted):
# ten more in-vitro candidates, appended, with their own seed
ROUNDS = (Round("in_vitro_round2", "in_vitro", 10, seed=2613, after=True),)
EXCLUDE = ("dev.csv", "check.csv", "check2.csv", "check3.csv", "check4.csv")


if __name__ == "__main__":
    main(SEED, QUOTA, EXCLUDE, ROUNDS, out_default="design_key_check5_candidates.csv")
