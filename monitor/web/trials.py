"""Trials on the editor's desk (issue 24): the list, a trial's page, decisions, undo, export.

Trials are decided as papers are (monitor/web/views.py): Summarize / Maybe /
Skip are plain forms that work without JavaScript (the POST redirects back
with a toast that offers Undo), and static/desk.js sends the same forms with
``fetch`` (JSON answer, no page load) and binds the same keys, because the
list and the page use the same markup (``table#queue``, ``tr.row``,
``form.decide``).  A trial's page is addressed by its NCT id, the id editors
and the digest know; decisions post to its row id.
"""

from __future__ import annotations

import re
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

from monitor.briefs.export import MEDIA
from monitor.briefs.trials import EVENT_LABELS, FORMATS, phase_label, render_cards, status_label
from monitor.briefs.trials import trial_card as card_of
from monitor.digest.links import DECISIONS
from monitor.web.context import scimon_app
from monitor.web.forms import (
    after_decision,
    first_page,
    list_args,
    short_title,
    skip_reason,
    undo_answer,
    undo_back_to_item,
    wants_json,
)
from storage.models import STATUSES, Trial, TrialAction
from storage.review import STATUS_LABELS
from storage.trial_review import (
    TrialReviewError,
    any_trial,
    any_trial_decided,
    next_trial_to_decide,
    set_trial_status,
    trial_history,
    trial_rows,
    trial_status_of,
    trials_decided,
    undo_trial_action,
)
from storage.trials import get_trial, papers_of_trial, trial_events

bp = Blueprint("trials", __name__)
_NCT = re.compile(r"NCT\d{8}")
PER_PAGE = 50


def _skip_reasons() -> list[str]:
    return list(scimon_app().settings.config.web.skip_reasons)


def _done_action(action_id: str | None) -> dict[str, Any] | None:
    """The decision a toast reports after a page load (``?done=<action id>``)."""
    if not action_id or not action_id.isdigit():
        return None
    with scimon_app().sessions() as db:
        action = db.get(TrialAction, int(action_id))
        if action is None or action.editor != g.editor:
            return None
        trial = db.get(Trial, action.trial_id)
        return {
            "id": action.id,
            "title": trial.title if trial else "",
            "label": STATUS_LABELS.get(action.to_status, action.to_status),
            "status": action.to_status,  # desk.js focuses its button on the page gone on to
            "undone": action.undone_at is not None,
            "page": url_for("trials.trial_page", nct_id=trial.nct_id) if trial else "",
            # the toast's Undo (templates/web/base.html) posts here
            "undo_url": url_for(
                "trials.undo_action", trial_id=action.trial_id, action_id=action.id
            ),
        }


@bp.get("/trials")
def trial_list() -> Any:
    """The SCI trials; by default those no editor decided on yet ("show all" lists the rest)."""
    args = request.args
    status = args.get("status") or None
    if status is not None and status not in STATUSES:
        status = None
    show_all = args.get("show") == "all" or bool(status)
    try:
        page = max(int(args.get("page", "1")), 1)
    except ValueError:
        page = 1
    with scimon_app().sessions() as db:
        rows, total = trial_rows(
            db, to_decide=not show_all, status=status, page=page, per_page=PER_PAGE
        )
        # an empty queue means "all decided" only if some trial was ever fetched
        fetched_any = bool(total) or any_trial(db)
        exportable = any_trial_decided(db, "to_summarize")
    if not rows and page > 1:
        return redirect(first_page())
    done = undo_back_to_item(_done_action(args.get("done")), on_a_list=True)
    return render_template(
        "web/trials.html",
        rows=rows,
        total=total,
        page=page,
        has_next=page * PER_PAGE < total,
        args=list_args(),
        show_all=show_all,
        fetched_any=fetched_any,
        statuses=STATUSES,
        status_labels=STATUS_LABELS,
        event_labels=EVENT_LABELS,
        phase_label=phase_label,
        registry_status=status_label,
        decisions=DECISIONS,
        skip_reasons=_skip_reasons(),
        formats=FORMATS,
        exportable=exportable,
        done=done,
        here=request.full_path,
    )


