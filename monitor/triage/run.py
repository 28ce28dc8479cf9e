"""Triage papers: in the import pass, and of stored papers after rule changes.

A fetch or import triages each batch's new and changed papers while they are
in memory, in the batch's transaction (:class:`InlineTriage`); what it
leaves (papers stored by ``--no-triage``, or triaged by other rules) is
triaged after it.  ``scimon triage`` re-triages stored papers when they have
no triage, when the rules changed (``rules_version``), or when the paper
changed since its triage (PubMed replaced a publisher record with the
indexed one).  Notices found here flag the papers they concern (retraction
watch).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from monitor.app import App
from monitor.ranking import static_priority
from monitor.records import record_from_row, record_from_written
from monitor.triage import Triage, TriageRules, classify_many, load_rules
from monitor.triage.corrections import keep_corrections
from storage.base import utcnow
from storage.handoff import WrittenPaper
from storage.labels import corrections_for, save_scores
from storage.review import has_preference_model
from storage.session import UnitOfWork
from storage.triage import any_stale, papers_to_triage, save_triages

if TYPE_CHECKING:
    from monitor.ingest.pretriage import Pretriaged
    from monitor.parse.readahead import ChildTask

log = logging.getLogger(__name__)


@dataclass
class TriageReport:
    triaged: int = 0
    by_design: dict[str, int] | None = None
    rules_version: str = ""

    def count(self, triages: list[Triage]) -> None:
        if self.by_design is None:
            self.by_design = {}
        for triage in triages:
            self.by_design[triage.design] = self.by_design.get(triage.design, 0) + 1
        self.triaged += len(triages)

    def as_dict(self) -> dict[str, object]:
        return {
            "triaged": self.triaged,
            "rules_version": self.rules_version,
            "by_design": self.by_design or {},
        }


def rules_for(app: App) -> TriageRules:
    settings = app.settings
    return load_rules(settings.sibling(settings.config.triage.file), settings.config.vocabulary)


def topic_labels(app: App) -> dict[str, str]:
    """The configured topics' labels by id, in the rules' order.

    Empty, with a warning, when the triage rules cannot be read: labels are
    cosmetic, and a broken triage file must not stop the digest, the app or an
    export (``topic_label`` then shows ids in words)."""
    try:
        rules = rules_for(app)
    except Exception:
        log.warning("topic labels unavailable, showing topic ids", exc_info=True)
        return {}
    return {tid: label for tid, label, _ in rules.topics}


def topic_label(labels: Mapping[str, str], topic_id: str) -> str:
    """A topic's label; an id the rules do not know (any more) in words."""
    return labels.get(topic_id) or topic_id.replace("_", " ")


def topic_labeler(app: App) -> Callable[[str], str]:
    """``topic_label`` bound to the app's topics: what the digest, the app and export show."""
    return partial(topic_label, topic_labels(app))


def triage_row(paper_id: int, triage: Triage) -> dict[str, object]:
    """A ``paper_triage`` row from a Triage: the one place both triage paths build rows."""
    participants = triage.participants
    return {
        "paper_id": paper_id,
        "design": triage.design,
        "evidence_rank": triage.evidence_rank,
        "population": triage.population,
        "participants_n": participants.number if participants else None,
        "participants_unit": participants.unit[:60] if participants else None,
        "relevance": triage.relevance,
        "topics": list(triage.topics),
        "is_notice": triage.is_notice,
        "reasons": {k: list(v) for k, v in triage.reasons.items()},
        "rules_version": triage.rules_version,
        "design_confidence": triage.design_confidence,
        "confidence": dict(triage.confidence),
        "priority": static_priority(
            evidence_rank=triage.evidence_rank,
            population=triage.population,
            relevance=triage.relevance,
            participants=participants.number if participants else None,
            is_notice=triage.is_notice,
        ),
        "triaged_at": utcnow(),
    }


def _kept_rows(
    session: UnitOfWork, paper_ids: list[int], triages: list[Triage]
) -> list[dict[str, object]]:
    """The rows of both triage paths, with every facet an editor corrected kept over
    whatever these rules say (monitor/triage/corrections.py)."""
    rows = [triage_row(pid, t) for pid, t in zip(paper_ids, triages, strict=True)]
    corrected = corrections_for(session, paper_ids)
    for pid, row in zip(paper_ids, rows, strict=True):
        keep_corrections(row, corrected.get(pid, {}))
    return rows


