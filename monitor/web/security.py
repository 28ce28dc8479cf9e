"""Sessions, CSRF and headers for the review app.

CSRF: a random token per session, put in every form and compared in constant
time on every POST (about thirty lines; Flask-WTF would bring WTForms for
forms this small).  Sign-in is required for every page but the sign-in pages
and ``/healthz``; a POST without a session gets 403, a GET a redirect.

Sessions are checked server-side on every request (storage/web_sessions.py):
the cookie's session id must name a stored, unexpired session, and its
address must still be a configured ``[[editor]]``.  A signed cookie alone
proved neither, so a copy outlived sign-out and the editor's removal.
"""

from __future__ import annotations

import hmac
import secrets

from flask import Response, abort, g, redirect, request, session, url_for

from monitor.web.context import scimon_app
from storage.web_sessions import end_sessions_of, session_editor

# the digest's decision links (email_links.py) carry their own signed credential
PUBLIC_ENDPOINTS = {
    "auth.signin",
    "auth.signin_link",
    "auth.signin_confirm",
    "email.confirm",
    "email.record",
    "email.confirm_trial",
    "email.record_trial",
    "static",
    "healthz",
}
CSP = (
    "default-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
)


def csrf_token() -> str:
    token = session.get("csrf")
    if not token:
        token = secrets.token_urlsafe(32)
        session["csrf"] = token
    return str(token)


def check_csrf() -> None:
    if request.method != "POST":
        return
    sent = request.form.get("csrf_token", "")
    expected = session.get("csrf", "")
    if not expected or not hmac.compare_digest(str(sent), str(expected)):
        abort(400, description="The form expired or did not come from this site; reload and retry.")


def signed_in_editor() -> str | None:
    """The editor of this request's session, checked against the database and the config.

    A session of an address that is no longer an editor is deleted with all its
    siblings, so re-adding the address later does not bring old cookies back.
    """
    session_id = session.get("sid")
    if not isinstance(session_id, str) or not session_id:
        return None
    app = scimon_app()
    editors = {e.email for e in app.settings.config.editor}
    with app.sessions() as db, db.begin():
        editor = session_editor(db, session_id)
        if editor is not None and editor not in editors:
            end_sessions_of(db, editor)
            editor = None
    if editor is None:
        session.pop("sid", None)
    return editor


def require_editor() -> Response | None:
    """before_request: every endpoint but the public ones needs a signed-in editor."""
    if request.endpoint in PUBLIC_ENDPOINTS or request.endpoint is None:
        return None
    editor = signed_in_editor()
    if not editor:
        if request.method != "GET":
            abort(403)
        return redirect(url_for("auth.signin", next=request.full_path))  # type: ignore[return-value]
    g.editor = editor
    return None


def security_headers(response: Response) -> Response:
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    if request.endpoint not in ("static",):
        response.headers["Cache-Control"] = "no-store"
    return response