@bp.get("/trials/<nct_id>")
def trial_page(nct_id: str) -> Any:
    """A trial's card, what happened to it, its papers and preprints, and the decision forms."""
    if not _NCT.fullmatch(nct_id):
        abort(404)
    with scimon_app().sessions() as db:
        trial = get_trial(db, nct_id)
        if trial is None:
            abort(404)
        papers = papers_of_trial(db, trial.id)
        actions = trial_history(db, trial.id)
        status = trial_status_of(db, trial.id)
        events = trial_events(db, trial.id)
        db.expunge_all()
    # its Undo goes back to the undone trial, to decide it again
    done = undo_back_to_item(_done_action(request.args.get("done")), on_a_list=False)
    return render_template(
        "web/trial.html",
        trial=trial,
        card=card_of(trial),
        events=events,
        event_labels=EVENT_LABELS,
        papers=papers,
        actions=actions,
        status=status,
        status_labels=STATUS_LABELS,
        decisions=DECISIONS,
        skip_reasons=_skip_reasons(),
        done=done,
        here=request.path,
    )


@bp.post("/trials/<int:trial_id>/decide")
def decide(trial_id: int) -> Any:
    """Summarize / Maybe / Skip in one step, from the trials list or a trial's page.

    ``then=next`` (the trial's page) goes on to the next trial to decide on;
    otherwise back to ``back`` (the list).  A fetch from desk.js gets JSON.
    """
    form = request.form
    status = form.get("status", "")
    if status not in DECISIONS:
        abort(400, description=f"unknown decision {status!r}")
    reason = skip_reason(status, form.get("reason") or None, _skip_reasons())
    with scimon_app().sessions() as db, db.begin():
        if db.get(Trial, trial_id) is None:
            abort(404)
        action_id = set_trial_status(db, trial_id, status, g.editor, reason=reason).id
    if wants_json():
        return jsonify(_decision_json(trial_id, action_id, status))
    return after_decision(action_id, "trials.trial_list", lambda: _next_page(trial_id))


def _next_page(after: int) -> str | None:
    """The page of the trial to decide after ``after``, if one is left."""
    with scimon_app().sessions() as db:
        nct = next_trial_to_decide(db, after)
    return None if nct is None else url_for("trials.trial_page", nct_id=nct)


def _decision_json(trial_id: int, action_id: int, status: str) -> dict[str, Any]:
    with scimon_app().sessions() as db:
        trial = db.get(Trial, trial_id)
        title = trial.title if trial else ""
    return {
        "trial_id": trial_id,
        "action_id": action_id,
        "status": status,
        "label": STATUS_LABELS.get(status, status),
        "title": short_title(title),  # the toast's (see forms.short_title)
        "undo_url": url_for("trials.undo_action", trial_id=trial_id, action_id=action_id),
    }


@bp.post("/trials/<int:trial_id>/undo/<int:action_id>")
def undo_action(trial_id: int, action_id: int) -> Any:
    return undo_answer(
        scimon_app().sessions,
        lambda db: undo_trial_action(db, action_id, g.editor),
        TrialReviewError,
        lambda back: back.trial_id == trial_id,
        lambda back_id, restored: _decision_json(trial_id, back_id, restored),
        url_for("trials.trial_list"),
    )


@bp.get("/trials/export")
def export() -> Any:
    """The cards of the trials with one decision (default: to summarize), as md, json or csv."""
    fmt = request.args.get("format", "md")
    wanted = request.args.get("status", "to_summarize")
    if fmt not in FORMATS or wanted not in STATUSES:
        abort(400)
    with scimon_app().sessions() as db:
        cards = [card_of(t, decision=wanted) for t in trials_decided(db, (wanted,))]
    body = render_cards(cards, fmt)
    content_type, extension = MEDIA[fmt]
    return Response(
        body,
        content_type=content_type,
        headers={
            "Content-Disposition": f'attachment; filename="scimon-trials-{wanted}.{extension}"'
        },
    )
