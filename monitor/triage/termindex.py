"""A fitted TF-IDF vocabulary as integer tables, so scoring tokenises in numpy.

Scoring 50,000 papers must take under 2 s on two cores.  Tokenising in
Python costs about 0.15 ms a paper (7 s for 50,000), and even one regex
``findall`` per text plus one dict lookup per token costs 4 s: the Python
string made for each of 10 million tokens is the cost.  So no token
becomes a string here.  Texts are lower-cased (``str.lower``, as
scikit-learn does), joined and read as UTF-32 code points; a table of the
code points ``\\w`` matches marks word characters, and runs of two or more
are the tokens of scikit-learn's pattern ``\\b\\w\\w+\\b``.  Each token gets
a 64-bit polynomial hash from prefix sums; hash and length together find
its word id in an open-addressing table of the vocabulary's words.  Stop words
are dropped before pairing, unigram features come by table lookup, and
neighbouring word pairs of one text are found as ``a * W + b`` keys, as in
``TfidfVectorizer(ngram_range=(1, 2), stop_words="english")`` with the
same vocabulary (tests/test_labels.py compares the two on real abstracts).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import cache
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

U64 = np.ndarray[Any, np.dtype[np.uint64]]
I64 = np.ndarray[Any, np.dtype[np.int64]]


@cache
def _word_characters() -> np.ndarray[Any, np.dtype[np.bool_]]:
    """For every code point, whether Python's ``\\w`` matches it (built once, ~0.3 s)."""
    table = np.zeros(0x110000, dtype=np.bool_)
    everything = "".join(map(chr, range(0x110000)))
    table[[ord(c) for c in re.findall(r"(?u)\w", everything)]] = True
    return table


def word_hash(word: str) -> int:
    """The hash ``TermIndex`` computes for a token: sum of code point x BASE**j, mod 2**64."""
    value, power = 0, 1
    for char in word:
        value = (value + ord(char) * power) & _MASK
        power = (power * _BASE) & _MASK
    return value


class _Powers:
    """BASE**i and BASE**-i modulo 2**64 for i < n, grown on demand."""

    def __init__(self) -> None:
        self.up: U64 = np.ones(1, dtype=np.uint64)
        self.down: U64 = np.ones(1, dtype=np.uint64)

    def upto(self, n: int) -> tuple[U64, U64]:
        if len(self.up) < n:
            size = max(n, 2 * len(self.up))
            for name, base in (("up", _BASE), ("down", _INVERSE)):
                table = np.full(size, base, dtype=np.uint64)
                table[0] = 1
                np.cumprod(table, out=table)  # wraps modulo 2**64, as wanted
                setattr(self, name, table)
        return self.up[:n], self.down[:n]


class _Table:
    """An open-addressing hash table of uint64 keys to int64 values, looked up in numpy.

    ``searchsorted`` over 40,000 sorted keys was half of scoring's time (16
    cache misses a token); here most tokens take one gather.
    """

    _GOLDEN = np.uint64(0x9E3779B97F4A7C15)  # Fibonacci hashing spreads the keys' bits

    def __init__(self, keys: Sequence[int], values: Sequence[int]) -> None:
        bits = max(4, (4 * max(len(keys), 1) - 1).bit_length())
        self.shift = np.uint64(64 - bits)
        self.mask = (1 << bits) - 1
        self.keys: U64 = np.zeros(1 << bits, dtype=np.uint64)
        self.values: I64 = np.full(1 << bits, _UNKNOWN, dtype=np.int64)
        slots = self._slots(np.array(keys, dtype=np.uint64))
        self.probes = 1
        for key, value, slot in zip(keys, values, slots.tolist(), strict=True):
            steps = 1
            if key == 0:
                raise ValueError("key 0 marks an empty slot")
            while self.keys[slot] and int(self.keys[slot]) != key:
                slot, steps = (slot + 1) & self.mask, steps + 1
            if self.keys[slot]:
                raise ValueError(f"key {key} given twice")
            self.keys[slot], self.values[slot] = key, value
            self.probes = max(self.probes, steps)

    def _slots(self, keys: U64) -> I64:
        return ((keys * self._GOLDEN) >> self.shift).astype(np.int64)

    def get(self, keys: U64) -> tuple[I64, I64]:
        """Each key's value (``_UNKNOWN`` if absent) and its slot (-1 if absent).

        Key 0 marks an empty slot (no word hash or word pair is 0).  The first
        probe is one gather for every key; only keys that met another key's
        slot probe on.
        """
        at = self._slots(keys)
        found = self.keys[at]
        hit = found == keys
        out = np.where(hit, self.values[at], _UNKNOWN)
        where = np.where(hit, at, -1)
        pending = np.flatnonzero(~hit & (found != 0))
        for _ in range(self.probes - 1):
            if not len(pending):
                break
            at[pending] = (at[pending] + 1) & self.mask
            found_here = self.keys[at[pending]]
            hit_here = found_here == keys[pending]
            out[pending[hit_here]] = self.values[at[pending[hit_here]]]
            where[pending[hit_here]] = at[pending[hit_here]]
            pending = pending[~hit_here & (found_here != 0)]
        return out, where


