"""Write one batch's papers (storage/batch.py) with few statements.

New rows go to the driver's executemany (storage/bulk.py), values bound as
SQLAlchemy binds them: the ORM path builds each row's parameters in Python
(~20 us a row), which was most of a first import's cost, and Core inserts
still ~10 us.  Updates and deletes stay Core statements (few rows).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import Table, and_, bindparam, delete, or_, update
from sqlalchemy.orm import Session

from storage.authors import compact
from storage.batching import batched
from storage.bulk import draw_ids, insert_rows
from storage.merge import link_values
from storage.models import Paper, PaperIdentifier, PaperLink, PaperSighting
from storage.repairs import merge_papers

if TYPE_CHECKING:
    from storage.batch import Batch

_PAPER = cast(Table, Paper.__table__)
_IDENTIFIER = cast(Table, PaperIdentifier.__table__)
_SIGHTING = cast(Table, PaperSighting.__table__)
_LINK = cast(Table, PaperLink.__table__)


def write(batch: Batch) -> None:
    """Write the batch's slots: merges, new papers, updates, identifiers, sightings,
    fingerprints and links, in that order."""
    s = batch.session
    now = batch.now
    # merges first: move children of absorbed papers to the survivor
    for slot in batch.slots:
        if slot.absorbed and slot.paper_id is not None:
            merge_papers(s, slot.paper_id, slot.absorbed)
    new_slots = [slot for slot in batch.slots if slot.paper_id is None]
    if new_slots:
        rows = [
            {
                **slot.values,
                "authors": compact(slot.values["authors"]),
                "content_source": slot.content_source,
                "record_hash": slot.hash,
                "first_seen_at": now,
                "first_source": slot.first_source[:200],
                "updated_at": now,
            }
            for slot in new_slots
        ]
        ids = _insert_papers(s, rows)
        for slot, pid in zip(new_slots, ids, strict=True):
            slot.paper_id = pid
            batch.stats.new_paper_ids.append(pid)
    updates = [
        {
            "id": slot.paper_id,
            **slot.values,
            "authors": compact(slot.values.get("authors") or []),
            "content_source": slot.content_source,
            "record_hash": slot.hash,
            "updated_at": now,
        }
        for slot in batch.slots
        if slot.changed and slot.paper_id not in batch.stats.new_paper_ids
    ]
    if updates:
        s.execute(update(Paper), updates)
        batch.stats.changed_paper_ids.extend(u["id"] for u in updates)
    ident_rows = []
    for slot in batch.slots:
        for kind, value in slot.keys:
            if batch.db_keys.get((kind, value)) != slot.paper_id:
                ident_rows.append({"paper_id": slot.paper_id, "kind": kind, "value": value})
    if ident_rows:
        stale = [
            and_(PaperIdentifier.kind == r["kind"], PaperIdentifier.value == r["value"])
            for r in ident_rows
            if (r["kind"], r["value"]) in batch.db_keys
        ]
        for chunk in batched(stale, 200):
            s.execute(delete(PaperIdentifier).where(or_(*chunk)))
        insert_rows(s, _IDENTIFIER, ident_rows)
    sighting_rows = [
        {**row, "paper_id": slot.paper_id} for slot in batch.slots for row in slot.sightings
    ]
    if sighting_rows:
        insert_rows(s, _SIGHTING, sighting_rows)
    if batch.fingerprint_updates:
        s.execute(
            update(_SIGHTING)
            .where(
                _SIGHTING.c.source == bindparam("k_source"),
                _SIGHTING.c.source_name == bindparam("k_name"),
                _SIGHTING.c.source_id == bindparam("k_id"),
            )
            .values(fingerprint=bindparam("k_fingerprint")),
            [
                {"k_source": src, "k_name": name, "k_id": sid, "k_fingerprint": fingerprint}
                for (src, name, sid), fingerprint in batch.fingerprint_updates.items()
            ],
        )
    link_rows = []
    replaced = [slot.paper_id for slot in batch.slots if slot.links is not None]
    for paper_ids in batched(replaced, 900):
        s.execute(delete(PaperLink).where(PaperLink.paper_id.in_(paper_ids)))
    for slot in batch.slots:
        if slot.links is None:
            continue
        slot.link_rows = [{"paper_id": slot.paper_id, **row} for row in link_values(slot.links)]
        link_rows.extend(slot.link_rows)
    if link_rows:
        insert_rows(s, _LINK, link_rows)


def _insert_papers(session: Session, rows: list[dict[str, Any]]) -> list[int]:
    """Insert new paper rows; their ids, in the order of ``rows``.

    On PostgreSQL the ids are drawn from the table's sequence first and the
    rows inserted with them (``storage.bulk.draw_ids`` says why).  On SQLite the
    rows of one executemany get consecutive rowids, read back with
    ``last_insert_rowid()`` (storage/bulk.py says why that holds and checks it).
    """
    if session.get_bind().dialect.name == "postgresql":
        ids = draw_ids(session, _PAPER, len(rows))
        insert_rows(
            session, _PAPER, [{**row, "id": pid} for row, pid in zip(rows, ids, strict=True)]
        )
        return ids
    return insert_rows(session, _PAPER, rows, ids=True)
