"""The ordered list of decisions that reads a study design from a paper's text.

Each decision is a small function that looks at one kind of cue (a title
naming a notice, an abstract describing randomisation, a journal of case
reports...) and either settles the design, with the phrase that fired as its
reason, or passes.  :data:`DECISIONS` asks them in order and the first answer
wins, so the order *is* the rule set: stronger and more specific cues come
first (a title that calls itself a protocol beats the trial it plans), and
what a paper merely mentions comes last.  Reordering two entries changes
results; the comments on each say why it stands where it does.

The patterns are in monitor/triage/design_patterns.py; the entry point,
with what happens before and after this list, is
``monitor.triage.design.design_from_lowered``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from monitor.triage.design_paper import (
    ANIMAL_BY_POPULATION,
    BENCH_REASON,
    IN_VITRO_BY_POPULATION,
    NO_ABSTRACT,
    NO_DESIGN,
    Decision,
    Paper,
    done,
    either,
    not_a_survey,
)
from monitor.triage.design_patterns import (
    ADMINISTERED,
    ALLOCATED,
    ALTERED_ANIMALS,
    ANIMAL_IN_VIVO,
    ANIMAL_OWN,
    ANIMAL_SOURCE,
    ANIMAL_XENO,
    ANIMALS_NAMED,
    ANIMALS_RANDOMISED,
    ASSOCIATION_TITLE,
    BENCH,
    BENCH_ANIMAL_EXTRA,
    BENCH_MIN,
    BENCH_SET,
    CASE,
    CASE_JOURNAL,
    CASE_NAMED,
    CASE_TITLE,
    CASE_TITLE_WEAK,
    CITED_POOLING,
    CLINICAL_DATA,
    COMMENT,
    COMMENT_NAMED,
    COMPUTED_BIOLOGY,
    COMPUTED_OWN,
    CONSENSUS_METHOD,
    DECISION_MODEL,
    DECISION_TREE,
    DELIVERED,
    DERIVED_MADE,
    DERIVED_MATERIAL,
    DOSE,
    DOSE_ARM,
    DOSE_GIVEN,
    DOSE_UNITS,
    ECONOMIC,
    EX_VIVO_TISSUE,
    GENOMIC_META,
    GROUP_STATISTIC,
    GUIDELINE,
    GUIDELINE_ABOUT,
    GUIDELINE_NAMED,
    HISTORY,
    IN_VITRO_CULTURE,
    IN_VITRO_MATERIALS,
    IN_VITRO_OWN,
    IN_VIVO,
    IN_VIVO_PAIR,
    LAB_SUBJECT,
    LITERATURE,
    LIVING_STUDIED,
    MANY,
    MATERIAL_OBSERVED,
    MATERIALS_RANDOMISED,
    MEASUREMENT_DESIGN,
    NONRAND,
    NONRAND_ASSIGNED,
    NONRAND_CHOSEN,
    NONRAND_COHORT,
    NONRAND_WORD,
    NOT_RANDOMISED,
    NOTICE_TITLE,
    OBS,
    OBS_RECRUITMENT,
    OBS_TITLE,
    ONE,
    OTHER_QUESTION_TITLE,
    OTHERS_WORK,
    OVERVIEW,
    OWN_CASES,
    OWN_RESEARCH_WORDS,
    OWN_SENTENCE,
    OWN_SUBJECTS,
    OWN_SUBJECTS_COUNT,
    OWNED_ANIMALS,
    PATIENT_CELLS,
    PATIENTS_SAMPLED,
    PEOPLE_IN_TITLE,
    PEOPLE_NOUN,
    PEOPLE_RANDOMISED,
    PLACEBO_ARM,
    PLACEBO_NOT_PARALLEL,
    PLACEBO_OPEN,
    PLACEBO_OTHERS,
    POOLED_TITLE,
    POOLED_TRIALS,
    PROTOCOL,
    PROTOCOL_FUTURE,
    PROTOCOL_TITLE,
    PUBLIC_DATA,
    QUAL,
    QUAL_TITLE,
    RANDOMISED_HERE,
    RCT_PLANNED,
    RCT_SECONDARY,
    RCT_SECONDARY_AS_COHORT,
    RCT_TEXT,
    RCT_TITLE,
    RCT_TITLE_NOT_ONE,
    RCT_TITLE_SEVERAL,
    RECORD_REVIEW,
    RESEARCH_OWN,
    REVIEW,
    REVIEW_AIM,
    REVIEW_NAMED,
    REVIEW_TOPIC_TITLE,
    SOURCE_ALTERED,
    SOURCE_BRED,
    SOURCE_FOLLOWED,
    SR_METHOD,
    SR_NAMED_TEXT,
    SR_OPENING,
    SR_SEARCH,
    SR_SELECTION,
    SR_TEXT,
    SR_TITLE,
    SR_TITLE_TOPIC,
    STUDIED_IN_VIVO,
    STUDIED_PEOPLE,
    TERATOMA,
    TISSUE_AS_TAKEN,
    TISSUE_OBSERVED,
    TITLE_SOURCE,
    TITLE_TAGS_DESIGN,
    TITLE_TAGS_PIECE,
    TREATMENT_EFFECT_TITLE,
    TRIAL_AS_SOURCE,
    TRIAL_DATA_FROM,
    TRIALS_COUNTED,
    WHOLE_ORGANISM,
)
from monitor.triage.fastre import Pattern
from monitor.triage.scope import sentences

_NOT_TRIALS = ("response", "rule", "algorithm")


def _counts_trials(phrase: str) -> bool:
    """ "2 randomized", "two phase 2b randomized"; not "phase 3 randomized"."""
    return not phrase.startswith("phase ")


def _names_a_trial(phrase: str) -> bool:
    """Not "randomized response(s)/rule(s)/algorithm(s)": a survey technique, a decision
    rule or an algorithm."""
    words = phrase.split()
    return not (len(words) > 1 and words[-1].startswith(_NOT_TRIALS))


def _reported_trial(phrase: str) -> bool:
    """Not a trial the authors plan or call for ("a definitive randomised trial"), nor
    a denial ("use of the drug is not randomly assigned")."""
    return not phrase.startswith("not ") and RCT_PLANNED.search(phrase) is None


def _not_a_response(phrase: str) -> bool:
    return not phrase.startswith("response to")


def _found(design: str, where: str, hit: str | None) -> Decision | None:
    """``design``, with the phrase that fired and where, if a cue fired (``hit``); else None."""
    return None if hit is None else (design, f"{where}: {hit!r}")


# ---------------------------------------------------------------------------
# the decisions, in the order DECISIONS asks them: first the title's own words


def notice_title(p: Paper) -> Decision | None:
    return _found("notice", "title", p.in_title.first(NOTICE_TITLE))


def _tagged(p: Paper, tags: tuple[tuple[Pattern, str], ...]) -> Decision | None:
    """The design of a title-only record's first matching tag (``TITLE_TAGS_*``)."""
    if p.abstract:
        return None
    for pattern, design in tags:
        if (hit := pattern.search(p.title)) is not None:
            return design, f"no abstract; title tag: {hit.group(0).strip()!r}"
    return None


def title_tag_piece(p: Paper) -> Decision | None:
    """A title-only record whose title says what kind of piece it is, by a
    publication-type tag ("[comment]", "[Letter]") or by naming its kind ("Point of
    view.", "...: a reply"): the one thing such a record says of itself.  Asked
    first, because the piece's kind outranks a design the title mentions
    ("... randomized trials.[comment]" is a comment on them)."""
    return _tagged(p, TITLE_TAGS_PIECE)


def title_tag_design(p: Paper) -> Decision | None:
    """A title-only record tagged with a design ("[Review]", "[Case Reports]"): asked
    after every title decision, because the title's own words are more specific
    ("...: a systematic review. [Review]")."""
    return _tagged(p, TITLE_TAGS_DESIGN)


def comment_named_title(p: Paper) -> Decision | None:
    """A title opening by naming a comment, whatever the length of its abstract."""
    return _found("commentary", "title", p.in_title.first(COMMENT_NAMED))


def comment_title_short(p: Paper) -> Decision | None:
    """A comment's title over at most a short abstract (a long one is research)."""
    if (hit := p.in_title.first(COMMENT)) is not None and len(p.abstract) < 400:
        return "commentary", f"title: {hit!r}"
    return None


def protocol_title(p: Paper) -> Decision | None:
    """A title naming a protocol, or the trial-methods genre (``PROTOCOL_TITLE``: its
    rationale, design, methods or analysis plan) unless it names results too ("design
    and results of ...", "... findings"): those report the trial (rct20)."""
    if (hit := p.in_title.first(PROTOCOL)) is not None:
        return "protocol", f"title: {hit!r}"
    if (hit := p.in_title.first(PROTOCOL_TITLE)) is None or _RESULTS_TITLE.search(p.title):
        return None
    if _allocated_before(p):
        # "Design and evaluation of an orthosis: a randomized controlled trial" over an
        # abstract whose people were randomised: what was designed is the device.  Not
        # a results section: a trial-methods paper's often holds process measures or
        # "enrollment is ongoing" (fixr20, 3 update-file protocols read)
        return None
    genre = _GENRE.search(hit)  # "...trial): study design" -> "study design"
    named = genre.group(0) if genre else hit
    return "protocol", f"title: {named!r} (the trial's design, not its results)"


