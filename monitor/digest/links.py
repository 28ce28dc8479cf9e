"""Signed decision links of the digest: one editor, one paper, one week.

A digest's Summarize / Maybe / Skip links carry a token signed with
``SCIMON_SECRET_KEY`` (itsdangerous, as the sign-in links) that names the
editor, the paper and the digest's week.  Opening it needs no sign-in: the
editor got it by mail, as a sign-in link.  It works until the end of that week
plus ``[digest] action_link_days`` days, and only for its paper (the paper's
id is in the URL too, and must agree).  The GET of a link only shows a
button; the POST decides, so a mail scanner that opens links changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from itsdangerous import BadSignature, URLSafeSerializer

from monitor.digest.weeks import parse_week, week_start
from monitor.errors import InputError

SALT = "scimon-digest-decision"
DECISIONS = ("to_summarize", "maybe", "skipped")  # what a digest link may decide


class LinkError(ValueError):
    """A decision link that does not work; the message says why, for the editor."""


@dataclass(frozen=True)
class DecisionClaim:
    """What a valid token says: who may decide on which paper, from which week's digest."""

    editor: str
    paper_id: int
    week: str

    def expires_on(self, days: int) -> date:
        """The last day the link works: the week's Sunday plus ``days``."""
        return (week_start(self.week) + timedelta(days=6 + days)).date()


def _serializer(secret: str) -> URLSafeSerializer:
    return URLSafeSerializer(secret, salt=SALT)


def make_token(secret: str, editor: str, paper_id: int, week: str) -> str:
    parse_week(week)
    return str(_serializer(secret).dumps({"e": editor, "p": paper_id, "w": week}))


def read_token(
    secret: str, token: str, *, paper_id: int, today: date, days: int
) -> DecisionClaim:
    """The claim of ``token`` for ``paper_id``; LinkError if forged, for another paper, or old."""
    try:
        data = _serializer(secret).loads(token)
    except BadSignature as exc:
        raise LinkError("This link is not valid (it was changed or cut short).") from exc
    try:
        claim = DecisionClaim(editor=str(data["e"]), paper_id=int(data["p"]), week=str(data["w"]))
        parse_week(claim.week)
    except (KeyError, TypeError, ValueError, InputError) as exc:
        raise LinkError("This link is not valid.") from exc
    if claim.paper_id != paper_id:
        raise LinkError("This link is for another paper.")
    if today > claim.expires_on(days):
        raise LinkError(
            f"This link from the {claim.week} digest expired on "
            f"{claim.expires_on(days):%d %b %Y}. Sign in to decide in the review app."
        )
    return claim
