"""``issuer-server``: the issuer's admin command line. Every failure is one ``error: ...`` line, exit 2.

Global options ``--db URL-or-path`` and ``--evidence-dir DIR`` (or env ``ISSUER_DB`` / ``ISSUER_EVIDENCE_DIR``).
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import NoReturn

from sqlalchemy.exc import SQLAlchemyError

from assessor_app.domain.errors import DomainError
from issuer_server.audit import command as audit_command
from issuer_server.config import (
    DEFAULT_DB,
    DEFAULT_EVIDENCE_DIR,
    ENV_ACCESS_TTL,
    ENV_DB,
    ENV_EVIDENCE_DIR,
    ENV_LOG_KEY,
    PLAIN_HTTP_FLAG,
    Settings,
    database_url,
)
from issuer_server.errors import IssuerError


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise IssuerError(f"{message} (see '{self.prog} --help')")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="issuer-server", description="Admin tool of the assessor's desk reference issuer.")
    parser.add_argument("--db", default=os.environ.get(ENV_DB, DEFAULT_DB),
                        help=f"database URL or SQLite file path (env {ENV_DB}; default {DEFAULT_DB})")
    parser.add_argument("--evidence-dir", default=os.environ.get(ENV_EVIDENCE_DIR, DEFAULT_EVIDENCE_DIR),
                        help=f"content-addressed evidence folder (env {ENV_EVIDENCE_DIR})")
    parser.add_argument("--log-key", default=os.environ.get(ENV_LOG_KEY),
                        help=f"the audit log's private key file, created 0600 on first use (env {ENV_LOG_KEY}; "
                             "default: issuer-log-key next to the evidence folder)")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    sub.add_parser("init-db", help="create or upgrade the database schema")
    p = sub.add_parser("add-user", help="create a user")
    p.add_argument("username")
    p.add_argument("--role", action="append", required=True, choices=["assessor", "lead", "auditor", "admin"])
    p.add_argument("--display-name")
    p.add_argument("--password-stdin", action="store_true", help="read the password from the first line of stdin")
    p = sub.add_parser("load-program", help="load a program folder (see PROGRAM_FORMAT.md); idempotent")
    p.add_argument("folder", type=Path)
    p = sub.add_parser("assign", help="assign one submission to an assessor")
    p.add_argument("--submission", required=True)
    p.add_argument("--assessor", required=True)
    p.add_argument("--kind", default="live", choices=["live", "calibration", "validity", "second_read"])
    p.add_argument("--due", help="due time, RFC 3339 (e.g. 2026-12-01T17:00:00.000Z)")
    p = sub.add_parser("assign-all", help="distribute every unassigned submission over assessors")
    p.add_argument("--assessors", required=True, help="comma separated usernames")
    p.add_argument("--second-read-share", type=float, default=None,
                   help="share of live work that gets a blind second read (default: each credential's policy)")
    p.add_argument("--seed", type=int, default=0)
    p = sub.add_parser("revoke", help="withdraw an assignment")
    p.add_argument("assignment")
    p = sub.add_parser("reassign", help="give an assignment's submission to another assessor")
    p.add_argument("assignment")
    p.add_argument("--to", required=True, dest="to_user")
    sub.add_parser("decisions", help="table of assignments, received sheets and reviews")
    p = sub.add_parser("serve", help="run the API server")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8470)
    p.add_argument("--workers", type=int, default=1)
    p.add_argument("--access-ttl", type=int, help=f"access token lifetime in seconds (env {ENV_ACCESS_TTL})")
    p.add_argument(PLAIN_HTTP_FLAG, dest="plain_http_ok", action="store_true",
                   help="allow a non-loopback host without TLS (only behind a TLS-terminating proxy)")
    p.add_argument("--ready-file", type=Path, help=argparse.SUPPRESS)
    sub.add_parser("openapi", help="print the OpenAPI 3.1 document")
    audit_command.add_parser(sub, _Parser)
    return parser


def _password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    elif sys.stdin.isatty():
        password = getpass.getpass("Password: ")
        if getpass.getpass("Again: ") != password:
            raise IssuerError("The two passwords differ.")
    else:
        raise IssuerError("No terminal to ask for a password; pipe it in with --password-stdin.")
    if len(password) < 8:
        raise IssuerError("The password needs at least 8 characters.")
    return password


def run(args: argparse.Namespace) -> int:
    settings = replace(Settings.from_env(), db_url=database_url(args.db),
                       evidence_dir=Path(args.evidence_dir).expanduser().resolve(),
                       log_key_path=Path(args.log_key).expanduser().resolve() if args.log_key else None)
    command = args.command
    if command == "openapi":
        from issuer_server.app import create_app

        print(json.dumps(create_app(settings).openapi(), indent=2, sort_keys=True))
    elif command == "serve":
        if args.access_ttl is not None:
            settings = replace(settings, access_ttl_seconds=args.access_ttl)
        from issuer_server import serving  # uvicorn and Alembic load only for the commands that need them

        serving.serve(settings, args.host, args.port, workers=args.workers, plain_http_ok=args.plain_http_ok,
                      ready_file=args.ready_file)
    elif command == "audit":
        return audit_command.run(settings, args)
    elif command == "add-user":
        from issuer_server import admin_commands  # loads the web app's modules: 'audit verify' starts without

        print(admin_commands.add_user(settings, args.username, args.role, _password(args), args.display_name))
    else:
        from issuer_server import admin_commands

        print(admin_commands.dispatch(settings, args))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        return run(args)
    except (IssuerError, DomainError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        print(f"error: the database refused the operation ({reason}); check --db and run 'init-db'.", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"error: {exc.strerror or exc} ({getattr(exc, 'filename', '') or 'I/O'})", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
