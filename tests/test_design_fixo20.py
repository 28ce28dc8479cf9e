"""fixo20 (review of obs20, issue 19): the people obs20's rule reads as the paper's
own are sometimes heard, not measured, or are a panel, not subjects.

docs/design-labelling.md: interviews "analysed thematically" are ``qualitative``;
a Delphi or consensus process whose product is an agreed set is a ``guideline``'s
work, and its panel is no cohort.  The texts are written for these tests, not
copied from a key or the corpus."""

from __future__ import annotations

import time

import pytest

from monitor.triage import TriageRules
from monitor.triage.design_patterns import (
    CONSENSUS_METHOD,
    OWN_SUBJECTS,
    PUBLIC_DATA,
    QUAL,
)
from monitor.triage.fastre import Pattern, engine
from tests.triage_text import shipped_rules, text


@pytest.fixture(scope="module")
def rules() -> TriageRules:
    return shipped_rules()


@pytest.mark.parametrize(
    "abstract",
    [
        "Wheelchair users living in the community were recruited. Interviews were "
        "thematically analysed, and three themes described the barriers they met.",
        "Carers of people with tetraplegia were interviewed at home; the transcripts "
        "were analysed thematically.",
        "We report an interview study of nurses on two spinal wards. Nurses were "
        "recruited by email and spoke about night-time turning.",
    ],
)
def test_interviews_analysed_thematically_are_qualitative(
    rules: TriageRules, abstract: str
) -> None:
    t = text(rules, "Living with a spinal cord injury at home", abstract)
    assert t.design == "qualitative", t.reasons["design"]


@pytest.mark.parametrize(
    "abstract",
    [
        "Candidate outcomes were rated by clinicians and people with tetraplegia over two "
        "Delphi rounds. At the consensus meeting, the votes of the 36 international "
        "clinicians and patients reduced the list to eight outcomes.",
        "Clinicians and people with spinal cord injury met as a nominal group and ranked "
        "the research priorities of the 36 patients and carers who had written in; "
        "consensus was reached on ten.",
    ],
)
def test_a_consensus_panel_is_no_cohort(rules: TriageRules, abstract: str) -> None:
    # no count the participant grammar reads: obs20's arm, the panel named by a
    # preposition's count ("of the 36 ... patients")
    t = text(rules, "Outcomes that matter after spinal cord injury", abstract)
    assert t.design != "observational", t.reasons["design"]


def test_patients_measured_stay_observational(rules: TriageRules) -> None:
    # "themes" of a cohort's measurements and a consensus definition used as a
    # criterion do not make the people a panel or their data interviews
    t = text(
        rules,
        "Return to work after traumatic spinal cord injury",
        "Working-age adults discharged from two spinal centres were followed for five "
        "years. Return to work was more frequent after incomplete injuries.",
    )
    assert t.design == "observational"


@pytest.mark.parametrize(
    ("pattern", "hostile"),
    [
        (QUAL, "interviews were " * 5000 + "thematically"),
        (QUAL, "analysed " * 10000),
        (CONSENSUS_METHOD, "consensus " * 10000),
    ],
)
def test_new_arms_fast_on_hostile_text(pattern: Pattern, hostile: str) -> None:
    start = time.process_time()
    pattern.search(hostile)
    assert time.process_time() - start < 1.0


@pytest.mark.parametrize("pattern", [OWN_SUBJECTS, PUBLIC_DATA, CONSENSUS_METHOD, QUAL])
def test_own_people_patterns_are_linear_time(pattern: Pattern) -> None:
    # the hostile-text timings above (and obs20's) pass for any bounded pattern on
    # texts of 10,000 words; what keeps a later arm from backtracking on a real
    # abstract is RE2, which a look-around would silently trade for Python's re
    assert engine(pattern) == "re2"
