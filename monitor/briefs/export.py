"""Briefs for summary writers: ``scimon export`` and the shortlist's download buttons.

:mod:`monitor.briefs.brief` builds one brief per paper (the fields of the
site's card); this module writes them as a Markdown card, JSON (the shape
docs/brief-schema.json describes), CSV, and through
:mod:`monitor.briefs.citations` as RIS, BibTeX and CSL-JSON.

Titles and abstracts come from publishers and PubMed, so they are untrusted
text: the CSV is opened in spreadsheets (formula injection) and the Markdown in
renderers that pass HTML through.  :func:`spreadsheet_safe` and
:func:`markdown_safe` neutralise both; the JSON keeps the published values
unaltered (it is data for programs, which must escape for their own output).
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from typing import Any

from monitor.briefs.brief import plain_text
from monitor.briefs.citations import bibtex, csl_json, note_lines, ris
from monitor.briefs.findings import NOT_STATED

FORMATS = ("md", "json", "csv", "ris", "bibtex", "csl-json")
# what the web download sends for each format: (content type, file name extension)
MEDIA = {
    "md": ("text/markdown; charset=utf-8", "md"),
    "json": ("application/json", "json"),
    "csv": ("text/csv; charset=utf-8", "csv"),
    "ris": ("application/x-research-info-systems; charset=utf-8", "ris"),
    "bibtex": ("application/x-bibtex; charset=utf-8", "bib"),
    "csl-json": ("application/vnd.citationstyles.csl+json", "csl.json"),
}
NOT_SPECIFIED = "Not specified"
CSV_FIELDS = (
    "pmid",
    "pmcid",
    "doi",
    "title",
    "authors",
    "journal",
    "year",
    "publication_date",
    "categories",
    "study_duration",
    "participants",
    "evidence_level",
    "key_findings",
    "practical_implications",
    "limitations",
    "future_research",
    "status",
    "decision_reason",
    "notes",
    "flag",
    "preprint",
    "abstract",
)


# OWASP's CSV-injection triggers (= + - @ tab, carriage return) and their full-width
# forms, which some spreadsheets also read as the start of a formula
_FORMULA_START = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def spreadsheet_safe(value: Any) -> Any:
    """A CSV cell that a spreadsheet shows as text instead of running it.

    A string whose first character (after any spaces, which some spreadsheets
    trim) starts a formula gets a leading ``'``, as OWASP advises.  A bare
    number ("-5", "+1.5e3") is left alone: it can call nothing, and a
    participant count or effect size should stay a number.  None of today's
    columns holds one, but a legitimate negative number must not be mangled.
    """
    if not isinstance(value, str) or not value:
        return value
    first = value.lstrip(" \u3000")[:1]
    if first in _FORMULA_START and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def markdown_safe(text: str, *, one_line: bool = False) -> str:
    """Escape HTML (renderers pass raw HTML through) and inline-link syntax.

    ``<``, ``>`` and ``&`` become entities, which every Markdown renderer shows
    as the characters; ``](`` is broken with a backslash so that a title cannot
    become a link or a remote image (``![x](https://tracker/)``).  ``one_line``
    folds line breaks, so a title stays on its heading line.
    """
    text = html.escape(text, quote=False).replace("](", "]\\(")
    if one_line:
        text = " ".join(text.split())
    return text


def render(items: list[dict[str, Any]], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(items, indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        return _csv(items)
    if fmt == "ris":
        return ris(items)
    if fmt == "bibtex":
        return bibtex(items)
    if fmt == "csl-json":
        return csl_json(items)
    return _markdown(items)


def _csv(items: list[dict[str, Any]]) -> str:
    buf = io.StringIO()
    # the header is ours; every cell below is quoted, so no separator or line
    # break in a title or abstract is read as structure
    csv.writer(buf).writerow(CSV_FIELDS)
    writer = csv.DictWriter(buf, fieldnames=CSV_FIELDS, quoting=csv.QUOTE_ALL)
    for item in items:
        decision = item.get("decision") or {}
        row = {
            **{key: item.get(key) for key in CSV_FIELDS},
            "title": plain_text(item["title"]),
            "authors": "; ".join(_author(a) for a in item["authors"]),
            "categories": "; ".join(c["label"] for c in item["categories"]),
            "study_duration": item["study_duration"] or NOT_SPECIFIED,
            "decision_reason": decision.get("reason"),
            "notes": "\n".join(
                f"{n['editor']} ({(n['at'] or '')[:10]}): {n['note']}" for n in item["notes"]
            ),
        }
        for key in ("key_findings", "practical_implications", "limitations", "future_research"):
            row[key] = "\n".join(item[key])
        writer.writerow({key: spreadsheet_safe(row[key]) for key in CSV_FIELDS})
    return buf.getvalue()


def _author(author: dict[str, str]) -> str:
    return f"{author['family']} {author['initials']}".strip()


_INLINE_TAGS = re.compile(r"</?(?:i|b|em|strong|u|sub|sup|scp)>", re.IGNORECASE)


def _markdown(items: list[dict[str, Any]]) -> str:
    """Each brief laid out like the site's card, then what the writer needs besides."""

    def line(value: Any) -> str:
        # publishers' inline formatting goes; any other tag is shown, escaped, as text
        return markdown_safe(_INLINE_TAGS.sub("", str(value)), one_line=True)

    def quotes(title: str, sentences: list[str]) -> list[str]:
        out = ["", f"### {title}", ""]
        if not sentences:
            return [*out, f"_{NOT_STATED}._"]
        quoted = [f"- \u201c{line(s)}\u201d" for s in sentences]
        return [*out, "_Quoted from the abstract:_", "", *quoted]

    lines: list[str] = []
    for item in items:
        lines += [f"## {line(item['title'])}", ""]
        if item["flag"]:
            lines += [f"> **Warning:** {line(item['flag'])}", ""]
        if item.get("preprint"):
            lines += [f"> **Preprint** (not peer reviewed), {line(item['journal'])}", ""]
        journal_year = ", ".join(str(v) for v in (item["journal"], item["year"]) if v)
        categories = ", ".join(c["label"] for c in item["categories"])
        for label, value in (
            ("Journal and year", journal_year or None),
            ("DOI", item["doi_url"]),
            ("Publication date", item["publication_date"]),
            ("Categories", categories or NOT_SPECIFIED),
            ("Study duration", item["study_duration"] or NOT_SPECIFIED),
            ("Participants", item["participants"] or NOT_STATED),
            ("Evidence level", item["evidence_level"] or NOT_SPECIFIED),
        ):
            if value:
                lines.append(f"- **{label}:** {line(value)}")
        ids = [f"{k} {item[v]}" for k, v in (("PMID", "pmid"), ("PMCID", "pmcid")) if item[v]]
        if ids:
            lines.append(f"- **Identifiers:** {line(', '.join(ids))}")
        if item["authors"]:
            lines.append(f"- **Authors:** {line(', '.join(_author(a) for a in item['authors']))}")
        lines += quotes("Key findings", item["key_findings"])
        lines += ["", "### Research summary", "", "_To be written by the summary writer._"]
        lines += quotes("Practical implications", item["practical_implications"])
        lines += quotes("Limitations", item["limitations"])
        lines += quotes("Future research", item["future_research"])
        editors = [n for n in note_lines(item) if n.startswith(("Decision:", "Editor note"))]
        if editors:
            lines += ["", "### Editors", "", *(f"- {line(n)}" for n in editors)]
        reasons = [c for c in item["categories"] if c.get("reason")]
        if reasons or item.get("categories_corrected"):
            lines += ["", "### Why these categories", ""]
            if item.get("categories_corrected"):
                lines.append("- corrected by an editor")
            lines += [f"- {line(c['label'])}: {line(c['reason'])}" for c in reasons]
        if item["abstract"]:
            lines += ["", "### Abstract", "", markdown_safe(item["abstract"])]
        lines += ["", "---", ""]
    return "\n".join(lines)
