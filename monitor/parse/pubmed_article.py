"""One ``PubmedArticle`` into a :class:`~monitor.records.PaperRecord`.

The record is read block by block, each block by a small function that fills
a :class:`_Draft`: the article's title and abstract, its journal and print
date, its electronic date, the journal's NLM information, PubmedData's ids and
history, MeSH, keywords and CommentsCorrections links.  The blocks run in the
order the fields were always filled, so ``extra`` keeps its key order (storage
hashes it, see ``storage.merge.record_hash``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from lxml import etree

from monitor.parse.pubmed_fields import (
    abstract_of,
    article_ids,
    authors_of,
    children,
    make_date,
    pick,
    pub_date,
    text_of,
    unique,
    ymd,
)
from monitor.parse.trial_ids import find_nct_ids, join_ids
from monitor.parse.xmltext import flatten
from monitor.records import Author, Link, PaperRecord

# the children each level is read for: the first of each, and every one of some
_ROOT = frozenset(("MedlineCitation", "PubmedData"))
_CITATION = frozenset(
    ("PMID", "Article", "MedlineJournalInfo", "MeshHeadingList", "CommentsCorrectionsList",
     "DateRevised")
)  # fmt: skip
_CITATION_EVERY = frozenset(("KeywordList",))
_ARTICLE = frozenset(
    ("AuthorList", "ArticleTitle", "Journal", "Abstract", "PublicationTypeList", "Language",
     "VernacularTitle", "DataBankList")
)  # fmt: skip
_ARTICLE_EVERY = frozenset(("ELocationID", "ArticleDate"))
_JOURNAL = frozenset(("Title", "ISOAbbreviation", "ISSN"))
_JOURNAL_EVERY = frozenset(("JournalIssue",))
_INFO = frozenset(("MedlineTA", "ISSNLinking"))
_DATA = frozenset(("ArticleIdList", "PublicationStatus"))
_DATA_EVERY = frozenset(("History",))
_LINK = frozenset(("PMID", "RefSource"))


@dataclass(slots=True)
class _Draft:
    """The fields of the record being read, filled block by block."""

    extra: dict[str, str]
    title: str = ""
    abstract: str = ""
    journal: str = ""
    journal_abbrev: str = ""
    issn: str | None = None
    dois: list[str] = field(default_factory=list)
    authors: tuple[Author, ...] = ()
    pub_types: tuple[str, ...] = ()
    language: str | None = None
    published_on: date | None = None
    pub_year: int | None = None
    pub_date_text: str = ""
    pmcid: str | None = None
    entrez_on: date | None = None
    trial_ids: list[str] = field(default_factory=list)


def article(elem: etree._Element, source_name: str) -> PaperRecord | None:
    """The record, or None without a MedlineCitation or a PMID."""
    top = pick(elem, _ROOT)[0]
    citation = top.get("MedlineCitation")
    if citation is None:
        return None
    # MedlineCitation: first of each, except every KeywordList
    parts, lists = pick(citation, _CITATION, _CITATION_EVERY)
    pmid_el = parts.get("PMID")
    pmid = text_of(pmid_el)
    if not pmid or pmid_el is None:
        return None
    draft = _Draft(extra={})
    version = pmid_el.get("Version")
    if version and version != "1":
        draft.extra["pmid_version"] = version
    if (article_el := parts.get("Article")) is not None:
        _read_article(article_el, draft)
    if (info := parts.get("MedlineJournalInfo")) is not None:
        _read_journal_info(info, draft)
    if (data := top.get("PubmedData")) is not None:
        _read_pubmed_data(data, draft)
    revised = parts.get("DateRevised")
    trials = find_nct_ids(*draft.trial_ids, draft.abstract)
    if trials:  # last, so records without trials keep their extra (and hash) as before
        draft.extra["trial_ids"] = join_ids(trials)
    return PaperRecord(
        source="pubmed",
        source_name=source_name,
        source_id=pmid,
        title=draft.title,
        pmid=pmid,
        dois=unique(draft.dois),
        pmcid=draft.pmcid,
        abstract=draft.abstract,
        journal=draft.journal,
        journal_abbrev=draft.journal_abbrev,
        issn=draft.issn,
        published_on=draft.published_on,
        pub_year=draft.pub_year,
        pub_date_text=draft.pub_date_text,
        authors=draft.authors,
        publication_types=draft.pub_types,
        mesh=_mesh(parts.get("MeshHeadingList")),
        keywords=_keywords(lists.get("KeywordList", ())),
        language=draft.language,
        citation_status=citation.get("Status"),
        links=_links(parts.get("CommentsCorrectionsList")),
        url=f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/",
        entrez_on=draft.entrez_on,
        revised_on=ymd(revised) if revised is not None else None,
        extra=draft.extra,
    )


def _read_article(article_el: etree._Element, draft: _Draft) -> None:
    """Article: first of each; every valid DOI ELocationID; the first Electronic
    ArticleDate."""
    parts, lists = pick(article_el, _ARTICLE, _ARTICLE_EVERY)
    draft.dois.extend(_elocation_dois(lists.get("ELocationID", ())))
    draft.title = flatten(parts.get("ArticleTitle")) or flatten(parts.get("VernacularTitle"))
    draft.abstract = abstract_of(parts.get("Abstract"))
    if (journal := parts.get("Journal")) is not None:
        _read_journal(journal, draft)
    _read_epub_date(lists.get("ArticleDate", ()), draft)
    draft.authors = authors_of(parts.get("AuthorList"))
    if (types := parts.get("PublicationTypeList")) is not None:
        draft.pub_types = tuple([t.text.strip() for t in children(types) if t.text])
    draft.language = text_of(parts.get("Language")) or None
    if (banks := parts.get("DataBankList")) is not None:
        draft.trial_ids = _accessions(banks)


def _accessions(banks: etree._Element) -> list[str]:
    """Every AccessionNumber of the DataBankList (PubMed's secondary source ids, [si]).

    Trial registries other than ClinicalTrials.gov are kept out by the NCT
    pattern the caller applies."""
    return [
        number.text
        for bank in children(banks)
        if bank.tag == "DataBank"
        for numbers in children(bank)
        if numbers.tag == "AccessionNumberList"
        for number in children(numbers)
        if number.tag == "AccessionNumber" and number.text
    ]


def _elocation_dois(elocations: list[etree._Element] | tuple[()]) -> list[str]:
    """The DOIs among ELocationIDs, unless marked invalid (ValidYN="N")."""
    return [
        text.strip()
        for eloc in elocations
        if (text := eloc.text) and eloc.get("EIdType") == "doi" and eloc.get("ValidYN", "Y") != "N"
    ]


def _read_journal(journal: etree._Element, draft: _Draft) -> None:
    """Journal: first Title, ISOAbbreviation and ISSN; the print date is the first
    PubDate of the first JournalIssue that has one."""
    parts, lists = pick(journal, _JOURNAL, _JOURNAL_EVERY)
    date_el = None
    for issue in lists.get("JournalIssue", ()):
        for part in children(issue):
            if part.tag == "PubDate":
                date_el = part
                break
        if date_el is not None:
            break
    draft.journal = text_of(parts.get("Title"))
    draft.journal_abbrev = text_of(parts.get("ISOAbbreviation"))
    issn_el = parts.get("ISSN")
    if issn_el is not None and issn_el.text:
        draft.issn = issn_el.text.strip()
        draft.extra["issn_type"] = issn_el.get("IssnType", "")
    year, month, day, draft.pub_date_text = pub_date(date_el)
    draft.pub_year = year
    draft.published_on = make_date(year, month, day)
    if draft.published_on is not None:
        draft.extra["date_precision"] = "day" if day else "month" if month else "year"


def _read_epub_date(article_dates: list[etree._Element] | tuple[()], draft: _Draft) -> None:
    """The electronic date, when earlier than the print date (or the only one)."""
    epub_el = next(
        (d for d in article_dates if d.get("DateType", "Electronic") == "Electronic"), None
    )
    epub = ymd(epub_el) if epub_el is not None else None
    if epub is not None and (draft.published_on is None or epub < draft.published_on):
        draft.published_on = epub
        draft.extra["date_precision"] = "day"
        draft.pub_year = draft.pub_year or epub.year


def _read_journal_info(info: etree._Element, draft: _Draft) -> None:
    """MedlineJournalInfo: NLM's abbreviation when the article gave none; ISSN-L."""
    parts = pick(info, _INFO)[0]
    draft.journal_abbrev = draft.journal_abbrev or text_of(parts.get("MedlineTA"))
    linking = text_of(parts.get("ISSNLinking"))
    if linking:
        draft.extra["issn_linking"] = linking


def _read_pubmed_data(data: etree._Element, draft: _Draft) -> None:
    """PubmedData: the first ArticleIdList (its DOIs go first) and PublicationStatus;
    the first entrez (else pubmed) date among every History's PubMedPubDates."""
    parts, lists = pick(data, _DATA, _DATA_EVERY)
    own = article_ids(parts.get("ArticleIdList"))
    draft.dois[:0] = own.get("doi", [])
    draft.pmcid = own["pmc"][0] if own.get("pmc") else None
    draft.entrez_on = _entrez_date(lists.get("History", ()))
    status = text_of(parts.get("PublicationStatus"))
    if status:
        draft.extra["publication_status"] = status


def _entrez_date(histories: list[etree._Element] | tuple[()]) -> date | None:
    """When PubMed first listed the record: its entrez date, else its pubmed date."""
    entrez_el = pubmed_el = None
    for history in histories:
        for pd in children(history):
            if pd.tag == "PubMedPubDate":
                status = pd.get("PubStatus")
                if status == "entrez":
                    if entrez_el is None:
                        entrez_el = pd
                elif status == "pubmed" and pubmed_el is None:
                    pubmed_el = pd
    return (ymd(entrez_el) if entrez_el is not None else None) or (
        ymd(pubmed_el) if pubmed_el is not None else None
    )


def _mesh(mesh_list: etree._Element | None) -> tuple[str, ...]:
    """Every MeSH descriptor, in order (qualifiers are not kept)."""
    if mesh_list is None:
        return ()
    return tuple(
        [
            d.text.strip()
            for heading in children(mesh_list)
            if heading.tag == "MeshHeading"
            for d in children(heading)
            if d.tag == "DescriptorName" and d.text
        ]
    )


def _keywords(keyword_lists: list[etree._Element] | tuple[()]) -> tuple[str, ...]:
    """Every keyword of every KeywordList (author and NLM ones alike)."""
    return tuple(
        [
            text
            for keyword_list in keyword_lists
            for k in children(keyword_list)
            if k.tag == "Keyword" and (text := flatten(k))
        ]
    )


def _links(links_list: etree._Element | None) -> tuple[Link, ...]:
    if links_list is None:
        return ()
    return tuple([link for cc in children(links_list) if (link := _link(cc)) is not None])


def _link(cc: etree._Element) -> Link | None:
    """A CommentsCorrections entry (first PMID and RefSource), None without RefType."""
    kind = cc.get("RefType")
    if not kind:
        return None
    parts = pick(cc, _LINK)[0]
    return Link(
        kind=kind,
        pmid=text_of(parts.get("PMID")) or None,
        citation=text_of(parts.get("RefSource")) or None,
    )
