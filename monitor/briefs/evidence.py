"""Evidence level on a scale readers know: the Oxford CEBM 2011 levels.

scimon infers one clinical question, treatment benefit ("does this
intervention help?"), so the levels are those of that row of the OCEBM 2011
table, with the design detail the site prints.  The mapping from scimon's
designs (monitor/triage/design.py DESIGNS) and the wording cues that refine
them is documented in docs/evidence-levels.md:

- a systematic review is level 1 only when it pools randomised trials ("a
  meta-analysis of randomized controlled trials", "RCTs were included"), and
  says "network meta-analysis" when it is one; a review that includes other
  designs, or does not say, is level 3 (a review is no better than its studies);
- an RCT is level 2; a non-randomised trial, and a cohort study, level 3;
- an observational study is told apart by its wording: case-control (level 4),
  cross-sectional, survey or diagnostic-accuracy (not on the treatment scale),
  a cohort (level 3) when followed over time; when it says nothing of design or
  timing, a cohort if it reports events its people came to (deaths,
  complications, success, a condition developed), else cross-sectional;
- case reports and series are level 4; narrative reviews and commentaries
  level 5 (expert opinion);
- animal and laboratory studies, protocols, guidelines and notices are not on
  the clinical scale, and say so.

Each answer carries ``coarse``, the class ``scimon eval card`` scores (rct,
sr_rct, sr_other, cohort, case_control, case_series, cross_sectional,
preclinical, in_vitro, other), and ``reason``, the design and cue that decided.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from monitor.briefs.duration import OWN_CASES_AND_REVIEW, SELF_REVIEW, duration_of
from monitor.briefs.studied_species import animal_work_only
from monitor.briefs.time_direction import (
    OUTCOME_EVENT,
    diagnostic_question,
    own_text,
    study_text,
    time_direction,
    without_background,
)
from monitor.triage.count_scope import LARGE_POPULATION
from monitor.triage.material import COUNTED_NUMBER, PEOPLE, PEOPLE_COUNTED, tested_material
from monitor.triage.numbers import number_value
from monitor.triage.participants import count_participants, read_counts, reading_form

COARSE = (
    "sr_rct", "sr_other", "rct", "cohort", "case_control", "case_series", "cross_sectional",
    "preclinical", "in_vitro", "other",
)  # fmt: skip


@dataclass(frozen=True)
class EvidenceLevel:
    level: int | None  # OCEBM 2011 level for treatment benefit; None: not on that scale
    label: str
    coarse: str
    reason: str


class HasText(Protocol):
    @property
    def title(self) -> str: ...
    @property
    def abstract(self) -> str: ...


class HasDesign(Protocol):
    """What is read of a triage result (monitor.triage.Triage has both)."""

    @property
    def design(self) -> str: ...
    @property
    def population(self) -> str: ...


# a review of randomised trials says what it included or searched for
# ("randomized controlled studies were included" names the same trials; evid7)
_TRIALS = (
    r"(?:randomi[sz]ed (?:controll?e?d? |clinical )?trials?(?: studies)?|"
    r"randomi[sz]ed controll?e?d? studies|RCTs?\b)"
)
_OF_RCTS = re.compile(
    r"(?:meta-?analys[ie]s|systematic review|review|search\w*|identif\w*|includ\w*|pool\w*|"
    r"eligible|selected|retrieved|screened|evidence from|data from)\s+(?:of\s+|for\s+|were\s+)?"
    r"(?:\w+\s+){0,5}?(?:randomi[sz]ed|RCTs\b)"
    rf"|\b{_TRIALS}[^.;]{{0,80}}?\b(?:were|was)\s+(?:\w+\s+)?(?:included|identified|eligible|"
    r"searched|selected|analy[sz]ed|pooled|retrieved)"
    rf"|\b(?:\w+|\d+)\s+{_TRIALS}"
    r"\s*(?:\([^)]*\)\s*)?(?:were|was|with|involving|including|met|enrolling|comprising|"
    r"fulfil\w*|meeting|satisf\w*)"
    # a selection-criteria section that opens with the trials it took
    r"|\b(?:study selection|selection criteria|eligibility criteria|inclusion criteria|"
    rf"types of studies)\s*:?\s*(?:\w+\s+){{0,4}}?{_TRIALS}",
    re.I,
)
# ... and one that also took other designs is not a review of trials, nor one whose
# studies include some trials ("Eleven studies (three randomized trials) were included")
_OTHER_DESIGNS = re.compile(
    r"\b(?:observational|cohort|case[\s-]control|cross[\s-]sectional|non[\s-]?randomi[sz]ed|"
    r"case series|case reports|quasi[\s-]experimental|before[\s-]and[\s-]after|"
    r"prospective studies|retrospective studies|single[\s-]arm|quasi[\s-]?randomi[sz]ed|"
    r"quasi[\s-]RCTs?)\b"
    # "a meta-analysis of controlled studies": controlled, not said randomised (evid7)
    # ("placebo-controlled studies" says nothing against randomisation; fixe7)
    r"|(?<!randomized )(?<!randomised )(?<!-)\bcontrolled studies\b"
    # "prospective comparative trials (PCT) and randomized controlled trials (RCT) were
    # included": comparative, not said randomised, as "controlled studies" (card21)
    r"|(?<!randomized )(?<!randomised )(?<!-)\bcomparative (?:studies|trials)\b"
    r"|\b(?:studies|articles|papers|publications|reports)\s*\((?!all\b)(?:\w+|\d+)\s+"
    r"(?:were\s+)?(?:randomi[sz]ed|RCTs?\b)",
    re.I,
)
_NETWORK = re.compile(r"\bnetwork meta-?analys", re.I)
_META = re.compile(r"\bmeta-?analy", re.I)
# labelling rule 5.1: the authors name this study's design case-control ("a nested
# case-control study", "case-control design"), not a variable ("case-control status")
_CASE_CONTROL = re.compile(
    r"\bcase[\s-]+control\s+(?:[\w-]+\s+){0,1}?(?:study|studies|design|analysis|approach)\b",
    re.I,
)
# rule 5: people drawn by outcome status, cases (or patients) beside controls in one
# sentence of this study's own work ("282 cases ... and 282 matched controls",
# "patients with X and healthy controls (n = 13)")
# "controls" as people: plural, or a control person, or healthy/matched controls; not
# the regulation ("glycaemic control", "bladder control") nor an intervention study's
# "control group"
_CASES_AND_CONTROLS = re.compile(
    r"\b(?:cases?|patients|subjects|children|women|men|individuals)\b[^.;]{0,200}?"
    r"(?:\bcontrols\b(?!\s+(?:for|of)\b)|"
    r"\bcontrol\s+(?:subjects|participants|individuals|volunteers|persons|people|children|"
    r"women|men|cases)\b|"
    r"\b(?:healthy|matched|normal)\s+control\b)",
    re.I,
)
# rule 5.2: what they are compared on came before the outcome: an exposure, a risk
# factor, a history, diet or habit before diagnosis, a genotype said to bear on risk
_BEFORE_OUTCOME = re.compile(
    r"\brisk\s+factors?\b|\bexposures?\b|\bexposed\b|\bhistory of\b|"
    r"\bpre-?diagnos\w*|\bbefore (?:the )?(?:diagnosis|onset)\b|"
    r"\b(?:polymorphisms?|genotypes?|alleles?|susceptibility loci|variants?)\b"
    r"[^.;]{0,120}?\brisk\b|\brisk\b[^.;]{0,120}?\b(?:polymorphisms?|genotypes?|alleles?|"
    r"variants?)\b|\b(?:consumption|intake|diet\w*)\b[^.;]{0,120}?\b(?:risk|associat\w*)\b",
    re.I,
)
# ... and a genotype needs no "risk" beside it: it is inherited, so it came before the
# outcome whatever the sentence says ("HFE mutations in 63 patients and 52 controls",
# "secondary-variant genetic burden ... compared with population controls"); a protein or
# tumour "variant" is no genotype (issue 20, evid6)
_INHERITED = re.compile(
    r"\b(?:polymorphisms?|genotyp\w*|alleles?|haplotypes?|germline|(?:gene|hfe|brca\d?) "
    r"mutations?|mutations? (?:in|of) the [\w-]+ gene)\b|"
    r"\bgenetic\s+(?:[\w-]+\s+){0,2}?variants?\b|\bvariants?\s+genetic\b",
    re.I,
)
# a Mendelian randomisation uses genotypes as instruments for an exposure, not as the
# exposure the cases and controls are compared on
_MENDELIAN = re.compile(r"\bmendelian randomi[sz]ation\b", re.I)
_KIND_LABEL = {"meta-analysis": "systematic review and meta-analysis"}
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9(\[])|\n+")
# a sentence that says what a review searched for, took in or pooled
_INCLUDED = re.compile(
    r"\b(?:includ\w*|eligib\w*|criteria|selected|search\w*|identified|retrieved|met|pooled|"
    r"comprising|involving|enrolling|yielded|analy[sz]ed|meta-?analys[ie]s of|review of|"
    r"fulfil\w*|meeting|satisf\w*|"
    r"(?:\d+|\w+) (?:studies|trials|RCTs|articles|reports|papers))\b",
    re.I,
)
_WISH = re.compile(r"\b(?:needed|need|should|future|further|warranted|lacking|lack of)\b", re.I)
_LEFT_OUT = re.compile(
    r"\b(?:were|was|are|is)\s+(?:not\s+(?:\w+\s+)?)?(?:excluded|not (?:sought|eligible|"
    r"included|considered))\b|\bexclud(?:ing|ed)\b|\bno\s+(?:[\w-]+\s+){0,3}?(?:observational|"
    r"cohort|non[\s-]?randomi[sz]ed)",
    re.I,
)
# trials a review says it did not find ("No randomized controlled trials ... were
# identified", "we did not find any RCT", "RCTs were not identified"): the negation's
# scope is the trials, so the sentence says nothing of what the review took
_NEGATED_TRIALS = re.compile(
    r"\b(?:no|not|none|neither|nor|without|zero|absence of)\s+(?:[\w-]+\s+){0,6}?"
    r"(?:randomi[sz]ed|RCTs?\b)"
    rf"|{_TRIALS}[^.;]{{0,60}}?\b(?:were|was|are|is|could|did)\s+not\b",
    re.I,
)


def _review(text: str) -> EvidenceLevel:
    network = bool(_NETWORK.search(text))
    kind = (
        "network meta-analysis"
        if network
        else ("meta-analysis" if _META.search(text) else "systematic review")
    )
    # what the review included is said in its eligibility and included-studies
    # sentences; "observational studies are needed" in a conclusion is no design
    # it took, nor "RCTs are lacking" one it searched for
    included = " ".join(
        s
        for s in _SENTENCE_SPLIT.split(text)
        if _INCLUDED.search(s) and not _WISH.search(s) and not _NEGATED_TRIALS.search(s)
    )
    of_rcts = _OF_RCTS.search(included)
    # designs it says it left out ("observational studies were excluded", "were not
    # sought") are not designs it took
    # ... and not in a background section ("Placebo-controlled studies have shown ..."; fixe7)
    own = without_background(text.lower())
    took_others = any(
        _OTHER_DESIGNS.search(s) and not _LEFT_OUT.search(s)
        for s in _SENTENCE_SPLIT.split(included)
        if s.lower() in own
    )
    if of_rcts and not took_others:
        label = (
            "Level 1: systematic review and network meta-analysis of RCTs"
            if network
            else f"Level 1: {_KIND_LABEL.get(kind, kind)} of RCTs"
        )
        return EvidenceLevel(
            1, label, "sr_rct", f"{kind} of randomised trials: {of_rcts.group(0)!r}"
        )
    why = "includes non-randomised designs" if of_rcts else "does not say it pooled only RCTs"
    label = f"Level 3: {kind} of non-randomised or mixed studies"
    return EvidenceLevel(3, label, "sr_other", f"{kind} that {why}")


def _observational(
    title: str,
    abstract: str,
    design: str,
    participants: int | None = None,
    *,
    measured_once: bool = False,
    follow_up: str | None = None,
) -> EvidenceLevel:
    """Case-control, case series, cross-sectional or cohort: case-control by its
    name, the others by the study's time direction
    (:func:`monitor.briefs.time_direction.time_direction`: did it follow its people
    over time, with ``follow_up`` the card's duration when one is stated); up to 20
    cases without a comparison group are a series.  With no time direction said:
    cross-sectional when ``measured_once`` (the caller's reading, e.g. an unlabelled
    paper, is a state measured once), else decided by what the study reports: a cohort
    when it reports outcome events its people came to (``OUTCOME_EVENT``),
    cross-sectional when it does not."""
    text = f"{title}. {abstract}"
    own = own_text(title, abstract)
    if m := _CASE_CONTROL.search(own):
        return EvidenceLevel(
            4, "Level 4: case-control study", "case_control", f"{design}: {m.group(0)!r}"
        )
    sampled = _CASES_AND_CONTROLS.search(study_text(title, abstract))
    if sampled and (
        before := _BEFORE_OUTCOME.search(own)
        or (None if _MENDELIAN.search(own) else _INHERITED.search(own))
    ):
        return EvidenceLevel(
            4,
            "Level 4: case-control study",
            "case_control",
            f"{design}: {sampled.group(0)[-40:]!r} compared on {before.group(0)!r}",
        )
    direction = time_direction(title, abstract, follow_up)
    # only the word "prospective": an outcome after treatment (survival, recurrence,
    # "postoperatively") is one the groups were followed to (rule 5.3)
    # nor the word "recovery": patients "with functional recovery" beside healthy controls
    # are compared on the state they recovered to, measured once (rule 5.2; card21)
    collected = direction is not None and (
        direction.word in ("prospective", "prospectively") or "recovery" in direction.word
    )
    if sampled and (direction is None or (collected and follow_up is None)):
        # rule 5.2: cases beside controls compared on a state measured once; a
        # "prospective" collection is not a follow-up
        return EvidenceLevel(
            None,
            "Cross-sectional study: not on the treatment-benefit scale",
            "cross_sectional",
            f"{design}: {sampled.group(0)[-40:]!r} measured once",
        )
    series = _FIXED["case_report"]
    if direction is not None and direction.kind == "case_series":
        return EvidenceLevel(
            series.level, series.label, series.coarse, f"{design}: {direction.cue}"
        )
    if direction is not None and direction.kind == "cross_sectional":
        return EvidenceLevel(
            None,
            "Cross-sectional study: not on the treatment-benefit scale",
            "cross_sectional",
            f"{design}: {direction.cue}",
        )
    if participants is not None and participants <= SERIES_MAX and not _COMPARISON.search(text):
        return EvidenceLevel(
            series.level,
            series.label,
            series.coarse,
            f"{design}: {participants} cases, no comparison group",
        )
    if direction is not None:
        return EvidenceLevel(
            3, "Level 3: cohort (follow-up) study", "cohort", f"{design}: {direction.cue}"
        )
    if measured_once:
        return EvidenceLevel(
            None,
            "Cross-sectional study: not on the treatment-benefit scale",
            "cross_sectional",
            f"{design}, measured once (no follow-up named)",
        )
    if m := OUTCOME_EVENT.search(own):
        return EvidenceLevel(
            3,
            "Level 3: cohort (follow-up) study",
            "cohort",
            f"{design}, no design named, followed to outcome events: {m.group(0)!r}",
        )
    return EvidenceLevel(
        None,
        "Cross-sectional study: not on the treatment-benefit scale",
        "cross_sectional",
        f"{design}, no design named nor outcome event: a state measured once",
    )


_FIXED = {
    "rct": EvidenceLevel(2, "Level 2: individual RCT", "rct", "randomised controlled trial"),
    "non_randomized_trial": EvidenceLevel(
        3, "Level 3: non-randomised controlled trial", "cohort", "non-randomised trial"
    ),
    "case_report": EvidenceLevel(
        4, "Level 4: case series or case report", "case_series", "case report or series"
    ),
    "qualitative": EvidenceLevel(
        None, "Qualitative study: not on the treatment-benefit scale", "cross_sectional",
        "qualitative study",
    ),
    "narrative_review": EvidenceLevel(
        5, "Level 5: narrative review (expert opinion)", "other", "narrative review"
    ),
    "commentary": EvidenceLevel(
        5, "Level 5: commentary or expert opinion", "other", "commentary, editorial or letter"
    ),
    "guideline": EvidenceLevel(
        None, "Guideline or consensus: graded by its own sources", "other", "guideline"
    ),
    "protocol": EvidenceLevel(
        None, "Study protocol: no results yet", "other", "protocol"
    ),
    "animal": EvidenceLevel(
        None, "Preclinical (animal) study: not on the clinical scale", "preclinical",
        "animal study",
    ),
    "in_vitro": EvidenceLevel(
        None, "Laboratory (in vitro) study: not on the clinical scale", "in_vitro",
        "in vitro or computational study",
    ),
    "notice": EvidenceLevel(None, "Erratum or retraction notice", "other", "notice"),
    "other": EvidenceLevel(None, "Design not stated", "other", "no design recognised"),
}  # fmt: skip


# what a paper scimon's design rules left as "other" says of itself
_SOME_REVIEW = re.compile(
    r"systematic(?:ally)? review|meta-?analy|scoping review|umbrella review|overview of reviews|"
    r"evidence synthesis|(?:searched|search of|searches of)\s+(?:[\w,/&-]+\s+){0,8}?"
    r"(?:databases?|pubmed|medline|embase|cochrane|web of science|scopus)|"
    r"(?:we|this study) (?:analy[sz]ed|reviewed|included) \d+ "
    r"(?:papers|articles|studies|publications)",
    re.I,
)
# a paper that names itself a review (duration's ``SELF_REVIEW``: not "this review of 120
# patients' charts" nor "this review board-approved study"), or says so more loosely
# ("our review", "we reviewed the literature"); fixd11 made the two one definition
_NARRATIVE = re.compile(
    rf"{SELF_REVIEW.pattern}|\bour (?:narrative |literature |critical )?review\b|"
    r"\bwe review\b|\breview(?:s|ed)? the (?:literature|evidence|current)\b",
    re.I,
)
# a paper that says its own work is reviewing or discussing others' ("the present study
# reviews the evidence", "we discuss here", "this article summarizes", "a review of the
# evidence" in its title) is a review whatever species its sources studied: the kind of
# paper is decided before the species
_REVIEWS_ITSELF = re.compile(
    r"\b(?:we|(?:this|the present|the current|our) (?:study|paper|article|chapter|work|review"
    r"|manuscript|commentary|perspective|editorial)|here(?:in)?)\s+(?:\w+\s+){0,2}?(?:reviews?|summari[sz]es?|"
    r"overview|outlines?)\b|"
    # discussing is a review's work when it is this paper's purpose ("we discuss here"),
    # not a research paper's closing ("we discuss the implications")
    r"\b(?:here(?:in)?,? we|we here) discuss|\bwe discuss (?:here|in this)\b|"
    r"\b(?:a|this|our|the present) (?!chart|record|case|file|retrospective|medical)"
    r"(?:[\w-]+ )?review\b|\breview of the (?:evidence|literature)\b",
    re.I,
)
# the same said with this paper as the subject ("herein, we will review", "this
# commentary reviews"): enough to overrule an "animal" design, where a bare "a review"
# may be another paper's ("a recent review had suggested")
_THIS_PAPER_REVIEWS = re.compile(
    r"\b(?:we|(?:this|the present|the current|our) (?:paper|article|chapter|review|manuscript|"
    r"commentary|perspective|editorial)|here(?:in)?)\s*,?\s+(?:\w+\s+){0,2}?(?:reviews?|"
    r"summari[sz]es?|overview|outlines?|examines)\b",
    re.I,
)
# a review's own kind, said of itself, outranks a "guideline" guess
_OWN_REVIEW = re.compile(
    r"systematic(?:ally)? review|meta-?analy|scoping review|umbrella review|"
    r"overview of (?:systematic )?reviews|evidence synthesis",
    re.I,
)
# a sentence that names a review without being one: negated ("a formal meta-analysis
# is not the ideal way") or about another's ("a recent meta-analysis showed")
_NOT_OWN_REVIEW = re.compile(
    r"\b(?:not|no|nor|rather than|instead of|without)\b|"
    r"\b(?:recent|previous|prior|earlier|published|existing|cochrane|large)\s+(?:[\w-]+\s+)?"
    r"(?:systematic reviews?|meta-?analys[ie]s)\b|"
    # a review as the source of a finding the paper reports ("In a meta-analysis it was
    # shown that", "A systematic review of the preclinical literature reveals", "shown by
    # meta-analysis") is cited, not this paper (issue 20, evid6)
    r"\b(?:a|an)\s+(?:[\w-]+\s+){0,2}?(?:systematic review|meta-?analysis)\b[^.;]{0,150}?"
    r"\b(?:shown|showed|shows|reveals?|revealed|demonstrated|demonstrates|found)\b|"
    r"\b(?:shown|demonstrated|found|revealed)\s+(?:by|in)\s+(?:an?\s+)?(?:[\w-]+\s+)?"
    r"(?:systematic reviews?|meta-?analys[ie]s)\b",
    re.I,
)


def _says_review_of_itself(text: str, wording: re.Pattern[str]) -> re.Match[str] | None:
    """A systematic review's ``wording`` (its kind; for a narrative review also a
    database search or "we analysed 28 papers") in a sentence that speaks of this
    paper, not of another review."""
    for sentence in _SENTENCE_SPLIT.split(text):
        if (m := wording.search(sentence)) and not _NOT_OWN_REVIEW.search(sentence):
            return m
    return None


# a paper whose own work is reviewing ("The present paper reviews", "The authors review
# the evidence", "To review the classification ...") and that counts no people of its own
# is a narrative review, whatever trial or cohort it discusses; "we review our experience
# with 24 patients" counts its people and stays a study of them (issue 20, evid6)
_REVIEWS_OWN_WORK = re.compile(
    r"\b(?:we|(?:this|the present|the current|our|the) (?:paper|article|chapter|review|"
    r"manuscript|authors?)|here(?:in)?)\s*,?\s+(?:\w+\s+){0,2}?(?:reviews?|summari[sz]es?|"
    r"outlines?)\b|(?:^|[.:;]\s*)(?:objectives?:?\s*)?to review\b|"
    # the same in the past or perfect, of the literature ("we have reviewed selected
    # literature on", "we reviewed the evidence"): records reviewed are a chart review's,
    # so the object must be others' work (issue 20, evid8)
    r"\bwe\s+(?:have\s+)?reviewed\s+(?:[\w-]+\s+){0,2}?(?:literature|evidence|studies|"
    r"publications|research|trials)\b",
    re.I,
)
_SAYS_NARRATIVE = re.compile(r"\bnarrative review\b", re.I)
# a study that calls itself qualitative (its own word, not triage's reading of interviews)
_SAYS_QUALITATIVE = re.compile(r"\bqualitative\b", re.I)
# the abstract's own allocation ("Patients were randomized", "were randomly assigned"):
# a trial summarising its own results is no review of others' work (fixevid)
_ALLOCATED = re.compile(
    r"\b(?:were|was) (?:then )?(?:randomi[sz]ed|randomly (?:assigned|allocated|divided))\b",
    re.I,
)
# the abstract's own random allocation in any word order: "randomly assigned", "divided
# into 2 groups randomly", "concealed random allocated to", "random allocation", "randomly
# distributed" (treatments, not places), "in a randomized 2 x 2 between-subject design"
# (card21: spine-fracture RCTs read as observational); not random sampling ("randomly
# selected")
_RANDOM_STRONG = re.compile(
    r"\brandomly (?:assigned|allocated|divided)\b|\bwere randomi[sz]ed (?:to|into|in)\b|"
    r"(?<!non-)(?<!non )(?<!quasi-)(?<!quasi )\brandom(?:ly)?\s+allocat\w*|"
    r"\b(?:assigned|allocated|divided)\s+(?:[\w-]+\s+){0,4}?(?:randomly|at random)\b|"
    # "... and 22 using the new cannula, randomly distributed.": the treatments given at
    # random; not a spatial pattern ("randomly distributed throughout the cord")
    r"\brandomly distributed(?=\s*[.;,)]|\s+(?:into|to|between|among)\b)|"
    r"\b(?:in|using|with)\s+a\s+randomi[sz]ed\s+(?:[\w×-]+\s+){0,4}?design\b",
    re.I,
)
_RANDOM = re.compile(
    r"\brandomi[sz]ed\b|\bat random\b|\brandomly (?:assigned|allocated|selected|divided)", re.I
)
_CASE = re.compile(
    r"\b(?:we|i|this (?:paper|article|report)) (?:report|present|describe)s?\b|\bcase report\b|"
    r"\bcase presentation\b|\b(?:a|an) \d+-(?:year|month)-old\b|"
    r"\bcases? (?:is|are) (?:presented|described|reported)|"
    r"\bare (?:presented|described)\b",
    re.I,
)
# a comparison group: controls as people ("controls", "a control group"), not control as
# regulation ("local control rates", "bladder control")
_COMPARISON = re.compile(
    r"\bcontrols\b|\bcontrol\s+(?:groups?|subjects|participants|patients|arms?|cohorts?|"
    r"individuals|volunteers|cases)\b|\bcompared\b|\bversus\b|\bvs\b|\bgroups\b",
    re.I,
)
# people this paper studied, said so though not counted
_PEOPLE_STUDIED = re.compile(
    r"\b(?:patients|participants|subjects|volunteers|adults|children|women|men)\s+"
    r"(?:were|was)\s+(?:\w+\s+)?(?:treated|enrolled|enroled|recruited|included|evaluated|"
    r"assessed|followed|examined|interviewed|surveyed)\b",
    re.I,
)
# docs/card-labelling.md evidence rule 1: an analysis of a randomised trial's data is
# the trial's design ("a secondary analysis of", "women enrolled in a multicenter trial
# comparing calcium to placebo"), when the abstract says the trial was randomised
_WITHIN_TRIAL = re.compile(
    r"\b(?:secondary|post[\s-]hoc|ancillary) analys[ie]s\b|"
    r"\b(?:enrolled|participating|participants|randomi[sz]ed) in (?:a|the|an) (?:[\w-]+ ){0,4}?"
    r"trial\b|\bdata (?:from|of) (?:a|the) (?:[\w-]+ ){0,4}?trial\b",
    re.I,
)
_TRIAL_ARMS = re.compile(
    r"\brandomi[sz](?:ed|ation)\b|\bplacebo\b|\bintent(?:ion)?[\s-]to[\s-]treat\b", re.I
)
SERIES_MAX = 20  # docs/card-labelling.md: up to 20 uncontrolled cases are a case series
# a protocol has no results yet: it says what will be done ("participants will be
# followed", "we propose to enrol", "a prospective study was planned"); a paper triage
# calls a protocol that says nothing in the future of its own work has been done, and
# the protocol it names is a treatment's ("treated according to the NASCIS protocol",
# "a protocol for the management of") (issue 20, evid6)
_PLANNED = re.compile(
    r"\bwill\b|\bpropos(?:e|es|ed) to\b|\b(?:is|are|was|were) planned\b|\bplanned to\b|"
    r"\brationale and design\b|\bdesign and rationale\b|"
    # the plan in the present tense: "participants are recruited and randomized", "this
    # trial aims to determine" (fixevid: a protocol is no finished study)
    r"\b(?:is|are) (?:being )?(?:recruited|enrolled|enroled|randomi[sz]ed|allocated|"
    r"screened|invited)\b|\baims? to\b",
    re.I,
)
_PROTOCOL_TITLE = re.compile(r"\bprotocols?\b", re.I)
# a trial's design paper: its title announces a design or protocol ("Design of a
# randomized controlled trial", "study protocol", "rationale and design") and its text
# says what will be done: a protocol, whatever design triage read (issue 20, evid8)
# The title must name the paper's kind, not a treatment's protocol ("a randomized trial
# of an early weaning protocol") nor a rationale for the treatment ("Rationale for early
# surgery"), whose finished trials may still say "will" of the future (fixe8)
_DESIGN_TITLE = re.compile(
    r"\b(?:design of|study design|trial design|(?:study|trial|research) protocol|"
    r"protocol (?:for|of) (?:an?|the) (?:[\w-]+ ){0,4}?(?:trial|study|evaluation)|"
    r"rationale(?:,| and) design|design(?:,| and) rationale|design and methods?)\b|"
    r"[:.]\s*(?:a |the )?(?:study |trial )?protocol\s*\.?$",
    re.I,
)
_FUTURE = re.compile(r"\bwill\b|\bpropos(?:e|es) to\b", re.I)
# laboratory work on material this study took from people it names as its sample
# (people counted: "two girls", "51 ... patients"; "twelve human pancreatic
# adenocarcinomas"; material from them: "DNA ... from every patient", "CSF of SCI
# patients", "tissues from 40 patients"; "in a case of") is a study of those people,
# measured as they were (labelling rule 5.2: tissue findings are a state measured once).
# Cells, cell lines, "families" (of genes or bacteria as often as of people), or patients
# named as whom the work may help ("in treating patients", "for the treatment of
# patients") stay laboratory work: the people must be counted, or be where the material
# came from
_PEOPLE = PEOPLE
_NUMBER = COUNTED_NUMBER
_PEOPLE_COUNTED = re.compile(PEOPLE_COUNTED, re.I)  # the card's own compile, at its import
_MATERIAL = (
    r"(?:tissues?|samples?|specimens?|biops(?:y|ies)|blood|serum|plasma|sera|cells|dna|rna|"
    r"csf|cerebrospinal fluid|fluid|urine|saliva|tumou?rs?|lesions|cultures?)"
)
# material counted by the piece ("twelve human pancreatic adenocarcinomas")
_HUMAN_SPECIMENS = re.compile(
    rf"\b{_NUMBER}\s+human\s+(?:[\w-]+\s+){{0,2}}?(?:tumou?rs|carcinomas|adenocarcinomas|"
    r"tissues?|specimens|biopsies)\b",
    re.I,
)
_PEOPLE_MATERIAL = re.compile(
    rf"{_PEOPLE_COUNTED.pattern}|"
    rf"\b{_MATERIAL}\s+(?:[\w()-]+\s+){{0,4}}?(?:from|of)\s+(?:[\w-]+\s+){{0,3}}?{_PEOPLE}\b|"
    rf"{_HUMAN_SPECIMENS.pattern}",
    re.I,
)

# the people are this study's own sample: counted, or their material taken from them
# ("tissues were collected from patients with colon cancer") (fixevid)
_SAMPLED_FROM = re.compile(
    r"\b(?:collected|obtained|taken|drawn|isolated|harvested|resected|retrieved|sampled)\s+"
    rf"(?:[\w()-]+\s+){{0,3}}?from\s+(?:[\w-]+\s+){{0,3}}?{_PEOPLE}\b",
    re.I,
)
# work on cells (a cell line, cells reprogrammed or transfected): a mechanism studied in
# the laboratory, whoever gave the cells ("iPSC lines from a boy with ...") (fixevid)
_CELL_WORK = re.compile(
    r"\bcell[\s-]lines?\b|\biPSCs?\b|\bpluripotent\b|\btransfect\w*|\bsi-?RNAs?\b|"
    r"\bsh-?RNAs?\b|\bknock(?:down|out|ed down|ing down)\b|\bluciferase\b|\bxenografts?\b|"
    # people simulated in a computer are no sample ("simulated for 1,000 severe hemophilia A
    # patients": evid8, once the shared numbers read "1,000"); the people themselves are
    # simulated, not the conditions of a sample's material ("serum from 40 patients was
    # incubated under simulated physiological conditions" stays a study of them: fixe8)
    r"\bin silico\b|\bvirtual (?:patients|populations?|cohorts?)\b|"
    rf"\bsimulat(?:ed|ion|ions)\b[^.;]{{0,50}}?\b{_PEOPLE}\b|"
    rf"\b{_PEOPLE}\s+(?:were|was)\s+simulated\b",
    re.I,
)
# a follow-up of the people themselves, said outright (rule 5.2: material measured once
# is cross-sectional unless the people were followed), or a time to an event of theirs
# ("correlated with overall survival"; "prognosis" is no measured time)
_OWN_FOLLOW_UP = re.compile(
    r"\bfollow(?:ed)?[\s-]+up\b|\bfollow-up\b|\bre-?examined\b|"
    r"\b(?:overall|disease[\s-]free|progression[\s-]free|recurrence[\s-]free|event[\s-]free|"
    r"relapse[\s-]free) survival\b",
    re.I,
)


def _tested_material(title: str, abstract: str) -> re.Match[str] | None:
    """The material this study tested with no living subject, read by triage's one
    reader (``monitor.triage.material``; its design decision ``material_subjects``
    makes such a paper ``in_vitro``, which the card follows).  The card asks it only
    where the design was settled by the title's own cases beside a review, before the
    material was read: whether those "cases" are cadavers (fixc20)."""
    return tested_material(study_text(title, abstract))


def _people_material(
    title: str, abstract: str, count: int | None, follow_up: str | None
) -> EvidenceLevel | None:
    """Laboratory work on material from people who are the study's own sample: a study
    of those people, measured once (rule 5.2) unless a duration or their follow-up is
    said; none for work on cells or for people named only as whom it may help."""
    own = study_text(title, abstract)
    if _CELL_WORK.search(f"{title}. {abstract}"):
        return None
    m = _PEOPLE_COUNTED.search(own) or _SAMPLED_FROM.search(own) or _HUMAN_SPECIMENS.search(own)
    if m is None:
        return None
    if count is None and (n := _PEOPLE_COUNTED.search(own)):
        # the people the work was done on, counted where triage's count is silent
        count = number_value(n.group("n") or "1")
    found = _observational(
        title, abstract, f"laboratory study of people's material ({m.group(0)!r})", count,
        measured_once=True, follow_up=follow_up,
    )  # fmt: skip
    if found.coarse == "cohort" and follow_up is None and not _OWN_FOLLOW_UP.search(own):
        return EvidenceLevel(
            None,
            "Cross-sectional study: not on the treatment-benefit scale",
            "cross_sectional",
            f"laboratory study of people's material ({m.group(0)!r}), measured once "
            f"(no follow-up of them: {found.reason})",
        )
    return found


# a review's own cases: the title says so ("case series and review", "our experience"),
# the count's sentence has a first-person verb ("we present three cases"), or the work
# is the authors' own site's or study's ("at our institution", "a single institution",
# "the focus of this study") (fixevid)
_OWN_CASES_TITLE = re.compile(r"\bcases?\b|\bseries\b|\bexperience\b", re.I)
# the title's wording names cases (not only "our experience")
_CASE_WORD = re.compile(r"\bcases?\b|\bseries\b|\breports?\b", re.I)
_FIRST_PERSON = re.compile(
    r"\b(?:we|i)\s+(?:\w+ly\s+)?(?:present|presented|describe|described|report|reported|"
    r"treated|operated|reviewed|studied|analy[sz]ed|examined|followed|included|enrolled|"
    r"recruited|identified|collected|performed)\b|"
    # the same in the passive, said of this paper ("three clinical cases presented in
    # the paper")
    r"\b(?:presented|described|reported)\s+(?:here(?:in)?|in (?:this|the) (?:paper|article|"
    r"report))\b|"
    # or the authors' analysis ("the results of treatment are reviewed in 18 cases")
    r"\b(?:are|were) (?:retrospectively )?(?:reviewed|analy[sz]ed)\b",
    re.I,
)
_OWN_SITE = re.compile(
    r"\bour (?:institution|hospital|cent(?:er|re)|department|clinic|unit|cohort|experience|"
    r"series|practice|patients)\b|\b(?:at )?a single(?:[\s-]+)(?:institution|cent(?:er|re)|"
    r"hospital)\b|\b(?:this|the present|the current|our) study\b(?!\s+reviews?\b)",
    re.I,
)
# units a grammar counts that are not people ("three main families of protein kinases")
_NOT_PEOPLE = frozenset({"families", "family", "studies", "trials", "articles", "papers"})
_HEADING = re.compile(r"(?:^|\n|\.\s)([A-Z][A-Z /&]{3,}):")
_BACKGROUND = re.compile(r"^(?:BACKGROUND|INTRODUCTION|CONTEXT|RATIONALE)\b")


def _own_cases(title: str, abstract: str) -> int | None:
    """The number of a review's own cases, when it reports some: the grammar's count of
    people, below ``LARGE_POPULATION``, not stated in its background, with a cue that
    the cases are the authors' own."""
    chosen = read_counts(abstract).chosen
    if chosen is None or chosen.unit.lower() in _NOT_PEOPLE:
        return None
    if chosen.value >= LARGE_POPULATION:
        return None
    # the sentence is a slice of the text as the grammar read it (same length)
    where = reading_form(abstract).find(chosen.text) if chosen.text else -1
    if where >= 0:
        # the last label up to the count's sentence's end: a sentence may open on its own
        # ("CASE PRESENTATION: We describe 3 new cases")
        end = where + len(chosen.text)
        headings = [h.group(1) for h in _HEADING.finditer(abstract[:end])]
        if headings and _BACKGROUND.search(headings[-1]):
            return None
    if not (
        _OWN_CASES_TITLE.search(title)
        or (chosen.text and _FIRST_PERSON.search(chosen.text))
        or _OWN_SITE.search(abstract)
    ):
        return None
    return chosen.value


