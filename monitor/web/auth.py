"""Sign-in by emailed link: signed, expiring (30 min), single use.

The link's GET only shows a "Sign in" button: mail scanners open links, and a
GET that consumed the single-use token would burn it before the editor
clicks.  The POST checks the signature, the age and that the token was not
used before, then starts the session (stored server-side, so that signing out
ends it for every copy of the cookie).

Asking for a link is rate-limited per client and per address, and the mail
goes out from a background worker (monitor/web/mailer.py), so the response
takes as long for an editor's address as for anyone's.
"""

from __future__ import annotations

import functools
import logging
import secrets
from typing import Any
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    Response,
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from monitor.app import App
from monitor.mail import MailError, build_message, deliver
from monitor.web.context import scimon_app, web_context
from monitor.web.ratelimit import retry_after
from storage.review import record_login_token, use_login_token
from storage.web_sessions import end_session, prune_sessions, start_session

log = logging.getLogger(__name__)
bp = Blueprint("auth", __name__)
MAX_AGE = 30 * 60


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="scimon-signin")


def _safe_next(target: str | None) -> str:
    if (
        target
        and target.startswith("/")
        and not target.startswith("//")
        and not urlsplit(target).netloc
    ):
        return target
    return url_for("views.queue")


@bp.route("/signin", methods=["GET", "POST"])
def signin() -> Any:
    """Ask for a link: the answer, and the time it takes, are the same for any address.

    Everything an editor's address costs (the token's row, the mail) happens
    on the mail worker after the response; the request does the same work for
    anyone: rate limits, a token, a queue check.
    """
    app = scimon_app()
    if request.method == "GET":
        return render_template("web/signin.html", next=request.args.get("next", ""))
    email = request.form.get("email", "").strip().lower()[:320]
    limited = _rate_limited(email)
    if limited is not None:
        return limited
    jti = secrets.token_urlsafe(16)
    token = _serializer().dumps({"email": email, "jti": jti})
    base = web_context().link_base
    path = url_for("auth.signin_link", token=token, next=request.form.get("next") or None)
    editors = {e.email for e in app.settings.config.editor}
    if email in editors:
        job = functools.partial(_send_link, app, email, jti, f"{base}{path}")
        if not current_app.extensions["scimon_mail"].submit(job):
            log.error("sign-in mail not queued (queue full or closed) to=%s", email)
    else:
        log.info("sign-in requested for a non-editor address")
    # the same answer either way: the page does not reveal who is an editor
    return render_template(
        "web/message.html",
        title="Check your email",
        message="If this address belongs to an editor, a sign-in link is on "
        "its way. It works once, for 30 minutes.",
    )


def _rate_limited(email: str) -> Any:
    """A 429 answer when this client or this address asked too often, else None.

    The client's bucket is spent first, so one client cycling through
    addresses is stopped by its own limit; both apply alike to editors and
    anyone else (a 429 tells nothing about the address).
    """
    limits = current_app.extensions["scimon_signin_limits"]
    wait = limits["client"].take(request.remote_addr or "?")
    if not wait:
        wait = limits["address"].take(email)
    if not wait:
        return None
    log.warning("sign-in rate limit hit client=%s", request.remote_addr)
    seconds = retry_after(wait)
    minutes = max(1, round(seconds / 60))
    return Response(
        f"Too many sign-in requests. Try again in {minutes} minute{'s' if minutes > 1 else ''}.\n",
        status=429,
        content_type="text/plain; charset=utf-8",
        headers={"Retry-After": str(seconds)},
    )


def _send_link(app: App, email: str, jti: str, link: str) -> None:
    """On the mail worker: record the link's token, then mail it."""
    with app.sessions() as db, db.begin():
        record_login_token(db, jti, email)
    msg = build_message(
        subject="Your scimon sign-in link",
        text=f"Sign in to the scimon review app (valid 30 minutes, once):\n\n{link}\n\n"
        "If you did not ask for this, ignore this email.",
        html=None,
        sender=app.settings.config.digest.sender,
        to=email,
    )
    try:
        sent = deliver(msg, app.settings.smtp, app.settings.outbox_dir, f"signin_{jti}")
    except MailError as exc:
        log.error("sign-in mail failed to=%s error=%s", email, exc)
        return
    if sent.via == "outbox":
        # no SMTP host (a local or test setup): the .eml is quoted-printable, so
        # say where it is and give the link itself, as a development server does
        log.info(
            "sign-in link written to the outbox to=%s file=%s link=%s",
            email, sent.paths[0] if sent.paths else "", link,
        )  # fmt: skip


@bp.get("/signin/<token>")
def signin_link(token: str) -> Any:
    return render_template(
        "web/signin_confirm.html", token=token, next=request.args.get("next", "")
    )


@bp.post("/signin/<token>")
def signin_confirm(token: str) -> Any:
    app = scimon_app()

    def refuse(why: str) -> Any:
        return render_template(
            "web/message.html", title="This sign-in link does not work", message=why, retry=True
        ), 400

    try:
        data = _serializer().loads(token, max_age=MAX_AGE)
    except SignatureExpired:
        return refuse("The link has expired (links work for 30 minutes). Ask for a new one.")
    except BadSignature:
        return refuse("The link is not valid. Ask for a new one.")
    email, jti = str(data.get("email", "")), str(data.get("jti", ""))
    if email not in {e.email for e in app.settings.config.editor}:
        return refuse("This address is no longer an editor.")
    editors = {e.email for e in app.settings.config.editor}
    with app.sessions() as db, db.begin():
        fresh = use_login_token(db, jti, email)
        if fresh:
            prune_sessions(db, editors)  # expired ones and former editors' go here
            session_id = start_session(db, email, current_app.permanent_session_lifetime)
    if not fresh:
        return refuse("The link was already used. Ask for a new one.")
    session.clear()
    session.permanent = True
    session["sid"] = session_id
    log.info("editor signed in editor=%s", email)
    return redirect(_safe_next(request.form.get("next")))


@bp.post("/signout")
def signout() -> Any:
    """End the session in the database too: a copy of the cookie opens nothing after."""
    session_id = session.get("sid")
    if isinstance(session_id, str) and session_id:
        app = scimon_app()
        with app.sessions() as db, db.begin():
            end_session(db, session_id)
    session.clear()
    return redirect(url_for("auth.signin"))
