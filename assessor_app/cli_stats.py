"""``assessor-app stats agreement FILE.csv``: inter-rater agreement over exported ratings.

The CSV has one row per rating with columns ``unit,rater,value`` (and optionally ``criterion``); an
empty value is a missing rating. ``register`` adds the ``stats`` command to the application's
argparse sub-commands; ``main`` runs this command alone (for tests and ``python -m``).

Exit status: 0 on success, 2 when the input or options cannot be used (one ``error: ...`` line on
stderr), 1 on an unexpected internal failure (also one line, never a traceback).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence

from assessor_app.domain.agreement import (
    LEVELS,
    AgreementReport,
    LoadedRatings,
    RatingsFileError,
    agreement_report,
    load_ratings_csv,
    parse_categories,
)
from assessor_app.domain.agreement.report import LABELS

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_USAGE = 2

_DESCRIPTION = """\
Compute inter-rater agreement for rubric ratings in FILE.csv (columns unit,rater,value and optionally
criterion; an empty value is a missing rating). Reports exact, all-agree and adjacent agreement,
Cohen's kappa (two raters only; unweighted, linear, quadratic), Fleiss' kappa, Krippendorff's alpha,
Gwet's AC1/AC2 and the Shrout & Fleiss ICCs. Weighted kappa, AC2 and adjacent agreement use each
level's position in the ordered scale; interval/ratio alpha and the ICCs use the numeric values.
n_units counts units with at least one rating; n_raters counts raters with at least one rating.
When FILE has a criterion column and no --criterion is given, each (criterion, unit) pair is a unit.
"""


class _UsageError(Exception):
    """Options that cannot be used with this file; the message says what to do."""


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``stats`` (with its ``agreement`` sub-command) to the application's sub-commands."""
    stats = subparsers.add_parser(
        "stats", help="statistics over exported ratings", description="Statistics over exported ratings."
    )
    commands = stats.add_subparsers(dest="stats_command", metavar="SUBCOMMAND", required=True)
    agreement = commands.add_parser(
        "agreement",
        help="inter-rater agreement (kappas, Krippendorff's alpha, Gwet's AC1/AC2, ICC)",
        description=_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    agreement.add_argument("file", metavar="FILE.csv", help="ratings, one row per unit and rater")
    agreement.add_argument(
        "--level",
        choices=LEVELS,
        default="ordinal",
        help="measurement level for Krippendorff's alpha (default: ordinal)",
    )
    agreement.add_argument(
        "--categories",
        metavar="V1,V2,...",
        help="the full ordered scale, lowest first, including levels nobody used "
        "(default: the observed values, sorted numerically if all are numbers)",
    )
    agreement.add_argument("--criterion", metavar="C", help="only the rows of criterion C")
    agreement.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    agreement.set_defaults(func=run_agreement)


def run_agreement(args: argparse.Namespace) -> int:
    """Run ``stats agreement``; returns the exit status."""
    try:
        categories = parse_categories(args.categories) if args.categories is not None else None
        loaded = load_ratings_csv(args.file, criterion=args.criterion, categories=categories)
        _check_level(loaded, args.level, explicit_categories=categories is not None)
        report = agreement_report(loaded.matrix, args.level)
    except (RatingsFileError, _UsageError) as exc:
        return _fail(str(exc), EXIT_USAGE)
    except Exception as exc:  # never a traceback; a bug still gets a one-line report
        return _fail(
            f"internal error while computing agreement ({type(exc).__name__}: {exc}); "
            "please report it with the input file",
            EXIT_INTERNAL,
        )
    text = json.dumps(report.to_json_dict(), indent=2, allow_nan=False) if args.json else None
    try:
        print(text if text is not None else format_table(report, loaded))
        sys.stdout.flush()
    except BrokenPipeError:  # e.g. piped into `head`; see the Python docs' note on SIGPIPE
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return EXIT_OK


def _check_level(loaded: LoadedRatings, level: str, *, explicit_categories: bool) -> None:
    if level not in ("interval", "ratio"):
        return
    matrix = loaded.matrix
    values = matrix.numeric_values
    if values is None:
        where = "--categories has" if explicit_categories else f"{loaded.source} has the value"
        raise _UsageError(
            f"--level {level} needs numeric values, but {where} {matrix.first_non_numeric_category()!r}; "
            "use --level ordinal or nominal, or number the levels"
        )
    if level == "ratio" and (values < 0).any():
        raise _UsageError(
            f"--level ratio needs values of 0 or more, but {min(values):g} is negative; "
            "use --level interval instead"
        )


def _fail(message: str, status: int) -> int:
    line = " ".join(message.split())
    print(f"error: {line}", file=sys.stderr)
    return status


def format_table(report: AgreementReport, loaded: LoadedRatings) -> str:
    """The readable report: a header saying what the units are, then statistic / value / note."""
    matrix = loaded.matrix
    lines = [f"Inter-rater agreement for {loaded.source}"]
    if loaded.pooled_criteria:
        lines.append(
            f"Units are (criterion, unit) pairs pooled across {len(loaded.criteria)} criteria: "
            + ", ".join(loaded.criteria)
        )
    elif loaded.criterion is not None:
        lines.append(f"Criterion: {loaded.criterion}")
    scale = "Scale (lowest first): " + (" < ".join(matrix.categories) or "(no ratings)")
    if not loaded.categories_given and matrix.categories and matrix.numeric_values is None:
        scale += " (observed values sorted as text; give --categories for the rubric's order)"
    lines.append(scale)
    lines.append(f"Krippendorff's alpha at the {report.level} level")
    lines.append("")
    rows: list[tuple[str, str, str]] = [
        (LABELS["n_units"], str(report.n_units), "units with at least one rating"),
        (LABELS["n_raters"], str(report.n_raters), "raters with at least one rating"),
    ]
    for name, result in report.statistics.items():
        label = LABELS[name]
        if name == "krippendorff_alpha":
            label = f"{label} ({report.level})"
        if result.value is None:
            rows.append((label, "undefined", result.reason or ""))
        else:
            rows.append((label, f"{result.value:.4f}", ""))
    width_label = max(len("statistic"), *(len(r[0]) for r in rows))
    width_value = max(len("value"), *(len(r[1]) for r in rows))
    lines.append(f"{'statistic':<{width_label}}  {'value':>{width_value}}  note")
    lines.append(f"{'-' * width_label}  {'-' * width_value}  {'-' * 4}")
    for label, value, note in rows:
        lines.append(f"{label:<{width_label}}  {value:>{width_value}}  {note}".rstrip())
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    """A parser with only the ``stats`` command, shaped like the application's."""
    parser = argparse.ArgumentParser(prog="assessor-app")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Parse ``argv`` (e.g. ``["stats", "agreement", "ratings.csv", "--json"]``) and run it."""
    parser = build_parser()
    try:
        args = parser.parse_args(list(argv) if argv is not None else None)
    except SystemExit as exc:  # argparse already printed usage and its error (or --help)
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    status: int = args.func(args)
    return status


if __name__ == "__main__":
    raise SystemExit(main())
