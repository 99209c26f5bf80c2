"""Settings: one typed registry, kept as JSON in the app folder (0600). Never secrets: those go to the keyring.

Each setting is declared once (name, type, default, meaning). Unknown keys from a newer version are kept
when saving, so an older app never erases a newer app's settings. A damaged file is set aside, not trusted.
"""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from assessor_app.store.paths import ensure_private_dir, ensure_private_file

T = TypeVar("T")


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    kind: type
    default: T
    doc: str


SERVER_URL = Setting[str]("server_url", str, "", "Base URL of the issuer this desk syncs with")
USERNAME = Setting[str]("username", str, "", "Who signed in last (the secret is in the OS keyring)")
DEVICE_ID = Setting[str]("device_id", str, "", "This installation's id; its score events form one hash chain")
DEVICE_PUBLIC_KEY = Setting[str]("device_public_key", str, "",
                                 "Public half of the device id's signing key (the private half is in the OS keyring)")
LAST_SYNC_AT = Setting[str]("last_sync_at", str, "", "When the last complete sync finished (RFC 3339)")
SPLITTER_STATE = Setting[str]("splitter_state", str, "", "Scoring view layout (base64 of Qt's saveState)")
REGISTRY: tuple[Setting[Any], ...] = (SERVER_URL, USERNAME, DEVICE_ID, DEVICE_PUBLIC_KEY, LAST_SYNC_AT,
                                       SPLITTER_STATE)


class Settings:
    def __init__(self, path: Path) -> None:
        self._path = path
        self._values: dict[str, Any] = {}
        self.problem: str | None = None
        self._load()

    def _load(self) -> None:
        if not self._path.exists():
            return
        try:
            data = json.loads(self._path.read_text(encoding="utf-8"))
            if not isinstance(data, dict):
                raise ValueError("not a JSON object")
            self._values = data
        except (OSError, ValueError) as exc:
            aside = self._path.with_suffix(".damaged.json")
            os.replace(self._path, aside)
            self.problem = f"The settings file was damaged ({exc}); it was moved to {aside} and defaults are used."

    def get(self, setting: Setting[T]) -> T:
        value = self._values.get(setting.key, setting.default)
        return value if isinstance(value, setting.kind) else setting.default

    def set(self, setting: Setting[T], value: T) -> None:
        if not isinstance(value, setting.kind):
            raise TypeError(f"{setting.key} takes {setting.kind.__name__}")
        self._values[setting.key] = value
        self._save()

    def device_id(self) -> str:
        """This installation's device id, created on first use."""
        current = self.get(DEVICE_ID)
        if not current:
            current = str(uuid.uuid4())
            self.set(DEVICE_ID, current)
        return current

    def set_device(self, device_id: str, public_key: str) -> None:
        """This installation is device ``device_id`` whose signing key has this public half (one write, so the two
        never disagree on disk). A new id starts a new event chain (``sync.device_keys`` says when)."""
        self._values[DEVICE_ID.key] = device_id
        self._values[DEVICE_PUBLIC_KEY.key] = public_key
        self._save()

    def _save(self) -> None:
        ensure_private_dir(self._path.parent)
        tmp = self._path.with_suffix(".tmp")
        ensure_private_file(tmp)
        with tmp.open("w", encoding="utf-8") as handle:
            json.dump(self._values, handle, indent=2, sort_keys=True)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, self._path)
