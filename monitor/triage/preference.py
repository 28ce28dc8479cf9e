"""The preference model: what this site's editors summarize, learnt from their labels.

A logistic regression over TF-IDF words and word pairs of the title and
abstract, plus the journal, the triage (design, population, relevance,
participants, topics) and the site's categories as indicator (one-hot) features; Platt-calibrated on
out-of-fold scores, so ``probability`` reads as "chance an editor
summarizes this".  The fitted model is kept as JSON (vocabulary, idf,
weights), never pickled: the database stores it and anyone can read it.

Until there are ``MIN_EACH`` labels of each kind the fixed priority ranks
alone (``blend`` returns it unchanged): ``scimon eval ranking``'s learning
curve shows a model trained on fewer labels of either kind ranks no better
than the fixed priority (docs/design-notes.md has the figures).

A record without an abstract is scored from its title and tags only: the
TF-IDF vector is length-normalised, so a title's words weigh as much as a
full abstract's, and no feature says "abstract missing" (exports drop
abstracts; letters have none), so missing text alone never sinks a record.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.svm import LinearSVC

from monitor.triage.termindex import TermIndex

MODEL_KIND = "tfidf-logreg/1"
MIN_EACH = 10  # labels of each kind (summarized / not) before the model ranks
BLEND = 0.25  # weight of the fixed priority beside 100 x the model's probability
# the classifier: "logreg", the logistic regression (C C); "svm", a linear SVM (squared
# hinge, C SVM_C, classes balanced), measured on 2026-12-06 and not adopted: WSS@95 one label
# at a time up (0.348 -> 0.354 on 17 sets), the weekly replay's top 15 down on 9 of 12
# (docs/benchmarks.md, "a linear SVM for the regression").  Both are linear: the stored model
# (term and tag weights, intercept, Platt scaling) and the scoring are the same for either.
# "auto": each training picks, among ``CANDIDATES``, the classifier whose out-of-fold
# ranking of the site's own labels is best (``choose_kind``): the two suit different
# reviews.  Measured on 2026-12-07 and not adopted: WSS@95 level (0.352 -> 0.353 on 11
# sets, at or above ASReview on 6 of 11 either way), the weekly top 15 level on 8 of 9 and
# down on one; the out-of-fold AUC mostly keeps the regression (docs/benchmarks.md, "the
# classifier chosen per site").  The stored model is linear either way.
CLASSIFIER = "logreg"
CANDIDATES = ("logreg", "svm")  # the first is today's model: kept on ties and below CHOOSE_MIN
CHOOSE_MIN = 10  # labels of each kind before "auto" chooses (fewer: CANDIDATES[0])
CHOOSE_FOLDS = 3
REGROW = 1.1  # ``Chooser``: choose again once the labels grew by 10% since the last choice
SVM_C = 0.11  # ASReview 3.0.8's default SVM's C: a much stronger regularisation than C 4
C = 4.0  # the logistic regression's inverse regularisation (docs/design-notes.md)
# includes' class weight beyond "balanced" (1.0: the two classes weigh the same in total);
# docs/benchmarks.md ("Class weight and C") has the dev/check figures behind the value
INCLUDE_LEAN = 1.0
# the indicator features' value beside the unit-length text vector: 0.1 since tags22
# (0.5 before).  The weekly replay's dev half (4 sets) after 4 weeks: top 15 8.42 -> 8.79,
# WSS@95 0.467 -> 0.515 (docs/benchmarks.md, "the tags' weight in the weekly replay")
TAG_WEIGHT = 0.1
STORED_TAG_WEIGHT = 0.5  # the value of models stored before the model kept its own (tags22)
MAX_TERMS = 40_000
SIMILAR = 0.3  # cosine on the leaning vectors from which a summarized paper is "like" it
NEAREST = 5  # the nearest summarized papers whose terms the "why" may name


@dataclass(frozen=True)
class Doc:
    """What the model reads of a paper: its text and its triage."""

    title: str
    abstract: str = ""
    journal: str = ""
    design: str = ""
    population: str = ""
    relevance: str = ""
    participants: int | None = None
    topics: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()  # the site's categories (monitor/briefs/categories.py)

    @property
    def text(self) -> str:
        return f"{self.title}\n{self.abstract}"

    def tags(self) -> list[str]:
        """The indicator features: the one-valued fields', then the topics', then the
        categories' (``PreferenceModel._tag_sums`` adds their weights in this order)."""
        one = _triage_tags(self.design, self.population, self.relevance, self.journal,
                           self.participants)  # fmt: skip
        return [*one, *_topic_tags(self.topics), *_category_tags(self.categories)]