def _from_wording(
    title: str,
    abstract: str,
    population: str,
    participants: int | None,
    follow_up: str | None = None,
) -> EvidenceLevel | None:
    """A level for a paper whose design scimon left open, from what it says of itself."""
    text = f"{title}. {abstract}"
    if _SOME_REVIEW.search(text):
        return _review(text)
    if _NARRATIVE.search(text):
        return _FIXED["narrative_review"]
    if population == "animal":
        return _FIXED["animal"]
    if m := _RANDOM.search(text):
        found = _FIXED["rct"]
        return EvidenceLevel(found.level, found.label, found.coarse, f"randomised: {m.group(0)!r}")
    small = participants is not None and participants <= SERIES_MAX
    if (m := _CASE.search(text)) and (participants is None or small):
        found = _FIXED["case_report"]
        return EvidenceLevel(
            found.level, found.label, found.coarse, f"case wording: {m.group(0)!r}"
        )
    if participants is not None and participants > 1:
        return _observational(
            title,
            abstract,
            f"{participants} participants",
            participants,
            measured_once=True,
            follow_up=follow_up,
        )
    if participants is None and (m := _PEOPLE_STUDIED.search(text)):
        # "Patients were treated ... for six months": people studied, count unstated
        return _observational(
            title, abstract, f"people studied ({m.group(0)!r})", None,
            measured_once=True, follow_up=follow_up,
        )  # fmt: skip
    direction = time_direction(title, abstract, follow_up) if population == "human" else None
    if direction is not None and direction.said:
        # people neither counted nor said to be enrolled, but the design or its timing
        # said outright ("assessed ... compared to the same traits at T1"): a human study
        return _observational(
            title, abstract, f"human study ({direction.cue})", None,
            measured_once=True, follow_up=follow_up,
        )  # fmt: skip
    return None


