"""Editors' work on papers: status changes with history, undo, retraction watch."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, or_, select, tuple_, update
from sqlalchemy.orm import Session

from storage.base import utcnow
from storage.labels import add_label
from storage.models import (
    EditorAction,
    LoginToken,
    Paper,
    PaperCategoryOverride,
    PaperLink,
    PaperScore,
    PaperSighting,
    PaperStatus,
    PaperTriage,
    PreferenceModelVersion,
)
from storage.models.review import STATUSES
from storage.sections import in_section

IN_WORK = ("maybe", "to_summarize", "in_progress", "summarized")
LIKELY = 0.5  # the queue's "likely to summarize" filter: the preference model's probability
# what editors read for a status, in the app, the shortlist and the digest: one rule, so
# a status added to STATUSES has its label ("to_summarize" -> "To summarize")
_CATEGORY_ID = re.compile(r"[a-z][a-z0-9_]{1,40}")
STATUS_LABELS = {status: status.replace("_", " ").capitalize() for status in STATUSES}
# CommentsCorrections kinds: on the notice (pointing at the paper) / on the paper itself
NOTICE_FOR = {
    "ErratumFor": "erratum",
    "RetractionOf": "retraction",
    "ExpressionOfConcernFor": "expression of concern",
}
NOTICE_IN = {
    "ErratumIn": "erratum",
    "RetractionIn": "retraction",
    "ExpressionOfConcernIn": "expression of concern",
}
# a preprint points at its published article (UpdateIn) and the article back (UpdateOf)
VERSION_LINKS = {"UpdateIn", "UpdateOf"}


class ReviewError(ValueError):
    """An impossible status change (unknown status, nothing to undo)."""


def set_status(
    session: Session,
    paper_id: int,
    status: str,
    editor: str,
    *,
    note: str | None = None,
    assignee: str | None = None,
    summary_url: str | None = None,
    reason: str | None = None,
    now: datetime | None = None,
) -> EditorAction:
    """Change a paper's status and record who, when, from what, and why.

    ``reason`` is the editor's pick from a short list (a Skip's "not SCI", ...);
    ``note`` is free text.
    Every change is also a decision label (storage.labels), with ``reason``:
    the preference model learns from them.
    """
    if status not in STATUSES:
        raise ReviewError(f"unknown status {status!r} (one of {', '.join(STATUSES)})")
    now = now or utcnow()
    current = session.get(PaperStatus, paper_id)
    before = current.status if current else "new"
    if current is None:
        current = PaperStatus(paper_id=paper_id, status=status, updated_at=now, updated_by=editor)
        session.add(current)
    current.status, current.updated_at, current.updated_by = status, now, editor
    if status == "in_progress":
        current.assignee = assignee or current.assignee or editor
    if summary_url is not None:
        current.summary_url = summary_url
    action = EditorAction(
        paper_id=paper_id,
        editor=editor,
        from_status=before,
        to_status=status,
        assignee=current.assignee,
        summary_url=summary_url,
        note=note or None,
        reason=(reason or "").strip()[:100] or None,
        created_at=now,
    )
    session.add(action)
    session.flush()
    add_label(session, paper_id, editor, "decision", status, reason=reason, now=now)
    return action


def undo(
    session: Session, action_id: int, editor: str, now: datetime | None = None
) -> EditorAction:
    """Undo one change: a new action back to its ``from_status``; the original is marked."""
    action = session.get(EditorAction, action_id)
    if action is None or action.undone_at is not None:
        raise ReviewError("nothing to undo")
    now = now or utcnow()
    back = set_status(
        session,
        action.paper_id,
        action.from_status,
        editor,
        note=f"undo of change #{action.id}",
        now=now,
    )
    back.undoes_id = action.id
    action.undone_at = now
    return back


def history(session: Session, paper_id: int) -> list[EditorAction]:
    return list(
        session.scalars(
            select(EditorAction)
            .where(EditorAction.paper_id == paper_id)
            .order_by(EditorAction.created_at, EditorAction.id)
        )
    )


# a later notice replaces a milder one's flag: a retraction after an erratum must
# reach editors however the erratum was handled
_SEVERITY = {"erratum": 1, "expression of concern": 2, "retraction": 3}
NOTICE_FLAGGER = "scimon"  # updated_by of a status row the retraction watch created


def flag_notices(session: Session, now: datetime | None = None) -> int:
    """Flag every paper that got an erratum, retraction or expression of concern.

    Whatever its status: a retracted paper nobody has marked yet is still a
    digest candidate, and the flag is how the digest and the queue show it (a
    ``new`` status row is created for it, by ``NOTICE_FLAGGER``).  A paper
    already flagged is flagged again only for a graver notice (a retraction
    after an erratum), with the new reason and time.  Returns how many flags
    were set."""
    now = now or utcnow()
    reasons: dict[int, tuple[int, str]] = {}

    def note(paper_id: int, kind: str, reason: str) -> None:
        severity = _SEVERITY[kind]
        if paper_id not in reasons or severity > reasons[paper_id][0]:
            reasons[paper_id] = (severity, reason)

    incoming = select(PaperLink.target_paper_id, PaperLink.kind, PaperLink.paper_id).where(
        PaperLink.kind.in_(list(NOTICE_FOR)), PaperLink.target_paper_id.is_not(None)
    )
    for target, kind, notice_id in session.execute(incoming):
        if target is not None:
            note(target, NOTICE_FOR[kind], f"{NOTICE_FOR[kind]} published (paper #{notice_id})")
    own = select(PaperLink.paper_id, PaperLink.kind, PaperLink.citation).where(
        PaperLink.kind.in_(list(NOTICE_IN))
    )
    for paper_id, kind, citation in session.execute(own):
        note(paper_id, NOTICE_IN[kind], f"{NOTICE_IN[kind]}: {citation or 'see PubMed'}")
    if not reasons:
        return 0
    flagged = 0
    ids = list(reasons)
    for start in range(0, len(ids), 900):  # SQLite's bound-parameter limit
        chunk = ids[start : start + 900]
        rows = {
            r.paper_id: r
            for r in session.scalars(select(PaperStatus).where(PaperStatus.paper_id.in_(chunk)))
        }
        # (not a paper NLM deleted: it is out of every list already)
        alive = set(
            session.scalars(select(Paper.id).where(Paper.id.in_(chunk), Paper.deleted_at.is_(None)))
        )
        for paper_id in chunk:
            severity, reason = reasons[paper_id]
            row = rows.get(paper_id)
            if paper_id not in alive:
                continue
            if row is None:
                row = PaperStatus(
                    paper_id=paper_id, status="new", updated_at=now, updated_by=NOTICE_FLAGGER
                )
                session.add(row)
            elif row.flagged_at is not None and severity <= _flag_severity(row.flag_reason):
                continue
            row.flagged_at, row.flag_reason = now, reason
            flagged += 1
    session.flush()
    return flagged


def _flag_severity(reason: str | None) -> int:
    """The severity of a flag from its reason, which opens on the notice's kind."""
    return max((s for kind, s in _SEVERITY.items() if (reason or "").startswith(kind)), default=0)


