"""fixp8: review of speed8's fast paths (byte vs character offsets, RE2 vs re
``\\s``) and of parts8's rules on text they were not written from.

The speed8 checks compare each fast path with the code it replaced (the RE2
str wrapper's ``finditer``, the original ``BytesPattern(rb"[.?!];?\\s+")``,
the plain ``re`` search) on texts written for the edges: non-ASCII characters
on either side of a sentence end, CRLF, form feeds, vertical tabs, Unicode
spaces and line separators, lower case after a full stop, and letters that
``re.I`` folds onto ASCII (long s, Kelvin sign)."""

from __future__ import annotations

import pytest

from monitor.triage import participants, scope
from monitor.triage.fastre import BytesPattern
from tests.scope_reference import scoped_by_sentence

EDGE_TEXTS = [
    "Twenty patients were enrolled.\r\nResults: 12 improved.\r\n\r\nConclusion: none.",
    "First page.\fSecond page. Third\fpart.",
    "Vertical.\x0bTab here. File\x1cseparator. Next one.",
    "No-break.\u00a0Next sentence. Thin\u2009space. Line\u2028separator. End.",
    "Caf\u00e9. Na\u00efve patients. \u00c9tude of 30 men. 12 \u03bcg given.",
    "lower case after stop. another one. UPPER CASE: then a label.",
    "Ends in a non-ASCII letter \u00df. Then 20 women.",
    "A sentence\u2026 Then 20 women. \u201cQuoted.\u201d Next.",
    "Tab\t.\t\tAfter tabs. Done!",
    "Many ends... Real end?! (n = 4) [ref]. 3 patients.",
    "\n\nLeading breaks. Trailing breaks.\n\n",
    "x" * 5000 + ". Y" + " z" * 3000 + ". End",
]
ASCII_EDGE_TEXTS = [t for t in EDGE_TEXTS if t.isascii()]


@pytest.mark.parametrize("text", EDGE_TEXTS)
def test_sentence_ends_as_the_wrappers_finditer(text: str) -> None:
    # the str wrapper's own finditer (what speed8 replaced for ASCII texts)
    wrapped = getattr(participants._SENTENCE_END, "_wrapped", participants._SENTENCE_END)
    expected = [m.span() for m in wrapped.finditer(text)]
    assert list(participants._sentence_ends(text)) == expected


def test_edge_texts_reach_the_byte_path() -> None:
    # the fast path runs on ASCII texts only: the fixture must hold some of each
    assert len(ASCII_EDGE_TEXTS) >= 5
    assert len(EDGE_TEXTS) - len(ASCII_EDGE_TEXTS) >= 4


def test_sentence_ends_byte_offsets_are_character_offsets() -> None:
    # the same text after one ASCII and after one two-byte character: the byte path
    # (ASCII) and the character path must place every end one character later
    text = "Twenty patients were enrolled.\r\nResults: 12 improved. Done."
    ascii_spans = list(participants._sentence_ends("x" + text))
    wide_spans = list(participants._sentence_ends("\u00e9" + text))
    assert ascii_spans == wide_spans
    assert [("x" + text)[s] for s, _e in ascii_spans] == [".", "."]


def _scoped_original(abstract: str) -> scope.Scoped:
    """scope.scoped as it was before speed8: RE2's own ``\\s`` via BytesPattern,
    each sentence asked for its first trigger."""
    return scoped_by_sentence(
        abstract, lambda data: [s + 1 for s, _e in BytesPattern(rb"[.?!];?\s+").spans(data)]
    )


SCOPE_TEXTS = [
    "Previous trials have shown a benefit.\x0bWe performed a randomized trial. "
    "Future trials are needed.\x1cOur trial was small.",
    "Previous trials were small.\u00a0In this study we enrolled 30 adults.\u2028"
    "Further trials are warranted.",
    "Prior studies (caf\u00e9) were small.\r\nWe enrolled 30 \u00e9l\u00e8ves.\f"
    "Previous trials disagreed;\tour trial did not.",
]


@pytest.mark.parametrize("text", SCOPE_TEXTS + [t.lower() for t in SCOPE_TEXTS])
def test_scoped_as_the_original_re2_whitespace(text: str) -> None:
    found = scope.scoped(text)
    assert found == _scoped_original(text)


