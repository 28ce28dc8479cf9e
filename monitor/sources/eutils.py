"""A small NCBI E-utilities client: esearch and efetch, done carefully.

Why not Bio.Entrez (kept as a dependency for the benchmark comparison):
it keeps its rate limit in a module global without a lock, so threads of one
process can exceed NCBI's limit; it has no per-request timeout; it does not
honour ``Retry-After`` and retries only some failures; and its base URL is a
module global, so one process cannot talk to NCBI and to a test emulator at
once.  This client sends the same parameters NCBI asks for (``tool``,
``email``, ``api_key``) through httpx and adds what scheduled, unattended
fetching needs:

* one rate limit per process (3 requests/s, 10 with an API key), shared by
  every client through :func:`monitor.sources.ratelimit.shared_limiter`;
* a timeout on every request;
* retries with exponential backoff and jitter on 429, 5xx, network errors and
  truncated bodies, honouring ``Retry-After``;
* E-utilities' own errors (``ERROR`` in a 200 body, ``ErrorList``,
  ``WarningList``) parsed into readable messages.
"""

from __future__ import annotations

import json
import logging
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from types import TracebackType
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import httpx

from monitor.errors import SourceError
from monitor.sources.ratelimit import RateLimiter, shared_limiter
from monitor.sources.retries import RETRY_STATUSES, Retry, retry_after, with_retries

if TYPE_CHECKING:
    from monitor.config import Settings

log = logging.getLogger(__name__)



class EutilsError(SourceError):
    """E-utilities could not answer (after retries, where retrying makes sense)."""


class RateLimited(EutilsError):
    """NCBI said 429 / "API rate limit exceeded" more times than we retry."""


class ServerError(EutilsError):
    """5xx from NCBI, after retries."""


class TransportError(EutilsError):
    """Network failure, timeout, or a truncated body, after retries."""


class QueryError(EutilsError):
    """E-utilities rejected the request itself (an ERROR body, a 4xx): not retried."""


@dataclass
class SearchResult:
    """One esearch answer."""

    count: int
    ids: list[str]
    webenv: str | None = None
    query_key: str | None = None
    query_translation: str = ""
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    retstart: int = 0
    retmax: int = 0


def _messages(block: Any) -> list[str]:
    """``{"phrasesnotfound": ["xyzzy"], ...}`` -> ``["PhraseNotFound: xyzzy"]``."""
    names = {
        "phrasesnotfound": "PhraseNotFound",
        "fieldsnotfound": "FieldNotFound",
        "phrasesignored": "PhraseIgnored",
        "quotedphrasesnotfound": "QuotedPhraseNotFound",
        "outputmessages": "OutputMessage",
    }
    out: list[str] = []
    if not isinstance(block, dict):
        return out
    for key, values in block.items():
        label = names.get(key.lower(), key)
        for value in values if isinstance(values, list) else [values]:
            if value not in (None, ""):
                out.append(f"{label}: {value}")
    return out


