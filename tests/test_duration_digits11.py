"""digits11 (issues 20, 9): the study-duration reader, and every card reader that calls
it, take linear time on long runs of digits, which an identifier, a sequence or a broken
abstract can hold.  Before, each of the number patterns (``_NUM`` in ``_Q``) started at
every digit of a run and read to its end: 4,000 digits took 5 s, 10,000 took 456 s."""

from __future__ import annotations

import time

import pytest

from monitor.briefs.categories import load_categories
from monitor.briefs.duration import find_duration
from monitor.briefs.evidence import evidence_level_of
from monitor.config import load_settings
from monitor.triage.numbers import MAX_COUNT_DIGITS, mask_long_digit_runs
from monitor.triage.participants import find_participants
from tests.triage_text import REPO, shipped_rules, text

TITLE = "Locomotor training after spinal cord injury"
HOSTILE = {
    "10,000 digits": "1" * 10_000,
    "50,000 digits": "7" * 50_000,
    "a follow-up of 50,000 digits": "Patients were followed up for " + "3" * 50_000 + " weeks.",
    "digits before a unit": "an " + "2" * 50_000 + "-week programme",
    "1, x 10,000": "1," * 10_000,
    "1. x 10,000": "1." * 10_000,
    "1 space x 10,000": "1 " * 10_000,
    "1- x 10,000": "1-" * 10_000,
    "digits with thin spaces": "1\u2009" * 10_000,
    "digits with a decimal tail": "1." + "5" * 50_000 + " years",
}


class _Record:
    def __init__(self, abstract: str) -> None:
        self.title = TITLE
        self.abstract = abstract


def _cpu(call: object, *args: object) -> float:
    started = time.process_time()
    call(*args)  # type: ignore[operator]
    return time.process_time() - started


@pytest.mark.parametrize("name", list(HOSTILE))
def test_duration_is_linear_on_digit_runs(name: str) -> None:
    assert _cpu(find_duration, HOSTILE[name], TITLE) < 2.0


@pytest.mark.parametrize("name", list(HOSTILE))
def test_participants_categories_and_evidence_are_linear_on_digit_runs(name: str) -> None:
    abstract = HOSTILE[name]
    settings = load_settings(REPO / "queries" / "sci.toml", env={})
    categories = load_categories(settings.categories_file())
    assert _cpu(find_participants, abstract, TITLE) < 2.0
    assert _cpu(categories.match, TITLE, abstract) < 2.0
    triage = text(shipped_rules(), TITLE, abstract)
    assert _cpu(evidence_level_of, _Record(abstract), triage) < 2.0


def test_a_run_too_long_for_any_number_is_no_duration() -> None:
    # before, float() of these digits was infinite and _show raised OverflowError
    assert find_duration("Patients were followed up for " + "9" * 400 + " weeks.")[0] is None
    assert find_duration("Patients were followed up for " + "9" * 10 + " weeks.")[0] is None


def test_times_that_are_numbers_are_read_as_before() -> None:
    assert find_duration("Patients were followed up for 123456789 hours.")[0] is not None
    assert find_duration("Patients were followed up for 24 months.")[0] == "24 months"
    abstract = "Trial ChiCTR2000029039. Patients were followed up for 24 months."
    assert find_duration(abstract)[0] == "24 months"


def test_masking_keeps_offsets_words_and_the_first_digit() -> None:
    run = "1" * (MAX_COUNT_DIGITS + 1)
    masked = mask_long_digit_runs(f"a {run} b 123456789 c")
    assert len(masked) == len(f"a {run} b 123456789 c")
    assert masked == f"a 1{'_' * MAX_COUNT_DIGITS} b 123456789 c"
    assert mask_long_digit_runs("no long runs: 12 weeks") == "no long runs: 12 weeks"
