"""The queue, the paper page, status changes with undo, the shortlist and briefs.

Deciding is one step from the queue and the paper page: Summarize / Maybe /
Skip are plain forms (they work without JavaScript: the POST redirects back
with a toast that offers Undo); static/desk.js sends the same forms with
``fetch`` and ``Accept: application/json`` and updates the row in place, so a
decision costs one keystroke and no page load.  CSRF is checked as for any
form (the token travels in the form data).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    g,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)

from monitor.app import App
from monitor.briefs.brief import briefs
from monitor.briefs.categories import Categories
from monitor.briefs.export import FORMATS, MEDIA
from monitor.briefs.export import render as render_briefs
from monitor.digest.links import DECISIONS
from monitor.digest.weeks import iso_week, week_from_input, week_start
from monitor.errors import InputError
from monitor.runtime import today
from monitor.triage import POPULATIONS, RELEVANCE
from monitor.triage.corrections import ALLOWED as CORRECTION_CHOICES
from monitor.triage.design import DESIGNS, LABELS, design_label
from monitor.web.context import scimon_app, web_context
from monitor.web.forms import (
    after_decision,
    first_page,
    list_args,
    short_title,
    skip_reason,
    undo_answer,
    undo_back_to_item,
)
from monitor.web.forms import wants_json as _wants_json
from storage.labels import corrections_for, score_of
from storage.models import STATUSES, EditorAction, Paper, PaperStatus, PaperTriage
from storage.papers import sightings_of
from storage.review import (
    COUNT_CAP,
    NOTICE_FOR,
    NOTICE_IN,
    STATUS_LABELS,
    QueueFilters,
    ReviewError,
    category_override,
    clear_category_override,
    decided_in,
    history,
    notices_for,
    set_category_override,
    set_status,
    undo,
)
from storage.review import (
    queue as queue_rows,
)
from storage.sections import SECTION_KEYS, SECTIONS
from storage.trials import trials_of_paper

bp = Blueprint("views", __name__)

# a notice's kind in words, said from the paper shown (storage.review.notices_for): the
# other paper is its erratum (ErratumIn), or the paper shown is the other's (ErratumFor);
# the version links are named by which side the shown paper is
NOTICE_LABELS = {
    **{kind: label.capitalize() for kind, label in NOTICE_IN.items()},
    **{
        kind: f"{label.capitalize()} {'of' if kind.endswith('Of') else 'for'}"
        for kind, label in NOTICE_FOR.items()
    },
    "CommentIn": "Comment",
    "CommentOn": "Comment on",
}

# what the Shortlist lists and its "Download briefs" buttons export: a paper a writer has
# started (in progress) still needs its brief, so both hold the same papers
SHORTLIST = ("to_summarize", "in_progress")


def _app() -> App:
    return scimon_app()


def _topic_label() -> Callable[[str], str]:
    return web_context().topic_label


def _categories() -> Categories:
    categories = web_context().categories
    if categories is None:
        raise RuntimeError("the Flask app was built without categories")
    return categories


@bp.get("/")
def home() -> Any:
    return redirect(url_for("views.queue"))


def _confidence_arg(value: str) -> float | None:
    """The queue's minimum confidence: a number in [0, 1], else no filter."""
    try:
        number = float(value)
    except ValueError:
        return None
    return number if 0.0 <= number <= 1.0 else None


def _progress_window(week: str) -> tuple[datetime, datetime]:
    """The papers a week's progress line counts: as the queue's week filter selects them."""
    return week_start(week) - timedelta(days=7), week_start(week) + timedelta(days=7)


def _progress(week: str) -> dict[str, Any]:
    with _app().sessions() as db:
        decided, total = decided_in(db, *_progress_window(week))
    return {"week": week, "decided": decided, "total": total}


def _done_action(action_id: str | None) -> dict[str, Any] | None:
    """The decision a toast reports after a page load (``?done=<action id>``)."""
    if not action_id or not action_id.isdigit():
        return None
    with _app().sessions() as db:
        action = db.get(EditorAction, int(action_id))
        if action is None or action.editor != g.editor:
            return None
        item = db.get(Paper, action.paper_id)
        return {
            "id": action.id,
            "paper_id": action.paper_id,
            "title": item.title if item else "",
            "label": STATUS_LABELS.get(action.to_status, action.to_status),
            "status": action.to_status,  # desk.js focuses its button on the page gone on to
            "undone": action.undone_at is not None,
            "page": url_for("views.paper", paper_id=action.paper_id),
        }


def _cursor(text: str) -> tuple[float, int] | None:
    """``priority:id`` of the row a queue page goes on after (keyset), or None."""
    priority, _, paper_id = text.partition(":")
    try:
        return float(priority), int(paper_id)
    except ValueError:
        return None


@bp.get("/queue")
def queue() -> Any:
    """The queue; by default only the papers to decide on ("show all" lists the rest too)."""
    args = request.args
    filters = QueueFilters(
        design=args.get("design") or None,
        population=args.get("population") or None,
        relevance=args.get("relevance") or None,
        topic=args.get("topic") or None,
        source=args.get("source") or None,
        status=args.get("status") or None,
        min_confidence=_confidence_arg(args.get("min_confidence", "")),
        likely=args.get("likely") == "1",
    )
    # "to decide" unless asked for everything or for a status (which says what to show)
    show_all = args.get("show") == "all" or bool(filters.status)
    filters.to_decide = not show_all
    week, week_error = args.get("week", "").strip(), ""
    if week:
        try:
            week = week_from_input(week, today())
        except InputError as exc:
            week_error = str(exc)  # the queue, unfiltered by week, with the reason
        else:
            filters.since, filters.until = _progress_window(week)
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
    if not rows and page > 1:
        # past the last page (its papers decided, an old link): "Nothing left to decide
        # here" under "page 2 of 1" hid the papers page 1 still holds
        return redirect(first_page())
    more = total > COUNT_CAP  # counted up to the cap: "1,000+ papers", no last page
    pages = max((min(total, COUNT_CAP) + 49) // 50, 1)
    last = rows[-1] if len(rows) == 50 and rows[-1].cursor else None
    this_week = iso_week(today())
    done = undo_back_to_item(_done_action(args.get("done")), on_a_list=True)
    return render_template(
        "web/queue.html",
        rows=rows,
        total=f"{COUNT_CAP:,}+" if more else total,
        page=page,
        pages=f"{pages}+" if more else pages,
        has_next=bool(last) and (more or page < pages),
        # the next page goes on from this page's last row (no OFFSET over the rows before)
        next_after=last.cursor if last else "",
        args=list_args(),
        show_all=show_all,
        designs=DESIGNS,
        labels=LABELS,
        design_label=partial(
            design_label, likely_below=_app().settings.config.triage.likely_below
        ),
        populations=POPULATIONS,
        relevances=RELEVANCE,
        statuses=STATUSES,
        status_labels=STATUS_LABELS,
        decisions=DECISIONS,
        skip_reasons=_app().settings.config.web.skip_reasons,
        sections=SECTIONS,
        topic_label=_topic_label(),
        topics=web_context().topics,
        week=week,
        week_error=week_error,
        this_week=this_week,
        progress=_progress(week if week and not week_error else this_week),
        done=done,
        here=request.full_path,
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
        override = category_override(db, paper_id)
        score = score_of(db, paper_id)
        corrected = corrections_for(db, [paper_id]).get(paper_id, {})
        trials = trials_of_paper(db, paper_id)
        db.expunge_all()
    categories = _categories()
    matches = {m.id: m for m in categories.match(item.title, item.abstract)}
    chosen = set(override) if override is not None else set(matches)
    unknown = sorted(chosen - set(categories.ids))  # kept by an editor, gone from the rules
    action = request.args.get("action", "")
    # its Undo goes back to the undone paper, to decide it again
    done = undo_back_to_item(_done_action(request.args.get("done")), on_a_list=False)
    return render_template(
        "web/paper.html",
        decisions=DECISIONS,
        skip_reasons=_app().settings.config.web.skip_reasons,
        done=done,
        here=request.path,
        paper=item,
        triage=triage,
        status=status,
        sightings=sightings,
        actions=actions,
        notices=notices,
        trials=trials,
        # a preprint points at its journal version and the article at its preprint
        version_labels=NOTICE_LABELS
        | dict.fromkeys(
            ("UpdateIn", "UpdateOf"),
            "This preprint was published as" if item.is_preprint else "Preprint of this paper",
        ),
        preselect=action if action in STATUSES else "",
        statuses=STATUSES,
        status_labels=STATUS_LABELS,
        labels=LABELS,
        design_label=partial(
            design_label, likely_below=_app().settings.config.triage.likely_below
        ),
        topic_label=_topic_label(),
        categories=categories.categories,
        category_matches=matches,
        categories_chosen=chosen,
        # the folded group's summary: what is chosen, in the rules' order, then the rest
        chosen_labels=[c.label for c in categories.categories if c.id in chosen]
        + [cid.replace("_", " ") for cid in unknown],
        categories_corrected=override is not None,
        categories_open=request.args.get("saved") == "categories",
        unknown_chosen=unknown,
        score=score,
        corrected=corrected,
        facets=CORRECTION_CHOICES,
    )


@bp.post("/papers/<int:paper_id>/categories")
def correct_categories(paper_id: int) -> Any:
    """An editor's categories for the paper (``reset``: back to the rules')."""
    form = request.form
    known = set(_categories().ids)
    chosen = form.getlist("category")
    with _app().sessions() as db, db.begin():
        if db.get(Paper, paper_id) is None:
            abort(404)
        if form.get("reset"):
            clear_category_override(db, paper_id)
        else:
            # an id the rules no longer name stays only if it was kept on the form
            kept = set(form.getlist("kept"))
            wanted = [c for c in chosen if c in known or c in kept]
            if len(wanted) != len(chosen):
                abort(400, description="unknown category")
            try:
                set_category_override(db, paper_id, wanted, g.editor)
            except ReviewError as exc:
                abort(400, description=str(exc))
    # back at the group, open (``saved``: the server never sees ``#categories``, so a page
    # without desk.js would come back with the saved change folded out of sight)
    return redirect(url_for("views.paper", paper_id=paper_id, saved="categories") + "#categories")


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
                reason=form.get("reason") or None,
            )
        except ReviewError as exc:
            abort(400, description=str(exc))
    return redirect(url_for("views.paper", paper_id=paper_id))


@bp.post("/papers/<int:paper_id>/decide")
def decide(paper_id: int) -> Any:
    """Summarize / Maybe / Skip in one step, from a queue row or the paper page.

    ``then=next`` (the paper page) goes on to the next paper to decide on;
    otherwise back to ``back`` (the queue).  A fetch from desk.js gets JSON.
    """
    form = request.form
    status = form.get("status", "")
    if status not in DECISIONS:
        abort(400, description=f"unknown decision {status!r}")
    reason = skip_reason(status, form.get("reason") or None, _skip_reasons())
    with _app().sessions() as db, db.begin():
        if db.get(Paper, paper_id) is None:
            abort(404)
        action = set_status(db, paper_id, status, g.editor, reason=reason)
        action_id = action.id
    if _wants_json():
        return jsonify(_decision_json(paper_id, action_id, status, form.get("week", "")))
    return after_decision(action_id, "views.queue", lambda: _next_page(paper_id))


def _skip_reasons() -> list[str]:
    return list(_app().settings.config.web.skip_reasons)


def _decision_json(paper_id: int, action_id: int, status: str, week: str) -> dict[str, Any]:
    with _app().sessions() as db:
        item = db.get(Paper, paper_id)
        title = item.title if item else ""
    out: dict[str, Any] = {
        "paper_id": paper_id,
        "action_id": action_id,
        "status": status,
        "label": STATUS_LABELS.get(status, status),
        "title": short_title(title),  # the toast's, as the page after a plain form shows it
        "undo_url": url_for("views.undo_action", paper_id=paper_id, action_id=action_id),
    }
    try:
        week = week_from_input(week, today()) if week else ""
    except InputError:
        week = ""
    if week:
        out["progress"] = _progress(week)
    return out


def _next_page(after: int) -> str | None:
    """The page of the paper at the top of the "to decide" view, other than ``after``."""
    with _app().sessions() as db:
        rows, _ = queue_rows(db, QueueFilters(to_decide=True), per_page=2)
    following = next((r.id for r in rows if r.id != after), None)
    return None if following is None else url_for("views.paper", paper_id=following)


@bp.post("/papers/<int:paper_id>/triage")
def correct_triage(paper_id: int) -> Any:
    """An editor's correction of the paper's design, population or relevance."""
    from monitor.triage.corrections import CorrectionError, correct

    form = request.form
    with _app().sessions() as db:
        if db.get(Paper, paper_id) is None:
            abort(404)
    try:
        correct(_app(), paper_id, g.editor, form.get("facet", ""), form.get("value", ""),
                reason=form.get("reason") or None)  # fmt: skip
    except CorrectionError as exc:
        abort(400, description=str(exc))
    # back where the editor was (as saving categories), not at the page's top
    return redirect(url_for("views.paper", paper_id=paper_id) + "#triage-corrections")


@bp.post("/papers/<int:paper_id>/undo/<int:action_id>")
def undo_action(paper_id: int, action_id: int) -> Any:
    week = request.form.get("week", "")
    return undo_answer(
        _app().sessions,
        lambda db: undo(db, action_id, g.editor),
        ReviewError,
        lambda back: back.paper_id == paper_id,
        lambda back_id, restored: _decision_json(paper_id, back_id, restored, week),
        url_for("views.paper", paper_id=paper_id),
    )


@bp.get("/shortlist")
def shortlist() -> Any:
    with _app().sessions() as db:
        items = briefs(db, SHORTLIST, _categories())
    return render_template(
        "web/shortlist.html",
        items=items,
        formats=FORMATS,
        status_labels=STATUS_LABELS,
        shortlist=SHORTLIST,
    )


@bp.get("/export")
def export() -> Any:
    """The briefs of the papers with the ``status`` given (repeatable; default: to
    summarize) as a file; the Shortlist's buttons ask for both of its statuses."""
    fmt = request.args.get("format", "md")
    wanted = tuple(request.args.getlist("status")) or ("to_summarize",)
    if fmt not in FORMATS or any(w not in STATUSES for w in wanted):
        abort(400)
    with _app().sessions() as db:
        items = briefs(db, wanted, _categories())
    body = render_briefs(items, fmt)
    # content_type is sent as given; mimetype would get a second "; charset=utf-8" from
    # Flask for text/* types.  JSON has no charset parameter (RFC 8259: always UTF-8).
    content_type, extension = MEDIA[fmt]
    return Response(
        body,
        content_type=content_type,
        headers={
            "Content-Disposition": f'attachment; filename="scimon-{"-".join(wanted)}.{extension}"'
        },
    )
