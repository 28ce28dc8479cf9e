"""The RE2-backed patterns give the same answers as Python's re, and fall back."""

from __future__ import annotations

import copy
import random
import re

import pytest
import re2  # type: ignore[import-untyped]

from monitor.triage import fastre
from monitor.triage.fastre import (
    LEAN,
    AsciiFirst,
    BytesPattern,
    CaselessGuardedFirst,
    Exact,
    GuardedFirst,
    PatternSet,
    Starts,
    compile_exact,
    compile_pattern,
    engine,
    required_literals,
)

TEXT = "we randomly assigned 40 patients; a rat model of contusion; randomized response"


def test_re2_and_re_agree_on_plain_patterns() -> None:
    pattern = r"\b(rats?|mice|patients)\b|randomly (assigned|allocated)"
    fast = compile_pattern(pattern)
    assert engine(fast) == "re2"
    slow = re.compile(pattern)
    assert [m.group(0) for m in fast.finditer(TEXT)] == [m.group(0) for m in slow.finditer(TEXT)]
    assert fast.sub("_", TEXT) == slow.sub("_", TEXT)


def test_look_around_falls_back_to_re() -> None:
    pattern = compile_pattern(r"\brandomi[sz]ed\b(?!\s+response)")
    assert engine(pattern) == "re"
    assert pattern.search(TEXT) is None
    assert pattern.search("a randomized trial") is not None


def test_invalid_pattern_raises_re_error() -> None:
    with pytest.raises(re.error):
        compile_pattern(r"(unclosed")


def test_ignore_case() -> None:
    assert compile_pattern(r"\bsci\b", ignore_case=True).search("Acute SCI care") is not None


def test_pattern_set_reports_exactly_the_patterns_present() -> None:
    rat, trial, absent = (
        compile_pattern(p) for p in (r"\brats?\b", r"randomly assigned", r"zebra")
    )
    look_around = compile_pattern(r"model(?= of)")
    hits = PatternSet([rat, trial, absent, look_around]).present(TEXT)
    assert rat in hits and trial in hits and absent not in hits
    assert hits.first(rat) == "rat"
    assert hits.first(absent) is None
    # re-only patterns are always searched, so they are still found
    assert hits.first(look_around) == "model"
    empty = PatternSet([rat]).present("")
    assert rat not in empty and empty.first(rat) is None
    # a group of re-only patterns makes no RE2 pass and is still searched
    grouped = PatternSet([rat, absent], [look_around]).present(TEXT)
    assert grouped.first(look_around) == "model" and absent not in grouped


def test_a_pattern_set_with_a_small_memory_budget_gives_the_same_answers() -> None:
    """``max_mem`` caps the states RE2 keeps per pass (issue 23: the classifying child's
    memory); RE2 rebuilds states when the budget is spent, and a set too large for
    its budget to compile is searched pattern by pattern: the answers never change."""
    words = [f"{w}{n}" for w in ("contusion", "transection", "hemisection", "laminectomy")
             for n in range(60)]  # fmt: skip
    patterns = [compile_pattern(rf"\b({'|'.join(words[i::6])})\b") for i in range(6)]
    patterns += [compile_pattern(r"\brats?\b"), compile_pattern(r"randomly assigned")]
    texts = [f"{TEXT} {words[i]} {words[-1 - i]} " * (i % 5 + 1) for i in range(0, 240, 7)]
    texts += ["", "nothing of the kind", "Rats rats"]
    default = PatternSet(patterns[:4], patterns[4:])
    budgets = [PatternSet(patterns[:4], patterns[4:], max_mem=m) for m in (256 << 10, 2 << 10)]
    assert default.max_mem == (8 << 20 if LEAN else 64 << 20) and budgets[0].max_mem == 256 << 10
    assert len(budgets[0]._passes) == 2  # compiled within the budget: RE2 passes
    assert budgets[1]._passes == []  # too small to compile: every pattern searched
    for text in texts:
        expected = default.present(text)
        assert expected.found(patterns) == [p for p in patterns if p.search(text)]
        assert budgets[0].present(text).found(patterns) == expected.found(patterns), text
        for budget in budgets:  # (the fallback reports every pattern as possibly present)
            hits = budget.present(text)
            assert [hits.first(p) for p in patterns] == [expected.first(p) for p in patterns]