# a title that names what the trial found: a results paper, whatever methods it describes
_RESULTS_TITLE = re.compile(r"\b(results?|findings)\b")
# the genre words of a PROTOCOL_TITLE hit, for its reason: the first of them, not the
# hit's last colon part ("design of a brace ...: a randomized trial" named the trial)
_GENRE = re.compile(
    r"\b(statistical analysis plan|rationale|((study|trial|experimental) )?design|methods)\b"
)


def _results_reported(p: Paper) -> bool:
    """The abstract has a results section ("Results:", not "Expected results:") or
    its own sentences allocate in the past ("80 adults were randomised", "we randomly
    assigned": ``RANDOMISED_HERE`` in the past tense): the paper reports its trial,
    whatever it plans next ("we will perform a cost analysis", "patients are being
    recruited to a second phase").  One owner for the protocol decisions that read a
    trial's tense or its title's genre (fixr20: rct20 had the section test inline in
    ``_trial_to_come`` while ``protocol_text`` read the same widened future tense
    with none, and an unstructured abstract has no section to find)."""
    if "results:" in p.abstract and "expected results:" not in p.abstract:
        return True
    return _allocated_before(p)


def _allocated_before(p: Paper) -> bool:
    """The abstract's own sentences allocate in the past ("were randomised", "we
    randomly assigned"): the trial has run, whatever its title's genre."""
    return any(
        hit.group(0).startswith(_PAST_ALLOCATION)
        for hit in RANDOMISED_HERE.finditer(p.scope.primary)
    )


# RANDOMISED_HERE's openings that are past: done, not planned nor under way
_PAST_ALLOCATION = ("were ", "was ", "we ")


def _genomic(p: Paper, hit: str | None, text: str) -> bool:
    """A meta-analysis of genome-wide data (GWAS, EWAS, susceptibility loci): cohorts'
    genotypes pooled, observational by the labelling rules, not a review of studies."""
    return hit is not None and "meta" in hit and GENOMIC_META.search(text) is not None


def review_systematic_title(p: Paper) -> Decision | None:
    """A title naming a systematic review, unless the name is only its topic
    (``SR_TITLE_TOPIC``: "librarians involved in systematic reviews"): then the
    title's other words must name one, or the abstract's method decides below."""
    hit = p.in_title.first(SR_TITLE)
    if _genomic(p, hit, p.title):
        return None
    if hit is not None and p.in_title.first(SR_TITLE_TOPIC) is not None:
        found = SR_TITLE.search(_title_beside_topic(p))
        hit = None if found is None else found.group(0).strip()
    return _found("systematic_review", "title", hit)


def _title_beside_topic(p: Paper) -> str:
    """The title with its systematic reviews named as a topic (``SR_TITLE_TOPIC``)
    blanked: what is left must name the paper's own review."""
    return struck_out(SR_TITLE_TOPIC, p.title)


def _designed(phrase: str) -> bool:
    return not_a_survey(phrase) and OBS_RECRUITMENT.search(phrase) is None


def _own_observation(p: Paper, hit: str) -> Decision | None:
    """A title word ("overview", "best practice") decides only where the abstract
    shows no other design of the paper's own: its own sentences name an
    observational design (``Paper.observed``) and count more people than a case
    series holds -> observational ("TRACK-SCI: an overview of initial enrollment",
    "Best practice determination of timing ... by analysis of the National Trauma
    Data Bank"; survey8, issue 19)."""
    if not p.abstract or p.population not in ("human", "both") or not p.many:
        return None
    if "systematic" in p.title:  # "a systematic overview": a review by its method
        return None
    # a design named, not a word that says only how people were recruited
    # ("prospective": a trial's too) nor "survey" (experts surveyed are how a
    # guideline is made); both read on unseen text (survey8)
    observed = p.in_title.first(OBS, _designed) or p.own.first(OBS, _designed)
    if observed is None:
        return None
    return "observational", (
        f"text: {observed!r}, {p.participants} people, over the title's {hit!r}"
    )


def _review_of_guidance(p: Paper, hit: str) -> bool:
    """The title's genre is a review and the guidance its topic: a review word
    stands before the guideline phrase ("A review and update on the guidelines for
    ...", "Practitioner Review: Current best practice in ..."), so the guideline
    words are what is reviewed, not what the paper is; "Guidelines for ...: a
    review" keeps its guideline.  A consensus or statement named in the title or
    the abstract (``GUIDELINE_NAMED``: "expert consensus of the members of the ...
    Guidelines Group is provided") is the paper's own guidance, a guideline
    wherever the review word stands (nr11, issue 19)."""
    if (review := REVIEW.search(p.title)) is None:
        return False
    where = p.title.find(hit)
    return (
        where >= 0
        and review.start() < where
        and GUIDELINE_NAMED.search(p.title) is None
        and GUIDELINE_NAMED.search(p.abstract) is None
    )


def guideline_title(p: Paper) -> Decision | None:
    # (asked only of a title that names a guideline: their counted words would slow
    # the scan of every title)
    if (hit := p.in_title.first(GUIDELINE)) is not None and (
        GUIDELINE_NAMED.search(p.title) or not GUIDELINE_ABOUT.search(p.title)
    ):
        if _review_of_guidance(p, hit):
            return None  # review_title reads it
        if GUIDELINE_NAMED.search(p.title) is None and (own := _own_observation(p, hit)):
            return own
        return "guideline", f"title: {hit!r}"
    return None


def review_named_title(p: Paper) -> Decision | None:
    """A review that is not systematic, by name, unless the title presents a case."""
    if (hit := p.in_title.first(REVIEW_NAMED)) is not None and not p.case_titled():
        return "narrative_review", f"title: {hit!r}"
    return None


def qualitative_title(p: Paper) -> Decision | None:
    return _found("qualitative", "title", p.in_title.first(QUAL_TITLE))


# then the trial or case the title names, and the designs the abstract describes


def trial_title(p: Paper) -> Decision | None:
    """A title naming a randomised trial, not one about trials (unless it counts them)."""
    in_title = p.in_title
    if (
        (hit := in_title.first(RCT_TITLE, _names_a_trial)) is not None
        and (
            in_title.first(RCT_TITLE_NOT_ONE) is None
            or in_title.first(RCT_TITLE_SEVERAL, _counts_trials) is not None
        )
        and p.human_trial()
        and _trial_to_come(p) is None
    ):
        return "rct", f"title: {hit!r}"
    return None


def _trial_to_come(p: Paper) -> str | None:
    """The abstract gives its own trial's allocation or recruitment in the future or
    the present progressive (``PROTOCOL_FUTURE``: "participants will be randomised",
    "patients are being recruited") and no results section: the title's "a randomised
    controlled trial" is the trial a protocol plans, which ``protocol_text`` reads
    (docs/design-labelling.md: a protocol even when its title says "a randomised
    controlled trial"; rct20).  The future phrase, for the reason; ``protocol_text``
    reads the abstract through this too (fixr20: "we will perform a cost analysis" after
    a trial's results made it a protocol)."""
    if not p.abstract or _results_reported(p):
        return None
    return p.in_abstract.first(PROTOCOL_FUTURE)


def struck_out(pattern: Pattern, text: str) -> str:
    """``text`` with each match of ``pattern`` replaced by a space: ``pattern.sub(" ",
    text)``, through fastre's own match loop.  RE2's ``sub`` goes through the wrapper's
    per-match Python (about 50 µs a match): a 100 KB text dense with teratoma phrases
    took 150 ms in ``in_vitro_derived_line``, this loop a quarter of that (fixv9)."""
    kept: list[str] = []
    last = 0
    for hit in pattern.finditer(text):
        kept.append(text[last : hit.start()])
        kept.append(" ")
        last = hit.end()
    if not kept:
        return text
    kept.append(text[last:])
    return "".join(kept)


def in_vitro_derived_line(p: Paper) -> Decision | None:
    """Stem-cell material made in the dish as the paper's subject (vitro9): the title
    names induced pluripotent stem cells, a stem-cell line or cells derived from one
    (``DERIVED_MATERIAL``) and the paper's own text makes or differentiates it
    (``DERIVED_MADE``).  The donor ("a 25-year-old male patient with multiple
    sclerosis", "patients and three healthy controls") is the material's source, not
    a case presented or people compared, so this is asked before the case cues.  Not
    where anything living is studied (``LIVING_STUDIED``; the teratoma assay of
    pluripotency aside), the title places the study in people (``PEOPLE_IN_TITLE``)
    or the abstract reads as a review."""
    if not p.abstract or (hit := DERIVED_MATERIAL.search(p.title)) is None:
        return None
    if PEOPLE_IN_TITLE.search(p.title) is not None or p.reads_as_review():
        return None
    own = f"{p.title}\n{p.scope.primary}"
    made = DERIVED_MADE.search(own)
    if made is None:
        return None
    if LIVING_STUDIED.search(without_animal_sources(struck_out(TERATOMA, own))) is not None:
        return None
    return "in_vitro", (
        f"{BENCH_REASON}: the title's material {hit.group(0)!r}, made in the dish "
        f"({made.group(0)!r}); its donors are the source, not cases"
    )


