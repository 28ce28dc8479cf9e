"""One ``PubmedBookArticle`` (a chapter or a whole book on NCBI Bookshelf) into a
:class:`~monitor.records.PaperRecord`.

Book articles are few (a handful in an update file), so this reader keeps
ElementPath's ``find`` for clarity; the fast child walks are for articles
(monitor/parse/pubmed_article.py).
"""

from __future__ import annotations

from datetime import date

from lxml import etree

from monitor.parse.pubmed_fields import (
    abstract_of,
    article_ids,
    authors_of,
    make_date,
    pub_date,
    text_of,
    unique,
    ymd,
)
from monitor.parse.xmltext import flatten
from monitor.records import PaperRecord


def book(elem: etree._Element, source_name: str) -> PaperRecord | None:
    """The record, or None without a BookDocument or a PMID."""
    doc = elem.find("BookDocument")
    if doc is None:
        return None
    pmid = text_of(doc.find("PMID"))
    if not pmid:
        return None
    book_el = doc.find("Book")
    book_title = flatten(book_el.find("BookTitle")) if book_el is not None else ""
    title = flatten(doc.find("ArticleTitle")) or book_title
    ids = article_ids(doc.find("ArticleIdList"))
    data = elem.find("PubmedBookData")
    if data is not None:
        for kind, values in article_ids(data.find("ArticleIdList")).items():
            ids.setdefault(kind, []).extend(values)
    dois = list(ids.get("doi", []))
    for eloc in doc.iterfind("ELocationID"):
        if eloc.get("EIdType") == "doi" and eloc.text:
            dois.append(eloc.text.strip())
    pub_year, month, day, pub_date_text = pub_date(
        book_el.find("PubDate") if book_el is not None else None
    )
    publisher = text_of(book_el.find("Publisher/PublisherName")) if book_el is not None else ""
    authors = authors_of(doc.find("AuthorList")) or (
        authors_of(book_el.find("AuthorList")) if book_el is not None else ()
    )
    return PaperRecord(
        source="pubmed",
        source_name=source_name,
        source_id=pmid,
        title=title,
        pmid=pmid,
        dois=unique(dois),
        pmcid=ids["pmc"][0] if ids.get("pmc") else None,
        abstract=abstract_of(doc.find("Abstract")),
        journal=book_title if title != book_title else publisher,
        published_on=make_date(pub_year, month, day),
        pub_year=pub_year,
        pub_date_text=pub_date_text,
        authors=authors,
        publication_types=tuple(t.text.strip() for t in doc.iterfind("PublicationType") if t.text),
        keywords=tuple(flatten(k) for k in doc.iterfind("KeywordList/Keyword")),
        language=text_of(doc.find("Language")) or None,
        citation_status=None,
        is_book=True,
        url=f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/",
        entrez_on=_history_date(data, "entrez") if data is not None else None,
        extra={"publisher": publisher} if publisher else {},
    )


def _history_date(data: etree._Element, status: str) -> date | None:
    """The first History date of this PubStatus ("entrez", "pubmed"...)."""
    for pd in data.iterfind("History/PubMedPubDate"):
        if pd.get("PubStatus") == status:
            return ymd(pd)
    return None
