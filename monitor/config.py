"""Configuration: TOML in queries/ for what maintainers tune, environment for secrets.

Every option is declared once, with its default and meaning, in
:mod:`monitor.config_models` and validated there (pydantic, ``extra="forbid"``
so a misspelt key is an error, not silently ignored).  A bad file gives one
message naming the file, the key and the problem, e.g.::

    queries/sci.toml: pubmed.query[0].lookback_days: must be >= 1 (got 0)

:func:`load_settings` validates the whole file at once.  The CLI's ``App``
loads settings lazily (``load_settings(..., lazy=True)``): the file is read
and parsed as TOML at once (a missing or malformed file still stops every
command), the environment is checked at once, and the sections are validated
when a command first reads ``settings.config``, so a command that reads no
section (``papers list``, ``db``) imports no pydantic and builds no model.
"""

from __future__ import annotations

import os
import re
import sys
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from monitor.errors import ConfigError

if TYPE_CHECKING:  # pydantic and the models are imported when a section is first read
    from pydantic import ValidationError

    from monitor.config_models import FileConfig, PubmedQuery, Vocabulary

NCBI_EUTILS_URL = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/"
CTGOV_URL = "https://clinicaltrials.gov/api/v2"
EUROPEPMC_URL = "https://www.ebi.ac.uk/europepmc/webservices/rest"
DEFAULT_DATABASE_URL = "sqlite:///var/scimon.db"
_NAME = r"^[a-z0-9][a-z0-9_.-]{0,62}$"
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


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
    """Everything a command needs, from the TOML file and the environment.

    ``file_data`` is the parsed TOML; :attr:`config` is it validated, on first
    use (see the module's docstring), raising the ConfigError a bad section
    gives.
    """

    config_path: Path
    file_data: Mapping[str, Any] = field(repr=False)
    database_url: str
    eutils_url: str
    ncbi_api_key: str | None
    # SCIMON_NCBI_EMAIL (checked when loaded); None: the config's [ncbi] email
    env_ncbi_email: str | None
    queries_dir: Path
    templates_dir: Path
    outbox_dir: Path
    smtp: SmtpSettings | None
    secret_key: str | None
    ctgov_url: str = CTGOV_URL
    europepmc_url: str = EUROPEPMC_URL

    @cached_property
    def config(self) -> FileConfig:
        """The config file validated (once); ConfigError names the file, key and problem."""
        return validate_file_config(self.config_path, self.file_data)

    @property
    def ncbi_email(self) -> str:
        """The address NCBI is told: SCIMON_NCBI_EMAIL, else the config's ``[ncbi] email``."""
        return self.env_ncbi_email or self.config.ncbi.email

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


# pydantic's numeric bound errors: its type, the operator shown, the ctx key of the bound.
_BOUNDS = {
    "greater_than_equal": (">=", "ge"),
    "greater_than": (">", "gt"),
    "less_than_equal": ("<=", "le"),
    "less_than": ("<", "lt"),
}

# pydantic's type errors, by the family of their type code (``int_parsing``, ``int_type``,
# ``int_from_float`` are all "int"): the plain word for what the key wants.  pydantic says
# "Input should be a valid integer, unable to parse string as an integer", which names
# neither the value written nor the TOML spelling (true/false, quotes).
_TYPES = {
    "int": "an integer",
    "float": "a number",
    "bool": "true or false",
    "string": "a string (in quotes)",
    "list": "a list ([...])",
    "dict": "a table",
    "model": "a table",
}
# the rest of a type error's code: ``string_pattern_mismatch`` or ``string_too_short`` is a
# string of the wrong form, whose pydantic message says what form, not a wrong type
_TYPE_ERRORS = frozenset({"type", "parsing", "parsing_size", "from_float", "attributes_type"})


def _as_written(value: object) -> str:
    """A value as the TOML file spells it, for "(got ...)": ``true``, not Python's ``True``."""
    return str(value).lower() if isinstance(value, bool) else repr(value)


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
    bound = _BOUNDS.get(err["type"])
    if bound is not None and bound[1] in err.get("ctx", {}):
        # pydantic says "Input should be greater than or equal to 1" and not
        # what was written; the maintainer needs both, as the docs promise.
        msg = f"must be {bound[0]} {err['ctx'][bound[1]]} (got {_as_written(err['input'])})"
    family, _, kind = err["type"].partition("_")
    wanted = _TYPES.get(family) if kind in _TYPE_ERRORS else None
    if wanted is not None and "input" in err:
        msg = f"must be {wanted} (got {_as_written(err['input'])})"
    more = len(exc.errors()) - 1
    suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
    return f"{path}: {key or '(top level)'}: {msg}{suffix}"


