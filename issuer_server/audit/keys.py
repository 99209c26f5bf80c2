"""The issuer's log key: the Ed25519 key that signs every checkpoint of the audit log.

Its private half is a 0600 file in the issuer's data folder (``Settings.log_key``), never in the database, so a
copy of the database alone cannot forge a checkpoint. The file is created on first use; two server processes
starting at once agree on one key because the finished file is linked into place, never written in place.
"""

from __future__ import annotations

import contextlib
import os
import threading
import uuid
from pathlib import Path

from assessor_app.domain.signing import SigningKey
from issuer_server.errors import IssuerError

_CACHE: dict[Path, SigningKey] = {}
_LOCK = threading.Lock()


def log_key(path: Path) -> SigningKey:
    """The key in ``path``, created (0600) if the file does not exist yet; cached per process."""
    path = path.expanduser().resolve()
    with _LOCK:
        key = _CACHE.get(path)
        if key is None:
            if not path.exists():
                _create(path)
            key = _CACHE[path] = _load(path)
        return key


def existing_log_key(path: Path) -> SigningKey | None:
    """The key in ``path`` if that file exists (checks never create one)."""
    path = path.expanduser().resolve()
    return log_key(path) if path.exists() else None


def _create(path: Path) -> None:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(SigningKey.generate().secret() + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(FileExistsError):  # another process made the key first: theirs counts
            os.link(tmp, path)  # atomic, and never replaces an existing key
    finally:
        tmp.unlink(missing_ok=True)
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


def _load(path: Path) -> SigningKey:
    if path.stat().st_mode & 0o077:
        raise IssuerError(f"The audit log key {path} can be read by other users of this machine; make it "
                          f"private with 'chmod 600 {path}' and check who has seen it.")
    try:
        return SigningKey.from_secret(path.read_text(encoding="ascii"))
    except (UnicodeDecodeError, ValueError):
        raise IssuerError(f"{path} does not hold an Ed25519 log key (unpadded base64url of 32 bytes); restore the "
                          "issuer's log key file from its backup.") from None
