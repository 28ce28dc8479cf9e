"""How the records of the third check set (docs/design-key/check3.csv) were chosen.

    python scripts/design_key_sample_check3.py [CORPUS_DIR] [OUT.csv] [CACHE.json]

check.csv and check2.csv had both been scored before issue 19's third pass,
so neither is unseen any more.  This draws a fresh set from the same folders
with the first draw's candidate finders (``design_key_sample.strata``),
excluding every record already in dev.csv, check.csv or check2.csv.  Unlike
check2 (tilted toward the classes that missed), the quotas here follow the
first key's strata scaled to ~180 records, so check3 is stratified like the
first two halves.  Seed 1903 draws the strata; seed 1904 draws a second round
of SCI candidates, as the first key did (``ROUND2_SCI``), because a stratified
draw alone holds too few SCI records to say anything about relevance.  The
finders only *find* candidates; labels are the labeller's reading of title and
abstract (docs/design-labelling.md), made before scimon was run on them.
"""

from __future__ import annotations

import csv
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from design_key_sample import PER_FILE, files, strata

from monitor.evaluation.design_key import iter_source

CORPUS = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus")
OUT = Path(sys.argv[2] if len(sys.argv) > 2 else "design_key_check3_candidates.csv")
CACHE = Path(sys.argv[3]) if len(sys.argv) > 3 else None
SEED = 1903
SCI_SEED = 1904
SCI_ROUND = 12
KEY = Path(__file__).parent.parent / "docs" / "design-key"

# the first key's quotas (design_key_sample.QUOTA) scaled by ~0.25
QUOTA = {
    "title_only": 21, "rct": 18, "systematic_review": 15, "case_report": 15,
    "narrative_review": 17, "in_vitro": 15, "animal": 13, "observational": 11,
    "commentary": 7, "sci": 10, "random": 12, "non_randomized_trial": 4,
    "protocol": 4, "qualitative": 3, "guideline": 3,
}  # fmt: skip


def already_keyed() -> set[tuple[str, str]]:
    """(source, record_id) of every row in dev.csv, check.csv and check2.csv."""
    out: set[tuple[str, str]] = set()
    for name in ("dev.csv", "check.csv", "check2.csv"):
        with (KEY / name).open(newline="") as fh:
            out |= {(r["source"], r["record_id"]) for r in csv.DictReader(fh)}
    return out


def _draw(
    pool: list[tuple[str, str]], quota: int, rng: random.Random, taken: set[tuple[str, str]]
) -> list[tuple[str, str]]:
    """``quota`` items of a shuffled pool, no file giving more than PER_FILE of them."""
    pool = sorted(pool)
    rng.shuffle(pool)
    per_file: dict[str, int] = {}
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
    return picked


def main() -> None:
    keyed = already_keyed()
    keyed_ids = {rid for _, rid in keyed}
    pools: dict[str, list[tuple[str, str]]] = {s: [] for s in QUOTA}
    texts: dict[str, dict[str, str]] = {}
    seen: set[str] = set()
    for path in files():
        source = str(path.relative_to(CORPUS))
        try:
            for rid, record in iter_source(path):
                ident = record.pmid or f"{source}:{rid}"
                known = (source, rid) in keyed or record.pmid in keyed_ids
                if ident in seen or known:
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
    taken: set[tuple[str, str]] = set()
    for stratum, quota in QUOTA.items():
        chosen[stratum] = _draw(pools[stratum], quota, rng, taken)
        print(f"{stratum:<22}{len(chosen[stratum]):>4} of {len(pools[stratum])}", file=sys.stderr)
    chosen["sci_round2"] = _draw(pools["sci"], SCI_ROUND, random.Random(SCI_SEED), taken)
    order: list[tuple[str, str, str]] = []
    depth = max(len(v) for v in chosen.values())
    for i in range(depth):
        for stratum, picked in chosen.items():
            if i < len(picked):
                order.append((*picked[i], stratum))
    with OUT.open("w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["source", "record_id", "stratum"])
        writer.writerows(order)
    if CACHE is not None:
        CACHE.write_text(json.dumps({f"{s}|{r}": texts[f"{s}|{r}"] for s, r, _ in order}))


if __name__ == "__main__":
    main()
