"""Triage patterns compiled with RE2 where they can be, Python ``re`` otherwise.

Triage runs a few long alternations (hundreds of topic phrases, population
words, design phrases) over every title and abstract.  Python's backtracking
``re`` tries every branch at every position, which made triage run at ~400
papers/s; RE2 (google-re2) matches an alternation in one automaton pass and
measured about ten times faster on the same patterns with the same matches
(see benchmarks/triage.py).  RE2 has no look-around and no backreferences, so
a pattern using them, for instance a maintainer's regex in queries/triage.toml,
is compiled with ``re`` instead: same answers, only slower.

Differences worth knowing: RE2's ``\\w`` and ``\\b`` are ASCII-only, which is
what English SCI vocabulary needs (accented letters end a word early).
"""

from __future__ import annotations

import functools
import importlib
import os
import re
import warnings
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Literal, Protocol, TypeAlias, overload

import re2  # type: ignore[import-untyped]

__all__ = [
    "AsciiFirst", "AsciiMatch", "BytesPattern", "CaselessGuardedFirst", "Exact", "ExactMatch",
    "GuardedFirst", "Match", "Pattern", "PatternHits", "PatternSet", "Starts", "compile_exact",
    "compile_pattern", "engine", "lowercase_literals", "required_literals",
]  # fmt: skip

# re's parser (the module sre_parse wraps, deprecated): compile_exact reads the tree
_parser: Any = importlib.import_module("re._parser")
_constants: Any = importlib.import_module("re._constants")

_OPEN_MIN = re.compile(r"(?<!\\)\{,")  # {,n}: "up to n" in re, literal text in RE2
# RE2's DFA budget: two regimes, one per kind of process.  An automaton builds its
# states lazily and, past the budget, throws them all away and starts again.
# - fast (every process but one): 64 MiB for every pattern and set.  The design sets
#   of an abstract outgrew RE2's default 8 MiB over a few thousand abstracts
#   (rebuilding was a quarter of their scan time) and the case phrases searched alone
#   took 23.5 us per title + abstract at 8 MiB, 12.0 us at 64 MiB (8,000 of the update
#   file, 2026-12-06): text triage 0.87x the CPU.  A budget, not an allocation.
# - lean: the classifying child of `scimon import` (monitor/ingest/classifier.py
#   starts it with SCIMON_REGEX_MEMORY=lean).  There the kept states are the child's
#   growth (28 -> 102 MiB over the update file: 64 MiB budgets cost it +16 MiB) and
#   the import's CPU is the storing parent's, not the child's (10 s vs 7 s on the
#   update file), so memory is what counts (issue 23's 150 MB): RE2's default 8 MiB,
#   and the tighter budgets PatternSet is given for that regime (``lean_max_mem``).
# Same automaton, same answers in both (tests/test_fastre.py).
_REGIME = os.environ.get("SCIMON_REGEX_MEMORY", "")
if _REGIME not in ("", "fast", "lean"):  # a typo should not pass unnoticed
    warnings.warn(
        f"SCIMON_REGEX_MEMORY={_REGIME!r} is neither 'fast' nor 'lean': using 'fast'", stacklevel=1
    )
LEAN = _REGIME == "lean"
_DFA_BUDGET = (8 << 20) if LEAN else (64 << 20)


def _options(max_mem: int, *, never_capture: bool = False) -> Any:
    """RE2's options for triage's patterns and sets: the DFA budget ``max_mem``, and
    parse errors not printed (a pattern RE2 cannot compile falls back to ``re``)."""
    options = re2.Options()
    options.log_errors = False
    options.max_mem = max_mem
    options.never_capture = never_capture
    return options


_OPTIONS = _options(_DFA_BUDGET)  # patterns and PatternSet's RE2::Sets
# the twins PatternSet searches for a phrase: only the whole match is read
_PHRASE_OPTIONS = _options(_DFA_BUDGET, never_capture=True)


# RE2's match objects duck-type re.Match (group, start, end, lastindex...)
Match: TypeAlias = re.Match[str]


class Pattern(Protocol):
    """What triage uses of a compiled pattern; both engines provide it."""

    @property
    def pattern(self) -> str: ...
    def search(self, text: str, /) -> Match | None: ...
    def finditer(self, text: str, /) -> Iterator[Match]: ...
    def sub(self, repl: str | Callable[[Any], str], text: str, /) -> str: ...


class ExactMatch(Protocol):
    """What ``Exact``'s searches answer: the part of ``re.Match`` both an
    :class:`AsciiMatch` (RE2 on an ASCII text) and ``re.Match`` (every other
    text) provide.  No ``lastgroup``, ``pos``, ``endpos``, ``re``, ``regs``,
    ``groupdict`` or ``expand``: ``compile_exact`` keeps named groups on ``re``."""

    @property
    def string(self) -> str: ...
    @property
    def lastindex(self) -> int | None: ...
    @overload
    def group(self, group: Literal[0] = 0, /) -> str: ...
    @overload
    def group(self, group: int, /) -> str | Any: ...
    @overload
    def group(self, first: int, second: int, /, *groups: int) -> tuple[str | Any, ...]: ...
    def __getitem__(self, group: int, /) -> str | Any: ...
    def groups(self) -> tuple[str | Any, ...]: ...
    def start(self, group: int = 0, /) -> int: ...
    def end(self, group: int = 0, /) -> int: ...
    def span(self, group: int = 0, /) -> tuple[int, int]: ...


def compile_pattern(pattern: str, *, ignore_case: bool = False) -> Pattern:
    """Compile with RE2; fall back to ``re`` for syntax RE2 lacks or reads differently.

    The pattern is compiled with ``re`` first, so an invalid pattern raises
    ``re.error`` whichever engine would run it.  ``re`` also keeps patterns
    whose meaning differs in RE2: look-around and backreferences (RE2 refuses
    them); ``{,n}``, which RE2 reads literally, is rewritten as ``{0,n}``.
    ``$`` differs only before a final newline, which triage texts never have
    (they are stripped).
    """
    flags = re.IGNORECASE if ignore_case else 0
    checked = re.compile(pattern, flags)
    source = _OPEN_MIN.sub(r"{0,", pattern)
    try:
        compiled = re2.compile(f"(?i){source}" if ignore_case else source, _OPTIONS)
    except re2.error:
        return checked
    needles = required_literals(source)
    if needles is not None and len(needles) <= _NEEDLES_MAX:
        if not ignore_case:
            return GuardedFirst(compiled, needles)
        # ignoring case, a guard for ASCII texts only, on their lowercase: there RE2
        # folds only ASCII letters; a non-ASCII literal ("\u212a", the Kelvin sign,
        # matches "k") leaves the pattern unguarded
        if all(needle.isascii() for needle in needles):
            return CaselessGuardedFirst(compiled, tuple(n.lower() for n in needles))
    return AsciiFirst(compiled)


# the most literals a guard tests (``GuardedFirst``): each ``in`` is a scan of the
# text, so past a few the one RE2 pass costs less than the guard
_NEEDLES_MAX = 4
# the longest pattern read for them: the vocabulary's and the rules' alternations of
# hundreds of phrases never have so few, and parsing them again cost start-up ~0.2 s
# of CPU (triage's guarded patterns are 1,114 characters at most, 2026-12-07)
_GUARD_LONGEST = 1500


# what lowercase_literals keeps: an escape's letter in capitals, a group's name
_KEPT_AS_WRITTEN = re.compile(r"\\[A-Zp]|\(\?P[<=]")


def lowercase_literals(pattern: str) -> str:
    r"""``pattern`` with its literal text lowercased, its escapes and group names kept.

    Triage lowercases each text once and matches its patterns case-sensitively
    (faster than ignoring case), so a pattern written with capitals ("RCT") must be
    lowered to match; ``pattern.lower()`` did that but also turned ``\W`` into
    ``\w``, ``\S`` into ``\s``, ``\D`` into ``\d`` and ``\B`` into ``\b``: their
    opposites (fixr20: ``CITED_POOLING``'s ``^\W*`` asked for word characters).  The
    letter after a backslash is the escape's own, and so are the braces of ``\p{..}``
    and ``\N{..}`` and a group's name in ``(?P<..>`` / ``(?P=..)``.
    """
    if _KEPT_AS_WRITTEN.search(pattern) is None:
        # nothing to keep: one C call (the loop below cost start-up 0.17G instructions)
        return pattern.lower()
    out: list[str] = []
    i, n = 0, len(pattern)
    while i < n:
        char = pattern[i]
        if char == "\\" and i + 1 < n:
            end = i + 2
            if pattern[i + 1] in "pPN" and pattern.startswith("{", end):
                end = pattern.find("}", end) + 1 or n
            out.append(pattern[i:end])
            i = end
        elif pattern.startswith(("(?P<", "(?P="), i):
            end = pattern.find(">" if pattern[i + 3] == "<" else ")", i + 4) + 1 or n
            out.append(pattern[i:end])
            i = end
        else:
            out.append(char.lower())
            i += 1
    return "".join(out)


def required_literals(pattern: str) -> tuple[str, ...] | None:
    """Strings of which every match of ``pattern`` contains at least one, or None.

    Read from the pattern's parse (``re``'s parser; RE2's syntax is the same for what
    is read here): a run of literal characters every match passes through, or, for an
    alternation, a string from each branch.  Where several such sets exist, the one
    whose shortest string is longest (fewest strings on a tie).  None for a pattern
    matched ignoring case (the text's characters would have to be folded too), one
    whose syntax the two engines read differently (``[:``/``[[``: RE2's POSIX
    classes; ``{,``), one ``re`` cannot parse, or one with no such set (a branch with
    no literal: ``\\d+``).  A text holding none of the strings cannot match, at any
    ``pos``/``endpos``: the guard of ``GuardedFirst``."""
    if "[:" in pattern or "[[" in pattern or "{," in pattern or len(pattern) > _GUARD_LONGEST:
        return None
    try:
        parsed = _parser.parse(pattern, 0)
    except (re.error, RecursionError):
        return None
    if parsed.state.flags & re.IGNORECASE:
        return None
    found = _literals_of(list(parsed))
    return None if found is None else tuple(sorted(found))


def _literals_of(items: list[tuple[Any, Any]]) -> frozenset[str] | None:
    """``required_literals`` of a sequence of parsed items."""
    choices: list[frozenset[str]] = []
    run: list[str] = []
    for op, av in items:
        if op is _constants.LITERAL:
            run.append(chr(av))
            continue
        if run:
            choices.append(frozenset(["".join(run)]))
            run = []
        found: frozenset[str] | None = None
        if op is _constants.SUBPATTERN:
            if av[1] & re.IGNORECASE:  # (?i:...): nothing read inside
                continue
            found = _literals_of(list(av[3]))
        elif op is _constants.BRANCH:
            branches = [_literals_of(list(branch)) for branch in av[1]]
            if all(b is not None for b in branches):
                found = frozenset().union(*(b for b in branches if b is not None))
        elif op in _REPEATS and av[0] >= 1:  # at least once: its body's literals
            found = _literals_of(list(av[2]))
        if found:
            choices.append(found)
    if run:
        choices.append(frozenset(["".join(run)]))
    if not choices:
        return None
    return max(choices, key=lambda c: (min(map(len, c)), -len(c)))


def compile_exact(pattern: str, flags: int = 0) -> re.Pattern[str] | Exact:
    """A pattern that answers exactly as ``re.compile(pattern, flags)`` does, searched
    by RE2 wherever the two engines cannot differ.

    ``compile_pattern`` accepts RE2's readings (ASCII ``\\b``, ``\\w``, ``\\s``) on
    every text; the participant grammar kept Python's, and its searches of whole
    sentences and abstracts with ``re`` were an eighth of triage's time (Python tries
    an alternation at every position).

    What is guaranteed: ``search``, ``match`` and ``finditer`` give ``re``'s spans,
    groups and ``lastindex`` on every text.  RE2 is used only for a whole ASCII text
    (no ``pos``/``endpos``), without the rare ASCII spaces only Python's ``\\s``
    counts (``\\v``, ``\\x1c``-``\\x1f``) when the pattern has ``\\s``/``\\S``, and
    without a final newline when it has ``$``; and only for a pattern whose parse
    (``_re2_differs``) has none of the constructs the engines read differently even
    on ASCII text: backreferences, ``\\B``, a capture group inside a repeat, a
    repeat whose body can match the empty text, a
    POSIX-looking ``[:``/``[[``, ``{,``, named groups, and, under IGNORECASE, a
    non-ASCII range or a non-ASCII literal that folds to an ASCII letter (Python
    folds ``\u0131`` to ``I``, RE2 does not; "±" folds to nothing).
    Every other pattern is plain ``re.compile``.  Checked against ``re`` on fuzzed
    patterns and texts (tests/test_fastre.py).  ``flags``: ``re.IGNORECASE`` or none."""
    if flags & ~re.IGNORECASE:
        raise ValueError("compile_exact takes re.IGNORECASE or no flags")
    checked = re.compile(pattern, flags)
    if checked.groupindex or _re2_differs(pattern, flags):  # (AsciiMatch has no names)
        return checked
    fast = compile_pattern(pattern, ignore_case=bool(flags))
    if not isinstance(fast, AsciiFirst):
        return checked
    return Exact(checked, fast)


_NO_GROUPREF = {_constants.GROUPREF, _constants.GROUPREF_EXISTS, _constants.GROUPREF_IGNORE,
                _constants.GROUPREF_LOC_IGNORE, _constants.GROUPREF_UNI_IGNORE}  # fmt: skip
_REPEATS = {_constants.MAX_REPEAT, _constants.MIN_REPEAT, _constants.POSSESSIVE_REPEAT}


def _re2_differs(pattern: str, flags: int) -> bool:
    """Whether RE2 may answer otherwise than ``re`` for ``pattern`` on an ASCII text.

    Text checks first: ``[:``/``[[`` (RE2 reads ``[[:alpha:]]`` as a POSIX class,
    Python as the characters ``[:alph]`` then ``]``) and ``{,`` (Python's "up to n",
    RE2's literal text; ``compile_pattern``'s rewrite also hits ``[{,]`` and
    ``\\\\{,3}``).  Then the parse tree (``_tree_differs``)."""
    if "[:" in pattern or "[[" in pattern or "{," in pattern:
        return True
    parsed = _parser.parse(pattern, flags)
    ignore_case = bool((flags | parsed.state.flags) & re.IGNORECASE)
    return _tree_differs(list(parsed), ignore_case=ignore_case, repeated=False)


def _tree_differs(items: list[tuple[Any, Any]], *, ignore_case: bool, repeated: bool) -> bool:
    """``_re2_differs`` on parsed items: a backreference; ``\\B`` (Python's never
    matches the empty text, RE2's does); a capture group inside a repeat (the two
    engines keep different iterations' spans: ``(a?)*`` on "aa"); a repeat whose body
    can match the empty text (Python ends the loop at an empty iteration where RE2
    tries the next alternative: ``(?:[^a]|b??)*``); under IGNORECASE a
    non-ASCII range, or a non-ASCII literal either engine folds to an ASCII letter
    (Python's case folding reaches ``I`` from ``\u0131``, RE2's does not:
    ``_folds_to_ascii``); look-around and atomic groups (RE2
    refuses them anyway)."""
    for op, av in items:
        if op in _NO_GROUPREF or op in (_constants.ASSERT, _constants.ASSERT_NOT,
                                        _constants.ATOMIC_GROUP):  # fmt: skip
            return True
        if op is _constants.AT and av is _constants.AT_NON_BOUNDARY:
            return True
        if op in (_constants.LITERAL, _constants.NOT_LITERAL):
            if ignore_case and av > 0x7F and _folds_to_ascii(av):
                return True
        elif op is _constants.RANGE:
            if ignore_case and av[1] > 0x7F:
                return True
        elif op is _constants.IN:
            if _tree_differs(av, ignore_case=ignore_case, repeated=repeated):
                return True
        elif op is _constants.SUBPATTERN:
            group, add_flags, del_flags, inner = av
            if group is not None and repeated:
                return True
            inner_case = bool(add_flags & re.IGNORECASE) or (
                ignore_case and not del_flags & re.IGNORECASE
            )
            if _tree_differs(list(inner), ignore_case=inner_case, repeated=repeated):
                return True
        elif op in _REPEATS:
            if av[2].getwidth()[0] == 0:  # a body that can match nothing
                return True
            if _tree_differs(list(av[2]), ignore_case=ignore_case, repeated=True):
                return True
        elif op is _constants.BRANCH:
            for branch in av[1]:
                if _tree_differs(list(branch), ignore_case=ignore_case, repeated=repeated):
                    return True
    return False


_ASCII = "".join(map(chr, range(128)))


@functools.cache
def _folds_to_ascii(code: int) -> bool:
    """Whether either engine, ignoring case, matches an ASCII character with the
    non-ASCII character ``code`` (Python: ``\u0131`` and ``I``; both: ``\u212a``
    and ``k``).  "±" and "≤" have no case: a literal of theirs stays on RE2."""
    literal = re.escape(chr(code))
    in_re = re.compile(literal, re.IGNORECASE).search(_ASCII) is not None
    return in_re or re2.compile(f"(?i){literal}").search(_ASCII) is not None


def _closing_order(pattern: str) -> tuple[int, ...]:
    """The groups of ``pattern`` from the last closing parenthesis to the first.

    ``re``'s ``lastindex`` is the group whose closing parenthesis the match passed
    last; on a path without repeats that is the matched group whose ``)`` comes
    last in the pattern (so ``(a)(b*)`` on "a" gives 2, ``((a))`` gives 1)."""
    order: list[int] = []

    def walk(items: Any) -> None:
        for op, av in items:
            if op is _constants.SUBPATTERN:
                walk(av[3])
                if av[0] is not None:
                    order.append(av[0])
            elif op in _REPEATS:
                walk(av[2])
            elif op is _constants.BRANCH:
                for branch in av[1]:
                    walk(branch)
            elif op in (_constants.ASSERT, _constants.ASSERT_NOT):
                walk(av[1])
            elif op is _constants.ATOMIC_GROUP:
                walk(av)

    try:
        walk(_parser.parse(pattern))
    except re.error:  # (not Python's syntax: group numbers in order)
        return ()
    return tuple(reversed(order))


class Exact:
    """``re``'s answers, RE2's speed where they are the same (``compile_exact``, which
    says what is guaranteed): only patterns ``_re2_differs`` clears, and on those
    only texts ``_same`` clears, are searched by RE2."""

    __slots__ = ("_fast", "_re", "_spaces", "_stand_ins", "_tail", "pattern")

    def __init__(self, checked: re.Pattern[str], fast: AsciiFirst) -> None:
        self._re = checked
        self._fast = fast
        self.pattern: str = checked.pattern
        self._spaces = "\\s" in self.pattern or "\\S" in self.pattern
        self._tail = "$" in self.pattern
        # the ASCII characters that stand in for a text's others (``_ascii_twin``), read
        # from the pattern when a non-ASCII text first comes (not at start-up: parsing
        # every pattern again would cost each command that compiles them)
        self._stand_ins: str | None = _UNREAD

    def __repr__(self) -> str:
        return f"Exact({self.pattern!r})"

    def _same(self, text: str) -> bool:
        """Whether RE2 gives ``re``'s answer on the whole of ``text``."""
        if not text.isascii() or (self._tail and text.endswith("\n")):
            return False
        # the ASCII spaces Python's \s matches and RE2's does not (each test a memchr)
        return not self._spaces or not (
            "\x0b" in text or "\x1c" in text or "\x1d" in text or "\x1e" in text
            or "\x1f" in text
        )  # fmt: skip

    def _searched(self, text: str) -> str | None:
        """The text RE2 searches for ``text`` (itself, or its ASCII twin), or None
        where only ``re`` answers exactly."""
        if text.isascii():
            return text if self._same(text) else None
        stand_ins = self._stand_ins
        if stand_ins is _UNREAD:
            stand_ins = self._stand_ins = _stand_ins(self._re.pattern, self._re.flags)
        if stand_ins is None:
            return None
        twin = _ascii_twin(text, stand_ins)
        return twin if twin is not None and self._same(twin) else None

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> ExactMatch | None:
        if pos == 0 and endpos is None and (searched := self._searched(text)) is not None:
            found: AsciiMatch | None = self._fast.search(searched)
            if found is not None:
                found.string = text  # (the twin's offsets are the text's)
            return found
        return self._re.search(text, pos, len(text) if endpos is None else endpos)

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> ExactMatch | None:
        if pos == 0 and endpos is None and (searched := self._searched(text)) is not None:
            found: AsciiMatch | None = self._fast.match(searched)
            if found is not None:
                found.string = text
            return found
        return self._re.match(text, pos, len(text) if endpos is None else endpos)

    def finditer(self, text: str) -> Iterator[ExactMatch]:
        if (searched := self._searched(text)) is not None:
            found: list[AsciiMatch] = list(self._fast.finditer(searched))
            # after an empty match Python tries a longer one at the same place, where
            # google-re2's loop moves on: with one, Python's own answer
            if all(m.end() > m.start() for m in found):
                for m in found:
                    m.string = text
                return iter(found)
        return self._re.finditer(text)

    def sub(self, repl: str | Callable[[Any], str], text: str) -> str:
        return self._re.sub(repl, text)


# What ``re`` asks of a character no ASCII literal or range of a pattern names: is it a
# word character (``\\w``: str.isalnum() or "_"), a decimal digit (``\\d``: str.isdecimal()),
# white space (``\\s``: str.isspace()), a newline ("." and "$").  A text's non-ASCII
# characters answer as one of four kinds; an ASCII character of the same kind that the
# pattern never names answers every test of the pattern alike, so the text with each
# replaced (its ASCII twin, same length, same offsets) gets ``re``'s answer from RE2.
# The candidates, least often named first; none is "\\n", "\\v" or "\\x1c"-"\\x1f" (the
# ASCII spaces or line ends on which the two engines or "." and "$" differ)
_WORD, _DIGIT, _SPACE, _OTHER = range(4)
_UNREAD = "unread"  # (an Exact's stand-ins before its first non-ASCII text)
_CANDIDATES: tuple[str, ...] = (
    "_" + "qzjxkvbwyfgpmhcudlrsntoiae" + "QZJXKVBWYFGPMHCUDLRSNTOIAE",
    "0123456789",
    "\t\f\r ",
    "\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19"
    "\x1a\x1b\x7f`~^|@#$&",
)
# the non-ASCII characters ``re`` matches with an ASCII one when ignoring case
# (İ, ı, ſ, the Kelvin sign: tests/test_fastre.py reads all of Unicode for them)
_FOLDS_TO_ASCII = frozenset("\u0130\u0131\u017f\u212a")


def _stand_ins(pattern: str, flags: int) -> str | None:
    """For each kind of non-ASCII character (word, digit, space, other), the ASCII
    character that stands in for it in ``pattern``'s searches: one of its kind the
    pattern names nowhere (no literal, no range, either case when it ignores case);
    "\\0" where every candidate is named (a text with such a character stays on
    ``re``).  None for a pattern naming a non-ASCII character itself."""
    parsed = _parser.parse(pattern, flags)
    named: set[str] = set()
    caseless = [bool((flags | parsed.state.flags) & re.IGNORECASE)]

    def walk(items: Any) -> bool:
        for op, av in items:
            inner: list[Any] = []
            if op in (_constants.LITERAL, _constants.NOT_LITERAL):
                if av > 0x7F:
                    return False
                named.add(chr(av))
            elif op is _constants.RANGE:
                if av[1] > 0x7F:
                    return False
                named.update(map(chr, range(av[0], av[1] + 1)))
            elif op in (_constants.IN, _constants.ATOMIC_GROUP):
                inner = [av]
            elif op is _constants.SUBPATTERN:
                caseless[0] = caseless[0] or bool(av[1] & re.IGNORECASE)
                inner = [av[3]]
            elif op in _REPEATS:
                inner = [av[2]]
            elif op is _constants.BRANCH:
                inner = list(av[1])
            elif op in (_constants.ASSERT, _constants.ASSERT_NOT):
                inner = [av[1]]
            if not all(walk(part) for part in inner):
                return False
        return True

    if not walk(list(parsed)):
        return None
    if caseless[0]:
        named |= {c.swapcase() for c in named}
    stand_ins = "".join(
        next((c for c in candidates if c not in named), "\0") for candidates in _CANDIDATES
    )
    # ignoring case, the few characters that fold to ASCII stay on ``re`` ("\\0")
    return stand_ins + ("\0" if caseless[0] else "\1")


def _kind(char: str) -> int:
    if char.isdecimal():
        return _DIGIT
    if char.isalnum():
        return _WORD
    return _SPACE if char.isspace() else _OTHER


# the last few texts twinned, each with its stand-ins and its twin (None: no twin)
_TWINS_KEPT = 4
_last_twins: list[tuple[str, str, str | None]] = [("", "", "")]


def _ascii_twin(text: str, stand_ins: str) -> str | None:
    """``text`` with each non-ASCII character replaced by the stand-in of its kind
    (``_stand_ins``), or None where a character has none ("\\0") or, ignoring case,
    folds to ASCII.  Each character is replaced by one, so the offsets hold, and
    ``re`` answers alike on both: the twin's ASCII stand-ins pass exactly the tests
    the pattern makes of the characters they replace.  Kept for the last few texts:
    the participant grammar asks several patterns of one abstract in a row."""
    for kept in _last_twins:
        if kept[0] is text and kept[1] == stand_ins:
            return kept[2]
    # (one ``replace`` per distinct character, a few an abstract: ``str.translate`` with a
    # dict raised and cleared a KeyError for every ASCII character, dearer than ``re``)
    replaced = text
    twin: str | None = None
    for char in set(_NON_ASCII.findall(text)):
        stand_in = stand_ins[_kind(char)]
        if stand_in == "\0" or (stand_ins[4] == "\0" and char in _FOLDS_TO_ASCII):
            break
        replaced = replaced.replace(char, stand_in)
    else:
        twin = replaced
    _last_twins.insert(0, (text, stand_ins, twin))
    del _last_twins[_TWINS_KEPT:]
    return twin


_UNANCHORED = re2._Anchor.UNANCHORED
_ANCHOR_START = re2._Anchor.ANCHOR_START
_ANCHOR_BOTH = re2._Anchor.ANCHOR_BOTH
_NO_SPAN = (-1, -1)


class AsciiFirst:
    """An RE2 pattern that searches ASCII texts (98% of titles and abstracts) on
    their UTF-8 bytes, whose offsets are the characters'.

    google-re2's ``str`` wrapper makes every search a generator that encodes the
    text, converts its offsets between characters and bytes through a dict and
    builds a match whose groups go through two more calls each: for the short
    sentences participant counting and the design decisions test (most do not
    match), that wrapper cost more than RE2's own search (a third of triage's time
    was in it, 2026-12-06).  Here an ASCII text goes to RE2's ``Match`` directly
    and the answer is an :class:`AsciiMatch` over the text's own offsets; any
    other text, and ``sub``/``split``/``findall``, go through the wrapper.  The
    same RE2 program runs either way, so the answers are the same.
    """

    __slots__ = ("_closing", "_raw", "_wrapped", "groups", "pattern")

    def __init__(self, wrapped: Any) -> None:
        self._wrapped = wrapped
        # for AsciiMatch.lastindex (no second parse of a long alternation without groups)
        self._closing = _closing_order(wrapped.pattern) if wrapped.groups else ()
        self._raw = wrapped._regexp  # the pybind RE2 object: Match(anchor, bytes, pos, endpos)
        self.pattern: str = wrapped.pattern
        self.groups: int = wrapped.groups

    def __reduce__(self) -> tuple[Any, ...]:
        return (AsciiFirst, (self._wrapped,))

    def __repr__(self) -> str:
        return f"AsciiFirst({self.pattern!r})"

    def _first(self, anchor: Any, text: str, pos: int | None, endpos: int | None) -> Any:
        if pos is None and endpos is None and text.isascii():
            # (the common call: the whole of an ASCII text, no offsets to clamp)
            spans = self._raw.Match(anchor, text.encode(), 0, len(text))
            return None if spans[0] == _NO_SPAN else AsciiMatch(text, spans, self._closing)
        size = len(text)
        pos = 0 if pos is None else max(0, min(pos, size))
        endpos = size if endpos is None else max(0, min(endpos, size))
        if pos > endpos:
            return None
        if text.isascii():
            spans = self._raw.Match(anchor, text.encode(), pos, endpos)
            return None if spans[0] == _NO_SPAN else AsciiMatch(text, spans, self._closing)
        wide = _wide(text)
        spans = self._raw.Match(anchor, wide.data, wide.to_byte(pos), wide.to_byte(endpos))
        if spans[0] == _NO_SPAN:
            return None
        return AsciiMatch(text, wide.to_chars(spans), self._closing)

    def search(self, text: str, pos: int | None = None, endpos: int | None = None) -> Any:
        if pos is None and endpos is None and text.isascii():
            # ``_first``'s common call written out: ~12 searches a paper, one frame less
            spans = self._raw.Match(_UNANCHORED, text.encode(), 0, len(text))
            return None if spans[0] == _NO_SPAN else AsciiMatch(text, spans, self._closing)
        return self._first(_UNANCHORED, text, pos, endpos)

    def match(self, text: str, pos: int | None = None, endpos: int | None = None) -> Any:
        return self._first(_ANCHOR_START, text, pos, endpos)

    def fullmatch(self, text: str, pos: int | None = None, endpos: int | None = None) -> Any:
        return self._first(_ANCHOR_BOTH, text, pos, endpos)

    def finditer(self, text: str, pos: int | None = None, endpos: int | None = None) -> Any:
        size = len(text)
        pos = 0 if pos is None else max(0, min(pos, size))
        endpos = size if endpos is None else max(0, min(endpos, size))
        if pos > endpos:
            return
        if text.isascii():  # offsets are the characters'
            for spans in _matches(self._raw.Match, text.encode(), pos, endpos):
                yield AsciiMatch(text, spans, self._closing)
            return
        wide = _wide(text)
        for spans in _matches(
            self._raw.Match, wide.data, wide.to_byte(pos), wide.to_byte(endpos), wide=True
        ):
            yield AsciiMatch(text, wide.to_chars(spans), self._closing)

    def findall(self, text: str, pos: int | None = None, endpos: int | None = None) -> Any:
        return self._wrapped.findall(text, pos, endpos)

    def split(self, text: str, maxsplit: int = 0) -> Any:
        return self._wrapped.split(text, maxsplit)

    def sub(self, repl: Any, text: str, count: int = 0) -> Any:
        return self._wrapped.sub(repl, text, count)

    def subn(self, repl: Any, text: str, count: int = 0) -> Any:
        return self._wrapped.subn(repl, text, count)


class GuardedFirst(AsciiFirst):
    """An ``AsciiFirst`` that first asks whether the text holds one of the few
    strings every match contains (``required_literals``: "case", "in vivo ",
    "xenograft"...), and answers "no match" without RE2 when it holds none.

    Most of these patterns are asked of texts that do not hold them (a journal's
    name, an abstract's own sentences): an ``in`` test is a fast scan of the text,
    while RE2 pays a call, the text's encoding and, in a process's first thousands
    of texts, new automaton states.  Where a string is there, RE2 answers as before:
    the same matches on every text, only fewer searches."""

    __slots__ = ("needles",)

    def __init__(self, wrapped: Any, needles: tuple[str, ...]) -> None:
        super().__init__(wrapped)
        self.needles = needles

    def __reduce__(self) -> tuple[Any, ...]:
        return (GuardedFirst, (self._wrapped, self.needles))

    def __repr__(self) -> str:
        return f"GuardedFirst({self.pattern!r}, {self.needles!r})"

    def _absent(self, text: str) -> bool:
        return not any(map(text.__contains__, self.needles))

    def search(self, text: str, pos: int | None = None, endpos: int | None = None) -> Any:
        for needle in self.needles:  # (``_absent`` written out: the common call)
            if needle in text:
                return AsciiFirst.search(self, text, pos, endpos)
        return None

    def match(self, text: str, pos: int | None = None, endpos: int | None = None) -> Any:
        return None if self._absent(text) else AsciiFirst.match(self, text, pos, endpos)

    def fullmatch(self, text: str, pos: int | None = None, endpos: int | None = None) -> Any:
        return None if self._absent(text) else AsciiFirst.fullmatch(self, text, pos, endpos)

    def finditer(self, text: str, pos: int | None = None, endpos: int | None = None) -> Any:
        if self._absent(text):
            return iter(())
        return AsciiFirst.finditer(self, text, pos, endpos)


