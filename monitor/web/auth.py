"""Sign-in by emailed link: signed, expiring (30 min), single use.

The link's GET only shows a "Sign in" button: mail scanners open links, and a
GET that consumed the single-use token would burn it before the editor
clicks.  The POST checks the signature, the age and that the token was not
used before, then starts the session (stored server-side, so that signing out
ends it for every copy of the cookie).
"""

from __future__ import annotations

import logging
import secrets
from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, current_app, redirect, render_template, request, session, url_for
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from monitor.mail import MailError, build_message, deliver
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
    app = current_app.config["SCIMON_APP"]
    if request.method == "GET":
        return render_template("web/signin.html", next=request.args.get("next", ""))
    email = request.form.get("email", "").strip().lower()
    editors = {e.email for e in app.settings.config.editor}
    if email in editors:
        jti = secrets.token_urlsafe(16)
        token = _serializer().dumps({"email": email, "jti": jti})
        with app.sessions() as db, db.begin():
            record_login_token(db, jti, email)
        base = app.settings.config.digest.base_url.rstrip("/")
        path = url_for("auth.signin_link", token=token, next=request.form.get("next") or None)
        link = f"{base}{path}"
        msg = build_message(
            subject="Your scimon sign-in link",
            text=f"Sign in to the scimon review app (valid 30 minutes, once):\n\n{link}\n\n"
            "If you did not ask for this, ignore this email.",
            html=None,
            sender=app.settings.config.digest.sender,
            to=email,
        )
        try:
            deliver(msg, app.settings.smtp, app.settings.outbox_dir, f"signin_{jti}")
        except MailError as exc:
            log.error("sign-in mail failed to=%s error=%s", email, exc)
    else:
        log.info("sign-in requested for a non-editor address")
    # the same answer either way: the page does not reveal who is an editor
    return render_template(
        "web/message.html",
        title="Check your email",
        message="If this address belongs to an editor, a sign-in link is on "
        "its way. It works once, for 30 minutes.",
    )


@bp.get("/signin/<token>")
def signin_link(token: str) -> Any:
    return render_template(
        "web/signin_confirm.html", token=token, next=request.args.get("next", "")
    )


@bp.post("/signin/<token>")
def signin_confirm(token: str) -> Any:
    app = current_app.config["SCIMON_APP"]

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
        app = current_app.config["SCIMON_APP"]
        with app.sessions() as db, db.begin():
            end_session(db, session_id)
    session.clear()
    return redirect(url_for("auth.signin"))
