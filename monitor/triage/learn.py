"""Train the preference model from the labels and keep every paper's score current.

``learn`` is what ``scimon learn`` calls; every scheduled fetch calls
``learn_if_due`` after triage, which trains only when labels arrived since
the last model.  Scores are refreshed for every paper after training, and
for new or re-triaged papers after each triage (``score_new``).  Until the
labels hold ``MIN_EACH`` of each kind, the score is the fixed priority.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from monitor.app import App
from monitor.briefs.categories import Categories, load_categories
from monitor.triage.preference import (
    MIN_EACH,
    MODEL_KIND,
    Doc,
    PreferenceModel,
    blend,
    enough_labels,
    train,
)
from storage.base import utcnow
from storage.labels import (
    category_inputs,
    latest_model,
    new_labels_since,
    papers_to_score,
    save_model,
    save_scores,
    training_labels,
)
from storage.models import Paper, PaperTriage
from storage.session import UnitOfWork

log = logging.getLogger(__name__)


def doc_of(paper: Paper, triage: PaperTriage | None, categories: Sequence[str] = ()) -> Doc:
    """What the model reads of a stored paper."""
    if triage is None:
        return Doc(paper.title or "", paper.abstract or "", paper.journal or "",
                   categories=tuple(categories))  # fmt: skip
    return Doc(
        paper.title or "",
        paper.abstract or "",
        paper.journal or "",
        triage.design,
        triage.population,
        triage.relevance,
        triage.participants_n,
        tuple(triage.topics or ()),
        tuple(categories),
    )


@dataclass(frozen=True)
class PaperCategories:
    """A paper's categories as the model reads them, and what to keep in ``paper_score``."""

    feature: tuple[str, ...]  # the editor's override if any, else the rules'
    rules: list[str]  # the rules' match, kept so that rescoring need not match again
    version: str


def categories_of(
    session: UnitOfWork, papers: Sequence[Paper], rules: Categories
) -> dict[int, PaperCategories]:
    """Every paper's categories: the stored match if the categories file is unchanged,
    else matched now (about 1.5 ms a paper); an editor's correction wins."""
    stored = category_inputs(session, [p.id for p in papers])
    out: dict[int, PaperCategories] = {}
    for paper in papers:
        cached, version, override = stored.get(paper.id, (None, None, None))
        if cached is None or version != rules.version:
            cached = [m.id for m in rules.match(paper.title or "", paper.abstract or "")]
        feature = tuple(override if override is not None else cached)
        out[paper.id] = PaperCategories(feature, list(cached), rules.version)
    return out


def category_rules(app: App) -> Categories:
    return load_categories(app.settings.categories_file())


@dataclass
class LearnReport:
    trained: bool = False
    version: int | None = None
    positives: int = 0
    negatives: int = 0
    figures: dict[str, Any] = field(default_factory=dict)
    scored: int = 0
    seconds: float = 0.0
    note: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"trained": self.trained, "version": self.version, "positives": self.positives,
                "negatives": self.negatives, "figures": self.figures, "scored": self.scored,
                "seconds": round(self.seconds, 2), "note": self.note}  # fmt: skip


def learn(app: App) -> LearnReport:
    """Train a new model version from every label, store it, rescore every paper."""
    started = time.perf_counter()
    rules = category_rules(app)
    with app.sessions() as session:
        rows, through = training_labels(session)
        cats = categories_of(session, [p for p, _, _ in rows], rules)
        docs = [doc_of(p, t, cats[p.id].feature) for p, t, _ in rows]
        labels = [y for _, _, y in rows]
    report = LearnReport(positives=sum(labels), negatives=len(labels) - sum(labels))
    if not enough_labels(labels):
        report.note = (
            f"not enough labels: {report.positives} summarized and {report.negatives} skipped; "
            f"the model ranks from {MIN_EACH} of each (until then the fixed priority ranks alone)"
        )
        report.seconds = time.perf_counter() - started
        return report
    model = train(docs, labels)
    model.remember([d for d, y in zip(docs, labels, strict=True) if y])
    with app.sessions() as session, session.begin():
        report.version = save_model(
            session,
            model.to_json(),
            kind=MODEL_KIND,
            positives=report.positives,
            negatives=report.negatives,
            labels_through=through,
            figures=model.figures.as_dict(),
        )
    report.trained = True
    report.figures = model.figures.as_dict()
    report.scored = refresh_scores(app, model=model, version=report.version, rules=rules)
    report.seconds = time.perf_counter() - started
    log.info("preference model trained version=%s positives=%s negatives=%s auc=%s",
             report.version, report.positives, report.negatives, model.figures.auc)  # fmt: skip
    return report


