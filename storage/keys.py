"""Pure functions that turn raw identifiers into dedupe keys.

They live in ``storage`` because storage is what enforces uniqueness on them,
and ``storage`` must not import ``monitor``.  ``monitor.parse.doi`` re-exports them for
parsers that need to recognise DOIs in free text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from storage.hashes import sha1

_DOI_PREFIX = re.compile(
    r"""^(?:
        (?:https?://)?(?:dx\.)?doi\.org/ |   # resolver URLs
        (?:https?://)?(?:www\.)?doi\.org/ |
        info:doi/ |                          # HighWire / OpenURL
        urn:doi: |
        doi\s*:\s* |                         # doi:10.x, doi: 10.x (MDPI)
        doi\s+                               # "DOI 10.x"
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_DOI_SHAPE = re.compile(r"^10\.\d{4,9}/\S+$")
_TRAILING = ".,;:)]}>\"'"
_DOI_IN_TEXT = re.compile(r"\b(10\.\d{4,9}/[^\s\"'<>?#&]+)", re.IGNORECASE)


def normalize_doi(raw: str | None) -> str | None:
    """Return the canonical form of a DOI, or None if ``raw`` is not one.

    DOIs are case-insensitive (DOI Handbook 2.4), so the key is lowercased;
    resolver prefixes (``https://doi.org/``, ``doi:``, ``info:doi/``), inner
    whitespace and trailing punctuation picked up from prose are removed.
    URL-encoded slashes (``%2F``) are decoded because some feeds encode them.
    """
    if not raw:
        return None
    text = raw.strip()
    text = re.sub(r"\s+", "", text) if text.lower().startswith(("doi", "10.")) else text
    text = _DOI_PREFIX.sub("", text).strip()
    text = text.replace("%2F", "/").replace("%2f", "/")
    text = re.sub(r"\s+", "", text)
    text = text.rstrip(_TRAILING)
    # an unbalanced closing parenthesis is prose, a balanced one is part of the DOI
    while text.endswith(")") and text.count("(") < text.count(")"):
        text = text[:-1].rstrip(_TRAILING)
    text = text.lower()
    if not _DOI_SHAPE.match(text):
        return None
    return text


def find_dois(text: str | None) -> list[str]:
    """Every DOI found in free text (links, descriptions), normalized, in order."""
    if not text:
        return []
    found: list[str] = []
    for match in _DOI_IN_TEXT.finditer(text):
        doi = normalize_doi(match.group(1))
        if doi and doi not in found:
            found.append(doi)
    return found


_WORD = re.compile(r"[a-z0-9]+")


def normalize_title(title: str | None) -> str:
    """Lowercase ASCII-folded words of a title, for matching across sources."""
    if not title:
        return ""
    folded = title
    if not title.isascii():
        folded = unicodedata.normalize("NFKD", title)
        folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return " ".join(_WORD.findall(folded.lower()))


def title_key(title: str | None, year: int | None) -> str | None:
    """Fallback key for papers without DOI or PMID: hash of title words + year.

    Titles shorter than four words are too ambiguous ("Editorial", "Erratum")
    to merge on, so they get no key.
    """
    words = normalize_title(title)
    if len(words.split()) < 4:
        return None
    digest = sha1(f"{words}|{year or ''}".encode(), usedforsecurity=False)
    return digest.hexdigest()[:24]


def title_keys(title: str | None, years: Iterable[int]) -> list[str]:
    """``title_key(title, year)`` for each year, normalising the title once."""
    words = normalize_title(title)
    if len(words.split()) < 4:
        return []
    return [
        sha1(f"{words}|{year}".encode(), usedforsecurity=False).hexdigest()[:24]
        for year in years
    ]
