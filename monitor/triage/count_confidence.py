"""How sure the participant grammar is of the count it chose, and when the card says nothing.

``monitor/triage/participants.py`` reads every sentence's count and chooses one
(the strongest role, the largest of that role).  On abstracts it was not
developed on, about one in ten of the numbers it prints is wrong, and issue 20
asks for the opposite trade: "when unsure, say nothing rather than a wrong
number".  Whether a chosen count is right depends on *how* it was found, which
the grammar already knows: an enrolment verb in its sentence, a stated total, a
number in words, arms summed, a number repeated elsewhere in the abstract, or
only an "n = 24" with no noun, a count in a sentence that reports a result, a
count in a review, a count in a sentence about what will be done, a rival count
in another sentence.  Those cues are the binary features below.  One cue
needs no model: a count in a sentence about what *will* be done ("300 patients
will be randomised") is a protocol's plan, never the people studied
(docs/card-labelling.md participants rule 8), and is always withheld.

A logistic model over them gives P(the count is the key's); it is trained
offline by ``scripts/train_count_confidence.py`` on the candidates of the
development key only (``docs/card-key/dev.csv``: every sentence's count, right
or wrong, not just the chosen ones, so the wrong ones are many), and the same
script chooses the threshold below which the card withholds the count, from
out-of-fold probabilities of the chosen counts on that key.  The weights ship
as data (``count_confidence.json``, versioned); scoring is a sum over the few
features a count has, with no library at run time, and ``judge`` names the
features that moved the score most, for the reason the card keeps.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path  # not importlib.resources: +1.7 MiB in the classifying child
from typing import TYPE_CHECKING, Any

from monitor.errors import ConfigError
from monitor.triage.confidence import sigmoid

if TYPE_CHECKING:  # participants.py imports this module: no import cycle at run time
    from monitor.triage.participants import Candidate, CountReading

MODEL_FILE = "count_confidence.json"
# the roles of monitor/triage/participants.py (TOTAL, ENROL, PLAIN, ANALYSED)
_TOTAL, _ENROL, _PLAIN, _ANALYSED = 4, 3, 2, 1
_KINDS = ("noun", "words", "n_eq", "n_eq_anchor", "bare_role", "number_of", "k_n", "joined",
          "controls", "one_case")  # fmt: skip
FEATURES = (
    "role_total", "role_enrol", "role_analysed", "enrol_cue", *(f"kind_{k}" for k in _KINDS),
    "arms", "parts_overlap", "repeated", "rival", "rival_larger", "only", "first", "in_title",
    "review", "result", "large",
)  # fmt: skip


def features(candidate: Candidate, reading: CountReading) -> list[str]:
    """The binary features a candidate count has (names in ``FEATURES``)."""
    c = candidate
    out: list[str] = []
    if c.role == _TOTAL:
        out.append("role_total")
    elif c.role == _ENROL:
        out.append("role_enrol")
    elif c.role == _ANALYSED:
        out.append("role_analysed")
    if c.enrol_cue:
        out.append("enrol_cue")
    out.extend(f"kind_{k}" for k in _KINDS if k in c.kinds)
    if len(c.parts) > 1:
        out.append("arms")
        total = sum(c.parts)
        # "(n = 24) ... (n = 12) ... (n = 12)": a part that is the sum of others
        parts = c.parts
        pairs = {parts[i] + parts[j] for i in range(len(parts)) for j in range(i + 1, len(parts))}
        if any(2 * p == total or p in pairs for p in parts):
            out.append("parts_overlap")
    # the abstract writes the number again ("109 cases ... Of the 109 patients"), or
    # writes a sum of arms as a number
    if written(reading.text, c.value) >= (2 if len(c.parts) == 1 else 1):
        out.append("repeated")
    others = [d for d in reading.candidates if d is not c and d.value != c.value]
    # a part is not a rival: the counts summed into it, and the arms other sentences
    # state of a total ("44 patients (London) ... 33 patients (Berlin) ... Seventy-seven
    # patients"): two or three other counts that add up to it
    parted = set(c.parts) | _parts_elsewhere(c.value, [d.value for d in others])
    # nor a subgroup: a smaller count in a later sentence that reports a result or
    # names a group counted before
    rivals = [
        d
        for d in others
        if d.value not in parted
        and d.role >= _PLAIN
        and not (d.sentence > c.sentence >= 0 and d.value < c.value and _subgroup(d, reading))
    ]
    if rivals:
        out.append("rival")
    if any(d.value > c.value for d in others):
        out.append("rival_larger")
    if len(reading.candidates) == 1:
        out.append("only")
    if c.sentence == 0:
        out.append("first")
    if c.in_title:
        out.append("in_title")
    if reading.review:
        out.append("review")
    if c.result:
        out.append("result")
    if c.value >= 1000:
        out.append("large")
    return out


def _subgroup(d: Candidate, reading: CountReading) -> bool:
    """A later, smaller count is a subgroup of the sample when its sentence reports a
    result, or when it names a group already counted ("including 12 achieving
    remission ... restored in the 12 patients achieving remission")."""
    if d.result:
        return True
    at = reading.text.find(d.text) if d.text else -1
    return at > 0 and written(reading.text[:at], d.value) > 0


def _parts_elsewhere(total: int, values: list[int]) -> set[int]:
    """The values among ``values`` that, two or three of them, add up to ``total``."""
    found: set[int] = set()
    small = sorted({v for v in values if 0 < v < total})[:12]  # bound the search
    for i, a in enumerate(small):
        for j in range(i, len(small)):
            b = small[j]
            if j == i and values.count(a) < 2:
                continue
            if a + b == total:
                found |= {a, b}
            for k in range(j + 1, len(small)):
                if a + b + small[k] == total:
                    found |= {a, b, small[k]}
    return found


_BEFORE = frozenset("0123456789.,/±+-_")


def written(text: str, value: int) -> int:
    """How often a text writes a number in digits ("1204", "1,204", "1 204"):
    string searches for its three forms, no parse of every number in the text."""
    n = 0
    for form in {str(value), f"{value:,}", f"{value:,}".replace(",", " ")}:
        at = text.find(form)
        while at >= 0:
            end = at + len(form)
            before = text[at - 1] if at else " "
            after = text[end : end + 2]
            if (
                not (before.isalnum() or before in _BEFORE)
                and not (after[:1].isalnum() or after[:1] == "_")
                and not (after[:1] in ".," and after[1:2].isdigit())
                and not (after[:1] == " " and text[end + 1 : end + 4].isdigit()
                         and len(text[end + 1 :].split(" ", 1)[0].strip(".,;:)")) == 3)
            ):  # fmt: skip
                n += 1
            at = text.find(form, end)
    return n


@dataclass(frozen=True)
class CountModel:
    version: str
    bias: float
    weights: dict[str, float]
    threshold: float  # below it the card withholds the count

    def probability(self, names: list[str]) -> float:
        return sigmoid(self.bias + sum(self.weights.get(n, 0.0) for n in names))

    def drivers(self, names: list[str], k: int = 2) -> list[str]:
        """The features that moved the score most, strongest first."""
        moved = sorted(names, key=lambda n: -abs(self.weights.get(n, 0.0)))[:k]
        return [f"{n} {self.weights.get(n, 0.0):+.1f}" for n in moved]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CountModel:
        try:
            weights = {str(k): float(v) for k, v in data["weights"].items()}
            unknown = set(weights) - set(FEATURES)
            if unknown:
                raise ValueError(f"unknown features {sorted(unknown)}")
            return cls(str(data["version"]), float(data["bias"]), weights,
                       float(data["threshold"]))  # fmt: skip
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigError(f"{MODEL_FILE}: not a count confidence model ({exc})") from exc


@cache
def model() -> CountModel:
    """The shipped model (read once)."""
    try:
        text = Path(__file__).with_name(MODEL_FILE).read_text("utf-8")
        return CountModel.from_dict(json.loads(text))
    except (OSError, json.JSONDecodeError) as exc:
        raise ConfigError(f"cannot read {MODEL_FILE} ({exc})") from exc


def confidence(reading: CountReading) -> float | None:
    """P(the chosen count is right), None when nothing was chosen."""
    if reading.chosen is None:
        return None
    return model().probability(features(reading.chosen, reading))


def judge(reading: CountReading) -> tuple[bool, str]:
    """(whether the card may print the chosen count, why): its confidence and the
    features that moved it most."""
    m = model()
    if reading.chosen is None:
        return False, "no count"
    if reading.withhold:
        return False, reading.withhold
    if reading.chosen.future:
        # "300 patients will be randomised": a protocol's plan, not people studied
        # (docs/card-labelling.md participants rule 8), however the count was found
        return False, "a planned sample"
    names = features(reading.chosen, reading)
    p = m.probability(names)
    why = f"confidence {p:.2f} of {m.threshold:.2f}; " + ", ".join(m.drivers(names))
    return p >= m.threshold, why
