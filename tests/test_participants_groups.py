"""Groups of one sample summed, and over-broad subset cues (issue 20, sixth round):
docs/card-labelling.md participants rules 1.2 and 5."""

from __future__ import annotations

import pytest

from monitor.triage.participants import count_participants, find_participants, read_counts


def _chosen(text: str) -> int | None:
    chosen = read_counts(text).chosen
    return chosen.value if chosen else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # patients and controls with a parenthesis between them
        (
            "Quantitative MRI data of 30 chronic SCI patients (15 with tetraplegia and 15 with "
            "paraplegia) and 23 controls were acquired.",
            53,
        ),
        # two named groups of one kind of person
        (
            "To quantify the changes, 26 patients with CPFE and 33 IPF alone patients, whose "
            "function had been monitored, were selected.",
            59,
        ),
        # a comparison group is part of the sample
        (
            "We quantified expression in skin biopsies of nine patients with painful diabetic "
            "neuropathy compared to 10 healthy controls.",
            19,
        ),
        (
            "Eight patients with AF (88% male, mean heart rate (HR) 83 bpm) were included and "
            "compared with ten healthy controls (70% male).",
            18,
        ),
        # controls stated as a multiple of the cases
        (
            "We interviewed 282 histologically confirmed cases of NPC, and an equal number of "
            "age-matched controls sampled from the general population.",
            564,
        ),
        ("Eighty cases of NPC were each matched for sex, age and residence to 2 controls.", 240),
    ],
)
def test_groups_of_one_sample_are_summed(text: str, expected: int) -> None:
    assert _chosen(text) == expected


def test_one_kind_listed_twice_is_not_summed() -> None:
    # no qualifier and no comparison: two mentions, not two groups
    assert _chosen("We enrolled 40 patients and 40 patients completed the study.") == 40
    # review of session 13: numbers compared by value, and a second count that is the
    # first group going on (completed, analysed, remained) is the same people
    assert _chosen("Forty patients and 40 patients were studied at two visits.") == 40
    text = "Forty patients were enrolled and 40 participants completed the 12-week program."
    assert _chosen(text) == 40
    assert _chosen("We enrolled 40 patients, and 40 participants remained at follow-up.") == 40
    # ... but equal counts of two kinds of people are two groups
    text = "We studied 88 cases of NPC and 88 matched controls who completed the questionnaire."
    assert _chosen(text) == 176


def test_composition_percentage_is_not_a_subset() -> None:
    text = "Forty-three patients (88% blunt, 12% penetrating) underwent bronchoscopy 55 times."
    assert _chosen(text) == 43
    # a share of a larger group is still a subset: nothing is stated for the sample
    assert _chosen("Of the cohort, 20 patients (47%) had pneumonia.") != 20


def test_including_after_a_study_is_enrolment_after_people_a_subset() -> None:
    assert _chosen("This was a randomized trial including 64 adult patients with SCI.") == 64
    text = "We studied 32 consecutive patients at presentation, including 12 achieving remission."
    assert _chosen(text) == 32


def test_a_category_bound_is_no_count() -> None:
    text = (
        "Clinicians who had treated more than 100 patients per month, compared to 50 patients "
        "or fewer, were more willing (aOR 4.16)."
    )
    assert _chosen(text) != 50


@pytest.mark.parametrize(
    ("abstract", "title", "unit"),
    [
        ("This report describes a 19-year-old, previously healthy man with DRESS.", "", "man"),
        (
            "The case of rhabdomyosarcoma was presented. 58-years old woman complained of pain.",
            "",
            "woman",
        ),
        (
            "In a patient with advanced cancer, a complete response was obtained with heparin.",
            "Complete clinical remission in a patient with advanced pancreatic cancer",
            "patient",
        ),
    ],
)
def test_one_case_without_a_count(abstract: str, title: str, unit: str) -> None:
    chosen = read_counts(abstract, title).chosen
    assert chosen is not None and (chosen.value, chosen.unit) == (1, unit)


@pytest.mark.parametrize(
    "abstract",
    [
        # a narrative review: "present" is what the conditions do, not the authors
        "Several conditions present in a clinically similar fashion and may coexist in a "
        "single patient, making diagnosis difficult.",
        # a protocol: the cohorts "describe" a prevalence; "a patient platform" is nobody
        "Cohort studies will be combined to describe the prevalence of symptoms. A patient "
        "platform prototype will be developed.",
        # a review of case reports: the plural is many papers, "a newborn" one of theirs
        "Recently published case reports were reviewed. Numerous reports handled cesarean "
        "delivery. A diagnosis was made in a newborn two hours after delivery.",
    ],
)
def test_a_verb_that_is_not_the_authors_cues_no_case(abstract: str) -> None:
    assert read_counts(abstract, "").chosen is None


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("The paper describes analytic work with a woman who had suffered breakdowns.", "woman"),
        ("This clinical report describes the prosthodontic management of a patient.", "patient"),
        ("The positive outcome of the present case is shown. We treated a boy with PEG-J.", "boy"),
    ],
)
def test_the_authors_describing_their_case_is_a_cue(text: str, unit: str) -> None:
    chosen = read_counts(text, "").chosen
    assert chosen is not None and (chosen.value, chosen.unit) == (1, unit)