def test_scope_fixture_reaches_the_blanking_path() -> None:
    assert all(scope.scoped(t.lower()).triggers for t in SCOPE_TEXTS)


@pytest.mark.parametrize(
    "sentence",
    [
        "Earlier, 12 trials with 5000 patients were PUBLI\u017fHED.",  # long s
        "Earlier, 12 trials with 5000 patients were published\u212a.",  # Kelvin sign after
        "Earlier, 12 trials with 5000 patients were repor\u0074ed.",
        "Earlier, 12 trials with 5000 patients were PUBLISHED in 2010.",
        "Earlier, 12 trials with 5000 patients were publish ed.",
    ],
)
def test_published_studies_gate_folds_as_re(sentence: str) -> None:
    expected = participants._PUBLISHED_STUDIES.search(sentence) is not None
    assert participants._published_studies(sentence) is expected


def test_long_s_is_not_ascii_so_the_gate_is_skipped() -> None:
    # "PUBLIſHED".lower() keeps the long s: the ASCII pre-check must not run on it
    sentence = "Earlier, 12 trials with 5000 patients were PUBLI\u017fHED."
    assert "published" not in sentence.lower()
    assert participants._published_studies(sentence) is True


# --- parts8's patterns searched across a whole abstract --------------------------------


def test_review_pool_search_is_not_cubic_on_a_run_of_number_words() -> None:
    # NUMBER's unbounded repetitions before "(?:[\w-]+\s+){0,3}?studies" tried every
    # length of the run from every start: 1,500 words took 20 s in one read_counts
    import time

    text = (
        "A systematic review and meta-analysis. We included 15 studies with 2,000 "
        "patients. Scores were " + " ".join(["twenty"] * 1500) + " studies. Thirteen "
        "studies with 1,000 patients were analysed."
    )
    began = time.process_time()
    reading = participants.read_counts(text, "A meta-analysis")
    assert time.process_time() - began < 3.0
    assert reading.chosen is not None and reading.chosen.value == 2000


def test_review_pool_search_is_not_quadratic_on_three_digit_groups() -> None:
    import time

    text = " ".join(str(100 + i) for i in range(800))
    began = time.process_time()
    for pattern in (
        participants._POOLED,
        participants._INCLUDED_STUDIES,
        participants._PUBLISHED_STUDIES,
    ):
        assert list(pattern.finditer(text)) == []
    assert time.process_time() - began < 3.0


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("13 studies with 16,648 patients", 13),
        ("Thirteen studies with 900 patients", 13),
        ("two hundred and forty-five studies with 900 patients", 245),
        ("1,234 studies with 900 patients", 1234),
        ("1 234 studies with 900 patients", 1234),
    ],
)
def test_bounded_number_reads_real_numbers_as_number(phrase: str, value: int) -> None:
    found = participants._POOLED.search(phrase)
    assert found is not None
    assert participants._value(found.group(1)) == value


def test_a_sample_size_sentence_keeps_an_intake_reported_before_it() -> None:
    kept = participants.find_participants(
        "Twenty-four patients with chronic SCI were enrolled; the sample size was "
        "calculated to detect a difference of 10 points.",
        "",
    )[0]
    assert kept is not None and kept.number == 24
    planned = participants.find_participants(
        "The sample size of 320 participants allows for 20% drop-out and has 80% "
        "power at 5% significance to detect a 0.5% fall in HbA1c.",
        "",
    )[0]
    assert planned is None


def test_a_clinical_protocol_title_is_no_study_protocol() -> None:
    abstract = (
        "We evaluated the protocol on a database of measured setup errors from 600 "
        "prostate patients."
    )
    title = "A protocol for the reduction of systematic patient setup errors"
    assert participants.read_counts(abstract, title).withhold == ""
    for paper in (
        "Angiotensin II blockade and carotid wall structure: protocol and baseline data.",
        "Acupuncture for migraine in primary care: a protocol for a pragmatic trial.",
        "The X trial: protocol.",
    ):
        assert participants.read_counts(abstract, paper).withhold
