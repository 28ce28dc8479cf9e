"""fixr20: review of rct20's protocol and open-label rules, and the lowercasing of
patterns.

Triage matches lowercased text with case-sensitive patterns, so a pattern's capitals
are lowered when it is compiled; ``str.lower`` on the whole pattern also lowered its
escapes, and ``\\W`` became ``\\w`` (its opposite).  rct20's future-tense and
trial-methods rules read a trial "to come" with a results section as the only sign of
results, in one of the two decisions that read the tense.  The texts are written for
these tests, not copied from a key or the corpus."""

from __future__ import annotations

import pytest

from monitor.triage import TriageRules
from monitor.triage.design_patterns import CITED_POOLING
from monitor.triage.fastre import lowercase_literals
from monitor.triage.rules import _sci_regex
from tests.triage_text import shipped_rules, text


@pytest.fixture(scope="module")
def rules() -> TriageRules:
    return shipped_rules()


@pytest.mark.parametrize(
    ("pattern", "lowered"),
    [
        (r"^\W*RCT\b", r"^\W*rct\b"),
        (r"\S+\D\B[A-Z]", r"\S+\D\B[a-z]"),
        (r"\p{Lu}X\N{EM DASH}", r"\p{Lu}x\N{EM DASH}"),
        (r"\p{Greek}X", r"\p{Greek}x"),
        (r"(?P<Arm>A|B)(?P=Arm)", r"(?P<Arm>a|b)(?P=Arm)"),
        ("\\\\W", "\\\\w"),  # an escaped backslash, then a literal W
    ],
)
def test_only_the_literal_text_is_lowered(pattern: str, lowered: str) -> None:
    assert lowercase_literals(pattern) == lowered


def test_cited_pooling_opens_on_non_word_characters() -> None:
    # ^\W* as written: punctuation before the cited finding, not a word's tail
    assert CITED_POOLING.search('("a pooled analysis of three trials showed benefit') is not None
    assert CITED_POOLING.search("someone found that drug x helps") is None


def test_a_maintainers_sci_pattern_in_capitals_matches_lowercased_text() -> None:
    sci = _sci_regex("triage.toml", [], [r"\bASIA\S*\s+grade\b"])
    assert sci.search("an asia-a grade injury") is not None
    assert sci.search("asia grade") is not None


_REPORTED = "Forty adults with spinal cord injury were randomised to the device or usual care. "


@pytest.mark.parametrize(
    ("title", "abstract"),
    [
        # what was designed is a device; the trial is reported
        (
            "Design and evaluation of a wearable orthosis after spinal cord injury: a "
            "randomized controlled trial",
            "Methods: 40 adults with spinal cord injury were randomized to the orthosis or "
            "usual care. Results: walking speed improved by 0.2 m/s.",
        ),
        (
            "Design of a home exercise device tested in a randomised trial in spinal cord injury",
            _REPORTED + "Walking speed improved by 0.2 m/s with the device.",
        ),
        # a completed trial's future work, unstructured: no results section to find
        (
            "Drug X for spasticity after spinal cord injury: a randomised controlled trial",
            _REPORTED + "Spasticity fell by 2 points. Future trials, in which patients will be "
            "randomised at 20 centres, should confirm this.",
        ),
        (
            "Drug X for spasticity after spinal cord injury: a randomised controlled trial",
            _REPORTED + "Spasticity fell by 2 points. In a second phase, patients are being "
            "recruited to a longer follow-up.",
        ),
        (
            "Drug X for spasticity after spinal cord injury: a randomised controlled trial",
            _REPORTED + "Spasticity fell by 2 points. We will perform a cost analysis next.",
        ),
    ],
)
def test_a_reported_trial_is_no_protocol_for_its_plans(
    rules: TriageRules, title: str, abstract: str
) -> None:
    triage = text(rules, title, abstract)
    assert triage.design == "rct", triage.reasons


def test_a_trial_methods_reason_names_the_genre_words(rules: TriageRules) -> None:
    triage = text(
        rules,
        "Design of the Bladder After Injury trial: a randomized controlled trial",
        "Adults with spinal cord injury will be randomised to drug X or placebo.",
    )
    assert triage.design == "protocol", triage.reasons
    assert triage.reasons["design"][0].startswith("title: 'design' "), triage.reasons


@pytest.mark.parametrize(
    "abstract",
    [
        "Methods: in an open-label extension of a randomised trial, 60 adults with spinal "
        "cord injury who had completed the trial received drug X for one year. Results: "
        "spasticity stayed low.",
        "Methods: this open-label extension study followed 60 adults with spinal cord "
        "injury randomised in the parent trial; all received drug X. Results: spasticity "
        "stayed low.",
    ],
)
def test_an_open_label_extension_of_a_randomised_trial_is_not_randomised(
    rules: TriageRules, abstract: str
) -> None:
    # docs/design-labelling.md: the investigators gave everyone the drug, none was
    # randomised in this phase: a non-randomised trial
    triage = text(rules, "Drug X for spasticity after spinal cord injury", abstract)
    assert triage.design == "non_randomized_trial", triage.reasons


def test_a_parent_training_trial_is_still_the_papers_own(rules: TriageRules) -> None:
    triage = text(
        rules,
        "Coping after paediatric spinal cord injury",
        "Methods: in a parent-training randomised trial, 40 families of children with "
        "spinal cord injury received training or usual care. Results: stress fell.",
    )
    assert triage.design == "rct", triage.reasons
