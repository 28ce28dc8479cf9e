"""How the records of the second check set (docs/design-key/check2.csv) were chosen.

    python scripts/design_key_sample_check2.py [CORPUS_DIR] [OUT.csv] [CACHE.json]

The first check half had been scored once when issue 19's rules were tuned
further, so it could no longer be called unseen.  This draws a fresh set from
the same folders with the first draw's candidate finders
(``design_key_sampler.strata``), excluding every record already in dev.csv or
check.csv, with its own seed and quotas stratified toward the classes that
missed their targets (in vitro, narrative and systematic reviews, title-only
records).  As before, the finders only *find* candidates; the labels are the
labeller's reading of title and abstract (docs/design-labelling.md), made
before scimon was run on any of these records.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from design_key_sampler import main

SEED = 1902
QUOTA = {
    "in_vitro": 40, "narrative_review": 36, "systematic_review": 34, "title_only": 24,
    "rct": 6, "case_report": 5, "animal": 6, "observational": 5, "commentary": 4,
}  # fmt: skip
EXCLUDE = ("dev.csv", "check.csv")


if __name__ == "__main__":
    main(SEED, QUOTA, EXCLUDE, out_default="design_key_check2_candidates.csv")
