"""Systematic reviews known by their method, not their name (issue 19).

A paper that calls itself "a systematic review" or "a meta-analysis" is one
only beside a stated search, selection, appraisal or pooling
(``SR_METHOD``); "systematically" is a review's word only with a reviewing
verb or the literature as its object.  Hand-written records: none is from a
design key."""

from __future__ import annotations

import pytest

from monitor.triage import TriageRules
from monitor.triage.design_patterns import SR_METHOD, SR_NAMED_TEXT, SR_TEXT
from tests.triage_text import shipped_rules, text


@pytest.fixture(scope="module")
def rules() -> TriageRules:
    return shipped_rules()


NAMED_ONLY = (
    "Tumour-associated macrophages shape the microenvironment of lung cancer. "
    "To sum up, this is a systematic review on the mechanism of macrophage polarization "
    "and the therapeutic strategies that target it."
)


@pytest.mark.parametrize(
    ("abstract", "design"),
    [
        # a name alone: the review states no method, so no decision settles it (the
        # review model reads such abstracts next; naming them narrative by rule moved
        # a data article citing "a systematic literature review" on the update file)
        (NAMED_ONLY, "other"),
        # the same name beside each kind of method the labelling rules ask for
        (NAMED_ONLY + " MEDLINE and Embase were consulted to June 2024.", "systematic_review"),
        (NAMED_ONLY + " Eligibility criteria were adult patients and a control arm.",
         "systematic_review"),
        (NAMED_ONLY + " Risk of bias was rated with the Cochrane tool.", "systematic_review"),
        (NAMED_ONLY + " Odds ratios were pooled with a random-effects model.",
         "systematic_review"),
        (NAMED_ONLY + " Twelve trials were included.", "systematic_review"),
    ],
)
def test_a_named_review_needs_a_method(rules: TriageRules, abstract: str, design: str) -> None:
    triage = text(rules, "Therapeutic opportunities in lung cancer", abstract)
    assert triage.design == design, triage.reasons


def test_the_reason_names_the_method(rules: TriageRules) -> None:
    triage = text(rules, "Therapeutic opportunities in lung cancer", NAMED_ONLY + " Twelve trials were included.")
    (reason,) = triage.reasons["design"]
    assert "'is a systematic review' with its method 'twelve trials were'" in reason


@pytest.mark.parametrize(
    ("title", "abstract", "design"),
    [
        # a laboratory's meta-analysis of expression data names no literature
        (
            "LINC00665 promotes proliferation of gastric cancer cell lines",
            "A meta-analysis was conducted to assess the expression of LINC00665 from the "
            "Gene Expression Omnibus and TCGA. Knockdown inhibited proliferation of the cell "
            "lines in CCK-8 assays.",
            "in_vitro",
        ),
        # ... a meta-analysis of published studies pools the literature
        (
            "Greater male variability in preferences",
            "In a meta-analysis of experimental economics studies with 97 samples, we find "
            "greater male variability.",
            "systematic_review",
        ),
        # a sentence opening on "A systematic review" in a cohort study, with no method:
        # the cohort's design
        (
            "DYT1 in a dystonia cohort",
            "We sequenced 318 patients with primary dystonia. A systematic review of reported "
            "families showed more cervical dystonia in Asian patients.",
            "observational",
        ),
    ],
)
def test_named_meta_analyses(rules: TriageRules, title: str, abstract: str, design: str) -> None:
    triage = text(rules, title, abstract)
    assert triage.design == design, triage.reasons


@pytest.mark.parametrize(
    ("sentence", "is_review"),
    [
        # reviewing verbs, said by the authors
        ("we systematically searched four databases", True),
        ("to systematically review the evidence on pain", True),
        ("we systematically appraised guidance documents", True),
        # other verbs only with the literature as their object
        ("to systematically identify randomised trials of exercise", True),
        ("we systematically assessed the published literature", True),
        ("relevant studies were systematically selected", True),
        ("we systematically evaluated the read variation of the sequencer", False),
        ("to systematically assess attachment in adult patients", False),
        ("we systematically identified nine cell types", False),
        # a reviewing verb without the authors or the literature: a review of records
        ("prenatal findings were systematically reviewed", False),
        ("medical records were systematically reviewed", False),
    ],
)
def test_systematically(sentence: str, is_review: bool) -> None:
    assert (SR_TEXT.search(sentence) is not None) is is_review


@pytest.mark.parametrize(
    ("sentence", "method"),
    [
        ("pubmed and scopus were searched to 2020", True),
        ("the inclusion criteria were", True),
        ("we found substantial heterogeneity between studies", True),
        ("heterogeneity was high (i2 = 78%)", True),
        ("lung cancer is a disease with remarkable heterogeneity", False),
        ("gene expression from the gene expression omnibus databases", False),
        ("25 articles related to the topic", False),
    ],
)
def test_what_counts_as_a_method(sentence: str, method: bool) -> None:
    assert (SR_METHOD.search(sentence) is not None) is method


def test_names_are_not_methods() -> None:
    """The bare names moved out of SR_TEXT: alone they settle nothing."""
    for name in ("this systematic review", "is a meta-analysis", "design: meta-analysis",
                 "a systematic review of the literature was performed"):
        assert SR_NAMED_TEXT.search(name) is not None
        assert SR_TEXT.search(name) is None
        assert SR_METHOD.search(name) is None
