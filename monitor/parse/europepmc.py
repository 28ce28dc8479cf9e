"""One Europe PMC search result (``resultType=core`` or ``lite``) into a PaperRecord.

Preprints (``source`` ``PPR``, or ``pubType`` "preprint") are marked with
``extra["is_preprint"] = "1"`` and their server (bioRxiv, medRxiv, Research
Square...) as the journal, so storage keeps them as papers of kind preprint,
deduplicated by DOI like every paper.  When Europe PMC says which article a
preprint became (a ``commentCorrection`` naming the published version), the
record carries a version link (``UpdateIn``, PubMed's word for it), which
storage resolves to the article's paper; links never merge the two.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from monitor.parse.doi import find_dois
from monitor.parse.trial_ids import find_nct_ids, join_ids
from monitor.records import Author, Link, PaperRecord

SOURCE = "europepmc"
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"[ \t\r\f\v]+")
# commentCorrection types that name another version of the same work
_VERSION = re.compile(r"preprint|published|version", re.IGNORECASE)
_NOTICE_KINDS = {
    "erratum for": "ErratumFor",
    "erratum in": "ErratumIn",
    "retraction of": "RetractionOf",
    "retraction in": "RetractionIn",
    "expression of concern for": "ExpressionOfConcernFor",
    "expression of concern in": "ExpressionOfConcernIn",
    "comment on": "CommentOn",
    "comment in": "CommentIn",
}
# DOI prefixes of preprint servers, for a server Europe PMC did not name
_SERVERS = {
    "10.1101/": "bioRxiv or medRxiv",
    "10.21203/": "Research Square",
    "10.20944/": "Preprints.org",
    "10.2139/": "SSRN",
    "10.31219/": "OSF Preprints",
}


def plain(text: Any) -> str:
    """Europe PMC's text without its inline HTML (``<i>``, ``<h4>``), entities decoded."""
    if not text:
        return ""
    out = _TAG.sub(" ", str(text))
    out = html.unescape(out)
    return "\n".join(_SPACE.sub(" ", line).strip() for line in out.splitlines()).strip()


