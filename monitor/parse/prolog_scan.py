"""The prolog of an XML document read from its decoded text, streaming.

:mod:`monitor.parse.xmlguard` decodes the bytes (in every encoding a reader
may use) and feeds the text here; :class:`PrologScan` reads comments,
processing instructions and a DOCTYPE's internal subset as XML reads them,
keeping only what it has not decided about yet, and stops at the root
element's name or at an entity declaration.
"""

from __future__ import annotations

import re
from collections.abc import Generator
from dataclasses import dataclass

_NAME_END = re.compile(r"[\s/>\[]")
_SPACE = " \t\r\n"
_DECL_MARK = re.compile(r"[\"'>]")
_DOCTYPE_MARK = re.compile(r"[\"'\[>]")


@dataclass(frozen=True)
class Prolog:
    """What the prolog says; ``root`` is None when no element starts (empty, not XML)."""

    encoding: str
    root: str | None = None
    doctype: str | None = None
    internal_subset: bool = False
    declares_entities: bool = False

    @property
    def root_local(self) -> str:
        """The root element's name without its prefix, lower case ("rdf:RDF" -> "rdf")."""
        return (self.root or "").rsplit(":", 1)[-1].lower()


class _Need(Exception):
    """The text ended before the scanner could decide (internal)."""


class PrologScan:
    """A push scanner over decoded text: ``run()`` is sent chunks, then "" at the end.

    It keeps only what it has not decided about yet (a few characters, a
    keyword, a name), so a gigabyte comment costs no memory.
    """

    def __init__(self) -> None:
        self.buf = ""
        self.end = False

    def _more(self) -> Generator[None, str, None]:
        if self.end:
            raise _Need
        text = yield
        if text:
            self.buf += text
        else:
            self.end = True

    def _have(self, n: int) -> Generator[None, str, bool]:
        while len(self.buf) < n:
            if self.end:
                return False
            yield from self._more()
        return True

    def _until(self, term: str) -> Generator[None, str, None]:
        """Drop text up to and including ``term``, however far away it is."""
        while True:
            at = self.buf.find(term)
            if at >= 0:
                self.buf = self.buf[at + len(term) :]
                return
            self.buf = self.buf[-(len(term) - 1) :]
            yield from self._more()

    def _past(self, pattern: re.Pattern[str]) -> Generator[None, str, str]:
        """Drop text up to and including the next match of one-character ``pattern``."""
        while True:
            match = pattern.search(self.buf)
            if match:
                self.buf = self.buf[match.end() :]
                return match.group()
            self.buf = ""
            yield from self._more()

    def _skip_space(self) -> Generator[None, str, None]:
        while True:
            self.buf = self.buf.lstrip(_SPACE)
            if self.buf:
                return
            yield from self._more()

    def _name(self) -> Generator[None, str, str]:
        while not _NAME_END.search(self.buf) and not self.end and len(self.buf) < 1000:
            yield from self._more()
        stop = _NAME_END.search(self.buf)
        cut = stop.start() if stop else min(len(self.buf), 1000)
        name, self.buf = self.buf[:cut], self.buf[cut:]
        return name

    def _declaration(self) -> Generator[None, str, None]:
        """Skip the rest of a markup declaration, its quoted strings whole."""
        while True:
            mark = yield from self._past(_DECL_MARK)
            if mark == ">":
                return
            yield from self._until(mark)

    def _comment_or_pi(self) -> Generator[None, str, bool]:
        """Skip the comment or processing instruction the text starts with; False if none."""
        for opening, closing in (("<?", "?>"), ("<!--", "-->")):
            if self.buf.startswith(opening):
                self.buf = self.buf[len(opening) :]
                yield from self._until(closing)
                return True
        return False

    def _subset(self) -> Generator[None, str, bool]:
        """Read an internal subset up to its ``]``; True when it declares an entity."""
        while True:
            yield from self._skip_space()
            yield from self._have(8)
            buf = self.buf
            if buf.startswith("]"):
                self.buf = buf[1:]
                return False
            if (yield from self._comment_or_pi()):
                continue
            if buf[:8].upper() == "<!ENTITY":
                return True
            elif buf.startswith("<"):
                self.buf = buf[1:]
                yield from self._declaration()
            elif buf.startswith("%"):  # a parameter entity reference
                yield from self._until(";")
            else:  # not XML; keep reading (a lenient parser might)
                self.buf = buf[1:]

    def run(self) -> Generator[None, str, Prolog]:
        doctype: str | None = None
        subset = False
        try:
            while True:
                # text before the root is not XML, but lenient readers skip it
                at = self.buf.find("<")
                while at < 0:
                    self.buf = ""
                    yield from self._more()
                    at = self.buf.find("<")
                self.buf = self.buf[at:]
                yield from self._have(9)
                buf = self.buf
                if (yield from self._comment_or_pi()):
                    continue
                if buf[:9].upper() == "<!DOCTYPE":
                    self.buf = buf[9:]
                    yield from self._skip_space()
                    doctype = yield from self._name()
                    while True:
                        mark = yield from self._past(_DOCTYPE_MARK)
                        if mark == ">":
                            break
                        if mark == "[":
                            subset = True
                            if (yield from self._subset()):
                                return Prolog("", None, doctype, True, True)
                            yield from self._until(">")
                            break
                        yield from self._until(mark)  # a quoted public or system id
                elif buf[:8].upper() == "<!ENTITY":  # outside a DOCTYPE: refused all the same
                    return Prolog("", None, doctype, subset, True)
                elif buf.startswith("<!"):  # CDATA or a stray declaration: no root here
                    return Prolog("", None, doctype, subset)
                elif len(buf) > 1 and (buf[1].isalpha() or buf[1] in "_:"):
                    self.buf = buf[1:]
                    root = yield from self._name()
                    return Prolog("", root, doctype, subset)
                else:
                    self.buf = buf[1:]
        except _Need:
            return Prolog("", None, doctype, subset)
