"""How the records of the second check set (docs/design-key/check2.csv) were chosen.

    python scripts/design_key_sample_check2.py [CORPUS_DIR] [OUT.csv] [CACHE.json]

The first check half had been scored once when issue 19's rules were tuned
further, so it could no longer be called unseen.  This draws a fresh set from
the same folders with the first draw's candidate finders
(``design_key_sample.strata``), excluding every record already in dev.csv or
check.csv, with its own seed and quotas stratified toward the classes that
missed their targets (in vitro, narrative and systematic reviews, title-only
records).  As before, the finders only *find* candidates; the labels are the
labeller's reading of title and abstract (docs/design-labelling.md), made
before scimon was run on any of these records.
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
OUT = Path(sys.argv[2] if len(sys.argv) > 2 else "design_key_check2_candidates.csv")
CACHE = Path(sys.argv[3]) if len(sys.argv) > 3 else None
SEED = 1902
KEY = Path(__file__).parent.parent / "docs" / "design-key"

QUOTA = {
    "in_vitro": 40, "narrative_review": 36, "systematic_review": 34, "title_only": 24,
    "rct": 6, "case_report": 5, "animal": 6, "observational": 5, "commentary": 4,
}  # fmt: skip


def already_keyed() -> set[tuple[str, str]]:
    """(source, record_id) of every row in the first key's two halves."""
    out: set[tuple[str, str]] = set()
    for name in ("dev.csv", "check.csv"):
        with (KEY / name).open(newline="") as fh:
            out |= {(r["source"], r["record_id"]) for r in csv.DictReader(fh)}
    return out


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
                    if stratum in pools:
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
        pool = sorted(pools[stratum])
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
        chosen[stratum] = picked
        print(f"{stratum:<22}{len(picked):>4} of {len(pool)}", file=sys.stderr)
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
