"""The one draw behind every set of the design key (docs/design-key/).

    from design_key_sampler import Round, sample, write

Each set (``design_key_sample.py`` for dev/check, ``design_key_sample_check2.py``,
``..._check3.py``, ``..._check4.py``) is a seed, quotas per stratum, the key files
whose records it must not draw again, and optional extra rounds; this module
does the rest, the same way for all of them:

1. read every record of the corpus folders once (``files``), skipping records
   already keyed (by (source, id) or by PMID) and duplicates (by PMID);
2. put each record in the pool of every stratum it is a candidate for
   (``strata``: publication types, MeSH and a few regexes only *find*
   candidates; the labels are the labeller's reading, docs/design-labelling.md);
3. shuffle each pool with one seeded generator, in the quotas' order, and take
   ``quota`` records not taken by an earlier stratum, no file giving more than
   ``PER_FILE`` of a stratum;
4. interleave the strata (any prefix of the labelling covers every stratum).

Deterministic: the same seed, quotas and exclusions give the same
``source,record_id,stratum`` rows in the same order.  The scripts were merged
into this module in session 7, and each was shown to draw exactly the rows it
drew before (old and new outputs diffed; see the commit message).
"""

from __future__ import annotations

import csv
import json
import random
import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from monitor.evaluation.design_key import iter_source
from monitor.records import PaperRecord

KEY = Path(__file__).parent.parent / "docs" / "design-key"
# per stratum, the most any one file gives (so one big file does not fill it)
PER_FILE = 0.6

Item = tuple[str, str]  # (source relative to the corpus, record id)
Row = tuple[str, str, str]  # (source, record id, stratum)

SCI = re.compile(r"spinal cord injur|tetrapleg|quadripleg|parapleg|spinal cord trauma", re.I)
IN_VITRO_TEXT = re.compile(
    r"\bcell lines?\b|\bcultured\b|\bin vitro\b|organoid|\bhek ?293|\bhela\b|in silico|docking",
    re.I,
)
OBS_MESH = {
    "cohort studies", "retrospective studies", "prospective studies", "case-control studies",
    "cross-sectional studies", "longitudinal studies", "follow-up studies",
}  # fmt: skip
SPECIES_TITLE = re.compile(
    r"\b(rats?|mice|mouse|murine|rodents?|rabbits?|dogs?|canine|pigs?|porcine|swine|sheep|"
    r"ovine|monkeys?|primates?|macaques?|zebrafish|cats?|feline|rhesus|guinea pigs?|hamsters?|"
    r"animals?|piglets?|lambs?|horses?|equine|bovine|cattle|cows?|chickens?|avian|fish|"
    r"drosophila|elegans|xenopus|frogs?|ferrets?|gerbils?)\b",
    re.I,
)
CELL_MESH = ("cells, cultured", "cell line", "in vitro techniques", "cell line, tumor")
# computational work, for check4's in_silico stratum (added after the first three
# draws; a stratum no earlier quota names changes none of their rows)
SILICO_MESH = {
    "computer simulation", "computational biology", "models, molecular",
    "molecular docking simulation", "molecular dynamics simulation", "gene expression profiling",
}  # fmt: skip
SILICO_TEXT = re.compile(
    r"\bbioinformatic|\bin silico\b|\bmolecular (docking|dynamics)\b|\bcomputational (model|"
    r"analysis|study|approach)|\bsimulations?\b|\b(geo|tcga) (database|dataset)",
    re.I,
)

# check9's word finders (candidates only; the label is the reading)
SR_TEXT = re.compile(
    r"meta-?analy|systematic(ally)? (literature )?(review|search)|pooled analysis", re.I
)
NRT_TEXT = re.compile(
    r"\bphase (i|ii|1|2|i/ii)\b|open[- ]label|single[- ]arm|non-?randomi[sz]ed|"
    r"uncontrolled (trial|study)|dose[- ](finding|escalation)",
    re.I,
)


@dataclass(frozen=True)
class Round:
    """A further draw from one stratum's pool with its own seed (more SCI records
    for relevance).  ``after``: appended after the interleaved strata, and drawn
    from the pool *without* the records already taken (the first key's round 2,
    labelled after its first 635 rows); otherwise drawn like a stratum (taken
    records skipped while walking the shuffled pool) and interleaved with them
    (check3)."""

    name: str
    stratum: str
    quota: int
    seed: int
    after: bool = False


def files(corpus: Path) -> Iterator[Path]:
    for folder in ("pubmed", "pubmed-sci", "screening"):
        for path in sorted((corpus / folder).rglob("*")):
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
        # check6's stratum: an animal candidate whose title names no species, so the
        # in-vivo work is said only in the abstract (a stratum no earlier quota names
        # changes none of their rows)
        if not SPECIES_TITLE.search(record.title):
            out.append("animal_plain")
    if SCI.search(text) or "spinal cord injuries" in mesh:
        out.append("sci")
    if record.source == "pubmed":
        out.append("random")
    silico = bool(mesh & SILICO_MESH) and "animals" not in mesh
    if silico or (not mesh and SILICO_TEXT.search(text)):
        out.append("in_silico")
    # check9's strata: the publication-type pools of systematic reviews and
    # non-randomised trials are used up (and the screening CSVs carry no publication
    # types), so these find candidates by the words of title and abstract; strata no
    # earlier quota names change none of the earlier draws
    if "systematic_review" not in out and SR_TEXT.search(text):
        out.append("sr_text")
    if "rct" not in out and "non_randomized_trial" not in out and NRT_TEXT.search(text):
        out.append("nrt_text")
    return out


def keyed(names: Iterable[str]) -> set[Item]:
    """(source, record_id) of every row of the named key files (``KEY``)."""
    out: set[Item] = set()
    for name in names:
        with (KEY / name).open(newline="") as fh:
            out |= {(r["source"], r["record_id"]) for r in csv.DictReader(fh)}
    return out


