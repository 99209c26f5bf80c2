"""Hash chaining of score events, so a rewritten history is detectable.

Each device's events form a chain: an event's hash covers its canonical JSON body including the
hash of the same device's previous event. Canonical JSON: sorted keys, no insignificant white space,
UTF-8 — the same bytes on every machine (not full RFC 8785, but our bodies hold only strings, ints,
booleans, null, lists and objects, for which the two agree).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

GENESIS_HASH = "0" * 64
_UNHASHED = frozenset({"hash", "signature"})


def canonical_json(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode()


def chain_hash(body: Mapping[str, Any], prev_hash: str) -> str:
    """sha256 over the canonical body with ``prev_hash`` inside it; ``hash`` and ``signature`` (which is made
    over the hash) are left out."""
    payload = {k: v for k, v in body.items() if k not in _UNHASHED}
    payload["prev_hash"] = prev_hash
    return hashlib.sha256(canonical_json(payload)).hexdigest()


def first_break(bodies: list[Mapping[str, Any]]) -> int | None:
    """Index of the first event (in device order) whose hash or link is wrong, else ``None``."""
    prev = GENESIS_HASH
    for index, body in enumerate(bodies):
        if body.get("prev_hash") != prev or chain_hash(body, prev) != body.get("hash"):
            return index
        prev = str(body["hash"])
    return None
