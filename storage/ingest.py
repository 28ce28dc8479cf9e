"""Store parsed records: dedupe by identifier, merge, keep every sighting.

This is the write path every source shares (PubMed fetch, feed fetch, file
import).  It works in batches because per-record round trips cannot reach
thousands of records a second: each batch resolves all its identifiers with a
few ``IN`` queries, folds records that name the same paper together in
memory, then writes with executemany.  Each batch is one transaction, so a
killed import leaves whole batches and a rerun completes the rest.

Matching keys, strongest first: normalized DOIs, PMID, PMCID, the source's own
item id (a sighting), and as a fallback the title+year key, used only when one
side has no DOI (a preprint and its article share a title but not a DOI).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date, datetime
from itertools import islice
from typing import Any, Protocol, cast

from sqlalchemy import (
    CursorResult,
    Table,
    UniqueConstraint,
    and_,
    bindparam,
    delete,
    insert,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from storage.base import utcnow
from storage.keys import normalize_doi, title_key
from storage.models import Paper, PaperIdentifier, PaperLink, PaperSighting

log = logging.getLogger(__name__)

BATCH_SIZE = 500
_PAPER = cast(Table, Paper.__table__)
_IDENTIFIER = cast(Table, PaperIdentifier.__table__)
_SIGHTING = cast(Table, PaperSighting.__table__)
_LINK = cast(Table, PaperLink.__table__)

# Bibliographic fields a record writes onto its paper.
CONTENT_FIELDS = (
    "doi", "pmid", "pmcid", "title_key", "title", "abstract", "journal", "journal_abbrev",
    "issn", "published_on", "pub_year", "pub_date_text", "authors", "publication_types",
    "mesh", "keywords", "language", "citation_status", "is_book", "is_preprint", "url",
    "entrez_on", "revised_on", "extra",
)  # fmt: skip


class RecordLike(Protocol):
    """The attributes of ``monitor.records.PaperRecord`` storage relies on."""

    source: str
    source_name: str
    source_id: str
    title: str
    pmid: str | None
    dois: tuple[str, ...]
    pmcid: str | None
    abstract: str
    journal: str
    journal_abbrev: str
    issn: str | None
    published_on: date | None
    pub_year: int | None
    pub_date_text: str
    authors: tuple[Any, ...]
    publication_types: tuple[str, ...]
    mesh: tuple[str, ...]
    keywords: tuple[str, ...]
    language: str | None
    citation_status: str | None
    links: tuple[Any, ...]
    is_book: bool
    url: str | None
    entrez_on: date | None
    revised_on: date | None
    extra: dict[str, str]


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


# ---------------------------------------------------------------------------
# pure helpers


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _plain(value: Any) -> Any:
    """A dataclass (an Author, a Link) as a JSON-ready dict without empty fields.

    ``dataclasses.asdict`` deep-copies and was the single largest cost of an
    import (half the time for 20,000 records), so field names are cached.
    """
    cls = type(value)
    names = _FIELD_NAMES.get(cls)
    if names is None:
        if not (is_dataclass(value) and not isinstance(value, type)):
            return value
        names = _FIELD_NAMES[cls] = tuple(f.name for f in fields(value))
    out = {}
    for name in names:
        item = getattr(value, name)
        if item is not None and item != "":
            out[name] = item
    return out


def normalized_dois(rec: RecordLike) -> list[str]:
    """The record's DOIs normalized, de-duplicated, in the source's order."""
    out: list[str] = []
    for raw in rec.dois:
        doi = normalize_doi(raw)
        if doi and doi not in out:
            out.append(doi)
    return out


def record_values(rec: RecordLike, dois: list[str] | None = None) -> dict[str, Any]:
    """The paper columns a record proposes, with normalized keys."""
    if dois is None:
        dois = normalized_dois(rec)
    return {
        "doi": dois[0] if dois else None,
        "pmid": rec.pmid or None,
        "pmcid": rec.pmcid or None,
        "title_key": title_key(rec.title, rec.pub_year),
        "title": rec.title or "",
        "abstract": rec.abstract or "",
        "journal": (rec.journal or "")[:500],
        "journal_abbrev": (rec.journal_abbrev or "")[:200],
        "issn": rec.issn,
        "published_on": rec.published_on,
        "pub_year": rec.pub_year,
        "pub_date_text": (rec.pub_date_text or "")[:100],
        "authors": [_plain(a) for a in rec.authors],
        "publication_types": list(rec.publication_types),
        "mesh": list(rec.mesh),
        "keywords": list(rec.keywords),
        "language": rec.language,
        "citation_status": rec.citation_status,
        "is_book": bool(rec.is_book),
        "is_preprint": rec.extra.get("is_preprint") == "1" or _is_preprint_doi(dois),
        "url": rec.url,
        "entrez_on": rec.entrez_on,
        "revised_on": rec.revised_on,
        "extra": dict(rec.extra),
    }


def _is_preprint_doi(dois: Sequence[str]) -> bool:
    # bioRxiv/medRxiv (10.1101) and Research Square (10.21203) mint preprint DOIs
    return bool(dois) and dois[0].startswith(("10.1101/", "10.21203/rs."))


def record_hash(values: dict[str, Any], links: Sequence[Any]) -> str:
    """Fingerprint of what a record says, to skip re-imports of unchanged records.

    ``repr`` of the values in a fixed field order is deterministic for the
    plain types records carry and several times cheaper than sorted JSON.
    """
    payload = repr(
        (tuple(values[key] for key in CONTENT_FIELDS), [_plain(link) for link in links])
    ).encode()
    return hashlib.sha1(payload, usedforsecurity=False).hexdigest()


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def merge_values(
    old: dict[str, Any], old_source: str, new: dict[str, Any], new_source: str
) -> tuple[dict[str, Any], str]:
    """Combine what a paper holds with what a new record says.

    PubMed's curated metadata wins over a feed's; between two PubMed versions
    the later revision wins (an update file may replay an older one); a feed
    only fills fields PubMed left empty.  Returns (values, content_source).
    """
    if (old_source == "pubmed" and new_source != "pubmed") or (
        old_source == "pubmed"
        and new_source == "pubmed"
        and old.get("revised_on")
        and new.get("revised_on")
        and new["revised_on"] < old["revised_on"]
    ):
        winner, loser, source = old, new, old_source
    else:
        winner, loser, source = new, old, new_source
    merged = dict(winner)
    for key in CONTENT_FIELDS:
        if _empty(merged.get(key)) and not _empty(loser.get(key)):
            merged[key] = loser[key]
    merged["is_preprint"] = bool(winner.get("is_preprint"))
    extra = dict(loser.get("extra") or {})
    extra.update(winner.get("extra") or {})
    merged["extra"] = extra
    return merged, source


def _record_keys(values: dict[str, Any], dois: list[str]) -> list[tuple[str, str]]:
    keys: list[tuple[str, str]] = [("doi", doi) for doi in dois]
    if values["pmid"]:
        keys.append(("pmid", values["pmid"]))
    if values["pmcid"]:
        keys.append(("pmcid", values["pmcid"]))
    return keys


def _sighting_key(rec: RecordLike) -> tuple[str, str, str]:
    return (rec.source, rec.source_name[:200], rec.source_id[:500])


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


# ---------------------------------------------------------------------------
# the batch


@dataclass
class _Slot:
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


def _source_kind(rec: RecordLike) -> str:
    return "pubmed" if rec.source == "pubmed" else rec.source


class _Batch:
    def __init__(self, session: Session, records: list[RecordLike], now: datetime) -> None:
        self.session = session
        self.records = records
        self.now = now
        self.stats = IngestStats()
        self.slots: list[_Slot] = []
        self.key_slot: dict[tuple[str, str], _Slot] = {}
        self.title_slot: dict[str, list[_Slot]] = {}
        self.paper_slot: dict[int, _Slot] = {}
        self.sight_slot: dict[tuple[str, str, str], _Slot] = {}
        self.merged_into: dict[int, _Slot] = {}
        self.slot_alias: dict[int, _Slot] = {}
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
        title_keys: set[str] = set()
        for rec, values, keys in prepared:
            for kind, value in keys:
                keys_by_kind.setdefault(kind, set()).add(value)
            src, name, sid = _sighting_key(rec)
            sight_ids.setdefault((src, name), set()).add(sid)
            if values["title_key"]:
                title_keys.add(values["title_key"])
        s = self.session
        conds = [
            and_(PaperIdentifier.kind == kind, PaperIdentifier.value.in_(sorted(vals)))
            for kind, vals in keys_by_kind.items()
        ]
        if conds:
            for kind, value, pid in s.execute(
                select(PaperIdentifier.kind, PaperIdentifier.value, PaperIdentifier.paper_id).where(
                    or_(*conds)
                )
            ):
                self.db_keys[(kind, value)] = pid
        # grouped by (source, source_name) so the unique index on
        # (source, source_name, source_id) serves the lookup
        for (src, name), sids in sight_ids.items():
            for sid, pid, fingerprint in s.execute(
                select(
                    PaperSighting.source_id, PaperSighting.paper_id, PaperSighting.fingerprint
                ).where(
                    PaperSighting.source == src,
                    PaperSighting.source_name == name,
                    PaperSighting.source_id.in_(sorted(sids)),
                )
            ):
                self.db_sightings[(src, name, sid)] = pid
                self.db_fingerprints[(src, name, sid)] = fingerprint
        if title_keys:
            for pid, tkey, doi, pmid in s.execute(
                select(Paper.id, Paper.title_key, Paper.doi, Paper.pmid).where(
                    Paper.title_key.in_(sorted(title_keys))
                )
            ):
                if tkey:
                    self.db_titles.setdefault(tkey, []).append((pid, doi is not None, pmid))

    def _slot_for_paper(self, pid: int) -> _Slot:
        slot = self.paper_slot.get(pid)
        if slot is None:
            slot = _Slot(paper_id=pid, values={}, content_source="", hash="")
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
            prepared.append((rec, values, _record_keys(values, dois)))
        self._prefetch(prepared)
        # pass 1: assign every record to a slot (existing paper or new)
        assignments: list[tuple[RecordLike, dict[str, Any], list[Any], _Slot, bool, str]] = []
        for rec, values, keys in prepared:
            slot, created = self._assign(rec, values, keys)
            rhash = record_hash(values, rec.links)
            assignments.append((rec, values, keys, slot, created, rhash))
        self._load_existing([(self._resolve(a[3]), a[5], _source_kind(a[0])) for a in assignments])
        # pass 2: fold each record's values into its slot
        for rec, values, keys, slot, created, rhash in assignments:
            slot = self._resolve(slot)
            self._fold(rec, values, keys, slot, created, rhash)
        self._write()
        return self.stats

    def _resolve(self, slot: _Slot) -> _Slot:
        while slot.paper_id is not None and slot.paper_id in self.merged_into:
            slot = self.merged_into[slot.paper_id]
        while id(slot) in self.slot_alias:
            slot = self.slot_alias[id(slot)]
        return slot

    def _assign(
        self, rec: RecordLike, values: dict[str, Any], keys: list[tuple[str, str]]
    ) -> tuple[_Slot, bool]:
        found: list[_Slot] = []

        def note(slot: _Slot) -> None:
            slot = self._resolve(slot)
            if all(slot is not f for f in found):
                found.append(slot)

        for key in keys:
            if key in self.key_slot:
                note(self.key_slot[key])
            elif key in self.db_keys:
                note(self._slot_for_paper(self.db_keys[key]))
        skey = _sighting_key(rec)
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
            slot = _Slot(paper_id=None, values={}, content_source="", hash="")
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

    def _union(self, a: _Slot, b: _Slot) -> _Slot:
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

    def _load_existing(self, incoming: list[tuple[_Slot, str, str]]) -> None:
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

    def _fold(
        self,
        rec: RecordLike,
        values: dict[str, Any],
        keys: list[tuple[str, str]],
        slot: _Slot,
        created: bool,
        rhash: str,
    ) -> None:
        self.stats.seen += 1
        source_kind = _source_kind(rec)
        if slot.paper_id is None and not slot.values:
            slot.values, slot.content_source, slot.hash = values, source_kind, rhash
            slot.first_source = f"{rec.source}:{rec.source_name}"
            slot.links = list(rec.links)
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
        skey = _sighting_key(rec)
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

    # -- writing -----------------------------------------------------------------

    def _write(self) -> None:
        # Core inserts on the tables, not ORM-enabled inserts on the classes:
        # the ORM path builds each row's parameters in Python (~20 us a row),
        # which was most of a first import's cost.
        s = self.session
        now = self.now
        # merges first: move children of absorbed papers to the survivor
        for slot in self.slots:
            if slot.absorbed and slot.paper_id is not None:
                merge_papers(s, slot.paper_id, slot.absorbed)
        new_slots = [slot for slot in self.slots if slot.paper_id is None]
        if new_slots:
            rows = [
                {
                    **slot.values,
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
                self.stats.new_paper_ids.append(pid)
        updates = [
            {
                "id": slot.paper_id,
                **slot.values,
                "content_source": slot.content_source,
                "record_hash": slot.hash,
                "updated_at": now,
            }
            for slot in self.slots
            if slot.changed and slot.paper_id not in self.stats.new_paper_ids
        ]
        if updates:
            s.execute(update(Paper), updates)
            self.stats.changed_paper_ids.extend(u["id"] for u in updates)
        ident_rows = []
        for slot in self.slots:
            for kind, value in slot.keys:
                if self.db_keys.get((kind, value)) != slot.paper_id:
                    ident_rows.append({"paper_id": slot.paper_id, "kind": kind, "value": value})
        if ident_rows:
            stale = [
                and_(PaperIdentifier.kind == r["kind"], PaperIdentifier.value == r["value"])
                for r in ident_rows
                if (r["kind"], r["value"]) in self.db_keys
            ]
            for chunk in batched(stale, 200):
                s.execute(delete(PaperIdentifier).where(or_(*chunk)))
            s.execute(insert(_IDENTIFIER), ident_rows)
        sighting_rows = [
            {**row, "paper_id": slot.paper_id} for slot in self.slots for row in slot.sightings
        ]
        if sighting_rows:
            s.execute(insert(_SIGHTING), sighting_rows)
        if self.fingerprint_updates:
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
                    for (src, name, sid), fingerprint in self.fingerprint_updates.items()
                ],
            )
        link_rows = []
        replaced = [slot.paper_id for slot in self.slots if slot.links is not None]
        for chunk in batched(replaced, 900):
            s.execute(delete(PaperLink).where(PaperLink.paper_id.in_(chunk)))
        for slot in self.slots:
            if slot.links is None:
                continue
            seen: set[tuple[str, str]] = set()
            for link in slot.links:
                doi = normalize_doi(getattr(link, "doi", None))
                pmid = getattr(link, "pmid", None) or None
                citation = getattr(link, "citation", None)
                target = pmid or doi or (citation or "")[:300]
                if not target or (link.kind, target) in seen:
                    continue
                seen.add((link.kind, target))
                link_rows.append(
                    {
                        "paper_id": slot.paper_id,
                        "kind": link.kind[:40],
                        "target_key": target[:300],
                        "target_pmid": pmid,
                        "target_doi": doi,
                        "citation": citation,
                    }
                )
        if link_rows:
            s.execute(insert(_LINK), link_rows)


def _insert_papers(session: Session, rows: list[dict[str, Any]]) -> list[int]:
    """Insert new paper rows; their ids, in the order of ``rows``.

    On PostgreSQL the ids are drawn from the table's sequence first and the
    rows inserted with them: INSERT ... RETURNING over many rows makes
    SQLAlchemy render one statement with a placeholder per value, which
    psycopg then re-parses in Python (~9 s for the 20,788 papers of an update
    file, 70% of the import); a plain executemany of one short statement is
    pipelined and parsed once.  SQLite has no sequence to draw from, and its
    multi-row INSERT ... RETURNING is fast.
    """
    if session.get_bind().dialect.name == "postgresql":
        ids = list(
            session.scalars(
                text(
                    "SELECT nextval(pg_get_serial_sequence('paper', 'id')) "
                    "FROM generate_series(1, :n)"
                ),
                {"n": len(rows)},
            )
        )
        session.execute(
            insert(_PAPER), [{**row, "id": pid} for row, pid in zip(rows, ids, strict=True)]
        )
        return ids
    return list(
        session.scalars(
            insert(_PAPER).returning(_PAPER.c.id, sort_by_parameter_order=True), rows
        ).all()
    )


def merge_papers(session: Session, survivor: int, absorbed: Sequence[int]) -> None:
    """Fold papers ``absorbed`` into ``survivor``: re-point every child row, delete them.

    Every table with a foreign key to ``paper.id`` is handled, including those
    added later (triage, editor actions, digests): a row that may exist once
    per paper (a unique paper_id) is dropped in favour of the survivor's.
    """
    from storage.base import Base

    paper_table = Paper.__table__
    for table in Base.metadata.sorted_tables:
        for fk in table.foreign_keys:
            if fk.column.table is not paper_table:
                continue
            col = fk.parent
            unique_alone = col.primary_key or any(
                list(c.columns) == [col]
                for c in table.constraints
                if isinstance(c, UniqueConstraint)
            )
            if table.name == "paper_identifier" or table.name == "paper_sighting":
                session.execute(
                    table.update().where(col.in_(absorbed)).values({col.name: survivor})
                )
            elif unique_alone:
                session.execute(table.delete().where(col.in_(absorbed)))
            else:
                session.execute(
                    table.update().where(col.in_(absorbed)).values({col.name: survivor})
                )
    first_seen = session.scalar(
        select(Paper.first_seen_at).where(Paper.id.in_([survivor, *absorbed]))
        .order_by(Paper.first_seen_at).limit(1)
    )  # fmt: skip
    session.execute(delete(Paper).where(Paper.id.in_(absorbed)))
    session.execute(update(Paper).where(Paper.id == survivor).values(first_seen_at=first_seen))
    log.info("papers merged survivor=%s absorbed=%s", survivor, list(absorbed))


def ingest_batch(
    session: Session, records: list[RecordLike], now: datetime | None = None
) -> IngestStats:
    """Store one batch in the caller's transaction."""
    return _Batch(session, records, now or utcnow()).run()


