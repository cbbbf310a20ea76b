"""Runs every benchmark and prints one table: `make bench`, or `python -m benchmarks`.

    python -m benchmarks [--quick] [--only launch,keys] [--json PATH]

Every row compares h2h with a baseline measured in the same run, interleaved with it, and checks
the issue's target. Rows that need a real terminal skip, saying why, without tmux. `--quick` (or
`BENCH_QUICK=1`) is a smoke run of a few seconds: its figures mean nothing, and it writes no
results unless `--json` says where.
"""

from __future__ import annotations

import argparse
import compileall
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path

from benchmarks import deck_bench, process_bench, screen_bench, store_bench, studio_bench, terminal
from benchmarks.harness import (
    ROOT,
    Context,
    Result,
    Settings,
    guarded,
    machine,
    machine_label,
    scratch_space,
    skipped,
    table,
    write_json,
)

Section = tuple[str, str, Callable[[Context], list[Result]]]

SECTIONS: list[tuple[Section, bool]] = [
    *((section, False) for section in process_bench.SECTIONS),
    *((section, False) for section in deck_bench.SECTIONS),
    *((section, False) for section in store_bench.SECTIONS),
    *((section, True) for section in screen_bench.SECTIONS),
    *((section, True) for section in studio_bench.SECTIONS),
]
"""Every part, in the order it runs, and whether it needs a real terminal (tmux)."""
RESULTS = ROOT / "benchmarks" / "results.json"


def run(
    sections: Sequence[tuple[Section, bool]], settings: Settings, only: Sequence[str] = ()
) -> list[Result]:
    """Measure the chosen parts (all by default); one failing part costs only its own rows."""
    results: list[Result] = []
    no_terminal = terminal.unavailable()
    with scratch_space() as scratch:
        ctx = Context(settings, scratch)
        for (key, name, measure), needs_terminal in sections:
            if only and not any(key.startswith(prefix) for prefix in only):
                continue
            if needs_terminal and no_terminal is not None:
                results.append(skipped(key, name, no_terminal))
                continue
            print(f"· {name} …", file=sys.stderr, flush=True)
            began = time.monotonic()
            results.extend(guarded(key, name, lambda measure=measure: measure(ctx)))
            print(f"  ({time.monotonic() - began:.0f} s)", file=sys.stderr, flush=True)
    return results


def report(results: Sequence[Result], info: dict[str, object], settings: Settings) -> str:
    poll = next((r for r in results if r.key == "terminal.poll" and r.value is not None), None)
    lines = [
        f"Machine: {info.get('cpu', info['machine'])}, {info['cpus']} CPUs, {info['system']}, "
        f"Python {info['python']}, Textual {info.get('textual', '?')}, "
        f"{info.get('tmux', 'no tmux')}; load average {info.get('load')}",
    ]
    if poll is not None:
        lines.append(
            f"Terminal rows poll the screen every {settings.interval * 1000:g} ms; one poll "
            f"costs {poll.value:.3f} ms, so a terminal time is late by at most ~"
            f"{settings.interval * 1000 + poll.value:.1f} ms (h2h and bare alike)."
        )
    if settings.quick:
        lines.append("QUICK RUN (smoke test): too few runs for the figures to mean anything.")
    lines += ["", table(results, machine_label(info))]
    return "\n".join(lines)


def run_standalone(
    sections: Sequence[Section], doc: str | None, argv: Sequence[str] | None = None
) -> None:
    """What `python -m benchmarks.<part>` does: these rows only, printed, no results.json.
    `doc` is the part's module docstring, whose first line describes it in `--help`."""
    parser = argparse.ArgumentParser(description=(doc or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a smoke run: a few of each")
    quick = parser.parse_args(argv).quick
    needs = {id(section) for section in (*screen_bench.SECTIONS, *studio_bench.SECTIONS)}
    settings = Settings.make(quick)
    chosen = [(section, id(section) in needs) for section in sections]
    results = run(chosen, settings)
    print(report(results, machine(), settings))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick",
        action="store_true",
        default=os.environ.get("BENCH_QUICK", "") not in ("", "0"),
        help="a smoke run: a few of each (also BENCH_QUICK=1)",
    )
    parser.add_argument(
        "--only",
        default="",
        help="comma-separated parts: process, deck, autosave, list, launch, keys, studio",
    )
    parser.add_argument("--json", type=Path, help=f"where to write results (default {RESULTS})")
    args = parser.parse_args(argv)
    settings = Settings.make(args.quick)
    only = [part.strip() for part in args.only.split(",") if part.strip()]
    # An installed wheel ships compiled; an editable checkout (or PYTHONDONTWRITEBYTECODE=1)
    # may have none, and every launch would then pay for compiling ~100 modules.
    compileall.compile_dir(ROOT / "h2h_game", quiet=1)
    info = machine()
    began = time.monotonic()
    results = run(SECTIONS, settings, only)
    info["load_after"] = machine()["load"]
    print(report(results, info, settings))
    target = args.json or (None if settings.quick else RESULTS)
    if target is not None:
        extra = {
            "quick": settings.quick,
            "seconds": round(time.monotonic() - began, 1),
            "settings": asdict(settings),
        }
        write_json(target, results, info, extra)
        print(f"\nWrote {target}")
    return 1 if any(result.error for result in results) else 0


if __name__ == "__main__":
    sys.exit(main())
