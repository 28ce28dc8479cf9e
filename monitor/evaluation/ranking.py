"""Replay labelled screening datasets as scimon would live them: ``scimon eval ranking``.

Weekly replay: records arrive in batches in publication order (ISO weeks
when nearly every record has a day-precise date spanning ten weeks or more,
else ten equal batches in publication order: date, then PMID, then file
order).  Each week the preference model trained on every earlier week's
labels ranks the new batch, exactly as the product does (the fixed priority
alone below ``MIN_EACH`` labels of each kind, then the blend).  Two baselines
rank the same batches in the same run: the fixed priority (``static_priority``
over scimon's own triage of each record) and random order (seeded, averaged).

The target (after 4 weeks, each week's top 15 holds at least 3x the fixed
priority's includes, and more than random order's) is reported with its
ceiling: a perfect ranking's mean min(15, week's includes).  Where the
ceiling is below 3x the fixed priority, the target cannot be met by any
ranking (``target.possible`` is false).

Per method, over the weeks that had earlier labels: includes in each week's
top 15 and top 30 (mean count, and recall of the week's includes), recall
after reading 25% and 50% of each week (pooled), and WSS@95 (each week's,
weighted by its size).  The learning curve freezes the model after 2, 4, 8,
16 weeks and reports its mean top-15 includes on every later week.

The one-label-at-a-time simulation is the screening tools' experiment: one
include and one exclude as prior knowledge (seeded), then the reader always
takes the record the model is most certain is an include (certainty
sampling), and the model is retrained, until 95% of the includes are found.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.naive_bayes import MultinomialNB

from monitor.briefs.categories import Categories
from monitor.parse.labelled import Labelled
from monitor.ranking import static_priority
from monitor.triage import TriageRules, classify_many
from monitor.triage.preference import (
    MIN_EACH,
    Chooser,
    Doc,
    blend,
    enough_labels,
    fit_classifier,
    recall_at,
    tag_matrix,
    train,
    wss,
)

TOP = (15, 30)
CURVE = (2, 4, 8, 16)
METHODS = ("model", "fixed", "random")


@dataclass
class Item:
    """One record of a dataset as the replay sees it."""

    doc: Doc
    included: bool
    static: float
    when: date | None
    pmid: int | None
    order: int


def items_of(
    labelled: Sequence[Labelled], rules: TriageRules, categories: Categories | None = None
) -> list[Item]:
    """Triage every record with scimon's rules (for the fixed priority and the tags),
    and match the site's categories (the model's category features) when given."""
    triages = classify_many([lab.record for lab in labelled], rules)
    items = []
    for lab, t in zip(labelled, triages, strict=True):
        r = lab.record
        n = t.participants.number if t.participants else None
        cats = tuple(m.id for m in categories.match(r.title, r.abstract)) if categories else ()
        doc = Doc(r.title, r.abstract, r.journal, t.design, t.population, t.relevance, n,
                  t.topics, cats)  # fmt: skip
        static = static_priority(evidence_rank=t.evidence_rank, population=t.population,
                                 relevance=t.relevance, participants=n,
                                 is_notice=t.is_notice)  # fmt: skip
        when = r.published_on or (date(r.pub_year, 1, 1) if r.pub_year else None)
        pmid = int(r.pmid) if r.pmid and r.pmid.isdigit() else None
        items.append(Item(doc, lab.included, static, when, pmid, lab.order))
    return items


def weekly_batches(items: Sequence[Item], batches: int = 10) -> tuple[list[list[Item]], str]:
    """Items in publication order, cut into ISO weeks or ``batches`` equal parts."""
    ordered = sorted(
        items,
        key=lambda i: (i.when or date.max, i.pmid if i.pmid is not None else 1 << 62, i.order),
    )
    dated = [i for i in items if i.when is not None and i.when.day != 1]
    if ordered and len(dated) >= 0.9 * len(items):
        first = min(i.when for i in dated if i.when)
        last = max(i.when for i in dated if i.when)
        if (last - first).days >= 70:
            weeks: dict[date, list[Item]] = {}
            for i in ordered:
                when = i.when or last
                weeks.setdefault(when - timedelta(days=when.weekday()), []).append(i)
            return [weeks[k] for k in sorted(weeks)], "ISO weeks"
    size = len(ordered) / batches
    cuts = [round(k * size) for k in range(batches + 1)]
    return [ordered[cuts[k] : cuts[k + 1]] for k in range(batches)], f"{batches} equal batches"


@dataclass
class MethodScore:
    """One ranking method's figures over the replayed weeks."""

    top: dict[int, list[int]] = field(default_factory=lambda: {k: [] for k in TOP})
    top_recall: dict[int, list[float]] = field(default_factory=lambda: {k: [] for k in TOP})
    found: dict[float, int] = field(default_factory=lambda: {0.25: 0, 0.5: 0})
    includes: int = 0
    wss: list[tuple[float, int]] = field(default_factory=list)

    def add(self, ranked: Sequence[bool]) -> None:
        labels = np.asarray(ranked, dtype=bool)
        total = int(labels.sum())
        for k in TOP:
            self.top[k].append(int(labels[:k].sum()))
            if total:
                self.top_recall[k].append(float(labels[:k].sum()) / min(total, k))
        for fraction in self.found:
            self.found[fraction] += int(labels[: math.ceil(fraction * len(labels))].sum())
        self.includes += total
        if total:
            self.wss.append((wss(labels), len(labels)))

    def as_dict(self) -> dict[str, Any]:
        def mean(values: Sequence[float]) -> float | None:
            return round(sum(values) / len(values), 3) if values else None

        size = sum(n for _, n in self.wss)
        return {
            **{f"top{k}": mean(self.top[k]) for k in TOP},
            **{f"top{k}_recall": mean(self.top_recall[k]) for k in TOP},
            "recall_at_25": round(self.found[0.25] / self.includes, 3) if self.includes else None,
            "recall_at_50": round(self.found[0.5] / self.includes, 3) if self.includes else None,
            "wss95": round(sum(w * n for w, n in self.wss) / size, 3) if size else None,
        }


