"""The card fields of issue 20: participants, duration, evidence level, and ``eval card``.

The sentences are written for these tests, one per rule of docs/card-labelling.md;
the real abstracts are measured by ``scimon eval card`` on docs/card-key/ (the
last tests run it over the recorded corpus, skipped when it is absent).
"""

from __future__ import annotations

import csv
import gzip
import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from monitor.briefs.duration import find_duration
from monitor.briefs.evidence import EvidenceLevel, evidence_level_of
from monitor.cli import cli
from monitor.config import load_settings
from monitor.errors import InputError
from monitor.evaluation.card import (
    CardEvaluation,
    KeyRow,
    evaluate_card,
    load_records,
    read_key,
    score_row,
)
from monitor.triage import TriageRules, classify
from monitor.triage import participants as participants_module
from monitor.triage.participants import (
    Participants,
    count_participants,
    participants_of,
)
from monitor.triage.rules import load_rules
from tests.corpus import corpus_path
from tests.records import TriageStub, make_record, pubmed_article

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def rules() -> TriageRules:
    settings = load_settings(REPO / "queries" / "sci.toml", env={})
    return load_rules(settings.sibling(settings.config.triage.file), settings.config.vocabulary)


def count(abstract: str, title: str = "") -> tuple[int, str] | None:
    """The grammar's count (the rules), before the confidence step may withhold it."""
    found, _ = count_participants(abstract, title)
    return (found.number, found.unit) if found else None


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [
        # the number enrolled, with its unit, words or digits
        ("We enrolled 81 patients with knee pain.", (81, "patients")),
        ("One hundred and sixty-four women were randomly assigned to two groups.", (164, "women")),
        ("Fifty-nine persons after stroke took part.", (59, "persons")),
        ("In all, 1 576 infected patients were pooled from seven cohorts.", (1576, "patients")),
        ("108 couples coping with vulvodynia were randomized.", (108, "couples")),
        # arms summed when only per-arm counts are given
        ("Patients were randomized to drug A (n = 138) or drug B (n = 141).", (279, "patients")),
        ("Patients received A for 3 days (102 patients) or B for 7 days (100 patients).",
         (202, "patients")),
        ("Ten Black and 10 White healthy male volunteers took part.", (20, "volunteers")),
        ("Ten patients with stroke, 10 with multiple sclerosis and 5 with spinal cord injury "
         "were enrolled.", (25, "patients")),
        ("Rats were divided into four groups (eight rats/group).", (32, "rats")),
        ("Thirty-two patients in each group were treated.", None),
        # a stated total wins over its parts, and over the analysed
        ("Adults (N = 138) were assigned to placebo (n = 46), low dose (n = 46) or high dose "
         "(n = 46).", (138, "adults")),
        ("A total of 930 patients were included: 751 drug-randomised and 179 placebo-randomised.",
         (930, "patients")),
        ("Fifty-three youth were randomly assigned to citalopram or placebo. A total of 49 "
         "participants were included in the intent-to-treat analysis.", (53, "youth")),
        ("A total of 614 of 804 eligible gravidas were enrolled.", (614, "gravidas")),
        # screened, subsets and controls
        ("Fifty-nine persons were screened and 20 (11 male) were recruited.", (20, "persons")),
        ("We studied a total of 378 participants, of whom 88 (23.3%) had sarcopenia.",
         (378, "participants")),
        ("Eighteen patients were enrolled. Thirteen healthy individuals served as control "
         "subjects.", (31, "participants")),
        # never participants: percentages, ages, levels, strains, background, studies
        ("Eight-four percent of the eligible population took part.", None),
        ("Participants were aged 18-65 years and had T10 injuries.", None),
        ("About 27 million people live with SCI worldwide.", None),
        ("Young adults (N = 599, 18-35 years) took part in a randomized trial.", (599, "adults")),
        # precision first: a result about some of them, with no role, is no sample
        ("Of the remaining 579 patients, 86 (14.9%) developed VTE.", (579, "patients")),
        ("We operated on 600 patients. RESULTS: Of the remaining 579 patients, 86 (14.9%) "
         "developed VTE.", (600, "patients")),
        ("METHODS: The study included 54 athletes, 29 men and 25 women.", (54, "athletes")),
        ("We trained 7 clinician trainers and 19 able-bodied trainees.", (26, "participants")),
        ("The cohort comprised 828 men; 1,238 women.", (2066, "participants")),
        # two equal groups are not a total and its part
        ("We enrolled 40 patients and 40 controls.", (80, "participants")),
        ("Mortality was higher in 21 patients in the severe group than in 53 patients in the "
         "non-severe group (P < 0.001).", None),
        ("RESULTS: 45 patients experienced neurological events (HR 1.4, 95% CI 1.1-1.9).", None),
        # ... but the sentence's subject, a methods label or what was done to them is
        ("METHODS: Interviews were conducted with 15 people living with SCI; 9 had pain (p = "
         "0.02).", (15, "people")),
        ("PARTICIPANTS: French adolescents (n = 24 111) who had tried e-cigarettes (95% CI).",
         (24111, "adolescents")),
        ("We genotyped 880 Saudi patients; 93.8% improved.", (880, "patients")),
        # a total named before its number
        ("The total number of patients was 3559.", (3559, "patients")),
        ("The number of patients with an event was 30 in group A.", None),
    ],
)  # fmt: skip
def test_participants_rules(abstract: str, expected: tuple[int, str] | None) -> None:
    assert count(abstract) == expected, count_participants(abstract)[1]


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [
        ("We searched MEDLINE and Embase. A total of 32 studies involving 46,499 patients were "
         "included.", 46499),
        ("A systematic search of PubMed was done. Thirteen trials (520 participants with ADHD) "
         "met the criteria.", 520),
        # one outcome's pooled numbers, with its effect estimate, are no total
        ("We searched PubMed. Four RCTs and 17 cohort studies were included. Bleeding rose "
         "(nine studies: 2857 participants; RR 2.18, 95% CI 1.13-4.19).", None),
        # the number of studies is never the participants
        ("A systematic review of 29 publications was done.", None),
        # the meta-analysts' k studies and N people
        ("Studies (k = 203, N = 210,622) were identified in a systematic database search.",
         210622),
    ],
)  # fmt: skip
def test_participants_of_reviews(abstract: str, expected: int | None) -> None:
    found = count(abstract)
    assert (found[0] if found else None) == expected, count_participants(abstract)[1]


