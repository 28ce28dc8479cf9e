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
from functools import partial

from monitor.app import App
from monitor.ingest.pretriage import triage_values
from monitor.ingest.triage_pass import TriagePass, TriageReport, flag_notices
from monitor.records import record_from_row, record_from_written
from monitor.triage import Triage, TriageRules, classify_many, load_rules
from monitor.triage.corrections import keep_corrections
from storage.base import utcnow
from storage.handoff import WrittenPaper
from storage.labels import corrections_for
from storage.session import UnitOfWork
from storage.triage import papers_to_triage, save_triages

log = logging.getLogger(__name__)


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
    """A ``paper_triage`` row from a Triage: the one place both triage paths build rows
    (the values themselves: ``monitor.ingest.pretriage.triage_values``)."""
    return {"paper_id": paper_id, **triage_values(triage), "triaged_at": utcnow()}


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


class InlineTriage(TriagePass):
    """Triage in the import pass: ``storage.ingest.ingest_records``'s ``after_write``.

    Each batch's new and changed papers are classified from what the batch
    holds in memory and their rows saved in the batch's transaction, so a
    paper is never stored untriaged by a fetch or import, even one killed
    part-way, and nothing is read back for triage.

    ``scimon import`` classifies in a process of its own instead
    (``monitor.ingest.classifier.ApartTriage``); this class serves fetches.
    """

    def __init__(self, app: App) -> None:
        self.rules = rules_for(app)
        super().__init__(self.rules.version)

    def __call__(self, session: UnitOfWork, papers: list[WrittenPaper]) -> None:
        done = classify_many([record_from_written(p) for p in papers], self.rules)
        self.save(session, [triage_row(p.paper_id, t) for p, t in zip(papers, done, strict=True)])


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
            report.count(t.design for t in triages)
            save_triages(session, _kept_rows(session, [p.id for p in papers], triages))
            after = papers[-1].id
    if flag:
        flag_notices(app)
        log.info("triage done triaged=%s rules_version=%s", report.triaged, rules.version)
    return report


def triage_new(app: App, *, everything: bool = False) -> dict[str, object]:
    """Triage papers that need it (the step after every fetch and import), then
    score the papers triaged since they were last scored (monitor.triage.learn)."""
    from monitor.triage.learn import score_new

    report = triage_pending(app, everything=everything).as_dict()
    report["scored"] = score_new(app)
    return report
