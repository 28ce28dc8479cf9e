"""What an outside probe broke at scimon's inputs (issue 18 items 3, 6, 8, 10).

Each test reproduced its defect on the code before the fix.  HTTP goes over
real loopback servers (tests/feed_server.py, tests/eutils_emulator.py);
database tests run on SQLite and, with SCIMON_TEST_DATABASE_URL, PostgreSQL.
"""

from __future__ import annotations

import gzip
import tracemalloc
from collections.abc import Iterator
from io import BytesIO
from types import SimpleNamespace

import pytest

from monitor.parse.feed import parse_feed
from monitor.parse.pubmed import PubmedParseError, parse_pubmed_bytes
from monitor.parse.xmlguard import XmlGuardError, check_bytes, check_chunks, guard_stream

FEED = SimpleNamespace(name="probe", journal="Probe Journal", issn=None)

ITEM = (
    "<item><title>Locomotor training after spinal cord injury</title>"
    "<link>https://example.org/a/{n}</link><guid>https://doi.org/10.1000/probe.{n}</guid></item>"
)


def rss(items: int = 1, prolog: str = "") -> str:
    body = "".join(ITEM.format(n=n) for n in range(items))
    return (
        f'<?xml version="1.0" encoding="utf-8"?>{prolog}'
        f'<rss version="2.0"><channel><title>Probe</title>{body}</channel></rss>'
    )


ARTICLE = """<PubmedArticle><MedlineCitation Status="MEDLINE" Owner="NLM">
<PMID Version="1">{pmid}</PMID><Article PubModel="Print"><Journal><Title>J</Title></Journal>
<ArticleTitle>Gait after spinal cord injury {pmid}</ArticleTitle></Article></MedlineCitation>
<PubmedData><ArticleIdList><ArticleId IdType="pubmed">{pmid}</ArticleId></ArticleIdList>
</PubmedData></PubmedArticle>"""


def pubmed_xml(prolog: str = "", pmids: tuple[str, ...] = ("41000101",)) -> str:
    records = "".join(ARTICLE.format(pmid=p) for p in pmids)
    return f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<PubmedArticleSet>{records}</PubmedArticleSet>'


ENTITY_DTD = '<!DOCTYPE rss [<!ENTITY probe "expanded">]>'
LONG_COMMENT = "<!--" + "a long licence text " * 5000 + "-->"  # ~100 KB, past 64 KiB


# -- item 8: the entity/DOCTYPE guard reads the whole prolog in its encoding ----------


@pytest.mark.parametrize(
    ("label", "document"),
    [
        ("after a 100 KB comment", rss(prolog=LONG_COMMENT + ENTITY_DTD).encode()),
        ("after a 100 KB PI", rss(prolog="<?probe " + "x" * 100_000 + "?>" + ENTITY_DTD).encode()),
        ("UTF-16 with BOM", rss(prolog=ENTITY_DTD).replace("utf-8", "utf-16").encode("utf-16")),
        (
            "UTF-16 LE, no BOM",
            rss(prolog=ENTITY_DTD).replace("utf-8", "utf-16").encode("utf-16-le"),
        ),
        (
            "UTF-16 BE, no BOM",
            rss(prolog=ENTITY_DTD).replace("utf-8", "utf-16").encode("utf-16-be"),
        ),
        ("UTF-32 with BOM", rss(prolog=ENTITY_DTD).replace("utf-8", "utf-32").encode("utf-32")),
        (
            "UTF-7 declared",
            rss(prolog="<!DOCTYPE rss +AFs-+ADw-!ENTITY probe +ACI-x+ACI-+AD4-+AF0->")
            .replace("utf-8", "utf-7")
            .encode(),
        ),
    ],
)
def test_feed_entity_declarations_refused_wherever_the_prolog_hides_them(
    label: str, document: bytes
) -> None:
    result = parse_feed(document, feed=FEED)
    assert not result.is_feed, label
    assert result.records == [] and "entities" in result.warnings[0], label


def test_http_charset_reading_is_checked_too() -> None:
    # no BOM, no declaration: only the charset the HTTP header gives (which
    # feedparser follows) reads this as a DOCTYPE declaring an entity
    document = (ENTITY_DTD + rss().split("?>", 1)[1]).encode("utf-16-le")
    result = parse_feed(document, feed=FEED, content_type="text/xml; charset=utf-16-le")
    assert not result.is_feed and "entities" in result.warnings[0]


@pytest.mark.parametrize(
    ("label", "prolog"),
    [
        ("a long comment", LONG_COMMENT),
        ("an external DTD", '<!DOCTYPE rss PUBLIC "-//Netscape//DTD RSS 0.91//EN" "x.dtd">'),
        ("ENTITY inside a comment", "<!-- <!ENTITY not-one 'x'> -->"),
        (
            "an ATTLIST whose default says <!ENTITY",
            '<!DOCTYPE rss [<!ATTLIST rss a CDATA "<!ENTITY">]>',
        ),
    ],
)
def test_feeds_without_entity_declarations_still_parse(label: str, prolog: str) -> None:
    result = parse_feed(rss(items=2, prolog=prolog).encode(), feed=FEED)
    assert result.is_feed and len(result.records) == 2, label


def test_pubmed_xml_declaring_entities_is_refused() -> None:
    doctype = '<!DOCTYPE PubmedArticleSet [<!ENTITY t "Injected title">]>'
    for data in (
        pubmed_xml(doctype).encode(),
        pubmed_xml(LONG_COMMENT + doctype).encode(),
        pubmed_xml(doctype).replace("UTF-8", "UTF-16").encode("utf-16"),
    ):
        with pytest.raises(PubmedParseError, match="entities"):
            parse_pubmed_bytes(data, source_name="probe")


def test_pubmed_xml_with_nlm_doctype_and_long_prolog_parses() -> None:
    doctype = (
        '<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2025//EN" '
        '"https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">'
    )
    for data in (
        pubmed_xml(LONG_COMMENT + doctype, ("41000101", "41000102")).encode(),
        pubmed_xml(doctype, ("41000101", "41000102")).replace("UTF-8", "UTF-16").encode("utf-16"),
    ):
        items = parse_pubmed_bytes(data, source_name="probe")
        assert [getattr(i, "pmid", None) for i in items] == ["41000101", "41000102"]


def test_guard_streams_a_huge_comment_in_bounded_memory() -> None:
    def chunks() -> Iterator[bytes]:
        yield b'<?xml version="1.0"?><!--'
        block = b"x" * (1 << 20)
        for _ in range(64):  # 64 MB of comment
            yield block
        yield b'--><!DOCTYPE r [<!ENTITY e "x">]><r/>'

    tracemalloc.start()
    with pytest.raises(XmlGuardError):
        check_chunks(chunks())
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 16 << 20


def test_guarded_stream_passes_bytes_through_and_reports_the_root() -> None:
    data = pubmed_xml(LONG_COMMENT).encode()
    stream = guard_stream(BytesIO(gzip.decompress(gzip.compress(data))))
    assert stream.read() == data
    assert check_bytes(data).root == "PubmedArticleSet"
    assert check_bytes(rss().encode()).root == "rss"
