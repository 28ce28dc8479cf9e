"""The paper as the design decisions read it (monitor/triage/design_decisions.py).

:class:`Paper` holds the lowercased title and abstract, the hits of the title's
and the abstract's pattern sets, and the answers several decisions ask for
(is there an observational phrase? is a trial phrase about people?), worked
out once per paper rather than once per decision.
"""

from __future__ import annotations

from collections.abc import Callable

from monitor.triage.design_patterns import (
    ABSTRACT_SET,
    CASE,
    CASE_NAMED,
    CASE_TITLE,
    CASE_TITLE_WEAK,
    COMMENT,
    COMMENT_NAMED,
    DATABASE,
    GUIDELINE,
    IN_VITRO_MATERIALS,
    IN_VIVO,
    NONRAND,
    OBS,
    OBS_TITLE,
    OVERVIEW,
    OWN_FINDINGS,
    OWN_REPORT,
    OWN_STUDY,
    PATIENT_DATABASE,
    PROTOCOL,
    PROTOCOL_FUTURE,
    QUAL,
    QUAL_TITLE,
    RCT_EXCLUDE,
    RCT_SECONDARY,
    RCT_TEXT,
    RCT_TITLE,
    RCT_TITLE_NOT_ONE,
    RECORD_REVIEW,
    RESEARCH_OWN,
    REVIEW,
    REVIEW_NAMED,
    REVIEW_OF_OWN_RECORDS,
    REVIEW_TEXT,
    REVIEW_TEXT_WEAK,
    SCOPE_LITERATURE,
    SCOPE_TRIGGERS,
    SELF_NAMED_STUDY,
    SR_NAMED_TEXT,
    SR_OPENING,
    SR_TEXT,
    SR_TITLE,
    SURVEYED_PEOPLE,
    TITLE_SET,
    cue_count,
    discussed_topic,
)
from monitor.triage.fastre import Pattern, PatternHits
from monitor.triage.material import might_name_material, tested_material
from monitor.triage.scope import Scan, Scoped

Decision = tuple[str, str]  # (design, reason)

# letters and comments are printed without an abstract
NO_ABSTRACT = "no abstract"
# the reason when nothing in the text names a design (the review model may then)
NO_DESIGN = "no design phrase found"
# the reasons of a design that the population alone settled (design_decisions.laboratory):
# the paper named no design and no experiment of its own, so a review of animal or
# laboratory work reads the same (monitor.triage asks the review model about these too)
ANIMAL_BY_POPULATION = "population: animal"
IN_VITRO_BY_POPULATION = "population: in vitro / computational"
POPULATION_ONLY = frozenset({ANIMAL_BY_POPULATION, IN_VITRO_BY_POPULATION})
# designs whose participants are not counted: a review's counts are the
# literature's, a laboratory's cells are not participants, and comments, notices,
# guidelines and title-only records study nobody (monitor.triage.classify_many
# leaves them without a count, and the confidence model reads no count for them)
UNCOUNTED_DESIGNS = frozenset(
    {"narrative_review", "in_vitro", "commentary", "notice", "guideline", "unclassified"}
)
# the reason of a laboratory paper known only by its bench words: weak enough that
# the review model still reads it (review_model.asked)
BENCH_REASON = "no design phrase found but laboratory words"

# NLM tags Case Reports on reports of one patient or a handful; a "case series"
# of dozens, or "our outcomes in 80 cases", is a cohort (measured on the corpus:
# of the papers read as case reports that count more than 25 participants, one in
# eleven was tagged a case report, and those counts were the literature's)
SERIES_MAX = 25
# the labelling rules' largest case series (docs/design-labelling.md): a cue that
# counts more of its own people than this, or calls itself a series over an
# abstract counting more, presents a cohort (case8, issue 19)
CASES_DESCRIBED_MAX = 10

