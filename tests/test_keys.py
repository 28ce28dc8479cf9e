"""DOI and title keys: every variant of one DOI collapses to one key."""

import pytest

from storage.keys import find_dois, normalize_doi, title_key


@pytest.mark.parametrize(
    "raw",
    [
        "10.1038/s41393-024-01000-1",
        "10.1038/S41393-024-01000-1",
        "https://doi.org/10.1038/s41393-024-01000-1",
        "http://dx.doi.org/10.1038/s41393-024-01000-1",
        "doi:10.1038/s41393-024-01000-1",
        "DOI: 10.1038/s41393-024-01000-1",
        "doi: 10.1038/s41393-024-01000-1",
        "info:doi/10.1038/s41393-024-01000-1",
        "  10.1038/s41393-024-01000-1.  ",
        "10.1038/s41393-024-01000-1;",
        "https://doi.org/10.1038%2Fs41393-024-01000-1",
    ],
)
def test_doi_variants_collapse(raw: str) -> None:
    assert normalize_doi(raw) == "10.1038/s41393-024-01000-1"


def test_balanced_parentheses_are_part_of_the_doi() -> None:
    assert normalize_doi("10.1016/S0140-6736(18)31119-3") == "10.1016/s0140-6736(18)31119-3"
    assert normalize_doi("(see 10.1000/xyz123)") is None  # not a DOI as a whole
    assert find_dois("(see doi:10.1000/xyz123)") == ["10.1000/xyz123"]


@pytest.mark.parametrize("raw", [None, "", "not a doi", "11.1000/abc", "10.12/abc", "pmid:123"])
def test_non_dois_are_rejected(raw: str | None) -> None:
    assert normalize_doi(raw) is None


def test_find_dois_in_text_and_links() -> None:
    text = "Parasitol Int. 2021. doi: 10.1016/j.parint.2021.102531. Online ahead of print."
    assert find_dois(text) == ["10.1016/j.parint.2021.102531"]
    link = "https://www.tandfonline.com/doi/full/10.1080/10790268.2021.1970894?af=R"
    assert find_dois(link) == ["10.1080/10790268.2021.1970894"]


def test_title_key_ignores_case_accents_and_punctuation() -> None:
    a = title_key("Locomotor Training after Spinal-Cord Injury: a Trial.", 2024)
    b = title_key("locomotor training after spinal cord injury — a trial", 2024)
    assert a == b
    assert a != title_key("locomotor training after spinal cord injury a trial", 2023)
    assert title_key("Erratum", 2024) is None


def test_the_digests_without_openssl_are_hashlibs() -> None:
    """storage.hashes (the classifying child's SHA-1 and BLAKE2b, issue 23) gives
    hashlib's digests, so keys and fingerprints stay what they were."""
    import hashlib

    from storage.hashes import blake2b, sha1

    for data in (b"", b"spinal cord injury", "Séquard".encode() * 1000):
        assert sha1(data, usedforsecurity=False).hexdigest() == hashlib.sha1(data).hexdigest()
        assert (
            blake2b(data, digest_size=16).digest()
            == hashlib.blake2b(data, digest_size=16).digest()
        )


def test_sha1_is_the_same_digest_with_or_without_openssl_loaded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """storage.hashes.sha1 takes OpenSSL's SHA-1 once a process has loaded it (the
    storing process of an import) and the built-in one before: one digest either way."""
    import hashlib
    import sys

    from storage.hashes import sha1

    data = "Brown-Séquard syndrome after a stab wound".encode() * 100
    want = hashlib.sha1(data).hexdigest()
    assert type(sha1(data)).__module__ == type(hashlib.sha1(data)).__module__ == "_hashlib"
    assert sha1(data, usedforsecurity=False).hexdigest() == want
    monkeypatch.delitem(sys.modules, "_hashlib")
    built_in = sha1(data, usedforsecurity=False)
    assert type(built_in).__module__ != "_hashlib"
    assert built_in.hexdigest() == want
