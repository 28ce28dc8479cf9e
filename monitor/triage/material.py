"""Laboratory work on material: a study whose subjects are cadavers, specimens, bone or
implant constructs, synthetic bone or a computed model rather than living people or
animals (issues 19 and 20, lab20).

docs/design-labelling.md makes such work ``in_vitro`` (its "cadaveric, biomechanical
and specimen work" rule) and docs/card-labelling.md puts it in the card's ``in_vitro``
class.  The two used to decide it apart, at two depths: the card read the material
and the absence of a living subject for itself (card20) while triage's design called
most such papers ``other``.  One reading now lives here: the design decision
(``monitor.triage.design_decisions.material_subjects``) asks it, so the card follows the
design, and the card asks it only where the design named something else by the title's
own words (own cases beside a review whose "cases" are cadavers).

The people patterns here are shared with the card's reading of people's material
(``monitor.briefs.evidence``): one definition of "people counted".
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from monitor.triage.numbers import NUMBER

# the people a study may count or treat (the card's evidence level reads them too)
PEOPLE = (
    r"(?:patients?|participants|subjects|volunteers|children|girls|boys|women|"
    r"men|individuals)"
)
# a number in digits or words, the participants grammar's own (monitor/triage/numbers.py):
# "1,200 patients" is one count, 1200, not a "200" after a comma (evid8)
COUNTED_NUMBER = rf"(?<![\w.,]){NUMBER}"
# a word between a number and its people is not a preposition or a conjunction, which
# would make the number another noun's ("2 inhibitors for the treatment of patients")
_NOT_PREPOSITION = r"(?!(?:for|of|in|with|and|or|to|by|from)\b)"
_MODIFIERS = rf"(?:{_NOT_PREPOSITION}[\w()-]+\s+){{0,6}}?"
# the people counted: "two girls" (2), "in a case of" (1); a pattern's text, compiled
# where it is searched (the card's import, ``Material.living``): every pattern here is
# compiled on first use, not at triage's import, which most processes never pay for
# (fixl20: 45M instructions a process)
# two words joined by "and"/"or" right before the people are one modifier of them ("18
# healthy male and female subjects"; session 20: an RCT in volunteers with an in-vitro
# skin test beside it had no living subject); elsewhere a conjunction ends the count
_PAIRED = r"(?:[\w-]+\s+(?:and|or)\s+[\w-]+\s+)?"
PEOPLE_COUNTED = (
    rf"\b(?P<n>{COUNTED_NUMBER})\s+{_MODIFIERS}{_PAIRED}{PEOPLE}\b|\b(?:in|of) (?:a|one) case\b"
)

# What a laboratory test was done on: a material, not a phrase of one paper (card20).
# A biomechanical test on material (cadaveric spines, anatomical specimens, a
# finite-element model, synthetic bone, screws pulled out in a testing machine) has no
# living subject: its "randomised" specimens are no trial and its groups of specimens
# no cohort.
_TESTED_MATERIAL = (
    # (not a cadaveric graft or donor organ, which is implanted into living people:
    # "cadaveric kidney transplantation", "cadaveric allograft"; fixc20)
    r"\bcadaver(?:s|ic)?\b(?!\s+(?:[\w-]+\s+)?(?:donors?|grafts?|allografts?|kidneys?|livers?|"
    r"organs?|renal|transplant\w*))|"
    r"\bpost-?mortem (?:[\w-]+ ){0,2}?(?:specimens|spines?|vertebra\w*)\b|"
    r"\bfinite[\s-]element\b|\bsynthetic (?:bones?|vertebra\w*|spines?|femora|femurs?)\b|"
    r"\bsawbones\b|\bbone surrogates?\b|\b(?:polyurethane|rigid) foam (?:blocks?|models?)\b|"
    # anatomical specimens: bone or spine segments kept for testing, not tissue specimens
    # from patients (a biopsy is people's material, read by the card as a study of them).
    # A word between opens on a word character: as ``[\w-]+`` a run of hyphens could be
    # words or separators, and 160 of them took 22 s to fail (rev20)
    r"\b(?:spine|spinal|vertebra[el]?|vertebral|lumbar|cervical|thoracic|thoracolumbar|"
    r"lumbosacral|sacral|pelvis|semi-pelvis|hemipelvis|pelvic|acetabular|femoral|femur|"
    r"bone|motion)(?:[\s-]+\w[\w-]*){0,2}?[\s-]+(?:specimens|motion segments)\b|"
    r"\b(?:servo-?hydraulic|materials? testing|universal testing) (?:machine|system)\b"
)
# a substring of every tested-material match: most texts hold none, and then no pattern
# is searched (the design asks every paper).  Substring tests, not a member of the
# design's RE2 scans: as one, the scans of every title and abstract cost more than the
# tests saved (fixl20, callgrind: +0.37% per paper against -0.05%)
_MATERIAL_WORDS = (
    "cadaver", "mortem", "finite", "synthetic", "sawbones", "surrogate", "foam",
    "specimens", "motion segments", "testing machine", "testing system", "hydraulic",
)  # fmt: skip

# a living subject of the study's own work: people counted or enrolled and treated,
# followed up, or said to be in vivo
_LIVING_SUBJECT = (
    rf"{PEOPLE_COUNTED}|\bfollow(?:ed)?[\s-]+up\b|\bin vivo\b|"
    # people the study treated, not counted: "patients undergoing fusion were
    # randomized", "patients who underwent", "screws were placed in patients with ..."
    # (fixc20: a clinical trial that also built a finite-element model had no living
    # subject before)
    rf"\b{PEOPLE}\s+(?:were|was|who|undergoing|underwent|receiving|received|treated|"
    r"operated|enrolled|randomi[sz]ed|recruited|admitted)\b|\brecipients\b|"
    # people asked about it ("completed a questionnaire", "were surveyed")
    r"\bquestionnaires?\b|\bsurvey(?:s|ed)?\b|\binterview(?:s|ed)\b|"
    r"\b(?:placed|performed|implanted|inserted|applied|treated|operated)\s+(?:in|on)\s+"
    rf"(?:[\w-]+\s+){{0,3}}?{PEOPLE}\b|"
    # people taught or surveyed on the material ("Twenty-seven PM&R trainees"), or
    # patients shown beside it ("2 illustrative cases", "the case of a 54-year-old
    # male"; a cadaver's age is no living person's)
    rf"\b{COUNTED_NUMBER}\s+(?:{_NOT_PREPOSITION}\S+\s+){{0,6}}?"
    r"(?:trainees|residents|students|fellows|surgeons|physicians|clinicians|respondents|"
    r"nurses|cases)\b|\bthe case of (?:a|an)\b|"
    r"\b(?:a|an)\s+\d+-year-old\b(?!\s+(?:[\w-]+\s+){0,2}?cadaver)"
)

# the material named as the kind of another study ("our previous cadaver study",
# "results of cadaveric studies"), not as this study's own: studies in the plural, or a
# study said to be earlier or others' (fixc20)
_MATERIALS_STUDIES = r"\s+(?:[\w-]+\s+)?(?:studies|reports|literature)\b"
_MATERIALS_STUDY = r"\s+(?:[\w-]+\s+)?(?:study|report|experiment|work)\b"
_EARLIER = (
    r"\b(?:previous|previously|prior|earlier|former|published|another|other|recent)\s+"
    r"(?:[\w-]+\s+){0,2}?$"
)


class Material(NamedTuple):
    """The reader's patterns, compiled."""

    tested: re.Pattern[str]
    living: re.Pattern[str]
    studies: re.Pattern[str]
    study: re.Pattern[str]
    earlier: re.Pattern[str]


