"""What both in-pass triages share: the report, saving a batch's rows, finishing.

``monitor.triage.run.InlineTriage`` (fetches: rules in this process) and
``monitor.ingest.classifier.ApartTriage`` (``scimon import``: rules in a
classifying process) save rows and finish an import the same way.  This
module imports no triage module, so that the storing process of an import
never loads the rules (issue 23: each process holds one side only).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from monitor.app import App
from storage.labels import corrections_for, save_scores
from storage.review import has_preference_model
from storage.session import UnitOfWork
from storage.triage import any_stale, save_triages

log = logging.getLogger(__name__)


@dataclass
class TriageReport:
    triaged: int = 0
    by_design: dict[str, int] | None = None
    rules_version: str = ""

    def count(self, designs: Iterable[str]) -> None:
        """Count triages by their designs."""
        if self.by_design is None:
            self.by_design = {}
        for design in designs:
            self.by_design[design] = self.by_design.get(design, 0) + 1
            self.triaged += 1

    def as_dict(self) -> dict[str, object]:
        return {
            "triaged": self.triaged,
            "rules_version": self.rules_version,
            "by_design": self.by_design or {},
        }


class TriagePass:
    """The saving and finishing of a triage in the import pass (subclasses classify)."""

    def __init__(self, rules_version: str) -> None:
        self.report = TriageReport(by_design={}, rules_version=rules_version)
        # before any preference model, a paper's score is its fixed priority: written
        # with its triage, so that the import need not read every new paper back
        # (and load scikit-learn) to score it in ``finish``
        self.scored = 0
        self._left_unscored = False

    def save(self, session: UnitOfWork, rows: list[dict[str, Any]]) -> None:
        """Save a batch's triage rows (an editor's corrections kept) and their scores."""
        corrected = corrections_for(session, [row["paper_id"] for row in rows])
        if corrected:  # imported only then: it imports the triage modules
            from monitor.triage.corrections import keep_corrections

            for row in rows:
                keep_corrections(row, corrected.get(row["paper_id"], {}))
        save_triages(session, rows)
        self.report.count(str(row["design"]) for row in rows)
        # asked per batch (one row of a small table): a model trained while this import
        # runs leaves the batches after it to ``score_new``, which blends its probability
        if has_preference_model(session):
            self._left_unscored = True
        else:
            save_scores(session, [priority_score(row) for row in rows])
            self.scored += len(rows)

    def finish(self, app: App) -> dict[str, object]:
        """After the import: triage what it left (papers stored without triage, or
        triaged by other rules), flag notices, score what is not scored yet."""
        version = self.report.rules_version
        with app.sessions() as session:
            stale = any_stale(session, version)
        left = TriageReport()
        if stale:
            from monitor.triage.run import triage_pending

            left = triage_pending(app, stale_only=True, flag=False)
        self.report.triaged += left.triaged
        for design, n in (left.by_design or {}).items():
            assert self.report.by_design is not None
            self.report.by_design[design] = self.report.by_design.get(design, 0) + n
        flag_notices(app)
        log.info("triage done triaged=%s rules_version=%s", self.report.triaged, version)
        out = self.report.as_dict()
        with app.sessions() as session:
            ranked = has_preference_model(session)
        if ranked or self._left_unscored or left.triaged:
            from monitor.triage.learn import score_new

            out["scored"] = self.scored + score_new(app)
        else:
            out["scored"] = self.scored
        return out


def priority_score(row: Mapping[str, Any]) -> dict[str, object]:
    """The ``paper_score`` row of a paper with no preference model yet (as
    ``monitor.triage.learn.score_rows`` makes it), scored as it is triaged."""
    return {
        "paper_id": row["paper_id"],
        "score": row["priority"],
        "probability": None,
        "model_version": None,
        "why": [],
        "scored_at": row["triaged_at"],
    }


def flag_notices(app: App) -> None:
    """Flag every paper an erratum, retraction or expression of concern concerns."""
    try:
        from storage.review import flag_notices as flag
    except ImportError:  # the review app's repository is not installed in this build
        return
    with app.sessions() as session, session.begin():
        flag(session)
