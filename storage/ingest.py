"""Store parsed records: dedupe by identifier, merge, keep every sighting.

This is the write path every source shares (PubMed fetch, feed fetch, file
import).  It works in batches because per-record round trips cannot reach
thousands of records a second: each batch (storage/batch.py) resolves all its
identifiers with a few ``IN`` queries, folds records that name the same paper
together in memory (storage/merge.py), then writes with executemany
(storage/batch_write.py).  Each batch is one transaction, so a killed import
leaves whole batches and a rerun completes the rest.

What sources hand over is typed in storage/handoff.py; the repairs the
ingest asks for (merged papers, late links, deletions) are in
storage/repairs.py.  The names callers import from here stay importable here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from storage.base import utcnow
from storage.batch import Batch, IngestStats
from storage.batching import batched
from storage.handoff import (
    AfterWrite,
    DeletedCitations,
    IngestItem,
    RecordLike,
    UnchangedRecord,
    WrittenPaper,
)
from storage.maintenance import PlannerStats
from storage.merge import CONTENT_FIELDS, merge_values, normalized_dois, record_hash, record_values
from storage.models import PaperSighting
from storage.repairs import apply_deletions, merge_papers, resolve_links
from storage.trials import link_trials
from storage.versions import link_versions

__all__ = [
    "BATCH_SIZE", "CONTENT_FIELDS", "AfterWrite", "IngestItem", "IngestStats", "RecordLike",
    "WrittenPaper", "apply_deletions", "batched", "ingest_batch", "ingest_records",
    "known_fingerprints", "merge_papers", "merge_values", "normalized_dois", "record_hash",
    "record_values", "resolve_links",
]  # fmt: skip

BATCH_SIZE = 500


def ingest_batch(
    session: Session,
    records: list[RecordLike],
    now: datetime | None = None,
    after_write: AfterWrite | None = None,
) -> IngestStats:
    """Store one batch in the caller's transaction (``after_write``: see ingest_records)."""
    return Batch(session, records, now or utcnow(), after_write).run()


def known_fingerprints(session: Session, source: str, source_name: str) -> set[str]:
    """Fingerprints of the raw records this source (e.g. an import's file name) stored.

    A re-import leaves these records unparsed.  Each sighting keeps the
    fingerprint of the last record applied through it, in the transaction
    that stored that record, so a fingerprint here means "already stored".
    """
    rows = session.scalars(
        select(PaperSighting.fingerprint).where(
            PaperSighting.source == source,
            PaperSighting.source_name == source_name[:200],
            PaperSighting.fingerprint.is_not(None),
        )
    )
    return {fingerprint for fingerprint in rows if fingerprint}


def ingest_records(
    factory: sessionmaker[Session],
    items: Iterable[IngestItem],
    *,
    batch_size: int = BATCH_SIZE,
    now: datetime | None = None,
    on_batch: Callable[[IngestStats], object] | None = None,
    after_write: AfterWrite | None = None,
) -> IngestStats:
    """Store a stream of records (and DeletedCitations), committing per batch.

    A :class:`DeletedCitations` in ``items`` is applied after the records
    before it are stored.  An :class:`UnchangedRecord` stands for a record
    skipped unparsed because its source stored the very same bytes before
    (see :func:`known_fingerprints`): it is counted, nothing is written.
    Anything else is a record.  ``on_batch`` is called with the running stats
    after each commit (progress bars).

    ``after_write`` is called after each batch is written and before it
    commits, with the batch's session and the papers it inserted or changed
    (:class:`storage.handoff.WrittenPaper`): what it writes (the triage of
    those papers) commits with them, or not at all.
    """
    total = IngestStats()
    pending: list[RecordLike] = []
    planner = PlannerStats(factory)
    planner.start()

    def flush() -> None:
        if not pending:
            return
        with factory() as session, session.begin():
            stats = ingest_batch(session, list(pending), now, after_write)
        total.add(stats)
        pending.clear()
        planner.rows_written(stats.new + stats.updated)
        if on_batch is not None:
            on_batch(total)

    iterator = iter(items)
    while True:
        try:
            item = next(iterator)
        except StopIteration:
            break
        except Exception:
            flush()  # bad input part-way: keep every record that came before it
            raise
        if isinstance(item, UnchangedRecord):
            # a record this source gave byte for byte before (the parser
            # skipped it): what storing it would have counted, and no more
            total.seen += 1
            total.duplicates += 1
            if on_batch is not None and total.seen % batch_size == 0:
                on_batch(total)
            continue
        if isinstance(item, DeletedCitations):
            flush()
            with factory() as session, session.begin():
                total.deleted += apply_deletions(session, item.pmids, now)
            continue
        pending.append(item)
        if len(pending) >= batch_size:
            flush()
    flush()
    with factory() as session, session.begin():
        resolve_links(session)
        written = total.new_paper_ids + total.changed_paper_ids
        if written:
            link_trials(session, written)
            link_versions(session, written)
    planner.finish()
    return total
