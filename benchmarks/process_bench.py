"""Provides the whole-process rows: `h2h --help` and `h2h saves list` against a bare Python.

    python -m benchmarks.process_bench [--quick]

The baseline is what any argparse program costs: `python -c "import argparse"` with the same
interpreter. Each run is a whole process, spawn to exit, output thrown away.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence

from benchmarks.harness import Context, Result, Target, interleaved, median, process_time, spread


def process_rows(ctx: Context) -> list[Result]:
    from benchmarks.store_bench import filled

    saves = filled(ctx, 10)
    env = ctx.env

    def run(*argv: str) -> Callable[[], float]:
        return lambda: process_time(argv, env)

    python, h2h = str(ctx.python), str(ctx.h2h)
    times = interleaved(
        ctx.settings.process_runs,
        {
            "baseline": run(python, "-c", "import argparse"),
            "help": run(h2h, "--help"),
            "module help": run(python, "-m", "h2h_game", "--help"),
            "saves list": run(h2h, "saves", "list", "--saves", str(saves)),
        },
    )
    baseline = median(times["baseline"]) * 1000
    how = {
        "how": "whole process (spawn to exit, stdout to /dev/null), median of interleaved runs "
        "after one untimed round",
        "runs": ctx.settings.process_runs,
        "baseline": spread(times["baseline"]),
    }
    return [
        Result(
            "process.help",
            "`h2h --help`, whole process",
            value=median(times["help"]) * 1000,
            baseline=baseline,
            baseline_name="python + argparse",
            target=Target(ratio=1.2),
            details={**how, "h2h": spread(times["help"])},
        ),
        Result(
            "process.saves_list",
            "`h2h saves list` (10 games), whole process",
            value=median(times["saves list"]) * 1000,
            baseline=baseline,
            baseline_name="python + argparse",
            target=Target(ratio=1.2),
            details={**how, "h2h": spread(times["saves list"])},
        ),
        Result(
            "process.console_script",
            "`h2h --help` vs `python -m h2h_game --help`",
            value=median(times["help"]) * 1000,
            baseline=median(times["module help"]) * 1000,
            baseline_name="python -m",
            details={**how, "module": spread(times["module help"])},
        ),
    ]


SECTIONS: list[tuple[str, str, Callable[[Context], list[Result]]]] = [
    ("process", "h2h --help, h2h saves list", process_rows),
]


def main(argv: Sequence[str] | None = None) -> None:
    from benchmarks.__main__ import run_standalone

    run_standalone(SECTIONS, __doc__, argv)


if __name__ == "__main__":
    sys.exit(main())
