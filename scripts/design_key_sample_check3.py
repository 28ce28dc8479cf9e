"""How the records of the third check set (docs/design-key/check3.csv) were chosen.

    python scripts/design_key_sample_check3.py [CORPUS_DIR] [OUT.csv] [CACHE.json]

check.csv and check2.csv had both been scored before issue 19's third pass,
so neither is unseen any more.  This draws a fresh set from the same folders
with the first draw's candidate finders (``design_key_sampler.strata``),
excluding every record already in dev.csv, check.csv or check2.csv.  Unlike
check2 (tilted toward the classes that missed), the quotas here follow the
first key's strata scaled to ~180 records, so check3 is stratified like the
first two halves.  Seed 1903 draws the strata; seed 1904 draws a second round
of SCI candidates, as the first key did, because a stratified draw alone holds
too few SCI records to say anything about relevance.  The finders only *find*
candidates; labels are the labeller's reading of title and abstract
(docs/design-labelling.md), made before scimon was run on them.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from design_key_sampler import Round, main

SEED = 1903
# the first key's quotas (design_key_sample.QUOTA) scaled by ~0.25
QUOTA = {
    "title_only": 21, "rct": 18, "systematic_review": 15, "case_report": 15,
    "narrative_review": 17, "in_vitro": 15, "animal": 13, "observational": 11,
    "commentary": 7, "sci": 10, "random": 12, "non_randomized_trial": 4,
    "protocol": 4, "qualitative": 3, "guideline": 3,
}  # fmt: skip
EXCLUDE = ("dev.csv", "check.csv", "check2.csv")
SCI_ROUND = Round("sci_round2", "sci", 12, 1904)


if __name__ == "__main__":
    main(SEED, QUOTA, EXCLUDE, [SCI_ROUND], out_default="design_key_check3_candidates.csv")
