"""fixs8 (review of sr8 and vitro8, issue 19): a primary study's own patients beside
a literature review under a "review" title stay out of the systematic reviews; a
whole organism studied alive (brood size, lifespan, locomotion) is an animal study
whatever its species; patients' cells named by a title that asks a relationship are
an observational question.  Fixture text written for these tests, from no key."""

from __future__ import annotations

import pytest

from monitor.triage import TriageRules
from monitor.triage.design_patterns import OWN_CASES, WHOLE_ORGANISM
from tests.triage_text import shipped_rules, text


@pytest.fixture(scope="module")
def rules() -> TriageRules:
    return shipped_rules()


REVIEW_PART = (
    "A PubMed search up to March 2021 was run for reports of combined resections. "
    "Fourteen papers were included in the review (9 case series, 5 case reports)."
)


@pytest.mark.parametrize(
    ("abstract", "systematic"),
    [
        # the review part alone under a "review" title: systematic (sr8, unchanged)
        (REVIEW_PART, True),
        # ... beside the authors' own patients: a primary study, not a systematic review
        ("We herein present our initial experience with combined resections: 9 patients "
         "were operated between 2019 and 2021 without conversion. " + REVIEW_PART, False),
        ("A case of combined resection in a 60-year-old man is presented. " + REVIEW_PART,
         False),
    ],
)  # fmt: skip
def test_own_cases_beside_a_literature_review(
    rules: TriageRules, abstract: str, systematic: bool
) -> None:
    triage = text(rules, "Combined laparoscopic resections: a review", abstract)
    assert (triage.design == "systematic_review") is systematic, triage.reasons
    if not systematic:
        # the title's review as before sr8, or the case itself where another cue knows it
        assert triage.design in ("narrative_review", "case_report"), triage.reasons


def test_own_cases_pattern_reads_the_authors_patients_not_the_literatures() -> None:
    assert OWN_CASES.search("we report our experience with 12 patients") is not None
    assert OWN_CASES.search("this paper describes two cases of the disease") is not None
    assert OWN_CASES.search("fourteen papers described 120 patients in total") is None
    assert OWN_CASES.search("patients with the disease were included in 12 trials") is None


WORMS = (
    "Anthelmintic resistance is widespread in parasitic nematodes. Earlier in vitro "
    "experiments implicated a potassium channel in the drug's action. We measured brood "
    "sizes and developmental rates of twelve wild Caenorhabditis elegans strains after exposure to the drug and "
    "found natural variation across the species."
)


@pytest.mark.parametrize(
    ("title", "abstract", "design"),
    [
        # a whole worm studied alive: an animal study, not an animal's material in vitro
        ("Natural variation in nematode responses to a new anthelmintic", WORMS, "animal"),
        # the same with the material taken out and kept in the dish (vitro8, unchanged)
        (
            "Isolation of mouse megakaryocyte progenitors",
            "This protocol collects haematopoietic cells from mouse bone marrow, sorts "
            "progenitor cells and grows them in primary cultures with thrombopoietin; "
            "their ploidy is measured by flow cytometry.",
            "in_vitro",
        ),
    ],
)
def test_a_whole_organism_studied_alive_is_an_animal(
    rules: TriageRules, title: str, abstract: str, design: str
) -> None:
    triage = text(rules, title, abstract)
    assert triage.design == design, triage.reasons


def test_whole_organism_outcomes_are_not_cell_outcomes() -> None:
    assert WHOLE_ORGANISM.search("lifespan of the worms was extended") is not None
    assert WHOLE_ORGANISM.search("larvae were exposed to the compound") is not None
    assert WHOLE_ORGANISM.search("brood size of the flies declined") is not None
    assert WHOLE_ORGANISM.search("sepsis has a high mortality") is None
    assert WHOLE_ORGANISM.search("cells were exposed to the compound for 24 h") is None
    assert WHOLE_ORGANISM.search("cell viability and proliferation fell") is None


TILS = (
    "In this study we investigated expression of the checkpoint protein and its association "
    "with survival in lung cancer. METHODS: The expression of the protein was assessed in 40 "
    "lung cancer cell lines by immunohistochemistry, and tumor-infiltrating lymphocytes were "
    "scored in 120 surgically resected specimens from patients with lung cancer. We also "
    "verified results in samples from 50 patients with untreated lung cancer."
)


@pytest.mark.parametrize(
    "asked",
    # a relationship asked of the patients' tumours is the association question: the
    # people are compared, though the title names cells (main: in vitro for the first)
    ["its relationship with", "its association with"],
)
def test_a_relationship_title_is_an_observational_question(
    rules: TriageRules, asked: str
) -> None:
    title = f"Checkpoint protein expression in non-small cell lung cancer and {asked} " \
        "tumor-infiltrating lymphocytes"
    triage = text(rules, title, TILS)
    assert triage.design == "observational", triage.reasons
