"""The engine imports nothing but the standard library and itself."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import h2h_game.engine

ENGINE = Path(h2h_game.engine.__file__).parent
FORBIDDEN_STDLIB = {"os", "io", "time", "datetime", "random", "socket", "subprocess", "pathlib"}
# `random` is allowed only as a seeded generator in rules.py (piles are fixed from the seed).
SEEDED_ONLY = {"random": {"rules.py"}}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def test_the_engine_imports_only_the_standard_library_and_itself():
    for path in sorted(ENGINE.glob("*.py")):
        for module in imported_modules(path):
            top = module.split(".")[0]
            inside = module == "h2h_game.engine" or module.startswith("h2h_game.engine.")
            assert inside or top in sys.stdlib_module_names or top == "__future__", (
                f"{path.name} imports {module}"
            )


def test_the_engine_touches_no_clock_files_or_unseeded_randomness():
    for path in sorted(ENGINE.glob("*.py")):
        for module in imported_modules(path):
            top = module.split(".")[0]
            if top in FORBIDDEN_STDLIB:
                assert path.name in SEEDED_ONLY.get(top, set()), f"{path.name} imports {module}"
    rules = (ENGINE / "rules.py").read_text(encoding="utf-8")
    assert "random.Random(setup.seed)" in rules
    assert "random.random(" not in rules and "random.shuffle(" not in rules
