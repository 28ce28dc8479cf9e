"""Parse a PubMed file in a second process while this one stores the records.

Parsing and storing each take one core; on the 2-core machines scimon runs on,
overlapping them is what brings a file import above the speed of the slower
half alone.  The worker sends records in batches over a bounded queue, so
memory stays flat (at most ``depth`` batches in flight) however large the
file, and a parse error reaches the caller after every record before it.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import os
import queue
from collections.abc import Iterator
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

_BATCH = 500
_DEPTH = 4


def _produce(path: str, source_name: str, out: Any, parent: int) -> None:
    """Worker body: parse ``path`` and put batches, then a final status message."""
    from monitor.parse_pubmed import PubmedParseError, iter_pubmed

    def put(item: tuple[str, Any]) -> bool:
        while True:
            try:
                out.put(item, timeout=1.0)
                return True
            except queue.Full:
                if os.getppid() != parent:  # the importer died: stop, don't block forever
                    return False

    batch: list[Any] = []
    try:
        for item in iter_pubmed(Path(path), source_name=source_name):
            batch.append(item)
            if len(batch) >= _BATCH:
                if not put(("items", batch)):
                    return
                batch = []
        if batch and not put(("items", batch)):
            return
        put(("done", None))
    except PubmedParseError as exc:
        if batch:
            put(("items", batch))
        put(("parse_error", str(exc)))
    except OSError as exc:
        put(("os_error", str(exc)))
    except Exception as exc:  # reported to the parent, which raises it
        put(("error", f"{type(exc).__name__}: {exc}"))


def iter_pubmed_parallel(path: Path, *, source_name: str) -> Iterator[Any]:
    """Like ``iter_pubmed`` but parsed in a worker process; same items, same errors."""
    from monitor.parse_pubmed import PubmedParseError

    ctx = mp.get_context("spawn")
    out = ctx.Queue(maxsize=_DEPTH)
    worker = ctx.Process(
        target=_produce, args=(str(path), source_name, out, os.getpid()), daemon=True
    )
    worker.start()
    try:
        while True:
            try:
                kind, payload = out.get(timeout=5.0)
            except queue.Empty:
                if not worker.is_alive():
                    raise RuntimeError(
                        f"{path}: parser process died (exit code {worker.exitcode})"
                    ) from None
                continue
            if kind == "items":
                yield from payload
            elif kind == "done":
                return
            elif kind == "parse_error":
                raise PubmedParseError(payload)
            elif kind == "os_error":
                raise OSError(payload)
            else:
                raise RuntimeError(f"{path}: {payload}")
    finally:
        if worker.is_alive():
            worker.terminate()
        worker.join(timeout=5)
        out.close()
