"""An abstract as sentences, each with its role: background, objective, methods, results...

Categories and key findings both ask *where* a sentence stands in the study,
not only what words it holds: "shoulder pain is common after SCI" in the
background is context, while "pain intensity was the primary outcome" makes
pain a subject of the study.  A structured abstract says the role with its
section labels ("RESULTS: ..."); an unstructured one is read by cue phrases
("we aimed to", "in conclusion", a p-value) and by order (what comes before
the aim is background).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, get_args

Role = Literal[
    "title",
    "background",
    "objective",
    "methods",
    "eligibility",
    "outcome",
    "results",
    "conclusion",
    "limitations",
    "implications",
]
ROLES: tuple[Role, ...] = get_args(Role)  # in the order above

# structured-abstract labels (PubMed keeps them as "LABEL: text" paragraphs), by role
_LABELS: tuple[tuple[Role, re.Pattern[str]], ...] = (
    ("background", re.compile(r"^(?:background|introduction|context|rationale|importance)")),
    ("objective", re.compile(r"^(?:objectives?|aims?|purposes?|goals?|study aims?|hypothes)")),
    ("outcome", re.compile(r"^(?:main |primary )?(?:outcome|end ?point)")),
    ("methods", re.compile(r"^(?:methods?|design|setting|participants|patients|subjects|"
                           r"interventions?|materials|study design|data sources|study selection|"
                           r"data extraction|measures|procedures?|search)")),
    ("results", re.compile(r"^(?:results?|findings|main results)")),
    ("limitations", re.compile(r"^(?:limitations?|strengths and limitations)")),
    ("implications", re.compile(r"^(?:implications?|clinical relevance|clinical implications|"
                                r"practical implications|relevance to (?:clinical )?practice|"
                                r"clinical significance|implications for)")),
    ("conclusion", re.compile(r"^(?:conclusions?|interpretation|discussion|summary|"
                              r"authors'? conclusions?)")),
)  # fmt: skip
_LABEL_LINE = re.compile(r"^([A-Z][A-Za-z ,&/'-]{1,60}?)\s*:\s+(.*)$", re.DOTALL)

# one sentence ends at . ! ? followed by a space and a capital, digit or bracket;
# "e.g." "i.e." "vs." "et al." "Fig." and decimals do not end one
_ABBREV = re.compile(r"(?:\b(?:e\.g|i\.e|vs|et al|fig|approx|ca|no|resp|cf)\.|\b[A-Z]\.)$", re.I)
_NUMBER = re.compile(r"\d")
_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9(\[\"'])")

# a sentence that says what should, must or needs to be done ("Further replication in
# longitudinal cohorts is essential", "a need to monitor premature infants for 48 hours",
# "will require a randomized trial", "stresses the importance of full ENT examination")
# speaks of future work or of practice, not of what this study did: the card's duration
# and time direction do not read their times and design words
PRESCRIPTIVE = re.compile(
    r"\b(?:should|must|ought to|needs? to be|"
    r"(?:is|are|be|remains?)\s+(?:still\s+|also\s+|urgently\s+)?(?:needed|essential|necessary|"
    r"required|warranted|recommended)|"
    r"(?:a|the|an urgent|a clear)\s+need\s+(?:for|to)|will\s+(?:be\s+)?requir\w*|"
    r"(?:stress(?:es|ed)?|highlight(?:s|ed)?|underline[sd]?|emphasi[sz]e[sd]?)\s+the\s+"
    r"(?:importance|need))\b",
    re.I,
)

# where one clause of a sentence ends and the next begins: "no recurrence was observed,
# but longer follow-up is needed", "followed for 24 months; all patients must be
# screened yearly" (the study's own clause and a piece of advice share the sentence)
_CLAUSE_BREAK = re.compile(
    r";|,\s+(?:but|and|which|whereas|while|although|though|yet|so|hence|thus)\b", re.I
)


def clauses(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The (start, end) offsets of the clauses of ``text[start:end]``, split at a
    semicolon or a comma before a conjunction or "which"."""
    stop = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    at = start
    for m in _CLAUSE_BREAK.finditer(text, start, stop):
        spans.append((at, m.start()))
        at = m.start()
    spans.append((at, stop))
    return spans


def without_prescriptive(text: str, start: int = 0, end: int | None = None) -> str:
    """``text`` with each clause of ``text[start:end]`` that says what should or needs
    to be done (:data:`PRESCRIPTIVE`) blanked to spaces, offsets kept: only the advice
    is set aside, not the study's own clause beside it ("After a median follow-up of
    36 months, no recurrence was observed, but longer follow-up is needed").  Most
    sentences give no advice: those come back as they are, without splitting."""
    return without_clauses(PRESCRIPTIVE, text, start, end)


