"""Did an observational study follow its people over time, or measure them once?

The card's cohort (OCEBM level 3) and cross-sectional (not on the treatment
scale) classes differ in time direction, not in vocabulary: a cohort measures
the same people again later (a follow-up, repeated assessments, an outcome
after an exposure or treatment), a cross-sectional study measures them once (a
survey, a diagnostic comparison, a record review at admission, the baseline of
a cohort).  Design words mislead both ways: "retrospective" says when the data
were collected, not whether anyone was followed; "survey", "interview" and
"questionnaire" are often instruments of a longitudinal study ("the SF-36 health
survey" assessed yearly); "cohort" is often the frame a one-off sample was
drawn from ("participants derived from a community cohort underwent same-day
echocardiography").

:func:`time_direction` reads the abstract (the sentences about this paper's own
work: :func:`monitor.triage.scope.scoped` sets aside those about other studies, a
structured abstract's background section is dropped, and so are an unstructured
abstract's opening sentences before the first that speaks of this study: "X carries
a high recurrence rate" is the field's, not an outcome this study followed) in an
order of strength, each step a kind of evidence rather than a phrase:

1. the authors call it a case series (docs/card-labelling.md evidence rule 3);
2. a diagnostic-accuracy question (sensitivity, specificity, diagnostic
   performance): one comparison of tests, however the patients were enrolled;
3. the design said: cross-sectional or a survey of (a "development and validation" of a
   prognostic or prediction model is a cohort: its people's later outcome is known), then
   longitudinal or cohort
   (not a cohort the sample came from), then a study of a measurement's
   reliability or validity (each person measured once per method);
4. time going forward: longitudinal, follow-up, repeated assessments (at
   baseline and later, at ages 3, 5 and 9, yearly, serially; then, weaker, several
   time points of the schedule named together, "on days 0, 21 and 49": evid9),
   two time points of the study's schedule ("at T1", "(T2)", not "T2-weighted" nor a
   spinal T1), or a
   stated follow-up or treatment length (the card's duration, unless it is one
   session of minutes or hours);
5. one time point said so: a survey as its design (not an instrument's name),
   "same-day", "at a single time point", the baseline of a cohort;
6. a prospective design named, a registry, or an outcome after an exposure or
   treatment (postoperative, recurrence, survival, recovery of function,
   subsequently); not the bare word "cohort", which names the sample ("bacteria
   isolated from a cohort of 67 children"), not a follow-up (issue 20, evid5);
7. "retrospective" with none of those: a look back at records at one time, unless it
   compares groups by the treatment they were given or reports what happened to its
   people after the records' start (deaths, complications, an outcome, cases newly
   occurred or diagnosed; not "incidence" alone, a procedure's success, nor "developed"):
   a retrospective cohort (card21);
8. the weak wordings of one-off measurement (prevalence, questionnaire,
   interview, self-report, reliability, validation).

It answers None when nothing is said, and the caller's default applies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from monitor.briefs.sentences import without_prescriptive
from monitor.triage.scope import scoped, sentences

_SERIES = re.compile(
    r"\b(?:(?:this|our|the present|(?:was|is) an?)\s+(?:[\w-]+,?\s+){0,3}?case[\s-]series|"
    r"case[\s-]series\s+of\b|(?:retrospective|consecutive|prospective)\s+case[\s-]series|"
    r"series\s+of\s+(?:\d+|[a-z]+)\s+(?:[\w-]+\s+){0,2}?(?:cases|patients))",
    re.I,
)
# a diagnostic-accuracy question (a test's sensitivity and specificity, the accuracy of a
# diagnostic procedure) measures each person once against a reference, whatever
# "prospective" says of the enrolment (issue 20, evid7: "more sensitive and specific than
# the initial ECG", "the accuracy of the combined diagnostic laparoscopy")
_DIAGNOSTIC = re.compile(
    r"\bdiagnostic\s+(?:accuracy|performance|value|utility|yield)\b|"
    r"\bsensitivity and specificity\b|\bin diagnosing\b|\bdiagnostic test (?:study|accuracy)\b|"
    r"\b(?:more |less |as )?sensitive and (?:more |less )?specific\b|"
    r"\baccuracy of (?:the )?(?:[\w-]+\s+){0,2}?diagnostic\b",
    re.I,
)
# ... but not in a study that allocates a treatment, or gives one for a time: it follows
# its people, and a test's accuracy reported beside the treatment's outcome ("The
# sensitivity and specificity of the Ashworth scale for change were also calculated" in a
# trial of baclofen) is a secondary result (fixe7)
_TREATS = re.compile(
    r"\b(?:allocated|assigned|allocation|treatment arms?|intervention group|"
    r"early (?:versus|vs\.?|or) (?:late|delayed)|"
    r"receiv\w+\b[^.;]{0,120}?\bfor\s+(?:\d+|one|two|three|four|six|twelve)\s+"
    r"(?:days?|weeks?|months?|years?))\b"
)


def _diagnostic_measured_once(own: str, follow_up: str | None = None) -> re.Match[str] | None:
    """The diagnostic wording of ``own``, when the study neither treats nor follows its
    people (``_TREATS``, or ``follow_up``: a duration the card found)."""
    if follow_up is not None or _TREATS.search(own):
        return None
    return _DIAGNOSTIC.search(own)


# a number of a schedule's time point, in digits or words
_POINT = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
# what a before-and-after study measures around
_CHANGE = r"(?:intervention|implementation|introduction|programme|program|training|education)"
_FORWARD = re.compile(
    r"\blongitudinal(?:ly)?\b(?![\s-]+(?:section|axis|direction|fib|fascicul|ligament|strain|"
    r"relaxation|incision|muscle|band))|"
    r"\bfollow(?:ed)?[\s-]?ups?\b|\bfollowed\s+(?:for|over|until|to|through|prospectively)\b|"
    r"\bat baseline and\b|\bbaseline and (?:at )?(?:\d|one|two|three|six|twelve)|"
    r"\b(?:two|three|four|five|[2-9]|successive|consecutive|multiple|several) (?:survey |study )?"
    r"waves\b|\bwaves? \d+ (?:and|to|through) \d+\b|"
    r"\bat (?:the )?ages? (?:of )?\d+(?:,\s*\d+)*,? and \d+\b|"
    r"\b(?:each|every) (?:year|month|week)\b|\b(?:yearly|annually)\b|"
    r"\b(?:reassessed|re-assessed|re-examined|re-evaluated)\b|"
    r"\b(?:assessed|measured|examined|recorded|evaluated)\s+(?:regularly|daily|weekly|monthly|"
    r"serially|repeatedly)\b|\bserial (?:assessments?|measurements?|examinations?)\b|"
    r"\brepeated(?:ly)? (?:measures?|measurements?|assessments?)\b|"
    # a before-and-after comparison measures the same people, records or service before
    # and after a change (an intervention, a programme, an operation): two time points of
    # the study's own schedule, so a follow-up (issue 20, evid8: check10's audits)
    # (a before-and-after of an epoch, "before and after the HIV epidemic", compares
    # different people of two periods: not a follow-up)
    # ("before and after treatment" in a survey of practice is the practice's time)
    r"\bbefore[\s-]+and[\s-]+after\s+(?:study|design|comparison|evaluation|audit|analysis|"
    rf"(?:the\s+)?(?:[\w-]+\s+){{0,2}}?{_CHANGE}s?\b)|"
    # "pre- and post-training surveys", "pre- and post-EHR implementation": the pair is of
    # this study's measurements or of a change made; not "pre-and post-subjective
    # analysis" of one session, nor "antiviral use pre- and post-treatment" in a survey
    # A word between "post" and a measurement must be the change too ("pre- and
    # post-workshop surveys"): "pre- and post-bronchodilator measurements", "pre- and
    # postductal measurements", "pre- and post-void" are one visit's two readings (fixe8)
    rf"\bpre[\s-]*(?:and|/|-)[\s-]*post[\s-]*(?:(?:[\w-]+\s+)?{_CHANGE}s?|"
    rf"(?:(?:{_CHANGE}|course|workshop|rotation|curriculum|test)[\s-]+)?"
    r"(?:surveys?|assessments?|tests?|testing|measurements?|questionnaires?|scores?|"
    r"audits?))\b|"
    rf"\bpre-?\s*{_CHANGE}\b[^.;]{{0,200}}?\bpost-?\s*{_CHANGE}\b|"
    rf"\bpost-?\s*{_CHANGE}\b[^.;]{{0,200}}?\bpre-?\s*{_CHANGE}\b|"
    r"\bbaseline\b[^.;]{0,150}?\b(?:an|the) (?:[\w-]+ ){0,2}?(?:intervention|programme|program)\b"
    r"[^.;]{0,80}?\b(?:developed|implemented|introduced|instituted|began|started)\b|"
    r"\bbaseline\b[^.;]{0,150}?\b(?:developed|implemented|introduced|instituted)\s+(?:an|a|the)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:intervention|programme|program)\b|"
    r"\b(?:after|since) (?:the )?(?:[\w-]+ ){0,3}?(?:intervention|programme|program|"
    r"implementation) (?:began|started|was (?:implemented|introduced))\b",
    re.I,
)
# several time points of the study's schedule named together ("on days 0, 21 and 49",
# "at 3 and 6 months", "after two weeks and ... after four weeks"): days to years, a
# list joined by "and", not a range nor alternatives; repeated assessments, read only
# where people of the study are counted or its design is named (not "said" of an
# unlabelled paper: a drug review's "healing rates at 4 and 8 weeks" are its trials')
# (issue 20, evid9)
_SCHEDULE = re.compile(
    rf"\b(?:at|on|after|by)\s+(?:days?|weeks?|months?|years?)\s+{_POINT}(?:,\s*{_POINT})*,?"
    rf"\s+and\s+(?:(?:days?|weeks?|months?|years?)\s+)?{_POINT}\b(?!\s*(?:-|to)\b)|"
    rf"\b(?:at|on|after|by)\s+{_POINT}(?:,\s*{_POINT})*,?\s+and\s+{_POINT}[\s-]+"
    r"(?:days?|weeks?|months?|years?)\b|"
    rf"\bafter\s+(?P<p1>{_POINT})\s+(?P<u1>days?|weeks?|months?|years?)\b"
    r"(?:[^.;]|\.(?=\d)){0,100}?"
    rf"\bafter\s+(?!(?P=p1)\b){_POINT}\s+(?P=u1)\b",
    re.I,
)
# the design said of this study: one time point, or followed over time ("a cross-sectional
# analysis of a cohort study" is cross-sectional, so the first is asked first)
_SAID_ONCE = re.compile(
    r"\bcross[\s-]?sectional\s+(?:(?!and\b|or\b)[\w-]+\s+){0,2}?"
    r"(?:study|design|survey|analysis|investigation|data)\b|"
    r"\bvalidation study\b|\bdevelopment and validation\b|\bpsychometric properties\b|"
    r"\b(?:a|an)\s+(?:[\w-]+\s+){0,2}?survey\s+(?:of|among)\b",
    re.I,
)
# what a "development and validation" study builds decides its time direction: a
# prognostic or prediction model is fitted on people whose later outcome is known
# ("a prognostic model for the risk of recurrence after discectomy", "a prediction model
# aiming at 1-year axial length elongation"), a cohort; a scale, a score or a diagnostic
# model is measured once (issue 20, evid6)
_PROGNOSTIC_MODEL = re.compile(
    r"\b(?<!diagnostic )(?:prognostic|prediction|predictive)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:models?|nomograms?|tools?|rules?)\b(?![^.;]{0,80}\bdiagnos)",
    re.I,
)
# a study of a measurement's properties (its reliability or validity) measures each person
# once per method, whatever follow-up its patients had; a cohort said outright outranks it
_MEASUREMENT = re.compile(
    r"\b(?:validity|reliability|reproducibility) (?:of|study)\b|"
    r"\b(?:test|assess|evaluat|examin|investigat|determin|establish|confirm)\w*\s+(?:the\s+)?"
    r"(?:[\w-]+\s+){0,3}?(?:reliability|validity|reproducibility)\b",
    re.I,
)
_SAID_FORWARD = re.compile(
    r"\b(?:longitudinal|cohort|follow-up)\s+(?:(?!and\b|or\b)[\w-]+\s+){0,2}?"
    r"(?:study|design|analysis|investigation)\b|"
    r"\b(?:prospective|retrospective|population-based|birth)\s+(?:[\w-]+\s+){0,2}?cohort\b",
    re.I,
)
# the frame a sample came from, before a design noun: "participants derived from a
# community cohort study", "data of the UK Biobank cohort"
_FRAME = re.compile(r"\b(?:from|of|within|in)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}$")
# a structured abstract's background section speaks of the field, not of this study:
# from its label to the next section's (``without_background``)
_BACKGROUND = re.compile(r"(?:^|(?<=[\s.]))(?:background|introduction|context|rationale)\s*:")
_SECTION_LABEL = re.compile(r"(?:^|(?<=[\s.]))[a-z][a-z &/-]{2,40}:\s")
_ONCE = re.compile(
    r"\bcross[\s-]?sectional(?![\s-]+area)\b|"
    r"\b(?:a|an|this|our|the)\s+(?:[\w-]+\s+){0,3}?survey\s+(?:was|of|among|study|design)\b|"
    r"\b(?:online|national|nationwide|web-based|postal|telephone|questionnaire|anonymous|"
    r"cross-sectional)\s+survey\b|\bwe surveyed\b|\brespondents\b|"
    r"\bunderwent same[\s-]day\b|\bsame[\s-]day (?:assessments?|examinations?|measurements?|"
    r"evaluations?|visits?|testing|imaging)\b|"
    r"\b(?:at|on) (?:a |one )?single (?:time[\s-]?point|visit|occasion)\b|"
    r"\bat one time[\s-]?point\b|"
    r"\bbaseline (?:data|assessments?|measurements?|examinations?|visit) (?:of|from|in)\b|"
    r"\b(?:completed|used|using|analy[sz]ed|analy[sz]ing) (?:the )?baseline (?:data|"
    r"assessments?|measurements?|examinations?|surveys?|questionnaires?)\b",
    re.I,
)
# this study used a cohort's baseline (one time point of it), said in so many words
_BASELINE_ONLY = re.compile(
    r"\bbaseline (?:data|assessments?|measurements?|examinations?|visit) (?:of|from|in)\b|"
    r"\b(?:completed|used|using|analy[sz]ed|analy[sz]ing) (?:the )?baseline (?:data|"
    r"assessments?|measurements?|examinations?|surveys?|questionnaires?)\b",
    re.I,
)
# an outcome after an exposure or treatment, or a forward design named (step 6); the
# bare word "cohort" is not here: it names the sample, and the design ("cohort study",
# "prospective cohort") is _SAID_FORWARD's
_COHORT = re.compile(
    r"\bprospective(?:ly)?\b|\bregistry\b|\bpost-?operative(?:ly)?\b|"
    r"\bsubsequently\b|\brecurren\w*|\brecidiv\w*|\brelaps\w*|\bsurvival\b|\bsurvived\b|"
    r"\b(?:were|was) cured\b|\bcure rates?\b|\bprognos\w*|"
    r"\b(?:after|following) (?:[\w-]+ ){0,4}?(?:surgery|operation|treatment|therapy|"
    r"implantation|discharge|arthroplasty|\w+ectomy|\w+plasty|fusion|repair|"
    # the spine's operations by their own names ("results after anterior screw fixation"):
    # an outcome after a treatment as "after surgery" is (card21)
    r"fixation|instrumentation|stabili[sz]ation|decompression|resection|reconstruction|"
    r"transplant\w*)\b|"
    # recovery measured as an outcome, not a state ("in early recovery") nor an MRI
    # sequence ("fluid-attenuated inversion recovery")
    r"\brecovery\s+(?:of|from|rates?|times?|after|was|were)\b|"
    r"\b(?:functional|neurological|neurologic|motor|sensory|full|complete|partial)\s+recovery\b",
    re.I,
)
# a time point of the study's own schedule ("at T1", "(T2)", "between T0 and T1"), not an
# MRI sequence ("T2-weighted", "T1WI", "T2 hyperintensity") nor a spinal level ("T1-T2")
_TIME_POINT = re.compile(
    r"(?:\b(?:at|from|to|between|until|before|after|during|and|on)\s+|\()T(\d)\b"
    r"(?![\s-]*(?:weighted|wi\b|w\b|\*|hyper|hypo|signal|relax|map|level|vertebra|segment|"
    r"spin|cord|stage|tumou?r|lesion|sequence|images?|imaging|scans?|-?\s*t\d|-\d))",
    re.I,
)
# the sentences of an unstructured abstract that open on the field, before the first
# that speaks of this study (its aim, its people, its methods): "X is associated with a
# high recurrence rate" is background, not an outcome this study followed
_STUDY_OPENS = re.compile(
    # "this" only of the paper or its work: "this organ" in a closing sentence is not
    r"\b(?:(?:this|the present|the current)\s+(?:[\w-]+\s+)?(?:study|work|paper|article|"
    r"analysis|investigation|trial|report|research|survey|review|series|cohort|sample)|"
    r"we|our|here(?:in)?|aims?|aimed|objectives?|purpose|"
    r"goals?|hypothes\w*|methods?|enrolled|included|recruited|underwent|conducted|performed|"
    r"retrospective(?:ly)?|prospective(?:ly)?|(?:were|was) (?:followed|assessed|examined|"
    r"evaluated|measured|analy[sz]ed|studied|collected|reviewed|investigated))\b",
    re.I,
)
# a duration of one session ("2 hours", "90 minutes") is no follow-up
_ONE_SESSION = re.compile(r"\b(?:seconds?|s|minutes?|min|hours?|h|hrs?)\b", re.I)
_RETROSPECTIVE = re.compile(
    r"\bretrospective(?:ly)?\b|\b(?:records|charts) (?:[\w-]+ ){0,6}?(?:were )?reviewed\b|"
    r"\b(?:chart|record) review\b",
    re.I,
)
# a look back on records that compares groups by the treatment they were given ("one-half
# had been treated with medical therapy alone (Group I)", "150 matched patients
# undergoing surgery with conventional cardioplegia served as control group") compares
# what followed each treatment: a retrospective cohort (labelling rule 3: non-randomised
# comparisons with follow-up), not a state measured once (issue 20, evid6)
_GROUP = re.compile(r"\b(?:groups?|arms?)\b", re.I)
# the groups tied to the treatment: a treatment just before the group word ("surgery
# group", "treated with medical therapy alone (Group I)"), a group said to be treated
# ("the early group was operated"), or a treatment named after "underwent"/"received"
# ("patients undergoing surgery"); a group that "underwent MRI" is defined by its
# disease, tested, not treated (review of evid6, fixevid)
_TREATMENT_NOUN = (
    r"(?:surgery|surgical|operations?|operative|resections?|repairs?|fixation|fusions?|"
    r"decompressions?|treatments?|therapy|therapies|chemotherapy|radiotherapy|"
    r"transplant\w*|implant\w*|[\w-]*ectomy|[\w-]*plasty|[\w-]*otomy|[\w-]*ostomy|"
    r"injections?|infusions?|drugs?|medications?|supplement\w*|care)"
)
_TREATED_GROUP = re.compile(
    r"\b(?:treated|treatment|therapy|managed|management|operated|surgery|surgical(?:ly)?)\W+"
    r"(?:[\w-]+\W+){0,5}?(?:groups?|arms?)\b|"
    r"\b(?:groups?|arms?)\W+(?:[\w()-]+\W+){0,3}?(?:treated|managed|operated|receiving|"
    r"given|taking)\b|"
    r"\b(?:underwent|undergoing|received|receiving|given|subjected to)\s+(?:[\w-]+\s+){0,3}?"
    rf"{_TREATMENT_NOUN}\b",
    re.I,
)
# an observational study that names no design nor timing is told apart by what it
# reports: events its people came to (a death, a complication, a treatment's success or
# failure, a condition they developed, an "outcome") happen after the study's start, so
# they were followed to them (a cohort); levels, images, scores and correlations
# measured on them are a state measured once (cross-sectional).  Not a method "newly
# developed" or "was developed", nor outcome-measure wording: an "outcome measure", an
# "OUTCOME:" or "MAIN OUTCOMES AND MEASURES:" label, an "outcome (FIM) was measured", or
# "successfully" said of a procedure ("were successfully measured").  Read by the
# evidence level for a study that says nothing of its timing, and here by step 7: a look
# back on records that reports such events is a retrospective cohort (card21)
OUTCOME_EVENT = re.compile(
    r"\b(?:mortality|died|deaths?|morbidity|complications?|success(?:ful)?|failed|"
    r"successfully(?!\s+(?:measured|assessed|recorded|obtained|acquired|"
    r"collected|scanned|imaged|tested|analy[sz]ed|evaluated))|"
    r"outcomes?(?!\s*(?:(?:and\s+)?measures?|:)|\s*(?:\([^()]*\)\s*)?"
    r"(?:was|were|is|are)\s+(?:\w+ly\s+)?(?:measured|assessed|recorded|evaluated|scored|"
    r"rated)\b)|"
    r"(?<!newly )(?<!been )(?<!was )(?<!were )(?<!is )(?<!are )developed)\b",
    re.I,
)
# new cases arising in the people studied ("newly occurred cases"): counted over a period
# the people were followed through, so a record review that counts them is a retrospective
# cohort; not "incidence" alone, which record reviews also use for a share of cases seen
# ("a high incidence of childhood NPC": card21, read on dev3)
_NEW_CASES = re.compile(
    r"\bnew(?:ly)?\s+(?:occurr\w*|diagnosed|onset)\b", re.I
)
_WEAK_ONCE = re.compile(
    r"\bsurvey\b|\bquestionnaire[\s-]based\b|\bvalidation\b|\breliability\b|\bprevalence\b|"
    r"\bqualitative\b|\binterviews?\b|\bfocus groups?\b|\bquestionnaires?\b|\bself-report|"
    r"\baccuracy of\b|\b(?:sensitivity|specificity)\b|\bpredictive values?\b",
    re.I,
)


@dataclass(frozen=True)
class Direction:
    """``kind``: case_series, cohort or cross_sectional; ``cue``: what decided;
    ``said``: whether the cue names the design or its timing outright (steps 1-4),
    rather than being inferred from an outcome, a duration or weak wording."""

    kind: str
    cue: str
    said: bool = False
    word: str = ""  # the word that decided, lower case, for an inferred cohort


def _own_sentences(abstract: str) -> str:
    """The abstract from its first sentence about this study on (all of it when none
    is found): the opening sentences about the field are out of scope."""
    for start, end in sentences(abstract):
        if _STUDY_OPENS.search(abstract, start, end):
            return " " * start + abstract[start:]
    return abstract


def _without_prescriptive(text: str) -> str:
    """``text`` with each clause that says what should or needs to be done blanked
    (:func:`monitor.briefs.sentences.without_prescriptive`): "Further replication in
    longitudinal cohorts is essential" names a design for future work, not this
    study's, while the clause beside it ("Patients were followed for 2 years, but
    ...") is the study's own; offsets are kept, as the callers search the text by
    position."""
    for start, end in sentences(text):
        text = without_prescriptive(text, start, end)
    return text


def without_background(text: str) -> str:
    """``text`` with each background section (its label up to the next section's label)
    blanked to one space; a background section no label follows is kept.

    Two searches, not one pattern with a lazy ``.*?`` up to a look-ahead for the next
    label: that pattern ran to the end of the text from every background label no
    other followed, quadratic in an abstract of such labels (32,000 characters of
    ``background:x `` took 2 s, an untrusted feed's abstract has no bound)."""
    kept: list[str] = []
    at = 0
    while (label := _BACKGROUND.search(text, at)) is not None:
        after = _SECTION_LABEL.search(text, label.end())
        if after is None:  # none after this label, so none after a later one
            break
        kept += [text[at : label.start()], " "]
        at = after.start()
    kept.append(text[at:])
    return "".join(kept)


def _treatment_groups(text: str) -> str | None:
    """A sentence of ``text`` that names groups (or arms) and a treatment given, as a
    cue: groups compared by what they were given."""
    for start, end in sentences(text):
        if (g := _GROUP.search(text, start, end)) and _TREATED_GROUP.search(text, start, end):
            return text[max(start, g.start() - 60) : g.end()].strip()
    return None


# a procedure's success or failure ("laparoscopy was successfully performed") is how
# it went that day, not an event the people were followed to; and "developed" in a record
# review names a method or programme ("the software we developed", "the hospital
# developed a rooming-in program") or what brought people in ("patients who developed
# abdominal pain were included") more often than a later event (card21, read on 10
# unkeyed record reviews: 5 wrong, 2 right, 3 unclear)
_NOT_FOLLOWED = frozenset({"success", "successful", "successfully", "failed", "developed"})


# an event word's kind: its inflections and the rate of it name one event
_EVENT_KIND = {
    "died": "death", "deaths": "death", "mortality": "death",
    "complications": "complication", "outcomes": "outcome",
}  # fmt: skip
# an event that is how the sample was drawn, read right after the event word: the
# records "identified", "included" or "reviewed" were of it ("Early neonatal deaths were
# identified by chart review"), or a group is counted by it ("nurses who died by suicide
# (n = 2,306)"); anchored at the word's end, bounded, so linear
_SAMPLED_BY = re.compile(
    r"\s+(?:[\w-]+\s+){0,3}?\(\s*n\s*=|\s+(?:were|was)\s+(?:\w+ly\s+)?(?:identified|"
    r"included|selected|reviewed|enrolled|collected|extracted|retrieved|sampled)\b",
    re.I,
)
# ... or the event is what brought them into the records, read from the 60 characters
# before it ("admissions were made for pregnancy complications", "referred with
# complications of diabetes"): up to two words between, none a past participle (so
# "admitted with sepsis developed complications" is an event after admission)
_ENTERED_FOR = re.compile(
    r"\b(?:admitted|admissions?|presented|presenting|referred|referrals?|hospitali[sz]ed|"
    r"hospitali[sz]ations?)\s+(?:were\s+)?(?:made\s+)?(?:for|with|due\s+to|because\s+of)\s+"
    r"(?:(?![\w-]*ed\s)[\w-]+\s+){0,2}\Z",
    re.I,
)
# ... unless the people split by it: some came to the event and some did not
# ("those who died (n = 20) beside the survivors"), which is an outcome they were
# followed to however the groups are counted
_SPLIT_BY_EVENT = re.compile(
    r"\bsurviv(?:ors?|ed)\b|\balive\b|\bwithout\s+(?:any\s+)?complications?\b|"
    r"\buncomplicated\b|\bnon-?fatal\b",
    re.I,
)


# an event named as a kind of thing in the present tense is what is known of the
# disease, the background, not what befell the people reviewed ("Pulmonary hypertension
# is a frequent and serious cardiovascular complication in patients on dialysis"); the
# study's own events are told in the past ("the most frequent complication was ...").
# The article is required: a noun said of a kind ("is a ... complication"), not a
# finding in the conclusions' present tense ("is associated with lower mortality").
# Asked of the 80 characters before the event word, anchored at their end: linear
_KNOWN_AS = re.compile(
    r"\b(?:is|are|remains?|represents?)\s+(?:an?\s+|the\s+|one\s+of\s+the\s+)"
    r"(?:[\w-]+,?\s+){0,4}\Z",
    re.I,
)


def _named_not_befallen(text: str, m: re.Match[str]) -> bool:
    """Whether the event word at ``m`` names a kind of event in the background's present
    tense rather than something that happened to the people (fixc21: card21 read a
    prevalence study's background "complication" as an event followed to).  An
    endpoint's label ("The primary outcome was CCU length of stay") is left an event: in
    a record review comparing exposures it is what the groups were followed to."""
    return _KNOWN_AS.search(text[max(0, m.start() - 80) : m.start()]) is not None


def _event_kind(word: str) -> str:
    word = word.lower()
    return _EVENT_KIND.get(word, word)


def _followed_event(text: str) -> re.Match[str] | None:
    """The first outcome event in ``text`` that people came to after the records' start
    (a death, a complication, an outcome), not a procedure's success or failure nor
    something "developed", nor an event the sample was drawn by: a review of deaths
    counts people who all died, so no death there is one they were followed to
    (fixc21: card21 read neonatal-death and suicide reviews as cohorts); nor an event
    named as a kind (``_named_not_befallen``)."""
    events = list(OUTCOME_EVENT.finditer(text))
    sampled = (
        set()
        if _SPLIT_BY_EVENT.search(text)
        else {
            _event_kind(m.group(0))
            for m in events
            if _SAMPLED_BY.match(text, m.end())
            or _ENTERED_FOR.search(text[max(0, m.start() - 60) : m.start()])
        }
    )
    for m in events:
        word = m.group(0).lower()
        if (
            word not in _NOT_FOLLOWED
            and _event_kind(word) not in sampled
            and not _named_not_befallen(text, m)
        ):
            return m
    return None


def _two_time_points(text: str) -> str | None:
    """Two time points of the study's own schedule (T0/T1/T2 ...), as a cue."""
    points = {m.group(1): m.group(0) for m in _TIME_POINT.finditer(text)}
    if len(points) < 2:
        return None
    return " ... ".join(points.values())


@lru_cache(maxsize=8)
def _primary(abstract: str) -> str:
    """``abstract`` lower-cased (the scope triggers are written for lower-cased text,
    as triage reads it), without the sentences about other studies and a structured
    abstract's background section.  Kept for the last few abstracts: an evidence
    level reads :func:`study_text`, :func:`own_text` and the time direction of one
    abstract in a row, and scoping it is most of each."""
    return without_background(scoped(abstract.lower()).primary)


def study_text(title: str, abstract: str) -> str:
    """The title and ``abstract`` (lower-cased) without the sentences about other
    studies and a structured abstract's background section, but with an unstructured
    abstract's opening sentences: where a sample is described without a cue that
    this study speaks ("MRI data of 30 patients and 23 controls were acquired")."""
    return f"{title}. {_primary(abstract)}"


@lru_cache(maxsize=8)
def own_text(title: str, abstract: str) -> str:
    """The title and the sentences of ``abstract`` about this paper's own work (the
    abstract lower-cased; other studies, a background section and an unstructured
    abstract's opening sentences about the field set aside): the text the time
    direction reads (kept for the last few, as :func:`_primary`)."""
    return f"{title}. {_without_prescriptive(_own_sentences(_primary(abstract)))}"


def diagnostic_question(title: str, abstract: str, follow_up: str | None = None) -> str | None:
    """The wording of a diagnostic-accuracy question in this study's own sentences, if any:
    such a study measures each person once against a reference (a "trial" of a test
    follows no outcome of a treatment; issue 20, evid7).  Not in a study that treats
    or follows (``follow_up``, the card's duration) its people (fixe7)."""
    m = _diagnostic_measured_once(own_text(title, abstract), follow_up)
    return m.group(0) if m else None


def time_direction(title: str, abstract: str, follow_up: str | None = None) -> Direction | None:
    """Cohort, cross-sectional or case series by the study's time direction
    (module docstring); ``follow_up`` is the card's duration, when it states one."""
    own = own_text(title, abstract)
    if m := _SERIES.search(own):
        return Direction("case_series", f"called a case series: {m.group(0)!r}", True)
    if m := _diagnostic_measured_once(own, follow_up):
        return Direction("cross_sectional", f"diagnostic accuracy: {m.group(0)!r}", True)
    if m := _SAID_ONCE.search(own):
        if "validation" in m.group(0).lower() and (model := _PROGNOSTIC_MODEL.search(own)):
            return Direction("cohort", f"a prognostic model developed: {model.group(0)!r}", True)
        return Direction("cross_sectional", f"said to be: {m.group(0)!r}", True)
    frames: list[tuple[int, int]] = []
    for m in _SAID_FORWARD.finditer(own):
        if not _FRAME.search(own, max(0, m.start() - 60), m.start()):
            return Direction("cohort", f"said to be: {m.group(0)!r}", True)
        frames.append(m.span())
    if m := _MEASUREMENT.search(own):
        return Direction("cross_sectional", f"a measurement's properties: {m.group(0)!r}", True)
    baseline = _BASELINE_ONLY.search(own)
    for m in _FORWARD.finditer(own):
        # a study of a cohort's baseline data measured its people once: "longitudinal" in
        # the name of the cohort they were drawn from ("the baseline data from the Brazilian
        # Longitudinal Study", "enrolled in a longitudinal cohort study completed baseline
        # assessments") says how that cohort runs, not what this study did (evid7)
        if baseline and any(start <= m.start() < end for start, end in frames):
            continue
        return Direction("cohort", f"followed over time: {m.group(0)!r}", True)
    if m := _SCHEDULE.search(own):
        return Direction("cohort", f"assessed at several time points: {m.group(0)!r}")
    if points := _two_time_points(own):
        return Direction("cohort", f"followed over time: {points}", True)
    if follow_up is not None and not _ONE_SESSION.search(follow_up):
        return Direction("cohort", f"followed {follow_up}")
    if m := _ONCE.search(own):
        return Direction("cross_sectional", f"measured once: {m.group(0)!r}", True)
    if m := _COHORT.search(own):
        return Direction(
            "cohort", f"cohort or outcome after exposure: {m.group(0)!r}", word=m.group(0).lower()
        )
    if m := _RETROSPECTIVE.search(own):
        if groups := _treatment_groups(own):
            return Direction(
                "cohort", f"records looked back on, groups by treatment: {groups!r}"
            )
        if event := _followed_event(own) or _NEW_CASES.search(own):
            # what happened to the people after the time the records start from (deaths,
            # complications, an outcome, new cases): they were followed to it in the
            # records, a retrospective cohort (labelling table: "prospective or
            # retrospective cohort"; card21)
            return Direction(
                "cohort", f"records looked back on, followed to: {event.group(0)!r}"
            )
        return Direction("cross_sectional", f"records looked back on, no follow-up: {m.group(0)!r}")
    if m := _WEAK_ONCE.search(own):
        return Direction("cross_sectional", f"measured once: {m.group(0)!r}")
    return None