def test_one_case_and_the_title() -> None:
    assert count("We report a case of a 44-year-old woman with headache.") == (1, "woman")
    assert count("A 66-year-old man with lung carcinoma was treated.") == (1, "man")
    # "patients were treated" is a study of many, however it mentions "a patient"
    assert count("As in the case of a patient, patients were treated monthly.") is None
    record = make_record(title="CT features of 4121 patients with COVID-19", abstract="We looked.")
    assert participants_of(record) == Participants(4121, "patients")


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [
        ("Patients underwent an 8-week program of three sessions per week.", "8 weeks"),
        ("We conducted a 52-week, double-blind trial in mild asthma.", "52 weeks"),
        ("Patients were treated with drug X 400 mg twice daily for 28 days.", "28 days"),
        ("Both groups had 12-week therapy and were assessed at six-month follow-up.", "6 months"),
        ("After a median follow-up of 31.7 months, survival was lower.", "31.7 months"),
        ("Pain was assessed before and 6 months after surgery.", "6 months"),
        ("Outcomes were reported at baseline, weeks 8 and 24.", "24 weeks"),
        ("Rats were killed 72 hours later and the cords examined.", "72 hours"),
        ("Children were followed up for one year.", "1 year"),
        ("Both arms were treated for 10-14 days.", "10-14 days"),
        # a follow-up given as a range is its maximum (docs/card-labelling.md)
        ("Patients were followed up for 6 to 12 months.", "12 months"),
        ("The median follow-up was 24 (range 12-60) months.", "24 months"),
        # an outcome's horizon and a statistic are no duration
        ("Survival rates of these patients at 5 and 10 years were 72% and 43%.", None),
        ("Patients were an average of 13 years after injury.", None),
        # a case report's times are events of the case, unless they give its later state
        ("We report a 40-year-old man. He died 10 days after surgery.", None),
        ("CASE PRESENTATION: A 36-year-old woman had pain that lasted for three months.", None),
        (
            "We report a case. The patient is alive and disease-free 3 years postoperatively.",
            "3 years",
        ),
        # ages, statistics, frequencies, outcome horizons, drug timing, calendar: none
        ("Participants were aged 18-65 years.", None),
        ("Mean age was 41.3 ± 9.5 years and the median survival was 11.3 months.", None),
        ("Docetaxel was given every 3 weeks for up to six cycles.", None),
        ("The 5-year event-free survival rate was 47%.", None),
        ("Cells were injected into the cord 3 months after injury.", None),
        ("During a 10 year period, 1971-80, 234 children were registered.", None),
        ("Children were assessed at 3 and 6 years of age.", None),
        # who they are by age, and the window the records came from (issue 20, 4th pass)
        ("Patients over 75 years admitted to the unit were followed up.", None),
        ("Records were reviewed during the 10-year period.", None),
        ("Women were followed up for over 2 years.", "2 years"),
        ("Drug A for 3 days was compared with drug B for 7 days.", None),
        # a review has no duration of its own
        ("We searched PubMed for trials lasting 12 weeks or more.", None),
    ],
)
def test_duration_rules(abstract: str, expected: str | None) -> None:
    assert find_duration(abstract)[0] == expected, find_duration(abstract)[1]


