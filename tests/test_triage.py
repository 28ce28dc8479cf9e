"""Triage rules on small hand-written records, the CLI, and the corpus evaluation."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from monitor.app import App
from monitor.cli import cli
from monitor.config import load_settings
from monitor.errors import ConfigError
from monitor.evaluation.triage import evaluate_records
from monitor.records import Link
from monitor.triage import TriageRules, classify, load_rules
from monitor.triage.participants import find_participants
from storage.ingest import ingest_records
from storage.models import PaperStatus, PaperTriage
from storage.review import flag_notices, set_status
from tests.records import make_record
from tests.triage_text import shipped_rules, text

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def rules() -> TriageRules:
    return shipped_rules()


@pytest.mark.parametrize(
    ("title", "abstract", "design"),
    [
        ("Exoskeleton gait training in chronic SCI: a randomized controlled trial", "", "rct"),
        ("Walking after spinal cord injury",
         "METHODS: Forty adults were randomly assigned to robotic or conventional training.", "rct"),
        ("Stem cells for spinal cord injury: a systematic review and meta-analysis", "", "systematic_review"),
        ("Bladder care after SCI",
         "We searched MEDLINE and Embase; 23 studies were included. PRISMA was followed.",
         "systematic_review"),
        ("Central cord syndrome in a 54-year-old man after a fall: a case report", "", "case_report"),
        ("Autonomic dysreflexia", "We report a 32-year-old woman with tetraplegia who presented ...",
         "case_report"),
        ("Living with paraplegia: a qualitative study",
         "Semi-structured interviews with 14 wheelchair users were analysed thematically.",
         "qualitative"),
        ("Clinical practice guideline for the management of acute spinal cord injury", "", "guideline"),
        ("Erratum: Locomotor training after spinal cord injury", "", "notice"),
        ("Study protocol for a multicentre trial of epidural stimulation", "", "protocol"),
        ("Riluzole after contusion",
         "Adult Sprague-Dawley rats received a T10 contusion; rats were randomly assigned to "
         "riluzole or vehicle.", "animal"),
        ("Mortality after traumatic spinal cord injury: a 20-year population-based cohort",
         "We analysed a national registry of 4,210 patients.", "observational"),
        ("Spinal cord injury medicine: an overview of current concepts",
         "This article outlines the field.", "narrative_review"),
        # case reports: structured labels, narrative phrases, how they are titled
        ("Epidural abscess after acupuncture",
         "BACKGROUND: Rare. CASE PRESENTATION: A man developed paraplegia.", "case_report"),
        ("Conus medullaris infarction",
         "PATIENT CONCERNS: Sudden leg weakness. DIAGNOSES: Infarction on MRI.", "case_report"),
        ("Spinal cord herniation masquerading as transverse myelitis", "", "case_report"),
        ("Cervical cord injury after a fall: a case report and review of the literature", "",
         "case_report"),
        ("Late deterioration after SCI",
         "We describe two siblings with syringomyelia. The patient subsequently underwent "
         "shunting.", "case_report"),
        ("Syringomyelia after childhood SCI",
         "Six children with late syringomyelia are described. All underwent shunting.",
         "case_report"),
        ("Autonomic dysreflexia in pregnancy",
         "Three women with tetraplegia are the subject of this report.", "case_report"),
        ("Late syrinx after cervical fusion",
         "We report 3 patients who developed a syrinx years after fusion.", "case_report"),
        ("Pressure injuries in wheelchair athletes",
         "We describe the ultrasound features of deep tissue injury in two children.",
         "case_report"),
        # the paper's own randomisation wins over a meta-analysis it cites; a trial
        # it cites is not its design
        ("Riluzole in acute spinal cord injury",
         "BACKGROUND: A meta-analysis of animal studies suggested benefit. METHODS: Patients "
         "were randomly assigned to riluzole or placebo.", "rct"),
        ("Bladder care after SCI",
         "A meta-analysis of 23 studies was performed. Pooled odds ratios are given.",
         "systematic_review"),
        ("Early surgery and outcome after SCI",
         "A previous randomized trial found benefit of early surgery. We retrospectively "
         "analysed 300 patients from our registry.", "observational"),
        # ... but a review of trials is a review, and one's own recent trial a trial
        ("Methylprednisolone after acute SCI",
         "METHODS: A meta-analysis of randomized controlled trials was conducted. PubMed and "
         "Embase were searched.", "systematic_review"),
        ("Robotic gait training after SCI",
         "In a recently completed randomized controlled trial, we compared robotic and "
         "conventional training.", "rct"),
        ("Riluzole in acute cervical SCI",
         "In this pivotal randomized trial we enrolled 300 patients.", "rct"),
        # a decimal point does not end the sentence; a full stop does
        ("Syrinx and chromosome anomalies",
         "We describe the finding of a 22q11.2 deletion and a 2.5-cm syrinx in two siblings.",
         "case_report"),
        ("Syrinx and chromosome anomalies",
         "We describe the MRI protocol. It was used in two siblings of our registry cohort.",
         "observational"),
        ("Autonomic dysreflexia during labour",
         "A patient with T4 tetraplegia was admitted in labour. Epidural analgesia was given.",
         "case_report"),
        ("Baclofen pump failure",
         "Three patients with SCI whose intrathecal pumps failed after an MRI scan are "
         "presented.", "case_report"),
        ("Catheter knotting", "The case reported herein shows a knotted suprapubic catheter.",
         "case_report"),
        ("Heterotopic ossification", "We report a 29-year male with C6 tetraplegia.",
         "case_report"),
        ("Recurrent cord tethering in a five-year-old boy", "", "case_report"),
        ("Methaemoglobinaemia in two exclusively breastfed infants", "", "case_report"),
        ("Vertebral osteomyelitis after SCI: presentation of a case and a literature review", "",
         "case_report"),
        # a title that calls itself a case report wins over the trial its abstract cites
        ("Dried fruit and bone density after SCI: a case report",
         "A participant assigned to the control arm of a randomized controlled trial then "
         "changed her diet.", "case_report"),
        # mentions of a design are not the design
        ("Bowel care in a national cohort",
         "We describe bowel routines in a cohort of patients with SCI from 12 centres.",
         "observational"),
        ("Spinal tumours in children: report of a case-control study", "", "observational"),
        ("Clone choice in spinal ependymoma staining",
         "Staining was more frequent in a case of the new clone than with the old one.", "other"),
        ("Greetings from the editor", "", "commentary"),
        # "this case" as a phrase of speech, a case-control study, a patient population
        ("Screening depression by voice in older adults",
         "In this case, acoustic features separated the groups of this case-control study.",
         "observational"),
        ("eGFR without race", "Our patient population was analysed retrospectively.",
         "observational"),
        ("Crizotinib after SCI surgery", "Given this patient's response, testing matters.",
         "case_report"),
        ("Thiamine transport", "Fibroblasts from this patient exhibited defective transport.",
         "case_report"),
        ("GTPase structure", "We present evidence that the rho family adopts two states.",
         "other"),
        ("Spastic paraplegia genes", "We report a Tunisian family with a novel mutation.",
         "case_report"),
        ("A nanoparticle cluster mimicking several enzymes",
         "Platinum clusters catalysed three reactions in sequence.", "other"),
        ("Epidural abscess mimicking transverse myelitis",
         "A woman with fever lost leg strength.", "case_report"),
        ("Pain after SCI", "Chronic pain was common.", "other"),
        # trials denied, or planned in the future tense
        ("Pill use and self-concept", "Use is not randomly assigned, so we adjusted for age.",
         "other"),
        ("Storytelling and adherence",
         "We propose a randomized controlled trial of 70 couples. Our results will matter.",
         "protocol"),
        # reviews that say so in the abstract only; charts reviewed are not a review
        ("Neuroplasticity after SCI",
         "In this review, we summarize how spared circuits reorganize.", "narrative_review"),
        ("Bowel dysfunction after SCI",
         "Here we review the current management of neurogenic bowel.", "narrative_review"),
        ("Bowel dysfunction after SCI",
         "We retrospectively reviewed the records of 300 patients.", "observational"),
        ("Autonomic dysreflexia in tetraplegia",
         "This article provides an overview of triggers, treatment and prevention.",
         "narrative_review"),
        ("Bladder management after SCI",
         "PURPOSE OF REVIEW: Catheters fail. RECENT FINDINGS: New valves help.",
         "narrative_review"),
        # a review of animal work is a review; the animal work itself is preclinical
        ("Rodent models of spinal cord injury: a review",
         "Rats and mice are the common models; we compare contusion and transection.",
         "narrative_review"),
        ("Chondroitinase in spinal cord injury",
         "In this review, we discuss what studies in rats and dogs have shown.",
         "narrative_review"),
        ("Kangaroo spinal cord regeneration", "Adult kangaroos regrew axons.", "animal"),
        ("Smoking and pressure injuries after SCI: a population-based case-control study",
         "We compared 200 cases and 400 controls.", "observational"),
        ("Neuropathic pain after SCI: a narrative review",
         "Case reports and small series suggest benefit.", "narrative_review"),
        ("Feasibility of a home exercise programme after SCI",
         "The results will inform a definitive randomised controlled trial.", "other"),
        ("Drug use among wheelchair users: a randomized response survey", "", "observational"),
        # systematic reviews by their structured labels and their own pooling
        ("Balneotherapy for neuropathic pain",
         "SEARCH METHODS: We searched registers to May 2024. SELECTION CRITERIA: Trials.",
         "systematic_review"),
        ("Genetic loci for pressure injury",
         "We combined the results of nine cohorts in a meta-analysis.", "systematic_review"),
        ("Polymorphisms and pressure injury risk",
         "Eligible publications were retrieved by searching the PubMed and Embase databases.",
         "systematic_review"),
        # overviews whose evidence is other reviews
        ("Exercise after SCI: what do we know?",
         "METHODS: A structured search of PubMed was performed to identify systematic reviews "
         "and meta-analyses of exercise after SCI.", "systematic_review"),
        # a new analysis of one trial is the trial; of several, or of its baseline, is not
        ("Spasticity and walking recovery: a post hoc analysis of the SCI-WALK trial",
         "Participants received training or usual care.", "rct"),
        ("Bowel care in tetraplegia",
         "A secondary analysis of a multicentre trial of bowel programmes in 120 adults.", "rct"),
        ("Pressure injuries in a national registry",
         "Outcomes of 40 adults are described in a registry of 4,000 admissions.", "observational"),
        # not one trial's arms: the pooled patients of four, observed (counted_people)
        ("Obesity and pressure injuries: a post hoc analysis of four randomized trials",
         "We pooled 2,000 patients.", "observational"),
        ("Pain at enrolment",
         "A secondary analysis of the baseline data of a randomized trial; a cross-sectional "
         "sample of 250 adults.", "observational"),

        # a review named in its title wins over the systematic search it describes, but
        # not over a case it presents
        ("Peer support after SCI: a scoping review",
         "Following PRISMA-ScR, a systematic search of five databases found 31 studies.",
         "narrative_review"),
        ("Bowel care after SCI - A Literature Review",
         "A systematic search of databases identified 27 papers.", "narrative_review"),
        ("Syrinx after SCI in a 40-year-old man and review of the literature", "",
         "case_report"),
        # a series of dozens is a cohort, whatever it calls itself; one patient in the
        # title stays a case report whatever the literature review counts
        ("Pancreaticoduodenectomy after SCI: our outcomes in 80 cases",
         "We describe 80 patients operated on between 2010 and 2020.", "observational"),
        ("Pressure injury surgery after SCI: a case series",
         "This retrospective case series included 112 patients.", "observational"),
        ("Syrinx after SCI in a 45-year-old man",
         "The 60 patients reported in the literature are reviewed.", "case_report"),
        ("Pressure injury surgery after SCI",
         "We report 3 patients who developed a syrinx years after fusion.", "case_report"),
        ("Early mobilisation after SCI",
         "Walking was recorded on the first day the patient received physical therapy, or "
         "deferred if the patient was unable to stand.", "other"),
        ("Late syrinx", "Shunting failed. Unfortunately, the patient died a month later.",
         "case_report"),
        ("Radiomics of spinal metastases presenting as cord compression",
         "In this retrospective study, patients were randomly assigned to the training and "
         "test cohorts.", "observational"),
        ("Walking speed after SCI: a single-centre study",
         "This was a blinded study rather than a randomized controlled study.",
         "other"),
        ("Pressure injuries across 12 SCI centres",
         "We used generalized additive models and random-effects meta-analysis to pool the "
         "centre-specific associations.", "other"),
        # a qualitative design named in the title wins over the trial it belongs to
        ("Carers' views of a randomised controlled trial of bowel care after SCI: a focus "
         "group study", "Participants were randomly assigned to two bowel programmes.",
         "qualitative"),
        ("Qualitative and quantitative analysis of myelin lipids after SCI",
         "Rats received a contusion; lipids were measured by mass spectrometry.", "animal"),
        # a case study is of anything; one of a patient names the patient
        ("Wheelchair tracking in a spinal unit",
         "This paper presents a case study of a hospital ward that tags wheelchairs.", "other"),
        ("Skin care after SCI",
         "We present a case study of a 62-year-old woman with tetraplegia.", "case_report"),
        # guidelines by the names societies give them
        ("ACG Clinical Guideline: Bowel Care After Spinal Cord Injury",
         "This guideline gives the evidence behind bowel programmes.", "guideline"),
        ("Wheelchair seating: a multi-society expert statement",
         "Experts from five societies agreed on seating checks.", "guideline"),
        # the reviewer's counter-examples of 2026-12-02
        ("Laser for periodontitis after SCI: a randomized controlled clinical trial",
         "Forty patients were randomly allocated to the test group (laser) or the control "
         "group.", "rct"),
        ("Clinical guidelines in spinal cord injury: are they followed?", "", "unclassified"),
        ("Bowel care after SCI: a mini-review",
         "Following PRISMA, a systematic search found 20 studies.", "narrative_review"),
        ("Designing phase 3 randomized trials in SCI", "", "unclassified"),
        ("Two decades of randomized trials in SCI: what have we learned?", "", "unclassified"),
        ("Bladder care after SCI",
         "In this ongoing randomized trial we report interim results of 100 patients.", "rct"),
        ("Late syrinx", "Shunting was done. After surgery, the patient recovered.", "case_report"),
        ("Sleep after SCI in Korea, 2020",
         "This study aimed to provide an overview of sleep in a population-based cohort.",
         "observational"),
        # a commentary named in its title, whatever its abstract says
        ('A commentary on "Riluzole in acute SCI: a randomized controlled trial"', "",
         "commentary"),
        ("Editorial Commentary: Meta-analysis shows early surgery helps after SCI",
         "Early decompression " * 40, "commentary"),
        # a title about trials, or a trial that is wanted or still running, is not one
        ("Designing and assessing randomized trials in SCI rehabilitation", "", "unclassified"),
        ("Two randomized, double-blind, placebo-controlled studies of a drug for spasticity",
         "Adults with SCI received the drug.", "rct"),
        ("A decision aid for bladder management after SCI",
         "Knowledge of the patients improved on the survey. A randomized controlled trial is needed.",
         "observational"),
        ("Nerve transfer for hand function in tetraplegia: a phase II study",
         "Function improved. A randomised, controlled phase III study is underway.",
         "non_randomized_trial"),
        # a review of records is an observational study; a review of three cases, of the
        # literature or of records' history is not
        ("Pressure injuries in children with SCI: a retrospective review of 65 patients",
         "Outcomes were good.", "observational"),
        ("Tendon transfer in tetraplegia: a review of 112 cases", "Function improved.",
         "observational"),
        ("A health care record review of mobility after SCI", "Mobility was recorded.",
         "observational"),
        ("Syringomyelia after SCI: a review of 3 cases", "Three patients are described.",
         "case_report"),
        ("Clinical records in SCI care: a review", "Records have changed.", "narrative_review"),
        # "qualitative" as research, not as a grade or an assay
        ("Returning to work after SCI",
         "Semi-directed, qualitative-phenomenological interviews were held with 10 adults.",
         "qualitative"),
        ("Peer mentors after SCI", "A qualitative case study approach was used in 12 centres.",
         "qualitative"),
        ("Collagen scaffolds for SCI",
         "A qualitative chemical analysis of the extract was performed on 12 samples.", "other"),
        ("Cord signal on MRI after SCI",
         "Lesions were graded on a qualitative or semiquantitative scale.", "other"),
        # a title about guidelines is not one
        ("Improving compliance with guidelines for bladder care after SCI",
         "We compared 200 admissions.", "other"),
        ("Quality of clinical practice guidelines for SCI rehabilitation",
         "Guidelines were rated.", "other"),
        ("Clinical practice guidelines for bowel management after SCI",
         "The panel made 12 recommendations.", "guideline"),
        ("DELPHI: a deep model of spinal cord protein sites", "A model was trained.", "other"),
        # how cohort and case-control studies describe themselves without naming the design
        ("Serum neurofilament after SCI",
         "Levels in 41 patients were compared with 38 healthy controls.", "observational"),
        ("Early surgery and mortality after SCI",
         "Propensity score matching balanced 966 admissions.", "observational"),
        ("Ultrasound of the bladder wall after SCI", "We studied 120 consecutive patients.",
         "observational"),
        ("Pain after SCI: a 7-year follow-up study", "Pain persisted in 300 adults.",
         "observational"),
        ("A new MRI sequence for the cord", "We imaged 20 healthy volunteers.", "other"),
        # a database of patients, not of genes, compounds or the literature
        ("Early surgery for SCI in older adults",
         "Methods: the Nationwide Inpatient Sample database was queried for 2,410 admissions.",
         "observational"),
        ("Falls and SCI in older adults", "The National Trauma Data Bank held 8,112 patients.",
         "observational"),
        ("Bladder cancer after SCI", "We used the SEER-Medicare files.", "observational"),
        ("Ventilation after high SCI",
         "Our prospectively maintained spinal unit database held 212 admissions.",
         "observational"),
        ("Hub genes after SCI",
         "Expression profiles were downloaded from the GEO database and the STRING database.",
         "other"),
        ("Stigma after SCI",
         "Stigma was common. (PsycInfo Database Record (c) 2021 APA, all rights reserved).",
         "other"),
        # review findings (2026-12-02): a cue the rest of the rules rely on, and words
        # that only look like designs
        ("Spinal cord infarction presenting with acute paraplegia",
         "We searched a national claims database for 310 adults with cord infarction.",
         "observational"),
        ("Longitudinal changes in bone density after SCI",
         "This review summarizes the evidence.", "narrative_review"),
        ("Propensity score methods in SCI research",
         "This review explains matching and weighting.", "narrative_review"),
        ("Views of prospective kidney donors with SCI",
         "Semi-structured interviews were analysed thematically.", "qualitative"),
        ("Quality improvement guidelines for percutaneous vertebroplasty",
         "The society updated its thresholds.", "guideline"),
        ("Improving adherence to exercise guidelines after SCI: a Delphi study",
         "Panellists rated 40 items.", "guideline"),
        ("Neuropathic pain after SCI",
         "Pain was described with qualitative descriptors such as burning in 60 patients.",
         "observational"),
        ("Qualitative analysis of phenolic compounds in a spinal cord scaffold",
         "Extracts were run by LC-MS.", "other"),
        ("Cervical fractures in older adults: a review of 2,410 patients",
         "Mortality was 12%.", "observational"),
        # a dozen cases is no cohort; the title's "review" decides
        ("Syringomyelia after SCI: a review of 12 cases", "Outcomes were good.",
         "narrative_review"),
        ("Disc extrusion in dogs: a retrospective review of 120 cases",
         "Dogs recovered walking.", "animal"),
        ("Cord concussion in athletes: a review of 52 published cases", "Most recovered.",
         "narrative_review"),
        ("Bracing after SCI", "Further follow-up study is needed in 40 adults.", "observational"),
        ("Outcomes of SCI in veterans", "Spinal Cord Injury Model Systems data were analysed.",
         "observational"),
        ("Gait after SCI", "Our network was trained on 2,000 gait videos held in gnomAD "
         "population databases.", "other"),
        # reviews that do not say "review"
        ("Oncometabolites after SCI",
         "Here we discuss the current understanding of oncometabolites in repair.",
         "narrative_review"),
        ("Lichen planus in wheelchair users",
         "In this clinical guide, we summarize the current clinical knowledge.",
         "narrative_review"),
        ("Bladder cycling after SCI",
         "We enrolled 40 adults. We summarize our findings and discuss them.", "observational"),
        ("Regeneration trials after SCI",
         "In this perspective, we argue that trials need better outcome measures.",
         "narrative_review"),
        ("Gait variability after SCI",
         "Sixteen patients and 13 healthy controls walked. In this perspective, non-linear "
         "indices differed.", "observational"),
        ("Ubiquitin ligases after SCI",
         "Here, we discuss the machinery and its regulation.", "narrative_review"),
        # a title that names an observational design keeps it over the abstract's words
        ("Return to work after SCI: a prospective cohort study",
         "Adults completed questionnaires and qualitative interviews.", "observational"),
        ("Survival after SCI in Sweden: a population-based study",
         "In this review of registry data, survival improved.", "observational"),
        ("A survey on deep learning for spinal cord MRI",
         "In this review, we summarize 120 papers.", "narrative_review"),
        ("Peer leaders after SCI: a qualitative analysis", "Leaders described 12 roles.",
         "qualitative"),
        # counted people and no design word (counted_people): observed, unless the
        # investigators allocated or enrolled them; ten or fewer, or a review, stay apart
        ("Bone density in tetraplegia",
         "Forty-eight patients were studied. Bone density was low.", "observational"),
        ("Oxybutynin after SCI",
         "Twenty patients were enrolled in the study and received oxybutynin.",
         "non_randomized_trial"),
        ("Insulin versus glipizide after SCI",
         "A cross-over design in 19 patients: diet, then glipizide, then insulin.",
         "non_randomized_trial"),
        ("Bladder care after SCI", "Eight patients were studied. Pressures fell.", "other"),
        # a dosed treatment the investigators gave their own counted people (design4,
        # issue 19): a trial without randomisation; a dose the cited studies gave, or
        # one with no rate, leaves the counted people observed
        ("Gemcitabine in pancreatic cancer",
         "Twenty-six patients were enrolled. Gemcitabine was given at 200 mg/m2 weekly.",
         "non_randomized_trial"),
        ("Gemcitabine in pancreatic cancer",
         "Twenty-six patients were studied. Previous studies reported that patients "
         "were given 200 mg/m2 weekly.", "observational"),
        ("Aspirin and bleeding",
         "Forty patients were studied. All received aspirin before surgery.",
         "observational"),
        # "prospective" or "consecutive patients" says when people were recruited: with
        # a dose the investigators gave, a trial; named a cohort, observed whatever
        # was given
        ("Metoprolol dose reduction",
         "In a prospective study, 30 patients received metoprolol 100 mg daily.",
         "non_randomized_trial"),
        ("Metoprolol dose reduction",
         "In a prospective cohort, 30 patients received metoprolol 100 mg daily.",
         "observational"),
        ("Metoprolol dose reduction",
         "In a prospective study, 30 patients taking metoprolol were followed.",
         "observational"),
        ("Bone loss after SCI", "Animals were not studied; 40 rats were studied.", "animal"),
        # a trial named by how it ran, not by randomisation
        ("Verapamil in cluster headache",
         "Drugs were studied in a prospective open trial with 10 patients.",
         "non_randomized_trial"),
        ("Baclofen after SCI", "An uncontrolled pilot trial in adults.", "non_randomized_trial"),
        # blinding in a trial the abstract says was not randomised; randomisation as a noun
        ("Diltiazem in angina",
         "A nonrandomized, open-label trial followed by a double-blind placebo period.",
         "non_randomized_trial"),
        ("Diltiazem in angina",
         "A double-blind, placebo-controlled trial; a nonrandomized extension followed.",
         "rct"),
        ("Analgesia after surgery",
         "Following randomization, the patients each received clonidine or piritramide.", "rct"),
        # one person by age, with modifiers or the age alone
        ("Epidural abscess",
         "A previously healthy 54-year-old developed back pain and paraparesis.",
         "case_report"),
        ("Epidural abscess", "The 34-year-old patient presented with paraparesis.", "case_report"),
        # (no case: children of an age; screened, nobody given anything, they are the
        # paper's own people observed: obs20's OWN_SUBJECTS, "other" before it)
        ("Epidural abscess in children",
         "A group of 10-year-old children was screened at school.", "observational"),
    ],
)  # fmt: skip
def test_design_from_text(rules: TriageRules, title: str, abstract: str, design: str) -> None:
    """Each design from its own words, and the cues and decoys around them."""
    triage = text(rules, title, abstract)
    assert triage.design == design, triage.reasons  # type: ignore[attr-defined]
    assert triage.reasons["design"]  # type: ignore[attr-defined]


def test_a_large_series_says_why_it_is_no_case_report(rules: TriageRules) -> None:
    triage = text(
        rules, "Pancreaticoduodenectomy after SCI: our outcomes in 80 cases",
        "We describe 80 patients operated on between 2010 and 2020.",
    )  # fmt: skip
    # a series of more than ten counted people, no design named: observed (counted_people)
    assert triage.design == "observational"  # type: ignore[attr-defined]
    assert triage.reasons["design"] == [  # type: ignore[attr-defined]
        "text: 80 people studied, no design named; 80 participants: not a case report ('80 cases')"
    ]


def test_a_missing_abstract_is_unclassified_not_a_letter(
    rules: TriageRules,
) -> None:
    """A bare title that names no design cannot decide one, of any year (issue 19:
    unknown is not commentary); the reason says why for papers before 1975."""
    bare = "Traumatic paraplegia in the elderly"
    recent = text(rules, bare, pub_year=1975)
    assert recent.design == "unclassified"  # type: ignore[attr-defined]
    assert recent.reasons["design"] == ["no abstract"]  # type: ignore[attr-defined]
    old = text(rules, bare, pub_year=1974)
    assert old.design == "unclassified"  # type: ignore[attr-defined]
    assert old.reasons["design"] == [  # type: ignore[attr-defined]
        "no abstract, as for most papers before 1975"
    ]
    assert text(rules, bare, pub_year=None).design == "unclassified"  # type: ignore[attr-defined]
    # a title that names a comment, or an animal, still decides
    assert text(rules, "Letter to the editor: paraplegia").design == "commentary"  # type: ignore[attr-defined]
    assert text(rules, "Paraplegia in rats after contusion").design == "animal"  # type: ignore[attr-defined]
    titled = text(rules, "Paraplegia after a fall: report of a case", pub_year=1962)
    assert titled.design == "case_report"  # type: ignore[attr-defined]
    # a comment link says what an old bare title is
    comment = text(
        rules, bare, pub_year=1962,
        links=(Link(kind="CommentOn", pmid="2"),),
    )  # fmt: skip
    assert comment.design == "commentary"  # type: ignore[attr-defined]


def test_case_report_journals(rules: TriageRules) -> None:
    """A journal that publishes case reports names the design when the text names none."""
    bare = "Syrinx after a fall"
    in_journal = text(rules, bare, journal="Spinal Cord Series and Cases")
    assert in_journal.design == "case_report"  # type: ignore[attr-defined]
    assert in_journal.reasons["design"] == [  # type: ignore[attr-defined]
        "journal: 'Spinal Cord Series and Cases'"
    ]
    assert text(rules, bare, journal="BMJ Case Reports").design == "case_report"  # type: ignore[attr-defined]
    assert text(rules, bare, journal="Spinal Cord").design == "unclassified"  # type: ignore[attr-defined]
    # the text still decides when it names a design
    review = text(rules, "Syrinx after SCI: a systematic review", journal="BMJ Case Reports")
    assert review.design == "systematic_review"  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("title", "abstract", "population"),
    [
        # a species named as an antibody's host is a reagent, not the subject
        ("Clusterin expression in tumours of the cauda equina",
         "Sections were stained with a rabbit polyclonal antibody and a mouse monoclonal "
         "anti-human CD3 antibody.", "human"),
        # FISH is a laboratory test, not an animal
        ("ALK rearrangement in spinal metastases",
         "FISH and immunohistochemistry were compared in 40 patients.", "human"),
        ("Diet and the gut microbiome in a non-human primate model",
         "Adult female non-human primates were fed a western diet.", "animal"),
        ("Cortical signals after SCI in humans and rats", "Rats and patients were recorded.",
         "both"),
        ("Microglia drive neuropathic pain after spinal cord injury",
         "Patients with SCI often develop pain. In mice, microglial depletion reduced pain; "
         "patient serum reproduced the effect.", "both"),
        ("Locomotor recovery after contusion",
         "Spinal cord injury disables patients. Adult rats received a contusion; rats were "
         "trained and rats recovered.", "animal"),
        # people in the background are the disease's patients, not the subjects (pop9)
        ("Ranitidine after trauma",
         "Histamine antagonists are used in critically ill patients. Here, pigs were injured "
         "and bled; pigs received ranitidine.", "animal"),
        # ... nor in a structured abstract's background and conclusions
        ("Transfusion after resuscitated trauma",
         "BACKGROUND: Trauma patients often receive blood. METHODS: Anesthetized pigs were "
         "bled. RESULTS: The pigs recovered. CONCLUSIONS: This may help trauma patients and "
         "human trauma care.", "animal"),
        # counted people were studied, wherever they are named
        ("Pain after spinal cord injury",
         "In 24 patients, pain was common. Rats were injured and rats were tested.", "both"),
        ("Embryonic snapping turtles incubated in hypoxia",
         "Cardiac mass was measured after chronic incubation.", "animal"),
    ],
)  # fmt: skip
def test_population_from_text(
    rules: TriageRules, title: str, abstract: str, population: str
) -> None:
    triage = text(rules, title, abstract)
    assert triage.population == population, triage.reasons  # type: ignore[attr-defined]


def test_indexing_wins_when_present(rules: TriageRules) -> None:
    record = make_record(
        title="Outcomes after spinal cord injury", abstract="A look back at 300 patients.",
        publication_types=("Journal Article", "Randomized Controlled Trial"),
        mesh=("Animals", "Rats"),
    )  # fmt: skip
    triage = classify(record, rules)
    assert triage.design == "rct" and "Randomized Controlled Trial" in triage.reasons["design"][0]
    assert triage.population == "animal" and triage.reasons["population"] == ["MeSH: Animals"]
    hidden = classify(record, rules, use_indexing=False)
    assert hidden.design != "rct" and hidden.population == "human"


def test_mesh_study_designs_when_publication_types_say_nothing(rules: TriageRules) -> None:
    cohort = make_record(
        title="Bladder outcomes after SCI", abstract="We followed 300 adults.",
        publication_types=("Journal Article",), mesh=("Humans", "Retrospective Studies"),
    )  # fmt: skip
    triage = classify(cohort, rules)
    assert triage.design == "observational"
    assert triage.reasons["design"] == ["MeSH: Retrospective Studies"]
    interviews = make_record(
        title="Living with SCI", abstract="We interviewed 14 adults.",
        publication_types=("Journal Article",),
        mesh=("Humans", "Cross-Sectional Studies", "Qualitative Research"),
    )  # fmt: skip
    assert classify(interviews, rules).design == "qualitative"
    # a publication type outranks the descriptors, and "... as Topic" names no design
    trial = make_record(
        title="Bracing after SCI", abstract="Adults were followed up.",
        publication_types=("Randomized Controlled Trial",), mesh=("Follow-Up Studies",),
    )  # fmt: skip
    assert classify(trial, rules).design == "rct"
    about = make_record(
        title="Trials in SCI", abstract="", publication_types=("Journal Article",),
        mesh=("Randomized Controlled Trials as Topic", "Cohort Studies as Topic"),
    )  # fmt: skip
    assert classify(about, rules).reasons["design"] == ["no abstract"]
    rats = make_record(
        title="Cord MRI after contusion", abstract="Twelve rats were imaged weekly.",
        publication_types=("Journal Article",), mesh=("Animals", "Rats", "Longitudinal Studies"),
    )  # fmt: skip
    assert classify(rats, rules).design == "animal"
    # a stronger design the text states wins over a generic descriptor
    review = make_record(
        title="Walking after SCI: a systematic review and meta-analysis", abstract="",
        publication_types=("Journal Article",), mesh=("Humans", "Cohort Studies"),
    )  # fmt: skip
    assert classify(review, rules).design == "systematic_review"


def test_scoping_review_publication_type_is_a_review(rules: TriageRules) -> None:
    record = make_record(
        title="Peer support after SCI", abstract="We mapped 31 studies.",
        publication_types=("Journal Article", "Scoping Review"),
    )  # fmt: skip
    triage = classify(record, rules)
    assert triage.design == "narrative_review", triage.reasons
    assert triage.reasons["design"] == ["publication type: Scoping Review"]


def test_erratum_and_retraction_notices(rules: TriageRules) -> None:
    erratum = make_record(
        title="Correction", publication_types=("Published Erratum",), abstract="",
        links=(Link(kind="ErratumFor", pmid="123"),),
    )  # fmt: skip
    retraction = make_record(title="Retraction", publication_types=("Retraction of Publication",))
    for record in (erratum, retraction):
        triage = classify(record, rules)
        assert triage.design == "notice" and triage.is_notice and triage.evidence_rank == 0


@pytest.mark.parametrize(
    "title",
    [
        "Correction to: Locomotor training after spinal cord injury",
        "Author Correction: Exoskeleton walking in chronic paraplegia",
        "Publisher Correction: Bowel care after spinal cord injury",
        "Statement of Retraction: Intrathecal baclofen dosing",
        "RETRACTED ARTICLE: Olfactory ensheathing cells in chronic paraplegia",
        "Correction for Smith et al., Exoskeleton walking after spinal cord injury",
        "Correction notice: Bladder care after spinal cord injury",
        "Correction.",
        "[Correction]",
        "Retraction Note: Stem cells for spinal cord injury",
        "Retraction of: Bladder botulinum toxin after SCI",
        "Retracted: Riluzole in acute cervical injury",
        "WITHDRAWN: Early decompression in central cord syndrome",
        'Corrigendum to "Spasticity after SCI"',
        "Expression of Concern: Olfactory ensheathing cells in chronic SCI",
    ],
)
def test_notice_titles_without_publication_types(rules: TriageRules, title: str) -> None:
    triage = text(rules, title)
    assert triage.design == "notice" and triage.is_notice, triage.reasons  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "title",
    [
        # spine surgery, palliative care and operative technique open on the same words
        "Correction of post-traumatic kyphosis in patients with spinal cord injury",
        "Withdrawal of life-sustaining treatment after high cervical spinal cord injury",
        "Retraction of the spinal cord during untethering surgery",
        "Correction for multiple testing in spinal cord injury trials",
    ],
)
def test_research_titles_that_open_like_notices_stay_candidates(
    rules: TriageRules, title: str
) -> None:
    triage = text(rules, title, "We retrospectively reviewed 48 patients treated in our unit.")
    assert triage.design == "observational" and not triage.is_notice, triage.reasons  # type: ignore[attr-defined]
    assert triage.evidence_rank > 0  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("title", "abstract", "commentary"),
    [
        ("Reply to Smith et al.", "", True),
        ("Re: Timing of decompression after spinal cord injury", "", True),
        ("Editorial overview: spinal cord repair", "", True),
        ("Editorial Commentary: Exoskeletons are not yet wheelchairs", "Long " * 100, True),
        ("Letter to the Editor regarding bowel care after SCI", "", True),
        # research whose title opens on a word that names a comment elsewhere
        ("Reply rates to a postal questionnaire among veterans with spinal cord injury",
         "We mailed 1,200 questionnaires; 54% of veterans replied within a month.", False),
        ("Letter writing as therapy after spinal cord injury", "Twelve adults wrote weekly.", False),
        ("Editorial decision-making in spinal cord injury journals",
         "We surveyed 40 editors about how they judge submissions.", False),
        ("Response to intensive locomotor training in chronic incomplete spinal cord injury",
         "Walking speed was measured in 24 adults before and after 40 sessions of training. "
         * 6, False),
    ],
)  # fmt: skip
def test_comment_titles_and_research_that_opens_like_them(
    rules: TriageRules, title: str, abstract: str, commentary: bool
) -> None:
    triage = text(rules, title, abstract)
    assert (triage.design == "commentary") is commentary, triage.reasons  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("title", "abstract", "relevance"),
    [
        ("Robotic gait training after spinal cord injury", "", "core"),
        ("Walking recovery", "Adults with chronic tetraplegia and spinal cord injury trained.", "core"),
        ("Spinal cord stimulation for chronic low back pain", "Spinal cord stimulation relieved pain.",
         "off_topic"),
        ("Spinal cord ischemia after thoracoabdominal aortic aneurysm repair",
         "Paraplegia occurred in 4%.", "off_topic"),
        ("Exercise in neurological disorders",
         "Participants with stroke, multiple sclerosis or spinal cord injury took part.",
         "peripheral"),
        ("Knee arthroplasty outcomes", "Patients had osteoarthritis.", "off_topic"),
        ("Genotype-phenotype associations in hereditary spastic paraplegia",
         "Hereditary spastic paraplegia is a genetic disorder.", "off_topic"),
        ("A splicing mutation causes autosomal recessive spastic paraplegia",
         "Spastic paraplegia 9 (SPG9) patients were sequenced.", "off_topic"),
        ("Spasticity after traumatic paraplegia", "Adults with spastic paraplegia after a fall "
         "and spinal cord injury were assessed.", "core"),
        # an off-topic phrase beside SCI named as firmly as the rules ask elsewhere
        ("Autonomic dysreflexia during labour",
         "Women with spinal cord injury often deliver under spinal anaesthesia. After a "
         "spinal cord injury above T6, autonomic dysreflexia is common.", "core"),
        # cardiac output is no stroke; stroke patients are another population
        ("Stroke volume during exercise in tetraplegia",
         "Stroke volume and cardiac output were measured in adults with spinal cord injury.",
         "core"),
        ("Exercise after stroke or tetraplegia",
         "Adults with stroke or spinal cord injury and their stroke volume were studied.",
         "peripheral"),
        # ... but not SCI words no more frequent than the off-topic subject
        ("Thoracoabdominal aortic repair outcomes",
         "After thoracoabdominal repair, spinal cord ischemia caused paraplegia in 4%; "
         "paraplegia was permanent in 2%.", "off_topic"),
        ("Stroke after spinal cord injury: the growing stroke population",
         "Adults with stroke and adults with spinal cord injury were compared.", "peripheral"),
        # ... and not one mention beside it
        ("Hypotension in caesarean delivery",
         "Spinal anaesthesia is contraindicated after spinal cord injury in some women.",
         "off_topic"),
    ],
)  # fmt: skip
def test_relevance(rules: TriageRules, title: str, abstract: str, relevance: str) -> None:
    triage = text(rules, title, abstract)
    assert triage.relevance == relevance, triage.reasons  # type: ignore[attr-defined]


def test_accented_brown_sequard_is_sci(rules: TriageRules) -> None:
    triage = text(rules, "Brown-Séquard syndrome after a stab wound", "A man was stabbed.")
    assert triage.relevance == "core", triage.reasons  # type: ignore[attr-defined]


def test_lone_surrogates_are_classified_not_raised(rules: TriageRules) -> None:
    """JSON can carry half a surrogate pair ("\\ud800"); RE2 needs UTF-8."""
    triage = text(rules, "Spinal cord injury \ud800 in rats", "Twenty rats \udfff were grafted.")
    assert triage.population == "animal" and triage.relevance == "core"  # type: ignore[attr-defined]
    assert triage.participants is not None and triage.participants.number == 20  # type: ignore[attr-defined]


def test_off_topic_keywords_do_not_count_as_sci(rules: TriageRules) -> None:
    triage = text(
        rules,
        "A splicing mutation causes autosomal recessive spastic paraplegia",
        "Patients with hereditary spastic paraplegia were sequenced.",
        keywords=("hereditary spastic paraplegia", "paraplegia", "ALDH18A1"),
    )
    assert triage.relevance == "off_topic", triage.reasons  # type: ignore[attr-defined]


def test_topics_and_population(rules: TriageRules) -> None:
    triage = text(
        rules, "Epidural stimulation and bladder function after spinal cord injury",
        "Twelve adults with chronic SCI underwent epidural stimulation; urinary outcomes improved.",
    )  # fmt: skip
    assert {"neuromodulation", "bladder_bowel_sexual"} <= set(triage.topics)  # type: ignore[attr-defined]
    assert triage.population == "human"  # type: ignore[attr-defined]
    mice = text(rules, "Hydrogel scaffolds in mice with spinal cord injury", "Mice were implanted.")
    assert mice.population == "animal" and "regenerative" in mice.topics  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("title", "abstract", "population", "topic", "tagged"),
    [
        # words that contain an animal or a topic's word without naming it
        ("Newtonian fluid models of cerebrospinal fluid flow in spinal cord injury",
         "Flow was simulated.", "unclear", None, False),
        ("Horseradish peroxidase tracing in patients with spinal cord injury",
         "Patients were studied.", "human", None, False),
        ("Ant colony optimisation of wheelchair routes for people with paraplegia",
         "Thirty people with paraplegia used the app.", "human", None, False),
        ("Neurogenic orthostatic hypotension after spinal cord injury",
         "Patients stood up.", "human", "assistive_bci", False),
        ("Axon sparing after spinal cord contusion in rats",
         "After paraformaldehyde fixation, cords were sectioned.", "animal", "surgery", False),
        # ... and the words themselves
        ("Ankle-foot orthoses for walking after spinal cord injury", "Patients walked.",
         "human", "assistive_bci", True),
        ("Pedicle screw fixation of thoracolumbar burst fractures with paraplegia",
         "Patients were operated.", "human", "surgery", True),
        ("Spinal cord injury in horses after a fall", "Horses were examined.", "animal", None,
         False),
    ],
)  # fmt: skip
def test_population_and_topic_words(
    rules: TriageRules,
    title: str,
    abstract: str,
    population: str,
    topic: str | None,
    tagged: bool,
) -> None:
    triage = text(rules, title, abstract)
    assert triage.population == population, triage.reasons  # type: ignore[attr-defined]
    if topic is not None:
        assert (topic in triage.topics) is tagged, triage.topics  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [
        ("We included 949 patients aged 18-65 years.", (949, "patients")),
        ("A total of 1,204 adults with SCI responded.", (1204, "adults")),
        ("Twenty rats received the graft.", (20, "rats")),
        ("Participants (n = 32) were assessed.", (32, "participants")),
        ("Mean age 45 years; follow-up 12 months; p < 0.05.", None),
        ("In 2019 patients were enrolled.", None),
        # numbers in words, compounded and multiplied
        ("Two hundred patients were enrolled.", (200, "patients")),
        ("Twenty-one rats underwent contusion.", (21, "rats")),
        ("One hundred and twenty patients were followed.", (120, "patients")),
        ("Thirty-two C57BL/6 mice received a graft.", (32, "mice")),
        ("Eight T9 transected rats were trained.", (8, "rats")),
        ("One patient improved.", None),
        # what stands between number and unit can unmake the count
        ("Overall, 95 percent of patients walked.", None),
        ("Two thirds of patients walked.", None),
        ("Pain fell within 8 hours in patients given the drug.", None),
        ("A score of 20 points in patients was the threshold.", None),
        ("SCI costs 5 million people their mobility.", None),
        # numbers that label: strains, genes, cord levels, disease types, grades
        ("Adult female C57BL/6 mice (n = 40) received a T9 contusion.", (40, "mice")),
        ("Cx43 knockout mice and P7 rats were compared.", None),
        ("C5 tetraplegic patients and T10 contusion rats were studied.", None),
        ("Type 2 diabetes patients (n = 50) were included.", (50, "patients")),
        ("SARS-CoV\u20112 in patients with tetraplegia.", None),
        # the world outside the study is not the sample
        ("About 300,000 people in the USA live with SCI. Here, 24 patients were enrolled.",
         (24, "patients")),
        ("We enrolled 266,687 individuals living with diabetes.", (266687, "individuals")),
        ("Of >86,000 unrelated individuals, few had SCI.", (86000, "individuals")),
        # "living with" is background only of population figures
        ("Interviews were conducted with 15 people living with SCI.", (15, "people")),
        ("A web survey was answered by 612 people living with SCI.", (612, "people")),
        # "and" joins a number's parts, not two numbers
        ("One hundred and five patients were followed.", (105, "patients")),
        ("Five and six patients dropped out.", (5, "patients")),
        # nothing is no count
        ("n = 0", None),
        ("A total of 0 patients were excluded; 12 patients remained.", (12, "patients")),
    ],
)  # fmt: skip
def test_participants(abstract: str, expected: tuple[int, str] | None) -> None:
    found, reason = find_participants(abstract)
    assert ((found.number, found.unit) if found else None) == expected, reason


def test_rules_version_changes_with_the_file(tmp_path: Path, rules: TriageRules) -> None:
    src = (REPO / "queries" / "triage.toml").read_text()
    copy = tmp_path / "triage.toml"
    copy.write_text(src + '\n[[topic]]\nid = "extra"\nlabel = "Extra"\nphrases = ["zzz"]\n')
    settings = load_settings(REPO / "queries" / "sci.toml", env={})
    assert load_rules(copy, settings.config.vocabulary).version != rules.version
    copy.write_text("[population]\nhuman = []\n")
    with pytest.raises(ConfigError, match=r"triage\.toml"):
        load_rules(copy, settings.config.vocabulary)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("off_topic = [\n", 'off_topic = [\n    "",\n'), r"off_topic\[0\]: '' matches an empty"),
        (("off_topic = [\n", 'off_topic = [\n    "x*",\n'), r"'x\*' matches an empty text"),
        (("off_topic = [\n", 'off_topic = [\n    "\\\\b",\n'), r"matches any text"),
        (("off_topic = [\n", 'off_topic = [\n    "spinal (cord",\n'),
         r"off_topic\[0\]: 'spinal \(cord' is not a valid pattern"),
        (("phrases = [\n", 'phrases = [\n    " ",\n'), r"phrases\[0\]: ' ' has no word"),
        (("phrases = [\n", 'phrases = [\n    "*",\n'), r"'\*' has no word"),
        (("[[topic]]\nid = \"pain\"", '[[topic]]\nid = "surgery"'), "topic id surgery given more"),
    ],
)  # fmt: skip
def test_rules_that_would_match_every_paper_are_refused(
    tmp_path: Path, change: tuple[str, str], message: str
) -> None:
    src = (REPO / "queries" / "triage.toml").read_text()
    assert change[0] in src
    copy = tmp_path / "triage.toml"
    copy.write_text(src.replace(*change, 1))
    settings = load_settings(REPO / "queries" / "sci.toml", env={})
    with pytest.raises(ConfigError, match=message):
        load_rules(copy, settings.config.vocabulary)


def test_config_files_that_are_not_utf8_or_blank_vocabulary_are_refused(tmp_path: Path) -> None:
    settings = load_settings(REPO / "queries" / "sci.toml", env={})
    latin1 = tmp_path / "triage.toml"
    latin1.write_bytes(
        (REPO / "queries" / "triage.toml").read_bytes() + "# Séquard".encode("latin-1")
    )
    with pytest.raises(ConfigError, match="not UTF-8 text"):
        load_rules(latin1, settings.config.vocabulary)
    config = (REPO / "queries" / "sci.toml").read_text()
    assert "tiab = [\n" in config
    blank = tmp_path / "sci.toml"
    blank.write_text(config.replace("tiab = [\n", 'tiab = [\n    "",\n', 1))
    with pytest.raises(ConfigError, match=r"vocabulary\.tiab\[0\]: '' has no word"):
        load_settings(blank, env={})


def test_evaluation_scores_on_known_records(rules: TriageRules) -> None:
    records = [
        make_record(pmid=str(i), title=f"Trial {i} in spinal cord injury: a randomized controlled trial",
                    citation_status="MEDLINE", mesh=("Humans",),
                    publication_types=("Journal Article", "Randomized Controlled Trial"))
        for i in range(3)
    ] + [
        make_record(pmid="9", title="A case of central cord syndrome in a 40-year-old man", abstract="",
                    citation_status="MEDLINE", mesh=("Animals",),
                    publication_types=("Case Reports",)),
        make_record(pmid="10", title="Erratum", publication_types=("Published Erratum",),
                    citation_status="PubMed-not-MEDLINE"),
        # indexers record a cohort design in MeSH, not in the publication types
        make_record(pmid="11", title="Pressure injuries after SCI",
                    abstract="We studied 200 adults.", citation_status="MEDLINE",
                    mesh=("Humans", "Cohort Studies"), publication_types=("Journal Article",)),
        # no publication type names an animal study: MeSH Animals without Humans does
        make_record(pmid="12", title="Riluzole after spinal cord contusion in rats",
                    abstract="Twenty rats were treated.", citation_status="MEDLINE",
                    mesh=("Animals", "Rats", "Spinal Cord Injuries"),
                    publication_types=("Journal Article",)),
    ]  # fmt: skip
    result = evaluate_records(records, rules)
    scores = result.scores()
    assert scores["observational"].tp + scores["observational"].fn == 1
    assert scores["animal"].tp == 1 and scores["animal"].fp == 0
    assert result.records == 6
    assert scores["rct"].recall == 1.0 and scores["rct"].precision == 1.0
    assert scores["case_report"].tp == 1
    assert result.population_total == 6 and result.population_correct == 5
    assert result.notices_total == 1 and result.notices_found == 1


def test_evaluation_views_with_abstract_and_outside_the_key(rules: TriageRules) -> None:
    medline = {"citation_status": "MEDLINE", "mesh": ("Humans",)}
    records = [
        make_record(pmid="1", title="Cord syndrome after a fall", abstract="",
                    publication_types=("Case Reports",), **medline),
        make_record(pmid="2", title="Cord syndrome", abstract="We report a 40-year-old man.",
                    publication_types=("Case Reports",), **medline),
        # not MEDLINE-indexed yet, but tagged by its publisher: outside the key
        make_record(pmid="3", title="Syrinx", abstract="We describe a 30-year-old woman.",
                    publication_types=("Case Reports",)),
        make_record(pmid="4", title="Syrinx", abstract="Sixty rats.",
                    publication_types=("Case Reports",)),
        make_record(pmid="5", title="Syrinx", abstract="", publication_types=("Journal Article",)),
    ]  # fmt: skip
    result = evaluate_records(records, rules)
    data = result.as_dict()
    assert result.records == 2
    assert data["targets"]["case_report"]["support"] == 2
    assert data["targets"]["case_report"]["recall"] == 0.5  # the title alone says nothing
    assert data["with_abstract"]["records"] == 1
    assert data["with_abstract"]["targets"]["case_report"]["recall"] == 1.0
    # untagged record 5 is no negative: only tagged records count outside the key
    assert data["outside_key"] == {
        "records": 2, "recall": {"case_report": {"found": 1, "support": 2, "recall": 0.5}}
    }  # fmt: skip
    missed = {m["pmid"]: m for m in data["misclassified"]}
    assert missed["1"]["title"] == "Cord syndrome after a fall"
    assert missed["1"]["reason"] == "no abstract"
    # a bare title is "unclassified": a miss of its design, no prediction of any
    assert missed["1"]["predicted"] == "unclassified"
    assert data["unclassified"] == {"records": 1, "by_gold": {"case_report": 1}}
    assert "unclassified" not in data["classes"]
    assert data["classes"]["case_report"]["precision"] == 1.0


def test_eval_triage_reads_folders_and_skips_damaged_files(
    tmp_path: Path, database_url: str
) -> None:
    from tests.records import pubmed_article

    def article(pmid: int, title: str, abstract: str, types: tuple[str, ...]) -> str:
        return pubmed_article(pmid, title, abstract=abstract, status="MEDLINE",
                              publication_types=types)  # fmt: skip

    (tmp_path / "nested").mkdir()
    good = article(1, "Walking after SCI: a randomized controlled trial", "Adults trained.",
                   ("Randomized Controlled Trial",))  # fmt: skip
    (tmp_path / "nested" / "a.xml").write_text(f"<PubmedArticleSet>{good}</PubmedArticleSet>")
    damaged = article(2, "Syrinx in a 30-year-old man", "", ("Case Reports",))
    (tmp_path / "b.xml").write_text(f"<PubmedArticleSet>{damaged}<PubmedArt")
    (tmp_path / "notes.txt").write_text("not XML, and not named like PubMed XML")
    result = CliRunner().invoke(
        cli, ["eval", "triage", "--json", str(tmp_path)], env={"SCIMON_DATABASE_URL": database_url}
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    # both records count: the damaged file's complete record before the damage too
    assert data["records"] == 2
    assert data["targets"]["rct"]["recall"] == 1.0
    assert [s.split(":")[0] for s in data["skipped_files"]] == [str(tmp_path / "b.xml")]
    text = CliRunner().invoke(
        cli, ["eval", "triage", str(tmp_path)], env={"SCIMON_DATABASE_URL": database_url}
    )
    assert "targets on the 1 records with an abstract" in text.stdout
    assert "skipped (not readable PubMed XML)" in text.stderr
    # a class with no record in the key is not measured, neither met nor missed
    assert data["targets"]["systematic_review"]["met"] is None
    assert "systematic_review     no data" in text.stdout
    assert data["targets"]["rct"]["met"] is True


def test_a_target_with_false_positives_only_is_not_met() -> None:
    from collections import Counter

    from monitor.evaluation.triage import design_targets

    targets = design_targets(Counter({("other", "systematic_review"): 5, ("rct", "rct"): 2}))
    assert targets["systematic_review"]["met"] is False
    assert targets["case_report"]["met"] is None
    assert targets["rct"]["met"] is True


def test_eval_triage_says_when_there_is_nothing_to_read(tmp_path: Path, database_url: str) -> None:
    (tmp_path / "export.bib").write_text("@article{x, title={Not PubMed XML}}")
    result = CliRunner().invoke(
        cli, ["eval", "triage", str(tmp_path)], env={"SCIMON_DATABASE_URL": database_url}
    )
    assert result.exit_code == 2
    assert "no PubMed XML (.xml or .xml.gz) files in" in result.output
    env = {"SCIMON_DATABASE_URL": database_url}
    # XML that holds no PubMed record, or records none of which is in the key
    (tmp_path / "other.xml").write_text("<eSearchResult><Count>0</Count></eSearchResult>")
    result = CliRunner().invoke(cli, ["eval", "triage", str(tmp_path / "other.xml")], env=env)
    assert result.exit_code == 2 and "no PubMed records (PubmedArticle) in" in result.output
    unindexed = (REPO / "tests" / "data" / "pubmed" / "articles.xml").read_text()
    (tmp_path / "new.xml").write_text(unindexed.replace('Status="MEDLINE"', 'Status="Publisher"'))
    result = CliRunner().invoke(cli, ["eval", "triage", str(tmp_path / "new.xml")], env=env)
    assert result.exit_code == 1
    assert "is MEDLINE-indexed: there is no answer key" in str(result.exception)


# -- CLI and pipeline -------------------------------------------------------------------


def test_triage_cli_and_retraction_watch(database_url: str) -> None:
    env = {"SCIMON_DATABASE_URL": database_url}
    app = App(env=env)
    paper = make_record(
        pmid="500",
        source_id="500",
        dois=("10.1038/s41393-026-00500-1",),
        title="Robotic gait training after spinal cord injury: a randomized trial",
    )
    erratum = make_record(pmid="501", source_id="501", dois=("10.1038/s41393-026-00501-x",),
                          title="Erratum: Robotic gait training after spinal cord injury",
                          publication_types=("Published Erratum",), abstract="",
                          links=(Link(kind="ErratumFor", pmid="500"),))  # fmt: skip
    ingest_records(app.sessions, [paper])
    with app.sessions() as session, session.begin():
        set_status(session, 1, "to_summarize", "ed@example.org", note="strong trial")
    ingest_records(app.sessions, [erratum])
    result = CliRunner().invoke(cli, ["triage", "--json"], env=env)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["triaged"] == 2 and report["by_design"] == {"rct": 1, "notice": 1}
    with app.sessions() as session:
        rows = {t.paper_id: t for t in session.scalars(select(PaperTriage))}
        assert rows[1].relevance == "core" and not rows[1].is_notice
        assert rows[2].is_notice and rows[2].priority < rows[1].priority
        status = session.get(PaperStatus, 1)
        assert status is not None and status.flagged_at is not None
        assert "erratum" in (status.flag_reason or "")
        assert flag_notices(session) == 0  # flagged once
    again = CliRunner().invoke(cli, ["triage", "--json"], env=env)
    assert json.loads(again.stdout)["triaged"] == 0  # nothing changed
    everything = CliRunner().invoke(cli, ["triage", "--all", "--json"], env=env)
    assert json.loads(everything.stdout)["triaged"] == 2
    app.close()


def test_retraction_watch_flags_papers_nobody_took_up_and_graver_notices(
    database_url: str,
) -> None:
    """A retracted paper still in the candidate list carries its flag; a
    retraction after an erratum replaces the erratum's flag."""
    from datetime import timedelta

    from storage.base import utcnow
    from storage.digests import candidates, corrections

    env = {"SCIMON_DATABASE_URL": database_url}
    app = App(env=env)

    def notice(pmid: str, kind: str, pub_type: str, target: str) -> object:
        return make_record(pmid=pmid, source_id=pmid, dois=(f"10.1038/sc.{pmid}",),
                           title=f"{pub_type}: paper {target}", abstract="",
                           publication_types=(pub_type,), links=(Link(kind=kind, pmid=target),))  # fmt: skip

    trial = make_record(
        pmid="700",
        source_id="700",
        dois=("10.1038/sc.700",),
        title="Riluzole in acute spinal cord injury: a randomized trial",
    )
    in_work = make_record(
        pmid="710",
        source_id="710",
        dois=("10.1038/sc.710",),
        title="Exoskeleton walking after spinal cord injury: a randomized trial",
    )
    already_retracted = make_record(
        pmid="720", source_id="720", dois=("10.1038/sc.720",),
        title="Stem cells after spinal cord injury: a randomized trial",
        publication_types=("Randomized Controlled Trial", "Retracted Publication"),
        links=(Link(kind="RetractionIn", citation="Spinal Cord. 2026;64:1"),),
    )  # fmt: skip
    started = utcnow() - timedelta(minutes=1)
    ingest_records(app.sessions, [trial, in_work, already_retracted])
    with app.sessions() as session, session.begin():
        set_status(session, 2, "to_summarize", "ed@example.org")
    ingest_records(
        app.sessions,
        [notice("701", "RetractionOf", "Retraction of Publication", "700"),
         notice("711", "ErratumFor", "Published Erratum", "710")],
    )  # fmt: skip
    assert CliRunner().invoke(cli, ["triage"], env=env).exit_code == 0
    with app.sessions() as session:
        status = {s.paper_id: s for s in session.scalars(select(PaperStatus))}
        assert status[1].status == "new" and "retraction published" in (status[1].flag_reason or "")
        assert "erratum" in (status[2].flag_reason or "")
        assert status[3].flag_reason == "retraction: Spinal Cord. 2026;64:1"
        erratum_flagged_at = status[2].flagged_at
        shown = {c.id: c.flag for c in candidates(session, started, utcnow())}
        assert set(shown) == {1, 2, 3}  # notices stay out, flagged papers stay in, marked
        assert shown[1] and "retraction" in shown[1] and shown[3] and "retraction" in shown[3]
        # the digest's corrections section is for papers editors are working on
        assert [c[0] for c in corrections(session, started)] == [2]
    ingest_records(
        app.sessions, [notice("712", "RetractionOf", "Retraction of Publication", "710")]
    )
    assert CliRunner().invoke(cli, ["triage"], env=env).exit_code == 0
    with app.sessions() as session:
        row = session.get(PaperStatus, 2)
        assert row is not None and "retraction published" in (row.flag_reason or "")
        assert row.flagged_at is not None and erratum_flagged_at is not None
        assert row.flagged_at >= erratum_flagged_at
        assert flag_notices(session) == 0  # each flag once
    app.close()