# -- the review queue ----------------------------------------------------------------------


@dataclass
class QueueFilters:
    since: datetime | None = None
    until: datetime | None = None
    design: str | None = None
    population: str | None = None
    relevance: str | None = None
    topic: str | None = None
    source: str | None = None
    status: str | None = None
    section: str | None = None  # a digest section's key (storage.sections)
    include_notices: bool = False
    min_confidence: float | None = None  # the least confidence in the shown design
    # the editors' default view: papers nobody decided on yet ("new"), off-topic ones left
    # out, and flagged papers in work
    to_decide: bool = False
    likely: bool = False  # "likely to summarize": the preference model's p >= LIKELY


@dataclass
class QueueRow:
    id: int
    title: str
    journal: str
    doi: str | None
    published_on: Any
    first_seen_at: datetime
    design: str | None
    population: str | None
    relevance: str | None
    topics: list[str]
    participants_n: int | None
    participants_unit: str | None
    priority: float | None
    status: str
    flagged: bool
    flag_reason: str | None
    design_confidence: float | None = None
    score: float | None = None
    probability: float | None = None
    why: list[str] | None = None
    is_preprint: bool = False
    cursor: str = ""  # the queue's sort key and id, for the next page (keyset)


# the queue counts its papers up to this many, and says "more" beyond (a count of a
# million rows would cost more than the page itself; 10,000 still cost 70-130 ms)
COUNT_CAP = 1_000