class InlineTriage:
    """Triage in the import pass: ``storage.ingest.ingest_records``'s ``after_write``.

    Each batch's new and changed papers are classified from what the batch
    holds in memory and their rows saved in the batch's transaction, so a
    paper is never stored untriaged by a fetch or import, even one killed
    part-way, and nothing is read back for triage.

    An import's parse child classifies most records before they reach this
    process (:meth:`child_task`, monitor/ingest/pretriage.py); a paper is
    given the child's triage only when it was written exactly as the child
    classified it, and is classified here otherwise.
    """

    # triages received from the child and not (yet) matched to a written paper;
    # a record stored unchanged is never written, so the oldest are dropped
    KEEP = 4_000

    def __init__(self, app: App) -> None:
        self.rules = rules_for(app)
        self.report = TriageReport(by_design={}, rules_version=self.rules.version)
        settings = app.settings
        self._rules_file = str(settings.sibling(settings.config.triage.file))
        self._vocabulary = settings.config.vocabulary
        self._received: dict[bytes, Triage] = {}
        self.from_child = 0
        # before any preference model, a paper's score is its fixed priority: written
        # with its triage, so that the import need not read every new paper back
        # (and load scikit-learn) to score it in ``finish``
        self.scored = 0
        self._left_unscored = False

    def child_task(self) -> ChildTask:
        """The work for an import's parse child: classify records as they will be written."""
        from monitor.parse.readahead import ChildTask

        return ChildTask(
            "monitor.ingest.pretriage:pretriager",
            (self._rules_file, self._vocabulary),
            self._receive,
        )

    def _receive(self, result: Pretriaged) -> None:
        version, pairs = result
        if version != self.rules.version:
            return  # the rules changed on disk since this import began: ours hold
        received = self._received
        received.update(pairs)
        while len(received) > self.KEEP:
            del received[next(iter(received))]

    def __call__(self, session: UnitOfWork, papers: list[WrittenPaper]) -> None:
        records = [record_from_written(p) for p in papers]
        triages: list[Triage | None] = [None] * len(records)
        if self._received:
            from monitor.ingest.pretriage import triage_key

            for i, record in enumerate(records):
                triages[i] = self._received.pop(triage_key(record), None)
        todo = [i for i, t in enumerate(triages) if t is None]
        self.from_child += len(records) - len(todo)
        if todo:
            classified = classify_many([records[i] for i in todo], self.rules)
            for i, t in zip(todo, classified, strict=True):
                triages[i] = t
        done = [t for t in triages if t is not None]
        ids = [p.paper_id for p in papers]
        rows = _kept_rows(session, ids, done)
        save_triages(session, rows)
        self.report.count(done)
        # asked per batch (one row of a small table): a model trained while this import
        # runs leaves the batches after it to ``score_new``, which blends its probability
        if has_preference_model(session):
            self._left_unscored = True
        else:
            save_scores(session, [_priority_score(row) for row in rows])
            self.scored += len(rows)

    def finish(self, app: App) -> dict[str, object]:
        """After the import: triage what it left (see module docstring), flag notices."""
        with app.sessions() as session:
            stale = any_stale(session, self.rules.version)
        left = triage_pending(app, stale_only=True, flag=False) if stale else TriageReport()
        self.report.triaged += left.triaged
        for design, n in (left.by_design or {}).items():
            assert self.report.by_design is not None
            self.report.by_design[design] = self.report.by_design.get(design, 0) + n
        _flag_notices(app)
        log.info(
            "triage done triaged=%s in_parse_child=%s rules_version=%s",
            self.report.triaged, self.from_child, self.rules.version,
        )  # fmt: skip
        out = self.report.as_dict()
        with app.sessions() as session:
            ranked = has_preference_model(session)
        if ranked or self._left_unscored or left.triaged:
            from monitor.triage.learn import score_new

            out["scored"] = self.scored + score_new(app)
        else:
            out["scored"] = self.scored
        return out


def _priority_score(row: Mapping[str, object]) -> dict[str, object]:
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


def triage_pending(
    app: App,
    *,
    everything: bool = False,
    batch: int = 1000,
    stale_only: bool = False,
    flag: bool = True,
) -> TriageReport:
    """Classify every paper that needs it, in batches, one transaction each.

    ``stale_only``: only papers with no triage or one by other rules (after an
    import that triaged what it wrote; see ``storage.triage.papers_to_triage``).
    """
    rules = rules_for(app)
    report = TriageReport(by_design={}, rules_version=rules.version)
    after = 0
    while True:
        with app.sessions() as session, session.begin():
            papers = papers_to_triage(
                session,
                rules.version,
                everything=everything,
                after_id=after,
                limit=batch,
                stale_only=stale_only,
            )
            if not papers:
                break
            triages = classify_many([record_from_row(p, for_triage=True) for p in papers], rules)
            report.count(triages)
            save_triages(session, _kept_rows(session, [p.id for p in papers], triages))
            after = papers[-1].id
    if flag:
        _flag_notices(app)
        log.info("triage done triaged=%s rules_version=%s", report.triaged, rules.version)
    return report


def _flag_notices(app: App) -> None:
    """Flag every paper an erratum, retraction or expression of concern concerns."""
    try:
        from storage.review import flag_notices
    except ImportError:  # the review app's repository is not installed in this build
        return
    with app.sessions() as session, session.begin():
        flag_notices(session)


def triage_new(app: App, *, everything: bool = False) -> dict[str, object]:
    """Triage papers that need it (the step after every fetch and import), then
    score the papers triaged since they were last scored (monitor.triage.learn)."""
    from monitor.triage.learn import score_new

    report = triage_pending(app, everything=everything).as_dict()
    report["scored"] = score_new(app)
    return report
