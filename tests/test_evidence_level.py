"""The card's evidence level, fifth round (issue 20): time direction, the species studied,
a review's own kind, analyses of trials.

Sentences are written for these tests, one per rule (monitor/briefs/time_direction.py,
monitor/briefs/studied_species.py, docs/card-labelling.md); the real abstracts are
measured by ``scimon eval card`` on docs/card-key/.
"""

from __future__ import annotations

import pytest

from monitor.briefs.evidence import evidence_level_of
from monitor.briefs.studied_species import animal_work_only, people_studied
from monitor.briefs.time_direction import time_direction
from monitor.triage.participants import participants_of
from tests.records import TriageStub, make_record


@pytest.mark.parametrize(
    ("abstract", "kind"),
    [
        # the authors call it a case series, whatever its size
        ("This was a retrospective case series. Twenty-five consecutive children had BAL.",
         "case_series"),
        # ... its modifiers listed with commas ("this retrospective, comparative case
        # series"), though its patients had follow-up
        ("In this retrospective, comparative interventional case series, 33 patients "
         "were reviewed at follow-up.", "case_series"),
        # a diagnostic question is one comparison of tests, however patients were enrolled
        ("We prospectively enrolled 300 patients to assess the diagnostic accuracy of CT.",
         "cross_sectional"),
        ("We retrospectively enrolled 1,032 children to evaluate mNGS in diagnosing pneumonia.",
         "cross_sectional"),
        # time going forward: repeated assessments, longitudinal, follow-up
        ("Irritability was reported at ages 3, 5, and 9 years.", "cohort"),
        ("Traits were assessed one month after lockdown (T2) and compared with 2018 (T1).",
         "cohort"),
        ("Health was rated on the SF-36 health survey each year after surgery.", "cohort"),
        ("Data came from a longitudinal sample; cross-sectional twin analyses were run.",
         "cohort"),
        ("Neurologic deficit was assessed daily in 54 patients.", "cohort"),
        # one time point, said so
        ("Participants derived from a community cohort study underwent same-day imaging.",
         "cross_sectional"),
        ("We used the baseline data of a cohort (n = 13,584).", "cross_sectional"),
        ("A national survey of 400 nurses was conducted.", "cross_sectional"),
        # an outcome after a treatment goes forward; a look back at records does not
        ("In this retrospective study 22 patients underwent pump implantation. "
         "Postoperatively all improved.", "cohort"),
        ("Medical records of 100 children admitted from 1980-1989 were reviewed.",
         "cross_sectional"),
        ("In a retrospective study, we examined 36 archival lesions.", "cross_sectional"),
        # the design said outright outranks a cue in passing; a background section is the
        # field's, not this study's
        ("INTRODUCTION: Alcohol use rises every year. METHODS: Our research was a "
         "cross-sectional study in 306 students.", "cross_sectional"),
        ("METHODS: We undertook a cross-sectional study; items were delivered each year.",
         "cross_sectional"),
        ("METHODS: We performed a longitudinal study of 266 patients.", "cohort"),
        # a single wave, and a same-day transfusion, are not timings of the study
        ("Data were collected from the national survey, Wave 1 (2010).", "cross_sectional"),
        ("Rates of shock and same-day transfusion were compared after surgery.", "cohort"),
        ("Cross-sectional data were obtained from the 2013-2014 waves of a national study.",
         "cross_sectional"),
        ("A survey of primary care physicians on long-term follow-up guidelines.",
         "cross_sectional"),
        # an objective response rate is not a survey's
        ("Overall survival and overall response rate were compared between groups.", "cohort"),
        # anatomy is not a design
        ("Fractional anisotropy of the superior longitudinal fasciculus was lower.", None),
        ("We examined 50 patients.", None),
        # a time point is a time of the study's schedule, not an MRI sequence or a level
        ("Lesions were hyperintense on T2-weighted images and hypointense on T1WI.", None),
        ("We measured the T1-weighted/T2-weighted ratio in 40 children.", None),
        ("Anxiety was rated at T0, at T1 (discharge) and at T2 (6 months).", "cohort"),
        ("Injuries between T1 and T2 levels were excluded.", None),
        # background sentences before the study's own are the field's, not its outcomes
        ("Central metastasis carries a high recurrence rate. The aim of this study was to "
         "find factors associated with metastasis in 976 patients.", None),
        ("The aim was to measure motor recovery of 40 patients.", "cohort"),
        # ... and "this" of anything but the paper's work does not open the study
        ("Cancers were found 15 years after radium treatment. The dose to this organ was "
         "low.", "cohort"),
        # recovery as a state, and an MRI sequence, are no outcome followed
        ("Participants were abstinent during their early recovery.", None),
        ("We read fluid-attenuated inversion recovery images of 30 patients.", None),
        # a study of a measurement's properties measures once, whatever follow-ups it names
        ("The objective was to test the reliability and the validity of the angle. "
         "Patients had follow-ups.", "cross_sectional"),
        ("This prospective cohort study assessed the reliability of a score.", "cohort"),
    ],
)  # fmt: skip
def test_time_direction(abstract: str, kind: str | None) -> None:
    found = time_direction("A study", abstract)
    assert (found.kind if found else None) == kind, found


