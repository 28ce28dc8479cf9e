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

A :class:`ChildTask` gives the child more of the work: it runs a function
on each parsed batch and the parent receives the result before that batch's
items (``scimon import`` classifies records there, so that triage no longer
runs on the storing core alone; ``monitor.triage.run.InlineTriage``).  The
function is named, not pickled, and built once in the child from picklable
arguments.  Its result is a hint the parent may use or ignore: it is handed
over as it comes, and whatever the parent does not receive (a small file
parsed in-process) it computes itself.

The child also learns, from the pipe, which side is the slower: when its
writes block, the parent has not read what it has, so the child has time to
spare; the task is told (``load``, 0 to 1, how much of the batch to do) and
takes more of each batch, or less when the parent waits on the child.
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
import time
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import IO, Any

from monitor.parse.pubmed import Item, PubmedParseError, iter_pubmed

# below this size (bytes on disk) the child's start-up costs more than it saves
MIN_SIZE = 4_000_000
BATCH = 250
_HEADER = struct.Struct("!cQ")  # kind, payload length
_ITEMS, _ERROR, _DONE = b"i", b"e", b"d"


@dataclass(frozen=True)
class ChildTask:
    """Work done in the child on each parsed batch (see the module docstring).

    ``factory`` names a module-level function (``"package.module:function"``)
    the child calls once with ``args`` (picklable); it returns the per-batch
    function ``(items, load) -> result`` where ``load`` in [0, 1] is the share of
    the batch the child has time for.  ``on_result`` is called in the parent
    with each batch's result (picklable) before that batch's items are
    yielded.
    """

    factory: str
    args: tuple[Any, ...]
    on_result: Callable[[Any], None]


def iter_pubmed_readahead(
    path: Path,
    *,
    source_name: str,
    known: Collection[str] | None = None,
    min_size: int = MIN_SIZE,
    task: ChildTask | None = None,
) -> Iterator[Item]:
    """``iter_pubmed(path, known=known)``, parsed in a child process when the file is large;
    ``task``: more work for the child on each batch (not run for a small file)."""
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
            (
                None if known is None else frozenset(known),
                None if task is None else (task.factory, task.args),
            ),
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
            items, result = loaded
            if task is not None and result is not None:
                task.on_result(result)
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


def _write_frame(stream: IO[bytes], kind: bytes, obj: Any) -> float:
    """Write one frame; the seconds the write was blocked on a full pipe."""
    payload = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    started = time.perf_counter()
    stream.write(_HEADER.pack(kind, len(payload)))
    stream.write(payload)
    stream.flush()
    return time.perf_counter() - started


# how much of each batch the child's task takes on, and how it moves: up while
# the child's writes block (the parent is the slower side), down when they do not
_LOAD_START, _LOAD_STEP, _BLOCKED = 0.7, 0.05, 0.002


def _task_of(spec: tuple[str, tuple[Any, ...]] | None) -> Callable[[list[Item], float], Any] | None:
    if spec is None:
        return None
    name, args = spec
    module, _, function = name.partition(":")
    factory: Callable[..., Callable[[list[Item], float], Any]] = getattr(
        import_module(module), function
    )
    return factory(*args)


def _child(path: str, source_name: str) -> int:
    """Parse and write batches to stdout; the error, if any, after the records."""
    logging.basicConfig(
        level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    known, spec = pickle.load(sys.stdin.buffer)  # noqa: S301 - from our own parent
    work = _task_of(spec)
    load = _LOAD_START
    out = sys.stdout.buffer
    batch: list[Item] = []

    def send(items: list[Item]) -> None:
        nonlocal load
        result = None if work is None else work(items, load)
        blocked = _write_frame(out, _ITEMS, (items, result))
        step = _LOAD_STEP if blocked > _BLOCKED else -_LOAD_STEP
        load = min(1.0, max(0.0, load + step))

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
