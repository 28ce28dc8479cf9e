"""Study design: from PubMed publication types and MeSH study-design headings when
indexed, else from the text.

Most new papers carry no publication types beyond "Journal Article" (only ~2%
of a daily update file is MEDLINE-indexed), so the text rules are the ones
that matter.  They look for what authors write about their own design
("we randomly assigned", "a systematic review and meta-analysis", "we report
a case", "a 45-year-old man"), for the structured-abstract labels that some
designs use ("SEARCH METHODS:", "CASE PRESENTATION:", "PATIENT CONCERNS:"),
and for how such papers are titled ("... : a case report", "... masquerading
as ..."), title first, then the abstract, and each decision returns the
phrase that fired as its reason.  Phrases that merely mention a design (a
review citing "case reports", "a case-control study", "to inform a
definitive randomised trial") are kept out on purpose.

The phrases are tables in monitor/triage/design_patterns.py; the order in
which they are asked, one small decision each, is the list in
monitor/triage/design_decisions.py (and what every decision reads of the
paper, monitor/triage/design_paper.py).  This module keeps the designs, the
indexing's publication types and MeSH, and the entry point for the text.
"""

from __future__ import annotations

# the designs, their evidence rank and labels live in monitor/facets.py (light to import)
from collections.abc import Callable

from monitor.facets import DESIGNS as DESIGNS
from monitor.facets import EVIDENCE_RANK as EVIDENCE_RANK
from monitor.facets import LABELS as LABELS
from monitor.facets import design_label as design_label
from monitor.triage.design_decisions import decide
from monitor.triage.design_paper import NO_ABSTRACT, Paper
from monitor.triage.design_paper import NO_DESIGN as NO_DESIGN  # re-exported for its callers
from monitor.triage.design_paper import SERIES_MAX as SERIES_MAX
from monitor.triage.design_patterns import MESH_DESIGNS, PUBTYPES

NOTICE_TYPES = {
    "published erratum", "retraction of publication", "expression of concern",
    "retraction notice", "correction",
}  # fmt: skip


def design_from_pubtypes(pub_types: tuple[str, ...]) -> tuple[str, str] | None:
    """(design, reason) from indexed publication types, or None if they say nothing."""
    lowered = {p.lower() for p in pub_types}
    for pubtype, design in PUBTYPES:
        if pubtype in lowered:
            return design, f"publication type: {pubtype.title()}"
    return None


def design_from_indexing(
    pub_types: tuple[str, ...], mesh: tuple[str, ...]
) -> tuple[str, str] | None:
    """(design, reason) from NLM's indexing: publication types first, then the MeSH
    study-design descriptors; None if neither names a design."""
    found = design_from_pubtypes(pub_types)
    if found is not None or not mesh:
        return found
    lowered = {m.lower() for m in mesh}
    if "animals" in lowered and "humans" not in lowered:
        return None  # "Longitudinal Studies" of rats: an animal study (see population)
    for heading, design in MESH_DESIGNS:
        if heading in lowered:
            return design, f"MeSH: {heading.title()}"
    return None


# MEDLINE holds abstracts of papers published from 1975 on; before that a
# missing abstract says nothing about the paper (in the corpus key, 1 of the 24
# older papers without one is a comment, against 43 of 82 of the later ones)
ABSTRACTS_SINCE = 1975


def design_from_lowered(
    title: str,
    abstract: str,
    population: str,
    journal: str = "",
    participants: int | Callable[[], int | None] | None = None,
    *,
    year: int | None = None,
    features: list[str] | None = None,
) -> tuple[str, str]:
    """(design, reason) from the title and abstract (already lowercased), from the
    journal's name when it says the journal publishes case reports, and from the
    number of participants the abstract gives (a large series is no case report).
    ``year``: of publication, to know whether a missing abstract means anything.
    ``features``: when given, receives what the confidence model reads of the paper
    (``Paper.features``)."""
    # "this paper presents a case study of a hospital operating room": a case study
    # is of anything, so its "case" is not the patient the case phrases look for
    # (one of a patient names them: "a case study of a 62-year-old woman")
    abstract = abstract.replace("case stud", "casestud")
    set_aside: list[str] = []
    paper = Paper(title, abstract, population, journal, participants, set_aside)
    design, reason = decide(paper)
    if reason == NO_ABSTRACT and year is not None and year < ABSTRACTS_SINCE:
        reason = f"no abstract, as for most papers before {ABSTRACTS_SINCE}"
    if set_aside and design != "case_report":
        reason += f"; {paper.participants} participants: not a case report ({set_aside[0]!r})"
    if features is not None:
        features.extend(paper.features(design))
    return design, reason
