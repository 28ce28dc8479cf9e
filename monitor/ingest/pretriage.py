"""Classify an import's records in its parse child, as they will be written (issue 23).

``scimon import`` parses in a child process (monitor/parse/readahead.py) and
stores in the parent, which also classified every written paper: with
triage on the storing core, a 2-core machine left one core idle half the
time.  Here the child classifies the records it has just parsed, as a
:class:`~monitor.parse.readahead.ChildTask`, and hands each triage over with
a key of what it classified.

What a triage says depends only on the record triage reads
(``monitor.records.record_from_written``: a paper's stored columns and
links).  The child builds that record from a parsed one as a first import
would store it (``storage.merge.record_values`` and ``link_values``), and
keys each triage by a digest of that record.  The parent
(``monitor.triage.run.InlineTriage``) uses a triage only when the paper it
wrote gives the same key: a record merged with a stored paper, or folded
with another of its batch, is written differently, and the parent classifies
it itself.  So the rows are those the parent would have made.

The child does as much of each batch as it has time for (``load``, see
readahead.py); the parent classifies the rest.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from monitor.records import PaperRecord, record_from_stored
from storage.handoff import StoredLink
from storage.merge import link_values, record_values

if TYPE_CHECKING:
    from monitor.config_models import Vocabulary
    from monitor.parse.pubmed import Item
    from monitor.triage import Triage

# what the child sends per batch: the rules' version and (key, triage) pairs
Pretriaged = tuple[str, list[tuple[bytes, "Triage"]]]


def triage_key(record: PaperRecord) -> bytes:
    """A digest of everything triage can read of ``record``.

    ``repr`` of the dataclass lists every field in a fixed order, and is the
    same in both processes (unlike ``hash`` of strings, salted per process).
    """
    text = repr(record).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(text, digest_size=16).digest()


def as_written(record: PaperRecord) -> PaperRecord:
    """The record triage would read back from ``record`` stored as a new paper."""
    links = [
        StoredLink(row["kind"], row["target_pmid"], row["target_doi"], row["citation"])
        for row in link_values(record.links)
    ]
    return record_from_stored(
        0,
        record_values(record),
        "pubmed" if record.source == "pubmed" else record.source,
        f"{record.source}:{record.source_name}"[:200],
        links,
        for_triage=True,
    )


def pretriager(
    rules_file: str, vocabulary: Vocabulary
) -> Callable[[list[Item], float], Pretriaged]:
    """The child's per-batch function (a ChildTask's ``factory``): the rules are
    compiled once, in the child."""
    from monitor.triage import classify_many, load_rules

    rules = load_rules(Path(rules_file), vocabulary)

    def classify(items: list[Item], load: float) -> Pretriaged:
        records = [item for item in items if isinstance(item, PaperRecord)]
        records = records[: math.ceil(len(records) * load)]
        written = [as_written(r) for r in records]
        triages = classify_many(written, rules)
        # what the confidence model read is not stored: not worth the pipe
        return rules.version, [
            (triage_key(w), replace(t, features=())) for w, t in zip(written, triages, strict=True)
        ]

    return classify
