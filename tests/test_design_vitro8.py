"""Issue 19, vitro8: what was done to the living animal against what was done to
its cells after they were taken.  An animal study needs an intervention or an
outcome on the living animal; cells, cultures and explants of animals with no
in-vivo work are in vitro (docs/design-labelling.md).  And patients' cells as the
paper's main question (its title) stay in vitro though healthy controls give
them."""

from __future__ import annotations

import pytest

from monitor.triage import TriageRules
from monitor.triage.design_decisions import without_animal_sources
from tests.triage_text import shipped_rules, text


@pytest.fixture(scope="module")
def rules() -> TriageRules:
    return shipped_rules()


MEGAKARYOCYTE = (
    "Megakaryocytes are large polyploid cells that produce blood platelets. This "
    "protocol presents the procedure to collect haematopoietic cells from mouse bone "
    "marrow, deplete mature lineages with magnetic beads and sort progenitor cells. "
    "The sorted cells are grown in primary cultures with thrombopoietin, and their "
    "ploidy is measured by flow cytometry."
)


@pytest.mark.parametrize(
    ("title", "abstract", "design"),
    [
        # an animal's cells taken out and studied in the dish, nothing done to a mouse
        ("Isolation of mouse megakaryocyte progenitors", MEGAKARYOCYTE, "in_vitro"),
        # the same with the mice treated first: an experiment on the living animal
        (
            "Isolation of mouse megakaryocyte progenitors",
            MEGAKARYOCYTE + " Mice were injected with thrombopoietin for five days before.",
            "animal",
        ),
        # donors changed in the living body ("diabetic mice"): in vivo, the animal's
        (
            "Isolation of megakaryocyte progenitors from diabetic mice",
            MEGAKARYOCYTE.replace("from mouse bone marrow", "from diabetic mice"),
            "animal",
        ),
        # acute slices are tissue studied as taken: the animal's (labelling rules)
        (
            "Calcium dynamics in acute mouse pancreatic tissue slices",
            "Acute pancreatic tissue slices of mice preserve the architecture of the "
            "islet. Calcium signals of endocrine cells were recorded with confocal "
            "imaging in the slices.",
            "animal",
        ),
    ],
)
def test_animal_cells_in_the_dish(
    rules: TriageRules, title: str, abstract: str, design: str
) -> None:
    triage = text(rules, title, abstract)
    assert triage.design == design, triage.reasons


PATIENT_CELLS_ABSTRACT = (
    "Osteogenesis imperfecta is an inherited skeletal dysplasia. Twelve patients and "
    "12 healthy controls gave skin samples; their fibroblasts were transfected with a "
    "reporter plasmid and grown under ER stress, and the transcriptome of the cells "
    "was profiled."
)


@pytest.mark.parametrize(
    ("title", "abstract", "design"),
    [
        # the title names the cells: the healthy controls are donors, not a cohort
        ("Omics profiling of mutant fibroblasts in osteogenesis imperfecta",
         PATIENT_CELLS_ABSTRACT, "in_vitro"),
        # a title naming an observational design keeps it
        ("Mutant fibroblasts in osteogenesis imperfecta: a case-control study",
         PATIENT_CELLS_ABSTRACT, "observational"),
        # an in-vivo part named in the paper's own text: left to the other decisions
        # (here the patients compared with controls, as before vitro8)
        ("Omics profiling of mutant fibroblasts in osteogenesis imperfecta",
         PATIENT_CELLS_ABSTRACT + " The fibroblasts formed bone in vivo after grafting "
         "into nude mice.", "observational"),
    ],
)  # fmt: skip
def test_patients_cells_as_the_main_question(
    rules: TriageRules, title: str, abstract: str, design: str
) -> None:
    triage = text(rules, title, abstract)
    assert triage.design == design, triage.reasons


def test_animal_sources_are_struck_unless_the_donor_was_changed() -> None:
    # the source phrase goes, the handling of the cells stays
    struck = without_animal_sources("pituitary cells from adult female rats were dispersed")
    assert "rats" not in struck
    assert struck.endswith("were dispersed")
    assert "pups" not in without_animal_sources("neurons isolated from neonatal rat pups were")
    # donors changed in the living body keep their phrase: an experiment in vivo
    for kept in (
        "cells from injured rats were cultured",
        "cells from ovariectomized rats were dispersed",
        "cells from rats treated with morphine",
        "cells from mice with spinal cord injury",
    ):
        assert without_animal_sources(kept) == kept
    # aged animals are bred so, not changed
    assert "rats" not in without_animal_sources("neurons from aged rats were recorded")
