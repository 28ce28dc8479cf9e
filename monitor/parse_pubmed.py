"""Stream PubmedArticleSet XML into :class:`~monitor.records.PaperRecord`s.

One parser for every PubMed XML scimon meets: efetch responses, NLM
baseline/update files (``.xml`` or ``.xml.gz``, 200+ MB uncompressed) and
"Send to: File" exports.  It uses lxml's ``iterparse`` and clears each record
once read, so memory stays flat however large the file.  Entity resolution,
DTD loading and network access are off: an XML bomb or an external entity in a
hostile file is neither expanded nor fetched.

A malformed or truncated file raises :class:`PubmedParseError` (with line and
column) after every complete record before the fault has been yielded, so the
caller stores what was readable.
"""

from __future__ import annotations

import gzip
import logging
import re
import types
from collections.abc import Iterator
from datetime import date
from io import BytesIO
from pathlib import Path
from typing import IO

from lxml import etree

from monitor.records import Author, DeletedCitations, Link, PaperRecord
from monitor.xmltext import flatten

_gzip_impl: types.ModuleType = gzip
try:  # isal decompresses gzip about twice as fast as zlib
    from isal import igzip

    _gzip_impl = igzip
except ImportError:  # pragma: no cover - isal is a dependency, but stay usable without it
    pass

log = logging.getLogger(__name__)

Item = PaperRecord | DeletedCitations

_TAGS = ("PubmedArticle", "PubmedBookArticle", "DeleteCitation")
_MONTHS = {
    name: i
    for i, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}
_SEASONS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_MEDLINE_MONTH = re.compile(r"\b([A-Za-z]{3})[a-z]*\b")


class PubmedParseError(Exception):
    """The XML is malformed or truncated (message names line and column)."""


def _open(source: Path | str | IO[bytes]) -> tuple[IO[bytes], bool]:
    """A binary stream of the XML, gunzipped when it starts with gzip's magic bytes."""
    if isinstance(source, str | Path):
        raw: IO[bytes] = Path(source).open("rb")  # noqa: SIM115 - closed by the caller
        owned = True
    else:
        raw, owned = source, False
    head = raw.peek(2)[:2] if hasattr(raw, "peek") else b""
    if not head and raw.seekable():
        head = raw.read(2)
        raw.seek(0)
    if head == b"\x1f\x8b":
        unzipped: IO[bytes] = _gzip_impl.open(raw, "rb")
        return unzipped, True
    return raw, owned


def iter_pubmed(source: Path | str | IO[bytes], *, source_name: str) -> Iterator[Item]:
    """Yield a record per PubmedArticle/PubmedBookArticle and a DeletedCitations per block."""
    stream, owned = _open(source)
    context = etree.iterparse(
        stream,
        events=("end",),
        tag=_TAGS,
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        recover=False,
    )
    try:
        for _event, elem in context:
            tag = elem.tag
            record: Item | None
            if tag == "PubmedArticle":
                record = _article(elem, source_name)
            elif tag == "PubmedBookArticle":
                record = _book(elem, source_name)
            else:
                pmids = tuple(p.text.strip() for p in elem.iter("PMID") if p.text)
                record = DeletedCitations(pmids) if pmids else None
            # free the record and everything before it: memory stays flat
            elem.clear(keep_tail=False)
            parent = elem.getparent()
            if parent is not None:
                while elem.getprevious() is not None:
                    del parent[0]
            if record is not None:
                yield record
            elif tag != "DeleteCitation":
                log.warning("pubmed record skipped source=%s reason=no PMID", source_name)
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (exc.lineno, 0)
        raise PubmedParseError(f"malformed XML at line {line}, column {column}: {exc.msg}") from exc
    except (EOFError, gzip.BadGzipFile) as exc:
        raise PubmedParseError(f"truncated or corrupt gzip data: {exc}") from exc
    finally:
        if owned:
            stream.close()


