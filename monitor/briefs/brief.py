"""One brief per paper: the fields of the site's summary card that scimon can fill.

A brief is the writer's starting point for a card: title; journal and year;
DOI; publication date; categories; study duration; participants; evidence
level; key findings; a research summary (the writer's, always empty here);
practical implications; limitations; plus what the editors said (their
notes, the reason for the decision), the authors and every identifier.
Every field is either read from the record, quoted from the abstract, or
left empty: nothing is written for the writer.  docs/brief-schema.json
describes the dict :func:`brief` returns.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from monitor.briefs.categories import Categories
from monitor.briefs.duration import duration_of
from monitor.briefs.evidence import evidence_level_of
from monitor.briefs.findings import findings_of
from monitor.triage.participants import participants_of
from storage.models import EditorAction, Paper, PaperStatus, PaperTriage
from storage.review import category_override, editor_notes, papers_with_status
from storage.session import UnitOfWork

_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]{0,200})?/?>")


def plain_text(value: str | None) -> str:
    """Publishers' inline HTML (``<i>in vivo</i>``, ``&lt;``) as plain text on one line."""
    if not value:
        return ""
    return " ".join(html.unescape(_TAG.sub("", value)).split())


# -- participants, duration, evidence level ---------------------------------------------------
# The three card fields read from the text have their own modules (issue 20):
# participants.py (the number-unit grammar that also feeds triage), duration.py and
# evidence.py (OCEBM 2011).  The stored triage gives the design the evidence level
# starts from; the participants are read again from the abstract so a brief is right
# even for a paper triaged by older rules.


@dataclass(frozen=True)
class StudyFacts:
    participants: str | None
    duration: str | None
    evidence_level: str | None


def study_facts(paper: Paper, triage: PaperTriage | None) -> StudyFacts:
    """Participants, study duration and evidence level of the card, or None each."""
    text = _Text(plain_text(paper.title), paper.abstract or "")
    found = participants_of(text)
    participants = str(found) if found is not None else None
    level = evidence_level_of(text, triage) if triage is not None else None
    return StudyFacts(
        participants=participants,
        duration=duration_of(text),
        evidence_level=level.label if level is not None else None,
    )


@dataclass(frozen=True)
class _Text:
    title: str
    abstract: str


# -- the brief ----------------------------------------------------------------------------------


def _authors(paper: Paper) -> list[dict[str, str]]:
    out = []
    for stored in paper.authors or []:
        if not isinstance(stored, dict) or not stored.get("last"):
            continue
        given = stored.get("fore") or stored.get("initials") or ""
        out.append(
            {
                "family": str(stored["last"]),
                "given": str(given),
                "initials": str(stored.get("initials") or ""),
            }
        )
    return out


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _categories(
    paper: Paper, categories: Categories, override: list[str] | None
) -> list[dict[str, Any]]:
    if override is not None:
        return [
            {"id": cid, "label": categories.label(cid), "source": "editor", "reason": None}
            for cid in override
        ]
    return [
        {
            "id": m.id,
            "label": m.label,
            "source": "rules",
            "reason": m.reason,
            "role": m.role,
            "sentence": m.sentence,
        }
        for m in categories.match(paper.title, paper.abstract)
    ]


def _decision(status: PaperStatus | None, notes: list[EditorAction]) -> dict[str, Any] | None:
    if status is None:
        return None
    # the note of the change that set the current status is the reason for it
    reason = next(
        (a.note for a in reversed(notes) if a.to_status == status.status and a.note), None
    )
    return {
        "status": status.status,
        "by": status.updated_by,
        "at": _iso(status.updated_at),
        "reason": reason,
    }


def brief(
    paper: Paper,
    triage: PaperTriage | None,
    status: PaperStatus | None,
    categories: Categories,
    *,
    override: list[str] | None = None,
    notes: list[EditorAction] | None = None,
) -> dict[str, Any]:
    facts = study_facts(paper, triage)
    found = findings_of(plain_text(paper.title), paper.abstract)
    notes = notes or []
    return {
        "id": paper.id,
        "title": paper.title,
        "authors": _authors(paper),
        "journal": paper.journal,
        "year": paper.pub_year,
        "doi": paper.doi,
        "doi_url": f"https://doi.org/{paper.doi}" if paper.doi else None,
        "pmid": paper.pmid,
        "pmcid": paper.pmcid,
        "url": paper.url,
        "publication_date": paper.published_on.isoformat() if paper.published_on else None,
        "categories": _categories(paper, categories, override),
        "categories_corrected": override is not None,
        "study_duration": facts.duration,
        "participants": facts.participants,
        "evidence_level": facts.evidence_level,
        "key_findings": found.key_findings,
        "research_summary": None,
        "practical_implications": found.practical_implications,
        "limitations": found.limitations,
        "future_research": found.future_research,
        "abstract": paper.abstract,
        "status": status.status if status else "new",
        "assignee": status.assignee if status else None,
        "flag": status.flag if status else None,
        # a preprint is not peer reviewed: writers must say so
        "preprint": bool(paper.is_preprint),
        "decision": _decision(status, notes),
        "notes": [
            {"editor": a.editor, "at": _iso(a.created_at), "status": a.to_status, "note": a.note}
            for a in notes
        ],
    }


def briefs(
    session: UnitOfWork, statuses: tuple[str, ...], categories: Categories
) -> list[dict[str, Any]]:
    out = []
    for pid in papers_with_status(session, statuses):
        paper = session.get(Paper, pid)
        if paper is None or paper.deleted_at is not None:
            continue
        out.append(
            brief(
                paper,
                session.get(PaperTriage, pid),
                session.get(PaperStatus, pid),
                categories,
                override=category_override(session, pid),
                notes=editor_notes(session, pid),
            )
        )
    return out
