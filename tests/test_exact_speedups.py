"""Speed-ups that must answer as the code they replaced (issue 19, speed8).

Each fast path is checked against the plain search it stands in for, on texts
written to reach its edge cases (non-ASCII, line breaks, empty sentences, a
trigger and the paper's own work in one sentence)."""

from __future__ import annotations

import re

import pytest

from monitor.triage import participants, scope
from monitor.triage.design_paper import Paper
from monitor.triage.design_patterns import OWN_STUDY, SCOPE_LITERATURE, SCOPE_TRIGGERS
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


# speed10: Paper.scope reads the literature's reading and the plain one from one Scan
SCOPE_TEXTS = [
    # literature triggers, no work of its own: the literature's reading
    "cohort studies also report a high risk. hospitals changed their pathways.",
    # literature triggers and "previous trials" beside the paper's own research verbs:
    # the literature's reading is set aside and the plain one read from the same scan
    "previous trials have shown a benefit. studies consistently show harm. we enrolled "
    "40 patients and randomized them. future trials are needed.",
    # the paper's own study named: never the literature's reading
    "in this study, studies suggest a link. a randomized trial is required.",
    # literature triggers, none of the other triggers
    "data suggest a benefit of early surgery. we randomized 30 adults.",
    "a randomized trial is required. \u03b2-blockers have been studied widely.",
    "",
]


def _scope_in_two_passes(abstract: str) -> scope.Scoped:
    """Paper.scope as nr10 wrote it: the literature's reading, then, where the paper
    names work of its own, a second ``scoped`` of the whole abstract."""
    paper = _paper(abstract)
    literature = None
    if SCOPE_LITERATURE in paper.in_abstract:
        literature = scope.scoped(abstract, literature=True)
        if paper.own_work(literature.primary) or OWN_STUDY.search(abstract):
            literature = None
    if literature is not None:
        return literature
    if SCOPE_TRIGGERS in paper.in_abstract:
        return scope.scoped(abstract)
    return scope.Scoped(abstract, abstract, ())


def _paper(abstract: str) -> Paper:
    return Paper("a title", abstract, "human", "", None, [])


@pytest.mark.parametrize("abstract", SCOPE_TEXTS)
def test_paper_scope_as_two_passes(abstract: str) -> None:
    assert _paper(abstract).scope == _scope_in_two_passes(abstract)


@pytest.mark.parametrize("abstract", SCOPE_TEXTS)
def test_paper_scope_scans_once(abstract: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each trigger pattern and OWN_WORK run at most once per
    abstract, whichever reading Paper.scope settles on."""
    calls: list[bytes] = []
    for name in ("_WANTED", "_OTHER", "_OWN", "_LITERATURE"):
        pattern = getattr(scope, name)
        monkeypatch.setattr(scope, name, _Counting(pattern, name.encode(), calls))
    paper = _paper(abstract)
    paper.scope  # noqa: B018 (the property under test)
    assert len(calls) == len(set(calls)), calls


def test_paper_scope_fixtures_reach_the_fallback() -> None:
    """The second fixture's literature reading is set aside for the plain one."""
    abstract = SCOPE_TEXTS[1]
    paper = _paper(abstract)
    assert SCOPE_LITERATURE in paper.in_abstract and SCOPE_TRIGGERS in paper.in_abstract
    assert paper.own_work(scope.scoped(abstract, literature=True).primary)
    assert paper.scope == scope.scoped(abstract)


class _Counting:
    """A BytesPattern that records each whole-text scan."""

    def __init__(self, pattern: BytesPattern, name: bytes, calls: list[bytes]) -> None:
        self._pattern, self._name, self._calls = pattern, name, calls

    def spans(self, data: bytes) -> list[tuple[int, int]]:
        self._calls.append(self._name)
        return self._pattern.spans(data)
