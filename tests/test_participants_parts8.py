"""parts8 (issue 20): rates, served populations, planned samples, protocols, and the
part behind "The other N" (docs/brief-extraction.md, thirteenth pass)."""

from monitor.triage.participants import find_participants, read_counts


def shown(abstract: str, title: str = "") -> int | None:
    p, _ = find_participants(abstract, title)
    return p.number if p else None


def test_rate_denominator_is_no_count() -> None:
    text = (
        "The number of laboratory tests ordered per 100 patients decreased after the "
        "educational program began."
    )
    assert shown(text) is None
    assert shown("Referrals fell from 4.1 per 10 patients to 0.4 amongst the GPs.") is None
    # a count beside a rate is still read
    text = "We enrolled 240 patients. Infections fell from 8.1 to 4.2 per 1,000 patient-days."
    assert shown(text) == 240


def test_people_served_are_another_level() -> None:
    text = (
        "One workshop was delivered at two sites to nurse managers and clinical leaders "
        "(n=15) responsible for 180 staff nurses."
    )
    assert shown(text) == 15
    # an emotion's object is not a population served
    text = "We recorded liking and caring for 43 men and 48 women."
    assert shown(text) == 91


def test_sample_size_calculation_is_planned() -> None:
    text = (
        "The sample size of 320 participants allows for 20% drop-out and has 80% power to "
        "detect a 0.5% fall in HbA1c."
    )
    assert shown(text) is None
    # a completed trial's own count is chosen over its power calculation
    text = (
        "A sample size of 300 patients was needed to detect a 10% difference with 80% power. "
        "In all, 284 patients were randomised."
    )
    assert shown(text) == 284


def test_plan_in_the_present_is_withheld() -> None:
    text = (
        "In this pilot study, we propose to enrol 10 patients with acute cervical injury to "
        "assess feasibility."
    )
    assert read_counts(text).chosen is not None
    assert shown(text) is None


def test_protocol_title() -> None:
    abstract = "Participants (n = 92) are recruited and randomized 1:1 to the intervention."
    assert (
        shown(abstract, "Mobile health for heart failure: protocol for a feasibility trial") is None
    )
    assert shown(abstract, "Rationale and design of the X trial") is None
    # a clinical protocol, or a protocol-specified analysis, is no study protocol
    abstract = "From 1987 to 1990, 57 children were managed for esophageal coins."
    assert shown(abstract, "A safe protocol for the management of esophageal coins") == 57
    abstract = "Patients were randomized to pembrolizumab (n = 410) or placebo (n = 206)."
    assert shown(abstract, "Pembrolizumab in NSCLC: protocol-specified final analysis") == 616


def test_the_other_is_rest_of_a_counted_part_only() -> None:
    # the part must be people counted in the sentence before, not an age
    text = (
        "Sixty patients aged 20 years or more were included. The other 40 patients served "
        "as controls."
    )
    assert read_counts(text).chosen is not None
    assert read_counts(text).chosen.value == 100  # type: ignore[union-attr]
    text = (
        "Sixty patients were included; 20 patients had complete injuries. The other 40 had "
        "incomplete injuries."
    )
    assert read_counts(text).chosen.value == 60  # type: ignore[union-attr]


def test_one_analysis_pool_of_a_review() -> None:
    title = "Drains after pancreatic resection: a meta-analysis"
    text = (
        "We included 15 studies after screening. 13 studies with 16,648 patients were "
        "analyzed to assess drain placement, and 4 studies with 6,990 patients were analyzed "
        "to assess fistula risk."
    )
    assert shown(text, title) is None
    text = (
        "This meta-analysis searched PubMed. 12 publications with 2389 patients were "
        "included for the analysis of disease severity."
    )
    assert shown(text, title) is None
    # the pool of every included study is the review's total
    text = (
        "A total of 813 articles were identified, and 96 articles comprising 7912 patients "
        "were included in the analysis."
    )
    assert shown(text, title) == 7912
    text = "We included 23 studies with 6285 randomized men across three comparisons."
    assert shown(text, title) == 6285


def test_clinicians_and_nested_patients_are_not_summed() -> None:
    text = (
        "Setting and Participants Seventy community physicians and 2978 Medicare patients "
        "with diabetes. Intervention Physicians were randomly assigned to feedback (n = 35) "
        "or benchmarks (n = 35)."
    )
    p, why = find_participants(text)
    assert p is None and "two levels" in why
    # kinds of participant at one level, nobody allocated by clinician: summed (rule 5)
    text = "We enrolled 7 clinician trainers and 19 able-bodied trainees."
    assert shown(text) == 26


def test_who_received_selects_or_treats() -> None:
    from types import SimpleNamespace

    from monitor.briefs.duration import duration_of

    def duration(text: str) -> str | None:
        return duration_of(SimpleNamespace(abstract=text, title=""))  # type: ignore[arg-type]

    # a clause the people were selected by: their history, not the study's course
    text = (
        "All patients who received therapeutic hypothermia for 72 hours between 2010 and "
        "2015 were identified from the registry."
    )
    assert duration(text) is None
    # an arm the study gave: its length is the course
    assert duration("Fifteen subjects who received oral honey for 15 days were compared.") == (
        "15 days"
    )