def has_preference_model(session: Session) -> bool:
    """Whether a preference model was ever trained: one row read of a small table
    (not the model's JSON), for the queue's order and for scoring on import."""
    return session.scalar(select(PreferenceModelVersion.version).limit(1)) is not None


def queue(
    session: Session,
    filters: QueueFilters,
    *,
    page: int = 1,
    per_page: int = 50,
    after: tuple[float, int] | None = None,
) -> tuple[list[QueueRow], int]:
    """One page of candidates, highest priority first, and how many there are.

    Flagged papers editors are working on come first (a handful, read apart);
    then every other triaged paper in (priority, id) order, read along the
    ``ix_paper_triage_*_priority`` indexes and stopped at the page, never
    sorted whole.  ``after`` (a row's ``(priority, id)``) pages on from that
    row without an OFFSET (keyset); otherwise ``page`` counts pages.  The
    total is exact up to :data:`COUNT_CAP` and ``COUNT_CAP + 1`` beyond.
    Papers without triage (stored with ``--no-triage``) join the queue once
    triaged.  Once a preference model exists the order is ``paper_score``'s
    (score, id), walked along its index: a paper is listed once scored, which
    follows its triage (``monitor.triage.learn.score_new``).
    """
    status_col = func.coalesce(PaperStatus.status, "new")
    in_work = and_(PaperStatus.flagged_at.is_not(None), PaperStatus.status.in_(IN_WORK))
    columns = (
        Paper.id, Paper.title, Paper.journal, Paper.doi, Paper.published_on,
        Paper.first_seen_at, PaperTriage.design, PaperTriage.population, PaperTriage.relevance,
        PaperTriage.topics, PaperTriage.participants_n, PaperTriage.participants_unit,
        PaperTriage.priority, status_col, PaperStatus.flagged_at, PaperStatus.flag_reason,
        PaperTriage.design_confidence, PaperScore.score, PaperScore.probability, PaperScore.why,
        Paper.is_preprint,
    )  # fmt: skip
    conds = _queue_conditions(filters, status_col)
    # once a preference model has scored papers (monitor/triage/learn.py), the queue ranks
    # by its blended score along ix_paper_score_score_paper, else by the fixed priority
    # along ix_paper_triage_priority_paper (the common case); every triaged paper is
    # scored after its triage (storage.labels.save_model rescored them all)
    ranked = has_preference_model(session)
    key: Any = PaperScore.score if ranked else PaperTriage.priority
    walked: Any = PaperScore if ranked else PaperTriage
    walked_id: Any = PaperScore.paper_id if ranked else PaperTriage.paper_id

    def base(*cols: Any) -> Any:
        query = select(*cols).select_from(walked)
        if ranked:
            query = query.join(PaperTriage, PaperTriage.paper_id == PaperScore.paper_id + 0)
        # "+ 0": the walked table cannot be the inner side of the join (looked up by its
        # key), so the planner walks it in the queue's order and looks papers up
        query = query.join(Paper, Paper.id == walked_id + 0).outerjoin(
            PaperStatus, PaperStatus.paper_id == walked_id
        )
        if not ranked:
            query = query.outerjoin(PaperScore, PaperScore.paper_id == PaperTriage.paper_id)
        return query.where(*conds)

    order = (key.desc(), walked_id.desc())
    # the pinned few are read from paper_status ("+ 0": it stays the outer side of the join),
    # not found by walking every triage row
    pinned_rows = (
        select(*columns)
        .select_from(PaperStatus)
        .join(PaperTriage, PaperTriage.paper_id == PaperStatus.paper_id + 0)
        .join(Paper, Paper.id == PaperStatus.paper_id + 0)
        .outerjoin(PaperScore, PaperScore.paper_id == PaperStatus.paper_id)
        .where(in_work, *conds)
        .order_by(
            (func.coalesce(PaperScore.score, PaperTriage.priority) if ranked else key).desc(),
            PaperStatus.paper_id.desc(),
        )
    )
    pinned = [] if after is not None else session.execute(pinned_rows).all()
    not_pinned = or_(
        PaperStatus.paper_id.is_(None), PaperStatus.flagged_at.is_(None),
        PaperStatus.status.not_in(IN_WORK),
    )  # fmt: skip
    rest = base(*columns).where(not_pinned)
    offset = max(page - 1, 0) * per_page
    if after is not None:
        rest = rest.where(tuple_(key, walked_id) < tuple_(*after))
        rows = list(session.execute(rest.order_by(*order).limit(per_page)).all())
    else:
        rows = list(pinned[offset : offset + per_page])
        skip = max(offset - len(pinned), 0)
        rows += session.execute(
            rest.order_by(*order).limit(per_page - len(rows)).offset(skip)
        ).all()
    total = _capped_count(session, filters, status_col)
    out = [
        QueueRow(
            id=r[0],
            title=r[1],
            journal=r[2],
            doi=r[3],
            published_on=r[4],
            first_seen_at=r[5],
            design=r[6],
            population=r[7],
            relevance=r[8],
            topics=list(r[9] or []),
            participants_n=r[10],
            participants_unit=r[11],
            priority=r[12],
            status=r[13],
            flagged=r[14] is not None,
            flag_reason=r[15],
            design_confidence=r[16],
            score=r[17],
            probability=r[18],
            why=list(r[19] or []),
            is_preprint=bool(r[20]),
            cursor=_cursor_of(r[0], (r[17] if r[17] is not None else r[12]) if ranked else r[12]),
        )
        for r in rows
    ]
    return out, int(total)