def test_retraction_watch_leaves_papers_nlm_deleted(database_url: str) -> None:
    from storage.base import utcnow
    from storage.models import Paper

    app = App(env={"SCIMON_DATABASE_URL": database_url})
    paper = make_record(
        pmid="730",
        source_id="730",
        dois=("10.1038/sc.730",),
        title="Bowel care after spinal cord injury: a cohort study",
    )
    retraction = make_record(pmid="731", source_id="731", dois=("10.1038/sc.731",),
                             title="Retraction Note: Bowel care", abstract="",
                             publication_types=("Retraction of Publication",),
                             links=(Link(kind="RetractionOf", pmid="730"),))  # fmt: skip
    ingest_records(app.sessions, [paper, retraction])
    with app.sessions() as session, session.begin():
        target = session.scalars(select(Paper).where(Paper.pmid == "730")).one()
        target.deleted_at = utcnow()
    with app.sessions() as session, session.begin():
        assert flag_notices(session) == 0
        assert session.get(PaperStatus, target.id) is None
    app.close()


def test_papers_list_filters_on_triage(database_url: str) -> None:
    env = {"SCIMON_DATABASE_URL": database_url}
    app = App(env=env)
    records = [
        make_record(pmid="600", source_id="600", dois=("10.1000/600",),
                    title="Exoskeleton walking after spinal cord injury: a randomized trial",
                    abstract="Forty-two adults with chronic paraplegia were randomly assigned "
                             "to exoskeleton or usual care; 42 patients finished."),
        make_record(pmid="601", source_id="601", dois=("10.1000/601",),
                    title="Riluzole after thoracic spinal cord injury in rats",
                    abstract="Twenty rats received a T10 contusion and riluzole."),
        make_record(pmid="602", source_id="602", dois=("10.1000/602",),
                    title="Spinal anaesthesia for hip fracture surgery in older adults",
                    abstract="A cohort of 300 patients."),
        make_record(pmid="603", source_id="603", dois=("10.1000/603",),
                    title="Erratum: Exoskeleton walking after spinal cord injury",
                    abstract="", publication_types=("Published Erratum",),
                    links=(Link(kind="ErratumFor", pmid="600"),)),
    ]  # fmt: skip
    ingest_records(app.sessions, records)
    assert CliRunner().invoke(cli, ["triage"], env=env).exit_code == 0

    def listed(*args: str) -> list[str]:
        result = CliRunner().invoke(cli, ["papers", "list", "--json", *args], env=env)
        assert result.exit_code == 0, result.output
        return sorted(row["pmid"] for row in json.loads(result.stdout))

    assert listed() == ["600", "601", "602", "603"]
    assert listed("--design", "rct") == ["600"]
    assert listed("--design", "rct", "--design", "animal") == ["600", "601"]
    assert listed("--population", "animal") == ["601"]
    assert listed("--relevance", "off_topic", "--notices", "exclude") == ["602"]
    assert listed("--notices", "only") == ["603"]
    assert listed("--topic", "rehabilitation") == ["600", "603"]  # the erratum names it too
    assert listed("--topic", "rehabilitation", "--notices", "exclude") == ["600"]
    assert listed("--min-evidence", "7") == ["600"]
    assert listed("--min-participants", "100") == ["602"]
    result = CliRunner().invoke(cli, ["papers", "list", "--json", "--design", "rct"], env=env)
    triage = json.loads(result.stdout)[0]["triage"]
    assert triage["design"] == "rct" and triage["participants"] == {"n": 42, "unit": "adults"}
    assert triage["reasons"]["design"] == ["title: 'randomized trial'"] and triage["rules_version"]
    # one paper: each decision with its reason, the rules version, and its flag
    shown = CliRunner().invoke(cli, ["papers", "show", "600"], env=env)
    assert shown.exit_code == 0, shown.output
    assert "FLAGGED: erratum published (paper #4)" in shown.output
    assert f"triage (rules {triage['rules_version']}," in shown.output
    assert "design:       rct (evidence rank 7)  [title: 'randomized trial']" in shown.output
    # issue 19: how sure triage is of the design, and of what else it might be
    assert re.search(r"  confidence:   [01]\.\d\d", shown.output), shown.output
    sure = triage["design_confidence"]
    assert 0.0 < sure <= 1.0 and triage["confidence"]["rct"] == sure
    assert "600" in listed("--min-confidence", str(sure))
    assert "600" not in listed("--min-confidence", "1") or sure == 1.0
    # the count with how it was found and how sure the card is of it (issue 20)
    assert "participants: 42 adults  [stated: 'Forty-two adults' (confidence 0." in shown.output
    assert "datetime.datetime(" not in shown.output and "{'" not in shown.output
    assert re.search(r"  - source: \w+, name: .*, seen_at: \d{4}-\d\d-\d\d \d\d:", shown.output)
    as_json = json.loads(
        CliRunner().invoke(cli, ["papers", "show", "600", "--json"], env=env).stdout
    )
    assert as_json["triage"]["reasons"]["relevance"] and as_json["flag"].startswith("erratum")
    bad = CliRunner().invoke(cli, ["papers", "list", "--topic", "astrology"], env=env)
    assert bad.exit_code == 2 and "'astrology' is not a topic id" in bad.output
    too_old = CliRunner().invoke(cli, ["papers", "list", "--since", "99999999d"], env=env)
    assert too_old.exit_code == 2 and "reaches back before year 1" in too_old.output
    app.close()