# the cue families whose presence, and place, the confidence model reads
# (monitor/triage/confidence.py): in the title; in the abstract's own sentences;
# and only in sentences the scope set aside (a mention, not the design)
TITLE_FAMILIES: tuple[tuple[str, Pattern], ...] = (
    ("sr", SR_TITLE), ("rct", RCT_TITLE), ("rct_not_one", RCT_TITLE_NOT_ONE),
    ("case_named", CASE_NAMED), ("case", CASE), ("case_title", CASE_TITLE),
    ("case_weak", CASE_TITLE_WEAK), ("review", REVIEW), ("review_named", REVIEW_NAMED),
    ("comment", COMMENT), ("comment_named", COMMENT_NAMED), ("guideline", GUIDELINE),
    ("protocol", PROTOCOL), ("qual", QUAL_TITLE), ("nonrand", NONRAND), ("obs", OBS),
    ("obs_named", OBS_TITLE), ("record_review", RECORD_REVIEW), ("in_vitro", IN_VITRO_MATERIALS),
    ("in_vivo", IN_VIVO),
)  # fmt: skip
ABSTRACT_FAMILIES: tuple[tuple[str, Pattern], ...] = (
    ("sr", SR_TEXT), ("sr_named", SR_NAMED_TEXT), ("sr_opening", SR_OPENING), ("rct", RCT_TEXT),
    ("rct_secondary", RCT_SECONDARY), ("protocol", PROTOCOL), ("protocol_future", PROTOCOL_FUTURE),
    ("case", CASE), ("qual", QUAL),
    ("nonrand", NONRAND), ("obs", OBS), ("review", REVIEW_TEXT), ("overview", OVERVIEW),
    ("in_vitro", IN_VITRO_MATERIALS), ("in_vivo", IN_VIVO), ("database", DATABASE),
)  # fmt: skip
_STRUCTURED = ("methods:", "results:", "conclusions:", "conclusion:", "background:")


def done(phrase: str) -> bool:
    """Not research still wanted ("further follow-up study is needed")."""
    return not phrase.startswith(("further ", "future ", "additional ", "longer "))


def not_a_survey(phrase: str) -> bool:
    """An observational cue other than "survey", where nobody is shown surveyed."""
    return done(phrase) and phrase != "survey"


def either(pattern: Pattern, title: PatternHits, abstract: PatternHits) -> str | None:
    hit = title.first(pattern)
    return hit if hit is not None else abstract.first(pattern)


