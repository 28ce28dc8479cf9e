"""How sure the duration grammar is of the time it chose, and when the card says "Not specified".

``monitor/briefs/duration.py`` reads every time in an abstract that may be the
study's (a follow-up, an intervention length, "over N weeks", a last assessment)
and chooses one.  On abstracts it was not developed on, a third of the
durations it prints are wrong and one is invented for 6-10% of abstracts that
state none (docs/brief-extraction.md).  Whether a chosen time is right depends on
*how* it was found, which the grammar knows: which cue found it (a stated
follow-up, "an 8-week programme", "treated for", "over N weeks", "at 6 months
after"), where its sentence is (title, first sentence, last sentences), whether
another time rivals it, whether an age, a calendar year or a range sits in its
sentence, and what kind of study the abstract is (randomised, a case report,
retrospective records, animals).  Those cues are the binary features below.

A logistic model over them gives P(the time is the key's).  It is trained offline
by ``scripts/train_duration_confidence.py`` on every candidate time of the
development keys only (``docs/card-key/dev.csv``, ``dev2.csv``, ``dev3.csv``), and the same
script chooses, from out-of-fold probabilities of the *chosen* times, the
threshold below which the card prints "Not specified".  The weights ship as data
(``duration_confidence.json``, versioned); scoring is a sum over the few features
a time has, with no library at run time.  It is the count confidence's mechanism
(``monitor/triage/count_confidence.py``) applied to durations.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Protocol

from monitor.briefs.duration import DurationReading, Found, read_durations
from monitor.errors import ConfigError
from monitor.triage.confidence import sigmoid

MODEL_FILE = "duration_confidence.json"
_CUES = (
    *(f"follow_up_{n}" for n in range(5)), *(f"follow_mean_{n}" for n in range(3)),
    *(f"length_{n}" for n in range(5)),
    *(f"assessed_{n}" for n in range(4)), "listed", "killed_later",
)  # fmt: skip
FEATURES = (
    *(f"cue_{c}" for c in _CUES), "status", "in_title", "first", "last", "early",
    "rival", "rival_follow", "rival_longer", "repeated", "only", "age_near", "year_near",
    "range_near", "result_sentence", "definition", "period", "aim_sentence", "other_study",
    "narrative", "hours_days", "years", "decimal", "design_rct",
    "design_case", "design_retro", "design_animal", "design_cohort", "design_protocol",
)  # fmt: skip

_AGE = re.compile(r"\b(?:aged?|ages|years? old|year-old|month-old|age(?:d)? of)\b", re.I)
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_RANGE = re.compile(r"\d\s*(?:-|–|to)\s*\d")
_RESULT = re.compile(
    r"\b(?:significant\w*|improv\w*|reduc\w*|increas\w*|decreas\w*|p\s*[<=>]|odds|"
    r"hazard|ratio|95%|associated)\b",
    re.I,
)
# a criterion, not a length: "defined as having active infection for over 12 months"
_DEFINITION = re.compile(r"\b(?:defined|definition|criteri\w*|eligib\w*|inclusion|included if|"
                         r"selected|at least|minimum)\b", re.I)  # fmt: skip
_AIM = re.compile(r"^\W*(?:objectives?|aims?|purpose|background|introduction)\b|\bto (?:develop|"
                  r"evaluate|assess|determine|investigate|examine|compare)\b", re.I)  # fmt: skip
# other studies' times: "NASCIS 2 showed at 6 weeks", "previous studies"
_OTHER_STUDY = re.compile(r"\b(?:previous(?:ly)?|prior|published|reported|earlier|NASCIS|"
                          r"et al|literature|guidelines?)\b", re.I)  # fmt: skip
# a paper that reviews or comments rather than reports its own study
_NARRATIVE = re.compile(
    r"\b(?:this|the present|the current|our) (?:review|article|paper|chapter|commentary)\b|"
    r"\bwe (?:review|discuss|summari[sz]e|describe the evidence)\b|\breview(?:s|ed)? (?:of )?the "
    r"(?:literature|evidence|current)|\bcurrent (?:status|knowledge|understanding)|\boverview\b|"
    r"\bappraisal\b",
    re.I,
)
_RCT = re.compile(r"randomi[sz]", re.I)
_RETRO = re.compile(r"retrospective|records|charts|database|registry", re.I)
_ANIMAL = re.compile(r"\b(?:rats?|mice|mouse|murine|rodents?|dogs?|cats?|rabbits?|pigs?|"
                     r"animals?|monkeys?)\b", re.I)  # fmt: skip
_COHORT = re.compile(r"\b(?:cohort|prospective|longitudinal)\b", re.I)
_PROTOCOL = re.compile(r"\b(?:will be|protocol|we propose|is planned)\b", re.I)


def features(found: Found, reading: DurationReading) -> list[str]:
    """The binary features a candidate time has (names in ``FEATURES``)."""
    f = found
    out = [f"cue_{f.cue}"] if f.cue in _CUES else []
    if f.status:
        out.append("status")
    if f.sentence == 0 and reading.titled:
        out.append("in_title")
    if f.sentence <= 1:
        out.append("first")
    elif f.sentence >= reading.sentences - 2:
        out.append("last")
    if f.sentence <= reading.sentences // 3:
        out.append("early")
    others = [g for g in reading.found if g.text != f.text]
    if others:
        out.append("rival")
    if any(g.kind == "follow" for g in others) and f.kind != "follow":
        out.append("rival_follow")
    if any(g.days > f.days for g in others):
        out.append("rival_longer")
    if len({g.sentence for g in reading.found if g.text == f.text}) > 1:
        out.append("repeated")
    if not others:
        out.append("only")
    if _AGE.search(f.context):
        out.append("age_near")
    if _YEAR.search(f.context):
        out.append("year_near")
    if _RANGE.search(f.context):
        out.append("range_near")
    if _RESULT.search(f.context):
        out.append("result_sentence")
    if _DEFINITION.search(f.context):
        out.append("definition")
    if re.search(r"\bperiod\b", f.context, re.I):
        out.append("period")
    if _AIM.search(f.context):
        out.append("aim_sentence")
    if _OTHER_STUDY.search(f.context):
        out.append("other_study")
    if _NARRATIVE.search(reading.text):
        out.append("narrative")
    unit = f.text.split()[-1]
    if unit.startswith(("hour", "day")):
        out.append("hours_days")
    if unit.startswith("year"):
        out.append("years")
    if "." in f.text:
        out.append("decimal")
    text = reading.text
    if _RCT.search(text):
        out.append("design_rct")
    if reading.case_report:
        out.append("design_case")
    if _RETRO.search(text):
        out.append("design_retro")
    if _ANIMAL.search(text):
        out.append("design_animal")
    if _COHORT.search(text):
        out.append("design_cohort")
    if _PROTOCOL.search(text):
        out.append("design_protocol")
    return out


@dataclass(frozen=True)
class DurationModel:
    version: str
    bias: float
    weights: dict[str, float]
    threshold: float  # below it the card prints "Not specified"

    def probability(self, names: list[str]) -> float:
        return sigmoid(self.bias + sum(self.weights.get(n, 0.0) for n in names))

    def drivers(self, names: list[str], k: int = 2) -> list[str]:
        """The features that moved the score most, strongest first."""
        moved = sorted(names, key=lambda n: -abs(self.weights.get(n, 0.0)))[:k]
        return [f"{n} {self.weights.get(n, 0.0):+.1f}" for n in moved]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DurationModel:
        try:
            weights = {str(k): float(v) for k, v in data["weights"].items()}
            unknown = set(weights) - set(FEATURES)
            if unknown:
                raise ValueError(f"unknown features {sorted(unknown)}")
            return cls(str(data["version"]), float(data["bias"]), weights,
                       float(data["threshold"]))  # fmt: skip
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigError(f"{MODEL_FILE}: not a duration confidence model ({exc})") from exc


@cache
def model() -> DurationModel:
    """The shipped model (read once)."""
    try:
        text = resources.files("monitor.briefs").joinpath(MODEL_FILE).read_text("utf-8")
        return DurationModel.from_dict(json.loads(text))
    except (OSError, json.JSONDecodeError) as exc:
        raise ConfigError(f"cannot read {MODEL_FILE} ({exc})") from exc


def judge(reading: DurationReading) -> tuple[bool, str]:
    """(whether the card may print the chosen time, why): its confidence and the
    features that moved it most."""
    if reading.chosen is None:
        return False, reading.why
    m = model()
    names = features(reading.chosen, reading)
    p = m.probability(names)
    why = f"{reading.why}; confidence {p:.2f} of {m.threshold:.2f}; " + ", ".join(m.drivers(names))
    return p >= m.threshold, why


class _HasText(Protocol):
    @property
    def title(self) -> str: ...
    @property
    def abstract(self) -> str: ...


def card_duration(record: _HasText) -> tuple[str | None, str]:
    """(the study duration the card prints, why): the grammar's choice when its
    confidence reaches the threshold, else None ("Not specified")."""
    reading = read_durations(record.abstract or "", record.title or "")
    shown, why = judge(reading)
    if reading.chosen is None:
        return None, why
    return (reading.chosen.text if shown else None), ("" if shown else "withheld: ") + why
