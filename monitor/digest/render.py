"""Render a digest with the Jinja2 templates in templates/digest/.

HTML is autoescaped (a title carrying ``<script>`` arrives as text) and built
for mail clients: tables, inline styles, no scripts, one column that reads on
a phone.  The plain-text part carries the same content and links.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache, partial
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from monitor.briefs.trials import EVENT_LABELS, trial_card
from monitor.digest.links import make_token
from monitor.digest.select import DigestContent, excerpt
from monitor.triage.design import LABELS, design_label
from storage.digests import Candidate
from storage.review import STATUS_LABELS


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


@lru_cache(maxsize=8)
def environment(templates_dir: Path) -> Environment:
    """One Jinja environment per templates folder, kept: it caches the compiled templates.

    A new environment per render compiled the three digest templates every time
    (about 0.3-0.8 s of a digest build's 0.5-1.1 s on this machine, whatever the
    database held); Jinja still reloads a template whose file changed."""
    env = Environment(
        loader=FileSystemLoader(str(templates_dir)),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["urlquote"] = lambda v: quote(str(v), safe="")
    return env


def _paper(
    c: Candidate,
    base_url: str,
    topic_label: Any,
    sentences: int,
    likely_below: float,
    signer: Callable[[int], str] | None = None,
) -> dict[str, Any]:
    reasons = c.reasons or {}
    why = [f"found by {', '.join(c.sources) or c.first_source}"]
    for key in ("design", "relevance"):
        why.extend(str(r) for r in reasons.get(key, [])[:1])
    participants = (
        f"{c.participants_n:,} {c.participants_unit}" if c.participants_n is not None else ""
    )
    page = f"{base_url}/papers/{c.id}"
    # signed per editor, paper and week (monitor/digest/links.py): one step, no sign-in
    decide = f"{page}/decide/{signer(c.id)}" if signer is not None else page
    return {
        "id": c.id,
        "title": c.title,
        "journal": c.journal,
        "date": c.published_on.isoformat() if c.published_on else c.pub_date_text,
        "doi": c.doi,
        "doi_url": f"https://doi.org/{c.doi}" if c.doi else None,
        "pubmed_url": f"https://pubmed.ncbi.nlm.nih.gov/{c.pmid}/" if c.pmid else None,
        "design": design_label(c.design, c.design_confidence, likely_below),
        "population": c.population.replace("_", " "),
        "participants": participants,
        "topics": [topic_label(t) for t in c.topics],
        "relevance": c.relevance,
        "flag": c.flag,
        "why": why,
        "excerpt": excerpt(c.abstract, sentences),
        "actions": _actions(decide),
        "page_url": page,
        "preprint": c.is_preprint,
    }


TRIAL_GROUPS = (
    ("recruiting", "New SCI trials recruiting"),
    ("results", "Results posted"),
    ("ended", "Ended early"),
)


def _actions(decide: str) -> list[tuple[str, str]]:
    """Summarize / Maybe / Skip: the link's page (signed or not) with the decision asked."""
    asked = (("Summarize", "to_summarize"), ("Maybe", "maybe"), ("Skip", "skipped"))
    return [(label, f"{decide}?{urlencode({'action': status})}") for label, status in asked]


def _trials(
    content: DigestContent, base_url: str, signer: Callable[[int], str] | None = None
) -> list[dict[str, Any]]:
    """The Trials section's groups, each trial as its card plus what happened.

    A trial's title opens its page in the review app (``page_url``); its
    Summarize / Maybe / Skip links are signed as a paper's are (``signer``), so
    an editor decides a trial from the mail in one step too.  The registry link
    stays beside it.
    """
    out = []
    for key, title in TRIAL_GROUPS:
        news = content.trials.get(key) or []
        if news:
            cards = []
            for n in news:
                page = f"{base_url}/trials/{n.trial.nct_id}"
                decide = (
                    f"{base_url}/trials/{n.trial.id}/decide/{signer(n.trial.id)}"
                    if signer is not None
                    else page
                )
                cards.append({
                    **trial_card(n.trial), "event": EVENT_LABELS.get(n.kind, n.kind),
                    "on": n.occurred_on.isoformat() if n.occurred_on else None,
                    "page_url": page, "actions": _actions(decide),
                })  # fmt: skip
            out.append({"key": key, "title": title, "trials": cards})
    return out


def source_label(name: str) -> str:
    """A fetch_run source as editors know it: ``pubmed:sci`` -> "PubMed (sci)"."""
    kind, _, rest = name.partition(":")
    if kind == "pubmed":
        return f"PubMed ({rest})" if rest else "PubMed"
    if kind == "feed":
        return f"the {rest} journal feed"
    if kind == "import":
        return f"the import of {rest}"
    if kind == "preprints":
        return "Europe PMC (preprints)"
    if kind == "trials":
        return "ClinicalTrials.gov"
    return name


def _moment(value: Any) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return None


def render(
    content: DigestContent,
    *,
    templates_dir: Path,
    base_url: str,
    recipient: str,
    topic_label: Any,
    sentences: int,
    likely_below: float = 0.6,
    secret: str | None = None,
) -> Rendered:
    """The digest for ``recipient``; with ``secret``, its decision links are signed for them."""
    env = environment(templates_dir)
    base_url = base_url.rstrip("/")
    signer: Callable[[int], str] | None = None
    trial_signer: Callable[[int], str] | None = None
    if secret and "@" in recipient:  # a preview has no editor to sign for
        signer = partial(make_token, secret, recipient, week=content.week)
        trial_signer = partial(make_token, secret, recipient, week=content.week, kind="trial")
    sections = [
        {
            "key": s.key,
            "title": s.title,
            "papers": [
                _paper(c, base_url, topic_label, sentences, likely_below, signer)
                for c in s.items
            ],
            "more": s.more,
            "more_url": f"{base_url}/queue?{urlencode({'week': content.week, 'section': s.key})}",
        }
        for s in content.sections
    ]
    counts = content.counts
    context = {
        "week": content.week,
        "since": content.since,
        "until": content.until,
        "recipient": recipient,
        "sections": sections,
        "counts": counts,
        "designs": sorted(
            ((LABELS.get(k, k), v) for k, v in counts.get("by_design", {}).items()),
            key=lambda kv: -kv[1],
        ),
        "corrections": [
            {
                "id": pid,
                "title": title,
                "status": STATUS_LABELS.get(status, status),
                "reason": reason,
                "url": f"{base_url}/papers/{pid}",
            }
            for pid, title, status, reason in content.corrections
        ],
        "paper_count": content.paper_count,
        "trial_groups": _trials(content, base_url, trial_signer),
        "queue_url": f"{base_url}/queue?{urlencode({'week': content.week})}",
        # plain words about the sources; their errors stay in `scimon status`
        "unreachable": bool(counts.get("sources_unreachable")),
        "last_reached": _moment(counts.get("last_reached")),
        "failed_sources": [source_label(f["source"]) for f in counts.get("failed_sources", [])],
    }
    subject = env.get_template("digest/subject.txt").render(context).strip()
    text = env.get_template("digest/body.txt").render(context)
    html = env.get_template("digest/body.html").render(context)
    return Rendered(subject=" ".join(subject.split()), text=text, html=html)
