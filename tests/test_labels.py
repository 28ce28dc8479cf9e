"""Labels, the preference model and the learned ranking (issue 22)."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from flask.testing import FlaskClient
from sqlalchemy import select

from monitor.app import App
from monitor.cli import cli
from monitor.triage.corrections import CORRECTED, CorrectionError, correct
from monitor.triage.learn import learn, learn_if_due
from monitor.triage.preference import (
    MIN_EACH,
    Doc,
    PreferenceModel,
    blend,
    class_weights,
    enough_labels,
    train,
)
from monitor.triage.run import triage_new
from storage.base import utcnow
from storage.digests import candidates
from storage.ingest import ingest_records
from storage.labels import papers_to_score
from storage.models import Label, PaperScore, PaperTriage
from storage.review import QueueFilters, queue, set_status, undo
from tests.records import make_record
from tests.test_web import client, csrf, flask_app, scimon, sign_in  # noqa: F401

EDITOR = "ed@example.org"


# -- the model on a synthetic set where the answer is known -----------------------------------


def _docs(n: int) -> tuple[list[Doc], list[bool]]:
    docs, labels = [], []
    for k in range(n):
        positive = k % 3 == 0
        word = "neuromodulation" if positive else "kyphoplasty"
        docs.append(Doc(f"Report {k} on {word} outcomes",
                        f"We studied {word} in cohort {k}. Outcomes were measured.",
                        "Spinal Cord", "observational", "human", "core"))  # fmt: skip
        labels.append(positive)
    return docs, labels


def test_a_word_that_separates_perfectly_is_learnt() -> None:
    docs, labels = _docs(60)
    model = train(docs, labels)
    p = model.probability(docs)
    assert min(p[np.array(labels)]) > max(p[~np.array(labels)])
    assert model.figures.auc == 1.0 and model.figures.positives == 20
    probe = [Doc("neuromodulation trial", "neuromodulation helps"), Doc("kyphoplasty", "cement")]
    high, low = model.probability(probe)
    assert high > 0.5 > low
    assert "neuromodulation" in model.top_terms(probe[0])
    assert model.explain(probe[0])[0].startswith("weighs for it: neuromodulation")
    # scoring's own TF-IDF matrix is scikit-learn's
    texts = [d.text for d in docs] + ["", "Neuromodulation, neuromodulation and the of"]
    diff = model.vectorizer.transform(texts) - model.transform(texts)
    assert abs(diff).max() < 1e-6
    # stored as JSON (no pickle) and read back: the same scores
    again = PreferenceModel.from_json(json.loads(json.dumps(model.to_json())))
    assert np.allclose(again.probability(probe), model.probability(probe), atol=1e-4)


def test_why_names_the_summarized_papers_a_paper_is_like() -> None:
    docs, labels = _docs(60)
    model = train(docs, labels)
    model.remember([d for d, y in zip(docs, labels, strict=True) if y])  # 20 summarized
    extra = Doc("Neuromodulation for pain", "Epidural neuromodulation eased neuropathic pain.")
    probe = [Doc("neuromodulation trial", "neuromodulation helps"), extra,
             Doc("Kyphoplasty", "cement"), Doc("")]  # fmt: skip
    _, why = model.score_and_explain(probe)
    assert why[0] == ["like 20 papers you summarized: neuromodulation"]
    assert why[1][0].startswith("like 20 papers you summarized: neuromodulation")
    assert why[2] == [] and why[3] == []  # nothing pushes them towards "summarize"
    # a summarized paper is not "like" itself
    _, own = model.score_and_explain(docs[:1])
    assert own[0][0].startswith("like ") and "like 20 " not in own[0][0]


def test_include_lean_scales_only_the_include_class_of_balanced_weights() -> None:
    """At lean 1 the weights are scikit-learn's "balanced" ones (what the scores of
    tests/test_scoring_parity.py were made with); a lean multiplies the includes' only."""
    from sklearn.utils.class_weight import compute_class_weight

    y = np.array([True] * 3 + [False] * 17)
    balanced = compute_class_weight("balanced", classes=np.array([False, True]), y=y)
    assert class_weights(y, 1.0) == {False: balanced[0], True: balanced[1]}
    leaning = class_weights(y, 3.0)
    assert leaning[False] == balanced[0]
    assert leaning[True] == pytest.approx(3.0 * balanced[1])


