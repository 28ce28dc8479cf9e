"""``scimon papers``: look at what is stored."""

from __future__ import annotations

from typing import Any

import click

from monitor.app import App
from monitor.cli.common import echo_json, json_option, parse_since, pass_app
from monitor.errors import MonitorError
from storage.models import Paper
from storage.papers import find_paper, links_to, list_papers


def paper_summary(paper: Paper) -> dict[str, Any]:
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


@papers.command("list")
@click.option("--since", help="First seen on or after this date (YYYY-MM-DD) or Nd ago.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 100000))
@click.option("--offset", default=0, type=click.IntRange(0))
@json_option
@pass_app
def list_(app: App, since: str | None, limit: int, offset: int, as_json: bool) -> None:
    """Papers first seen recently, newest first."""
    with app.sessions() as session:
        rows = list_papers(session, since=parse_since(since), limit=limit, offset=offset)
        if as_json:
            echo_json([paper_summary(p) for p in rows])
            return
        for p in rows:
            ident = p.doi or (f"pmid:{p.pmid}" if p.pmid else f"#{p.id}")
            click.echo(f"{p.first_seen_at:%Y-%m-%d}  {ident:<40}  {p.title[:90]}")


@papers.command("show")
@click.argument("key")
@json_option
@pass_app
def show(app: App, key: str, as_json: bool) -> None:
    """Show one paper by DOI (any form) or PMID."""
    with app.sessions() as session:
        paper = find_paper(session, key)
        if paper is None:
            raise MonitorError(f"no paper with DOI or PMID {key!r}")
        data = paper_summary(paper)
        data.update(
            abstract=paper.abstract,
            authors=[a.get("last", "") + " " + a.get("initials", "") for a in paper.authors],
            publication_types=paper.publication_types,
            mesh=paper.mesh,
            keywords=paper.keywords,
            language=paper.language,
            pmcid=paper.pmcid,
            deleted_at=paper.deleted_at,
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
        )
        if as_json:
            echo_json(data)
            return
        for key_, value in data.items():
            if key_ == "abstract":
                continue
            if isinstance(value, list):
                if not value:
                    continue
                click.echo(f"{key_}:")
                for item in value:
                    click.echo(f"  - {item}")
            elif value not in (None, ""):
                click.echo(f"{key_}: {value}")
        if paper.abstract:
            click.echo("\n" + click.wrap_text(paper.abstract, 100, preserve_paragraphs=True))


COMMANDS = [papers]
