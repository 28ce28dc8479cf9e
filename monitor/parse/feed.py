"""Turn a journal's RSS/Atom feed into :class:`~monitor.records.PaperRecord`s.

feedparser does the format work (RSS 0.9x/1.0/2.0, Atom, encodings, broken
markup).  Before it sees the bytes, documents that declare XML entities are
refused (monitor/parse/xmlguard.py reads the whole prolog, in the encodings
the document and its HTTP charset claim): entity expansion ("billion
laughs") and external entities are how a hostile feed attacks a parser, and
no journal feed needs them.

Publishers put the DOI in many places (see ``../shared/corpus/feeds``):
``prism:doi``, ``dc:identifier`` as ``doi:…``/``info:doi/…``/bare, the guid,
``/doi/`` links, or only the description text; they are tried in that order.
Dates come from ``prism:publicationDate``, ``dc:date``, ``pubDate`` or Atom's
``published``/``updated``.  Titles and abstracts are plain text: HTML is
stripped (scripts and styles with their content) and entities decoded.
"""

from __future__ import annotations

import html
import logging
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import feedparser
from lxml import etree
from lxml import html as lxml_html

from monitor.parse.xmlguard import XmlGuardError, check_bytes
from monitor.records import Author, PaperRecord
from storage.keys import find_dois, normalize_doi

log = logging.getLogger(__name__)

_CHARSET = re.compile(r"charset\s*=\s*[\"']?([^;\"'\s]+)", re.IGNORECASE)
_TAG = re.compile(r"<[a-zA-Z/!]")
_PMID = re.compile(r"\b(?:pubmed|pmid):\s*(\d{1,9})\b", re.IGNORECASE)
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
# bozo reasons that say nothing about missing items
_BENIGN = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)
_BAD_CHARS = dict.fromkeys(range(0x20))
_BAD_CHARS.pop(0x0A)


@dataclass
class FeedParseResult:
    is_feed: bool
    records: list[PaperRecord] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # items left out (filter, no id)
    warnings: list[str] = field(default_factory=list)
    title: str = ""
    # why the document is not well-formed XML (truncated, broken markup), if
    # it is not: its items may be only some of the feed's.  Benign oddities
    # feedparser also flags (a charset the HTTP header overrode, a text/plain
    # Content-Type) are not counted.
    malformed: str | None = None


def plain_text(value: str | None) -> str:
    """Text of an HTML fragment, scripts and styles dropped, whitespace collapsed."""
    if not value:
        return ""
    if _TAG.search(value):
        try:
            doc = lxml_html.fragment_fromstring(value, create_parent="div")
            etree.strip_elements(doc, "script", "style", with_tail=False)
            for br in doc.iter("br", "p", "div", "li"):
                br.tail = " " + (br.tail or "")
            value = doc.text_content()
        except (etree.ParserError, ValueError):
            value = re.sub(r"<[^>]*>", " ", value)
    value = html.unescape(value).translate(_BAD_CHARS)
    return " ".join(value.split())


def _entry_date(entry: Any) -> date | None:
    for key in ("prism_publicationdate", "prism_coverdate", "dc_date"):
        raw = entry.get(key)
        if isinstance(raw, str):
            match = _ISO_DATE.search(raw)
            if match:
                try:
                    return date(int(match[1]), int(match[2]), int(match[3]))
                except ValueError:
                    pass
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            try:
                return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
            except (ValueError, AttributeError):
                continue
    return None


_DC = "{http://purl.org/dc/elements/1.1/}identifier"


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1]


