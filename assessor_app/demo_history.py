"""Some scored history for the demo's auditor, made the way assessors make it: each demo assessor signs in on a
desk of their own (a local cache in the demo folder, their device key in the keyring), syncs, scores a few
assignments through the store — changes of mind, a citation, feedback — submits and pushes; the issuer's
administrator then accepts one decision. Nothing here bypasses the real sync path.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from assessor_app.domain.anchors import EvidenceAnchor, TimeRange
from assessor_app.domain.rubric import Credential
from assessor_app.domain.submission import EvidenceKind
from assessor_app.store.catalog import Catalog
from assessor_app.store.database import Database
from assessor_app.store.paths import AppPaths
from assessor_app.store.settings import Settings
from assessor_app.store.sheet_editor import SheetEditor
from assessor_app.store.sheets import Author, SheetStore
from assessor_app.sync.account import sign_in
from assessor_app.sync.client import IssuerClient
from assessor_app.sync.device_keys import key_for_scoring
from assessor_app.sync.service import SyncService

Login = tuple[str, str]


@dataclass
class SeedDesk:
    """One assessor's own desk in the demo folder."""

    username: str
    paths: AppPaths
    db: Database
    settings: Settings
    client: IssuerClient

    @classmethod
    def open(cls, folder: Path, url: str, login: Login) -> SeedDesk:
        paths = AppPaths(data=folder, logs=folder / "logs").ensure()
        db = Database.open(paths.database, paths.backups)
        settings = Settings(paths.settings)
        try:
            client = sign_in(settings, url, *login)
        except BaseException:
            db.close()
            raise
        return cls(login[0], paths, db, settings, client)

    def sync(self, *, pull: bool = True, push: bool = True) -> None:
        SyncService(self.paths, self.db, self.client, self.settings).sync(pull=pull, push=push)

    def editor(self, assignment_id: str) -> SheetEditor:
        catalog = Catalog(self.db)
        assignment = catalog.assignment(assignment_id)
        credential = catalog.credential(assignment.credential_id, assignment.credential_version)
        device = key_for_scoring(self.settings)
        author = Author(self.username, device.device_id, device.key) if device \
            else Author(self.username, self.settings.device_id())
        store = SheetStore(self.db, author)
        return SheetEditor(store, store.open(assignment_id), credential)

    def assignments(self) -> dict[str, str]:
        """Submission id -> assignment id, for this desk's assignments (second reads look like live ones here)."""
        return {r.submission_id: r.assignment_id for r in Catalog(self.db).queue()}

    def close(self) -> None:
        self.client.sign_out()  # the demo's sign-ins do not outlive the demo
        self.client.close()
        self.db.close()


def _level(credential: Credential, index: int, rank: int) -> Callable:
    criterion = credential.rubric.criteria[index]
    return lambda s: s.propose_level(credential, criterion.id, criterion.levels[rank].id)


def score_not_yet_with_changes(desk: SeedDesk, assignment_id: str, submission_id: str) -> None:
    """Proficient everywhere at first, then a change of mind on the second criterion, a video citation for the
    first, feedback and an overall comment: Not Yet by the rule."""
    editor = desk.editor(assignment_id)
    c = editor.credential
    for index in range(len(c.rubric.criteria)):
        editor.edit(_level(c, index, 2))
    video = next((e for e in Catalog(desk.db).submission(submission_id).evidence if e.kind is EvidenceKind.VIDEO),
                 None)
    if video is not None:
        anchor = EvidenceAnchor(str(uuid.uuid4()), video.id, TimeRange(3.0, 8.5), c.rubric.criteria[0].id,
                                "Objective stated and written on the board.")
        editor.edit(lambda s: s.propose_anchor(anchor))
    editor.edit(_level(c, 1, 1))
    second = c.rubric.criteria[1]
    editor.edit(lambda s: s.propose_feedback(c, second.id, "Most questions were recall; plan at least two that "
                                             "surface the misconception you named."))
    editor.edit(lambda s: s.propose_overall_feedback("A clear plan and good wait time; the questions themselves "
                                                     "need to probe understanding."))
    editor.submit({"evidence_viewed": []})


def score_earned(desk: SeedDesk, assignment_id: str, top: int = 3) -> None:
    editor = desk.editor(assignment_id)
    c = editor.credential
    for index in range(len(c.rubric.criteria)):
        editor.edit(_level(c, index, 2 if index != top else 3))
    editor.edit(lambda s: s.propose_overall_feedback("Strong, specific evidence of the method throughout."))
    editor.submit({"evidence_viewed": []})


def accept(url: str, admin: Login, assignment_id: str) -> None:
    """The issuer's administrator accepts the received decision (``POST /review/assignments/{id}``)."""
    client = IssuerClient(url, admin[0])
    try:
        client.sign_in(admin[1])
        client.request("POST", f"/review/assignments/{assignment_id}",
                       json={"decision": "accept", "note": "Checked against the evidence; accepted."})
    finally:
        client.sign_out()
        client.close()


def seed_scored_history(url: str, folder: Path, assessor: Login, second: Login, admin: Login) -> list[str]:
    """Score, submit and push a few sheets on two desks; returns the submission ids that now have history."""
    desk = SeedDesk.open(folder / "desk-assessor", url, assessor)
    other = SeedDesk.open(folder / "desk-second", url, second)
    try:
        desk.sync(push=False)
        other.sync(push=False)
        mine, theirs = desk.assignments(), other.assignments()
        shared = sorted(set(mine) & set(theirs))  # double-scored: the second assessor reads them too
        single = sorted(set(mine) - set(theirs))
        first_sub, earned_sub = shared[0], single[0]
        first_id, earned_id = mine[first_sub], mine[earned_sub]
        score_not_yet_with_changes(desk, first_id, first_sub)
        score_earned(desk, earned_id)
        desk.sync(pull=False)
        score_earned(other, theirs[first_sub], top=0)  # the second read disagrees: Earned
        other.sync(pull=False)
        accept(url, admin, earned_id)
        return [first_sub, earned_sub]
    finally:
        desk.close()
        other.close()
