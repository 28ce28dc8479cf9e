"""parts11 (issue 20): sum only counts that partition the sample (docs/brief-extraction.md,
fourteenth pass, parts11)."""

from monitor.triage.participants import find_participants


def shown(abstract: str, title: str = "") -> int | None:
    p, _ = find_participants(abstract, title)
    return p.number if p else None


def test_later_subset_with_a_property_is_not_added_to_its_whole() -> None:
    # "N patients, M with X": those of the N who have X, not another group
    assert (
        shown("We analysed 2326 patients, 570 with chronic pain, from a national registry.") == 2326
    )
    assert shown("The cohort comprised 815 adults, 96 who had fallen in the past year.") == 815


def test_parts_that_partition_the_whole_still_read_as_groups() -> None:
    # a run of parts that sums to the count before it: the whole
    assert shown("We studied 50 patients, 20 with stroke and 30 with SCI.") == 50
    # joined by "and": two groups of one sample, summed
    assert shown("We studied 20 patients with stroke and 15 with SCI.") == 35
    assert shown("Patients with paraplegia (n = 40) and tetraplegia (n = 25) were studied.") == 65


def test_subsample_is_part_of_the_sample() -> None:
    text = (
        "No association was found in either the whole sample (n = 87) or in the subsample (n = 42)."
    )
    assert shown(text) == 87
    assert (
        shown("Patients in the sample (n = 300) and the subsample (n = 120) were interviewed.")
        == 300
    )
    # two subgroups, both so labelled, are two parts of one sample: summed
    assert shown("Patients in subgroup A (n = 30) and subgroup B (n = 20) were studied.") == 50
