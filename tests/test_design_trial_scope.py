"""Trial cues whose scope is not the paper's own trial (issue 19, rct6).

A paper that calls itself a review names trials as its subject; its trial cues
decide RCT only when one of its own sentences says people were allocated at
random in it.  Each case below is one of the causes in docs/triage-evaluation.md
(rct6), written anew, not copied from a key."""

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
        # a review that says so, naming placebo-controlled studies as its material
        ("Drug treatment of spasticity after spinal cord injury",
         "Many agents are used. This review will focus on placebo-controlled and open-label "
         "studies of baclofen and tizanidine in adults. Newer agents look promising.",
         "narrative_review"),
        # a review by its title, reporting a randomized trial as a noun
        ("Intrathecal therapies after spinal cord injury: a review",
         "This article summarizes preclinical and clinical work. Interim results are "
         "described for a randomized phase 2 trial involving 64 patients who received the "
         "drug or saline.", "narrative_review"),
        # a review of trials whose own sentence randomised people stays a trial
        ("Exercise after spinal cord injury: a review and a randomized trial",
         "In this review we summarize the evidence. We then randomized 40 patients to "
         "exercise or usual care.", "rct"),
        # no review named: the blinded trial is the paper's own
        ("Baclofen for spasticity after spinal cord injury",
         "In a double-blind, placebo-controlled trial, 40 adults received baclofen or "
         "placebo for 12 weeks. Spasticity fell.", "rct"),
    ],
)
def test_trial_cues_in_a_review(rules: TriageRules, title: str, abstract: str, design: str) -> None:
    assert text(rules, title, abstract).design == design


def test_a_section_join_ends_a_sentence() -> None:
    """Structured abstracts join their sections with "; ": ".; " ends a sentence, so a
    background's trigger does not set the methods' own randomisation aside."""
    from monitor.triage.scope import scoped, sentences

    abstract = (
        "preliminary studies have suggested that clonidine prolongs analgesia.; fifty women "
        "were included in this prospective, randomized, double-blinded study."
    )
    assert len(sentences(abstract)) == 2
    primary = scoped(abstract).primary
    assert "preliminary" not in primary
    assert "randomized, double-blinded study" in primary


def test_a_randomised_methods_section_after_a_cited_background(rules: TriageRules) -> None:
    abstract = (
        "Preliminary studies have suggested that clonidine prolongs intrathecal analgesia.; "
        "Fifty-three women in labor were included in this prospective, randomized, "
        "double-blinded study. They received sufentanil with or without clonidine.; "
        "Analgesia lasted longer with clonidine."
    )
    assert text(rules, "Clonidine for labor analgesia", abstract).design == "rct"


@pytest.mark.parametrize(
    ("abstract", "design"),
    [
        # the authors gave the treatment at random: their own verb, passive
        ("Sixty adults with SCI were randomly given either saline or clonidine before "
         "surgery. Pain scores were lower with clonidine.", "rct"),
        ("To evaluate, in a prospective and randomized fashion, the efficacy of verapamil, "
         "we studied 107 patients with SCI. Recurrences fell.", "rct"),
        # a sample drawn at random is not an allocation
        ("Sixty adults with SCI were randomly selected from a registry and interviewed "
         "about their bladder care by questionnaire survey.", "observational"),
    ],
)
def test_random_allocation_in_the_authors_verbs(
    rules: TriageRules, abstract: str, design: str
) -> None:
    assert text(rules, "Care after spinal cord injury", abstract).design == design


@pytest.mark.parametrize(
    ("title", "abstract", "design"),
    [
        # a design paper by its genre's name is a protocol, whatever trial it describes
        ("Riluzole in acute spinal cord injury (RISCIS-2). Rationale and design.",
         "The double-blind, randomized, placebo-controlled RISCIS-2 trial enrols adults with "
         "acute SCI. Enrolment began in 2024 and the last visit will be in 2027.", "protocol"),
        ("The spinal cord stimulation for walking study (STEP) study design.",
         "The objective of the double-blind, randomized STEP trial is to assess walking.",
         "protocol"),
    ],
)
def test_a_design_paper_by_its_title(
    rules: TriageRules, title: str, abstract: str, design: str
) -> None:
    assert text(rules, title, abstract).design == design


@pytest.mark.parametrize(
    ("title", "abstract", "design"),
    [
        # a design described in brackets, not a study's name: the study itself
        ("Pressure injury knowledge",
         "A quasi-experimental (one group pre-test post-test) study design was used with 40 "
         "nurses. Knowledge scores rose from 10 to 14 after training.", "non_randomized_trial"),
        ("Bladder care in SCI",
         "This mixed-methods (QUAL-quan) study design enrolled 25 people with SCI; interviews "
         "and a questionnaire showed unmet needs.", "observational"),
    ],
)
def test_a_bracketed_design_is_no_study_name(
    rules: TriageRules, title: str, abstract: str, design: str
) -> None:
    assert text(rules, title, abstract).design == design


def test_a_review_title_over_a_trial_given_at_random_is_a_trial(rules: TriageRules) -> None:
    """The verbs of RCT_TEXT's allocation ("were randomly given") are those by which a
    paper that calls itself a review reports its own randomisation (RANDOMISED_HERE)."""
    abstract = (
        "Eighty children were randomly given a caudal injection of either saline or "
        "bupivacaine. Pain scores were lower with bupivacaine (p<0.01)."
    )
    assert text(rules, "Caudal block in children", abstract).design == "rct"
    assert text(rules, "Caudal block in children: review of 80 cases", abstract).design == "rct"


def test_trial_design_as_a_topic_is_no_protocol(rules: TriageRules) -> None:
    """Trial design as the subject names no study of the paper's own."""
    found = text(rules, "Challenges in spinal cord injury clinical trial design").design
    assert found != "protocol"


def test_a_trial_that_appears_warranted_is_wanted(rules: TriageRules) -> None:
    """The copula of wanting includes seeming: "appears warranted" as "is warranted"."""
    abstract = (
        "The aim of this prospective open label study was to assess riluzole in nine adults "
        "with chronic SCI. Riluzole was given in increasing doses. Spasticity improved. "
        "A double blind, placebo-controlled trial appears warranted."
    )
    assert text(rules, "Riluzole for spasticity after SCI", abstract).design != "rct"
