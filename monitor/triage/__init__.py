"""Triage: what kind of evidence a paper is, whether it is about SCI, what about.

``classify(record, rules)`` is pure (no database): the same function serves
the pipeline (after every fetch and import), ``scimon triage --all`` and the
evaluation against MEDLINE indexing, where ``use_indexing=False`` hides the
publication types and MeSH so only the text speaks.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from monitor.records import PaperRecord
from monitor.triage.confidence import Scored
from monitor.triage.design import (
    DESIGNS,
    EVIDENCE_RANK,
    LABELS,
    design_from_indexing,
    design_from_lowered,
)
from monitor.triage.design_paper import (
    ANIMAL_BY_POPULATION,
    BENCH_REASON,
    NO_DESIGN,
    POPULATION_ONLY,
    UNCOUNTED_DESIGNS,
)
from monitor.triage.design_patterns import OWN_FINDINGS, OWN_WORK, RESEARCH_OWN
from monitor.triage.participants import (
    CountReading,
    Participants,
    read_counts,
    shown,
)
from monitor.triage.relevance import relevance_of
from monitor.triage.review_model import ReviewModel, asked, model_text, readable
from monitor.triage.rules import Lowered, Reading, TriageRules, load_rules

__all__ = [
    "DESIGNS", "EVIDENCE_RANK", "LABELS", "POPULATIONS", "RELEVANCE", "Participants", "Triage",
    "TriageRules", "classify", "classify_many", "load_rules", "relevance_of",
]  # fmt: skip

from monitor.facets import POPULATIONS as POPULATIONS
from monitor.facets import RELEVANCE as RELEVANCE

NOTICE_LINKS = {"ErratumFor", "RetractionOf", "ExpressionOfConcernFor", "CommentOn"}


@dataclass(frozen=True)
class Triage:
    design: str
    evidence_rank: int
    population: str
    participants: Participants | None
    relevance: str
    topics: tuple[str, ...]
    is_notice: bool
    reasons: dict[str, list[str]] = field(default_factory=dict)
    rules_version: str = ""
    # each design's score in [0, 1] (monitor/triage/confidence.py), and the shown one's
    confidence: dict[str, float] = field(default_factory=dict)
    design_confidence: float = 1.0
    # what the confidence model read (empty for an indexed design): not stored
    features: tuple[str, ...] = ()


# a heading that opens the paper's own methods or results ("METHODS:", "Results.")
_OWN_SECTION = re.compile(
    r"(methods?|materials and methods|design|setting|subjects|participants|results|findings"
    r"|main outcome measures?|interventions?)\s*[:.]"
)
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+|(?<=[.?!]);\s*")
# a number before a human word ("24 patients", "n = 12 healthy volunteers"): people counted
# a count in digits or in words ("twelve patients", "twenty-four adults")
_COUNT_BEFORE = re.compile(
    r"(\d[\d,.]*|n ?= ?\d+[,;)]?|\b(one|two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|"
    r"thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand)(-[a-z]+)?)"
    r"\s+([\w-]+\s+){0,2}$"
)


def background_end(text: str, start: int, animal_hits: Sequence[re.Match[str]]) -> int:
    """Where the background of the abstract in ``text[start:]`` ends: at the first
    sentence that speaks of the paper's own work (OWN_WORK: "we", "this study",
    "here"), names the animals or opens a methods or results section.  Words for
    people before it name the disease's patients, not the paper's subjects."""
    first_animal = next((m.start() for m in animal_hits if m.start() >= start), len(text))
    at = start
    for end in [m.end() for m in _SENTENCE_END.finditer(text, start)] + [len(text)]:
        if at >= first_animal:
            return at
        sentence = text[at:end]
        if (
            _OWN_SECTION.match(sentence.lstrip())
            or OWN_WORK.search(sentence) is not None
            or end > first_animal
        ):
            return at
        at = end
    return at


# a structured abstract's headings; the study's own (methods, results) and the others
_HEADING = re.compile(
    r"(?:^|(?<=[.?!;:]\s)|(?<=\n))\s*(background|introduction|context|objectives?|aims?|purpose"
    r"|rationale|conclusions?|interpretation|implications?|significance|clinical relevance"
    r"|methods?|materials and methods|design|results|findings|measurements)\s*[:.]\s"
)
_STUDY_HEADINGS = (
    "methods",
    "method",
    "materials and methods",
    "design",
    "results",
    "findings",
    "measurements",
)


def outer_sections(
    text: str, start: int, animal_hits: Sequence[re.Match[str]]
) -> list[tuple[int, int]]:
    """The spans of a structured abstract's background and conclusion sections,
    when its methods or results name the animals: people named there are the
    disease's patients or the work's hoped-for use ("could be administered to
    trauma patients"), not its subjects.  Empty for an unstructured abstract."""
    heads = [(m.start(), m.group(1)) for m in _HEADING.finditer(text, start)]
    if not heads:
        return []
    spans = [
        (at, heads[i + 1][0] if i + 1 < len(heads) else len(text), name)
        for i, (at, name) in enumerate(heads)
    ]
    studied = [(a, b) for a, b, name in spans if name in _STUDY_HEADINGS]
    if not any(a <= m.start() < b for m in animal_hits for a, b in studied):
        return []
    return [(a, b) for a, b, name in spans if name not in _STUDY_HEADINGS]


def counted(text: str, at: int) -> bool:
    """Whether the human word at ``at`` follows a count ("24 patients")."""
    return _COUNT_BEFORE.search(text, max(0, at - 40), at) is not None


def population_of(
    record: PaperRecord, rules: TriageRules, use_indexing: bool, reading: Reading | None = None
) -> tuple[str, str]:
    if use_indexing and record.mesh:
        mesh = {m.lower() for m in record.mesh}
        human, animal = "humans" in mesh, "animals" in mesh
        if human and animal:
            return "both", "MeSH: Humans and Animals"
        if human:
            return "human", "MeSH: Humans"
        if animal:
            return "animal", "MeSH: Animals"
    lowered, present = reading or Reading.of(record, rules)
    title = lowered.title
    text = present.text
    # an antibody is named after its host ("rabbit polyclonal", "mouse anti-human
    # CD3", "goat anti-rabbit IgG"): that species is a reagent, not the subject
    reagent_after = ("monoclonal", "polyclonal", "anti-", "anti ", "antibod", "antihuman", "igg")
    reagent_before = ("monoclonal ", "polyclonal ", "anti-", "anti ")
    animal_hits = [
        m
        for m in (rules.animal.finditer(text) if rules.animal in present else ())
        if not text.startswith(reagent_after, m.end() + 1)
        and not text.endswith(reagent_before, 0, m.start())
    ]
    if animal_hits:
        # human words are counted only when they compete with animal words;
        # "non-human primates" are not humans
        human_hits = [
            m for m in rules.human.finditer(text) if not text.endswith("non-", 0, m.start())
        ]
        if human_hits:
            # the people named in the abstract's background ("commonly used in
            # critically ill patients") are not who was studied (issue 19, pop9);
            # "human" there names the material (human cells, tumours) and stays
            opening = background_end(text, len(title) + 1, animal_hits)
            outer = outer_sections(text, len(title) + 1, animal_hits)
            human_hits = [
                m
                for m in human_hits
                if counted(text, m.start())
                or not (
                    any(a <= m.start() < b for a, b in outer)
                    or (len(title) < m.start() < opening and m.group(0) not in ("human", "humans"))
                )
            ]
        animal_word = animal_hits[0].group(0)
        both = f"text: {animal_word!r} and {human_hits[0].group(0)!r}" if human_hits else ""
        if animal_hits[0].start() < len(title):
            # an animal named in the title is what was studied, unless the title
            # names people too ("... in humans and rats") or human words prevail
            if human_hits and (
                human_hits[0].start() < len(title) or len(human_hits) > len(animal_hits)
            ):
                return "both", both
            return "animal", f"title: {animal_word!r}"
        # animals only in the abstract: MEDLINE indexes Humans as well whenever
        # patients, human tissue or cells take part, as they mostly do when
        # human words are at least half as frequent as animal ones
        if 2 * len(human_hits) >= len(animal_hits):
            return "both", both
        return "animal", f"text: {animal_word!r}"
    if (found := present.first(rules.human)) is not None:
        return "human", f"text: {found!r}"
    if (vitro := present.first(rules.in_vitro)) is not None:
        return "in_vitro", f"text: {vitro!r}"
    return "unclear", "no population words"


def topics_of(
    record: PaperRecord, rules: TriageRules, lowered: Lowered | None = None
) -> tuple[tuple[str, ...], list[str]]:
    title, abstract = lowered or Lowered.of(record)
    text = f"{title}\n{abstract}\n{' ; '.join(record.keywords).lower()}"
    present = rules.topic_set.present(text)
    found: list[str] = []
    reasons: list[str] = []
    for topic_id, _label, pattern in rules.topics:
        # (the set's own test first: most topics are absent, and ``first`` is a call)
        if pattern in present and (phrase := present.first(pattern)) is not None:
            found.append(topic_id)
            reasons.append(f"{topic_id}: {phrase!r}")
    return tuple(found), reasons


def design_of(
    record: PaperRecord,
    population: str,
    participants: int | Callable[[], int | None] | None,
    use_indexing: bool,
    lowered: Lowered | None = None,
    review_model: ReviewModel | None = None,
    features: list[str] | None = None,
) -> tuple[str, str]:
    """(design, reason): publication types, then MeSH study designs, when indexed;
    else the text (and journal), and where the text names no design, the review
    model for an abstract that reads as a review (``review_model.asked`` says
    which).  MEDLINE's indexers tag every review, so an indexed paper without
    that tag is not asked.  ``features`` receives what the confidence model reads
    of a design decided from the text (it stays empty for an indexed design)."""

    def from_text() -> tuple[str, str]:
        title, abstract = lowered or Lowered.of(record)
        # (a comment link says what a bare title is, of any year)
        commented = any(link.kind == "CommentOn" for link in record.links)
        year = None if commented else record.pub_year
        read: list[str] = []
        found = design_from_lowered(
            title, abstract, population, record.journal, participants, year=year, features=read
        )
        if found[0] == "unclassified" and commented:
            return "commentary", "no abstract; CommentsCorrections: CommentOn"
        if (
            review_model is not None
            and found[1].startswith(NO_DESIGN)
            and readable(abstract)
            and not (use_indexing and record.citation_status == "MEDLINE")
        ):
            text = model_text(title, abstract)
            threshold = review_model.threshold_for(found[1])
            if _laboratory_words_only(found[1], abstract):
                threshold = review_model.threshold_laboratory()
            # ``asked`` needs the participants; a design that counts them anyway
            # ("other") pays nothing more, but laboratory work is not counted
            # (UNCOUNTED_DESIGNS), so there the model goes first and the count is
            # made only for a paper above its threshold: the same papers either way
            if found[0] in UNCOUNTED_DESIGNS:
                reads = review_model.probability(text) >= threshold and asked(
                    found[1], _count(participants) is not None, abstract
                )
            else:
                reads = (
                    asked(found[1], _count(participants) is not None, abstract)
                    and review_model.probability(text) >= threshold
                )
            if reads:
                return _read_as_review(review_model, text, read, features)
        if (
            review_model is not None
            and found[1] in POPULATION_ONLY
            and readable(abstract)
            and not (use_indexing and record.citation_status == "MEDLINE")
            and RESEARCH_OWN.search(abstract) is None
        ):
            # the population alone decided: no design phrase, no experiment of the
            # paper's own named, so a review of animal or laboratory work reads the
            # same; the model decides at its full threshold (design4, issue 19).
            # ``asked`` is not asked here, and these papers are outside the training
            # fold: the full threshold (0.7 as shipped, where three in five of the NO_DESIGN
            # papers called reviews out of fold were tagged Review) was picked on other
            # papers and is untested on these, so the bar is the higher one, not
            # threshold_no_design's 0.2: the population is a design of the paper's own
            # that the model must outweigh (seen halves: 5 reviews right, none lost).
            # Not where the abstract reports work of its own (RESEARCH_OWN: "we
            # describe a protocol", "were measured", "40 rats"): a methods paper or
            # an experiment the model's review words would otherwise outweigh
            # (design7: with no work of its own named, not even "our studies show",
            # the model's own boundary: ``threshold_laboratory``)
            text = model_text(title, abstract)
            bar = review_model.threshold
            if _laboratory_words_only(found[1], abstract):
                bar = review_model.threshold_laboratory()
            if review_model.probability(text) >= bar:
                return _read_as_review(review_model, text, read, features)
        if features is not None:
            features[:] = read
        return found

    indexed = design_from_indexing(record.publication_types, record.mesh) if use_indexing else None
    if indexed is not None and indexed[0] in ("narrative_review", "observational"):
        # a generic type; a stronger design stated in the text wins
        text_design = from_text()
        if text_design[0] in ("systematic_review", "rct", "guideline", "protocol"):
            indexed = text_design
        elif features is not None:
            features.clear()  # the indexers' design, not the text's
    design, reason = indexed or from_text()
    if design == "other" and population == "animal":
        if features is not None and features:
            features[1] = "design=animal"
        return "animal", ANIMAL_BY_POPULATION
    return design, reason


def _laboratory_words_only(reason: str, abstract: str) -> bool:
    """The laboratory decided the design by its words alone (the population, or
    bench words: ``BENCH_REASON``) and the abstract names no work of its own
    (``RESEARCH_OWN``): a review about animals or cells reads so (design7)."""
    return (
        (reason in POPULATION_ONLY or reason.startswith(BENCH_REASON))
        and RESEARCH_OWN.search(abstract) is None
        and OWN_FINDINGS.search(abstract) is None
    )


def _read_as_review(
    model: ReviewModel, text: str, read: list[str], features: list[str] | None
) -> tuple[str, str]:
    """A narrative review by the model's reading, with the words that weighed most."""
    p, terms = model.explain(text)
    words = ", ".join(repr(t) for t in terms)
    read[:2] = ["rule=review_model", "design=narrative_review"]
    if features is not None:
        features[:] = read
    return "narrative_review", f"review model: {p:.2f} (words: {words})"


def _count(participants: int | Callable[[], int | None] | None) -> int | None:
    return participants() if callable(participants) else participants


class _Counter:
    """A record's participants, read once when first asked (by a design decision,
    the review model or the Triage), never for a design they mean nothing to.
    Design rules read the grammar's count as it is; the Triage shows it only when
    the confidence step lets it (monitor/triage/count_confidence.py)."""

    __slots__ = ("_abstract", "_read")

    def __init__(self, abstract: str) -> None:
        self._abstract = abstract
        self._read: list[CountReading] = []

    def _reading(self) -> CountReading:
        if not self._read:
            self._read.append(read_counts(self._abstract))
        return self._read[0]

    def found(self) -> tuple[Participants | None, str]:
        return shown(self._reading())

    def __call__(self) -> int | None:
        chosen = self._reading().chosen
        return chosen.value if chosen else None


def classify(record: PaperRecord, rules: TriageRules, *, use_indexing: bool = True) -> Triage:
    """Triage one record; every decision keeps the rule or phrase that fired."""
    return classify_many([record], rules, use_indexing=use_indexing)[0]


def classify_many(
    records: Sequence[PaperRecord], rules: TriageRules, *, use_indexing: bool = True
) -> list[Triage]:
    """Triage a batch the same as ``classify`` one by one, only faster.

    Each facet runs over the whole batch before the next: population, design,
    relevance and topics each use their own RE2 automata, and running them all
    per record keeps evicting one's tables from the CPU's caches for another's
    (phase by phase measured about a quarter faster on the update file).
    Participants are the exception: they are counted during the design phase,
    only for the papers whose decisions or design need a count (a quarter of
    the update file's papers need none; docs/benchmarks.md has the instruction
    counts).  Each paper's text is lowercased once (``Lowered``), and
    population and relevance share one scan of it (``Lowered.words``).

    The cyclic garbage collector is paused for the batch: triage allocates
    many short-lived lists, dicts and tuples, and the collections they set off
    (a full one now and then, over every object the process holds: the rules'
    tables, the caller's records and triages) were about a tenth of text-only
    triage's CPU (20,788 records of the update file, 2026-12-06).  Triage makes
    few reference cycles; those it makes are collected after the batch, when
    the collector runs again.
    """
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        return _classify_many(records, rules, use_indexing)
    except UnicodeEncodeError:
        # a lone surrogate (from JSON's "\\ud800", say) cannot be encoded for RE2:
        # replace it and classify again, rather than checking every text for one
        return _classify_many([_encodable(r) for r in records], rules, use_indexing)
    finally:
        if paused:
            gc.enable()


def _encodable(record: PaperRecord) -> PaperRecord:
    def clean(text: str) -> str:
        return text.encode("utf-8", "replace").decode("utf-8")

    return replace(
        record,
        title=clean(record.title),
        abstract=clean(record.abstract),
        journal=clean(record.journal),
        keywords=tuple(clean(k) for k in record.keywords),
    )


def _classify_many(
    records: Sequence[PaperRecord], rules: TriageRules, use_indexing: bool
) -> list[Triage]:
    readings = [Reading.of(r, rules) for r in records]
    lowered = [reading.lowered for reading in readings]
    populations = [
        population_of(r, rules, use_indexing, rd) for r, rd in zip(records, readings, strict=True)
    ]
    # participants are counted only where a decision asks or the design makes a
    # count meaningful (not for reviews, laboratory work, comments: UNCOUNTED_DESIGNS);
    # counting every abstract was a quarter of triage's time
    counters = [_Counter(r.abstract) for r in records]
    features: list[list[str]] = [[] for _ in records]
    designs = [
        design_of(r, pop, counter, use_indexing, low, rules.review_model, feat)
        for r, (pop, _), counter, low, feat in zip(
            records, populations, counters, lowered, features, strict=True
        )
    ]
    participants = [
        (None, f"not counted for a {design}") if design in UNCOUNTED_DESIGNS else counter.found()
        for (design, _), counter in zip(designs, counters, strict=True)
    ]
    scores = [_scored(rules, des, feat) for des, feat in zip(designs, features, strict=True)]
    relevances = [
        relevance_of(r, rules, use_indexing, rd) for r, rd in zip(records, readings, strict=True)
    ]
    topics = [topics_of(r, rules, low) for r, low in zip(records, lowered, strict=True)]
    facets = zip(
        records,
        populations,
        designs,
        participants,
        relevances,
        topics,
        scores,
        features,
        strict=True,
    )
    # (the features go straight into the Triage, not through a dataclasses.replace
    # per record, which showed in profiles)
    return [
        _triage(rec, rules, pop, des, par, rel, top, sco, tuple(feat))
        for rec, pop, des, par, rel, top, sco, feat in facets
    ]


def _scored(rules: TriageRules, design: tuple[str, str], features: list[str]) -> Scored | None:
    """The design's confidence: the model's for a design read from the text; None
    (confidence 1) for the indexers' own design, or without a model."""
    model = rules.confidence_model
    if model is None or not features:
        return None
    return model.score(features, design[0])


# _shown's answers by the Scored (the confidence model's memo shares one Scored among
# the papers of the same features and design) and the design; bounded as that memo
_SHOWN: dict[tuple[int, str, str], tuple[Scored, dict[str, float], float, str]] = {}
_SHOWN_MAX = 4_096


def _shown(scored: Scored, design: str, version: str) -> tuple[dict[str, float], float, str]:
    """What a Triage shows of a design's scores: the confidences rounded (those under
    0.01 left out, the design's own last), the design's confidence and the reason.
    Kept per shared Scored: rounding ten scores and writing the reason for every
    paper showed in profiles of ``_triage``.  The returned dict is shared: copy it."""
    key = (id(scored), design, version)
    if (known := _SHOWN.get(key)) is not None and known[0] is scored:
        return known[1], known[2], known[3]
    confidence = {d: round(p, 3) for d, p in scored.confidence.items() if p >= 0.01}
    # an unclassified record has no design to be sure of; its scores say what it might be
    design_confidence = 0.0 if design == "unclassified" else round(scored.right, 3)
    confidence[design] = design_confidence
    reason = f"{design} {design_confidence:.2f} ({version}): " + (
        ", ".join(scored.drivers) or "no cue"
    )
    if len(_SHOWN) >= _SHOWN_MAX:
        _SHOWN.clear()
    # (the Scored is kept with its answer, so its id is not reused while the key lives)
    _SHOWN[key] = (scored, confidence, design_confidence, reason)
    return confidence, design_confidence, reason


def _triage(
    record: PaperRecord,
    rules: TriageRules,
    population: tuple[str, str],
    design: tuple[str, str],
    participants: tuple[Participants | None, str],
    relevance: tuple[str, str],
    topics: tuple[tuple[str, ...], list[str]],
    scored: Scored | None = None,
    features: tuple[str, ...] = (),
) -> Triage:
    notice_links = [ln.kind for ln in record.links if ln.kind in NOTICE_LINKS]
    is_notice = (design[0] in ("notice", "commentary") and bool(notice_links)) or (
        design[0] == "notice"
    )
    reasons = {
        "design": [design[1]],
        "population": [population[1]],
        "participants": [participants[1]],
        "relevance": [relevance[1]],
        "topics": topics[1],
    }
    if notice_links:
        reasons["notice"] = [f"CommentsCorrections: {kind}" for kind in notice_links]
    confidence: dict[str, float] = {design[0]: 1.0}
    design_confidence = 1.0
    if scored is not None:
        shown, design_confidence, reason = _shown(scored, design[0], rules.confidence_model_version)
        confidence = dict(shown)  # (each Triage its own dict)
        reasons["confidence"] = [reason]
    elif rules.confidence_model is not None:
        reasons["confidence"] = ["indexing: NLM's publication types or MeSH"]
    return Triage(
        design=design[0],
        evidence_rank=EVIDENCE_RANK[design[0]],
        population=population[0],
        participants=participants[0],
        relevance=relevance[0],
        topics=topics[0],
        is_notice=is_notice,
        reasons=reasons,
        rules_version=rules.version,
        confidence=confidence,
        design_confidence=design_confidence,
        features=features,
    )
