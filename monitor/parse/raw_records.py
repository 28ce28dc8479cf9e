"""Fingerprint each PubMed record's raw bytes, to skip records already stored.

A second ``scimon import`` of an NLM file brings records that are byte for
byte what the first import stored.  Parsing them again costs more than
everything else a re-import does, so the import cuts the decompressed stream
at record boundaries (a ``bytes.find`` for ``<PubmedArticle>`` and its end
tag: PubMed never writes these tags with attributes, and markup cannot occur
inside text), fingerprints each record's bytes with SHA-1, and keeps out of
the XML parser the records whose fingerprint the same source (the same file
name) already stored.  Storage keeps the fingerprint on the sighting.

What makes skipping safe:

- A fingerprint covers the record's exact bytes and :data:`VERSION`, a hash
  of the code that turns those bytes into stored values (this module, the
  parser, the record type, storage's ingest and key normalisation): after
  any change to that code, every record is parsed again once.  A skipped
  record is one this file already applied; applying it again could only
  repeat what it said (a later record may since have revised the paper,
  and then the skip keeps the revision).
- Only the first record of a PMID in a file may be skipped: update files can
  hold two versions of a record, and the later one must still be applied
  after the earlier one, as a full import would.
- Whatever the splitter does not recognise (a malformed file, a tag with
  attributes, another encoding) is passed to the parser untouched and simply
  gets no fingerprint, so damaged input gives the same records and the same
  parse error as without fingerprints.  Markup in which a record tag need
  not be a tag (a comment or CDATA, which PubMed never writes, or a
  processing instruction that names one) turns fingerprints off for the rest
  of the file; PubMed's own ``<?pmcsd ?>`` does not.  A parse error
  after skipped records is reported at its place in the file, found by
  reading the file again without skipping.
"""

from __future__ import annotations

import hashlib
import re
from collections import deque
from collections.abc import Collection, Iterable, Iterator
from pathlib import Path

# a record skipped unparsed: storage defines what it accepts (storage/handoff.py)
from storage.handoff import UnchangedRecord as UnchangedRecord

_HERE = Path(__file__).resolve().parent
_ROOT = _HERE.parent.parent
# the code that turns a record's bytes into what storage keeps
CODE = (
    _HERE / "raw_records.py",
    _HERE / "pubmed.py",
    _HERE / "pubmed_article.py",
    _HERE / "pubmed_book.py",
    _HERE / "pubmed_fields.py",
    _HERE / "xmltext.py",
    _ROOT / "monitor" / "records.py",
    _ROOT / "storage" / "handoff.py",
    _ROOT / "storage" / "ingest.py",
    _ROOT / "storage" / "batch.py",
    _ROOT / "storage" / "batch_write.py",
    _ROOT / "storage" / "bulk.py",
    _ROOT / "storage" / "types.py",
    _ROOT / "storage" / "batching.py",
    _ROOT / "storage" / "merge.py",
    _ROOT / "storage" / "repairs.py",
    _ROOT / "storage" / "maintenance.py",
    _ROOT / "storage" / "keys.py",
)


def code_version(paths: Iterable[Path]) -> bytes:
    """A hash of the files' bytes: fingerprints change whenever this code does."""
    digest = hashlib.sha1(b"scimon-pubmed", usedforsecurity=False)
    for path in paths:
        try:
            digest.update(path.read_bytes())
        except OSError:  # not installed beside us: its name stands in for it
            digest.update(path.name.encode())
    return digest.hexdigest().encode() + b"\n"


VERSION = code_version(CODE)

_OPENERS = {
    b"<PubmedArticle>": b"</PubmedArticle>",
    b"<PubmedBookArticle>": b"</PubmedBookArticle>",
}
_PREFIX = b"<Pubmed"
# the longest record held back waiting for its end tag (real ones are < 1 MB)
MAX_RECORD = 16 << 20
_LONGEST = max(len(tag) for tag in _OPENERS)
_PMID = re.compile(rb"<PMID[^>]*>\s*(\d+)\s*</PMID>")


class _Markup:
    """Where a buffer holds markup inside which a record tag could hide.

    Comments and CDATA (which PubMed never writes) count, and so does a
    declaration other than the prolog's DOCTYPE; processing instructions
    (PubMed writes ``<?pmcsd ?>``) do not if they end in the range asked
    about and name no record tag.  Each marker is searched for once per
    buffer, not once per record.
    """

    def __init__(self, buf: bytes) -> None:
        self.buf = buf
        self.bang = self._find(b"!", 0)
        self.quest = self._find(b"?", 0)

    def _find(self, mark: bytes, start: int) -> int:
        """Where the next ``<`` + mark starts.  A one-byte search runs at
        memchr speed; searching for the pair directly is ten times slower,
        ``<`` being every tenth byte of XML."""
        buf = self.buf
        at = buf.find(mark, start + 1)
        while at > 0 and buf[at - 1] != 0x3C:  # "<"
            at = buf.find(mark, at + 1)
        return at - 1 if at > 0 else -1

    def plain(self, start: int, end: int, *, prolog: bool = False) -> bool:
        buf = self.buf
        if 0 <= self.bang < start:
            self.bang = self._find(b"!", start)
        while 0 <= self.bang < end:
            if not (prolog and buf.startswith(b"<!DOCTYPE", self.bang)):
                return False
            self.bang = self._find(b"!", self.bang + 2)
        if 0 <= self.quest < start:
            self.quest = self._find(b"?", start)
        while 0 <= self.quest < end:
            close = buf.find(b"?>", self.quest + 2, end)
            if close < 0 or buf.find(b"Pubmed", self.quest, close) >= 0:
                return False
            self.quest = self._find(b"?", close + 2)
        return True


