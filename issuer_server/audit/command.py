"""``issuer-server audit ...``: the audit log's admin commands."""

from __future__ import annotations

import argparse
import sys
import time

from issuer_server.audit.verify import verify
from issuer_server.config import Settings


def add_parser(sub: argparse._SubParsersAction, parser_class: type[argparse.ArgumentParser]) -> None:
    audit = sub.add_parser("audit", help="check the audit log (see docs/AUDIT.md)")
    commands = audit.add_subparsers(dest="audit_command", required=True, parser_class=parser_class)
    p = commands.add_parser("verify", help="recompute the log's tree and checkpoints and compare every entry "
                                           "with the source tables; exit 1 at the first inconsistency")
    p.add_argument("--signatures", action="store_true",
                   help="also re-verify every score event's and every checkpoint's signature (slow)")


def run(settings: Settings, args: argparse.Namespace) -> int:
    started = time.perf_counter()
    report = verify(settings.db_url, settings.log_key, signatures=args.signatures)
    for line in report.lines():
        print(line, file=sys.stdout if report.ok else sys.stderr)
    if not report.ok:
        for finding in report.findings[1:5]:
            print(f"  also: {finding.message}", file=sys.stderr)
        return 1
    print(f"checked in {time.perf_counter() - started:.1f} s")
    return 0
