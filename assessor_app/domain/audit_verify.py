"""Checking a submission's history against the issuer's signed log, with nothing but public keys and proofs.

For each score event: its hash over its content, its Ed25519 signature by the device's registered key, and
its link to the device's previous event (in the history, or a chain link the history carries). For every
event, decision and review: the log entry it stands for (rebuilt from what the auditor is shown) is included
in the latest checkpoint (RFC 9162 inclusion proof), and equals the entry the log itself stores; and the
checkpoint is signed by the issuer's log key. Every failure names the entry: log index, event id, what failed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from assessor_app.domain.audit_chain import GENESIS_HASH, canonical_json
from assessor_app.domain.audit_history import (
    DECISION,
    REVIEW,
    SCORE_EVENT,
    Checkpoint,
    History,
    HistoryEvent,
    LogItem,
    log_entry,
)
from assessor_app.domain.errors import DomainError
from assessor_app.domain.merkle import leaf_hash, verify_inclusion
from assessor_app.domain.signing import Verifier, checkpoint_message

_KIND_WORDS = {SCORE_EVENT: "score event", DECISION: "decision", REVIEW: "review"}


@dataclass(frozen=True, slots=True)
class Failure:
    """One thing that did not verify, and where."""

    log_index: int | None
    kind: str  # score-event | decision | review | link | checkpoint | device
    subject: str  # event id, "<device> #<seq>", device id or "" for the checkpoint
    problem: str

    @property
    def where(self) -> str:
        """The entry named for people: "Log entry #12 (score event 3f2a…)"."""
        if self.kind == "checkpoint":
            return "The checkpoint"
        where = f"Log entry #{self.log_index}" if self.log_index is not None else "The history"
        what = _KIND_WORDS.get(self.kind, self.kind)
        return f"{where} ({what} {self.subject})" if self.subject else f"{where} ({what})"

    def describe(self) -> str:
        return f"{self.where}: {self.problem}"


@dataclass(frozen=True, slots=True)
class Verification:
    submission_id: str
    checkpoint: Checkpoint
    events: int
    links: int
    decisions: int
    reviews: int
    failures: tuple[Failure, ...]

    @property
    def ok(self) -> bool:
        return not self.failures

    @property
    def entries(self) -> int:
        return self.events + self.decisions + self.reviews

    def by_entry(self) -> list[str]:
        """One line per failing entry, its problems joined, in log order."""
        grouped: dict[str, list[str]] = {}
        for failure in self.failures:
            grouped.setdefault(failure.where, []).append(failure.problem.rstrip("."))
        return [f"{where}: {'; '.join(problems)}." for where, problems in grouped.items()]

    def summary(self) -> str:
        """What was verified, or which entry fails, in one or two plain sentences."""
        cp = self.checkpoint
        if self.failures:
            entries = self.by_entry()
            more = f" ({len(entries)} entries fail)" if len(entries) > 1 else ""
            return f"Submission {self.submission_id} does NOT verify{more}. {entries[0]}"
        if not self.entries:
            return f"Submission {self.submission_id} has no score history at the issuer yet; nothing to verify."
        parts = [_count(self.events, "score event")]
        if self.decisions:
            parts.append(_count(self.decisions, "decision"))
        if self.reviews:
            parts.append(_count(self.reviews, "review"))
        links = f" and {_count(self.links, 'chain link')} of other sheets" if self.links else ""
        return (f"Submission {self.submission_id} verifies: {_join(parts)}. Every event's hash, device signature "
                f"and place in its device's chain checked{links}; all {self.entries} log entries are included in "
                f"the issuer's checkpoint of {cp.tree_size} entries ({cp.timestamp}), whose signature by the "
                "issuer's log key is valid.")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def verify_history(history: History, log_key: str, proofs: Mapping[int, Sequence[str]],
                   log_entries: Mapping[int, Mapping[str, Any]] | None = None) -> Verification:
    """Verify ``history`` given the issuer's log key, an inclusion proof (hex path) for each log index at the
    checkpoint's tree size, and optionally the entries the log stores at those indices."""
    check = _Checker(history, proofs, log_entries)
    check.checkpoint(log_key)
    check.devices()
    known = check.chain_positions()
    for item in sorted(history.events, key=_order):
        check.event(item, known)
    for link in history.links:
        check.link(link.device_id, link.device_seq, link.hash, link.signature)
    for item in (*history.decisions, *history.reviews):
        check.logged(item.kind, _subject(item), item.log_index, item.raw)
    failures = sorted(check.failures, key=lambda f: (f.log_index is None, f.log_index or 0))
    return Verification(history.submission_id, history.checkpoint, len(history.events), len(history.links),
                        len(history.decisions), len(history.reviews), tuple(failures))


def _order(item: HistoryEvent) -> tuple[int, int]:
    return (item.log_index if item.log_index is not None else 1 << 62, item.event.device_seq)


def _subject(item: LogItem) -> str:
    return f"of assignment {item.assignment_id}, round {item.raw.get('round')}"


