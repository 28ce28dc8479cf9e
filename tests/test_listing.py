"""``scimon papers list`` reads through Core (storage.listing) exactly what the ORM reads.

The listing declares its own ``Table`` objects so that it needs neither the
ORM nor the models (issue 23, light commands).  Two things could drift: a
column declared differently from its model, and rows that differ from what
the ORM loads.  Both are checked here, on SQLite and on PostgreSQL when
``SCIMON_TEST_DATABASE_URL`` is set; the CLI's text and JSON output is
compared with what the ORM objects render to (the path before this change).

The command itself runs :mod:`storage.listed`'s statements on a plain driver
connection (:mod:`storage.dbapi`, no SQLAlchemy): those rows and counts are
checked against the Core path's for every filter, and the fallbacks (a URL the
plain path does not take, a schema not at the head) against what Core did.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from monitor.cli import cli
from monitor.cli.common import table
from monitor.cli.papers import paper_summary, triage_summary
from storage import dbapi, listed, listing
from storage.listing import PaperFilters, count_listed, list_papers
from storage.models import Paper, PaperTriage

NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)
DESIGNS = ("rct", "observational", "case_report", "animal")


@pytest.mark.parametrize(
    ("core", "model"), [(listing.paper, Paper), (listing.paper_triage, PaperTriage)]
)
def test_every_listed_column_is_declared_as_on_its_model(core: Any, model: Any) -> None:
    """Same table, and per column the same type (so the same Python values come back)."""
    table_of_model = model.__table__
    assert core.name == table_of_model.name
    for column in core.columns:
        assert column.name in table_of_model.c, f"{core.name}.{column.name} is not on the model"
        assert repr(column.type) == repr(table_of_model.c[column.name].type), column.name
    if core.name == "paper_triage":  # --json prints every triage column
        assert set(core.c.keys()) == set(table_of_model.c.keys())


def _seed(session: Session) -> None:
    """Papers with every shape the listing meets: untriaged, deleted, notices, NULLs, ties."""
    for n in range(1, 41):
        seen = NOW - timedelta(days=n // 3)  # three papers per instant: ties broken by id
        session.add(Paper(
            id=n, doi=f"10.1000/list.{n}" if n % 4 else None,
            pmid=str(5000 + n) if n % 5 else None, title=f"Spinal cord injury paper {n} " * 4,
            journal="Spinal Cord", published_on=date(2026, 1, 1 + n % 28) if n % 3 else None,
            pub_date_text="2026", citation_status=None if n % 2 else "MEDLINE",
            content_source="pubmed", record_hash=f"{n:040d}", first_seen_at=seen,
            first_source="pubmed:sci", updated_at=seen,
            deleted_at=NOW if n % 13 == 0 else None,
        ))  # fmt: skip
        if n % 7 == 0:
            continue  # not triaged
        session.add(PaperTriage(
            paper_id=n, design=DESIGNS[n % 4], evidence_rank=n % 10,
            population="human" if n % 2 else "animal",
            participants_n=n * 10 if n % 3 else None,
            participants_unit="patients" if n % 3 else None,
            relevance="core" if n % 3 else "related",
            topics=["pain", "bladder_bowel_sexual"][: n % 3], is_notice=n % 11 == 0,
            reasons={"design": [f"title: 'trial {n}'"]}, rules_version="v1",
            priority=float(n), design_confidence=None if n % 6 == 0 else (n % 10) / 10,
            confidence={"rct": 0.5} if n % 2 else {}, triaged_at=NOW,
        ))  # fmt: skip


def _expected(session: Session, f: PaperFilters) -> list[tuple[Paper, PaperTriage | None]]:
    """The listing worked out in Python from ORM objects: an oracle independent of the SQL."""
    triages = {t.paper_id: t for t in session.scalars(select(PaperTriage))}
    checks: list[Callable[[Paper, PaperTriage | None], bool]] = [
        lambda p, _t: f.since is None or p.first_seen_at >= f.since,
        lambda p, _t: f.include_deleted or p.deleted_at is None,
        lambda _p, t: not f.designs or (t is not None and t.design in f.designs),
        lambda _p, t: not f.populations or (t is not None and t.population in f.populations),
        lambda _p, t: not f.relevance or (t is not None and t.relevance in f.relevance),
        lambda _p, t: not f.topics or (t is not None and bool(set(t.topics) & set(f.topics))),
        lambda _p, t: f.min_evidence is None or (t is not None and t.evidence_rank >= f.min_evidence),
        lambda _p, t: f.min_participants is None
        or (t is not None and (t.participants_n or 0) >= f.min_participants),
        lambda _p, t: f.min_confidence is None
        or (t is not None and (t.design_confidence or -1) >= f.min_confidence),
        lambda _p, t: f.notices == "include"
        or (f.notices == "only") == (t is not None and t.is_notice),
    ]  # fmt: skip
    rows = [(p, triages.get(p.id)) for p in session.scalars(select(Paper))]
    rows = [(p, t) for p, t in rows if all(check(p, t) for check in checks)]
    return sorted(rows, key=lambda row: (row[0].first_seen_at, row[0].id), reverse=True)


FILTERS = [
    PaperFilters(),
    PaperFilters(include_deleted=True),
    PaperFilters(since=NOW - timedelta(days=5)),
    PaperFilters(designs=("rct", "animal"), populations=("human",)),
    PaperFilters(relevance=("related",), topics=("pain",)),
    PaperFilters(min_evidence=5, min_participants=100),
    PaperFilters(min_confidence=0.5),
    PaperFilters(notices="only"),
    PaperFilters(notices="exclude"),
]


@pytest.fixture
def seeded(engine: Engine, session_factory: sessionmaker[Session]) -> Engine:
    with session_factory.begin() as session:
        _seed(session)
    return engine


@pytest.mark.parametrize("filters", FILTERS, ids=repr)
def test_core_rows_equal_the_orm_objects(
    seeded: Engine, session_factory: sessionmaker[Session], filters: PaperFilters
) -> None:
    with session_factory() as session, seeded.connect() as conn:
        expected = _expected(session, filters)
        assert count_listed(conn, filters) == len(expected)
        for limit, offset in ((50, 0), (7, 0), (7, 5)):
            rows = list_papers(conn, filters, limit=limit, offset=offset)
            want = expected[offset : offset + limit]
            assert [p.id for p, _t in rows] == [p.id for p, _t in want]
            for (got, got_triage), (paper, triage) in zip(rows, want, strict=True):
                assert paper_summary(got) == paper_summary(paper)
                assert triage_summary(got_triage) == triage_summary(triage)


def test_cli_prints_what_the_orm_objects_render_to(
    seeded: Engine, session_factory: sessionmaker[Session], database_url: str
) -> None:
    """Text and JSON of ``papers list`` as the ORM path printed them, the 'more' line too."""
    env = {"SCIMON_DATABASE_URL": database_url}
    runner = CliRunner()
    as_json = runner.invoke(cli, ["papers", "list", "--json", "--limit", "12"], env=env)
    as_text = runner.invoke(cli, ["papers", "list", "--limit", "12", "--design", "rct"], env=env)
    assert as_json.exit_code == 0 and as_text.exit_code == 0, as_json.output + as_text.output
    with session_factory() as session:
        rows = _expected(session, PaperFilters())[:12]
        data = [{**paper_summary(p), "triage": triage_summary(t)} for p, t in rows]
        assert json.loads(as_json.stdout) == json.loads(json.dumps(data, default=_iso))
        rct = _expected(session, PaperFilters(designs=("rct",)))
    cells = [
        (f"{p.first_seen_at:%Y-%m-%d}", p.doi or (f"pmid:{p.pmid}" if p.pmid else f"#{p.id}"),
         f"{t.design}/{t.relevance}" if t else "not triaged", p.title[:80])
        for p, t in rct[:12]
    ]  # fmt: skip
    lines = table(("first seen", "doi/pmid", "triage", "title"), cells)
    if len(rct) > 12:
        lines.append(f"{len(rct) - 12:,} more (use --limit or --offset)")
    assert as_text.stdout.splitlines() == lines


def _iso(value: Any) -> Any:
    return value.isoformat()


@pytest.mark.parametrize("filters", FILTERS, ids=repr)
def test_plain_driver_rows_equal_the_core_rows(seeded: Engine, database_url: str,
                                               filters: PaperFilters) -> None:  # fmt: skip
    """Same records (values and their Python types) and capped counts, without SQLAlchemy."""
    plain = dbapi.connect(database_url)
    assert plain is not None, "the test database's URL is a plain one: the fast path must take it"
    try:
        with seeded.connect() as conn:
            for limit, offset in ((50, 0), (7, 0), (7, 5), (3, 30), (5, 100)):
                core_rows = list_papers(conn, filters, limit=limit, offset=offset)
                plain_rows = listed.list_papers(plain, filters, limit=limit, offset=offset)
                assert plain_rows == core_rows
                for (p1, t1), (p2, t2) in zip(plain_rows, core_rows, strict=True):
                    assert [type(v) for v in _values(p1, t1)] == [type(v) for v in _values(p2, t2)]
            for cap in (0, 3, 10, 100):
                assert listed.count_listed(plain, filters, cap=cap) == count_listed(
                    conn, filters, cap=cap
                )
    finally:
        plain.close()


def _values(paper: Any, triage: Any) -> list[Any]:
    values = [getattr(paper, name) for name in listed.PAPER_FIELDS]
    if triage is not None:
        values += [getattr(triage, name) for name in listed.TRIAGE_FIELDS]
    return values


def test_since_compares_as_core_binds_it_across_time_zones(seeded: Engine, database_url: str) -> None:
    """A ``since`` given in another zone, between stored instants: the same papers."""
    from datetime import timezone

    plain = dbapi.connect(database_url)
    assert plain is not None
    try:
        with seeded.connect() as conn:
            for hours in (-3, 0, 1, 11, 12, 13):
                since = (NOW - timedelta(days=4, hours=hours)).astimezone(timezone(timedelta(hours=5)))
                f = PaperFilters(since=since)
                assert listed.list_papers(plain, f) == list_papers(conn, f)
            # years before 1000 bound as SQLAlchemy writes them ("0999-..."): "999-..."
            # would sort, as text, after every stored "2026-..." and list nothing
            for year in (999, 1):
                f = PaperFilters(since=datetime(year, 1, 2, tzinfo=UTC))
                rows = list_papers(conn, f, limit=1000)
                assert rows
                assert listed.list_papers(plain, f, limit=1000) == rows
                assert listed.count_listed(plain, f, cap=1000) == len(rows)
    finally:
        plain.close()


def test_a_naive_since_is_refused_as_the_column_type_refuses_it(
    seeded: Engine, database_url: str
) -> None:
    """A naive ``since`` is an error on both paths, not read as local time by one of them."""
    plain = dbapi.connect(database_url)
    assert plain is not None
    f = PaperFilters(since=datetime(2026, 1, 1))  # naive on purpose
    try:
        with seeded.connect() as conn, pytest.raises(Exception, match="naive datetime") as core:
            list_papers(conn, f)
        assert isinstance(core.value.__cause__ or core.value, ValueError)
        for read in (
            lambda: listed.list_papers(plain, f),
            lambda: listed.count_listed(plain, f, cap=1),
        ):
            with pytest.raises(ValueError, match=r"naive datetime .* given for a UTC column"):
                read()
    finally:
        plain.close()


@pytest.mark.parametrize(
    ("url", "plain"),
    [
        ("sqlite:////tmp/x.db", "/tmp/x.db"),
        ("sqlite:///rel/x.db", "rel/x.db"),
        ("sqlite+pysqlite:////tmp/x.db", "/tmp/x.db"),
        ("sqlite://", None),
        ("sqlite:///:memory:", None),
        ("sqlite:///file:x.db?mode=ro&uri=true", None),
        ("sqlite:////tmp/a%20b.db", None),
        ("postgresql://u@h/db", None),
    ],
)
def test_sqlite_file_is_sqlalchemys_answer(url: str, plain: str | None) -> None:
    """The light URL reading agrees with SQLAlchemy's parser, or leaves the URL to it."""
    from storage.session import sqlite_file

    assert dbapi._plain_sqlite_path(url) == plain
    assert dbapi.sqlite_file(url) == sqlite_file(url)


