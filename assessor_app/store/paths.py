"""Where the app keeps its files. Every path the app writes is resolved here and nowhere else.

``ASSESSOR_APP_HOME`` puts everything (database, evidence, settings, logs, backups) in one folder, so tests
and demos never touch the user's real data. Otherwise the platform's per-user data and log folders are used.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "assessors-desk"
HOME_ENV = "ASSESSOR_APP_HOME"
PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600


@dataclass(frozen=True, slots=True)
class AppPaths:
    data: Path
    logs: Path

    @classmethod
    def resolve(cls, environ: dict[str, str] | None = None) -> AppPaths:
        env = os.environ if environ is None else environ
        home = env.get(HOME_ENV)
        if home:
            root = Path(home).expanduser().absolute()
            return cls(data=root, logs=root / "logs")
        return cls(data=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
                   logs=Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)))

    @property
    def database(self) -> Path:
        return self.data / "cache.sqlite3"

    @property
    def evidence(self) -> Path:
        return self.data / "evidence"

    @property
    def backups(self) -> Path:
        return self.data / "backups"

    @property
    def settings(self) -> Path:
        return self.data / "settings.json"

    def ensure(self) -> AppPaths:
        """Create the folders private to the user (0700), tightening them if they already exist."""
        for folder in (self.data, self.logs, self.evidence, self.backups):
            ensure_private_dir(folder)
        return self


def ensure_private_dir(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    os.chmod(folder, PRIVATE_DIR)


def ensure_private_file(path: Path) -> None:
    """Create ``path`` if missing with mode 0600 (never briefly world-readable), and tighten it if present."""
    fd = os.open(path, os.O_CREAT | os.O_RDWR, PRIVATE_FILE)
    os.close(fd)
    os.chmod(path, PRIVATE_FILE)
