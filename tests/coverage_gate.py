"""Prints the suite's coverage, lines and branches apart, and fails below the project's floor.

`make test` runs it after pytest has written `.coverage`: 95 % of lines and 90 % of branches.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import coverage

LINES = 95.0
BRANCHES = 90.0


def main() -> int:
    cov = coverage.Coverage()
    cov.load()
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "coverage.json"
        cov.json_report(outfile=str(report), pretty_print=False)
        totals = json.loads(report.read_text())["totals"]
    lines = 100.0 * totals["covered_lines"] / max(totals["num_statements"], 1)
    branches = 100.0 * totals["covered_branches"] / max(totals["num_branches"], 1)
    print(
        f"coverage: lines {lines:.1f}% (floor {LINES:.0f}%), "
        f"branches {branches:.1f}% (floor {BRANCHES:.0f}%)"
    )
    if lines < LINES or branches < BRANCHES:
        print("Coverage is below the floor: `make coverage` shows what is not covered.")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