def _capped_count(session: Session, filters: QueueFilters, status_col: Any) -> int:
    """How many papers the queue lists, exact up to :data:`COUNT_CAP`, ``COUNT_CAP + 1`` beyond.

    Pinned papers are counted with the rest; ``paper_status`` is joined only to
    filter on it.  The "to decide" view is counted as its disjoint parts
    (:func:`_to_decide_branches`), each capped: undecided on-topic papers, found
    through the relevance index, and papers in work flagged since their
    decision, found through ``paper_status``.  As one OR across the two tables
    no index served it, and SQLite read ``paper_triage`` whole in rowid order
    until 1,001 matched, looking each on-topic row's paper up for
    ``deleted_at``: 0.4-4 s from 83,000 papers, where 0.4% of the papers are
    on-topic.  ``deleted_at`` is read from ``ix_paper_id_deleted_at`` (covering),
    not from the paper's row (its abstract and authors, in overflow pages).
    """
    base_conds = _queue_conditions(replace(filters, to_decide=False), status_col)
    branches: tuple[Any, ...] = _to_decide_branches(status_col) if filters.to_decide else (None,)
    total = 0
    for branch in branches:
        counted = (
            select(PaperTriage.paper_id)
            .select_from(PaperTriage)
            .join(Paper, Paper.id == PaperTriage.paper_id + 0)
        )
        if filters.status or filters.to_decide:
            counted = counted.outerjoin(PaperStatus, PaperStatus.paper_id == PaperTriage.paper_id)
        if filters.likely:
            counted = counted.outerjoin(PaperScore, PaperScore.paper_id == PaperTriage.paper_id)
        where = [*base_conds] if branch is None else [*base_conds, branch]
        capped = counted.where(*where).limit(COUNT_CAP + 1 - total).subquery()
        total += int(session.scalar(select(func.count()).select_from(capped)) or 0)
        if total > COUNT_CAP:
            break
    return min(total, COUNT_CAP + 1)


def _to_decide_branches(status_col: ColumnElement[Any]) -> tuple[Any, ...]:
    """The "to decide" view's disjoint parts: undecided on-topic papers, and papers in
    work that a notice flagged since their last decision (a retraction of a paper
    being summarized asks again).

    "On-topic" (``relevance != 'off_topic'``; ``relevance`` is NOT NULL) is written
    as two ranges, one per part, each of which the relevance index serves: no
    index serves ``!=``, and with an OR of the two ranges SQLite's planner, from
    sampled statistics, chose to scan every triage row for the few on-topic ones
    (0.4% of a PubMed update file)."""
    undecided = status_col == "new"
    return (
        and_(undecided, PaperTriage.relevance < "off_topic"),
        and_(undecided, PaperTriage.relevance > "off_topic"),
        and_(PaperStatus.flagged_at >= PaperStatus.updated_at, PaperStatus.status.in_(IN_WORK)),
    )