def without_clauses(
    pattern: re.Pattern[str], text: str, start: int = 0, end: int | None = None
) -> str:
    """``text`` with each clause of ``text[start:end]`` in which ``pattern`` is found
    blanked to spaces, offsets kept (``without_prescriptive`` for advice; the duration
    for a plan, "who will be analysed here; mean follow-up was 2 years").  A text where
    it is not found comes back as it is, without splitting."""
    if not pattern.search(text, start, len(text) if end is None else end):
        return text
    out = list(text)
    for a, b in clauses(text, start, end):
        if pattern.search(text, a, b):
            out[a:b] = " " * (b - a)
    return "".join(out)


_NOT_IMPLICATION = re.compile(
    r"good clinical practice|declaration of helsinki|(?:implications|relevance) (?:are|is|were) "
    r"discussed",
    re.I,
)
_CUES: tuple[tuple[Role, re.Pattern[str]], ...] = (
    # this study's own limits: "therapy X is limited by its half-life" is background
    ("limitations", re.compile(
        r"\blimitations? of (?:this|the present|our|the current) (?:study|review|trial|analysis|"
        r"work)\b|\b(?:study |main |major |key |potential |important )?limitations? "
        r"(?:include|included|were|are)\b(?! dependent)|\b(?:this|our|the present|the current) "
        r"(?:study|review|trial|analysis) (?:was|is|has been) limited by\b|"
        r"\b(?:this|our|the present) (?:study|review|trial|analysis) (?:has|had) (?:several |some |"
        r"a few |important |two |three )?limitations?\b|\b(?:the|a) (?:main |major |key )?"
        r"limitation of (?:this|our|the present) |\bstrengths and limitations\b", re.I)),
    # what the findings mean for practice, said as advice or consequence: "is commonly
    # used in clinical practice" is background, "should be considered in clinical
    # practice" an implication
    ("implications", re.compile(
        r"\b(?:(?:clinical|practical) implications? (?:for|of (?:these|our|this|the))|"
        r"(?:have|has|with) (?:important |major |direct |potential )?(?:clinical|practical) "
        r"(?:implications?|relevance)|implications? for (?:clinical |practice|rehabilitation|care|"
        r"clinicians|policy|management|treatment)|clinicians? (?:should|may|could|can|need)|"
        r"(?:should|could|may|might|can) (?:be )?(?:considered|used|implemented|incorporated|"
        r"included|adopted|applied|recommended|guide|inform|help)\b[^.]*\b(?:clinical|daily) "
        r"practice|practical implications? (?:are|is|include))\b", re.I)),
    ("conclusion", re.compile(
        r"^(?:in conclusion|in summary|to conclude|overall|taken together|collectively|"
        r"together,)|\bwe conclude\b|\b(?:these|our|the) (?:findings|results|data|observations) "
        r"(?:suggest|indicate|show|demonstrate|support|highlight|provide|imply)|"
        r"\b(?:this|the present|our) (?:study|review|trial|work|analysis|data|results|findings) "
        r"(?:suggests?|indicates?|shows?|demonstrates?|provides?|highlights?|supports?|"
        r"establish(?:es)?|confirms?|reveals?)", re.I)),
    ("objective", re.compile(
        r"\b(?:we|this study|the present study|this review|this trial|this paper|"
        r"the study|the aim|the purpose|the objective|our aim|our objective) "
        r"(?:aimed|aims|sought|set out|was designed|is designed|were designed|investigated|"
        r"investigates|examined|examines|evaluated|evaluates|assessed|assesses|explored|"
        r"explores|hypothesi[sz]ed|compared|compares|determined|was to|is to|were to|"
        r"of this|of the present)\b|\b(?:aim|purpose|objective|goal)s? of (?:this|the|our)\b|"
        r"\b(?:our|the) (?:aims?|objectives?|purposes?|goals?) (?:was|were|is|are)\b|"
        r"\b(?:here,? )?we (?:have )?(?:tested|test|studied|study|asked|ask|sought)\b|"
        r"^to (?:investigate|examine|evaluate|assess|determine|compare|explore|describe)", re.I)),
    ("eligibility", re.compile(
        r"\b(?:were|was) excluded\b|\bexclusion criteria\b|\binclusion criteria\b|"
        r"\beligib(?:le|ility)\b", re.I)),
    ("outcome", re.compile(
        r"\b(?:primary|secondary|main) (?:outcomes?|end ?points?)\b|\boutcome measures?\b|"
        r"\boutcomes? (?:were|was|included|include)\b|\b(?:were|was) (?:measured|assessed|"
        r"evaluated|recorded|quantified) (?:using|with|by)\b", re.I)),
    ("results", re.compile(
        r"\bp\s*[<=>≤]\s*0?\.\d|\b(?:95\s*%|95 per cent)\s*ci\b|\bconfidence interval|"
        r"\bsignificant(?:ly)?\b|\b(?:improved|reduced|increased|decreased|did not differ|"
        r"was associated|were associated|odds ratio|hazard ratio|relative risk|"
        r"mean difference|effect size|resulted in)\b|\bwe (?:found|observed|show|showed|"
        r"demonstrate|demonstrated|report)\b|\b(?:did not|failed to) (?:improve|reduce|reveal|"
        r"show|differ|prevent|attenuate|change|increase|decrease)\b", re.I)),
)  # fmt: skip
_METHOD_CUE = re.compile(
    r"\b(?:were randomi[sz]ed|were recruited|were enrolled|we (?:searched|recruited|enrolled|"
    r"conducted|performed|included|analy[sz]ed|used)|randomi[sz]ed (?:to|into)|"
    r"were (?:allocated|assigned|divided))\b",
    re.I,
)
# how statistics were done is method, however many "95% CI" it names
_ANALYSIS_CUE = re.compile(
    r"\b(?:was|were) (?:calculated|computed|estimated|pooled|extracted|searched|screened|"
    r"used to|performed to|applied)\b|\bwere analy[sz]ed (?:using|with|by)\b",
    re.I,
)
# what others (or the authors before) found is background, however significant (also
# read by duration: a result series others reported is no schedule of this study)
BACKGROUND_CUE = re.compile(
    r"\b(?:previous(?:ly)?|prior) (?:stud(?:y|ies)|work|reports?|research)|"
    r"\bwe (?:have )?previously\b|\b(?:shown|reported|demonstrated) previously\b|"
    r"\b(?:has|have) (?:been|recently been) "
    r"(?:shown|reported|demonstrated|suggested|found)\b|\bin (?:a|another) (?:previous |prior )?"
    r"study\b|\bit is (?:well )?known\b",
    re.I,
)