def case_named_title(p: Paper) -> Decision | None:
    """A title that calls itself a case report is one, whatever trials its abstract
    cites or numbers its literature review gives; a "case series" of dozens is not."""
    if (hit := p.in_title.first(CASE_NAMED)) is None:
        return None
    if "series" not in hit:
        return "case_report", f"title: {hit!r}"
    return p.case(hit, "title")


def pooled_trials(p: Paper) -> Decision | None:
    """Several trials as the paper's own unit of analysis: their data pooled or
    analysed together (``POOLED_TRIALS``), or a title naming a pooled analysis over
    an abstract that counts the trials ("in four randomized, double-blind
    studies").  A meta-analysis of trials by the labelling rules, individual
    patient data included (docs/design-labelling.md), however double-blind each
    trial was; one trial's new analysis stays the trial (``trial_secondary_analysis``).
    Read outside sentences about wanted work only (a count of studies puts a
    sentence out of the primary designs' scope, and here the count is the design);
    not in a paper that reads as a review, whose pooled analyses are the
    literature's (sr19, issue 19)."""
    abstract = p.abstract
    if "trials" not in abstract and "studies" not in abstract and "rcts" not in abstract:
        return None
    # (searched, not asked of the title's and abstract's RE2 sets: with POOLED_TRIALS in
    # them triage cost 3.536M instructions per paper against 3.468M searching, fixsr19)
    text = p.scope.reviews
    titled = POOLED_TRIALS.search(p.title)
    hit = str(titled.group(0)) if titled is not None else None
    if hit is None:
        for found in POOLED_TRIALS.finditer(text):
            if not _cited_pooling(p, str(found.group(0))):
                hit = str(found.group(0))
                break
    if hit is None and POOLED_TITLE.search(p.title) is not None:
        counted = TRIALS_COUNTED.search(text)
        hit = str(counted.group(0)) if counted is not None else None
    if hit is None or p.population == "animal":
        return None
    if REVIEW in p.in_title or p.reads_as_review():
        return None
    # the trials' treatment effect pooled: the title names an effect, or the abstract
    # its trials' randomisation or blinding.  The trials' people pooled for another
    # question ("Obesity and pressure injuries: a post hoc analysis of four randomized
    # trials") are observed, as one trial's are (``_other_question``)
    if TREATMENT_EFFECT_TITLE.search(TITLE_SOURCE.sub(" ", p.title)) is None and (
        p.reviewed.first(RCT_TEXT) is None
    ):
        return None
    return _other_question(p, hit) or (
        "systematic_review", f"text: {hit!r} (several trials pooled)"
    )


def _cited_pooling(p: Paper, phrase: str) -> bool:
    """The abstract's pooling ``phrase`` is a finding it cites (``CITED_POOLING``: "A
    pooled analysis of three randomized trials showed that ..."), the literature's
    as a trial's background gives it, not the paper's own pooling (fixsr19)."""
    sentence = _cue_sentence(p, phrase)
    return sentence is not None and CITED_POOLING.search(sentence) is not None


def trial_secondary_analysis(p: Paper) -> Decision | None:
    """A new analysis of one trial's data (NLM indexes it as the trial)."""
    secondary = either(RCT_SECONDARY, p.in_title, p.own)
    if (
        secondary is not None
        and p.population != "animal"
        and either(RCT_SECONDARY_AS_COHORT, p.in_title, p.in_abstract) is None
    ):
        return _other_question(p, secondary) or (
            "rct", f"text: {secondary!r} (a new analysis of one trial)"
        )
    return None


def _named_review(p: Paper, hit: str | None) -> Decision | None:
    """A systematic review by name ("this systematic review", "a meta-analysis was
    conducted") only where the abstract states what makes one: a search, a
    selection of studies, their appraisal or pooling (``SR_METHOD``), outside
    sentences about wanted work.  A name alone is a narrative review's ("this is a
    systematic review on the mechanism of ...") or a laboratory's meta-analysis of
    expression data as often as a review's (docs/design-labelling.md)."""
    if hit is None or _genomic(p, hit, f"{p.title}\n{p.abstract}"):
        return None
    if (method := SR_METHOD.search(p.scope.reviews)) is None:
        return None
    return "systematic_review", f"text: {hit!r} with its method {method.group(0)!r}"


def _pooled_cited(p: Paper, phrase: str) -> bool:
    """``SR_TEXT``'s "pooled analysis of ..." where it is not this decision's to
    take: cited as a finding (``_cited_pooling``), or counting its trials, which
    ``POOLED_TRIALS`` reads too and ``pooled_trials`` has already judged with its
    gates (the trials' people pooled for another question are observed, whichever
    words say the pooling: fixsr19).  Its other phrases (searches, selection) are
    the paper's."""
    if not phrase.startswith("pooled analysis"):
        return False
    return POOLED_TRIALS.search(phrase) is not None or _cited_pooling(p, phrase)


def review_systematic_text(p: Paper) -> Decision | None:
    """A systematic review by its method (a search, selection criteria, PRISMA, own
    pooling), or by its name beside one (``_named_review``)."""
    hit = p.reviewed.first(SR_TEXT, lambda phrase: not _pooled_cited(p, phrase))
    if hit is not None and not _genomic(p, hit, f"{p.title}\n{p.abstract}"):
        return "systematic_review", f"text: {hit!r}"
    return _named_review(p, p.reviewed.first(SR_NAMED_TEXT))


def protocol_text(p: Paper) -> Decision | None:
    """A protocol described in the abstract, which then reports no results; or a trial
    whose own allocation or recruitment is still to come or under way ("will be
    randomised", "are being recruited"), unless its own sentences report results or
    allocate in the past (``_trial_to_come``, ``_results_reported``)."""
    if (hit := p.in_abstract.first(PROTOCOL)) is not None and "results" not in p.abstract:
        return "protocol", f"text: {hit!r}"
    return _found("protocol", "text", _trial_to_come(p))


def trial_text(p: Paper) -> Decision | None:
    """The paper's own randomisation; a trial mentioned in a sentence about other
    studies or wanted work is out of scope (monitor/triage/scope.py)."""
    if (hit := p.own.first(RCT_TEXT, _reported_trial)) is None or not p.human_trial():
        return None
    if _review_of_trials(p):
        return None  # left to the review decisions below
    if _blinded_only(p) and _denied_first(p, hit):
        return None  # left to nonrandomized_trial, which reads the same denial
    # animals named by the sentence that randomises, where it names no people
    # ("mongrel pigs were subjected to ... and randomized to receive", "laying hens
    # were randomly divided"): an experiment on animals, whatever the population
    # facet read of the whole abstract (med9)
    sentence = _cue_sentence(p, hit)
    if (animals := _named_alone(sentence, ANIMALS_RANDOMISED)) is not None:
        if OWNED_ANIMALS.search(f"{p.title}\n{p.abstract}") is not None:
            return None  # owners' animals: a veterinary trial, left to the decisions below
        return "animal", f"text: {hit!r} of animals ({animals!r})"
    if "random" in hit and (materials := _named_alone(sentence, MATERIALS_RANDOMISED)):
        # specimens, cadavers or cells put into groups at random, no living being
        # randomised: a laboratory study (spec9); a blinding cue ("double-blind") is
        # not a randomisation of what its sentence names
        return "in_vitro", f"text: {hit!r} of {materials!r}"
    if (material := p.tested_material()) is not None:
        # the randomised things are teeth or implants in a testing machine, named in
        # another sentence than the randomisation's: material tested, nobody living
        # (lab20, ``material_subjects``)
        return "in_vitro", f"text: {hit!r}; {_material_reason(material)}"
    return _other_question(p, hit) or ("rct", f"text: {hit!r}")


def _material_reason(material: str) -> str:
    return f"material tested ({material!r}), no living subject"


def material_subjects(p: Paper) -> Decision | None:
    """The study's subjects are material, not living people or animals: its own text
    names what it tested (cadavers or cadaveric specimens, anatomical bone or spine
    specimens, synthetic bone, a finite-element model, a testing machine) and no
    living subject (people counted, treated, followed up or surveyed, trainees taught
    on the material, illustrative patients, "in vivo"; ``Paper.tested_material``).
    docs/design-labelling.md makes cadaveric, biomechanical and specimen work
    ``in_vitro``; before lab20 most such papers named no design and fell to ``other``
    while the card called them laboratory work on its own.  Asked after the review and
    in-vitro decisions (an in-vitro paper they settle keeps their reason, and the
    design confidence calibrated on it) and before the observational cues, whose
    "cross-sectional" or "groups" are then said of specimens; ``trial_text`` and
    ``case_text`` ask the same reader of their randomisation and their "case".  Not
    for a paper that calls itself a review (its title, or its own sentences:
    ``Paper.reads_as_review``): the material it names is its sources' (a "review of
    biomechanical considerations" citing finite-element work; check12)."""
    if (material := p.tested_material()) is None:
        return None
    if REVIEW in p.in_title or p.reads_as_review():
        return None
    return "in_vitro", f"text: {_material_reason(material)}"


