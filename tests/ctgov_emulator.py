"""A loopback ClinicalTrials.gov API v2 emulator: ``/api/v2/studies`` with page tokens.

No recorded v2 *search* page exists (../shared/corpus/clinicaltrials/SOURCES.md),
so pages are built from the recorded single-study answers in the documented
v2 page shape: ``{"studies": [...], "nextPageToken": "...", "totalCount": n}``
(``totalCount`` only with ``countTotal=true``; no ``nextPageToken`` on the
last page).  It understands ``query.cond`` (OR'ed terms matched against the
conditions, keywords and titles), ``filter.advanced``
``AREA[LastUpdatePostDate]RANGE[from,MAX]``, ``pageSize`` and ``pageToken``;
any other parameter gets the real 400 answer, a bare sentence
("`filter.phase` is unknown parameter").  Faults on demand: 429, 5xx, a body
cut short, and a page token that has expired (a 400 for a token it issued).
"""

from __future__ import annotations

import argparse
import copy
import gzip
import json
import re
import threading
import uuid
from collections.abc import Iterable
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.loopback import LoopbackServer, QuietHandler

KNOWN = {"format", "query.cond", "query.term", "filter.advanced", "pageSize", "pageToken",
         "countTotal"}  # fmt: skip
_RANGE = re.compile(r"AREA\[LastUpdatePostDate\]RANGE\[(\d{4}-\d{2}-\d{2}),MAX\]")
# our wording: no recorded answer to an expired token exists
EXPIRED_BODY = "`pageToken` is expired or invalid"


def recorded_studies() -> list[dict[str, Any]]:
    """Every recorded v2 single-study answer (skips the calling test when absent)."""
    from tests.corpus import corpus_path

    base = corpus_path("clinicaltrials")
    files = sorted((base / "aact" / "v2").iterdir()) + sorted(
        (base / "py_load_clinicaltrialsgov").iterdir()
    )
    return [_load(f) for f in files if f.name.startswith("NCT")]


def recorded_study(nct: str) -> dict[str, Any]:
    return next(s for s in recorded_studies() if nct_of(s) == nct)


def _load(path: Path) -> dict[str, Any]:
    raw = path.read_bytes()
    data: dict[str, Any] = json.loads(gzip.decompress(raw) if path.suffix == ".gz" else raw)
    return data


def nct_of(study: dict[str, Any]) -> str:
    return str(study["protocolSection"]["identificationModule"]["nctId"])


def variant(
    study: dict[str, Any], nct: str, *, conditions: Iterable[str] = ("Spinal Cord Injuries",),
    updated: str | None = None, status: str | None = None,
) -> dict[str, Any]:  # fmt: skip
    """A copy of a recorded study under another NCT id (for pages of many studies)."""
    out = copy.deepcopy(study)
    protocol = out["protocolSection"]
    protocol["identificationModule"]["nctId"] = nct
    protocol["identificationModule"]["briefTitle"] += f" ({nct})"
    protocol.setdefault("conditionsModule", {})["conditions"] = list(conditions)
    if updated:
        protocol["statusModule"]["lastUpdatePostDateStruct"] = {"date": updated, "type": "ACTUAL"}
    if status:
        protocol["statusModule"]["overallStatus"] = status
    return out


def _moved(text: str, days: int) -> str:
    """A registry date (``YYYY-MM-DD`` or ``YYYY-MM``) ``days`` later, in its own precision."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return (date.fromisoformat(text) + timedelta(days=days)).isoformat()
    if re.fullmatch(r"\d{4}-\d{2}", text):
        return (date.fromisoformat(text + "-01") + timedelta(days=days)).isoformat()[:7]
    return text


def shifted(study: dict[str, Any], updated: date) -> dict[str, Any]:
    """A copy of ``study`` last updated on ``updated``: every date of its status module
    (start, completion, first posted, results, last update) moved by the same days."""
    out = copy.deepcopy(study)
    status = out["protocolSection"]["statusModule"]
    last = date.fromisoformat(status["lastUpdatePostDateStruct"]["date"])
    days = (updated - last).days
    for key, value in status.items():
        if isinstance(value, str) and key.endswith("Date"):
            status[key] = _moved(value, days)
        elif isinstance(value, dict) and key.endswith("DateStruct") and "date" in value:
            value["date"] = _moved(value["date"], days)
    return out


def demo_studies(day: date) -> list[dict[str, Any]]:
    """The recorded studies as SCI trials updated in the weeks before ``day`` (one every 3
    days), for the README's offline walkthrough: as recorded none is an SCI trial and all
    but one were last updated before the shipped first-run window (``initial_days``), so
    a first `scimon fetch --source trials` against them stored nothing.  The dates move
    here, in the emulator; scimon's own code never shifts a date."""
    out = []
    for i, study in enumerate(recorded_studies()):
        moved = shifted(study, day - timedelta(days=3 * i + 1))
        moved["protocolSection"].setdefault("conditionsModule", {})["conditions"] = [
            "Spinal Cord Injuries"
        ]
        out.append(moved)
    return out


