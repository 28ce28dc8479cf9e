"""The editor review app (Flask): queue, paper page, shortlist, sign-in by email link."""

from __future__ import annotations

import logging
import secrets
from datetime import timedelta
from functools import partial
from typing import Any

from flask import Flask, render_template
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

from monitor.app import App
from monitor.briefs.categories import load_categories
from monitor.config import Settings
from monitor.triage.run import topic_label, topic_labels
from monitor.web import auth, context, email_links, security, trials, views
from monitor.web.forms import short_title
from monitor.web.mailer import MailWorker
from monitor.web.ratelimit import TokenBuckets
from monitor.wording import count_of
from storage.session import ping
from storage.web_sessions import prune_sessions

log = logging.getLogger(__name__)


def create_app(
    app: App | None = None, *, testing: bool = False, served_at: str | None = None
) -> Flask:
    """The review app; ``served_at`` is the address ``scimon serve`` listens on.

    Sign-in links start with ``[digest] base_url`` when the config sets it, else
    with ``served_at`` (so ``scimon serve --port 9000`` mails working links
    without a config change); never with a request's Host header, which a
    client chooses (a forged Host would mail an editor a link to its site).
    """
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
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=https,
        SESSION_COOKIE_NAME="scimon_session",
        PERMANENT_SESSION_LIFETIME=timedelta(days=14),
        MAX_CONTENT_LENGTH=64 * 1024,
    )
    labels = topic_labels(scimon)
    context.install(
        flask,
        context.WebContext(
            app=scimon,
            topic_label=partial(topic_label, labels),
            topics=list(labels.items()),
            link_base=_link_base(settings, served_at),
            # a broken categories file stops the app at start, with the file and key named
            categories=load_categories(settings.categories_file()),
        ),
    )
    web = settings.config.web
    window = web.signin_window_minutes * 60.0
    flask.extensions["scimon_signin_limits"] = {
        "client": TokenBuckets(web.signin_per_client, window),
        "address": TokenBuckets(web.signin_per_address, window),
    }
    flask.extensions["scimon_mail"] = MailWorker()
    if web.trusted_proxies:
        # the client address (for the limits and the logs) from X-Forwarded-For,
        # as appended by that many proxies; without them the header is anyone's
        flask.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            flask.wsgi_app, x_for=web.trusted_proxies
        )
    _prune_sessions(scimon)
    flask.jinja_env.globals["csrf_token"] = security.csrf_token
    flask.jinja_env.filters["count_of"] = count_of  # "1 paper", "2 papers"
    flask.jinja_env.filters["short_title"] = short_title  # a decision's toast
    flask.jinja_env.filters["dict_without"] = lambda args, key: {
        k: v for k, v in args.items() if k != key
    }
    flask.before_request(security.require_editor)
    flask.before_request(security.check_csrf)
    flask.after_request(security.security_headers)
    flask.register_blueprint(auth.bp)
    flask.register_blueprint(views.bp)
    flask.register_blueprint(trials.bp)
    flask.register_blueprint(email_links.bp)

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


def waitress_options(settings: Settings) -> dict[str, Any]:
    """Options for waitress that the settings imply (``scimon serve``, the tests).

    Waitress drops X-Forwarded-* headers by default; with ``web.trusted_proxies``
    set they must reach the app, whose ProxyFix takes the client's address from
    the entries those proxies appended (and only those).
    """
    if settings.config.web.trusted_proxies:
        return {"clear_untrusted_proxy_headers": False}
    return {}


def shutdown(flask: Flask, timeout: float = 30.0) -> None:
    """Stop the app's background work: mail already queued is sent first."""
    worker = flask.extensions.get("scimon_mail")
    if worker is not None:
        worker.close(timeout)


def _prune_sessions(scimon: App) -> None:
    """At start: drop expired sessions and those of addresses no longer editors."""
    editors = {e.email for e in scimon.settings.config.editor}
    try:
        with scimon.sessions() as db, db.begin():
            pruned = prune_sessions(db, editors)
    except Exception as exc:  # the database may be down; requests will say so
        log.warning("could not prune review-app sessions: %s", exc)
        return
    if pruned:
        log.info("review-app sessions ended at start: %d", pruned)


def _link_base(settings: Settings, served_at: str | None) -> str:
    digest = settings.config.digest
    if "base_url" in digest.model_fields_set or not served_at:
        return digest.base_url.rstrip("/")
    return served_at.rstrip("/")


def served_url(host: str, port: int) -> str | None:
    """The URL a browser on this machine reaches ``host:port`` at; None for a wildcard bind."""
    if host in ("0.0.0.0", "::", ""):  # noqa: S104 - naming the wildcard, not binding it
        return None
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"
