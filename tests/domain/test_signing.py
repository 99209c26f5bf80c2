"""Ed25519 signatures of score events and checkpoints: what a signature covers, and what it refuses."""

import base64
import re

import pytest

from assessor_app.domain.signing import (
    SigningKey,
    Verifier,
    b64url,
    checkpoint_message,
    event_message,
    unb64url,
    valid_public_key,
)

HASH = "a" * 64
B64URL = re.compile(r"^[A-Za-z0-9_-]+$")


def test_a_signed_event_verifies_with_the_signers_public_key():
    key = SigningKey.generate()
    signature = key.sign_event(HASH)
    assert Verifier(key.public_key).verifies_event(HASH, signature)


def test_a_signature_does_not_cover_another_hash():
    key = SigningKey.generate()
    signature = key.sign_event(HASH)
    assert not Verifier(key.public_key).verifies_event("b" + HASH[1:], signature)


def test_a_tampered_signature_is_refused():
    key = SigningKey.generate()
    raw = bytearray(unb64url(key.sign_event(HASH)))
    raw[10] ^= 0x01
    assert not Verifier(key.public_key).verifies_event(HASH, b64url(bytes(raw)))


def test_another_keys_signature_is_refused():
    signature = SigningKey.generate().sign_event(HASH)
    assert not Verifier(SigningKey.generate().public_key).verifies_event(HASH, signature)


@pytest.mark.parametrize("signature", [None, "", "not base64!", b64url(b"\x00" * 63), "é" * 86])
def test_missing_or_malformed_signatures_are_refused(signature):
    assert not Verifier(SigningKey.generate().public_key).verifies_event(HASH, signature)


def test_signatures_are_deterministic_so_a_late_signature_equals_an_early_one():
    key = SigningKey.generate()
    again = SigningKey.from_secret(key.secret())
    assert key.sign_event(HASH) == key.sign_event(HASH) == again.sign_event(HASH)
    assert again.public_key == key.public_key


def test_keys_and_signatures_are_unpadded_base64url_of_their_raw_bytes():
    key = SigningKey.generate()
    signature = key.sign_event(HASH)
    for text, size in ((key.public_key, 32), (key.secret(), 32), (signature, 64)):
        assert B64URL.match(text) and "=" not in text
        assert len(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))) == size
    assert (len(key.public_key), len(signature)) == (43, 86)
    assert valid_public_key(key.public_key) and not valid_public_key(signature)


def test_an_event_signature_is_domain_separated_from_a_checkpoint_signature():
    assert event_message(HASH) == b"assessors-desk score-event v1\n" + HASH.encode()
    assert checkpoint_message(3, HASH, "2026-11-23T00:00:00Z") == (
        b"assessors-desk audit-log checkpoint v1\n3\n" + HASH.encode() + b"\n2026-11-23T00:00:00Z\n")
    key = SigningKey.generate()
    checkpoint_signature = key.sign(checkpoint_message(1, HASH, "t"))
    assert not Verifier(key.public_key).verifies_event(HASH, checkpoint_signature)


@pytest.mark.parametrize("secret", ["", "abc", b64url(b"\x01" * 31), b64url(b"\x01" * 33), "+/+/"])
def test_a_secret_that_is_not_a_32_byte_key_is_refused(secret):
    with pytest.raises(ValueError):
        SigningKey.from_secret(secret)


def test_a_public_key_that_is_not_32_bytes_cannot_make_a_verifier():
    with pytest.raises(ValueError):
        Verifier(b64url(b"\x02" * 31))


def test_padded_or_non_ascii_text_is_not_base64url():
    with pytest.raises(ValueError):
        unb64url("é")
    assert unb64url(b64url(b"\xff\xfe")) == b"\xff\xfe"
