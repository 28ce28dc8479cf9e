"""The SCI vocabulary of ``[vocabulary]`` as a regular expression.

The same words build the PubMed query, filter broad journals' feeds and give
triage its text evidence of SCI relevance, so they are turned into a regex in
one place.  A trailing ``*`` is PubMed's truncation: ``parapleg*`` matches
paraplegia and paraplegic.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # no pydantic at import: triage's classifying child imports this
    from monitor.config_models import Vocabulary


def term_regex(term: str) -> str:
    """One vocabulary term as a regex: words separated by any spacing or hyphen."""
    words = term.strip().lower().split()
    parts = []
    for word in words:
        truncated = word.endswith("*")
        body = re.escape(word.rstrip("*")).replace(r"\-", "[-\\s]?")
        parts.append(body + (r"\w*" if truncated else ""))
    return r"\b" + r"[\s-]+".join(parts) + r"\b"


@lru_cache(maxsize=16)
def _compiled(terms: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(term_regex(t) for t in terms), re.IGNORECASE)


def sci_pattern(vocabulary: Vocabulary) -> re.Pattern[str]:
    """A regex that finds any SCI term (text words and MeSH names) in free text."""
    terms = tuple(sorted({*vocabulary.tiab, *vocabulary.mesh}))
    return _compiled(terms)