def _cursor_of(paper_id: int, key: float | None) -> str:
    """``key:id`` of a row, what the next page goes on after (keyset); "" without a key."""
    return f"{key!r}:{paper_id}" if key is not None else ""


def decided_in(session: Session, since: datetime, until: datetime) -> tuple[int, int]:
    """(decided, all) of the papers first seen in [since, until) an editor should decide on.

    Those are the papers the "to decide" view lists (off-topic ones and notices
    left out) plus those already decided: the progress line of the queue.
    """
    status_col = func.coalesce(PaperStatus.status, "new")
    decided = case((status_col != "new", 1), else_=0)
    row = session.execute(
        select(func.count(), func.coalesce(func.sum(decided), 0))
        .select_from(Paper)
        .outerjoin(PaperTriage, PaperTriage.paper_id == Paper.id)
        .outerjoin(PaperStatus, PaperStatus.paper_id == Paper.id)
        .where(
            Paper.deleted_at.is_(None),
            Paper.first_seen_at >= since,
            Paper.first_seen_at < until,
            or_(PaperTriage.is_notice.is_(False), PaperTriage.is_notice.is_(None)),
            or_(
                status_col != "new",
                PaperTriage.relevance.is_(None),
                PaperTriage.relevance != "off_topic",
            ),
        )
    ).one()
    return int(row[1]), int(row[0])


def _queue_conditions(f: QueueFilters, status_col: ColumnElement[Any]) -> list[Any]:
    conds: list[Any] = [Paper.deleted_at.is_(None)]
    if f.since is not None:
        conds.append(Paper.first_seen_at >= f.since)
    if f.until is not None:
        conds.append(Paper.first_seen_at < f.until)
    if f.design:
        conds.append(PaperTriage.design == f.design)
    if f.section:
        conds.append(in_section(f.section))
    if f.population:
        conds.append(PaperTriage.population == f.population)
    if f.relevance:
        conds.append(PaperTriage.relevance == f.relevance)
    if f.min_confidence is not None:
        conds.append(PaperTriage.design_confidence >= f.min_confidence)
    if f.status:
        conds.append(status_col == f.status)
    if f.to_decide:
        conds.append(or_(*_to_decide_branches(status_col)))
    if not f.include_notices:
        # as an expression, which no index serves: otherwise SQLite read the queue through
        # ix_paper_triage_is_notice (almost every row) and sorted it, instead of walking
        # the priority index and stopping at the page
        conds.append(func.coalesce(PaperTriage.is_notice, False).is_(False))
    if f.source:
        conds.append(Paper.id.in_(select(PaperSighting.paper_id).where(_source_is(f.source))))
    if f.topic:
        conds.append(PaperTriage.has_topic(f.topic))
    if f.likely:
        conds.append(PaperScore.probability >= LIKELY)
    return conds


# A link as the other record states it, said from this paper's side: PubMed states most links
# on both records (the article's ErratumIn, its erratum's ErratumFor), each from its own side
SAID_BACK = {
    "ErratumFor": "ErratumIn",
    "RetractionOf": "RetractionIn",
    "ExpressionOfConcernFor": "ExpressionOfConcernIn",
    "CommentOn": "CommentIn",
    "UpdateIn": "UpdateOf",
}
SAID_BACK |= {back: kind for kind, back in SAID_BACK.items()}


def notices_for(session: Session, paper_id: int) -> list[tuple[str, int | None, str | None]]:
    """Papers linked to this one: (kind, other paper id, citation).

    Errata, retractions and comments that concern it, and its other versions
    (a preprint and its published article: PubMed's UpdateIn / UpdateOf).  Each
    ``kind`` is said from this paper's side, as its own record would state it
    (``ErratumIn``: the other paper is its erratum; ``ErratumFor``: it is the other
    paper's), whichever record stated the link, and a link is listed once even when
    both records state it.
    """
    out: list[tuple[str, int | None, str | None]] = []
    seen: set[tuple[str, int]] = set()  # the stored papers' links listed, said from here
    for kind, pid, citation in session.execute(
        select(PaperLink.kind, PaperLink.paper_id, PaperLink.citation).where(
            PaperLink.target_paper_id == paper_id
        )
    ):
        if (said := (SAID_BACK.get(kind, kind), pid)) not in seen:
            seen.add(said)
            out.append((*said, citation))
    for kind, target, citation in session.execute(
        select(PaperLink.kind, PaperLink.target_paper_id, PaperLink.citation).where(
            PaperLink.paper_id == paper_id,
            PaperLink.kind.in_([*NOTICE_IN, "CommentIn", *VERSION_LINKS]),
        )
    ):
        # a link to a paper not stored is its own row, its own citation: never one with
        # another of its kind (rev20: keyed by (kind, None), two unstored comments
        # were listed as one, the second's citation in place of the first's)
        if target is None or (kind, target) not in seen:
            out.append((kind, target, citation))
            if target is not None:
                seen.add((kind, target))
    return out