def test_a_record_without_abstract_does_not_rank_lowest_for_that() -> None:
    docs, labels = _docs(60)
    model = train(docs, labels)
    title_only = Doc("Neuromodulation for walking", "")
    negatives = [Doc(f"Kyphoplasty case {k}", f"Kyphoplasty and cement in case {k}.")
                 for k in range(5)]  # fmt: skip
    blank = Doc("A letter", "")
    p = model.probability([title_only, *negatives, blank])
    assert p[0] > max(p[1:6])  # its title speaks for it
    assert p[-1] > min(p[1:6])  # no text at all is not below papers with negative text


def test_too_few_labels_leave_the_fixed_priority() -> None:
    assert not enough_labels([True] * 50 + [False] * (MIN_EACH - 1))
    assert enough_labels([True] * MIN_EACH + [False] * MIN_EACH)
    assert blend(42.0, None) == 42.0
    # the model leads, the fixed priority breaks near-ties (off topic: -100 costs 25 points;
    # the digest leaves off-topic papers out whatever the score, tested below)
    assert blend(50.0, 0.9) > blend(50.0, 0.5) and blend(60.0, 0.5) > blend(50.0, 0.5)
    assert blend(50.0, 0.5) - blend(-100.0, 0.5) == pytest.approx(37.5)
    with pytest.raises(ValueError, match="both kinds"):
        train(*_docs(3)[:1], [True, True, True])


# -- labels in the database --------------------------------------------------------------------


def _seed(app: App, n: int = 6) -> None:
    records = [
        make_record(pmid=str(100 + k), source_id=str(100 + k), dois=(f"10.1000/sci.{100 + k}",),
                    title=f"Epidural stimulation for walking after spinal cord injury, cohort {k}"
                    if k % 2 == 0 else f"Pressure injury care in spinal cord injury, series {k}",
                    abstract=f"A cohort of {20 + k} people with spinal cord injury.")
        for k in range(n)
    ]  # fmt: skip
    ingest_records(app.sessions, records)
    triage_new(app)


def test_every_decision_is_a_label_with_its_reason(database_url: str) -> None:
    app = App(env={"SCIMON_DATABASE_URL": database_url})
    _seed(app, 2)
    with app.sessions() as session, session.begin():
        set_status(session, 1, "skipped", EDITOR, reason="animal study")
        action = set_status(session, 2, "to_summarize", EDITOR)
        undo(session, action.id, EDITOR)
    with app.sessions() as session:
        labels = list(session.scalars(select(Label).order_by(Label.id)))
        triage = session.get(PaperTriage, 1)
    assert [(lb.paper_id, lb.kind, lb.value, lb.reason) for lb in labels] == [
        (1, "decision", "skipped", "animal study"),
        (2, "decision", "to_summarize", None),
        (2, "decision", "new", None),  # the undo is a decision too: paper 2 teaches nothing now
    ]
    assert triage is not None and labels[0].rules_version == triage.rules_version
    app.close()