def test_work_reported_before_is_no_case_cue() -> None:
    text = "We previously reported a new type of cell sheet. Here a patient-derived line was made."
    assert read_counts(text, "").chosen is None


def test_a_patient_centred_title_is_no_case() -> None:
    assert (
        read_counts(
            "We surveyed clinics on care models.", "Care in a patient-centred clinic"
        ).chosen
        is None
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # two arms named by what they received
        ("Forty-six patients received methylprednisolone and 1555 received no steroid.", 1601),
        # a total and its parts: the total, not their sum
        (
            "A total of 204 children were included, 105 in the bilateral group and 99 in the "
            "unilateral group.",
            204,
        ),
        # a part after a comma is not another arm
        (
            "For 100 patients who were included, 53 underwent segmentectomy and 47 partial "
            "hepatectomy.",
            100,
        ),
        # a screening word before the comma belongs to the other count
        (
            "Out of 29 invited athletes, 14 athletes (mean age 60.4 years, 2 women) made use of "
            "the patch.",
            14,
        ),
    ],
)
def test_arms_totals_and_parts(text: str, expected: int) -> None:
    assert _chosen(text) == expected


# eighth round (issue 20): which number is the sample when "analysed" is the study's
# own work, and counts of parts stated in other sentences than their total
@pytest.mark.parametrize(
    ("abstract", "number", "role"),
    [
        # no one enrolled or randomised: the analysis is the study, its count the sample
        ("The clinical records of 45 patients with a pressure injury were retrospectively "
         "analysed. Twelve patients had diabetes and 30 healed within 8 weeks.", 45, "stated"),
        ("A retrospective analysis identified 36 adults with cervical SCI treated at one "
         "centre.", 36, "stated"),
        # people randomised, then some analysed: the analysed count is the lesser role
        ("We randomised 80 patients with SCI to walking or cycling. Data of 70 patients "
         "were analysed.", 80, "stated"),
        ("Sixty-four patients were enrolled. Fifty-eight were included in the final "
         "analysis and 6 withdrew.", 64, "stated"),
    ],
)  # fmt: skip
def test_analysis_is_the_sample_unless_people_were_enrolled(
    abstract: str, number: int, role: str
) -> None:
    found, reason = find_participants(abstract)
    assert found is not None and found.number == number, reason
    assert reason.startswith(role), reason


def test_the_arms_of_a_total_in_other_sentences_are_not_its_rivals() -> None:
    abstract = (
        "In 30 patients from centre A we measured bladder pressure. A second group of 25 "
        "patients from centre B was used to validate the finding. Fifty-five patients "
        "with SCI took part."
    )
    found, reason = find_participants(abstract)
    assert found is not None and found.number == 55, reason
    assert "rival" not in reason, reason


@pytest.mark.parametrize(
    ("abstract", "number"),
    [
        # one sample counted at successive assessments: the first count, not a sum
        ("Walking was tested at baseline (n = 40), at 3 months (n = 36) and at 1 year "
         "(n = 30) in adults with SCI.", 40),
        # arms are still summed, also when each is given for a length of treatment
        ("Adults with SCI had robot training for 6 weeks (n = 20) or for 12 weeks "
         "(n = 22).", 42),
        # arms are still summed
        ("Adults with SCI were randomised to arm A (n = 40) or arm B (n = 38).", 78),
    ],
)  # fmt: skip
def test_counts_at_time_points_are_one_sample(abstract: str, number: int) -> None:
    found, reason = find_participants(abstract)
    assert found is not None and found.number == number, reason


