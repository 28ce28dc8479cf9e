"""``scimon papers``: look at what is stored."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, Any, Protocol

import click

from monitor.app import App
from monitor.cli.common import (
    echo_json,
    json_option,
    parse_since,
    pass_app,
    require_database,
    table,
)
from monitor.errors import MonitorError
from monitor.facets import DESIGNS, POPULATIONS, RELEVANCE
from storage.listed import ListedPaper, ListedTriage, PaperFilters

if TYPE_CHECKING:  # `papers list` reads plain records: no SQLAlchemy, no ORM, no models
    from storage.dbapi import PlainConnection
    from storage.models import Paper, PaperTriage


def paper_summary(paper: Paper | ListedPaper) -> dict[str, Any]:
    return {
        "id": paper.id,
        "doi": paper.doi,
        "pmid": paper.pmid,
        "title": paper.title,
        "journal": paper.journal,
        "published": paper.published_on,
        "pub_date": paper.pub_date_text,
        "citation_status": paper.citation_status,
        "first_seen_at": paper.first_seen_at,
        "first_source": paper.first_source,
    }


@click.group()
def papers() -> None:
    """List and show stored papers."""


def triage_summary(triage: PaperTriage | ListedTriage | None) -> dict[str, Any] | None:
    if triage is None:
        return None
    return {
        "design": triage.design,
        "evidence_rank": triage.evidence_rank,
        "population": triage.population,
        "participants": (
            {"n": triage.participants_n, "unit": triage.participants_unit}
            if triage.participants_n is not None
            else None
        ),
        "relevance": triage.relevance,
        "topics": list(triage.topics or []),
        "is_notice": triage.is_notice,
        "priority": triage.priority,
        "reasons": dict(triage.reasons or {}),
        "rules_version": triage.rules_version,
        "design_confidence": triage.design_confidence,
        "confidence": dict(triage.confidence or {}),
        "triaged_at": triage.triaged_at,
    }


def _echo_triage(triage: dict[str, Any] | None, flag: str | None) -> None:
    """The triage as editors read it: each decision and the rule or phrase behind it."""
    if flag:
        click.echo(f"FLAGGED: {flag}")
    if triage is None:
        click.echo("triage: not triaged yet (scimon triage)")
        return
    reasons = triage["reasons"]
    participants = triage["participants"]
    lines = [
        ("design", f"{triage['design']} (evidence rank {triage['evidence_rank']})", "design"),
        ("population", triage["population"], "population"),
        ("participants",
         f"{participants['n']:,} {participants['unit']}" if participants else "not stated",
         "participants"),
        ("relevance", triage["relevance"], "relevance"),
        ("topics", ", ".join(triage["topics"]) or "none", "topics"),
    ]  # fmt: skip
    click.echo(f"triage (rules {triage['rules_version']}, {triage['triaged_at']:%Y-%m-%d %H:%M}):")
    for label, value, key in lines:
        why = "; ".join(str(r) for r in reasons.get(key, []))
        click.echo(f"  {label + ':':<14}{value}" + (f"  [{why}]" if why else ""))
    if notice := reasons.get("notice"):
        click.echo(f"  {'notice:':<14}" + "; ".join(str(r) for r in notice))
    if (sure := triage.get("design_confidence")) is not None:
        others = ", ".join(
            f"{d} {p:.2f}"
            for d, p in sorted((triage.get("confidence") or {}).items(), key=lambda i: -i[1])
            if d != triage["design"]
        )[:120]
        why = "; ".join(str(r) for r in reasons.get("confidence", []))
        click.echo(
            f"  {'confidence:':<14}{sure:.2f}" + (f"  (others: {others})" if others else "")
            + (f"  [{why}]" if why else "")
        )


# `papers list` counts the papers past its page up to this many ("10,000+ more")
MORE_CAP = 10_000
# the largest value an INTEGER column compares with on PostgreSQL (beyond it Core's
# bind fails with "integer out of range" where the plain driver's returns no rows)
INT_MAX = 2**31 - 1


class _ListPapers(Protocol):
    """``list_papers`` of :mod:`storage.listed` or :mod:`storage.listing`, its connection bound."""

    def __call__(
        self, filters: PaperFilters, *, limit: int, offset: int
    ) -> list[tuple[ListedPaper, ListedTriage | None]]: ...


class _CountListed(Protocol):
    """``count_listed`` of either module, its connection bound."""

    def __call__(self, filters: PaperFilters, *, cap: int) -> int: ...


@contextmanager
def _listing(app: App) -> Iterator[tuple[_ListPapers, _CountListed]]:
    """``list_papers`` and ``count_listed`` on the lightest connection that can serve them.

    A plain driver connection (:mod:`storage.dbapi`, :mod:`storage.listed`)
    when the URL is a plain one and the database is at the head revision read
    from the migration files: the command then never imports SQLAlchemy
    (issue 23).  Otherwise Core on ``App.reads()``, whose schema check says
    what is wrong as it always did.
    """
    plain = _plain_connection(app)
    if plain is not None:
        from storage import listed

        try:
            yield partial(listed.list_papers, plain), partial(listed.count_listed, plain)
        finally:
            plain.close()
        return
    from storage import listing

    with app.reads() as conn:
        yield partial(listing.list_papers, conn), partial(listing.count_listed, conn)


def _plain_connection(app: App) -> PlainConnection | None:
    from storage.dbapi import connect
    from storage.migrate import head_from_files

    plain = connect(app.settings.database_url)
    if plain is None:
        return None
    try:
        head = head_from_files()
        if head is not None and plain.revision() == head:
            return plain
    except BaseException:  # the migration files unreadable...: not a driver connection left open
        plain.close()
        raise
    plain.close()  # the full check decides, and explains
    return None


@papers.command("list")
@click.option("--since", help="First seen on or after this date (YYYY-MM-DD) or Nd ago.")
@click.option("--design", "designs", multiple=True, type=click.Choice(DESIGNS),
              help="Study design (repeat for several).")  # fmt: skip
@click.option("--population", "populations", multiple=True, type=click.Choice(POPULATIONS))
@click.option("--relevance", multiple=True, type=click.Choice(RELEVANCE))
@click.option("--topic", "topics", multiple=True, metavar="ID",
              help="Topic id from queries/triage.toml (any of those given).")  # fmt: skip
@click.option("--min-evidence", type=click.IntRange(0, 9),
              help="Minimum evidence rank (9 systematic review ... 0 notice).")  # fmt: skip
@click.option("--min-participants", type=click.IntRange(1, INT_MAX), help="At least this many.")
@click.option("--min-confidence", type=click.FloatRange(0, 1),
              help="Triage at least this sure of the design (0-1).")  # fmt: skip
@click.option("--notices", type=click.Choice(["include", "exclude", "only"]), default="include",
              show_default=True, help="Errata, retractions, comments.")  # fmt: skip
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 100000))
@click.option("--offset", default=0, type=click.IntRange(0))
@json_option
@pass_app
def list_(
    app: App, since: str | None, designs: tuple[str, ...], populations: tuple[str, ...],
    relevance: tuple[str, ...], topics: tuple[str, ...], min_evidence: int | None,
    min_participants: int | None, min_confidence: float | None, notices: str, limit: int,
    offset: int, as_json: bool,
) -> None:  # fmt: skip
    """Papers first seen recently, newest first, filtered on their triage."""
    require_database(app)
    if topics:
        from monitor.triage.run import rules_for

        known = {tid for tid, _label, _pattern in rules_for(app).topics}
        unknown = sorted(set(topics) - known)
        if unknown:
            # worded as click's own bad values: the option quoted, each bad value repr'd
            bad = ", ".join(repr(t) for t in unknown)
            raise click.BadParameter(
                f"{bad} {'is not a topic id' if len(unknown) == 1 else 'are not topic ids'}"
                f" (known: {', '.join(sorted(known))})",
                param_hint="'--topic'",
            )
    filters = PaperFilters(
        since=parse_since(since), designs=designs, populations=populations,
        relevance=relevance, topics=topics, min_evidence=min_evidence,
        min_participants=min_participants, notices=notices, min_confidence=min_confidence,
    )  # fmt: skip
    with _listing(app) as (list_papers, count_listed):
        rows = list_papers(filters, limit=limit, offset=offset)
        if as_json:
            echo_json([{**paper_summary(p), "triage": triage_summary(t)} for p, t in rows])
            return
        # the count only when the page is full: fewer rows than asked means none are left;
        # counted up to MORE_CAP past the page, so a large database is not read whole
        shown = offset + len(rows)
        more = 0
        if len(rows) == limit:
            more = count_listed(filters, cap=shown + MORE_CAP) - shown
        cells = []
        for p, t in rows:
            ident = p.doi or (f"pmid:{p.pmid}" if p.pmid else f"#{p.id}")
            what = f"{t.design}/{t.relevance}" if t is not None else "not triaged"
            cells.append((f"{p.first_seen_at:%Y-%m-%d}", ident, what, p.title[:80]))
        if cells:
            for line in table(("first seen", "doi/pmid", "triage", "title"), cells):
                click.echo(line)
        else:
            click.echo("no papers match")
        if more > MORE_CAP:
            click.echo(f"{MORE_CAP:,}+ more (use --limit or --offset)")
        elif more > 0:
            click.echo(f"{more:,} more (use --limit or --offset)")


_SHOWN_AS_STORED = ("publication_types", "mesh", "keywords", "language", "pmcid", "deleted_at")


@papers.command("show")
@click.argument("key")
@json_option
@pass_app
def show(app: App, key: str, as_json: bool) -> None:
    """Show one paper by DOI (any form) or PMID."""
    # only here: `papers list` need not import the record types nor the review tables
    from monitor.records import Author
    from storage.models import PaperStatus, PaperTriage
    from storage.papers import find_paper, links_to

    require_database(app)
    with app.sessions() as session:
        paper = find_paper(session, key)
        if paper is None:
            raise MonitorError(f"no paper with DOI or PMID {key!r}")
        status = session.get(PaperStatus, paper.id)
        flag = status.flag if status is not None else None
        data = paper_summary(paper)
        data.update(
            abstract=paper.abstract,
            authors=[Author.from_stored(a).display for a in paper.authors],
            **{name: getattr(paper, name) for name in _SHOWN_AS_STORED},
            sightings=[
                {"source": s.source, "name": s.source_name, "id": s.source_id, "seen_at": s.seen_at}
                for s in paper.sightings
            ],
            links=[
                {"kind": ln.kind, "pmid": ln.target_pmid, "doi": ln.target_doi}
                for ln in paper.links
            ],
            notices=[
                {"kind": ln.kind, "from_pmid": ln.paper.pmid, "title": ln.paper.title}
                for ln in links_to(session, paper.id)
            ],
            status=status.status if status is not None else "new",
            flag=flag,
            triage=triage_summary(session.get(PaperTriage, paper.id)),
        )
        if as_json:
            echo_json(data)
            return
        for key_, value in data.items():
            if key_ in ("abstract", "triage", "flag"):
                continue
            if isinstance(value, list):
                if not value:
                    continue
                click.echo(f"{key_}:")
                for item in value:
                    click.echo(f"  - {_plain(item)}")
            elif value not in (None, ""):
                click.echo(f"{key_}: {value}")
        _echo_triage(data["triage"], flag)
        if paper.abstract:
            click.echo("\n" + click.wrap_text(paper.abstract, 100, preserve_paragraphs=True))


def _plain(item: object) -> str:
    """A list entry as a person reads it: ``key: value`` pairs, dates in ISO form."""
    if not isinstance(item, dict):
        return str(item)
    parts = []
    for key, value in item.items():
        if value in (None, ""):
            continue
        if isinstance(value, datetime):
            value = value.isoformat(sep=" ", timespec="seconds")
        parts.append(f"{key}: {value}")
    return ", ".join(parts)


COMMANDS = [papers]
