"""The keyring is the real Secret Service of the test session (dbus + gnome-keyring), never a fake."""

import uuid

import keyring.backends.fail
import pytest

from assessor_app.sync import secrets


def test_the_test_session_has_a_real_secret_service():
    assert secrets.backend_name() == "keyring.backends.SecretService.Keyring", (
        "Run the tests through the README's test command: it starts dbus and an unlocked gnome-keyring."
    )


def test_secret_round_trips_through_the_os_keyring():
    account = f"test-{uuid.uuid4()}"
    secrets.store_secret(account, "refresh-token-value")
    assert secrets.load_secret(account) == "refresh-token-value"
    secrets.forget_secret(account)
    assert secrets.load_secret(account) is None


def test_no_keyring_gives_a_message_that_says_how_to_fix_it(monkeypatch):
    monkeypatch.setattr(secrets.keyring, "get_keyring", lambda: keyring.backends.fail.Keyring())
    with pytest.raises(secrets.KeyringUnavailable, match="install and unlock a Secret Service"):
        secrets.store_secret("someone", "x")
