"""Tools that let maintainers tune PubMed queries with evidence.

* ``check``: NCBI's translation of each query, its hit count over the
  lookback window, and NCBI's warnings (PhraseNotFound, ignored terms).
* ``diff``: which papers a new term would add and remove over N days, with
  titles and study designs, before the change goes into queries/sci.toml.
* ``recall``: given papers that must be caught (e.g. those already
  summarized), how many the configured queries and feeds catch, and why each
  miss was missed (not in PubMed yet, outside the window, not matched).

They use the same E-utilities client as fetching, so they run against NCBI or
the test emulator alike.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from monitor.app import App
from monitor.config_models import PubmedQuery
from monitor.errors import InputError
from monitor.ingest.pubmed import ESEARCH_CAP, Window, search_window
from monitor.parse.pubmed import parse_pubmed_bytes
from monitor.records import PaperRecord
from monitor.runtime import today as utc_today
from monitor.sources.eutils import EutilsClient
from storage.batching import batched
from storage.keys import normalize_doi
from storage.papers import find_paper
from storage.triage import get_triage

# -- check ---------------------------------------------------------------------


@dataclass
class QueryCheck:
    name: str
    term: str
    translation: str | None
    count: int
    days: int
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and self.count > 0


def check_queries(app: App, client: EutilsClient, today: date | None = None) -> list[QueryCheck]:
    """Translate and count every configured query over its lookback window."""
    today = today or utc_today()
    out = []
    for query in app.settings.config.pubmed.query:
        term = app.settings.pubmed_term(query)
        start = today - timedelta(days=query.lookback_days)
        result = client.esearch(
            term,
            datetype=query.date_field,
            mindate=start.strftime("%Y/%m/%d"),
            maxdate=today.strftime("%Y/%m/%d"),
            retmax=0,
            usehistory=False,
        )
        out.append(
            QueryCheck(
                name=query.name,
                term=term,
                translation=result.query_translation,
                count=result.count,
                days=query.lookback_days,
                warnings=list(result.warnings),
                errors=list(result.errors),
            )
        )
    return out


# -- diff ------------------------------------------------------------------------


@dataclass
class DiffItem:
    pmid: str
    title: str
    design: str
    journal: str


@dataclass
class QueryDiff:
    query: str
    old_term: str
    new_term: str
    days: int
    old_count: int
    new_count: int
    added: list[DiffItem]
    removed: list[DiffItem]
    warnings: list[str]


def _ids(
    client: EutilsClient, term: str, datetype: str, window: Window
) -> tuple[set[str], list[str]]:
    ids: set[str] = set()
    notes: list[str] = []
    for result in search_window(client, term, datetype, window):
        ids.update(result.ids)
        notes.extend(result.warnings + result.errors)
    return ids, notes


def _describe(app: App, client: EutilsClient, pmids: Sequence[str], limit: int) -> list[DiffItem]:
    """Titles and designs: from the database when stored, else fetched and triaged."""
    from monitor.triage import classify
    from monitor.triage.run import rules_for

    rules = rules_for(app)
    wanted = sorted(pmids, key=int, reverse=True)[:limit]
    items: dict[str, DiffItem] = {}
    with app.sessions() as session:
        for pmid in wanted:
            paper = find_paper(session, pmid)
            if paper is not None:
                tri = get_triage(session, paper.id)
                items[pmid] = DiffItem(pmid, paper.title, tri.design if tri else "?", paper.journal)
    missing = [p for p in wanted if p not in items]
    for chunk in batched(missing, 200):
        for rec in parse_pubmed_bytes(client.efetch_ids(chunk), source_name="queries-diff"):
            if isinstance(rec, PaperRecord) and rec.pmid:
                design = classify(rec, rules).design
                items[rec.pmid] = DiffItem(rec.pmid, rec.title, design, rec.journal)
    return [items.get(p) or DiffItem(p, "(not returned by efetch)", "?", "") for p in wanted]


def diff_query(
    app: App,
    client: EutilsClient,
    query: PubmedQuery,
    new_term: str,
    days: int,
    *,
    limit: int = 100,
    today: date | None = None,
) -> QueryDiff:
    today = today or utc_today()
    window = Window(today - timedelta(days=days), today)
    old_term = app.settings.pubmed_term(query)
    old, _ = _ids(client, old_term, query.date_field, window)
    new, notes_new = _ids(client, new_term, query.date_field, window)
    return QueryDiff(
        query=query.name,
        old_term=old_term,
        new_term=new_term,
        days=days,
        old_count=len(old),
        new_count=len(new),
        added=_describe(app, client, sorted(new - old), limit),
        removed=_describe(app, client, sorted(old - new), limit),
        warnings=sorted(set(notes_new)),
    )


# -- recall ------------------------------------------------------------------------


@dataclass
class GoldItem:
    raw: str
    doi: str | None
    pmid: str | None


@dataclass
class RecallItem:
    item: GoldItem
    caught: bool
    how: str  # which query/feed caught it, or why it was missed


@dataclass
class RecallReport:
    items: list[RecallItem]

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def caught(self) -> int:
        return sum(1 for i in self.items if i.caught)

    @property
    def recall(self) -> float:
        return self.caught / self.total if self.total else 0.0


def read_gold(path: Path) -> list[GoldItem]:
    """DOIs or PMIDs, one per line, or a CSV with a ``doi`` and/or ``pmid`` column."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from exc
    items: list[GoldItem] = []
    first = text.splitlines()[0].lower() if text.strip() else ""
    if "," in first and ("doi" in first or "pmid" in first):
        for row in csv.DictReader(io.StringIO(text)):
            lowered = {k.strip().lower(): (v or "").strip() for k, v in row.items() if k}
            pmid = lowered.get("pmid") or None
            doi = normalize_doi(lowered.get("doi"))
            if pmid or doi:
                items.append(GoldItem(raw=doi or pmid or "", doi=doi, pmid=pmid))
        return items
    for line in text.splitlines():
        value = line.split("#", 1)[0].strip()
        if not value:
            continue
        if value.lower().startswith("pmid:"):
            value = value[5:].strip()
        if value.isdigit():
            items.append(GoldItem(raw=value, doi=None, pmid=value))
            continue
        doi = normalize_doi(value)
        if doi is None:
            raise InputError(f"{path}: {value!r} is neither a DOI nor a PMID")
        items.append(GoldItem(raw=value, doi=doi, pmid=None))
    return items