class TermIndex:
    """Word hashes, unigram features and word-pair keys of one vocabulary."""

    def __init__(self, vocabulary: Mapping[str, int]) -> None:
        self.size = len(vocabulary)
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
        self.words = _Table([word_hash(w) for w in words], list(words.values()))
        self.lengths: I64 = np.zeros(len(self.words.keys), dtype=np.int64)
        _, slots = self.words.get(np.array([word_hash(w) for w in words], dtype=np.uint64))
        self.lengths[slots] = [len(w) for w in words]
        self.unigram: I64 = np.full(self.width, -1, dtype=np.int64)
        for word, feature in unigrams:
            self.unigram[word] = feature
        self.pairs = _Table([words[a] * self.width + words[b] for a, b, _ in pairs],
                            [f for _, _, f in pairs])  # fmt: skip
        self._powers = _Powers()

    def counts(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """Term counts (documents x vocabulary, float32) of ``texts``."""
        parts = [self._counts(texts[k : k + _CHUNK]) for k in range(0, len(texts), _CHUNK)]
        if not parts:
            return sparse.csr_matrix((0, self.size), dtype=np.float32)
        stacked: sparse.csr_matrix = sparse.vstack(parts, format="csr")
        return stacked

    def words_of(self, texts: Sequence[str]) -> tuple[I64, I64]:
        """Each text's tokens as word ids (stop words dropped), and the text each is from."""
        lowered = [t.lower().replace("\0", " ") for t in texts]  # NUL separates the texts
        codes = np.frombuffer("\0".join(lowered).encode("utf-32-le", "surrogatepass"),
                              dtype=np.uint32)  # fmt: skip
        text_starts = np.cumsum([0] + [len(t) + 1 for t in lowered[:-1]], dtype=np.int64)
        is_word = np.zeros(len(codes) + 2, dtype=np.bool_)
        is_word[1:-1] = _word_characters()[codes]
        # flips alternate: a word's first character, then the one past its last
        flips = np.flatnonzero(is_word[1:] != is_word[:-1])
        starts, ends = flips[0::2], flips[1::2]
        lengths = ends - starts
        long_enough = lengths >= 2
        starts, ends, lengths = starts[long_enough], ends[long_enough], lengths[long_enough]
        up, down = self._powers.upto(len(codes))
        prefix = np.zeros(len(codes) + 1, dtype=np.uint64)
        np.cumsum(np.multiply(codes, up, dtype=np.uint64), out=prefix[1:])
        hashes = (prefix[ends] - prefix[starts]) * down[starts]
        ids, at = self.words.get(hashes)
        ids[self.lengths[at] != lengths] = _UNKNOWN  # a hash alone could, in principle, collide
        doc = np.searchsorted(text_starts, starts, side="right") - 1
        kept = ids != _STOP
        return ids[kept], doc[kept]

    def _counts(self, texts: Sequence[str]) -> sparse.csr_matrix:
        n = len(texts)
        ids, doc = self.words_of(texts)
        known = ids >= 0
        uni = np.where(known, self.unigram[np.where(known, ids, 0)], -1)
        rows = [doc[uni >= 0]]
        cols = [uni[uni >= 0]]
        if len(ids) > 1:
            a, b = ids[:-1], ids[1:]
            valid = (doc[:-1] == doc[1:]) & (a >= 0) & (b >= 0)
            features, _ = self.pairs.get((a[valid] * self.width + b[valid]).astype(np.uint64))
            hit = features >= 0
            rows.append(doc[:-1][valid][hit])
            cols.append(features[hit])
        row, col = np.concatenate(rows), np.concatenate(cols)
        counts = sparse.csr_matrix(
            (np.ones(len(row), dtype=np.float32), (row, col)), shape=(n, self.size)
        )
        counts.sum_duplicates()
        return counts
