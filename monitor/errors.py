"""Errors that reach users carry a message and a fix-it hint (as rss2email's do).

The CLI turns any MonitorError into one line on stderr and a non-zero exit;
tracebacks are for bugs, not for bad input.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only named: the import's classifying child loads no logging (issue 23)
    import logging


class MonitorError(Exception):
    """Base of every error scimon reports to a user."""

    exit_code = 1

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message

    def log(self, logger: logging.Logger, **context: object) -> None:
        fields = " ".join(f"{k}={v}" for k, v in context.items())
        logger.error("%s %s", self, fields)


class ConfigError(MonitorError):
    """A configuration file or variable is wrong; nothing was written."""

    exit_code = 2


class SourceError(MonitorError):
    """A source (PubMed, a feed) failed; other sources carry on."""


class InputError(MonitorError):
    """A file given on the command line cannot be read or parsed."""
