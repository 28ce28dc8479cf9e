"""storage/bulk.py's insert_rows stores what a Core insert stores; json_text is json.dumps."""

from __future__ import annotations

import json
import math
from datetime import UTC, date, datetime
from typing import Any, cast

import pytest
from sqlalchemy import Engine, Table, insert, select, text
from sqlalchemy.orm import Session, sessionmaker

from storage.bulk import draw_ids, insert_rows
from storage.models import Paper, PaperSighting
from storage.session import make_engine
from storage.types import json_text

PAPER = cast(Table, Paper.__table__)
SIGHTING = cast(Table, PaperSighting.__table__)
NOW = datetime(2026, 12, 6, 15, 4, 5, 123456, tzinfo=UTC)

JSON_VALUES: list[Any] = [
    None, True, False, 0, -1, 2**70, 1.5, 1e-7, 1e22, -0.0, math.inf, -math.inf, "", "plain",
    "é ü 中文 \U0001f600 \u2028 \x00 \x1f \"quoted\" back\\slash \t\n/", [], {}, (1, "a"),
    {"b": 1, "a": [1, 2, {"z": None}], "ключ": "значение"},
    [{"last": "Smith", "fore": "Ann-Marie", "initials": "AM", "orcid": "0000-0001",
      "affiliation": "Dept. of Neurology, Universit\u00e9 de Paris, France."}],
    {1: "int key", 2.5: "float key", False: "bool key", None: "none key"},
]  # fmt: skip


@pytest.mark.parametrize("value", JSON_VALUES, ids=lambda v: type(v).__name__)
def test_json_text_is_json_dumps(value: Any) -> None:
    assert json_text(value) == json.dumps(value)


def test_json_text_nan_and_errors_as_json_dumps() -> None:
    assert json_text([math.nan]) == json.dumps([math.nan]) == "[NaN]"
    for bad in (date(2020, 1, 2), {"k": {1, 2}}, {("a",): 1}):
        with pytest.raises(TypeError):
            json.dumps(bad)
        with pytest.raises(TypeError):
            json_text(bad)


def test_engines_serialize_json_with_json_text(engine: Engine) -> None:
    assert engine.dialect._json_serializer is json_text  # type: ignore[attr-defined]
    assert make_engine("sqlite://").dialect._json_serializer is json_text  # type: ignore[attr-defined]


def _paper(title: str, **values: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "doi": None, "pmid": None, "title": title, "abstract": "", "journal": "",
        "authors": [{"last": "Kowalski", "fore": "Łukasz", "affiliation": "Kraków \U0001f600"}],
        "publication_types": ["Journal Article"], "mesh": [], "keywords": ["spinal cord"],
        "published_on": date(2021, 3, 4), "pub_year": 2021, "is_book": False,
        "content_source": "pubmed", "record_hash": "h" * 40, "first_seen_at": NOW,
        "first_source": "pubmed:test", "updated_at": NOW, "url": None,
    }  # fmt: skip
    row.update(values)
    return row


def _stored(session: Session, table: str, ids: list[int]) -> list[tuple[Any, ...]]:
    """Rows as the database holds them, JSON as its text (PostgreSQL: jsonb's text)."""
    dialect = session.get_bind().dialect.name
    columns = [c for c in (PAPER if table == "paper" else SIGHTING).c if c.name != "id"]
    names = ", ".join(f"{c.name}::text" if dialect == "postgresql" else c.name for c in columns)
    sql = f"SELECT {names} FROM {table} WHERE id IN ({', '.join(map(str, ids))}) ORDER BY id"
    return [tuple(row) for row in session.execute(text(sql))]


def test_insert_rows_stores_what_core_stores(session_factory: sessionmaker[Session]) -> None:
    """The same rows by Core and by insert_rows: the same stored values, NULLs,
    defaults (``extra`` left out) and JSON text included."""
    rows = [
        _paper("One", doi="10.1/one", pmid="1", extra={"trial_ids": "NCT01234567"}),
        _paper("Two", authors=[], keywords=[], published_on=None, pub_year=None),
        # COPY's text format escapes: tab, newline, backslash and a literal \N (not NULL)
        _paper("Three\tA\nB\\C \\N", issn=None, language="eng", url="https://example.org/ü"),
    ]
    without_extra = [{k: v for k, v in r.items() if k != "extra"} for r in rows[1:]]
    with session_factory() as session, session.begin():
        core_ids = [
            session.execute(insert(PAPER).returning(PAPER.c.id), row).scalar_one()
            for row in [rows[0], *without_extra]
        ]
        if session.get_bind().dialect.name == "postgresql":
            bulk_ids = draw_ids(session, PAPER, 3)
            insert_rows(
                session,
                PAPER,
                [{**r, "id": i} for r, i in zip([rows[0], *without_extra], bulk_ids, strict=True)],
            )
        else:
            bulk_ids = insert_rows(session, PAPER, [rows[0], *without_extra], ids=True)
        core = _stored(session, "paper", core_ids)
        bulk = _stored(session, "paper", bulk_ids)
        assert bulk == core
        query = select(Paper.id, Paper.title).where(Paper.id.in_(bulk_ids))
        titles = dict(session.execute(query).all())
        assert [titles[i] for i in bulk_ids] == ["One", "Two", "Three\tA\nB\\C \\N"]
        stored = session.get(Paper, bulk_ids[0])
        assert stored is not None and stored.authors == rows[0]["authors"]
        assert stored.first_seen_at == NOW and stored.extra == {"trial_ids": "NCT01234567"}
        two = session.get(Paper, bulk_ids[1])
        assert two is not None and two.extra == {} and two.published_on is None