def _other_question(p: Paper, hit: str) -> Decision | None:
    """Observational where the title asks what predicts or goes with an outcome, a
    prognosis or a test's accuracy (``OTHER_QUESTION_TITLE``) and names no effect
    of the treatment nor a comparison of the arms (``TREATMENT_EFFECT_TITLE``): the
    labelling rules make a trial's people analysed for a question other than the
    randomised comparison an observational study, and the randomisation the
    abstract names (``hit``) is then where the people came from, not the paper's
    design (rct10: 11 of the seen keys' 23 RCT false positives were analyses of a
    trial's people for another question; the title's question catches 4 of them)."""
    if (question := OTHER_QUESTION_TITLE.search(p.title)) is None:
        return None
    if TREATMENT_EFFECT_TITLE.search(TITLE_SOURCE.sub(" ", p.title)) is not None:
        return None
    return "observational", (
        f"text: {hit!r}, but the title asks {question.group(0)!r}, not the randomised "
        "comparison"
    )


def _named_alone(sentence: str | None, subjects: Pattern) -> str | None:
    """What ``subjects`` names in a cue's ``sentence`` (``_cue_sentence``: the
    randomisation's, or a cohort word's), where that sentence names no people and no
    animal outside ``subjects``; else None.  The caller finds the sentence once for
    every test it puts to it."""
    if sentence is None or (found := subjects.search(sentence)) is None:
        return None
    if PEOPLE_RANDOMISED.search(sentence) is not None:
        return None
    if subjects is not ANIMALS_RANDOMISED and ANIMALS_RANDOMISED.search(sentence) is not None:
        return None  # the animals' own samples or cells: left to the animal decisions
    return found.group(0)


def _cue_sentence(p: Paper, hit: str) -> str | None:
    """The abstract's sentence holding the first occurrence of the cue ``hit``
    (from the last ". " or line break before it to the next ". "); None when the
    cue is not in the abstract (a title's cue has no sentence to read)."""
    where = p.abstract.find(hit)
    if where < 0:
        return None
    start = max(p.abstract.rfind(". ", 0, where), p.abstract.rfind("\n", 0, where)) + 1
    stop = p.abstract.find(". ", where)
    return p.abstract[start : stop if stop >= 0 else len(p.abstract)]


def _review_of_trials(p: Paper) -> bool:
    """The paper calls itself a review (its title names one, or an own sentence: "this
    review will focus on placebo-controlled studies", "this article summarizes") and
    no own sentence says that people were allocated at random in it
    (``RANDOMISED_HERE``): its trial cues ("a randomized phase 2 trial involving 64
    patients", "double-blind placebo-controlled trials have had difficulty") name the
    trials it reviews, as its case cues name the literature's cases
    (``reads_as_review``).  A trial report that says "review" and randomised its
    people keeps its trial."""
    if REVIEW not in p.in_title and not p.reads_as_review() and OVERVIEW not in p.reviewed:
        return False
    return RANDOMISED_HERE.search(p.scope.primary) is None


def _denied_first(p: Paper, hit: str) -> bool:
    """The abstract says its trial is not randomised before it names the blinded
    phase ("a nonrandomized, open-label trial followed by a double-blind period"):
    the design it states first is the paper's; a denial after a blinded trial is of
    its extension ("a double-blind trial; a nonrandomized extension followed")."""
    if p.own.first(NOT_RANDOMISED) is None:
        return False
    own = p.scope.primary
    denied = NOT_RANDOMISED.search(own)
    return denied is not None and denied.start() < own.find(hit)


def _randomised(phrase: str) -> bool:
    return "random" in phrase and _reported_trial(phrase)


def _blinded_only(p: Paper) -> bool:
    """The abstract's own trial cues are blinding or placebo control, none a word of
    randomisation: a blinded phase of a trial need not be a randomised trial."""
    return p.own.first(RCT_TEXT, _randomised) is None


def review_systematic_opening(p: Paper) -> Decision | None:
    """A sentence opening on "A meta-analysis ...": after the paper's own trial, and
    beside a stated method as every name (``_named_review``)."""
    return _named_review(p, p.reviewed.first(SR_OPENING))


def case_title(p: Paper) -> Decision | None:
    """How case reports are titled, unless the title says "review"; the weak cues not
    for a paper whose abstract names nobody (a nanozyme "mimicking" enzymes) or
    describes a cohort ("radiomics of adenocarcinomas presenting as nodules")."""
    in_title = p.in_title
    hit = in_title.first(CASE)
    if hit is None and in_title.first(REVIEW) is None:
        hit = in_title.first(CASE_TITLE)
        if hit is None and (not p.abstract or (p.population != "unclear" and p.observed() is None)):
            hit = in_title.first(CASE_TITLE_WEAK)
    if (
        hit is not None
        and ONE.search(hit)
        and not MANY.search(hit)
        and not in_title.first(OBS, done)
    ):
        # "... in a 54-year-old man", "a new case of": one patient, whatever the
        # literature review in the abstract counts
        return "case_report", f"title: {hit!r}"
    return p.case(hit, "title")


def case_journal(p: Paper) -> Decision | None:
    """A journal of case reports, when the text names no other design."""
    journal_hit = p.journal if CASE_JOURNAL.search(p.journal.lower()) is not None else None
    return p.case(journal_hit, "journal")


def _laboratory(p: Paper) -> bool:
    return p.population in ("animal", "in_vitro")


def case_text(p: Paper) -> Decision | None:
    """A case the abstract presents, in people (not a laboratory's), outside
    sentences about other studies; in an abstract that calls itself a review the
    cases are the literature's (the review decisions below settle it)."""
    if _laboratory(p) or p.reads_as_review():
        return None
    hit = p.own.first(CASE)
    if hit is not None and p.tested_material() is not None:
        return None  # "a case" of one cadaver: no patient (``material_subjects``)
    return p.case(hit, "text")


def qualitative_text(p: Paper) -> Decision | None:
    """Qualitative research in people; a title naming an observational design keeps
    it over the interviews its abstract adds ("... from a prospective cohort study":
    mixed methods)."""
    if _laboratory(p):
        return None
    if (hit := p.in_title.first(QUAL)) is not None or (
        OBS_TITLE not in p.in_title and (hit := p.own.first(QUAL)) is not None
    ):
        return "qualitative", f"text: {hit!r}"
    return None


# then reviews, of records and of the literature


def record_review_title(p: Paper) -> Decision | None:
    """A review of records (not "a retrospective review of the literature" or "of
    52 published cases"): an observational study, or a laboratory's."""
    if (hit := p.in_title.first(RECORD_REVIEW)) is None or LITERATURE.search(p.title) is not None:
        return None
    if _laboratory(p):  # "disc extrusion in dogs: a retrospective review of 120 cases"
        return p.population, f"population: {p.population}; title: {hit!r}"
    return "observational", f"title: {hit!r}"


def review_title(p: Paper) -> Decision | None:
    """A review of animal or laboratory work is a review too.  A title that says only
    "review" (not "scoping" or "narrative": ``REVIEW_NAMED`` settled those) is
    systematic where its abstract states both a search and a selection of studies
    ("Methods: A Pubmed search of ... 48 manuscripts were included"); one of the two
    alone is a narrative review's way of speaking (docs/design-labelling.md).  The
    abstract must present no patients or cases of its own (``OWN_CASES``: "our
    experience ... and literature review" is a primary study whose review part does
    not make it systematic; fixs8)."""
    if (hit := p.in_title.first(REVIEW)) is None:
        return None
    if p.in_title.first(SR_TITLE_TOPIC) is not None and (
        REVIEW.search(_title_beside_topic(p)) is None
    ):
        return None  # "systematic review tasks": the title's only review is its topic
    # a title word other than "review" itself ("overview", "update on") yields to
    # the abstract's own observational study (``_own_observation``)
    if hit != "review" and (own := _own_observation(p, hit)) is not None:
        return own
    if (
        p.abstract
        and (search := SR_SEARCH.search(p.scope.reviews)) is not None
        and (chosen := SR_SELECTION.search(p.scope.reviews)) is not None
        and OWN_CASES.search(p.abstract) is None
    ):
        return "systematic_review", (
            f"title: {hit!r} with its search {search.group(0)!r} "
            f"and selection {chosen.group(0)!r}"
        )
    return "narrative_review", f"title: {hit!r}"


def review_text(p: Paper) -> Decision | None:
    """ "In this review ..." (or the weak passive "... is reviewed" over an abstract
    that names no work of its own: ``Paper.review_phrase``); but "... survival among
    immigrants: a population-based study" whose abstract says "this review": the
    title's design wins."""
    if (hit := p.review_phrase()) is not None and OBS_TITLE not in p.in_title:
        return "narrative_review", f"text: {hit!r}"
    return None


def overview_text(p: Paper) -> Decision | None:
    """An overview, unless the abstract describes a study of its own."""
    if (hit := p.reviewed.first(OVERVIEW)) is not None and p.observed() is None:
        return "narrative_review", f"text: {hit!r}"
    return None


# then the population, and the weaker cues of research in people