def fingerprint(record: bytes | memoryview) -> str:
    """The fingerprint of one record's raw bytes (hex SHA-1, 40 characters)."""
    digest = hashlib.sha1(VERSION, usedforsecurity=False)
    digest.update(record)
    return digest.hexdigest()


class RecordSplitter:
    """Cut a byte stream into runs to parse and records to skip.

    ``split`` is fed the decompressed stream chunk by chunk and yields either
    ``bytes`` for the parser (every byte of the stream, in order, except the
    records skipped) or an :class:`UnchangedRecord` where a record was
    skipped.  ``take(pmid)`` gives the parsed record its fingerprint.
    """

    def __init__(self, known: Collection[str], *, count_lines: bool = True) -> None:
        self.known = known
        self.count_lines = count_lines  # not needed when the file can be read again
        self.skipped = 0  # records kept from the parser
        self.skipped_lines = 0  # newlines in them: error line numbers add them
        self.enabled = True  # off for the rest of a file once its markup is unusual
        self._tail = b""
        self._met: set[str] = set()
        self._fed: deque[tuple[str, str]] = deque()  # (pmid, fingerprint), in file order

    def take(self, pmid: str) -> str | None:
        """The fingerprint of the next record fed with this PMID, if any.

        Records come out of the parser in the order they were fed; entries
        before the match are records the parser dropped (no PMID) and go too.
        """
        for index, (fed_pmid, _print) in enumerate(self._fed):
            if fed_pmid == pmid:
                for _ in range(index):
                    self._fed.popleft()
                return self._fed.popleft()[1]
        return None

    def split(self, chunk: bytes, *, final: bool = False) -> Iterator[bytes | UnchangedRecord]:
        buf = self._tail + chunk if self._tail else chunk
        self._tail = b""
        start_feed = pos = 0  # buf[start_feed:pos] is due to the parser
        size = len(buf)
        markup = _Markup(buf)
        while self.enabled:
            start = buf.find(_PREFIX, pos)
            if start < 0:
                # keep back a tag or declaration the chunk cuts (a "<" with no
                # ">" after it): the next chunk completes it
                cut = -1 if final else buf.rfind(b"<", pos)
                if cut < 0 or buf.find(b">", cut) >= 0 or size - cut > MAX_RECORD:
                    cut = size
                if not markup.plain(pos, cut, prolog=True):
                    self.enabled = False
                pos = cut
                break
            if not markup.plain(pos, start, prolog=True):
                self.enabled = False
                break
            if start + _LONGEST > size and not final:
                pos = start  # the tag may be cut: decide with the next chunk
                break
            closer = None
            for opener, end_tag in _OPENERS.items():
                if buf.startswith(opener, start):
                    closer, open_tag = end_tag, opener
                    break
            if closer is None:  # <PubmedArticleSet> and the like
                pos = start + len(_PREFIX)
                continue
            end = buf.find(closer, start)
            if end < 0:
                if final:  # truncated: the parser reports it
                    pos = size
                    break
                if size - start > MAX_RECORD:  # never closes: parse it unfingerprinted
                    pos = start + len(open_tag)
                    continue
                pos = start  # wait for the rest of the record
                break
            end += len(closer)
            nested = buf.find(open_tag, start + 1, end)
            if nested >= 0:  # a record that never closes: parse it unfingerprinted
                pos = nested
                continue
            if not markup.plain(start, end):
                self.enabled = False  # the end tag found may be inside CDATA
                break
            match = _PMID.search(buf, start, end)
            if match is None:
                pos = end
                continue
            pmid = match.group(1).decode("ascii")
            print_ = fingerprint(memoryview(buf)[start:end])
            if print_ in self.known and pmid not in self._met:
                if start > start_feed:
                    yield buf[start_feed:start]
                yield UnchangedRecord(pmid)
                self.skipped += 1
                if self.count_lines:
                    self.skipped_lines += buf.count(b"\n", start, end)
                start_feed = end
            else:
                self._fed.append((pmid, print_))
            self._met.add(pmid)
            pos = end
        if not self.enabled:
            pos = size  # everything from here on goes to the parser as it is
        if pos > start_feed:
            yield buf[start_feed:pos]
        self._tail = buf[pos:]
