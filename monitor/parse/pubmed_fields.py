"""Readers of the parts PubMed articles and book articles share: ids, abstract,
authors, dates.

Reading a record costs about as much as building its tree, so the readers
are written for speed: every level is walked once over ``children`` (a C-built
child list), and :func:`pick` keeps the wanted tags of one level in a single
pass.  No ``find``/``iterfind`` (lxml's ElementPath costs ~2.5 us a call, ~20
calls a record) and no XPath (a context per call).  Each reader keeps the
exact first-match / all-matches / last-match semantics of the path it
replaced, noted where it matters.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from lxml import etree

from monitor.parse.xmltext import flatten
from monitor.records import Author

_MONTHS = {
    name: i
    for i, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}
_SEASONS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_MEDLINE_MONTH = re.compile(r"\b([A-Za-z]{3})[a-z]*\b")

# ``getchildren`` builds the child list in C: a third cheaper than iterating the
# element (and it is missing from lxml-stubs, hence the ignore)
children: Callable[[etree._Element], list[etree._Element]] = etree._Element.getchildren  # type: ignore[attr-defined]

_NONE: frozenset[str] = frozenset()


def pick(
    elem: etree._Element, first: frozenset[str], every: frozenset[str] = _NONE
) -> tuple[dict[str, etree._Element], dict[str, list[etree._Element]]]:
    """One pass over ``elem``'s children: the first child of each tag in ``first``,
    and every child (in order) of each tag in ``every``.

    This is the one place the "first of each" rule of ElementPath's ``find`` is
    kept for a level's children, rather than an if/elif chain per level.
    """
    found: dict[str, etree._Element] = {}
    lists: dict[str, list[etree._Element]] = {}
    for child in children(elem):
        tag = child.tag
        if tag in first:
            if tag not in found:
                found[tag] = child
        elif tag in every:
            lists.setdefault(tag, []).append(child)
    return found, lists


def text_of(elem: etree._Element | None) -> str:
    if elem is None or elem.text is None:
        return ""
    return elem.text.strip()


def unique(values: list[str]) -> tuple[str, ...]:
    """The values without case-insensitive repeats, in their order."""
    seen: set[str] = set()
    out: list[str] = []
    for value in values:
        key = value.lower()
        if key not in seen:
            seen.add(key)
            out.append(value)
    return tuple(out)


def abstract_of(elem: etree._Element | None) -> str:
    """Abstract paragraphs; structured sections keep their label ("METHODS: ...")."""
    if elem is None:
        return ""
    paragraphs = []
    for part in children(elem):
        if part.tag != "AbstractText":
            continue
        text = flatten(part)
        if not text:
            continue
        label = part.get("Label")
        paragraphs.append(f"{label}: {text}" if label else text)
    return "\n".join(paragraphs)


def article_ids(elem: etree._Element | None) -> dict[str, list[str]]:
    """An ArticleIdList's values by IdType ("doi", "pmc", ...), in order."""
    out: dict[str, list[str]] = {}
    if elem is None:
        return out
    for aid in children(elem):
        if aid.tag == "ArticleId" and aid.text:
            value = aid.text.strip()
            if value:
                out.setdefault(aid.get("IdType", ""), []).append(value)
    return out


def authors_of(elem: etree._Element | None) -> tuple[Author, ...]:
    """Valid authors with a name; the last of each name part, the first affiliation."""
    if elem is None:
        return ()
    out = []
    for author in children(elem):
        if author.tag != "Author" or author.get("ValidYN") == "N":
            continue
        last = fore = initials = ""
        orcid = affiliation = None
        for part in children(author):  # one pass: authors are the bulk of a record
            tag = part.tag
            if tag == "LastName":
                text = part.text
                last = text.strip() if text else ""
            elif tag == "ForeName":
                text = part.text
                fore = text.strip() if text else ""
            elif tag == "Initials":
                text = part.text
                initials = text.strip() if text else ""
            elif tag == "AffiliationInfo":
                if affiliation is None:
                    for sub in children(part):
                        if sub.tag == "Affiliation":  # the first one only
                            affiliation = text_of(sub) or None
                            break
            elif tag == "Identifier":
                if part.get("Source") == "ORCID" and part.text:
                    orcid = part.text.strip().rsplit("/", 1)[-1]
            elif tag == "CollectiveName" and not last:
                last = flatten(part)
        if last:
            out.append(Author(last, fore, initials, orcid, affiliation))
    return tuple(out)


def _month(value: str) -> int | None:
    value = value.strip().lower()
    if value.isdigit():
        number = int(value)
        return number if 1 <= number <= 12 else None
    return _MONTHS.get(value[:3])


_PUB_DATE_PARTS = frozenset(("Year", "Month", "Day", "Season", "MedlineDate"))


def pub_date(elem: etree._Element | None) -> tuple[int | None, int | None, int | None, str]:
    """(year, month, day, as printed) from Year/Month/Day, Season or MedlineDate
    (the first of each)."""
    if elem is None:
        return None, None, None, ""
    parts = pick(elem, _PUB_DATE_PARTS)[0]
    year_text = text_of(parts.get("Year"))
    if year_text:
        month_text = text_of(parts.get("Month"))
        day_text = text_of(parts.get("Day"))
        season = text_of(parts.get("Season"))
        month = _month(month_text) if month_text else _SEASONS.get(season.lower())
        day = int(day_text) if day_text.isdigit() and month else None
        printed = " ".join(p for p in (year_text, month_text or season, day_text) if p)
        return (int(year_text) if year_text.isdigit() else None), month, day, printed
    medline = text_of(parts.get("MedlineDate"))
    if medline:
        year_match = _YEAR.search(medline)
        month_match = _MEDLINE_MONTH.search(medline[year_match.end() :] if year_match else "")
        month = None
        if month_match:
            word = month_match.group(1).lower()
            month = _MONTHS.get(word) or _SEASONS.get(word)
        return (int(year_match.group(1)) if year_match else None), month, None, medline
    return None, None, None, ""


def make_date(year: int | None, month: int | None, day: int | None) -> date | None:
    """The date, None without a year or for an impossible one (a 30 February)."""
    if year is None:
        return None
    try:
        return date(year, month or 1, day or 1)
    except ValueError:
        return None


def ymd(elem: etree._Element | None) -> date | None:
    """The date in Year/Month/Day children (the last of each wins)."""
    if elem is None:
        return None
    year = month = day = ""
    for part in children(elem):
        tag = part.tag
        if tag == "Year":
            year = (part.text or "").strip()
        elif tag == "Month":
            month = (part.text or "").strip()
        elif tag == "Day":
            day = (part.text or "").strip()
    if not year.isdigit():
        return None
    m = _month(month) if month else None
    return make_date(int(year), m, int(day) if day.isdigit() and m else None)
