"""``scimon import`` classifies in a process of its own while this one parses and stores.

Before (issue 23), the import parsed in a child process and stored in the
parent, and both classified (the child what it had time for, the parent the
rest), so both held the triage rules and the automata RE2 grows for them
(~50-60 MiB each), and the parent also the parse and store path: 261 MiB
for the two.  Here the work is split by what it needs in memory:

- this process parses (lxml, in-process) and stores (SQLAlchemy) and imports
  no triage module (``monitor.ingest.triage_pass`` saves the rows);
- the child (monitor/ingest/classify_child.py) holds the rules and only
  classifies: no lxml, no SQLAlchemy, no pydantic (this process checks the
  rules file and sends the child the checked values, a ``RuleSpec``).

Overlap: :meth:`ApartTriage.ahead` sends each chunk of parsed records to the
child one chunk before the store path reaches them, so the child classifies
chunk N+1 while this process stores chunk N.  Each batch's triage rows are
back before the batch commits (``after_write`` waits for them), so a paper is
never stored untriaged, even by an import killed part-way.

Rows are those of the two-pass path: the child classifies a parsed record as
a first import would write it (``monitor.ingest.pretriage.as_written``); a
paper takes that triage only when the batch wrote it from that very record and
nothing else (``WrittenPaper.parsed``: the values and links the record
proposed, by identity); a paper written otherwise (merged with a stored paper
or with another record of its batch) is sent to the child again, as written,
and classified in the batch.  (Before, both processes keyed each record by a
digest of its ``repr``, and the storing process rebuilt every written paper's
record to compute its key: ~4% of that process, the import's critical path.)
"""

from __future__ import annotations

import contextlib
import logging
import os
import subprocess
import sys
import threading
import weakref
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from monitor.ingest.classify_child import read_frame, write_frame
from monitor.ingest.triage_pass import TriagePass
from monitor.records import PaperRecord, for_triage, record_from_written
from monitor.rule_spec import RuleSpec, read_rule_spec
from storage.base import utcnow
from storage.handoff import IngestItem, WrittenPaper

if TYPE_CHECKING:
    from monitor.app import App
    from storage.session import UnitOfWork


log = logging.getLogger(__name__)

# how the classifying process is started (a test starts one that never answers)
CHILD = (sys.executable, "-m", "monitor.ingest.classify_child")
# the folder this process's ``monitor`` package was imported from: the child imports
# the same code.  ``python -m`` puts the working directory first on the path, so
# ``scimon`` (installed) run from inside another checkout started that checkout's
# child: another version of the protocol (imp9's answers are values, not (key,
# values) pairs: "TypeError: 'tuple' object is not a mapping", the file not
# imported) or, worse, the same protocol with other triage code (fixi9)
_CODE_ROOT = str(Path(__file__).resolve().parents[2])


def _child_env() -> dict[str, str]:
    """The child's environment: this process's, its own code first on the path and
    not the working directory (PYTHONSAFEPATH), and RE2's lean budgets."""
    paths = [_CODE_ROOT, *(p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p)]
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(paths),
        "PYTHONSAFEPATH": "1",
        # memory, not CPU, bounds this child: RE2's lean budgets (fastre.LEAN)
        "SCIMON_REGEX_MEMORY": "lean",
    }


class ClassifierGone(RuntimeError):
    """The classifying process ended before answering (its error is on stderr)."""


class ClassifyError(RuntimeError):
    """The classifying process failed on a request (a record triage raises on; the
    traceback is on stderr): the batch that holds the record fails, the child goes on."""


