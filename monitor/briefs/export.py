"""Briefs for summary writers: ``scimon export`` and the shortlist's download button.

One brief per paper with what the published plain-language summaries show:
title, journal, year, DOI, publication date, categories (topics),
participants, evidence level (study design), study duration when the
abstract states it, the abstract, and its conclusion sentences.

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

from monitor.triage.design import LABELS
from storage.models import Paper, PaperStatus, PaperTriage
from storage.review import papers_with_status
from storage.session import UnitOfWork

FORMATS = ("md", "json", "csv")
_DURATION = re.compile(
    r"\b(\d+|one|two|three|four|five|six|eight|ten|twelve)[\s-](day|week|month|year)s?\b"
    r"(?:[\s-](?:follow[\s-]?up|intervention|program(?:me)?|period|trial|study))?"
    r"|\bfollow[\s-]?up (?:of|for) (\d+|one|two|three|six|twelve) (day|week|month|year)s?\b"
    r"|\bover (\d+|one|two|three|six|twelve) (day|week|month|year)s?\b",
    re.IGNORECASE,
)
_CONCLUSION = re.compile(
    r"^(CONCLUSIONS?[^:]*|INTERPRETATION|IMPLICATIONS?)\s*:\s*(.+)$", re.IGNORECASE | re.MULTILINE
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


def study_duration(abstract: str) -> str | None:
    """'12-week', 'follow-up of 2 years', 'over 6 months', or None."""
    for match in _DURATION.finditer(abstract):
        tail = abstract[match.end() : match.end() + 5].lstrip(" -")
        if tail.startswith("old"):  # an age ("45-year-old"), not a duration
            continue
        return match.group(0)
    return None


def conclusion(abstract: str) -> str:
    match = _CONCLUSION.search(abstract)
    if match:
        return match.group(2).strip()
    sentences = re.split(r"(?<=[.!?])\s+", abstract.strip())
    return " ".join(sentences[-2:]) if len(sentences) > 2 else ""


def brief(
    paper: Paper, triage: PaperTriage | None, status: PaperStatus | None, topic_label: Any
) -> dict[str, Any]:
    participants = None
    if triage is not None and triage.participants_n is not None:
        participants = f"{triage.participants_n:,} {triage.participants_unit or ''}".strip()
    return {
        "id": paper.id,
        "title": paper.title,
        "journal": paper.journal,
        "year": paper.pub_year,
        "doi": paper.doi,
        "doi_url": f"https://doi.org/{paper.doi}" if paper.doi else None,
        "pmid": paper.pmid,
        "publication_date": paper.published_on.isoformat() if paper.published_on else None,
        "categories": [topic_label(t) for t in (triage.topics if triage else [])],
        "participants": participants,
        "evidence_level": LABELS.get(triage.design, triage.design) if triage else None,
        "study_duration": study_duration(paper.abstract),
        "abstract": paper.abstract,
        "conclusion": conclusion(paper.abstract),
        "status": status.status if status else "new",
        "assignee": status.assignee if status else None,
        "flag": status.flag if status else None,
        # a preprint is not peer reviewed: writers must say so
        "preprint": bool(paper.is_preprint),
    }


def briefs(
    session: UnitOfWork, statuses: tuple[str, ...], topic_label: Any
) -> list[dict[str, Any]]:
    out = []
    for pid in papers_with_status(session, statuses):
        paper = session.get(Paper, pid)
        if paper is None or paper.deleted_at is not None:
            continue
        out.append(
            brief(paper, session.get(PaperTriage, pid), session.get(PaperStatus, pid), topic_label)
        )
    return out


def render(items: list[dict[str, Any]], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(items, indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        fields = [
            "title",
            "journal",
            "year",
            "doi",
            "publication_date",
            "categories",
            "participants",
            "evidence_level",
            "study_duration",
            "conclusion",
            "abstract",
            "status",
            "flag",
            "preprint",
        ]
        # the header is ours; every cell below is quoted, so no separator or line
        # break in a title or abstract is read as structure
        csv.writer(buf).writerow(fields)
        writer = csv.DictWriter(
            buf, fieldnames=fields, extrasaction="ignore", quoting=csv.QUOTE_ALL
        )
        for item in items:
            row = {"preprint": False, **item, "categories": "; ".join(item["categories"])}
            writer.writerow({key: spreadsheet_safe(row[key]) for key in fields})
        return buf.getvalue()
    return _markdown(items)


def _markdown(items: list[dict[str, Any]]) -> str:
    def line(value: Any) -> str:
        return markdown_safe(str(value), one_line=True)

    lines: list[str] = []
    for item in items:
        lines += [f"## {line(item['title'])}", ""]
        if item["flag"]:
            lines += [f"> **Warning:** {line(item['flag'])}", ""]
        if item.get("preprint"):
            lines += [f"> **Preprint** (not peer reviewed), {line(item['journal'])}", ""]
        for label, key in (
            ("Journal", "journal"),
            ("Year", "year"),
            ("DOI", "doi_url"),
            ("Publication date", "publication_date"),
            ("Evidence level", "evidence_level"),
            ("Participants", "participants"),
            ("Study duration", "study_duration"),
        ):
            if item[key]:
                lines.append(f"- **{label}:** {line(item[key])}")
        if item["categories"]:
            lines.append(f"- **Categories:** {line(', '.join(item['categories']))}")
        if item["conclusion"]:
            lines += ["", f"**Conclusion:** {line(item['conclusion'])}"]
        if item["abstract"]:
            lines += ["", "**Abstract**", "", markdown_safe(item["abstract"])]
        lines += ["", "---", ""]
    return "\n".join(lines)