@cache
def patterns() -> Material:
    """The reader's patterns, compiled once on first use: a process that never reads a
    text naming a material word (most of triage's) never compiles them."""
    return Material(
        tested=re.compile(_TESTED_MATERIAL, re.I),
        living=re.compile(_LIVING_SUBJECT, re.I),
        studies=re.compile(_MATERIALS_STUDIES, re.I),
        study=re.compile(_MATERIALS_STUDY, re.I),
        earlier=re.compile(_EARLIER, re.I),
    )


def tested_material(own: str) -> re.Match[str] | None:
    """The material this study tested, when its own text (``own``: the title and the
    abstract's sentences about this paper's work) names one and no living subject;
    a material naming another study's kind is not this study's (fixc20).  The
    design's reading of laboratory work on material and the card's, in one place."""
    if not might_name_material(own.lower()):
        return None
    rx = patterns()
    # the material first: it is rarer than a living subject's words and cheaper to
    # find, so most texts that pass the gate are settled without the living pattern
    for m in rx.tested.finditer(own):
        if rx.studies.match(own, m.end()):
            continue
        if rx.study.match(own, m.end()) and rx.earlier.search(
            own, max(0, m.start() - 40), m.start()
        ):
            continue
        return None if rx.living.search(own) else m
    return None


def might_name_material(*lowered: str) -> bool:
    """A substring of every tested-material match is in one of the ``lowered``
    texts: the gate that spares the patterns (and the design its scope) on most
    papers; the design passes its lowercased title and abstract as they are."""
    return any(word in text for word in _MATERIAL_WORDS for text in lowered)