class Classifier:
    """The classifying child: requests go out on its stdin, answers are read by a thread.

    The thread drains the child's stdout as answers come, so the child never
    blocks on a full pipe while this process blocks writing to it.
    """

    # seconds the child may take to compile the rules and say it is ready (about 1-2 s
    # on an idle machine): a child that never comes up fails the import, not hangs it
    READY_TIMEOUT = 300.0

    def __init__(self, spec: RuleSpec, *, ready_timeout: float | None = None) -> None:
        self._proc = subprocess.Popen(
            CHILD,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,  # stderr is ours: its errors show as they happen
            env=_child_env(),
        )
        assert self._proc.stdin is not None and self._proc.stdout is not None
        self._stdin, self._stdout = self._proc.stdin, self._proc.stdout
        with contextlib.suppress(ImportError, OSError, AttributeError):
            import fcntl  # Linux: a 1 MB pipe holds a chunk of records; fewer wake-ups

            for stream in (self._stdin, self._stdout):
                fcntl.fcntl(stream.fileno(), fcntl.F_SETPIPE_SZ, 1 << 20)
        timeout = self.READY_TIMEOUT if ready_timeout is None else ready_timeout
        try:
            first = self._handshake(spec, timeout)
        except BaseException:
            self.close()
            raise
        if first is None or first[0] == "error":
            self.close()
            if first is None:
                code = self._proc.returncode
                raise ClassifierGone(f"classifying process ended at start (exit code {code})")
            raise first[1]
        self.version: str = first[1]
        self._answers: dict[int, Any] = {}
        self._gone = False
        self._ready = threading.Condition()
        self._next = 0
        self._reader = threading.Thread(target=self._read, name="classifier", daemon=True)
        self._reader.start()

    def _handshake(self, spec: RuleSpec, timeout: float) -> Any:
        """Send the rules, and the child's first answer; ClassifierGone (the child
        killed) if none comes within ``timeout`` seconds.  Both ends run in a thread:
        a child that reads nothing blocks the write as well as the read."""
        got: list[Any] = []

        def exchange() -> None:
            try:
                write_frame(self._stdin, spec)
                got.append(read_frame(self._stdout))
            except BaseException as exc:  # raised below, in the caller's thread
                got.append(exc)

        thread = threading.Thread(target=exchange, name="classifier-start", daemon=True)
        thread.start()
        thread.join(timeout)
        if thread.is_alive():
            self._proc.kill()  # its pipes close: the thread's write or read ends
            thread.join()
            raise ClassifierGone(
                f"classifying process did not come up within {timeout:g} s "
                "(no answer to the triage rules it was sent); killed"
            )
        if isinstance(got[0], BaseException):
            raise got[0]
        return got[0]

    def _read(self) -> None:
        """The reader thread: each answer kept by its request's number.  At the end of the
        child's output, or a frame that does not unpickle, the child counts as gone and
        whoever waits for an answer raises ClassifierGone instead of blocking."""
        while True:
            try:
                answer = read_frame(self._stdout)
            except Exception:  # a cut or unreadable frame: the child is gone
                answer = None
            with self._ready:
                if answer is None:
                    self._gone = True
                else:
                    self._answers[answer[0]] = answer[1]
                self._ready.notify_all()
            if answer is None:
                return

    def send(self, kind: str, records: list[Any]) -> int:
        """Send a request (see classify_child.py); the number to wait for its answer by."""
        seq = self._next
        self._next += 1
        try:
            write_frame(self._stdin, (kind, seq, records))
        except (BrokenPipeError, OSError) as exc:
            raise ClassifierGone(f"classifying process is gone ({exc})") from exc
        return seq

    def answer(self, seq: int) -> Any:
        """The answer to request ``seq``, waited for."""
        with self._ready:
            while seq not in self._answers:
                if self._gone:
                    self._proc.poll()
                    raise ClassifierGone(
                        "classifying process ended early "
                        f"(exit code {self._proc.returncode}; its error is above)"
                    )
                self._ready.wait()
            return self._answers.pop(seq)

    def close(self) -> None:
        """End the child (its stdin closed: it exits) and reap it."""
        with contextlib.suppress(OSError):
            self._stdin.close()
        try:
            self._proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        reader = getattr(self, "_reader", None)
        if reader is not None:
            reader.join(timeout=5)
        with contextlib.suppress(OSError):
            self._stdout.close()


