"""`h2h --help` lists every command without importing them, and `h2h saves list` reads a sure
index without the store: what each costs is what it prints."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from h2h_game import cli
from h2h_game.store import SaveStore
from tests.store.helpers import START
from tests.test_glance import play

PROBE = """
import sys
from h2h_game import cli
try:
    cli.main(sys.argv[1:])
except SystemExit:
    pass
loaded = sorted(m for m in sys.modules if m.startswith("h2h_game.commands."))
heavy = (
    "typing", "pathlib", "shutil", "dataclasses", "datetime", "json", "h2h_game.store", "tinydb"
)
found = sorted(set(heavy) & set(sys.modules))
import json
print(json.dumps({"commands": loaded, "heavy": found}), file=sys.stderr)
"""


def imported(*argv: str) -> dict[str, list[str]]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *argv],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "H2H_SAVES": ""},
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


def test_saves_list_from_a_sure_index_loads_neither_the_store_nor_the_engine(
    tmp_path: Path,
) -> None:
    play(tmp_path, ("Maya", "Sam"), at=START)
    SaveStore(tmp_path).list()  # brings the index up to date
    assert imported("saves", "list", "--saves", str(tmp_path)) == {
        "commands": ["h2h_game.commands.saves"],
        "heavy": [],
    }


def test_saves_list_asks_the_store_when_the_index_is_gone(tmp_path: Path) -> None:
    play(tmp_path, ("Maya", "Sam"), at=START)
    (tmp_path / ".index.json").unlink()
    assert "h2h_game.store" in imported("saves", "list", "--saves", str(tmp_path))["heavy"]


@pytest.mark.parametrize(
    "argv",
    [
        ["saves", "--help"],
        *(["saves", name, "--help"] for name in ("list", "show", "recover", "tidy", "delete")),
        ["saves", "show", "--saves", "x", "--help"],
    ],
)
def test_a_command_built_for_its_own_line_helps_as_the_whole_parser_does(
    argv: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only the commands a line names are built in full; what that line does is unchanged."""
    monkeypatch.setenv("COLUMNS", "100")
    helps = []
    for given in (argv, None):
        parser = cli.build_parser(given)
        with pytest.raises(SystemExit), redirect_stdout(io.StringIO()) as out:
            parser.parse_args(argv)
        helps.append(out.getvalue())
    assert helps[0] == helps[1]
    assert "--saves DIR" in helps[0]


@pytest.mark.parametrize("argv", [["--version"], ["saves", "list"]])
def test_the_process_ends_with_its_objects_frozen_for_a_quick_exit(
    argv: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    frozen: list[bool] = []
    main = cli.main

    def command() -> int:
        frozen.append(False)
        return main(argv)

    monkeypatch.setattr(cli, "main", command)
    monkeypatch.setattr("gc.freeze", lambda: frozen.append(True))
    monkeypatch.setenv("H2H_SAVES", str(tmp_path))
    with redirect_stdout(io.StringIO()) as out:
        try:
            assert cli.run() == 0
        except SystemExit as done:  # --version exits from argparse
            assert done.code == 0
    assert frozen == [False, True]
    assert out.getvalue().strip()