def _rowcount(result: object) -> int:
    return int(result.rowcount or 0) if isinstance(result, CursorResult) else 0


def resolve_links(session: Session) -> int:
    """Point links at their target papers once those are stored (now or later)."""
    by_pmid = (
        select(PaperIdentifier.paper_id)
        .where(PaperIdentifier.kind == "pmid", PaperIdentifier.value == PaperLink.target_pmid)
        .scalar_subquery()
    )
    by_doi = (
        select(PaperIdentifier.paper_id)
        .where(PaperIdentifier.kind == "doi", PaperIdentifier.value == PaperLink.target_doi)
        .scalar_subquery()
    )
    n1 = _rowcount(
        session.execute(
            update(PaperLink)
            .where(PaperLink.target_paper_id.is_(None), PaperLink.target_pmid.is_not(None))
            .values(target_paper_id=by_pmid)
            .execution_options(synchronize_session=False)
        )
    )
    n2 = _rowcount(
        session.execute(
            update(PaperLink)
            .where(
                PaperLink.target_paper_id.is_(None),
                PaperLink.target_pmid.is_(None),
                PaperLink.target_doi.is_not(None),
            )
            .values(target_paper_id=by_doi)
            .execution_options(synchronize_session=False)
        )
    )
    return n1 + n2


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


