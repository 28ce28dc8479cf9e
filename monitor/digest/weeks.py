"""ISO weeks ("2026-W47") and when a week's digest is due, in the configured zone."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from monitor.errors import InputError

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


def week_from_input(text: str, today: date) -> str:
    """A week typed by a person: "2026-W49", "2026-w49", "2026W49", or "W49" (this year).

    Raises InputError, with the expected form, for anything else.
    """
    cleaned = text.strip().upper().replace(" ", "")
    if match := re.fullmatch(r"W?(\d{1,2})", cleaned):
        cleaned = f"{today.isocalendar()[0]}-W{int(match[1]):02d}"
    elif match := re.fullmatch(r"(\d{4})-?W(\d{1,2})", cleaned):
        cleaned = f"{match[1]}-W{int(match[2]):02d}"
    parse_week(cleaned)
    return cleaned


def iso_week(moment: datetime | date) -> str:
    year, week, _ = moment.isocalendar()
    return f"{year}-W{week:02d}"


def parse_week(text: str) -> tuple[int, int]:
    match = _WEEK.match(text.strip())
    if not match:
        raise InputError(f"not an ISO week: {text!r} (expected e.g. 2026-W47)")
    year, week = int(match[1]), int(match[2])
    try:
        date.fromisocalendar(year, week, 1)
    except ValueError as exc:
        raise InputError(f"no such week: {text}") from exc
    return year, week


def due_at(week: str, weekday: str, hour: int, tz: str) -> datetime:
    """The moment (UTC) a week's digest becomes due: its weekday and hour, local time."""
    year, number = parse_week(week)
    day = date.fromisocalendar(year, number, WEEKDAYS.index(weekday) + 1)
    local = datetime.combine(day, time(hour), tzinfo=ZoneInfo(tz))
    return local.astimezone(UTC)


def week_start(week: str) -> datetime:
    year, number = parse_week(week)
    return datetime.combine(date.fromisocalendar(year, number, 1), time(0), tzinfo=UTC)