def parse_pubmed_bytes(data: bytes, *, source_name: str) -> list[Item]:
    """Every record of an in-memory PubmedArticleSet (an efetch response)."""
    return list(iter_pubmed(BytesIO(data), source_name=source_name))


# ---------------------------------------------------------------------------
# one record


def _text(elem: etree._Element | None) -> str:
    if elem is None or elem.text is None:
        return ""
    return elem.text.strip()


def _kids(elem: etree._Element) -> dict[str, etree._Element]:
    """First child per tag, in one pass (many ``find`` calls cost more than this)."""
    out: dict[str, etree._Element] = {}
    for child in elem:
        tag = child.tag
        if isinstance(tag, str) and tag not in out:
            out[tag] = child
    return out


def _article(elem: etree._Element, source_name: str) -> PaperRecord | None:
    top = _kids(elem)
    citation = top.get("MedlineCitation")
    if citation is None:
        return None
    cit = _kids(citation)
    pmid_el = cit.get("PMID")
    pmid = _text(pmid_el)
    if not pmid or pmid_el is None:
        return None
    article = cit.get("Article")
    data = top.get("PubmedData")
    extra: dict[str, str] = {}
    version = pmid_el.get("Version")
    if version and version != "1":
        extra["pmid_version"] = version

    title = ""
    abstract = ""
    journal = journal_abbrev = ""
    issn: str | None = None
    dois: list[str] = []
    authors: tuple[Author, ...] = ()
    pub_types: tuple[str, ...] = ()
    language: str | None = None
    published_on: date | None = None
    pub_year: int | None = None
    pub_date_text = ""
    if article is not None:
        art = _kids(article)
        title = flatten(art.get("ArticleTitle")) or flatten(art.get("VernacularTitle"))
        abstract = _abstract(art.get("Abstract"))
        jnl = art.get("Journal")
        if jnl is not None:
            journal = _text(jnl.find("Title"))
            journal_abbrev = _text(jnl.find("ISOAbbreviation"))
            issn_el = jnl.find("ISSN")
            if issn_el is not None and issn_el.text:
                issn = issn_el.text.strip()
                extra["issn_type"] = issn_el.get("IssnType", "")
            pub_date = jnl.find("JournalIssue/PubDate")
            pub_year, month, day, pub_date_text = _pub_date(pub_date)
            published_on = _make_date(pub_year, month, day)
            if published_on is not None:
                extra["date_precision"] = "day" if day else "month" if month else "year"
        epub = _electronic_date(article)
        if epub is not None and (published_on is None or epub < published_on):
            published_on = epub
            extra["date_precision"] = "day"
            pub_year = pub_year or epub.year
        for eloc in article.iterfind("ELocationID"):
            if eloc.get("EIdType") == "doi" and eloc.get("ValidYN", "Y") != "N" and eloc.text:
                dois.append(eloc.text.strip())
        authors = _authors(art.get("AuthorList"))
        types = art.get("PublicationTypeList")
        pub_types = tuple(t.text.strip() for t in types if t.text) if types is not None else ()
        language = _text(art.get("Language")) or None
    info = cit.get("MedlineJournalInfo")
    if info is not None:
        journal_abbrev = journal_abbrev or _text(info.find("MedlineTA"))
        linking = _text(info.find("ISSNLinking"))
        if linking:
            extra["issn_linking"] = linking
    pmcid: str | None = None
    entrez_on: date | None = None
    if data is not None:
        own = _article_ids(data.find("ArticleIdList"))
        dois = own.get("doi", []) + dois
        pmcid = own["pmc"][0] if own.get("pmc") else None
        entrez_on = _history_date(data, "entrez") or _history_date(data, "pubmed")
        status = _text(data.find("PublicationStatus"))
        if status:
            extra["publication_status"] = status
    mesh: tuple[str, ...] = ()
    if "MeshHeadingList" in cit:
        mesh = tuple(
            d.text.strip()
            for d in cit["MeshHeadingList"].iterfind("MeshHeading/DescriptorName")
            if d.text
        )
    keywords = (
        tuple(flatten(k) for k in citation.iterfind("KeywordList/Keyword"))
        if "KeywordList" in cit
        else ()
    )
    links: tuple[Link, ...] = ()
    if "CommentsCorrectionsList" in cit:
        links = tuple(
            Link(
                kind=cc.get("RefType", ""),
                pmid=_text(cc.find("PMID")) or None,
                citation=_text(cc.find("RefSource")) or None,
            )
            for cc in cit["CommentsCorrectionsList"]
            if cc.get("RefType")
        )
    return PaperRecord(
        source="pubmed",
        source_name=source_name,
        source_id=pmid,
        title=title,
        pmid=pmid,
        dois=_unique(dois),
        pmcid=pmcid,
        abstract=abstract,
        journal=journal,
        journal_abbrev=journal_abbrev,
        issn=issn,
        published_on=published_on,
        pub_year=pub_year,
        pub_date_text=pub_date_text,
        authors=authors,
        publication_types=pub_types,
        mesh=mesh,
        keywords=tuple(k for k in keywords if k),
        language=language,
        citation_status=citation.get("Status"),
        links=links,
        url=f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/",
        entrez_on=entrez_on,
        revised_on=_ymd(cit.get("DateRevised")),
        extra=extra,
    )


