"""Laboratory work whose text carries a cohort word, or names an in-vitro kind of
study, or experiments in non-human primates (vitro10, issue 19)."""

from __future__ import annotations

import pytest

from monitor.triage import TriageRules
from tests.triage_text import shipped_rules, text


@pytest.fixture(scope="module")
def rules() -> TriageRules:
    return shipped_rules()


def design(rules: TriageRules, title: str, abstract: str) -> str:
    return text(rules, title, abstract).design


@pytest.mark.parametrize(
    ("title", "abstract", "expected"),
    [
        # the paper names itself an in-vitro study of a kind: laboratory work, whatever
        # trial a background sentence names or "in vivo" its conclusion hopes for
        ("Cement restores collapsed vertebrae",
         "Study design: In vitro biomechanical study on eight human spine specimens. "
         "A recent clinical trial showed less cement leakage with this kit. The "
         "segments were loaded in a spine tester and range of motion was recorded. "
         "The cement may reduce complications in vivo.",
         "in_vitro"),
        # a cohort word said of the material's data, no people or animals studied
        ("Kinase X controls glucose uptake in glioma cells",
         "Kinase X controls glucose uptake in glioma cells, and glioma cells depend on "
         "glutamine. A retrospective analysis of a public transcriptome data set "
         "confirmed the expression of the targets.",
         "in_vitro"),
        # the same word said of people's data: the people are observed
        ("Kinase X controls glucose uptake in glioma cells",
         "Kinase X controls glucose uptake in glioma cells, and glioma cells depend on "
         "glutamine. A retrospective analysis of a transcriptome data set of patients "
         "related its expression to survival.",
         "observational"),
        # ... and of people's tumours: patients' samples compared are observational
        ("Kinase X controls glucose uptake in glioma cells",
         "Kinase X controls glucose uptake in glioma cells, and glioma cells depend on "
         "glutamine. A retrospective analysis of tumours and a public transcriptome data "
         "set related its expression to grade.",
         "observational"),
        # primates named by their kind, as the living animals of the experiment
        ("Tracking of transferred natural killer cells in rhesus macaques",
         "Natural killer cells were expanded, labelled and infused; their distribution "
         "was followed by imaging for seven days.",
         "animal"),
        # what was done to living animals named as a noun, or by the animals' state
        ("Targeted delivery of oligonucleotides to hepatocytes",
         "We conjugated a galactosylated polymer to the oligonucleotide. After tail vein "
         "injection into rats, the conjugate accumulated in hepatocytes within 30 min.",
         "animal"),
        ("Methionine reduces osteoclast formation from blood mononuclear cells",
         "Methionine was given in drinking water for ten weeks. Osteoclast formation "
         "from blood mononuclear cells was lower in ovariectomized (OVX) rats.",
         "animal"),
        # primates named in the singular name their cells or someone's model, not
        # living animals studied (fixv10)
        ("Zika virus replication in primate kidney cell lines",
         "Zika virus was propagated in rhesus monkey kidney cells (LLC-MK2) and in Vero "
         "cells. Viral titres were measured by plaque assay at 24, 48 and 72 h, and "
         "replication was faster in rhesus monkey kidney cells.",
         "in_vitro"),
        # "in vitro in this study" is no kind of study: the paper goes on in vivo (fixv10)
        ("A compound that promotes myelin repair",
         "Forty compounds were screened in vitro in this study for their effect on "
         "myelin repair. The lead compound was then tested in vivo, where it restored "
         "conduction after lysolecithin demyelination.",
         "animal"),
    ],
)  # fmt: skip
def test_laboratory_work_over_design_words(
    rules: TriageRules, title: str, abstract: str, expected: str
) -> None:
    assert design(rules, title, abstract) == expected
