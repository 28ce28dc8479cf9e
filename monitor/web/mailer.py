"""Mail sent from one background thread, so that no request waits for SMTP.

``POST /signin`` used to send the editor's link inside the request: ~72 ms for
an editor against ~2 ms for anyone else, which told an outsider who the
editors are (issue 18, item 5).  The request now only queues the job and
answers at once; this worker sends.  Jobs run one at a time in the order
given; a failing job is logged and the next one runs.

Each job waits ``settle`` seconds before it runs: the request that queued it
has then written its answer, so the worker's database write and SMTP work do
not compete with that request for the interpreter (an outside probe still
measured editor answers ~1.7 ms slower when the worker started at once).

The thread starts with the first job.  :meth:`MailWorker.close` lets it finish
what is queued and stops it; the app's shutdown (and, as a fallback,
interpreter exit) calls it.
"""

from __future__ import annotations

import atexit
import logging
import queue
import threading
import time
from collections.abc import Callable

log = logging.getLogger(__name__)

Job = Callable[[], None]
_STOP = object()


class MailWorker:
    """A queue of jobs and the one daemon thread that runs them."""

    def __init__(
        self, maxsize: int = 200, name: str = "scimon-mail", settle: float = 0.1
    ) -> None:
        self._jobs: queue.Queue[object] = queue.Queue(maxsize)
        self._settle = settle
        self._name = name
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._closed = False

    def submit(self, job: Job) -> bool:
        """Queue ``job``; False (and nothing queued) when closed or full."""
        with self._lock:
            if self._closed:
                return False
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name=self._name, daemon=True)
                self._thread.start()
                atexit.register(self.close)
            try:
                self._jobs.put_nowait(job)
            except queue.Full:
                return False
        return True

    def _run(self) -> None:
        while True:
            job = self._jobs.get()
            try:
                if job is _STOP:
                    return
                assert callable(job)
                time.sleep(self._settle)  # let the request that queued it answer first
                job()
            except Exception:
                log.exception("background mail job failed")
            finally:
                self._jobs.task_done()

    def flush(self, timeout: float = 30.0) -> bool:
        """Wait until every queued job has run; False if ``timeout`` came first."""
        done = threading.Event()

        def wait() -> None:
            self._jobs.join()
            done.set()

        threading.Thread(target=wait, daemon=True).start()
        return done.wait(timeout)

    def close(self, timeout: float = 30.0) -> None:
        """Run what is queued, then stop the thread (at most ``timeout`` seconds)."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            thread = self._thread
        atexit.unregister(self.close)
        if thread is None:
            return
        self._jobs.put(_STOP)
        thread.join(timeout)
        if thread.is_alive():
            log.warning("mail worker still busy after %.0f s; pending mail may be lost", timeout)
