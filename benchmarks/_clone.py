"""Fill a scale database fast: copy the rows one real import wrote, under new ids.

A real ``scimon import`` of the update file writes about 20,800 papers in
13 s on a quiet machine and 2-3 minutes when the machine is shared; a
million papers that way take hours.  ``clone_papers`` copies the rows of
papers [lo, hi] (the paper, its identifiers, sightings, links, triage, score
and status) with ``INSERT ... SELECT``, shifting paper ids past the largest
and making every unique identifier unique to the clone (a suffix): the same
contents, the same row sizes and the same index keys as an import of one more
rewritten copy would write, minus the import's own work.  What an import costs
is measured by the real imports between the clones (``benchmarks/scale.py
--clone``); what a read costs depends on what the tables hold, which is the
same either way.  Trial links (a few hundred per copy, unique by trial) are
not cloned.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, case, func, insert, literal, select


def clone_papers(engine: Engine, lo: int, hi: int, tag: str, now: Any) -> int:
    """Copy papers ``lo..hi`` and their rows to new ids; returns how many papers."""
    from storage.models import (
        Paper,
        PaperIdentifier,
        PaperLink,
        PaperScore,
        PaperSighting,
        PaperStatus,
        PaperTriage,
    )

    suffix = f"-{tag}"
    with engine.begin() as conn:
        top = int(conn.scalar(select(func.max(Paper.id))) or 0)
        shift = top + 1 - lo

        def copy(
            model: Any, overrides: dict[str, Any], where: Any, skip: tuple[str, ...] = ()
        ) -> int:
            table = model.__table__
            names = [c.name for c in table.columns if c.name not in skip]
            exprs = [overrides.get(n, table.c[n]) for n in names]
            stmt = insert(table).from_select(names, select(*exprs).where(where))
            return int(conn.execute(stmt).rowcount or 0)

        pt = Paper.__table__
        # (the papers copied are counted apart: psycopg's rowcount of INSERT ... SELECT
        # came back as -1)
        papers = int(conn.scalar(select(func.count()).where(pt.c.id.between(lo, hi))) or 0)
        copy(
            Paper,
            {
                "id": pt.c.id + shift,
                "doi": pt.c.doi + suffix,
                "pmid": pt.c.pmid + suffix,
                "first_seen_at": literal(now, Paper.first_seen_at.type),
                "updated_at": literal(now, Paper.updated_at.type),
            },
            pt.c.id.between(lo, hi),
            skip=("insert_sentinel",),
        )
        it = PaperIdentifier.__table__
        copy(
            PaperIdentifier,
            {"paper_id": it.c.paper_id + shift, "value": it.c.value + suffix},
            it.c.paper_id.between(lo, hi),
            skip=("id",),
        )
        st = PaperSighting.__table__
        copy(
            PaperSighting,
            {"paper_id": st.c.paper_id + shift, "source_id": st.c.source_id + suffix,
             "seen_at": literal(now, PaperSighting.seen_at.type)},
            st.c.paper_id.between(lo, hi),
            skip=("id",),
        )  # fmt: skip
        lt = PaperLink.__table__
        inside = lt.c.target_paper_id.between(lo, hi)
        copy(
            PaperLink,
            {"paper_id": lt.c.paper_id + shift,
             "target_paper_id": case((inside, lt.c.target_paper_id + shift),
                                     else_=lt.c.target_paper_id)},
            lt.c.paper_id.between(lo, hi),
            skip=("id",),
        )  # fmt: skip
        for model in (PaperTriage, PaperScore, PaperStatus):
            t = model.__table__
            copy(model, {"paper_id": t.c.paper_id + shift}, t.c.paper_id.between(lo, hi))
        if conn.dialect.name == "postgresql":  # the ids were given: the next import's follow
            conn.exec_driver_sql(
                "SELECT setval(pg_get_serial_sequence('paper', 'id'), (SELECT max(id) FROM paper))"
            )
    return papers
