"""A loopback Europe PMC REST emulator: ``/search`` with ``cursorMark`` paging.

Two ways to serve:

* **replay**: the recorded chain of pages (../shared/corpus/europepmc,
  fetch_10pages_cancer.json.gz) answered by the cursor each was asked with,
  so the client follows Europe PMC's own cursor values.  Past the last
  recorded page it answers an empty page whose ``nextCursorMark`` is the
  cursor it was sent (the real end-of-result signal).
* **records**: a list of records (recorded ones, copies of them) paged with
  cursors of our own; ``SRC:PPR`` in the query keeps only preprints and
  ``FIRST_IDX_DATE:[a TO b]`` filters by first-index date, as the service does.

The ``page`` parameter is ignored, as by Europe PMC.  Faults on demand: 429,
5xx, a body cut short.
"""

from __future__ import annotations

import base64
import gzip
import json
import re
import threading
from collections.abc import Iterable
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from tests.loopback import LoopbackServer, QuietHandler

_DATES = re.compile(r"FIRST_IDX_DATE:\[(\S+) TO (\S+)\]")


def recorded_pages() -> list[dict[str, Any]]:
    """The 10 recorded cursor pages (skips the calling test when the corpus is absent)."""
    from tests.corpus import corpus_path

    path = corpus_path("europepmc", "pyEuropePMC", "fetch_10pages_cancer.json.gz")
    pages: list[dict[str, Any]] = json.loads(gzip.decompress(path.read_bytes()))
    return pages


def recorded_single_page_ids() -> list[str]:
    """The ids of the recorded 1,000-record single page (same query, same order)."""
    from tests.corpus import corpus_path

    path = corpus_path("europepmc", "pyEuropePMC", "search_1000results_cancer.json.gz")
    data = json.loads(gzip.decompress(path.read_bytes()))
    return [f"{r['source']}/{r['id']}" for r in data["resultList"]["result"]]


def _cursor(offset: int) -> str:
    return base64.b64encode(f"offset:{offset}".encode()).decode()


def _offset(cursor: str) -> int:
    if cursor == "*":
        return 0
    try:
        return int(base64.b64decode(cursor.encode()).decode().split(":", 1)[1])
    except (ValueError, IndexError):
        return -1


class EuropePmcEmulator(LoopbackServer):
    def __init__(
        self, *, pages: list[dict[str, Any]] | None = None,
        records: Iterable[dict[str, Any]] = (),
    ) -> None:  # fmt: skip
        self.pages = {unquote(p["request"]["cursorMark"]): p for p in pages or []}
        self.records = list(records)
        self.requests: list[dict[str, str]] = []
        self._faults: list[tuple[str, int]] = []  # (kind, after n more requests)
        self._lock = threading.Lock()
        super().__init__(self._handler())

    @property
    def url(self) -> str:
        return self.base + "/europepmc/webservices/rest"

    def inject(self, kind: str, *, times: int = 1, after: int = 0) -> None:
        """``kind``: 429, 500, 502, 503 or truncated; the next ``times`` requests after
        ``after`` good ones."""
        with self._lock:
            self._faults.extend((kind, after) for _ in range(times))

    def _take_fault(self) -> str | None:
        with self._lock:
            if not self._faults:
                return None
            kind, after = self._faults[0]
            if after > 0:
                self._faults = [(k, a - 1) for k, a in self._faults]
                return None
            self._faults.pop(0)
            return kind

    def answer(self, params: dict[str, str]) -> dict[str, Any]:
        cursor = params.get("cursorMark", "*")
        size = int(params.get("pageSize", "25"))
        if self.pages:
            page = self.pages.get(cursor)
            if page is not None:
                return page
            return {"version": "6.9", "hitCount": 0, "nextCursorMark": cursor,
                    "request": {"cursorMark": cursor}, "resultList": {"result": []}}  # fmt: skip
        query = params.get("query", "")
        found = self.records
        if "SRC:PPR" in query:
            found = [r for r in found if r.get("source") == "PPR"]
        if (dates := _DATES.search(query)) is not None:
            start, end = dates.groups()
            found = [r for r in found if start <= str(r.get("firstIndexDate", "")) <= end]
        offset = _offset(cursor)
        if offset < 0:
            raise ValueError("bad cursor")
        chunk = found[offset : offset + size]
        out: dict[str, Any] = {
            "version": "6.9", "hitCount": len(found),
            "request": {"queryString": query, "cursorMark": cursor, "pageSize": size},
            "resultList": {"result": chunk},
        }  # fmt: skip
        if found:
            # at the end Europe PMC hands back the cursor it was sent
            nxt = offset + len(chunk)
            out["nextCursorMark"] = _cursor(nxt) if chunk else cursor
        return out

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        emu = self

        class Handler(QuietHandler):
            def do_GET(self) -> None:
                url = urlsplit(self.path)
                params = {k: v[0] for k, v in parse_qs(url.query).items()}
                emu.requests.append(params)
                if not url.path.endswith("/search"):
                    self._send(404, b"not found", "text/plain")
                    return
                fault = emu._take_fault()
                if fault == "429":
                    self._send(429, b"Too Many Requests", "text/plain", {"Retry-After": "0"})
                    return
                if fault in ("500", "502", "503"):
                    self._send(int(fault), b"<html>Service Unavailable</html>", "text/html")
                    return
                try:
                    body = json.dumps(emu.answer(params)).encode()
                except ValueError:
                    self._send(400, b'{"errMsg":"invalid cursorMark"}', "application/json")
                    return
                if fault == "truncated":
                    body = body[: len(body) // 2]
                self._send(200, body, "application/json;charset=UTF-8")

        return Handler


def records_of(pages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r for p in pages for r in p["resultList"]["result"]]


def load_pages(path: Path) -> list[dict[str, Any]]:
    pages: list[dict[str, Any]] = json.loads(gzip.decompress(path.read_bytes()))
    return pages