def papers_with_status(session: Session, statuses: tuple[str, ...]) -> list[int]:
    return list(
        session.scalars(
            select(PaperStatus.paper_id)
            .where(PaperStatus.status.in_(statuses))
            .order_by(PaperStatus.updated_at.desc())
        )
    )


# -- sign-in tokens ----------------------------------------------------------------------------


def record_login_token(session: Session, jti: str, email: str) -> None:
    session.add(LoginToken(jti=jti, email=email, created_at=utcnow()))


def use_login_token(session: Session, jti: str, email: str) -> bool:
    """Mark a sign-in link used; False if unknown, for someone else, or used before."""
    result = session.execute(
        update(LoginToken)
        .where(LoginToken.jti == jti, LoginToken.email == email, LoginToken.used_at.is_(None))
        .values(used_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(result, "rowcount", 0) == 1)


# the forms a source is shown in: "pubmed:sci" (status, fetch --json), "PubMed (sci)" and
# "the spinal-cord journal feed" (the digest), "sci" or "pubmed" (typed by hand)
_LABELLED = re.compile(r"(?i)^(pubmed|feed|import)\s*\((.+)\)$")
_FEED_LABEL = re.compile(r"(?i)^the (.+) journal feed$")


def _source_is(text: str) -> ColumnElement[bool]:
    """The sightings of the source ``text`` names, in any form scimon shows it."""
    text = text.strip()
    kind, name = "", text
    if match := _LABELLED.match(text):
        kind, name = match[1].lower(), match[2].strip()
    elif match := _FEED_LABEL.match(text):
        kind, name = "feed", match[1].strip()
    elif ":" in text:
        kind, name = (part.strip() for part in text.split(":", 1))
    if kind == "import":
        kind = "pubmed"  # imported files are PubMed XML, sighted under their file name
    if kind:
        return and_(PaperSighting.source == kind.lower(), PaperSighting.source_name == name)
    return or_(PaperSighting.source == text.lower(), PaperSighting.source_name == text)


# -- editors' corrections of categories (issue 20) ----------------------------------------------


def category_override(session: Session, paper_id: int) -> list[str] | None:
    """The categories an editor chose for the paper, or None when nobody corrected them."""
    row = session.get(PaperCategoryOverride, paper_id)
    return list(row.categories) if row is not None else None


def set_category_override(
    session: Session, paper_id: int, categories: list[str], editor: str
) -> None:
    """Store an editor's categories for the paper (an empty list is a correction too)."""
    if any(not _CATEGORY_ID.fullmatch(c) for c in categories):
        raise ReviewError("category ids are lowercase words (a-z, 0-9, _)")
    unique = list(dict.fromkeys(categories))
    row = session.get(PaperCategoryOverride, paper_id)
    if row is None:
        session.add(
            PaperCategoryOverride(
                paper_id=paper_id, categories=unique, updated_at=utcnow(), updated_by=editor
            )
        )
    else:
        row.categories, row.updated_at, row.updated_by = unique, utcnow(), editor


def clear_category_override(session: Session, paper_id: int) -> None:
    """Back to the rules' categories."""
    row = session.get(PaperCategoryOverride, paper_id)
    if row is not None:
        session.delete(row)


def editor_notes(session: Session, paper_id: int) -> list[EditorAction]:
    """The paper's status changes that carry a note, oldest first, undone ones left out."""
    return [a for a in history(session, paper_id) if a.note and a.undone_at is None]
