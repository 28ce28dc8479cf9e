"""nrt11 (issue 19): who was given what, where the paper names no design.

A paper that counts its people and names no design is a trial without
randomisation when the investigators gave them a dose (``DOSE_GIVEN``: a verb of
giving with a drug dose, or a dose with its arm's count), not when a registry
counts what people received, an own sentence randomises them, or the trial is a
post hoc analysis's source.  A paper with no count read whose own sentences
report statistics of its people is observational (people analysed as a group).
The texts are written for these tests, not copied from a key or the corpus."""

from __future__ import annotations

import time

import pytest

from monitor.triage import TriageRules
from monitor.triage.design_decisions import _dose_given
from monitor.triage.design_patterns import DOSE_ARM, GROUP_STATISTIC
from tests.triage_text import shipped_rules, text


@pytest.fixture(scope="module")
def rules() -> TriageRules:
    return shipped_rules()


@pytest.mark.parametrize(
    ("title", "abstract"),
    [
        # a dose given without a dose rate ADMINISTERED would read
        ("Bladder instillation of drug X after spinal cord injury",
         "Detrusor overactivity threatens the kidneys. Twenty-two patients whose oral "
         "treatment had failed received intravesical drug X (10 mg three times daily). "
         "Bladder capacity rose from 300 to 410 mL and no patient stopped treatment."),
        # two arms named by dose and count
        ("Drug A or drug B with a local anaesthetic for labour analgesia",
         "We studied 44 women in labour. The block was done with 60 microg drug A "
         "(n = 22) or 40 microg drug B (n = 22) with the same local anaesthetic. Pain "
         "relief lasted longer with drug A."),
    ],
)
def test_dose_given_is_a_trial_without_randomisation(
    rules: TriageRules, title: str, abstract: str
) -> None:
    assert text(rules, title, abstract).design == "non_randomized_trial"


def test_recruitment_word_with_a_dose_given(rules: TriageRules) -> None:
    t = text(
        rules,
        "Sublingual drug N in hypertensive urgencies",
        "In a prospective evaluation, 30 patients with a hypertensive urgency received "
        "drug N 10 mg sublingually. Blood pressure fell within 20 minutes.",
    )
    assert t.design == "non_randomized_trial"


@pytest.mark.parametrize(
    ("title", "abstract"),
    [
        # a registry's count of transfused units is no dose the authors gave
        ("Anticoagulation and outcomes after splenic injury",
         "A national trauma registry was used to compare 2,400 adults on anticoagulants "
         "with those not on them. Anticoagulated patients received fewer units of red "
         "cells (4 versus 6 units) and died more often."),
        # the people were randomised: the dose is a randomised arm's
        ("Baseline factors and lesion growth in a sham-controlled study of drug P",
         "Of 240 randomized patients, 190 had one-year data. Patients received 15 mg "
         "drug P monthly or sham. Lesion growth was faster in larger lesions."),
    ],
)
def test_dose_not_a_trial_without_randomisation(
    rules: TriageRules, title: str, abstract: str
) -> None:
    assert text(rules, title, abstract).design != "non_randomized_trial"


def test_people_compared_with_statistics_are_observed(rules: TriageRules) -> None:
    t = text(
        rules,
        "Coping strategies and quality of life in multiple sclerosis",
        "An online form was sent to the patients under our follow-up. Patients who "
        "used planning reported better quality of life (p = 0.01). Perceived stress was "
        "associated with relapses (odds ratio 1.8).",
    )
    assert t.design == "observational"
    assert t.reasons["design"][0].startswith("no design phrase found")


def test_statistics_without_people_decide_nothing(rules: TriageRules) -> None:
    t = text(
        rules,
        "Anthelmintics in a river basin",
        "Nineteen anthelmintics were measured in river water. Concentrations were "
        "higher in the dry season (p < 0.05).",
    )
    assert t.design != "observational"


@pytest.mark.parametrize(
    "hostile",
    [
        "received " + "1 " * 10000 + "x" + " " * 10000 + "(n = ",
        "received 12 mg " * 3000,
        "received 12 ab " * 3000,
        "received x " * 10000 + "mg",
        "5 mg" + " a" * 10000 + " (n = x",
    ],
)
def test_dose_and_statistic_fast_on_hostile_text(hostile: str) -> None:
    start = time.process_time()
    _dose_given(hostile)
    DOSE_ARM.search(hostile)
    GROUP_STATISTIC.search(hostile)
    assert time.process_time() - start < 1.0


def test_trial_named_in_title_source_is_not_the_question(rules: TriageRules) -> None:
    t = text(
        rules,
        "Genotype G predicts the blood pressure response to drug A: results from the "
        "drug A vs drug B hypertension trial",
        "In this trial, 90 patients with hypertension were allocated randomly to drug A or "
        "drug B. We genotyped 80 of them; carriers of allele G had a smaller fall in "
        "blood pressure on drug A (p = 0.02).",
    )
    assert t.design == "observational"