def test_a_stated_follow_up_is_time_going_forward() -> None:
    found = time_direction("A study", "We examined 50 patients.", follow_up="4 months")
    assert found is not None and found.kind == "cohort" and not found.said


def test_sentences_about_other_studies_do_not_decide() -> None:
    """A cohort cited in the background is not this study's design (scope.scoped)."""
    abstract = (
        "Previous studies have followed up patients for 10 years. "
        "In a cross-sectional design we measured 200 adults."
    )
    found = time_direction("A study", abstract)
    assert found is not None and found.kind == "cross_sectional", found


@pytest.mark.parametrize(
    ("title", "abstract", "unit", "animal"),
    [
        # patients only in background and conclusion: animal work
        ("Nanoconjugates induce recovery after SCI",
         "Respiratory complications in patients with SCI are common. Sprague-Dawley rats "
         "underwent C2 hemisection. This may help patients.", None, "rats"),
        ("Cytoplasmic extracts promote recovery after SCI",
         "Infections kill spinal cord-injured patients. Animals injected with the extract "
         "improved.", None, "Animals"),
        # animals only in the background, people studied: not animal work
        ("Receptors facilitate spasms after human SCI",
         "In animals, recovery is mediated by receptors. In this study we tested "
         "participants with chronic injury.", None, None),
        # people counted
        ("Drug X after SCI", "We treated 40 patients; in rats the drug was shown to work "
         "and we compared with sham rats.", "patients", None),
        # laboratory work on mouse data, or a porcine virus in cells, is no animal work
        ("Mitochondrial proportion in human and mice tissues",
         "We analyzed 5 530 106 cells of mouse tissues.", None, None),
        # a commentary's title names the work it comments on
        ("Commentary on: outcome in mice treated with DHA",
         "This commentary examines the recent findings.", None, None),
    ],
)  # fmt: skip
def test_animal_work_only(title: str, abstract: str, unit: str | None, animal: str | None) -> None:
    about_papers = title.startswith("Commentary")
    laboratory = title.startswith("Mitochondrial")
    found = animal_work_only(
        title, abstract, unit, about_papers=about_papers, laboratory=laboratory
    )
    assert found == animal


def test_a_single_session_is_no_follow_up() -> None:
    assert time_direction("A study", "We examined 50 patients.", follow_up="48 hours") is None
    assert time_direction("A study", "We examined 50 patients.", follow_up="90 minutes") is None
    found = time_direction("A study", "We examined 50 patients.", follow_up="6 days")
    assert found is not None and found.kind == "cohort"


def test_people_studied_by_count_unit() -> None:
    assert people_studied("Nothing said.", "patients with SCI")
    assert not people_studied("Nothing said.", "rats")
    assert not people_studied("Nothing said.", None)


@pytest.mark.parametrize(
    ("design", "population", "title", "abstract", "coarse"),
    [
        # evidence rule 4: the part studied decides
        ("other", "both", "Drug X restores breathing after SCI",
         "Respiratory complications in patients with SCI are common. Rats underwent C2 "
         "hemisection and were treated with drug X.", "preclinical"),
        ("narrative_review", "both", "Receptors after human SCI",
         "In animals, receptors mediate recovery. We tested participants with SCI.", "other"),
        # a paper that reviews is a review before its sources' species are asked
        ("narrative_review", "both", "Ghrelin cells in the gut: a review of the evidence",
         "Both in humans and animals the gut holds ghrelin cells. The present study reviews "
         "how ghrelin cells are distributed in the animal body.", "other"),
        ("other", "both", "Ketamine and the cingulate cortex",
         "We discuss here how rats and mice treated with ketamine show changed activity, "
         "and what patients with depression may gain.", "other"),
        ("other", "both", "Drug Y after SCI",
         "Patients with SCI often lose breathing. We treated rats with drug Y; we discuss "
         "the implications.", "preclinical"),
        # trials a review did not find are not trials it took (negation scope)
        ("systematic_review", "human", "Rehabilitation of joint injuries: a review",
         "Studies were identified by searching MEDLINE. Four publications were included. "
         "No randomized controlled trials or comparative studies were identified.", "sr_other"),
        ("systematic_review", "human", "Drug Z: a meta-analysis",
         "We searched MEDLINE. Twelve randomized controlled trials were included; "
         "observational studies were not sought.", "sr_rct"),
        # a review that says how it searched and what it took is a systematic review
        ("narrative_review", "human", "Managing surgical patients",
         "Relevant publications were included. We analyzed 28 papers.", "sr_other"),
        # ... but not one that says a meta-analysis is not what it did
        ("narrative_review", "human", "Coffee: brew or bane?",
         "A formal meta-analysis is not the ideal way to summarize the data. This "
         "literature review suggests no effect.", "other"),
        # what a review included, in its selection section or its count of trials
        ("systematic_review", "human", "Spinal manipulation: an IPD meta-analysis",
         "STUDY SELECTION: Randomized controlled trials (RCT) examining SMT in adults. "
         "RESULTS: Of the 42 RCTs fulfilling the inclusion criteria, we obtained IPD from 21.",
         "sr_rct"),
        ("systematic_review", "human", "Earplugs in the ICU: a meta-analysis",
         "DATA SOURCES: Randomized controlled trial studies conducted before May 5, 2020 were "
         "searched for in Embase.", "sr_rct"),
        # some of the included studies were trials: not a review of trials
        ("systematic_review", "human", "Botulinum toxin for dyssynergia: a systematic review",
         "RESULTS: Eleven studies (three randomized control trials) involving 248 participants "
         "were included.", "sr_other"),
        # an analysis of a randomised trial's data is the trial's design (rule 1)
        ("observational", "human", "Risk factors in the CPEP trial",
         "Women enrolled in a multicenter trial comparing calcium to placebo were studied. "
         "Findings after randomization were examined.", "rct"),
        ("observational", "human", "Outcomes in a registry",
         "Data from the national registry were analysed; 400 patients were followed for "
         "2 years.", "cohort"),
        # a self-described series, larger than 20 cases
        ("observational", "human", "BAL in children",
         "This was a retrospective case series. Twenty-five consecutive children had "
         "bronchoscopy.", "case_series"),
        # a human paper with no count whose timing is said outright
        ("other", "human", "Responses to lockdown",
         "We assessed traits in more than 4000 twins one month after lockdown (T2) and "
         "compared them with 2018 (T1).", "cohort"),
    ],
)  # fmt: skip
def test_evidence_level_rules(
    design: str, population: str, title: str, abstract: str, coarse: str
) -> None:
    record = make_record(title=title, abstract=abstract)
    triage = TriageStub(design, population, participants_of(record))
    found = evidence_level_of(record, triage)
    assert found.coarse == coarse, found.reason