def learn_if_due(app: App) -> dict[str, Any]:
    """The scheduled job: train when labels arrived since the last model."""
    with app.sessions() as session:
        latest = latest_model(session)
        since = latest.labels_through if latest else 0
        arrived = new_labels_since(session, since)
    if not arrived:
        return {"skipped": "no new labels"}
    try:
        return learn(app).as_dict()
    except Exception as exc:  # a failed training leaves the last model ranking; the fetch stands
        log.error("preference model training failed: %s", exc, exc_info=True)
        return {"error": f"{type(exc).__name__}: {exc}"}


def current_model(app: App) -> tuple[PreferenceModel | None, int | None]:
    """The newest stored model (None before the first training), remembering the
    papers editors summarized (for "like N papers you summarized")."""
    with app.sessions() as session:
        row = latest_model(session)
        if row is None:
            return None, None
        model = PreferenceModel.from_json(row.model)
        rows, _ = training_labels(session)
        model.remember([doc_of(p, t) for p, t, y in rows if y])
        return model, row.version


def score_rows(
    model: PreferenceModel | None,
    version: int | None,
    pairs: Sequence[tuple[Paper, PaperTriage]],
    categories: Mapping[int, PaperCategories],
) -> list[dict[str, Any]]:
    """paper_score rows for ``pairs``: the blend, the probability, why, the categories."""
    now = utcnow()

    def kept(paper: Paper) -> dict[str, Any]:
        found = categories.get(paper.id)
        return {"categories": found.rules if found else None,
                "categories_version": found.version if found else None}  # fmt: skip

    if model is None:
        return [{"paper_id": p.id, "score": t.priority, "probability": None,
                 "model_version": None, "why": [], "scored_at": now, **kept(p)}
                for p, t in pairs]  # fmt: skip
    docs = [doc_of(p, t, categories[p.id].feature if p.id in categories else ())
            for p, t in pairs]  # fmt: skip
    probabilities, why = model.score_and_explain(docs)
    return [
        {"paper_id": p.id, "score": blend(t.priority, float(pr)), "probability": float(pr),
         "model_version": version, "why": w, "scored_at": now, **kept(p)}
        for (p, t), pr, w in zip(pairs, probabilities, why, strict=True)
    ]  # fmt: skip


def score_papers(
    app: App, session: UnitOfWork, pairs: Sequence[tuple[Paper, PaperTriage]],
    model: PreferenceModel | None, version: int | None, rules: Categories | None = None,
) -> None:  # fmt: skip
    """Score ``pairs`` and store the scores (in the caller's transaction)."""
    rules = rules or category_rules(app)
    cats = categories_of(session, [p for p, _ in pairs], rules)
    save_scores(session, score_rows(model, version, pairs, cats))


def refresh_scores(
    app: App,
    *,
    model: PreferenceModel | None = None,
    version: int | None = None,
    only_unscored: bool = False,
    batch: int = 2000,
    rules: Categories | None = None,
) -> int:
    """Rescore triaged papers (every one, or those new or re-triaged since scored)."""
    if model is None:
        model, version = current_model(app)
    rules = rules or category_rules(app)
    after, scored = 0, 0
    while True:
        with app.sessions() as session, session.begin():
            pairs = papers_to_score(session, after_id=after, limit=batch,
                                    only_unscored=only_unscored)  # fmt: skip
            if not pairs:
                break
            score_papers(app, session, pairs, model, version, rules)
            after = pairs[-1][0].id
            scored += len(pairs)
    return scored


def score_new(app: App) -> int:
    """After triage: score the papers triaged since they were last scored."""
    return refresh_scores(app, only_unscored=True)