# dur10: a structured abstract's design heading ("Study design: Clinically based
# systematic review.", "DESIGN: A systematic review of the available literature ...")
# is the authors naming what this paper is (docs/card-labelling.md evidence rule 1,
# as rule 5.1 takes a named case-control design): when its head is a systematic review
# or meta-analysis, the paper is one, whatever a survey or a cohort it mentions made
# of it.  Only the heading's first words: "Review of published studies, concentrating
# on systematic reviews" is no systematic review.  Not a review's protocol ("Design:
# Protocol for systematic review", "Design: Systematic review protocol.") nor a paper
# triage read as a protocol: a protocol is ``other`` (rule 1; fixd10).
_DESIGN_HEADING = re.compile(
    r"(?:^|[.:\n]\s*)(?:study\s+design|design|research\s+design)\s*:\s*"
    r"(?:an?\s+)?(?:[\w-]+\s+){0,2}?(?:systematic\s+(?:literature\s+)?review|meta-?analys[ie]s)\b",
    re.I,
)


# the designs a title reporting its own cases beside a review may have been given
_BESIDE_REVIEW = ("systematic_review", "narrative_review", "guideline", "other", "case_report")


def _own_cases_beside_review(record: HasText, triage: HasDesign) -> EvidenceLevel | None:
    """A paper that reports its authors' own cases beside a review of others' is a
    study of those cases (docs/card-labelling.md evidence rule 1, the design of this
    paper; the review is its discussion).  One route (lab20; before, a title route and
    a later abstract route read it apart): the title says so ("a series of four cases
    and systematic review of literature", "case report and review of the literature";
    card20), or a narrative review counts its own people with a cue they are its own
    (``_own_cases``: "we present three cases", "at our institution"; evid6, fixevid)
    and neither calls itself a review by its method nor names itself narrative."""
    title, abstract = record.title or "", record.abstract or ""
    design = triage.design
    if design not in _BESIDE_REVIEW or triage.population == "animal":
        return None
    if (cases := OWN_CASES_AND_REVIEW.search(title)) is not None and (
        # "our experience" names no cases: the paper's own people must be found, else it
        # is the experience of running a unit, not of treating counted people (fixc20)
        _CASE_WORD.search(cases.group(0)) or _own_cases(title, abstract) is not None
    ):
        if (tested := _tested_material(title, abstract)) is not None:
            # its "cases" are cadavers or specimens: laboratory work (fixc20)
            found = _FIXED["in_vitro"]
            why = f"own material beside a review, no living subject: {tested.group(0)!r}"
            return EvidenceLevel(found.level, found.label, found.coarse, why)
        people = getattr(triage, "participants", None)
        count = getattr(people, "number", None)
        named = re.match(r"case\s+(?:series|reports?)\b", cases.group(0), re.I)
        if count is not None and count > SERIES_MAX and not named:
            return _observational(
                title, abstract, f"{count} own cases beside a review ({cases.group(0)!r})", count,
                measured_once=True, follow_up=duration_of(record),
            )  # fmt: skip
        # rule 3: a series its authors name, or up to 20 cases, is a case series
        found = _FIXED["case_report"]
        why = f"own cases beside a review of others': {cases.group(0)!r}"
        return EvidenceLevel(found.level, found.label, found.coarse, why)
    text = f"{title}. {abstract}"
    if (
        design != "narrative_review"
        or _SAYS_NARRATIVE.search(text)
        # a review by its method or its design heading is graded as one (``_review``)
        or _says_review_of_itself(text, _SOME_REVIEW)
        or _DESIGN_HEADING.search(abstract)
        or (own := _own_cases(title, abstract)) is None
    ):
        return None
    # the participants grammar counts this study's own people, not the literature's:
    # a "review" that counts them with a cue they are its own reports its own cases
    # ("three clinical cases", "14 children treated over 36 years"), read as a study
    # of them (issue 20, evid6; the cue, fixevid)
    return _observational(
        title, abstract, f"review of its own {own} cases", own, follow_up=duration_of(record)
    )


