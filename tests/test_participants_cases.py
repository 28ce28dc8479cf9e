"""Case reports' people when no count is written (issue 20, seventeenth round, parts7):
docs/card-labelling.md, a case report's count is its patients."""

from __future__ import annotations

import pytest

from monitor.triage.participants import read_counts


def _chosen(text: str, title: str = "") -> int | None:
    chosen = read_counts(text, title).chosen
    return chosen.value if chosen else None


@pytest.mark.parametrize(
    ("text", "title", "expected"),
    [
        # the case's person named again as the subject of what happened to them
        (
            "Rhabdomyosarcoma is the most common soft tissue malignancy seen in childhood. "
            "Here we describe an embryonal RMS that presented as a peritonsillar abscess. Due "
            "to an incorrect initial diagnosis, the patient received unnecessary medical therapy.",
            "",
            1,
        ),
        (
            "CASE: Here, we report a former athlete who sustained a tibial tubercle fracture. "
            "He underwent reconstruction with Achilles allograft. Our patient had an excellent "
            "outcome at 1 year.",
            "Reconstruction of Chronic Patellar Tendon Injury: A Case Report.",
            1,
        ),
        # fixp7: a bare "we report" with the case named by "whose case"
        (
            "One of us developed a new surgical procedure. The patient whose case we report "
            "had a visual acuity improvement eight months after surgery.",
            "",
            1,
        ),
        # the present perfect is this paper's report; a recipient is a person
        (
            "We have presented a rare dermatophytosis course. A young kidney transplant "
            "recipient was exposed to intensive immunosuppression therapy.",
            "",
            1,
        ),
        # "reported a case", "report herein a seventh case", the passive "is presented"
        (
            "We have reported a case of cryptogenic liver abscess with bacteremia due to "
            "Klebsiella ozaenae.",
            "",
            1,
        ),
        (
            "Thyroid cancer metastatic to the kidney is rare. We report herein a seventh case "
            "of thyroid carcinoma metastatic to the kidney.",
            "",
            1,
        ),
        (
            "Abdominal gestation is uncommon. A case of twin abdominal gestation is presented "
            "and the literature concerning abdominal pregnancy since 1809 is reviewed.",
            "",
            1,
        ),
        # a few cases the authors report
        ("We report two observations of this condition. The first patient received ...", "", 2),
        ("Two case histories are reported here in which chemotherapy improved ...", "", 2),
        ("Two examples of nasal encephaloceles are presented and discussed.", "", 2),
        ("An approach to tumors of the skull base is described with three case reports.", "", 3),
        ("We report two sibs harbouring a novel mutation in the CLN5 gene.", "", 2),
    ],
)
def test_case_report_people(text: str, title: str, expected: int) -> None:
    assert _chosen(text, title) == expected


@pytest.mark.parametrize(
    "text",
    [
        # no report of this paper's: the patient of a guideline
        "The patient should be informed about the risks of surgery before consent is sought.",
        # two people reported: "the patient" is one of them, not the count
        "Here we describe this rare complication. The first patient was irradiated for a "
        "medulloblastoma; the second patient developed sweating. The patient was treated.",
        # a method's worked examples are no cases
        "This article investigates adaptive output-feedback control problems. Two examples "
        "are presented to show the effectiveness of the method.",
        # other authors' cases
        "In 1986 the authors published a case report. Two cases of this tumour were "
        "reported in the literature.",
    ],
)
def test_no_case_count(text: str) -> None:
    assert _chosen(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the eligible people the clause's own verb takes in are the sample
        (
            "A hospital-based case-control study was conducted. 1387 eligible cases and 1459 "
            "frequency matched controls were recruited.",
            2846,
        ),
        ("We screened 400 patients; 120 eligible patients were randomized.", 120),
        # a pool of eligible people that others then answer from stays a pool
        ("Of 113 eligible physicians, 58 completed the survey.", 58),
    ],
)
def test_eligible_taken_in(text: str, expected: int) -> None:
    assert _chosen(text) == expected


def test_word_dash_is_a_hyphen() -> None:
    # an en dash joining two words is read as a hyphen between a number and its unit
    text = "METHODS: A total of 762 mother\u2013newborn pairs were recruited from a birth cohort."
    assert _chosen(text) == 762


@pytest.mark.parametrize(
    "text",
    [
        # fixp7: a bare "we present" / "here we describe" opens a protocol, a technique, a
        # recommendation or a survey; their "the patient is/has" is anyone, in the present
        "We present a new protocol for bladder management after spinal cord injury. The "
        "patient is taught intermittent catheterisation before discharge.",
        "We describe a surgical technique for C1-C2 fixation. The patient is placed prone "
        "and the head fixed in a Mayfield clamp.",
        "Here we describe recommendations for ventilator weaning. When the patient has a "
        "vital capacity above 15 mL/kg, weaning can begin.",
        "We present a survey of physiotherapists on how the patient is positioned in bed.",
        # fixp7: the literature's cases, and a method's worked examples, are nobody counted
        "Spinal cord infarction after embolisation is rare; in the literature two cases were "
        "described. We discuss prevention.",
        "We propose a new statistical framework for registry analyses. We present two "
        "examples of its application to registry data.",
        "We propose a new statistical framework for registry analyses. Two examples of its "
        "use are presented.",
    ],
)
def test_no_case_without_a_named_case(text: str) -> None:
    assert _chosen(text) is None