def test_patterns_re2_reads_differently_stay_with_re() -> None:
    open_min = compile_pattern(r"without[^.]{,40}deficit")  # {,n}: literal text to RE2
    assert open_min.search("without any new deficit") is not None
    dollar = compile_pattern(r"ischemia$")  # texts are stripped: no final newline to differ on
    assert dollar.search("spinal cord ischemia") is not None


def test_pattern_set_too_large_for_re2_searches_every_pattern(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import re2  # type: ignore[import-untyped]

    class Refusing:
        def Add(self, pattern: str) -> None:  # RE2::Set names
            pass

        def Compile(self) -> None:
            raise re2.error("failed to compile Set")

    monkeypatch.setattr(re2.Set, "SearchSet", classmethod(lambda cls, options=None: Refusing()))
    rat = compile_pattern(r"\brats?\b")
    hits = PatternSet([rat]).present(TEXT)
    assert hits.first(rat) == "rat"


def test_patterns_in_groups_answer_as_in_one_set() -> None:
    rat, trial, absent, model = (
        compile_pattern(p) for p in (r"\brats?\b", r"randomly assigned", r"zebra", r"rat model")
    )
    together = PatternSet([rat, trial, absent, model]).present(TEXT)
    apart = PatternSet([rat, absent], [trial], [model]).present(TEXT)
    for pattern in (rat, trial, absent, model):
        assert (pattern in apart) == (pattern in together)
        assert apart.first(pattern) == together.first(pattern)
    assert model in apart and absent not in apart
    assert trial not in PatternSet([rat], [trial]).present("no match here")


def test_pattern_hits_are_a_set_of_the_patterns_found() -> None:
    """``PatternHits`` answers ``in``, ``len``, ``found`` and ``first`` for the set's own
    patterns as searching each pattern does; a narrowed copy keeps its own set."""
    rat, trial, absent = (
        compile_pattern(p, ignore_case=True) for p in (r"\brats?\b", "trial", "zebra")
    )
    look = compile_pattern(r"mice(?= were)")  # re only: always reported present
    patterns = [rat, trial, absent, look]
    hits = PatternSet(patterns).present("Rats in a trial; mice were fed")
    for pattern in patterns:
        assert (pattern in hits) == (pattern is look or pattern.search(hits.text) is not None)
    assert len(hits) == 3 and hits.found(patterns) == [rat, trial, look]
    assert hits.first(rat) == "Rats" and hits.first(absent) is None and hits.first(look) == "mice"
    narrowed = hits.narrowed("____ in a trial; mice were fed")
    assert narrowed.first(rat) is None and narrowed.first(trial) == "trial" and rat in narrowed
    narrowed.discard(trial)
    assert trial in hits  # (not shared)
    assert len(PatternSet(patterns).present("")) == 1  # only the re pattern


def test_pattern_hits_copy_and_deepcopy_keep_the_patterns() -> None:
    """A copy (shallow or deep) answers as the original: the same patterns (members by
    identity, so a deep copy does not copy them), text and phrases; and it is its own set."""
    rat, trial = (compile_pattern(p, ignore_case=True) for p in (r"\brats?\b", "trial"))
    hits = PatternSet([rat, trial]).present("Rats were fed")
    for copied in (copy.copy(hits), copy.deepcopy(hits)):
        assert type(copied) is type(hits) and copied == hits and copied is not hits
        assert rat in copied and trial not in copied
        assert copied.text == hits.text and copied.first(rat) == "Rats"
        copied.discard(rat)
        assert rat in hits


def test_starts_are_character_offsets_for_ascii_and_other_texts() -> None:
    count = compile_pattern(r"\b\d+ (patients|rats)\b", ignore_case=True)
    starts = Starts(count)
    for text in ("12 Patients and 4 rats", "Über 12 patients — 4 rats, 7 RATS", ""):
        assert starts(text) == [m.start() for m in count.finditer(text)]
    assert starts("Über 12 patients") == [5]  # a character offset, not the byte offset 6
    # non-ASCII texts by the twin on UTF-8 bytes: the same starts as finditer's, empty
    # matches included (the loop moves on one character, not one byte)
    for source in (r"\b\d+ (patients|rats)\b", r"x*", r"(?:é|\d)?", r"[^a]"):
        pattern = compile_pattern(source, ignore_case=True)
        for text in ("Über 12 patients — 4 rats, 7 RATS", "ééx€𝔘x1", "", "é", "aé b"):
            assert Starts(pattern)(text) == [m.start() for m in pattern.finditer(text)], text
    look_ahead = compile_pattern(r"\d+(?= rats)")  # re only: searched as it is
    assert Starts(look_ahead)("3 mice, 4 rats") == [8]


def test_exact_patterns_answer_as_python_re_on_every_text() -> None:
    """compile_exact searches with RE2 only where the engines agree (ASCII texts);
    where they would not (Unicode word characters for \\b, Python's extra ASCII
    spaces for \\s, $ before a final newline, an empty match in finditer) the
    answer is re's."""
    patterns = [
        (r"\b(?:enrol+ed|recruited)\b", re.IGNORECASE), (r"\bp\s*[<=>]|±|\bto\s*$", 0),
        (r"\b(\d+) (patients|rats)\b", re.I), (r"x*|y", 0), (r"\bto$", 0), (r"(?:of whom|of these)\s*$", 0),
        (r"\d+(?= rats)", 0),  # look-ahead: re itself
    ]  # fmt: skip
    texts = [
        "We Enrolled 12 patients", "éenrolled and recruitedé", "p\x0b< 0.05", "p\x1c=",
        "compared to\n", "compared to", "of whom\n", "12 Rats and 3 rats", "xyy", "",
        "3 rats, 40 patients (β)", "RECRUITED",
    ]  # fmt: skip
    for source, flags in patterns:
        fast, slow = compile_exact(source, flags), re.compile(source, flags)
        assert isinstance(fast, Exact) or fast == slow
        for text in texts:
            for method in ("search", "match"):
                got, want = getattr(fast, method)(text), getattr(slow, method)(text)
                assert (got and (got.span(), got.groups())) == (
                    want and (want.span(), want.groups())
                ), (source, text, method)
            assert [m.span() for m in fast.finditer(text)] == [
                m.span() for m in slow.finditer(text)
            ], (source, text)
            got, want = fast.search(text, 1), slow.search(text, 1)  # from an offset: re
            assert (got and got.span()) == (want and want.span())
    # RE2 answers the ASCII texts, re the others: both were asked
    fast = compile_exact(r"\brecruited\b", re.I)
    assert isinstance(fast, Exact)
    assert fast._same("we recruited") and not fast._same("wé recruited")
    assert not compile_exact(r"a\s+b")._same("a\x0bb") and compile_exact(r"a\s+b")._same("a b")
    assert not compile_exact(r"a$")._same("a\n")
    with pytest.raises(ValueError):
        compile_exact("a", re.MULTILINE)


def test_one_match_loop_moves_on_after_an_empty_match() -> None:
    """BytesPattern.spans, PatternHits.first and AsciiFirst.finditer share one loop
    (fastre._matches), google-re2's: an empty match moves on one character;
    BytesPattern.starts writes the same loop out."""
    import re2  # type: ignore[import-untyped]

    for source in (r"x*", r"\b", r"a|", r"(?:ab)*"):
        for text in ("xx ab x", "", "abab", "é x"):
            want = [m.span() for m in re2.compile(source).finditer(text)]
            assert [m.span() for m in compile_pattern(source).finditer(text)] == want
            if text.isascii():
                assert BytesPattern(source).spans(text.encode()) == want
                # (the loop written out for Starts: the same places)
                assert BytesPattern(source).starts(text.encode()) == [s for s, _ in want]
    pattern = compile_pattern(r"a\w*|\bb")
    hits = PatternSet([pattern]).present("b ab abc")
    assert hits.first(pattern) == "b"
    assert hits.first(pattern, lambda phrase: len(phrase) > 2) == "abc"
    assert hits.first(pattern, lambda phrase: False) is None


def test_ascii_fast_path_answers_as_google_re2_does() -> None:
    """fastre.AsciiFirst hands texts to RE2 directly (others' offsets converted
    between characters and bytes): the same matches, groups and offsets as
    google-re2's wrapper."""
    import re2  # type: ignore[import-untyped]

    patterns = [r"(\d+) (patients|rats)|(n = (\d+))", r"\b", r"x*", r"^(a)?b", r"(?i)caf.\b"]
    patterns += [r"(.)(\d)", r"[^a-z ]+", r"(\W)?(\w+)"]
    texts = [
        "12 patients, n = 40 and 3 rats", "", "ab b", "café au lait b", "CAFE b",
        "age 54 ± 3 ≥ 12 patients (β, n = 7) 𝛼 and 9 rats", "±±ab b é",
    ]  # fmt: skip
    for source in patterns:
        fast, wrapped = compile_pattern(source), re2.compile(source)
        for text in texts:
            for pos, endpos in ((None, None), (3, None), (2, 9), (9, 2), (-5, 99), (7, 30)):
                got, want = fast.search(text, pos, endpos), wrapped.search(text, pos, endpos)
                assert (got is None) == (want is None), (source, text, pos, endpos)
                if got is not None:
                    for g in range(fast.groups + 1):
                        assert got.group(g) == want.group(g)
                        assert got.span(g) == want.span(g)
                    assert got.groups() == want.groups() and got.groups("") == want.groups("")
                    assert got.lastindex == want.lastindex
                spans = [m.span() for m in fast.finditer(text, pos, endpos)]
                assert spans == [m.span() for m in wrapped.finditer(text, pos, endpos)]
                for method in ("match", "fullmatch"):
                    a = getattr(fast, method)(text, pos, endpos)
                    b = getattr(wrapped, method)(text, pos, endpos)
                    assert (a and a.span()) == (b and b.span())


def test_two_regimes_of_regex_memory_one_per_kind_of_process() -> None:
    """Every process but the import's classifying child gives RE2 64 MiB (triage's CPU);
    the child runs lean (RE2's default 8 MiB, the abstract set 2 MiB: its memory), and
    the Classifier starts it so.  Checked in fresh interpreters, since the regime is read
    once, when fastre is imported."""
    import os
    import subprocess
    import sys

    probe = (
        "from monitor.triage import fastre, design_patterns as d; "
        "print(fastre.LEAN, fastre._OPTIONS.max_mem, fastre._PHRASE_OPTIONS.max_mem, "
        "d.ABSTRACT_SET.max_mem)"
    )
    env = {k: v for k, v in os.environ.items() if k != "SCIMON_REGEX_MEMORY"}
    fast = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True,
                          text=True, check=True).stdout.split()  # fmt: skip
    lean = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          env={**env, "SCIMON_REGEX_MEMORY": "lean"}, check=True).stdout.split()  # fmt: skip
    assert fast == ["False", str(64 << 20), str(64 << 20), str(64 << 20)]
    assert lean == ["True", str(8 << 20), str(8 << 20), str(2 << 20)]
    typo = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          env={**env, "SCIMON_REGEX_MEMORY": "Lean "}, check=True)  # fmt: skip
    assert typo.stdout.split() == fast
    assert "SCIMON_REGEX_MEMORY='Lean ' is neither 'fast' nor 'lean'" in typo.stderr


