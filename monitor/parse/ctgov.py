"""One ClinicalTrials.gov API v2 study object into a :class:`~monitor.records.TrialRecord`.

Every module is optional (a study without results has no ``resultsSection``;
older records lack dates and references), so each field is read on its own
and a missing one stays empty.  Free text keeps the registry's markdown
escapes (``\\>=``); the digest shows it as text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from monitor.parse.doi import find_dois
from monitor.parse.trial_ids import normalize_nct
from monitor.records import TrialRecord

_Obj = Mapping[str, Any]


def _obj(parent: Any, *keys: str) -> _Obj:
    """``parent[k1][k2]...`` when every level is an object, else ``{}``."""
    node = parent
    for key in keys:
        node = node.get(key) if isinstance(node, Mapping) else None
    return node if isinstance(node, Mapping) else {}


def _strings(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(str(v).strip() for v in value if isinstance(v, str | int) and str(v).strip())


def _posted(struct: _Obj) -> date | None:
    """A ``...DateStruct``'s date; a month-only one as its first day."""
    text = str(struct.get("date") or "")
    try:
        if len(text) == 7:
            return date.fromisoformat(text + "-01")
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def _interventions(module: _Obj) -> tuple[str, ...]:
    """``DRUG: Dupilumab`` for each intervention, as the registry lists them."""
    out: list[str] = []
    for item in module.get("interventions") or []:
        if isinstance(item, Mapping) and item.get("name"):
            kind = str(item.get("type") or "").replace("_", " ")
            out.append(f"{kind}: {item['name']}" if kind else str(item["name"]))
    return tuple(out)


def _references(module: _Obj) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """PMIDs and DOIs of the papers the record lists (results and background alike)."""
    pmids: list[str] = []
    dois: list[str] = []
    for ref in module.get("references") or []:
        if not isinstance(ref, Mapping):
            continue
        pmid = str(ref.get("pmid") or "").strip()
        if pmid.isdigit() and pmid not in pmids:
            pmids.append(pmid)
        for doi in find_dois(str(ref.get("citation") or "")):
            if doi not in dois:
                dois.append(doi)
    return tuple(pmids), tuple(dois)


def _locations(module: _Obj) -> tuple[int, tuple[str, ...]]:
    locations = [loc for loc in module.get("locations") or [] if isinstance(loc, Mapping)]
    countries: list[str] = []
    for loc in locations:
        country = str(loc.get("country") or "").strip()
        if country and country not in countries:
            countries.append(country)
    return len(locations), tuple(countries)


def parse_study(study: _Obj) -> TrialRecord | None:
    """The trial, or None without a valid NCT id."""
    protocol = _obj(study, "protocolSection")
    ident = _obj(protocol, "identificationModule")
    nct = normalize_nct(str(ident.get("nctId") or ""))
    if nct is None:
        return None
    status = _obj(protocol, "statusModule")
    design = _obj(protocol, "designModule")
    enrollment = _obj(design, "enrollmentInfo")
    count = enrollment.get("count")
    pmids, dois = _references(_obj(protocol, "referencesModule"))
    locations, countries = _locations(_obj(protocol, "contactsLocationsModule"))
    return TrialRecord(
        nct_id=nct,
        title=str(ident.get("briefTitle") or ident.get("officialTitle") or nct).strip(),
        official_title=str(ident.get("officialTitle") or "").strip(),
        brief_summary=str(_obj(protocol, "descriptionModule").get("briefSummary") or "").strip(),
        conditions=_strings(_obj(protocol, "conditionsModule").get("conditions")),
        keywords=_strings(_obj(protocol, "conditionsModule").get("keywords")),
        interventions=_interventions(_obj(protocol, "armsInterventionsModule")),
        phases=_strings(design.get("phases")),
        study_type=str(design.get("studyType") or ""),
        overall_status=str(status.get("overallStatus") or ""),
        why_stopped=str(status.get("whyStopped") or "").strip(),
        enrollment=int(count) if isinstance(count, int) else None,
        enrollment_type=str(enrollment.get("type") or ""),
        start_date=str(_obj(status, "startDateStruct").get("date") or ""),
        completion_date=str(_obj(status, "completionDateStruct").get("date") or ""),
        first_posted_on=_posted(_obj(status, "studyFirstPostDateStruct")),
        last_update_posted_on=_posted(_obj(status, "lastUpdatePostDateStruct")),
        results_first_posted_on=_posted(_obj(status, "resultsFirstPostDateStruct")),
        locations_count=locations,
        countries=countries,
        sponsor=str(_obj(protocol, "sponsorCollaboratorsModule", "leadSponsor").get("name") or ""),
        has_results=bool(study.get("hasResults")),
        pmids=pmids,
        dois=dois,
    )


def parse_studies(studies: Sequence[_Obj]) -> list[TrialRecord]:
    return [t for s in studies if (t := parse_study(s)) is not None]