def test_a_background_section_is_set_aside_up_to_the_next_label_only() -> None:
    """The background section of a structured abstract is blanked up to the next
    section's label; one that no label follows is kept (it may be all there is)."""
    from monitor.briefs.time_direction import without_background

    text = "background: x was followed up for years. methods: patients were assessed once."
    assert without_background(text) == " methods: patients were assessed once."
    assert without_background("background: x was followed up.") == (
        "background: x was followed up."
    )
    # each of two background sections, the text between them kept
    both = "introduction: a. aim: b. context: c. results: d."
    assert without_background(both) == " aim: b.  results: d."


def test_background_labels_no_section_follows_take_linear_time() -> None:
    """Hostile text (an untrusted feed's abstract has no length bound): 200,000
    characters of background labels no section label follows.  The earlier single
    pattern scanned to the end from each label, quadratic: 2 s at 32,000 characters,
    about 80 s here; the two searches take milliseconds."""
    import time

    from monitor.briefs.time_direction import without_background

    text = "background:x " * 15_000
    started = time.process_time()
    assert without_background(text) == text
    assert time_direction("t", text) is None
    assert time.process_time() - started < 5


@pytest.mark.parametrize(
    ("abstract", "coarse"),
    [
        # seventh round: a paper scimon's design rules call animal work that says of
        # itself it reviews or comments is a review (the kind before the species)
        ("Herein, we will review the role of the proteasome in mouse models of injury.",
         "other"),
        ("This commentary reviews recent findings in a rat model of spinal cord injury.",
         "other"),
        # ... and animal work that only cites reviews stays preclinical
        ("Rats received drug X for 7 days; a recent review had suggested it helps.",
         "preclinical"),
    ],
)  # fmt: skip
def test_animal_design_that_reviews_itself(abstract: str, coarse: str) -> None:
    record = make_record(title="Drug X after injury", abstract=abstract)
    triage = TriageStub("animal", "both", participants_of(record))
    assert evidence_level_of(record, triage).coarse == coarse


@pytest.mark.parametrize(
    ("title", "abstract", "coarse"),
    [
        # rule 5.1: the authors name the design
        ("Bladder habits in spinal cord injury: a case-control study",
         "We studied 40 patients and 40 neighbours.", "case_control"),
        # "case-control status" names a variable, not this study's design: a state
        # measured once in cases and controls is cross-sectional (rule 5.2)
        ("Serum marker Q in wheelchair users",
         "We measured marker Q in 30 patients with SCI and 30 healthy controls, "
         "with case-control status as the outcome of a ROC analysis.", "cross_sectional"),
        # rule 5.2: cases and controls compared on what came before the outcome
        ("Childhood diet and later pressure ulcers",
         "We interviewed 120 cases and 120 matched controls about past exposures to "
         "smoke at work.", "case_control"),
        ("Gene Z and neuropathic pain",
         "Sixty patients with pain and 80 controls were genotyped; the Z variant "
         "raised the risk of pain.", "case_control"),
        # rule 5.2: compared on a state measured now, even when collected prospectively
        ("Spinal reflexes after injury",
         "This prospective study measured reflex gain in 19 patients with SCI and in "
         "healthy controls (n = 13).", "cross_sectional"),
        # "control" as regulation, or an intervention study's control group, is no
        # sample of controls: the time direction decides as before
        ("Bladder care after SCI",
         "We reviewed 60 patients with SCI and poor bladder control; after surgery, "
         "survival was recorded.", "cohort"),
        # an outcome after treatment is an outcome the groups were followed to
        ("Surgery in SCI",
         "We compared 40 patients with SCI and 40 matched controls on survival after "
         "surgery.", "cohort"),
        # rule 5.3: groups assessed again later are a cohort
        ("Walking in people with SCI",
         "Gait speed was measured in 25 patients and 25 controls at baseline and at "
         "12 months.", "cohort"),
    ],
)
def test_patients_versus_controls_rule_5(title: str, abstract: str, coarse: str) -> None:
    record = make_record(title=title, abstract=abstract, publication_types=(), mesh=())
    triage = TriageStub("observational", "human", participants_of(record))
    assert evidence_level_of(record, triage).coarse == coarse


