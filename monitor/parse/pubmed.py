"""Stream PubmedArticleSet XML into :class:`~monitor.records.PaperRecord`s.

One parser for every PubMed XML scimon meets: efetch responses, NLM
baseline/update files (``.xml`` or ``.xml.gz``, 200+ MB uncompressed) and
"Send to: File" exports.  It feeds lxml's pull parser (what ``iterparse`` runs
on) and clears each record once read, so memory stays flat however large the
file; an import can keep records it stored before out of the parser
(monitor/parse/raw_records.py).  Entity resolution,
DTD loading and network access are off: an XML bomb or an external entity in a
hostile file is neither expanded nor fetched.

A malformed or truncated file raises :class:`PubmedParseError` (with line and
column) after every complete record before the fault has been yielded, so the
caller stores what was readable.

Speed: libxml2 building each record's tree is the floor (a bare iterparse walk
of an NLM update file is ~10,000 records/s on a small VM); reading the fields
out walks each level once over its child list instead of ElementPath ``find``
calls, which keeps it below the cost of the tree (see "one record").
"""

from __future__ import annotations

import gzip
import logging
import re
import types
from collections.abc import Callable, Collection, Iterator
from datetime import date
from io import BytesIO
from pathlib import Path
from typing import IO, cast

from lxml import etree

from monitor.parse.raw_records import RecordSplitter, UnchangedRecord
from monitor.parse.xmlguard import XmlGuardError, guard_stream
from monitor.parse.xmltext import flatten
from monitor.records import Author, DeletedCitations, Link, PaperRecord

_gzip_impl: types.ModuleType = gzip
try:  # isal decompresses gzip about twice as fast as zlib
    from isal import igzip

    _gzip_impl = igzip
except ImportError:  # pragma: no cover - isal is a dependency, but stay usable without it
    pass

log = logging.getLogger(__name__)

Item = PaperRecord | DeletedCitations | UnchangedRecord

_TAGS = ("PubmedArticle", "PubmedBookArticle", "DeleteCitation")
_CHUNK = 1 << 18  # bytes of XML fed to the parser at a time
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


def iter_pubmed(
    source: Path | str | IO[bytes],
    *,
    source_name: str,
    known: Collection[str] | None = None,
) -> Iterator[Item]:
    """Yield a record per PubmedArticle/PubmedBookArticle and a DeletedCitations per block.

    With ``known`` (fingerprints this source stored before; may be empty),
    every record carries the fingerprint of its raw bytes, and a record whose
    fingerprint is in ``known`` is not parsed: an :class:`UnchangedRecord`
    stands in its place (see monitor/parse/raw_records.py).
    """
    stream, owned = _open(source)
    stream, owned = guard_stream(stream, close=owned), True  # entity declarations refused
    parser = etree.XMLPullParser(
        events=("end",),
        tag=_TAGS,
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        recover=False,
        # collect_ids=False would save little and makes libxml2 report a
        # skipped DTD load instead of a damaged file's real error
    )
    rereadable = isinstance(source, str | Path)
    splitter = None
    if known is not None:
        splitter = RecordSplitter(known, count_lines=not rereadable)
    try:
        while True:
            chunk = stream.read(_CHUNK)
            pieces = [chunk] if splitter is None else splitter.split(chunk, final=not chunk)
            for piece in pieces:
                if isinstance(piece, UnchangedRecord):
                    yield piece
                elif piece:
                    yield from _feed(parser, piece, source_name, splitter)
            if not chunk:
                yield from _feed(parser, None, source_name, splitter)
                break
    except etree.XMLSyntaxError as exc:
        if splitter is not None and splitter.skipped and rereadable:
            # libxml2 counted lines and columns without the skipped records:
            # read the file again, unskipped, for the error's place in it
            for _item in iter_pubmed(source, source_name=source_name):
                pass
            raise PubmedParseError(
                f"records stored before were skipped and the rest did not parse "
                f"({exc.msg}), though the whole file does: import it with --full"
            ) from exc
        line, column = exc.position if exc.position else (exc.lineno, 0)
        if splitter is not None:  # a stream cannot be read again: count past the skips
            line += splitter.skipped_lines
        raise PubmedParseError(f"malformed XML at line {line}, column {column}: {exc.msg}") from exc
    except (EOFError, gzip.BadGzipFile) as exc:
        raise PubmedParseError(f"truncated or corrupt gzip data: {exc}") from exc
    except XmlGuardError as exc:
        raise PubmedParseError(str(exc)) from exc
    finally:
        if owned:
            stream.close()


