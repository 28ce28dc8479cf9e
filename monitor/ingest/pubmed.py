"""Incremental, lossless PubMed fetching for one named query.

Each run searches a date window that starts ``lookback_days`` before the
query's watermark (records receive late Entrez dates, so windows overlap) and
ends today.  Only PMIDs that are not stored yet, plus stored PMIDs that PubMed
modified since the last successful run, are fetched.  The watermark moves only
after the whole window is stored: a fault mid-run leaves it in place and the
next run fetches whatever is still missing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from monitor.config_models import PubmedQuery
from monitor.parse.pubmed import parse_pubmed_bytes
from monitor.sources.eutils import EutilsClient, SearchResult
from storage.batching import batched
from storage.ingest import AfterWrite, IngestStats, ingest_records
from storage.runs import get_state, stored_pmids
from storage.session import SessionFactory

log = logging.getLogger(__name__)

ESEARCH_CAP = 9999  # E-utilities refuses retstart beyond this; split the window instead


@dataclass
class Window:
    start: date
    end: date

    def fmt(self) -> tuple[str, str]:
        return self.start.strftime("%Y/%m/%d"), self.end.strftime("%Y/%m/%d")


@dataclass
class QueryPlan:
    """What a run will fetch, for logs and for `queries` tools."""

    window: Window
    pages: list[SearchResult] = field(default_factory=list)
    new_ids: list[str] = field(default_factory=list)
    changed_ids: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    searched: int = 0


def search_window(
    client: EutilsClient, term: str, datetype: str, window: Window
) -> Iterator[SearchResult]:
    """Every esearch result page for the window, splitting it when over NCBI's cap."""
    mindate, maxdate = window.fmt()
    first = client.esearch(
        term, datetype=datetype, mindate=mindate, maxdate=maxdate, retmax=ESEARCH_CAP
    )
    if first.count <= ESEARCH_CAP or window.start >= window.end:
        if first.count > ESEARCH_CAP:
            log.warning(
                "esearch window over cap, ids truncated count=%s day=%s", first.count, mindate
            )
        yield first
        return
    middle = window.start + (window.end - window.start) // 2
    yield from search_window(client, term, datetype, Window(window.start, middle))
    yield from search_window(client, term, datetype, Window(middle + timedelta(days=1), window.end))


def plan_query(
    factory: SessionFactory,
    client: EutilsClient,
    query: PubmedQuery,
    term: str,
    today: date,
) -> QueryPlan:
    """Search the window and decide which PMIDs to fetch."""
    with factory() as session:
        state = get_state(session, f"pubmed:{query.name}", "pubmed")
        watermark = state.watermark
        session.commit()
    if watermark is None:
        start = today - timedelta(days=query.initial_days)
    else:
        start = min(watermark, today) - timedelta(days=query.lookback_days)
    plan = QueryPlan(window=Window(start, today))
    found: list[str] = []
    for result in search_window(client, term, query.date_field, plan.window):
        plan.pages.append(result)
        plan.searched += result.count
        plan.warnings.extend(result.warnings + result.errors)
        found.extend(result.ids)
    modified: list[str] = []
    if watermark is not None and query.date_field != "mdat":
        # E-utilities dates are whole days: "modified since the last run" must
        # include that run's day; a record revised earlier that day is refetched
        # once and stored as a duplicate, which is cheap and loses nothing
        since = Window(min(watermark, today), today)
        for result in search_window(client, term, "mdat", since):
            modified.extend(result.ids)
    with factory() as session:
        stored = stored_pmids(session, found + modified)
    seen: set[str] = set()
    for pmid in found:
        if pmid not in stored and pmid not in seen:
            plan.new_ids.append(pmid)
            seen.add(pmid)
    for pmid in modified:
        if pmid in stored and pmid not in seen:
            plan.changed_ids.append(pmid)
            seen.add(pmid)
    return plan


def fetch_query(
    factory: SessionFactory,
    client: EutilsClient,
    query: PubmedQuery,
    term: str,
    *,
    today: date,
    batch_size: int = 500,
    on_batch: Callable[[IngestStats], None] | None = None,
    after_write: AfterWrite | None = None,
) -> IngestStats:
    """Run one query to completion; raise (watermark untouched) on any fault.

    ``after_write`` triages each batch in its transaction (``InlineTriage``)."""
    plan = plan_query(factory, client, query, term, today)
    for warning in plan.warnings:
        log.warning("esearch warning query=%s warning=%s", query.name, warning)
    log.info(
        "pubmed plan query=%s window=%s..%s found=%s new=%s changed=%s",
        query.name, plan.window.start, plan.window.end, plan.searched,
        len(plan.new_ids), len(plan.changed_ids),
    )  # fmt: skip
    total = IngestStats()
    returned: set[str] = set()

    def store(xml: bytes) -> None:
        items = parse_pubmed_bytes(xml, source_name=query.name)
        returned.update(getattr(item, "pmid", None) or "" for item in items)
        total.add(
            ingest_records(factory, items, batch_size=batch_size, after_write=after_write)
        )
        if on_batch is not None:
            on_batch(total)

    wanted = set(plan.new_ids)
    by_id: list[str] = []
    for page in plan.pages:
        fresh = [pmid for pmid in page.ids if pmid in wanted]
        if page.webenv and page.query_key and len(fresh) == len(page.ids) == page.count:
            # nothing of this page is stored: page through the history server
            for start in range(0, page.count, batch_size):
                store(
                    client.efetch_history(
                        page.webenv, page.query_key, retstart=start, retmax=batch_size
                    )
                )
        else:
            by_id.extend(fresh)
    for chunk in batched(by_id + plan.changed_ids, batch_size):
        store(client.efetch_ids(chunk))
    ids = plan.new_ids + plan.changed_ids
    missing = [pmid for pmid in ids if pmid not in returned]
    if missing:
        total.skipped += len(missing)
        log.warning(
            "efetch did not return some records query=%s count=%s first=%s",
            query.name, len(missing), ",".join(missing[:10]),
        )  # fmt: skip
    with factory() as session, session.begin():
        state = get_state(session, f"pubmed:{query.name}", "pubmed")
        state.watermark = today
    return total