@pytest.mark.parametrize(
    ("title", "abstract", "coarse"),
    [
        # nothing said of design or timing: levels and images measured on the people
        # are a state measured once (issue 20, evid5; the default was cohort)
        ("Marker K and plaque volume",
         "Marker K was measured in 210 adults with coronary disease, who underwent CT "
         "angiography to measure plaque volume.", "cross_sectional"),
        # ... events the people came to were followed to: deaths, complications, a
        # treatment's success, a condition they developed, their outcome
        ("Repair of arterial wounds",
         "Forty-two consecutive patients with arterial wounds were operated on; "
         "mortality was 12% and most repairs were successful.", "cohort"),
        ("Drug Q for pneumonia",
         "We evaluated the outcome of 300 patients given drug Q.", "cohort"),
        ("Infusion of cells in leukaemia",
         "Of 59 patients infused with the cells, 21 developed a fever syndrome.", "cohort"),
        # the bare word "cohort" names the sample, not a follow-up
        ("Gut bacteria in children with HIV",
         "Stool bacteria were cultured from a cohort of 67 children with HIV.",
         "cross_sectional"),
        # a method that was developed, or an outcome measure, is no event of the people
        ("A newly developed assay for hepcidin",
         "Serum hepcidin was measured with a newly developed assay in 70 patients; "
         "main outcome measures were hepcidin and ferritin.", "cross_sectional"),
        # outcome-measure wording (review of session 13): a JAMA-style section label, an
        # outcome "was measured", a procedure done "successfully"
        ("Serum marker K in adults with spinal cord injury",
         "MAIN OUTCOMES AND MEASURES: Serum marker K was measured in 85 adults with "
         "spinal cord injury.", "cross_sectional"),
        ("Marker K and function after spinal cord injury",
         "In 85 adults with spinal cord injury, marker K was assayed and functional "
         "outcome (FIM) was measured once.", "cross_sectional"),
        ("Marker K in adults with spinal cord injury",
         "Marker K and plaque volume were successfully measured in 85 adults with "
         "spinal cord injury.", "cross_sectional"),
    ],
)
def test_observational_with_nothing_said_reads_outcome_events(
    title: str, abstract: str, coarse: str
) -> None:
    record = make_record(title=title, abstract=abstract, publication_types=(), mesh=())
    triage = TriageStub("observational", "human", participants_of(record))
    level = evidence_level_of(record, triage)
    assert "no design named" in level.reason
    assert level.coarse == coarse


@pytest.mark.parametrize(
    ("abstract", "coarse"),
    [
        # "local control" is a tumour's regulation, no comparison group: up to 20 cases
        # without one are a series (docs/card-labelling.md evidence rule 3)
        ("Sixteen children with nasopharyngeal carcinoma received brachytherapy; local "
         "control and survival were recorded.", "case_series"),
        # a control group is one
        ("Sixteen children with nasopharyngeal carcinoma received brachytherapy and a "
         "control group did not; survival was recorded.", "cohort"),
    ],
)
def test_control_as_regulation_is_no_comparison_group(abstract: str, coarse: str) -> None:
    record = make_record(title="Brachytherapy in children", abstract=abstract,
                         publication_types=(), mesh=())  # fmt: skip
    triage = TriageStub("observational", "human", participants_of(record))
    assert evidence_level_of(record, triage).coarse == coarse


@pytest.mark.parametrize(
    ("abstract", "coarse"),
    [
        # a protocol says what will be done: no results yet (issue 20, evid6)
        ("A prospective cohort of 200 adults with spinal cord injury will be followed for "
         "one year to study bladder outcomes.", "other"),
        ("In this pilot study we propose to enrol 10 patients with acute cervical injury.",
         "other"),
        # a finished study that names a treatment's protocol ("treated according to the
        # NASCIS study protocol") has results, and is read from what it says of itself
        ("Consecutive cohort study. All 79 patients were treated according to the NASCIS "
         "study protocol; motor scores improved by 12 points at 3 months.", "cohort"),
        ("We present a retrospective case series of 15 children with spinal cord injury "
         "treated as per the NASCIS protocol; 13 recovered completely.", "case_series"),
    ],
)
def test_a_protocol_reports_no_results(abstract: str, coarse: str) -> None:
    record = make_record(title="Methylprednisolone in acute spinal cord injury",
                         abstract=abstract, publication_types=(), mesh=())  # fmt: skip
    triage = TriageStub("protocol", "human", participants_of(record))
    assert evidence_level_of(record, triage).coarse == coarse


