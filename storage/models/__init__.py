"""All tables.  Importing this package registers every model on Base.metadata."""

from storage.models.digest import Digest, DigestSend
from storage.models.jobs import JobRun, SchedulerLock
from storage.models.papers import Paper, PaperIdentifier, PaperLink, PaperSighting
from storage.models.review import STATUSES, EditorAction, LoginToken, PaperStatus
from storage.models.sessions import EditorSession
from storage.models.sources import FetchRun, SourceState
from storage.models.triage import PaperTriage
from storage.models.trials import Trial, TrialEvent, TrialLink

__all__ = [
    "STATUSES",
    "Digest",
    "DigestSend",
    "EditorAction",
    "EditorSession",
    "FetchRun",
    "JobRun",
    "LoginToken",
    "Paper",
    "PaperIdentifier",
    "PaperLink",
    "PaperSighting",
    "PaperStatus",
    "PaperTriage",
    "SchedulerLock",
    "SourceState",
    "Trial",
    "TrialEvent",
    "TrialLink",
]
