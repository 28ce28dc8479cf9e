"""Raw-record fingerprints: what is skipped, what is parsed, and that damage changes nothing."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest

import monitor.parse.pubmed as parse_pubmed
from monitor.parse.pubmed import PubmedParseError, iter_pubmed
from monitor.parse.raw_records import (
    CODE,
    RecordSplitter,
    UnchangedRecord,
    code_version,
    fingerprint,
)
from monitor.parse.readahead import iter_pubmed_readahead
from monitor.records import PaperRecord
from tests.records import pubmed_article


def article(pmid: int, title: str = "Walking after spinal cord injury") -> str:
    return pubmed_article(pmid, f"{title} {pmid}")


def document(*parts: str) -> bytes:
    body = "".join(parts)
    return f"<?xml version='1.0'?>\n<PubmedArticleSet>\n{body}</PubmedArticleSet>\n".encode()


def fed_bytes(data: bytes, chunk: int, known: set[str] | None = None) -> tuple[bytes, list[str]]:
    splitter = RecordSplitter(known or set())
    fed, skipped = [], []
    for i in range(0, len(data) + 1, chunk):
        piece_of = data[i : i + chunk]
        for piece in splitter.split(piece_of, final=not piece_of):
            if isinstance(piece, UnchangedRecord):
                skipped.append(piece.pmid)
            else:
                fed.append(piece)
        if not piece_of:
            break
    return b"".join(fed), skipped


@pytest.mark.parametrize("chunk", [1, 7, 18, 19, 100, 1 << 20])
def test_with_nothing_known_every_byte_reaches_the_parser(chunk: int) -> None:
    data = document(article(1), "<DeleteCitation><PMID>9</PMID></DeleteCitation>", article(2))
    fed, skipped = fed_bytes(data, chunk)
    assert fed == data and skipped == []


@pytest.mark.parametrize("chunk", [1, 13, 19, 64, 1 << 20])
def test_known_records_are_cut_out_exactly(chunk: int) -> None:
    one, two, three = article(1), article(2), article(3)
    data = document(one, two, three)
    known = {fingerprint(two.rstrip("\n").encode())}
    fed, skipped = fed_bytes(data, chunk, known)
    assert skipped == ["2"]
    assert fed == data.replace(two.rstrip("\n").encode(), b"")


def test_records_parse_alike_with_and_without_fingerprints(tmp_path: Path) -> None:
    path = tmp_path / "f.xml.gz"
    path.write_bytes(gzip.compress(document(*(article(p) for p in range(10, 40)))))
    plain = list(iter_pubmed(path, source_name="f"))
    printed = list(iter_pubmed(path, source_name="f", known=set()))
    assert printed == plain  # the fingerprint is not content
    prints = [r.fingerprint for r in printed if isinstance(r, PaperRecord)]
    assert all(prints) and len(set(prints)) == 30
    assert all(r.fingerprint is None for r in plain if isinstance(r, PaperRecord))


def test_second_read_skips_known_records_and_parses_changed_ones(tmp_path: Path) -> None:
    path = tmp_path / "f.xml"
    path.write_bytes(document(*(article(p) for p in range(10, 20))))
    first = list(iter_pubmed(path, source_name="f", known=set()))
    known = {r.fingerprint for r in first if isinstance(r, PaperRecord) and r.fingerprint}
    # the same file again, but NLM revised record 15
    path.write_bytes(
        document(*(article(p, "Revised title" if p == 15 else "Walking after spinal cord injury")
                   for p in range(10, 20)))
    )  # fmt: skip
    second = list(iter_pubmed(path, source_name="f", known=known))
    parsed = [r for r in second if isinstance(r, PaperRecord)]
    assert [r.pmid for r in parsed] == ["15"]
    assert parsed[0].title == "Revised title 15"
    assert sorted(r.pmid for r in second if isinstance(r, UnchangedRecord)) == [
        str(p) for p in range(10, 20) if p != 15
    ]


def test_only_the_first_version_of_a_pmid_in_a_file_is_skipped() -> None:
    """An update file may hold a record twice; the later one must still be applied."""
    v1, v2 = article(7, "First version"), article(7, "Second version")
    data = document(v1, v2)
    known = {fingerprint(v1.rstrip("\n").encode()), fingerprint(v2.rstrip("\n").encode())}
    items = list(iter_pubmed(io.BytesIO(data), source_name="f", known=known))
    assert isinstance(items[0], UnchangedRecord)
    assert isinstance(items[1], PaperRecord) and items[1].title == "Second version 7"


def test_unrecognised_records_are_parsed_without_fingerprint() -> None:
    odd = article(5).replace("<PubmedArticle>", "<PubmedArticle lang='en'>")
    data = document(odd, article(8))
    items = list(iter_pubmed(io.BytesIO(data), source_name="f", known=set()))
    assert [(r.pmid, r.fingerprint is not None) for r in items if isinstance(r, PaperRecord)] == [
        ("5", False),
        ("8", True),
    ]


def test_an_unclosed_record_fails_alike_with_and_without_fingerprints() -> None:
    unclosed = "<PubmedArticle><MedlineCitation><PMID>6</PMID>"
    data = document(article(4), unclosed, article(9))
    expected: list[object] = []
    with pytest.raises(PubmedParseError) as plain:
        expected.extend(iter_pubmed(io.BytesIO(data), source_name="f"))
    seen: list[object] = []
    with pytest.raises(PubmedParseError) as printed:
        seen.extend(iter_pubmed(io.BytesIO(data), source_name="f", known=set()))
    assert str(printed.value) == str(plain.value)
    assert seen == expected and len(seen) >= 1


def test_a_fake_end_tag_in_cdata_turns_fingerprints_off() -> None:
    """A record tag inside CDATA is text: cutting there would feed the parser half a record."""
    tricky = article(2, "Gait <![CDATA[ a </PubmedArticle> b ]]>")
    data = document(article(1), tricky, article(3))
    first = list(iter_pubmed(io.BytesIO(data), source_name="f", known=set()))
    assert [(r.pmid, r.fingerprint is not None) for r in first if isinstance(r, PaperRecord)] == [
        ("1", True),
        ("2", False),
        ("3", False),
    ]
    known = {r.fingerprint for r in first if isinstance(r, PaperRecord) and r.fingerprint}
    again = list(iter_pubmed(io.BytesIO(data), source_name="f", known=known))
    assert isinstance(again[0], UnchangedRecord)
    assert [r.title for r in again[1:] if isinstance(r, PaperRecord)] == [
        "Gait a </PubmedArticle> b 2",
        "Walking after spinal cord injury 3",
    ]


def test_a_fake_record_in_a_comment_takes_no_fingerprint() -> None:
    fake = "<!-- " + article(4, "Not a record").replace("--", "") + " -->\n"
    data = document(article(1), fake, article(4))
    items = list(iter_pubmed(io.BytesIO(data), source_name="f", known=set()))
    assert [(r.pmid, r.title, r.fingerprint is not None) for r in items
            if isinstance(r, PaperRecord)] == [
        ("1", "Walking after spinal cord injury 1", True),
        ("4", "Walking after spinal cord injury 4", False),
    ]  # fmt: skip


def test_processing_instructions_inside_records_keep_fingerprints() -> None:
    """PubMed writes <?pmcsd ?> before reference lists."""
    with_pi = article(7).replace("<PubmedData>", "<PubmedData><?pmcsd ?>")
    items = list(iter_pubmed(io.BytesIO(document(with_pi)), source_name="f", known=set()))
    assert isinstance(items[0], PaperRecord) and items[0].fingerprint


def test_book_articles_are_skipped_too() -> None:
    book = (
        "<PubmedBookArticle>\n<BookDocument><PMID Version='1'>501</PMID><ArticleTitle>Pressure "
        "injuries</ArticleTitle><Book><BookTitle>SCI care</BookTitle></Book></BookDocument>\n"
        "</PubmedBookArticle>\n"
    )
    data = document(article(1), book)
    first = list(iter_pubmed(io.BytesIO(data), source_name="f", known=set()))
    known = {r.fingerprint for r in first if isinstance(r, PaperRecord) and r.fingerprint}
    assert len(known) == 2
    again = list(iter_pubmed(io.BytesIO(data), source_name="f", known=known))
    assert again == [UnchangedRecord("1"), UnchangedRecord("501")]


def test_a_record_that_never_ends_is_not_held_in_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("monitor.parse.raw_records.MAX_RECORD", 500)
    huge = document("<PubmedArticle><MedlineCitation><PMID>6</PMID>" + "<x/>" * 5000)
    splitter = RecordSplitter(set())
    fed = 0
    for i in range(0, len(huge), 300):
        fed += sum(len(p) for p in splitter.split(huge[i : i + 300]) if isinstance(p, bytes))
        assert len(splitter._tail) <= 500 + 300
    assert fed >= len(huge) - 800


def test_code_version_follows_the_code(tmp_path: Path) -> None:
    source = tmp_path / "parse_pubmed.py"
    source.write_text("x = 1\n")
    before = code_version([source])
    source.write_text("x = 2\n")
    assert code_version([source]) != before
    assert all(path.exists() for path in CODE)  # installed together: none stands in by name


@pytest.mark.parametrize("chunk", [97, 1 << 18])
def test_parse_errors_name_the_files_line_when_records_were_skipped(
    tmp_path: Path, chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parse_pubmed, "_CHUNK", chunk)
    records = [article(p) for p in range(30, 40)]
    data = document(*records).replace(
        b"<Title>Spinal Cord</Title></Journal><ArticleTitle>Walking after spinal cord injury 38",
        b"<Title>Spinal Cord</Titl></Journal><ArticleTitle>x 38",
    )
    path = tmp_path / "bad.xml"
    path.write_bytes(data)
    with pytest.raises(PubmedParseError) as plain:
        list(iter_pubmed(path, source_name="f"))
    known = {fingerprint(r.rstrip("\n").encode()) for r in records[:8]}
    seen: list[object] = []
    with pytest.raises(PubmedParseError) as skipping:
        seen.extend(iter_pubmed(path, source_name="f", known=known))
    assert str(skipping.value) == str(plain.value)
    assert "line 45, column 44" in str(plain.value)  # record 38: 2 + 8 * 5 + 3
    assert len([s for s in seen if isinstance(s, UnchangedRecord)]) == 8


def test_readahead_child_gets_the_known_fingerprints(tmp_path: Path) -> None:
    path = tmp_path / "f.xml.gz"
    path.write_bytes(gzip.compress(document(*(article(p) for p in range(100, 400)))))
    first = list(iter_pubmed_readahead(path, source_name="f", known=set(), min_size=0))
    assert first == list(iter_pubmed(path, source_name="f"))
    known = {r.fingerprint for r in first if isinstance(r, PaperRecord) and r.fingerprint}
    assert len(known) == 300
    again = list(iter_pubmed_readahead(path, source_name="f", known=known, min_size=0))
    assert again == [UnchangedRecord(str(p)) for p in range(100, 400)]
