"""SCI relevance: is the paper about spinal cord injury, one population among several, or not?

core: SCI is the subject (an SCI word in the title, in keywords or MeSH, or
repeatedly in the abstract); peripheral: SCI beside other populations, or
mentioned once; off-topic: no SCI words, or only inside a subject that
borrows them (spinal cord stimulation for back pain, hereditary spastic
paraplegia...).  The vocabulary is config: [vocabulary] in sci.toml and
[relevance] in triage.toml.
"""

from __future__ import annotations

import re

from monitor.records import PaperRecord
from monitor.triage.fastre import Pattern
from monitor.triage.rules import Reading, TriageRules


def _count(pattern: Pattern, text: str) -> list[str]:
    return [m.group(0) for m in pattern.finditer(text)]


_ABBREVIATION = re.compile(r"\(([A-Z][A-Za-z]{1,7})\)")


def _sci_abbreviation(abstract: str, rules: TriageRules) -> str | None:
    """An abbreviation defined for an SCI phrase and used again later in the abstract.

    Looks at each "(ABBR)" in the original text and asks whether an SCI phrase
    ends within a few words before it ("traumatic spinal cord injury (TSCI)"),
    so case and the length changes of ``str.lower`` never shift positions.
    """
    for defined in _ABBREVIATION.finditer(abstract):
        before = abstract[max(0, defined.start() - 80) : defined.start()].lower()
        if not any(len(before) - m.end() <= 30 for m in rules.sci.finditer(before)):
            continue
        short = defined.group(1)
        if re.search(rf"\b{re.escape(short)}\b", abstract[defined.end() :]):
            return short
    return None


def _other_population(text: str, rules: TriageRules) -> str | None:
    """The other population named beside SCI, not counting words that only look
    like one ("stroke volume", "heat stroke": ``other_populations_not``)."""
    if rules.other_populations.search(text) is None:  # most texts: one search
        return None
    found = rules.other_populations.search(rules.other_populations_not.sub(" ", text))
    return found.group(0) if found else None


def relevance_of(
    record: PaperRecord, rules: TriageRules, use_indexing: bool, reading: Reading | None = None
) -> tuple[str, str]:
    """(relevance, reason): the phrase or index term that decided it.

    ``reading`` when the caller has it (population reads the same).
    """
    # which of the SCI, off-topic and adjacent phrases occur at all, in one pass:
    # most papers of a daily file have none, and each absent one is not searched
    (title, abstract), present = reading or Reading.of(record, rules)
    text = present.text
    off = rules.off_topic.search(text) if rules.off_topic in present else None
    keywords = " ; ".join(record.keywords).lower()
    if off:
        # SCI words inside an off-topic phrase ("hereditary spastic paraplegia") do not count
        title, abstract = rules.off_topic.sub(" ", title), rules.off_topic.sub(" ", abstract)
        keywords = rules.off_topic.sub(" ", keywords)
    title_hits = _count(rules.sci, title) if rules.sci in present else []
    abstract_hits = _count(rules.sci, abstract) if rules.sci in present else []
    keyword_hits = _count(rules.sci, keywords)
    mesh_sci = use_indexing and any(m.lower() in rules.sci_mesh for m in record.mesh)
    # the off-topic subject decides unless the title or MeSH names SCI, or the text
    # names SCI outside it more often than it names the subject ("women with SCI ...
    # under spinal anaesthesia ... after SCI above T6"): an aortic paper says
    # "paraplegia" as often as "thoracoabdominal", a paper on hereditary spastic
    # paraplegia keeps "paraplegia" among its keywords
    if off and not (
        title_hits
        or mesh_sci
        or len(keyword_hits) + len(abstract_hits) > len(_count(rules.off_topic, text))
    ):
        return "off_topic", f"off-topic subject: {off.group(0)!r}"
    if title_hits or mesh_sci or keyword_hits or len(abstract_hits) >= 2:
        if title_hits:
            reason = f"title: {title_hits[0]!r}"
        elif mesh_sci:
            reason = "MeSH: Spinal Cord Injuries"
        else:
            reason = f"text: {(keyword_hits or abstract_hits)[0]!r}"
        # SCI beside other conditions (stroke, MS...) is one population among several
        others = _other_population(title, rules) or (
            None if title_hits else _other_population(abstract, rules)
        )
        if others:
            return "peripheral", f"{reason}, beside {others!r}"
        return "core", reason
    if abstract_hits:
        # one spelled-out mention is often the definition of an abbreviation
        # used throughout ("spinal cord injury (SCI) ... SCI rats")
        if abbreviation := _sci_abbreviation(record.abstract, rules):
            return "core", f"text: {abstract_hits[0]!r} as {abbreviation!r}"
        return "peripheral", f"mentioned once: {abstract_hits[0]!r}"
    # no SCI word: neurological injury as an outcome of spine trauma ("Frankel
    # grade", "neurological deficit") makes SCI one subject among others, unless
    # the text says there was none ("without neurological deficit")
    if rules.adjacent not in present:
        return "off_topic", "no SCI term in title, abstract or keywords"
    text = rules.adjacent_negated.sub(" ", f"{title}\n{abstract}")
    if adjacent := rules.adjacent.search(text):
        return "peripheral", f"neurological injury: {adjacent.group(0)!r}"
    return "off_topic", "no SCI term in title, abstract or keywords"
