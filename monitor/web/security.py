"""Sessions, CSRF and headers for the review app.

CSRF: a random token per session, put in every form and compared in constant
time on every POST (about thirty lines; Flask-WTF would bring WTForms for
forms this small).  Sign-in is required for every page but the sign-in pages
and ``/healthz``; a POST without a session gets 403, a GET a redirect.
"""

from __future__ import annotations

import hmac
import secrets

from flask import Response, abort, g, redirect, request, session, url_for

PUBLIC_ENDPOINTS = {"auth.signin", "auth.signin_link", "auth.signin_confirm", "static", "healthz"}
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


def require_editor() -> Response | None:
    """before_request: every endpoint but the public ones needs a signed-in editor."""
    if request.endpoint in PUBLIC_ENDPOINTS or request.endpoint is None:
        return None
    editor = session.get("editor")
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
