"""Arms and control groups of one sample (issue 20, sixteenth round, parts6):
docs/card-labelling.md participants rules 1.1, 1.2 and 5."""

from __future__ import annotations

import pytest

from monitor.triage.participants import read_counts


def _chosen(text: str) -> int | None:
    chosen = read_counts(text).chosen
    return chosen.value if chosen else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the number of groups before the count of each
        (
            "The present study contrasted the analgesic efficacy of two treatments in two "
            "groups of 20 female patients scheduled for abdominal hysterectomy.",
            40,
        ),
        # "for each group" after the count, the number of groups before it
        (
            "The rat SCI model was prepared with the animals randomly divided into the "
            "following 4 groups (n=10 for each group): SCI; methylprednisolone; electrotherapy; "
            "and combination treatment.",
            40,
        ),
        # one group's count with no number of groups stays unread
        ("Rats were allocated to 10 animals per group and tested weekly.", None),
    ],
)
def test_counts_per_group_times_the_groups(text: str, expected: int | None) -> None:
    assert _chosen(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # not every arm found: the randomised count before the verb is the sample
        (
            "Healthy, sedentary middle-aged and older adults (N = 138) were randomly assigned to "
            "4 months of pill placebo (n = 46), 1.25 grams per day omega-3 (n = 46), or 2.5 g/d "
            "omega-3 (n = 46).",
            138,
        ),
        (
            "Healthy young adults (n = 60) were semi-randomly assigned to three groups: the tDCS "
            "group (n = 20) received anodal tDCS; the SHAM group (n = 20) received sham tDCS; "
            "and the Control group (CON, n = 20) only performed the typing task.",
            60,
        ),
        # arms before the verb are groups, summed as before
        (
            "Forty patients with stroke and 30 healthy controls were randomly assigned to two "
            "training schedules.",
            70,
        ),
    ],
)
def test_arms_after_the_assignment_verb_are_parts_of_the_count_before(
    text: str, expected: int
) -> None:
    assert _chosen(text) == expected