def _book(elem: etree._Element, source_name: str) -> PaperRecord | None:
    doc = elem.find("BookDocument")
    if doc is None:
        return None
    pmid = _text(doc.find("PMID"))
    if not pmid:
        return None
    book = doc.find("Book")
    book_title = flatten(book.find("BookTitle")) if book is not None else ""
    title = flatten(doc.find("ArticleTitle")) or book_title
    ids = _article_ids(doc.find("ArticleIdList"))
    data = elem.find("PubmedBookData")
    if data is not None:
        for kind, values in _article_ids(data.find("ArticleIdList")).items():
            ids.setdefault(kind, []).extend(values)
    dois = list(ids.get("doi", []))
    for eloc in doc.iterfind("ELocationID"):
        if eloc.get("EIdType") == "doi" and eloc.text:
            dois.append(eloc.text.strip())
    pub_year, month, day, pub_date_text = _pub_date(
        book.find("PubDate") if book is not None else None
    )
    publisher = _text(book.find("Publisher/PublisherName")) if book is not None else ""
    authors = _authors(doc.find("AuthorList")) or (
        _authors(book.find("AuthorList")) if book is not None else ()
    )
    return PaperRecord(
        source="pubmed",
        source_name=source_name,
        source_id=pmid,
        title=title,
        pmid=pmid,
        dois=_unique(dois),
        pmcid=ids["pmc"][0] if ids.get("pmc") else None,
        abstract=_abstract(doc.find("Abstract")),
        journal=book_title if title != book_title else publisher,
        published_on=_make_date(pub_year, month, day),
        pub_year=pub_year,
        pub_date_text=pub_date_text,
        authors=authors,
        publication_types=tuple(t.text.strip() for t in doc.iterfind("PublicationType") if t.text),
        keywords=tuple(flatten(k) for k in doc.iterfind("KeywordList/Keyword")),
        language=_text(doc.find("Language")) or None,
        citation_status=None,
        is_book=True,
        url=f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/",
        entrez_on=_history_date(data, "entrez") if data is not None else None,
        extra={"publisher": publisher} if publisher else {},
    )


# ---------------------------------------------------------------------------
# parts


def _unique(values: list[str]) -> tuple[str, ...]:
    seen: set[str] = set()
    out: list[str] = []
    for value in values:
        key = value.lower()
        if key not in seen:
            seen.add(key)
            out.append(value)
    return tuple(out)


def _abstract(elem: etree._Element | None) -> str:
    """Abstract paragraphs; structured sections keep their label ("METHODS: ...")."""
    if elem is None:
        return ""
    paragraphs = []
    for part in elem.iterfind("AbstractText"):
        text = flatten(part)
        if not text:
            continue
        label = part.get("Label")
        paragraphs.append(f"{label}: {text}" if label else text)
    return "\n".join(paragraphs)