def test_the_classifier_starts_its_child_in_the_lean_regime(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The wiring of the lean regime: the import's child gets SCIMON_REGEX_MEMORY=lean
    (and the rest of the parent's environment)."""
    import subprocess

    from monitor.ingest import classifier

    seen: dict[str, object] = {}

    class Stop(Exception):
        pass

    def popen(*args: object, **kwargs: object) -> None:
        seen.update(kwargs)
        raise Stop

    monkeypatch.setenv("SCIMON_PROBE", "kept")
    monkeypatch.setattr(subprocess, "Popen", popen)
    with pytest.raises(Stop):
        classifier.Classifier(None)  # type: ignore[arg-type]
    env = seen["env"]
    assert isinstance(env, dict)
    assert env["SCIMON_REGEX_MEMORY"] == "lean" and env["SCIMON_PROBE"] == "kept"


def _signature(found: object) -> object:
    """What must agree between ``compile_exact`` and ``re``: spans of the match and
    of every group, and ``lastindex``."""
    if found is None:
        return None
    groups = len(found.groups())  # type: ignore[attr-defined]
    spans = tuple(found.span(g) for g in range(groups + 1))  # type: ignore[attr-defined]
    return spans, found.lastindex  # type: ignore[attr-defined]


def _assert_same(pattern: str, flags: int, text: str) -> None:
    exact, slow = compile_exact(pattern, flags), re.compile(pattern, flags)
    for method in ("search", "match"):
        got = _signature(getattr(exact, method)(text))
        assert got == _signature(getattr(slow, method)(text)), (method, pattern, text)
    got_all = [_signature(m) for m in exact.finditer(text)]
    assert got_all == [_signature(m) for m in slow.finditer(text)], (pattern, text)


@pytest.mark.parametrize(
    ("pattern", "flags", "text"),
    [
        ("\u0131", re.I, "I"),  # Python folds dotless i to I, RE2 does not
        ("[^\u0131]", re.I, "i"),
        ("[\u0100-\u0200]", re.I, "i"),
        (r"(a?)*", 0, "aa"),  # a group in a repeat: which iteration's span
        (r"(a)(b*)", 0, "a"),  # lastindex: the group closed last, not the lowest
        (r"(a)()", 0, "a"),
        (r"\B", 0, ""),  # Python's \B never matches an empty text
        (r"[[:alpha:]]", 0, "b"),  # RE2's POSIX class, Python's characters
        (r"[{,]", 0, "0"),  # the {, rewrite inside a class
        (r"\\{,3}", 0, "a"),  # ... and after an escaped backslash
        ("(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)(l)\\12", 0, "abcdefghijkll"),  # \12: group
        (r"(?:b|a??)*", 0, "ba"),  # an empty iteration ends Python's loop, not RE2's
    ],
)
def test_compile_exact_counterexamples_answer_as_re(pattern: str, flags: int, text: str) -> None:
    _assert_same(pattern, flags, text)


def test_compile_exact_keeps_caseless_symbols_on_re2() -> None:
    """"±" and "≤" have no case: under IGNORECASE they do not send a pattern to re."""
    assert isinstance(compile_exact(r"(?:mean|±|[<≤=])\s*$", re.I), Exact)
    assert not isinstance(compile_exact("\u212a", re.I), Exact)  # Kelvin sign: k


def test_ascii_match_lastindex_follows_closing_parentheses() -> None:
    for pattern, text in [(r"((a))", "a"), (r"(a)(b*)", "a"), (r"(a)|(b)", "b"), (r"(a)(?:(x)|y)", "ay")]:
        exact = compile_exact(pattern)
        assert isinstance(exact, Exact)
        assert _signature(exact.search(text)) == _signature(re.search(pattern, text))


_ATOMS = [
    "a", "b", "A", "k", ".", " ", "-", r"\.", r"\w", r"\W", r"\d", r"\s", r"\S", r"\b",
    r"\B", "^", "$", r"\A", "[ab]", "[^a]", "[a-c]", "[A-Z]", "[^k-s]", "[[:alpha:]]",
    "a{,2}", "[{,]", r"\\", "\u0131", "\u017f", "[\u0100-\u0200]", "é", "±", "[^é]",
]  # fmt: skip


def _generated(rng: random.Random, depth: int = 0) -> str:
    """A random pattern: atoms in sequences, alternations, groups and repeats."""
    roll = rng.random()
    if depth > 3 or roll < 0.35:
        return rng.choice(_ATOMS)
    if roll < 0.55:
        return "".join(_generated(rng, depth + 1) for _ in range(rng.randint(2, 3)))
    if roll < 0.65:
        return f"{_generated(rng, depth + 1)}|{_generated(rng, depth + 1)}"
    if roll < 0.8:
        return f"{rng.choice(['(', '(?:'])}{_generated(rng, depth + 1)})"
    inner = _generated(rng, depth + 1)
    if len(inner) > 1 and not inner.startswith("("):
        inner = f"(?:{inner})"
    return inner + rng.choice(["*", "+", "?", "{1,2}", "*?", "+?", "??", "{2}"])


def test_compile_exact_answers_as_re_on_generated_patterns() -> None:
    """A seeded fuzz: 400 patterns, with and without IGNORECASE, on short texts
    (ASCII ones go to RE2 when the pattern allows it).  Found the empty-iteration
    difference the reviewer's list missed."""
    rng = random.Random(19)
    on_re2 = 0
    for _ in range(400):
        pattern, flags = _generated(rng), rng.choice([0, re.I])
        try:
            re.compile(pattern, flags)
        except re.error:
            continue
        on_re2 += isinstance(compile_exact(pattern, flags), Exact)
        texts = ["", "a", "aa b", "AB-1", "a\nb", "kK s", " a.b "]
        texts += ["".join(rng.choice("abAB 1.-ks\n") for _ in range(8)) for _ in range(3)]
        for text in texts:
            _assert_same(pattern, flags, text)
    assert on_re2 > 150  # the fuzz tests RE2's path, not only the fallback


def test_required_literals_are_what_every_match_passes_through() -> None:
    assert required_literals(r"\bin vivo\b|\bxenograft\w*|\btumou?r[\s-]bearing\b") == (
        "bearing", "in vivo", "xenograft",
    )  # fmt: skip
    # a run beside a group: the longer of the run and the group's strings
    assert required_literals(r"\bcase reports?\b") == ("case report",)
    assert required_literals(r"\b(nano(materials?|rods?))\b") == ("nano",)
    assert required_literals(r"(?:abc)+d") == ("abc",)  # (a repeat taken at least once counts)
    # no guard: a branch without a literal, a caseless pattern, RE2's POSIX class,
    # "{," (literal in RE2), an optional part only, a parse re refuses
    for pattern in [r"\d+|abc", "(?i)abc", "abc", r"[[:alpha:]]+abc", "ab{,2}c", "(?:abc)?",
                    r"\pLabc"]:  # fmt: skip
        flags_or_none = required_literals(pattern)
        if pattern == "abc":
            assert flags_or_none == ("abc",)
        else:
            assert flags_or_none is None, pattern
    assert required_literals("a(?i:bcd)") == ("a",)  # nothing read inside (?i:...)


_LITERAL_ATOMS = ["ab", "ba", "k", "a b", "x", r"\w", r"\s", r"\b", ".", "[ab]", "(?i:ab)", "é",
                  "(?:ba)?", "(?:xk)*", "(?:a|k)+"]  # fmt: skip


def test_guarded_patterns_answer_as_unguarded_on_generated_patterns() -> None:
    """A seeded fuzz: generated patterns whose matches all hold one of a few strings
    (``required_literals``) answer through ``GuardedFirst`` exactly as RE2 alone does,
    and every match found holds one of the strings."""
    rng = random.Random(23)
    guarded = 0
    for _ in range(600):
        atoms = _LITERAL_ATOMS if rng.random() < 0.7 else _ATOMS
        pattern = "".join(rng.choice(atoms) for _ in range(rng.randint(1, 3)))
        if rng.random() < 0.5:
            pattern = f"(?:{pattern})|{rng.choice(atoms)}{rng.choice(_LITERAL_ATOMS)}"
        if rng.random() < 0.3:
            pattern = f"({pattern})+"
        try:
            re.compile(pattern)
            fast = re2.compile(pattern)
        except (re.error, re2.error):
            continue
        needles = required_literals(pattern)
        if needles is None:
            continue
        guarded += 1
        plain, checked = AsciiFirst(fast), GuardedFirst(fast, needles)
        texts = ["", "ab", "a b k", "xé", "kba", "ba ab"]
        texts += [
            "".join(rng.choice("abkx é.") for _ in range(rng.randint(0, 9))) for _ in range(6)
        ]
        for text in texts:
            for m in plain.finditer(text):
                assert any(n in m.group(0) for n in needles), (pattern, text, needles)
            assert _signature(checked.search(text)) == _signature(plain.search(text))
            assert _signature(checked.match(text)) == _signature(plain.match(text))
            assert _signature(checked.fullmatch(text)) == _signature(plain.fullmatch(text))
            assert [_signature(m) for m in checked.finditer(text)] == [
                _signature(m) for m in plain.finditer(text)
            ]
            assert _signature(checked.search(text, 1, 4)) == _signature(plain.search(text, 1, 4))
    assert guarded > 200


def test_compile_pattern_guards_only_a_few_literals() -> None:
    assert isinstance(compile_pattern(r"\bcases?\b"), GuardedFirst)
    assert type(compile_pattern(r"\bcases?\b", ignore_case=True)) is CaselessGuardedFirst
    assert type(compile_pattern("\u212a", ignore_case=True)) is AsciiFirst  # Kelvin sign: k
    many = "|".join(["alpha", "beta", "gamma", "delta", "epsilon"])
    assert type(compile_pattern(rf"\b({many})\b")) is AsciiFirst
    guarded = compile_pattern(r"\bin vivo\b|\bxenograft\w*")
    assert guarded.search("no such words") is None
    assert guarded.search("grown as xenografts in mice").group(0) == "xenografts"
    assert copy.deepcopy(guarded).search("in vivo.").group(0) == "in vivo"


def test_caseless_guards_answer_as_unguarded_on_generated_patterns() -> None:
    """The same fuzz ignoring case, on texts in both cases and with "\u212a" (the
    Kelvin sign RE2 folds to "k") and "\u017f" (long s: "s"): an ASCII text is
    guarded on its lowercase, any other is searched as it is."""
    rng = random.Random(29)
    guarded = 0
    for _ in range(500):
        atoms = [*_LITERAL_ATOMS, "K", "S", "s", "AB"]
        pattern = "".join(rng.choice(atoms) for _ in range(rng.randint(1, 3)))
        if rng.random() < 0.4:
            pattern = f"(?:{pattern})|{rng.choice(atoms)}{rng.choice(_LITERAL_ATOMS)}"
        try:
            re.compile(pattern)
            fast = re2.compile(f"(?i){pattern}")
        except (re.error, re2.error):
            continue
        checked = compile_pattern(pattern, ignore_case=True)
        if not isinstance(checked, CaselessGuardedFirst):
            continue
        guarded += 1
        plain = AsciiFirst(fast)
        texts = ["", "AB", "a B k", "Ba ab", "\u212a", "\u017f ab", "KBA", "xé"]
        texts += [
            "".join(rng.choice("abkxsABKXS \u212a\u017f.") for _ in range(rng.randint(0, 9)))
            for _ in range(6)
        ]
        for text in texts:
            assert _signature(checked.search(text)) == _signature(plain.search(text)), (
                pattern,
                text,
            )
            assert [_signature(m) for m in checked.finditer(text)] == [
                _signature(m) for m in plain.finditer(text)
            ]
            assert _signature(checked.match(text, 1)) == _signature(plain.match(text, 1))
    assert guarded > 150


def test_required_literals_of_the_constructs_a_guard_could_get_wrong() -> None:
    """fixi9's review of the guard: what each construct leaves required, and which are
    not guarded at all (look-around and backreferences go to ``re``; an ignore-case
    pattern's non-ASCII literal, which RE2 folds to an ASCII letter, is unguarded)."""
    cases = {
        r"\bcase\b": ("case",),  # \b breaks a run, requires nothing itself
        r"[Cc]ase": ("ase",),  # a class is no literal
        r"(?:ab)?cd": ("cd",),  # an optional group requires nothing
        r"x(?:ab){0,3}": ("x",),  # nor a repeat that may be taken no time
        r"(?:ab|cd){2}e": ("ab", "cd"),  # alternation in a repeat taken at least once
        r"(?:ab|c*)+": None,  # a branch with no literal: no guard
        r"ab|": None,  # an empty branch
        r"(?i)abc": None,  # an inline flag over the whole pattern
        r"ca?se": ("se",),
    }
    for pattern, needles in cases.items():
        assert required_literals(pattern) == needles, pattern
        if needles is not None:
            texts = ["a case", "Case", "cd", "xab", "abe", "se", "k\u212a", "abab ee"]
            plain = AsciiFirst(re2.compile(pattern))
            guarded = GuardedFirst(re2.compile(pattern), needles)
            for text in texts:
                assert _signature(guarded.search(text)) == _signature(plain.search(text))
    for pattern in [r"(?<=a)bc", r"(a)\1x", r"bc(?!d)"]:
        assert isinstance(compile_pattern(pattern), re.Pattern), pattern
    # "\u017f" (long s) folds to "s" in RE2 ignoring case: a needle not ASCII, no guard
    assert type(compile_pattern("\u017ftudy", ignore_case=True)) is AsciiFirst
    caseless = compile_pattern(r"study", ignore_case=True)
    assert type(caseless) is CaselessGuardedFirst
    assert caseless.search("a \u017ftudy") is not None  # (a text not ASCII: RE2 decides)
    assert caseless.search("A STUDY").group(0) == "STUDY"


def test_exact_answers_as_re_on_non_ascii_texts_through_their_ascii_twin() -> None:
    """A text with "β", "±", a no-break space or a non-ASCII digit is searched by RE2 in
    its ASCII twin (speed11): each such character replaced by an ASCII one of its kind
    (word, digit, space, other) the pattern never names, so ``re`` answers alike; the
    same generated patterns as above, on texts mixing ASCII with every kind, and the
    characters that fold to ASCII ignoring case ("\u0131", "\u017f", the Kelvin sign)."""
    rng = random.Random(23)
    wide = "é\u03b2±\u00a0\u2009\u0663\u00b2\u2028\u0131\u017f\u212a\u0130—"
    twinned = 0
    for _ in range(400):
        pattern, flags = _generated(rng), rng.choice([0, re.I])
        try:
            re.compile(pattern, flags)
        except re.error:
            continue
        exact = compile_exact(pattern, flags)
        texts = ["é", "aé b", "β-blockers 12", "p\u00a0< 0.05 ± 2", "\u0663 rats", "kK\u212a s\u017f"]
        texts += ["".join(rng.choice("abAB 1.-ks\n" + wide) for _ in range(8)) for _ in range(4)]
        for text in texts:
            _assert_same(pattern, flags, text)
            twinned += isinstance(exact, Exact) and exact._searched(text) is not None
    assert twinned > 300  # the fuzz tests the twins, not only the fallback


def test_ascii_twin_keeps_offsets_and_the_texts_own_characters() -> None:
    exact = compile_exact(r"\b(\w+)\s+(?:patients|rats)\b", re.I)
    assert isinstance(exact, Exact)
    text = "In 12\u00a0β-patients and 3\u00a0rats (±)"
    assert exact._searched(text) is not None  # RE2's path, not re's
    found = exact.search(text)
    want = re.search(exact.pattern, text, re.I)
    assert found is not None and want is not None
    assert (found.span(), found.group(0), found.group(1)) == (want.span(), want.group(0), "3")
    assert [m.group(0) for m in exact.finditer(text)] == ["3\u00a0rats"]
    # a pattern naming a non-ASCII character itself stays on re for such texts
    assert compile_exact(r"±\s*\d")._searched("12 ± 3") is None


def test_the_characters_folding_to_ascii_are_all_known() -> None:
    """``_FOLDS_TO_ASCII``: every non-ASCII character ``re`` matches with an ASCII one
    when ignoring case (read from all of Unicode)."""
    ascii_class = re.compile("[\x00-\x7f]", re.I)
    found = {chr(c) for c in range(0x80, 0x110000) if ascii_class.match(chr(c))}
    assert found == fastre._FOLDS_TO_ASCII
