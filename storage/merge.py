"""What a record proposes for its paper, and how it merges with what is stored.

Pure functions, no database: the paper columns a record proposes
(:func:`record_values`, with normalized DOIs and title key), its fingerprint
of content (:func:`record_hash`, to skip re-imports of unchanged records), the
keys it matches papers by, and :func:`merge_values`, the rule by which a new
record and a stored paper combine (PubMed's curated metadata wins over a
feed's; the later PubMed revision wins).  The batch writer
(storage/batch.py) applies them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields, is_dataclass
from typing import Any

from storage.handoff import RecordLike
from storage.hashes import sha1
from storage.keys import normalize_doi, title_key

# Bibliographic fields a record writes onto its paper.
CONTENT_FIELDS = (
    "doi", "pmid", "pmcid", "title_key", "title", "abstract", "journal", "journal_abbrev",
    "issn", "published_on", "pub_year", "pub_date_text", "authors", "publication_types",
    "mesh", "keywords", "language", "citation_status", "is_book", "is_preprint", "url",
    "entrez_on", "revised_on", "extra",
)  # fmt: skip


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


def link_values(links: Sequence[Any]) -> list[dict[str, Any]]:
    """The ``paper_link`` columns a record's links propose (without ``paper_id``):
    DOIs normalized, one row per kind and target, links with no target dropped.

    Shared by the write path (storage/batch_write.py) and whatever needs a
    record's links as they will be stored before it is stored (the import's
    parse child classifies records as written: monitor/ingest/pretriage.py).
    """
    rows: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    for link in links:
        doi = normalize_doi(getattr(link, "doi", None))
        pmid = getattr(link, "pmid", None) or None
        citation = getattr(link, "citation", None)
        target = pmid or doi or (citation or "")[:300]
        if not target or (link.kind, target) in seen:
            continue
        seen.add((link.kind, target))
        rows.append(
            {
                "kind": link.kind[:40],
                "target_key": target[:300],
                "target_pmid": pmid,
                "target_doi": doi,
                "citation": citation,
            }
        )
    return rows


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
    return sha1(payload, usedforsecurity=False).hexdigest()


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


def record_keys(values: dict[str, Any], dois: list[str]) -> list[tuple[str, str]]:
    keys: list[tuple[str, str]] = [("doi", doi) for doi in dois]
    if values["pmid"]:
        keys.append(("pmid", values["pmid"]))
    if values["pmcid"]:
        keys.append(("pmcid", values["pmcid"]))
    return keys


def sighting_key(rec: RecordLike) -> tuple[str, str, str]:
    return (rec.source, rec.source_name[:200], rec.source_id[:500])