def test_urls_the_plain_path_does_not_take_still_list(seeded: Engine, database_url: str) -> None:
    """A URL with options goes through Core, and lists the same as the plain path."""
    runner = CliRunner()
    options = "?connect_timeout=10" if database_url.startswith("postgresql") else "?timeout=20"
    assert dbapi.connect(database_url + options) is None
    outputs = [
        runner.invoke(cli, ["papers", "list", "--limit", "9"], env={"SCIMON_DATABASE_URL": url})
        for url in (database_url, database_url + options)
    ]
    assert outputs[0].exit_code == 0 and outputs[1].exit_code == 0, outputs[1].output
    assert outputs[0].stdout == outputs[1].stdout
    assert len(outputs[0].stdout.splitlines()) == 11  # header, 9 rows, "more"


def test_a_postgresql_server_not_reached_is_tried_once_and_reported_as_core_does(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Connection refused: Core's error, word for word, without a second connection attempt.

    An unreachable host costs a TCP timeout per attempt, and Core would fail
    the same way with the same parameters.
    """
    import psycopg

    from storage.session import make_engine

    url = "postgresql://postgres@127.0.0.1:1/scimon_nowhere"  # port 1: refused at once
    with pytest.raises(Exception) as core:
        make_engine(url).connect()
    attempts: list[object] = []
    real_connect = psycopg.connect

    def counted(*args: Any, **kwargs: Any) -> Any:
        attempts.append(args)
        return real_connect(*args, **kwargs)

    monkeypatch.setattr(psycopg, "connect", counted)
    result = CliRunner().invoke(cli, ["papers", "list"], env={"SCIMON_DATABASE_URL": url})
    assert result.exit_code != 0
    assert type(result.exception) is type(core.value)
    assert str(result.exception) == str(core.value)
    assert len(attempts) == 1
    # a URL SQLAlchemy reads otherwise (a port that is no number) is still left to it
    with pytest.raises(ValueError, match="invalid literal"):
        CliRunner().invoke(
            cli, ["papers", "list"], env={"SCIMON_DATABASE_URL": "postgresql://u@h:abc/db"},
            catch_exceptions=False,
        )


def test_the_plain_connection_is_closed_when_the_head_cannot_be_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An error between connecting and handing the connection over leaves nothing open."""
    from types import SimpleNamespace

    from monitor.cli import papers
    from storage import migrate

    closed: list[bool] = []
    plain = dbapi.PlainConnection(SimpleNamespace(close=lambda: closed.append(True)), "sqlite")
    monkeypatch.setattr(dbapi, "connect", lambda _url: plain)

    def unreadable() -> str:
        raise OSError("migrations folder unreadable")

    monkeypatch.setattr(migrate, "head_from_files", unreadable)
    app: Any = SimpleNamespace(settings=SimpleNamespace(database_url="sqlite:////nowhere.db"))
    with pytest.raises(OSError, match="unreadable"):
        papers._plain_connection(app)
    assert closed == [True]


def test_min_participants_beyond_an_integer_column_is_a_usage_error(
    seeded: Engine, database_url: str
) -> None:
    """Past 2**31 - 1 PostgreSQL's Core bind fails where the plain one lists nothing: refused."""
    env = {"SCIMON_DATABASE_URL": database_url}
    runner = CliRunner()
    top = runner.invoke(cli, ["papers", "list", "--min-participants", str(2**31 - 1)], env=env)
    assert top.exit_code == 0, top.output
    beyond = runner.invoke(cli, ["papers", "list", "--min-participants", str(2**31)], env=env)
    assert beyond.exit_code == 2
    assert "--min-participants" in beyond.output


def test_a_database_behind_the_head_is_refused_as_before(seeded: Engine, database_url: str) -> None:
    """Not at the head revision: the plain path steps aside and the schema check explains."""
    from sqlalchemy import text

    from storage.migrate import head_from_files

    with seeded.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0001'"))
    try:
        env = {"SCIMON_DATABASE_URL": database_url}
        result = CliRunner().invoke(cli, ["papers", "list"], env=env)
    finally:  # PostgreSQL's test database is shared by the session's tests
        with seeded.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": head_from_files()})
    assert result.exit_code != 0
    assert "scimon db upgrade" in str(result.exception) + result.output
