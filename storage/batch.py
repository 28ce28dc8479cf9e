"""One batch of records into the database: match each to a paper, fold, write.

A batch resolves all its identifiers with a few ``IN`` queries, assigns each
record to a slot (a stored paper or a new one; two slots found to be one
paper are united), loads what it must of the stored papers, folds every
record's values into its slot (storage/merge.py) and hands the slots to
storage/batch_write.py, which writes them with executemany.

Matching keys, strongest first: normalized DOIs, PMID, PMCID, the source's own
item id (a sighting), and as a fallback the title+year key, used only when one
side has no DOI (a preprint and its article share a title but not a DOI).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import and_, bindparam, select
from sqlalchemy.orm import Session

from storage.authors import expand
from storage.batch_write import write
from storage.batching import batched
from storage.bulk import select_in
from storage.handoff import AfterWrite, RecordLike, StoredLink, WrittenPaper
from storage.merge import (
    CONTENT_FIELDS,
    merge_values,
    normalized_dois,
    record_hash,
    record_keys,
    record_values,
    sighting_key,
)
from storage.models import Paper, PaperLink


@dataclass
class IngestStats:
    """Counters of one run, printed by ``--json`` and kept on ``fetch_run``."""

    seen: int = 0
    new: int = 0
    updated: int = 0
    duplicates: int = 0
    merged: int = 0
    deleted: int = 0
    skipped: int = 0
    requests: int = 0
    new_paper_ids: list[int] = field(default_factory=list, repr=False)
    changed_paper_ids: list[int] = field(default_factory=list, repr=False)

    def as_dict(self) -> dict[str, int]:
        return {
            "seen": self.seen,
            "new": self.new,
            "updated": self.updated,
            "duplicates": self.duplicates,
            "merged": self.merged,
            "deleted": self.deleted,
            "skipped": self.skipped,
            "requests": self.requests,
        }

    def add(self, other: IngestStats) -> None:
        for name in ("seen", "new", "updated", "duplicates", "merged", "deleted", "skipped",
                     "requests"):  # fmt: skip
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.new_paper_ids.extend(other.new_paper_ids)
        self.changed_paper_ids.extend(other.changed_paper_ids)


@dataclass
class Slot:
    """One paper the batch writes: an existing row or a new one."""

    paper_id: int | None
    values: dict[str, Any]
    content_source: str
    hash: str
    links: list[Any] | None = None  # replace links when not None
    changed: bool = False
    first_source: str = ""
    keys: set[tuple[str, str]] = field(default_factory=set)
    sightings: list[dict[str, Any]] = field(default_factory=list)
    absorbed: list[int] = field(default_factory=list)  # existing papers merged into this one
    has_doi: bool = False  # known before values are folded in (title matching)
    pmid: str | None = None  # likewise: two different PMIDs are never one paper
    link_rows: list[dict[str, Any]] | None = None  # the paper_link rows written, when replaced
    # a new paper's first record, with the values and links it proposed (``written``
    # tells by identity whether the paper still holds exactly those)
    origin: tuple[RecordLike, dict[str, Any], list[Any]] | None = None


def _source_kind(rec: RecordLike) -> str:
    return "pubmed" if rec.source == "pubmed" else rec.source


def _as_parsed(slot: Slot) -> RecordLike | None:
    """The record a new paper holds exactly as it proposed it (``WrittenPaper.parsed``).

    Folding replaces ``values`` and ``links`` with new objects whenever they change
    (``merge_values`` returns a new dict), so the very objects the first record made
    mean nothing else was merged in.  A paper without PMID or DOI is left out: its
    ``source_id`` as read back is its id, which the record did not know.
    """
    if slot.origin is None or slot.absorbed:
        return None
    rec, values, links = slot.origin
    if slot.values is not values or slot.links is not links:
        return None
    if slot.content_source != _source_kind(rec) or not (values["pmid"] or values["doi"]):
        return None
    if slot.first_source != f"{rec.source}:{rec.source_name}":
        return None
    return rec


class Batch:
    """One batch's records, the slots they fold into, and what the database already
    holds for them (looked up once per batch, not per record)."""

    def __init__(
        self,
        session: Session,
        records: list[RecordLike],
        now: datetime,
        after_write: AfterWrite | None = None,
    ) -> None:
        self.session = session
        self.after_write = after_write
        self.records = records
        self.now = now
        self.stats = IngestStats()
        self.slots: list[Slot] = []
        self.key_slot: dict[tuple[str, str], Slot] = {}
        self.title_slot: dict[str, list[Slot]] = {}
        self.paper_slot: dict[int, Slot] = {}
        self.sight_slot: dict[tuple[str, str, str], Slot] = {}
        self.merged_into: dict[int, Slot] = {}
        self.slot_alias: dict[int, Slot] = {}
        self.pending_load: set[int] = set()
        self.db_keys: dict[tuple[str, str], int] = {}
        self.db_sightings: dict[tuple[str, str, str], int] = {}
        # raw-record fingerprints (monitor/parse/raw_records.py) on sightings: stored, and to store
        self.db_fingerprints: dict[tuple[str, str, str], str | None] = {}
        self.new_sightings: dict[tuple[str, str, str], dict[str, Any]] = {}
        self.fingerprint_updates: dict[tuple[str, str, str], str | None] = {}
        self.db_titles: dict[str, list[tuple[int, bool, str | None]]] = {}

    # -- lookups -------------------------------------------------------------

    def _prefetch(self, prepared: list[tuple[RecordLike, dict[str, Any], list[Any]]]) -> None:
        keys_by_kind: dict[str, set[str]] = {}
        sight_ids: dict[tuple[str, str], set[str]] = {}
        for rec, _values, keys in prepared:
            for kind, value in keys:
                keys_by_kind.setdefault(kind, set()).add(value)
            src, name, sid = sighting_key(rec)
            sight_ids.setdefault((src, name), set()).add(sid)
        s = self.session
        # the raw lookups below do not autoflush as an ORM select did: flush first, so a
        # row some caller added through the session is seen (nothing pending: no-op)
        s.flush()
        # through the driver (storage/bulk.py select_in): SQLAlchemy's expanding IN
        # cost ~1 ms a query of 600 values; one query a kind, each a range of the
        # unique index on (kind, value)
        for kind, vals in keys_by_kind.items():
            for value, pid in select_in(
                s, "SELECT value, paper_id FROM paper_identifier WHERE kind = ? AND value {in}",
                [kind], sorted(vals),
            ):  # fmt: skip
                self.db_keys[(kind, value)] = pid
        # grouped by (source, source_name) so the unique index on
        # (source, source_name, source_id) serves the lookup
        for (src, name), sids in sight_ids.items():
            for sid, pid, fingerprint in select_in(
                s,
                "SELECT source_id, paper_id, fingerprint FROM paper_sighting "
                "WHERE source = ? AND source_name = ? AND source_id {in}",
                [src, name], sorted(sids),
            ):  # fmt: skip
                self.db_sightings[(src, name, sid)] = pid
                self.db_fingerprints[(src, name, sid)] = fingerprint
        self._prefetch_titles(prepared)

    def _prefetch_titles(
        self, prepared: list[tuple[RecordLike, dict[str, Any], list[Any]]]
    ) -> None:
        """The stored papers the title fallback of ``_assign`` could match, and no others.

        Only a record that no identifier or sighting matched falls back to its
        title, and a paper can match it only without a DOI when the record has
        one, and only without a PMID or with the same PMID when the record has
        one.  The queries ask for the PMID part as ranges of
        ``ix_paper_title_key_ids`` (``_assign`` still judges each pair), and read
        the index alone, not paper rows: the
        papers sharing a title grow with the database (generic titles; every
        copy of the scale benchmark's file), and each row read cost ~9 us.
        """
        keys: set[str] = set()
        without_doi: set[str] = set()
        without_pmid: set[str] = set()
        pairs: set[tuple[str, str]] = set()
        for rec, values, rec_keys in prepared:
            tkey = values["title_key"]
            if not tkey or any(k in self.db_keys for k in rec_keys):
                continue
            if sighting_key(rec) in self.db_sightings:
                continue
            keys.add(tkey)
            if values["doi"] is None:
                without_doi.add(tkey)
            if values["pmid"]:
                pairs.add((tkey, values["pmid"]))
            else:
                without_pmid.add(tkey)
        if not keys:
            return
        # three seeks into (title_key, pmid, doi), each a range of the index: papers
        # without a PMID (any record), papers with the record's own PMID, and any paper
        # for a record without PMID.  One query with the PMID test as a filter walked
        # every same-title entry (2 s an import at a million papers in the benchmark).
        # (the DOI test is left to _assign: as a filter here, SQLite's planner read the
        # pairs' query as an OR over ix_paper_doi, every paper without a DOI)
        # the lists are bound as expanding parameters: ``in_(list)`` coerces every
        # element into the statement (0.6 ms for 250 keys, ~3% of an import's storing
        # process over a few calls a batch), a bound list is one parameter (0.03 ms)
        t = Paper.title_key
        keys_in, pmids_in = (
            t.in_(bindparam("keys", expanding=True)),
            Paper.pmid.in_(bindparam("pmids", expanding=True)),
        )
        wheres: list[tuple[Any, dict[str, list[str]]]] = [
            (and_(keys_in, Paper.pmid.is_(None)), {"keys": sorted(keys)})
        ]
        if pairs:
            # (not a row-value IN of the pairs: with 500 of them SQLite scanned the index)
            wheres.append(
                (
                    and_(keys_in, pmids_in),
                    {"keys": sorted({k for k, _ in pairs}), "pmids": sorted({p for _, p in pairs})},
                )
            )
        if without_pmid:
            wheres.append((and_(keys_in, Paper.pmid.is_not(None)), {"keys": sorted(without_pmid)}))
        seen: set[int] = set()
        for where, params in wheres:
            for pid, tkey, doi, pmid in self.session.execute(
                select(Paper.id, t, Paper.doi, Paper.pmid).where(where), params
            ):
                if doi is not None and tkey not in without_doi:
                    continue  # both sides have a DOI: never one paper by title
                if tkey and pid not in seen:
                    seen.add(pid)
                    self.db_titles.setdefault(tkey, []).append((pid, doi is not None, pmid))

    def _slot_for_paper(self, pid: int) -> Slot:
        slot = self.paper_slot.get(pid)
        if slot is None:
            slot = Slot(paper_id=pid, values={}, content_source="", hash="")
            self.paper_slot[pid] = slot
            self.slots.append(slot)
            self.pending_load.add(pid)
        return slot

    # -- folding ---------------------------------------------------------------

    def run(self) -> IngestStats:
        prepared = []
        for rec in self.records:
            dois = normalized_dois(rec)
            values = record_values(rec, dois)
            prepared.append((rec, values, record_keys(values, dois)))
        self._prefetch(prepared)
        # pass 1: assign every record to a slot (existing paper or new)
        assignments: list[tuple[RecordLike, dict[str, Any], list[Any], Slot, bool, str]] = []
        for rec, values, keys in prepared:
            slot, created = self._assign(rec, values, keys)
            rhash = record_hash(values, rec.links)
            assignments.append((rec, values, keys, slot, created, rhash))
        self._load_existing([(self._resolve(a[3]), a[5], _source_kind(a[0])) for a in assignments])
        # pass 2: fold each record's values into its slot
        for rec, values, keys, slot, created, rhash in assignments:
            slot = self._resolve(slot)
            self._fold(rec, values, keys, slot, created, rhash)
        write(self)
        if self.after_write is not None:
            written = self.written()
            if written:
                self.after_write(self.session, written)
        return self.stats

    def written(self) -> list[WrittenPaper]:
        """The papers this batch inserted or changed, as stored, from memory.

        Only the links of a changed paper whose links this batch did not
        replace (a feed record updating a PubMed paper) are read back.
        """
        changed = [s for s in self.slots if s.changed and s.paper_id is not None]
        stored_links: dict[int, list[StoredLink]] = {}
        unread = sorted(s.paper_id for s in changed if s.link_rows is None and s.paper_id)
        for chunk in batched(unread, 900):
            for pid, kind, pmid, doi, citation in self.session.execute(
                select(
                    PaperLink.paper_id, PaperLink.kind, PaperLink.target_pmid,
                    PaperLink.target_doi, PaperLink.citation,
                ).where(PaperLink.paper_id.in_(chunk)).order_by(PaperLink.id)
            ):  # fmt: skip
                stored_links.setdefault(pid, []).append(StoredLink(kind, pmid, doi, citation))
        out = []
        for slot in changed:
            assert slot.paper_id is not None
            if slot.link_rows is not None:
                links = tuple(
                    StoredLink(r["kind"], r["target_pmid"], r["target_doi"], r["citation"])
                    for r in slot.link_rows
                )
            else:
                links = tuple(stored_links.get(slot.paper_id, ()))
            out.append(
                WrittenPaper(
                    slot.paper_id,
                    slot.values,
                    slot.content_source,
                    slot.first_source[:200],
                    links,
                    _as_parsed(slot),
                )
            )
        return out

    def _resolve(self, slot: Slot) -> Slot:
        while slot.paper_id is not None and slot.paper_id in self.merged_into:
            slot = self.merged_into[slot.paper_id]
        while id(slot) in self.slot_alias:
            slot = self.slot_alias[id(slot)]
        return slot

    def _assign(
        self, rec: RecordLike, values: dict[str, Any], keys: list[tuple[str, str]]
    ) -> tuple[Slot, bool]:
        found: list[Slot] = []

        def note(slot: Slot) -> None:
            slot = self._resolve(slot)
            if all(slot is not f for f in found):
                found.append(slot)

        for key in keys:
            if key in self.key_slot:
                note(self.key_slot[key])
            elif key in self.db_keys:
                note(self._slot_for_paper(self.db_keys[key]))
        skey = sighting_key(rec)
        if skey in self.sight_slot:
            note(self.sight_slot[skey])
        elif skey in self.db_sightings:
            note(self._slot_for_paper(self.db_sightings[skey]))
        has_doi = values["doi"] is not None
        pmid = values["pmid"]
        tkey = values["title_key"]

        def title_match(other_has_doi: bool, other_pmid: str | None) -> bool:
            # the title key is a fallback for a side without DOI, and never
            # joins two records that PubMed itself keeps apart
            if has_doi and other_has_doi:
                return False
            return not (pmid and other_pmid and pmid != other_pmid)

        if not found and tkey:
            for slot in self.title_slot.get(tkey, []):
                if title_match(slot.has_doi, slot.pmid):
                    note(slot)
                    break
            else:
                for pid, paper_has_doi, paper_pmid in self.db_titles.get(tkey, []):
                    if title_match(paper_has_doi, paper_pmid):
                        note(self._slot_for_paper(pid))
                        found[-1].has_doi = found[-1].has_doi or paper_has_doi
                        found[-1].pmid = found[-1].pmid or paper_pmid
                        break
        created = False
        if not found:
            slot = Slot(paper_id=None, values={}, content_source="", hash="")
            self.slots.append(slot)
            created = True
        else:
            slot = found[0]
            for other in found[1:]:
                slot = self._union(slot, other)
        slot.has_doi = slot.has_doi or has_doi
        slot.pmid = slot.pmid or pmid
        for key in keys:
            self.key_slot[key] = slot
        self.sight_slot[skey] = slot
        if tkey:
            self.title_slot.setdefault(tkey, []).append(slot)
        return slot, created

    def _union(self, a: Slot, b: Slot) -> Slot:
        """Two slots turn out to be one paper: keep the existing (oldest) one."""
        a, b = self._resolve(a), self._resolve(b)
        if a is b:
            return a
        if a.paper_id is None and b.paper_id is not None:
            a, b = b, a
        if a.paper_id is not None and b.paper_id is not None and b.paper_id < a.paper_id:
            a, b = b, a
        if b.paper_id is not None:
            a.absorbed.append(b.paper_id)
            self.merged_into[b.paper_id] = a
            self.stats.merged += 1
        self.slot_alias[id(b)] = a
        self.slots = [s for s in self.slots if s is not b]
        return a

    def _load_existing(self, incoming: list[tuple[Slot, str, str]]) -> None:
        """Load stored papers the batch touches: hashes first, content only if needed.

        A re-import mostly brings records identical to what is stored (same
        record hash from the same source); those need no paper content, which
        makes a second import of a file several times faster than the first.
        """
        if not self.pending_load:
            return
        ids = sorted(self.pending_load)
        for chunk in batched(ids, 900):
            light = select(
                Paper.id, Paper.content_source, Paper.record_hash, Paper.first_source
            ).where(Paper.id.in_(chunk))
            for pid, content_source, rhash, first_source in self.session.execute(light):
                slot = self.paper_slot[pid]
                slot.content_source, slot.hash, slot.first_source = (
                    content_source, rhash, first_source,
                )  # fmt: skip
        full: set[int] = set()
        for slot, rhash, kind in incoming:
            if slot.paper_id is not None and (slot.hash != rhash or slot.content_source != kind):
                full.add(slot.paper_id)
        for slot in self.slots:
            if slot.absorbed and slot.paper_id is not None:
                full.add(slot.paper_id)
                full.update(slot.absorbed)
        self._load_full(full)
        # absorbed papers: fold their values into the survivor
        for slot in self.slots:
            for pid in slot.absorbed:
                other = self.paper_slot[pid]
                if other.values:
                    slot.values, slot.content_source = merge_values(
                        other.values, other.content_source, slot.values, slot.content_source
                    )
                    slot.changed = True

    def _load_full(self, ids: set[int]) -> None:
        for chunk in batched(sorted(ids), 900):
            columns = [getattr(Paper, name) for name in CONTENT_FIELDS]
            for row in self.session.execute(select(Paper.id, *columns).where(Paper.id.in_(chunk))):
                slot = self.paper_slot[row[0]]
                slot.values = dict(zip(CONTENT_FIELDS, row[1:], strict=True))
                slot.values["authors"] = expand(slot.values["authors"])

    def _fold(
        self,
        rec: RecordLike,
        values: dict[str, Any],
        keys: list[tuple[str, str]],
        slot: Slot,
        created: bool,
        rhash: str,
    ) -> None:
        self.stats.seen += 1
        source_kind = _source_kind(rec)
        if slot.paper_id is None and not slot.values:
            slot.values, slot.content_source, slot.hash = values, source_kind, rhash
            slot.first_source = f"{rec.source}:{rec.source_name}"
            slot.links = list(rec.links)
            slot.origin = (rec, values, slot.links)
            slot.changed = True
            self.stats.new += 1
        elif slot.hash == rhash and slot.content_source == source_kind:
            self.stats.duplicates += 1
        else:
            if slot.paper_id is not None and not slot.values:
                self._load_full({slot.paper_id})
            merged, source = merge_values(slot.values, slot.content_source, values, source_kind)
            if merged != slot.values or source != slot.content_source:
                if source == source_kind and source == "pubmed":
                    slot.links = list(rec.links)
                slot.values, slot.content_source = merged, source
                if source == source_kind:
                    slot.hash = rhash
                slot.changed = True
                if slot.paper_id is not None and not created:
                    self.stats.updated += 1
                else:
                    self.stats.duplicates += 1
            else:
                self.stats.duplicates += 1
        slot.keys.update(keys)
        skey = sighting_key(rec)
        fingerprint = getattr(rec, "fingerprint", None)
        if skey not in self.db_sightings:
            row = {
                "source": skey[0],
                "source_name": skey[1],
                "source_id": skey[2],
                "seen_at": self.now,
                "raw_ids": {
                    "dois": list(rec.dois),
                    "pmid": rec.pmid,
                    "pmcid": rec.pmcid,
                    "url": rec.url,
                },
                "fingerprint": fingerprint,
            }
            slot.sightings.append(row)
            self.new_sightings[skey] = row
            self.db_sightings[skey] = -1  # the same item twice in one batch
        else:
            # the sighting keeps the fingerprint of the last record applied,
            # or none when that record had none: never one of an older record
            if skey in self.new_sightings:
                self.new_sightings[skey]["fingerprint"] = fingerprint
            elif self.db_fingerprints.get(skey) != fingerprint:
                self.fingerprint_updates[skey] = fingerprint
