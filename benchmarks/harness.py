"""Provides what every benchmark row shares: results, targets, settings, statistics, the table.

A row compares an h2h figure with a baseline measured in the same run (interleaved with it, so a
noisy machine slows both) and checks it against the issue's target: a ratio to the baseline, an
absolute figure, or both. A row that cannot run says why ("skip: …") and the others still run.
"""

from __future__ import annotations

import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
"""The repository: `benchmarks/` sits in it."""


@dataclass(frozen=True)
class Target:
    """What a row must reach: at most `ratio` times its baseline, at most `most` (in its unit)."""

    ratio: float | None = None
    most: float | None = None

    def describe(self, unit: str) -> str:
        parts = []
        if self.most is not None:
            parts.append(f"≤ {number(self.most)} {unit}")
        if self.ratio is not None:
            parts.append(f"≤ {self.ratio:g}×")
        return " and ".join(parts)

    def met(self, value: float, ratio: float | None) -> bool:
        if self.most is not None and value > self.most:
            return False
        return not (self.ratio is not None and (ratio is None or ratio > self.ratio))


@dataclass
class Result:
    """One line of the table."""

    key: str
    """A stable name for results.json: `launch.title`, `keys.p50` …"""
    metric: str
    unit: str = "ms"
    value: float | None = None
    baseline: float | None = None
    baseline_name: str = ""
    target: Target | None = None
    skip: str | None = None
    """Why the row did not run ("no tmux …"), or the error that stopped it."""
    error: bool = False
    details: dict[str, Any] = field(default_factory=dict)
    """Everything else worth keeping: runs, spreads, sizes, how it was measured."""

    @property
    def ratio(self) -> float | None:
        if self.value is None or not self.baseline:
            return None
        return self.value / self.baseline

    @property
    def status(self) -> str:
        if self.skip is not None:
            return "error" if self.error else "skip"
        if self.target is None or self.value is None:
            return "info"
        return "pass" if self.target.met(self.value, self.ratio) else "FAIL"

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["ratio"] = self.ratio
        data["status"] = self.status
        data["target"] = self.target.describe(self.unit) if self.target else None
        return data


def skipped(key: str, metric: str, reason: str, *, error: bool = False) -> Result:
    return Result(key, metric, skip=reason, error=error)


@dataclass(frozen=True)
class Settings:
    """How much to measure. `quick` is the smoke run (`BENCH_QUICK=1`): seconds, not minutes."""

    quick: bool = False
    launches: int = 15
    """Launches of each app, interleaved (the issue asks for at least 15)."""
    keys: int = 200
    """Key presses of each app during play (at least 200)."""
    games: int = 1000
    """Saved games beside the one being played, for autosave and the saves list."""
    saves: int = 100
    """Actions saved per folder in the autosave row."""
    list_runs: int = 7
    deck_cards: int = 10_000
    deck_runs: int = 7
    process_runs: int = 21
    interval: float = 0.005
    """Seconds between two polls of the terminal (launches, the saves list)."""
    key_interval: float = 0.001
    """Seconds between two polls while a key is awaited: a move takes a few milliseconds,
    and at 5 ms every time lands on one poll or the next, which hides a ratio of 2 or 3."""

    @classmethod
    def make(cls, quick: bool) -> Settings:
        if not quick:
            return cls()
        return cls(
            quick=True,
            launches=1,
            keys=6,
            games=20,
            saves=4,
            list_runs=1,
            deck_cards=300,
            deck_runs=1,
            process_runs=1,
        )


class Context:
    """One run of the benchmarks: settings, the venv's programs, a scratch folder, the env."""

    def __init__(self, settings: Settings, scratch: Path) -> None:
        self.settings = settings
        self.scratch = scratch
        bin_dir = Path(sys.executable).parent
        self.python = Path(sys.executable)
        self.h2h = bin_dir / "h2h"
        home = scratch / "home"
        # Children never touch the real user folders (the same rule the tests keep).
        self.env = {
            key: value
            for key, value in os.environ.items()
            # Textual's dev and debug switches (TEXTUAL=devtools…) would change what is measured.
            if key not in {"H2H_DECKS", "H2H_SAVES", "PYTHONPROFILEIMPORTTIME", "TEXTUAL"}
        }
        self.env.update(
            XDG_DATA_HOME=str(home / "data"),
            XDG_CACHE_HOME=str(home / "cache"),
            XDG_CONFIG_HOME=str(home / "config"),
            H2H_CACHE=str(home / "cache" / "h2h"),
        )
        self.cache: dict[str, Any] = {}
        """What one part builds and a later one reuses (the deck played, the filled saves)."""
        self._folders = 0

    def folder(self, name: str) -> Path:
        """A new empty folder in the scratch space."""
        self._folders += 1
        path = self.scratch / f"{self._folders:03d}-{name}"
        path.mkdir(parents=True)
        return path


