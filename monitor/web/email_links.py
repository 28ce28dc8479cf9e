"""Deciding from the digest without signing in: the signed links' confirm page.

The link (monitor/digest/links.py) names its editor, paper and week; the GET
shows the paper, its current status and one button, and changes nothing (mail
scanners open links); the POST checks the token again and records the
decision as that editor.  A second POST of the same decision changes nothing
and says so.  The pages are public (security.PUBLIC_ENDPOINTS): the token is
the credential, as a sign-in link is; CSRF is enforced as on every form.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import Blueprint, abort, current_app, render_template, request

from monitor.digest.links import DECISIONS, DecisionClaim, LinkError, read_token
from monitor.runtime import today
from monitor.web.context import scimon_app
from storage.models import Paper, PaperStatus
from storage.review import STATUS_LABELS, set_status

log = logging.getLogger(__name__)
bp = Blueprint("email", __name__)


def _claim(paper_id: int, token: str) -> DecisionClaim:
    settings = scimon_app().settings
    claim = read_token(
        str(current_app.config["SECRET_KEY"]),
        token,
        paper_id=paper_id,
        today=today(),
        days=settings.config.digest.action_link_days,
    )
    if claim.editor not in {e.email for e in settings.config.editor}:
        raise LinkError("This address is no longer an editor.")
    return claim


def _refuse(why: str) -> Any:
    return render_template(
        "web/message.html", title="This link does not work", message=why, retry=True
    ), 400


def _page(paper_id: int, token: str, claim: DecisionClaim, **extra: Any) -> Any:
    with scimon_app().sessions() as db:
        item = db.get(Paper, paper_id)
        if item is None or item.deleted_at is not None:
            abort(404)
        status = db.get(PaperStatus, paper_id)
        db.expunge_all()
    action = request.values.get("action") or request.values.get("status") or ""
    return render_template(
        "web/email_decide.html",
        paper=item,
        status=status,
        current=status.status if status else "new",
        claim=claim,
        token=token,
        action=action if action in DECISIONS else "",
        decisions=DECISIONS,
        status_labels=STATUS_LABELS,
        skip_reasons=scimon_app().settings.config.web.skip_reasons,
        **extra,
    )


@bp.get("/papers/<int:paper_id>/decide/<token>")
def confirm(paper_id: int, token: str) -> Any:
    """Show the paper and one button; nothing changes on a GET."""
    try:
        claim = _claim(paper_id, token)
    except LinkError as exc:
        return _refuse(str(exc))
    return _page(paper_id, token, claim)


@bp.post("/papers/<int:paper_id>/decide/<token>")
def record(paper_id: int, token: str) -> Any:
    """Record the decision as the link's editor; the same decision again changes nothing."""
    try:
        claim = _claim(paper_id, token)
    except LinkError as exc:
        return _refuse(str(exc))
    wanted = request.form.get("status", "")
    if wanted not in DECISIONS:
        abort(400, description=f"unknown decision {wanted!r}")
    reason = request.form.get("reason") or None
    if wanted != "skipped" or reason not in scimon_app().settings.config.web.skip_reasons:
        reason = None
    app = scimon_app()
    with app.sessions() as db, db.begin():
        if db.get(Paper, paper_id) is None:
            abort(404)
        current = db.get(PaperStatus, paper_id)
        if current is not None and current.status == wanted:
            outcome = "unchanged"
        else:
            set_status(
                db, paper_id, wanted, claim.editor, reason=reason,
                note=f"from the {claim.week} digest",
            )  # fmt: skip
            outcome = "recorded"
    log.info(
        "decision from a digest link editor=%s paper=%d status=%s outcome=%s",
        claim.editor, paper_id, wanted, outcome,
    )  # fmt: skip
    return _page(paper_id, token, claim, outcome=outcome, decided=wanted)