def _model_probabilities(train_items: Sequence[Item], batch: Sequence[Item]) -> list[float] | None:
    """The model's probabilities for ``batch`` after learning from ``train_items``; None
    while there are too few labels (then the fixed priority ranks, as in the product)."""
    labels = [i.included for i in train_items]
    if not enough_labels(labels):
        return None
    model = train([i.doc for i in train_items], labels)
    return [float(s) for s in model.probability([i.doc for i in batch])]


# other weights of the fixed priority beside 100 x p, ranked from the same models in the
# same run (no training of their own): what the blend's weight costs or buys
VARIANTS: dict[str, float] = {"blend_0.1": 0.1, "blend_0.5": 0.5, "p_only": 0.0}


def _ranked(batch: Sequence[Item], scores: Sequence[float]) -> list[bool]:
    order = sorted(range(len(batch)), key=lambda k: (-scores[k], batch[k].order))
    return [batch[k].included for k in order]


def replay(items: Sequence[Item], *, batches: int = 10, seeds: int = 10) -> dict[str, Any]:
    """The weekly replay of one dataset: every method's figures, the learning curve."""
    weeks, how = weekly_batches(items, batches)
    scores = {m: MethodScore() for m in METHODS}
    later = {m: MethodScore() for m in METHODS}  # weeks after the 4th (the target)
    variants = {name: MethodScore() for name in VARIANTS}
    per_week = []
    ceiling: list[int] = []  # includes a perfect ranking puts in each later week's top 15
    fixed_later: list[int] = []  # the fixed priority's includes in each later week's top 15
    fallback_weeks = 0
    for w in range(1, len(weeks)):
        batch = weeks[w]
        if not batch:
            continue
        seen = [i for week in weeks[:w] for i in week]
        p = _model_probabilities(seen, batch)
        fallback_weeks += p is None
        fixed = [i.static for i in batch]
        model = None if p is None else [blend(i.static, q) for i, q in zip(batch, p, strict=True)]
        ranked_model = _ranked(batch, model if model is not None else fixed)
        ranked_fixed = _ranked(batch, fixed)
        targets = [scores] + ([later] if w >= 4 else [])
        for target in targets:
            target["model"].add(ranked_model)
            target["fixed"].add(ranked_fixed)
        if w >= 4:
            for name, weight in VARIANTS.items():
                # p_only: the fixed priority only breaks exact ties
                tie = weight if weight else 1e-6
                mixed = fixed if p is None else [
                    100.0 * q + tie * i.static for i, q in zip(batch, p, strict=True)
                ]
                variants[name].add(_ranked(batch, mixed))
        for seed in range(seeds):
            rng = np.random.default_rng(seed * 7919 + w)
            shuffled = [batch[k].included for k in rng.permutation(len(batch))]
            for target in targets:
                # averaged: each seed's tallies count 1/seeds (top-k means divide below)
                target["random"].add(shuffled)
        if w >= 4:
            ceiling.append(min(15, sum(i.included for i in batch)))
            fixed_later.append(sum(ranked_fixed[:15]))
        per_week.append({"week": w + 1, "records": len(batch),
                         "includes": sum(i.included for i in batch),
                         "labels": len(seen), "labelled_includes": sum(i.included for i in seen),
                         "fixed_alone": p is None,
                         "model_top15": sum(ranked_model[:15]),
                         "fixed_top15": sum(ranked_fixed[:15])})  # fmt: skip
    result: dict[str, Any] = {
        "records": len(items),
        "includes": sum(i.included for i in items),
        "batching": how,
        "weeks": len(weeks),
        "fallback_weeks": fallback_weeks,
        # random's tallies hold ``seeds`` passes over each week: its top-k means are
        # per pass, its pooled recalls and weighted WSS are averages over the passes
        "methods": {m: scores[m].as_dict() for m in METHODS},
        "after_4_weeks": {m: later[m].as_dict() for m in METHODS},
        "variants_after_4_weeks": {name: v.as_dict() for name, v in variants.items()},
        "per_week": per_week,
        "learning_curve": learning_curve(weeks),
    }
    result["target"] = target_of(result["after_4_weeks"], ceiling, fixed_later)
    result["diagnosis"] = diagnosis(per_week)
    return result


