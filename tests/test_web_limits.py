"""The sign-in token buckets and the mail worker, on a fake clock and plain callables."""

from __future__ import annotations

import threading

import pytest

from monitor.web.mailer import MailWorker
from monitor.web.ratelimit import TokenBuckets, retry_after


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_bucket_allows_a_burst_then_refills_evenly() -> None:
    clock = Clock()
    buckets = TokenBuckets(3, 900.0, clock=clock)  # 3 per 15 minutes
    assert [buckets.take("a") for _ in range(3)] == [0.0, 0.0, 0.0]
    wait = buckets.take("a")
    assert wait == pytest.approx(300.0)  # one token every 300 s
    assert retry_after(wait) == 300
    assert buckets.take("b") == 0.0  # another key has its own bucket
    clock.now += 299.0
    assert buckets.take("a") == pytest.approx(1.0)
    clock.now += 1.0
    assert buckets.take("a") == 0.0
    assert buckets.take("a") > 0
    clock.now += 10_000.0  # a long pause refills to the capacity, not beyond
    assert [buckets.take("a") for _ in range(4)][-1] > 0


def test_the_bucket_table_stays_bounded() -> None:
    clock = Clock()
    buckets = TokenBuckets(2, 60.0, clock=clock, max_keys=5)
    for i in range(50):
        buckets.take(f"k{i}")
        clock.now += 0.01
    assert len(buckets._buckets) <= 5
    # a key still limited survives pruning while idle ones go first
    buckets.take("hot")
    buckets.take("hot")
    for i in range(3):
        buckets.take(f"x{i}")
    assert buckets.take("hot") > 0


def test_the_worker_runs_jobs_in_order_survives_a_failure_and_closes() -> None:
    worker = MailWorker()
    done: list[int] = []
    gate = threading.Event()

    def failing() -> None:
        raise RuntimeError("relay down")

    assert worker.submit(gate.wait)
    assert worker.submit(lambda: done.append(1))
    assert worker.submit(failing)
    assert worker.submit(lambda: done.append(2))
    assert not worker.flush(timeout=0.2)  # blocked behind the gate
    gate.set()
    assert worker.flush(timeout=10)
    assert done == [1, 2]
    assert worker.submit(lambda: done.append(3))
    worker.close(timeout=10)  # runs what is queued first
    assert done == [1, 2, 3]
    assert not worker.submit(lambda: done.append(4))
    worker.close()  # twice is harmless
    assert done == [1, 2, 3]


def test_a_full_queue_refuses_instead_of_blocking_the_request() -> None:
    worker = MailWorker(maxsize=1)
    gate = threading.Event()
    started = threading.Event()

    def hold() -> None:
        started.set()
        gate.wait()

    assert worker.submit(hold)
    assert started.wait(10)
    assert worker.submit(lambda: None)  # fills the one slot
    assert not worker.submit(lambda: None)
    gate.set()
    worker.close(timeout=10)
