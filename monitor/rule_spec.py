"""The triage rules as plain values: queries/triage.toml checked, with the SCI vocabulary.

:func:`read_rule_spec` reads and validates the file with pydantic
(``monitor.config_models.TriageFile``; ConfigError names file, key and
problem) and keeps what the rules are compiled from as strings and tuples;
``monitor.triage.rules.build_rules`` compiles a :class:`RuleSpec`.
``load_rules`` does both in one process.

Split so that ``scimon import``'s classifying child
(monitor/ingest/classify_child.py) imports no pydantic (issue 23: about 20
MiB of its memory): the storing process checks the file, as before the
import starts, and sends the child this spec pickled, which unpickles with
this module alone.  So this module imports no pydantic, no config module and
nothing of ``monitor.triage`` at import time (the storing process must not
import the triage modules either).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from monitor.config_models import Vocabulary


@dataclass(frozen=True)
class RuleSpec:
    """What the triage rules are compiled from, validated: every list as a tuple of str."""

    path: str  # the rules file, named by compile errors
    source: bytes  # its bytes, hashed into the rules version
    tiab: tuple[str, ...]  # [vocabulary] of the main config
    mesh: tuple[str, ...]
    off_topic: tuple[str, ...]  # [relevance]
    other_populations: tuple[str, ...]
    other_populations_not: tuple[str, ...]
    sci_text: tuple[str, ...]
    sci_patterns: tuple[str, ...]
    adjacent: tuple[str, ...]
    adjacent_negated: tuple[str, ...]
    human: tuple[str, ...]  # [population]
    animal: tuple[str, ...]
    in_vitro: tuple[str, ...]
    topics: tuple[tuple[str, str, tuple[str, ...]], ...]  # [[topic]]: (id, label, phrases)


def read_rule_spec(path: Path, vocabulary: Vocabulary) -> RuleSpec:
    """Read and validate the triage rules file; ConfigError names file, key and problem."""
    from pydantic import ValidationError

    from monitor.config import format_validation_error, parse_toml, read_config_bytes
    from monitor.config_models import TriageFile
    from monitor.errors import ConfigError

    # One read: the bytes hashed into the rules revision are the bytes parsed.
    source = read_config_bytes(path)
    data = parse_toml(path, source)
    try:
        conf = TriageFile.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(format_validation_error(path, exc)) from exc
    relevance, population = conf.relevance, conf.population
    return RuleSpec(
        path=str(path),
        source=source,
        tiab=tuple(vocabulary.tiab),
        mesh=tuple(vocabulary.mesh),
        off_topic=tuple(relevance.off_topic),
        other_populations=tuple(relevance.other_populations),
        other_populations_not=tuple(relevance.other_populations_not),
        sci_text=tuple(relevance.sci_text),
        sci_patterns=tuple(relevance.sci_patterns),
        adjacent=tuple(relevance.adjacent),
        adjacent_negated=tuple(relevance.adjacent_negated),
        human=tuple(population.human),
        animal=tuple(population.animal),
        in_vitro=tuple(population.in_vitro),
        topics=tuple((t.id, t.label, tuple(t.phrases)) for t in conf.topic),
    )