@pytest.mark.parametrize(
    ("design", "text", "coarse", "level"),
    [
        ("systematic_review", "A network meta-analysis of randomized controlled trials.", "sr_rct",
         1),
        ("systematic_review", "We searched for RCTs. Twelve RCTs were included.", "sr_rct", 1),
        ("systematic_review", "Meta-analysis of observational cohort studies.", "sr_other", 3),
        ("systematic_review", "A systematic review of 20 studies.", "sr_other", 3),
        ("rct", "Patients were randomly assigned.", "rct", 2),
        ("observational", "A matched case-control study of 80 cases.", "case_control", 4),
        ("observational", "A cross-sectional survey of 400 nurses.", "cross_sectional", None),
        ("observational", "A retrospective cohort of 300 patients followed for 5 years.",
         "cohort", 3),
        ("observational", "Patients were randomly assigned to two groups.", "rct", 2),
        ("case_report", "We report a 30-year-old man.", "case_series", 4),
        ("narrative_review", "This scoping review maps the literature.", "sr_other", 3),
        ("animal", "Rats were injured at T10.", "preclinical", None),
        ("in_vitro", "Cells were cultured.", "in_vitro", None),
        ("other", "We report three cases of syringomyelia.", "case_series", 4),
        # a review of RCTs is told by what it included, not by its conclusion's wishes
        ("systematic_review", "Randomized trials were eligible. Nine RCTs were included. "
         "Cohort studies are needed.", "sr_rct", 1),
        ("systematic_review", "RCTs and quasi-randomised trials were eligible.", "sr_other", 3),
        ("systematic_review", "Eighteen articles (5 RCTs and 13 cohort studies) were included.",
         "sr_other", 3),
        # cohort or cross-sectional, by follow-up, when no design word says
        ("other", "We examined 113 patients; they were assessed at 6 months.", "cohort", 3),
        ("other", "We examined 113 patients once.", "cross_sectional", None),
        ("other", "Patients were treated once a month for six months.", "cohort", 3),
    ],
)  # fmt: skip
def test_evidence_levels(design: str, text: str, coarse: str, level: int | None) -> None:
    record = make_record(title="A study", abstract=text)
    found = evidence_level_of(record, TriageStub(design, participants=participants_of(record)))
    assert (found.coarse, found.level) == (coarse, level), found.reason
    assert found.label.startswith(f"Level {level}:") if level else "Level" not in found.label


def test_network_meta_analysis_label(rules: TriageRules) -> None:
    record = make_record(
        title="Drugs for neuropathic pain after SCI: a systematic review and network "
        "meta-analysis of randomized controlled trials",
        abstract="We searched MEDLINE and Embase for randomized controlled trials. "
        "Twenty RCTs were included.",
        publication_types=(),
        mesh=(),
    )
    found = evidence_level_of(record, classify(record, rules, use_indexing=False))
    assert found == EvidenceLevel(
        1,
        "Level 1: systematic review and network meta-analysis of RCTs",
        "sr_rct",
        found.reason,
    )


