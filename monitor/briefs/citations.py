"""Briefs as citations for reference managers: RIS, BibTeX and CSL-JSON.

Each carries the authors, the DOI, PMID and PMCID, the categories, and the
editors' notes and the reason for their decision (in the format's note
field), so a writer's Zotero or EndNote library keeps why a paper was picked.

Publishers' titles hold inline HTML (``<i>in vivo</i>``) and characters that
mean something to each format; every value goes through :func:`plain_text`
and then the format's own escaping:

- RIS (written by rispy): one ``TAG  - value`` line per value, so a value
  never spans lines (line breaks are folded into spaces).
- BibTeX (our writer; bibtexparser, already a dependency, reads but does not
  escape): LaTeX's special characters are escaped, and braces become
  ``\\textbraceleft{}``/``\\textbraceright{}``: BibTeX counts every brace, even
  ``\\{``, so one stray brace in a title would swallow the rest of the file.
- CSL-JSON: JSON, so escaping is json's; tags are stripped because CSL
  processors read ``<i>``, ``<b>``, ``<sup>`` in titles as formatting.
"""

from __future__ import annotations

import json
import re
from typing import Any

import rispy

from monitor.briefs.brief import plain_text

_BIBTEX_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
}
_BIBTEX_SPECIAL = re.compile("|".join(re.escape(c) for c in _BIBTEX_ESCAPES))
_KEY_UNSAFE = re.compile(r"[^A-Za-z0-9_:-]")


def note_lines(item: dict[str, Any]) -> list[str]:
    """What editors said and what scimon read, one line each, for a citation's notes."""
    lines = []
    for label, key in (("PMID", "pmid"), ("PMCID", "pmcid"), ("DOI", "doi")):
        if item.get(key):
            lines.append(f"{label}: {item[key]}")
    if item["categories"]:
        lines.append("Categories: " + "; ".join(c["label"] for c in item["categories"]))
    if item.get("evidence_level"):
        lines.append(f"Evidence level: {item['evidence_level']}")
    decision = item.get("decision")
    if decision:
        line = f"Decision: {decision['status'].replace('_', ' ')} by {decision['by']}"
        if decision.get("reason"):
            line += f"; reason: {decision['reason']}"
        lines.append(line)
    for note in item.get("notes") or []:
        lines.append(f"Editor note ({note['editor']}, {(note['at'] or '')[:10]}): {note['note']}")
    return [plain_text(line) for line in lines]


def _person(author: dict[str, str]) -> str:
    return f"{author['family']}, {author['given']}" if author["given"] else author["family"]


# -- RIS -----------------------------------------------------------------------------------------


class _RisWriter(rispy.RisWriter):  # type: ignore[misc]  # rispy has no type hints
    def set_header(self, count: int) -> str:
        # no "1." line before each record: not RIS, and some importers show it
        return ""


def _ris_date(item: dict[str, Any]) -> str | None:
    date = item.get("publication_date")
    if date:
        return str(date).replace("-", "/")
    return f"{item['year']}///" if item.get("year") else None


def ris(items: list[dict[str, Any]]) -> str:
    records = []
    for item in items:
        record: dict[str, Any] = {"type_of_reference": "JOUR", "title": plain_text(item["title"])}
        record["authors"] = [plain_text(_person(a)) for a in item["authors"]]
        optional = {
            "journal_name": plain_text(item.get("journal")),
            "year": str(item["year"]) if item.get("year") else "",
            "date": _ris_date(item) or "",
            "doi": item.get("doi") or "",
            "accession_number": item.get("pmid") or "",  # PubMed's own RIS: AN = PMID
            "custom2": item.get("pmcid") or "",  # ... and C2 = PMCID
            "abstract": plain_text(item.get("abstract")),
        }
        record.update({key: value for key, value in optional.items() if value})
        urls = [u for u in (item.get("doi_url"), item.get("url")) if u]
        if item.get("pmid"):
            urls.append(f"https://pubmed.ncbi.nlm.nih.gov/{item['pmid']}/")
        record["urls"] = list(dict.fromkeys(plain_text(u) for u in urls))
        record["keywords"] = [plain_text(c["label"]) for c in item["categories"]]
        record["notes"] = note_lines(item)
        records.append({key: value for key, value in record.items() if value})
    return str(rispy.dumps(records, implementation=_RisWriter))


