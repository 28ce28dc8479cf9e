"""Draw the abstracts of the card key (docs/card-key/) from the recorded corpus.

Run once, before labelling: ``python scripts/card_key_sample.py OUT.txt``.  It
picks, with a fixed seed, human MEDLINE records of each design stratum (by the
indexers' publication types and MeSH: RCTs, systematic reviews and
meta-analyses, observational studies, case reports) from ../shared/corpus/pubmed
(without the 233 MB update file), plus SCI records of the drug review's PubMed
export (clinical and animal), and writes their title and abstract to OUT (a
file outside the repository: the abstracts are other people's text) for a
person to label by docs/card-labelling.md.  The key keeps only the source and
the record id of each.
"""

from __future__ import annotations

import csv
import gzip
import io
import random
import re
import sys
from pathlib import Path

from monitor.evaluation.card import CSV_SOURCE, corpus_dir
from monitor.evaluation.triage import corpus_records

SEED = 20
QUOTA = {"rct": 45, "sr": 45, "obs": 45, "case": 30, "sci_human": 30, "sci_animal": 12}
# check2.csv (seed 2021): about 100 human abstracts not in dev/check (the RCT pool has only 7
# left, so more reviews, observational and SCI clinical records)
QUOTA_FRESH = {"rct": 25, "sr": 30, "obs": 30, "case": 13, "sci_human": 20}
# check3.csv (seed 2022): the RCT pool is used up and 15 reviews are left, so the other human
# strata are drawn larger to reach 100 (the drug review's SCI export brings the RCTs)
# check4.csv (seed 2023): the RCT and review pools are used up, so observational, case reports
# and the SCI export's "human" records (narrative reviews, trials, some animal work) fill it
QUOTA_BY_SEED = {
    2022: {"rct": 25, "sr": 30, "obs": 34, "case": 16, "sci_human": 35},
    2023: {"obs": 38, "case": 15, "sci_human": 32},
    # dev2.csv (seed 2024): more development abstracts, to fit the count confidence model
    2024: {"obs": 35, "case": 10, "sci_human": 25},
    # check5.csv (seed 2025): a fifth blind check key, drawn from what the six keys leave
    2025: {"obs": 35, "case": 10, "sci_human": 25},
    # dev3.csv (seed 2026): more development abstracts, to fit the duration confidence model
    2026: {"obs": 30, "case": 6, "sci_human": 24},
    # check6.csv (seed 2027): a sixth blind check key; the RCT and review pools of the other
    # files are used up, so this draw also reads the 2021 update file (pubmed21n1298; 8 RCTs left)
    2027: {"rct": 15, "sr": 15, "obs": 22, "case": 8, "sci_human": 17},
    # check7.csv (seed 2028): a seventh blind check key (every earlier check half has been
    # scored); whatever RCTs and reviews are left, then observational, case reports, SCI export
    2028: {"rct": 10, "sr": 15, "obs": 25, "case": 12, "sci_human": 20},
    # check7's top-up (seed 2029, check7.csv itself excluded): 7 of seed 2028's export rows
    # were verbatim duplicates of rows in earlier keys (the export repeats abstracts under
    # new row numbers) and were dropped, so PubMed records (unique PMIDs) fill the gap
    2029: {"obs": 10, "case": 5},
    # check8.csv (seed 2030): an eighth blind check key (check7 has been scored too), every
    # earlier key excluded; what RCTs and reviews are left, then observational, case reports
    # and the SCI export (its rows are checked against earlier keys' texts before labelling)
    2030: {"rct": 10, "sr": 12, "obs": 22, "case": 12, "sci_human": 12},
    # check8's top-up (seed 2031, seed 2030's rows excluded too): no RCT and 8 case reports
    # were left, and 4 of the 12 export rows repeated earlier keys' abstracts under other
    # row numbers and were dropped, so PubMed records fill it (the review pool was used up
    # too: the draw gave 6 observational records)
    2031: {"sr": 4, "obs": 6},
    # check9.csv (seed 2032): a ninth blind check key.  The PubMed RCT and review pools are
    # used up, so this draw reads the SYNERGY Cohen 2006 drug-review CSVs
    # (screening/synergy-dataset/Cohen_2006/raw/, ``SCREENING``) instead of the SCI export:
    # human (MeSH "Humans") records with an abstract of at least 400 characters, found by
    # their MeSH and title (``_screening_stratum``); every record of every card and design
    # key excluded (the design keys drew from these files)
    2032: {"rct": 16, "sr": 10, "obs": 18, "case": 12},
    # check10.csv (seed 2033): a tenth blind check key, for the session after 13.  It reads
    # the SYNERGY Nagtegaal 2019 screening set (nudging health professionals: trials,
    # before/after and observational studies in health care), which no key had used; the
    # CSV carries no MeSH, so its strata are found by words alone (``_screening_stratum``
    # with ``indexed=False``); every card and design key excluded (design check10 too)
    2033: {"rct": 18, "sr": 4, "obs": 18, "case": 4},
    # check11.csv (seed 2034): an eleventh blind check key, for the session after 14.  It
    # reads pubmed-sci/'s Rayyan export of a spinal-fracture review (PubMed records with
    # title and abstract, keyed by PMID), which no card key had used: human spine-trauma
    # clinical studies, some with SCI.  The BibTeX carries no publication types and the
    # reader no MeSH, so strata are found by words (``indexed=False``), and its SCI
    # records about patients are drawn first (``SCI_FIRST``: stratum "sci_human"); every
    # card and design key excluded (design check11 too)
    2034: {"sci_human": 12, "rct": 10, "sr": 6, "obs": 12, "case": 5},
}
# seeds that draw from the Cohen 2006 screening CSVs (not the PubMed files nor the SCI export)
SCREENING = {
    2032: "screening/synergy-dataset/Cohen_2006/raw",
    2033: "screening/synergy-dataset/Nagtegaal_2019/output",
    2034: "pubmed-sci/xr-sfmhsush-ssb-hsss-v2",
}
# screening folders whose records carry no MeSH (no "Humans" to filter on, no indexing terms)
UNINDEXED = {
    "screening/synergy-dataset/Nagtegaal_2019/output",
    "pubmed-sci/xr-sfmhsush-ssb-hsss-v2",
}
# folders whose SCI records about people are their own stratum, "sci_human", found first
SCI_FIRST = {"pubmed-sci/xr-sfmhsush-ssb-hsss-v2"}
_SCI = re.compile(r"spinal cord injur|tetrapleg|quadripleg|parapleg|spinal cord trauma", re.I)
_OBS_WORDS = re.compile(
    r"retrospective|cohort|cross-sectional|observational|before.and.after|time.series|survey",
    re.I,
)
# seeds whose draw also reads the 233 MB 2021 update file
WITH_UPDATE_FILE = {2027, 2028, 2029, 2030, 2031}
_OBS_MESH = {
    "cohort studies", "prospective studies", "retrospective studies", "case-control studies",
    "cross-sectional studies", "longitudinal studies", "follow-up studies",
}  # fmt: skip


