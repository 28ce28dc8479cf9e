"""Human vs animal, from text alone, on a BibTeX export whose keywords hold MeSH.

    python scripts/population_check.py [EXPORT.bib[.gz]]

The default is the Rayyan export of a spinal-fracture systematic review in
``../shared/corpus/pubmed-sci`` (see its SOURCES.md): records outside the
PubMed XML of ``scimon eval triage``, so a check that the population rules
were not fitted to that key.  The answer is the MeSH check tags among the
keywords, read as ``monitor.evaluation.triage.gold_population`` reads MeSH; the
keywords are hidden from the classifier.  Prints the accuracy and the
records it got wrong (docs/triage-evaluation.md quotes the figure).
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

from monitor.app import App
from monitor.evaluation.triage import gold_population
from monitor.parse.bibliography import read_bibtex
from monitor.triage import classify
from monitor.triage.run import rules_for

REPO = Path(__file__).resolve().parent.parent
DEFAULT = (
    REPO.parent / "shared" / "corpus" / "pubmed-sci" / "xr-sfmhsush-ssb-hsss-v2"
    / "articles_1135_EBD_PVZ_SAS_preconsensus_unmasked.bib.gz"
)  # fmt: skip


def check(path: Path) -> tuple[int, int, list[str]]:
    """(right, scored, lines naming the records got wrong)."""
    rules = rules_for(App())
    right = scored = 0
    wrong: list[str] = []
    for record in read_bibtex(path):
        gold = gold_population(dataclasses.replace(record, mesh=record.keywords))
        if gold is None:
            continue
        triage = classify(dataclasses.replace(record, keywords=()), rules, use_indexing=False)
        predicted = "animal" if triage.population == "animal" else "human"
        scored += 1
        if predicted == gold:
            right += 1
        else:
            reason = "; ".join(triage.reasons["population"])
            wrong.append(f"{record.source_id}: MeSH {gold}, text {triage.population} ({reason}): "
                         f"{record.title[:80]}")  # fmt: skip
    return right, scored, wrong


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    if not path.exists():
        sys.exit(f"{path}: not found (the corpus lives in ../shared/corpus)")
    right, scored, wrong = check(path)
    print(f"{path.name}: human vs animal-only accuracy {right / scored:.3f} ({right} of {scored})")
    for line in wrong:
        print("  " + line)


if __name__ == "__main__":
    main()
