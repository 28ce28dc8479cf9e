"""nr10 (issue 19): in an abstract that names no work of its own, sentences about the
literature in the generic present ("cohort studies also report", "retrospective data
suggest", "X was evaluated in a randomised trial") are mentions, not the design; in a
paper with work of its own they are read as before.  Hand-written records."""

from __future__ import annotations

import pytest

from monitor.triage import TriageRules
from monitor.triage.scope import scoped
from tests.triage_text import shipped_rules, text


@pytest.fixture(scope="module")
def rules() -> TriageRules:
    return shipped_rules()


BACKGROUND = (
    "Perioperative infection raises the risk of death after surgery. Hospitals changed "
    "their pathways quickly during the pandemic, and elective lists were shortened."
)


@pytest.mark.parametrize(
    "literature",
    [
        "Cohort studies also report a high association between infection and mortality.",
        "Retrospective data suggest that delaying surgery lowers the risk.",
        "Clinical trials have been conducted to test dexamethasone in this setting.",
        "The past decade has witnessed several additional registry and cohort studies.",
    ],
)
def test_a_literature_sentence_is_a_mention_where_the_paper_has_no_own_work(
    rules: TriageRules, literature: str
) -> None:
    triage = text(rules, "Surgery during a pandemic", f"{BACKGROUND} {literature}")
    assert triage.design not in ("observational", "rct", "non_randomized_trial"), triage.reasons


def test_the_same_sentence_in_a_research_paper_still_names_its_design(rules: TriageRules) -> None:
    triage = text(
        rules,
        "Surgery during a pandemic",
        "We enrolled 212 patients undergoing elective surgery in a prospective cohort. "
        "Cohort studies also report a high association between infection and mortality. "
        "Mortality was 4% (p < 0.01).",
    )
    assert triage.design == "observational", triage.reasons


def test_an_own_trial_in_the_passive_is_not_the_literatures(rules: TriageRules) -> None:
    # no first person, no statistics: the passive trial with its patients is the paper's
    triage = text(
        rules,
        "Second-line drugs for a rare headache",
        "The first-line drug is not always tolerated. Therefore the efficacy of three drugs "
        "was studied in a prospective open trial with 10 patients. Two drugs were the most "
        "effective.",
    )
    assert triage.design == "non_randomized_trial", triage.reasons


def test_a_paper_naming_its_own_study_keeps_its_design(rules: TriageRules) -> None:
    # no first person or statistics, but "the present study" and "this is a ... study"
    triage = text(
        rules,
        "Recovery trajectories of young inpatients",
        "The present study investigated routine outcome monitoring in young inpatients. "
        "This is a retrospective study using growth analysis, with additional analyses of "
        "the groups. Cohort studies also report poor outcomes in such groups.",
    )
    assert triage.design == "observational", triage.reasons


def test_literature_triggers_only_when_asked() -> None:
    abstract = "cohort studies also report high mortality. mortality is high."
    assert scoped(abstract).primary == abstract
    assert "cohort" not in scoped(abstract, literature=True).primary
    # a sentence that speaks of the paper's own work stays in scope
    own = "in our cohort, cohort studies also report high mortality."
    assert scoped(own, literature=True).primary == own
