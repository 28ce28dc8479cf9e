"""All tables.  Importing this package registers every model on Base.metadata."""

from storage.models.papers import Paper, PaperIdentifier, PaperLink, PaperSighting
from storage.models.review import STATUSES, EditorAction, PaperStatus
from storage.models.sources import FetchRun, SourceState
from storage.models.triage import PaperTriage

__all__ = [
    "STATUSES",
    "EditorAction",
    "FetchRun",
    "Paper",
    "PaperIdentifier",
    "PaperLink",
    "PaperSighting",
    "PaperStatus",
    "PaperTriage",
    "SourceState",
]