def _feed(
    parser: etree.XMLPullParser,
    data: bytes | None,
    source_name: str,
    splitter: RecordSplitter | None,
) -> Iterator[Item]:
    """Feed the parser (None: the end) and yield the records it completed.

    On a syntax error, the records completed before it are yielded first
    (as iterparse does), then the error is raised.
    """
    try:
        if data is None:
            parser.close()
        else:
            parser.feed(data)
    except etree.XMLSyntaxError:
        yield from _records(parser, source_name, splitter)
        raise
    yield from _records(parser, source_name, splitter)


def _records(
    parser: etree.XMLPullParser, source_name: str, splitter: RecordSplitter | None
) -> Iterator[Item]:
    """The records whose end tags the parser has read so far."""
    events = cast(Iterator[tuple[str, etree._Element]], parser.read_events())
    for _event, elem in events:
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
        elem.clear()  # its tail too (keep_tail is False)
        parent = elem.getparent()
        if parent is not None:
            while elem.getprevious() is not None:
                del parent[0]
        if record is None:
            if tag != "DeleteCitation":
                log.warning("pubmed record skipped source=%s reason=no PMID", source_name)
            continue
        if splitter is not None and isinstance(record, PaperRecord) and record.pmid:
            # frozen dataclass: set once, here, before anyone else sees it
            object.__setattr__(record, "fingerprint", splitter.take(record.pmid))
        yield record


def parse_pubmed_bytes(data: bytes, *, source_name: str) -> list[Item]:
    """Every record of an in-memory PubmedArticleSet (an efetch response)."""
    return list(iter_pubmed(BytesIO(data), source_name=source_name))


# ---------------------------------------------------------------------------
# one record
#
# Reading a record costs about as much as building its tree, so the readers
# below are written for speed: every level is walked once over ``_children``
# (a C-built child list) with the wanted tags picked in an if/elif chain.  No
# ``find``/``iterfind`` (lxml's ElementPath costs ~2.5 us a call, ~20 calls a
# record) and no XPath (a context per call).  Each loop keeps the exact
# first-match / all-matches / last-match semantics of the path it replaces,
# noted where it matters.

# ``getchildren`` builds the child list in C: a third cheaper than iterating the
# element (and it is missing from lxml-stubs, hence the ignore)
_children: Callable[[etree._Element], list[etree._Element]] = etree._Element.getchildren  # type: ignore[attr-defined]


def _text(elem: etree._Element | None) -> str:
    if elem is None or elem.text is None:
        return ""
    return elem.text.strip()


