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
calls, which keeps it below the cost of the tree (see monitor/parse/pubmed_fields.py).
Each record is read by monitor/parse/pubmed_article.py (or pubmed_book.py).
"""

from __future__ import annotations

import gzip
import logging
import re
import types
from collections.abc import Collection, Iterator
from io import BytesIO
from pathlib import Path
from typing import IO, cast

from lxml import etree

from monitor.parse.pubmed_article import article
from monitor.parse.pubmed_book import book
from monitor.parse.raw_records import RecordSplitter, UnchangedRecord
from monitor.parse.xmlguard import XmlGuardError, guard_stream
from monitor.records import DeletedCitations, PaperRecord

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
_NOT_GZIP = "not gzip: the name ends in .gz but the file is neither gzip nor PubMed XML"
_LIBXML_PLACE = re.compile(r", line \d+, column \d+$")  # the tail of an lxml message


class PubmedParseError(Exception):
    """The XML is malformed or truncated (message names line and column)."""


def _open(source: Path | str | IO[bytes]) -> tuple[IO[bytes], bool, bool]:
    """A binary stream of the XML, gunzipped when it starts with gzip's magic bytes; whether
    the caller owns it; whether it was gunzipped."""
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
        return unzipped, True, True
    return raw, owned, False


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
    stream, owned, gunzipped = _open(source)
    # named .gz, no gzip magic: if it does not parse, the fault is the file's kind (a text
    # download, an error page), not XML damaged inside a gzip
    not_gzip = not gunzipped and isinstance(source, str | Path) and str(source).endswith(".gz")
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
    blank = True  # only whitespace read so far: an error then means an empty file
    try:
        while True:
            chunk = stream.read(_CHUNK)
            if blank and chunk.strip():
                blank = False
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
        if blank:
            raise PubmedParseError("empty file: no XML in it") from exc
        if not_gzip:
            raise PubmedParseError(_NOT_GZIP) from exc
        line, column = exc.position if exc.position else (exc.lineno, 0)
        if splitter is not None:  # a stream cannot be read again: count past the skips
            line += splitter.skipped_lines
        cut_off = getattr(exc, "cut_off", ())
        dropped = f" (record {', '.join(cut_off)} was cut off and not stored)" if cut_off else ""
        # libxml2's message ends with its own ", line 1, column 1": the place is said above
        why = _LIBXML_PLACE.sub("", exc.msg or "")
        raise PubmedParseError(
            f"malformed XML at line {line}, column {column}: {why}{dropped}"
        ) from exc
    except (EOFError, gzip.BadGzipFile) as exc:
        raise PubmedParseError(f"truncated or corrupt gzip data: {exc}") from exc
    except XmlGuardError as exc:
        raise PubmedParseError(_NOT_GZIP if not_gzip else str(exc)) from exc
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
    (as iterparse does), then the error is raised.  At the end of the data
    (``close``) libxml2 ends every element still open before it reports the
    premature end: a record ended that way was cut off, and yielding it would
    let a half-read record (a PMID, no title) overwrite a stored paper.
    Records completed earlier were yielded after the ``feed`` that read them.
    """
    try:
        if data is None:
            parser.close()
        else:
            parser.feed(data)
    except etree.XMLSyntaxError as exc:
        if data is None:
            exc.cut_off = _drop_cut_off(parser)  # type: ignore[attr-defined]
        else:
            yield from _records(parser, source_name, splitter)
        raise
    yield from _records(parser, source_name, splitter)


def _drop_cut_off(parser: etree.XMLPullParser) -> list[str]:
    """Discard the records libxml2 closed only because the data ended; their PMIDs."""
    dropped = []
    events = cast(Iterator[tuple[str, etree._Element]], parser.read_events())
    for _event, elem in events:
        if elem.tag in ("PubmedArticle", "PubmedBookArticle"):
            dropped.append((elem.findtext(".//PMID") or "?").strip())
        elem.clear()
    return dropped


def _records(
    parser: etree.XMLPullParser, source_name: str, splitter: RecordSplitter | None
) -> Iterator[Item]:
    """The records whose end tags the parser has read so far."""
    events = cast(Iterator[tuple[str, etree._Element]], parser.read_events())
    for _event, elem in events:
        tag = elem.tag
        record: Item | None
        if tag == "PubmedArticle":
            record = article(elem, source_name)
        elif tag == "PubmedBookArticle":
            record = book(elem, source_name)
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
