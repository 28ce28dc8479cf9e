"""SHA-1 and BLAKE2b without loading OpenSSL.

``import hashlib`` loads OpenSSL's libcrypto (about 3.7 MiB of resident
memory) even for digests CPython builds in.  The classifying child of
``scimon import`` (issue 23) needs only these two (triage keys, rules and
model versions, the fingerprints of storage.merge and storage.keys), so the
modules it imports take them from here: the same digests, from the
interpreter's own ``_sha1`` and ``_blake2`` modules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hashlib import blake2b as blake2b
    from hashlib import sha1 as sha1
else:
    try:
        from _blake2 import blake2b
        from _sha1 import sha1
    except ImportError:  # an interpreter built without them
        from hashlib import blake2b, sha1

__all__ = ["blake2b", "sha1"]
