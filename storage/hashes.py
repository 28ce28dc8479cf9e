"""SHA-1 and BLAKE2b without loading OpenSSL.

``import hashlib`` loads OpenSSL's libcrypto (about 3.7 MiB of resident
memory) even for digests CPython builds in.  The classifying child of
``scimon import`` (issue 23) needs only these two (triage keys, rules and
model versions, the fingerprints of storage.merge and storage.keys), so the
modules it imports take them from here: the same digests, from the
interpreter's own ``_sha1`` and ``_blake2`` modules.

A process that has loaded OpenSSL anyway (the storing process of an import:
monitor/parse/raw_records.py fingerprints records with ``hashlib``) gets
OpenSSL's SHA-1, the same digest ~6x faster on a record's few kilobytes
(``storage.merge.record_hash``: ~3% of that process, the import's critical
path, with the built-in one).  Which one is asked at each call, so the order
modules are imported in does not matter.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hashlib import blake2b as blake2b
    from hashlib import sha1 as sha1
else:
    try:
        from _blake2 import blake2b
        from _sha1 import sha1 as _builtin_sha1
    except ImportError:  # an interpreter built without them
        from hashlib import blake2b
        from hashlib import sha1 as _builtin_sha1

    def sha1(data: bytes = b"", *, usedforsecurity: bool = True) -> Any:
        """``hashlib.sha1``: OpenSSL's when this process has loaded it, else the built-in."""
        openssl = getattr(sys.modules.get("_hashlib"), "openssl_sha1", None)
        if openssl is not None:
            return openssl(data, usedforsecurity=usedforsecurity)
        return _builtin_sha1(data, usedforsecurity=usedforsecurity)  # noqa: S324 - not security


__all__ = ["blake2b", "sha1"]