def _stratum(pub_types: tuple[str, ...], mesh: tuple[str, ...]) -> str | None:
    types = {p.lower() for p in pub_types}
    headings = {m.lower() for m in mesh}
    if types & {"systematic review", "meta-analysis"}:
        return "sr"
    if "humans" not in headings:
        return None
    if "randomized controlled trial" in types:
        return "rct"
    if "case reports" in types:
        return "case"
    if "observational study" in types or headings & _OBS_MESH:
        return "obs"
    return None


def _screening_stratum(
    title: str, abstract: str, mesh: tuple[str, ...], indexed: bool = True
) -> str | None:
    """A Cohen 2006 record's stratum: these CSVs carry MeSH (as keywords) but no
    publication types, so trials are found by "Random Allocation"/"Double-Blind Method"
    or "random" in the abstract, reviews by "meta-analy"/"systematic review" in the title
    or abstract, case reports by "case report"/"a case of" in the title.  Finders
    only: the labels are the reading.  ``indexed=False`` (a set without MeSH, all of it
    about people): no "Humans" filter, and observational studies found by their words."""
    headings = {m.lower() for m in mesh}
    if indexed and "humans" not in headings:
        return None
    text = f"{title} {abstract}".lower()
    if "meta-analy" in text or "systematic review" in text or "meta analy" in text:
        return "sr"
    if "case report" in title.lower() or title.lower().startswith("a case of"):
        return "case"
    if headings & {"random allocation", "double-blind method"} or "random" in abstract.lower():
        return "rct"
    if headings & _OBS_MESH or (not indexed and _OBS_WORDS.search(text)):
        return "obs"
    return None


def _sci_human(text: str) -> bool:
    """An SCI record about people (the SCI export's finder: patients or participants
    named, or no animal named)."""
    lowered = text.lower()
    animal = any(w in lowered for w in (" rats", " mice", " rat ", " mouse", " dogs"))
    human = "patients" in lowered or "participants" in lowered
    return bool(_SCI.search(text)) and (human or not animal)


