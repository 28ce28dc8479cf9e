"""ClinicalTrials.gov API v2: ``/studies`` searched and paged with page tokens.

The answer of ``GET /api/v2/studies`` is ``{"studies": [...], "nextPageToken":
"...", "totalCount": n}`` (``totalCount`` only with ``countTotal=true``);
paging sends each ``nextPageToken`` back as ``pageToken`` until an answer has
none.  ``pageSize`` is at most 1,000.

A 400 answer is a bare sentence naming what is wrong ("`filter.phase` is
unknown parameter", recorded in ../shared/corpus/clinicaltrials/issues-quoted):
on the first page that is the configuration's fault and is raised as a
:class:`~monitor.errors.ConfigError` with that sentence.  A 400 on a later page
means the page token is no longer accepted (tokens expire); paging then starts
again from the first page, a bounded number of times.  Studies seen twice are
stored once (the NCT id is unique), so a restart loses and duplicates nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from monitor.errors import ConfigError
from monitor.sources.jsonapi import ApiError, ApiRefused, JsonApiClient

if TYPE_CHECKING:
    from monitor.config import Settings

log = logging.getLogger(__name__)

MAX_PAGE_SIZE = 1000
MAX_RESTARTS = 3


class CtgovError(ApiError):
    """ClinicalTrials.gov could not be paged to the end."""


@dataclass
class StudiesPage:
    studies: list[dict[str, Any]] = field(default_factory=list)
    next_token: str | None = None
    total: int | None = None
    restarted: bool = False  # the first page of a restart after an expired token


@dataclass(frozen=True)
class StudyQuery:
    """What to ask ``/studies`` for: conditions (OR'ed), an optional term, a date floor."""

    conditions: Sequence[str]
    term: str | None = None
    updated_since: date | None = None

    def params(self) -> dict[str, str]:
        out: dict[str, str] = {}
        if self.conditions:
            out["query.cond"] = " OR ".join(
                f'"{c}"' if " " in c and not c.startswith('"') else c for c in self.conditions
            )
        if self.term:
            out["query.term"] = self.term
        if self.updated_since is not None:
            out["filter.advanced"] = (
                f"AREA[LastUpdatePostDate]RANGE[{self.updated_since.isoformat()},MAX]"
            )
        return out


class CtgovClient(JsonApiClient):
    @classmethod
    def from_settings(cls, settings: Settings) -> CtgovClient:
        config = settings.config.trials
        return cls(
            settings.ctgov_url,
            user_agent=f"{settings.config.ncbi.tool} (mailto:{settings.ncbi_email})",
            rate=config.rate,
            timeout=config.timeout,
            max_attempts=config.max_attempts,
        )

    def studies(
        self, query: StudyQuery, *, page_size: int = 1000, token: str | None = None,
        count_total: bool = False,
    ) -> StudiesPage:  # fmt: skip
        params: dict[str, Any] = {
            "format": "json",
            **query.params(),
            "pageSize": min(max(1, page_size), MAX_PAGE_SIZE),
        }
        if count_total:
            params["countTotal"] = "true"
        if token:
            params["pageToken"] = token
        data = self.get_json("studies", params)
        if not isinstance(data, dict):
            raise CtgovError(f"studies: answered {type(data).__name__}, not an object")
        studies = [s for s in data.get("studies") or [] if isinstance(s, dict)]
        total = data.get("totalCount")
        return StudiesPage(
            studies=studies,
            next_token=str(data["nextPageToken"]) if data.get("nextPageToken") else None,
            total=int(total) if isinstance(total, int) else None,
        )

    def study_pages(self, query: StudyQuery, *, page_size: int = 1000) -> Iterator[StudiesPage]:
        """Every page, restarting from the first when a page token is refused."""
        restarts = 0
        token: str | None = None
        first = True
        while True:
            try:
                page = self.studies(query, page_size=page_size, token=token, count_total=first)
            except ApiRefused as exc:
                if token is None:
                    raise ConfigError(
                        f"ClinicalTrials.gov refused the trials query: {exc.body or exc}",
                        "check [trials] in the configuration (conditions, term)",
                    ) from exc
                restarts += 1
                if restarts > MAX_RESTARTS:
                    raise CtgovError(
                        f"studies: page token refused {restarts} times: {exc.body[:200]}"
                    ) from exc
                log.warning("ctgov page token refused, paging again error=%s", exc.body[:200])
                token, first = None, True
                continue
            page.restarted = first and restarts > 0
            first = False
            yield page
            if not page.next_token:
                return
            token = page.next_token
