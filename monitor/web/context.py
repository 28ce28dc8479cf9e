"""The Flask app's typed hand-off to scimon: its App and the labels views need.

``current_app.config[...]`` is a ``dict[str, Any]``: every lookup in it is an
unchecked cast, so mypy could not see what the views received.  ``create_app``
stores one :class:`WebContext` in ``flask.extensions`` and views read it
through :func:`web_context` / :func:`scimon_app`, which check its type once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from flask import Flask, current_app

from monitor.app import App
from monitor.briefs.categories import Categories
from monitor.config import Settings

EXTENSION = "scimon"


@dataclass(frozen=True)
class WebContext:
    """What the review app shares across requests."""

    app: App
    topic_label: Callable[[str], str]
    topics: list[tuple[str, str]] = field(default_factory=list)
    link_base: str = "http://127.0.0.1:8000"  # where sign-in links point (no trailing /)
    # the site's categories for briefs and the paper page's correction form
    categories: Categories | None = None

    @property
    def settings(self) -> Settings:
        return self.app.settings


def install(flask: Flask, context: WebContext) -> None:
    """Attach ``context`` to ``flask`` (done once by ``create_app``)."""
    flask.extensions[EXTENSION] = context


def web_context() -> WebContext:
    """The context of the Flask app handling this request."""
    context = current_app.extensions.get(EXTENSION)
    if not isinstance(context, WebContext):
        raise RuntimeError("the Flask app was not built by monitor.web.create_app")
    return context


def scimon_app() -> App:
    """The scimon App of the Flask app handling this request."""
    return web_context().app
