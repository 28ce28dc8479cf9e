"""count_of: the one place counts agree with their noun."""

from __future__ import annotations

from monitor.wording import count_of


def test_count_of_agrees_with_the_number() -> None:
    assert count_of(1, "paper") == "1 paper"
    assert count_of(0, "paper") == "0 papers"
    assert count_of(3, "paper") == "3 papers"
    assert count_of(2, "study", "studies") == "2 studies"
    assert count_of(1, "study", "studies") == "1 study"