def test_insert_rows_json_none_and_null_columns(session_factory: sessionmaker[Session]) -> None:
    """A None in a JSON column and in a plain one: stored as Core stores them."""
    with session_factory() as session, session.begin():
        (pid,) = session.execute(insert(PAPER).returning(PAPER.c.id), _paper("P")).scalars()
        rows = [
            {"paper_id": pid, "source": "pubmed", "source_name": n, "source_id": "1",
             "seen_at": NOW, "raw_ids": raw, "fingerprint": fp}
            for n, raw, fp in (("a", None, None), ("b", {"dois": [], "pmid": None}, "f" * 40))
        ]  # fmt: skip
        session.execute(insert(SIGHTING), rows)
        insert_rows(session, SIGHTING, [{**r, "source_name": r["source_name"] + "2"} for r in rows])
        stored = session.execute(
            select(PaperSighting.source_name, PaperSighting.raw_ids, PaperSighting.fingerprint)
            .order_by(PaperSighting.source_name)
        ).all()  # fmt: skip
        by_name = {name: (raw, fp) for name, raw, fp in stored}
        assert by_name["a2"] == by_name["a"] and by_name["b2"] == by_name["b"]
        assert by_name["b2"] == ({"dois": [], "pmid": None}, "f" * 40)
        ids = list(session.scalars(select(PaperSighting.id).order_by(PaperSighting.id)))
        assert _stored(session, "paper_sighting", ids[2:]) == [
            (*r[:2], r[2] + "2", *r[3:]) for r in _stored(session, "paper_sighting", ids[:2])
        ]


def test_insert_rows_ids_follow_existing_rows_on_sqlite(tmp_path: Any) -> None:
    """Ids continue after the largest stored one, in row order, across runs of
    different column sets; a table at the largest rowid fails loudly."""
    from storage.migrate import upgrade

    url = f"sqlite:///{tmp_path / 'ids.db'}"
    upgrade(url)
    engine = make_engine(url)
    try:
        with Session(engine) as session, session.begin():
            session.execute(insert(PAPER), [_paper("old", id=41)])
            rows = [_paper("a"), _paper("b"), _paper("c"), _paper("d")]
            # the same columns in another order: a run of its own
            rows[2] = {"doi": "10.1/c", **{k: v for k, v in rows[2].items() if k != "doi"}}
            ids = insert_rows(session, PAPER, rows, ids=True)
            assert ids == [42, 43, 44, 45]
            query = select(Paper.id, Paper.title).where(Paper.id > 41)
            got = dict(session.execute(query).all())
            assert [got[i] for i in ids] == ["a", "b", "c", "d"]
        with Session(engine) as session, session.begin():
            session.execute(insert(PAPER), [_paper("last", id=2**63 - 1)])
            with pytest.raises(RuntimeError, match="not consecutive"):
                insert_rows(session, PAPER, [_paper("x"), _paper("y")], ids=True)
    finally:
        engine.dispose()


def test_insert_rows_refuses_ids_off_sqlite(session_factory: sessionmaker[Session]) -> None:
    with session_factory() as session, session.begin():
        if session.get_bind().dialect.name == "sqlite":
            assert insert_rows(session, PAPER, []) == []
            return
        with pytest.raises(ValueError, match="draw ids"):
            insert_rows(session, PAPER, [_paper("x")], ids=True)


def test_insert_rows_upsert_as_core_on_conflict(session_factory: sessionmaker[Session]) -> None:
    """``upsert``: a new key inserted, a stored one replaced in every other column, as
    ``on_conflict_do_update`` over the table's columns does it (a column the rows leave
    out becomes NULL, one with a default its default), the same on both databases."""
    from sqlalchemy.dialects import postgresql, sqlite

    from storage.models import PaperScore

    score = cast(Table, PaperScore.__table__)
    with session_factory() as session, session.begin():
        pids = list(
            session.execute(insert(PAPER).returning(PAPER.c.id), [_paper(t) for t in "ABCD"])
            .scalars()
        )  # fmt: skip
        stored = {"score": 1.0, "probability": 0.5, "model_version": 3, "why": ["old"],
                  "scored_at": NOW, "categories": ["x"], "categories_version": "v1"}  # fmt: skip
        session.execute(insert(score), [{"paper_id": p, **stored} for p in pids])
        new = [{"paper_id": p, "score": 2.5, "probability": None, "model_version": None,
                "scored_at": NOW} for p in pids]  # fmt: skip
        module: Any = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
        stmt = module.insert(score)
        columns = {c.name: stmt.excluded[c.name] for c in score.columns if c.name != "paper_id"}
        core = stmt.on_conflict_do_update(index_elements=["paper_id"], set_=columns)
        session.execute(core, new[:2])
        insert_rows(session, score, new[2:], upsert=["paper_id"])
        cols = [c.name for c in score.columns if c.name != "paper_id"]
        dialect = session.get_bind().dialect.name
        names = ", ".join(f"{c}::text" if dialect == "postgresql" else c for c in cols)
        rows = session.execute(text(f"SELECT {names} FROM paper_score ORDER BY paper_id")).all()
        assert len(rows) == 4 and rows[2] == rows[0] and rows[3] == rows[1]
        assert rows[2][cols.index("categories")] is None
        assert float(rows[2][cols.index("score")]) == 2.5
        # a key not stored yet: inserted
        (pid,) = session.execute(insert(PAPER).returning(PAPER.c.id), _paper("E")).scalars()
        insert_rows(session, score, [{**new[0], "paper_id": pid}], upsert=["paper_id"])
        assert session.get(PaperScore, pid) is not None
        with pytest.raises(ValueError, match="upserted"):
            insert_rows(session, score, new[2:], ids=True, upsert=["paper_id"])
