"""Exports neutralise what publishers' text can carry (issue 18, item 4).

A title or abstract is untrusted: in the CSV a cell starting with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return (or their full-width forms) is a formula
when a spreadsheet opens the file; in the Markdown, raw ``<script>`` or
``<img onerror>`` runs in renderers that pass HTML through.
"""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest

from monitor.briefs.export import render


def hostile_brief(**changes: Any) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": 1,
        "title": "A title",
        "journal": "Spinal Cord",
        "year": 2026,
        "doi": "10.1038/s41393-026-00900-1",
        "doi_url": "https://doi.org/10.1038/s41393-026-00900-1",
        "pmid": "900",
        "publication_date": "2026-11-01",
        "pmcid": None,
        "url": None,
        "authors": [{"family": "Doe", "given": "Jane", "initials": "J"}],
        "categories": [{"id": "bladder_bowel", "label": "Bladder and Bowel", "reason": None}],
        "categories_corrected": False,
        "participants": None,
        "evidence_level": "Randomized controlled trial",
        "study_duration": None,
        "key_findings": [],
        "research_summary": None,
        "practical_implications": [],
        "limitations": [],
        "future_research": [],
        "abstract": "",
        "status": "to_summarize",
        "assignee": None,
        "flag": None,
        "decision": None,
        "notes": [],
    }
    item.update(changes)
    return item


@pytest.mark.parametrize(
    "cell",
    [
        "=1+1",
        "+cmd|' /C calc'!A0",
        "-2+3+cmd|' /C calc'!A0",
        "@SUM(1+1)",
        "\t=1+1",
        "\r=1+1",
        "\uff1dHYPERLINK(1)",  # full-width =
        "\uff0bcmd|x",  # full-width +
        "\uff0d1+cmd|x",  # full-width -
        "\uff20SUM(1)",  # full-width @
        "  =1+1",  # spaces first: some spreadsheets trim them
    ],
)
def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(cell: str) -> None:
    text = render([hostile_brief(title=cell, key_findings=[cell], journal=cell)], "csv")
    (row,) = list(csv.DictReader(io.StringIO(text)))
    # the title is plain text first (tags stripped, spaces folded), then neutralised
    assert row["title"] == "'" + " ".join(cell.split())
    assert row["key_findings"] == "'" + cell
    assert row["journal"] == "'" + cell


def test_csv_quotes_every_field_and_leaves_plain_values_alone() -> None:
    item = hostile_brief(title="Walking after SCI: a trial", participants="-5", year=2026)
    text = render([item, hostile_brief(title="-12.5")], "csv")
    header, *lines = text.splitlines()
    assert header.startswith("pmid,pmcid,doi,title,authors,journal,year")
    assert lines and all(line.startswith('"') for line in lines), lines
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0]["title"] == "Walking after SCI: a trial"
    assert rows[0]["year"] == "2026"
    # a bare number cannot call anything: it stays a number (documented in export.py)
    assert rows[0]["participants"] == "-5"
    assert rows[1]["title"] == "-12.5"


def test_markdown_briefs_carry_no_html() -> None:
    item = hostile_brief(
        title="Bladder <script>alert(1)</script> care",
        journal="<img src=x onerror=alert(1)>",
        abstract="Results <img src=x onerror=alert(2)> & more.\n\nSecond <b>paragraph</b>.",
        key_findings=["Safe <iframe src=//evil></iframe>"],
        flag="retraction <a href=javascript:alert(3)>notice</a>",
        categories=[{"id": "x", "label": "<svg onload=alert(4)>", "reason": "'<b>' in the title"}],
        notes=[{"editor": "<img src=x>", "at": None, "status": "maybe", "note": "<script>n</script>"}],
    )
    text = render([item], "md")
    for tag in ("<script", "<img", "<iframe", "<a ", "<svg", "<b>"):
        assert tag not in text, tag
    assert "## Bladder &lt;script&gt;alert(1)&lt;/script&gt; care" in text
    assert "&amp; more." in text and "Second &lt;b&gt;paragraph&lt;/b&gt;." in text


def test_markdown_titles_stay_on_their_heading_line() -> None:
    text = render([hostile_brief(title="Title\n\n<script>x</script>\n# Not a heading")], "md")
    assert text.splitlines()[0] == "## Title &lt;script&gt;x&lt;/script&gt; # Not a heading"
