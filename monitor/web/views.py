"""The queue, the paper page, status changes with undo, the shortlist and briefs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    g,
    redirect,
    render_template,
    request,
    url_for,
)

from monitor.app import App
from monitor.briefs.export import FORMATS, briefs
from monitor.briefs.export import render as render_briefs
from monitor.digest.weeks import iso_week, week_from_input, week_start
from monitor.errors import InputError
from monitor.runtime import today
from monitor.triage import POPULATIONS, RELEVANCE
from monitor.triage.design import DESIGNS, LABELS
from monitor.web.context import scimon_app, web_context
from storage.models import STATUSES, Paper, PaperStatus, PaperTriage
from storage.papers import sightings_of
from storage.review import (
    COUNT_CAP,
    STATUS_LABELS,
    QueueFilters,
    ReviewError,
    history,
    notices_for,
    set_status,
    undo,
)
from storage.review import (
    queue as queue_rows,
)
from storage.sections import SECTION_KEYS, SECTIONS

bp = Blueprint("views", __name__)


def _app() -> App:
    return scimon_app()


def _topic_label() -> Callable[[str], str]:
    return web_context().topic_label


@bp.get("/")
def home() -> Any:
    return redirect(url_for("views.queue"))


def _cursor(text: str) -> tuple[float, int] | None:
    """``priority:id`` of the row a queue page goes on after (keyset), or None."""
    priority, _, paper_id = text.partition(":")
    try:
        return float(priority), int(paper_id)
    except ValueError:
        return None


@bp.get("/queue")
def queue() -> Any:
    args = request.args
    filters = QueueFilters(
        design=args.get("design") or None,
        population=args.get("population") or None,
        relevance=args.get("relevance") or None,
        topic=args.get("topic") or None,
        source=args.get("source") or None,
        status=args.get("status") or None,
    )
    week, week_error = args.get("week", "").strip(), ""
    if week:
        try:
            week = week_from_input(week, today())
        except InputError as exc:
            week_error = str(exc)  # the queue, unfiltered by week, with the reason
        else:
            filters.since = week_start(week) - timedelta(days=7)
            filters.until = week_start(week) + timedelta(days=7)
    section = args.get("section") or ""
    if section in SECTION_KEYS:
        filters.section = section
    try:
        page = max(int(args.get("page", "1")), 1)
    except ValueError:
        page = 1
    after = _cursor(args.get("after", ""))
    with _app().sessions() as db:
        rows, total = queue_rows(db, filters, page=page, per_page=50, after=after)
    more = total > COUNT_CAP  # counted up to the cap: "1,000+ papers", no last page
    pages = max((min(total, COUNT_CAP) + 49) // 50, 1)
    last = rows[-1] if len(rows) == 50 and rows[-1].priority is not None else None
    return render_template(
        "web/queue.html",
        rows=rows,
        total=f"{COUNT_CAP:,}+" if more else total,
        page=page,
        pages=f"{pages}+" if more else pages,
        has_next=bool(last) and (more or page < pages),
        # the next page goes on from this page's last row (no OFFSET over the rows before)
        next_after=f"{last.priority!r}:{last.id}" if last else "",
        args=args,
        designs=DESIGNS,
        labels=LABELS,
        populations=POPULATIONS,
        relevances=RELEVANCE,
        statuses=STATUSES,
        status_labels=STATUS_LABELS,
        sections=SECTIONS,
        topic_label=_topic_label(),
        topics=web_context().topics,
        week=week,
        week_error=week_error,
        this_week=iso_week(today()),
    ), (400 if week_error else 200)


@bp.get("/papers/<int:paper_id>")
def paper(paper_id: int) -> Any:
    """The paper page; ``?action=`` (from the digest) preselects a change, never makes it."""
    with _app().sessions() as db:
        item = db.get(Paper, paper_id)
        if item is None:
            abort(404)
        triage = db.get(PaperTriage, paper_id)
        status = db.get(PaperStatus, paper_id)
        sightings = sightings_of(db, paper_id)
        actions = history(db, paper_id)
        notices = notices_for(db, paper_id)
        db.expunge_all()
    action = request.args.get("action", "")
    return render_template(
        "web/paper.html",
        paper=item,
        triage=triage,
        status=status,
        sightings=sightings,
        actions=actions,
        notices=notices,
        preselect=action if action in STATUSES else "",
        statuses=STATUSES,
        status_labels=STATUS_LABELS,
        labels=LABELS,
        topic_label=_topic_label(),
    )


@bp.post("/papers/<int:paper_id>/status")
def change_status(paper_id: int) -> Any:
    form = request.form
    status = form.get("status", "")
    with _app().sessions() as db, db.begin():
        if db.get(Paper, paper_id) is None:
            abort(404)
        try:
            set_status(
                db,
                paper_id,
                status,
                g.editor,
                note=form.get("note") or None,
                assignee=form.get("assignee") or None,
                summary_url=form.get("summary_url") or None,
            )
        except ReviewError as exc:
            abort(400, description=str(exc))
    return redirect(url_for("views.paper", paper_id=paper_id))


@bp.post("/papers/<int:paper_id>/undo/<int:action_id>")
def undo_action(paper_id: int, action_id: int) -> Any:
    with _app().sessions() as db, db.begin():
        try:
            back = undo(db, action_id, g.editor)
        except ReviewError as exc:
            abort(400, description=str(exc))
        if back.paper_id != paper_id:
            abort(400)
    return redirect(url_for("views.paper", paper_id=paper_id))


@bp.get("/shortlist")
def shortlist() -> Any:
    with _app().sessions() as db:
        items = briefs(db, ("to_summarize", "in_progress"), _topic_label())
    return render_template(
        "web/shortlist.html", items=items, formats=FORMATS, status_labels=STATUS_LABELS
    )


@bp.get("/export")
def export() -> Any:
    fmt = request.args.get("format", "md")
    wanted = request.args.get("status", "to_summarize")
    if fmt not in FORMATS or wanted not in STATUSES:
        abort(400)
    with _app().sessions() as db:
        items = briefs(db, (wanted,), _topic_label())
    body = render_briefs(items, fmt)
    # content_type is sent as given; mimetype would get a second "; charset=utf-8" from
    # Flask for text/* types.  JSON has no charset parameter (RFC 8259: always UTF-8).
    content_type = {
        "md": "text/markdown; charset=utf-8",
        "json": "application/json",
        "csv": "text/csv; charset=utf-8",
    }[fmt]
    return Response(
        body,
        content_type=content_type,
        headers={"Content-Disposition": f'attachment; filename="scimon-{wanted}.{fmt}"'},
    )
