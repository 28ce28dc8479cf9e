"""Issue 19, vitro9: material made in the dish and computation on biological data.

A stem-cell line made from a donor is laboratory material, whoever the donor was:
the donor's age and sex are its source, not a case.  Software, algorithms and
simulations on sequences, proteins or neurons are in silico work, which the
labelling rules (docs/design-labelling.md) call in vitro; engineering and studies
of people or their clinical data are not."""

from __future__ import annotations

import pytest

from monitor.triage import TriageRules
from tests.triage_text import shipped_rules, text


@pytest.fixture(scope="module")
def rules() -> TriageRules:
    return shipped_rules()


LINE = (
    "Rett syndrome is a neurodevelopmental disorder caused by MECP2 variants. Here, we "
    "generated an induced pluripotent stem cell line from skin fibroblasts of a "
    "6-year-old girl carrying a MECP2 deletion, using non-integrating episomal vectors. "
    "The line expressed pluripotency markers, kept a normal karyotype and "
    "differentiated into the three germ layers."
)


@pytest.mark.parametrize(
    ("title", "abstract", "design"),
    [
        # the donor's age and sex in the title: the line's source, not a case
        (
            "Generation of an induced pluripotent stem cell line from a 6-year-old girl "
            "with Rett syndrome",
            LINE,
            "in_vitro",
        ),
        # the teratoma assay of pluripotency does not make an animal study
        (
            "Generation of an iPSC line from a 6-year-old girl with Rett syndrome",
            LINE + " Teratoma formation in nude mice confirmed pluripotency.",
            "in_vitro",
        ),
        # the girl treated and followed as a patient: a case report of hers
        (
            "A 6-year-old girl with Rett syndrome treated with trofinetide",
            "We report a 6-year-old girl with Rett syndrome who was treated with "
            "trofinetide for 12 weeks; her seizures and hand stereotypies improved.",
            "case_report",
        ),
        # derived neurons grafted into rats: the living animal decides (fixs8 kept)
        (
            "iPSC-derived dopaminergic neurons restore rotation behaviour in parkinsonian rats",
            "We differentiated human iPSCs into dopaminergic neurons and "
            "transplanted them into the striatum of 6-OHDA-lesioned rats. Rats were "
            "tested for rotation behaviour for 16 weeks.",
            "animal",
        ),
    ],
)
def test_a_line_made_in_the_dish(rules: TriageRules, title: str, abstract: str,
                                 design: str) -> None:  # fmt: skip
    triage = text(rules, title, abstract)
    assert triage.design == design, triage.reasons


@pytest.mark.parametrize(
    ("title", "abstract", "design"),
    [
        # software on sequencing reads: in silico, so in vitro
        (
            "Fast alignment of long reads",
            "Long-read sequencing produces reads with high error rates. We present an "
            "open-source aligner that maps long reads to a reference genome with a "
            "seed-and-chain algorithm, twice as fast as current tools on simulated and "
            "real data.",
            "in_vitro",
        ),
        # a computational model of neurons
        (
            "Dendritic spikes in a compartmental model",
            "Pyramidal neurons integrate synaptic input along their dendrites. We built a "
            "computational model of a layer 5 pyramidal neuron and ran simulations of "
            "clustered synaptic input to ion channels in its tuft.",
            "in_vitro",
        ),
        # the same kind of algorithm on patients' scans: a clinical method, not in silico
        (
            "Automatic segmentation of the spinal cord",
            "We present an algorithm that segments the spinal cord on MRI scans of 120 "
            "patients with multiple sclerosis, compared with manual segmentation by two "
            "raters.",
            "observational",
        ),
        # engineering without a biological object stays other
        (
            "Routing in tag networks",
            "We propose an algorithm for routing messages through a network of radio tags; "
            "simulations show it halves the delay.",
            "other",
        ),
    ],
)
def test_computation_on_biological_data(rules: TriageRules, title: str, abstract: str,
                                        design: str) -> None:  # fmt: skip
    triage = text(rules, title, abstract)
    assert triage.design == design, triage.reasons


def test_struck_out_is_sub_with_a_space() -> None:
    # fixv9: the teratoma phrases are struck out through fastre's own match loop,
    # which must give what RE2's (slower) sub gives, non-ASCII text included
    from monitor.triage.design_decisions import struck_out
    from monitor.triage.design_patterns import TERATOMA

    for sample in (
        "no assay here",
        "teratoma formation in nude mice confirmed pluripotency; teratomas",
        "the é line formed teratomas in vivo, and a teratoma assay in scid mice was done "
        * 50,
    ):
        assert struck_out(TERATOMA, sample) == TERATOMA.sub(" ", sample)
    assert struck_out(TERATOMA, "no assay here") == "no assay here"


def test_a_teratoma_dense_text_stays_cheap() -> None:
    # fixv9: 100 KB of teratoma phrases under an iPSC title (150 ms through RE2's sub,
    # about 40 ms through the match loop): a guard against a super-linear regression
    import time

    from monitor.triage.design_decisions import in_vitro_derived_line
    from monitor.triage.design_paper import Paper

    dense = ("ipsc line derived teratoma formation in nude mice teratomas " * 2000)[:100_000]
    paper = Paper("generation of an ipsc line", dense, "unclear", "", None, [])
    start = time.process_time()
    assert in_vitro_derived_line(paper) is not None  # the teratoma assay is no animal study
    assert time.process_time() - start < 1.0