def test_papers_list_has_a_header_and_says_how_many_more(database_url: str) -> None:
    """Issue 21: no header, and the list stopped at --limit without a word."""
    env = {"SCIMON_DATABASE_URL": database_url}
    app = App(env=env)
    ingest_records(app.sessions, [
        make_record(pmid=str(n), source_id=str(n), dois=(f"10.1000/more.{n}",),
                    title=f"Spinal cord injury cohort {n}")
        for n in range(700, 707)
    ])  # fmt: skip
    app.close()

    def run(*args: str) -> list[str]:
        result = CliRunner().invoke(cli, ["papers", "list", *args], env=env)
        assert result.exit_code == 0, result.output
        return result.stdout.splitlines()

    lines = run("--limit", "3")
    assert lines[0].split() == ["first", "seen", "doi/pmid", "triage", "title"]
    assert len(lines) == 5 and lines[-1] == "4 more (use --limit or --offset)"
    for name in ("doi/pmid", "triage", "title"):  # each column starts where its header does
        col = lines[0].index(name)
        assert all(row[col - 2 : col] == "  " and row[col] != " " for row in lines[1:4])
    assert run("--limit", "3", "--offset", "3")[-1] == "1 more (use --limit or --offset)"
    last = run("--limit", "3", "--offset", "4")
    assert len(last) == 4 and not last[-1].endswith("or --offset)")  # header, the last three
    assert len(run()) == 8  # all seven under the default limit of 50, no 'more' line
    as_json = CliRunner().invoke(cli, ["papers", "list", "--json", "--limit", "3"], env=env)
    assert len(json.loads(as_json.stdout)) == 3  # a list, as before: no 'more' in it


