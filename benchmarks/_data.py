"""Bulk synthetic papers for the digest and web benchmarks (50,000 in a few seconds)."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import insert
from sqlalchemy.orm import Session, sessionmaker

from storage.models import Paper, PaperIdentifier, PaperSighting, PaperTriage

DESIGNS = [
    "rct",
    "systematic_review",
    "observational",
    "case_report",
    "animal",
    "narrative_review",
    "other",
    "qualitative",
    "non_randomized_trial",
]
TOPICS = [
    "rehabilitation",
    "regenerative",
    "pain",
    "bladder_bowel_sexual",
    "neuromodulation",
    "mental_health_qol",
    "surgery",
    "spasticity",
]


def fill(factory: sessionmaker[Session], total: int, recent: int, now: datetime) -> None:
    """``total`` papers; ``recent`` of them first seen in the last week and SCI-relevant."""
    rng = random.Random(42)
    batch = 5000
    for start in range(0, total, batch):
        papers, triages, sightings, idents = [], [], [], []
        for i in range(start, min(start + batch, total)):
            pid = i + 1
            is_recent = i < recent
            seen = (
                now - timedelta(days=rng.uniform(0, 6.5))
                if is_recent
                else (now - timedelta(days=rng.uniform(8, 900)))
            )
            design = rng.choice(DESIGNS)
            papers.append(
                {
                    "id": pid,
                    "doi": f"10.5555/bench.{pid}",
                    "pmid": str(30_000_000 + pid),
                    "title": f"Spinal cord injury study {pid}: {design.replace('_', ' ')} of "
                    f"outcomes after rehabilitation in adults with chronic tetraplegia",
                    "abstract": (
                        "BACKGROUND: Spinal cord injury changes lives. METHODS: Adults were "
                        "studied. RESULTS: Outcomes improved. CONCLUSIONS: Training helps. "
                        "It is safe."
                    )
                    * 3,
                    "journal": "Spinal Cord",
                    "published_on": date(2026, 1, 1) + timedelta(days=i % 300),
                    "pub_year": 2026,
                    "pub_date_text": "2026",
                    "authors": [{"last": "Doe", "initials": "J"}],
                    "publication_types": ["Journal Article"],
                    "mesh": [],
                    "keywords": [],
                    "citation_status": "Publisher",
                    "is_book": False,
                    "is_preprint": False,
                    "extra": {},
                    "content_source": "pubmed",
                    "record_hash": f"{pid:040d}",
                    "first_seen_at": seen,
                    "first_source": "pubmed:sci",
                    "updated_at": seen,
                }
            )
            relevance = (
                "core"
                if is_recent or rng.random() < 0.7
                else rng.choice(["peripheral", "off_topic"])
            )
            triages.append(
                {
                    "paper_id": pid,
                    "design": design,
                    "evidence_rank": rng.randint(1, 9),
                    "population": rng.choice(["human", "animal", "both"]),
                    "participants_n": rng.randint(5, 5000),
                    "participants_unit": "patients",
                    "relevance": relevance,
                    "topics": rng.sample(TOPICS, 2),
                    "is_notice": False,
                    "reasons": {
                        "design": ["text: 'randomized'"],
                        "relevance": ["title: 'spinal cord injury'"],
                    },
                    "rules_version": "bench",
                    "priority": rng.uniform(0, 120),
                    "triaged_at": seen,
                }
            )
            sightings.append(
                {
                    "paper_id": pid,
                    "source": "pubmed",
                    "source_name": "sci",
                    "source_id": str(30_000_000 + pid),
                    "seen_at": seen,
                    "raw_ids": {},
                }
            )
            idents.append({"paper_id": pid, "kind": "doi", "value": f"10.5555/bench.{pid}"})
        with factory() as session, session.begin():
            session.execute(insert(Paper), papers)
            session.execute(insert(PaperTriage), triages)
            session.execute(insert(PaperSighting), sightings)
            session.execute(insert(PaperIdentifier), idents)


def now_utc() -> datetime:
    return datetime.now(UTC)