def read_pools(
    corpus: Path, wanted: Iterable[str], exclude: set[Item]
) -> tuple[dict[str, list[Item]], dict[str, dict[str, str]]]:
    """The candidates of each wanted stratum, and every candidate's text by
    ``source|id`` (for the cache the labeller reads)."""
    pools: dict[str, list[Item]] = {s: [] for s in wanted}
    texts: dict[str, dict[str, str]] = {}
    exclude_ids = {rid for _, rid in exclude}
    seen: set[str] = set()
    for path in files(corpus):
        source = str(path.relative_to(corpus))
        try:
            for rid, record in iter_source(path):
                ident = record.pmid or f"{source}:{rid}"
                known = (source, rid) in exclude or record.pmid in exclude_ids
                if ident in seen or known:
                    continue
                seen.add(ident)
                for stratum in strata(record):
                    if stratum in pools:
                        pools[stratum].append((source, rid))
                texts[f"{source}|{rid}"] = {
                    "t": record.title, "a": record.abstract, "j": record.journal,
                }  # fmt: skip
        except Exception as exc:  # a damaged file is named and left
            print(f"skipped {source}: {exc}", file=sys.stderr)
    return pools, texts


def _tier(source: str, prefer: tuple[str, ...]) -> int:
    """The index of the first prefix ``source`` starts with (``len(prefer)`` for none)."""
    return next((i for i, p in enumerate(prefer) if source.startswith(p)), len(prefer))


def draw(
    pool: list[Item],
    quota: int,
    rng: random.Random,
    taken: set[Item],
    prefer: tuple[str, ...] = (),
    tiered: bool = False,
) -> list[Item]:
    """``quota`` items of the shuffled pool not yet taken (and now taken), no file
    giving more than ``PER_FILE`` of them.  ``prefer``: source prefixes walked
    first (the shuffled order kept within each part; check7, the folders the
    earlier keys used least); empty for every earlier set, whose draws it leaves
    unchanged.  ``tiered`` (check11): the prefixes are walked one after another in
    the order given (the first matching prefix of a source is its tier), not as one
    part; off for every earlier set, whose draws it leaves unchanged."""
    pool = sorted(pool)
    rng.shuffle(pool)
    if prefer and tiered:
        pool.sort(key=lambda item: _tier(item[0], prefer))
    elif prefer:
        pool.sort(key=lambda item: not item[0].startswith(prefer))
    per_file: dict[str, int] = {}
    cap = max(1, int(quota * PER_FILE))
    picked: list[Item] = []
    for item in pool:
        if item in taken or per_file.get(item[0], 0) >= cap:
            continue
        picked.append(item)
        taken.add(item)
        per_file[item[0]] = per_file.get(item[0], 0) + 1
        if len(picked) == quota:
            break
    return picked


def sample(
    corpus: Path,
    seed: int,
    quotas: Mapping[str, int],
    exclude: Iterable[str] = (),
    rounds: Iterable[Round] = (),
    prefer: tuple[str, ...] = (),
    tiered: bool = False,
) -> tuple[list[Row], dict[str, dict[str, str]]]:
    """The rows to label, in labelling order, and the texts of every candidate.
    ``exclude``: key files (in ``KEY``) whose records are never drawn again."""
    rounds = tuple(rounds)
    wanted = list(quotas) + [r.stratum for r in rounds if r.stratum not in quotas]
    pools, texts = read_pools(corpus, wanted, keyed(exclude))
    rng = random.Random(seed)
    chosen: dict[str, list[Item]] = {}
    taken: set[Item] = set()
    for stratum, quota in quotas.items():
        chosen[stratum] = draw(pools[stratum], quota, rng, taken, prefer, tiered)
        print(f"{stratum:<22}{len(chosen[stratum]):>4} of {len(pools[stratum])}", file=sys.stderr)
    tail: list[Row] = []
    for extra in rounds:
        if extra.after:
            pool = sorted(set(pools[extra.stratum]) - taken)
            picked = draw(pool, extra.quota, random.Random(extra.seed), set())
            tail.extend((*item, extra.name) for item in picked)
        else:
            chosen[extra.name] = draw(
                pools[extra.stratum], extra.quota, random.Random(extra.seed), taken
            )
    order: list[Row] = []
    depth = max(len(v) for v in chosen.values())
    for i in range(depth):
        for stratum, picked in chosen.items():
            if i < len(picked):
                order.append((*picked[i], stratum))
    return order + tail, texts


def write(rows: list[Row], texts: dict[str, dict[str, str]], out: Path, cache: Path | None) -> None:
    """The candidates' CSV (ids and stratum only) and, outside the repository, the
    cache of their texts that scripts/design_key_show.py prints."""
    with out.open("w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["source", "record_id", "stratum"])
        writer.writerows(rows)
    if cache is not None:
        cache.write_text(json.dumps({f"{s}|{r}": texts[f"{s}|{r}"] for s, r, _ in rows}))


def main(
    seed: int,
    quotas: Mapping[str, int],
    exclude: Iterable[str] = (),
    rounds: Iterable[Round] = (),
    out_default: str = "design_key_candidates.csv",
    prefer: tuple[str, ...] = (),
    tiered: bool = False,
) -> None:
    """``python SCRIPT [CORPUS_DIR] [OUT.csv] [CACHE.json]`` for each set's script."""
    corpus = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus")
    out = Path(sys.argv[2] if len(sys.argv) > 2 else out_default)
    cache = Path(sys.argv[3]) if len(sys.argv) > 3 else None
    rows, texts = sample(corpus, seed, quotas, exclude, rounds, prefer, tiered)
    write(rows, texts, out, cache)