# -- BibTeX --------------------------------------------------------------------------------------


def bibtex_escape(value: str | None) -> str:
    """Plain text with LaTeX's special characters escaped and every brace balanced."""
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX_ESCAPES[m.group(0)], plain_text(value))


def bibtex_verbatim(value: str) -> str:
    """A DOI, URL or id: biblatex reads ``doi`` and ``url`` verbatim, so nothing is
    escaped (``\\_`` would become part of the link); only what would unbalance the
    entry's braces is dropped."""
    return re.sub(r"[{}\\\s]", "", value)


def _bibtex_author(author: dict[str, str]) -> str:
    family = bibtex_escape(author["family"])
    if not author["given"]:
        # a collective name: braced, so BibTeX does not split it into first and last names
        return "{" + family + "}"
    return f"{family}, {bibtex_escape(author['given'])}"


def bibtex_key(item: dict[str, Any]) -> str:
    if item.get("pmid"):
        return _KEY_UNSAFE.sub("", f"pmid{item['pmid']}")
    return f"scimon{int(item['id'])}"


def bibtex(items: list[dict[str, Any]]) -> str:
    entries = []
    for item in items:
        fields: list[tuple[str, str]] = [("title", bibtex_escape(item["title"]))]
        if item["authors"]:
            fields.append(("author", " and ".join(_bibtex_author(a) for a in item["authors"])))
        for name, value in (
            ("journal", item.get("journal")),
            ("year", str(item["year"]) if item.get("year") else None),
        ):
            if value:
                fields.append((name, bibtex_escape(value)))
        for name, value in (
            ("doi", item.get("doi")),
            ("pmid", item.get("pmid")),
            ("pmcid", item.get("pmcid")),
            ("url", item.get("doi_url") or item.get("url")),
        ):
            if value:
                fields.append((name, bibtex_verbatim(value)))
        for name, value in (
            ("keywords", ", ".join(c["label"] for c in item["categories"])),
            ("abstract", item.get("abstract")),
            ("note", "; ".join(note_lines(item))),
        ):
            if value:
                fields.append((name, bibtex_escape(value)))
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
        entries.append(f"@article{{{bibtex_key(item)},\n{body}\n}}\n")
    return "\n".join(entries)


# -- CSL-JSON ------------------------------------------------------------------------------------


def _date_parts(item: dict[str, Any]) -> list[list[int]] | None:
    date = item.get("publication_date")
    if date:
        return [[int(part) for part in date.split("-")]]
    return [[int(item["year"])]] if item.get("year") else None


def csl_item(item: dict[str, Any]) -> dict[str, Any]:
    """One brief as a CSL-JSON item (the input format of citeproc, Zotero, Pandoc)."""
    out: dict[str, Any] = {
        "id": bibtex_key(item),
        "type": "article-journal",
        "title": plain_text(item["title"]),
        "author": [
            {"family": plain_text(a["family"]), "given": plain_text(a["given"])}
            if a["given"]
            else {"literal": plain_text(a["family"])}
            for a in item["authors"]
        ],
    }
    optional = {
        "container-title": plain_text(item.get("journal")),
        "issued": {"date-parts": parts} if (parts := _date_parts(item)) else None,
        "DOI": item.get("doi"),
        "PMID": item.get("pmid"),
        "PMCID": item.get("pmcid"),
        "URL": item.get("doi_url") or item.get("url"),
        "abstract": plain_text(item.get("abstract")),
        "keyword": ", ".join(plain_text(c["label"]) for c in item["categories"]),
        "note": "\n".join(note_lines(item)),
    }
    out.update({key: value for key, value in optional.items() if value})
    return out


def csl_json(items: list[dict[str, Any]]) -> str:
    return json.dumps([csl_item(i) for i in items], indent=2, ensure_ascii=False) + "\n"
