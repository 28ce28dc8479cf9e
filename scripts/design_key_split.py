"""Split the labelled design key into its development and check halves.

    python scripts/design_key_split.py LABELLED.csv OUT_DIR

LABELLED.csv holds every labelled row (the columns of docs/design-key/*.csv)
in the order the rows were labelled.  Each design label's rows are taken in
pairs in that order; a seeded coin per (label, pair) sends the pair's first
row to dev or check and the second to the other half.  So each label is split
50/50 (an odd last row goes by its own coin), and labelling more rows later
never moves a row already assigned: the development half can be handed out
while labelling goes on.
"""

from __future__ import annotations

import csv
import random
import sys
from pathlib import Path

SEED = 19
COLUMNS = ["source", "record_id", "title_only", "design", "population", "relevance", "note"]


def side(label: str, index: int) -> str:
    """"dev" or "check" for the ``index``-th row (0-based) labelled ``label``."""
    coin = random.Random(f"{SEED}:{label}:{index // 2}").random() < 0.5
    first = "dev" if coin else "check"
    other = "check" if first == "dev" else "dev"
    return first if index % 2 == 0 else other


def main() -> None:
    labelled, out = Path(sys.argv[1]), Path(sys.argv[2])
    with labelled.open(newline="") as fh:
        rows = list(csv.DictReader(fh))
    seen: dict[str, int] = {}
    halves: dict[str, list[dict[str, str]]] = {"dev": [], "check": []}
    for row in rows:
        n = seen.get(row["design"], 0)
        seen[row["design"]] = n + 1
        halves[side(row["design"], n)].append(row)
    for name, part in halves.items():
        with (out / f"{name}.csv").open("w", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows({c: r[c] for c in COLUMNS} for r in part)
        print(f"{name}: {len(part)} rows", file=sys.stderr)


if __name__ == "__main__":
    main()