def test_a_correction_is_kept_over_later_re_triage(database_url: str) -> None:
    app = App(env={"SCIMON_DATABASE_URL": database_url})
    _seed(app, 2)
    with app.sessions() as session:
        before = session.get(PaperTriage, 1)
        assert before is not None and before.relevance == "core"
    correct(app, 1, EDITOR, "relevance", "off_topic", reason="not SCI research")
    correct(app, 1, EDITOR, "design", "rct")
    with pytest.raises(CorrectionError):
        correct(app, 1, EDITOR, "design", "astrology")
    # the rules run again over every paper (as after a rules change)
    triage_new(app, everything=True)
    with app.sessions() as session:
        after = session.get(PaperTriage, 1)
        other = session.get(PaperTriage, 2)
        labels = list(session.scalars(select(Label).where(Label.paper_id == 1)))
        score = session.get(PaperScore, 1)
        assert after is not None and other is not None and score is not None
        assert after.relevance == "off_topic" and after.design == "rct"
        assert after.reasons["relevance"] == [CORRECTED]
        assert after.priority < other.priority and score.score == after.priority
        assert {lb.kind for lb in labels} == {"correction:relevance", "correction:design"}
        # off topic: out of the digest however the rules or a model would rank it
        found = candidates(session, utcnow() - timedelta(days=1), utcnow() + timedelta(days=1))
        assert [c.id for c in found] == [2]
    app.close()


def test_learn_falls_back_then_ranks_the_queue_and_explains(database_url: str) -> None:
    app = App(env={"SCIMON_DATABASE_URL": database_url})
    _seed(app, 2 * MIN_EACH + 4)
    with app.sessions() as session, session.begin():
        for pid in range(1, 4):  # three labels: too few
            set_status(session, pid, "to_summarize" if pid % 2 else "skipped", EDITOR)
    report = learn(app)
    assert not report.trained and "not enough labels" in report.note
    with app.sessions() as session:
        rows, _ = queue(session, QueueFilters())
        assert all(r.probability is None and r.score == r.priority for r in rows)
    with app.sessions() as session, session.begin():
        # editors summarize the stimulation papers (odd ids) and skip the pressure-injury ones
        for pid in range(4, 2 * MIN_EACH + 3):
            set_status(session, pid, "summarized" if pid % 2 else "skipped", EDITOR)
    report = learn_if_due(app)
    assert report["trained"] and report["version"] == 1 and report["scored"] == 2 * MIN_EACH + 4
    assert learn_if_due(app) == {"skipped": "no new labels"}
    with app.sessions() as session:
        rows, _ = queue(session, QueueFilters(), per_page=100)
        top = rows[: MIN_EACH + 2]
        assert all("stimulation" in r.title.lower() for r in top)
        assert all(r.probability is not None and r.probability > 0.5 for r in top)
        assert all(len(r.why or []) == 1 for r in top)
        assert any("papers you summarized: " in w and "stimulation" in w
                   for r in top for w in r.why or [])  # fmt: skip
        likely, count = queue(session, QueueFilters(likely=True), per_page=100)
        assert count == MIN_EACH + 2 and {r.id for r in likely} == {r.id for r in top}
        # keyset pages go on from the last row in the learned order: the same rows, once each
        paged, after = [], None
        while True:
            page, _ = queue(session, QueueFilters(), per_page=5, after=after)
            paged += [r.id for r in page]
            if len(page) < 5:
                break
            key, _, pid = page[-1].cursor.partition(":")
            after = (float(key), int(pid))
        assert paged == [r.id for r in rows]
    app.close()


# -- import and export -------------------------------------------------------------------------


