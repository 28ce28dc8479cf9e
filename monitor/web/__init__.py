"""The editor review app (Flask): queue, paper page, shortlist, sign-in by email link."""

from __future__ import annotations

import logging
import secrets
from datetime import timedelta
from functools import partial
from typing import Any

from flask import Flask, render_template
from werkzeug.exceptions import HTTPException

from monitor.app import App
from monitor.triage.run import topic_label, topic_labels
from monitor.web import auth, security, views

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
        SCIMON_APP=scimon,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=https,
        SESSION_COOKIE_NAME="scimon_session",
        PERMANENT_SESSION_LIFETIME=timedelta(days=14),
        MAX_CONTENT_LENGTH=64 * 1024,
    )
    labels = topic_labels(scimon)
    flask.config["TOPIC_LABEL"] = partial(topic_label, labels)
    flask.config["TOPICS"] = list(labels.items())
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
            db.execute(select_one())
        return {"status": "ok"}

    @flask.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> Any:
        return render_template(
            "web/message.html", title=f"{exc.code} {exc.name}", message=exc.description
        ), exc.code

    return flask


def select_one() -> Any:
    from sqlalchemy import text

    return text("SELECT 1")
