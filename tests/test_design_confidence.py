"""Issue 19: design cues in scope, title-only records unclassified, broader cue
families, an in-vitro detector, SCI word order, and a confidence for each design
(scored, stored, shown and filtered on)."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import ModuleType

import pytest

from monitor.app import App
from monitor.evaluation.design_key import KEY_FOLDERS, key_ids
from monitor.triage import TriageRules, classify
from monitor.triage.confidence import load_confidence_model
from monitor.triage.design import design_label
from monitor.triage.run import triage_pending
from monitor.triage.scope import scoped, sentences
from storage.ingest import ingest_records
from storage.listing import ListedTriage, PaperFilters, list_papers
from storage.review import QueueFilters, queue
from tests.records import feed_record, make_record
from tests.scripts import load_script
from tests.test_scheduler import write_config
from tests.triage_text import shipped_rules, text

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def rules() -> TriageRules:
    return shipped_rules()


# -- the scope mechanism --------------------------------------------------------------


def test_sentences_split_after_stops_not_inside_numbers() -> None:
    text_ = "a 2.5 cm mass was seen. we report it! why? done"
    assert [text_[a:b] for a, b in sentences(text_)] == [
        "a 2.5 cm mass was seen.", "we report it!", "why?", "done",
    ]  # fmt: skip


@pytest.mark.parametrize(
    "sentence",
    [
        "there is a paucity of randomized controlled trials in this field.",
        "only four were rcts and none was blinded.",
        "previous randomized trials have shown no benefit.",
        "a randomized trial is required to confirm this.",
        "future randomised trials should include more women.",
        "poorly designed trials were excluded from guidance.",
    ],
)
def test_sentences_about_other_or_wanted_studies_are_out_of_scope(sentence: str) -> None:
    found = scoped(f"the drug lowers pain. {sentence} it is cheap.")
    assert sentence not in found.primary
    assert "the drug lowers pain." in found.primary and "it is cheap." in found.primary
    assert found.triggers
    assert len(found.primary) == len(f"the drug lowers pain. {sentence} it is cheap.")


def test_own_work_keeps_a_sentence_about_other_studies_in_scope() -> None:
    abstract = "unlike previous studies, we randomly assigned 40 adults to two arms."
    assert scoped(abstract).primary == abstract
    # wanted work is out of scope for reviews too; other studies are a review's subject
    found = scoped("several trials have shown benefit. a systematic review is needed.")
    assert "several trials" in found.reviews and "is needed" not in found.reviews
    assert "several trials" not in found.primary


@pytest.mark.parametrize(
    ("abstract", "design"),
    [
        # the trial cue sits in a sentence about other studies or wanted work
        ("We describe the management of pressure injuries after SCI in 120 adults. There is a "
         "paucity of randomized controlled trials. Outcomes were good.", "rct"),
        ("Hypothermia may protect the cord. A randomized controlled trial is required before "
         "it is used.", "rct"),
        ("This review covers bladder care. Only four studies were randomized trials.", "rct"),
        # case cues inside a review are the literature's cases
        ("In this review we summarize the literature. Case presentation: a 45-year-old man "
         "with a syrinx was described.", "case_report"),
    ],
)  # fmt: skip
def test_mentions_are_not_designs(rules: TriageRules, abstract: str, design: str) -> None:
    triage = text(rules, "Care after spinal cord injury", abstract)
    assert triage.design != design, triage.reasons  # type: ignore[attr-defined]


def test_the_papers_own_trial_still_counts(rules: TriageRules) -> None:
    triage = text(
        rules, "Walking after SCI",
        "Previous trials were small. We randomly assigned 60 adults to training or usual care.",
    )  # fmt: skip
    assert triage.design == "rct"  # type: ignore[attr-defined]


# -- broader cue families --------------------------------------------------------------


@pytest.mark.parametrize(
    ("abstract", "design"),
    [
        ("Sixty adults with chronic pain were randomly divided into two groups.", "rct"),
        ("Participants completed both randomized conditions in a counterbalanced order.", "rct"),
        ("Allocation was by random allocation with sealed envelopes; 40 adults took part.", "rct"),
        ("PubMed, Embase and CINAHL were searched up to May 2024 for cohort studies.",
         "systematic_review"),
        ("This study aimed to systematically review outcome measures after SCI.",
         "systematic_review"),
        ("The authors describe the case of a 60-year-old woman with a dural tear.", "case_report"),
        ("A rare case of spinal epidural abscess is being reported here.", "case_report"),
        ("HEK293 cell lines were transfected with the receptor and currents were recorded.",
         "in_vitro"),
        ("Organoids derived from iPSC lines were exposed to the drug for three days.", "in_vitro"),
    ],
)  # fmt: skip
def test_new_pattern_families(rules: TriageRules, abstract: str, design: str) -> None:
    triage = text(rules, "A study of the cord", abstract)
    assert triage.design == design, triage.reasons  # type: ignore[attr-defined]


def test_cultures_within_an_animal_or_patient_study_are_not_in_vitro(rules: TriageRules) -> None:
    for abstract in (
        "Primary cultures of astrocytes were treated in vitro, and rats were then injured.",
        "Cell lines and samples of 40 patients were compared in vitro.",
    ):
        assert text(rules, "Astrocytes", abstract).design != "in_vitro"  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "title",
    [
        "Axon growth in the injured rat spinal cord",
        "Macrophages after contusion injury of the spinal cord",
        "Regeneration across the transected adult spinal cord",
    ],
)
def test_sci_vocabulary_allows_word_order(rules: TriageRules, title: str) -> None:
    triage = text(rules, title, "We measured axons.")
    assert triage.relevance == "core", triage.reasons  # type: ignore[attr-defined]


def test_spinal_cord_ischaemia_models_are_not_sci(rules: TriageRules) -> None:
    triage = text(rules, "Spinal cord ischemia after aortic cross-clamping in rabbits", "")
    assert triage.relevance == "off_topic"  # type: ignore[attr-defined]


# -- unclassified ----------------------------------------------------------------------


def test_a_bare_title_is_unclassified_not_commentary(rules: TriageRules) -> None:
    triage = text(rules, "Bladder management after spinal cord injury")
    assert triage.design == "unclassified"  # type: ignore[attr-defined]
    assert triage.design_confidence == 0.0  # type: ignore[attr-defined]
    assert design_label("unclassified", 0.0, 0.6) == "Unclassified: title only"


# -- confidence ------------------------------------------------------------------------


def test_confidence_is_a_distribution_in_0_1_with_reasons(rules: TriageRules) -> None:
    for title, abstract in (
        ("Exoskeleton gait training: a randomized controlled trial",
         "METHODS: Forty adults were randomly assigned. RESULTS: Walking improved."),
        ("Syrinx", "We report a 45-year-old man with a syrinx."),
        ("Pain after SCI", "Pain is common after injury and we measured it in 300 adults."),
    ):  # fmt: skip
        triage = text(rules, title, abstract)
        scores = triage.confidence  # type: ignore[attr-defined]
        assert all(0.0 <= p <= 1.0 for p in scores.values())
        assert sum(scores.values()) == pytest.approx(1.0, abs=0.05)
        assert scores[triage.design] == triage.design_confidence  # type: ignore[attr-defined]
        assert triage.reasons["confidence"][0].startswith(triage.design)  # type: ignore[attr-defined]


def test_confidence_is_monotone_in_the_evidence(rules: TriageRules) -> None:
    """A trial named in the title and described in the abstract is surer than one
    only described; a design read from the text is less sure than the indexers'."""
    described = text(rules, "Walking after SCI", "Forty adults were randomly assigned to two arms.")
    both = text(
        rules, "Walking after SCI: a randomized controlled trial",
        "Forty adults were randomly assigned to two arms.",
    )  # fmt: skip
    assert described.design == both.design == "rct"  # type: ignore[attr-defined]
    assert both.design_confidence >= described.design_confidence  # type: ignore[attr-defined]
    indexed = classify(
        make_record(publication_types=("Randomized Controlled Trial",)), rules, use_indexing=True
    )
    assert indexed.design_confidence == 1.0


