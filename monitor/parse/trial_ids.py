"""ClinicalTrials.gov identifiers (``NCT`` + 8 digits) found in a record's text.

A paper names its trial in a structured field (PubMed's DataBankList, Europe
PMC's accession list) or only in prose ("ClinicalTrials.gov number,
NCT02149199"); both are read, and the ids are written in one form so that a
paper and a trial find each other (storage/trials.py links them).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_NCT = re.compile(r"\bNCT[\s_-]?(\d{8})\b", re.IGNORECASE)


def normalize_nct(raw: str | None) -> str | None:
    """``nct 02149199`` -> ``NCT02149199``; None when it is not one."""
    if not raw:
        return None
    match = _NCT.fullmatch(raw.strip())
    return f"NCT{match.group(1)}" if match else None


def find_nct_ids(*texts: str | None) -> list[str]:
    """Every NCT id in the texts, in order of first appearance, without repeats."""
    found: list[str] = []
    for text in texts:
        # most abstracts name no trial: a substring test is ~10x cheaper than a
        # case-blind regex scan (only ASCII n, c, t match the pattern's letters)
        if not text or "nct" not in text.lower():
            continue
        for match in _NCT.finditer(text):
            nct = f"NCT{match.group(1)}"
            if nct not in found:
                found.append(nct)
    return found


def join_ids(ids: Iterable[str]) -> str:
    """Ids as a record's ``extra`` keeps them: one string (extra holds strings)."""
    return " ".join(ids)
