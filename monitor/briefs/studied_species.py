"""Animal work that names patients: who did this study's experiments act on?

Triage's population is "both" when an abstract names animals and people, and
most SCI animal papers do: "respiratory complications in patients with SCI are
common" opens them, "may benefit SCI patients" closes them.  The card's rule
(docs/card-labelling.md, evidence rule 4: when both animals and humans are
studied, the human part decides) needs to know which were *studied*, not which
were named.  A mention is a subject of this study when its sentence speaks of
the study's own work or procedures ("we", "the present study", "rats underwent",
"animals injected with ..."); people are studied when the abstract counts them
(the participant grammar), says they were enrolled, treated or assessed, or
names participants or volunteers, words background sentences do not use of
patients in general.

:func:`animal_work_only` says whether animals were studied and people not; it
is asked only of papers triage left without a clinical design (``other``, a
narrative review, in-vitro work), so a human study that cites animal work keeps
its design.
"""

from __future__ import annotations

import re

from monitor.triage.scope import sentences

_ANIMAL = re.compile(
    r"\b(?:rats?|mice|mouse|murine|rodents?|rabbits?|dogs?|canines?|cats?|felines?|pigs?|"
    r"piglets?|porcine|swine|minipigs?|sheep|ovine|monkeys?|primates?|macaques?|marmosets?|"
    r"zebrafish|animals?)\b",
    re.I,
)
# a procedure done to living animals ("rats underwent", "rodents treated with")
_IN_VIVO = re.compile(
    r"\b(?:underwent|received|injected|implanted|transplanted|sham[\s-]operated|vehicle|"
    r"treated with|administered|"
    r"(?:were|was) (?:\w+ )?(?:treated|injected|given|randomi[sz]ed|divided|assigned|subjected|"
    r"exposed|administered|anesthetized|anaesthetized|trained|tested|killed|sacrificed|used|"
    r"examined|assessed|evaluated)|compared (?:to|with) (?:the )?(?:controls?|sham|vehicle))\b",
    re.I,
)
# ... or the study's own work ("we", "the present study")
_OWN_WORK = re.compile(
    r"\b(?:we|our|here(?:in)?|(?:the|this) (?:present|current) (?:study|work)|this study)\b",
    re.I,
)
_NOT_ANIMAL_UNIT = re.compile(
    r"\b(?:rats?|mice|mouse|rodents?|rabbits?|dogs?|cats?|pigs?|sheep|monkeys?|primates?|"
    r"animals?|zebrafish|cells?|samples?|specimens?)\b",
    re.I,
)
_PEOPLE = re.compile(
    r"\b(?:participants|volunteers|healthy (?:controls|subjects|adults)|human subjects)\b|"
    r"\b(?:patients|subjects|adults|children|women|men)\s+(?:were|was)\s+(?:\w+\s+)?"
    r"(?:treated|enrolled|enroled|recruited|included|evaluated|assessed|followed|examined|"
    r"interviewed|surveyed|studied|tested)\b",
    re.I,
)


def animals_studied(title: str, abstract: str, *, in_vivo: bool = False) -> str | None:
    """The mention of animals that shows they were this study's subjects: an animal
    word in the title, or in a sentence about the study's own work; else None.
    ``title`` is "" for a paper about other papers (a commentary's title names the
    work it comments on).  ``in_vivo``: only a procedure done to the animals counts, not
    "we" (laboratory work that analysed mouse tissue data is still laboratory work)."""
    if m := _ANIMAL.search(title):
        return m.group(0)
    for start, end in sentences(abstract):
        sentence = abstract[start:end]
        if (m := _ANIMAL.search(sentence)) and (
            _IN_VIVO.search(sentence) or (not in_vivo and _OWN_WORK.search(sentence))
        ):
            return m.group(0)
    return None


def people_studied(abstract: str, count_unit: str | None) -> bool:
    """Whether people were this study's subjects: counted (a unit that is not
    animals or material), enrolled, treated or assessed, or called participants."""
    if count_unit is not None and not _NOT_ANIMAL_UNIT.search(count_unit):
        return True
    return _PEOPLE.search(abstract) is not None


def animal_work_only(
    title: str,
    abstract: str,
    count_unit: str | None,
    *,
    about_papers: bool = False,
    laboratory: bool = False,
) -> str | None:
    """The animal mention that makes this animal work, when people were not studied;
    ``about_papers``: triage read it as a review or commentary, so its title is not
    evidence of what it studied; ``laboratory``: triage read it as in-vitro work, which
    is animal work only when animals were treated in vivo (the title may name the
    species of its cells or virus)."""
    title = "" if about_papers or laboratory else title
    found = animals_studied(title, abstract, in_vivo=laboratory)
    if found is None or people_studied(abstract, count_unit):
        return None
    return found