@pytest.mark.parametrize(
    ("title", "abstract", "coarse"),
    [
        # laboratory work on people's material is a study of those people (issue 20,
        # evid6): tissue findings measured once, survival followed, a case or two
        ("Nitrotyrosine in pancreatic cancer",
         "METHODS: Twelve human pancreatic adenocarcinomas were evaluated by "
         "immunohistochemistry. RESULTS: Tumours showed more staining than normal "
         "pancreatic tissue.", "cross_sectional"),
        ("BRCA1 expression in lung cancer",
         "METHODS: Immunohistochemistry was done on tissue microarrays of tumours from 113 "
         "patients with lung cancer. Staining was correlated with overall survival.",
         "cohort"),
        ("A disorder identical to X-linked agammaglobulinemia",
         "Clinical and laboratory findings in two girls with the disorder are described. "
         "Somatic-cell hybrids were produced from her activated T cells.", "case_series"),
        # cells and cell lines, and patients named only as whom the work may help, stay
        # laboratory work
        ("FOXO3 in pancreatic cancer cells",
         "We overexpressed FOXO3 in PANC-1 cells; proliferation rose. This may help "
         "treat patients with pancreatic cancer.", "in_vitro"),
        # ... nor a gene family, nor patients the work may help, nor a number that is
        # another noun's (review of the update file: these were read as people)
        ("miR-429 in lung cancer cells",
         "Members of the miR-200 family regulate growth of A549 cells; 2 inhibitors for "
         "the treatment of patients were tested in vitro.", "in_vitro"),
    ],
)
def test_laboratory_work_on_peoples_material(title: str, abstract: str, coarse: str) -> None:
    record = make_record(title=title, abstract=abstract, publication_types=(), mesh=())
    triage = TriageStub("in_vitro", "human", participants_of(record))
    assert evidence_level_of(record, triage).coarse == coarse


@pytest.mark.parametrize(
    ("abstract", "kind"),
    [
        # a look back on records comparing groups by the treatment they were given is a
        # retrospective cohort (labelling rule 3; issue 20, evid6)
        ("A retrospective study of 28 patients with central cord injury was done. One-half "
         "had been treated with medical therapy alone (Group I); the others were treated "
         "surgically (Group II).", "cohort"),
        ("We retrospectively analyzed the charts of 150 patients; 150 matched patients "
         "undergoing surgery with conventional cardioplegia served as control group.",
         "cohort"),
        # ... groups without a treatment, or a treatment without groups, remain a look back
        # at one time
        ("In this retrospective study, the records of 100 children were reviewed and the "
         "two groups of cellulitis were compared on admission data.", "cross_sectional"),
        ("We retrospectively reviewed 109 patients treated with staging laparoscopy for "
         "pancreatic cancer.", "cross_sectional"),
    ],
)
def test_a_retrospective_comparison_of_treatment_groups_is_a_cohort(
    abstract: str, kind: str
) -> None:
    found = time_direction("Management of injury", abstract)
    assert found is not None
    assert found.kind == kind


@pytest.mark.parametrize(
    ("abstract", "kind"),
    [
        # a prognostic or prediction model is fitted on people whose later outcome is
        # known: a cohort (issue 20, evid6) ...
        ("OBJECTIVES: Development and validation of a prognostic model for the risk of "
         "recurrent disc herniation after discectomy in 645 patients.", "cohort"),
        ("This study reports the development and validation of a prediction model aiming "
         "at 1-year axial length elongation in 1261 children.", "cohort"),
        # ... a scale or a diagnostic model is measured once
        ("This study reports the development and validation of a scale measure of trait "
         "disinhibition in 1,500 adolescents.", "cross_sectional"),
        ("Development and validation of a prediction model for diagnosing pulmonary "
         "embolism in 900 patients.", "cross_sectional"),
    ],
)
def test_what_a_development_and_validation_study_builds(abstract: str, kind: str) -> None:
    found = time_direction("A model", abstract)
    assert found is not None
    assert found.kind == kind


@pytest.mark.parametrize(
    ("abstract", "coarse"),
    [
        # a review named as the source of a finding is cited, not this paper (issue 20,
        # evid6): a narrative review stays expert opinion
        ("Early gastroscopy is essential. In a meta-analysis it was shown that "
         "H2-antagonists reduced mortality. Emergency surgery remains risky.", "other"),
        ("A systematic review of the preclinical literature on these therapies reveals "
         "promising results in several injury models.", "other"),
        ("Healing has been shown by meta-analysis to follow acid suppression.", "other"),
        # ... while a review that says it is one, or did one, is a review
        ("To sum up, this is a systematic review on the mechanism of macrophage "
         "polarization.", "sr_other"),
        ("We used a preregistered meta-analysis to quantify the associations.", "sr_other"),
    ],
)
def test_a_cited_review_is_not_this_papers_kind(abstract: str, coarse: str) -> None:
    record = make_record(title="Treatment of bleeding ulcers", abstract=abstract,
                         publication_types=(), mesh=())  # fmt: skip
    triage = TriageStub("narrative_review", "human")
    assert evidence_level_of(record, triage).coarse == coarse


