"""Arms and control groups of one sample (issue 20, sixteenth round, parts6):
docs/card-labelling.md participants rules 1.1, 1.2 and 5."""

from __future__ import annotations

import pytest

from monitor.triage.participants import read_counts


def _chosen(text: str) -> int | None:
    chosen = read_counts(text).chosen
    return chosen.value if chosen else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the number of groups before the count of each
        (
            "The present study contrasted the analgesic efficacy of two treatments in two "
            "groups of 20 female patients scheduled for abdominal hysterectomy.",
            40,
        ),
        # "for each group" after the count, the number of groups before it
        (
            "The rat SCI model was prepared with the animals randomly divided into the "
            "following 4 groups (n=10 for each group): SCI; methylprednisolone; electrotherapy; "
            "and combination treatment.",
            40,
        ),
        # one group's count with no number of groups stays unread
        ("Rats were allocated to 10 animals per group and tested weekly.", None),
    ],
)
def test_counts_per_group_times_the_groups(text: str, expected: int | None) -> None:
    assert _chosen(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # not every arm found: the randomised count before the verb is the sample
        (
            "Healthy, sedentary middle-aged and older adults (N = 138) were randomly assigned to "
            "4 months of pill placebo (n = 46), 1.25 grams per day omega-3 (n = 46), or 2.5 g/d "
            "omega-3 (n = 46).",
            138,
        ),
        (
            "Healthy young adults (n = 60) were semi-randomly assigned to three groups: the tDCS "
            "group (n = 20) received anodal tDCS; the SHAM group (n = 20) received sham tDCS; "
            "and the Control group (CON, n = 20) only performed the typing task.",
            60,
        ),
        # arms before the verb are groups, summed as before
        (
            "Forty patients with stroke and 30 healthy controls were randomly assigned to two "
            "training schedules.",
            70,
        ),
    ],
)
def test_arms_after_the_assignment_verb_are_parts_of_the_count_before(
    text: str, expected: int
) -> None:
    assert _chosen(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a control group in a clause of its own, after a semicolon
        (
            "We retrospectively analyzed the charts of 150 consecutive patients subjected to "
            "coronary artery surgery using the ES-technique; 150 patients matched for age, "
            "gender and renal failure undergoing surgery with conventional CP during the same "
            "time period served as control group.",
            300,
        ),
        # a clause after a semicolon that is not a control group is not added
        (
            "We retrospectively analyzed the charts of 150 consecutive patients; 30 patients "
            "died in hospital.",
            150,
        ),
        # one more group named as such, sentences of times between
        (
            "Rats were randomized to four treatment groups. Chilled saline was perfused to "
            "reach 24 degrees C (16 rats), 30 degrees C (13 rats), and 35 degrees C (13 rats). "
            "Hypothermia was continued for 3 hours when a 45-minute period of rewarming was "
            "instituted. In a fourth group a moderate contusion only was induced in 14 animals.",
            56,
        ),
        (
            "In the main experiment, 16 participants received rhythmic rTMS bursts. In the "
            "control experiment, another group of 16 participants received sham rTMS.",
            32,
        ),
        # "the second group" is a group counted before, not one more
        (
            "Forty patients were randomised into two groups. The second group of 20 patients "
            "received placebo.",
            40,
        ),
    ],
)
def test_a_control_or_further_group_stated_apart_joins_the_sample(text: str, expected: int) -> None:
    assert _chosen(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the arms' unit is the sentence's subject, far before them
        (
            "Patients were randomized to receive 500-mg intravenous doses of either meropenem "
            "every 8 hours (n = 116) or imipenem/cilastatin every 6 hours (n = 119).",
            235,
        ),
        # a range of group sizes after "n =" is no count
        (
            "The mice were randomly distributed into control, sham operated, CLP and "
            "CLP+splenectomy (CLPS) groups (n=5-10/group).",
            None,
        ),
        # a count and its part joined by a hyphen stay a count
        ("Data from the 1970 British Cohort Study was used (N = 5144-2733 women).", 5144),
    ],
)
def test_n_equals_units_and_ranges(text: str, expected: int | None) -> None:
    assert _chosen(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the first group's description in parentheses, the unit after the second
        (
            "Eleven SCI (spinal lesions between T6 and L1, American Spinal Injury Association "
            "impairment scale A) and 14 able-bodied (AB) persons first rested for 1 h.",
            25,
        ),
        (
            "Buccal mucosa cells were obtained from 21 young (23.7 ± 2.3 yrs) and 21 older "
            "women (66.8 ± 5.7 yrs) within 24 h.",
            42,
        ),
        # parts of a count stated before stay parts
        (
            "We recruited 16 volunteers in Mysore, India including 6 younger (12-15 years; 3 "
            "girls) and 10 older adolescents using a purposive sampling technique.",
            16,
        ),
        # a name's number before a parenthesis is no group (1 + 123 was read; the sum
        # 401 is not read either: "#1" stands alone between the groups)
        (
            "Data on 278 consecutive patients from Hospital #1 (training cohort) and 123 cases "
            "from Hospital #2 (external validation cohort) were retrospectively collected.",
            278,
        ),
    ],
)
def test_groups_joined_through_a_parenthesised_description(text: str, expected: int) -> None:
    assert _chosen(text) == expected