def read_toml(path: Path) -> dict[str, Any]:
    """The TOML file at ``path`` as a dict; ConfigError says what is wrong with it."""
    return parse_toml(path, read_config_bytes(path))


def read_config_bytes(path: Path) -> bytes:
    """The raw bytes of a config file, for callers that parse and also hash one read of it."""
    try:
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: file not found", "set SCIMON_CONFIG or --config") from exc
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from exc


def parse_toml(path: Path, raw: bytes) -> dict[str, Any]:
    """``raw`` (read from ``path``, named in errors) parsed as UTF-8 TOML."""
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text (TOML must be): {exc.reason}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc


def load_file_config(path: Path) -> FileConfig:
    return validate_file_config(path, read_toml(path))


def validate_file_config(path: Path, data: Mapping[str, Any]) -> FileConfig:
    """``data`` (read from ``path``) checked against the schema; ConfigError on a problem."""
    from pydantic import ValidationError

    from monitor.config_models import FileConfig

    try:
        return FileConfig.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(format_validation_error(path, exc)) from exc


def check_config_files(
    settings: Settings, *, feeds: bool = True, triage: bool = True, rules: bool = True
) -> None:
    """Load and validate every file the main config names, before anything is written.

    The main config (with its PubMed queries) is validated when ``settings``
    is loaded; this adds the feeds file and the triage rules, so a mistake in
    either stops a command at the start rather than after a long fetch has
    stored thousands of papers.  ConfigError names the file and key.  A file
    that exists is always validated; one that is missing is an error when
    the command needs it (``feeds``/``triage``), with the setting naming it.
    ``rules=False``: the triage rules are checked when the command starts the
    process that compiles them (``scimon import``'s ``ApartTriage``), not here.
    """
    # imported here: both modules import this one
    from monitor.briefs.categories import load_categories
    from monitor.sources.feeds import load_feeds

    if feeds or settings.sibling(settings.config.feeds.file).exists():
        load_feeds(settings.named_file("feeds"))
    if not rules:
        if triage:
            settings.named_file("triage")  # missing: the same error as below
    elif triage or settings.sibling(settings.config.triage.file).exists():
        # only here: monitor.triage compiles every pattern when imported (~10 MiB,
        # 0.2 s), which `scimon import` leaves to its classifying child (issue 23)
        from monitor.triage.rules import load_rules

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
    config_path: Path | str | None = None,
    env: Mapping[str, str] | None = None,
    *,
    lazy: bool = False,
) -> Settings:
    """Read the config file and the environment; raise ConfigError on any problem.

    With ``lazy`` the file's sections are validated on first use of
    ``settings.config`` instead (the file is still read and parsed now).
    """
    env = os.environ if env is None else env
    queries_dir = Path(env.get("SCIMON_QUERIES_DIR") or _data_dir("queries"))
    path = Path(config_path or env.get("SCIMON_CONFIG") or queries_dir / "sci.toml")
    data = read_toml(path)
    # eager: the file's problems are reported before the environment's, as always
    config = None if lazy else validate_file_config(path, data)
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
    email = env.get("SCIMON_NCBI_EMAIL") or None
    if email is not None and not _EMAIL.match(email):
        raise ConfigError(f"SCIMON_NCBI_EMAIL: not an email address: {email!r}")
    settings = Settings(
        config_path=path,
        file_data=data,
        database_url=database_url,
        eutils_url=eutils_url,
        ncbi_api_key=env.get("SCIMON_NCBI_API_KEY") or None,
        env_ncbi_email=email,
        queries_dir=path.parent,
        templates_dir=Path(env.get("SCIMON_TEMPLATES_DIR") or _data_dir("templates")),
        outbox_dir=Path(env.get("SCIMON_OUTBOX_DIR") or "var/outbox"),
        smtp=_smtp(env),
        secret_key=env.get("SCIMON_SECRET_KEY") or None,
        ctgov_url=ctgov_url,
        europepmc_url=europepmc_url,
    )
    if config is not None:
        settings.__dict__["config"] = config  # what the cached property would hold
    return settings


def _service_url(env: Mapping[str, str], key: str, default: str) -> str:
    url = env.get(key) or default
    if not url.startswith(("http://", "https://")):
        raise ConfigError(f"{key}: must be an http(s) URL (got {url!r})")
    return url.rstrip("/")
