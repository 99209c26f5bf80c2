"""``assessor-app audit verify | export``: check score histories against the issuer's signed log, or export them.

Both need a sign-in with the ``auditor`` role (``assessor-app login``). Without ``--submission`` they take
every submission the auditor can find (narrowed by the search options). ``verify`` exits 1 and names the
failing entry when anything does not verify.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from assessor_app.domain.audit_export import export_text
from assessor_app.domain.audit_history import History
from assessor_app.store.paths import AppPaths
from assessor_app.store.private_files import write_private_text
from assessor_app.store.settings import Settings
from assessor_app.sync.account import saved_client
from assessor_app.sync.audit_client import AuditClient, SearchFilter


def register(commands: argparse._SubParsersAction) -> None:
    audit = commands.add_parser("audit", help="verify or export score histories (needs the auditor role)")
    actions = audit.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    verify = actions.add_parser("verify", help="check histories against the issuer's signed audit log")
    _selection(verify)
    verify.set_defaults(func=cmd_verify)
    export = actions.add_parser("export", help="write histories as CSV (for people) or JSON (for machines)")
    _selection(export)
    export.add_argument("--format", choices=("csv", "json"), required=True)
    export.add_argument("--output", type=Path, required=True, help="the file to write")
    export.set_defaults(func=cmd_export)


def _selection(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--submission", metavar="ID", help="only this submission (default: every one you can find)")
    parser.add_argument("--credential", default="", help="only submissions for this credential id")
    parser.add_argument("--assessor", default="", help="only submissions scored by this user name")
    parser.add_argument("--since", default="", help="only decisions received at or after this RFC 3339 time")
    parser.add_argument("--until", default="", help="only decisions received before this RFC 3339 time")
    parser.add_argument("--decision", default="", choices=("", "earned", "not_yet"), help="only this decision")


def _audit_client() -> AuditClient:
    paths = AppPaths.resolve().ensure()
    return AuditClient(saved_client(Settings(paths.settings)))


def _submission_ids(audit: AuditClient, args: argparse.Namespace) -> list[str]:
    """The chosen submission, or every one found that the issuer has received a sheet for (others have no history)."""
    if args.submission:
        return [args.submission]
    where = SearchFilter(args.credential, args.assessor, args.since, args.until, args.decision)
    return [item.submission_id for item in audit.search(where) if item.last_received_at]


def cmd_verify(args: argparse.Namespace) -> int:
    audit = _audit_client()
    try:
        ids = _submission_ids(audit, args)
        if not ids:
            print("No submission with score history matches; nothing to verify.")
            return 0
        key = audit.log_key()
        failed = 0
        for submission_id in ids:
            _history, result = audit.verify_submission(submission_id, key)
            print(("ok      " if result.ok else "FAILED  ") + result.summary())
            for line in result.by_entry()[1:]:
                print(f"        {line}")
            failed += not result.ok
    finally:
        audit.close()
    if failed:
        print(f"{failed} of {len(ids)} submission(s) did not verify.", file=sys.stderr)
        return 1
    print(f"All {len(ids)} submission(s) verified against the issuer's signed audit log.")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    audit = _audit_client()
    try:
        histories: list[History] = [audit.history(i) for i in _submission_ids(audit, args)]
    finally:
        audit.close()
    write_private_text(args.output, export_text(histories, args.format))
    rows = "" if args.format == "json" else f" ({args.format.upper()})"
    print(f"Wrote the history of {len(histories)} submission(s){rows} to {args.output}")
    return 0
