"""DOI helpers for parsers; the implementation lives with the keys storage enforces."""

from storage.keys import find_dois, normalize_doi, normalize_title, title_key

__all__ = ["find_dois", "normalize_doi", "normalize_title", "title_key"]