def _triage_tags(design: str, population: str, relevance: str, journal: str,
                 participants: int | None) -> list[str]:  # fmt: skip
    found = [f"design={design}", f"population={population}", f"relevance={relevance}"]
    if journal:
        found.append(f"journal={journal.lower().strip()}")
    if participants:
        found.append(f"participants=1e{min(int(math.log10(participants + 1)), 4)}")
    return found


def _topic_tags(topics: tuple[str, ...]) -> list[str]:
    return [f"topic={t}" for t in topics]


def _category_tags(categories: tuple[str, ...]) -> list[str]:
    return [f"category={c}" for c in categories]


def _vectorizer(vocabulary: dict[str, int] | None = None) -> TfidfVectorizer:
    return TfidfVectorizer(
        ngram_range=(1, 2),
        min_df=1 if vocabulary else 2,
        max_df=0.95 if vocabulary is None else 1.0,
        max_features=None if vocabulary else MAX_TERMS,
        sublinear_tf=True,
        stop_words="english",
        dtype=np.float32,
        vocabulary=vocabulary,
    )


@dataclass
class Figures:
    """Out-of-fold figures of a trained model (stored beside it)."""

    positives: int
    negatives: int
    auc: float | None = None
    wss95: float | None = None
    recall_at_10: float | None = None
    classifier: str | None = None  # the kind ``train`` fitted ("logreg", "svm")
    candidates: dict[str, float] | None = None  # "auto": each candidate's out-of-fold AUC

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Figures:
        """The stored figures, keeping only the fields this code knows: a model stored by
        newer code (a figure added later) or by older code still loads."""
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "positives": self.positives, "negatives": self.negatives, "auc": self.auc,
            "wss95": self.wss95, "recall_at_10": self.recall_at_10,
        }  # fmt: skip
        if self.classifier is not None:
            out["classifier"] = self.classifier
        if self.candidates is not None:
            out["candidates"] = self.candidates
        return out