class ApartTriage(TriagePass):
    """Triage in the import pass, classified in the child: ``ingest_records``'s
    ``after_write``, with :meth:`ahead` around the parsed records.

    Starting it checks the triage rules file here (a broken one raises
    ConfigError, before anything is stored) and starts the child, which compiles
    the rules it is sent (a pattern that does not compile raises here too).  :meth:`close` (or
    :meth:`finish`) ends the child.
    """

    # records sent and not (yet) matched to a written paper: a record stored
    # unchanged, or folded into another, is never matched, so the oldest are dropped
    KEEP = 4_000

    def __init__(self, app: App, *, chunk: int = 250) -> None:
        """Start the child; ``chunk``: records per request, as many as a file import's
        batch (monitor.ingest.run.IMPORT_BATCH), so that the child classifies one chunk
        while this process stores the one before."""
        settings = app.settings
        spec = read_rule_spec(settings.named_file("triage"), settings.config.vocabulary)
        self._classifier = Classifier(spec)
        super().__init__(self._classifier.version)
        self.chunk = chunk
        # id of a record sent -> (a weak reference to it, its request, its place in it):
        # the reference tells the record from a later one given the same id
        self._sent_at: OrderedDict[int, tuple[weakref.ref[PaperRecord], int, int]] = (
            OrderedDict()
        )
        # request -> the triage values of its records, in order (None: the child failed)
        self._parsed: dict[int, list[dict[str, Any]] | None] = {}
        self._answered = -1  # every request up to this one is in ``_parsed``
        self._sent = -1
        self.ahead_used = 0  # papers given the triage of their parsed record
        self.as_written = 0  # papers classified as written (merged, folded)

    def ahead(self, items: Iterable[IngestItem]) -> Iterator[IngestItem]:
        """``items``, in order, each chunk's records sent to the child one chunk before
        they are yielded; an error of ``items`` is raised after every item before it."""
        iterator = iter(items)
        held: list[IngestItem] = []
        while True:
            chunk: list[IngestItem] = []
            error: Exception | None = None
            try:
                for item in iterator:
                    chunk.append(item)
                    if len(chunk) >= self.chunk:
                        break
            except Exception as exc:  # bad input part-way: what came before is stored
                error = exc
            self._send_parsed(chunk)
            yield from held
            held = chunk
            if error is not None:
                yield from held
                raise error
            if len(chunk) < self.chunk:
                yield from held
                return

    def _send_parsed(self, items: list[IngestItem]) -> None:
        records = [item for item in items if isinstance(item, PaperRecord)]
        if not records:
            return
        seq = self._classifier.send("parsed", [for_triage(r) for r in records])
        self._sent = seq
        sent_at = self._sent_at
        for i, record in enumerate(records):
            # an id freed and given to a new record: its entry goes last, where its
            # request is (assigning to the old key kept the old place, ahead of older
            # entries, so the pruning by request stopped at it and held them)
            sent_at.pop(id(record), None)
            sent_at[id(record)] = (weakref.ref(record), seq, i)
        while len(sent_at) > self.KEEP:
            sent_at.popitem(last=False)

    def _take_until(self, seq: int) -> None:
        """Receive the answers of every request up to ``seq``."""
        while self._answered < seq:
            at = self._answered + 1
            got = self._classifier.answer(at)
            # a chunk the child failed on gives nothing: its papers are sent again as
            # written, and the batch that holds the bad record fails on it
            self._parsed[at] = None if isinstance(got, str) else got
            self._answered = at

    def _where(self, paper: WrittenPaper) -> tuple[int, int] | None:
        """(request, place) of the record ``paper`` was written from as parsed, if sent."""
        record = paper.parsed
        if record is None:
            return None
        entry = self._sent_at.pop(id(record), None)
        if entry is None or entry[0]() is not record:
            return None
        return entry[1], entry[2]

    def __call__(self, session: UnitOfWork, papers: list[WrittenPaper]) -> None:
        """Save the batch's triage rows before it commits: a paper written as it was
        parsed takes its parsed record's answer, waited for; the others are classified
        as written, now.  Nothing of the batch commits untriaged."""
        where = [self._where(p) for p in papers]
        self._take_until(max((w[0] for w in where if w is not None), default=-1))
        values: list[dict[str, Any] | None] = []
        for w in where:
            answers = self._parsed.get(w[0]) if w is not None else None
            values.append(answers[w[1]] if answers is not None and w is not None else None)
        # records reach the batches in the order they were sent: one sent before the
        # earliest this batch matched was in an earlier batch, and is never matched now
        low = min((w[0] for w in where if w is not None), default=-1)
        while self._sent_at and next(iter(self._sent_at.values()))[1] < low:
            self._sent_at.popitem(last=False)
        for seq in [s for s in self._parsed if s < low]:
            del self._parsed[seq]
        todo = [i for i, v in enumerate(values) if v is None]
        if todo:
            # written otherwise than parsed: classified as written, in this batch
            records = [record_from_written(papers[i]) for i in todo]
            seq = self._classifier.send("written", [for_triage(r) for r in records])
            self._take_until(seq - 1)
            got = self._classifier.answer(seq)
            self._answered = max(self._answered, seq)
            if isinstance(got, str):
                raise ClassifyError(got)  # this batch rolls back; the child serves the next file
            for i, v in zip(todo, got, strict=True):
                values[i] = v
        self.ahead_used += len(papers) - len(todo)
        self.as_written += len(todo)
        now = utcnow()
        self.save(
            session,
            [
                {"paper_id": p.paper_id, **v, "triaged_at": now}
                for p, v in zip(papers, values, strict=True)
                if v is not None
            ],
        )

    def close(self) -> None:
        """End the classifying child (idempotent)."""
        self._classifier.close()

    def finish(self, app: App) -> dict[str, object]:
        """End the child, then finish the import (``TriagePass.finish``)."""
        self.close()
        log.info(
            "import triage classified_ahead=%s as_written=%s", self.ahead_used, self.as_written
        )
        return super().finish(app)
