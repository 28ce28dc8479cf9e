"""Print a sample's categories and quoted findings, to judge them (docs/brief-extraction.md).

    python scripts/brief_sample.py SEED [--abstracts]

Draws 40 records with ``random.seed(SEED)`` from the PubMed export of an acute-SCI
drug review in ``../shared/corpus/pubmed`` (see its SOURCES.md; unique by DOI,
else title; abstracts of 300+ characters) and prints, for each, the categories
with their reasons and the sentences quoted as key findings, limitations,
future research and practical implications.  ``--abstracts`` prints each
abstract too, to judge against.  Seed 20 is the dev sample, 21 the check sample.
"""

from __future__ import annotations

import csv
import gzip
import io
import os
import random
import sys
from pathlib import Path

from monitor.briefs.categories import load_categories
from monitor.briefs.findings import findings_of

REPO = Path(__file__).resolve().parent.parent
# $SCIMON_CORPUS_DIR, else ../shared/corpus beside the checkout (as tests/corpus.py)
CORPUS = (
    Path(os.environ.get("SCIMON_CORPUS_DIR") or REPO.parent / "shared" / "corpus")
    / "pubmed" / "Review_disease_modifying_effects_drugs_SCI" / "Data" / "df.pubmed.csv.gz"
)  # fmt: skip
FIELDS = ("key_findings", "limitations", "future_research", "practical_implications")


def records(path: Path) -> list[dict[str, str]]:
    with gzip.open(path) as raw:
        rows = list(csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8")))
    seen: set[str] = set()
    out = []
    for row in rows:
        key = (row.get("DOI") or row["Title"]).lower()
        if key in seen or len(row.get("Abstract") or "") < 300:
            continue
        seen.add(key)
        out.append(row)
    return out


def main(argv: list[str]) -> None:
    seed, abstracts = int(argv[0]), "--abstracts" in argv
    categories = load_categories(REPO / "queries" / "categories.toml")
    random.seed(seed)
    for i, row in enumerate(random.sample(records(CORPUS), 40)):
        print(f"=== {i} {row['DOI'] or 'row:' + row['']} | {row['Title']}")
        if abstracts:
            print(row["Abstract"])
        for match in categories.match(row["Title"], row["Abstract"]):
            print(f"  category {match.id}: {match.reason}")
        found = findings_of(row["Title"], row["Abstract"])
        for field in FIELDS:
            for sentence in getattr(found, field):
                print(f"  {field}: {sentence}")


if __name__ == "__main__":
    main(sys.argv[1:] or ["21"])
