"""Cut an iterable into lists of at most ``size`` items.

Storage works in batches everywhere (records per transaction, ids per ``IN``
list, which SQLite caps at a few hundred parameters on old builds); this is
the one helper they share, apart from the modules that use it so that a
caller needing only this (storage.runs, the query evaluation) imports nothing
of the ingest.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TypeVar

T = TypeVar("T")


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of ``size`` items (the last one shorter), lazily."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk
