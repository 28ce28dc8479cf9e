"""A fitted TF-IDF vocabulary as integer tables, so scoring tokenises in numpy.

Scoring 50,000 papers must take under 2 s on two cores.  Tokenising in
Python costs about 0.15 ms a paper (7 s for 50,000), and even one regex
``findall`` per text plus one dict lookup per token costs 4 s: the Python
string made for each of 10 million tokens is the cost.  So no token
becomes a string here.  Texts are lower-cased (``str.lower``, as
scikit-learn does) and joined: ASCII texts (98% of real abstracts) are read
as bytes, the others as UTF-32 code points; word characters (``\\w``) are
marked (ASCII by ``bytes.translate``), and runs of two or more are the
tokens of scikit-learn's pattern ``\\b\\w\\w+\\b``.  Each token gets a
64-bit hash (``word_hash``: an ASCII token's own bytes, 8 at a time; a
polynomial over code points for the rest); hash and length together find
its word id in an open-addressing table of the vocabulary's words.  Stop
words are dropped before pairing, unigram features come by table lookup,
and neighbouring word pairs of one text are found as ``a * W + b`` keys,
as in ``TfidfVectorizer(ngram_range=(1, 2), stop_words="english")`` with
the same vocabulary (tests/test_termindex.py compares the two on real
abstracts).
Chunks of texts are counted on up to ``_WORKERS`` threads.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

_STOP = -2  # a stop word: dropped before pairing, as scikit-learn does
_UNKNOWN = -1  # in no vocabulary term: a unigram of nothing, and it breaks any pair
_MASK = (1 << 64) - 1
_BASE = 0x100000001B3  # odd, so invertible modulo 2**64
_INVERSE = pow(_BASE, -1, 1 << 64)
_CHUNK = 1000  # texts per pass: bounds the per-character arrays (about 50 MB)
_WORKERS = min(os.cpu_count() or 1, 4)  # threads counting chunks (numpy lets go of the GIL)

U64 = np.ndarray[Any, np.dtype[np.uint64]]
I64 = np.ndarray[Any, np.dtype[np.int64]]
I32 = np.ndarray[Any, np.dtype[np.int32]]
F32 = np.ndarray[Any, np.dtype[np.float32]]
Bools = np.ndarray[Any, np.dtype[np.bool_]]


_WORD = re.compile(r"(?u)\w")
_CLASS = np.full(0x110000, -1, dtype=np.int8)  # per code point: 1 word character, 0 not, -1 unseen
_CLASS[:128] = [1 if _WORD.fullmatch(chr(c)) else 0 for c in range(128)]
_BYTES = np.array([(1 << 8 * n) - 1 for n in range(8)] + [_MASK], dtype=np.uint64)
_CLASS_LOCK = threading.Lock()


# ``\\w`` of each byte, for ``bytes.translate``: 1 for a word character, else 0 (ASCII only)
_ASCII_WORD = bytes(int(_CLASS[c] > 0) if c < 128 else 0 for c in range(256))


def _word_characters(codes: np.ndarray[Any, np.dtype[np.uint32]]) -> Bools:
    """Whether Python's ``\\w`` matches each code point of ``codes``.

    The table of all 1.1 million code points cost 0.3 s to build, a tenth of
    scoring 50,000 papers: instead each code point is asked of the regex the
    first time a text holds it (a few hundred distinct ones in real abstracts).
    """
    classes = _CLASS[codes]
    unseen = classes < 0
    if unseen.any():
        new = np.unique(codes[unseen])
        with _CLASS_LOCK:
            _CLASS[new] = [1 if _WORD.fullmatch(chr(c)) else 0 for c in new.tolist()]
        classes = _CLASS[codes]
    found: Bools = classes > 0
    return found


def _mix(value: int) -> int:
    """splitmix64's finaliser, a bijection of 64-bit integers (``_mixed`` in numpy)."""
    value = ((value ^ (value >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    value = ((value ^ (value >> 27)) * 0x94D049BB133111EB) & _MASK
    return value ^ (value >> 31)


def _mixed(values: U64) -> U64:
    values = (values ^ (values >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    values = (values ^ (values >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    mixed: U64 = values ^ (values >> np.uint64(31))
    return mixed


def word_hash(word: str) -> int:
    """The hash ``TermIndex`` computes for a token (the scalar reference of its numpy).

    An ASCII word (nearly all of them) is its bytes read 8 at a time as
    little-endian integers: the first 8 are the hash (a word of up to 8
    letters is its own key, no two alike), each further 8 are XORed into the
    mix of the hash so far.  Any other word is the sum of code point x
    BASE**j, mod 2**64, from prefix sums over the text.
    """
    if word.isascii():
        data = word.encode("ascii")
        value = int.from_bytes(data[:8], "little")
        for at in range(8, len(data), 8):
            value = _mix(value) ^ int.from_bytes(data[at : at + 8], "little")
        return value
    value, power = 0, 1
    for char in word:
        value = (value + ord(char) * power) & _MASK
        power = (power * _BASE) & _MASK
    return value


def _packed(codes: np.ndarray[Any, np.dtype[np.uint8]], starts: I64, lengths: I64) -> U64:
    """``word_hash`` of ASCII tokens: 8 bytes at a time, read by unaligned 8-byte loads.

    Five times as fast as the prefix sums (``cumsum`` over 64-bit integers
    costs 3 ns a character; this costs a gather a token, and one more per
    further 8 letters for a fifth of them).  ``codes`` must end in 8 zero
    bytes (no token reaches them), so that no load reads past the array.
    """
    if len(codes) < 8 or codes[-8:].any():
        raise ValueError("the codes must end in 8 zero bytes, so no load reads past them")
    window: U64 = np.ndarray((len(codes) - 7,), dtype=np.uint64, buffer=codes, strides=(1,))
    # ``take`` in "clip" mode reads any length past 8 as 8: the mask of all 8 bytes, in
    # one pass (``minimum`` then a gather made two)
    hashes: U64 = window[starts] & _BYTES.take(lengths, mode="clip")
    longer = np.flatnonzero(lengths > 8)
    offset = 8
    while len(longer):
        rest = lengths[longer] - offset
        more = window[starts[longer] + offset] & _BYTES.take(rest, mode="clip")
        hashes[longer] = _mixed(hashes[longer]) ^ more
        longer, offset = longer[rest > 8], offset + 8
    return hashes


class _Powers:
    """BASE**i and BASE**-i modulo 2**64 for i < n, grown on demand (by one thread at a time)."""

    def __init__(self) -> None:
        self.up: U64 = np.ones(1, dtype=np.uint64)
        self.down: U64 = np.ones(1, dtype=np.uint64)
        self._lock = threading.Lock()

    def upto(self, n: int) -> tuple[U64, U64]:
        with self._lock:
            if len(self.up) < n:
                size = max(n, 2 * len(self.up))
                tables = []
                for base in (_BASE, _INVERSE):
                    table = np.full(size, base, dtype=np.uint64)
                    table[0] = 1
                    np.cumprod(table, out=table)  # wraps modulo 2**64, as wanted
                    tables.append(table)
                self.up, self.down = tables
            return self.up[:n], self.down[:n]


class _Table:
    """An open-addressing hash table of uint64 keys to int64 values, looked up in numpy.

    ``searchsorted`` over 40,000 sorted keys was half of scoring's time (16
    cache misses a token); here most tokens take one gather.  Built in numpy
    too (a Python loop over 40,000 keys was 0.1 s of every first scoring):
    each round, the first key wanting each free slot takes it and the others
    move one slot on, which is linear probing, so ``get`` finds every key
    within ``probes`` slots of its home.
    """

    _GOLDEN = np.uint64(0x9E3779B97F4A7C15)  # Fibonacci hashing spreads the keys' bits

    def __init__(self, keys: Sequence[int] | U64, values: Sequence[int] | I64) -> None:
        wanted: U64 = np.asarray(keys, dtype=np.uint64)
        given: I64 = np.asarray(values, dtype=np.int64)
        bits = max(4, (4 * max(len(wanted), 1) - 1).bit_length())
        self.shift = np.uint64(64 - bits)
        self.mask = (1 << bits) - 1
        self.keys: U64 = np.zeros(1 << bits, dtype=np.uint64)
        self.values: I64 = np.full(1 << bits, _UNKNOWN, dtype=np.int64)
        if (wanted == 0).any():
            raise ValueError("key 0 marks an empty slot")
        ordered = np.sort(wanted)
        twice = ordered[1:][ordered[1:] == ordered[:-1]]
        if len(twice):
            raise ValueError(f"key {int(twice[0])} given twice")
        slot = self._slots(wanted)
        steps = np.ones(len(wanted), dtype=np.int64)
        pending = np.arange(len(wanted))
        while len(pending):
            free = pending[self.keys[slot[pending]] == 0]
            _, first = np.unique(slot[free], return_index=True)
            won = free[first]
            self.keys[slot[won]], self.values[slot[won]] = wanted[won], given[won]
            placed = np.zeros(len(wanted), dtype=np.bool_)
            placed[won] = True
            pending = pending[~placed[pending]]
            slot[pending] = (slot[pending] + 1) & self.mask
            steps[pending] += 1
        self.probes = int(steps.max()) if len(steps) else 1

    def _slots(self, keys: U64) -> I64:
        slots: I64 = ((keys * self._GOLDEN) >> self.shift).view(np.int64)  # < 2**bits: exact
        return slots

    def get(self, keys: U64) -> tuple[I64, I64]:
        """Each key's value (``_UNKNOWN`` if absent) and its slot (-1 if absent).

        Key 0 marks an empty slot (no word hash or word pair is 0).  The first
        probe is one gather for every key; only keys that met another key's
        slot probe on.
        """
        at = self._slots(keys)
        found = self.keys[at]
        hit = found == keys
        pending = np.flatnonzero(~hit & (found != 0))
        for _ in range(self.probes - 1):
            if not len(pending):
                break
            at[pending] = (at[pending] + 1) & self.mask
            found_here = self.keys[at[pending]]
            hit_here = found_here == keys[pending]
            hit[pending[hit_here]] = True
            pending = pending[~hit_here & (found_here != 0)]
        # one gather of the values, at the slots where the probing stopped
        out = self.values[at]
        missed = ~hit
        out[missed] = _UNKNOWN
        at[missed] = -1
        return out, at

    def lookup(self, keys: U64) -> tuple[I64, I64]:
        """``get`` without its "absent" marks on the slots: each key's value (``_UNKNOWN``
        if absent) and the slot where its probing stopped, which holds another key (or
        none) when the key is absent.  Scoring's path: no pass over every key to mark
        the misses, since a probe that stops at an empty slot reads ``_UNKNOWN``
        there, and only the keys that ran out of probes (few) are set by hand."""
        at = self._slots(keys)
        found = self.keys[at]
        pending = np.flatnonzero((found != keys) & (found != 0))
        for _ in range(self.probes - 1):
            if not len(pending):
                break
            at[pending] = (at[pending] + 1) & self.mask
            found_here = self.keys[at[pending]]
            pending = pending[(found_here != keys[pending]) & (found_here != 0)]
        out = self.values[at]
        out[pending] = _UNKNOWN  # still at another key's slot after every probe: absent
        return out, at


class TermIndex:
    """Word hashes, unigram features and word-pair keys of one vocabulary."""

    def __init__(self, vocabulary: Mapping[str, int]) -> None:
        self.size = len(vocabulary)
        self.bits = max(self.size - 1, 1).bit_length()  # a (text, term) key is text << bits | term
        words: dict[str, int] = dict.fromkeys(ENGLISH_STOP_WORDS, _STOP)
        unigrams: list[tuple[int, int]] = []
        pairs: list[tuple[str, str, int]] = []
        for term, feature in vocabulary.items():
            first, _, second = term.partition(" ")
            if second:
                pairs.append((first, second, feature))
            else:
                unigrams.append((words.setdefault(term, len(words)), feature))
        for first, second, _ in pairs:
            words.setdefault(first, len(words))
            words.setdefault(second, len(words))
        self.width = len(words)
        self._powers = _Powers()
        hashes = self._hashes(list(words))
        self.words = _Table(hashes, list(words.values()))
        self.lengths: I64 = np.zeros(len(self.words.keys), dtype=np.int64)
        _, slots = self.words.get(hashes)
        self.lengths[slots] = [len(w) for w in words]
        # one slot more, so that _UNKNOWN (-1) reads "no unigram" without a mask
        self.unigram: I64 = np.full(self.width + 1, -1, dtype=np.int64)
        for word, feature in unigrams:
            self.unigram[word] = feature
        self.pairs = _Table([words[a] * self.width + words[b] for a, b, _ in pairs],
                            [f for _, _, f in pairs])  # fmt: skip

    def _hashes(self, words: Sequence[str]) -> U64:
        """``word_hash`` of each of ``words``, by the prefix sums that hash tokens."""
        if not words:
            return np.zeros(0, dtype=np.uint64)
        codes = np.frombuffer("\0".join(words).encode("utf-32-le", "surrogatepass"),
                              dtype=np.uint32)  # fmt: skip
        lengths = np.array([len(w) for w in words], dtype=np.int64)
        starts = np.cumsum(lengths + 1) - lengths - 1
        return self._token_hashes(codes, starts, lengths)

    def _token_hashes(self, codes: np.ndarray[Any, Any], starts: I64, lengths: I64) -> U64:
        """``word_hash`` of each token ``codes[start:start + length]``.

        Bytes (ASCII texts) go straight to ``_packed``; in UTF-32 texts the
        ASCII tokens do too, and the others take the polynomial hash, from one
        pass of prefix sums over the code points.
        """
        if codes.dtype == np.uint8:
            return _packed(codes, starts, lengths)
        ends = starts + lengths
        wide = np.zeros(len(codes) + 1, dtype=np.int64)
        np.cumsum(codes >= 128, out=wide[1:])
        ascii_token = wide[ends] == wide[starts]
        hashes = np.empty(len(starts), dtype=np.uint64)
        narrow, other = np.flatnonzero(ascii_token), np.flatnonzero(~ascii_token)
        narrow_codes = np.zeros(len(codes) + 8, dtype=np.uint8)
        narrow_codes[: len(codes)] = codes  # wraps: only the ASCII tokens' bytes are read
        hashes[narrow] = _packed(narrow_codes, starts[narrow], lengths[narrow])
        if len(other):
            up, down = self._powers.upto(len(codes))
            prefix = np.zeros(len(codes) + 1, dtype=np.uint64)
            np.multiply(codes, up, out=prefix[1:])
            np.cumsum(prefix[1:], out=prefix[1:])
            at, to = starts[other], ends[other]
            hashes[other] = (prefix[to] - prefix[at]) * down[at]
        return hashes

    def counts(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """Term counts (documents x vocabulary, float32) of ``texts``.

        Chunks of ``_CHUNK`` texts go to up to ``_WORKERS`` threads: the work
        is numpy's, which lets go of the GIL, so two cores score nearly twice
        as fast.  The rows are in the order of ``texts`` whatever the threads.
        """
        chunks = [texts[k : k + _CHUNK] for k in range(0, len(texts), _CHUNK)]
        if len(chunks) > 1 and _WORKERS > 1:
            with ThreadPoolExecutor(min(_WORKERS, len(chunks))) as pool:
                parts = list(pool.map(self._counts, chunks))
        else:
            parts = [self._counts(chunk) for chunk in chunks]
        indptr = np.zeros(len(texts) + 1, dtype=np.int64)
        if parts:
            np.cumsum(np.concatenate([per_row for per_row, _, _ in parts]), out=indptr[1:])
        indices = np.concatenate([np.zeros(0, dtype=np.int32), *(c for _, c, _ in parts)])
        data = np.concatenate([np.zeros(0, dtype=np.float32), *(d for _, _, d in parts)])
        index_type = np.int32 if len(data) < 2**31 else np.int64
        counts = sparse.csr_matrix((data, indices, indptr.astype(index_type)),
                                   shape=(len(texts), self.size))  # fmt: skip
        counts.has_sorted_indices = True  # each row's terms come sorted and summed
        counts.has_canonical_format = True
        return counts

    def words_of(self, texts: Sequence[str], wide: bool) -> tuple[I64, I64]:
        """Each text's tokens as word ids (stop words dropped), and the text each is from.

        ``wide`` texts are read as UTF-32; the others (98% of real abstracts,
        ``str.isascii``) as bytes, a quarter of the memory to walk, their word
        characters found by comparisons and their tokens hashed by 8-byte
        loads.  A code point is the same number either way, so are the hashes.
        """
        joined = "\0".join(texts)  # NUL separates the texts (the callers replaced theirs)
        codes: np.ndarray[Any, Any]
        if wide:
            codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
            is_word = np.zeros(len(codes) + 2, dtype=np.bool_)
            is_word[1:-1] = _word_characters(codes)
        else:
            # a NUL before (no word starts before the text) and 8 after, for _packed's
            # 8-byte loads; ``bytes.translate`` marks the word characters in one pass in
            # C (a quarter of the time of numpy's comparisons, which pass over the text
            # eight times)
            data = ("\0" + joined + "\0" * 8).encode("ascii")
            codes = np.frombuffer(data, dtype=np.uint8)[1:]
            is_word = np.frombuffer(data.translate(_ASCII_WORD), dtype=np.bool_)
        # flips alternate: a word's first character, then the one past its last
        flips = np.flatnonzero(is_word[1:] != is_word[:-1])
        starts = flips[0::2]
        lengths = flips[1::2] - starts
        # a one-character run is no token (the pattern wants two): dropped before it is
        # hashed, as the stop words are after, so it breaks no pair.  One boolean mask
        # over the two arrays the rest reads (``flatnonzero`` and three gathers cost
        # two and a half times as much; the ends are not needed again)
        longer = lengths >= 2
        starts, lengths = starts[longer], lengths[longer]
        ids, at = self.words.lookup(self._token_hashes(codes, starts, lengths))
        ids[self.lengths[at] != lengths] = _UNKNOWN  # a hash alone could, in principle, collide
        kept = ids != _STOP
        # tokens are in text order: each text's first token is where its start sorts, and
        # its kept tokens are the running count of kept ones between its first and the
        # next text's (a cumulative sum, cheaper than compressing the starts as well)
        text_starts = np.cumsum([0] + [len(t) + 1 for t in texts[:-1]], dtype=np.int64)
        running = np.zeros(len(kept) + 1, dtype=np.int64)
        np.cumsum(kept, out=running[1:])
        first = running[np.searchsorted(starts, text_starts)]
        ids = ids[kept]
        doc = np.repeat(np.arange(len(texts)), np.diff(first, append=len(ids)))
        return ids, doc

    def _counts(self, texts: Sequence[str]) -> tuple[I64, I32, F32]:
        """One chunk's terms per text, term columns and counts (rows of a CSR matrix).

        Every (text, term) occurrence becomes the key ``text << bits | term``;
        one sort of the keys groups them, in row order then column order, as
        a canonical CSR matrix wants (scipy's COO-to-CSR with duplicates summed
        was a fifth of scoring's time).
        """
        n = len(texts)
        lowered = [t.lower().replace("\0", " ") for t in texts]
        keys = [np.zeros(0, dtype=np.int64)]
        for wide in (False, True):
            group = [k for k, t in enumerate(lowered) if t.isascii() != wide]
            if not group:
                continue
            ids, local = self.words_of([lowered[k] for k in group], wide)
            doc = local if len(group) == n else np.asarray(group, dtype=np.int64)[local]
            # each key is made for every token and the misses compressed out once (one
            # boolean selection, not one per operand); a miss's key (-1 OR-ed in) is dropped
            uni = self.unigram[ids]
            keys.append(((doc << self.bits) | uni)[uni >= 0])
            if len(ids) > 1:
                a, b = ids[:-1], ids[1:]
                # a word id is -1 (unknown) or >= 0: both known when their OR is >= 0
                valid = (local[:-1] == local[1:]) & ((a | b) >= 0)
                pair_keys = (a * self.width + b)[valid].view(np.uint64)  # all >= 0
                features, _ = self.pairs.lookup(pair_keys)
                found = (doc[:-1][valid] << self.bits) | features
                keys.append(found[features >= 0])
        every = np.concatenate(keys)
        every.sort()
        starts_run = np.empty(len(every), dtype=np.bool_)
        starts_run[:1] = True
        np.not_equal(every[1:], every[:-1], out=starts_run[1:])
        first = np.flatnonzero(starts_run)
        distinct = every[first]
        per_row = np.bincount(distinct >> self.bits, minlength=n).astype(np.int64)
        cols = (distinct & ((1 << self.bits) - 1)).astype(np.int32)
        data = np.diff(first, append=len(every)).astype(np.float32)
        return per_row, cols, data
