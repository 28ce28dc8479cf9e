"""Issue 19's design cues on hand-written records: laboratory work known by its
methods (the bench words), "in vitro" as the paper's own setting, reviews' own
framing and passive search descriptions, and participants counted only where the
design makes a count meaningful."""

from __future__ import annotations

import pytest

from monitor.triage import TriageRules, classify_many
from monitor.triage.participants import read_counts
from tests.records import make_record
from tests.triage_text import shipped_rules, text


@pytest.fixture(scope="module")
def rules() -> TriageRules:
    return shipped_rules()


BENCH_ABSTRACT = (
    "The expression of the beta1 receptor gene was assessed with chimeric genes "
    "containing its promoter, driving a luciferase reporter. Deletion mutants identified two binding sites for a transcription factor, "
    "confirmed by immunoprecipitation and western blotting."
)


@pytest.mark.parametrize(
    ("title", "abstract", "design"),
    [
        # bench words, nobody studied in vivo: laboratory work without a material phrase
        ("Promoter analysis of the beta1 receptor gene", BENCH_ABSTRACT, "in_vitro"),
        # an animal's gene, nothing done to living animals: still the bench's
        ("Promoter analysis of the rat beta1 receptor gene", BENCH_ABSTRACT, "in_vitro"),
        # the same words with rats injected: an experiment in living animals
        (
            "Promoter activity of the beta1 receptor gene in rats",
            BENCH_ABSTRACT + " Rats were injected with the vector and sacrificed after 7 days.",
            "animal",
        ),
        # the same words with patients enrolled: not laboratory work
        (
            "Beta1 receptor gene variants",
            BENCH_ABSTRACT + " We enrolled 120 patients with heart failure.",
            "observational",
        ),
        # "in vitro" as the paper's own setting, though the background names patients
        (
            "Metformin and methotrexate-induced genotoxicity: an in vitro study in human "
            "lymphocytes",
            "Methotrexate is genotoxic in patients treated for arthritis. Chromosomal "
            "aberrations were counted in lymphocytes exposed to both drugs.",
            "in_vitro",
        ),
        # cells plus "in vivo" and no species or people named: the in-vivo part is animals'
        (
            "LncRNA X regulates proliferation of breast cancer cells",
            "By performing in vivo and in vitro experiments in cell lines we found that X "
            "was low-expressed and its overexpression inhibited proliferation.",
            "animal",
        ),
    ],
)
def test_laboratory_work(rules: TriageRules, title: str, abstract: str, design: str) -> None:
    triage = text(rules, title, abstract)
    assert triage.design == design, triage.reasons


def test_bench_words_say_which_and_a_few_are_not_enough(rules: TriageRules) -> None:
    found = text(rules, "Promoter analysis of the beta1 receptor gene", BENCH_ABSTRACT)
    (reason,) = found.reasons["design"]
    assert "laboratory words" in reason and "'luciferase'" in reason
    # two bench words in a clinical note are not a laboratory paper
    few = text(rules, "Serum enzymes after surgery", "Enzyme levels and the assay used varied.")
    assert few.design != "in_vitro"


@pytest.mark.parametrize(
    ("title", "abstract", "design"),
    [
        (
            "Pharmacological aids to locomotor training after spinal injury in the cat",
            "This Topical Review summarizes some of the work we have done mainly in the cat "
            "using agonists injected intrathecally.",
            "narrative_review",
        ),
        (
            "Advances in imaging of the cord",
            "In this article, we summarize what is known of diffusion imaging.",
            "narrative_review",
        ),
        (
            "Imaging of the cord",
            "The literature on diffusion imaging after injury is reviewed and gaps named.",
            "narrative_review",
        ),
        # a study's "findings are discussed" is not a review's framing
        (
            "Diffusion imaging after injury",
            "We imaged 40 patients at 3 and 12 months. The findings are discussed.",
            "other",
        ),
        # a review that names itself systematic but states no search, selection,
        # appraisal or pooling is narrative (tests/test_design_systematic.py)
        (
            "Pain management at iliac donor sites",
            "A systematic review of the literature was performed. In this review, six "
            "analgesic protocols were compared.",
            "narrative_review",
        ),
        # a title announcing a topic as reviews do, over an abstract with no research
        (
            "Diagnosis and treatment of pulmonary infections in ARDS",
            "Ventilator-associated pneumonia is common in ARDS. Bronchoscopic sampling "
            "selects a population for further evaluation; antibiotics should be narrowed.",
            "narrative_review",
        ),
        # the same title over a study: its own research keeps it out
        (
            "Diagnosis and treatment of pulmonary infections in ARDS",
            "We enrolled 84 patients; bronchoscopic sampling was compared with tracheal "
            "aspirates (p < 0.01).",
            "observational",
        ),
        (
            "DRESS syndrome after a titanium bioprosthesis",
            "This report describes a 19-year-old, previously healthy man with fever and rash "
            "after a spinal fracture was fixed.",
            "case_report",
        ),
        (
            "Reward processing in depression: a conceptual and meta-analytic review",
            "Thirty-eight fMRI studies were entered.",
            "systematic_review",
        ),
    ],
)
def test_review_framing(rules: TriageRules, title: str, abstract: str, design: str) -> None:
    triage = text(rules, title, abstract)
    assert triage.design == design, triage.reasons


