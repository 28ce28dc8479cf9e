"""``scimon import`` on SQLite without OpenSSL (issue 23: the import's memory).

SQLAlchemy imports ``asyncio`` (which imports ``ssl``) and ``hashlib`` whatever the
database, and both load OpenSSL's libcrypto and libssl: 4.6 MiB of the storing
process's resident memory (mem8, docs/benchmarks.md), for a command that reads
a local file into a local database and never opens a TLS connection or needs a
digest CPython does not build in.  Marking ``_ssl`` and ``_hashlib`` as absent
before anything imports them makes ``import ssl`` fail where it is optional
(asyncio, smtplib, http.client, urllib catch it) and ``hashlib`` fall back to
CPython's own md5, sha1, sha2, sha3 and blake2 (the same digests; the
classifying child already takes them so, ``storage/hashes.py``).

PostgreSQL keeps OpenSSL: psycopg's libpq wrapper imports ``ssl``.
"""

from __future__ import annotations

import os
import sys

from monitor.config import DEFAULT_DATABASE_URL

OPENSSL_MODULES = ("_ssl", "_hashlib")


def drop_openssl(database_url: str | None = None) -> bool:
    """Keep OpenSSL out of this process when it stores into SQLite; whether it did.

    ``database_url``: the command's database (default: as ``monitor.config``
    reads it, ``SCIMON_DATABASE_URL`` or the default SQLite file).  Nothing is
    done when OpenSSL is already loaded (there is nothing left to save) or the
    database is not SQLite.
    """
    url = database_url or os.environ.get("SCIMON_DATABASE_URL") or DEFAULT_DATABASE_URL
    if not url.startswith("sqlite"):
        return False
    if any(sys.modules.get(name) is not None for name in OPENSSL_MODULES):
        return False
    for name in OPENSSL_MODULES:
        sys.modules[name] = None  # type: ignore[assignment]  # "absent": import raises
    return True
