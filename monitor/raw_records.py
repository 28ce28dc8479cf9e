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

- A fingerprint covers the record's exact bytes and :data:`VERSION`, which is
  bumped whenever the parser or the store would read the same bytes
  differently: a skipped record is one whose storing would change nothing.
- Only the first record of a PMID in a file may be skipped: update files can
  hold two versions of a record, and the later one must still be applied
  after the earlier one, as a full import would.
- Whatever the splitter does not recognise (a malformed file, a tag with
  attributes, another encoding) is passed to the parser untouched and simply
  gets no fingerprint, so damaged input gives the same records and the same
  parse error as without fingerprints (lines are counted past skipped
  records, so the error's line number is the file's).
"""

from __future__ import annotations

import hashlib
import re
from collections import deque
from collections.abc import Collection, Iterator
from dataclasses import dataclass

VERSION = b"scimon-pubmed-1\n"

_OPENERS = {
    b"<PubmedArticle>": b"</PubmedArticle>",
    b"<PubmedBookArticle>": b"</PubmedBookArticle>",
}
_PREFIX = b"<Pubmed"
# the longest record held back waiting for its end tag (real ones are < 1 MB)
MAX_RECORD = 16 << 20
_LONGEST = max(len(tag) for tag in _OPENERS)
_PMID = re.compile(rb"<PMID[^>]*>\s*(\d+)\s*</PMID>")


@dataclass(frozen=True, slots=True)
class UnchangedRecord:
    """A record skipped unparsed: this source gave exactly these bytes before.

    Storage counts it as seen and as a duplicate, as it would have after
    parsing it; ``unchanged`` is the attribute storage looks for.
    """

    pmid: str
    unchanged: bool = True


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

    def __init__(self, known: Collection[str]) -> None:
        self.known = known
        self.skipped = 0  # records kept from the parser
        self.skipped_lines = 0  # newlines in them: error line numbers add them
        self._tail = b""
        self._met: set[str] = set()
        self._pending: dict[str, deque[str]] = {}

    def take(self, pmid: str) -> str | None:
        """The fingerprint of the record with this PMID fed to the parser, if known."""
        queue = self._pending.get(pmid)
        if not queue:
            return None
        value = queue.popleft()
        if not queue:
            del self._pending[pmid]
        return value

    def split(self, chunk: bytes, *, final: bool = False) -> Iterator[bytes | UnchangedRecord]:
        buf = self._tail + chunk if self._tail else chunk
        self._tail = b""
        start_feed = pos = 0  # buf[start_feed:pos] is due to the parser
        size = len(buf)
        while True:
            start = buf.find(_PREFIX, pos)
            if start < 0:
                # keep back what could be the beginning of a record's start tag
                cut = -1 if final else buf.rfind(b"<", max(pos, size - _LONGEST + 1))
                if cut >= 0 and any(tag.startswith(buf[cut:]) for tag in _OPENERS):
                    pos = cut
                else:
                    pos = size
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
                self.skipped_lines += buf.count(b"\n", start, end)
                start_feed = end
            else:
                self._pending.setdefault(pmid, deque()).append(print_)
            self._met.add(pmid)
            pos = end
        if pos > start_feed:
            yield buf[start_feed:pos]
        self._tail = buf[pos:]