def test_participants_are_counted_only_where_they_mean_something(
    rules: TriageRules, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A trial's count is kept; a review's or a laboratory's is not (the literature's
    patients, cells), and a paper whose title settles it as a review is never
    counted at all (counting was a quarter of triage's time)."""
    calls: list[str] = []

    def counting(abstract: str) -> object:
        calls.append(abstract)
        return read_counts(abstract)

    monkeypatch.setattr("monitor.triage.read_counts", counting)
    review = make_record(
        title="Spinal cord stimulation: a narrative review",
        abstract="We summarise 14 trials that enrolled 1,200 patients in total.",
        publication_types=(),
        mesh=(),
    )
    trial = make_record(
        title="Stimulation after injury: a randomised controlled trial",
        abstract="Forty-two adults were randomly assigned to stimulation or sham.",
        publication_types=(),
        mesh=(),
    )
    done = classify_many([review, trial], rules, use_indexing=False)
    assert done[0].design == "narrative_review" and done[0].participants is None
    assert done[0].reasons["participants"] == ["not counted for a narrative_review"]
    assert done[1].design == "rct" and done[1].participants is not None
    assert done[1].participants.number == 42
    assert calls == [trial.abstract]
    assert not any(f.startswith("participants") for f in done[0].features)


@pytest.mark.parametrize(
    ("title", "abstract", "design"),
    [
        # the title's subject is cells, and nothing is done to an animal or person;
        # the patients of the background and conclusion do not count
        (
            "GENE1 promotes proliferation of gastric cancer cells via the TGF-beta pathway",
            "Gastric cancer is common in patients over 60. GENE1 was silenced and "
            "overexpressed, and proliferation was measured. GENE1 may be a marker for "
            "patients with gastric cancer.",
            "in_vitro",
        ),
        # an animal's cells: the species names the source, not the subject
        (
            "Drug resistance in mouse J774.2 cells",
            "We selected resistant sublines and measured P-glycoprotein expression and "
            "drug accumulation.",
            "in_vitro",
        ),
        # the subject named only in the authors' own sentence
        (
            "Effects of an antifungal on azole resistance",
            "Azole resistance is rising. Here, clinical isolates were exposed to the drug "
            "and growth was measured.",
            "in_vitro",
        ),
        # the same cells plus an experiment in living animals: the animal study wins
        (
            "GENE1 promotes proliferation of gastric cancer cells",
            "GENE1 was silenced in cell lines, and tumour growth was followed in nude mice.",
            "animal",
        ),
        # people counted: a study of people, whatever cells it names
        (
            "Regulatory T cells in chronic graft-versus-host disease",
            "Blood of 40 patients was analysed by flow cytometry.",
            "observational",
        ),
        # tissue examined as taken, related to a prognosis: not the dish's
        (
            "Macrophages in gingival overgrowth",
            "Biopsies were stained by immunohistochemistry and macrophages counted.",
            "other",
        ),
        # a title that says the study was done in people
        (
            "Contact position in vitro and in patients with knee arthroplasty",
            "We measured the contact position under fluoroscopy.",
            "other",
        ),
        # another study's in-vivo work is not this paper's
        (
            "Chromosome aberrations in irradiated lymphocytes",
            "Previous in vivo studies found complex exchanges. We irradiated lymphocytes "
            "and scored aberrations.",
            "in_vitro",
        ),
    ],
)
def test_laboratory_subject(rules: TriageRules, title: str, abstract: str, design: str) -> None:
    triage = text(rules, title, abstract)
    assert triage.design == design, triage.reasons


def test_laboratory_subject_says_what_and_why(rules: TriageRules) -> None:
    found = text(
        rules,
        "Drug resistance in mouse J774.2 cells",
        "We selected resistant sublines and measured drug accumulation.",
    )
    (reason,) = found.reasons["design"]
    assert "the title's subject 'cells'" in reason and "nothing studied in vivo" in reason


@pytest.mark.parametrize(
    ("title", "abstract", "design"),
    [
        # cells taken out of an animal, reported in the past passive with no "we":
        # the report of what was done is the authors' own work
        (
            "A persistent potassium current in neostriatal neurons",
            "Potassium currents of striatal neurons are poorly understood. Currents were "
            "studied with whole-cell recording from neurons acutely isolated from adult "
            "rats. The current was blocked by 4-aminopyridine.",
            "in_vitro",
        ),
        # the same cells after the rats were treated: an experiment in living animals
        (
            "A persistent potassium current in neostriatal neurons",
            "Potassium currents of striatal neurons are poorly understood. Male rats from "
            "two strains were treated with the drug for a week. Currents were studied in "
            "neurons acutely isolated from the rats.",
            "animal",
        ),
        # an animal's organ studied as taken, not kept in culture: animal by the rules
        (
            "Prostaglandin synthesis in rabbit aorta",
            "Prostacyclin synthesis was measured in vitro after aortic rings were exposed "
            "to adrenergic agonists.",
            "animal",
        ),
        # the same organ kept in culture: the dish's
        (
            "Prostaglandin synthesis in rabbit aorta",
            "Aortic rings were cultured for three days and prostacyclin synthesis was "
            "measured in vitro after exposure to adrenergic agonists.",
            "in_vitro",
        ),
        # a history sentence in the past passive is not the paper's own work
        (
            "Epstein-Barr virus: forty years on",
            "The virus was discovered 40 years ago in cells cultured from a lymphoma. It "
            "persists in most people as a lifelong infection.",
            "other",
        ),
    ],
)
def test_laboratory_subject_own_report(
    rules: TriageRules, title: str, abstract: str, design: str
) -> None:
    triage = text(rules, title, abstract)
    assert triage.design == design, triage.reasons


def test_in_vivo_wanted_or_a_condition_is_no_animal_study(rules: TriageRules) -> None:
    """A cell paper whose "in vivo" is wanted work or a condition stays in vitro;
    its own in-vivo experiment makes it an animal study."""
    cells = "Curcumin nanoparticles inhibited proliferation of melanoma cell lines in vitro."
    wanted = text(
        rules, "Curcumin nanoparticles and melanoma cells",
        cells + " Further evaluation in in vivo melanoma models is warranted.",
    )  # fmt: skip
    assert wanted.design == "in_vitro", wanted.reasons
    done = text(
        rules, "Curcumin nanoparticles and melanoma cells",
        cells + " The nanoparticles also reduced tumour growth in vivo.",
    )  # fmt: skip
    assert done.design == "animal", done.reasons


@pytest.mark.parametrize(
    ("title", "abstract", "design"),
    [
        # patients in the background made the population "human"; the own experiment
        # is "in vivo and in vitro" beside the cells
        (
            "KIF9 drives gastric cancer progression through a feedback loop",
            "KIF9 was upregulated in gastric cancer tissues and correlated with poor "
            "prognosis in gastric cancer patients. Depletion of KIF9 inhibited gastric "
            "cancer cell proliferation in vivo and in vitro. Mechanistically, KIF9 bound "
            "its target mRNA.",
            "animal",
        ),
        # a species the population vocabulary lacks, said in the passive
        (
            "Maternal antibodies protect offspring against a tick-borne pathogen",
            "Mothers can transmit antibodies to their offspring. Female voles were "
            "infected via tick bite, and their offspring were challenged with one of "
            "two strains. Protection was strain-specific.",
            "animal",
        ),
        # genetically altered animals named by their making
        (
            "SENP9 suppresses browning of white adipose tissue",
            "By generating adipocyte-specific Senp9 knockout mice, we show that SENP9 "
            "regulates browning. The knockout animals resisted diet-induced obesity "
            "compared with patients' known risk.",
            "animal",
        ),
        # the same words about other people's work, or planned work, decide nothing
        (
            "Chromosome aberrations in irradiated lymphocytes",
            "Human lymphocytes were irradiated with alpha particles in culture and "
            "aberrations scored by m-FISH. The results are consistent with findings from "
            "previous in vitro and in vivo work in patients.",
            "!animal",
        ),
        # people studied too: the human part's design (not an animal study)
        (
            "Serum marker X in ulcerative colitis",
            "We measured serum X in 120 patients with ulcerative colitis and 80 healthy "
            "controls in a retrospective cohort, and in a mouse model of DSS colitis.",
            "observational",
        ),
        # a review speaking of animal models
        (
            "Thiamine and diabetic complications",
            "Since 1996, several papers based on in vitro work and animal models have "
            "addressed thiamine. This review summarises the current knowledge.",
            "narrative_review",
        ),
    ],
)
def test_own_animal_experiment_whatever_the_population(
    rules: TriageRules, title: str, abstract: str, design: str
) -> None:
    """The paper's own in-vivo experiment makes an animal study even where the
    population facet did not say "animal" (patients in the background, a species it
    does not know); others' work, wanted work, people studied and reviews do not.
    ("!animal": anything but an animal study.)"""
    triage = text(rules, title, abstract)
    if design.startswith("!"):
        assert triage.design != design[1:], triage.reasons
    else:
        assert triage.design == design, triage.reasons
