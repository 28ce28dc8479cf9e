"""Briefs for the site's card (issue 20, part B): categories, quoted findings, exports.

Categories are concepts in the right part of the abstract: our own sentences
below check that a background or negated mention does not count and that
each match carries its reason.  Findings are quoted, never written.  Every
export format is read back with an independent parser (rispy for RIS,
bibtexparser for BibTeX, JSON Schema for the JSON and CSL-JSON).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import bibtexparser
import jsonschema
import pytest
import rispy
from bibtexparser.bparser import BibTexParser
from flask import Flask
from flask.testing import FlaskClient

from monitor.app import App
from monitor.briefs.brief import briefs, plain_text
from monitor.briefs.categories import load_categories
from monitor.briefs.citations import bibtex_verbatim
from monitor.briefs.export import render
from monitor.briefs.findings import NOT_STATED, findings_of
from monitor.briefs.sentences import sentences_of
from monitor.config import check_config_files, load_settings
from monitor.errors import ConfigError
from monitor.records import Author
from monitor.triage.run import triage_new
from monitor.web import create_app, shutdown
from storage.ingest import ingest_records
from storage.review import category_override, set_category_override, set_status
from tests.records import make_record
from tests.test_web import EDITOR, csrf, sign_in, web_app

REPO = Path(__file__).resolve().parents[1]
SHIPPED = load_categories(REPO / "queries" / "categories.toml")
SCHEMA = json.loads((REPO / "docs" / "brief-schema.json").read_text())


def ids(title: str, abstract: str) -> list[str]:
    return [m.id for m in SHIPPED.match(title, abstract)]


# -- categories ---------------------------------------------------------------------------------


def test_shipped_categories_are_the_sites() -> None:
    labels = [c.label for c in SHIPPED.categories]
    assert labels[:2] == ["Spinal Cord Injury", "Regenerative Medicine"]
    for label in ("Pain", "Spasticity", "Bladder and Bowel", "Mental Health", "Rehabilitation"):
        assert label in labels


def test_a_background_mention_is_not_a_category() -> None:
    abstract = (
        "Shoulder pain is common in manual wheelchair users with spinal cord injury. "
        "We aimed to evaluate a transfer skills programme. "
        "The primary outcome was transfer quality. "
        "Transfer quality improved by 20% (p < 0.01)."
    )
    found = ids("Transfer training in wheelchair users", abstract)
    assert "pain" not in found
    assert "spinal_cord_injury" not in found  # SCI only in the background sentence
    # the same pain as the study's outcome is a Pain paper, with its reason
    abstract = abstract.replace("transfer quality.", "shoulder pain intensity.", 1)
    (pain,) = [m for m in SHIPPED.match("Transfer training", abstract) if m.id == "pain"]
    assert pain.role == "outcome" and pain.term == "pain"
    assert pain.reason == "'pain' in an outcome sentence"
    assert pain.sentence == "The primary outcome was shoulder pain intensity."


def test_negated_and_eligibility_mentions_do_not_count_but_a_null_result_does() -> None:
    assert "pain" not in ids("Gait after SCI", "OBJECTIVE: To study gait in people without pain.")
    assert "pain" not in ids("", "METHODS: Patients with neuropathic pain were excluded.")
    assert "pain" in ids("", "RESULTS: The drug did not reduce pain (p = 0.4).")
    assert "pain" in ids("", "RESULTS: There was no change in pain scores at 12 weeks.")


def test_the_words_that_tagged_papers_loosely_do_not() -> None:
    # issue 20: "outcome" tagged Epidemiology; a rat lncRNA study was tagged Surgery
    abstract = (
        "OBJECTIVE: To examine lncRNA H19 after spinal cord injury in rats.\n"
        "METHODS: Rats underwent laminectomy and contusion surgery at T10.\n"
        "RESULTS: H19 knockdown improved outcomes and BBB scores (p < 0.05)."
    )
    found = ids("LncRNA H19 and neuronal apoptosis after spinal cord injury", abstract)
    assert "surgery" not in found and "epidemiology" not in found
    assert "spinal_cord_injury" in found
    assert "surgery" in ids("Early decompression surgery after acute SCI", "")


def test_context_terms_and_roles_come_from_the_file(tmp_path: Path) -> None:
    path = tmp_path / "categories.toml"
    path.write_text(
        '[[category]]\nid = "hand"\nlabel = "Hand"\n'
        '[[category.concept]]\nterms = ["grasp*"]\ncontext = ["hand", "tetrapleg*"]\n'
        'roles = ["title", "results"]\n'
    )
    cats = load_categories(path)
    assert [m.id for m in cats.match("Grasping with the hand", "")] == ["hand"]
    assert cats.match("Grasping objects", "") == []  # no context word in the sentence
    assert cats.match("", "OBJECTIVE: To study grasping in tetraplegia.") == []  # not a role
    assert cats.label("gone") == "gone" and cats.label("hand") == "Hand"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[category]]\nid = "x1"\nlabel = "X"\n', "category[0].concept: Field required"),
        (
            '[[category]]\nid = "x1"\nlabel = "X"\n[[category.concept]]\nterms = ["a"]\n'
            'roles = ["abstract"]\n',
            "category[0].concept[0].roles[0]",
        ),
        (
            '[[category]]\nid = "x1"\nlabel = "X"\n[[category.concept]]\nterms = ["*"]\n',
            "has no word in it",
        ),
        (
            '[[category]]\nid = "x1"\nlabel = "X"\n[[category.concept]]\nterms = ["a"]\n'
            '[[category]]\nid = "x1"\nlabel = "Y"\n[[category.concept]]\nterms = ["b"]\n',
            "category id x1 given more than once",
        ),
        (
            '[[category]]\nid = "x1"\nlabel = "X"\n[[category.concept]]\nterms = ["a"]\n'
            'where = ["title"]\n',
            "category[0].concept[0].where: unknown key (misspelt?)",
        ),
    ],
)
def test_a_bad_categories_file_is_refused_with_file_and_key(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "categories.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as err:
        load_categories(path)
    assert str(path) in str(err.value) and message in str(err.value)


# -- findings -----------------------------------------------------------------------------------

STRUCTURED = (
    "BACKGROUND: Neuropathic pain is frequent after SCI.\n"
    "METHODS: 72 adults were randomised to pregabalin or placebo for 12 weeks.\n"
    "RESULTS: Pain intensity fell by 1.8 points with pregabalin (95% CI 1.1 to 2.5; p < 0.001). "
    "Sleep interference improved significantly (p = 0.01). "
    "Dizziness was the most common adverse event (24%). "
    "Data were analysed by intention to treat.\n"
    "CONCLUSIONS: Pregabalin reduces neuropathic pain after SCI. "
    "Further research is needed on long-term use.\n"
    "LIMITATIONS: The follow-up was short."
)


def test_structured_findings_are_quoted_sentences_of_the_abstract() -> None:
    found = findings_of("Pregabalin for neuropathic pain", STRUCTURED)
    assert len(found.key_findings) == 3
    assert found.key_findings[-1] == "Pregabalin reduces neuropathic pain after SCI."
    assert "Data were analysed by intention to treat." not in found.key_findings
    assert found.limitations == ["The follow-up was short."]
    assert found.future_research == ["Further research is needed on long-term use."]
    for sentence in [*found.key_findings, *found.limitations, *found.future_research]:
        assert sentence in STRUCTURED  # extractive: never rewritten


def test_unstructured_findings_by_cue_phrases() -> None:
    abstract = (
        "Bladder management is a lifelong concern after spinal cord injury. "
        "We examined catheter use in 412 veterans. "
        "Intermittent catheterisation was associated with fewer infections (OR 0.6, p = 0.02). "
        "Limitations include self-reported infections and a single centre. "
        "We conclude that intermittent catheterisation should be preferred. "
        "These findings have implications for clinical practice in rehabilitation centres. "
        "Larger prospective studies are warranted."
    )
    found = findings_of("", abstract)
    assert found.key_findings == [
        "Intermittent catheterisation was associated with fewer infections (OR 0.6, p = 0.02).",
        "We conclude that intermittent catheterisation should be preferred.",
    ]
    assert found.limitations == ["Limitations include self-reported infections and a single centre."]
    assert found.practical_implications == [
        "These findings have implications for clinical practice in rehabilitation centres."
    ]
    assert found.future_research == ["Larger prospective studies are warranted."]


def test_nothing_stated_means_empty_and_at_most_three() -> None:
    found = findings_of("A title", "We describe a new registry of people with SCI.")
    assert found == type(found)()
    many = "RESULTS: " + " ".join(f"Outcome {i} improved by {i}0% (p < 0.01)." for i in range(6))
    assert len(findings_of("", many).key_findings) == 3


# -- exports, on a database ----------------------------------------------------------------------

ABSTRACT = (
    "OBJECTIVE: To test a home programme for shoulder pain in manual wheelchair users with SCI.\n"
    "RESULTS: Pain fell by 30% (p < 0.01).\n"
    "CONCLUSIONS: The programme reduces shoulder pain. Clinicians should offer it."
)


def seed(app: App, **changes: Any) -> None:
    values: dict[str, Any] = {
        "pmid": "900",
        "source_id": "900",
        "pmcid": "PMC1234567",
        "dois": ("10.1038/s41393-026-00900-1",),
        "title": "Shoulder <i>pain</i> & {braces} in 100% of SCI: a $1 trial_#1 ~^\\",
        "abstract": ABSTRACT,
        "authors": (
            Author(last="O'Brien", fore="Ann", initials="A"),
            Author(last="García-López", fore="José", initials="J"),
            Author(last="SCI Trials Group"),
        ),
    }
    record = make_record(**{**values, **changes})
    ingest_records(app.sessions, [record])
    triage_new(app)


@pytest.fixture
def scimon(database_url: str, tmp_path: Path) -> Iterator[App]:
    app = web_app(database_url, tmp_path)
    seed(app)
    with app.sessions() as session, session.begin():
        set_status(session, 1, "to_summarize", EDITOR, note="Strong design; =cmd|' /C calc'!A0")
    yield app
    app.close()


def exported(app: App, fmt: str) -> str:
    with app.sessions() as session:
        return render(briefs(session, ("to_summarize",), SHIPPED), fmt)


def test_json_follows_the_documented_schema(scimon: App) -> None:
    data = json.loads(exported(scimon, "json"))
    jsonschema.validate(data, SCHEMA, format_checker=jsonschema.FormatChecker())
    (item,) = data
    assert [c["id"] for c in item["categories"]] == ["spinal_cord_injury", "pain"]
    assert item["categories"][1]["reason"] == "'pain' in the title"
    assert item["pmcid"] == "PMC1234567" and item["pmid"] == "900"
    assert item["decision"]["reason"] == "Strong design; =cmd|' /C calc'!A0"
    assert item["practical_implications"] == ["Clinicians should offer it."]
    assert item["study_duration"] is None and item["research_summary"] is None
    # the schema can fail: a brief without its PMID field is refused
    del item["pmid"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate([item], SCHEMA)


def test_markdown_card_in_the_sites_order(scimon: App) -> None:
    text = exported(scimon, "md")
    order = [
        "## Shoulder pain &amp; {braces}",
        "- **Journal and year:** Spinal Cord, 2026",
        "- **DOI:** https://doi.org/10.1038/s41393-026-00900-1",
        "- **Publication date:** 2026-11-01",
        "- **Categories:** Spinal Cord Injury, Pain",
        "- **Study duration:** Not specified",
        "- **Participants:** " + NOT_STATED,
        "- **Evidence level:**",
        "### Key findings",
        "### Research summary",
        "### Practical implications",
        "### Limitations",
        "### Future research",
        "### Editors",
    ]
    positions = [text.index(part) for part in order]
    assert positions == sorted(positions)
    assert "- \u201cThe programme reduces shoulder pain.\u201d" in text
    assert f"### Limitations\n\n_{NOT_STATED}._" in text
    assert "- **Identifiers:** PMID 900, PMCID PMC1234567" in text
    assert "Decision: to summarize by ana@example.org; reason: Strong design" in text


def test_csv_has_pmid_authors_notes_and_neutralises_formulas(scimon: App) -> None:
    (row,) = list(csv.DictReader(io.StringIO(exported(scimon, "csv"))))
    assert row["pmid"] == "900" and row["pmcid"] == "PMC1234567"
    assert row["authors"] == "O'Brien A; García-López J; SCI Trials Group"
    assert row["title"].startswith("Shoulder pain & {braces}")  # tags stripped, not escaped
    assert row["decision_reason"] == "Strong design; =cmd|' /C calc'!A0"
    assert row["study_duration"] == "Not specified"
    with scimon.sessions() as session, session.begin():
        set_status(session, 1, "in_progress", EDITOR, note="=HYPERLINK(\"http://x\")")
    (row,) = list(csv.DictReader(io.StringIO(render(_briefs(scimon, "in_progress"), "csv"))))
    assert row["decision_reason"] == "'=HYPERLINK(\"http://x\")"


def _briefs(app: App, status: str) -> list[dict[str, Any]]:
    with app.sessions() as session:
        return briefs(session, (status,), SHIPPED)


def test_ris_reads_back_with_rispy(scimon: App) -> None:
    text = exported(scimon, "ris")
    assert all(re.fullmatch(r"[A-Z][A-Z0-9]  - .*|", line) for line in text.splitlines()), text
    (entry,) = rispy.loads(text)
    assert entry["type_of_reference"] == "JOUR"
    assert entry["title"] == "Shoulder pain & {braces} in 100% of SCI: a $1 trial_#1 ~^\\"
    assert entry["authors"] == ["O'Brien, Ann", "García-López, José", "SCI Trials Group"]
    assert entry["doi"] == "10.1038/s41393-026-00900-1"
    assert entry["accession_number"] == "900" and entry["custom2"] == "PMC1234567"
    assert entry["keywords"] == ["Spinal Cord Injury", "Pain"]
    assert "Decision: to summarize by ana@example.org; reason: Strong design; =cmd|' /C calc'!A0" in entry["notes"]
    assert "RESULTS: Pain fell by 30% (p < 0.01)." in entry["abstract"]  # one line, not three


_LATEX = {
    r"\textbackslash{}": "\\",
    r"\textbraceleft{}": "{",
    r"\textbraceright{}": "}",
    r"\textasciitilde{}": "~",
    r"\textasciicircum{}": "^",
    r"\textless{}": "<",
    r"\textgreater{}": ">",
    r"\&": "&",
    r"\%": "%",
    r"\$": "$",
    r"\#": "#",
    r"\_": "_",
}
_LATEX_ANY = re.compile("|".join(re.escape(k) for k in _LATEX))


def unlatex(value: str) -> str:
    return _LATEX_ANY.sub(lambda m: _LATEX[m.group(0)], value)


def test_bibtex_reads_back_with_bibtexparser(scimon: App) -> None:
    seed(
        scimon,
        pmid="901",
        source_id="901",
        pmcid=None,
        dois=("10.1/next",),
        title="Second } paper {",
    )
    with scimon.sessions() as session, session.begin():
        set_status(session, 2, "to_summarize", EDITOR)
    text = exported(scimon, "bibtex")
    assert text.count("{") == text.count("}")  # BibTeX counts every brace, escaped or not
    db = bibtexparser.loads(text, BibTexParser(common_strings=True))
    by_id = {e["ID"]: e for e in db.entries}
    assert set(by_id) == {"pmid900", "pmid901"}  # a stray brace did not swallow the next entry
    first = by_id["pmid900"]
    assert unlatex(first["title"]) == "Shoulder pain & {braces} in 100% of SCI: a $1 trial_#1 ~^\\"
    assert unlatex(first["author"]) == "O'Brien, Ann and García-López, José and {SCI Trials Group}"
    assert first["doi"] == "10.1038/s41393-026-00900-1" and first["pmcid"] == "PMC1234567"
    assert first["pmid"] == "900" and unlatex(first["keywords"]) == "Spinal Cord Injury, Pain"
    assert "reason: Strong design" in unlatex(first["note"])
    assert unlatex(by_id["pmid901"]["title"]) == "Second } paper {"


CSL_ITEM = {
    "type": "object",
    "required": ["id", "type", "title"],
    "properties": {
        "id": {"type": ["string", "number"]},
        "type": {"const": "article-journal"},
        "title": {"type": "string", "not": {"pattern": "<[A-Za-z/]"}},
        "author": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "family": {"type": "string"},
                    "given": {"type": "string"},
                    "literal": {"type": "string"},
                },
                "oneOf": [{"required": ["family"]}, {"required": ["literal"]}],
            },
        },
        "container-title": {"type": "string"},
        "issued": {
            "type": "object",
            "required": ["date-parts"],
            "properties": {
                "date-parts": {
                    "type": "array",
                    "items": {
                        "type": "array",
                        "minItems": 1,
                        "maxItems": 3,
                        "items": {"type": "integer"},
                    },
                }
            },
        },
        "DOI": {"type": "string"},
        "PMID": {"type": "string"},
        "PMCID": {"type": "string"},
        "URL": {"type": "string"},
        "note": {"type": "string"},
        "keyword": {"type": "string"},
        "abstract": {"type": "string"},
    },
    "additionalProperties": False,
}


def test_csl_json_has_the_fields_reference_managers_read(scimon: App) -> None:
    data = json.loads(exported(scimon, "csl-json"))
    jsonschema.validate(data, {"type": "array", "items": CSL_ITEM})
    (item,) = data
    assert item["title"] == "Shoulder pain & {braces} in 100% of SCI: a $1 trial_#1 ~^\\"
    assert item["author"][2] == {"literal": "SCI Trials Group"}
    assert item["issued"] == {"date-parts": [[2026, 11, 1]]}
    assert (item["DOI"], item["PMID"], item["PMCID"]) == (
        "10.1038/s41393-026-00900-1",
        "900",
        "PMC1234567",
    )
    assert "Decision: to summarize" in item["note"] and item["keyword"] == "Spinal Cord Injury, Pain"


def test_a_correction_is_kept_after_retriage_and_a_rule_change(scimon: App, tmp_path: Path) -> None:
    with scimon.sessions() as session, session.begin():
        set_category_override(session, 1, ["bladder_bowel", "spinal_cord_injury"], EDITOR)
    triage_new(scimon, everything=True)  # re-triage every paper
    # the rules change: a file where Pain matches everything it did and more
    changed = tmp_path / "changed.toml"
    changed.write_text(
        (REPO / "queries" / "categories.toml").read_text().replace('"pain",', '"pain", "shoulder",')
    )
    with scimon.sessions() as session:
        assert category_override(session, 1) == ["bladder_bowel", "spinal_cord_injury"]
        items = briefs(session, ("to_summarize",), load_categories(changed))
    labels = ["Bladder and Bowel", "Spinal Cord Injury"]
    assert [c["label"] for c in items[0]["categories"]] == labels
    assert items[0]["categories_corrected"] is True
    for fmt, expected in (
        ("md", "- **Categories:** Bladder and Bowel, Spinal Cord Injury"),
        ("csv", '"Bladder and Bowel; Spinal Cord Injury"'),
        ("ris", "KW  - Bladder and Bowel\nKW  - Spinal Cord Injury"),
        ("bibtex", "keywords = {Bladder and Bowel, Spinal Cord Injury}"),
        ("csl-json", '"keyword": "Bladder and Bowel, Spinal Cord Injury"'),
        ("json", '"source": "editor"'),
    ):
        assert expected in render(items, fmt), fmt


# -- the correction form in the review app -------------------------------------------------------


@pytest.fixture
def client(scimon: App) -> Iterator[FlaskClient]:
    flask: Flask = create_app(scimon, testing=True)
    yield flask.test_client()
    shutdown(flask)


def test_editors_correct_categories_on_the_paper_page(client: FlaskClient, scimon: App) -> None:
    sign_in(client, scimon)
    page = client.get("/papers/1").get_data(as_text=True)
    assert 'value="pain" checked' in page and "(&#39;pain&#39; in the title)" in page
    assert 'value="bladder_bowel" >' in page  # offered, not chosen
    token = csrf(client, "/papers/1")
    response = client.post(
        "/papers/1/categories",
        data={"category": ["spinal_cord_injury", "spasticity"], "csrf_token": token},
    )
    assert response.status_code == 302
    page = client.get("/papers/1").get_data(as_text=True)
    assert "corrected by an editor" in page
    assert 'value="spasticity" checked' in page and 'value="pain" >' in page
    md = client.get("/export?format=md&status=to_summarize").get_data(as_text=True)
    assert "- **Categories:** Spinal Cord Injury, Spasticity" in md
    ris_download = client.get("/export?format=ris&status=to_summarize")
    assert ris_download.headers["Content-Type"].startswith("application/x-research-info-systems")
    assert ris_download.headers["Content-Disposition"].endswith('.ris"')
    # an id the rules do not know is refused; a form without the CSRF token too
    bad = client.post("/papers/1/categories", data={"category": ["nope"], "csrf_token": token})
    assert bad.status_code == 400
    assert client.post("/papers/1/categories", data={"category": ["pain"]}).status_code == 400
    # back to the rules
    client.post("/papers/1/categories", data={"reset": "1", "csrf_token": token})
    with scimon.sessions() as session:
        assert category_override(session, 1) is None


def test_plain_text_keeps_comparisons_that_look_like_tags() -> None:
    assert plain_text("p<0.05 and <i>n</i> > 3 &amp; x") == "p<0.05 and n > 3 & x"


def test_bibtex_identifiers_are_verbatim_and_cannot_unbalance_an_entry() -> None:
    assert bibtex_verbatim("10.1002/(SICI)1097-0258_x") == "10.1002/(SICI)1097-0258_x"
    assert bibtex_verbatim("10.1/a}b{c\\d e") == "10.1/abcde"


def test_the_categories_file_is_checked_with_the_others(tmp_path: Path) -> None:
    config = tmp_path / "sci.toml"
    triage = REPO / "queries" / "triage.toml"
    base = f'[vocabulary]\ntiab = ["spinal cord injur*"]\n[triage]\nfile = "{triage}"\n'
    config.write_text(base)
    settings = load_settings(str(config), env={})
    # no key, no file beside the config: the shipped list
    assert settings.categories_file() == REPO / "queries" / "categories.toml"
    (tmp_path / "categories.toml").write_text('[[category]]\nid = "x"\n')
    with pytest.raises(ConfigError, match=r"categories.toml: category\[0\]\.id"):
        check_config_files(settings, feeds=False, triage=True)
    config.write_text(base + '[categories]\nfile = "missing.toml"\n')
    with pytest.raises(ConfigError, match=r"missing\.toml: categories file not found"):
        load_settings(str(config), env={}).categories_file()


def test_a_longer_phrase_that_means_something_else_does_not_count() -> None:
    assert "mental_health" not in ids("Opioid-induced respiratory depression after SCI", "")
    assert "mental_health" in ids("Depression and pain after SCI", "")


def test_unstructured_roles_by_place_and_cue() -> None:
    roles = [
        s.role
        for s in sentences_of(
            "",
            "The NASCIS II trial concluded in 1990 that steroids improved recovery (p < 0.05). "
            "There is no effective therapy in clinical practice. "
            "Drug X has been shown to improve recovery in mice by 20%. "
            "We aimed to test drug X in rats. "
            "Mean differences with 95% confidence intervals were calculated. "
            "Drug X improved recovery by 30% (p < 0.01).",
        )
    ]
    assert roles == ["background", "background", "background", "objective", "methods", "results"]
