"""Command line entry: the GUI by default, plus headless commands over the same services.

Every failure is one readable line on stderr and exit status 2; never a traceback.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path

from assessor_app import __version__
from assessor_app.domain.errors import DomainError
from assessor_app.store.database import Database, StoreError
from assessor_app.store.paths import HOME_ENV, AppPaths
from assessor_app.store.settings import LAST_SYNC_AT, SERVER_URL, USERNAME, Settings
from assessor_app.sync.errors import SyncError
from assessor_app.sync.secrets import KeyringUnavailable


def build_parser(*, with_commands: bool = True) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="assessor-app", description="The assessor's desk.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--demo", action="store_true",
                        help="start with a throwaway local cache in a temporary folder")
    parser.add_argument("--auditor", action="store_true",
                        help="with --demo: sign in the demo auditor, with some scored history to audit")
    parser.add_argument("--lead", action="store_true",
                        help="with --demo: sign in the demo lead, with double-scored and master-scored reads")
    if not with_commands:
        parser.set_defaults(command=None)
        return parser
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    status = commands.add_parser("status", help="where the local cache is and what it holds")
    status.set_defaults(func=cmd_status)
    from assessor_app import cli_audit, cli_stats, cli_sync

    cli_sync.register(commands)
    cli_stats.register(commands)
    cli_audit.register(commands)
    return parser


def cmd_status(_args: argparse.Namespace) -> int:
    paths = AppPaths.resolve().ensure()
    db = Database.open(paths.database, paths.backups)
    try:
        with db.read() as conn:
            states = Counter(r[0] for r in conn.exec_driver_sql("SELECT state FROM assignments"))
            pending = conn.exec_driver_sql("SELECT count(*) FROM outbox WHERE sent_at IS NULL").scalar()
            events = conn.exec_driver_sql("SELECT count(*) FROM score_events").scalar()
        print(f"Local cache:   {db.path} (schema {db.schema_revision()})")
        print(f"Evidence:      {paths.evidence}")
        print(f"Assignments:   {sum(states.values())}" + "".join(f", {n} {s}" for s, n in sorted(states.items())))
        print(f"Score events:  {events}")
        print(f"Outbox:        {pending} decision(s) waiting to be sent")
        settings = Settings(paths.settings)
        server, user = settings.get(SERVER_URL), settings.get(USERNAME)
        print(f"Signed in:     {f'{user} at {server}' if server else 'no (run: assessor-app login)'}")
        print(f"Last sync:     {settings.get(LAST_SYNC_AT) or 'never'}")
    finally:
        db.close()
    return 0


def run_demo(auditor: bool = False, lead: bool = False) -> int:
    """The demo: a throwaway local cache and a reference issuer with the demo program, both in a temp folder."""
    from assessor_app.demo import DemoSession
    from assessor_app.ui.app import run_gui

    folder = tempfile.mkdtemp(prefix="assessors-desk-demo-")
    os.environ.setdefault(HOME_ENV, os.path.join(folder, "desk"))
    session = DemoSession(Path(folder) / "issuer", auditor=auditor, lead=lead)
    try:
        return run_gui(AppPaths.resolve(), title_suffix=" — demo", demo_start=session.start)
    finally:
        session.stop()
        shutil.rmtree(folder, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    # Starting the GUI does not build the headless commands: their imports (NumPy, SciPy, httpx) cost start-up time.
    gui_only = set(argv) <= {"--demo", "--auditor", "--lead"}
    args = build_parser(with_commands=not gui_only).parse_args(argv)
    try:
        if args.command is None:
            from assessor_app.ui.app import run_gui

            if not args.demo:
                return run_gui(AppPaths.resolve())
            return run_demo(auditor=args.auditor, lead=args.lead)
        return int(args.func(args))
    except (StoreError, DomainError, SyncError, KeyringUnavailable, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
