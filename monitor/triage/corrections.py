"""Editors' corrections of a paper's triage: stored as labels, kept over later rules.

A correction rewrites the stored facet at once (with the evidence rank a
corrected design implies and the fixed priority recomputed), and re-triage
puts every corrected facet back over what new rules say (``keep_corrections``),
so nothing an editor decided is overridden by a rule change.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from typing import Any

from monitor.app import App
from monitor.ranking import static_priority
from monitor.triage import POPULATIONS, RELEVANCE
from monitor.triage.design import DESIGNS, EVIDENCE_RANK

# the values an editor may give each facet
ALLOWED: dict[str, tuple[str, ...]] = {
    "design": tuple(DESIGNS),
    "population": POPULATIONS,
    "relevance": RELEVANCE,
}


class CorrectionError(ValueError):
    """An unknown facet or value."""


def check(facet: str, value: str) -> None:
    if facet not in ALLOWED:
        raise CorrectionError(f"cannot correct {facet!r} (one of {', '.join(ALLOWED)})")
    if value not in ALLOWED[facet]:
        raise CorrectionError(f"{value!r} is not a {facet} (one of {', '.join(ALLOWED[facet])})")


CORRECTED = "corrected by an editor (the label says who and when)"


def keep_corrections(row: MutableMapping[str, Any], corrected: Mapping[str, str]) -> None:
    """Put an editor's facets back over a freshly computed triage row, and re-rank it."""
    if not corrected:
        return
    reasons = dict(row.get("reasons") or {})
    for facet, value in corrected.items():
        if facet not in ALLOWED or value not in ALLOWED[facet]:
            continue  # a value the current vocabulary no longer has: the rules decide
        row[facet] = value
        if facet == "design":
            row["evidence_rank"] = EVIDENCE_RANK.get(value, row.get("evidence_rank", 0))
        reasons[facet] = [CORRECTED]
    row["reasons"] = reasons
    row["priority"] = static_priority(
        evidence_rank=int(row["evidence_rank"]),
        population=str(row["population"]),
        relevance=str(row["relevance"]),
        participants=row.get("participants_n"),
        is_notice=bool(row.get("is_notice")),
    )


def correct(
    app: App, paper_id: int, editor: str, facet: str, value: str, *, reason: str | None = None
) -> None:
    """Store an editor's correction, apply it to the stored triage, rescore the paper."""
    from monitor.triage.learn import current_model, score_papers
    from storage.labels import correct_triage, papers_to_score
    from storage.triage import get_triage

    check(facet, value)
    model, version = current_model(app)
    with app.sessions() as session, session.begin():
        triage = get_triage(session, paper_id)
        updates: dict[str, Any] = {}
        if triage is not None:
            row: dict[str, Any] = {c: getattr(triage, c) for c in _TRIAGE_COLUMNS}
            keep_corrections(row, {facet: value})
            updates = {k: row[k] for k in (facet, "evidence_rank", "priority", "reasons")}
        correct_triage(session, paper_id, editor, facet, value, updates=updates, reason=reason)
        session.flush()
        pairs = papers_to_score(session, after_id=paper_id - 1, limit=1)
        score_papers(app, session, [p for p in pairs if p[0].id == paper_id], model, version)


_TRIAGE_COLUMNS = ("design", "evidence_rank", "population", "relevance", "participants_n",
                   "is_notice", "reasons")  # fmt: skip
