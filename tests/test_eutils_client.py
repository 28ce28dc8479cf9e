"""EutilsClient against the loopback emulator: retries, errors, rate limit."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest

from monitor.parse.pubmed import parse_pubmed_bytes
from monitor.sources.eutils import (
    EutilsClient,
    QueryError,
    RateLimited,
    ServerError,
    TransportError,
)
from monitor.sources.ratelimit import RateLimiter, shared_limiter
from monitor.sources.retries import retry_after
from tests.eutils_emulator import EutilsEmulator, build_article

TODAY = date(2026, 11, 24)


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


@pytest.fixture
def emu() -> Iterator[EutilsEmulator]:
    with EutilsEmulator([], today=TODAY) as server:
        for i in range(30):
            title = f"Spinal cord injury rehabilitation study {i}"
            if i % 3 == 0:
                title = f"Tetraplegia and hand function {i}"
            server.add_record(
                build_article(str(500 + i), title=title, edat=TODAY - timedelta(days=i))
            )
        yield server


def client(emu: EutilsEmulator, **kw: object) -> tuple[EutilsClient, list[float]]:
    waits: list[float] = []
    kw.setdefault("limiter", RateLimiter(1000.0))
    made = EutilsClient(
        emu.url, tool="scimon-test", email="t@example.org", timeout=1.0,
        sleep=waits.append, **kw,  # type: ignore[arg-type]
    )  # fmt: skip
    return made, waits


def test_esearch_with_history_and_dates_then_efetch_pages(emu: EutilsEmulator) -> None:
    c, _ = client(emu)
    with c:
        result = c.esearch(
            '"spinal cord injur*"[tiab] OR tetrapleg*[tiab]', datetype="edat",
            mindate=(TODAY - timedelta(days=9)).strftime("%Y/%m/%d"),
            maxdate=TODAY.strftime("%Y/%m/%d"),
        )  # fmt: skip
        assert result.count == 10
        assert result.ids == [str(509 - i) for i in range(10)]
        assert result.webenv and result.query_key
        page = c.efetch_history(result.webenv, result.query_key, retstart=5, retmax=5)
        pmids = [r.pmid for r in parse_pubmed_bytes(page, source_name="t")]  # type: ignore[union-attr]
        assert pmids == ["504", "503", "502", "501", "500"]
        by_id = parse_pubmed_bytes(c.efetch_ids(["501", "520"]), source_name="t")
        assert sorted(r.pmid for r in by_id) == ["501", "520"]  # type: ignore[union-attr]
    # every request identifies the tool; id lists are POSTed
    assert all(
        p["tool"] == "scimon-test" and p["email"] == "t@example.org" for _, p in emu.requests
    )
    assert emu.requests[-1][1]["id"] == "501,520"


def test_warnings_and_errors_are_parsed(emu: EutilsEmulator) -> None:
    c, _ = client(emu)
    with c:
        quoted = c.esearch('"xyzzy plugh"[tiab] OR tetrapleg*[tiab]', usehistory=False)
        assert quoted.count == 10
        assert quoted.warnings == ["QuotedPhraseNotFound: xyzzy plugh"]
        unknown = c.esearch("tetraplegia[nosuchfield]", usehistory=False)
        assert unknown.count == 0 and unknown.errors == ["FieldNotFound: nosuchfield"]
        nothing = c.esearch("quuxfoo[tiab]", usehistory=False)
        assert nothing.count == 0 and nothing.errors == ["PhraseNotFound: quuxfoo"]
        with pytest.raises(QueryError, match="unbalanced"):
            c.esearch("(spinal[tiab]", usehistory=False)


@pytest.mark.parametrize(
    ("fault", "error"),
    [("429", RateLimited), ("503", ServerError), ("500", ServerError),
     ("reset", TransportError), ("truncated", TransportError), ("timeout", TransportError)],
)  # fmt: skip
def test_faults_are_retried_then_succeed(
    emu: EutilsEmulator, fault: str, error: type[Exception]
) -> None:
    emu.timeout_delay = 1.5
    c, waits = client(emu, max_attempts=3)
    emu.inject(fault, path="efetch", times=2)
    with c:
        body = c.efetch_ids(["500", "501"])
    assert len(parse_pubmed_bytes(body, source_name="t")) == 2
    assert len(waits) == 2 and c.requests == 3
    if fault == "429":
        assert waits == [1.0, 1.0]  # NCBI's Retry-After: 1 is honoured


@pytest.mark.parametrize(
    ("fault", "error"), [("429", RateLimited), ("502", ServerError), ("reset", TransportError)]
)
def test_exhausted_retries_raise_the_right_error(
    emu: EutilsEmulator, fault: str, error: type[Exception]
) -> None:
    c, waits = client(emu, max_attempts=3)
    emu.inject(fault, path="efetch", times=10)
    with c, pytest.raises(error, match="gave up after 3 attempts"):
        c.efetch_ids(["500"])
    assert len(waits) == 2


def test_backoff_grows_with_jitter(emu: EutilsEmulator) -> None:
    import random

    c, waits = client(emu, max_attempts=4, rng=random.Random(7))
    emu.inject("503", path="esearch", times=3)
    with c:
        c.esearch("tetrapleg*[tiab]", usehistory=False)
    assert len(waits) == 3
    for attempt, wait in enumerate(waits, start=1):
        full = 2 ** (attempt - 1)
        assert full / 2 <= wait <= full


def test_error_in_200_body_is_not_retried(emu: EutilsEmulator) -> None:
    c, waits = client(emu)
    emu.inject("error200", path="esearch")
    with c, pytest.raises(QueryError, match="Search Backend failed"):
        c.esearch("tetrapleg*[tiab]")
    assert waits == [] and c.requests == 1


def test_retry_after_forms() -> None:
    now = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
    assert retry_after("3") == 3.0
    assert retry_after("Tue, 24 Nov 2026 12:00:05 GMT", now) == 5.0
    assert retry_after("garbage") is None and retry_after(None) is None


def test_limiter_spaces_calls_without_real_sleep() -> None:
    clock = FakeClock()
    limiter = RateLimiter(3.0, clock=clock, sleep=clock.sleep)
    for _ in range(7):
        limiter.acquire()
    assert clock.now == pytest.approx(2.0)  # 7 calls at 3/s span 2 s


def test_one_limiter_per_host_and_rate() -> None:
    assert shared_limiter("eutils.example", 3.0) is shared_limiter("eutils.example", 3.0)
    assert shared_limiter("eutils.example", 3.0) is not shared_limiter("eutils.example", 10.0)


@pytest.mark.slow
def test_real_rate_is_three_per_second_across_threads(emu: EutilsEmulator) -> None:
    """Two clients in two threads share one budget: 12 requests take >= ~3.7 s."""
    # the slot the limiter gives each call is its clock reading (taken under its lock) plus
    # the wait it returns: read it per thread, so the slots are judged, not the wake-ups
    seen = threading.local()

    def clock() -> float:
        seen.now = time.monotonic()
        return float(seen.now)

    limiter = RateLimiter(3.0, clock=clock)
    slots: list[float] = []
    granted: list[tuple[float, float]] = []
    acquire = limiter.acquire

    def timed_acquire() -> float:
        waited = acquire()
        slot = seen.now + waited
        slots.append(slot)
        granted.append((slot, time.monotonic()))
        return waited

    limiter.acquire = timed_acquire  # type: ignore[method-assign]
    clients = [client(emu, limiter=limiter)[0] for _ in range(2)]
    emu.request_times.clear()

    def work(c: EutilsClient) -> None:
        for _ in range(6):
            c.esearch("tetrapleg*[tiab]", usehistory=False)

    start = time.monotonic()
    threads = [threading.Thread(target=work, args=(c,)) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - start
    for c in clients:
        c.close()
    assert elapsed >= 11 / 3 - 0.05
    assert len(emu.request_times) == 12
    # no window of one second ever held more than 3 slots, and no call went before its slot.
    # Judged on the limiter's slots: when a thread wakes after its sleep adds the scheduler's
    # jitter (CI saw 0.976 s between loopback arrivals at load 20, and 0.974 s between
    # wake-ups at load 70), which can only delay a request, never send one early
    times = sorted(slots)
    assert len(times) == 12
    for i in range(len(times) - 3):
        assert times[i + 3] - times[i] >= 1.0 - 1e-6
    assert all(woke >= slot for slot, woke in granted)


# A query mixing every shape the evaluator reads: tags, phrases, truncation, NOT, parentheses.
INDEX_QUERIES = [
    '"Spinal Cord Injuries"[Mesh] OR "spinal cord injur*"[tiab] OR tetrapleg*[tiab]',
    "spinal cord injury rehabilitation",
    '(hand function[tiab] OR "tetraplegia"[ti]) NOT study[ti]',
    "Journal Article[pt] AND injur*",
    "rat* AND (cord OR nerve*)",
    "e.g. spinal-cord",
    '"Humans"[mh] AND spin*cord',
    "istanbul AND kelvin[ti]",
]


def test_term_index_gives_the_same_hits_as_a_full_scan() -> None:
    """The index only narrows which records the regex runs on; results must not move."""
    from tests.eutils_emulator import _Eval

    with EutilsEmulator(today=TODAY) as server:
        server.add_record(build_article("900001", title="Spinal-cord injury in rats: e.g. a model"))
        server.add_record(build_article("900002", title="Tetraplegia and hand function"))
        # re.I matches "istanbul" to "İstanbul" and "kelvin" to the Kelvin sign's "\u212aelvin"
        server.add_record(build_article("900003", title="An \u0130stanbul cohort at \u212aelvin"))
        server.remove("900001")
        server.add_record(build_article("900001", title="Spinal-cord injury in rats: e.g. a model"))
        for query in INDEX_QUERIES:
            indexed = _Eval(server.records, server.index).search(query)
            scanned = _Eval(server.records).search(query)
            assert indexed == scanned, query
        assert "900001" in _Eval(server.records, server.index).search("rats spinal-cord")
        assert _Eval(server.records, server.index).search("istanbul AND kelvin[ti]") == {"900003"}
        # the index narrows: a rare word's candidates are a handful, not every record
        pool = server.index.candidates("tetraplegia", "ti")
        assert pool is not None and 0 < len(pool) < len(server.records)
        server.remove("900002")
        assert "900002" not in _Eval(server.records, server.index).search("tetraplegia[ti]")


def test_words_before_a_field_tag_form_one_phrase(emu: EutilsEmulator) -> None:
    """PubMed reads `spinal cord injuries[mesh]` as "spinal cord injuries"[mesh]."""
    emu.add_record(
        build_article("800", title="A cohort", mesh=("Spinal Cord Injuries", "Humans"))
    )
    emu.add_record(build_article("801", title="Spinal cord", mesh=("Injuries",)))
    result = emu.esearch({"term": "spinal cord injuries[mesh]", "retmax": "50"})["esearchresult"]
    assert result["idlist"] == ["800"]
    assert result["querytranslation"] == '"spinal cord injuries"[mesh]'
    # operators and parentheses still end the phrase
    result = emu.esearch({"term": "tetraplegia AND hand function[tiab]"})["esearchresult"]
    assert result["querytranslation"] == '"tetraplegia"[all fields] AND "hand function"[tiab]'
    assert len(result["idlist"]) == 10


def test_the_translation_keeps_the_query_s_operators(emu: EutilsEmulator) -> None:
    """Smoke test, session 18 (smoke19): the emulator joined every term with AND, so the
    README's `scimon queries check` against it showed the SCI query, an OR of synonyms, as
    '"Spinal Cord Injuries"[mesh] AND "Central Cord Syndrome"[mesh] AND ...'."""
    term = '(spinal cord injuries[mesh] OR tetrapleg*[tiab]) AND (gait[tiab] NOT rat[ti])'
    result = emu.esearch({"term": term})["esearchresult"]
    assert result["querytranslation"] == (
        '("spinal cord injuries"[mesh] OR "tetrapleg*"[tiab]) AND ("gait"[tiab] NOT "rat"[ti])'
    )
    result = emu.esearch({"term": "tetraplegia hand"})["esearchresult"]  # implicit AND
    assert result["querytranslation"] == '"tetraplegia"[all fields] AND "hand"[all fields]'
