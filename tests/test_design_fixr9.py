"""fixr9: a review the paper names that is a review of its own patients is no genre cue."""

from monitor.triage.design import design_from_lowered


def _design(title: str, abstract: str) -> str:
    return design_from_lowered(title.lower(), abstract.lower(), "human")[0]


def test_current_review_of_our_patients_is_not_a_narrative_review() -> None:
    abstract = (
        "Study design: retrospective comparative study. Methods: all patients who underwent "
        "fusion between 2010 and 2011 were included. Results: a total of 116 patients were "
        "evaluated. Conclusion: the current review of our patients informs preoperative planning."
    )
    assert _design("Sacral fracture after fusion: analysis of risk factors", abstract) != (
        "narrative_review"
    )


def test_current_review_without_own_records_stays_a_review() -> None:
    abstract = (
        "Colorectal cancer is common. MicroRNAs influence several pathways. "
        "In the current review, we have provided a recent update on the role of microRNAs."
    )
    assert _design("MicroRNAs in colorectal cancer", abstract) == "narrative_review"