def _date(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _list(block: Any, key: str) -> list[Any]:
    """``{"author": [...]}`` -> the list (Europe PMC wraps every list in an object)."""
    if not isinstance(block, Mapping):
        return []
    items = block.get(key)
    if isinstance(items, list):
        return items
    return [items] if items else []


def _year(day: date | None) -> int | None:
    return day.year if day is not None else None


def is_preprint(rec: Mapping[str, Any]) -> bool:
    types = [str(t).lower() for t in _list(rec.get("pubTypeList"), "pubType")]
    return rec.get("source") == "PPR" or str(rec.get("pubType", "")).lower() == "preprint" or (
        "preprint" in types
    )


def server_of(rec: Mapping[str, Any]) -> str:
    """The preprint server, as Europe PMC names it, else from the DOI prefix."""
    details = rec.get("bookOrReportDetails")
    if isinstance(details, Mapping) and details.get("publisher"):
        return str(details["publisher"])
    doi = str(rec.get("doi") or "").lower()
    for prefix, name in _SERVERS.items():
        if doi.startswith(prefix):
            return name
    return "preprint server"


def _authors(rec: Mapping[str, Any]) -> tuple[Author, ...]:
    listed = _list(rec.get("authorList"), "author")
    if listed:
        out = []
        for a in listed:
            if not isinstance(a, Mapping):
                continue
            orcid = None
            for ident in _list(a.get("authorId"), "authorId") or [a.get("authorId")]:
                if isinstance(ident, Mapping) and ident.get("type") == "ORCID":
                    orcid = str(ident.get("value") or "") or None
            last = a.get("lastName") or a.get("collectiveName") or a.get("fullName") or ""
            out.append(
                Author(
                    last=str(last),
                    fore=str(a.get("firstName") or ""),
                    initials=str(a.get("initials") or ""),
                    orcid=orcid,
                )
            )
        return tuple(out)
    # lite results: "Mendez JS, Queme B, Fu Y."
    names = str(rec.get("authorString") or "").rstrip(".")
    out = []
    for name in (n.strip() for n in names.split(",")):
        if not name:
            continue
        last, _, initials = name.rpartition(" ")
        if last and initials.isupper() and len(initials) <= 4:
            out.append(Author(last=last, initials=initials))
        else:
            out.append(Author(last=name))
    return tuple(out)


def _links(rec: Mapping[str, Any], preprint: bool) -> tuple[Link, ...]:
    out: list[Link] = []
    for cc in _list(rec.get("commentCorrectionList"), "commentCorrection"):
        if not isinstance(cc, Mapping):
            continue
        kind_text = str(cc.get("type") or "").strip()
        reference = str(cc.get("reference") or "") or None
        target = str(cc.get("id") or "")
        pmid = target if cc.get("source") == "MED" and target.isdigit() else None
        dois = find_dois(reference)
        doi = dois[0] if dois else None
        if _VERSION.search(kind_text):
            # the preprint points at its article, the article back at its preprint
            kind = "UpdateIn" if preprint else "UpdateOf"
        else:
            kind = _NOTICE_KINDS.get(kind_text.lower(), "")
        if kind and (pmid or doi):
            out.append(Link(kind=kind, pmid=pmid, doi=doi, citation=reference))
    return tuple(out)


def parse_result(rec: Mapping[str, Any], source_name: str) -> PaperRecord | None:
    """The record, or None when it has no id or no title."""
    ident = str(rec.get("id") or "")
    title = plain(rec.get("title")).rstrip()
    if not ident or not title:
        return None
    preprint = is_preprint(rec)
    journal_info = rec.get("journalInfo") if isinstance(rec.get("journalInfo"), Mapping) else {}
    journal = journal_info.get("journal") if isinstance(journal_info, Mapping) else None
    journal = journal if isinstance(journal, Mapping) else {}
    abstract = plain(rec.get("abstractText"))
    published = _date(rec.get("firstPublicationDate"))
    year = rec.get("pubYear")
    extra: dict[str, str] = {"europepmc_id": f"{rec.get('source', '')}/{ident}"}
    if preprint:
        extra["is_preprint"] = "1"
        extra["server"] = server_of(rec)
    trials = find_nct_ids(abstract)
    if trials:
        extra["trial_ids"] = join_ids(trials)
    pub_types: Sequence[str] = [str(t) for t in _list(rec.get("pubTypeList"), "pubType")]
    if preprint:
        pub_types = ["Preprint"]
    elif not pub_types and rec.get("pubType"):
        pub_types = [str(rec["pubType"])]
    source = str(rec.get("source") or "")
    return PaperRecord(
        source=SOURCE,
        source_name=source_name,
        source_id=f"{source}/{ident}" if source else ident,
        title=title,
        pmid=str(rec["pmid"]) if rec.get("pmid") else None,
        dois=(str(rec["doi"]),) if rec.get("doi") else (),
        pmcid=str(rec["pmcid"]) if rec.get("pmcid") else None,
        abstract=abstract,
        journal=extra.get("server") or str(journal.get("title") or ""),
        journal_abbrev="" if preprint else str(journal.get("isoabbreviation") or ""),
        issn=str(journal.get("issn") or journal.get("essn") or "") or None,
        published_on=published,
        pub_year=int(str(year)) if str(year or "").isdigit() else _year(published),
        pub_date_text=str(rec.get("firstPublicationDate") or ""),
        authors=_authors(rec),
        publication_types=tuple(pub_types),
        mesh=tuple(
            str(h.get("descriptorName"))
            for h in _list(rec.get("meshHeadingList"), "meshHeading")
            if isinstance(h, Mapping) and h.get("descriptorName")
        ),
        keywords=tuple(str(k) for k in _list(rec.get("keywordList"), "keyword")),
        language=str(rec.get("language") or "") or None,
        links=_links(rec, preprint),
        url=f"https://europepmc.org/article/{source}/{ident}" if source else None,
        entrez_on=_date(rec.get("firstIndexDate")),
        revised_on=_date(rec.get("dateOfRevision")),
        extra=extra,
    )


def parse_results(results: Sequence[Mapping[str, Any]], source_name: str) -> list[PaperRecord]:
    return [r for rec in results if (r := parse_result(rec, source_name)) is not None]
