"""Runs every `benchmarks/*_bench.py` in turn: `python -m benchmarks`."""

from __future__ import annotations

import importlib
from pathlib import Path

for path in sorted(Path(__file__).parent.glob("*_bench.py")):
    print(f"== {path.stem} ==")
    importlib.import_module(f"benchmarks.{path.stem}").main([])
    print()