def in_vitro_text(p: Paper) -> Decision | None:
    """Work named by its materials (cell lines, cultures, organoids, iPSC-derived
    cells, "in vitro") whose title and abstract name no animals or people studied
    in vivo; the population words may still say "human" (human cell lines).  "In
    vitro" as the paper's own setting ("an in vitro study", "we used an in vitro
    migration assay") decides even where the background names patients or what
    happens in vivo."""
    if not p.abstract or p.population == "animal":
        return None
    text = f"{p.title}\n{p.abstract}"
    # (the substring first: a search of every abstract for the framing showed)
    if "in vitro" in text and (own := IN_VITRO_OWN.search(text)) is not None:
        return "in_vitro", f"text: {own.group(0)!r}"
    if IN_VIVO in p.in_abstract or IN_VIVO in p.in_title:
        return None
    return _found("in_vitro", "text", either(IN_VITRO_MATERIALS, p.in_title, p.own))


def in_vitro_patient_cells(p: Paper) -> Decision | None:
    """Cells from patients or donors studied only in the dish ("fibroblasts isolated
    from three patients were cultured ..."): the people are the cells' source, not
    the study's subjects, so in_vitro_text's "no people named" does not hold, yet
    the design is in vitro (docs/design-labelling.md).  The donor phrases
    (``PATIENT_CELLS``) are struck out, and the rest must name an in-vitro material
    and nobody studied in vivo (``STUDIED_IN_VIVO``: counted or enrolled people,
    animals, "in vivo", xenografts); a background sentence's "in patients with X"
    does not count, as for ``bench_text``."""
    if not p.abstract or p.population == "animal" or IN_VITRO_MATERIALS not in p.in_abstract:
        return None
    text = f"{p.title}\n{p.abstract}"
    if (donor := PATIENT_CELLS.search(text)) is None:
        return None
    rest = PATIENT_CELLS.sub(" ", text)
    if STUDIED_IN_VIVO.search(rest) is not None:
        return None
    material = IN_VITRO_MATERIALS.search(rest)
    if material is None:
        return None
    return "in_vitro", (
        f"text: {material.group(0)!r}; people only as the cells' donors ({donor.group(0)!r})"
    )


# the end of in_vitro_subject's reasons
_NOT_IN_VIVO = "nothing studied in vivo"


def in_vitro_subject_animal(p: Paper) -> Decision | None:
    """``in_vitro_subject`` for an animal's cells ("mouse J774.2 cells"), before the
    population's "animal" settles them; other papers are asked after the
    observational cues (``in_vitro_subject``), so that a case-control study of
    patients' cells keeps its design."""
    return in_vitro_subject(p) if p.population == "animal" else None


def without_animal_sources(text: str) -> str:
    """``text`` with the phrases that name the animals its cells or tissue came from
    struck out ("pituitary cells from adult female rats were dispersed", vitro8):
    the animals are the material's source, and LIVING_STUDIED's "rats were" there
    says nothing done to a living animal.  A donor changed in the living body stays
    (modifiers: "cells from injured rats", "diabetic mice"; or what follows: "rats
    treated with ...", "mice with SCI", "rats that received ..."): that change is an
    experiment in vivo."""
    if ANIMAL_SOURCE.search(text) is None:  # most texts: nothing more is read
        return text
    kept: list[str] = []
    last = 0
    for hit in ANIMAL_SOURCE.finditer(text):
        donor = hit.group(1).split()
        altered = any(
            word not in SOURCE_BRED and SOURCE_ALTERED.search(word) is not None for word in donor
        )
        if altered or SOURCE_FOLLOWED.search(text[hit.end() : hit.end() + 40]) is not None:
            continue
        kept.append(text[last : hit.start()])
        kept.append(" ")
        last = hit.end()
    kept.append(text[last:])
    return "".join(kept)


def in_vitro_title_cells(p: Paper) -> Decision | None:
    """Patients' or donors' cells as the paper's main question: the title names a
    laboratory subject ("... in human bronchial epithelial cells", "S2P mutant
    fibroblasts") and the paper's own text works on them in the dish
    (``IN_VITRO_MATERIALS``: cell lines, cultures, transfection, "in vitro"), though
    it also compares patients with healthy controls.  By the labelling rules a paper
    with two parts takes the design of the main question, which its title names
    (vitro8).  Not under a title that says the study was done in people
    (``PEOPLE_IN_TITLE``), names people or "in vivo" at all (``IN_VIVO``) or tissue
    as taken (``TISSUE_AS_TAKEN``); an animal
    experiment was settled before (``animal_own_experiment``)."""
    if not p.abstract or p.population == "animal":
        return None
    # the title's own subject: cells or cultures, not a bare "in vitro" (a clinical
    # test or "in vitro fertilisation" in patients is called so too)
    title_hit = next(
        (hit for hit in LAB_SUBJECT.finditer(p.title) if hit.group(0) != "in vitro"), None
    )
    if title_hit is None or PEOPLE_IN_TITLE.search(p.title) is not None:
        return None
    # patients, people or "in vivo" in the title ("lymphocytes of patients treated
    # with ..."): the people are studied, not only the cells' donors
    if TISSUE_AS_TAKEN.search(p.title) is not None or IN_VIVO in p.in_title:
        return None
    material = p.own.first(IN_VITRO_MATERIALS)
    if material is None:
        return None
    # living animals or "in vivo" named in the paper's own text (ANIMALS_NAMED): an
    # experiment on living animals may stand beside the cells, the stronger design
    # (docs/design-labelling.md), so other decisions settle such papers
    own = f"{p.title}\n{p.scope.primary}"
    if ANIMALS_NAMED.search(own) is not None:
        return None
    # a title naming an observational design or an association with the disease
    if OBS in p.in_title or ASSOCIATION_TITLE.search(p.title) is not None:
        return None
    # patients' samples or specimens counted as material: the patients are compared
    if PATIENTS_SAMPLED.search(p.abstract) is not None:
        return None
    return "in_vitro", (
        f"{BENCH_REASON}: the title's subject {title_hit.group(0)!r}, "
        f"worked on in the dish ({material!r})"
    )


def in_vitro_subject(p: Paper) -> Decision | None:
    """Laboratory work known by what it studies, not by a phrase: the title names a
    laboratory subject (cells, cultures, strains, organoids, nanoparticles, docking:
    ``LAB_SUBJECT``), or a sentence in which the authors speak of their own work
    ("we transfected HeLa cells", "here, bacterial isolates were ...") does, and
    nothing in the title or the abstract's own sentences is done to a living
    animal or person (``LIVING_STUDIED``: in-vivo experiments, a model or
    xenograft, injections, genetically altered animals, people counted, enrolled
    or compared as groups).  Animal and patient *words* alone do not count:
    "mouse J774 cells", "fibroblasts of patients", "a prognostic marker for
    patients" say where the cells came from or why they matter.  Not for tissue
    examined as taken (biopsies, sections, prognosis: ``TISSUE_AS_TAKEN``) unless
    the abstract names cultures or cell lines too, nor under a title that says the
    study was done in people (``PEOPLE_IN_TITLE``).  The reason starts with
    ``BENCH_REASON``, so the review model still reads the abstract at its full
    threshold.  Asked after the observational cues (an animal's cells:
    ``in_vitro_subject_animal``)."""
    if not p.abstract:
        return None
    # the abstract without sentences about other studies or wanted work: "previous
    # in vivo work" is not this paper's (monitor/triage/scope.py)
    own = p.scope.primary
    # (the subject first: most papers asked name none, and then nothing else is read)
    title_hit = LAB_SUBJECT.search(p.title)
    if title_hit is None and LAB_SUBJECT.search(own) is None:
        return None
    text = f"{p.title}\n{own}"
    if LIVING_STUDIED.search(without_animal_sources(text)) is not None:
        return None
    # an animal's whole body studied alive ("brood sizes of wild strains after exposure
    # to the drug"): the worms' strains are organisms, not a microbe's (fixs8)
    if p.population == "animal" and WHOLE_ORGANISM.search(text) is not None:
        return None
    if TISSUE_AS_TAKEN.search(text) is not None and IN_VITRO_MATERIALS not in p.in_abstract:
        return None
    if PEOPLE_IN_TITLE.search(p.title) is not None:
        return None
    # an animal's organ or tissue studied as taken (aortic rings, acute slices, an
    # isolated perfused heart) is an animal study by the labelling rules; kept in
    # culture, it is the dish's
    if (
        p.population == "animal"
        and EX_VIVO_TISSUE.search(text) is not None
        and IN_VITRO_CULTURE.search(text) is None
    ):
        return None
    if title_hit is not None:
        return "in_vitro", (
            f"{BENCH_REASON}: the title's subject {title_hit.group(0)!r}, {_NOT_IN_VIVO}"
        )
    for start, end in sentences(own):
        sentence = own[start:end]
        if OWN_SENTENCE.search(sentence) is None or HISTORY.search(sentence) is not None:
            continue
        if (hit := LAB_SUBJECT.search(sentence)) is not None:
            return "in_vitro", f"{BENCH_REASON}: own work on {hit.group(0)!r}, {_NOT_IN_VIVO}"
    return _animal_material(p, own)


