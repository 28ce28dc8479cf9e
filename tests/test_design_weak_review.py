"""nr8 (issue 19): a weak review cue (a title announcing a topic, the bare passive
"... is reviewed") yields to work the abstract names as its own (a case or a
person it presents, "these data suggest"); and in-vitro work known by what is
handled in the dish (incubation in a medium, co-culture), on hand-written records."""

from __future__ import annotations

import pytest

from monitor.triage import TriageRules
from monitor.triage.design_paper import Paper
from tests.triage_text import shipped_rules, text


@pytest.fixture(scope="module")
def rules() -> TriageRules:
    return shipped_rules()


TOPIC_TITLE = "Management of septic arthritis of the wrist"
TEXTBOOK = (
    "Septic arthritis of the wrist is uncommon but destructive. Early aspiration guides "
    "antibiotic choice, and surgical drainage is advised when the infection spreads beyond "
    "the capsule. Imaging helps to stage the disease, and a long course of treatment is usual."
)


@pytest.mark.parametrize(
    ("title", "abstract", "design"),
    [
        # the topic title over a textbook paragraph: a review, as before
        (TOPIC_TITLE, TEXTBOOK, "narrative_review"),
        # the same title over the paper's own findings named "these data"
        (
            TOPIC_TITLE,
            "These data suggest that the wrist can be drained arthroscopically and treated "
            "with oral antibiotics alone. Open drainage can be reserved for abscesses.",
            "other",
        ),
        # the same title over a person the paper presents (third person, passive)
        (
            TOPIC_TITLE,
            "The treatment of a man with a destructive septic wrist after a splinter injury "
            "is presented. The diagnosis is often delayed.",
            "other",
        ),
    ],
)
def test_topic_title_yields_to_own_work(
    rules: TriageRules, title: str, abstract: str, design: str
) -> None:
    triage = text(rules, title, abstract)
    assert triage.design == design, triage.reasons


def test_weak_passive_is_a_review_only_without_own_work(rules: TriageRules) -> None:
    review = text(
        rules,
        "Ossifying fibroma of the jaw",
        "Ossifying fibroma is a benign tumour of the jaws. Its radiology, its histology and "
        "the choice between enucleation and resection are briefly reviewed.",
    )
    assert review.design == "narrative_review", review.reasons
    # (the cue now keeps its subject, nr9: "resection are briefly reviewed")
    assert "are briefly reviewed'" in review.reasons["design"][0]
    # a case report that reviews the literature after its own cases: not a review
    report = text(
        rules,
        "Ossifying fibroma of the jaw in siblings",
        "This paper describes two cases of ossifying fibroma in a brother and sister. The "
        "differential diagnosis of fibro-osseous lesions is briefly reviewed.",
    )
    assert report.design != "narrative_review", report.reasons


def test_strong_review_framing_is_unchanged(rules: TriageRules) -> None:
    # "this review" names the paper itself: the cases it cites do not outweigh it
    triage = text(
        rules,
        "Ossifying fibroma of the jaw",
        "In this review we summarize the literature. Two cases are presented by way of "
        "example, and the differential diagnosis is briefly reviewed.",
    )
    assert triage.design == "narrative_review", triage.reasons


def test_own_work_reads_cases_and_demonstratives() -> None:
    def own(abstract: str) -> bool:
        return Paper("t", abstract.lower(), "human", "", None, []).own_work()

    assert own("A case of twin abdominal gestation is presented.")
    assert own("The article describes three cases of the disease.")
    assert own("These findings were later confirmed by MRI.")
    assert not own("Cases of this kind were reported in 1809 and rarely since.")
    assert not own("The disease is rare. Its treatment is reviewed.")


@pytest.mark.parametrize(
    ("title", "abstract", "design"),
    [
        # an animal's gametes handled in the dish: in vitro, not the population's animal
        (
            "Membrane integrity of ram spermatozoa after cooling",
            "Ram spermatozoa were incubated in hypo-osmotic media with a range of cholesterol "
            "concentrations, and membrane integrity was stained and counted.",
            "in_vitro",
        ),
        # the same gametes with the animals treated: an animal study
        (
            "Membrane integrity of rat spermatozoa after dietary cholesterol",
            "Rats were fed a cholesterol-rich diet for 60 days, and spermatozoa were "
            "incubated in hypo-osmotic media before membrane integrity was stained.",
            "animal",
        ),
    ],
)
def test_in_vitro_by_handling(rules: TriageRules, title: str, abstract: str, design: str) -> None:
    triage = text(rules, title, abstract)
    assert triage.design == design, triage.reasons
