"""Small wording helpers shared by the CLI, the web views and the digest.

One place for counts so "1 papers" cannot come back in one command while fixed in another.
No imports: the CLI loads this on every start.
"""

from __future__ import annotations


def count_of(n: int, noun: str, plural: str | None = None) -> str:
    """``n`` and the noun agreeing with it: "1 paper", "0 papers", "3 papers".

    ``plural`` is for nouns that do not just take an "s" ("1 study", "2 studies").
    """
    return f"{n} {noun if n == 1 else (plural or noun + 's')}"
