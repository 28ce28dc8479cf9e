"""The schema of queries/sci.toml (one pydantic model per section) and of queries/triage.toml.

Split from :mod:`monitor.config` so that a command which never reads the
file's sections (``scimon papers list``, ``scimon db``) does not import
pydantic nor build these models (about 0.1 s at start): :class:`Settings`
validates the file against :class:`FileConfig` when a command first asks
for ``settings.config``, with the same error messages as before.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from monitor.config import _EMAIL, _NAME, require_unique_names


class _Section(BaseModel):
    # strict: a setting's TOML type is the one wanted. In lax mode pydantic took
    # `lookback_days = true` as 1 day, `timeout = true` as 1 second and `enabled = 1` or
    # "yes" as true, silently. (Strict still takes an integer where a float is wanted.)
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class NcbiConfig(_Section):
    """How scimon identifies itself to NCBI (required by the E-utilities policy)."""

    tool: str = Field("scimon", min_length=1, max_length=50, pattern=r"^\S+$")
    email: str = "scimon-maintainers@example.org"
    batch_size: int = Field(500, ge=1, le=10000)
    timeout: float = Field(30.0, gt=0, le=600)
    max_attempts: int = Field(5, ge=1, le=20)

    @field_validator("email")
    @classmethod
    def _email(cls, value: str) -> str:
        if not _EMAIL.match(value):
            raise ValueError(f"not an email address: {value!r}")
        return value


def _has_a_word(phrase: str) -> str:
    """A phrase with no letter or digit ("", "  ", "*") would match every paper."""
    if not re.search(r"\w", phrase):
        raise ValueError(f"{phrase!r} has no word in it, so it would match every paper")
    return phrase


# a phrase of a word list (PubMed's * truncation allowed): blank ones are refused
Phrase = Annotated[str, AfterValidator(_has_a_word)]


class Vocabulary(_Section):
    """The SCI vocabulary shared by the PubMed query, feed filter and triage."""

    mesh: list[Phrase] = Field(default_factory=list)
    tiab: list[Phrase] = Field(min_length=1)

    def pubmed_term(self) -> str:
        parts = [f'"{m}"[Mesh]' for m in self.mesh] + [f'"{t}"[tiab]' for t in self.tiab]
        return "(" + " OR ".join(parts) + ")"


def _balanced(value: str | None) -> str | None:
    """A search term of any source: not blank, parentheses and quotes balanced."""
    if value is not None:
        if not value.strip():
            raise ValueError("must not be empty (omit it to use the vocabulary)")
        if value.count("(") != value.count(")") or value.count('"') % 2:
            raise ValueError("unbalanced parentheses or quotes")
    return value


class PubmedQuery(_Section):
    """A named PubMed search run incrementally by date window."""

    name: str = Field(pattern=_NAME)
    term: str | None = None
    date_field: Literal["edat", "mdat", "pdat"] = "edat"
    lookback_days: int = Field(30, ge=1, le=3650)
    initial_days: int = Field(30, ge=1, le=36500)
    enabled: bool = True

    @field_validator("term")
    @classmethod
    def _term(cls, value: str | None) -> str | None:
        return _balanced(value)


class PubmedSection(_Section):
    query: list[PubmedQuery] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique(self) -> PubmedSection:
        require_unique_names("query", [q.name for q in self.query])
        return self


class _IncrementalSource(_Section):
    """What every incremental JSON source shares: off unless configured (`fetch --source
    all` must not surprise), a lookback over the watermark, and the polite client's
    timeout and attempts (monitor/sources/jsonapi.py).  Each source sets its own first
    window, page size and rate, which its API's limits decide."""

    enabled: bool = False
    lookback_days: int = Field(14, ge=1, le=3650)
    initial_days: int = Field(90, ge=1, le=36500)
    page_size: int = Field(500, ge=1, le=1000)
    rate: float = Field(3.0, gt=0, le=10)
    timeout: float = Field(60.0, gt=0, le=600)
    max_attempts: int = Field(5, ge=1, le=20)


