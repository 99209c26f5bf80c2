"""The one sync service, used by the GUI and the CLI alike: pull what is needed to score, push decisions.

Pull: the assignment delta feed (cursor persisted after each page), credentials by version, manifests, the
calibration results the feed flags, then evidence. Push: every pending outbox entry with its own idempotency
key, retried with backoff and jitter;
409 (revoked or reassigned) moves the assignment to ``conflict`` with the work kept; other refusals are kept
with the issuer's message. Each body is completed before its first send (signatures, device chain links:
``signed_push``). Progress and cancellation are plain Python (a callback and an Event); the GUI
bridges them to signals.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from assessor_app.domain.assignment import AssignmentState
from assessor_app.domain.clock import utc_now
from assessor_app.domain.errors import DomainError
from assessor_app.store.calibration_results import CalibrationResults
from assessor_app.store.catalog import Catalog
from assessor_app.store.database import Database
from assessor_app.store.evidence_files import EvidenceFiles
from assessor_app.store.feed import apply_feed_items
from assessor_app.store.outbox import Cursors, Outbox
from assessor_app.store.paths import AppPaths
from assessor_app.store.settings import LAST_SYNC_AT, Settings
from assessor_app.sync.client import IssuerClient
from assessor_app.sync.downloads import EvidenceDownloader, check_free_space
from assessor_app.sync.errors import Cancelled, Offline, Refused, ServerFault
from assessor_app.sync.lead_client import LeadClient
from assessor_app.sync.signed_push import CannotSign, PushCompleter

FEED = "assignments"
MANIFEST_BATCH = 100
FEED_PAGE = 500
PUSH_ATTEMPTS = 4


@dataclass(frozen=True, slots=True)
class Progress:
    phase: str  # "assignments" | "content" | "evidence" | "push" | "done"
    items_done: int = 0
    items_total: int = 0
    bytes_done: int = 0
    bytes_total: int = 0
    rate: float | None = None  # bytes per second
    eta: float | None = None  # seconds

    def describe(self) -> str:
        text = {"assignments": "Checking assignments", "content": "Fetching rubrics and submissions",
                "evidence": "Downloading evidence", "push": "Sending decisions", "done": "Up to date"}[self.phase]
        if self.items_total:
            text += f" {self.items_done}/{self.items_total}"
        if self.bytes_total:
            text += f" · {self.bytes_done / 1e6:.1f} of {self.bytes_total / 1e6:.1f} MB"
        if self.eta is not None and self.phase == "evidence":
            text += f" · about {max(1, round(self.eta))} s left"
        return text


@dataclass
class SyncReport:
    new_assignments: int = 0
    revoked: int = 0
    downloaded_files: int = 0
    downloaded_bytes: int = 0
    pushed: int = 0
    conflicts: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = [f"{self.new_assignments} new assignment(s)", f"{self.downloaded_files} file(s) downloaded",
                 f"{self.pushed} decision(s) sent"]
        if self.revoked:
            parts.append(f"{self.revoked} withdrawn by the issuer (your work on them is kept)")
        if self.conflicts:
            parts.append(f"{len(self.conflicts)} refused as revoked or reassigned (kept; export them)")
        if self.problems:
            parts.append(f"{len(self.problems)} problem(s)")
        return ", ".join(parts) + "."


class SyncService:
    def __init__(self, paths: AppPaths, db: Database, client: IssuerClient, settings: Settings,
                 on_progress: Callable[[Progress], None] = lambda _p: None) -> None:
        self._paths = paths
        self._db = db
        self._client = client
        self._settings = settings
        self._on_progress = on_progress
        self.cancel = threading.Event()

    def sync(self, *, pull: bool = True, push: bool = True) -> SyncReport:
        report = SyncReport()
        if push:
            self.push(report)  # decisions first: they are the work most worth getting out
        if pull:
            self.pull(report)
        self._settings.set(LAST_SYNC_AT, utc_now())
        self._on_progress(Progress("done"))
        return report

    # --- pull ------------------------------------------------------------------------------------
    def pull(self, report: SyncReport) -> None:
        self._pull_feed(report)
        self._pull_content(report)
        self._pull_calibration_results(report)
        self._pull_evidence(report)

    def _pull_feed(self, report: SyncReport) -> None:
        cursors = Cursors(self._db)
        cursor = cursors.get(FEED)
        pages = 0
        while True:
            self._check_cancel()
            page = self._client.assignments(cursor, FEED_PAGE)
            items = page.get("items") if isinstance(page, dict) else None
            if not isinstance(items, list) or not isinstance(page.get("next_cursor"), str):
                raise ServerFault("The issuer's assignment list was not understood; try again later.")
            try:
                result = apply_feed_items(self._db, self._client.username, items)
            except (KeyError, TypeError, ValueError) as exc:
                raise ServerFault(f"The issuer sent an assignment the app does not understand ({exc}).") from exc
            report.new_assignments += result.new
            report.revoked += result.revoked
            cursor = page["next_cursor"]
            cursors.set(FEED, cursor)
            pages += 1
            self._on_progress(Progress("assignments", pages, pages + int(bool(page.get("has_more")))))
            if not page.get("has_more"):
                return

    def _pull_content(self, report: SyncReport) -> None:
        catalog = Catalog(self._db)
        rows = [r for r in catalog.queue(self._client.username) if r.state is not AssignmentState.REVOKED]
        needed_credentials = {(r.credential_id, r.credential_version) for r in rows}
        missing_credentials = [key for key in sorted(needed_credentials) if not catalog.has_credential(*key)]
        missing_submissions = sorted({r.submission_id for r in rows if not catalog.has_submission(r.submission_id)})
        total = len(missing_credentials) + len(missing_submissions)
        done = 0
        for credential_id, version in missing_credentials:
            self._check_cancel()
            try:
                catalog.save_credential(self._client.credential(credential_id, version))
            except DomainError as exc:
                report.problems.append(str(exc))
            done += 1
            self._on_progress(Progress("content", done, total))
        # Manifests come 100 to a request and are cached 100 to a transaction: for a long first sync, round trips
        # and commits, not bytes, are the cost (bench/sync_metadata.py).
        for start in range(0, len(missing_submissions), MANIFEST_BATCH):
            self._check_cancel()
            ids = missing_submissions[start:start + MANIFEST_BATCH]
            page = self._client.submissions(ids)
            items = page.get("items") if isinstance(page, dict) else None
            if not isinstance(items, list):
                raise ServerFault("The issuer's list of submissions was not understood; try again later.")
            self._save_manifests(catalog, items, report)
            for missing in page.get("missing") or []:
                report.problems.append(f"Submission {missing} is no longer available to you.")
            done += len(ids)
            self._on_progress(Progress("content", done, total))

    @staticmethod
    def _save_manifests(catalog: Catalog, manifests: list[dict[str, Any]], report: SyncReport) -> None:
        try:
            catalog.save_submissions(manifests)
        except DomainError:
            for manifest in manifests:  # find and report the broken one(s), keep the rest
                try:
                    catalog.save_submission(manifest)
                except DomainError as exc:
                    report.problems.append(str(exc))

    def _pull_calibration_results(self, report: SyncReport) -> None:
        """Fetch the master levels of calibration items the feed flagged (docs/LEAD.md). Small and not needed to
        score, so a refusal or a fault is reported and the next sync tries again; being offline still stops."""
        results = CalibrationResults(self._db)
        lead = LeadClient(self._client)
        for assignment_id in results.wanted(self._client.username):
            self._check_cancel()
            try:
                found = lead.calibration_result(assignment_id)
            except (Refused, ServerFault) as exc:
                report.problems.append(f"The calibration result of {assignment_id} could not be fetched ({exc}); "
                                       "the next sync tries again.")
                continue
            if found is not None:
                results.save(assignment_id, dict(found.document))

    def _pull_evidence(self, report: SyncReport) -> None:
        files = EvidenceFiles(self._db)
        todo = files.not_ready()
        total = sum(f.size for f in todo)
        if not todo:
            return
        check_free_space(self._paths.evidence, total)
        started = time.monotonic()
        done = {"bytes": 0, "files": 0, "last": 0.0}
        lock = threading.Lock()

        def report_progress(force: bool = False) -> None:
            with lock:
                now = time.monotonic()
                if now - done["last"] < 0.1 and not force:
                    return
                done["last"] = now
                rate = done["bytes"] / max(now - started, 1e-6)
                eta = (total - done["bytes"]) / rate if rate else None
                progress = Progress("evidence", int(done["files"]), len(todo), int(done["bytes"]), total, rate, eta)
            self._on_progress(progress)

        def on_bytes(n: int) -> None:
            with lock:
                done["bytes"] += n
            report_progress()

        def on_file(count: int) -> None:
            with lock:
                done["files"] = count
            report_progress(force=True)

        downloader = EvidenceDownloader(self._client, files, self._paths.evidence, on_bytes, self.cancel, on_file)
        outcome = downloader.download_all(todo)
        report.downloaded_files += len(outcome.downloaded)
        report.downloaded_bytes += outcome.bytes
        report.problems.extend(outcome.failed.values())
        self._on_progress(Progress("evidence", len(outcome.downloaded), len(todo), int(done["bytes"]), total))

    # --- push ------------------------------------------------------------------------------------
    def push(self, report: SyncReport) -> None:
        outbox = Outbox(self._db)
        pending = outbox.pending()
        completer = PushCompleter(self._client, self._db, self._settings)
        for index, entry in enumerate(pending):
            self._check_cancel()
            self._on_progress(Progress("push", index, len(pending)))
            try:
                body = completer.body_for(entry)
                receipt = self._push_with_retries(entry.assignment_id, body, entry.idempotency_key)
            except CannotSign as exc:
                outbox.record_failure(entry.id, str(exc), None)
                report.problems.append(f"The decision on {entry.assignment_id} was not sent: {exc}")
                continue
            except Refused as refusal:
                answer: dict[str, Any] = {"status": refusal.status, **refusal.problem, "detail": str(refusal)}
                if refusal.status == 409 and refusal.problem.get("type", "").endswith(("revoked", "reassigned")):
                    outbox.record_delivery(entry.id, answer, AssignmentState.CONFLICT)
                    report.conflicts.append(f"{entry.assignment_id}: {refusal}")
                else:
                    if refusal.problem.get("type", "").endswith("out-of-order-event"):
                        completer.relink(entry)  # the issuer holds less than it said: links are recomputed next time
                    message = refusal_message(refusal, entry.assignment_id)
                    outbox.record_failure(entry.id, f"{refusal.status}: {message}", None)
                    report.problems.append(f"The issuer refused the decision on {entry.assignment_id}: {message}")
                continue
            except (Offline, ServerFault) as exc:
                outbox.record_failure(entry.id, str(exc), None)
                raise
            outbox.record_delivery(entry.id, receipt)
            report.pushed += 1
        self._on_progress(Progress("push", len(pending), len(pending)))

    def _push_with_retries(self, assignment_id: str, body: dict[str, Any], key: str) -> dict[str, Any]:
        for attempt in range(PUSH_ATTEMPTS):
            try:
                return self._client.push_score_sheet(assignment_id, body, key)
            except (Offline, ServerFault):
                if attempt == PUSH_ATTEMPTS - 1:
                    raise
            except Refused as refusal:
                if refusal.status != 409 or "in-flight" not in str(refusal.problem.get("type", "")):
                    raise
            # Same key, same body: the issuer answers a replay with the stored result, so retrying is safe.
            if self.cancel.wait(min(10.0, 0.5 * 2**attempt) * random.uniform(0.5, 1.0)):
                raise Cancelled("Sync was cancelled; the decision stays queued.")
        raise ServerFault("unreachable")

    def _check_cancel(self) -> None:
        if self.cancel.is_set():
            raise Cancelled("Sync was cancelled; what completed is kept.")


_CHAIN_REFUSALS = ("unsigned-event", "bad-signature", "event-replayed", "broken-chain")


def refusal_message(refusal: Refused, assignment_id: str) -> str:
    """The issuer's reason, with what the assessor can do about it where the issuer cannot know."""
    kind = str(refusal.problem.get("type", "")).rsplit(":", 1)[-1]
    if kind == "unknown-device":
        return ("the issuer does not know this device's signing key. Sign in again (File › Sign in…, or "
                "`assessor-app login`) so the app registers it, then sync; the decision stays queued.")
    if kind == "out-of-order-event":
        return f"{refusal} The decision stays queued."
    if kind in _CHAIN_REFUSALS:
        return (f"{refusal} The decision stays queued and your work is kept; `assessor-app export-sheet "
                f"{assignment_id}` writes it out for the issuer.")
    return str(refusal)
