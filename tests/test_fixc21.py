"""Issue 20, fixc21 (review of card21): an event a record review was drawn by is no event
its people were followed to; a second fraction joined by "and" adds people only when its
noun names people; the random-allocation reading comes after the laboratory-material
test that owns "specimens divided at random".  Fixture text written for these tests (not
taken from any key or corpus record)."""

from __future__ import annotations

import pytest

from monitor.briefs.evidence import evidence_level_of
from monitor.briefs.time_direction import time_direction
from monitor.triage.participants import _people_noun, find_participants, participants_of
from tests.records import TriageStub, make_record


@pytest.mark.parametrize(
    ("abstract", "kind"),
    [
        # the deaths are the sample: every person reviewed died, none was followed to it
        (
            "We looked for the causes of stillbirth and infant death in two districts. Infant "
            "deaths were identified by retrospective review of ward registers for 2015-2019.",
            "cross_sectional",
        ),
        (
            "Coroners' files were retrospectively analysed. Teachers who died by drowning "
            "(n = 310) were compared with other adults who died by drowning (n = 4,100).",
            "cross_sectional",
        ),
        # the sample split by the event: some died, some survived, so they were followed
        (
            "We retrospectively reviewed 300 adults with burns. Those who died (n = 20) were "
            "older than the survivors (n = 280).",
            "cohort",
        ),
        # another event still counts when the drawing event is a different one
        (
            "Hip fracture deaths were identified from ward registers retrospectively. Seven "
            "of the patients had complications of anaesthesia before surgery.",
            "cohort",
        ),
        # the event is what brought the people into the records
        (
            "We retrospectively reviewed the records of 150 admissions made for asthma "
            "complications to one ward.",
            "cross_sectional",
        ),
        (
            "We retrospectively reviewed 150 adults admitted with sepsis; 40 developed "
            "complications in hospital.",
            "cohort",
        ),
        # card21's own case stays: deaths and complications among the people reviewed
        (
            "We retrospectively reviewed the charts of 212 adults admitted with a hip "
            "fracture. Eleven patients died in hospital and 40 had complications.",
            "cohort",
        ),
    ],
)
def test_an_event_the_sample_was_drawn_by_is_not_followed(abstract: str, kind: str) -> None:
    found = time_direction("A hospital review", abstract)
    assert found is not None and found.kind == kind, found


@pytest.mark.parametrize(
    ("abstract", "number"),
    [
        # a fraction of things after a group of people adds nobody: the people's group
        ("The marker was found in 23/108 patients and 22/120 samples.", 108),
        ("Pain was present in 23 of 108 patients and in 9 of 40 specimens.", 108),
        # a second group of people the grammar does not list, by a person ending
        ("Pain was present in 23/108 patients and 22/120 relatives.", 228),
        ("Burnout was present in 12/50 nurses and 9/30 physiotherapists.", 80),
        # a thing with a person's ending is not a second group of people (rev20)
        ("Pain was present in 12/40 patients and 30/52 knees at one year.", 40),
    ],
)
def test_second_fraction_adds_people_only(abstract: str, number: int | None) -> None:
    found = find_participants(abstract, "")[0]
    assert (found.number if found else None) == number


@pytest.mark.parametrize(
    ("noun", "people"),
    [
        ("relatives", True),
        ("controls", True),
        ("employees", True),
        ("samples", False),
        ("specimens", False),
        ("vertebrae", False),
        ("centers", False),
        # things with a person's ending are no people (rev20: "30/52 knees" was summed)
        ("knees", False),
        ("markers", False),
        ("degrees", False),
        ("chambers", False),
    ],
)
def test_people_noun(noun: str, people: bool) -> None:
    assert _people_noun(noun) is people


def _level(title: str, abstract: str, design: str, population: str) -> str:
    record = make_record(title=title, abstract=abstract, publication_types=(), mesh=())
    return evidence_level_of(record, TriageStub(design, population, participants_of(record))).coarse


def test_animals_allocated_at_random_are_an_animal_study() -> None:
    # triage calls it observational; randomised animals are animal work, as for a
    # triage "rct" of animals, not a human RCT
    abstract = "Forty rats were divided into 2 groups randomly and given saline or drug."
    assert _level("Two drugs in rats", abstract, "observational", "animal") == "preclinical"
    assert _level("Two drugs compared", abstract.replace("rats", "adults"), "observational",
                  "human") == "rct"  # fmt: skip


@pytest.mark.parametrize(
    ("abstract", "kind"),
    [
        # the background's present tense names a kind of complication, not one that befell
        (
            "PURPOSE: Anaemia is a common and serious renal complication in adults on "
            "dialysis. The purpose was its prevalence. METHODS: The charts of 90 adults were "
            "retrospectively reviewed.",
            "cross_sectional",
        ),
        # an endpoint's label is left an event: groups by exposure followed to it
        (
            "This retrospective study enrolled 86 adults on ventilators. The primary outcome "
            "was length of stay; early and late feeding were compared.",
            "cohort",
        ),
        # the study's own complications, told in the past: followed to them
        (
            "The charts of 90 adults were retrospectively reviewed. Bleeding was the most "
            "frequent complication after the procedure.",
            "cohort",
        ),
        # an endpoint that is an event is read on its own word
        (
            "A retrospective review of 400 charts. The primary outcome was death in hospital.",
            "cohort",
        ),
    ],
)
def test_an_event_named_as_a_kind_is_not_followed(abstract: str, kind: str) -> None:
    found = time_direction("A hospital review", abstract)
    assert found is not None and found.kind == kind, found