def _animal_material(p: Paper, own: str) -> Decision | None:
    """An animal's cells named anywhere in the paper's own text, where the population
    says "animal" and nothing in the whole title and abstract is done to a living
    animal (``ANIMAL_IN_VIVO``: in vivo, injections, surgery, lesions, behaviour,
    diet, infection, "rats were"; nor ``LIVING_STUDIED``): the animal is where the
    material came from, and by the labelling rules an animal study needs an
    intervention or an outcome on the living animal (vitro8).  The sentence need
    not be the authors' ("primary baby rat kidney cells are immortalised by ...",
    "bone marrow cells are collected from the femur"): with no living animal
    studied, the cells are what the paper is about."""
    if p.population != "animal":
        return None
    whole = without_animal_sources(f"{p.title}\n{p.abstract}")
    if ANIMAL_IN_VIVO.search(whole) is not None or LIVING_STUDIED.search(whole) is not None:
        return None
    if any(hit.group(1) not in SOURCE_BRED for hit in ALTERED_ANIMALS.finditer(whole)):
        return None  # "hyperlipidemic rats", "diabetic mice": changed in the living body
    if WHOLE_ORGANISM.search(whole) is not None:
        return None  # brood sizes, lifespan, locomotion: a whole organism studied alive
    hit = LAB_SUBJECT.search(own)
    if hit is None:
        return None
    # and the material was taken out of the animal: kept in the dish (cultures, cell
    # lines, transfection, "in vitro": IN_VITRO_MATERIALS, not a bare "cultured",
    # which copepods and worms are too) or named with the animals it came from.  An
    # animal's tissue described as it is in the body (ultrastructure, expression
    # patterns, a mutant's development) names cells too, and stays the animal's
    taken = (
        either(IN_VITRO_MATERIALS, p.in_title, p.own) is not None
        or without_animal_sources(own) != own
    )
    if not taken:
        return None
    return "in_vitro", f"{BENCH_REASON}: an animal's {hit.group(0)!r}, no living animal studied"


def laboratory(p: Paper) -> Decision | None:
    if p.population == "animal":
        return "animal", ANIMAL_BY_POPULATION
    if p.population == "in_vitro":
        # cells and "in vivo" with no human words: the in-vivo part is animals'
        # (xenografts, "in vivo and in vitro experiments"), the stronger design.
        # Only the paper's own in-vivo work: not "in vivo models are warranted"
        # (wanted work, out of scope), nor "mimicking in vivo conditions" or "an in
        # vivo interaction" of two proteins (no experiment: LIVING_STUDIED)
        own = f"{p.title}\n{p.scope.primary}"
        if (hit := ANIMAL_XENO.search(own)) is not None and LIVING_STUDIED.search(own):
            return "animal", f"population: in vitro; text: {hit.group(0)!r}"
        return "in_vitro", IN_VITRO_BY_POPULATION
    return None


def animal_own_experiment(p: Paper) -> Decision | None:
    """An experiment on living animals that the population facet did not call
    "animal": patients named in the background ("correlated with poor prognosis in
    patients"), human cells or antibodies beside the mice, or a species the
    vocabulary lacks ("bank voles were infected", "hosts").  The paper's own words
    decide (the title and the abstract's own sentences, ``p.scope.primary``): an
    animal model, genetically altered animals, or what was done to animals in any
    voice (``ANIMAL_OWN``); or "in vivo" as an experiment beside the cells it
    names (``IN_VIVO_PAIR`` with ``LAB_SUBJECT``).  Not when people are studied
    too (counted, enrolled, compared: ``STUDIED_PEOPLE``) or the title says the
    study was done in people: the labelling rules give such papers the human
    part's design.  Asked after the laboratory decisions and before the
    observational cues (which "a mouse model of ..." can fire)."""
    if not p.abstract or p.population in ("animal", "in_vitro"):
        return None
    own = f"{p.title}\n{p.scope.primary}"
    if ANIMAL_OWN.search(own) is None and (
        IN_VIVO_PAIR.search(own) is None or LAB_SUBJECT.search(own) is None
    ):
        return None  # most papers asked: nothing more is read
    if STUDIED_PEOPLE.search(own) is not None or PEOPLE_IN_TITLE.search(p.title) is not None:
        return None
    # a review's way of speaking of animal work, where no review decision fired
    if REVIEW_AIM.search(f"{p.title}\n{p.abstract}") is not None or review_topic_title(p):
        return None
    cells = LAB_SUBJECT.search(own) is not None
    for start, end in sentences(own):
        sentence = own[start:end]
        hit = ANIMAL_OWN.search(sentence) or (IN_VIVO_PAIR.search(sentence) if cells else None)
        if hit is not None and OTHERS_WORK.search(sentence) is None:
            return "animal", f"text: own experiment in vivo {hit.group(0)!r}"
    return None


def placebo_arm(p: Paper) -> Decision | None:
    """A placebo as one arm of the paper's own comparison (``PLACEBO_ARM``: "either
    placebo (n = 22) or ...", "group B received placebo", "compared with placebo"),
    no trial cue having fired: parallel groups the investigators treated, an RCT by the
    labelling rules even where randomisation is never written.  Who did the work
    decides: the sentence is one of the paper's own (``scope.primary``) and not about
    studies in the plural (``_own_placebo_arm``), the paper names research of its own
    in words (``OWN_RESEARCH_WORDS``: "we measured", "METHODS:", "were given"; not the
    statistics a review quotes) and does not call itself a review (its placebo groups
    are then the literature's); and it is no
    within-person comparison or phase (a crossover, a placebo run-in) nor a trial
    that says it is not randomised or open (``PLACEBO_OPEN``), and its title names no
    observational design (``OBS_TITLE``: "a French cohort study"; fixd8)."""
    own = p.scope.primary
    if "placebo" not in own or (hit := _own_placebo_arm(own)) is None:
        return None
    if (
        not p.human_trial()
        or (OWN_RESEARCH_WORDS.search(own) is None and RESEARCH_OWN.search(own) is None)
        or REVIEW in p.in_title
        or OBS_TITLE in p.in_title  # "... in a French cohort study of 3175 women" (fixd8)
        or p.reads_as_review()
        or OVERVIEW in p.reviewed
        or p.own.first(NOT_RANDOMISED) is not None
        or _within_person(p)
        or PLACEBO_OPEN.search(f"{p.title} {p.abstract}") is not None  # fixd8
    ):
        return None
    return "rct", f"text: {hit!r} (a placebo arm of the paper's own comparison)"


def _within_person(p: Paper) -> bool:
    """The placebo is a phase or a session of the same people (``PLACEBO_NOT_PARALLEL``:
    a crossover, a run-in, "on two separate occasions", "both the follicular and luteal
    phases"), and nothing says the order was random (a randomised crossover is an RCT by
    the key).  An open trial (``PLACEBO_OPEN``) is asked apart, random or not (fixd8)."""
    text = f"{p.title} {p.abstract}"
    return PLACEBO_NOT_PARALLEL.search(text) is not None and "random" not in text


def _own_placebo_arm(own: str) -> str | None:
    """The first placebo arm (``PLACEBO_ARM``) in a sentence that is not about other
    studies (``PLACEBO_OTHERS``: "in comparative trials ... and placebo were compared"),
    and not an arm "of" a trial, which names where the people came from ("subjects
    enrolled in the placebo arm of 2 drug trials": one group studied alone)."""
    for start, end in sentences(own):
        sentence = own[start:end]
        if "placebo" not in sentence or PLACEBO_OTHERS.search(sentence) is not None:
            continue
        for match in PLACEBO_ARM.finditer(sentence):
            if not sentence.startswith(" of ", match.end()):
                return match.group(0).strip()
    return None


def nonrandomized_trial(p: Paper) -> Decision | None:
    """A trial word of the title or own sentences, when the paper's own participants
    received the assigned intervention: not when the trial is where a secondary
    analysis or a model took its data (``TRIAL_AS_SOURCE``), nor when the paper
    studies a measurement (``MEASUREMENT_DESIGN``: a reliability study's
    "non-randomized tests").  Then the later decisions read the paper (nrt8)."""
    hit = either(NONRAND, p.in_title, p.own)
    if hit is None or _not_own_trial(p) is not None or _nonrandom_care(p, hit):
        return None
    if (randomised := _open_but_randomised(p, hit)) is not None:
        return "rct", f"text: {randomised!r} beside {hit!r} (open-label, yet randomised)"
    return "non_randomized_trial", f"text: {hit!r}"


_RANDOMISED_WORD = re.compile(r"\brandomi[sz]\w*")


def _open_but_randomised(p: Paper, hit: str) -> str | None:
    """The randomisation word of the sentence that calls the trial open-label, where
    that sentence does not deny it (``NOT_RANDOMISED``) nor name a trial before this
    one (``RCT_PLANNED``: "an open-label extension of a previous randomised trial"):
    open-label says who knew the treatment, not how it was allocated, so a trial that
    is both is randomised (docs/design-labelling.md; rct20: open-label randomised
    trials were read as non-randomised when their randomisation was worded apart from
    "randomised trial")."""
    if "open" not in hit:
        return None
    sentence = _cue_sentence(p, hit)
    if sentence is None or (word := _RANDOMISED_WORD.search(sentence)) is None:
        return None
    if NOT_RANDOMISED.search(sentence) is not None or RCT_PLANNED.search(sentence) is not None:
        return None
    return word.group(0)


