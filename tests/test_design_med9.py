"""med9 (issue 19): causes found on MEDLINE-indexed records outside the keys.

A title's small series or numbered case is a case report; a case cue is read with
its own count; wanted work "would be of interest"; results compared with another
trial; animals randomised are an experiment (owners' animals are not); a title's
"systematic reviews" may be its topic.  The texts are written for these tests, not
copied from a key or the corpus."""

from __future__ import annotations

import pytest

from monitor.triage import TriageRules
from tests.triage_text import shipped_rules, text


@pytest.fixture(scope="module")
def rules() -> TriageRules:
    return shipped_rules()


@pytest.mark.parametrize(
    "title",
    [
        "Stress fracture of the patella in adolescents. A report of four cases and review "
        "of the literature.",
        "Grand rounds. Case 2. Fever and a limp in a toddler.",
    ],
)
def test_title_only_case(rules: TriageRules, title: str) -> None:
    assert text(rules, title).design == "case_report"


def test_title_only_many_cases_is_not_a_case_report(rules: TriageRules) -> None:
    title = "Stress fracture of the patella: a report of forty cases and review of the literature."
    assert text(rules, title).design != "case_report"


def test_case_cue_read_with_its_count(rules: TriageRules) -> None:
    abstract = (
        "This report describes 14 patients with syndrome X and hip dislocation. The age "
        "at diagnosis ranged from birth to 12 years. Nine patients required surgery."
    )
    assert text(rules, "Hip dislocation in syndrome X", abstract).design != "case_report"
    small = abstract.replace("14 patients", "two patients").replace("Nine patients", "Both")
    assert text(rules, "Hip dislocation in syndrome X", small).design == "case_report"


def test_wanted_trial_would_be_of_interest(rules: TriageRules) -> None:
    abstract = (
        "Loop diuretics lower potassium, and the clinical meaning of this is debated. A "
        "randomized trial comparing loop diuretics with and without potassium supplements "
        "would be of interest. Their low cost keeps them in wide use."
    )
    assert text(rules, "Loop diuretics revisited", abstract).design != "rct"


def test_results_compared_with_another_trial(rules: TriageRules) -> None:
    abstract = (
        "OBJECTIVE: To gather experience with drug Q in routine practice. RESULTS: A total "
        "of 90 women were treated; 40 had an optimal response. CONCLUSION: The results are "
        "fully comparable with the international, randomized, double-blind trial ALPHA-2."
    )
    assert text(rules, "Drug Q in routine practice: the BETA study", abstract).design != "rct"


def test_animals_randomised_are_an_experiment(rules: TriageRules) -> None:
    abstract = (
        "Seventy-two laying hens were randomly divided into two groups and kept under two "
        "light regimes. Eggshell hardness increased under the long dark phase (P = 0.01)."
    )
    triage = text(rules, "Light regime and eggshell quality", abstract)
    assert triage.design == "animal"
    assert "hens" in triage.reasons["design"][0]


def test_owned_animals_randomised_are_no_experiment(rules: TriageRules) -> None:
    abstract = (
        "A randomised, blinded, multicentre field study of tablet Z in client-owned dogs "
        "with flea infestation. Households were randomised 2:1 to tablet Z or a control "
        "product; flea counts fell by 99% in both groups."
    )
    triage = text(rules, "Tablet Z against fleas in dogs", abstract)
    # (the population's own decision may still call it animal: not this rule's)
    assert triage.design != "rct"
    assert "of animals (" not in triage.reasons["design"][0]


@pytest.mark.parametrize(
    "title",
    [
        "A skills framework for librarians involved in systematic reviews.",
        "Hours spent by librarians on systematic review tasks.",
    ],
)
def test_systematic_reviews_as_topic(rules: TriageRules, title: str) -> None:
    abstract = (
        "We describe the skills that librarians need for their work with review teams, "
        "drawn from the experience of six librarians and existing standards."
    )
    assert text(rules, title, abstract).design != "systematic_review"


def test_systematic_review_named_beside_topic(rules: TriageRules) -> None:
    title = "Harms reporting in systematic reviews of surgery: a systematic review"
    assert text(rules, title).design == "systematic_review"


def test_hedged_finding_is_not_wanted_work(rules: TriageRules) -> None:
    abstract = (
        "Drug M relieved chronic pain after burns in one man whom all other drugs had "
        "failed. Although these results are based on a case report, they suggest that "
        "drug M might be useful in other burn patients with chronic pain."
    )
    assert text(rules, "Drug M for pain after burns", abstract).design == (
        "case_report"
    )
