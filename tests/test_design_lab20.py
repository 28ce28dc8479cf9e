"""Issues 19 and 20, lab20: laboratory work on material (cadavers, specimens, synthetic
bone, a finite-element model, a testing machine) is decided once, by the design, and the
card follows it; a review's own cases are read by one route.  Every sentence here was
written for these tests (no key or corpus text)."""

from __future__ import annotations

import time

import pytest

from monitor.briefs.evidence import evidence_level_of
from monitor.triage import TriageRules
from monitor.triage.material import tested_material as read_material
from tests.records import TriageStub, make_record
from tests.triage_text import shipped_rules, text


@pytest.fixture(scope="module")
def rules() -> TriageRules:
    return shipped_rules()


@pytest.mark.parametrize(
    ("title", "abstract"),
    [
        # an anatomical dissection: no design phrase, material measured
        ("Landmarks of the radial nerve at the elbow",
         "Forty embalmed cadavers were dissected and the distance from the epicondyle to "
         "the nerve was measured with a caliper. The nerve lay 9 cm above the joint line."),
        # a cross-sectional word said of specimens
        ("Canal dimensions of the atlas",
         "In this cross-sectional anatomical study, thirty dry cadaveric atlas vertebrae were "
         "measured. The canal was wider in its anterior half."),
        # "a case" that is one cadaver with a variant
        ("A doubled renal artery found at dissection",
         "We describe a case of a doubled renal artery in an 81-year-old female cadaver "
         "during routine dissection for medical students."),
        # teeth randomised in another sentence than the testing machine's
        ("Fracture strength of three post materials",
         "Forty-five extracted premolars were randomly divided into three groups. After "
         "restoration each tooth was loaded in a universal testing machine until fracture."),
    ],
)  # fmt: skip
def test_material_studied_without_living_subjects_is_in_vitro(
    rules: TriageRules, title: str, abstract: str
) -> None:
    found = text(rules, title, abstract)
    assert found.design == "in_vitro", found.reasons
    # the card follows the design: no second decision of its own
    record = make_record(title=title, abstract=abstract)
    assert evidence_level_of(record, found).coarse == "in_vitro"


@pytest.mark.parametrize(
    ("title", "abstract", "not_expected"),
    [
        # living people beside the material take the design of the living part
        ("A lateral approach rehearsed on cadavers",
         "The approach was rehearsed on six cadavers. Twenty-four patients were then "
         "operated with it and followed up for two years; fusion was achieved in 22.",
         "in_vitro"),
        # a cadaveric graft is implanted into living people
        ("Outcomes of cadaveric kidney transplantation in older recipients",
         "We reviewed 140 recipients of cadaveric kidneys aged over 65 years. Graft survival "
         "at five years was 71%.", "in_vitro"),
        # a review names its sources' material (found while measuring check12)
        ("Planning implants in the edentulous jaw. Review of biomechanical considerations",
         "This article reviews finite element analyses of implant loading and the clinical "
         "literature on overdentures.", "in_vitro"),
        # another study's cadavers, people of its own
        ("Nerve injury after lateral access surgery",
         "Previous cadaveric studies mapped the plexus. In this retrospective cohort, 212 "
         "patients who underwent lateral fusion were reviewed for thigh symptoms.",
         "in_vitro"),
    ],
)  # fmt: skip
def test_living_subjects_keep_their_design(
    rules: TriageRules, title: str, abstract: str, not_expected: str
) -> None:
    found = text(rules, title, abstract)
    assert found.design != not_expected, found.reasons


def test_animal_specimens_stay_with_the_animal_decisions(rules: TriageRules) -> None:
    found = text(
        rules,
        "Pedicle screw pull-out in porcine lumbar spines",
        "Twelve porcine lumbar spine specimens from pigs were instrumented and tested in a "
        "servohydraulic machine.",
    )
    assert (found.design, found.population) == ("animal", "animal"), found.reasons


def test_the_reader_names_the_material_and_sees_living_subjects() -> None:
    found = read_material("screw fixation. ten synthetic vertebrae were loaded.")
    assert found is not None and found.group(0) == "synthetic vertebrae"
    assert read_material("screw fixation. ten synthetic vertebrae and 12 patients.") is None
    # most texts name no material word, and nothing is searched
    assert read_material("a cohort of 300 adults with chronic pain") is None


def _coarse(title: str, abstract: str, design: str) -> str:
    record = make_record(title=title, abstract=abstract, publication_types=(), mesh=())
    return evidence_level_of(record, TriageStub(design, "human")).coarse


def test_own_cases_beside_a_review_by_either_cue() -> None:
    # the title says it: a case series, whatever the review's design
    assert _coarse(
        "Pressure sores over the sacrum: three cases and review of the literature",
        "Three men with tetraplegia developed sacral ulcers. Published reports were reviewed.",
        "systematic_review",
    ) == "case_series"
    # the abstract says it, by a first-person count, in a narrative review
    assert _coarse(
        "Late syringomyelia after trauma",
        "This article discusses late cysts of the cord. We present three patients treated "
        "with shunting at our hospital.",
        "narrative_review",
    ) == "case_series"
    # a narrative review that counts nobody of its own stays a narrative review
    assert _coarse(
        "Late syringomyelia after trauma",
        "This article discusses late cysts of the cord and how they are treated.",
        "narrative_review",
    ) == "other"


def test_people_named_by_paired_adjectives_are_living_subjects() -> None:
    # a crossover trial in volunteers that also measured flux through cadaver skin in
    # vitro: its own people ("18 healthy male and female subjects") make it no work on
    # material alone (session 20: the two adjectives joined by "and" had ended the count)
    abstract = (
        "The drug was given as a patch or as a tablet to 18 healthy male and female "
        "subjects in a randomized, open-label, two-way crossover design. Skin flux was "
        "also measured in vitro using human cadaver skin."
    )
    found = text(shipped_rules(), "Plasma levels after two routes of a drug", abstract)
    assert found.design == "rct", found.reasons
    # the material alone, with no people of the study's own, stays material
    assert read_material("Flux was measured in vitro using human cadaver skin.") is not None


def test_a_run_of_hyphens_after_a_bone_word_is_read_in_linear_time() -> None:
    """The anatomical-specimen arm's words between "lumbar" and "specimens" could each be
    a run of hyphens (``[\\w-]+``) as well as the separators (``[\\s-]+``), so a run of
    160 hyphens (a ruled line of a table pasted into an abstract) took 22 s of
    backtracking on a search that finds nothing; a word now opens on a word character
    (rev20).  Every paper whose text holds a material word is asked this."""
    ruled = "Lumbar " + "-" * 120 + " Table 1. Fourteen specimens were not tested."
    start = time.process_time()
    assert read_material(ruled) is None  # no material: "lumbar" is no specimen's here
    assert time.process_time() - start < 1.0
    # the words between still read as before, hyphenated or not
    spine = "Eight human lumbar spine specimens (L1-L5) were tested in a testing machine."
    found = read_material(spine)
    assert found is not None and found.group(0) == "lumbar spine specimens"
    found = read_material("Twelve fresh-frozen thoraco-lumbar motion segments were loaded.")
    assert found is not None and found.group(0) == "lumbar motion segments"
