"""Build small PaperRecords for tests without repeating every field."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from monitor.records import Link, PaperRecord
from monitor.triage.participants import Participants


def make_record(**overrides: Any) -> PaperRecord:
    values: dict[str, Any] = {
        "source": "pubmed",
        "source_name": "test",
        "source_id": overrides.get("pmid") or "1",
        "pmid": "1",
        "title": "Locomotor training after chronic spinal cord injury: a randomized trial",
        "abstract": "BACKGROUND: Walking is limited. METHODS: 40 participants were randomized.",
        "dois": ("10.1000/sci.1",),
        "journal": "Spinal Cord",
        "pub_year": 2026,
        "published_on": date(2026, 11, 1),
        "citation_status": "Publisher",
        "publication_types": ("Journal Article",),
    }
    values.update(overrides)
    if "links" in values:
        values["links"] = tuple(
            link if isinstance(link, Link) else Link(**link) for link in values["links"]
        )
    return PaperRecord(**values)


def feed_record(feed: str, item: str, *dois: str, **overrides: Any) -> PaperRecord:
    """An item of journal feed ``feed`` (its guid or link ``item``): no PMID, these DOIs."""
    return make_record(
        source="feed", source_name=feed, source_id=item, pmid=None, dois=dois, **overrides
    )


def pubmed_article(
    pmid: int | str,
    title: str,
    *,
    abstract: str = "",
    status: str = "Publisher",
    publication_types: tuple[str, ...] = (),
) -> str:
    """A minimal PubmedArticle, a line per part as NLM writes them, for files tests write.

    Five lines each: tests count lines to check where parse errors are reported.
    """
    text = f"<Abstract><AbstractText>{abstract}</AbstractText></Abstract>" if abstract else ""
    if publication_types:
        types = "".join(f"<PublicationType>{t}</PublicationType>" for t in publication_types)
        text += f"<PublicationTypeList>{types}</PublicationTypeList>"
    return (
        f"<PubmedArticle>\n<MedlineCitation Status='{status}' Owner='NLM'><PMID Version='1'>"
        f"{pmid}</PMID>\n<Article><Journal><Title>Spinal Cord</Title></Journal><ArticleTitle>"
        f"{title}</ArticleTitle>{text}</Article></MedlineCitation>\n<PubmedData><ArticleIdList>"
        f"<ArticleId IdType='doi'>10.1000/{pmid}</ArticleId></ArticleIdList></PubmedData>\n"
        "</PubmedArticle>\n"
    )


@dataclass(frozen=True)
class TriageStub:
    """The three fields of a Triage the card's evidence level reads, for its tests."""

    design: str
    population: str = "human"
    participants: Participants | None = None