def _article_ids(elem: etree._Element | None) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    if elem is None:
        return out
    for aid in elem.iterfind("ArticleId"):
        if aid.text and aid.text.strip():
            out.setdefault(aid.get("IdType", ""), []).append(aid.text.strip())
    return out


def _authors(elem: etree._Element | None) -> tuple[Author, ...]:
    if elem is None:
        return ()
    out = []
    for author in elem:
        if author.tag != "Author" or author.get("ValidYN") == "N":
            continue
        last = fore = initials = ""
        orcid = affiliation = None
        for part in author:  # one pass over the children: authors are the bulk of a record
            tag = part.tag
            if tag == "LastName":
                last = (part.text or "").strip()
            elif tag == "ForeName":
                fore = (part.text or "").strip()
            elif tag == "Initials":
                initials = (part.text or "").strip()
            elif tag == "CollectiveName" and not last:
                last = flatten(part)
            elif tag == "Identifier" and part.get("Source") == "ORCID" and part.text:
                orcid = part.text.strip().rsplit("/", 1)[-1]
            elif tag == "AffiliationInfo" and affiliation is None:
                affiliation = _text(part.find("Affiliation")) or None
        if last:
            out.append(Author(last, fore, initials, orcid, affiliation))
    return tuple(out)


def _month(value: str) -> int | None:
    value = value.strip().lower()
    if value.isdigit():
        number = int(value)
        return number if 1 <= number <= 12 else None
    return _MONTHS.get(value[:3])


def _pub_date(elem: etree._Element | None) -> tuple[int | None, int | None, int | None, str]:
    """(year, month, day, as printed) from Year/Month/Day, Season or MedlineDate."""
    if elem is None:
        return None, None, None, ""
    year_text = _text(elem.find("Year"))
    if year_text:
        month_text = _text(elem.find("Month"))
        day_text = _text(elem.find("Day"))
        season = _text(elem.find("Season"))
        month = _month(month_text) if month_text else _SEASONS.get(season.lower())
        day = int(day_text) if day_text.isdigit() and month else None
        printed = " ".join(p for p in (year_text, month_text or season, day_text) if p)
        return (int(year_text) if year_text.isdigit() else None), month, day, printed
    medline = _text(elem.find("MedlineDate"))
    if medline:
        year_match = _YEAR.search(medline)
        month_match = _MEDLINE_MONTH.search(medline[year_match.end() :] if year_match else "")
        month = None
        if month_match:
            word = month_match.group(1).lower()
            month = _MONTHS.get(word) or _SEASONS.get(word)
        return (int(year_match.group(1)) if year_match else None), month, None, medline
    return None, None, None, ""


def _make_date(year: int | None, month: int | None, day: int | None) -> date | None:
    if year is None:
        return None
    try:
        return date(year, month or 1, day or 1)
    except ValueError:
        return None


def _ymd(elem: etree._Element | None) -> date | None:
    if elem is None:
        return None
    year = month = day = ""
    for part in elem:
        tag = part.tag
        if tag == "Year":
            year = (part.text or "").strip()
        elif tag == "Month":
            month = (part.text or "").strip()
        elif tag == "Day":
            day = (part.text or "").strip()
    if not year.isdigit():
        return None
    m = _month(month) if month else None
    return _make_date(int(year), m, int(day) if day.isdigit() and m else None)


def _electronic_date(article: etree._Element) -> date | None:
    for ad in article.iterfind("ArticleDate"):
        if ad.get("DateType", "Electronic") == "Electronic":
            return _ymd(ad)
    return None


def _history_date(data: etree._Element, status: str) -> date | None:
    for pd in data.iterfind("History/PubMedPubDate"):
        if pd.get("PubStatus") == status:
            return _ymd(pd)
    return None
