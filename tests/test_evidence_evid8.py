"""Issue 20, evid8: before-and-after studies, a trial's design paper, a literature
"reviewed" in the perfect, and the number words shared with the participants grammar.
Fixture text written for these tests (not taken from any key)."""

from __future__ import annotations

import pytest

from monitor.briefs.evidence import _PEOPLE_COUNTED, evidence_level_of
from monitor.briefs.time_direction import time_direction
from monitor.triage import numbers
from monitor.triage.participants import participants_of, read_counts, words_value
from tests.records import TriageStub, make_record


@pytest.mark.parametrize(
    ("abstract", "kind"),
    [
        # the same service measured before and after a change is followed over time
        ("An observational before-and-after study was done in one ward. Falls per 1000 "
         "bed-days fell.", "cohort"),
        ("An audit of 150 preintervention and 180 postintervention charts showed more "
         "vaccinations offered.", "cohort"),
        ("Adherence was 88% post-implementation compared with 51% pre-implementation of "
         "the reminder.", "cohort"),
        ("Baseline prescribing was audited, and the team then introduced an education "
         "programme for the residents.", "cohort"),
        ("Orders per 100 visits decreased after the educational program began.", "cohort"),
    ],
)
def test_a_before_and_after_comparison_goes_forward(abstract: str, kind: str) -> None:
    found = time_direction("A hospital audit", abstract)
    assert found is not None
    assert found.kind == kind


def test_a_before_and_after_of_an_epoch_is_not_followed() -> None:
    # an epoch before and after ("the epidemic") is two sets of people, not a follow-up
    found = time_direction(
        "Childhood tumours before and after the epidemic",
        "Records of tumours registered before and after the epidemic were compared.",
    )
    assert found is None or found.kind != "cohort"


@pytest.mark.parametrize(
    ("title", "abstract", "coarse"),
    [
        # a trial's design paper plans in the future: a protocol, no results yet
        ("Exercise after spinal cord injury: design of a randomized controlled trial",
         "Methods: 120 adults will be randomised to training or usual care; the primary "
         "outcome will be peak power at 16 weeks.", "other"),
        # ... the finished trial, whatever its title says of a design, is the trial
        ("A randomized controlled trial of exercise after spinal cord injury",
         "120 adults were randomised to training or usual care; peak power rose by 12 W "
         "at 16 weeks.", "rct"),
        ("Trial design matters: a randomized trial of two cushions",
         "Sixty wheelchair users were randomised to air or foam cushions; ulcers were "
         "fewer with air.", "rct"),
    ],
)
def test_a_trials_design_paper_is_a_protocol(title: str, abstract: str, coarse: str) -> None:
    record = make_record(title=title, abstract=abstract, publication_types=(), mesh=())
    triage = TriageStub("rct", "human", participants_of(record))
    assert evidence_level_of(record, triage).coarse == coarse


@pytest.mark.parametrize(
    ("abstract", "coarse"),
    [
        # the literature reviewed, in the perfect: a narrative review of others' work
        ("We have reviewed selected literature on changing clinician behaviour and "
         "describe strategies used in a statewide randomized trial.", "other"),
        # ... records reviewed are a study's own (a chart review counts its people)
        ("We reviewed the charts of 64 patients treated with a halo vest; complications "
         "occurred in 9.", "cohort"),
    ],
)
def test_a_literature_reviewed_in_the_perfect(abstract: str, coarse: str) -> None:
    record = make_record(title="Changing practice", abstract=abstract, publication_types=(),
                         mesh=())  # fmt: skip
    triage = TriageStub("observational", "human", participants_of(record))
    assert evidence_level_of(record, triage).coarse == coarse


def test_number_words_are_one_definition() -> None:
    # the participants grammar's old names stay importable and are the shared ones
    from monitor.triage import participants

    assert participants._NUMBER is numbers.NUMBER
    assert words_value is numbers.words_value
    assert participants._value("1,200") == 1200 == numbers.number_value("1 200")


@pytest.mark.parametrize(
    ("text", "number"),
    [
        # a digit group is one number in both readers: never "200" after the comma
        ("DNA from 1,200 patients was sequenced.", "1,200"),
        ("Tissue from twelve patients was stained.", "twelve"),
        ("Serum of one hundred and twenty patients was assayed.", "one hundred and twenty"),
        ("Biopsies of 3.5 patients", None),
    ],
)
def test_evidence_reads_numbers_as_the_participants_grammar(text: str, number: str | None) -> None:
    m = _PEOPLE_COUNTED.search(text)
    assert (m.group("n") if m else None) == number
    if number is not None:
        # each number's own value (fixe8: "in (1200, 12, 120)" let any of the three pass)
        assert numbers.number_value(number) == {"1,200": 1200, "twelve": 12}.get(number, 120)


def test_a_thousands_count_is_unchanged_for_participants() -> None:
    chosen = read_counts("A total of 1,200 patients were enrolled.").chosen
    assert chosen is not None
    assert chosen.value == 1200


@pytest.mark.parametrize(
    ("abstract", "coarse"),
    [
        # material from a counted sample of people is a study of them, now with "1,200"
        ("DNA from 1,200 patients with spinal cord injury was genotyped for APOE.",
         "cross_sectional"),
        # ... people simulated in a computer are none ("1,000" is read as a number now)
        ("Factor levels were simulated in silico for 1,000 severe haemophilia A patients "
         "under two dosing schemes.", "in_vitro"),
    ],
)
def test_people_in_a_simulation_are_no_sample(abstract: str, coarse: str) -> None:
    record = make_record(title="A laboratory study", abstract=abstract, publication_types=(),
                         mesh=())  # fmt: skip
    triage = TriageStub("in_vitro", "human", participants_of(record))
    assert evidence_level_of(record, triage).coarse == coarse