def _row(n: int | None, duration: str | None, level: str) -> KeyRow:
    return KeyRow("f.xml", "1", n, "patients" if n else "", duration, level)


def test_eval_arithmetic() -> None:
    result = CardEvaluation()
    predictions = [
        # (key row, predicted participants, duration, coarse)
        (_row(40, "12 weeks", "rct"), (40, "patients"), "12 weeks", "rct"),  # all right
        (_row(40, None, "rct"), (38, "patients"), "2 years", "cohort"),  # wrong, invented
        (_row(10, "1 year", "cohort"), None, None, "cohort"),  # missed, missed
        (_row(None, None, "sr_rct"), (500, "patients"), None, "sr_other"),  # false count
        (_row(None, "6 months", "preclinical"), None, "3 months", "preclinical"),  # wrong time
    ]
    for row, people, duration, coarse in predictions:
        score_row(result, row, {"participants": people, "duration": duration, "coarse": coarse})
    data = result.as_dict()
    assert data["participants"]["exact"] == round(1 / 3, 3)  # 1 of the 3 with a number
    assert data["participants"]["false_count"] == 0.5  # 1 of the 2 without
    assert data["participants"]["miss"] == round(1 / 3, 3)
    assert data["duration"]["exact_of_outputs"] == round(1 / 3, 3)  # 1 of 3 outputs
    assert data["duration"]["invented"] == 0.5  # 1 of the 2 stating none
    assert data["duration"]["found_of_stated"] == round(1 / 3, 3)
    assert data["evidence"]["agreement"] == 0.6  # 3 of 5
    assert data["evidence"]["agreement_human_designs"] == 0.5  # 2 of the 4 human rows
    assert data["targets"]["participants.exact"]["met"] is False
    assert data["targets"]["duration.invented"]["met"] is False
    assert len(data["errors"]) == 4


def test_read_key_names_the_bad_line(tmp_path: Path) -> None:
    header = "source,record_id,participants_n,participants_unit,duration,coarse_level,note\n"
    path = tmp_path / "key.csv"
    path.write_text(header + "a.xml,1,12,patients,,rct,\na.xml,2,twelve,patients,,rct,\n")
    with pytest.raises(InputError, match=r"key.csv:3: participants_n 'twelve'"):
        read_key(path)
    path.write_text(header + "a.xml,1,,,,randomised,\n")
    with pytest.raises(InputError, match="coarse_level 'randomised'"):
        read_key(path)
    path.write_text("source,id\n")
    with pytest.raises(InputError, match="not a card key"):
        read_key(path)


def _corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    (root / "pubmed").mkdir(parents=True)
    articles = [
        pubmed_article(
            11,
            "Exercise after spinal cord injury: a randomized controlled trial",
            abstract="Forty adults with paraplegia were randomly assigned to exercise (n = 20) "
            "or usual care (n = 20) for 12 weeks.",
        ),
        pubmed_article(
            12,
            "Syrinx after spinal cord injury: a case report",
            abstract="We report a 30-year-old man with a syrinx.",
        ),
    ]
    (root / "pubmed" / "cards.xml").write_text(
        f"<PubmedArticleSet>{''.join(articles)}</PubmedArticleSet>"
    )
    return root


def test_eval_card_cli(tmp_path: Path, database_url: str) -> None:
    root = _corpus(tmp_path)
    key = tmp_path / "key.csv"
    key.write_text(
        "source,record_id,participants_n,participants_unit,duration,coarse_level,note\n"
        "pubmed/cards.xml,11,40,adults,12 weeks,rct,\n"
        "pubmed/cards.xml,12,1,man,,case_series,\n"
        "pubmed/cards.xml,99,,,,rct,not in the corpus\n"
    )
    env = {"SCIMON_DATABASE_URL": database_url}
    args = ["eval", "card", str(key), "--corpus", str(root)]
    result = CliRunner().invoke(cli, [*args, "--json"], env=env)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["rows"], data["found"], data["absent"]) == (3, 2, ["pubmed/cards.xml#99"])
    assert data["participants"]["exact"] == 1.0 and data["duration"]["exact_of_outputs"] == 1.0
    assert data["evidence"]["agreement"] == 1.0
    shown = CliRunner().invoke(cli, args, env=env)
    assert "participants  exact 1.000 (2 of 2 with a number" in shown.stdout
    assert "evidence.agreement" in shown.stdout
    empty = tmp_path / "empty"
    empty.mkdir()
    none = CliRunner().invoke(cli, [*args[:3], "--corpus", str(empty)], env=env)
    assert none.exit_code != 0 and "none of the 3 records" in str(none.exception)


