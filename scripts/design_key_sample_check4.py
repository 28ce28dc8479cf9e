"""How the records of the fourth check set (docs/design-key/check4.csv) were chosen.

    python scripts/design_key_sample_check4.py [CORPUS_DIR] [OUT.csv] [CACHE.json]

check3's in-vitro recall (3 of 14) was the figure issue 19's fourth pass set
out to raise, and check3 had been scored before it, so a fresh set was drawn
before any rule changed: excluding every record of dev.csv, check.csv,
check2.csv and check3.csv, with its own seed, and tilted toward the classes
that miss (in vitro, with a computational stratum the first draws lacked, and
narrative reviews), with a few of every other stratum so that precision has
negatives to be measured on.  The finders only *find* candidates; the labels
are the labeller's reading of title and abstract (docs/design-labelling.md),
made before scimon was run on any of these records.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from design_key_sampler import main

SEED = 1905
QUOTA = {
    "in_vitro": 55, "narrative_review": 36, "in_silico": 10, "animal": 10, "rct": 6,
    "case_report": 6, "observational": 6, "title_only": 6, "systematic_review": 5,
    "random": 6, "commentary": 3,
}  # fmt: skip
EXCLUDE = ("dev.csv", "check.csv", "check2.csv", "check3.csv")


if __name__ == "__main__":
    main(SEED, QUOTA, EXCLUDE, out_default="design_key_check4_candidates.csv")