def test_labels_import_each_format_then_export(database_url: str, tmp_path: Path) -> None:
    env = {"SCIMON_DATABASE_URL": database_url}
    app = App(env=env)
    _seed(app, 2)  # PMIDs 100, 101 are stored already
    (tmp_path / "rev.csv").write_text(
        "PMID,Title,Abstract,Decision\n100,Whatever title,,include\n"
        ",Cycling exercise after spinal cord injury: a pilot trial,Twelve adults.,exclude\n"
    )
    (tmp_path / "rev.ris").write_text(
        "TY  - JOUR\nTI  - Pressure injury care in spinal cord injury, series 1\nPY  - 2026\n"
        "LB  - include\nER  - \n"
    )
    (tmp_path / "rayyan.bib").write_text(
        "@article{39000001,\n  title={Bladder management in tetraplegia: a cohort},\n"
        "  year={2025},\n  url={https://www.ncbi.nlm.nih.gov/pubmed/39000001},\n"
        '  note={ RAYYAN-INCLUSION: {"a"=>false, "b"=>false} | RAYYAN-EXCLUSION-REASONS: '
        "wrong outcome}\n}\n"
    )
    runner = CliRunner()
    reports = {}
    for name in ("rev.csv", "rev.ris", "rayyan.bib"):
        result = runner.invoke(cli, ["labels", "import", str(tmp_path / name), "--json"], env=env)
        assert result.exit_code == 0, result.output
        reports[name] = json.loads(result.stdout)
    assert reports["rev.csv"] == {"records": 2, "matched": 1, "created": 1, "labelled": 2,
                                  "unchanged": 0, "includes": 1}  # fmt: skip
    assert reports["rev.ris"]["matched"] == 1  # by title (and year)
    assert reports["rayyan.bib"]["created"] == 1
    again = runner.invoke(cli, ["labels", "import", str(tmp_path / "rev.csv"), "--json"], env=env)
    assert json.loads(again.stdout)["unchanged"] == 2
    with app.sessions() as session:
        created = session.scalar(select(PaperTriage).where(PaperTriage.paper_id == 4))
        assert created is not None  # a new paper is triaged at once
    exported = runner.invoke(cli, ["labels", "export"], env=env)
    assert exported.exit_code == 0, exported.output
    rows = list(csv.DictReader(io.StringIO(exported.stdout)))
    assert [(r["pmid"], r["kind"], r["value"]) for r in rows] == [
        ("100", "import", "include"), ("", "import", "exclude"), ("101", "import", "include"),
        ("39000001", "import", "exclude"),
    ]  # fmt: skip
    assert rows[-1]["reason"] == "wrong outcome" and rows[0]["editor"] == "import:rev.csv"
    app.close()


# -- the paper page's correction form ----------------------------------------------------------


def test_triage_correction_form(client: FlaskClient, scimon: App) -> None:  # noqa: F811
    sign_in(client, scimon)
    page = client.get("/papers/1").get_data(as_text=True)
    assert 'id="triage-corrections"' in page
    token = csrf(client, "/papers/1")
    response = client.post("/papers/1/triage",
                           data={"facet": "population", "value": "animal", "csrf_token": token})  # fmt: skip
    assert response.status_code == 302
    bad = client.post("/papers/1/triage",
                      data={"facet": "population", "value": "martian", "csrf_token": token})  # fmt: skip
    assert bad.status_code == 400
    with scimon.sessions() as session:
        triage = session.get(PaperTriage, 1)
        label = session.scalar(select(Label).where(Label.kind == "correction:population"))
    assert triage is not None and triage.population == "animal"
    assert label is not None and label.value == "animal" and label.editor
    assert "kept over rule changes" in client.get("/papers/1").get_data(as_text=True)


def test_eval_triage_scores_rules_against_corrections(database_url: str) -> None:
    env = {"SCIMON_DATABASE_URL": database_url}
    app = App(env=env)
    _seed(app, 3)
    empty = CliRunner().invoke(cli, ["eval", "triage", "--corrections"], env=env)
    assert empty.exit_code == 0 and "no triage corrections" in empty.output
    with app.sessions() as session:
        rules_said = session.get(PaperTriage, 1)
        assert rules_said is not None and rules_said.population == "human"
    correct(app, 1, EDITOR, "population", "animal")
    correct(app, 2, EDITOR, "population", "human")  # the rules say so too
    correct(app, 3, EDITOR, "relevance", "peripheral")
    result = CliRunner().invoke(cli, ["eval", "triage", "--corrections", "--json"], env=env)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["papers"] == 3
    population = report["facets"]["population"]
    assert (population["corrections"], population["agree"]) == (2, 1)
    assert population["confusion"] == [{"rules": "human", "editor": "animal", "count": 1}]
    assert report["facets"]["relevance"]["accuracy"] == 0.0
    missing = CliRunner().invoke(cli, ["eval", "triage"], env=env)
    assert missing.exit_code != 0 and "--corrections" in missing.output
    app.close()