@dataclass
class PreferenceModel:
    """A fitted model: JSON-able, scores documents, says which terms weighed."""

    vectorizer: TfidfVectorizer
    term_weights: np.ndarray[Any, np.dtype[np.float64]]
    tag_weights: dict[str, float]
    intercept: float
    platt: tuple[float, float] = (1.0, 0.0)
    figures: Figures = field(default_factory=lambda: Figures(0, 0))
    terms: list[str] = field(default_factory=list)
    # the indicator features' value this model was fitted with (``TAG_WEIGHT`` then): its
    # tag weights are scaled by it when scoring, so a stored model scores as it was
    # trained whatever ``TAG_WEIGHT`` is now (models stored without it: ``STORED_TAG_WEIGHT``)
    tag_weight: float = field(default_factory=lambda: TAG_WEIGHT)
    index: TermIndex | None = field(default=None, repr=False)
    summarized: sparse.csr_matrix | None = field(default=None, repr=False)
    _idf: np.ndarray[Any, np.dtype[np.float32]] = field(
        default_factory=lambda: np.zeros(0, dtype=np.float32), repr=False
    )

    def decision(self, docs: Sequence[Doc]) -> np.ndarray[Any, np.dtype[np.float64]]:
        if not docs:
            return np.zeros(0)
        return self._decision(docs, self.transform([d.text for d in docs]))

    def transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """The fitted vectorizer's TF-IDF matrix, tokenised in C and looked up in numpy.

        Same tokens, stop words, word pairs, sublinear tf, idf and L2 norm as
        ``TfidfVectorizer.transform`` (tests/test_labels.py checks they agree),
        about ten times as fast (``TermIndex`` says how).
        """
        if self.index is None:
            self.index = TermIndex(self.vectorizer.vocabulary_)
            self._idf = np.asarray(self.vectorizer.idf_, dtype=np.float32)
        counts = self.index.counts(texts)
        data = counts.data
        np.log(data, out=data)
        data += 1.0
        data *= self._idf[counts.indices]
        # each row's sum of squares, added in row order in float64 (as scikit-learn's
        # normalisation and a ``bincount`` over row numbers add them), by one sparse
        # product with ones: no row number per entry (a 50 MB array for 50,000 papers)
        squares = sparse.csr_matrix((np.square(data).astype(np.float64), counts.indices,
                                     counts.indptr), shape=counts.shape)  # fmt: skip
        norms = np.sqrt(squares @ np.ones(counts.shape[1]))
        norms[norms == 0] = 1.0
        data /= np.repeat(norms.astype(np.float32), np.diff(counts.indptr))
        return counts

    def _decision(
        self, docs: Sequence[Doc], x: sparse.csr_matrix
    ) -> np.ndarray[Any, np.dtype[np.float64]]:
        text = np.asarray(x @ self.term_weights, dtype=np.float64).ravel()
        total: np.ndarray[Any, np.dtype[np.float64]] = text + self._tag_sums(docs) + self.intercept
        return total

    def _tag_sums(self, docs: Sequence[Doc]) -> np.ndarray[Any, np.dtype[np.float64]]:
        """Each doc's tag weights summed, times the model's ``tag_weight``: ``sum`` of the
        weights of ``Doc.tags()`` in its order, so the same float, but each distinct set of
        triage fields, topics or categories is looked up once per call (formatting
        the tags of 50,000 docs was a seventh of scoring them)."""
        weights = self.tag_weights
        triage: dict[tuple[Any, ...], tuple[float, ...]] = {}
        topics: dict[tuple[str, ...], tuple[float, ...]] = {}
        categories: dict[tuple[str, ...], tuple[float, ...]] = {}
        out = np.empty(len(docs))
        for k, d in enumerate(docs):
            key = (d.design, d.population, d.relevance, d.journal, d.participants)
            if (fields := triage.get(key)) is None:
                fields = triage[key] = tuple(weights.get(t, 0.0) for t in _triage_tags(*key))
            if (on := topics.get(d.topics)) is None:
                on = topics[d.topics] = tuple(weights.get(t, 0.0) for t in _topic_tags(d.topics))
            if (cats := categories.get(d.categories)) is None:
                cats = categories[d.categories] = tuple(
                    weights.get(t, 0.0) for t in _category_tags(d.categories)
                )
            out[k] = sum(fields + on + cats) * self.tag_weight
        return out

    def probability(self, docs: Sequence[Doc]) -> np.ndarray[Any, np.dtype[np.float64]]:
        a, b = self.platt
        return 1.0 / (1.0 + np.exp(-(a * self.decision(docs) + b)))

    def remember(self, summarized: Sequence[Doc]) -> None:
        """Keep the summarized papers' vectors, so that each paper can say which of
        them it is like (``score_and_explain``).  Not stored with the model: the
        caller hands in the papers editors summarized when it loads or trains one."""
        self.summarized = self._leaning(self.transform([d.text for d in summarized]))

    def _leaning(self, x: sparse.csr_matrix) -> sparse.csr_matrix:
        """Unit rows of the text vector's terms weighted by how much each pushes
        towards "summarize": cosine on these is similarity in what the model values,
        not in shared filler words."""
        pushes: sparse.csr_matrix = x.multiply(
            np.maximum(self.term_weights, 0.0).reshape(1, -1)
        ).tocsr()
        pushes.eliminate_zeros()
        per_row = np.diff(pushes.indptr)
        row_of = np.repeat(np.arange(pushes.shape[0]), per_row)
        norms = np.sqrt(np.bincount(row_of, weights=np.square(pushes.data, dtype=np.float64),
                                    minlength=pushes.shape[0]))  # fmt: skip
        norms[norms == 0] = 1.0
        pushes.data = (pushes.data / norms[row_of]).astype(np.float32)
        return pushes

    def score_and_explain(
        self, docs: Sequence[Doc], top: int = 3
    ) -> tuple[np.ndarray[Any, np.dtype[np.float64]], list[list[str]]]:
        """Calibrated probabilities and, per doc, why: "like N papers you summarized:
        <terms>" (summarized papers at cosine >= ``SIMILAR`` on the model's leaning
        vectors, and the paper's top-weighted terms that the nearest of them share),
        or, when none is that close or none is remembered, "weighs for it: <terms>"."""
        if not docs:
            return np.zeros(0), []
        x = self.transform([d.text for d in docs])
        a, b = self.platt
        probabilities = 1.0 / (1.0 + np.exp(-(a * self._decision(docs, x) + b)))
        pushes = x.multiply(self.term_weights.reshape(1, -1)).tocsr()
        summarized = self.summarized
        similar = None
        if summarized is not None and summarized.shape[0]:
            similar = (self._leaning(x) @ summarized.T).tocsr()
        terms = self._terms()
        why: list[list[str]] = []
        # per row, numpy picks the terms and papers: the same argsorts as a Python loop
        # over each entry (two thirds of the time this took), so the same order on ties
        bounds = pushes.indptr.tolist()
        near = similar.indptr.tolist() if similar is not None else []
        for row in range(pushes.shape[0]):
            values = pushes.data[bounds[row] : bounds[row + 1]]
            cols = pushes.indices[bounds[row] : bounds[row + 1]]
            order = np.argsort(-values)
            ranked = cols[order][values[order] > 0]
            like: list[int] = []
            if similar is not None and summarized is not None:
                sims = similar.data[near[row] : near[row + 1]]
                who = similar.indices[near[row] : near[row + 1]]
                # >= 0.999 is the paper itself (or a copy of it): not "like" itself
                close = (sims >= SIMILAR) & (sims < 0.999)
                if close.any():
                    by_sim = np.argsort(-sims)
                    like = who[by_sim][close[by_sim]].tolist()
            if like:
                nearest = like[:NEAREST]
                shared = set(np.concatenate([summarized.indices[summarized.indptr[k]:
                                                                summarized.indptr[k + 1]]
                                             for k in nearest]).tolist()) if (
                    summarized is not None) else set()  # fmt: skip
                words = [terms[c] for c in ranked.tolist() if c in shared][:top]
                n = len(like)
                sentence = f"like {n} paper{'s' if n != 1 else ''} you summarized"
                why.append([f"{sentence}: {', '.join(words)}" if words else sentence])
            else:
                words = [terms[c] for c in ranked[:top].tolist()]
                why.append([f"weighs for it: {', '.join(words)}"] if words else [])
        return probabilities, why

    def top_terms(self, doc: Doc, top: int = 3) -> list[str]:
        """The terms present in ``doc`` that pushed its score up most."""
        x = self.transform([doc.text])
        pushes = x.multiply(self.term_weights.reshape(1, -1)).tocsr()
        order = np.argsort(-pushes.data)
        terms = self._terms()
        return [terms[pushes.indices[k]] for k in order[:top] if pushes.data[k] > 0]

    def _terms(self) -> list[str]:
        if not self.terms:
            self.terms = [""] * len(self.vectorizer.vocabulary_)
            for term, index in self.vectorizer.vocabulary_.items():
                self.terms[index] = term
        return self.terms

    def explain(self, doc: Doc, top: int = 3) -> list[str]:
        """Why ``doc`` scores as it does, as ``score_and_explain`` says it."""
        return self.score_and_explain([doc], top)[1][0]

    def to_json(self) -> dict[str, Any]:
        vocabulary = self.vectorizer.vocabulary_
        idf = self.vectorizer.idf_
        return {
            "kind": MODEL_KIND,
            "terms": {
                t: [round(float(idf[i]), 5), round(float(self.term_weights[i]), 6)]
                for t, i in vocabulary.items()
            },
            "tags": {t: round(w, 6) for t, w in self.tag_weights.items()},
            "tag_weight": self.tag_weight,
            "intercept": self.intercept,
            "platt": list(self.platt),
            "figures": self.figures.as_dict(),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PreferenceModel:
        if data.get("kind") != MODEL_KIND:
            raise ValueError(f"not a {MODEL_KIND} model: {data.get('kind')!r}")
        terms = list(data["terms"])
        vectorizer = _vectorizer({t: i for i, t in enumerate(terms)})
        vectorizer.fit([terms[0] if terms else "x"])
        vectorizer.idf_ = np.array([data["terms"][t][0] for t in terms], dtype=np.float32)
        weights = np.array([data["terms"][t][1] for t in terms], dtype=np.float64)
        figures = Figures.from_dict(data.get("figures", {"positives": 0, "negatives": 0}))
        a, b = data.get("platt", (1.0, 0.0))
        return cls(vectorizer, weights, dict(data["tags"]), float(data["intercept"]),
                   (float(a), float(b)), figures, terms,
                   float(data.get("tag_weight", STORED_TAG_WEIGHT)))  # fmt: skip


def enough_labels(labels: Sequence[bool], minimum: int = MIN_EACH) -> bool:
    positives = sum(labels)
    return positives >= minimum and len(labels) - positives >= minimum


def _design(docs: Sequence[Doc], vectorizer: TfidfVectorizer, tags: dict[str, int],
            fit: bool) -> sparse.csr_matrix:  # fmt: skip
    text = vectorizer.fit_transform([d.text for d in docs]) if fit else vectorizer.transform(
        [d.text for d in docs]
    )
    return sparse.hstack([text, tag_matrix(docs, tags, fit)], format="csr")


def tag_matrix(docs: Sequence[Doc], tags: dict[str, int], fit: bool) -> sparse.csr_matrix:
    """The indicator features (``Doc.tags``) at ``TAG_WEIGHT``, one column per tag in
    ``tags`` (``fit``: a tag not yet there gets the next column).  One place for
    ``train`` and the one-label-at-a-time simulation, so both read the same features."""
    rows, cols = [], []
    for i, d in enumerate(docs):
        for t in d.tags():
            if fit and t not in tags:
                tags[t] = len(tags)
            if t in tags:
                rows.append(i)
                cols.append(tags[t])
    return sparse.csr_matrix(
        (np.full(len(rows), TAG_WEIGHT, dtype=np.float32), (rows, cols)),
        shape=(len(docs), max(len(tags), 1)),
    )


def class_weights(y: np.ndarray[Any, Any], lean: float | None = None) -> dict[bool, float]:
    """scikit-learn's "balanced" weights (``n / (2 * n_class)``), the includes' times
    ``lean`` (default ``INCLUDE_LEAN``): a review or a site wants few of its papers,
    and a reader misses an include at a higher cost than reading an exclude."""
    n, positives = len(y), int(np.count_nonzero(y))
    return {False: n / (2 * (n - positives)),
            True: n / (2 * positives) * (INCLUDE_LEAN if lean is None else lean)}  # fmt: skip


def fit_classifier(x: sparse.csr_matrix, y: np.ndarray[Any, Any], *, c: float | None = None,
                   lean: float | None = None,
                   kind: str | None = None) -> LinearSVC | LogisticRegression:  # fmt: skip
    """The preference model's linear classifier (liblinear, seeded: deterministic), fitted:
    one place for ``train`` and the one-label-at-a-time simulation, so both measure the
    same model.  ``kind`` (default ``CLASSIFIER``): "svm", "logreg" or "auto" (the
    candidate ``choose_kind`` picks on these labels); ``c`` defaults to that kind's own
    (``SVM_C``, ``C``)."""
    kind = CLASSIFIER if kind is None else kind
    if kind == "auto":
        kind = choose_kind(x, y)[0]
    weights = class_weights(y, lean)
    if kind == "svm":
        svm = LinearSVC(C=SVM_C if c is None else c, loss="squared_hinge",
                        class_weight=weights, random_state=0)  # fmt: skip
        return svm.fit(x, y)
    clf = LogisticRegression(C=C if c is None else c, class_weight=weights,
                             solver="liblinear", max_iter=200)  # fmt: skip
    return clf.fit(x, y)


def folds_of(y: np.ndarray[Any, Any], folds: int, seed: int = 0) -> np.ndarray[Any, Any]:
    """Each label's fold: each kind of label dealt evenly over the folds, seeded."""
    rng = np.random.default_rng(seed)
    fold_of = np.empty(len(y), dtype=int)
    for cls in (True, False):
        where = np.flatnonzero(y == cls)
        fold_of[where] = rng.permutation(len(where)) % folds
    return fold_of


def out_of_fold(
    x: sparse.csr_matrix, y: np.ndarray[Any, Any], kind: str, fold_of: np.ndarray[Any, Any]
) -> np.ndarray[Any, np.dtype[np.float64]]:
    """``kind``'s decision values for each label from a model fitted without its fold."""
    oof = np.zeros(len(y))
    for k in range(int(fold_of.max()) + 1):
        test = fold_of == k
        oof[test] = fit_classifier(x[~test], y[~test], kind=kind).decision_function(x[test])
    return oof


def choose_kind(
    x: sparse.csr_matrix, y: np.ndarray[Any, Any], *, folds: int = CHOOSE_FOLDS, seed: int = 0,
    fold_of: np.ndarray[Any, Any] | None = None,
) -> tuple[str, dict[str, Any]]:  # fmt: skip
    """The candidate (``CANDIDATES``) whose out-of-fold decisions rank these labels best
    (ROC AUC: it reads the whole order, where WSS@95 turns on the last few includes and
    is coarse with tens of them), and each candidate's out-of-fold decisions.

    No single classifier wins on every review (the SVM's strong regularisation on some,
    the regression on others: docs/benchmarks.md), and a site's labels are its review:
    they say which suits it.  Below ``CHOOSE_MIN`` labels of either kind the folds say
    little, and the first candidate (today's regression) is kept; on a tie too.
    """
    if not enough_labels(y.tolist(), CHOOSE_MIN):
        return CANDIDATES[0], {}
    fold_of = folds_of(y, folds, seed) if fold_of is None else fold_of
    oofs = {kind: out_of_fold(x, y, kind, fold_of) for kind in CANDIDATES}
    aucs = {kind: float(roc_auc_score(y, oof)) for kind, oof in oofs.items()}
    best = max(CANDIDATES, key=lambda k: (aucs[k], -CANDIDATES.index(k)))
    return best, {"oof": oofs, "auc": aucs}


class Chooser:
    """The product's fitter for a loop that retrains often (the one-label-at-a-time
    simulation retrains after every label at first): ``choose_kind`` again only once
    the labels grew by ``REGROW`` since the last choice, the chosen kind in between, so
    the choice costs a few fits in all, not six per retraining.  With ``CLASSIFIER`` not
    "auto" it is ``fit_classifier``."""

    def __init__(self, mode: str | None = None) -> None:
        self.mode = mode  # default: ``CLASSIFIER`` when fitting
        self.kind: str | None = None
        self.at = 0
        self.choices: list[tuple[int, str]] = []  # (labels, kind) at each choice

    def fit(self, x: sparse.csr_matrix, y: np.ndarray[Any, Any]) -> LinearSVC | LogisticRegression:
        mode = CLASSIFIER if self.mode is None else self.mode
        if mode != "auto":
            return fit_classifier(x, y, kind=mode)
        if not enough_labels(y.tolist(), CHOOSE_MIN):
            return fit_classifier(x, y, kind=CANDIDATES[0])
        if self.kind is None or len(y) >= self.at * REGROW:
            self.kind, self.at = choose_kind(x, y)[0], len(y)
            self.choices.append((self.at, self.kind))
        return fit_classifier(x, y, kind=self.kind)


def train(docs: Sequence[Doc], labels: Sequence[bool], *, folds: int = 3,
          seed: int = 0) -> PreferenceModel:  # fmt: skip
    """Fit on every label; calibrate and measure on ``folds`` out-of-fold splits.

    The vocabulary and idf are learnt once from every labelled text (no label
    is read for that); each fold refits only the regression.  Raises
    ValueError when there are not two kinds of label.
    """
    y = np.asarray(labels, dtype=bool)
    if y.all() or not y.any():
        raise ValueError("a preference model needs labels of both kinds")
    vectorizer = _vectorizer()
    tags: dict[str, int] = {}
    x = _design(docs, vectorizer, tags, fit=True)
    positives, negatives = int(y.sum()), int((~y).sum())
    cross = folds >= 2 and min(positives, negatives) >= folds
    fold_of = folds_of(y, folds, seed) if cross else None
    kind, chosen = CLASSIFIER, dict[str, Any]()
    if kind == "auto":
        # the calibration's folds are the choice's: the chosen one's out-of-fold
        # decisions are reused below, so choosing costs the other candidates' folds
        kind, chosen = choose_kind(x, y, folds=folds, seed=seed, fold_of=fold_of) if cross \
            else (CANDIDATES[0], {})  # fmt: skip
    clf = fit_classifier(x, y, kind=kind)
    coef = clf.coef_.ravel().astype(np.float64)
    n_terms = len(vectorizer.vocabulary_)
    tag_weights = {t: float(coef[n_terms + j]) for t, j in tags.items()}
    model = PreferenceModel(vectorizer, coef[:n_terms], tag_weights, float(clf.intercept_[0]),
                            tag_weight=TAG_WEIGHT)
    model.figures = Figures(positives, negatives)
    if CLASSIFIER == "auto":
        model.figures.classifier = kind
        if chosen:
            model.figures.candidates = {k: round(v, 4) for k, v in chosen["auc"].items()}
    if fold_of is not None:
        oof = chosen["oof"][kind] if chosen else out_of_fold(x, y, kind, fold_of)
        model.platt = platt(oof, y)
        model.figures.auc = round(float(roc_auc_score(y, oof)), 4)
        order = np.argsort(-oof, kind="stable")
        model.figures.wss95 = round(wss(y[order], 0.95), 4)
        model.figures.recall_at_10 = round(recall_at(y[order], 0.10), 4)
    return model


def platt(scores: np.ndarray[Any, Any], y: np.ndarray[Any, Any]) -> tuple[float, float]:
    """Platt scaling: a one-feature logistic regression from score to label."""
    clf = LogisticRegression(C=1e4)
    clf.fit(scores.reshape(-1, 1), y)
    return float(clf.coef_[0, 0]), float(clf.intercept_[0])


def wss(ranked: Sequence[bool] | np.ndarray[Any, Any], recall: float = 0.95) -> float:
    """Work saved over sampling at ``recall`` (Cohen 2006), for labels in reading order.

    ``1 - read / N - (1 - recall)`` where ``read`` is how many records are read
    until ``recall`` of the includes are found; 0 without includes.
    """
    labels = np.asarray(ranked, dtype=bool)
    total = int(labels.sum())
    if total == 0:
        return 0.0
    needed = math.ceil(recall * total - 1e-9)
    read = int(np.searchsorted(np.cumsum(labels), needed) + 1)
    return 1.0 - read / len(labels) - (1.0 - recall)


def recall_at(ranked: Sequence[bool] | np.ndarray[Any, Any], fraction: float) -> float:
    """Share of the includes found in the first ``fraction`` of the records read."""
    labels = np.asarray(ranked, dtype=bool)
    total = int(labels.sum())
    if total == 0:
        return 0.0
    read = math.ceil(fraction * len(labels) - 1e-9)
    return float(labels[:read].sum()) / total


def blend(static: float, probability: float | None) -> float:
    """The ranking score: the fixed priority alone, or 100 x p + BLEND x priority.

    The fixed priority spans about -100 (off topic) to 100 (a large human RCT
    on SCI) and notices sit at -200; at BLEND it moves a paper by at most a
    quarter of the model's range, so the model leads and the fixed rules
    break its near-ties.
    """
    if probability is None:
        return static
    return round(100.0 * probability + BLEND * static, 3)
