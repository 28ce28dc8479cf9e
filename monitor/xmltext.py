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
        return " ".join(text.split()) if text else ""
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
