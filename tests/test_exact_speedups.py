"""Speed-ups that must answer as the code they replaced (issue 19, speed8).

Each fast path is checked against the plain search it stands in for, on texts
written to reach its edge cases (non-ASCII, line breaks, empty sentences, a
trigger and the paper's own work in one sentence)."""

from __future__ import annotations

import re

import pytest

from monitor.triage import participants, scope
from monitor.triage.fastre import BytesPattern
from tests.scope_reference import scoped_by_sentence

TEXTS = [
    "",
    "One sentence without an end",
    "Background. Twenty patients were enrolled.\nResults: 12 improved!  Why? (n = 4)",
    "METHODS: We studied 40 rats. RESULTS\n\nThe rats recovered. CONCLUSIONS: none.",
    "A ± B. Forty-two \u03b2-cell donors. Ten women\u2009were included.\n\n",
    "Previous trials have shown a benefit. We performed a randomized trial; it was "
    "stopped early. Future trials are needed.  Our trial was small.",
    "Prior studies were small. In this study we enrolled 30 adults. Further trials "
    "are warranted; we plan one.",
    "End.;\tNext section.\x0bVertical tab. Done",
]


@pytest.mark.parametrize("text", TEXTS)
def test_sentence_ends_as_finditer(text: str) -> None:
    expected = [m.span() for m in participants._SENTENCE_END.finditer(text)]
    assert list(participants._sentence_ends(text)) == expected


@pytest.mark.parametrize("text", TEXTS)
def test_iter_spans_as_spans(text: str) -> None:
    pattern = BytesPattern(rb"[.!?]\s+|\n+")
    data = text.encode()
    assert list(pattern.iter_spans(data)) == pattern.spans(data)


def _scoped_by_sentence(abstract: str) -> scope.Scoped:
    """The scope step as first written: each sentence asked for its triggers."""
    return scoped_by_sentence(
        abstract, lambda data: [m.start() + 1 for m in re.finditer(rb"[.?!];?[\t\n\f\r ]+", data)]
    )


@pytest.mark.parametrize("text", TEXTS + [t.lower() for t in TEXTS])
def test_scoped_as_sentence_by_sentence(text: str) -> None:
    assert scope.scoped(text) == _scoped_by_sentence(text)


def test_scoped_sets_aside_others_and_wanted() -> None:
    found = scope.scoped(TEXTS[5].lower())
    assert found.triggers  # the fixture reaches the blanking path
    assert "randomized trial" in found.primary


@pytest.mark.parametrize(
    "sentence",
    [
        "Earlier, 12 trials with 5000 patients were published.",
        "Twelve studies including 300 patients have been REPORTED so far.",
        "Twelve studies including 300 patients were analysed.",
        "Three reports of 40 cases were publi\u017fhed.",  # a long s: re.I folds it
        "We enrolled 20 patients.",
    ],
)
def test_published_studies_gate(sentence: str) -> None:
    expected = participants._PUBLISHED_STUDIES.search(sentence) is not None
    assert participants._published_studies(sentence) is expected
