"""Train the design confidence model that ships as monitor/triage/design_confidence.json.

    pip install -e '.[train]'
    python scripts/train_design_confidence.py [--key KEY.csv ...] [PUBMED_XML_FOLDER ...]

The default folder is ``../shared/corpus/pubmed`` (its MEDLINE-indexed
records, more-medline among them).  Labels are the indexers' designs
(``monitor.evaluation.triage.gold_design``: publication types, MeSH design
headings, "animal" for Animals without Humans), silver labels; the features
are what the text rules read (``Paper.features``: the decision that fired, cue
families and their place), with the indexing hidden.

Records whose PMID is the ``record_id`` of a row of any hand-labelled key
(every ``docs/design-key/*.csv`` and ``docs/card-key/*.csv``, read by
``monitor.evaluation.design_key.key_ids``, ids only, keys added later
included) are left out of the silver records, and their number is printed:
742 with today's corpus (issue 19's leak, session 13, leak2: a model fitted
with silver labels would have scored ``eval triage``'s confidence figures on
those keys partly in-sample).  The gold rows added by ``--key`` (below) are
kept on purpose: they are the development keys, and scoring on them is
reported as optimistic.  The shipped model is fitted with ``--no-silver``
(the development keys' gold rows alone; with silver labels the keys' ECE is
0.14-0.30 on check..check4), so the exclusion guards the default mode; and a silver run that
finds no MEDLINE-indexed records stops, because the default folder is missing
from a git worktree and the model would quietly fit on the keys alone.

The records are split by PMID (a hash, so reruns agree): 60% fit the two
logistic regressions, 20% calibrate them (Platt scaling of P(right), a
temperature for the alternatives), 20% are a test part used only for the
figures printed here.  Records the rules leave "unclassified" and notices
(found by their types) are left out.

``--key`` adds the hand-labelled rows of a design key (docs/design-key/; the
default is the development keys dev.csv, check.csv, check2.csv and check3.csv,
already read while the rules were written; never check4.csv or check5.csv,
held out for the final figures).  Their labels are gold, they name designs the
indexers have none for (in vitro, protocols, guidelines), and they are split by
the same hash of ``source:id`` (session 8: the in-vitro decision had changed
and the model fitted on silver labels alone gave in-vitro decisions no weight).
Records the key labels "unclassified" are left out, as the rules' are.  The scoring in
``monitor.triage.confidence`` must reproduce scikit-learn's probabilities on
every record before anything is written.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

import numpy as np
from scipy.optimize import minimize
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss, roc_auc_score

from monitor.config import load_settings
from monitor.evaluation.design_key import UNCLASSIFIED, key_ids, load_key_records, read_key
from monitor.evaluation.triage import corpus_records, gold_design
from monitor.records import PaperRecord
from monitor.triage import classify_many
from monitor.triage.confidence import ConfidenceModel
from monitor.triage.rules import load_rules

REPO = Path(__file__).resolve().parent.parent
DEFAULT = REPO.parent / "shared" / "corpus" / "pubmed"
OUT = REPO / "monitor" / "triage" / "design_confidence.json"
MIN_CLASS = 5  # designs with fewer silver labels get no class of their own
KEYS = REPO / "docs" / "design-key"
# the keys read while developing the rules; check4 and check5 stay held out
DEV_KEYS = ("dev.csv", "check.csv", "check2.csv", "check3.csv")


def part(pmid: str) -> str:
    h = int(hashlib.sha1(pmid.encode(), usedforsecurity=False).hexdigest(), 16) % 5
    return "calibrate" if h == 0 else "test" if h == 1 else "fit"


def ece(p: np.ndarray, y: np.ndarray, bins: int = 10) -> float:
    """Expected calibration error of binary probabilities."""
    edges = np.linspace(0, 1, bins + 1)
    total = 0.0
    for lo, hi in itertools.pairwise(edges):
        m = (p >= lo) & (p < hi if hi < 1 else p <= hi)
        if m.any():
            total += m.mean() * abs(p[m].mean() - y[m].mean())
    return float(total)


def silver_records(
    paths: list[Path], exclude: set[str] | None = None
) -> tuple[list[PaperRecord], int]:
    """The MEDLINE-indexed records with a PMID that are not notices, less any whose
    PMID is in ``exclude`` (by default ``key_ids()``, every key's rows), and how
    many were left out for that."""
    held_out = key_ids() if exclude is None else exclude
    indexed = [
        r for r in corpus_records(paths)
        if r.citation_status == "MEDLINE" and r.pmid and gold_design(r) != "notice"
    ]  # fmt: skip
    kept = [r for r in indexed if r.pmid not in held_out]
    return kept, len(indexed) - len(kept)


def key_rows(
    names: list[str], corpus: Path, rules: object
) -> list[tuple[str, str, str, tuple[str, ...]]]:
    """(part, gold design, rules' design, features) of the named keys' rows, text only."""
    rows = [r for name in names for r in read_key(KEYS / name) if r.design != UNCLASSIFIED]
    pairs, missing = load_key_records(rows, corpus)
    if missing:
        print(f"key records not found: {len(missing)}")
    records = [replace(r, keywords=(), mesh=(), publication_types=()) for _, r in pairs]
    triages = classify_many(records, rules, use_indexing=False)  # type: ignore[arg-type]
    return [
        (part(f"{row.source}:{row.record_id}"), row.design, t.design, t.features)
        for (row, _), t in zip(pairs, triages, strict=True)
        if t.design != "unclassified" and t.features
    ]


def main(argv: list[str]) -> None:
    keys: list[str] = []
    while "--key" in argv:
        at = argv.index("--key")
        keys.append(argv[at + 1])
        argv = argv[:at] + argv[at + 2 :]
    keys = keys or list(DEV_KEYS)
    silver = "--no-silver" not in argv
    argv = [a for a in argv if a != "--no-silver"]
    paths = [Path(a) for a in argv] or [DEFAULT]
    settings = load_settings(REPO / "queries" / "sci.toml", env={})
    rules = load_rules(
        settings.sibling(settings.config.triage.file), settings.config.vocabulary,
        confidence=False,
    )  # fmt: skip
    records, dropped = silver_records(paths)
    print(
        f"{dropped} MEDLINE-indexed records left out as rows of a hand-labelled key "
        "(docs/design-key, docs/card-key)"
    )
    triages = classify_many(records, rules, use_indexing=False)
    rows = [
        (part(r.pmid or ""), gold_design(r), t.design, t.features)
        for r, t in zip(records, triages, strict=True)
        if t.design != "unclassified" and t.features
    ]
    print(f"{len(rows)} MEDLINE-indexed records with a design read from the text")
    if silver and not rows:
        # the default folder is the repository's sibling: from a git worktree it is
        # missing and the corpus reader skips it, so the model would quietly fit on
        # the keys alone
        sys.exit(f"no MEDLINE-indexed records in {', '.join(map(str, paths))}: nothing written")
    # the key's sources are relative to the corpus folder (the default folder's parent)
    corpus = Path(os.environ.get("SCIMON_CORPUS_DIR") or paths[0].parent)
    keyed = key_rows(keys, corpus, rules)
    print(f"{len(keyed)} hand-labelled rows of {', '.join(keys)}")
    rows = rows + keyed if silver else keyed
    gold_counts = Counter(g for _, g, _, _ in rows)
    classes = sorted(c for c, n in gold_counts.items() if n >= MIN_CLASS)
    print("classes:", ", ".join(f"{c} {gold_counts[c]}" for c in classes))
    # a design the indexers have no label for (in vitro, protocols) would be "wrong"
    # every time it is read: its records are left out, so its decisions' features
    # get no weight and its confidence comes from the cues alone
    unlabelled = Counter(d for _, _, d, _ in rows if d not in classes)
    rows = [row for row in rows if row[2] in classes]
    print("left out, designs without silver labels:", dict(unlabelled))

    vec = DictVectorizer()
    x = vec.fit_transform([dict.fromkeys(f, 1) for _, _, _, f in rows])
    parts = np.array([p for p, _, _, _ in rows])
    gold = np.array([g for _, g, _, _ in rows])
    rule = np.array([d for _, _, d, _ in rows])
    right = (gold == rule).astype(int)
    fit, cal, test = parts == "fit", parts == "calibrate", parts == "test"
    print(f"fit {fit.sum()}, calibrate {cal.sum()}, test {test.sum()}")

    # P(the rules' design is right), Platt-scaled on the calibration part
    binary = LogisticRegression(C=1.0, max_iter=2000).fit(x[fit], right[fit])
    z_cal = binary.decision_function(x[cal])

    def platt_loss(ab: np.ndarray) -> float:
        p = 1 / (1 + np.exp(-(ab[0] * z_cal + ab[1])))
        return float(log_loss(right[cal], np.clip(p, 1e-9, 1 - 1e-9), labels=[0, 1]))

    a, b = minimize(platt_loss, np.array([1.0, 0.0]), method="Nelder-Mead").x

    # the indexers' design, for the share of the other designs
    known = np.isin(gold, classes)
    multi = LogisticRegression(C=1.0, max_iter=3000).fit(x[fit & known], gold[fit & known])
    z_multi = multi.decision_function(x[cal & known])

    def temp_loss(t: np.ndarray) -> float:
        z = z_multi / t[0]
        z = z - z.max(axis=1, keepdims=True)
        p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
        return float(log_loss(gold[cal & known], p, labels=list(multi.classes_)))

    temperature = float(minimize(temp_loss, np.array([1.0]), method="Nelder-Mead").x[0])

    names = vec.get_feature_names_out()
    data = {
        "about": "P(rules' design is right) and the indexers' design, from the text rules' "
        "features (monitor/triage/confidence.py); trained by scripts/train_design_confidence.py",
        "trained_on": f"{int(fit.sum())} records (MEDLINE-indexed records of "
        f"../shared/corpus/pubmed, silver labels, less every record of a hand-labelled "
        f"key, and the hand-labelled rows of "
        f"{', '.join(keys)}), calibrated on {int(cal.sum())} held out",
        "without_silver_labels": sorted(unlabelled),
        "right": {
            "bias": float(binary.intercept_[0]),
            "weights": {
                n: round(float(w), 4) for n, w in zip(names, binary.coef_[0], strict=True) if w
            },
            "platt": [float(a), float(b)],
        },
        "alternatives": {
            "classes": list(multi.classes_),
            "bias": [float(v) for v in multi.intercept_],
            "weights": {
                n: [round(float(w), 4) for w in multi.coef_[:, i]]
                for i, n in enumerate(names)
                if np.any(multi.coef_[:, i])
            },
            "temperature": temperature,
        },
    }
    body = json.dumps(data, sort_keys=True)
    data["version"] = "dc-" + hashlib.sha1(body.encode(), usedforsecurity=False).hexdigest()[:8]

    # the shipped scoring must agree with scikit-learn
    model = ConfidenceModel.from_dict(data)
    sk_right = 1 / (1 + np.exp(-(a * binary.decision_function(x) + b)))
    ours = np.array([model.score(list(f), d).right for _, _, d, f in rows])
    worst = float(np.abs(ours - sk_right).max())
    print(f"scoring agrees with scikit-learn to {worst:.2e}")
    if worst > 1e-3:
        sys.exit("the shipped scoring does not reproduce the model: nothing written")

    # figures on the test part, never fitted nor calibrated on
    p_test = ours[test]
    y_test = right[test]
    print(
        f"test part ({int(test.sum())}): rules right {y_test.mean():.3f}; "
        f"AUROC of P(right) {roc_auc_score(y_test, p_test):.3f}; "
        f"ECE {ece(p_test, y_test):.3f} (before calibration "
        f"{ece(binary.predict_proba(x[test])[:, 1], y_test):.3f})"
    )
    for lo in (0.5, 0.7, 0.9):
        m = p_test >= lo
        print(f"  P(right) >= {lo}: {int(m.sum())} records, right {y_test[m].mean():.3f}")
    data["heldout"] = {
        "test_records": int(test.sum()),
        "auroc": round(float(roc_auc_score(y_test, p_test)), 3),
        "ece": round(ece(p_test, y_test), 3),
    }
    OUT.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n")
    print(f"wrote {OUT} ({data['version']})")


if __name__ == "__main__":
    main(sys.argv[1:])