def _id_term(item: GoldItem) -> str:
    return f"{item.pmid}[uid]" if item.pmid else f'"{item.doi}"[doi]'


def recall(
    app: App,
    client: EutilsClient,
    gold: Iterable[GoldItem],
    today: date | None = None,
) -> RecallReport:
    """For each gold paper: caught (stored from a configured source) or why not."""
    today = today or utc_today()
    settings = app.settings
    queries = [q for q in settings.config.pubmed.query if q.enabled]
    feed_names = _feed_names(app)
    out: list[RecallItem] = []
    for item in gold:
        with app.sessions() as session:
            paper = find_paper(session, item.pmid or item.doi or "")
            sources = (
                sorted(
                    {
                        f"{s.source}:{s.source_name}"
                        for s in paper.sightings
                        if (s.source == "pubmed" and s.source_name in {q.name for q in queries})
                        or (s.source == "feed" and s.source_name in feed_names)
                    }
                )
                if paper
                else []
            )
        if sources:
            out.append(RecallItem(item, True, "stored via " + ", ".join(sources)))
            continue
        out.append(_explain_miss(app, client, item, queries, today))
    return RecallReport(out)


def _feed_names(app: App) -> set[str]:
    try:
        from monitor.ingest.feeds import configured_feeds

        return {f.name for f in configured_feeds(app) if f.enabled}
    except Exception:  # feeds config missing or invalid: recall still reports PubMed
        return set()


def _explain_miss(
    app: App, client: EutilsClient, item: GoldItem, queries: list[PubmedQuery], today: date
) -> RecallItem:
    found = client.esearch(_id_term(item), retmax=5, usehistory=False)
    if found.count == 0:
        return RecallItem(item, False, "not in PubMed yet")
    pmid = found.ids[0]
    for query in queries:
        term = app.settings.pubmed_term(query)
        hit = client.esearch(f"({term}) AND {pmid}[uid]", retmax=1, usehistory=False)
        if hit.count:
            entrez = _entrez_date(client, pmid)
            window_start = today - timedelta(days=query.initial_days)
            when = f" (Entrez date {entrez})" if entrez else ""
            if entrez and entrez < window_start:
                return RecallItem(
                    item,
                    False,
                    f"matched by query {query.name} but outside the window{when}; "
                    "run a backfill or widen initial_days",
                )
            return RecallItem(
                item, False, f"matched by query {query.name}{when} but not fetched yet (run fetch)"
            )
    return RecallItem(item, False, f"in PubMed as {pmid} but not matched by any query term")


def _entrez_date(client: EutilsClient, pmid: str) -> date | None:
    for rec in parse_pubmed_bytes(client.efetch_ids([pmid]), source_name="queries-recall"):
        if isinstance(rec, PaperRecord):
            return rec.entrez_on
    return None


__all__ = [
    "ESEARCH_CAP",
    "QueryCheck",
    "QueryDiff",
    "RecallReport",
    "check_queries",
    "diff_query",
    "read_gold",
    "recall",
]


# -- check: the other sources ------------------------------------------------------


def check_trials(app: App, today: date | None = None) -> QueryCheck:
    """How many studies the trials query finds over its lookback window (one request).

    A 400 (the registry names the parameter it does not know) is reported as
    an error of this check, in the registry's words.
    """
    from monitor.errors import MonitorError
    from monitor.sources.ctgov import CtgovClient, StudyQuery

    settings = app.settings
    config = settings.config.trials
    today = today or utc_today()
    query = StudyQuery(
        settings.trial_conditions(), config.term, today - timedelta(days=config.lookback_days)
    )
    term = "; ".join(f"{k}={v}" for k, v in query.params().items())
    check = QueryCheck(name="trials", term=term, translation=None, count=0,
                       days=config.lookback_days)  # fmt: skip
    try:
        with CtgovClient.from_settings(settings) as client:
            page = next(client.study_pages(query, page_size=1))
    except MonitorError as exc:
        check.errors.append(str(exc))
        return check
    check.count = page.total if page.total is not None else len(page.studies)
    return check


def check_preprints(app: App, today: date | None = None) -> QueryCheck:
    """How many preprints the Europe PMC query finds over its lookback window."""
    from monitor.errors import MonitorError
    from monitor.ingest.preprints import PreprintWindow, windowed_query
    from monitor.sources.europepmc import EuropePmcClient

    settings = app.settings
    config = settings.config.preprints
    today = today or utc_today()
    window = PreprintWindow(today - timedelta(days=config.lookback_days), today)
    term = windowed_query(settings, window)
    check = QueryCheck(name="preprints", term=term, translation=None, count=0,
                       days=config.lookback_days)  # fmt: skip
    try:
        with EuropePmcClient.from_settings(settings) as client:
            check.count = client.search(term, page_size=1, result_type="idlist").hit_count
    except MonitorError as exc:
        check.errors.append(str(exc))
    return check
