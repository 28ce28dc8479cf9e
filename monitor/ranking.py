"""How papers are ordered for editors: the digest and the review queue share this.

The stored part (``static_priority``) depends only on the triage, so it can be
indexed and the queue can sort 50,000 papers cheaply; the digest adds recency
at selection time (``digest_priority``).
"""

from __future__ import annotations

import math
from datetime import date, datetime

_RELEVANCE = {"core": 40.0, "peripheral": 12.0, "off_topic": -100.0}
_POPULATION = {"human": 12.0, "both": 10.0, "animal": 4.0, "in_vitro": 2.0, "unclear": 5.0}


def static_priority(
    *,
    evidence_rank: int,
    population: str,
    relevance: str,
    participants: int | None,
    is_notice: bool,
) -> float:
    """Higher first: strong designs, human studies, SCI as the subject, large samples."""
    if is_notice:
        return -200.0
    score = evidence_rank * 6.0
    score += _RELEVANCE.get(relevance, 0.0)
    score += _POPULATION.get(population, 0.0)
    if participants and participants > 0:
        score += min(math.log10(participants + 1) * 3.0, 12.0)
    return round(score, 3)


def digest_priority(static: float, first_seen: datetime | date | None, today: date) -> float:
    """Add a small recency bonus (up to 6 points, fading over two weeks)."""
    if first_seen is None:
        return static
    seen = first_seen.date() if isinstance(first_seen, datetime) else first_seen
    age = max((today - seen).days, 0)
    return round(static + max(0.0, 6.0 - age * 6.0 / 14.0), 3)
