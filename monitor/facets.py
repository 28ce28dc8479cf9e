"""The values triage gives each facet of a paper, and their labels.

Apart from the classifier (monitor/triage/) so that what only lists or
filters by them (``scimon papers list --design``, the review app) does not
import the classifier and compile its patterns.
"""

from __future__ import annotations

DESIGNS = (
    "systematic_review", "rct", "non_randomized_trial", "observational", "case_report",
    "qualitative", "guideline", "narrative_review", "protocol", "animal", "in_vitro",
    "commentary", "notice", "other", "unclassified",
)  # fmt: skip

# higher = stronger evidence, for ordering candidates
EVIDENCE_RANK = {
    "systematic_review": 9, "guideline": 8, "rct": 7, "non_randomized_trial": 6,
    "observational": 5, "qualitative": 4, "case_report": 3, "narrative_review": 3,
    "protocol": 2, "animal": 2, "in_vitro": 1, "commentary": 1, "other": 1, "notice": 0,
    "unclassified": 1,
}  # fmt: skip

LABELS = {
    "systematic_review": "Systematic review / meta-analysis",
    "rct": "Randomized controlled trial",
    "non_randomized_trial": "Non-randomized clinical trial",
    "observational": "Observational study (cohort, case-control, cross-sectional)",
    "case_report": "Case report / case series",
    "qualitative": "Qualitative study",
    "guideline": "Guideline / consensus",
    "narrative_review": "Narrative review",
    "protocol": "Study protocol",
    "animal": "Animal / preclinical study",
    "in_vitro": "In vitro / computational study",
    "commentary": "Commentary / editorial / letter",
    "notice": "Erratum / retraction notice",
    "other": "Other",
    # a title alone that names no design: the text cannot decide (kept out of
    # precision figures, shown as such to editors)
    "unclassified": "Unclassified: title only",
}


def design_label(design: str | None, confidence: float | None, likely_below: float) -> str:
    """What editors read of a design: its label, as "likely ... (0.55)" when triage is
    less sure of it than ``likely_below`` ([triage] likely_below in sci.toml).  An
    unclassified record, or one triaged before confidences, shows the plain label."""
    if design is None:
        return "—"
    label = LABELS.get(design, design)
    if confidence is None or design == "unclassified" or confidence >= likely_below:
        return label
    return f"likely {label[:1].lower()}{label[1:]} ({confidence:.2f})"


# the values population_of and relevance_of give (filters and evaluations list them)
POPULATIONS = ("human", "animal", "both", "in_vitro", "unclear")
RELEVANCE = ("core", "peripheral", "off_topic")
