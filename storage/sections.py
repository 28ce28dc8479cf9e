"""The digest's sections: which one a paper falls in, by study design and population.

One definition for two readers: the digest groups its candidates in Python
(``section_of``) and the review queue filters in SQL (``in_section``), where a
digest's "N more" link lands.  Both are built from the tables below, so an
animal case report is "Preclinical" in the email and in the app alike.  It
lives in storage because the queue's SQL needs it and storage never imports
``monitor``; the digest imports it from here.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, case, literal, or_

from storage.models import PaperTriage

SECTIONS = (
    ("clinical", "Clinical evidence: reviews and trials"),
    ("human", "Human studies"),
    ("preclinical", "Preclinical studies"),
    ("other", "Reviews and other papers"),
)
SECTION_KEYS = tuple(key for key, _ in SECTIONS)
CLINICAL_DESIGNS = ("systematic_review", "guideline", "rct", "non_randomized_trial")
PRECLINICAL = ("animal", "in_vitro")  # as a design or as the population studied
OTHER_DESIGNS = ("narrative_review", "commentary", "other", "protocol")
FALLBACK = "human"  # every other design (observational, qualitative, case report...)


def section_of(design: str | None, population: str | None) -> str:
    """The section key of a paper; the first rule that matches wins, in this order."""
    if design in CLINICAL_DESIGNS:
        return "clinical"
    if design in PRECLINICAL or population in PRECLINICAL:
        return "preclinical"
    if design in OTHER_DESIGNS:
        return "other"
    return FALLBACK


def _section_column() -> ColumnElement[str]:
    """``section_of`` as a SQL CASE over paper_triage (a NULL matches no rule, as in Python)."""
    design, population = PaperTriage.design, PaperTriage.population
    return case(
        (design.in_(CLINICAL_DESIGNS), literal("clinical")),
        (or_(design.in_(PRECLINICAL), population.in_(PRECLINICAL)), literal("preclinical")),
        (design.in_(OTHER_DESIGNS), literal("other")),
        else_=literal(FALLBACK),
    )


def in_section(key: str) -> ColumnElement[bool]:
    """A WHERE condition: the paper's triage puts it in section ``key``.

    An untriaged paper is in no section: the digest only takes triaged papers."""
    if key not in SECTION_KEYS:
        raise ValueError(f"unknown section {key!r} (one of {', '.join(SECTION_KEYS)})")
    return and_(PaperTriage.paper_id.is_not(None), _section_column() == key)
