"""How the records of the sixth check set (docs/design-key/check6.csv) were chosen.

    python scripts/design_key_sample_check6.py [CORPUS_DIR] [OUT.csv] [CACHE.json]

Issue 19's sixth pass works on animal recall (in-vivo work that the rules do
not recognise, often on the halves least seen) and systematic-review
precision; check5 was scored at the end of the fifth pass, so a fresh set was
drawn before any rule changed: excluding every record of dev.csv and
check*.csv, with its own seed, stratified like check5 but tilted toward animal
candidates, half of them from ``animal_plain`` (MeSH "Animals" without
"Humans", and a title that names no species, so the in-vivo work is said only
in the abstract), with in vitro, RCT, systematic review, case report and
narrative review candidates and a few of every other stratum so that
precision has negatives.  The finders only *find* candidates; the labels are
the labeller's reading of title and abstract (docs/design-labelling.md), made
before scimon was run on any of these records.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from design_key_sampler import main

SEED = 2614
QUOTA = {
    "animal_plain": 16, "animal": 16, "in_vitro": 20, "rct": 14, "narrative_review": 12,
    "systematic_review": 10, "case_report": 9, "observational": 5, "random": 6,
    "in_silico": 3, "title_only": 3, "commentary": 3, "non_randomized_trial": 3,
}  # fmt: skip
EXCLUDE = ("dev.csv", "check.csv", "check2.csv", "check3.csv", "check4.csv", "check5.csv")


if __name__ == "__main__":
    main(SEED, QUOTA, EXCLUDE, out_default="design_key_check6_candidates.csv")