@pytest.mark.parametrize("half", ["dev", "dev2", "check", "check2", "check3", "check4"])
def test_eval_card_over_the_recorded_corpus(half: str, rules: TriageRules) -> None:
    """Every key is in the corpus and scores (figures: docs/card-key/README.md)."""
    root = corpus_path()
    rows = read_key(REPO / "docs" / "card-key" / f"{half}.csv")
    result = evaluate_card(rows, rules, root).as_dict()
    assert result["absent"] == [] and result["found"] == len(rows) >= 70
    for measure in ("participants", "duration", "evidence"):
        assert result[measure]["counts"], measure


def test_blind_check7_is_a_valid_key_of_unseen_records() -> None:
    """check7.csv (session 11) parses and repeats no record of the earlier keys; only the
    loader runs here, so no extractor sees it before the lead's one final ``eval card``."""
    rows = read_key(REPO / "docs" / "card-key" / "check7.csv")
    assert len(rows) >= 70
    names = ("dev", "dev2", "dev3", "check", "check2", "check3", "check4", "check5", "check6")
    earlier = {
        (r.source, r.record_id)
        for name in names
        for r in read_key(REPO / "docs" / "card-key" / f"{name}.csv")
    }
    keys = [(r.source, r.record_id) for r in rows]
    assert len(set(keys)) == len(keys) and not set(keys) & earlier


def test_blind_check8_is_a_valid_key_of_unseen_records() -> None:
    """check8.csv (session 12) parses and repeats no record of the ten earlier keys; only the
    loader runs here, so no extractor sees it before the lead's one final ``eval card``."""
    rows = read_key(REPO / "docs" / "card-key" / "check8.csv")
    assert len(rows) >= 50
    names = (
        "dev", "dev2", "dev3", "check", "check2", "check3", "check4", "check5", "check6",
        "check7",
    )  # fmt: skip
    earlier = {
        (r.source, r.record_id)
        for name in names
        for r in read_key(REPO / "docs" / "card-key" / f"{name}.csv")
    }
    keys = [(r.source, r.record_id) for r in rows]
    assert len(set(keys)) == len(keys) and not set(keys) & earlier


BLIND_CARD_KEYS = ("check9", "check10", "check11", "check12", "check13", "check14", "check15",
                   "check16", "check17")  # fmt: skip


@pytest.mark.parametrize("name", BLIND_CARD_KEYS)
def test_blind_check_key_is_a_valid_key_of_unseen_records(name: str) -> None:
    """check9.csv (drawn in session 13, scored once at its end), check10.csv (drawn in
    session 13 for session 14's single scoring), check11.csv (drawn in session 14),
    check12.csv, check13.csv, check14.csv, check15.csv, check16.csv and check17.csv (drawn in
    sessions 15 to 20, each for the next session's)
    parse and repeat no record of any other card key nor of any design key (the design key
    of the same name included); only the loader runs here, so no extractor sees them before
    the final ``eval card``."""
    rows = read_key(REPO / "docs" / "card-key" / f"{name}.csv")
    assert len(rows) >= 40
    earlier = {
        (r.source, r.record_id)
        for other in (REPO / "docs" / "card-key").glob("*.csv")
        if other.stem != name
        for r in read_key(other)
    }
    design_ids: set[str] = set()
    for path in (REPO / "docs" / "design-key").glob("*.csv"):
        with path.open(newline="") as fh:
            design_ids |= {r["record_id"] for r in csv.DictReader(fh)}
    keys = [(r.source, r.record_id) for r in rows]
    assert len(set(keys)) == len(keys) and not set(keys) & earlier
    assert not {r.record_id for r in rows} & design_ids


