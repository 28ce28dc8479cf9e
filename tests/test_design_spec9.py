"""Specimens, cadavers or cells randomised to groups make a laboratory study (spec9)."""

from __future__ import annotations

import pytest

from monitor.triage import TriageRules
from tests.triage_text import shipped_rules, text


@pytest.fixture(scope="module")
def rules() -> TriageRules:
    return shipped_rules()


def design(rules: TriageRules, title: str, abstract: str) -> str:
    return text(rules, title, abstract).design


@pytest.mark.parametrize(
    ("title", "abstract", "expected"),
    [
        # cadaveric specimens put into groups at random: a biomechanical laboratory study
        ("Pull-out strength of a new pedicle screw",
         "Thirty-six cadaveric lumbar specimens were randomly divided into three groups. "
         "Each group received a different screw and pull-out strength was measured.",
         "in_vitro"),
        ("Cement augmentation of osteoporotic vertebrae",
         "Human cadaveric vertebral bodies (n = 24) were randomized to augmentation or "
         "control and loaded to failure.", "in_vitro"),
        # people randomised in the same sentence: the trial stays a trial
        ("Locking plates for distal radius fractures",
         "Sixty patients were randomly assigned to locking plates or casts; blood samples "
         "were taken at baseline. Outcomes were measured at 1 year.", "rct"),
        # a blinding cue beside cells is not a randomisation of the cells
        ("Stimulants and calcium in hyperactive boys",
         "In a double-blind, placebo-controlled study, calcium in plasma and red blood "
         "cells of 20 boys was measured at baseline and after 3 weeks of each drug.",
         "rct"),
    ],
)  # fmt: skip
def test_materials_randomised(rules: TriageRules, title: str, abstract: str, expected: str) -> None:
    assert design(rules, title, abstract) == expected
