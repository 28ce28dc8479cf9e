"""What every decision form of the review app needs: how it answers and where it goes back to.

Shared by the paper routes (views.py) and the trial routes (trials.py), which
answer desk.js's fetch in JSON and a plain form with a redirect.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from flask import abort, jsonify, redirect, request, url_for
from werkzeug.datastructures import MultiDict

# A list page's query marker that it was gone on to from an item's page: ``then=next``
# (the paper or trial page's "decide and go on") when nothing was left to decide, or a
# page past the list's last one.  Its toast's Undo then goes back to the undone item, as
# the next item's page's does, not to the list where the item may be out of sight.
GONE_ON = ("then", "next")

# the longest title a decision's toast shows, its ellipsis included
TOAST_TITLE = 80


def short_title(title: str, limit: int = TOAST_TITLE) -> str:
    """A title as the toast shows it: cut at a word, with an ellipsis, at most ``limit``
    characters ("...for wheelchai" read as a typo).  The one place it is shortened: the
    page after a plain form (the ``short_title`` filter) and the JSON desk.js gets."""
    text = " ".join(title.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.") + "\u2026"


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


def skip_reason(status: str, reason: str | None, allowed: list[str]) -> str | None:
    """The reason a decision keeps: a Skip's, picked from the configured list; else none."""
    if reason is None or status != "skipped" or reason not in allowed:
        return None
    return reason


def back_with_toast(back: str | None, default: str, action_id: int) -> Any:
    """Redirect to ``back`` (same-site), its old ``done`` replaced by this decision's (and
    no ``then=next``: a decision made on this page is undone on it)."""
    target = urlsplit(safe_back(back, default))
    dropped = ("done", GONE_ON[0])
    query = [(k, v) for k, v in parse_qsl(target.query, keep_blank_values=True) if k not in dropped]
    query.append(("done", str(action_id)))
    return redirect(f"{target.path}?{urlencode(query)}")


def undo_answer(
    sessions: Callable[[], Any],
    undo: Callable[[Any], Any],
    refused: type[Exception],
    belongs: Callable[[Any], bool],
    answer: Callable[[int, str], dict[str, Any]],
    default_back: str,
) -> Any:
    """Undo one decision (``undo(session)`` returns the action back) and answer as a decision.

    The undo and the check that it was the URL's paper (or trial) are one
    transaction: an undo of another item's action is refused and rolled back.
    desk.js gets ``answer(action id, restored status)`` as JSON; a plain form
    goes back to ``back`` with the undone action's toast.
    """
    with sessions() as db, db.begin():
        try:
            back = undo(db)
        except refused as exc:
            if wants_json():
                return jsonify({"error": str(exc)}), 400
            abort(400, description=str(exc))
        if not belongs(back):
            abort(400)
        restored, back_id, undone_id = back.to_status, back.id, back.undoes_id
    if wants_json():
        return jsonify(answer(back_id, restored))
    # the page gone back to says "Undone: <title>" (a toast without Undo), as desk.js does
    return back_with_toast(request.form.get("back"), default_back, undone_id)


def first_page() -> str:
    """This list's URL with the same filters at its first page (no ``page``/``after``):
    where a request past the last page goes, instead of an empty page that says nothing
    is left to decide while page 1 still holds rows.  A decision's toast comes along
    marked gone on (``GONE_ON``): its item was on the later page, not on this one."""
    kept = [
        (k, v) for k, v in request.args.items(multi=True) if k not in ("page", "after", GONE_ON[0])
    ]
    if request.args.get("done"):
        kept.append(GONE_ON)
    return request.path + (f"?{urlencode(kept)}" if kept else "")


def after_decision(action_id: int, list_endpoint: str, next_item: Callable[[], str | None]) -> Any:
    """Where a plain form's decision goes, for papers and trials alike.

    ``then=next`` (an item's page): on to ``next_item()``, the next item's page, its toast
    the decision's, or, none left, the list marked gone on (``GONE_ON``); otherwise back to
    ``back``, the list page the decision was made on.  One flow, so that the paper and the
    trial pages cannot drift apart (desk20 wrote it twice).
    """
    form = request.form
    if form.get(GONE_ON[0]) == GONE_ON[1]:
        following = next_item()
        if following is not None:
            return redirect(f"{following}?{urlencode([('done', str(action_id))])}")
        marked = urlencode([("done", str(action_id)), GONE_ON])
        return redirect(f"{url_for(list_endpoint)}?{marked}")
    return back_with_toast(form.get("back"), url_for(list_endpoint), action_id)


def undo_back_to_item(done: dict[str, Any] | None, *, on_a_list: bool) -> dict[str, Any] | None:
    """A page load's toast (``done``, its item's page in ``done["page"]``) with its Undo sent
    back to that item's page: always from an item's page (the decision was made on the
    previous item, or undone on this one), and from a list only when it was gone on to
    (``GONE_ON``): a decision made on the list page is undone on it, where its row is."""
    if done is not None and done.get("page") and (not on_a_list or is_gone_on()):
        done["undo_back"] = done["page"]
    return done


def is_gone_on() -> bool:
    """Whether this list page was gone on to (``GONE_ON``): its toast's Undo goes back to
    the undone item's page."""
    return request.args.get(GONE_ON[0]) == GONE_ON[1]


def list_args() -> MultiDict[str, str]:
    """This list page's query as its links and filters keep it: without ``GONE_ON``,
    which holds for the toast of this page load only."""
    args = MultiDict(request.args)
    args.pop(GONE_ON[0], None)
    return args