def diagnosis(per_week: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Why a dataset misses the weekly target, in figures over the target's weeks (5 on).

    Few includes a week (``weeks_under_15_includes``): a top 15 holds the whole week's
    includes, so any ranking that finds some of them is near the ceiling.  Cold start
    (``labelled_includes_at_week_5``: labels when the first target week with records was
    ranked, week 5 unless that batch was empty; ``fixed_alone_weeks``: counted over every
    week, since a cold start happens before week 5): the model ranks from few includes,
    or not at all.  The share of the ceiling that the learned ranking's top 15
    reaches in the first half of the weeks and in the second: rising with the labels is
    a model still learning; flat is a plateau (more labels of the same kind do not
    help); falling is drift (later weeks' includes unlike the earlier ones).
    """
    later = [w for w in per_week if w["week"] >= 5]

    def share(weeks: Sequence[dict[str, Any]]) -> float | None:
        best = sum(min(15, w["includes"]) for w in weeks)
        return round(sum(w["model_top15"] for w in weeks) / best, 3) if best else None

    half = (len(later) + 1) // 2
    return {
        "weeks": len(later),
        "weeks_under_15_includes": sum(1 for w in later if w["includes"] < 15),
        "includes_a_week": round(sum(w["includes"] for w in later) / len(later), 2)
        if later else None,
        "labelled_includes_at_week_5": later[0]["labelled_includes"] if later else None,
        "fixed_alone_weeks": sum(1 for w in per_week if w["fixed_alone"]),
        "of_ceiling_first_half": share(later[:half]),
        "of_ceiling_second_half": share(later[half:]),
    }  # fmt: skip


def target_of(after: dict[str, Any], ceiling: Sequence[int],
              fixed_weeks: Sequence[int] | None = None) -> dict[str, Any]:  # fmt: skip
    """The weekly target (top 15 after 4 weeks >= 3x the fixed priority's, and above
    random) and whether it can be met at all: a week's top 15 holds at most
    min(15, its includes), so where the fixed priority already finds a third of
    that ceiling (or more), even a perfect ranking cannot reach 3x.

    With ``fixed_weeks`` (the fixed priority's includes in each of the same weeks' top
    15), also the same arithmetic week by week: ``weeks_3x_impossible`` counts the weeks
    where 3x the fixed priority's count exceeds that week's ceiling (the target is on the
    weeks' means, so such weeks must be made up by others)."""
    best = round(sum(ceiling) / len(ceiling), 3) if ceiling else None
    model, fixed, rand = (after[m]["top15"] for m in METHODS)
    needed = None if fixed is None else round(3 * fixed, 3)
    out = {
        "ceiling_top15": best,
        "needed_top15": needed,
        "possible": None if best is None or needed is None else best >= needed,
        "met": None if model is None or needed is None or rand is None
        else model >= needed and model > rand,
        "of_ceiling": None if model is None or not best else round(model / best, 3),
    }  # fmt: skip
    if fixed_weeks is not None:
        pairs = list(zip(ceiling, fixed_weeks, strict=True))
        out["weeks_3x_impossible"] = sum(1 for top, f in pairs if 3 * f > top)
    return out


def learning_curve(weeks: Sequence[Sequence[Item]]) -> dict[str, Any]:
    """Mean includes in the top 15 of every later week, the model frozen after k weeks."""
    curve: dict[str, Any] = {}
    for k in CURVE:
        if k >= len(weeks):
            curve[str(k)] = None
            continue
        seen = [i for week in weeks[:k] for i in week]
        labels = [i.included for i in seen]
        if not enough_labels(labels):
            curve[str(k)] = {"labels": len(seen), "top15": None, "note": f"< {MIN_EACH} of a kind"}
            continue
        model = train([i.doc for i in seen], labels)
        tops = []
        for week in weeks[k:]:
            p = model.probability([i.doc for i in week])
            s = [blend(i.static, float(x)) for i, x in zip(week, p, strict=True)]
            tops.append(sum(_ranked(week, s)[:15]))
        curve[str(k)] = {"labels": len(seen), "positives": sum(labels),
                         "top15": round(sum(tops) / len(tops), 3)}  # fmt: skip
    return curve


# -- one label at a time ---------------------------------------------------------------

Fitter = Callable[[sparse.csr_matrix, np.ndarray[Any, Any]], Callable[[sparse.csr_matrix],
                                                                      np.ndarray[Any, Any]]]


def _nb(x: sparse.csr_matrix, y: np.ndarray[Any, Any]) -> Callable[[sparse.csr_matrix],
                                                                    np.ndarray[Any, Any]]:
    """ASReview's default classifier: multinomial naive Bayes (alpha 3.822), with
    its "double balance" approximated by weighting the includes up to the excludes."""
    weights = np.where(y, max((~y).sum() / max(y.sum(), 1), 1.0), 1.0)
    clf = MultinomialNB(alpha=3.822).fit(x, y, sample_weight=weights)
    return lambda z: clf.predict_log_proba(z)[:, 1] - clf.predict_log_proba(z)[:, 0]


def _logreg(x: sparse.csr_matrix, y: np.ndarray[Any, Any]) -> Callable[[sparse.csr_matrix],
                                                                        np.ndarray[Any, Any]]:
    """scimon's preference model's classifier (``fit_classifier``, ``CLASSIFIER``)."""
    clf = fit_classifier(x, y)
    return lambda z: clf.decision_function(z)


FITTERS: dict[str, Fitter] = {"logreg": _logreg, "nb": _nb}


RECALL_LEVELS = (0.25, 0.5, 0.75, 0.9, 0.95)


def reads_to_recall(ranked: Sequence[bool] | np.ndarray[Any, Any],
                    levels: Sequence[float] = RECALL_LEVELS) -> dict[str, int]:  # fmt: skip
    """Records read, in this order, until each recall level's share of the includes is
    found (WSS@95 counts only the last): says whether one ranking falls behind another
    from the first labels (the cold start) or only on the last, hardest includes."""
    found = np.cumsum(np.asarray(ranked, dtype=bool))
    total = int(found[-1]) if len(found) else 0
    return {f"{level:g}": int(np.searchsorted(found, math.ceil(level * total - 1e-9)) + 1)
            for level in levels if total}  # fmt: skip


def prior_pair(included: Sequence[bool] | np.ndarray[Any, Any], seed: int) -> tuple[int, int]:
    """The simulation's prior knowledge for ``seed``: one include and one exclude, as
    record positions.  One function, so that ``benchmarks/ranking.py`` hands ASReview
    (``--prior-idx``) exactly the pair scimon's simulation starts from."""
    y = np.asarray(included, dtype=bool)
    rng = np.random.default_rng(seed)
    return int(rng.choice(np.flatnonzero(y))), int(rng.choice(np.flatnonzero(~y)))


def simulation_vectorizer(model: str = "logreg") -> TfidfVectorizer:
    """The text features the simulation's models read: the preference model's words and
    word pairs (sublinear tf, English stop words dropped, min_df 2) for "logreg", plain
    single words for the naive Bayes stand-in of ASReview's older default."""
    if model == "nb":
        return TfidfVectorizer(stop_words="english")
    return TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True,
                           stop_words="english")  # fmt: skip


def simulate(items: Sequence[Item], *, model: str = "logreg", seed: int = 0,
             stop_recall: float = 0.95, vectorizer: TfidfVectorizer | None = None,
             fitter: Fitter | None = None, tags: bool = False,
             retrain_on_include: bool = False,
             fixed_start: bool = False) -> dict[str, Any]:  # fmt: skip
    """Certainty sampling, one record at a time, from one include and one exclude.

    Retrained after every label for the first 100, then whenever the labels
    grew by 2% (scores between retrainings still pick one record at a time).
    Runs until ``stop_recall`` of the includes and 10% of the records are read;
    the rest of the order (never read) is the last model's ranking.  The prior
    pair is ``prior_pair(labels, seed)``.  ``vectorizer`` and ``fitter`` replace
    ``model``'s features and classifier (``benchmarks/ranking_parts.py`` swaps
    ASReview's in one part at a time).

    Two switches, measured on 2026-12-07 (rank22) and off by default
    (docs/benchmarks.md, "the simulation's information"): ``tags`` adds the
    triage, journal and category indicators beside the words, as ``train`` does,
    so the simulation reads the whole product model, not its text half (one label
    at a time, with the tags at 0.5, it ranked far worse on the four drug reviews
    run, below ASReview on three; at the shipped 0.1, rank20: up on 8 of 16 sets, down
    on 8, Opiods by 0.167, mean -0.004); ``retrain_on_include`` also retrains as soon as
    an include is found between the 2% steps (ASReview retrains after every
    label): level on the same four.  ``fixed_start`` reads in the fixed priority's
    order (seeded ties) until ``MIN_EACH`` labels of each kind, as the product ranks
    before its first model, instead of ranking from the first pair as ASReview does
    (rank20: the cold start measured apart).
    """
    y = np.array([i.included for i in items], dtype=bool)
    n, total = len(y), int(y.sum())
    if total == 0 or total == n:
        return {"records": n, "includes": total, "wss95": None, "recall_at_10": None}
    vectorizer = vectorizer if vectorizer is not None else simulation_vectorizer(model)
    x = vectorizer.fit_transform([i.doc.text for i in items]).tocsr()
    if tags:
        x = sparse.hstack([x, tag_matrix([i.doc for i in items], {}, fit=True)], format="csr")
    rng = np.random.default_rng(seed)
    read = list(prior_pair(y, seed))
    is_read = np.zeros(n, dtype=bool)
    is_read[read] = True
    chooser = Chooser()  # the product's classifier, chosen as ``train`` chooses it
    fit = fitter if fitter is not None else FITTERS[model] if model != "logreg" else (
        lambda xs, ys: chooser.fit(xs, ys).decision_function)  # fmt: skip
    needed = math.ceil(stop_recall * total)
    tenth = math.ceil(0.1 * n)
    scores = np.zeros(n)
    fixed = np.array([i.static for i in items]) + rng.random(n) * 1e-4 if fixed_start else None
    trained_at = found_at = 0
    while len(read) < n:
        found = int(y[read].sum())
        if found >= needed and len(read) >= tenth:
            break
        found_new = retrain_on_include and found > found_at
        if len(read) < 100 or len(read) >= trained_at * 1.02 or found_new:
            labelled = np.array(read)
            if fixed is not None and not enough_labels(y[labelled].tolist()):
                scores = fixed
            elif y[labelled].all() or not y[labelled].any():
                scores = rng.random(n)
            else:
                scores = fit(x[labelled], y[labelled])(x)
            trained_at, found_at = len(read), found
        masked = np.where(is_read, -np.inf, scores)
        nxt = int(np.argmax(masked))
        read.append(nxt)
        is_read[nxt] = True
    rest = np.flatnonzero(~is_read)
    order = read + [int(k) for k in rest[np.argsort(-scores[rest], kind="stable")]]
    ranked = y[order]
    return {
        "records": n,
        "includes": total,
        "model": model,
        "wss95": round(wss(ranked), 4),
        "recall_at_10": round(recall_at(ranked, 0.10), 4),
        "read": len(read),
        "reads_at": reads_to_recall(ranked),
        **({"tags": True} if tags else {}),
        **({"retrain_on_include": True} if retrain_on_include else {}),
        **({"fixed_start": True} if fixed_start else {}),
        **({"choices": chooser.choices} if chooser.choices else {}),
    }
