"""Configuration: TOML in queries/ for what maintainers tune, environment for secrets.

Every option is declared once here with its default and meaning, and
validated when scimon starts (pydantic, ``extra="forbid"`` so a misspelt key
is an error, not silently ignored).  A bad file gives one message naming the
file, the key and the problem, e.g.::

    queries/sci.toml: pubmed.query[0].lookback_days: must be >= 1 (got 0)
"""

from __future__ import annotations

import os
import re
import sys
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from monitor.errors import ConfigError

NCBI_EUTILS_URL = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/"
CTGOV_URL = "https://clinicaltrials.gov/api/v2"
EUROPEPMC_URL = "https://www.ebi.ac.uk/europepmc/webservices/rest"
DEFAULT_DATABASE_URL = "sqlite:///var/scimon.db"
_NAME = r"^[a-z0-9][a-z0-9_.-]{0,62}$"
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


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


def europepmc_query(vocabulary: Vocabulary) -> str:
    """``SRC:PPR AND (...)`` from the vocabulary, in Europe PMC's (Lucene) syntax.

    A quoted phrase cannot hold a wildcard there, so ``spinal cord injur*``
    becomes ``(TITLE_ABS:"spinal cord" AND TITLE_ABS:injur*)``.
    """
    parts = [f'MESH:"{m}"' for m in vocabulary.mesh]
    for phrase in vocabulary.tiab:
        words = phrase.replace('"', "").split()
        if len(words) > 1 and words[-1].endswith("*"):
            parts.append(f'(TITLE_ABS:"{" ".join(words[:-1])}" AND TITLE_ABS:{words[-1]})')
        elif len(words) > 1:
            parts.append(f'TITLE_ABS:"{" ".join(words)}"')
        else:
            parts.append(f"TITLE_ABS:{words[0]}")
    return "SRC:PPR AND (" + " OR ".join(parts) + ")"


def require_unique_names(kind: str, names: list[str]) -> None:
    """A query or feed is named in logs, run rows and ``--name``: two of a name are one too many."""
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise ValueError(f"{kind} names must be unique: {', '.join(dupes)}")


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


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    security: Literal["starttls", "tls", "none"]
    username: str | None
    password: str | None
    timeout: float


@dataclass(frozen=True)
class Settings:
    """Everything a command needs, from the TOML file and the environment."""

    config_path: Path
    config: FileConfig
    database_url: str
    eutils_url: str
    ncbi_api_key: str | None
    ncbi_email: str
    queries_dir: Path
    templates_dir: Path
    outbox_dir: Path
    smtp: SmtpSettings | None
    secret_key: str | None
    ctgov_url: str = CTGOV_URL
    europepmc_url: str = EUROPEPMC_URL

    def query(self, name: str) -> PubmedQuery:
        for q in self.config.pubmed.query:
            if q.name == name:
                return q
        known = ", ".join(q.name for q in self.config.pubmed.query) or "none"
        raise ConfigError(f"no PubMed query named {name!r}", f"configured: {known}")

    def pubmed_term(self, query: PubmedQuery) -> str:
        return query.term or self.config.vocabulary.pubmed_term()

    def trial_conditions(self) -> list[str]:
        """The ``query.cond`` terms: configured, else the vocabulary's MeSH names."""
        trials = self.config.trials
        if trials.conditions:
            return list(trials.conditions)
        vocabulary = self.config.vocabulary
        return list(vocabulary.mesh) or [t.rstrip("*") for t in vocabulary.tiab]

    def preprint_query(self) -> str:
        """The Europe PMC query for SCI preprints (without its date window)."""
        return self.config.preprints.query or europepmc_query(self.config.vocabulary)

    def named_file(self, section: Literal["feeds", "triage"]) -> Path:
        """The feeds or triage file this config names; ConfigError naming the setting if missing."""
        name = self.config.feeds.file if section == "feeds" else self.config.triage.file
        path = self.sibling(name)
        if not path.is_file():
            raise ConfigError(
                f"{path}: {section} file not found",
                f"set by `file = {name!r}` under [{section}] in {self.config_path}, "
                "relative to that file's folder",
            )
        return path

    def categories_file(self) -> Path:
        """queries/categories.toml beside this config, else the shipped defaults.

        A config written before categories existed keeps working with the
        shipped list; a file named under ``[categories]`` must exist.
        """
        named = "categories" in self.config.model_fields_set
        path = self.sibling(self.config.categories.file)
        if path.is_file():
            return path
        if named:
            raise ConfigError(
                f"{path}: categories file not found",
                f"set by `file = {self.config.categories.file!r}` under [categories] in "
                f"{self.config_path}, relative to that file's folder",
            )
        return _data_dir("queries") / "categories.toml"

    def sibling(self, name: str) -> Path:
        """A file named in this config, relative to the config file's folder."""
        path = Path(name)
        return path if path.is_absolute() else self.config_path.parent / path


def _data_dir(name: str) -> Path:
    """Find a top-level data folder: the source checkout, else the installed copy."""
    checkout = Path(__file__).resolve().parents[1] / name
    if checkout.is_dir():
        return checkout
    return Path(sys.prefix) / "share" / "scimon" / name


