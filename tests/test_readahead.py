"""The read-ahead parser gives exactly what iter_pubmed gives, from a child process."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import pytest

from monitor.parse.pubmed import PubmedParseError, iter_pubmed
from monitor.parse.readahead import iter_pubmed_readahead
from tests.processes import children_of
from tests.records import pubmed_article


def parser_children() -> list[int]:
    return children_of(os.getpid(), command=b"monitor.parse.readahead")


def article(pmid: int) -> str:
    return pubmed_article(
        pmid, f"Walking {pmid} after spinal cord injury", abstract=f"Rats {pmid}."
    )


def write_file(path: Path, n: int, *, truncate: bool = False) -> Path:
    body = "".join(article(1000 + i) for i in range(n))
    body += "<DeleteCitation><PMID Version='1'>1003</PMID></DeleteCitation>"
    body += "".join(article(5000 + i) for i in range(3))
    xml = f"<?xml version='1.0'?><PubmedArticleSet>{body}</PubmedArticleSet>"
    if truncate:
        xml = xml[: len(xml) - 300]
    path.write_bytes(gzip.compress(xml.encode()))
    return path


def test_same_items_in_the_same_order(tmp_path: Path) -> None:
    path = write_file(tmp_path / "big.xml.gz", 1234)
    expected = list(iter_pubmed(path, source_name="f"))
    got = list(iter_pubmed_readahead(path, source_name="f", min_size=0))
    assert got == expected
    assert [r.extra for r in got if hasattr(r, "extra")] == [
        r.extra for r in expected if hasattr(r, "extra")
    ]
    assert not parser_children()


def test_small_files_stay_in_process(tmp_path: Path) -> None:
    path = write_file(tmp_path / "small.xml.gz", 3)
    items = iter_pubmed_readahead(path, source_name="f")
    assert len(list(items)) == 7 and not parser_children()


def test_error_after_every_complete_record(tmp_path: Path) -> None:
    path = write_file(tmp_path / "cut.xml.gz", 1100, truncate=True)
    seen: list[object] = []
    with pytest.raises(PubmedParseError) as direct:
        for item in iter_pubmed(path, source_name="f"):
            seen.append(item)
    got: list[object] = []
    with pytest.raises(PubmedParseError) as ahead:
        for item in iter_pubmed_readahead(path, source_name="f", min_size=0):
            got.append(item)
    assert got == seen and len(got) > 1000
    assert str(ahead.value) == str(direct.value)


def test_stopping_early_ends_the_child(tmp_path: Path) -> None:
    # far more batches than the queue and the pipe hold, so the child is still
    # blocked writing when the first item arrives
    path = write_file(tmp_path / "big.xml.gz", 20000)
    items = iter_pubmed_readahead(path, source_name="f", min_size=0)
    next(items)
    assert parser_children()
    items.close()
    assert not parser_children()


def test_unreadable_file_raises_the_same_error(tmp_path: Path) -> None:
    with pytest.raises(IsADirectoryError):
        list(iter_pubmed_readahead(tmp_path, source_name="f", min_size=0))
    assert not parser_children()
