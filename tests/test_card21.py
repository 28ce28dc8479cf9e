"""Issue 20, card21: the time direction of record reviews, random allocation in any word
order, a questionnaire study followed over time, reviews that took comparative studies,
two groups written as fractions, and a number bounded by "or more".  Fixture text
written for these tests (not taken from any key or corpus record)."""

from __future__ import annotations

import time

import pytest

from monitor.briefs.evidence import _RANDOM_STRONG, evidence_level_of
from monitor.briefs.time_direction import _NEW_CASES, time_direction
from monitor.triage.participants import _AND_FRACTION, find_participants, participants_of
from tests.records import TriageStub, make_record
from tests.triage_text import shipped_rules, text


def _level(title: str, abstract: str, design: str, population: str = "human") -> str:
    record = make_record(title=title, abstract=abstract, publication_types=(), mesh=())
    return evidence_level_of(record, TriageStub(design, population, participants_of(record))).coarse


@pytest.mark.parametrize(
    ("abstract", "kind"),
    [
        # records reviewed and what happened to the people after: a retrospective cohort
        (
            "We retrospectively reviewed the charts of 212 adults admitted with a hip "
            "fracture. Eleven patients died in hospital and 40 had complications.",
            "cohort",
        ),
        (
            "A retrospective study of the records of 300 residents. Newly diagnosed pressure "
            "ulcers were counted for each ward.",
            "cohort",
        ),
        # records reviewed and a state on admission only: one time point
        (
            "We retrospectively reviewed the charts of 212 adults admitted with a hip fracture. "
            "Serum sodium on admission was low in 30 of them.",
            "cross_sectional",
        ),
        # a procedure that went well that day is no event the people were followed to
        (
            "We retrospectively reviewed 95 staging endoscopies; the scope was successfully "
            "passed in 90 of them.",
            "cross_sectional",
        ),
    ],
)
def test_record_review_time_direction(abstract: str, kind: str) -> None:
    found = time_direction("A hospital series", abstract)
    assert found is not None and found.kind == kind, found


def test_incidence_alone_is_no_follow_up() -> None:
    # "incidence" in a record review is often a share of the cases seen, not new cases
    assert _NEW_CASES.search("a high incidence of childhood tumours was noted") is None
    found = time_direction(
        "Tumours in a national hospital",
        "A retrospective study of pathology records. A high incidence of childhood tumours "
        "was noted among the 400 cases.",
    )
    assert found is not None and found.kind == "cross_sectional"


def test_an_outcome_after_a_named_spine_operation_is_followed() -> None:
    found = time_direction(
        "Screws in the upper neck",
        "We describe 40 adults and their function after anterior screw fixation of a dens "
        "fracture.",
    )
    assert found is not None and found.kind == "cohort", found


@pytest.mark.parametrize(
    "abstract",
    [
        "Thirty patients were divided into 2 groups randomly: group A had cement, group B none.",
        "Forty women were concealed random allocated to brace or no brace.",
        "In a randomized 2 x 2 between-subject design, 300 adults read one of four leaflets.",
        "Patients were assigned to the two cannulas at random.",
    ],
)
def test_random_allocation_in_any_word_order_is_an_rct(abstract: str) -> None:
    assert _level("Two treatments compared", abstract, "observational") == "rct"


@pytest.mark.parametrize(
    "abstract",
    [
        "Forty patients were randomly selected from the clinic list and examined once.",
        "Allocation was non-random allocation by ward; 60 patients were treated.",
    ],
)
def test_random_sampling_or_non_random_allocation_is_not(abstract: str) -> None:
    assert _RANDOM_STRONG.search(abstract) is None


def test_specimens_divided_at_random_stay_in_vitro() -> None:
    # the design decides material (lab20's ``material_subjects``), the card follows it
    # (fixl20: the card no longer asks the material again beside "at random")
    abstract = (
        "Fractures were made in 20 fresh cadaveric semi-pelvis specimens, divided into 5 "
        "groups randomly, and loaded on a materials testing machine."
    )
    # lab20: triage's design decides material work (in_vitro); the card follows it and
    # its random-allocation rule never sees such a paper as observational
    found = text(shipped_rules(), "Plates for a pelvic fracture", abstract)
    assert found.design == "in_vitro", found.reasons
    record = make_record(title="Plates for a pelvic fracture", abstract=abstract)
    assert evidence_level_of(record, found).coarse == "in_vitro"