class CaselessGuardedFirst(GuardedFirst):
    """``GuardedFirst`` for a pattern matched ignoring case: the guard reads an ASCII
    text's lowercase (the lowercase needles in it), where RE2's folding and
    ``str.lower`` agree; any other text is searched as it is."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"CaselessGuardedFirst({self.pattern!r}, {self.needles!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (CaselessGuardedFirst, (self._wrapped, self.needles))

    def _absent(self, text: str) -> bool:
        if not text.isascii():
            return False
        return not any(map(_lowered(text).__contains__, self.needles))

    def search(self, text: str, pos: int | None = None, endpos: int | None = None) -> Any:
        return None if self._absent(text) else AsciiFirst.search(self, text, pos, endpos)


# the last text lowered for a caseless guard, with its lowercase, as one pair (read
# once, so a thread replacing it cannot hand another text's lowercase): a sentence
# or an abstract is asked by several patterns in a row
_LOWERED: list[tuple[str, str]] = [("", "")]


def _lowered(text: str) -> str:
    kept = _LOWERED[0]
    if kept[0] is text:
        return kept[1]
    lowered = text.lower()
    _LOWERED[0] = (text, lowered)
    return lowered


def _utf8_width(lead: int) -> int:
    """The bytes of the UTF-8 character whose first byte is ``lead``."""
    return 1 if lead < 0x80 else 2 if lead < 0xE0 else 3 if lead < 0xF0 else 4


def _matches(
    match: Any, data: bytes, pos: int, end: int, *, wide: bool = False
) -> Iterator[list[tuple[int, int]]]:
    """Successive matches of an RE2 program's ``Match`` in ``data[pos:end]``, as the
    spans of their groups, in google-re2's loop: after an empty match the search
    moves on one character (one byte, or, in a ``wide`` text's UTF-8, the bytes of
    the character there), so that an empty match is not found again.  The one loop
    of ``AsciiFirst.finditer``, ``PatternHits.first`` and ``BytesPattern.spans``."""
    while True:
        spans: list[tuple[int, int]] = match(_UNANCHORED, data, pos, end)
        whole = spans[0]
        if whole[0] < 0:
            return
        yield spans
        if pos == end:
            return
        if pos != whole[1]:
            pos = whole[1]
        else:
            pos += _utf8_width(data[pos]) if wide else 1


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


class _Wide:
    """A text with non-ASCII characters, encoded, with what converts offsets between
    its characters and its UTF-8 bytes: the places of its non-ASCII characters (an
    abstract has a few: "±", "β", "≥") and the extra bytes before each, found when
    first needed (most searches start at the text's start and find nothing)."""

    __slots__ = ("_bytes_at", "_chars_at", "_extra", "data", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.data = text.encode()  # (a lone surrogate raises here, as in google-re2)
        self._extra: list[int] = []

    def _places(self) -> None:
        chars_at: list[int] = []
        bytes_at: list[int] = []
        extra = [0]
        total = 0
        for m in _NON_ASCII.finditer(self.text):
            code = ord(m.group())
            chars_at.append(m.start())
            bytes_at.append(m.start() + total)
            total += 1 if code < 0x800 else 2 if code < 0x10000 else 3
            extra.append(total)
        self._chars_at, self._bytes_at, self._extra = chars_at, bytes_at, extra

    def to_byte(self, char: int) -> int:
        if char == 0:
            return 0
        if char == len(self.text):
            return len(self.data)
        if not self._extra:
            self._places()
        return char + self._extra[bisect_left(self._chars_at, char)]

    def to_chars(self, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        if not self._extra:
            self._places()
        at, extra = self._bytes_at, self._extra
        return [
            span if span[0] < 0 else
            (span[0] - extra[bisect_left(at, span[0])], span[1] - extra[bisect_left(at, span[1])])
            for span in spans
        ]  # fmt: skip


# the last few non-ASCII texts searched, newest first: the decisions and the
# participant grammar ask several patterns of one sentence or abstract in a row, and
# the decisions go back and forth between a paper's texts (the abstract, its scoped
# copy, title + abstract), so that one kept text was encoded and placed again and again
_WIDE_KEPT = 4
_last_wide: list[_Wide] = [_Wide("\x80")]


def _wide(text: str) -> _Wide:
    for wide in _last_wide:
        if wide.text is text:
            return wide
    wide = _Wide(text)
    _last_wide.insert(0, wide)
    del _last_wide[_WIDE_KEPT:]
    return wide


class AsciiMatch:
    """A match in an ASCII text: what triage reads of ``re.Match`` (groups by
    number, their offsets), over RE2's spans, which are the text's offsets."""

    __slots__ = ("_closing", "_spans", "string")

    def __init__(
        self, text: str, spans: list[tuple[int, int]], closing: tuple[int, ...] = ()
    ) -> None:
        self.string = text
        self._spans = spans
        self._closing = closing  # the groups, last closing parenthesis first

    def __repr__(self) -> str:
        return f"<AsciiMatch span={self._spans[0]} match={self.group(0)!r}>"

    def _group(self, group: int) -> str | None:
        if not isinstance(group, int) or not 0 <= group < len(self._spans):
            raise IndexError("bad group index")
        start, end = self._spans[group]
        return None if start < 0 else self.string[start:end]

    def group(self, *groups: int) -> Any:
        if len(groups) < 2:
            return self._group(groups[0] if groups else 0)
        return tuple(self._group(g) for g in groups)

    def __getitem__(self, group: int) -> str | None:
        return self._group(group)

    def groups(self, default: Any = None) -> tuple[Any, ...]:
        items = (self._group(g) for g in range(1, len(self._spans)))
        return tuple(default if item is None else item for item in items)

    def start(self, group: int = 0) -> int:
        if not 0 <= group < len(self._spans):
            raise IndexError("bad group index")
        return self._spans[group][0]

    def end(self, group: int = 0) -> int:
        if not 0 <= group < len(self._spans):
            raise IndexError("bad group index")
        return self._spans[group][1]

    def span(self, group: int = 0) -> tuple[int, int]:
        if not 0 <= group < len(self._spans):
            raise IndexError("bad group index")
        return self._spans[group]

    @property
    def lastindex(self) -> int | None:
        """``re``'s rule: the matched group whose closing parenthesis comes last in
        the pattern (``_closing_order``; exact where no group sits in a repeat,
        which ``compile_exact`` ensures).  Without that order, the highest-numbered
        matched group that ends last."""
        spans = self._spans
        for group in self._closing:
            if group < len(spans) and spans[group][0] >= 0:
                return group
        if self._closing:
            return None
        max_end, last = -1, None
        for group in range(1, len(spans)):
            if spans[group][0] >= 0 and max_end <= spans[group][1]:
                max_end, last = spans[group][1], group
        return last


def engine(pattern: Pattern) -> str:
    """Which engine compiled a pattern ("re2" or "re"), for tests and benchmarks."""
    return "re" if isinstance(pattern, re.Pattern) else "re2"


class PatternSet:
    """Several patterns tested against one text in one RE2 pass per group.

    Each pattern search costs a few microseconds of wrapper overhead however
    short the text, and design triage asks up to twenty of them per paper, so
    ``present(text)`` runs them all at once as RE2::Sets and answers which
    ones occur; the caller then searches only those for the phrase to show as
    the reason.  Patterns that only ``re`` can compile are always reported as
    possibly present, so the answer is never wrong, only less filtered.

    ``PatternSet(group, group, ...)``: each group is one RE2::Set, one pass.
    One automaton for many patterns has a state for each combination of their
    partial matches, so large alternations whose words overlap multiply
    states, and building states is what a scan spends its time on; past its
    DFA memory budget (``_DFA_BUDGET``) the states are thrown away and rebuilt
    over and over.  Splitting such a set into groups costs a pass each but builds far
    fewer states: design triage's fourteen abstract patterns took 34 µs per
    abstract in one set and 12 µs as two groups (3,000 abstracts of the update
    file, 2026-12-06; benchmarks/triage_exact.py times the whole triage).
    """

    def __init__(self, *groups: Sequence[Pattern], max_mem: int | None = None,
                 lean_max_mem: int | None = None) -> None:  # fmt: skip
        """``max_mem``: RE2's memory budget for each group's program and automaton,
        in bytes (the process's regime's, ``_DFA_BUDGET``, when None).  A smaller
        budget caps the states a group keeps (RE2 drops them all and starts again
        when it is spent), so it trades memory for time spent rebuilding states.
        ``lean_max_mem``: the budget in the lean regime only (the import's
        classifying child, ``LEAN``), where memory counts more than CPU
        (design_patterns.ABSTRACT_SET); ``max_mem`` wins."""
        self._patterns = [p for group in groups for p in group]
        budget = max_mem if max_mem is not None else (lean_max_mem if LEAN else None)
        options = _OPTIONS if budget is None else _options(budget)
        self.max_mem: int = options.max_mem
        self._always = [p for p in self._patterns if engine(p) == "re"]
        passes = [[p for p in group if engine(p) == "re2"] for group in groups]
        self._passes: list[tuple[Any, list[Pattern]]] = []
        try:
            for group in passes:
                if not group:
                    continue
                compiled: Any = re2.Set.SearchSet(options)
                for pattern in group:
                    compiled.Add(pattern.pattern)
                compiled.Compile()
                self._passes.append((compiled, group))
        except re2.error:
            # a set too large for RE2's memory budget (thousands of phrases):
            # search every pattern, slower but the same answers
            self._always, self._passes = self._patterns, []
        # Each RE2 pattern has a twin on UTF-8 bytes without capture groups for
        # the phrase search: the text is encoded once per present() instead of
        # once per search, and google-re2's str wrapper (encoding, converting
        # byte offsets to characters for every group) cost more than the match.
        self._twins: dict[int, BytesPattern] = {
            id(p): BytesPattern(p.pattern) for _compiled, group in self._passes for p in group
        }
        # what present() reads per pass: the RE2::Set's own Match, and its patterns by
        # index (present() is asked ~8 times a paper)
        self._matches = [(compiled._set.Match, group) for compiled, group in self._passes]

    def present(self, text: str) -> PatternHits:
        data = text.encode()
        hits = PatternHits(text, self._always, data, self._twins)
        if text:
            for match, patterns in self._matches:
                if indexes := match(data):
                    hits.update(map(patterns.__getitem__, indexes))
        return hits


class PatternHits(set[object]):
    """The patterns of a ``PatternSet`` found in one text: a set of the patterns
    themselves, so that ``pattern in hits`` and ``len(hits)`` are the set's own C
    code.  Triage asks about its compiled patterns ~90 times a paper (``in`` and
    ``first``); as methods of a class holding their ``id``s, each was a Python call
    and an ``id`` call (~2% of text triage on a loaded machine, 2026-12-07).

    Membership is the patterns' own equality: identity for RE2's (``AsciiFirst``
    defines none), and for a pattern only ``re`` compiles ``re.Pattern``'s (same
    source and flags: the same matches; such a pattern is always reported present).
    Ask only about the set's own patterns."""

    __slots__ = ("_data", "_twins", "text")

    def __init__(
        self,
        text: str,
        found: Iterable[object],
        data: bytes,
        twins: dict[int, BytesPattern],
    ) -> None:
        super().__init__(found)
        self.text = text
        self._data = data
        self._twins = twins

    # ``copy`` would call ``__init__`` with the set alone (a set subclass reduces to
    # its class and its items); a copy shares the patterns, which are immutable and
    # are members by identity, so a deep copy is the same shallow one
    def __reduce__(
        self,
    ) -> tuple[type[PatternHits], tuple[str, set[object], bytes, dict[int, BytesPattern]]]:
        return (PatternHits, (self.text, set(self), self._data, self._twins))

    def __deepcopy__(self, memo: dict[int, object]) -> PatternHits:
        return PatternHits(self.text, self, self._data, self._twins)

    def narrowed(self, text: str) -> PatternHits:
        """The hits of ``text``, a copy of this text with parts blanked out (see
        monitor/triage/scope.py), without another pass of the set: blanking only
        removes matches, so the patterns found here are a superset of those
        present there, and ``first`` searches ``text`` itself for the phrase."""
        return PatternHits(text, self, text.encode(), self._twins)

    def found(self, patterns: list[Pattern]) -> list[Pattern]:
        """Those of ``patterns`` that occur, in their order."""
        return [p for p in patterns if p in self]

    def first(self, pattern: Pattern, keep: Callable[[str], bool] | None = None) -> str | None:
        """The first phrase ``pattern`` matches (stripped) that ``keep`` accepts, or None.

        No search at all when the set pass found no match.  ``keep`` sets aside
        matches that only look like the thing ("randomized response").
        """
        if pattern not in self:  # (the set's own test, asked ~45x a paper)
            return None
        twin = self._twins.get(id(pattern))
        if twin is None:  # a pattern only ``re`` compiles
            phrases = (str(m.group(0)).strip() for m in pattern.finditer(self.text))
            return next((p for p in phrases if keep is None or keep(p)), None)
        data = self._data
        if keep is None:  # the first match is the answer: one search
            span = twin.first(data)
            return None if span is None else data[span[0] : span[1]].decode().strip()
        for spans in _matches(twin.match, data, 0, len(data)):
            phrase = data[spans[0][0] : spans[0][1]].decode().strip()
            if keep(phrase):
                return phrase
        return None


class Starts:
    """Where a pattern's matches begin in a text, as character offsets.

    For an ASCII text (most abstracts) the matches are found on its UTF-8 bytes,
    whose offsets are the characters', by a twin without capture groups: on
    ``str``, google-re2's wrapper converts every match's offsets between bytes and
    characters, which cost more than the match (participants' count starts, 5% of
    triage in a profile of 3,000 records).  Other texts, and patterns only ``re``
    compiles, are searched as they are: the same answers either way.
    """

    __slots__ = ("_pattern", "_twin")

    def __init__(self, pattern: Pattern) -> None:
        self._pattern = pattern
        self._twin = BytesPattern(pattern.pattern) if engine(pattern) == "re2" else None

    def __call__(self, text: str) -> list[int]:
        twin = self._twin
        if twin is None:
            return [m.start() for m in self._pattern.finditer(text)]
        if text.isascii():
            return twin.starts(text.encode())
        # a text with "±" or "β" (a third of the abstracts): the twin too, on its UTF-8
        # in the wrapper's loop (``_matches``, ``wide``), byte offsets turned into the
        # characters' as ``finditer``'s are; the match objects and the capture groups of
        # ``finditer`` here cost more than the search (RE2's overall match is the same
        # with or without groups)
        wide = _wide(text)
        data = wide.data
        spans = [spans[0] for spans in _matches(twin.match, data, 0, len(data), wide=True)]
        return [start for start, _end in wide.to_chars(spans)] if spans else []


class BytesPattern:
    """A pattern on UTF-8 bytes that reports where its matches are, not their groups.

    Compiled without capture groups and run by RE2's ``Match`` directly, with
    google-re2's loop for successive matches (an empty match moves on one byte):
    its generator and match objects cost more than the search on short texts.
    """

    __slots__ = ("match", "pattern")

    def __init__(self, pattern: str | bytes, options: Any = None) -> None:
        self.pattern = pattern.encode() if isinstance(pattern, str) else pattern
        compiled = re2.compile(self.pattern, options or _PHRASE_OPTIONS)
        # RE2's Match(anchor, data, pos, endpos): the spans of the whole match
        self.match: Callable[..., list[tuple[int, int]]] = compiled._regexp.Match

    def first(self, data: bytes, pos: int = 0) -> tuple[int, int] | None:
        """The span of the first match at or after ``pos``, or None."""
        span: tuple[int, int] = self.match(_UNANCHORED, data, pos, len(data))[0]
        return None if span[0] < 0 else span

    def spans(self, data: bytes) -> list[tuple[int, int]]:
        """The spans of all matches, as ``finditer`` finds them."""
        return [spans[0] for spans in _matches(self.match, data, 0, len(data))]

    def iter_spans(self, data: bytes) -> Iterator[tuple[int, int]]:
        """``spans(data)`` one at a time, for a caller that may stop early."""
        return (spans[0] for spans in _matches(self.match, data, 0, len(data)))

    def starts(self, data: bytes) -> list[int]:
        """Where each match of ``spans(data)`` begins, by ``_matches``' loop written
        out: the participant grammar asks it of every abstract (``Starts``), and the
        generator and the two lists around it were a fifth of its cost."""
        match = self.match
        out: list[int] = []
        pos, end = 0, len(data)
        while True:
            start, stop = match(_UNANCHORED, data, pos, end)[0]
            if start < 0:
                return out
            out.append(start)
            if pos == end:
                return out
            pos = stop if pos != stop else pos + 1
