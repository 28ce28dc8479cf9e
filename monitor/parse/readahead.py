"""Parse a large PubMed file in a child process while this one stores it.

``scimon import`` of an NLM update file spends about 40% of its time parsing
and 60% storing, one after the other, on one core.  Parsing in a child
process overlaps the two on a second core: the 20,788-record update file
imports in ~6 s instead of ~8.5 s (benchmarks/ingest.py).  Threads cannot do
this: lxml keeps the GIL while it parses.

The child is a plain ``python -m monitor.parse.readahead FILE`` whose stdout
carries pickled batches, not a ``multiprocessing`` worker: nothing of the
parent (its main module, threads, database connections) is re-imported or
inherited, and the pipe gives both the limits wanted.  The child blocks once
the parent holds four unread batches and the pipe is full (memory stays
flat: ~120 MB for both processes on an update file), and it dies of a broken
pipe as soon as the parent is gone (a killed import leaves no orphan).

The parent sends the child the fingerprints of records already stored from
this file on its stdin (see monitor/parse/raw_records.py).

What the caller sees is exactly ``iter_pubmed``: the same items in the same
order, and a malformed file raises the same PubmedParseError after every
complete record before the fault.  Small files are parsed in-process: the
child costs a few hundred milliseconds to start.

``scimon import`` with triage parses in-process instead and classifies in a
child (monitor/ingest/classifier.py): this child serves ``--no-triage``.
"""

from __future__ import annotations

import contextlib
import logging
import pickle
import queue
import struct
import subprocess
import sys
import threading
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import IO, Any

from monitor.parse.pubmed import Item, PubmedParseError, iter_pubmed

# below this size (bytes on disk) the child's start-up costs more than it saves
MIN_SIZE = 4_000_000
BATCH = 250
_HEADER = struct.Struct("!cQ")  # kind, payload length
_ITEMS, _ERROR, _DONE = b"i", b"e", b"d"


def iter_pubmed_readahead(
    path: Path,
    *,
    source_name: str,
    known: Collection[str] | None = None,
    min_size: int = MIN_SIZE,
) -> Iterator[Item]:
    """``iter_pubmed(path, known=known)``, parsed in a child process when the file is large."""
    if Path(path).stat().st_size < min_size:
        yield from iter_pubmed(path, source_name=source_name, known=known)
        return
    child = subprocess.Popen(
        [sys.executable, "-m", "monitor.parse.readahead", str(path), source_name],
        stdin=subprocess.PIPE,  # the known fingerprints, then closed
        stdout=subprocess.PIPE,  # stderr is ours: its warnings and errors show as they happen
    )
    assert child.stdin is not None and child.stdout is not None
    try:
        # the child reads these before it writes anything: no deadlock
        pickle.dump(
            None if known is None else frozenset(known),
            child.stdin,
            protocol=pickle.HIGHEST_PROTOCOL,
        )
    except BrokenPipeError:
        pass  # the child died at start: reading its output reports it
    except BaseException:
        child.kill()
        child.wait()
        raise
    finally:
        with contextlib.suppress(OSError):
            child.stdin.close()
    with contextlib.suppress(ImportError, OSError, AttributeError):
        import fcntl  # Linux: a 1 MB pipe means fewer wake-ups of either side

        fcntl.fcntl(child.stdout.fileno(), fcntl.F_SETPIPE_SZ, 1 << 20)
    # A thread drains the pipe into a small queue of raw frames, so the child
    # parses ahead while this thread stores (a pipe holds less than a batch of
    # ~750 KB); reading a pipe releases the GIL.
    frames: queue.Queue[tuple[bytes | None, bytes]] = queue.Queue(maxsize=4)
    stop = threading.Event()
    reader = threading.Thread(
        target=_drain, args=(child.stdout, frames, stop), name="readahead", daemon=True
    )
    reader.start()
    try:
        while True:
            kind, payload = frames.get()
            if kind == _DONE:
                break
            if kind is None:
                child.wait(timeout=30)
                raise RuntimeError(
                    f"parser process for {Path(path).name} ended early "
                    f"(exit code {child.returncode}; its error is above)"
                )
            loaded = pickle.loads(payload)  # noqa: S301 - our own child's output
            if kind == _ERROR:
                raise loaded
            items: list[Item] = loaded
            del loaded
            yield from items
    finally:
        stop.set()
        if child.poll() is None:
            child.kill()
        child.wait()
        reader.join(timeout=5)
        child.stdout.close()


def _drain(
    stream: IO[bytes], frames: queue.Queue[tuple[bytes | None, bytes]], stop: threading.Event
) -> None:
    while not stop.is_set():
        frame = _read_frame(stream)
        while not stop.is_set():
            try:
                frames.put(frame, timeout=0.2)
                break
            except queue.Full:
                continue
        if frame[0] in (None, _DONE, _ERROR):
            return


def _read_frame(stream: IO[bytes]) -> tuple[bytes | None, bytes]:
    header = stream.read(_HEADER.size)
    if len(header) < _HEADER.size:
        return None, b""
    kind, size = _HEADER.unpack(header)
    payload = stream.read(size)
    if len(payload) < size:
        return None, b""
    return kind, payload


def _write_frame(stream: IO[bytes], kind: bytes, obj: Any) -> None:
    payload = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(kind, len(payload)))
    stream.write(payload)
    stream.flush()


def _child(path: str, source_name: str) -> int:
    """Parse and write batches to stdout; the error, if any, after the records."""
    logging.basicConfig(
        level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    known = pickle.load(sys.stdin.buffer)  # noqa: S301 - from our own parent
    out = sys.stdout.buffer
    batch: list[Item] = []

    def send(items: list[Item]) -> None:
        _write_frame(out, _ITEMS, items)

    try:
        for item in iter_pubmed(path, source_name=source_name, known=known):
            batch.append(item)
            if len(batch) >= BATCH:
                send(batch)
                batch = []
    except (PubmedParseError, OSError) as exc:
        if batch:
            send(batch)
        _write_frame(out, _ERROR, exc)
        return 0
    if batch:
        send(batch)
    _write_frame(out, _DONE, None)
    return 0


if __name__ == "__main__":
    sys.exit(_child(sys.argv[1], sys.argv[2]))
