"""Scoring's numpy tokeniser counts exactly what scikit-learn's TfidfVectorizer counts (issue 22)."""

from __future__ import annotations

import numpy as np
import pytest

from monitor.parse.labelled import read_labelled
from monitor.triage.preference import Doc, train
from monitor.triage.termindex import TermIndex, _Table, word_hash
from tests.corpus import corpus_path

EDGES = [
    "",
    "a b c",  # only one-letter tokens: nothing
    "Spinal of the cord",  # stop words go before pairing: "spinal cord" is a pair
    "spinal x cord",  # a one-letter token is no token: "spinal cord" again
    "spinal zzzunknownzzz cord",  # a word of no term breaks the pair
    "Spinal\0cord",  # a NUL inside a text is not a text boundary
    "ΣΠΙΝΑΛ ΣΑΣ Rückenmark naïve µg 5-HT T10 snake_case ±2 ≥10 …",
    "Σpinal\ud800cord",  # a lone surrogate (broken input) does not break scoring
    "walking " * 50,
]


@pytest.mark.corpus
def test_counts_are_scikit_learns_on_real_abstracts() -> None:
    rows = read_labelled(corpus_path("screening", "citation-screening", "copd"))
    docs = [Doc(r.record.title, r.record.abstract, r.record.journal) for r in rows]
    model = train(docs[:800], [r.included for r in rows[:800]], folds=0)
    texts = [d.text for d in docs] + EDGES
    mine, theirs = model.transform(texts), model.vectorizer.transform(texts)
    assert mine.nnz == theirs.nnz > 100_000
    assert abs(mine - theirs).max() < 1e-6
    # and the counts themselves, before any weighting, are exact
    counts = model.vectorizer.transform(texts)
    counts.data[:] = 1
    assert (abs(model.index.counts(texts).astype(bool) - counts.astype(bool))).nnz == 0  # type: ignore[union-attr]


def test_edge_texts_and_pairs() -> None:
    vocabulary = {"spinal": 0, "cord": 1, "spinal cord": 2, "σας": 3, "rückenmark": 4,
                  "ht": 5, "t10": 6, "snake_case": 7, "walking": 8, "walking walking": 9}  # fmt: skip
    counts = TermIndex(vocabulary).counts(EDGES).toarray()
    assert counts[:2].sum() == 0
    assert list(counts[2][:3]) == [1, 1, 1] and list(counts[3][:3]) == [1, 1, 1]
    assert list(counts[4][:3]) == [1, 1, 0]
    assert list(counts[5][:3]) == [1, 1, 1]  # a NUL is a non-word character, not a text end
    assert counts[6][3:8].tolist() == [1, 1, 1, 1, 1]
    assert counts[8][8] == 50 and counts[8][9] == 49
    assert TermIndex({}).counts(EDGES).nnz == 0


def test_the_table_probes_past_collisions() -> None:
    keys = [word_hash(f"w{k}") for k in range(500)]
    table = _Table(keys, list(range(500)))
    assert table.probes > 1  # some keys had to move on: the probing is exercised
    values, slots = table.get(np.array([*keys, word_hash("absent")], dtype=np.uint64))
    assert values.tolist() == [*range(500), -1] and slots[-1] == -1
    with pytest.raises(ValueError, match="twice"):
        _Table([keys[0], keys[0]], [1, 2])


def test_the_vocabulary_hashes_are_word_hash() -> None:
    # ASCII words of up to 8, 9 to 16 and more letters (one, two and several 8-byte
    # loads), and words that take the polynomial hash
    words = ["ab", "abcdefgh", "abcdefghi", "spinalcordinjury", "x" * 41, "σας",
             "rückenmark", "naïve", "snake_case", "t10", "µg"]  # fmt: skip
    index = TermIndex({w: k for k, w in enumerate(words)})
    assert index._hashes(words).tolist() == [word_hash(w) for w in words]
    assert len({word_hash(w) for w in words}) == len(words)
    # and a text finds each of them, in an ASCII and in a UTF-32 pass alike
    text = " ".join(words)
    for texts in ([text.encode("ascii", "ignore").decode()], [text]):
        counts = index.counts(texts).toarray()[0]
        assert all(counts[k] == 1 for k, w in enumerate(words) if w in texts[0])


def test_threads_keep_the_rows_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    from monitor.triage import termindex

    vocabulary = {"spinal": 0, "cord": 1, "spinal cord": 2, "walking": 3}
    texts = [f"spinal cord {'walking ' * (k % 7)}" if k % 3 else "" for k in range(2500)]
    monkeypatch.setattr(termindex, "_WORKERS", 1)
    alone = TermIndex(vocabulary).counts(texts)
    monkeypatch.setattr(termindex, "_WORKERS", 2)
    threaded = TermIndex(vocabulary).counts(texts)
    assert (alone != threaded).nnz == 0
    assert alone[:, 3].toarray().ravel().tolist() == [k % 7 if k % 3 else 0 for k in range(2500)]


def test_rows_stay_with_their_texts_when_whole_texts_drop_out() -> None:
    """Texts with no kept token (empty, stop words only, one-letter runs only) between
    others: each row's counts are still its own text's, exactly as scikit-learn counts
    them, and ``words_of`` batched gives each text's own word ids (issue 22, rankspd8:
    the text of each kept token comes from a running count, not from compressed starts)."""
    from sklearn.feature_extraction.text import CountVectorizer

    rng = np.random.default_rng(7)
    pool = ["spinal", "cord", "injury", "the", "of", "and", "x", "b", "walking",
            "stimulation", "epidural", "unknownword", "rehabilitation", "σας"]  # fmt: skip
    texts = [" ".join(rng.choice(pool, size=int(rng.integers(0, 9))).tolist())
             for _ in range(400)]  # fmt: skip
    texts[10:14] = ["", "the of and", "x b x", ""]
    vocabulary = {"spinal": 0, "cord": 1, "spinal cord": 2, "injury": 3, "cord injury": 4,
                  "walking": 5, "epidural stimulation": 6, "rehabilitation": 7,
                  "injury rehabilitation": 8, "σας": 9}  # fmt: skip
    index = TermIndex(vocabulary)
    mine = index.counts(texts)
    theirs = CountVectorizer(vocabulary=vocabulary, ngram_range=(1, 2),
                             stop_words="english").transform(texts)  # fmt: skip
    assert mine.nnz > 500 and (mine != theirs).nnz == 0
    assert mine[10:14].nnz == 0 and mine[14].nnz == theirs[14].nnz
    ascii_texts = [t for t in texts if t.isascii()]
    ids, doc = index.words_of(ascii_texts, wide=False)
    for k in (0, 11, 12, 13, 14, len(ascii_texts) - 1):
        alone, _ = index.words_of([ascii_texts[k]], wide=False)
        assert ids[doc == k].tolist() == alone.tolist()
    assert np.all(np.diff(doc) >= 0) and len(doc) == len(ids)
