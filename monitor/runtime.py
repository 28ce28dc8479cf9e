"""When this process runs: one definition of "today", shared by every stage.

``today`` is the UTC date that fetch windows and query tools count back from.
(Which process this is, ``host:pid``, is storage's ``processes.this_process``:
run rows, digest-send claims and the scheduler's lock all name it the same way.)
"""

from __future__ import annotations

from datetime import UTC, date, datetime


def today() -> date:
    """Today's date in UTC (PubMed's dates are days; the zone must not vary by host)."""
    return datetime.now(UTC).date()
