"""All tables, each model module imported when one of its classes is first named.

``from storage.models import Paper`` imports ``storage.models.papers`` (and
the modules whose tables its foreign keys name), not all ten: declaring the
24 classes, and configuring their mappers at the first query, cost every
command about 0.1 s, and ``scimon papers list`` needs five of them.

Code that needs *every* table (Alembic's autogenerate, merging papers along
every foreign key, emptying the test database) must ask :func:`metadata`,
never ``Base.metadata`` directly: that holds only the tables imported so
far.  ``tests/test_layout.py`` checks it.
"""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import MetaData

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

# name -> the module of storage.models that defines it
_MODULE_OF: dict[str, str] = {
    "Digest": "digest",
    "DigestSend": "digest",
    "JobRun": "jobs",
    "SchedulerLock": "jobs",
    "Label": "learning",
    "PaperScore": "learning",
    "PreferenceModelVersion": "learning",
    "Paper": "papers",
    "PaperIdentifier": "papers",
    "PaperLink": "papers",
    "PaperSighting": "papers",
    "STATUSES": "review",
    "EditorAction": "review",
    "LoginToken": "review",
    "PaperCategoryOverride": "review",
    "PaperStatus": "review",
    "EditorSession": "sessions",
    "FetchRun": "sources",
    "SourceState": "sources",
    "PaperTriage": "triage",
    "TrialAction": "trial_review",
    "TrialStatus": "trial_review",
    "Trial": "trials",
    "TrialEvent": "trials",
    "TrialLink": "trials",
}

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
    "metadata",
]


def __getattr__(name: str) -> object:
    """A model (or ``STATUSES``), its module imported on first use (PEP 562)."""
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(_import(module), name)
    globals()[name] = value  # later lookups skip this function
    return value


def _import(module: str) -> ModuleType:
    """``storage.models.<module>``, through the import statement's machinery.

    (``importlib.import_module`` would do the same, but ``python -X importtime``
    does not report what it imports, hiding the models' cost from profiles.)
    """
    imported: ModuleType = __import__(f"{__name__}.{module}", fromlist=["__name__"])
    return imported


def metadata() -> MetaData:
    """``Base.metadata`` with every table on it: every model module is imported first."""
    from storage.base import Base

    for module in sorted(set(_MODULE_OF.values())):
        _import(module)
    return Base.metadata