def screening_candidates(root: Path, folder: str) -> dict[str, list[tuple[str, str, str, str]]]:
    """stratum -> [(source, PMID, title, abstract)] from the screening CSVs (or, for
    pubmed-sci/, the BibTeX exports) under ``folder`` (each PMID once, its first file)."""
    from monitor.evaluation.design_key import iter_source

    out: dict[str, list[tuple[str, str, str, str]]] = {k: [] for k in QUOTA}
    seen: set[str] = set()
    paths = [*(root / folder).glob("*.csv.gz"), *(root / folder).glob("*.bib.gz")]
    for path in sorted(paths):
        source = str(path.relative_to(root))
        for rid, rec in iter_source(path):
            if len(rec.abstract) < 400 or rid in seen:
                continue
            seen.add(rid)
            stratum = _screening_stratum(
                rec.title, rec.abstract, rec.mesh, indexed=folder not in UNINDEXED
            )
            if folder in SCI_FIRST and _sci_human(f"{rec.title} {rec.abstract}"):
                stratum = "sci_human"
            if stratum is not None:
                out[stratum].append((source, rid, rec.title, rec.abstract))
    return out


def candidates(
    root: Path, with_update: bool = False
) -> dict[str, list[tuple[str, str, str, str]]]:
    """stratum -> [(source, record id, title, abstract)]; ``with_update``: read the
    2021 update file too (its RCTs and reviews are the only ones no key has used)."""
    out: dict[str, list[tuple[str, str, str, str]]] = {k: [] for k in QUOTA}
    pubmed = root / "pubmed"
    suffixes = (".xml", ".xml.gz", ".txt.gz")  # easyPubMed saves its XML as .txt
    files = [p for p in pubmed.rglob("*") if p.name.endswith(suffixes)]
    files = sorted(p for p in files if with_update or "pubmed21n1298" not in p.name)
    for path in files:
        for rec in corpus_records([path]):
            if len(rec.abstract) < 400 or not rec.pmid:
                continue
            stratum = _stratum(rec.publication_types, rec.mesh)
            if stratum is not None:
                source = str(path.relative_to(root))
                out[stratum].append((source, rec.pmid, rec.title, rec.abstract))
    for stratum in out:  # a PMID in several files: its first file only
        unique: dict[str, tuple[str, str, str, str]] = {}
        for row in out[stratum]:
            unique.setdefault(row[1], row)
        out[stratum] = list(unique.values())
    with gzip.open(root / CSV_SOURCE, "rt", encoding="utf-8") as fh:
        for row in csv.DictReader(io.StringIO(fh.read())):
            text = row["Abstract"] or ""
            if len(text) < 400 or text == "NA":
                continue
            lowered = text.lower()
            animal = any(w in lowered for w in (" rats", " mice", " rat ", " mouse", " dogs"))
            human = "patients" in lowered or "participants" in lowered
            stratum = "sci_animal" if animal and not human else "sci_human" if human else None
            if stratum and "spinal cord" in lowered:
                out[stratum].append((CSV_SOURCE, row[""], row["Title"], text))
    return out


def _key_ids(paths: list[str]) -> set[str]:
    """Record ids already in earlier keys, so a fresh key never repeats them."""
    ids: set[str] = set()
    for name in paths:
        with Path(name).open(newline="", encoding="utf-8") as fh:
            ids.update(row["record_id"] for row in csv.DictReader(fh))
    return ids


def main(argv: list[str]) -> None:
    """``OUT [SEED KEY.csv...]``: a second key (check2) draws with its own seed and
    quota of human designs only, leaving out every record of the keys named."""
    fresh = len(argv) > 2
    seed = int(argv[2]) if fresh else SEED
    rng = random.Random(seed)
    quotas = QUOTA_BY_SEED.get(seed, QUOTA_FRESH) if fresh else QUOTA
    if seed in SCREENING:
        pools = screening_candidates(corpus_dir(), SCREENING[seed])
    else:
        pools = candidates(corpus_dir(), with_update=seed in WITH_UPDATE_FILE)
    taken: set[str] = _key_ids(argv[3:])
    with Path(argv[1]).open("w", encoding="utf-8") as out:
        n = 0
        for stratum, quota in quotas.items():
            pool = [r for r in pools[stratum] if r[1] not in taken]
            for source, rid, title, abstract in rng.sample(pool, min(quota, len(pool))):
                taken.add(rid)
                n += 1
                out.write(f"### {n} | {stratum} | {source} | {rid}\nTITLE: {title}\n{abstract}\n\n")
        print(n, {k: len(v) for k, v in pools.items()})


if __name__ == "__main__":
    main(sys.argv)
