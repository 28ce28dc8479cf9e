"""Where and when this process runs: one definition each, shared by every stage.

``today`` is the UTC date that fetch windows and query tools count back from;
``host_id`` names this process in job runs and digest-send claims, so a claim
and a run row left by the same process carry the same name.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from storage.processes import this_process


def today() -> date:
    """Today's date in UTC (PubMed's dates are days; the zone must not vary by host)."""
    return datetime.now(UTC).date()


def host_id() -> str:
    """``hostname:pid`` of this process (storage's definition, which run rows use)."""
    return this_process()