def test_papers_list_counts_what_is_past_its_page_up_to_a_cap(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large database is not counted whole: "N+ more" past the cap, exact below it."""
    import monitor.cli.papers
    from storage.listing import PaperFilters, count_listed

    env = {"SCIMON_DATABASE_URL": database_url}
    app = App(env=env)
    ingest_records(app.sessions, [
        make_record(pmid=str(n), source_id=str(n), dois=(f"10.1000/cap.{n}",),
                    title=f"Spinal cord injury cohort {n}")
        for n in range(800, 810)
    ])  # fmt: skip
    with app.reads() as conn:
        assert count_listed(conn) == 10
        assert [count_listed(conn, cap=c) for c in (3, 9, 10, 20)] == [4, 10, 10, 10]
        assert count_listed(conn, PaperFilters(designs=("rct",)), cap=3) == 0
    app.close()
    monkeypatch.setattr(monitor.cli.papers, "MORE_CAP", 4)

    def last_line(*args: str) -> str:
        result = CliRunner().invoke(cli, ["papers", "list", *args], env=env)
        assert result.exit_code == 0, result.output
        return result.stdout.splitlines()[-1]

    assert last_line("--limit", "3") == "4+ more (use --limit or --offset)"  # 7 past the page
    assert last_line("--limit", "3", "--offset", "2") == "4+ more (use --limit or --offset)"
    assert last_line("--limit", "3", "--offset", "3") == "4 more (use --limit or --offset)"
    assert last_line("--limit", "3", "--offset", "5") == "2 more (use --limit or --offset)"


@pytest.mark.corpus
@pytest.mark.slow
def test_eval_triage_cli_on_the_corpus(database_url: str) -> None:
    from tests.corpus import corpus_path

    files = sorted(corpus_path("pubmed", "metapub", "pmid_xml").glob("*.xml"))
    result = CliRunner().invoke(
        cli, ["eval", "triage", "--json", *map(str, files)],
        env={"SCIMON_DATABASE_URL": database_url},
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["records"] == 112  # MEDLINE-indexed records of the metapub set (SOURCES.md)
    assert data["targets"]["notices_with_pubtypes"]["met"]
    assert set(data["targets"]) >= {"rct", "systematic_review", "case_report", "human_vs_animal"}
    recent = CliRunner().invoke(
        cli, ["eval", "triage", "--json", "--since", "2015", *map(str, files)],
        env={"SCIMON_DATABASE_URL": database_url},
    )  # fmt: skip
    assert recent.exit_code == 0, recent.output
    assert 0 < json.loads(recent.stdout)["records"] < 112


def test_population_check_script_scores_mesh_keywords(tmp_path: Path) -> None:
    """scripts/population_check.py: MeSH check tags in keywords are the answer, hidden
    from the classifier."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "population_check", REPO / "scripts" / "population_check.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    bib = tmp_path / "export.bib"
    bib.write_text(
        "@article{1, title={Contusion of the rat spinal cord}, abstract={Twenty rats were "
        "injured.}, keywords={Animals, Rats, Spinal Cord Injuries}}\n"
        "@article{2, title={Walking after SCI}, abstract={We studied 40 adults.}, "
        "keywords={Humans, Adult}}\n"
        "@article{3, title={Cement for porcine vertebrae}, abstract={Porcine spines were "
        "tested.}, keywords={Humans, Animals, Swine}}\n"
        "@article{4, title={Screws}, abstract={}, keywords={Biomechanics}}\n"
    )
    right, scored, wrong = module.check(bib)
    assert (right, scored) == (2, 3)  # record 4 has no check tag; 3 is indexed Humans too
    assert len(wrong) == 1 and wrong[0].startswith("3: MeSH human, text animal")


@pytest.mark.parametrize(
    ("title", "design"),
    [
        # a bibliographic export's publication-type tag: the bracket's whole content
        ("Blood-pressure-lowering treatment.[see comment][comment]", "commentary"),
        ("Aspirin after stroke [Letter]", "commentary"),
        ("Osteoarthritis and nutrition: the evidence. [Review] [142 refs]", "narrative_review"),
        # the title's own words are more specific than a generic design tag
        ("Exercise after spinal cord injury: a systematic review. [Review] [88 refs]",
         "systematic_review"),
        # the piece's kind outranks a design the title mentions
        ("Early decompression: a randomized controlled trial.[comment]", "commentary"),
        ("Bowel care in spinal cord injury [Editorial]", "commentary"),
        # the piece named by its kind, alone or after the topic
        ("Point of view.", "commentary"),
        ("Non-nurse faculty in nursing schools: A comment.", "commentary"),
        # a translated title, printed in brackets
        ('[Reply to "COVID-19 and smoking: an opportunity to quit"]', "commentary"),
        # "[see comment]" says this paper was commented on, not what it is
        ("Blood-pressure-lowering treatment.[see comment]", "unclassified"),
        # a kind word inside the topic is no tag
        ("Motoneuron stress-response", "unclassified"),
        ("Management of acute spinal cord injury", "unclassified"),
    ],
)  # fmt: skip
def test_title_only_records_by_their_title_tag(rules: TriageRules, title: str, design: str) -> None:
    """Issue 19, third pass: unknown is not commentary, but a tag is not unknown."""
    triage = text(rules, title)
    assert triage.design == design, triage.reasons  # type: ignore[attr-defined]


def test_a_tag_decides_only_a_title_only_record(rules: TriageRules) -> None:
    abstract = (
        "We searched MEDLINE and Embase for randomised trials of nutraceuticals in "
        "osteoarthritis and pooled their effects in a meta-analysis."
    )
    triage = text(rules, "Osteoarthritis and nutrition. [Review] [142 refs]", abstract)
    assert triage.design == "systematic_review", triage.reasons  # type: ignore[attr-defined]


PATIENT_CELL_ABSTRACT = (
    "Dermal fibroblasts isolated from three patients with familial Alzheimer's disease "
    "were reprogrammed into induced pluripotent stem cell lines. The cell lines expressed "
    "pluripotency markers, had normal karyotypes and differentiated into the three germ layers."
)


def test_cells_from_patients_studied_only_in_the_dish_are_in_vitro(rules: TriageRules) -> None:
    triage = text(rules, "Generation of iPSC lines from patients with Alzheimer's disease",
                  PATIENT_CELL_ABSTRACT)  # fmt: skip
    assert triage.design == "in_vitro", triage.reasons  # type: ignore[attr-defined]
    assert "donors" in triage.reasons["design"][0]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "abstract",
    [
        # the patients are studied too: counted and followed
        PATIENT_CELL_ABSTRACT + " We then followed 40 patients for two years.",
        # samples compared per patient are an observational comparison, not cells in a dish
        "Serum obtained from 40 patients and 30 controls was assayed by ELISA in vitro; "
        "levels were higher in patients.",
    ],
)
def test_patients_studied_beyond_their_cells_are_not_in_vitro(
    rules: TriageRules, abstract: str
) -> None:
    triage = text(rules, "Fibroblast function in Alzheimer's disease", abstract)
    assert triage.design != "in_vitro", triage.reasons  # type: ignore[attr-defined]


def test_the_collector_runs_again_after_a_batch_that_raises(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """classify_many pauses the cyclic garbage collector for a batch; a batch that
    raises must not leave it off for the rest of the process."""
    import gc

    import monitor.triage as triage_module

    def boom(*args: object, **kwargs: object) -> list[object]:
        assert not gc.isenabled()  # paused while the batch runs
        raise RuntimeError("rules raised")

    monkeypatch.setattr(triage_module, "_classify_many", boom)
    assert gc.isenabled()
    with pytest.raises(RuntimeError, match="rules raised"):
        triage_module.classify_many([], shipped_rules())
    assert gc.isenabled()