def test_questionnaire_study_followed_over_time_is_a_cohort() -> None:
    abstract = (
        "This study followed up a sample of 300 children longitudinally. Parents completed "
        "questionnaires on mood at entry and again six years later."
    )
    assert _level("Mood in childhood and later", abstract, "qualitative") == "cohort"
    # the authors' own "qualitative" keeps it a qualitative (one-off) study on the card
    said = abstract + " A qualitative thematic analysis of the interviews was made."
    assert _level("Mood in childhood and later", said, "qualitative") == "cross_sectional"


def test_review_of_comparative_and_randomised_studies_is_no_review_of_rcts() -> None:
    abstract = (
        "We searched five databases. Only prospective comparative trials and randomized "
        "controlled trials that compared the two procedures were included. Results: 4 RCTs "
        "and 9 comparative studies involving 1,020 patients were included."
    )
    assert _level("Two procedures: a meta-analysis", abstract, "systematic_review") == "sr_other"
    randomised = (
        "We searched five databases. Randomized comparative trials of the two procedures "
        "were included. Results: 6 randomized controlled trials met the inclusion criteria."
    )
    assert _level("Two procedures: a meta-analysis", randomised, "systematic_review") == "sr_rct"


@pytest.mark.parametrize(
    ("abstract", "number"),
    [
        # two kinds of people, each over its own whole: rule 5 sums them
        ("Pain was present in 23/108 patients and 22/120 relatives.", 228),
        ("Pain was present in 23 of 108 patients and in 22 of 120 healthy controls.", 228),
        # one kind twice over two wholes may be the same people: nothing
        ("Pain was present in 23/108 patients and 40/120 patients at one year.", None),
        # a third whole is a subgroup the rule cannot place: nothing
        (
            "Pain was present in 23/108 patients and 40/120 caregivers; 12/95 patients had "
            "fever.",
            None,
        ),
        # one kind over one whole: that group (parts20's rule, unchanged)
        ("New fractures were observed in 17 of 57 patients.", 57),
    ],
)
def test_fractions_of_two_kinds_of_people_are_summed(abstract: str, number: int | None) -> None:
    found = find_participants(abstract, "")[0]
    assert (found.number if found else None) == number


def test_one_or_more_is_a_bound_not_a_count() -> None:
    abstract = (
        "Of 900 admissions, most were seen by one or more consulting physicians for a "
        "consultation rate of 8%."
    )
    found = find_participants(abstract, "")[0]
    assert found is None or found.number != 1
    kept = find_participants("Patients with two or more fractures were excluded; 45 were studied "
                             "as 45 patients.", "")[0]  # fmt: skip
    assert kept is not None and kept.number == 45


def test_and_fraction_is_linear() -> None:
    text = "in 1/2 patients" + " and 1/2 " + "a " * 20000
    start = time.perf_counter()
    _AND_FRACTION.match(text, len("in 1/2 patients"))
    assert time.perf_counter() - start < 1.0


def test_treatments_randomly_distributed_but_not_places() -> None:
    given = "Of 47 procedures, 25 used cannula A and 22 cannula B, randomly distributed."
    assert _level("Two cannulas", given, "observational") == "rct"
    assert _RANDOM_STRONG.search("Lesions were randomly distributed throughout the cord.") is None


def test_something_developed_in_a_record_review_is_no_event() -> None:
    found = time_direction(
        "A scoring program",
        "We retrospectively collected CT data of 150 patients. The software we developed "
        "scored each scan once.",
    )
    assert found is not None and found.kind == "cross_sectional", found


def test_patients_with_a_recovery_beside_controls_are_measured_once() -> None:
    abstract = (
        "We studied the motor cortex with spectroscopy in 6 patients with functional recovery "
        "after a cord injury and in 5 healthy controls."
    )
    assert _level("Cortex after cord injury", abstract, "observational") == "cross_sectional"
    followed = abstract + " Patients were followed up for 2 years."
    assert _level("Cortex after cord injury", followed, "observational") == "cohort"
