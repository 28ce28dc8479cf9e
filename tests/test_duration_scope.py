"""Duration rules of the seventh round (issue 20): units, a follow-up's central value,
definitions and background sentences.  Small fixtures written for these rules, not
copied from any key."""

from __future__ import annotations

import pytest

from monitor.briefs.duration import find_duration


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [
        # 12 months and 1 year are one length: the first stated is kept
        ("Scores were measured at 3, 6 and 12 months after surgery. Pain fell over 1 year.",
         "12 months"),
        ("Pain fell over 1 year. Scores were measured at 3, 6 and 12 months after surgery.",
         "1 year"),
        ("Children were treated for 52 weeks and assessed at 1 year.", "1 year"),
    ],
)  # fmt: skip
def test_units(abstract: str, expected: str | None) -> None:
    assert find_duration(abstract)[0] == expected, find_duration(abstract)[1]