class _Checker:
    def __init__(self, history: History, proofs: Mapping[int, Sequence[str]],
                 log_entries: Mapping[int, Mapping[str, Any]] | None) -> None:
        self.history = history
        self.proofs = proofs
        self.log_entries = log_entries
        self.failures: list[Failure] = []
        self.root: bytes | None = None
        self.verifiers: dict[str, Verifier] = {}

    def fail(self, index: int | None, kind: str, subject: str, problem: str) -> None:
        self.failures.append(Failure(index, kind, subject, problem))

    def checkpoint(self, log_key: str) -> None:
        cp = self.history.checkpoint
        try:
            verifier = Verifier(log_key)
        except ValueError:
            self.fail(None, "checkpoint", "", "the issuer's log key is not a valid Ed25519 public key.")
            return
        try:
            self.root = bytes.fromhex(cp.root_hash)
        except ValueError:
            self.fail(None, "checkpoint", "", f"its root hash {cp.root_hash!r} is not hexadecimal.")
            return
        if not verifier.verifies(checkpoint_message(cp.tree_size, cp.root_hash, cp.timestamp), cp.signature):
            self.root = None
            self.fail(None, "checkpoint", "", f"the checkpoint of {cp.tree_size} entries ({cp.timestamp}) is not "
                      "signed by the issuer's log key, so no entry's inclusion can be trusted.")

    def devices(self) -> None:
        for device_id, public_key in self.history.devices.items():
            try:
                self.verifiers[device_id] = Verifier(public_key)
            except ValueError:
                self.fail(None, "device", device_id, "its registered public key is not a valid Ed25519 key.")

    def chain_positions(self) -> dict[tuple[str, int], str]:
        """The hash at each (device, sequence number) the history shows; a second, different one is a replay."""
        known: dict[tuple[str, int], str] = {}
        for item in sorted(self.history.events, key=_order):
            key = (item.event.device_id, item.event.device_seq)
            if key in known and known[key] != item.event.hash:
                self.fail(item.log_index, SCORE_EVENT, item.event.id,
                          f"device {key[0]} #{key[1]} already has a different event in this history (a replay).")
            known.setdefault(key, item.event.hash)
        for link in self.history.links:
            key = (link.device_id, link.device_seq)
            if key in known and known[key] != link.hash:
                self.fail(None, "link", f"{key[0]} #{key[1]}", "the chain link disagrees with the event it stands for.")
            known.setdefault(key, link.hash)
        return known

    def event(self, item: HistoryEvent, known: Mapping[tuple[str, int], str]) -> None:
        event, index = item.event, item.log_index
        if not event.verifies():
            self.fail(index, SCORE_EVENT, event.id, "its content does not match its hash: the event was changed after "
                      "it was made.")
        self.signature(index, SCORE_EVENT, event.id, event.device_id, event.hash, event.signature)
        seq = event.device_seq
        expected = GENESIS_HASH if seq == 1 else known.get((event.device_id, seq - 1))
        if expected is None:
            self.fail(index, SCORE_EVENT, event.id, f"its predecessor in device {event.device_id}'s chain (#{seq - 1}) "
                      "is missing from the history, so the chain cannot be checked.")
        elif event.prev_hash != expected:
            self.fail(index, SCORE_EVENT, event.id, f"its link to device {event.device_id}'s event #{seq - 1} is "
                      "broken (prev_hash differs): the device chain was altered.")
        self.logged(SCORE_EVENT, event.id, index, item.raw)

    def link(self, device_id: str, seq: int, hash_: str, signature: str | None) -> None:
        self.signature(None, "link", f"{device_id} #{seq}", device_id, hash_, signature)

    def signature(self, index: int | None, kind: str, subject: str, device_id: str, hash_: str,
                  signature: str | None) -> None:
        verifier = self.verifiers.get(device_id)
        if verifier is None:
            if device_id not in self.history.devices:
                self.fail(index, kind, subject, f"device {device_id} has no registered key in the history.")
        elif not signature:
            self.fail(index, kind, subject, "it is not signed.")
        elif not verifier.verifies_event(hash_, signature):
            self.fail(index, kind, subject, f"its signature does not verify with device {device_id}'s registered key.")

    def logged(self, kind: str, subject: str, index: int | None, raw: Mapping[str, Any]) -> None:
        """The entry rebuilt from the history is in the signed tree, and is what the log stores."""
        if index is None:
            self.fail(None, kind, subject, "the history gives no log index for it.")
            return
        try:
            entry = log_entry(kind, raw)
            encoded = canonical_json(entry)
        except (DomainError, TypeError, ValueError) as exc:
            self.fail(index, kind, subject, f"its log entry cannot be rebuilt: {exc}.")
            return
        if self.log_entries is not None:
            stored = self.log_entries.get(index)
            if stored is None:
                self.fail(index, kind, subject, "the log has no entry at this index.")
            elif dict(stored) != entry:
                differing = sorted(k for k in set(stored) | set(entry) if stored.get(k) != entry.get(k))
                self.fail(index, kind, subject, "the log's entry differs from the history shown, in "
                          + ", ".join(differing) + ".")
        cp = self.history.checkpoint
        if self.root is None:
            return  # the checkpoint failed: reported once
        if not 0 <= index < cp.tree_size:
            self.fail(index, kind, subject, f"it is beyond the checkpoint's {cp.tree_size} entries.")
            return
        try:
            path = [bytes.fromhex(node) for node in self.proofs[index]]
        except KeyError:
            self.fail(index, kind, subject, "the issuer gave no inclusion proof for it.")
            return
        except (TypeError, ValueError):
            self.fail(index, kind, subject, "its inclusion proof is malformed.")
            return
        if not verify_inclusion(index, cp.tree_size, leaf_hash(encoded), path, self.root):
            self.fail(index, kind, subject, "it is not included in the signed checkpoint: the entry differs from "
                      "what the log recorded at that index.")