def test_the_digest_orders_sections_by_the_learned_score() -> None:
    from datetime import UTC, date, datetime

    from monitor.digest.select import arrange
    from storage.digests import Candidate

    def cand(pid: int, priority: float, score: float | None) -> Candidate:
        return Candidate(pid, f"Paper {pid}", "Spinal Cord", None, None, None, "", "",
                         datetime(2026, 11, 30, tzinfo=UTC), "pubmed", "rct", "human", None, None,
                         "core", [], {}, priority, score, [])  # fmt: skip

    # the fixed priority prefers 1; the model (score) prefers 2; 3 was never scored
    papers = [cand(1, 80.0, 40.0), cand(2, 60.0, 95.0), cand(3, 70.0, None)]
    (section,) = arrange(papers, date(2026, 12, 1), cap=10)
    assert [c.id for c in section.items] == [2, 3, 1]


def test_categories_are_one_hot_features() -> None:
    # the same words everywhere: only the category tells what editors summarize
    docs = [Doc(f"Cohort {k}", "People with spinal cord injury were followed.",
                categories=("pain",) if k % 2 else ("walking",)) for k in range(40)]  # fmt: skip
    model = train(docs, [k % 2 == 1 for k in range(40)])
    assert model.tag_weights["category=pain"] > 0 > model.tag_weights["category=walking"]
    high, low = model.probability([Doc("x", categories=("pain",)), Doc("x")])
    assert high > low


def test_scores_keep_the_rules_categories_and_an_override_wins(database_url: str) -> None:
    from monitor.triage.learn import categories_of, category_rules
    from storage.review import set_category_override

    app = App(env={"SCIMON_DATABASE_URL": database_url})
    records = [make_record(pmid=str(300 + k), source_id=str(300 + k), dois=(f"10.1000/c.{k}",),
                           title="Neuropathic pain after spinal cord injury: a trial",
                           abstract="Pain intensity was the primary outcome.")
               for k in range(2)]  # fmt: skip
    ingest_records(app.sessions, records)
    triage_new(app)
    rules = category_rules(app)
    with app.sessions() as session, session.begin():
        papers = [p for p, _ in papers_to_score(session)]
        set_category_override(session, papers[1].id, ["walking"], EDITOR)
        session.flush()
        found = categories_of(session, papers, rules)
    assert "pain" in found[papers[0].id].feature and found[papers[0].id].version == rules.version
    assert found[papers[1].id].feature == ("walking",)  # the editor's correction
    assert "pain" in found[papers[1].id].rules  # the rules' match is still what is kept
    from monitor.triage.learn import refresh_scores

    assert refresh_scores(app) == 2
    with app.sessions() as session:
        row = session.get(PaperScore, papers[0].id)
        assert row is not None and "pain" in (row.categories or [])
        assert row.categories_version == rules.version
    app.close()


def test_the_queue_and_the_paper_page_say_why(client: FlaskClient, scimon: App) -> None:  # noqa: F811
    from storage.labels import save_scores

    sign_in(client, scimon)
    why = "like 4 papers you summarized: epidural stimulation, walking"
    with scimon.sessions() as session, session.begin():
        save_scores(session, [{"paper_id": 1, "score": 90.0, "probability": 0.8,
                               "model_version": 1, "why": [why], "scored_at": utcnow(),
                               "categories": None, "categories_version": None}])  # fmt: skip
    assert f"(model v1); {why}</p>" in client.get("/papers/1").get_data(as_text=True)
    assert f"% · {why}</div>" in client.get("/queue").get_data(as_text=True)