def test_an_event_in_some_of_them_is_no_sample() -> None:
    # "occurred in 63 patients" is what happened to a subgroup, not what the study did
    assert (
        _chosen(
            "Cox proportional hazards model was used. sRDH occurred in 63 patients at a median "
            "0.8 years (IQR 0.5 to 1.7) after surgery, p < 0.05."
        )
        is None
    )
    # ... so the sample stated before it is chosen
    assert (
        _chosen(
            "Findings: 3,078 health care workers were included. Previous SARS-CoV-2 infection/COVID-19 occurred "
            "in 396 subjects (12.9%). MSS occurred in 6.3% of cases (p<0.001)."
        )
        == 3078
    )
    # what the study did in them still counts them
    assert _chosen("Surgery was performed in 113 patients; 12 died (p < 0.05).") == 113


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the rest of the sample as the next sentence's subject
        (
            "This study explored the efficacy of sublingual captopril. Captopril controlled the "
            "pressures within normal range in two patients. The other three patients responded "
            "moderately and were switched to hydralazine.",
            5,
        ),
        # "In the other 11 children" is said of a part, not the rest of the sample
        (
            "In all, 76 patients received a PEG, and 12 of them were also given jejunal "
            "feeding tubes. In the other 11 children, 52 changes of jejunal tube were required.",
            76,
        ),
    ],
)
def test_the_other_group_as_the_next_sentences_subject(text: str, expected: int) -> None:
    assert _chosen(text) == expected


def test_one_standing_for_a_study_is_no_count() -> None:
    text = (
        "We conducted meta-analyses of randomised clinical trials. MAIN RESULTS: We included "
        "two randomised clinical trials: one with 183 adults and one with 174 children (birth "
        "through age 17 years)."
    )
    assert _chosen(text) == 357


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a list joined to one unit, then a group of another kind
        (
            "22 HFpEF, 17 HFmrEF and 15 HFrEF patients as well as 19 healthy volunteers were "
            "included.",
            73,
        ),
        (
            "We reviewed 884 431 patient records to identify 100 patients with CRAO, 6559 with "
            "ischemic stroke, and 1000 matched controls.",
            7659,
        ),
        (
            "Between January 2018 and April 2020, 11 patients underwent multivisceral surgery: "
            "4 patients presented with two synchronous tumors, 4 with primary cancer associated "
            "with a benign condition and 3 cases involved deep infiltrating endometriosis.",
            11,
        ),
    ],
)
def test_a_joined_run_and_the_groups_listed_after_it(text: str, expected: int) -> None:
    assert _chosen(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the groups' abbreviations in parentheses do not end the list
        (
            "SUBJECTS AND METHODS: Fifty-nine patients with different types of acute leukemia "
            "(AL), 30 with anaplastic anemia (AA), 24 with thrombocytopenic purpura, and 20 "
            "healthy volunteers were examined during their 40-day stay.",
            133,
        ),
        (
            "METHODS: We enrolled a total of 307 patients with chronic hepatitis B (CHB) and 237 "
            "with HBV-related HCC from 13 medical centers.",
            544,
        ),
    ],
)
def test_groups_listed_after_an_abbreviation(text: str, expected: int) -> None:
    assert _chosen(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the denominator of a share, its percentage before the unit, is those studied
        ("RESULTS: We detected HHV-6B+ BALF from 147 of 553 (27%) individuals.", 553),
        (
            "Complete baseline data capture was available for 733 of 754 (97.2%) consecutive "
            "patients.",
            754,
        ),
        # ... unless the sentence enrols: then the share is the sample (as before: no count
        # here reads the share, so none is chosen)
        ("In all, 614 of 804 (76%) eligible women were enrolled.", None),
    ],
)
def test_the_denominator_of_a_share_is_the_sample(text: str, expected: int | None) -> None:
    assert _chosen(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("There were 160 MP recipients and 151 nonrecipients.", 311),
        ("Results: Analyses were based on 247 smokers and 418 nonsmokers.", 665),
        # a negated word that is not the unit's is no group of it
        ("There were 160 MP recipients and 151 nonresponders.", 160),
    ],
)
def test_the_complement_group_named_by_the_negated_unit(text: str, expected: int) -> None:
    assert _chosen(text) == expected


def test_the_unnamed_group_is_the_sample() -> None:
    text = (
        "Fosinopril as monotherapy in amounts of 10, 20 and 40 mg led to normalization of BP in "
        "85% of the group (n = 203) and was very well tolerated. Only 4% of the patients did "
        "not complete the study on account of undesirable effects, incl. 3 patients where "
        "cough was the reason for discontinuation."
    )
    assert _chosen(text) == 203


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # earlier reports' people are not this study's
        (
            "All reported cases of quinine-induced DIC were reviewed. Fifteen previous patients "
            "were found to meet the criteria for DIC.",
            None,
        ),
        ("A retrospective review was performed of sixty-five previously untreated patients.", 65),
        # the one named before "and N other ..." is one more of them
        (
            "We obtained the medical history of the proband and 3 other family members.",
            4,
        ),
    ],
)
def test_earlier_reports_and_one_named_with_others(text: str, expected: int | None) -> None:
    assert _chosen(text) == expected
