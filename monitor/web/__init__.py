"""The editor review app (Flask): queue, paper page, shortlist, sign-in by email link."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from flask import Flask, render_template
from werkzeug.exceptions import HTTPException

from monitor.app import App
from monitor.web import auth, context, security, views
from storage.session import ping

log = logging.getLogger(__name__)


def create_app(app: App | None = None, *, testing: bool = False) -> Flask:
    scimon = app or App()
    settings = scimon.settings
    web_dir = settings.templates_dir / "web"
    flask = Flask(
        __name__,
        template_folder=str(settings.templates_dir),
        static_folder=str(web_dir / "static"),
        static_url_path="/static",
    )
    secret = settings.secret_key
    if not secret:
        secret = secrets.token_hex(32)
        if not testing:
            log.warning(
                "SCIMON_SECRET_KEY is not set: using a random key; sign-in links and sessions "
                "end when the server restarts. Set it in production."
            )
    https = settings.config.digest.base_url.startswith("https://")
    flask.config.update(
        SECRET_KEY=secret,
        TESTING=testing,
        SCIMON_APP=scimon,  # read by monitor.web.auth; views use context.scimon_app()
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=https,
        SESSION_COOKIE_NAME="scimon_session",
        PERMANENT_SESSION_LIFETIME=timedelta(days=14),
        MAX_CONTENT_LENGTH=64 * 1024,
    )
    topic_label: Callable[[str], str] = _plain_label
    topics: list[tuple[str, str]] = []
    try:
        from monitor.triage.run import rules_for

        rules = rules_for(scimon)
        topic_label = rules.topic_label
        topics = [(tid, label) for tid, label, _ in rules.topics]
    except Exception:  # labels are cosmetic
        log.debug("topic labels unavailable", exc_info=True)
    context.install(flask, context.WebContext(app=scimon, topic_label=topic_label, topics=topics))
    flask.jinja_env.globals["csrf_token"] = security.csrf_token
    flask.jinja_env.filters["dict_without"] = lambda args, key: {
        k: v for k, v in args.items() if k != key
    }
    flask.before_request(security.require_editor)
    flask.before_request(security.check_csrf)
    flask.after_request(security.security_headers)
    flask.register_blueprint(auth.bp)
    flask.register_blueprint(views.bp)

    @flask.get("/healthz")
    def healthz() -> Any:
        with scimon.sessions() as db:
            ping(db)
        return {"status": "ok"}

    @flask.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> Any:
        return render_template(
            "web/message.html", title=f"{exc.code} {exc.name}", message=exc.description
        ), exc.code

    return flask


def _plain_label(topic_id: str) -> str:
    return topic_id.replace("_", " ")
