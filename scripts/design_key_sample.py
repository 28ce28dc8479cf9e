"""How the records of the design key (docs/design-key/dev.csv, check.csv) were chosen.

    python scripts/design_key_sample.py [CORPUS_DIR] [OUT.csv] [CACHE.json]

Deterministic (seeded): the same ``source,record_id,stratum`` rows every time,
in the order they were labelled (strata interleaved, so that any prefix of the
labelling covers every stratum).  Publication types, MeSH and a few text
regexes only *find* candidates for a stratum; the labels are the labeller's
reading of the title and abstract (docs/design-labelling.md), so a candidate
often ends up with another label than its stratum.  The draw itself is
scripts/design_key_sampler.py, shared with the later check sets.

CACHE (optional, outside the repository) receives the candidates' titles and
abstracts so that scripts/design_key_show.py can print them for reading; the
text is never written into the repository.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from design_key_sampler import Round, main

SEED = 19
# stratum: how many candidates to draw
QUOTA = {
    "title_only": 75, "rct": 70, "systematic_review": 62, "case_report": 62,
    "narrative_review": 62, "in_vitro": 55, "animal": 52, "observational": 45,
    "commentary": 28, "sci": 40, "random": 30, "non_randomized_trial": 15,
    "protocol": 15, "qualitative": 12, "guideline": 12,
}  # fmt: skip
# round 2 (labelled after the first 635): more SCI records, because the first
# round held too few for relevance figures; drawn from the same pool with its own
# seed, so the first round's rows and order are unchanged
ROUND2_SCI = Round("sci_round2", "sci", 45, SEED + 1, after=True)


if __name__ == "__main__":
    main(SEED, QUOTA, rounds=[ROUND2_SCI])