def evidence_level_of(record: HasText, triage: HasDesign) -> EvidenceLevel:
    """The OCEBM 2011 treatment-benefit level of a paper, from scimon's design
    (``triage.design``, ``triage.population``) and the wording of its title and
    abstract."""
    title, abstract = record.title or "", record.abstract or ""
    text = f"{title}. {abstract}"
    design = triage.design
    if (beside := _own_cases_beside_review(record, triage)) is not None:
        return beside
    if (
        design not in ("systematic_review", "protocol")
        and (named := _DESIGN_HEADING.search(abstract))
        and not _PROTOCOL_TITLE.search(abstract[named.start() : abstract.find(".", named.end())])
    ):
        found = _review(text)
        why = f"{found.reason}; the design heading names it: {named.group(0).strip(' .:')!r}"
        return EvidenceLevel(found.level, found.label, found.coarse, why)
    if design == "systematic_review":
        if _SAYS_NARRATIVE.search(text):
            return _FIXED["narrative_review"]  # "a narrative review ... of systematic reviews"
        return _review(text)
    if design == "narrative_review" and _says_review_of_itself(text, _SOME_REVIEW):
        return _review(text)
    if design == "guideline" and _says_review_of_itself(text, _OWN_REVIEW):
        return _review(text)
    if (
        design in ("observational", "non_randomized_trial", "rct", "qualitative")
        and (m := _REVIEWS_OWN_WORK.search(text))
        and count_participants(abstract)[0] is None
        and not _ALLOCATED.search(text)
    ):
        found = _FIXED["narrative_review"]
        why = f"reviews, counts no people of its own: {m.group(0).strip(' .:;')!r}"
        return EvidenceLevel(found.level, found.label, found.coarse, why)
    if (
        design in ("rct", "non_randomized_trial")
        and (announced := _DESIGN_TITLE.search(title))
        and _FUTURE.search(own_text(title, abstract))
    ):
        found = _FIXED["protocol"]
        why = f"a trial's design paper: {announced.group(0)!r}, in the future"
        return EvidenceLevel(found.level, found.label, found.coarse, why)
    if design == "animal" and _THIS_PAPER_REVIEWS.search(text):
        # the kind of paper is decided before the species: a review or commentary of
        # animal work says so of itself ("Herein, we will review", "This commentary")
        return _FIXED["narrative_review"]
    if triage.population == "animal" and design not in ("rct", "case_report", "narrative_review"):
        return _FIXED["animal"]
    if triage.population == "animal" and design == "rct":
        found = _FIXED["animal"]
        return EvidenceLevel(found.level, found.label, found.coarse, "randomised animal study")
    people = getattr(triage, "participants", None)
    count = getattr(people, "number", None)
    unit = getattr(people, "unit", None)
    reasons = getattr(triage, "reasons", None) or {}
    if count is None and any(r.startswith("withheld") for r in reasons.get("participants", [])):
        # the card withholds a count it is unsure of, but a design decision (up to 20
        # cases is a series) reads the grammar's count, as triage's own design rules do
        raw, _ = count_participants(record.abstract or "")
        count, unit = (raw.number, raw.unit) if raw else (None, None)
    if (
        triage.population == "both"
        and design in ("other", "narrative_review", "in_vitro")
        and not (design != "in_vitro" and _REVIEWS_ITSELF.search(text))
        and (
            animal := animal_work_only(
                title,
                abstract,
                unit,
                about_papers=design == "narrative_review",
                laboratory=design == "in_vitro",
            )
        )
        is not None
    ):
        # evidence rule 4: patients named in background or conclusions, animals studied
        found = _FIXED["animal"]
        return EvidenceLevel(
            found.level, found.label, found.coarse, f"animals studied ({animal!r}), people not"
        )
    if design == "observational" and (m := _RANDOM_STRONG.search(text)):
        # read after the species, as a randomised animal study is; material divided at
        # random ("specimens divided into groups at random") is no trial, and the design
        # already calls such a paper in_vitro (lab20's ``material_subjects``), so it
        # never reaches here as observational
        found = _FIXED["rct"]
        return EvidenceLevel(found.level, found.label, found.coarse, f"randomised: {m.group(0)!r}")
    if (
        design in ("observational", "other", "non_randomized_trial")
        and (m := _WITHIN_TRIAL.search(text))
        and (arms := _TRIAL_ARMS.search(text))
    ):
        found = _FIXED["rct"]
        why = f"analysis of a randomised trial: {m.group(0)!r}, {arms.group(0)!r}"
        return EvidenceLevel(found.level, found.label, found.coarse, why)
    follow_up = duration_of(record)
    trial = design == "non_randomized_trial"
    if trial and (asks := diagnostic_question(title, abstract, follow_up)):
        # a "prospective trial" of a test's accuracy gives no treatment and follows no
        # outcome: each person is measured once against a reference (evid7)
        return _observational(
            title, abstract, f"non-randomised study of a test's accuracy ({asks!r})", count,
            follow_up=follow_up,
        )  # fmt: skip
    if (
        design == "protocol"
        and count is not None
        and not _PLANNED.search(text)
        and not _PROTOCOL_TITLE.search(title)
    ):
        # no plan in the future tense: a finished study read from what it says of itself
        worded = _from_wording(title, abstract, triage.population, count, follow_up)
        return worded or _FIXED["other"]
    if (
        design == "in_vitro"
        and triage.population in ("human", "unclear")
        and _PEOPLE_MATERIAL.search(study_text(title, abstract))
        and (material := _people_material(title, abstract, count, follow_up)) is not None
    ):
        return material
    if design == "observational":
        return _observational(title, abstract, "observational study", count, follow_up=follow_up)
    if (
        design == "case_report"
        and count is not None
        and count > SERIES_MAX
        and not _CASE.search(text)
    ):
        # docs/card-labelling.md evidence rule 3: more than 20 cases are no series
        # (unless the paper reports its own case and counts the literature's)
        return _observational(
            title, abstract, f"{count} cases", count, measured_once=True,
            follow_up=follow_up,
        )  # fmt: skip
    if design == "other":
        worded = _from_wording(title, abstract, triage.population, count, follow_up)
        return worded or _FIXED["other"]
    if (
        design == "qualitative"
        and triage.population == "human"
        and not _SAYS_QUALITATIVE.search(text)
    ):
        # triage reads "qualitative" from interview and questionnaire wording, which are
        # often the instruments of a longitudinal study ("This study followed up a
        # clinical ADHD sample longitudinally"): a design or follow-up said outright
        # (time direction steps 1-4) decides, as for an observational study (card21)
        direction = time_direction(title, abstract, follow_up)
        if direction is not None and direction.said and direction.kind == "cohort":
            return EvidenceLevel(
                3, "Level 3: cohort (follow-up) study", "cohort",
                f"questionnaire or interview study followed over time: {direction.cue}",
            )  # fmt: skip
    return _FIXED.get(design, _FIXED["other"])