@pytest.mark.parametrize(
    ("abstract", "coarse"),
    [
        # a "review" that counts its own people reports its own cases (issue 20, evid6)
        ("Over 36 years, 14 children were treated for pheochromocytoma at our hospital; "
         "all were alive at the last visit.", "case_series"),
        # a review that counts no people of its own stays expert opinion
        ("Pheochromocytoma in children is rare. Surgery remains the treatment of choice "
         "and outcomes have improved.", "other"),
    ],
)
def test_a_review_counting_its_own_people_reports_cases(abstract: str, coarse: str) -> None:
    record = make_record(title="Pediatric pheochromocytoma", abstract=abstract,
                         publication_types=(), mesh=())  # fmt: skip
    triage = TriageStub("narrative_review", "human")
    assert evidence_level_of(record, triage).coarse == coarse


@pytest.mark.parametrize(
    ("abstract", "coarse"),
    [
        # a genotype is inherited, so it came before the outcome: cases beside controls
        # compared on it are a case-control study without a "risk" word (issue 20, evid6)
        ("HFE mutations were determined in 63 patients with alcoholic liver disease and "
         "52 healthy controls.", "case_control"),
        ("We compared the secondary-variant genetic burden of 40 patients with the "
         "syndrome with population controls.", "case_control"),
        # a protein variant measured now is no genotype: a state measured once
        ("Saliva proteoform variants were profiled in 30 patients with multiple sclerosis "
         "and 30 healthy controls.", "cross_sectional"),
    ],
)
def test_a_genotype_compared_in_cases_and_controls(abstract: str, coarse: str) -> None:
    record = make_record(title="Liver disease", abstract=abstract, publication_types=(),
                         mesh=())  # fmt: skip
    triage = TriageStub("observational", "human", participants_of(record))
    assert evidence_level_of(record, triage).coarse == coarse


@pytest.mark.parametrize(
    ("design", "abstract", "coarse"),
    [
        # a paper whose own work is reviewing, counting no people of its own, is a
        # narrative review whatever trial it discusses (issue 20, evid6)
        ("non_randomized_trial",
         "The authors review the evidence for steroids and critique NASCIS I and II, in "
         "which patients treated within 8 hours recovered more function.", "other"),
        ("observational",
         "To review the classification and epidemiology of bipolar disorder in old age. "
         "Most data come from chart reviews; mortality is high.", "other"),
        # ... "we review our experience" with counted patients is a study of them
        ("observational",
         "We review our experience with 48 patients who underwent fusion; mortality was "
         "2% and complications were rare.", "cohort"),
    ],
)
def test_a_paper_that_reviews_and_counts_no_people(design: str, abstract: str, coarse: str) -> None:
    record = make_record(title="Steroids in spinal cord injury", abstract=abstract,
                         publication_types=(), mesh=())  # fmt: skip
    triage = TriageStub(design, "human", participants_of(record))
    assert evidence_level_of(record, triage).coarse == coarse


@pytest.mark.parametrize(
    ("abstract", "kind"),
    [
        # a test's accuracy said in other words is still a diagnostic question, measured
        # once whatever "prospective" says of the enrolment (issue 20, evid7)
        ("A prospective observational study of 1,000 patients tested whether serial ECG "
         "was more sensitive and specific than the initial ECG.", "cross_sectional"),
        ("In a prospective study of 26 patients, the accuracy of the combined diagnostic "
         "laparoscopy was compared with CT.", "cross_sectional"),
        # a cohort's baseline data: "longitudinal" names the cohort drawn from, not this study
        ("Models were tested using the baseline data from the Brazilian Longitudinal Study "
         "of Adult Health (n = 13,584).", "cross_sectional"),
        ("151 women enrolled in a longitudinal cohort study completed baseline assessments "
         "between October 2019 and January 2020.", "cross_sectional"),
        # ... without a baseline said, the cohort's data may run over time: unchanged
        ("Data (n = 3542) came from the Avon Longitudinal Study of Parents and Children.",
         "cohort"),
    ],
)
def test_diagnostic_wording_and_a_cohorts_baseline(abstract: str, kind: str) -> None:
    found = time_direction("A study", abstract)
    assert found is not None
    assert found.kind == kind


