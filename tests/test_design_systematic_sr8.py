"""Systematic reviews by their method section, their pooling and their kind (issue 19,
sr8): hand-written records, none from a design key or the MEDLINE files."""

from __future__ import annotations

import pytest

from monitor.triage import TriageRules
from tests.triage_text import shipped_rules, text


@pytest.fixture(scope="module")
def rules() -> TriageRules:
    return shipped_rules()


@pytest.mark.parametrize(
    ("title", "abstract", "design"),
    [
        # a Methods label names the review, the databases are its method
        (
            "Bladder complications after stroke: what is known",
            "INTRODUCTION: Little is known about bladder complications. METHOD: Systematic review "
            "of the literature on bladder complications based on Medline and CINAHL. RESULTS: We "
            "screened 800 articles and kept 30.",
            "systematic_review",
        ),
        # a title saying only "review", a search and a selection in the abstract
        (
            "Pressure injuries in wheelchair users: review of the evidence",
            "Methods: An Embase search of the terms pressure, ulcer and wheelchair was run in 2019. "
            "Exclusionary criteria were animal studies. Twenty-two manuscripts were included in "
            "the review. Cushions reduce pressure.",
            "systematic_review",
        ),
        # the same title with a search only: a narrative review's way of speaking
        (
            "Pressure injuries in wheelchair users: review of the evidence",
            "An Embase search informed this overview. Cushions reduce pressure, and turning "
            "schedules are debated.",
            "narrative_review",
        ),
        # pooling of the literature without the word meta-analysis
        (
            "Diabetes and outcome after hip fracture",
            "METHOD: We pooled studies from published literature to assess the association. "
            "RESULTS: A pooled analysis of 6 studies showed higher odds of death.",
            "systematic_review",
        ),
        # a network meta-analysis named in an abstract, with its pooling
        (
            "Drugs for neuropathic pain after spinal cord injury",
            "We conducted a network meta-analysis of 14 randomised trials; effects were pooled with "
            "a random-effects model.",
            "systematic_review",
        ),
        # a kind named otherwise in the title
        (
            "Barriers to glove use by nurses: a rapid qualitative evidence synthesis",
            "We searched MEDLINE in March 2020 and included 20 qualitative studies.",
            "systematic_review",
        ),
    ],
)
def test_systematic_review_found(
    rules: TriageRules, title: str, abstract: str, design: str
) -> None:
    triage = text(rules, title, abstract)
    assert triage.design == design, triage.reasons


@pytest.mark.parametrize(
    "abstract",
    [
        # a primary study citing a previous meta-analysis: a citation, not its design
        "A previous meta-analysis of 12 trials showed a benefit of early surgery. We randomly "
        "assigned 120 patients to early or late decompression; motor scores were compared.",
        "A recent meta-analysis of randomized trials suggested benefit. In this prospective "
        "cohort of 300 patients with spinal cord injury we measured pain at one year.",
        # a genome-wide association meta-analysis of cohorts is observational by the rules
        "We performed a genome-wide association meta-analysis of 12 cohorts (40,000 "
        "participants) with random-effects models and found six new susceptibility loci.",
        # a methods paper pooling the authors' own scanners' data
        "We proposed a bootstrap method for the meta-synthesis of MRI findings from several "
        "scanners and compared it with pooling in 787 participants.",
        # a pooled analysis of the authors' own cohorts is not a review of studies
        "A pooled analysis of two cohorts of 500 patients with spinal cord injury showed "
        "that older age predicted lower walking scores.",
    ],
)
def test_mentions_and_genomic_pooling_are_not_reviews(rules: TriageRules, abstract: str) -> None:
    triage = text(rules, "Walking after spinal cord injury", abstract)
    assert triage.design != "systematic_review", triage.reasons


def test_a_mapping_review_is_narrative(rules: TriageRules) -> None:
    """A mapping review maps the evidence without appraising it: narrative by the
    labelling rules, however systematic its search."""
    triage = text(
        rules,
        "Shared decisions in rehabilitation: a literature mapping review",
        "Methods: A systematic research mapping was carried out, based on searches in "
        "bibliographic databases. Of 3,000 studies, 90 were included in the final mapping.",
    )
    assert triage.design == "narrative_review", triage.reasons
