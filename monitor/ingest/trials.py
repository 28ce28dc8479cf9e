"""Incremental, lossless fetching of SCI trials from ClinicalTrials.gov.

Each run asks for the studies matching the configured conditions whose
LastUpdatePostDate is on or after the watermark minus ``lookback_days`` (the
registry posts updates with a delay), pages with page tokens to the end, and
stores each page as it arrives (one transaction per page; one row per NCT id,
so a study on two pages, or met again after paging restarted, is stored once).
The watermark moves only after the last page: a fault mid-run keeps what was
stored and the next run asks for the same window again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, timedelta

from monitor.config import Settings
from monitor.parse.ctgov import parse_studies
from monitor.sources.ctgov import CtgovClient, StudyQuery
from storage.ingest import IngestStats
from storage.runs import get_state
from storage.session import SessionFactory
from storage.trials import resolve_trial_links, upsert_trials

log = logging.getLogger(__name__)

SOURCE_NAME = "trials:ctgov"
KIND = "trials"


def study_query(factory: SessionFactory, settings: Settings, today: date) -> StudyQuery:
    """The query of this run: the configured conditions, updated since the window start."""
    config = settings.config.trials
    with factory() as session:
        watermark = get_state(session, SOURCE_NAME, KIND).watermark
        session.commit()
    if watermark is None:
        start = today - timedelta(days=config.initial_days)
    else:
        start = min(watermark, today) - timedelta(days=config.lookback_days)
    return StudyQuery(settings.trial_conditions(), config.term, start)


def fetch_trials(
    factory: SessionFactory,
    client: CtgovClient,
    settings: Settings,
    *,
    today: date,
    on_batch: Callable[[IngestStats], None] | None = None,
) -> IngestStats:
    """Page the trials query to its end; raise (watermark untouched) on any fault."""
    query = study_query(factory, settings, today)
    total = IngestStats()
    pages = 0
    for page in client.study_pages(query, page_size=settings.config.trials.page_size):
        pages += 1
        trials = parse_studies(page.studies)
        total.skipped += len(page.studies) - len(trials)
        with factory() as session, session.begin():
            stats = upsert_trials(session, trials, SOURCE_NAME)
            resolve_trial_links(session)
        total.add(stats)
        if on_batch is not None:
            on_batch(total)
    log.info(
        "trials fetched since=%s pages=%s seen=%s new=%s updated=%s",
        query.updated_since, pages, total.seen, total.new, total.updated,
    )  # fmt: skip
    with factory() as session, session.begin():
        get_state(session, SOURCE_NAME, KIND).watermark = today
    return total