def test_an_unlabelled_arm_beside_a_counted_one_takes_its_unit() -> None:
    """A total with its arms, the arms' "n =" without a participant noun: the arms are
    parts of the total (both read), not a second sample added to it."""
    found, reason = find_participants(
        "Adults with SCI (n = 30) were randomised to robot training (RT, n = 15) or usual "
        "care (UC, n = 15)."
    )
    assert found is not None and found.number == 30, reason


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [
        # two groups, each with its own long description, joined by ", and" / "and in"
        (
            "We studied cancer incidence in a cohort of 4339 Dutch patients treated with "
            "radium irradiation, mostly in childhood, and 4104 matched nonexposed subjects.",
            8443,
        ),
        (
            "We conducted a cohort study of mortality in 5358 exposed subjects and in 5265 "
            "frequency-matched nonexposed subjects, who were treated at nine clinics.",
            10623,
        ),
        # two equal counts are two groups matched one to one, not a total and its part
        (
            "We did a case-control study of 88 incident cases of histologically confirmed "
            "NPC in Zangwu County, China, and 88 matched controls.",
            176,
        ),
        (
            "We conducted a cohort study of mortality in 5358 exposed subjects and in 5358 "
            "frequency-matched nonexposed subjects, who were treated at nine clinics.",
            10716,
        ),
        # "compared ... with those in": a comparison group of the same sample
        (
            "We evaluated immune responses to the vaccine in 97 adults with hematologic "
            "malignancies and compared these responses with those in 25 adult controls.",
            122,
        ),
        # a list of groups with commas, ended by "and"
        (
            "Serum values were evaluated in 83 patients with cancer of the pancreas, 47 "
            "patients with chronic pancreatitis, 8 patients with cystadenocarcinoma of the "
            "pancreas and 24 healthy blood donors.",
            162,
        ),
        # a later count that is its own clause's subject is a part, not a group
        (
            "From 107 patients enrolled in the trial, 55 were randomly assigned to the drug arm "
            "and 52 to the control arm.",
            107,
        ),
        # a total and its parts
        (
            "The eight patients included six boys and two girls, and onset was early.",
            8,
        ),
    ],
)
def test_parallel_groups_are_summed(abstract: str, expected: int) -> None:
    found, _reason = count_participants(abstract, "")
    assert found is not None and found.number == expected


def test_equal_counts_of_cases_and_controls_are_two_groups() -> None:
    # "(883 cases) ... (883 controls)": matched one to one, not a total and its part
    abstract = (
        "All cancer deaths (883 cases) of residents from 1990 through 1994 were "
        "compared with deaths from other causes (883 controls), and water hardness was measured."
    )
    found, _reason = count_participants(abstract, "")
    assert found is not None and found.number == 1766


def test_a_count_after_this_study_is_counted_not_a_numbered_study() -> None:
    # "this study 19" names the study as this one; "Study 2 enrolled" numbers one of several
    abstract = (
        "In this study 19 adult patients with subclinical hypothyroidism and 19 healthy "
        "controls were recruited."
    )
    found, _reason = count_participants(abstract, "")
    assert found is not None and found.number == 38
    found, _reason = count_participants("In Study 2 adults (n = 40) were tested.", "")
    assert found is not None and found.number == 40


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [
        # a cord level and an age range between two groups are no other count
        (
            "Eight quadriplegic subjects with complete transection at the C6 to C8 level and 6 "
            "age-matched healthy subjects took part.",
            14,
        ),
        (
            "We followed up 83 children aged 4-5 years with persistent infection and 80 "
            "noninfected matched controls from a periurban city.",
            163,
        ),
        # a number standing alone between them may be another count: the larger group stays
        (
            "Thirteen studies with 16,648 patients were analyzed for drains in one procedure, and "
            "4 studies with 6,990 patients were analyzed for another.",
            16648,
        ),
    ],
)
def test_levels_and_ages_between_groups_do_not_part_them(abstract: str, expected: int) -> None:
    found, _reason = count_participants(abstract, "")
    assert found is not None and found.number == expected


def test_a_no_break_or_thin_space_hides_no_count() -> None:
    # RE2's \s is ASCII: "(n\u00a0=\u2009651)" was read as no count at all
    text = "Of the cohort (n\u00a0=\u2009651), 18% (n\u00a0=\u2009115) received baclofen."
    chosen = read_counts(text, "").chosen
    assert chosen is not None and chosen.value == 651


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a survey is a study: its "(n = N)" is the sample
        ("Data from the 2013 national survey (n = 27501) were combined with register data.", 27501),
        # after "n =" a count is whole: a dot between groups of three separates thousands
        (
            "Data from the 2013 national survey (n = 27.501) were combined with register data.",
            27501,
        ),
    ],
)
def test_a_surveys_n_and_dotted_thousands(text: str, expected: int) -> None:
    chosen = read_counts(text, "").chosen
    assert chosen is not None and chosen.value == expected


def test_a_decimal_after_a_count_is_not_thousands() -> None:
    chosen = read_counts("We studied 40 patients (n = 40); mean age 27.5 years.", "").chosen
    assert chosen is not None and chosen.value == 40