def test_load_records_reads_a_screening_csv_without_pmids(tmp_path: Path) -> None:
    """check10's rows name the SYNERGY Nagtegaal 2019 CSV, whose records carry a row
    ``record_id`` and no PMID: ``load_records`` finds them by that id."""
    source = "screening/synergy-dataset/Nagtegaal_2019/output/Demo.csv.gz"
    path = tmp_path / source
    path.parent.mkdir(parents=True)
    with gzip.open(path, "wt", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["record_id", "title", "abstract", "label_included"])
        writer.writerow(["7", "A trial", "We randomised 78 practitioners.", "0"])
        writer.writerow(["8", "Another", "Not this one.", "0"])
    found = load_records(tmp_path, [(source, "7")])
    assert list(found) == [(source, "7")]
    assert found[(source, "7")].abstract == "We randomised 78 practitioners."


def test_load_records_reads_a_pubmed_sci_bibtex_export(tmp_path: Path) -> None:
    """check11's rows name pubmed-sci/'s Rayyan BibTeX export, whose records are keyed by
    their citation key (the PMID): ``load_records`` finds them (it read them as PubMed
    XML before and found none)."""
    source = "pubmed-sci/demo/articles.bib.gz"
    path = tmp_path / source
    path.parent.mkdir(parents=True)
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write(
            "@article{12345678,\n  title={A fracture trial},\n  year={2010},\n"
            "  abstract={We randomised 42 patients.},\n"
            "  url={https://www.ncbi.nlm.nih.gov/pubmed/12345678}\n}\n"
        )
    found = load_records(tmp_path, [(source, "12345678")])
    assert list(found) == [(source, "12345678")]
    assert found[(source, "12345678")].abstract == "We randomised 42 patients."


def test_load_records_reads_a_screening_csv(tmp_path: Path) -> None:
    """check9's rows name SYNERGY screening CSVs: ``load_records`` finds their records by
    PMID (it read only PubMed XML and the SCI export before, so they were skipped)."""
    source = "screening/synergy-dataset/Cohen_2006/raw/Demo.csv.gz"
    path = tmp_path / source
    path.parent.mkdir(parents=True)
    with gzip.open(path, "wt", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["pubmedID", "title", "keywords", "authors", "abstracts", "label1"])
        writer.writerow(["111", "A trial", "Humans; Male", "A B", "We randomised 40 men.", "0"])
        writer.writerow(["222", "Another", "Humans", "C D", "NA", "0"])
    found = load_records(tmp_path, [(source, "111")])
    assert list(found) == [(source, "111")]
    assert found[(source, "111")].abstract == "We randomised 40 men."


def test_sentences_between_counts_are_the_full_split_s_sentences() -> None:
    """Splitting only from the first to the last possible count gives the very
    sentences a full split gives there (labels, line breaks, a count opening a
    sentence right after ". ")."""
    text = (
        "BACKGROUND: Pain is common.\nMETHODS: We studied pain. Forty participants were "
        "enrolled in two centres. RESULTS: Pain fell (p < 0.01).\n\nCONCLUSIONS: It helps. "
        "A total of 12 patients dropped out. Nothing else."
    )
    starts = [m.start() for m in participants_module._ANY.finditer(text)]
    assert starts
    part = participants_module._sentences(text, starts[0], starts[-1])
    full = participants_module._sentences(text)
    assert part and all(s in full for s in part)
    covering = [s for s in full if s[0] <= starts[-1] + 1 and s[0] + len(s[1]) >= starts[0]]
    assert [s for s in covering if s in part] == covering


@dataclass(frozen=True)
class _WithheldTriage:
    design: str
    population: str = "human"
    participants: Participants | None = None
    reasons: dict[str, list[str]] | None = None


def test_evidence_reads_a_withheld_count_as_design_rules_do() -> None:
    """The card may withhold an unsure count, but "more than 20 cases are no series"
    still reads the grammar's count (as triage's design rules do)."""
    record = make_record(title="Cases", abstract="We reviewed 64 cases of empyema; 12 died.")
    withheld = _WithheldTriage(
        "case_report", reasons={"participants": ["withheld, confidence 0.40 of 0.72: ..."]}
    )
    assert evidence_level_of(record, withheld).coarse != "case_series"
    shown_none = _WithheldTriage("case_report", reasons={"participants": ["no count"]})
    assert evidence_level_of(record, shown_none).coarse == "case_series"