class EutilsClient:
    """E-utilities over httpx; use as a context manager."""

    def __init__(
        self,
        base_url: str,
        *,
        tool: str,
        email: str,
        api_key: str | None = None,
        timeout: float = 30.0,
        max_attempts: int = 5,
        limiter: RateLimiter | None = None,
        sleep: Callable[[float], None] = time.sleep,
        rng: random.Random | None = None,
    ) -> None:
        self.base_url = base_url if base_url.endswith("/") else base_url + "/"
        self.tool, self.email, self.api_key = tool, email, api_key
        self.max_attempts = max(1, max_attempts)
        host = urlsplit(self.base_url).netloc
        self.limiter = limiter or shared_limiter(host, 10.0 if api_key else 3.0)
        self._sleep = sleep
        self._rng = rng or random.Random()  # noqa: S311 - jitter, not cryptography
        self._http = httpx.Client(
            timeout=httpx.Timeout(timeout),
            headers={"User-Agent": f"{tool} (mailto:{email})"},
            follow_redirects=True,
        )
        self.requests = 0

    @classmethod
    def from_settings(cls, settings: Settings) -> EutilsClient:
        """The client as configured (``[ncbi]``, SCIMON_EUTILS_URL...): fetching and the
        query tools build it here, so they talk to NCBI (or the emulator) alike."""
        ncbi = settings.config.ncbi
        return cls(
            settings.eutils_url,
            tool=ncbi.tool,
            email=settings.ncbi_email,
            api_key=settings.ncbi_api_key,
            timeout=ncbi.timeout,
            max_attempts=ncbi.max_attempts,
        )

    # -- lifecycle -------------------------------------------------------------
    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> EutilsClient:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:  # fmt: skip
        self.close()

    # -- E-utilities -------------------------------------------------------------
    def esearch(
        self,
        term: str,
        *,
        datetype: str | None = None,
        mindate: str | None = None,
        maxdate: str | None = None,
        retmax: int = 9999,
        retstart: int = 0,
        usehistory: bool = True,
        db: str = "pubmed",
    ) -> SearchResult:
        params: dict[str, Any] = {
            "db": db, "term": term, "retmode": "json", "retmax": retmax, "retstart": retstart,
        }  # fmt: skip
        if usehistory:
            params["usehistory"] = "y"
        if datetype:
            params["datetype"] = datetype
        if mindate or maxdate:
            params["mindate"] = mindate or "1800/01/01"
            params["maxdate"] = maxdate or "3000/12/31"
        body = self._call("GET", "esearch.fcgi", params, self._check_json)
        data = json.loads(body)
        result = data.get("esearchresult") or {}
        if "ERROR" in result or "error" in data:
            raise QueryError(f"esearch: {result.get('ERROR') or data.get('error')}")
        errors = _messages(result.get("errorlist"))
        warnings = _messages(result.get("warninglist"))
        return SearchResult(
            count=int(result.get("count", 0)),
            ids=[str(i) for i in result.get("idlist", [])],
            webenv=result.get("webenv"),
            query_key=str(result["querykey"]) if result.get("querykey") else None,
            query_translation=result.get("querytranslation", ""),
            warnings=warnings,
            errors=errors,
            retstart=int(result.get("retstart", retstart)),
            retmax=int(result.get("retmax", retmax)),
        )

    def efetch_history(self, webenv: str, query_key: str, *, retstart: int, retmax: int) -> bytes:
        params = {
            "db": "pubmed", "retmode": "xml", "WebEnv": webenv, "query_key": query_key,
            "retstart": retstart, "retmax": retmax,
        }  # fmt: skip
        return self._call("GET", "efetch.fcgi", params, self._check_xml)

    def efetch_ids(self, ids: Sequence[str]) -> bytes:
        """Records by PMID, POSTed: a long id list does not fit in a URL."""
        if not ids:
            return b"<?xml version='1.0'?><PubmedArticleSet></PubmedArticleSet>"
        data = {"db": "pubmed", "retmode": "xml", "id": ",".join(ids)}
        return self._call("POST", "efetch.fcgi", data, self._check_xml)

    # -- plumbing --------------------------------------------------------------------
    def _check_json(self, body: bytes) -> None:
        try:
            data = json.loads(body)
        except ValueError as exc:
            raise Retry(TransportError(f"unreadable JSON ({len(body)} bytes)")) from exc
        if isinstance(data, dict) and "rate limit" in str(data.get("error", "")).lower():
            raise Retry(RateLimited(f"NCBI: {data['error']}"))

    def _check_xml(self, body: bytes) -> None:
        head = body[:300].lstrip()
        if head.startswith(b"{"):
            try:
                error = str(json.loads(body).get("error", ""))
            except ValueError:
                error = ""
            if "rate limit" in error.lower():
                raise Retry(RateLimited(f"NCBI: {error}"))
            raise QueryError(f"efetch: {error or body[:200]!r}")
        tail = body[-200:].rstrip()
        if b"<ERROR>" in body[:2000] and b"PubmedArticle>" not in body[:5000]:
            raise QueryError(f"efetch: {body[:300].decode(errors='replace')}")
        if not tail.endswith((b"</PubmedArticleSet>", b"<PubmedArticleSet/>")):
            raise Retry(TransportError(f"truncated efetch body ({len(body)} bytes)"))

    def _call(
        self,
        method: str,
        path: str,
        params: dict[str, Any],
        check: Callable[[bytes], None] | None,
    ) -> bytes:
        params = {**params, "tool": self.tool, "email": self.email}
        if self.api_key:
            params["api_key"] = self.api_key
        url = self.base_url + path

        def attempt_once() -> bytes:
            try:
                if method == "GET":
                    response = self._http.get(url, params=params)
                else:
                    response = self._http.post(url, data=params)
            except httpx.TimeoutException as exc:
                raise Retry(TransportError(f"{path}: timed out ({exc})")) from exc
            except httpx.TransportError as exc:
                raise Retry(TransportError(f"{path}: {type(exc).__name__}: {exc}")) from exc
            status = response.status_code
            wait = retry_after(response.headers.get("Retry-After"))
            if status == 429:
                raise Retry(RateLimited(f"{path}: HTTP 429 {response.text[:200]}"), wait)
            if status in RETRY_STATUSES:
                raise Retry(ServerError(f"{path}: HTTP {status}"), wait)
            if status >= 400:
                raise QueryError(f"{path}: HTTP {status}: {response.text[:300]}")
            body = response.content
            if check is not None:
                check(body)
            return body

        return with_retries(
            attempt_once, max_attempts=self.max_attempts, before_each=self._before_request,
            sleep=self._sleep, rng=self._rng, what=f"eutils {path}",
        )  # fmt: skip

    def _before_request(self) -> None:
        self.limiter.acquire()
        self.requests += 1
