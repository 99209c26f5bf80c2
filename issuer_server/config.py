"""Server settings, read once from the command line or the environment (so uvicorn workers agree)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ENV_DB = "ISSUER_DB"
ENV_EVIDENCE_DIR = "ISSUER_EVIDENCE_DIR"
ENV_ACCESS_TTL = "ISSUER_ACCESS_TTL"
ENV_REFRESH_TTL = "ISSUER_REFRESH_TTL"
ENV_MAX_BODY = "ISSUER_MAX_BODY"
ENV_THREADS = "ISSUER_THREADS"
ENV_LOG_KEY = "ISSUER_LOG_KEY"

DEFAULT_DB = "issuer.sqlite3"
DEFAULT_EVIDENCE_DIR = "issuer-evidence"
LOG_KEY_NAME = "issuer-log-key"  # default: this file next to the evidence folder
PLAIN_HTTP_FLAG = "--i-know-this-is-plain-http"


def database_url(value: str) -> str:
    """A SQLAlchemy URL from either a URL or a plain file path (which means SQLite)."""
    if "://" in value:
        return value
    return "sqlite:///" + str(Path(value).expanduser().resolve())


@dataclass(frozen=True, slots=True)
class Settings:
    db_url: str
    evidence_dir: Path
    access_ttl_seconds: int = 15 * 60
    refresh_ttl_seconds: int = 30 * 24 * 3600
    max_body_bytes: int = 2 * 1024 * 1024
    threads: int = 8
    log_key_path: Path | None = None

    @property
    def log_key(self) -> Path:
        """The audit log's private key file (0600, created on first use; never in the database)."""
        return self.log_key_path or self.evidence_dir.parent / LOG_KEY_NAME

    @classmethod
    def from_env(cls) -> Settings:
        return cls(
            db_url=database_url(os.environ.get(ENV_DB, DEFAULT_DB)),
            evidence_dir=Path(os.environ.get(ENV_EVIDENCE_DIR, DEFAULT_EVIDENCE_DIR)).expanduser().resolve(),
            access_ttl_seconds=int(os.environ.get(ENV_ACCESS_TTL, 15 * 60)),
            refresh_ttl_seconds=int(os.environ.get(ENV_REFRESH_TTL, 30 * 24 * 3600)),
            max_body_bytes=int(os.environ.get(ENV_MAX_BODY, 2 * 1024 * 1024)),
            threads=int(os.environ.get(ENV_THREADS, 8)),
            log_key_path=Path(os.environ[ENV_LOG_KEY]).expanduser().resolve() if os.environ.get(ENV_LOG_KEY) else None,
        )

    def to_env(self) -> dict[str, str]:
        """The environment that makes ``from_env`` rebuild these settings (for worker processes)."""
        return {
            ENV_DB: self.db_url,
            ENV_EVIDENCE_DIR: str(self.evidence_dir),
            ENV_ACCESS_TTL: str(self.access_ttl_seconds),
            ENV_REFRESH_TTL: str(self.refresh_ttl_seconds),
            ENV_MAX_BODY: str(self.max_body_bytes),
            ENV_THREADS: str(self.threads),
            ENV_LOG_KEY: str(self.log_key),
        }
