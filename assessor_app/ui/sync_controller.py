"""Running the sync service from the GUI: off the GUI thread, with progress, cancellation and a clear state.

States shown to the assessor: "not signed in", "syncing", "up to date", "offline" (work is saved locally
and waits), "sign-in needed" (the issuer ended the session; work is kept).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from assessor_app.store.database import Database
from assessor_app.store.paths import AppPaths
from assessor_app.store.settings import LAST_SYNC_AT, SERVER_URL, USERNAME, Settings
from assessor_app.sync.account import saved_client, sign_in
from assessor_app.sync.client import IssuerClient
from assessor_app.sync.errors import Cancelled, Offline, SignInRequired, SyncError
from assessor_app.sync.secrets import KeyringUnavailable
from assessor_app.sync.service import SyncReport, SyncService
from assessor_app.ui.tasks import ProgressRelay, TaskRunner

NOT_SIGNED_IN, SYNCING, UP_TO_DATE, OFFLINE, SIGN_IN_NEEDED, PROBLEM = (
    "not_signed_in", "syncing", "up_to_date", "offline", "sign_in_needed", "problem")


class SyncController(QObject):
    stateChanged = Signal(str, str)  # state, message for the status bar
    progressed = Signal(object)  # sync.service.Progress
    finished = Signal(object)  # SyncReport

    def __init__(self, paths: AppPaths, settings: Settings, tasks: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._paths = paths
        self._settings = settings
        self._tasks = tasks
        self._service: SyncService | None = None
        self._client: IssuerClient | None = None
        self._relay = ProgressRelay(self)
        self._relay.progressed.connect(self.progressed)
        self.state = NOT_SIGNED_IN

    @property
    def signed_in_as(self) -> tuple[str, str]:
        return self._settings.get(SERVER_URL), self._settings.get(USERNAME)

    @property
    def busy(self) -> bool:
        return self._service is not None

    def sign_in(self, server: str, user: str, password: str) -> IssuerClient:
        """Runs on a worker (the dialog calls it through the task runner)."""
        client = sign_in(self._settings, server, user, password)
        if self._client is not None:
            self._client.close()
        self._client = client
        return client

    def client(self) -> IssuerClient:
        """The signed-in client, shared with the audit view (one client per sign-in, so refresh-token rotation
        never races); raises ``SignInRequired`` when nobody is signed in."""
        if self._client is None:
            self._client = saved_client(self._settings)
        return self._client

    def sync_now(self, db: Database, *, pull: bool = True, push: bool = True) -> None:
        if self._service is not None:
            return
        try:
            client = self._client or saved_client(self._settings)
        except SignInRequired as exc:
            self._set(NOT_SIGNED_IN, str(exc))
            return
        self._client = client
        service = SyncService(self._paths, db, client, self._settings, self._relay.report)
        self._service = service
        self._set(SYNCING, "Syncing…")
        self._tasks.query(lambda: service.sync(pull=pull, push=push), self._done, self._failed)

    def cancel(self) -> None:
        if self._service is not None:
            self._service.cancel.set()

    def _done(self, report: SyncReport) -> None:
        self._service = None
        self._set(UP_TO_DATE, f"Up to date · last sync {self._settings.get(LAST_SYNC_AT)[11:16]} UTC")
        self.finished.emit(report)

    def _failed(self, exc: Exception) -> None:
        self._service = None
        if isinstance(exc, Offline):
            self._set(OFFLINE, "Offline — your work is saved here and will be sent when the issuer is reachable")
        elif isinstance(exc, SignInRequired):
            self._set(SIGN_IN_NEEDED, str(exc))
        elif isinstance(exc, Cancelled):
            self._set(UP_TO_DATE if self.state != OFFLINE else OFFLINE, str(exc))
        elif isinstance(exc, (SyncError, KeyringUnavailable)):
            self._set(PROBLEM, str(exc))
        else:
            self._set(PROBLEM, f"Sync stopped on an unexpected problem: {exc}. Your work is saved.")
        self.finished.emit(None)

    def _set(self, state: str, message: str) -> None:
        self.state = state
        self.stateChanged.emit(state, message)

    def close(self) -> None:
        self.cancel()
        if self._client is not None:
            self._client.close()
