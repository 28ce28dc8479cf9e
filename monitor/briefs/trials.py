"""A trial's card, for the digest's Trials section and for ``scimon trials export``.

What a reader living with SCI (or their carer) needs to decide whether a trial
concerns them: the condition, what is tested, the phase, whether it is
recruiting, how many take part, and where to find it (sites, countries and
the registry page).  Registry text is untrusted like any abstract, so the
Markdown and CSV forms go through the same neutralising as paper briefs.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from monitor.briefs.export import markdown_safe, spreadsheet_safe
from storage.models import Trial

FORMATS = ("md", "json", "csv")
_PHASES = {"EARLY_PHASE1": "early phase 1", "NA": "not applicable"}
EVENT_LABELS = {
    "registered": "newly registered",
    "recruiting": "now recruiting",
    "completed": "completed",
    "results_posted": "results posted",
    "terminated": "terminated (ended early)",
    "withdrawn": "withdrawn before enrolling",
    "suspended": "suspended",
}


def phase_label(phases: list[str]) -> str:
    """``["PHASE2", "PHASE3"]`` -> ``phase 2/3``; none -> ``not given``."""
    if not phases:
        return "not given"
    known = [_PHASES.get(p) for p in phases]
    if all(k is None for k in known) and all(p.startswith("PHASE") for p in phases):
        return "phase " + "/".join(p.removeprefix("PHASE") for p in phases)
    return ", ".join(_PHASES.get(p) or p.lower().replace("phase", "phase ") for p in phases)


def status_label(status: str) -> str:
    return status.replace("_", " ").lower() if status else "unknown"


def where_label(trial: Trial) -> str:
    countries = list(trial.countries or [])
    sites = f"{trial.locations_count} site{'s' if trial.locations_count != 1 else ''}"
    if not countries:
        return sites if trial.locations_count else "no sites listed yet"
    shown = ", ".join(countries[:4])
    if len(countries) > 4:
        shown += f" and {len(countries) - 4} more"
    return f"{sites} in {shown}"


def trial_card(trial: Trial, *, decision: str | None = None) -> dict[str, Any]:
    """The card's fields; ``decision`` (an editor's status) is added for marked trials' exports."""
    enrollment = None
    if trial.enrollment is not None:
        kind = (trial.enrollment_type or "").lower()
        enrollment = f"{trial.enrollment:,}" + (f" ({kind})" if kind else "")
    card: dict[str, Any] = {
        "nct_id": trial.nct_id,
        "title": trial.title,
        "condition": ", ".join(trial.conditions or []),
        "intervention": "; ".join(trial.interventions or []),
        "phase": phase_label(list(trial.phases or [])),
        "status": status_label(trial.overall_status),
        "why_stopped": trial.why_stopped or None,
        "enrollment": enrollment,
        "sponsor": trial.sponsor,
        "where": where_label(trial),
        "start": trial.start_date or None,
        "completion": trial.completion_date or None,
        "has_results": bool(trial.has_results),
        "url": f"https://clinicaltrials.gov/study/{trial.nct_id}",
    }
    if decision is not None:
        card["decision"] = decision
    return card


CSV_FIELDS = ("nct_id", "title", "condition", "intervention", "phase", "status", "enrollment",
              "where", "sponsor", "start", "completion", "has_results", "url")  # fmt: skip


def render_cards(cards: list[dict[str, Any]], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(cards, indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        # marked trials' exports say the editors' decision in a last column
        columns = (*CSV_FIELDS, "decision") if any("decision" in c for c in cards) else CSV_FIELDS
        buf = io.StringIO()
        csv.writer(buf).writerow(columns)
        writer = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore",
                                quoting=csv.QUOTE_ALL)  # fmt: skip
        for card in cards:
            writer.writerow({k: spreadsheet_safe(card.get(k)) for k in columns})
        return buf.getvalue()
    lines: list[str] = []
    for card in cards:
        lines += [f"## {markdown_safe(card['title'], one_line=True)}", ""]
        for label, key in (("Condition", "condition"), ("Intervention", "intervention"),
                           ("Phase", "phase"), ("Status", "status"),
                           ("Why it stopped", "why_stopped"), ("Enrollment", "enrollment"),
                           ("Where", "where"), ("Sponsor", "sponsor"),
                           ("Editors' decision", "decision")):  # fmt: skip
            if card.get(key):
                lines.append(f"- **{label}:** {markdown_safe(str(card[key]), one_line=True)}")
        lines += [f"- **Registry:** {card['url']}", "", "---", ""]
    return "\n".join(lines)
