"""Incremental, lossless fetching of SCI preprints from Europe PMC.

Each run searches the configured query restricted to the records Europe PMC
first indexed from ``lookback_days`` before the watermark to today, follows the
cursor to the end, and stores each page as it arrives (one transaction per
page, deduplicated by DOI like every paper).  The watermark moves only after
the last page: a fault mid-run keeps what was stored, and the next run asks
for the same window again (pages already stored count as duplicates).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from monitor.config import Settings
from monitor.parse.europepmc import parse_results
from monitor.sources.europepmc import EuropePmcClient
from storage.handoff import AfterWrite
from storage.ingest import IngestStats, ingest_records
from storage.runs import get_state
from storage.session import SessionFactory

log = logging.getLogger(__name__)

SOURCE_NAME = "preprints:europepmc"
KIND = "preprints"


@dataclass(frozen=True)
class PreprintWindow:
    start: date
    end: date

    def clause(self) -> str:
        """Europe PMC's date-range syntax on the first-index date."""
        return f"FIRST_IDX_DATE:[{self.start.isoformat()} TO {self.end.isoformat()}]"


def window_for(factory: SessionFactory, settings: Settings, today: date) -> PreprintWindow:
    config = settings.config.preprints
    with factory() as session:
        watermark = get_state(session, SOURCE_NAME, KIND).watermark
        session.commit()
    if watermark is None:
        return PreprintWindow(today - timedelta(days=config.initial_days), today)
    return PreprintWindow(min(watermark, today) - timedelta(days=config.lookback_days), today)


def windowed_query(settings: Settings, window: PreprintWindow) -> str:
    return f"({settings.preprint_query()}) AND {window.clause()}"


def fetch_preprints(
    factory: SessionFactory,
    client: EuropePmcClient,
    settings: Settings,
    *,
    today: date,
    on_batch: Callable[[IngestStats], None] | None = None,
    after_write: AfterWrite | None = None,
) -> IngestStats:
    """Run the preprint search to its last page; raise (watermark untouched) on any fault.

    ``after_write`` triages each batch in its transaction (``InlineTriage``)."""
    window = window_for(factory, settings, today)
    query = windowed_query(settings, window)
    total = IngestStats()
    pages = 0
    hits = 0
    for page in client.search_pages(query, page_size=settings.config.preprints.page_size):
        pages += 1
        hits = page.hit_count
        records = parse_results(page.records, "europepmc")
        total.skipped += len(page.records) - len(records)
        total.add(ingest_records(factory, records, after_write=after_write))
        if on_batch is not None:
            on_batch(total)
    log.info(
        "preprints fetched window=%s..%s hits=%s pages=%s new=%s",
        window.start, window.end, hits, pages, total.new,
    )  # fmt: skip
    with factory() as session, session.begin():
        get_state(session, SOURCE_NAME, KIND).watermark = today
    return total