def _nonrandom_care(p: Paper, hit: str) -> bool:
    """The trial word ``hit`` is "non-randomized" said of care chosen by others: its
    abstract sentence names an observational design or care the people underwent
    (``NONRAND_CHOSEN``) and no trial or allocation (``NONRAND_ASSIGNED``), so the
    word says how a study of existing treatment choices was done, not that the
    investigators gave the treatment (docs/design-labelling.md); the cohort or
    retrospective word then decides (``observational``) (obs19).  A "cohort" word
    alone (``NONRAND_COHORT``) names no chooser: it counts only where the paper's
    own sentences give no dose, for a dose there is the investigators' protocol
    (fixo19 review of obs19)."""
    if NONRAND_WORD.search(hit) is None:
        return False
    sentence = _cue_sentence(p, hit)
    if sentence is None or NONRAND_ASSIGNED.search(sentence) is not None:
        return False
    if NONRAND_CHOSEN.search(sentence) is not None:
        return True
    return NONRAND_COHORT.search(sentence) is not None and not _dose_named(p.scope.primary)


def _dose_named(own: str) -> bool:
    """A dose (``DOSE``) in the paper's own sentences, asked only where a dose unit
    is there at all (``_has_dose_unit``)."""
    return _has_dose_unit(own) and DOSE.search(own) is not None


def _has_dose_unit(own: str) -> bool:
    """A dose unit appears in ``own`` at all: a substring test that spares the dose
    patterns' searches on most texts (shared by ``_dose_named`` and ``_dose_given``)."""
    return any(unit in own for unit in DOSE_UNITS)


def _not_own_trial(p: Paper) -> str | None:
    """What says the paper's trial words are not its own assigned intervention:
    a trial as a data source, an analysis of trial data, a measurement design."""
    text = f"{p.title}\n{p.scope.primary}"
    found = (
        TRIAL_AS_SOURCE.search(text)
        or TRIAL_DATA_FROM.search(p.scope.primary)
        or MEASUREMENT_DESIGN.search(text)
    )
    return None if found is None else found.group(0).strip()


def observational(p: Paper) -> Decision | None:
    """The paper says it observes people; but when its only such word says when or
    whom it recruited ("prospective", "consecutive patients": ``OBS_RECRUITMENT``)
    and its own sentences report a dosed treatment the investigators gave
    (``ADMINISTERED``), it is a trial without randomisation (the labelling rules:
    the investigators assigned the intervention prospectively)."""
    hit = p.observed()
    if hit is None:
        return None
    # the paper's own work handles laboratory material and no living being is
    # studied (in_vitro_subject: a laboratory subject in the title or an own
    # sentence, nobody counted, enrolled or compared, nothing done to animals), and
    # the cohort word's own sentence names that material or its data and no people
    # or animals ("retrospective analysis of an independent data set"): the word
    # says how the material was sampled, not that people were observed (vitro10)
    material = _material_observed(p, hit)
    if material is not None and (bench := in_vitro_subject(p)) is not None:
        return "in_vitro", f"text: {hit!r} of {material!r}; {bench[1]}"
    given = _given_only_recruited(p, hit)
    if given is not None:
        return "non_randomized_trial", f"text: {hit!r} and {given!r}, no randomisation"
    # a decision model's cohort is hypothetical: an economic or decision model is
    # "other" by the labelling rules, its cohort or survey word the model's
    # population or the source of its inputs (obs19)
    if (model := _decision_model(p)) is not None:
        return "other", f"text: {hit!r} of a model ({model!r})"
    return "observational", f"text: {hit!r}"


def _material_observed(p: Paper, hit: str) -> str | None:
    """The laboratory material or data (``MATERIAL_OBSERVED``) that the sentence of
    the observational cue ``hit`` names, where that sentence names no people, no
    animals and no people's tissue (``TISSUE_OBSERVED``); else None.  The people
    and animals test is the randomisation's (spec9's, ``_named_alone``): a cohort
    word, like a randomisation, is said of whatever its sentence names."""
    sentence = _cue_sentence(p, hit)
    if sentence is None or TISSUE_OBSERVED.search(sentence) is not None:
        return None
    return _named_alone(sentence, MATERIAL_OBSERVED)


def _decision_model(p: Paper) -> str | None:
    """The model of care the paper builds (``DECISION_MODEL``; a decision tree or
    Markov model, ``DECISION_TREE``, only where it counts costs, ``ECONOMIC``), as
    the reason shows it; None for a cohort's own analysis (obs19)."""
    text = p.abstract
    if (model := DECISION_MODEL.search(text)) is not None:
        return model.group(0)
    tree = DECISION_TREE.search(text)
    if tree is None or ECONOMIC.search(f"{p.title}\n{text}") is None:
        return None
    return tree.group(0)


def _given_only_recruited(p: Paper, hit: str) -> str | None:
    """The administered dose, when ``hit`` and every other observational cue of
    the title and own sentences only say how people were recruited."""
    if OBS_RECRUITMENT.search(hit) is None:
        return None
    own = p.scope.primary
    administered = ADMINISTERED.search(own)
    given = administered.group(0).strip() if administered is not None else _dose_given(own)
    # the dose first: most recruited cohorts give none, and _not_own_trial's three
    # searches of the title and own text cost more than the dose's (fixn11)
    if given is None or _randomised_here(p) or _not_own_trial(p) is not None:
        return None
    rest = OBS_RECRUITMENT.sub(" ", f"{p.title}\n{own}")
    if OBS.search(rest) is not None:
        return None  # "a prospective cohort": a cohort whatever it was given
    return given


def _randomised_here(p: Paper) -> bool:
    """An own sentence says the people were randomised ("246 randomized patients",
    "a randomized, sham-controlled trial") though no trial decision settled the
    paper: a dose given there is a randomised arm's (a post hoc analysis of an
    RCT's people), so it makes no trial "without randomisation" (nrt11).  A
    randomisation the sentence denies ("patients were not randomized", "without
    randomization": ``NOT_RANDOMISED``) is no randomisation (fixn11)."""
    own = p.scope.primary
    return "randomi" in own and "randomi" in NOT_RANDOMISED.sub(" ", own)


def comment_title(p: Paper) -> Decision | None:
    """A comment's title over a long abstract; but a long abstract under "Response
    to ..." reports the response to a treatment (in the corpus, 3 of 3 such papers
    were research)."""
    return _found("commentary", "title", p.in_title.first(COMMENT, _not_a_response))


def bench_text(p: Paper) -> Decision | None:
    """Laboratory work named by its methods and objects rather than its materials
    (cloned cDNAs, blots, enzyme assays, bacterial strains, nanomaterials): at least
    ``BENCH_MIN`` distinct bench words, and nobody studied in vivo
    (``STUDIED_IN_VIVO``: patients counted or enrolled, animals, "in vivo"; not the
    patients of a background sentence).  Last before "other": every design the
    text names comes first, and the reason starts with ``BENCH_REASON`` so that
    the review model still reads the abstract (a review of molecular biology
    uses the same words; design_of asks it)."""
    if not p.abstract:
        return None
    text = f"{p.title}\n{p.abstract}"
    animal = p.population == "animal"
    # an animal's genes, proteins or harvested cells, with nothing done to a living
    # animal; else nobody studied in vivo at all
    if ANIMAL_IN_VIVO.search(text) if animal else LIVING_STUDIED.search(text):
        return None
    hits = BENCH_SET.present(text)
    if len(hits) < BENCH_MIN + (BENCH_ANIMAL_EXTRA if animal else 0):
        return None
    shown = ", ".join(repr(hits.first(word)) for word in hits.found(BENCH)[:4])
    return "in_vitro", f"{BENCH_REASON} ({len(hits)} laboratory words: {shown})"


def in_vitro_computed(p: Paper) -> Decision | None:
    """Computation on biological data as the paper's own work (vitro9): a sentence in
    which the authors speak of their own work presents or develops software, an
    algorithm, an estimator, a computational model or a simulation
    (``COMPUTED_OWN``), the text works on biological objects (sequences, genomes,
    proteins, metabolic fluxes, neurons: ``COMPUTED_BIOLOGY``), and neither people
    nor their clinical data are its material (``CLINICAL_DATA``) nor is anything
    living studied (``LIVING_STUDIED``): in silico work, which the labelling rules
    call in vitro.  Engineering or statistics without biological objects stays
    "other".  Last before "other"'s fall-backs, so every design the text names comes
    first; the bench reason lets the review model still read the abstract."""
    if not p.abstract or p.population == "animal":
        return None
    text = f"{p.title}\n{p.abstract}"
    if COMPUTED_BIOLOGY.search(text) is None or CLINICAL_DATA.search(text) is not None:
        return None
    if LIVING_STUDIED.search(text) is not None:
        return None
    own = f"{p.title}\n{p.scope.primary}"
    for start, end in sentences(own):
        sentence = own[start:end]
        if OWN_SENTENCE.search(sentence) is None or HISTORY.search(sentence) is not None:
            continue
        if (hit := COMPUTED_OWN.search(sentence)) is not None:
            return "in_vitro", f"{BENCH_REASON}: own computational work ({hit.group(0)!r})"
    return None


