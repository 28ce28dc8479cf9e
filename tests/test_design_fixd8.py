"""fixd8 (issue 19): the review of rct8's placebo arm and nr8's weak review cue.

An open study's placebo (a test dose, a former trial's arm), the placebo of a paper
whose title names an observational design, and placebo given to the same people in
the phases of their cycle are no parallel arm; the bare passive "... are reviewed"
whose subject is studies or trials is the literature's work, a strong review cue; a
reason shows the text the scope blanked as one ellipsis.  The texts are written for
these tests, not copied from a key or the corpus."""

from __future__ import annotations

import pytest

from monitor.triage import TriageRules
from monitor.triage.design_patterns import REVIEW_TEXT, REVIEW_TEXT_WEAK
from tests.triage_text import shipped_rules, text


@pytest.fixture(scope="module")
def rules() -> TriageRules:
    return shipped_rules()


@pytest.mark.parametrize(
    ("title", "abstract"),
    [
        # an open study: the placebo is one test dose before the drug everybody takes
        ("Isradipine in severe hypertension",
         "In this open multicentre study 48 patients with severe hypertension were treated "
         "for six weeks with isradipine. Before treatment, the response to a single dose was "
         "compared with placebo. Blood pressure was measured weekly (p < 0.01)."),
        # the open follow-up of a finished trial: its arms are the former trial's
        ("Nitrendipine after the end of a trial",
         "This open follow-up study enrolled 2400 patients formerly randomised to placebo "
         "(n = 1200) or nitrendipine (n = 1200), who were all treated with nitrendipine. "
         "Blood pressure was measured yearly."),
        # the title names a cohort study: the placebo is a quoted trial's
        ("Hormone therapy and breast cancer in a regional cohort study of 2900 women",
         "A large trial comparing hormone therapy and a placebo found more breast cancer. "
         "We followed 2900 women who used other hormone preparations for 9 years, and "
         "breast cancer was recorded (hazard ratio 1.1)."),
        # the same women on drug and placebo in the phases of their cycle
        ("Lorazepam across the menstrual cycle",
         "Eighteen women received lorazepam or placebo during both the follicular and "
         "luteal phases of one cycle. We measured mood and reaction time (p = 0.3)."),
    ],
)
def test_placebo_that_is_no_parallel_arm(rules: TriageRules, title: str, abstract: str) -> None:
    triage = text(rules, title, abstract)
    assert triage.design != "rct", triage.reasons


def test_a_parallel_placebo_arm_stays_an_rct(rules: TriageRules) -> None:
    """The guards leave the plain case alone: parallel groups, one on placebo."""
    triage = text(
        rules,
        "Gabapentin for pain after spinal cord injury",
        "Forty adults with spinal cord injury were studied. They were given either placebo "
        "(n = 20) or gabapentin (n = 20) for eight weeks during the first phase of "
        "rehabilitation. Pain fell more with gabapentin (p = 0.02).",
    )
    assert triage.design == "rct", triage.reasons


@pytest.mark.parametrize(
    ("sentence", "strong"),
    [
        ("important new studies presented at the annual congress in june are reviewed.", True),
        ("pharmacokinetic data and clinical trials are reviewed.", True),
        # a singular subject: the role of studies, a study's rationale; weak as before
        ("the role of observational studies in drug research is reviewed.", False),
        # a full stop ends the subject: the trials were another sentence's
        ("we ran two trials. the differential diagnosis is reviewed.", False),
    ],
)
def test_studies_reviewed_is_a_strong_review_cue(sentence: str, strong: bool) -> None:
    assert (REVIEW_TEXT.search(sentence) is not None) is strong
    assert REVIEW_TEXT_WEAK.search(sentence) is not None


def test_studies_reviewed_outweighs_counted_people(rules: TriageRules) -> None:
    triage = text(
        rules,
        "Heart failure: an account of a congress",
        "Important new studies of heart failure reported at the annual congress in Amsterdam "
        "are reviewed. The ACCESS survey asked over 900 cardiologists about 7000 of their "
        "patients. Guidelines and practice were compared.",
    )
    assert triage.design == "narrative_review", triage.reasons


def test_reason_shows_blanked_text_as_one_ellipsis(rules: TriageRules) -> None:
    triage = text(
        rules,
        "Twin abdominal gestation",
        "Abdominal gestation is rare. Previous reports describe a high incidence of fetal "
        "deformation. A case of twin abdominal gestation is presented.",
    )
    reason = triage.reasons["design"][0]
    assert triage.design == "case_report", triage.reasons
    assert "   " not in reason and reason.endswith(" … a case of'"), reason
