"""What every decision form of the review app needs: how it answers and where it goes back to.

Shared by the paper routes (views.py) and the trial routes (trials.py), which
answer desk.js's fetch in JSON and a plain form with a redirect.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import request


def wants_json() -> bool:
    """A request from static/desk.js (fetch), which answers in place of a page load."""
    return "application/json" in request.headers.get("Accept", "")


def safe_back(target: str | None, default: str) -> str:
    """A same-site path to return to after a form (never another site's URL)."""
    if (
        target
        and target.startswith("/")
        and not target.startswith("//")
        and "\\" not in target  # browsers read "/\\host" as "//host"
        and not urlsplit(target).netloc
    ):
        return target
    return default
