"""All tables.  Importing this package registers every model on Base.metadata."""

from storage.models.digest import Digest, DigestSend
from storage.models.jobs import JobRun, SchedulerLock
from storage.models.learning import Label, PaperScore, PreferenceModelVersion
from storage.models.papers import Paper, PaperIdentifier, PaperLink, PaperSighting
from storage.models.review import (
    STATUSES,
    EditorAction,
    LoginToken,
    PaperCategoryOverride,
    PaperStatus,
)
from storage.models.sessions import EditorSession
from storage.models.sources import FetchRun, SourceState
from storage.models.triage import PaperTriage
from storage.models.trial_review import TrialAction, TrialStatus
from storage.models.trials import Trial, TrialEvent, TrialLink

__all__ = [
    "STATUSES",
    "Digest",
    "DigestSend",
    "EditorAction",
    "EditorSession",
    "FetchRun",
    "JobRun",
    "Label",
    "LoginToken",
    "Paper",
    "PaperCategoryOverride",
    "PaperIdentifier",
    "PaperLink",
    "PaperScore",
    "PaperSighting",
    "PaperStatus",
    "PaperTriage",
    "PreferenceModelVersion",
    "SchedulerLock",
    "SourceState",
    "Trial",
    "TrialAction",
    "TrialEvent",
    "TrialLink",
    "TrialStatus",
]
