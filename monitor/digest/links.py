"""Signed decision links of the digest: one editor, one paper (or trial), one week.

A digest's Summarize / Maybe / Skip links carry a token signed with
``SCIMON_SECRET_KEY`` (itsdangerous, as the sign-in links) that names the
editor, the paper and the digest's week.  Opening it needs no sign-in: the
editor got it by mail, as a sign-in link.  It works until the end of that week
plus ``[digest] action_link_days`` days, and only for its paper (the paper's
id is in the URL too, and must agree).  The GET of a link only shows a
button; the POST decides, so a mail scanner that opens links changes nothing.

The Trials section's links are the same tokens for a trial.  Each kind has its
own salt, so a paper's link can never decide the trial that happens to have
the same row number (nor the other way round); the paper tokens are unchanged,
so links in digests already sent keep working.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from itsdangerous import BadSignature, URLSafeSerializer

from monitor.digest.weeks import parse_week, week_start
from monitor.errors import InputError

SALT = "scimon-digest-decision"
SALTS = {"paper": SALT, "trial": "scimon-digest-trial-decision"}  # what a link may decide on
DECISIONS = ("to_summarize", "maybe", "skipped")  # what a digest link may decide


class LinkError(ValueError):
    """A decision link that does not work; the message says why, for the editor."""


@dataclass(frozen=True)
class DecisionClaim:
    """What a valid token says: who may decide on which paper (or trial), from which digest."""

    editor: str
    item_id: int
    week: str
    kind: str = "paper"

    def expires_on(self, days: int) -> date:
        """The last day the link works: the week's Sunday plus ``days``."""
        return (week_start(self.week) + timedelta(days=6 + days)).date()


def _serializer(secret: str, kind: str) -> URLSafeSerializer:
    return URLSafeSerializer(secret, salt=SALTS[kind])


def make_token(secret: str, editor: str, item_id: int, week: str, *, kind: str = "paper") -> str:
    """A link's token for ``editor`` to decide on paper (or trial) ``item_id`` from ``week``."""
    parse_week(week)
    return str(_serializer(secret, kind).dumps({"e": editor, "p": item_id, "w": week}))


def read_token(
    secret: str, token: str, *, item_id: int, today: date, days: int, kind: str = "paper"
) -> DecisionClaim:
    """The claim of ``token`` for ``item_id``; LinkError if forged, for another one, or old."""
    try:
        data = _serializer(secret, kind).loads(token)
    except BadSignature as exc:
        raise LinkError("This link is not valid (it was changed or cut short).") from exc
    try:
        claim = DecisionClaim(
            editor=str(data["e"]), item_id=int(data["p"]), week=str(data["w"]), kind=kind
        )
        parse_week(claim.week)
    except (KeyError, TypeError, ValueError, InputError) as exc:
        raise LinkError("This link is not valid.") from exc
    if claim.item_id != item_id:
        raise LinkError(f"This link is for another {kind}.")
    if today > claim.expires_on(days):
        raise LinkError(
            f"This link from the {claim.week} digest expired on "
            f"{claim.expires_on(days):%d %b %Y}. Sign in to decide in the review app."
        )
    return claim