class Paper:
    """The paper the decisions read: its lowercased texts, their pattern hits, and
    the answers more than one decision asks for, worked out once.

    The abstract is scanned only when a decision first asks of it: the title
    decisions at the head of the list settle many papers without it.
    """

    __slots__ = (
        "_count", "_counted", "_in_abstract", "_material", "_observed", "_own", "_reviewed",
        "_scoped",
        "abstract", "decided_by", "in_title", "journal", "population", "set_aside", "title",
    )  # fmt: skip

    def __init__(
        self,
        title: str,
        abstract: str,
        population: str,
        journal: str,
        participants: int | Callable[[], int | None] | None,
        set_aside: list[str],
    ) -> None:
        self.title = title
        self.abstract = abstract
        self.population = population
        self.journal = journal
        # the count, or how to find it: counting participants is a quarter of triage's
        # time, and most designs are settled without it (see ``participants``)
        self._count = participants
        self._counted: list[int | None] = []
        self.decided_by = ""  # the name of the decision that settled the design
        self.set_aside = set_aside
        self.in_title = TITLE_SET.present(title)
        self._in_abstract: PatternHits | None = None
        self._scoped: Scoped | None = None
        self._own: PatternHits | None = None
        self._reviewed: PatternHits | None = None
        self._observed: list[str | None] = []  # observed()'s answer, once asked
        self._material: list[str | None] = []  # tested_material()'s answer, once asked

    @property
    def participants(self) -> int | None:
        """The number of participants the abstract states, counted when first asked."""
        if not self._counted:
            count = self._count
            self._counted.append(count() if callable(count) else count)
        return self._counted[0]

    @property
    def many(self) -> bool:
        """More participants than a case series holds.  (The count may be the
        literature review's: exempting abstracts that say "literature" found one case
        report and lost two cohorts, so it is not done.)"""
        count = self.participants
        return count is not None and count > SERIES_MAX

    @property
    def in_abstract(self) -> PatternHits:
        if self._in_abstract is None:
            self._in_abstract = ABSTRACT_SET.present(self.abstract)
        return self._in_abstract

    @property
    def scope(self) -> Scoped:
        """The abstract without the sentences whose cues are not its own design
        (monitor/triage/scope.py)."""
        if self._scoped is None:
            # the literature's triggers only where the abstract names no work of its
            # own outside the literature's sentences ("X was evaluated in a phase III
            # trial" is the literature's passive): a research paper's introduction
            # speaks so too (nr10, issue 19).  One scan serves both readings, and an
            # abstract naming its own study (``OWN_STUDY``, asked first) is never
            # read the literature's way (speed10)
            abstract, hits = self.abstract, self.in_abstract
            triggers = SCOPE_TRIGGERS in hits
            literature = SCOPE_LITERATURE in hits and OWN_STUDY.search(abstract) is None
            found: Scoped | None = None
            if triggers or literature:
                scan = Scan(abstract, triggers=triggers)
                if literature:
                    found = scan.scoped(literature=True)
                    if self.own_work(found.primary):
                        found = None
                if found is None and triggers:
                    found = scan.scoped()
            self._scoped = found if found is not None else Scoped(abstract, abstract, ())
        return self._scoped

    @property
    def own(self) -> PatternHits:
        """The abstract's hits outside sentences about other studies or wanted work:
        what the cues of trials, cases, cohorts and qualitative work read."""
        if self._own is None:
            scope = self.scope
            self._own = (
                self.in_abstract
                if scope.primary is self.abstract
                else self.in_abstract.narrowed(scope.primary)
            )
        return self._own

    @property
    def reviewed(self) -> PatternHits:
        """The abstract's hits outside sentences about wanted work: what the review
        cues read (a review's sentences are about other studies by nature)."""
        if self._reviewed is None:
            scope = self.scope
            if scope.reviews is self.abstract:
                self._reviewed = self.in_abstract
            elif scope.reviews == scope.primary:
                self._reviewed = self.own
            else:
                self._reviewed = self.in_abstract.narrowed(scope.reviews)
        return self._reviewed

    def set_aside_by_scope(self, pattern: Pattern) -> str | None:
        """A cue of ``pattern`` the scope set aside, with the trigger, for a reason."""
        if not self.scope.triggers or self.own.first(pattern) is not None:
            return None
        hit = self.in_abstract.first(pattern)
        if hit is None:
            return None
        return f"{hit!r} out of scope ({', '.join(repr(t) for t in self.scope.triggers[:2])})"

    def features(self, design: str) -> list[str]:
        """What the confidence model reads of this paper: the decision that settled
        ``design``, which cue families occur and where (title, the abstract's own
        sentences, or only sentences out of scope), and the abstract's shape."""
        out = [f"rule={self.decided_by or 'none'}", f"design={design}", f"pop={self.population}"]
        in_title = self.in_title
        out += [f"title:{name}" for name, pattern in TITLE_FAMILIES if pattern in in_title]
        if not self.abstract:
            out.append("no_abstract")
            return out
        own, raw = self.own, self.in_abstract
        for name, pattern in ABSTRACT_FAMILIES:
            if pattern not in raw:
                continue
            # (``own`` narrows ``raw``: its membership is raw's, so ask for a phrase)
            if own is raw or own.first(pattern) is not None:
                out.append(f"own:{name}")
            else:
                out.append(f"scoped:{name}")
        size = len(self.abstract)
        out.append(
            "abstract<400" if size < 400 else "abstract<1200" if size < 1200 else "abstract>=1200"
        )
        if any(label in self.abstract for label in _STRUCTURED):
            out.append("structured")
        if design not in UNCOUNTED_DESIGNS and self.participants is not None:
            out.append("participants>25" if self.many else "participants<=25")
        return out

    def case(self, hit: str | None, where: str) -> Decision | None:
        """A case report from this cue, unless the paper counts too many participants
        (the cue is then kept in ``set_aside``, for the reason)."""
        if hit is None:
            return None
        if self.many or (where != "journal" and self.series_of_many(hit)):
            self.set_aside.append(hit)
            return None
        return "case_report", f"{where}: {hit!r}"

    def series_of_many(self, hit: str) -> bool:
        """The cue presents more of the paper's own people than a case series holds:
        it counts them itself ("we report 20 girls"), or it names a series and the
        abstract counts more than ``CASES_DESCRIBED_MAX`` (docs/design-labelling.md:
        a "case series" of 11+ is observational)."""
        own = cue_count(hit)
        if own is not None and own > CASES_DESCRIBED_MAX:
            return True
        if "series" not in hit:
            return False
        count = self.participants
        return count is not None and count > CASES_DESCRIBED_MAX

    def tested_material(self) -> str | None:
        """The material the paper's own work tested (cadavers, anatomical specimens,
        synthetic bone, a finite-element model, a testing machine) where the title and
        the abstract's own sentences name no living subject
        (``monitor.triage.material.tested_material``): the study's subjects are
        material, so the labelling rules make it ``in_vitro`` (lab20).  Not for an
        animal population: an animal's material is read by the animal decisions.
        Asked by up to three decisions, read once."""
        if not self._material:
            found = None
            if (
                self.abstract
                and self.population != "animal"
                and might_name_material(self.title, self.abstract)  # both lowercased
            ):
                found = tested_material(f"{self.title}\n{self.scope.primary}")
            self._material.append(None if found is None else found.group(0))
        return self._material[0]

    def observed(self) -> str | None:
        """The phrase by which the paper says it observes people (a cohort, a
        registry, a database of patients), or None; asked by up to three rules."""
        if not self._observed:
            in_title, in_abstract = self.in_title, self.in_abstract
            keep = done if self.people_surveyed() else not_a_survey
            hit = in_title.first(OBS, keep) or self.own.first(OBS, keep)
            if hit is None and (DATABASE in in_abstract or DATABASE in in_title):
                database = PATIENT_DATABASE.search(f"{self.title} {self.abstract}")
                hit = database.group(0).strip() if database else None
            self._observed.append(hit)
        return self._observed[0]

    def people_surveyed(self) -> bool:
        """The text shows people surveyed (``SURVEYED_PEOPLE``), so that "survey"
        is an observational cue; asked only where the word is there."""
        text = f"{self.title}\n{self.abstract}"
        return "survey" not in text or SURVEYED_PEOPLE.search(text) is not None

    def human_trial(self) -> bool:
        """Asked only when a trial phrase fired: not animals, nor an excluded kind."""
        return (
            self.population != "animal"
            and either(RCT_EXCLUDE, self.in_title, self.in_abstract) is None
        )

    def reads_as_review(self) -> bool:
        """The abstract says it is a review ("in this review"), or speaks as one ("...
        is briefly reviewed": ``REVIEW_TEXT_WEAK``) and names no work of its own
        (``own_work``): its case cues are the literature's cases, not its own."""
        return self.review_phrase() is not None

    def review_phrase(self) -> str | None:
        """The abstract's review framing (``REVIEW_TEXT``), else its weak one
        (``REVIEW_TEXT_WEAK``) where it names no work of its own, else None."""
        hit = self.reviewed.first(REVIEW_TEXT)
        if hit is not None and (records := REVIEW_OF_OWN_RECORDS.search(self.abstract)):
            # "the current review of our patients": a chart review's, a weak cue only
            return None if self.own_work() else str(records.group(0)).strip()
        if (
            hit is not None
            and (named := SELF_NAMED_STUDY.search(self.abstract)) is not None
            and "review" not in named.group(0)
            and self.own_work()
        ):
            # "This was a retrospective cohort comparison" beside "given our review of
            # the literature": the paper says what it is, a study, and the review is
            # its background's (not "this is a review study"); where it names work of
            # its own, the review cue does not decide
            return None
        if hit is None and (
            weak := self.reviewed.first(REVIEW_TEXT_WEAK, discussed_topic)
        ) is not None:
            return None if self.own_work() else weak
        return hit

    def own_work(self, text: str | None = None) -> bool:
        """The abstract names work of the paper's own: research verbs, statistics,
        sections, counted subjects (``RESEARCH_OWN``), findings called its own
        (``OWN_FINDINGS``), or a case or person it presents and findings named
        "these data" (``OWN_REPORT``).  What a weak review cue (a topic title, "is
        reviewed") must not outweigh (nr8, issue 19)."""
        abstract = self.abstract if text is None else text
        return (
            RESEARCH_OWN.search(abstract) is not None
            or OWN_FINDINGS.search(abstract) is not None
            or OWN_REPORT.search(abstract) is not None
        )

    def case_titled(self) -> bool:
        """A title that presents a case ("... in a 54-year-old man: literature review")."""
        return any(self.in_title.first(p) is not None for p in (CASE_NAMED, CASE, CASE_TITLE))
