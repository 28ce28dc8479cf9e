"""Authors as stored: an affiliation repeated within a paper is stored once.

PubMed repeats each author's affiliation in full, and most authors of a paper
share theirs: in the 2021 update file affiliations weighed 17.2 MB, as much as
the abstracts, and 9.8 MB of it once each paper names each affiliation once
(a table of affiliations across papers would save only 0.2 MB more there).
So an author whose affiliation is an earlier author's of the same paper
stores ``{"affiliation_of": i}`` (that author's position) instead of the text.

Pure functions, no database: the write path compacts, every reader expands
(and rows written before this expand to themselves).  What records propose,
and the hash that detects unchanged records, keep the full form.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

REF = "affiliation_of"


def compact(authors: Sequence[Any]) -> list[Any]:
    """Authors with each repeated affiliation replaced by the position of its first holder."""
    first: dict[str, int] = {}
    out: list[Any] = []
    for i, author in enumerate(authors):
        affiliation = author.get("affiliation") if isinstance(author, dict) else None
        if not affiliation:
            out.append(author)
            continue
        j = first.setdefault(affiliation, i)
        if j == i:
            out.append(author)
        else:
            short = {k: v for k, v in author.items() if k != "affiliation"}
            short[REF] = j
            out.append(short)
    return out


def expand(authors: Sequence[Any] | None) -> list[Any]:
    """The authors as records give them: every affiliation in full."""
    out: list[Any] = []
    for author in authors or ():
        if isinstance(author, dict) and REF in author:
            full = {k: v for k, v in author.items() if k != REF}
            j = author[REF]
            held = out[j] if isinstance(j, int) and 0 <= j < len(out) else None
            if isinstance(held, dict) and held.get("affiliation"):
                full["affiliation"] = held["affiliation"]
            out.append(full)
        else:
            out.append(author)
    return out
