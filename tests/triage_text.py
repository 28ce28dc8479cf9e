"""The shipped triage rules, and text-only triage of a hand-written record.

The design tests (test_triage, test_design_*) classify records written in the
test, without MeSH or publication types, so that only the words decide; one
helper keeps them all reading the same rules the same way."""

from __future__ import annotations

from pathlib import Path

from monitor.config import load_settings
from monitor.triage import Triage, TriageRules, classify, load_rules
from tests.records import make_record

REPO = Path(__file__).resolve().parents[1]


def shipped_rules() -> TriageRules:
    """The rules `queries/sci.toml` ships, with no environment overrides."""
    settings = load_settings(REPO / "queries" / "sci.toml", env={})
    return load_rules(settings.sibling(settings.config.triage.file), settings.config.vocabulary)


def text(rules: TriageRules, title: str, abstract: str = "", **kw: object) -> Triage:
    """Triage of a record with this title and abstract, by its words alone."""
    record = make_record(title=title, abstract=abstract, publication_types=(), mesh=(), **kw)
    return classify(record, rules, use_indexing=False)