def _article(elem: etree._Element, source_name: str) -> PaperRecord | None:
    citation = data = None
    for child in _children(elem):
        tag = child.tag
        if tag == "MedlineCitation":
            if citation is None:
                citation = child
        elif tag == "PubmedData" and data is None:
            data = child
    if citation is None:
        return None
    # MedlineCitation: first of each, except every KeywordList
    pmid_el = article = info = mesh_list = links_list = revised = None
    keyword_lists: list[etree._Element] = []
    for child in _children(citation):
        tag = child.tag
        if tag == "PMID":
            if pmid_el is None:
                pmid_el = child
        elif tag == "Article":
            if article is None:
                article = child
        elif tag == "MedlineJournalInfo":
            if info is None:
                info = child
        elif tag == "MeshHeadingList":
            if mesh_list is None:
                mesh_list = child
        elif tag == "KeywordList":
            keyword_lists.append(child)
        elif tag == "CommentsCorrectionsList":
            if links_list is None:
                links_list = child
        elif tag == "DateRevised" and revised is None:
            revised = child
    pmid = _text(pmid_el)
    if not pmid or pmid_el is None:
        return None
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
        # Article: first of each; every ELocationID; the first Electronic ArticleDate
        title_el = vernacular = abstract_el = jnl = author_list = types = lang = None
        epub_el = None
        for child in _children(article):
            tag = child.tag
            if tag == "ELocationID":
                text = child.text
                if text and child.get("EIdType") == "doi" and child.get("ValidYN", "Y") != "N":
                    dois.append(text.strip())
            elif tag == "AuthorList":
                if author_list is None:
                    author_list = child
            elif tag == "ArticleTitle":
                if title_el is None:
                    title_el = child
            elif tag == "Journal":
                if jnl is None:
                    jnl = child
            elif tag == "Abstract":
                if abstract_el is None:
                    abstract_el = child
            elif tag == "PublicationTypeList":
                if types is None:
                    types = child
            elif tag == "Language":
                if lang is None:
                    lang = child
            elif tag == "ArticleDate":
                if epub_el is None and child.get("DateType", "Electronic") == "Electronic":
                    epub_el = child
            elif tag == "VernacularTitle" and vernacular is None:
                vernacular = child
        title = flatten(title_el) or flatten(vernacular)
        abstract = _abstract(abstract_el)
        if jnl is not None:
            # Journal: first Title, ISOAbbreviation and ISSN; JournalIssue/PubDate
            # is the first PubDate of the first JournalIssue that has one
            title_jnl = abbrev = issn_el = pub_date = None
            for child in _children(jnl):
                tag = child.tag
                if tag == "Title":
                    if title_jnl is None:
                        title_jnl = child
                elif tag == "ISOAbbreviation":
                    if abbrev is None:
                        abbrev = child
                elif tag == "ISSN":
                    if issn_el is None:
                        issn_el = child
                elif tag == "JournalIssue" and pub_date is None:
                    for part in _children(child):
                        if part.tag == "PubDate":
                            pub_date = part
                            break
            journal = _text(title_jnl)
            journal_abbrev = _text(abbrev)
            if issn_el is not None and issn_el.text:
                issn = issn_el.text.strip()
                extra["issn_type"] = issn_el.get("IssnType", "")
            pub_year, month, day, pub_date_text = _pub_date(pub_date)
            published_on = _make_date(pub_year, month, day)
            if published_on is not None:
                extra["date_precision"] = "day" if day else "month" if month else "year"
        epub = _ymd(epub_el) if epub_el is not None else None
        if epub is not None and (published_on is None or epub < published_on):
            published_on = epub
            extra["date_precision"] = "day"
            pub_year = pub_year or epub.year
        authors = _authors(author_list)
        if types is not None:
            pub_types = tuple([t.text.strip() for t in _children(types) if t.text])
        language = _text(lang) or None
    if info is not None:
        medline_ta = linking_el = None
        for child in _children(info):
            tag = child.tag
            if tag == "MedlineTA":
                if medline_ta is None:
                    medline_ta = child
            elif tag == "ISSNLinking" and linking_el is None:
                linking_el = child
        journal_abbrev = journal_abbrev or _text(medline_ta)
        linking = _text(linking_el)
        if linking:
            extra["issn_linking"] = linking
    pmcid: str | None = None
    entrez_on: date | None = None
    if data is not None:
        # PubmedData: first ArticleIdList and PublicationStatus; the first
        # entrez (else pubmed) date among every History's PubMedPubDates
        id_list = status_el = entrez_el = pubmed_el = None
        for child in _children(data):
            tag = child.tag
            if tag == "History":
                for pd in _children(child):
                    if pd.tag == "PubMedPubDate":
                        status = pd.get("PubStatus")
                        if status == "entrez":
                            if entrez_el is None:
                                entrez_el = pd
                        elif status == "pubmed" and pubmed_el is None:
                            pubmed_el = pd
            elif tag == "ArticleIdList":
                if id_list is None:
                    id_list = child
            elif tag == "PublicationStatus" and status_el is None:
                status_el = child
        own = _article_ids(id_list)
        dois = own.get("doi", []) + dois
        pmcid = own["pmc"][0] if own.get("pmc") else None
        entrez_on = (_ymd(entrez_el) if entrez_el is not None else None) or (
            _ymd(pubmed_el) if pubmed_el is not None else None
        )
        status = _text(status_el)
        if status:
            extra["publication_status"] = status
    mesh: tuple[str, ...] = ()
    if mesh_list is not None:
        mesh = tuple(
            [
                d.text.strip()
                for heading in _children(mesh_list)
                if heading.tag == "MeshHeading"
                for d in _children(heading)
                if d.tag == "DescriptorName" and d.text
            ]
        )
    keywords: tuple[str, ...] = ()
    if keyword_lists:
        keywords = tuple(
            [
                text
                for keyword_list in keyword_lists
                for k in _children(keyword_list)
                if k.tag == "Keyword" and (text := flatten(k))
            ]
        )
    links: tuple[Link, ...] = ()
    if links_list is not None:
        links = tuple([link for cc in _children(links_list) if (link := _link(cc)) is not None])
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
        keywords=keywords,
        language=language,
        citation_status=citation.get("Status"),
        links=links,
        url=f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/",
        entrez_on=entrez_on,
        revised_on=_ymd(revised) if revised is not None else None,
        extra=extra,
    )


