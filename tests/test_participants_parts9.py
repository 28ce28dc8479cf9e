"""parts9 (issue 20): what "including" includes (docs/brief-extraction.md, fourteenth pass)."""

from monitor.triage.participants import _counts, find_participants


def shown(abstract: str, title: str = "") -> int | None:
    p, _ = find_participants(abstract, title)
    return p.number if p else None


def subsets(sentence: str, review: bool = True) -> dict[int, bool]:
    return {c.value: c.subset for c in _counts(sentence, review)}


def test_studies_including_people_is_their_total() -> None:
    # the studies are what "including" includes: their people, not a subset of people
    assert subsets("Six randomised trials were identified including 512 patients.") == {
        512: False
    }
    assert subsets("In all, 9 articles (including 731 patients) were retrieved.") == {731: False}
    text = "Eight studies were included in the meta-analysis, including 1 204 adult patients."
    assert subsets(text) == {1204: False}
    assert shown("Four controlled trials were found including 388 patients. Pain fell.") == 388


def test_people_including_people_stays_a_subset() -> None:
    # people named or counted before "including": the count is some of them
    assert subsets("The study enrolled 64 patients, including 20 women.", review=False)[20]
    assert subsets("Twelve studies of older adults, including 140 women, were found.")[140]
    assert shown("We enrolled 64 patients, including 20 women, in the trial.") == 64


def test_each_study_and_reports_of_people_stay_subsets() -> None:
    # "each including": one study's people; reports of adverse events are people
    assert subsets("We conducted two studies, each including 20 healthy patients.")[20]
    text = "The agency received 82 reports of possible hepatotoxicity, including five deaths."
    assert subsets(text, review=False)[5]
