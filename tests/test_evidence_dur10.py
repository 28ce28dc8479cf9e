"""Issue 20, dur10: a structured abstract's design heading that names a systematic
review or meta-analysis decides the level, whatever triage's design.
Fixture text written for these tests (not taken from any key or corpus record)."""

from __future__ import annotations

import pytest

from monitor.briefs.evidence import evidence_level_of
from monitor.triage.participants import participants_of
from tests.records import TriageStub, make_record


def _coarse(abstract: str, design: str) -> str:
    record = make_record(title="Care after odontoid fracture", abstract=abstract,
                         publication_types=(), mesh=())  # fmt: skip
    return evidence_level_of(record, TriageStub(design, "human", participants_of(record))).coarse


@pytest.mark.parametrize(
    ("abstract", "design", "expected"),
    [
        # the heading names the review; a survey of experts and a prospective series it
        # mentions do not make it a cross-sectional or cohort study
        (
            "Study design: Clinically based systematic review. Objective: To define care of "
            "elderly patients. Methods: Prospective series and a survey of experts were "
            "searched in MEDLINE.",
            "observational",
            "sr_other",
        ),
        (
            "DESIGN: A systematic review of the available literature, combined with a recent "
            "survey of surgeons. RESULTS: Outcomes were graded.",
            "observational",
            "sr_other",
        ),
        (
            "Design: Meta-analysis of randomized controlled trials. Only randomised trials "
            "were included. Results: Nine trials were pooled.",
            "rct",
            "sr_rct",
        ),
    ],
)
def test_a_design_heading_naming_a_review_decides(
    abstract: str, design: str, expected: str
) -> None:
    assert _coarse(abstract, design) == expected


@pytest.mark.parametrize(
    "abstract",
    [
        # the heading's head is a review of studies, not a systematic review
        "Design: Review of published studies, concentrating on recent systematic reviews. "
        "Conclusions: Care varies.",
        # no heading: the words alone are left to triage's design
        "We surveyed 40 surgeons about a systematic review of outcomes. Most agreed.",
    ],
)
def test_no_design_heading_naming_a_review_leaves_the_design(abstract: str) -> None:
    assert _coarse(abstract, "observational") not in ("sr_other", "sr_rct")


@pytest.mark.parametrize(
    "abstract",
    [
        "Design: Protocol for systematic review. Methods: We will search MEDLINE and "
        "include randomised trials.",
        "Design: Systematic review protocol. Methods: We will search MEDLINE and "
        "include randomised trials.",
    ],
)
@pytest.mark.parametrize("design", ["protocol", "cohort"])
def test_a_review_protocols_heading_is_no_review(abstract: str, design: str) -> None:
    # fixd10: a protocol is `other` (card-labelling evidence rule 1); dur10's heading
    # rule made these a systematic review of RCTs
    assert _coarse(abstract, design) not in ("sr_rct", "sr_other")
