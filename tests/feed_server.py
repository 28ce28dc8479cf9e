"""A loopback HTTP server for feed tests: real files, validators, redirects, faults.

``/files/<path>`` serves a file under ``root`` with an ETag and Last-Modified
and answers 304 to a matching conditional GET.  Files that start with
feedparser's test-harness comment (``Header: Status: 301`` / ``Location:`` /
``Content-type:``) get those headers, so the bad-feed corpus replays its HTTP
cases.  Fixed routes: ``/status/<code>``, ``/redirect/<code>/<path>``,
``/slow/<seconds>/<path>``, ``/html`` (a web page instead of a feed),
``/gzip/<path>`` (Content-Encoding: gzip), and ``/flaky/<path>`` and
``/flaky-gzip/<path>``: the first request of each gets the file cut in half
in transit (for flaky-gzip, half of its gzip stream), with a Content-Length
that matches what is sent and the whole file's validators, as a proxy or a
dropped upstream connection does; later requests get the whole file.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import re
import threading
import time
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from tests.loopback import LoopbackServer, QuietHandler

_HEADER_LINE = re.compile(rb"^Header:\s*([A-Za-z-]+):\s*(.*?)\s*$", re.M)
HTML_PAGE = b"""<!DOCTYPE html><html><head><title>Just a moment...</title></head>
<body><h1>Checking your browser before accessing the journal</h1>
<script>window.location.reload()</script></body></html>"""


class FeedServer(LoopbackServer):
    def __init__(self, root: Path) -> None:
        self.root = root
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.last_modified = formatdate(time.time() - 3600, usegmt=True)
        self.flaky_served: set[str] = set()
        self._lock = threading.Lock()
        super().__init__(self._handler())

    def url(self, route: str) -> str:
        return f"{self.base}/{route.lstrip('/')}"

    def file_url(self, relative: str | Path) -> str:
        return self.url(f"files/{relative}")

    def paths_requested(self) -> list[str]:
        with self._lock:
            return [path for path, _ in self.requests]

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(QuietHandler):
            def do_GET(self) -> None:
                with server._lock:
                    server.requests.append((self.path, dict(self.headers.items())))
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self._route(self.path)

            def _route(self, path: str) -> None:
                parts = path.lstrip("/").split("/", 2)
                kind = parts[0]
                if kind == "status":
                    self._send(int(parts[1]), b"<html><body>error</body></html>", "text/html")
                elif kind == "redirect":
                    code, target = int(parts[1]), parts[2]
                    self._send(code, b"", "text/plain", {"Location": f"/files/{target}"})
                elif kind == "slow":
                    time.sleep(float(parts[1]))
                    self._file(parts[2])
                elif kind == "html":
                    self._send(200, HTML_PAGE, "text/html; charset=utf-8")
                elif kind == "gzip":
                    self._file("/".join(parts[1:]), compress=True)
                elif kind in ("flaky", "flaky-gzip"):
                    relative = "/".join(parts[1:])
                    with server._lock:
                        first = path not in server.flaky_served
                        server.flaky_served.add(path)
                    self._file(relative, compress=kind == "flaky-gzip", cut=first)
                elif kind == "files":
                    self._file("/".join(parts[1:]))
                else:
                    self._send(404, b"not found", "text/plain")

            def _file(self, relative: str, compress: bool = False, cut: bool = False) -> None:
                relative = relative.split("?", 1)[0]
                path = (server.root / relative).resolve()
                if server.root.resolve() not in path.parents or not path.is_file():
                    self._send(404, b"not found", "text/plain")
                    return
                body = path.read_bytes()
                headers: dict[str, str] = {}
                status = 200
                ctype = "application/xml"
                if body.startswith(b"<!--"):
                    for name, value in _HEADER_LINE.findall(body[:2000]):
                        key, val = name.decode().lower(), value.decode(errors="replace")
                        val = val.replace("http://localhost:8097", server.base + "/files")
                        if key == "status":
                            status = int(val)
                        elif key == "content-type":
                            ctype = val
                        else:
                            headers[name.decode()] = val
                etag = '"' + hashlib.sha1(body, usedforsecurity=False).hexdigest()[:16] + '"'
                headers.setdefault("ETag", etag)
                headers.setdefault("Last-Modified", server.last_modified)
                if status == 200 and self.headers.get("If-None-Match") == headers["ETag"]:
                    self._send(304, b"", ctype, headers)
                    return
                if compress:
                    body = gzip.compress(body)
                    headers["Content-Encoding"] = "gzip"
                if cut:
                    body = body[: len(body) // 2]
                self._send(status, body if status != 304 else b"", ctype, headers)

        return Handler