def apply_deletions(session: Session, pmids: Sequence[str], now: datetime | None = None) -> int:
    """Soft-delete papers whose PMID NLM withdrew (DeleteCitation).

    Rows are kept (with their sightings and editor history) but leave every
    list and digest; nothing stored is lost.
    """
    if not pmids:
        return 0
    count = 0
    for chunk in batched(sorted(set(pmids)), 900):
        ids = select(PaperIdentifier.paper_id).where(
            PaperIdentifier.kind == "pmid", PaperIdentifier.value.in_(chunk)
        )
        result = session.execute(
            update(Paper)
            .where(Paper.id.in_(ids), Paper.deleted_at.is_(None))
            .values(deleted_at=now or utcnow())
            .execution_options(synchronize_session=False)
        )
        count += _rowcount(result)
    return count


class _PlannerStats:
    """Refresh PostgreSQL's table statistics during a large import.

    The per-batch lookups (identifiers, sightings, title keys, papers by id)
    are planned from statistics taken when the tables were small; after a bulk
    load PostgreSQL keeps choosing sequential scans until autovacuum gets to
    ANALYZE, and each batch gets slower as the tables grow.  Measured on the
    20,788-record update file: a re-import took 18 s with stale statistics and
    3.7 s after ANALYZE.  So every ``every`` written rows the ingest tables are
    analyzed (about 0.1 s each time); SQLite needs no such thing.
    """

    TABLES = ("paper", "paper_identifier", "paper_sighting", "paper_link")

    def __init__(self, factory: sessionmaker[Session], every: int = 5000) -> None:
        self.factory = factory
        self.every = every
        self.pending = 0
        self.enabled: bool | None = None

    def rows_written(self, rows: int) -> None:
        self.pending += rows
        if self.pending < self.every:
            return
        self.pending = 0
        with self.factory() as session:
            if self.enabled is None:
                self.enabled = session.get_bind().dialect.name == "postgresql"
            if not self.enabled:
                return
            try:
                # never wait behind a VACUUM or index build: statistics can wait
                session.execute(text("SET LOCAL lock_timeout = '2s'"))
                session.execute(text(f"ANALYZE {', '.join(self.TABLES)}"))
                session.commit()
            except SQLAlchemyError as exc:
                # an optimisation only: the import goes on, without further ANALYZE
                session.rollback()
                self.enabled = False
                log.warning("ANALYZE skipped error=%s", str(exc).splitlines()[0])


def ingest_records(
    factory: sessionmaker[Session],
    items: Iterable[Any],
    *,
    batch_size: int = BATCH_SIZE,
    now: datetime | None = None,
    on_batch: Any = None,
) -> IngestStats:
    """Store a stream of records (and DeletedCitations), committing per batch.

    ``items`` may yield objects with a ``pmids`` attribute (deletions); they
    are applied after the records before them are stored.  Objects with a
    true ``unchanged`` attribute stand for records skipped unparsed because
    their source stored the very same bytes before (see
    :func:`known_fingerprints`): they are counted, nothing is written.  ``on_batch`` is
    called with the running stats after each commit (progress bars).
    """
    total = IngestStats()
    pending: list[RecordLike] = []
    planner = _PlannerStats(factory)

    def flush() -> None:
        if not pending:
            return
        with factory() as session, session.begin():
            stats = ingest_batch(session, list(pending), now)
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
        if getattr(item, "unchanged", False):
            # a record this source gave byte for byte before (the parser
            # skipped it): what storing it would have counted, and no more
            total.seen += 1
            total.duplicates += 1
            if on_batch is not None and total.seen % batch_size == 0:
                on_batch(total)
            continue
        if hasattr(item, "pmids"):
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
    return total