class TrialsConfig(_IncrementalSource):
    """SCI trials from ClinicalTrials.gov (API v2), fetched incrementally.

    ``conditions`` become ``query.cond`` (OR'ed); omitted, the vocabulary's MeSH
    names are used, which is how ClinicalTrials.gov indexes conditions.
    ``term`` adds ``query.term`` (Essie syntax).  Each run asks for the studies
    whose LastUpdatePostDate is on or after the watermark minus ``lookback_days``.
    """

    conditions: list[Phrase] | None = None
    term: str | None = None
    initial_days: int = Field(730, ge=1, le=36500)
    page_size: int = Field(1000, ge=1, le=1000)
    rate: float = Field(2.0, gt=0, le=10)

    @field_validator("term")
    @classmethod
    def _term(cls, value: str | None) -> str | None:
        return _balanced(value)


class PreprintsConfig(_IncrementalSource):
    """SCI preprints from Europe PMC (``SRC:PPR``), fetched incrementally.

    ``query`` is a Europe PMC query; omitted, it is built from the vocabulary.
    Each run adds ``FIRST_IDX_DATE:[watermark - lookback_days TO today]``.
    The shared defaults (first window 90 days, pages of 500, 3 requests/s) are its own.
    """

    query: str | None = None

    @field_validator("query")
    @classmethod
    def _query(cls, value: str | None) -> str | None:
        return _balanced(value)


class FilesSection(_Section):
    """Other config files, relative to this file's folder."""

    file: str


class TriageSection(FilesSection):
    """The triage rules file, and how sure a design must be to be shown plainly:
    below ``likely_below`` the queue and digest say "likely RCT (0.55)"."""

    likely_below: float = Field(0.6, ge=0.0, le=1.0)


class Editor(_Section):
    name: str = Field(min_length=1, max_length=100)
    email: str

    @field_validator("email")
    @classmethod
    def _email(cls, value: str) -> str:
        if not _EMAIL.match(value):
            raise ValueError(f"not an email address: {value!r}")
        return value.lower()


Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