@contextmanager
def scratch_space() -> Iterator[Path]:
    """A temporary folder, on the same disk as the system's temp folder, removed afterwards."""
    path = Path(tempfile.mkdtemp(prefix="h2h-bench-"))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


# --- statistics ---------------------------------------------------------------------------------


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def percentile(values: Sequence[float], fraction: float) -> float:
    """The `fraction` percentile by the nearest-rank method (p95 of 200 is the 190th value)."""
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def spread(values: Sequence[float], scale: float = 1000.0) -> dict[str, float | int]:
    """Median, p95, min, max and count, scaled (seconds to milliseconds by default)."""
    return {
        "median": median(values) * scale,
        "p95": percentile(values, 0.95) * scale,
        "min": min(values) * scale,
        "max": max(values) * scale,
        "n": len(values),
    }


def interleaved(
    runs: int, measures: dict[str, Callable[[], float]], *, warmup: bool = True
) -> dict[str, list[float]]:
    """Run each measure `runs` times, round-robin, starting one later each round so that no
    measure always follows the same other one; after one untimed round to warm disk caches."""
    names = list(measures)
    if warmup:
        for name in names:
            measures[name]()
    results: dict[str, list[float]] = {name: [] for name in names}
    for run in range(runs):
        shift = run % len(names)
        for name in names[shift:] + names[:shift]:
            results[name].append(measures[name]())
    return results


def process_time(argv: Sequence[str], env: dict[str, str], cwd: Path | None = None) -> float:
    """Seconds one whole process takes, from spawn to exit, its output thrown away."""
    began = time.perf_counter()
    subprocess.run(
        argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True
    )
    return time.perf_counter() - began


# --- the machine --------------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    """What the numbers were measured on."""
    info: dict[str, Any] = {
        "system": f"{platform.system()} {platform.release()}",
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "load": [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None,
    }
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as file:
            for line in file:
                if line.startswith("model name"):
                    info["cpu"] = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        import textual

        info["textual"] = textual.__version__
    except (ImportError, AttributeError):
        pass
    tmux = shutil.which(os.environ.get("BENCH_TMUX", "tmux"))
    if tmux:
        run = subprocess.run([tmux, "-V"], capture_output=True, text=True, check=False)
        info["tmux"] = run.stdout.strip()
    return info


def machine_label(info: dict[str, Any]) -> str:
    """A short name for the table's machine column."""
    return f"{info['system'].split()[0].lower()} {info['cpus']}cpu py{info['python']}"


# --- running rows and printing them -------------------------------------------------------------


def guarded(key: str, metric: str, measure: Callable[[], list[Result]]) -> list[Result]:
    """The rows `measure` gives, or one error row (with the reason) if it fails."""
    try:
        return measure()
    except Exception as error:  # one broken row must not lose the others
        detail = traceback.format_exception_only(error)[-1].strip()
        print(f"  {metric}: {detail}", file=sys.stderr)
        return [skipped(key, metric, detail.splitlines()[0][:160], error=True)]


def number(value: float) -> str:
    """A figure with about three significant digits."""
    if value >= 100:
        return f"{value:.0f}"
    if value >= 10:
        return f"{value:.1f}"
    if value >= 1:
        return f"{value:.2f}"
    return f"{value:.3f}"


def figure(value: float | None, unit: str) -> str:
    return "" if value is None else f"{number(value)} {unit}"


def table(results: Iterable[Result], machine_name: str) -> str:
    """The results as one plain-text table (Markdown-compatible)."""
    header = ("metric", "h2h", "baseline", "ratio", "target", "result", "machine")
    rows = []
    for result in results:
        if result.skip is not None:
            word = "error" if result.error else "skip"
            rows.append((result.metric, f"{word}: {result.skip}", "", "", "", result.status, ""))
            continue
        ratio = result.ratio
        baseline = figure(result.baseline, result.unit)
        if result.baseline_name and baseline:
            baseline = f"{baseline} ({result.baseline_name})"
        rows.append(
            (
                result.metric,
                figure(result.value, result.unit),
                baseline,
                "" if ratio is None else f"{ratio:.2f}×",
                result.target.describe(result.unit) if result.target else "",
                result.status,
                machine_name,
            )
        )
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(header), rule, *(line(row) for row in rows)])


def write_json(path: Path, results: Sequence[Result], info: dict[str, Any], extra: dict) -> None:
    data = {
        "machine": info,
        **extra,
        "results": [result.to_json() for result in results],
    }
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