@pytest.mark.parametrize(
    ("abstract", "coarse"),
    [
        # a non-randomised "trial" of a test's accuracy follows no outcome of a treatment
        ("In 243 patients suspected of pancreatic cancer in a multicenter prospective "
         "study, the diagnostic value of a marker panel was compared with CA19-9.",
         "cross_sectional"),
        # ... a non-randomised trial of a treatment stays a cohort-level study
        ("Forty patients received the new drug and were followed for 12 months; pain "
         "scores fell.", "cohort"),
        # ... and a test's accuracy reported beside the treatment's outcome is no
        # diagnostic question of the study (review of evid7, fixe7)
        ("A non-randomized controlled trial of 80 patients receiving intrathecal baclofen "
         "or oral therapy for 6 months. Spasticity fell more with baclofen. The sensitivity "
         "and specificity of the Ashworth scale for change were also calculated.", "cohort"),
        ("Patients were allocated to early or late decompression surgery. Neurological "
         "recovery was better after early surgery. MRI was more sensitive and specific "
         "than CT.", "cohort"),
    ],
)
def test_a_non_randomised_trial_of_a_test(abstract: str, coarse: str) -> None:
    record = make_record(title="Pancreatic cancer", abstract=abstract, publication_types=(),
                         mesh=())  # fmt: skip
    triage = TriageStub("non_randomized_trial", "human", participants_of(record))
    assert evidence_level_of(record, triage).coarse == coarse


@pytest.mark.parametrize(
    ("abstract", "coarse"),
    [
        # a world statistic in a review's background section is the field's count, not
        # people the review studied (issue 20, evid7)
        ("BACKGROUND: The COVID-19 pandemic has spread across the world with over "
         "2,719,000 reported cases in over 200 countries. METHODS: We review the "
         "pathophysiology and the neuropsychiatric manifestations.", "other"),
        # ... its own cases, counted in its own sentences, are still a study of them
        ("We describe three clinical cases of delayed paraplegia treated at our centre.",
         "case_series"),
    ],
)
def test_a_reviews_background_count_is_not_its_people(abstract: str, coarse: str) -> None:
    record = make_record(title="A review of COVID-19", abstract=abstract,
                         publication_types=(), mesh=())  # fmt: skip
    triage = TriageStub("narrative_review", "human", participants_of(record))
    assert evidence_level_of(record, triage).coarse == coarse


@pytest.mark.parametrize(
    ("abstract", "coarse"),
    [
        # its included studies said to be randomised controlled "studies" (issue 20, evid7)
        ("We searched PubMed and EMBASE. Randomized controlled studies of acarbose were "
         "included. A total of 4 randomized controlled studies including 202 participants "
         "were identified.", "sr_rct"),
        # a meta-analysis of controlled studies, an RCT subset pooled beside it: not of RCTs
        ("We performed a meta-analysis of controlled studies. Of 3843 citations, 26 studies "
         "were included. A meta-analysis of randomized controlled trials showed a higher "
         "risk of herpes zoster.", "sr_other"),
        # "placebo-controlled studies" in its background says nothing against the
        # randomised trials it included (review of evid7, fixe7)
        ("BACKGROUND: Placebo-controlled studies of herbal medicine in COPD were identified "
         "as few. METHODS: Placebo controlled randomized trials were included. RESULTS: 17 "
         "randomized trials with 1223 patients were pooled.", "sr_rct"),
        ("We searched PubMed. Randomized sham-controlled studies were included; 6 RCTs were "
         "identified.", "sr_rct"),
    ],
)
def test_a_review_of_randomised_studies(abstract: str, coarse: str) -> None:
    record = make_record(title="A systematic review and meta-analysis", abstract=abstract,
                         publication_types=(), mesh=())  # fmt: skip
    assert evidence_level_of(record, TriageStub("systematic_review")).coarse == coarse


@pytest.mark.parametrize(
    ("title", "abstract", "coarse"),
    [
        # a review that counts people of the literature is no report of its own cases
        # (review of evid6, fixevid): a trial it describes, a pooled literature count, a
        # figure in its background, a count of things that are not people
        ("Steroids after SCI: a review",
         "This review will focus on placebo-controlled studies. A randomized phase 2 trial "
         "involving 64 patients showed benefit.", "other"),
        ("Management of the distal ureter in nephroureterectomy",
         "The aim of this review was to determine outcomes. Methods: A literature review "
         "was conducted. Results: Nine studies with a total of 383 patients were eligible; "
         "recurrence at follow-up was similar.", "other"),
        ("A review of the neuropsychiatric manifestations of COVID-19",
         "BACKGROUND: The pandemic has spread with over 2,719,000 reported cases in 200 "
         "countries. OBJECTIVE: To review the neuropsychiatric manifestations.", "other"),
        ("Protein kinases in axon growth: a review",
         "Three main families of protein kinases regulate growth cones, reviewed here.",
         "other"),
        # ... its own cases, with a cue they are its own, stay a study of them
        ("Pyoderma gangrenosum-like ulcers: case series and review of the literature",
         "We describe 3 new pediatric cases with ulcerations; two improved on steroids.",
         "case_series"),
        ("Nasopharyngeal carcinoma in children",
         "The results of treatment are reviewed in 18 cases of childhood carcinoma; the "
         "outcome is compared in 9 patients treated with radiotherapy alone and 9 treated "
         "with chemotherapy.", "cohort"),
        ("Cultural identity in analytical practice",
         "This paper discusses identity. Three clinical cases presented in the paper reveal "
         "a relationship between complexes and traumas.", "case_series"),
        ("Ulceration as a presenting feature of granulomatosis",
         "BACKGROUND: Skin involvement is rare. CASE PRESENTATION: We describe 3 new "
         "pediatric cases with ulcerations; two improved on steroids.", "case_series"),
    ],
)
def test_a_review_reports_its_own_cases_only_with_a_cue(
    title: str, abstract: str, coarse: str
) -> None:
    record = make_record(title=title, abstract=abstract, publication_types=(), mesh=())
    triage = TriageStub("narrative_review", "human")
    assert evidence_level_of(record, triage).coarse == coarse


