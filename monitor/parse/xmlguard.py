"""Refuse XML that declares entities, by reading its whole prolog properly.

Entity expansion ("billion laughs") and external entities are how a hostile
document attacks an XML parser, and no PubMed file or journal feed needs
them.  scimon's parsers never expand or fetch entities, but this guard is the
promise that such a document is refused before a parser sees it.  Looking
for ``<!ENTITY`` in the first 64 KiB was not enough: a long comment or
processing instruction pushes the DOCTYPE past it, and UTF-16/32 spells
``<!ENTITY`` with zero bytes in between.

So the prolog (everything before the root element) is read as XML reads it:

- the bytes are decoded by their BOM, else by the first four bytes (UTF-16
  or UTF-32 without a BOM), else by the XML declaration's ``encoding``; a
  document is also read as every other encoding someone may decode it with
  (the declared one, an HTTP charset), and refused if any reading declares
  entities, so a lying declaration cannot hide a DOCTYPE;
- comments and processing instructions are skipped whatever their length,
  streaming: memory stays bounded by the chunk size;
- a DOCTYPE's internal subset is read declaration by declaration (quoted
  strings, comments and PIs inside it included), and any ``<!ENTITY``
  declaration in it refuses the document.  An external DTD alone (PubMed's
  ``<!DOCTYPE PubmedArticleSet PUBLIC ...>``) is fine: it is never loaded.

The scan stops at the root element's name, which it reports: ``scimon
import`` uses it to tell an RSS or HTML file from PubMed XML.

This module decodes and decides; reading the decoded text is
:mod:`monitor.parse.prolog_scan`'s.
"""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Iterable
from typing import IO, Any, cast

from monitor.parse.prolog_scan import Prolog, PrologScan

REFUSAL = "document declares XML entities (refused: entity expansion/XXE risk)"

_BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
)
_NO_BOM = {  # "<?" or "<" in the first four bytes (XML 1.0 appendix F)
    b"\x00\x00\x00<": "utf-32-be",
    b"<\x00\x00\x00": "utf-32-le",
    b"\x00<\x00?": "utf-16-be",
    b"<\x00?\x00": "utf-16-le",
}
_DECLARED = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']""")


class XmlGuardError(ValueError):
    """The document declares entities (or its prolog is otherwise refused)."""


def _codec(name: str | None) -> str | None:
    """Python's name for an encoding, or None when Python does not know it."""
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def sniff_encodings(head: bytes, *, charset: str | None = None) -> list[str]:
    """The encodings to read the document's prolog in, the one XML would use first.

    Without a BOM or a UTF-16/32 pattern the document is read as Latin-1:
    every ASCII-compatible encoding writes markup as ASCII, so Latin-1 finds
    the markup of all of them without failing on any byte.  The declared
    encoding and the HTTP charset are read too, even ASCII-like ones: UTF-7
    writes ``<`` as ``+ADw-``.
    """
    first: str | None = None
    for bom, name in _BOMS:
        if head.startswith(bom):
            first = name
            break
    if first is None:
        first = _NO_BOM.get(head[:4], "latin-1")
    found = [first]
    match = _DECLARED.match(head.lstrip(b"\xef\xbb\xbf")) if first in ("latin-1", "utf-8") else None
    for extra in (match.group(1).decode("ascii") if match else None, charset):
        known = _codec(extra)
        if known and known not in found:
            found.append(known)
    return found


# after the first reading has decided, the other readings get this much more
_EXTRA_BYTES = 1 << 20


class _Reading:
    """The document read in one encoding."""

    def __init__(self, encoding: str) -> None:
        self.encoding = encoding
        self.decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
        self.scan = PrologScan().run()
        next(self.scan)
        self.prolog: Prolog | None = None

    def feed(self, data: bytes, final: bool) -> None:
        if self.prolog is not None:
            return
        try:
            try:
                text = self.decoder.decode(data, final)
            except UnicodeError:  # "utf-16" without a BOM: this reading cannot be made
                self.prolog = Prolog(self.encoding)
                return
            if text:
                self.scan.send(text)
            if final:
                self.scan.send("")
        except StopIteration as stop:
            found: Prolog = stop.value
            self.prolog = Prolog(
                self.encoding, found.root, found.doctype, found.internal_subset,
                found.declares_entities,
            )  # fmt: skip