def _raw_identifiers(body: bytes) -> list[list[str]] | None:
    """Every ``dc:identifier``/``prism:doi`` per item, read from the XML itself.

    feedparser keeps only the last ``dc:identifier`` of an item; HighWire feeds
    put the DOI in the first (``info:doi/…``) and a resource id in the second.
    """
    parser = etree.XMLParser(
        recover=True, resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(body.lstrip(), parser)
    except (etree.XMLSyntaxError, ValueError):
        return None
    if root is None:
        return None
    out: list[list[str]] = []
    for elem in root.iter():
        tag = elem.tag
        if not isinstance(tag, str) or _local(tag) not in ("item", "entry"):
            continue
        values = []
        for child in elem:
            ctag = child.tag
            if not isinstance(ctag, str):
                continue
            if ctag == _DC or _local(ctag) == "doi":
                values.append((child.text or "").strip())
        out.append(values)
    return out


def _well_formed_after_blank(body: bytes) -> bool:
    """Whether the only fault is blank space before the XML declaration.

    Atypon's feeds (J Neurotrauma, J Spinal Cord Med, SAGE) start with a blank
    line, which expat calls not well-formed; every item is still there, so it
    must not cost the feed its validators on every fetch.
    """
    stripped = body.lstrip()
    if stripped == body:
        return False
    parser = etree.XMLParser(
        recover=False, resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        etree.fromstring(stripped, parser)
    except (etree.XMLSyntaxError, ValueError):
        return False
    return True


def _fallback_entries(body: bytes) -> list[dict[str, Any]]:
    """Items read leniently when feedparser finds none in a malformed document.

    Real feeds break in ways feedparser's strict and loose parsers both give
    up on (undeclared ``rss:`` prefixes, a doubled XML declaration); lxml's
    recovering parser still sees the items.
    """
    # the XML parser in recovery mode first; the HTML parser, which survives
    # even unquoted attributes, when that sees nothing
    parsers: list[etree.XMLParser | etree.HTMLParser] = [
        etree.XMLParser(
            recover=True, resolve_entities=False, no_network=True, load_dtd=False,
            huge_tree=False,
        ),
        etree.HTMLParser(recover=True, no_network=True),
    ]  # fmt: skip
    for parser in parsers:
        try:
            root = etree.fromstring(body, parser)
        except (etree.XMLSyntaxError, ValueError):
            continue
        if root is not None:
            entries = _items(root)
            if entries:
                return entries
    return []


def _items(root: etree._Element) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    for elem in root.iter():
        if not isinstance(elem.tag, str) or _local(elem.tag) not in ("item", "entry"):
            continue
        fields: dict[str, Any] = {}
        for child in elem:
            if not isinstance(child.tag, str):
                continue
            name = _local(child.tag).lower()
            # the HTML parser makes <link> empty and its URL the tail
            text = (child.text or "").strip() or child.get("href", "") or (child.tail or "").strip()
            key = {"guid": "id", "description": "summary", "pubdate": "published"}.get(name, name)
            if text and key not in fields:
                fields[key] = text
        if fields.get("title"):
            entries.append(fields)
    return entries


def _entry_dois(entry: Any, raw_ids: list[str] | None = None) -> list[str]:
    """Every DOI the item carries, the most reliable places first."""
    found: list[str] = []

    def add(values: list[str]) -> None:
        for doi in values:
            if doi and doi not in found:
                found.append(doi)

    values = [entry.get(key) for key in ("prism_doi", "dc_identifier", "id", "guid")]
    for raw in [*(raw_ids or []), *values]:
        if isinstance(raw, str) and raw.strip():
            direct = normalize_doi(raw)
            add([direct] if direct else find_dois(raw))
    links = [entry.get("link") or ""] + [
        link.get("href", "") for link in entry.get("links", []) if isinstance(link, dict)
    ]
    for link in links:
        if "/doi/" in link or "doi.org/" in link:
            add(find_dois(link))
    if not found:
        add(find_dois(entry.get("dc_source") or entry.get("source", {}).get("title", "")))
    if not found:
        texts = [entry.get("summary") or ""] + [
            c.get("value", "") for c in entry.get("content", [])
        ]
        for text in texts:
            add(find_dois(plain_text(text)))
            if found:
                break
    return found


def _authors(entry: Any) -> tuple[Author, ...]:
    names: list[str] = []
    for author in entry.get("authors", []) or []:
        name = plain_text(author.get("name", "")) if isinstance(author, dict) else ""
        if name:
            names.append(name)
    if not names and entry.get("author"):
        names.append(plain_text(entry["author"]))
    return tuple(Author(last=name[:200]) for name in names)


def _abstract(entry: Any) -> str:
    candidates = [c.get("value", "") for c in entry.get("content", []) or []]
    candidates += [entry.get("dc_description") or "", entry.get("summary") or ""]
    texts = [plain_text(c) for c in candidates if c]
    # the longest is the abstract; others are teasers ("Volume 67, Issue 4, ...")
    return max(texts, key=len, default="")


def parse_feed(
    body: bytes,
    *,
    feed: Any,
    content_type: str = "",
    base_url: str = "",
    keyword_filter: re.Pattern[str] | None = None,
) -> FeedParseResult:
    """Parse feed bytes into records; never raises on bad input (see ``is_feed``)."""
    charset = _CHARSET.search(content_type)
    try:
        check_bytes(body, charset=charset.group(1) if charset else None)
    except XmlGuardError as exc:
        return FeedParseResult(is_feed=False, warnings=[str(exc)])
    headers = {"content-type": content_type} if content_type else {}
    if base_url:
        headers["content-location"] = base_url
    parsed = feedparser.parse(body, response_headers=headers, resolve_relative_uris=True)
    warnings: list[str] = []
    malformed: str | None = None
    if parsed.get("bozo"):
        problem = parsed.get("bozo_exception")
        warnings.append(f"not well-formed: {problem}")
        if not isinstance(problem, _BENIGN) and not _well_formed_after_blank(body):
            malformed = f"{type(problem).__name__}: {problem}"
    entries = parsed.get("entries", [])
    if not entries and parsed.get("bozo"):
        entries = _fallback_entries(body)
        if entries:
            warnings.append(f"read {len(entries)} items leniently from malformed XML")
    if not parsed.get("version") and not entries:
        return FeedParseResult(is_feed=False, warnings=warnings or ["no feed found"])
    result = FeedParseResult(
        is_feed=True,
        warnings=warnings,
        title=plain_text(parsed.get("feed", {}).get("title")),
        malformed=malformed,
    )
    name = getattr(feed, "name", "feed")
    raw_ids = _raw_identifiers(body)
    if raw_ids is not None and len(raw_ids) != len(entries):
        raw_ids = None  # cannot pair items with entries; feedparser's view alone
    for index, entry in enumerate(entries):
        title = plain_text(entry.get("title"))
        abstract = _abstract(entry)
        link = (entry.get("link") or "").strip()
        key = (entry.get("id") or link or "").strip()
        if not title or not key:
            result.skipped.append(title or key or "(item without title or id)")
            continue
        if keyword_filter is not None and not keyword_filter.search(f"{title} {abstract}"):
            result.skipped.append(title)
            continue
        pmid_match = _PMID.search(f"{entry.get('id', '')} {entry.get('dc_identifier', '')}")
        published = _entry_date(entry)
        result.records.append(
            PaperRecord(
                source="feed",
                source_name=name,
                source_id=key[:500],
                title=title,
                pmid=pmid_match.group(1) if pmid_match else None,
                dois=tuple(_entry_dois(entry, raw_ids[index] if raw_ids else None)),
                abstract=abstract,
                journal=getattr(feed, "journal", "") or plain_text(entry.get("dc_source")),
                issn=getattr(feed, "issn", None),
                published_on=published,
                pub_year=published.year if published else None,
                authors=_authors(entry),
                url=link or None,
                extra={"feed_section": plain_text(entry.get("prism_section"))[:100]}
                if entry.get("prism_section")
                else {},
            )
        )
    return result
