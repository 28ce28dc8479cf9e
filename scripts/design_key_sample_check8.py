"""How the records of the eighth check set (docs/design-key/check8.csv) were chosen.

    python scripts/design_key_sample_check8.py [CORPUS_DIR] [OUT.csv] [CACHE.json]

Every earlier check half (check.csv to check7.csv) has been scored at least
once, so the figures on them are optimistic.  check8 is a fresh blind set
drawn the way check7 was (the shared sampler, every record of dev.csv and
check*.csv excluded, its own seed, ``pubmed/more-medline/`` and
``screening/`` walked first), about 90 records, with the quota tilted toward
the human designs a reader acts on (RCT, case report, observational,
non-randomised trial, systematic review, as far as the pools allow) and SCI
records; new here, the records of every card key are excluded too (``eval card`` shows
their design's evidence level).  The finders only *find* candidates; the labels are the labeller's
reading of title and abstract (docs/design-labelling.md), made before scimon
was run on any of these records.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from design_key_sampler import main

SEED = 2815
QUOTA = {
    "rct": 14, "case_report": 12, "observational": 12, "sci": 10, "non_randomized_trial": 8,
    "systematic_review": 6, "narrative_review": 6, "in_vitro": 6, "animal": 5, "random": 4,
    "title_only": 3, "animal_plain": 2, "commentary": 2, "protocol": 2, "qualitative": 2,
    "guideline": 1,
}  # fmt: skip
EXCLUDE = (
    "dev.csv", "check.csv", "check2.csv", "check3.csv", "check4.csv", "check5.csv", "check6.csv",
    "check7.csv",
    # new in check8: the card keys too (paths relative to docs/design-key/).  ``eval card``
    # runs triage's design on their records and prints an evidence level for each, so a
    # design-key record that is also a card-key record has had its design looked at; a
    # first draw without these held 10 such records (found by a title check, before labelling)
    *(f"../card-key/{name}.csv" for name in (
        "dev", "dev2", "dev3", "check", "check2", "check3", "check4", "check5", "check6",
        "check7", "check8",
    )),
)  # fmt: skip
PREFER = ("pubmed/more-medline/", "screening/")


if __name__ == "__main__":
    out = "design_key_check8_candidates.csv"
    main(SEED, QUOTA, EXCLUDE, (), out_default=out, prefer=PREFER)
