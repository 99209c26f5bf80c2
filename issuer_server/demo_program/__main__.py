"""``python -m issuer_server.demo_program OUT_DIR [--seed N]``: write the demo program folder."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from issuer_server.demo_program import DEMO_ASSESSOR, generate_program


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m issuer_server.demo_program",
        description="Write the demo program (program.json + evidence) to OUT_DIR.",
    )
    parser.add_argument("out_dir", type=Path, metavar="OUT_DIR")
    parser.add_argument("--seed", type=int, default=7, help="varies dates and assignments (default 7)")
    args = parser.parse_args(argv)
    try:
        path = generate_program(args.out_dir, seed=args.seed)
    except OSError as exc:
        print(f"Could not write the demo program: {exc}", file=sys.stderr)
        return 1
    print(f"Wrote {path}")
    print(f"Load it with: issuer-server load-program {args.out_dir}")
    print(f"Sign in as {DEMO_ASSESSOR[0]} / {DEMO_ASSESSOR[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
