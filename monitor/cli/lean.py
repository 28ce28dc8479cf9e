"""``scimon import`` on SQLite without Python's ``ssl`` (issue 23: the import's memory).

SQLAlchemy imports ``asyncio`` whatever the database, and ``asyncio`` imports
``ssl``: its module, ``_ssl`` and libssl are 1.1 MiB of the storing process's
resident memory (mem8, docs/benchmarks.md), for a command that reads a local
file into a local database and never opens a TLS connection.  Marking ``_ssl``
absent before anything imports it makes ``import ssl`` fail where it is
optional (asyncio, smtplib, http.client and urllib catch it).

``hashlib`` keeps OpenSSL (libcrypto, another 3.5 MiB): the import hashes
every record's raw XML for its fingerprint (monitor/parse/raw_records.py), and
over the update file's 233 MB OpenSSL's SHA-1 takes 0.22 s of CPU where CPython
3.11's own takes 1.03 s, in the storing process, the import's critical path.

PostgreSQL keeps ``ssl``: psycopg's libpq wrapper imports it.
"""

from __future__ import annotations

import os
import sys

from monitor.config import DEFAULT_DATABASE_URL

SSL_MODULE = "_ssl"


def drop_ssl(database_url: str | None = None) -> bool:
    """Keep ``ssl`` out of this process when it stores into SQLite; whether it did.

    ``database_url``: the command's database (default: as ``monitor.config``
    reads it, ``SCIMON_DATABASE_URL`` or the default SQLite file).  Nothing is
    done when ``ssl`` is already loaded (there is nothing left to save) or the
    database is not SQLite.
    """
    url = database_url or os.environ.get("SCIMON_DATABASE_URL") or DEFAULT_DATABASE_URL
    if not url.startswith("sqlite"):
        return False
    if sys.modules.get(SSL_MODULE) is not None:
        return False
    sys.modules[SSL_MODULE] = None  # type: ignore[assignment]  # "absent": import raises
    return True