def _link(cc: etree._Element) -> Link | None:
    """A CommentsCorrections entry (first PMID and RefSource), None without RefType."""
    kind = cc.get("RefType")
    if not kind:
        return None
    pmid = ref = None
    for child in _children(cc):
        tag = child.tag
        if tag == "PMID":
            if pmid is None:
                pmid = child
        elif tag == "RefSource" and ref is None:
            ref = child
    return Link(kind=kind, pmid=_text(pmid) or None, citation=_text(ref) or None)


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
    for part in _children(elem):
        if part.tag != "AbstractText":
            continue
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
    for aid in _children(elem):
        if aid.tag == "ArticleId" and aid.text:
            value = aid.text.strip()
            if value:
                out.setdefault(aid.get("IdType", ""), []).append(value)
    return out


def _authors(elem: etree._Element | None) -> tuple[Author, ...]:
    """Valid authors with a name; the last of each name part, the first affiliation."""
    if elem is None:
        return ()
    out = []
    for author in _children(elem):
        if author.tag != "Author" or author.get("ValidYN") == "N":
            continue
        last = fore = initials = ""
        orcid = affiliation = None
        for part in _children(author):  # one pass: authors are the bulk of a record
            tag = part.tag
            if tag == "LastName":
                text = part.text
                last = text.strip() if text else ""
            elif tag == "ForeName":
                text = part.text
                fore = text.strip() if text else ""
            elif tag == "Initials":
                text = part.text
                initials = text.strip() if text else ""
            elif tag == "AffiliationInfo":
                if affiliation is None:
                    for sub in _children(part):
                        if sub.tag == "Affiliation":  # the first one only
                            affiliation = _text(sub) or None
                            break
            elif tag == "Identifier":
                if part.get("Source") == "ORCID" and part.text:
                    orcid = part.text.strip().rsplit("/", 1)[-1]
            elif tag == "CollectiveName" and not last:
                last = flatten(part)
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
    year_el = month_el = day_el = season_el = medline_el = None  # the first of each
    for part in _children(elem):
        tag = part.tag
        if tag == "Year":
            if year_el is None:
                year_el = part
        elif tag == "Month":
            if month_el is None:
                month_el = part
        elif tag == "Day":
            if day_el is None:
                day_el = part
        elif tag == "Season":
            if season_el is None:
                season_el = part
        elif tag == "MedlineDate" and medline_el is None:
            medline_el = part
    year_text = _text(year_el)
    if year_text:
        month_text = _text(month_el)
        day_text = _text(day_el)
        season = _text(season_el)
        month = _month(month_text) if month_text else _SEASONS.get(season.lower())
        day = int(day_text) if day_text.isdigit() and month else None
        printed = " ".join(p for p in (year_text, month_text or season, day_text) if p)
        return (int(year_text) if year_text.isdigit() else None), month, day, printed
    medline = _text(medline_el)
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
    """The date in Year/Month/Day children (the last of each wins)."""
    if elem is None:
        return None
    year = month = day = ""
    for part in _children(elem):
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


def _history_date(data: etree._Element, status: str) -> date | None:
    for pd in data.iterfind("History/PubMedPubDate"):
        if pd.get("PubStatus") == status:
            return _ymd(pd)
    return None