def review_topic_title(p: Paper) -> Decision | None:
    """A title announcing a topic as reviews do ("Diagnosis and treatment of ...",
    "... : an update") over an abstract that reports no research of its own and
    names no other design: the reviews that never say "review" (asked after every
    design cue, so a study titled so keeps its design)."""
    if not p.abstract or (hit := REVIEW_TOPIC_TITLE.search(p.title)) is None:
        return None
    if p.own_work():  # a case presented, "these data suggest", "we measured" (nr8)
        return None
    return "narrative_review", f"title: {hit.group(0).strip()!r} (no research of its own)"


def bench_animal(p: Paper) -> Decision | None:
    """An animal's genes, cloned cDNAs, purified proteins or isolated cells studied at
    the bench, nothing done to a living animal: before the population's "animal"."""
    return bench_text(p) if p.population == "animal" else None


# the labelling rules' largest case series (docs/design-labelling.md): more people
# than this, studied and counted, are a cohort or a trial, not cases
CASES_DESCRIBED_MAX = 10


def counted_people(p: Paper) -> Decision | None:
    """Research on people that names no design: the abstract counts more people than
    a case series holds (the participants' count: a review's or a laboratory's
    papers were settled above, and a review names itself), and nothing else spoke.
    Unknown is not "other" here: of the development key's papers that fell through
    every decision while counting more than ten people, none was "other"; most
    were cohorts and series of treated patients, some trials without
    randomisation.  An investigator's allocation (``ALLOCATED``: assigned to a
    treatment, enrolled, crossed over) says they gave the intervention, so a
    non-randomised trial; otherwise the people were observed.  Last but one, so
    every design phrase, the laboratory's words and the review model's reading of
    an uncounted abstract come first."""
    if not p.abstract:
        return None
    # no population word, but the paper names its people by what they are ("150
    # newborn infants", "34 players", "we report 20 girls": PEOPLE_NOUN) and counts
    # them: as for patients (a count of trees or plant families is not)
    if p.population not in ("human", "both") and not (
        p.population == "unclear" and PEOPLE_NOUN.search(p.scope.primary)
    ):
        return None
    count = p.participants
    if p.reads_as_review():
        return None
    if count is None:
        return _compared_people(p)
    if count <= CASES_DESCRIBED_MAX:
        return None
    allocated = p.own.first(ALLOCATED)
    if allocated is None and (given := ADMINISTERED.search(p.scope.primary)) is not None:
        allocated = given.group(0).strip()
    if allocated is None:
        allocated = _dose_given(p.scope.primary)
    # people named by what they are, given a teaching or a programme (DELIVERED)
    if (
        allocated is None
        and p.population == "unclear"
        and (delivered := DELIVERED.search(p.scope.primary)) is not None
    ):
        allocated = delivered.group(0).strip()
    if allocated is not None and _not_own_trial(p) is None and not _randomised_here(p):
        return "non_randomized_trial", f"text: {count} people, {allocated!r}, no randomisation"
    return "observational", f"text: {count} people studied, no design named"


def _dose_given(own: str) -> str | None:
    """A dose the people were given (``DOSE_GIVEN``'s verb with a ``DOSE`` after it
    in its sentence, or a dose with its arm's count, ``DOSE_ARM``), as the reason
    shows it; asked only where a dose unit is there at all (a substring test)."""
    if not _has_dose_unit(own):
        return None
    # the sentence's first verb is enough: a dose after a later verb is after it too.
    # One scan for the verbs, not one search a sentence ("iu" is in "calcium" and
    # "sodium", so many texts pass the unit test); a sentence ends at ". " as
    # str.split(". ") would cut it, and no verb holds ". " (fixn11)
    tried_to = -1
    for verb in DOSE_GIVEN.finditer(own):
        if verb.start() < tried_to:
            continue  # a later verb of a sentence already asked
        end = own.find(". ", verb.end())
        tried_to = len(own) if end < 0 else end
        rest = own[verb.end() : tried_to]
        if (dose := DOSE.search(rest)) is not None:
            return f"{verb.group(0)}{rest[: dose.end()]}".strip()
    arm = DOSE_ARM.search(own)
    return None if arm is None else arm.group(0).strip()


def _compared_people(p: Paper) -> Decision | None:
    """Observational where no count was read but the paper reports data on its own
    people whose exposure nobody assigned (obs20, issue 19): an own sentence names
    people with a statistic of the paper's own (``GROUP_STATISTIC`` beside
    ``PEOPLE_RANDOMISED``'s nouns: people analysed as a group, which the labelling
    rules make observational whatever their number; nrt11), or names them as the
    ones its data are about (``OWN_SUBJECTS``: people enrolled, included, followed
    or compared, "we analysed ... patients", "data of ... patients", "among the
    2071 health care workers").  Both say the same thing, that the people are the
    paper's own and measured; neither says who chose their exposure, so a paper
    whose own sentences allocate, administer or dose (``ALLOCATED``,
    ``ADMINISTERED``, ``_dose_given``) or name its own trial stays undecided (a
    trial that names no design is not called observational).  The reason opens on
    NO_DESIGN so that the review model is still asked (a review quotes statistics
    and other studies' patients too)."""
    if p.population != "human":
        # animals or no population word beside the people: the statistic may be
        # the animals' or the samples' ("handled rats explored more (p < 0.01)"),
        # not people's (fixn11)
        return None
    own = p.scope.primary
    stat = GROUP_STATISTIC.search(own)
    if stat is not None and PEOPLE_RANDOMISED.search(own) is not None:
        why = f"people compared with statistics ({stat.group(0)!r})"
    elif (subjects := _own_subjects(own)) is not None:
        why = f"the paper's own people ({subjects!r})"
    else:
        return None
    if ALLOCATED.search(own) is not None or _not_own_trial(p) is not None:
        return None
    if stat is None and (
        ADMINISTERED.search(own) is not None
        or _dose_given(own) is not None
        or DELIVERED.search(own) is not None
        or PUBLIC_DATA.search(p.abstract) is not None
        or CONSENSUS_METHOD.search(p.abstract) is not None
    ):
        # (the statistic's arm was kept as nrt11 measured it; the new arm asks more:
        # "patients were enrolled and given 40 mg" or "before and after the
        # intervention" is a trial's arm, and people whose data came from TCGA
        # are a download's, not the paper's own; a Delphi's panel rates, and is
        # no cohort: fixo20)
        return None
    return "observational", f"{NO_DESIGN}; {why}"


def _own_subjects(own: str) -> str | None:
    """The first ``OWN_SUBJECTS`` phrase of the own sentences, as the reason shows
    it; a counted phrase only where its count is more than a case series holds
    (``OWN_SUBJECTS_COUNT``)."""
    for found in OWN_SUBJECTS.finditer(own):
        phrase = found.group(0).strip()
        count = OWN_SUBJECTS_COUNT.search(phrase)
        if count is not None and int(count.group(0).replace(",", "")) <= CASES_DESCRIBED_MAX:
            continue
        return phrase
    return None


def no_abstract(p: Paper) -> Decision | None:
    """A title alone that names no design cannot decide one: unknown is not
    commentary (a title-only record is as often an animal study or a trial
    indexed before its abstract arrived)."""
    if not p.abstract:
        return "unclassified", NO_ABSTRACT
    return None


DECISIONS: tuple[Callable[[Paper], Decision | None], ...] = (
    notice_title,
    title_tag_piece,
    comment_named_title,
    comment_title_short,
    protocol_title,
    review_systematic_title,
    review_named_title,
    guideline_title,
    qualitative_title,
    trial_title,
    in_vitro_derived_line,
    case_named_title,
    pooled_trials,
    trial_secondary_analysis,
    review_systematic_text,
    protocol_text,
    trial_text,
    review_systematic_opening,
    case_title,
    case_journal,
    case_text,
    qualitative_text,
    record_review_title,
    review_title,
    review_text,
    overview_text,
    in_vitro_text,
    in_vitro_patient_cells,
    in_vitro_subject_animal,
    bench_animal,
    laboratory,
    animal_own_experiment,
    placebo_arm,
    nonrandomized_trial,
    in_vitro_title_cells,
    material_subjects,
    observational,
    in_vitro_subject,
    review_topic_title,
    comment_title,
    bench_text,
    in_vitro_computed,
    title_tag_design,
    counted_people,
    no_abstract,
)


# a run of blanks inside a reason: text the scope blanked (others' work, wanted work)
# between the ends of a phrase that matched across it ("text: '.      ...      a case
# of'"); shown as one ellipsis so the reason reads (fixd8)
_BLANKED_RUN = re.compile(r"\s{3,}")


def decide(paper: Paper) -> Decision:
    """The first decision that settles the design; "other" when none does."""
    for decision in DECISIONS:
        found = decision(paper)
        if found is not None:
            paper.decided_by = decision.__name__
            design, reason = found
            return design, _BLANKED_RUN.sub(" … ", reason)
    return "other", NO_DESIGN
