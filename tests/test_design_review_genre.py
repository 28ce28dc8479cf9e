"""nr9 (issue 19): a narrative review by its genre in any grammatical form ("the
current review", "will be also reviewed", "this article will review", "this article
serves to delineate"), weak unless the paper names work of its own; not the first
person nor "X is discussed", which close research papers; titles that frame the
literature; a review the title names before a guideline's title words.  Hand-written
records."""

from __future__ import annotations

import pytest

from monitor.triage import TriageRules
from monitor.triage.design_patterns import discussed_topic
from tests.triage_text import shipped_rules, text


@pytest.fixture(scope="module")
def rules() -> TriageRules:
    return shipped_rules()


IMAGING = (
    "Small renal masses are often found by chance on cross-sectional imaging. Ultrasound, "
    "computed tomography and magnetic resonance each have a place in their "
    "characterisation."
)


@pytest.mark.parametrize(
    "framing",
    [
        "The role of image-guided ablation will be also reviewed.",
        "This article will review the role of machine learning in reading the images.",
        "In the current review, we provide an update on staging.",
        "This article serves to delineate what patients can expect from imaging.",
        "Our aim is to review the imaging tools used before surgery.",
    ],
)
def test_review_framing_in_any_form_beats_a_cited_design_word(
    rules: TriageRules, framing: str
) -> None:
    # "cross-sectional" names the imaging, not a study; the framing says what the paper is
    triage = text(rules, "Imaging of renal masses", f"{IMAGING} {framing}")
    assert triage.design == "narrative_review", triage.reasons


def test_weak_framing_yields_to_the_papers_own_work(rules: TriageRules) -> None:
    triage = text(
        rules,
        "Imaging of renal masses",
        "We retrospectively studied 84 patients with small renal masses seen on "
        "cross-sectional imaging. Magnetic resonance was more specific than computed "
        "tomography (p < 0.01). The role of ablation will be also discussed.",
    )
    assert triage.design != "narrative_review", triage.reasons


def test_own_results_discussed_in_the_passive_are_not_a_review_cue() -> None:
    assert not discussed_topic("findings are discussed")
    assert not discussed_topic("results will be discussed")
    assert discussed_topic("role will be also reviewed")
    assert discussed_topic("is briefly reviewed")
    assert discussed_topic("patient are reviewed")


def test_a_topic_about_patients_reviewed_in_the_passive_is_still_a_review(
    rules: TriageRules,
) -> None:
    triage = text(
        rules,
        "Intrathecal catheters in children",
        "Access to the intrathecal space may be needed to sample cerebrospinal fluid, to "
        "give drugs or to drain fluid. The indications of intrathecal catheters in the "
        "paediatric patient are reviewed.",
    )
    assert triage.design == "narrative_review", triage.reasons


def test_a_research_papers_closing_words_are_not_a_review_cue(rules: TriageRules) -> None:
    # a study outside medicine names no patients or statistics, so the own-work test is
    # silent: its closing "we discuss" and "... is discussed" must not make it a review
    triage = text(
        rules,
        "Growth stages of anammox biofilms",
        "Little is known about how microbial communities assemble in anammox biofilms. "
        "Biofilm growth in a reactor went through three stages of community assembly. "
        "We discuss the relevance of this understanding for reactor start-up, and the "
        "role of stochastic processes is discussed. This paper focuses on the start-up.",
    )
    assert triage.design != "narrative_review", triage.reasons


def test_a_title_framing_the_literature_is_a_topic_title(rules: TriageRules) -> None:
    triage = text(
        rules,
        "Recent developments in the chemistry of pincer compounds",
        "Pincer ligands bound to group 15 elements give constrained compounds. Their "
        "bonding, their coordination to metals and their catalysis of bond scission are "
        "described, with the reactions of boranes and amines.",
    )
    assert triage.design == "narrative_review", triage.reasons
    assert "recent developments in" in triage.reasons["design"][0]


def test_a_named_review_beats_the_guideline_words_of_its_title(rules: TriageRules) -> None:
    triage = text(
        rules,
        "Practical recommendations for cleaning hospital surfaces: a narrative review",
        "Contaminated surfaces carry pathogens between patients. Disinfectants, equipment "
        "and training differ between hospitals.",
    )
    assert triage.design == "narrative_review", triage.reasons
    guideline = text(
        rules,
        "Practical recommendations for cleaning hospital surfaces",
        "A working group of the national society issues recommendations on disinfectants, "
        "equipment and training.",
    )
    assert guideline.design == "guideline", guideline.reasons
