"""What the classifying process of an import sends back, and how it keys it (issue 23).

``scimon import`` classifies in a process of its own
(monitor/ingest/classify_child.py, driven by monitor/ingest/classifier.py)
records the storing process has parsed and not yet written.  What a triage
says depends only on the record triage reads
(``monitor.records.record_from_written``: a paper's stored columns and
links).  The child builds that record from a parsed one as a first import
would store it (``storage.merge.record_values`` and ``link_values``).  The
storing process uses that triage only for a paper its batch wrote from that
very record and nothing else (``storage.handoff.WrittenPaper.parsed``): a
record merged with a stored paper, or folded with another of its batch, is
written differently, and is sent to be classified as written.  So the rows
are those of the two-pass path.

Light on purpose: the classifying child imports this, and must not import
SQLAlchemy; the storing process imports it, and must not import the triage
modules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from monitor.ranking import static_priority
from monitor.records import PaperRecord, record_from_stored
from storage.handoff import StoredLink
from storage.merge import link_values, record_values

if TYPE_CHECKING:
    from monitor.triage import Triage


def as_written(record: PaperRecord) -> PaperRecord:
    """The record triage would read back from ``record`` stored as a new paper."""
    links = [
        StoredLink(row["kind"], row["target_pmid"], row["target_doi"], row["citation"])
        for row in link_values(record.links)
    ]
    return record_from_stored(
        0,
        record_values(record),
        "pubmed" if record.source == "pubmed" else record.source,
        f"{record.source}:{record.source_name}"[:200],
        links,
        for_triage=True,
    )


def triage_values(triage: Triage) -> dict[str, Any]:
    """A ``paper_triage`` row of ``triage`` but its paper and time (see
    ``monitor.triage.run.triage_row``, the one place rows are built): plain
    values, so that the storing process unpickles them without importing triage."""
    participants = triage.participants
    return {
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
    }
