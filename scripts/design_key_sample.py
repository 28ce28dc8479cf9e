"""How the records of the design key (docs/design-key/) were chosen.

    python scripts/design_key_sample.py [CORPUS_DIR] [OUT.csv] [CACHE.json]

Deterministic (seeded): the same ``source,record_id,stratum`` rows every time,
in the order they were labelled (strata interleaved, so that any prefix of the
labelling covers every stratum).  Publication types, MeSH and a few text
regexes only *find* candidates for a stratum; the labels are the labeller's
reading of the title and abstract (docs/design-labelling.md), so a candidate
often ends up with another label than its stratum.

CACHE (optional, outside the repository) receives the candidates' titles and
abstracts so that scripts/design_key_show.py can print them for reading; the
text is never written into the repository.
"""

from __future__ import annotations

import csv
import json
import random
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from monitor.evaluation.design_key import iter_source
from monitor.records import PaperRecord

CORPUS = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus")
OUT = Path(sys.argv[2] if len(sys.argv) > 2 else "design_key_candidates.csv")
CACHE = Path(sys.argv[3]) if len(sys.argv) > 3 else None
SEED = 19

# stratum: how many candidates to draw
QUOTA = {
    "title_only": 75, "rct": 70, "systematic_review": 62, "case_report": 62,
    "narrative_review": 62, "in_vitro": 55, "animal": 52, "observational": 45,
    "commentary": 28, "sci": 40, "random": 30, "non_randomized_trial": 15,
    "protocol": 15, "qualitative": 12, "guideline": 12,
}  # fmt: skip
ROUND2_SCI = 45
# per stratum, the most any one file gives (so one big file does not fill it)
PER_FILE = 0.6

SCI = re.compile(r"spinal cord injur|tetrapleg|quadripleg|parapleg|spinal cord trauma", re.I)
IN_VITRO_TEXT = re.compile(
    r"\bcell lines?\b|\bcultured\b|\bin vitro\b|organoid|\bhek ?293|\bhela\b|in silico|docking",
    re.I,
)
OBS_MESH = {
    "cohort studies", "retrospective studies", "prospective studies", "case-control studies",
    "cross-sectional studies", "longitudinal studies", "follow-up studies",
}  # fmt: skip
CELL_MESH = ("cells, cultured", "cell line", "in vitro techniques", "cell line, tumor")


def files() -> Iterator[Path]:
    for folder in ("pubmed", "pubmed-sci", "screening"):
        for path in sorted((CORPUS / folder).rglob("*")):
            name = path.name
            if not path.is_file() or "/@" in str(path):
                continue  # an earlier version of a file kept beside it: same records
            pubmed_or_bib = name.endswith((".xml", ".xml.gz", ".txt.gz", ".bib", ".bib.gz"))
            screening = name == "titles_abstracts.tar.gz" or (
                "Cohen_2006/raw" in str(path) and name.endswith(".csv.gz")
            )
            if pubmed_or_bib or screening:
                yield path


def strata(record: PaperRecord) -> list[str]:
    """Every stratum the record is a candidate for (indexing and regex only)."""
    out: list[str] = []
    pt = {p.lower() for p in record.publication_types}
    mesh = {m.lower() for m in record.mesh}
    text = f"{record.title} {record.abstract}"
    if len(record.abstract.strip()) < 40:
        return ["title_only"]
    if pt & {"systematic review", "meta-analysis"}:
        out.append("systematic_review")
    if "randomized controlled trial" in pt or mesh & {"random allocation", "double-blind method"}:
        out.append("rct")
    if "clinical trial protocol" in pt or re.search(r"\bprotocol\b", record.title, re.I):
        out.append("protocol")
    if pt & {"practice guideline", "guideline", "consensus development conference"}:
        out.append("guideline")
    if pt & {"clinical trial", "clinical trial, phase i", "clinical trial, phase ii",
             "controlled clinical trial"} and "randomized controlled trial" not in pt:  # fmt: skip
        out.append("non_randomized_trial")
    if "case reports" in pt:
        out.append("case_report")
    if "review" in pt and not pt & {"systematic review", "meta-analysis"}:
        out.append("narrative_review")
    if pt & {"editorial", "letter", "comment"}:
        out.append("commentary")
    if mesh & {"qualitative research", "focus groups", "interviews as topic"}:
        out.append("qualitative")
    if "observational study" in pt or mesh & OBS_MESH:
        out.append("observational")
    cells = any(m.startswith(CELL_MESH) for m in mesh) and "animals" not in mesh
    if cells or (not mesh and IN_VITRO_TEXT.search(text)):
        out.append("in_vitro")
    if "animals" in mesh and "humans" not in mesh and not out:
        out.append("animal")
    if SCI.search(text) or "spinal cord injuries" in mesh:
        out.append("sci")
    if record.source == "pubmed":
        out.append("random")
    return out


def main() -> None:
    pools: dict[str, list[tuple[str, str]]] = {s: [] for s in QUOTA}
    texts: dict[str, dict[str, str]] = {}
    seen: set[str] = set()
    for path in files():
        source = str(path.relative_to(CORPUS))
        try:
            for rid, record in iter_source(path):
                ident = record.pmid or f"{source}:{rid}"
                if ident in seen:
                    continue
                seen.add(ident)
                for stratum in strata(record):
                    pools[stratum].append((source, rid))
                texts[f"{source}|{rid}"] = {
                    "t": record.title, "a": record.abstract, "j": record.journal,
                }  # fmt: skip
        except Exception as exc:  # a damaged file is named and left
            print(f"skipped {source}: {exc}", file=sys.stderr)
    rng = random.Random(SEED)
    chosen: dict[str, list[tuple[str, str]]] = {}
    per_file: dict[str, int]
    taken: set[tuple[str, str]] = set()
    for stratum, quota in QUOTA.items():
        pool = sorted(pools[stratum])
        rng.shuffle(pool)
        per_file = {}
        cap = max(1, int(quota * PER_FILE))
        picked: list[tuple[str, str]] = []
        for item in pool:
            if item in taken or per_file.get(item[0], 0) >= cap:
                continue
            picked.append(item)
            taken.add(item)
            per_file[item[0]] = per_file.get(item[0], 0) + 1
            if len(picked) == quota:
                break
        chosen[stratum] = picked
        print(f"{stratum:<22}{len(picked):>4} of {len(pool)}", file=sys.stderr)
    order: list[tuple[str, str, str]] = []
    depth = max(len(v) for v in chosen.values())
    for i in range(depth):
        for stratum, picked in chosen.items():
            if i < len(picked):
                order.append((*picked[i], stratum))
    # round 2 (labelled after the first 635): more SCI records, because the first
    # round held too few for relevance figures; drawn from the same pool with its own
    # seed, so the first round's rows and order are unchanged
    rng2 = random.Random(SEED + 1)
    pool = sorted(set(pools["sci"]) - taken)
    rng2.shuffle(pool)
    per_file = {}
    for item in pool:
        if per_file.get(item[0], 0) >= int(ROUND2_SCI * PER_FILE):
            continue
        order.append((*item, "sci_round2"))
        per_file[item[0]] = per_file.get(item[0], 0) + 1
        if sum(per_file.values()) == ROUND2_SCI:
            break
    with OUT.open("w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["source", "record_id", "stratum"])
        writer.writerows(order)
    if CACHE is not None:
        CACHE.write_text(json.dumps({f"{s}|{r}": texts[f"{s}|{r}"] for s, r, _ in order}))


if __name__ == "__main__":
    main()
