"""Deciding from the digest without signing in: the signed links' confirm page.

The link (monitor/digest/links.py) names its editor, paper and week; the GET
shows the paper, its current status and one button, and changes nothing (mail
scanners open links); the POST checks the token again and records the
decision as that editor.  A second POST of the same decision changes nothing
and says so.  The pages are public (security.PUBLIC_ENDPOINTS): the token is
the credential, as a sign-in link is; CSRF is enforced as on every form.

A trial in the digest's Trials section has the same links, decided through
storage/trial_review.py; the two kinds differ only in what ``_KINDS`` names:
the row, its status, how a decision is recorded and where the app shows it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

from flask import Blueprint, abort, current_app, render_template, request, url_for

from monitor.briefs.trials import phase_label, status_label
from monitor.digest.links import DECISIONS, DecisionClaim, LinkError, read_token
from monitor.runtime import today
from monitor.web.context import scimon_app
from monitor.web.forms import skip_reason
from storage.models import Paper, PaperStatus, Trial, TrialStatus
from storage.review import STATUS_LABELS, set_status
from storage.session import UnitOfWork
from storage.trial_review import set_trial_status

log = logging.getLogger(__name__)
bp = Blueprint("email", __name__)


@dataclass(frozen=True)
class _Kind:
    """What differs between deciding a paper and a trial from a link."""

    row: type[Paper] | type[Trial]
    status: type[PaperStatus] | type[TrialStatus]
    decide: Callable[..., Any]  # set_status / set_trial_status
    meta: Callable[[Any], str]  # the line under the title
    page: Callable[[Any], str]  # the item's page in the review app


def _current(db: UnitOfWork, spec: _Kind, item_id: int) -> PaperStatus | TrialStatus | None:
    """The item's status row (none until its first decision)."""
    return cast(PaperStatus | TrialStatus | None, db.get(spec.status, item_id))


def _paper_meta(paper: Paper) -> str:
    return " · ".join(filter(None, (paper.journal, str(paper.published_on or ""))))


def _trial_meta(trial: Trial) -> str:
    return " · ".join(
        (trial.nct_id, phase_label(trial.phases).capitalize(), status_label(trial.overall_status))
    )


_KINDS = {
    "paper": _Kind(
        Paper, PaperStatus, set_status, _paper_meta,
        lambda p: url_for("views.paper", paper_id=p.id),
    ),
    "trial": _Kind(
        Trial, TrialStatus, set_trial_status, _trial_meta,
        lambda t: url_for("trials.trial_page", nct_id=t.nct_id),
    ),
}  # fmt: skip


def _claim(item_id: int, token: str, kind: str = "paper") -> DecisionClaim:
    settings = scimon_app().settings
    claim = read_token(
        str(current_app.config["SECRET_KEY"]),
        token,
        item_id=item_id,
        today=today(),
        days=settings.config.digest.action_link_days,
        kind=kind,
    )
    if claim.editor not in {e.email for e in settings.config.editor}:
        raise LinkError("This address is no longer an editor.")
    return claim


def _refuse(why: str) -> Any:
    return render_template(
        "web/message.html", title="This link does not work", message=why, retry=True
    ), 400


def _page(kind: str, item_id: int, token: str, claim: DecisionClaim, **extra: Any) -> Any:
    spec = _KINDS[kind]
    with scimon_app().sessions() as db:
        item = db.get(spec.row, item_id)
        if item is None or getattr(item, "deleted_at", None) is not None:
            abort(404)
        status = _current(db, spec, item_id)
        db.expunge_all()
    action = request.values.get("action") or request.values.get("status") or ""
    return render_template(
        "web/email_decide.html",
        item=item,
        noun=kind,
        meta=spec.meta(item),
        open_url=spec.page(item),
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


def _confirm(kind: str, item_id: int, token: str) -> Any:
    """Show the item and one button; nothing changes on a GET."""
    try:
        claim = _claim(item_id, token, kind)
    except LinkError as exc:
        return _refuse(str(exc))
    return _page(kind, item_id, token, claim)


def _record(kind: str, item_id: int, token: str) -> Any:
    """Record the decision as the link's editor; the same decision again changes nothing."""
    try:
        claim = _claim(item_id, token, kind)
    except LinkError as exc:
        return _refuse(str(exc))
    wanted = request.form.get("status", "")
    if wanted not in DECISIONS:
        abort(400, description=f"unknown decision {wanted!r}")
    allowed = list(scimon_app().settings.config.web.skip_reasons)
    reason = skip_reason(wanted, request.form.get("reason") or None, allowed)
    spec = _KINDS[kind]
    with scimon_app().sessions() as db, db.begin():
        if db.get(spec.row, item_id) is None:
            abort(404)
        current = _current(db, spec, item_id)
        if current is not None and current.status == wanted:
            outcome = "unchanged"
        else:
            spec.decide(
                db, item_id, wanted, claim.editor, reason=reason,
                note=f"from the {claim.week} digest",
            )  # fmt: skip
            outcome = "recorded"
    log.info(
        "decision from a digest link editor=%s %s=%d status=%s outcome=%s",
        claim.editor, kind, item_id, wanted, outcome,
    )  # fmt: skip
    return _page(kind, item_id, token, claim, outcome=outcome, decided=wanted)


@bp.get("/papers/<int:paper_id>/decide/<token>")
def confirm(paper_id: int, token: str) -> Any:
    return _confirm("paper", paper_id, token)


@bp.post("/papers/<int:paper_id>/decide/<token>")
def record(paper_id: int, token: str) -> Any:
    return _record("paper", paper_id, token)


@bp.get("/trials/<int:trial_id>/decide/<token>")
def confirm_trial(trial_id: int, token: str) -> Any:
    return _confirm("trial", trial_id, token)


@bp.post("/trials/<int:trial_id>/decide/<token>")
def record_trial(trial_id: int, token: str) -> Any:
    return _record("trial", trial_id, token)
