"""Triage stored papers: after every fetch or import, and in bulk after rule changes.

Papers are re-triaged when they have no triage, when the rules changed
(``rules_version``), or when the paper changed since its triage (PubMed
replaced a publisher record with the indexed one).  Notices found here flag
the papers they concern (retraction watch).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial

from monitor.app import App
from monitor.ranking import static_priority
from monitor.records import record_from_row
from monitor.triage import Triage, TriageRules, classify_many, load_rules
from monitor.triage.corrections import keep_corrections
from storage.base import utcnow
from storage.labels import corrections_for
from storage.triage import papers_to_triage, save_triages

log = logging.getLogger(__name__)


@dataclass
class TriageReport:
    triaged: int = 0
    by_design: dict[str, int] | None = None
    rules_version: str = ""

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


def triage_pending(app: App, *, everything: bool = False, batch: int = 1000) -> TriageReport:
    """Classify every paper that needs it, in batches, one transaction each."""
    rules = rules_for(app)
    report = TriageReport(by_design={}, rules_version=rules.version)
    after = 0
    while True:
        with app.sessions() as session, session.begin():
            papers = papers_to_triage(
                session, rules.version, everything=everything, after_id=after, limit=batch
            )
            if not papers:
                break
            triages = classify_many([record_from_row(p, for_triage=True) for p in papers], rules)
            assert report.by_design is not None
            for triage in triages:
                report.by_design[triage.design] = report.by_design.get(triage.design, 0) + 1
            rows = [triage_row(p.id, t) for p, t in zip(papers, triages, strict=True)]
            # an editor's corrected facets stay over whatever these rules say
            corrected = corrections_for(session, [p.id for p in papers])
            for row in rows:
                keep_corrections(row, corrected.get(int(str(row["paper_id"])), {}))
            save_triages(session, rows)
            after = papers[-1].id
            report.triaged += len(papers)
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
