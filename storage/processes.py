"""Who wrote a run row, and whether that process is still there.

Run rows (``fetch_run``, ``job_run``) name their process as ``host:pid``.  A
process killed with SIGKILL (or a machine that lost power) leaves its rows
"running" forever; the next start closes them, but only when it can tell the
process is gone, because a manual ``scimon fetch`` may legitimately run while
the scheduler's fetch does.  On this host, ``kill(pid, 0)`` tells; a row of
another host (or one without an owner, from before owners were recorded) is
closed only once it is older than :data:`STALE_AFTER`, longer than any run
takes.
"""

from __future__ import annotations

import os
import socket
from datetime import datetime, timedelta
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import FetchRun, JobRun

#: Either run table: both have ``host``, ``started_at``, ``outcome``, ``finished_at``, ``error``.
RunRow = TypeVar("RunRow", FetchRun, JobRun)

#: A run still "running" after this long is over, whoever started it.
STALE_AFTER = timedelta(hours=24)


def this_process() -> str:
    """``host:pid`` of the running process."""
    return f"{socket.gethostname()}:{os.getpid()}"


def pid_alive(pid: int) -> bool:
    """Whether a process with this pid exists on this host."""
    if pid <= 0:
        return True  # not a process id: cannot tell, assume alive
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by another user
    return True


def process_gone(owner: str | None) -> bool:
    """True only if ``owner`` (``host:pid``) is a process of this host that has exited."""
    if not owner:
        return False
    host, _, pid = owner.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    return not pid_alive(int(pid))


def interruption(owner: str | None, started_at: datetime, now: datetime) -> str | None:
    """Why a row still 'running' at ``now`` is over, or None if it may still be running."""
    if process_gone(owner):
        return f"interrupted: process {owner} is gone (killed?); closed at the next start"
    if now - started_at > STALE_AFTER:
        hours = STALE_AFTER.total_seconds() / 3600
        who = f"process {owner}" if owner else "an unrecorded process"
        return f"interrupted: still running after {hours:g} h ({who}); closed at the next start"
    return None


def close_interrupted(session: Session, model: type[RunRow], now: datetime) -> int:
    """Mark failed the rows of ``model`` left 'running' whose :func:`interruption` says so.

    One loop for both run tables (fetch runs and job runs), so that they are
    closed by the same rule; returns how many were closed.
    """
    closed = 0
    for run in session.scalars(select(model).where(model.outcome == "running")):
        reason = interruption(run.host, run.started_at, now)
        if reason is not None:
            run.outcome, run.finished_at, run.error = "failed", now, reason
            closed += 1
    session.flush()
    return closed
