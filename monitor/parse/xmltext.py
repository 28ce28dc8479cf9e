"""Clean text out of XML elements that carry inline markup.

PubMed titles and abstracts contain ``<i>``, ``<sup>``, ``<sub>`` and whole
MathML trees; editors and the triage rules want the words, not the markup, so
every descendant's text is joined in document order and whitespace collapsed.
"""

from __future__ import annotations

from lxml import etree

_MATHML = "{http://www.w3.org/1998/Math/MathML}"


def flatten(elem: etree._Element | None) -> str:
    """All text inside ``elem`` (markup and MathML flattened), whitespace collapsed."""
    if elem is None:
        return ""
    if len(elem) == 0:
        text = elem.text
        if not text:
            return ""
        # Most PubMed texts are already clean, and this check is cheaper than the
        # split (which makes a string per word).  Every character ``str.split``
        # treats as whitespace, except the ASCII space, is non-printable (a test
        # checks all of Unicode), so a printable text with no double, leading or
        # trailing space is exactly what ``" ".join(text.split())`` would return.
        if text.isprintable() and "  " not in text and text[0] != " " and text[-1] != " ":
            return text
        return " ".join(text.split())
    parts: list[str] = []
    _collect(elem, parts)
    return " ".join("".join(parts).split())


def _collect(elem: etree._Element, parts: list[str]) -> None:
    if elem.text:
        parts.append(elem.text)
    for child in elem:
        tag = child.tag
        if isinstance(tag, str) and tag.startswith(_MATHML):
            # MathML tokens are separate symbols: keep them apart ("x 2", not "x2")
            parts.extend(
                f" {t.strip()} " for t in child.itertext() if isinstance(t, str) and t.strip()
            )
        elif isinstance(tag, str):
            _collect(child, parts)
        if child.tail:
            parts.append(child.tail)
