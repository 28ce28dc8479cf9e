"""Europe PMC's REST search, paged with ``cursorMark``.

Europe PMC ignores the ``page`` parameter (a recorded answer to ``page=2``
holds page 1 again: ../shared/corpus/europepmc, search_cancer_page2.json), so
the only way through a result is the cursor: send ``cursorMark=*``, then each
answer's ``nextCursorMark``, until the answer has no ``nextCursorMark``, gives
back the cursor it was sent, or holds no records.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from monitor.sources.jsonapi import ApiError, ApiRefused, JsonApiClient

if TYPE_CHECKING:
    from monitor.config import Settings

EUROPEPMC_URL = "https://www.ebi.ac.uk/europepmc/webservices/rest"
MAX_PAGE_SIZE = 1000  # Europe PMC's own limit


class EuropePmcError(ApiError):
    """Europe PMC refused a search (a malformed query, usually)."""


@dataclass
class SearchPage:
    """One answer of ``/search``: its records and where paging goes next."""

    hit_count: int
    records: list[dict[str, Any]] = field(default_factory=list)
    cursor: str = "*"
    next_cursor: str | None = None


class EuropePmcClient(JsonApiClient):
    """``/search`` with ``format=json``; ``resultType=core`` brings abstracts."""

    @classmethod
    def from_settings(cls, settings: Settings) -> EuropePmcClient:
        config = settings.config.preprints
        return cls(
            settings.europepmc_url,
            user_agent=f"{settings.config.ncbi.tool} (mailto:{settings.ncbi_email})",
            rate=config.rate,
            timeout=config.timeout,
            max_attempts=config.max_attempts,
        )

    def search(
        self, query: str, *, cursor: str = "*", page_size: int = 100, result_type: str = "core"
    ) -> SearchPage:
        params = {
            "query": query,
            "format": "json",
            "resultType": result_type,
            "pageSize": min(max(1, page_size), MAX_PAGE_SIZE),
            "cursorMark": cursor,
        }
        try:
            data = self.get_json("search", params)
        except ApiRefused as exc:
            raise EuropePmcError(f"Europe PMC refused the search: {exc.body[:300]}") from exc
        if not isinstance(data, dict):
            raise EuropePmcError(f"Europe PMC answered {type(data).__name__}, not an object")
        results = (data.get("resultList") or {}).get("result") or []
        next_cursor = data.get("nextCursorMark")
        return SearchPage(
            hit_count=int(data.get("hitCount") or 0),
            records=[r for r in results if isinstance(r, dict)],
            cursor=cursor,
            next_cursor=str(next_cursor) if next_cursor else None,
        )

    def search_pages(
        self, query: str, *, page_size: int = 100, result_type: str = "core"
    ) -> Iterator[SearchPage]:
        """Every page of the result, following the cursor until it stops moving."""
        cursor = "*"
        while True:
            page = self.search(query, cursor=cursor, page_size=page_size, result_type=result_type)
            yield page
            if not page.records or not page.next_cursor or page.next_cursor == cursor:
                return
            cursor = page.next_cursor