class PrologCheck:
    """Feed a document's bytes in order; ``feed`` returns the prolog once decided.

    Raises :class:`XmlGuardError` as soon as any reading finds an entity
    declaration, before the bytes that hold it are passed on.
    """

    def __init__(self, *, charset: str | None = None) -> None:
        self.charset = charset
        self.prolog: Prolog | None = None
        self._head = b""
        self._readings: list[_Reading] = []
        self._after = 0  # bytes fed since the first reading decided

    @property
    def done(self) -> bool:
        """Decided, and no other reading is still looking: nothing more to read."""
        return self.prolog is not None and len(self._readings) <= 1

    def feed(self, data: bytes, *, final: bool = False) -> Prolog | None:
        if self.done:
            return self.prolog
        if not self._readings:
            self._head += data
            if len(self._head) < 1024 and not final:
                return None
            data, self._head = self._head, b""
            for name in sniff_encodings(data, charset=self.charset):
                self._readings.append(_Reading(name))
        for reading in self._readings:
            reading.feed(data, final)
            if reading.prolog is not None and reading.prolog.declares_entities:
                raise XmlGuardError(REFUSAL)
        first = self._readings[0].prolog
        if first is not None:
            if self.prolog is not None:
                self._after += len(data)
            self.prolog = first
            # a reading that has not found its root yet soon never will: a
            # wrong encoding's garbage holds no "<"
            self._readings[1:] = [
                r for r in self._readings[1:] if r.prolog is None and self._after < _EXTRA_BYTES
            ]
        elif final:
            self.prolog = Prolog(self._readings[0].encoding)
            self._readings[1:] = []
        return self.prolog


def check_bytes(body: bytes, *, charset: str | None = None, chunk: int = 1 << 16) -> Prolog:
    """The prolog of a document in memory; XmlGuardError when it declares entities."""
    check = PrologCheck(charset=charset)
    for start in range(0, len(body), chunk):
        found = check.feed(body[start : start + chunk])
        if found is not None and check.done:
            return found
    return check.feed(b"", final=True) or Prolog("latin-1")


def check_chunks(chunks: Iterable[bytes], *, charset: str | None = None) -> Prolog:
    """The prolog of a document read chunk by chunk (stops reading once decided)."""
    check = PrologCheck(charset=charset)
    for data in chunks:
        found = check.feed(data)
        if found is not None and check.done:
            return found
    return check.feed(b"", final=True) or Prolog("latin-1")


class GuardedStream(io.RawIOBase):
    """A binary stream that checks the prolog of what passes through it.

    Bytes pass on unchanged and unbuffered; the read that would pass on an
    entity declaration raises :class:`XmlGuardError` instead.  Once the
    prolog is decided, reads cost nothing more.
    """

    def __init__(self, inner: IO[bytes], *, close: bool = True) -> None:
        super().__init__()
        self.inner = inner
        self.close_inner = close
        self.check: PrologCheck | None = PrologCheck()

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        data = self.inner.read(len(view))
        if self.check is not None:
            self.check.feed(data, final=not data)
            if self.check.done or not data:
                self.check = None
        view[: len(data)] = data
        return len(data)

    def close(self) -> None:
        try:
            if self.close_inner:
                self.inner.close()
        finally:
            super().close()


def guard_stream(stream: IO[bytes], *, close: bool = True) -> IO[bytes]:
    """``stream`` behind the prolog check, buffered for ``read(n)``.

    Closing the result closes ``stream`` too unless ``close`` is False.
    """
    raw = GuardedStream(stream, close=close)
    return cast(IO[bytes], io.BufferedReader(raw, buffer_size=1 << 16))