def test_the_shipped_model_scores_as_its_weights_say() -> None:
    model = load_confidence_model()
    features = ["rule=trial_title", "design=rct", "title:rct"]
    scored = model.score(features, "rct")
    z = model.right_bias + sum(model.right_weights.get(f, 0.0) for f in features)
    a, b = model.platt
    assert scored.right == pytest.approx(1 / (1 + pow(2.718281828459045, -(a * z + b))))
    # a feature nobody trained on changes nothing
    assert model.score([*features, "title:unheard_of"], "rct").right == scored.right


def test_the_score_memo_answers_as_a_fresh_sum_and_is_bounded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """score() memoises by (features, design): a repeat is the very answer a fresh sum
    gives, the key keeps the features' order and the design, and the memo is cleared
    when it holds MEMO_MAX answers, so it cannot grow without bound."""
    from monitor.triage import confidence

    model = load_confidence_model()
    monkeypatch.setattr(confidence, "MEMO_MAX", 3)
    cases = [
        (["rule=trial_title", "design=rct", "title:rct"], "rct"),
        (["rule=trial_title", "design=rct", "title:rct"], "cohort"),
        (["design=case_report", "title:case"], "case_report"),
        (["title:case", "design=case_report"], "case_report"),
    ]
    for features, design in cases:
        first = model.score(list(features), design)
        assert first == model._score(list(features), design)
        assert model.score(list(features), design) is first  # looked up, not summed
        assert len(model._memo) <= 3
    # the fourth distinct key found the memo full: it was cleared, then this one kept
    assert len(model._memo) == 1
    assert model.score(*cases[0]) == model._score(*cases[0])


def _training_script() -> ModuleType:
    return load_script("train_design_confidence", "sklearn", "scipy")


