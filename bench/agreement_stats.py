"""Benchmark: Krippendorff's alpha (ordinal) and the full ``stats agreement`` report on 100,000 units x 3 raters,
side by side with the ``krippendorff`` package in the same run.

    .venv/bin/python bench/agreement_stats.py [--units 100000] [--raters 3] [--rounds 5]

Target (issue 6): our alpha, and our whole report, each take at most 1.2x the package's alpha time.
The data: 4 ordered rubric levels, raters who agree with a latent true level most of the time, 5% missing.
Each side starts from the same in-memory ratings (a units x raters array of levels, NaN = missing): ours builds
its ``RatingMatrix`` (from the array and the unit names) inside the timed region, the package gets its
raters x units ``reliability_data``.
The full report is also timed from the CSV file, the way ``assessor-app stats agreement FILE.csv`` runs it
(parsing 300,000 rows included) — reported, not part of the target. Sides alternate by round; medians reported.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import krippendorff
import numpy as np

from assessor_app.domain.agreement import RatingMatrix, agreement_report, krippendorff_alpha, load_ratings_csv

LEVELS = (1.0, 2.0, 3.0, 4.0)


def ratings(units: int, raters: int, seed: int = 7) -> np.ndarray:
    rng = np.random.default_rng(seed)
    truth = rng.integers(0, len(LEVELS), size=units)
    noise = rng.choice([-1, 0, 0, 0, 0, 1], size=(units, raters))
    levels = np.clip(truth[:, None] + noise, 0, len(LEVELS) - 1).astype(np.float64) + 1.0
    levels[rng.random((units, raters)) < 0.05] = np.nan
    return levels


def matrix_from(levels: np.ndarray, units: tuple[str, ...]) -> RatingMatrix:
    codes = np.where(np.isnan(levels), -1, levels - 1.0).astype(np.int64)
    return RatingMatrix(units=units,
                        raters=tuple(f"r{j + 1}" for j in range(levels.shape[1])),
                        categories=tuple(str(int(v)) for v in LEVELS), codes=codes)


def write_csv(levels: np.ndarray, path: Path) -> None:
    with path.open("w", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["unit", "rater", "value"])
        for i, row in enumerate(levels):
            for j, value in enumerate(row):
                out.writerow([f"u{i}", f"r{j + 1}", "" if np.isnan(value) else int(value)])


def timed(fn) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=100_000)
    parser.add_argument("--raters", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    levels = ratings(args.units, args.raters)
    reliability = levels.T.copy()
    units = tuple(f"u{i}" for i in range(args.units))  # input data, like the package's array
    folder = Path(tempfile.mkdtemp(prefix="agreement-bench-"))
    path = folder / "ratings.csv"
    write_csv(levels, path)
    sides = {
        "krippendorff package alpha": lambda: krippendorff.alpha(reliability_data=reliability,
                                                                 level_of_measurement="ordinal"),
        "our alpha": lambda: krippendorff_alpha(matrix_from(levels, units), "ordinal").value,
        "our full report": lambda: agreement_report(matrix_from(levels, units), "ordinal"),
        "our full report from the CSV": lambda: agreement_report(load_ratings_csv(path).matrix, "ordinal"),
    }
    times: dict[str, list[float]] = {name: [] for name in sides}
    values: dict[str, object] = {}
    for round_number in range(args.rounds):
        order = list(sides) if round_number % 2 == 0 else list(reversed(sides))
        for name in order:
            seconds, value = timed(sides[name])
            times[name].append(seconds)
            values[name] = value
    ours = float(values["our alpha"])  # type: ignore[arg-type]
    theirs = float(values["krippendorff package alpha"])  # type: ignore[arg-type]
    report_alpha = values["our full report"].statistics["krippendorff_alpha"].value  # type: ignore[attr-defined]
    print(f"{args.units:,} units x {args.raters} raters, 4 ordinal levels, 5% missing; {args.rounds} rounds; "
          f"load average {' '.join(f'{x:.2f}' for x in __import__('os').getloadavg())}")
    print(f"alpha (ordinal): ours {ours:.6f}, package {theirs:.6f}, report {report_alpha:.6f}")
    base = statistics.median(times["krippendorff package alpha"])
    for name, samples in times.items():
        median = statistics.median(samples)
        print(f"  {name:32s} median {median * 1000:8.1f} ms  min {min(samples) * 1000:8.1f} ms  "
              f"ratio {median / base:5.2f}x")
    verdicts = []
    for name in ("our alpha", "our full report"):
        ratio = statistics.median(times[name]) / base
        verdicts.append(ratio <= 1.2)
        print(f"{name}: {ratio:.2f}x the package's alpha (target <= 1.2x): {'PASS' if ratio <= 1.2 else 'MISS'}")
    if abs(ours - theirs) > 1e-9:
        print("the two alphas differ: FAIL")
        return 1
    return 0 if all(verdicts) else 1


if __name__ == "__main__":
    raise SystemExit(main())
