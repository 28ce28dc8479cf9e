"""fixp12: the follow-up statistic's patterns stay linear on runs of spaces (their
callers read a clause of at most 160 characters, so this guards the patterns
themselves; the quadratic versions took ~8 s and ~35 s on these 20,000 spaces)."""

import time

from monitor.briefs import duration

N = 20_000


def test_range_reads_as_before_and_is_linear_on_spaces() -> None:
    m = duration._STAT_RANGE.search("ranged from 12 months to 3 years")
    assert m is not None and m.group(1, 2, 3, 4) == ("12", "months", "3", "years")
    start = time.process_time()
    assert duration._STAT_RANGE.search("1" + " " * N + "x") is None
    assert time.process_time() - start < 2


def test_mean_after_reads_as_before_and_is_linear_on_spaces() -> None:
    m = duration._STAT_CENTRAL_AFTER.match(", with an average of ( 32.76 ) months")
    assert m is not None and m.group(1, 2) == ("32.76", "months")
    start = time.process_time()
    assert duration._STAT_CENTRAL_AFTER.match(", mean 1" + " " * N + "x") is None
    assert time.process_time() - start < 2