def format_validation_error(path: Path, exc: ValidationError) -> str:
    """First problem as ``file: dotted.key[0].path: message``."""
    err = exc.errors()[0]
    key = ""
    for part in err["loc"]:
        key += f"[{part}]" if isinstance(part, int) else (f".{part}" if key else str(part))
    msg = err["msg"]
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, ") :]
    if err["type"] == "extra_forbidden":
        msg = "unknown key (misspelt?)"
    more = len(exc.errors()) - 1
    suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
    return f"{path}: {key or '(top level)'}: {msg}{suffix}"


def read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: file not found", "set SCIMON_CONFIG or --config") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text (TOML must be): {exc.reason}") from exc
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from exc


def load_file_config(path: Path) -> FileConfig:
    data = read_toml(path)
    try:
        return FileConfig.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(format_validation_error(path, exc)) from exc


def check_config_files(settings: Settings, *, feeds: bool = True, triage: bool = True) -> None:
    """Load and validate every file the main config names, before anything is written.

    The main config (with its PubMed queries) is validated when ``settings``
    is loaded; this adds the feeds file and the triage rules, so a mistake in
    either stops a command at the start rather than after a long fetch has
    stored thousands of papers.  ConfigError names the file and key.  A file
    that exists is always validated; one that is missing is an error when
    the command needs it (``feeds``/``triage``), with the setting naming it.
    """
    # imported here: both modules import this one
    from monitor.briefs.categories import load_categories
    from monitor.sources.feeds import load_feeds
    from monitor.triage.rules import load_rules

    if feeds or settings.sibling(settings.config.feeds.file).exists():
        load_feeds(settings.named_file("feeds"))
    if triage or settings.sibling(settings.config.triage.file).exists():
        load_rules(settings.named_file("triage"), settings.config.vocabulary)
    load_categories(settings.categories_file())


def _env_int(env: Mapping[str, str], key: str, default: int) -> int:
    raw = env.get(key)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ConfigError(f"{key}: must be a whole number (got {raw!r})") from exc


def _smtp(env: Mapping[str, str]) -> SmtpSettings | None:
    host = env.get("SCIMON_SMTP_HOST")
    if not host:
        return None
    security = env.get("SCIMON_SMTP_SECURITY", "starttls").lower()
    if security not in ("starttls", "tls", "none"):
        raise ConfigError(f"SCIMON_SMTP_SECURITY: must be starttls, tls or none (got {security!r})")
    default_port = {"starttls": 587, "tls": 465, "none": 25}[security]
    return SmtpSettings(
        host=host,
        port=_env_int(env, "SCIMON_SMTP_PORT", default_port),
        security=security,  # type: ignore[arg-type]
        username=env.get("SCIMON_SMTP_USER") or None,
        password=env.get("SCIMON_SMTP_PASSWORD") or None,
        timeout=float(_env_int(env, "SCIMON_SMTP_TIMEOUT", 30)),
    )


def load_settings(
    config_path: Path | str | None = None, env: Mapping[str, str] | None = None
) -> Settings:
    """Read the config file and the environment; raise ConfigError on any problem."""
    env = os.environ if env is None else env
    queries_dir = Path(env.get("SCIMON_QUERIES_DIR") or _data_dir("queries"))
    path = Path(config_path or env.get("SCIMON_CONFIG") or queries_dir / "sci.toml")
    config = load_file_config(path)
    database_url = env.get("SCIMON_DATABASE_URL") or DEFAULT_DATABASE_URL
    if "://" not in database_url:
        raise ConfigError(f"SCIMON_DATABASE_URL: not a database URL: {database_url!r}")
    eutils_url = env.get("SCIMON_EUTILS_URL") or NCBI_EUTILS_URL
    if not eutils_url.startswith(("http://", "https://")):
        raise ConfigError(f"SCIMON_EUTILS_URL: must be an http(s) URL (got {eutils_url!r})")
    if not eutils_url.endswith("/"):
        eutils_url += "/"
    ctgov_url = _service_url(env, "SCIMON_CTGOV_URL", CTGOV_URL)
    europepmc_url = _service_url(env, "SCIMON_EUROPEPMC_URL", EUROPEPMC_URL)
    email = env.get("SCIMON_NCBI_EMAIL") or config.ncbi.email
    if not _EMAIL.match(email):
        raise ConfigError(f"SCIMON_NCBI_EMAIL: not an email address: {email!r}")
    return Settings(
        config_path=path,
        config=config,
        database_url=database_url,
        eutils_url=eutils_url,
        ncbi_api_key=env.get("SCIMON_NCBI_API_KEY") or None,
        ncbi_email=email,
        queries_dir=path.parent,
        templates_dir=Path(env.get("SCIMON_TEMPLATES_DIR") or _data_dir("templates")),
        outbox_dir=Path(env.get("SCIMON_OUTBOX_DIR") or "var/outbox"),
        smtp=_smtp(env),
        secret_key=env.get("SCIMON_SECRET_KEY") or None,
        ctgov_url=ctgov_url,
        europepmc_url=europepmc_url,
    )


def _service_url(env: Mapping[str, str], key: str, default: str) -> str:
    url = env.get(key) or default
    if not url.startswith(("http://", "https://")):
        raise ConfigError(f"{key}: must be an http(s) URL (got {url!r})")
    return url.rstrip("/")
