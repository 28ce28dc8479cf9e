"""Split the hand labels of the card key into docs/card-key/dev.csv and check.csv.

``python scripts/card_key_split.py SAMPLE.txt LABELS.txt OUTDIR``: SAMPLE is the
file scripts/card_key_sample.py wrote (its ``### n | stratum | source | id``
headers name the records), LABELS one line per record,
``n|participants_n|participants_unit|duration|coarse_level|note``.  Rows are
split 50/50 within each coarse level with a fixed seed, so both halves hold
every level; only ids and labels are written, never text.
"""

from __future__ import annotations

import csv
import random
import re
import sys
from pathlib import Path

SEED = 2020
COLUMNS = ["source", "record_id", "participants_n", "participants_unit", "duration",
           "coarse_level", "note"]  # fmt: skip
_HEADER = re.compile(r"^### (\d+) \| (\w+) \| (.+?) \| (\S+)$")


def main(argv: list[str]) -> None:
    names: dict[str, tuple[str, str]] = {}
    for line in Path(argv[1]).read_text(encoding="utf-8").splitlines():
        if m := _HEADER.match(line):
            names[m.group(1)] = (m.group(3), m.group(4))
    rows: list[dict[str, str]] = []
    for line in Path(argv[2]).read_text(encoding="utf-8").splitlines():
        fields = line.split("|")
        if len(fields) == 7 and not any(fields[1:5]):
            del fields[4]  # "n|||||level|note": one separator too many, all empty
        n, number, unit, duration, level, note = fields
        source, record_id = names[n]
        rows.append(
            dict(
                zip(COLUMNS, [source, record_id, number, unit, duration, level, note], strict=True)
            )
        )
    rng = random.Random(SEED)
    dev: list[dict[str, str]] = []
    check: list[dict[str, str]] = []
    for level in sorted({r["coarse_level"] for r in rows}):
        group = [r for r in rows if r["coarse_level"] == level]
        rng.shuffle(group)
        half = (len(group) + rng.randint(0, 1)) // 2
        dev.extend(group[:half])
        check.extend(group[half:])
    out = Path(argv[3])
    for name, part in (("dev.csv", dev), ("check.csv", check)):
        with (out / name).open("w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(sorted(part, key=lambda r: (r["source"], r["record_id"])))
    print(len(dev), len(check))


if __name__ == "__main__":
    main(sys.argv)