@dataclass(frozen=True)
class Sentence:
    text: str
    role: Role
    labelled: bool = False  # the role comes from a structured-abstract label


def _label_role(label: str) -> Role | None:
    low = label.strip().lower()
    for role, pattern in _LABELS:
        if pattern.match(low):
            return role
    return None


def split_sentences(text: str) -> list[str]:
    """Sentences of one paragraph; abbreviations and decimals do not end one."""
    out: list[str] = []
    start = 0
    for match in _END.finditer(text):
        head = text[start : match.start()]
        if _ABBREV.search(head):
            continue
        out.append(head.strip())
        start = match.end()
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return [s for s in out if s]


def _cue_role(sentence: str) -> Role | None:
    for role, pattern in _CUES:
        if pattern.search(sentence):
            if role == "implications" and _NOT_IMPLICATION.search(sentence):
                continue
            return role
    return None


def _unlabelled_role(
    text: str, cue: Role | None, seen_objective: bool, seen_results: bool, index: int
) -> Role:
    """The role of a sentence of an unstructured abstract, from its cue and its place.

    Before the aim is stated a sentence is background, but only among the first
    three: an abstract whose aim no cue finds must not become all background.
    """
    before_aim = not seen_objective and not seen_results and index < 3
    if index == 0 and cue in ("results", "conclusion", "implications"):
        return "background"  # an abstract opens with what is known, not with its results
    if cue not in ("objective", "limitations") and BACKGROUND_CUE.search(text):
        return "background"
    if cue in ("results", "outcome", None) and _ANALYSIS_CUE.search(text):
        return "methods"
    if before_aim and cue in ("implications", "conclusion"):
        return "background"  # "no effective therapy in clinical practice" opens an abstract
    if before_aim and cue == "results" and not _NUMBER.search(text):
        return "background"  # "significantly affects daily life" before the aim
    if cue is not None:
        return cue
    if _METHOD_CUE.search(text):
        return "methods"
    if before_aim:
        return "background"
    return "results" if seen_results else "methods"


def sentences_of(title: str, abstract: str) -> list[Sentence]:
    """The title and the abstract's sentences with their roles.

    Labelled sections give every sentence in them that role, except that a
    limitation or implication sentence inside DISCUSSION/CONCLUSIONS keeps its
    own cue.  Unlabelled text: a cue decides; without one, a sentence before
    the objective is background, one after the results started is a result,
    and one in between is methods.
    """
    out = [Sentence(" ".join(title.split()), "title", labelled=True)] if title.strip() else []
    seen_objective = seen_results = False
    for paragraph in abstract.split("\n"):
        paragraph = paragraph.strip()
        if not paragraph:
            continue
        section: Role | None = None
        match = _LABEL_LINE.match(paragraph)
        if match and (role := _label_role(match.group(1))) is not None:
            section, paragraph = role, match.group(2)
        for text in split_sentences(paragraph):
            cue = _cue_role(text)
            if section is not None:
                role = section
                if (
                    section in ("conclusion", "results", "methods")
                    and cue
                    in (
                        "limitations",
                        "implications",
                    )
                ) or (section == "methods" and cue in ("eligibility", "outcome")):
                    role = cue
                out.append(Sentence(text, role, labelled=True))
            else:
                index = sum(s.role != "title" for s in out)
                role = _unlabelled_role(text, cue, seen_objective, seen_results, index)
                out.append(Sentence(text, role))
            last = out[-1].role
            seen_objective = seen_objective or last in ("objective", "methods", "outcome")
            seen_results = seen_results or last == "results"
    return out