@pytest.mark.parametrize(
    ("title", "abstract", "coarse"),
    [
        # people's material measured once is cross-sectional (rule 5.2), whatever the
        # disease is called or the prognosis it bears on (review of evid6, fixevid)
        ("Marker X in recurrent glioma",
         "Recurrent glioma is common. Tumour tissues were collected from 40 patients and "
         "stained; expression was related to poor prognosis. Subsequently, staining was "
         "scored.", "cross_sectional"),
        # ... followed, they are a cohort
        ("Marker X in glioma",
         "Tumour tissues were collected from 40 patients and stained; patients were "
         "followed up for recurrence.", "cohort"),
        # a cell line made from a patient's cells, or work on cell lines, stays laboratory
        # work
        ("Generation of iPSC lines from a boy with a RET mutation",
         "Here, we generated iPSC lines from blood mononuclear cells isolated from a male "
         "patient; they express pluripotency markers.", "in_vitro"),
        ("circRNA-1 promotes gastric cancer via miR-2",
         "circRNA-1 was upregulated in tissues from 30 patients with gastric cancer and in "
         "cell lines; knockdown reduced proliferation, and luciferase assays confirmed "
         "binding.", "in_vitro"),
    ],
)
def test_peoples_material_stops_at_a_state_measured_once(
    title: str, abstract: str, coarse: str
) -> None:
    record = make_record(title=title, abstract=abstract, publication_types=(), mesh=())
    triage = TriageStub("in_vitro", "human", participants_of(record))
    assert evidence_level_of(record, triage).coarse == coarse


@pytest.mark.parametrize(
    ("title", "abstract"),
    [
        # a protocol named in the title, or a plan in the present tense, has no results
        # (review of evid6, fixevid)
        ("Protocol for a feasibility randomized trial of exercise after SCI",
         "Participants (n = 92) were recruited and randomized 1:1 to exercise or usual "
         "care."),
        ("Exercise after SCI",
         "Participants (n = 92) are recruited and randomized 1:1 to exercise or usual "
         "care."),
    ],
)
def test_a_protocol_in_the_title_or_present_tense_is_not_reread(title: str, abstract: str) -> None:
    record = make_record(title=title, abstract=abstract, publication_types=(), mesh=())
    triage = TriageStub("protocol", "human", participants_of(record))
    assert evidence_level_of(record, triage).coarse == "other"


def test_a_trial_summarising_its_own_results_is_no_review() -> None:
    # its own allocation says it is the trial (review of evid6, fixevid)
    record = make_record(
        title="Five-year results of a trial of early surgery",
        abstract="Here we summarize the five-year results of our trial. Patients were "
        "randomized to early or late surgery; function was better after early surgery.",
        publication_types=(), mesh=(),
    )  # fmt: skip
    triage = TriageStub("rct", "human", participants_of(record))
    assert evidence_level_of(record, triage).coarse == "rct"


def test_a_word_ending_in_teen_is_no_number() -> None:
    # "canteen patients" counts nobody (review of evid6, fixevid)
    record = make_record(
        title="Food in the hospital canteen",
        abstract="Canteen patients were served meals; proteins were measured in vitro in "
        "cultured cells.",
        publication_types=(), mesh=(),
    )  # fmt: skip
    triage = TriageStub("in_vitro", "human", participants_of(record))
    assert evidence_level_of(record, triage).coarse == "in_vitro"


@pytest.mark.parametrize(
    ("abstract", "kind"),
    [
        # groups defined by disease that "underwent MRI" were tested, not treated: no
        # groups by treatment (review of evid6, fixevid)
        ("We carried out a retrospective analysis of 76 patients. Twenty-five patients in "
         "the osteomalacia group underwent sacroiliac-joint magnetic-resonance imaging.",
         "cross_sectional"),
        # ... a group tied to its treatment still is
        ("We carried out a retrospective analysis of 76 patients. Twenty-five patients in "
         "the surgery group underwent magnetic-resonance imaging.", "cohort"),
        ("This study was conducted retrospectively. Motor scores were higher in the group "
         "receiving vitamin D supplementation.", "cohort"),
    ],
)
def test_groups_by_treatment_need_the_treatment_tied_to_them(abstract: str, kind: str) -> None:
    direction = time_direction("Osteomalacia and spondyloarthritis", abstract)
    assert direction is not None and direction.kind == kind