class DigestConfig(_Section):
    """The weekly editor digest."""

    weekday: Weekday = "monday"
    hour: int = Field(7, ge=0, le=23)
    timezone: str = "UTC"
    section_cap: int = Field(15, ge=1, le=500)
    excerpt_sentences: int = Field(2, ge=1, le=10)
    sender: str = "scimon <scimon@localhost>"
    list_id: str = "SCI literature digest <digest.scimon.localhost>"
    base_url: str = Field("http://127.0.0.1:8000", pattern=r"^https?://")
    # When every source failed since the last digest (offline, NCBI down), the
    # digest waits this long past its due time (or past the first failure, if
    # later) for a source to answer, then goes with a plain note; 0 never waits.
    # At most a week, so a held digest never runs into the next one.
    hold_hours: int = Field(48, ge=0, le=24 * 7)
    # the Summarize / Maybe / Skip links of a digest decide without signing in
    # (signed per editor, paper and week) until the end of the digest's week
    # plus this many days; later they open the paper page, which asks to sign in
    action_link_days: int = Field(14, ge=0, le=365)

    @field_validator("timezone")
    @classmethod
    def _tz(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value


class ScheduleConfig(_Section):
    """When the scheduler (`scimon run`) fires each job."""

    pubmed_hour: int = Field(5, ge=0, le=23)
    feeds_every_hours: int = Field(4, ge=1, le=48)
    misfire_grace_hours: int = Field(24, ge=1, le=24 * 14)


class WebConfig(_Section):
    """The review app's sign-in limits (token buckets in memory, per process).

    Each ``POST /signin`` may send a mail: a client address may ask
    ``signin_per_client`` times and any one email address be asked for
    ``signin_per_address`` times per ``signin_window_minutes`` (bursts allowed,
    refilled evenly); beyond, the answer is 429.  Behind a reverse proxy the
    client address is in X-Forwarded-For: ``trusted_proxies`` says how many
    proxies append to it (0: the header is ignored, as anyone can send one).
    """

    signin_per_client: int = Field(10, ge=1, le=100_000)
    signin_per_address: int = Field(5, ge=1, le=100_000)
    signin_window_minutes: int = Field(15, ge=1, le=24 * 60)
    trusted_proxies: int = Field(0, ge=0, le=5)
    # the reasons offered with Skip (in the queue, the paper page, the email's
    # confirm page); stored with the decision; the editor may give none
    skip_reasons: list[Annotated[str, Field(min_length=1, max_length=100)]] = Field(
        default_factory=lambda: [
            "not SCI",
            "animal only",
            "already covered",
            "low quality",
            "not for patients",
        ],
        max_length=20,
    )


class FileConfig(_Section):
    """The whole of queries/sci.toml."""

    ncbi: NcbiConfig = NcbiConfig()
    vocabulary: Vocabulary
    pubmed: PubmedSection = PubmedSection()
    trials: TrialsConfig = TrialsConfig()
    preprints: PreprintsConfig = PreprintsConfig()
    feeds: FilesSection = FilesSection(file="feeds.toml")
    triage: TriageSection = TriageSection(file="triage.toml")
    # the site's categories for briefs (monitor/briefs/categories.py)
    categories: FilesSection = FilesSection(file="categories.toml")
    digest: DigestConfig = DigestConfig()
    schedule: ScheduleConfig = ScheduleConfig()
    web: WebConfig = WebConfig()
    editor: Annotated[list[Editor], Field(default_factory=list)]


# queries/triage.toml (read by monitor.rule_spec.read_rule_spec; compiled by
# monitor.triage.rules, which imports no pydantic: issue 23)


def _a_regex(pattern: str) -> str:
    """A maintainer's regular expression: valid, and not matching an empty or
    meaningless text (which would match every paper: "", "x*", "(a|)", "\\b", ".")."""
    try:
        compiled = re.compile(pattern, re.IGNORECASE)
    except re.error as exc:
        raise ValueError(f"{pattern!r} is not a valid pattern: {exc}") from exc
    if compiled.search("") is not None:
        raise ValueError(f"{pattern!r} matches an empty text, so it would match every paper")
    if compiled.search("xq zv") is not None:  # words of no subject: \b . \w match them
        raise ValueError(f"{pattern!r} matches any text, so it would match every paper")
    return pattern


Regex = Annotated[str, AfterValidator(_a_regex)]


class TopicConfig(_Section):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]{1,40}$")
    label: str = Field(min_length=1)
    phrases: list[Phrase] = Field(min_length=1)


class RelevanceConfig(_Section):
    off_topic: list[Regex] = Field(default_factory=list)
    other_populations: list[Phrase] = Field(default_factory=list)
    other_populations_not: list[Regex] = Field(default_factory=list)
    sci_text: list[Phrase] = Field(default_factory=list)
    # SCI named with its words apart or reordered ("injured rat spinal cord",
    # "contusion injury of the spinal cord"): regular expressions on lowercased text
    sci_patterns: list[Regex] = Field(default_factory=list)
    adjacent: list[Phrase] = Field(default_factory=list)
    adjacent_negated: list[Regex] = Field(default_factory=list)


class PopulationConfig(_Section):
    human: list[Phrase] = Field(min_length=1)
    animal: list[Phrase] = Field(min_length=1)
    in_vitro: list[Phrase] = Field(default_factory=list)


class TriageFile(_Section):
    """The whole of queries/triage.toml."""

    relevance: RelevanceConfig = RelevanceConfig()
    population: PopulationConfig
    topic: list[TopicConfig] = Field(min_length=1)

    @model_validator(mode="after")
    def _topic_ids_once(self) -> TriageFile:
        ids = [t.id for t in self.topic]
        if twice := sorted({i for i in ids if ids.count(i) > 1}):
            raise ValueError(f"topic id {', '.join(twice)} given more than once")
        return self