class CtgovEmulator(LoopbackServer):
    def __init__(self, studies: Iterable[dict[str, Any]] = (), port: int = 0) -> None:
        self.studies: dict[str, dict[str, Any]] = {}
        for study in studies:
            self.put(study)
        self.requests: list[dict[str, str]] = []
        self.known = set(KNOWN)  # a test removes one to get the real 400 answer
        self._tokens: dict[str, int] = {}
        self._faults: list[tuple[str, int]] = []
        self._lock = threading.Lock()
        super().__init__(self._handler(), port)

    @property
    def url(self) -> str:
        return self.base + "/api/v2"

    def put(self, study: dict[str, Any]) -> None:
        """Add or replace a study (a registry update)."""
        self.studies[nct_of(study)] = study

    def inject(self, kind: str, *, times: int = 1, after: int = 0) -> None:
        """``kind``: 429, 500, 503, truncated, or expired (the next request with a token)."""
        with self._lock:
            self._faults.extend((kind, after) for _ in range(times))

    def clear_faults(self) -> None:
        with self._lock:
            self._faults.clear()

    def _take_fault(self, has_token: bool) -> str | None:
        with self._lock:
            if not self._faults:
                return None
            kind, after = self._faults[0]
            if kind == "expired" and not has_token:
                return None
            if after > 0:
                self._faults = [(k, a - 1) for k, a in self._faults]
                return None
            self._faults.pop(0)
            return kind

    def _matches(self, study: dict[str, Any], params: dict[str, str]) -> bool:
        protocol = study["protocolSection"]
        cond = params.get("query.cond")
        if cond:
            terms = [t.strip().strip('"').lower() for t in cond.split(" OR ")]
            text = " | ".join(
                protocol.get("conditionsModule", {}).get("conditions", [])
                + protocol.get("conditionsModule", {}).get("keywords", [])
                + [protocol["identificationModule"].get("briefTitle", "")]
            ).lower()
            if not any(t in text for t in terms):
                return False
        advanced = params.get("filter.advanced")
        if advanced:
            match = _RANGE.fullmatch(advanced)
            if match is None:
                raise LookupError(f"`filter.advanced` could not be parsed: {advanced}")
            posted = protocol["statusModule"].get("lastUpdatePostDateStruct", {}).get("date", "")
            if posted < match.group(1):
                return False
        return True

    def answer(self, params: dict[str, str]) -> dict[str, Any]:
        unknown = sorted(set(params) - self.known)
        if unknown:
            raise LookupError(f"`{unknown[0]}` is unknown parameter")
        found = [s for _, s in sorted(self.studies.items()) if self._matches(s, params)]
        size = min(int(params.get("pageSize", "10")), 1000)
        token = params.get("pageToken")
        offset = 0
        if token:
            if token not in self._tokens:
                raise LookupError(EXPIRED_BODY)
            offset = self._tokens[token]
        out: dict[str, Any] = {"studies": found[offset : offset + size]}
        if offset + size < len(found):
            nxt = uuid.uuid4().hex
            self._tokens[nxt] = offset + size
            out["nextPageToken"] = nxt
        if params.get("countTotal") == "true":
            out["totalCount"] = len(found)
        return out

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        emu = self

        class Handler(QuietHandler):
            def do_GET(self) -> None:
                url = urlsplit(self.path)
                params = {k: v[0] for k, v in parse_qs(url.query).items()}
                emu.requests.append(params)
                if url.path != "/api/v2/studies":
                    self._send(404, b"Not Found", "text/plain")
                    return
                fault = emu._take_fault("pageToken" in params)
                if fault == "429":
                    self._send(429, b"Too Many Requests", "text/plain", {"Retry-After": "0"})
                    return
                if fault in ("500", "502", "503"):
                    self._send(int(fault), b"Service Unavailable", "text/plain")
                    return
                if fault == "expired":
                    emu._tokens.clear()
                try:
                    body = json.dumps(emu.answer(params)).encode()
                except LookupError as exc:
                    self._send(400, str(exc.args[0]).encode(), "text/plain")
                    return
                if fault == "truncated":
                    body = body[: len(body) // 2]
                self._send(200, body, "application/json")

        return Handler


def main(argv: list[str] | None = None) -> None:
    """``python -m tests.ctgov_emulator --port 8766 --demo``: the README's offline trials."""
    parser = argparse.ArgumentParser(description="Serve recorded studies as ClinicalTrials.gov API v2.")
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument(
        "--demo", action="store_true",
        help="each recorded study as an SCI trial updated in the past weeks (see demo_studies)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    studies = demo_studies(date.today()) if args.demo else recorded_studies()
    emu = CtgovEmulator(studies, port=args.port)
    print(f"{len(emu.studies)} studies at {emu.url}", flush=True)
    emu.serve_forever()


if __name__ == "__main__":
    main()
