"""``assessor-app login | sync | export-sheet``: the sync service from a terminal, with a progress bar."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from pathlib import Path

from assessor_app.store.catalog import Catalog
from assessor_app.store.database import Database
from assessor_app.store.outbox import Outbox
from assessor_app.store.paths import AppPaths
from assessor_app.store.settings import USERNAME, Settings
from assessor_app.store.sheets import Author, SheetStore
from assessor_app.sync.account import saved_client, sign_in
from assessor_app.sync.errors import Cancelled
from assessor_app.sync.service import Progress, SyncService


def register(commands: argparse._SubParsersAction) -> None:
    login = commands.add_parser("login", help="sign in to your issuer (the secret is kept in the OS keyring)")
    login.add_argument("--server", required=True, help="the issuer's address, e.g. https://issuer.example.org")
    login.add_argument("--user", required=True)
    login.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    login.set_defaults(func=cmd_login)
    sync = commands.add_parser("sync", help="fetch assignments and evidence, send queued decisions")
    mode = sync.add_mutually_exclusive_group()
    mode.add_argument("--pull-only", action="store_true", help="only fetch")
    mode.add_argument("--push-only", action="store_true", help="only send queued decisions")
    sync.set_defaults(func=cmd_sync)
    export = commands.add_parser("export-sheet", help="write an assignment's score sheet and history as JSON")
    export.add_argument("assignment")
    export.add_argument("--out", type=Path, help="file to write (default: standard output)")
    export.set_defaults(func=cmd_export)


def open_local() -> tuple[AppPaths, Database, Settings]:
    paths = AppPaths.resolve().ensure()
    return paths, Database.open(paths.database, paths.backups), Settings(paths.settings)


def cmd_login(args: argparse.Namespace) -> int:
    password = sys.stdin.readline().rstrip("\n") if args.password_stdin else getpass.getpass("Password: ")
    _paths, db, settings = open_local()
    try:
        client = sign_in(settings, args.server, args.user, password)
        who = client.me()
        client.close()
    finally:
        db.close()
    print(f"Signed in to {args.server} as {who.get('display_name') or args.user}. The sign-in is kept in your keyring.")
    return 0


class ProgressBar:
    def __init__(self) -> None:
        self._tty = sys.stderr.isatty()
        self._last = ""

    def __call__(self, progress: Progress) -> None:
        text = progress.describe()
        if progress.bytes_total:
            filled = int(30 * progress.bytes_done / progress.bytes_total)
            text = f"[{'#' * filled}{'.' * (30 - filled)}] {text}"
        if text == self._last:
            return
        self._last = text
        if self._tty:
            sys.stderr.write("\r\033[K" + text)
            if progress.phase == "done":
                sys.stderr.write("\n")
        elif progress.phase in ("done", "push") or not progress.bytes_total:
            sys.stderr.write(text + "\n")
        sys.stderr.flush()


def cmd_sync(args: argparse.Namespace) -> int:
    paths, db, settings = open_local()
    client = saved_client(settings)
    service = SyncService(paths, db, client, settings, ProgressBar())
    try:
        report = service.sync(pull=not args.push_only, push=not args.pull_only)
    except KeyboardInterrupt:
        service.cancel.set()
        raise Cancelled("Sync was cancelled; what completed is kept.") from None
    finally:
        client.close()
        db.close()
    print(f"Sync finished: {report.summary()}")
    for line in report.conflicts + report.problems:
        print(f"  - {line}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    _paths, db, settings = open_local()
    try:
        assignment = Catalog(db).assignment(args.assignment)
        store = SheetStore(db, Author(settings.get(USERNAME), settings.device_id()))
        sheet = store.load(assignment.id)
        events = store.events(sheet.id) if sheet else []
        sent = Outbox(db).all_for(assignment.id)
        document = {
            "assignment": {"id": assignment.id, "submission_id": assignment.submission_id,
                           "credential_id": assignment.credential_id,
                           "credential_version": assignment.credential_version, "state": assignment.state.value},
            "sheet": None if sheet is None else {
                "id": sheet.id, "levels": dict(sheet.levels), "feedback": dict(sheet.feedback),
                "overall_feedback": sheet.overall_feedback,
                "anchors": [a.to_dict() for a in sheet.anchors.values()],
                "override": sheet.override.value if sheet.override else None,
                "override_reason": sheet.override_reason, "status": sheet.status},
            "events": [e.to_dict() for e in events],
            "outbox": sent,
        }
    finally:
        db.close()
    text = json.dumps(document, indent=2, ensure_ascii=False)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
        print(f"Wrote {args.out}")
    else:
        print(text)
    return 0
