"""`h2h --help` lists every command without importing them: what it costs is what it prints."""

from __future__ import annotations

import json
import os
import subprocess
import sys

PROBE = """
import json, sys
from h2h_game import cli
try:
    cli.main(sys.argv[1:])
except SystemExit:
    pass
loaded = sorted(m for m in sys.modules if m.startswith("h2h_game.commands."))
heavy = sorted({"typing", "pathlib", "shutil"} & set(sys.modules))
print(json.dumps({"commands": loaded, "heavy": heavy}), file=sys.stderr)
"""


def imported(*argv: str) -> dict[str, list[str]]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, check=True
    )
    result: dict[str, list[str]] = json.loads(done.stderr.strip().splitlines()[-1])
    return result


def test_help_imports_no_command_and_none_of_the_heavier_modules() -> None:
    assert imported("--help") == {"commands": [], "heavy": []}


def test_a_command_imports_its_own_module_only() -> None:
    assert imported("deck", "--help")["commands"] == ["h2h_game.commands.deck"]
    assert imported("continue", "--help")["commands"] == ["h2h_game.commands.play"]


def test_help_is_as_wide_as_columns_says() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "h2h_game", "--help"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "COLUMNS": "60"},
    )
    assert max(len(line) for line in done.stdout.splitlines()) <= 58