def test_key_rows_never_train_the_design_confidence_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 19's leak (leak2): MEDLINE-indexed records that are rows of a
    hand-labelled key were silver training records, so ``eval triage``'s
    confidence figures were partly in-sample.  A record whose PMID is a row of
    any key (design or card, read as the review model's script reads them)
    never joins the silver records, and the number left out is counted."""
    script = _training_script()
    design, card = tmp_path / "design-key", tmp_path / "card-key"
    design.mkdir()
    card.mkdir()
    (design / "check99.csv").write_text("source,record_id,design\npubmed/a.xml,11,rct\n")
    (card / "dev.csv").write_text("record_id\n12\n")
    records = [
        make_record(pmid=pmid, citation_status=status)
        for pmid, status in [("11", "MEDLINE"), ("12", "MEDLINE"), ("13", "MEDLINE"),
                             ("14", "Publisher")]
    ]  # fmt: skip
    monkeypatch.setattr(script, "corpus_records", lambda paths: records)
    monkeypatch.setattr(script, "key_ids", lambda: key_ids((design, card)))
    kept, dropped = script.silver_records([tmp_path])
    assert [r.pmid for r in kept] == ["13"] and dropped == 2
    kept, dropped = script.silver_records([tmp_path], exclude=set())
    assert [r.pmid for r in kept] == ["11", "12", "13"] and dropped == 0
    # by default every key of the repository: the first row of each dev key
    monkeypatch.undo()
    shipped = script.key_ids()
    for folder in KEY_FOLDERS:
        with (folder / "dev.csv").open(newline="", encoding="utf-8-sig") as fh:
            assert next(csv.DictReader(fh))["record_id"] in shipped


def test_a_broken_model_file_is_a_config_error() -> None:
    from monitor.errors import ConfigError

    with pytest.raises(ConfigError):
        load_confidence_model(json.dumps({"version": "x"}))


def test_likely_label_below_the_threshold() -> None:
    assert design_label("rct", 0.55, 0.6) == "likely randomized controlled trial (0.55)"
    assert design_label("rct", 0.8, 0.6) == "Randomized controlled trial"
    assert design_label("rct", None, 0.6) == "Randomized controlled trial"


# -- stored, filtered, and re-triaged when an abstract arrives -------------------------


@pytest.fixture
def app(database_url: str, tmp_path: Path) -> App:
    scimon = App(
        env={"SCIMON_DATABASE_URL": database_url, "SCIMON_CONFIG": str(write_config(tmp_path))}
    )
    yield scimon  # type: ignore[misc]
    scimon.close()


def _triage_of(app: App, doi: str) -> ListedTriage:
    with app.reads() as conn:
        rows = list_papers(conn, PaperFilters())
        return next(t for p, t in rows if p.doi == doi and t is not None)


def test_a_record_that_gains_an_abstract_is_retriaged(app: App) -> None:
    """A feed's title-only record, then PubMed's with an abstract (storage/merge.py
    lets PubMed's content win and bumps updated_at): triage runs again."""
    now = datetime.now(UTC) - timedelta(hours=1)
    title = "Robotic gait training after spinal cord injury"
    ingest_records(app.sessions, [feed_record("j", "i1", "10.1000/gait", title=title, abstract="")],
                   now=now)  # fmt: skip
    triage_pending(app)
    before = _triage_of(app, "10.1000/gait")
    assert before.design == "unclassified"
    assert before.design_confidence == 0.0
    pubmed = make_record(
        pmid="77", dois=("10.1000/gait",), title=title,
        abstract="METHODS: Forty adults were randomly assigned to robotic or usual training.",
    )  # fmt: skip
    # (stored after the first triage: its paper's updated_at is later than triaged_at)
    ingest_records(app.sessions, [pubmed])
    report = triage_pending(app)
    assert report.triaged == 1
    after = _triage_of(app, "10.1000/gait")
    assert after.design == "rct"
    assert after.design_confidence is not None and 0.0 < after.design_confidence <= 1.0
    assert after.confidence and after.confidence["rct"] == after.design_confidence


def test_min_confidence_filters_papers_and_the_queue(app: App) -> None:
    now = datetime(2026, 12, 1, tzinfo=UTC)
    records = [
        make_record(pmid="1", dois=("10.1000/a",), title="Walking: a randomized controlled trial",
                    abstract="METHODS: Forty adults were randomly assigned to two arms."),
        feed_record("j", "i2", "10.1000/b", title="Bladder care after spinal cord injury",
                    abstract=""),
    ]  # fmt: skip
    ingest_records(app.sessions, records, now=now)
    triage_pending(app)
    sure = _triage_of(app, "10.1000/a").design_confidence
    assert sure is not None and sure > 0.0
    with app.reads() as conn:
        listed = list_papers(conn, PaperFilters(min_confidence=sure))
        assert [p.doi for p, _ in listed] == ["10.1000/a"]
        assert list_papers(conn, PaperFilters(min_confidence=min(1.0, sure + 0.001))) == []
        assert len(list_papers(conn, PaperFilters(min_confidence=0.0))) == 2
    with app.sessions() as session:
        rows, total = queue(session, QueueFilters(min_confidence=sure))
        assert total == 1 and rows[0].design_confidence == sure
        rows, total = queue(session, QueueFilters())
        assert total == 2
