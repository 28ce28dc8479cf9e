"""Print candidates of the design key for the labeller to read.

    python scripts/design_key_show.py CANDIDATES.csv CACHE.json START COUNT [CUT]

CANDIDATES and CACHE are what scripts/design_key_sample.py wrote (outside the
repository).  Prints position, source, id, title, journal and abstract (cut
at CUT characters, default 1,200); never the stratum, nor anything scimon predicts, so
the labeller reads the text alone.
"""

from __future__ import annotations

import csv
import json
import sys
import textwrap
from pathlib import Path

candidates, cache, start, count = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
# where the abstract is cut (optional fifth argument; check3 was read at 460-700)
cut = int(sys.argv[5]) if len(sys.argv) > 5 else 1200
texts = json.loads(Path(cache).read_text())
with Path(candidates).open(newline="") as fh:
    rows = list(csv.DictReader(fh))
for i, row in enumerate(rows[start : start + count], start=start):
    item = texts[f"{row['source']}|{row['record_id']}"]
    abstract = item["a"].strip()
    body = abstract[:cut] + (" [...]" if len(abstract) > cut else "")
    print(f"#{i} {row['source'].split('/')[-1]}:{row['record_id']}  [{item['j'][:50]}]")
    print(f"T: {item['t']}")
    print(textwrap.fill(f"A: {body}" if body else "A: (none)", 160))
    print()
