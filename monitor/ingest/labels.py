"""``scimon labels import``: a reviewer's include/exclude decisions bootstrap a site's labels.

Each record is matched to a stored paper by PMID, DOI, then title and year;
a record scimon has never seen is stored as a new paper (source "export",
the file's name) and triaged.  Each decision becomes an "import" label
(include / exclude, with the reviewers' reason where the export has one).
Importing the same file again adds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from monitor.app import App
from monitor.parse.labelled import Labelled, read_labelled
from storage.ingest import ingest_records
from storage.labels import add_label, labels_of, match_paper


@dataclass
class ImportReport:
    records: int = 0
    matched: int = 0
    created: int = 0
    labelled: int = 0
    unchanged: int = 0
    includes: int = 0

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _match(app: App, items: list[Labelled]) -> list[int | None]:
    with app.sessions() as session:
        return [
            match_paper(session, pmid=lab.record.pmid,
                        doi=lab.record.dois[0] if lab.record.dois else None,
                        title=lab.record.title, year=lab.record.pub_year)
            for lab in items
        ]  # fmt: skip


def import_labels(app: App, path: Path, *, editor: str | None = None,
                  level: str = "abstract") -> ImportReport:  # fmt: skip
    """Store ``path``'s decisions as labels, creating the papers scimon lacks."""
    from monitor.triage.run import triage_new

    items = read_labelled(path, level=level)
    report = ImportReport(records=len(items), includes=sum(i.included for i in items))
    found = _match(app, items)
    missing = [lab for lab, pid in zip(items, found, strict=True) if pid is None]
    if missing:
        ingest_records(app.sessions, [lab.record for lab in missing])
        again = iter(_match(app, missing))
        found = [pid if pid is not None else next(again) for pid in found]
    report.created = len(missing)
    report.matched = len(items) - len(missing)
    who = editor or f"import:{path.name}"[:200]
    with app.sessions() as session, session.begin():
        for lab, pid in zip(items, found, strict=True):
            if pid is None:
                continue
            value = "include" if lab.included else "exclude"
            previous = [lb for lb in labels_of(session, pid) if lb.kind in ("decision", "import")]
            if previous and previous[-1].kind == "import" and previous[-1].value == value:
                report.unchanged += 1
                continue
            add_label(session, pid, who, "import", value, reason=lab.reason)
            report.labelled += 1
    triage_new(app)
    return report
