"""`h2h serve`'s options, and the command each browser tab's game runs."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from h2h_game.cli import build_parser
from h2h_game.commands.serve import game_command


def test_the_defaults_keep_the_game_on_this_computer() -> None:
    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port, args.max_games) == ("127.0.0.1", 8000, 4)


def test_every_option_is_read() -> None:
    args = build_parser().parse_args(
        ["serve", "--host", "0.0.0.0", "--port", "0", "--max-games", "2", "--saves", "s"]
    )
    assert (args.host, args.port, args.max_games, args.saves) == ("0.0.0.0", 0, 2, "s")


@pytest.mark.parametrize(
    ("options", "says"),
    [
        (["--port", "65536"], "'65536' is not a port number (0 to 65535)"),
        (["--port", "-1"], "'-1' is not a port number (0 to 65535)"),
        (["--port", "http"], "'http' is not a port number (0 to 65535)"),
        (["--max-games", "0"], "'0' is not a whole number of 1 or more"),
        (["--max-games", "many"], "'many' is not a whole number of 1 or more"),
    ],
)
def test_impossible_values_are_refused(
    options: list[str], says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        build_parser().parse_args(["serve", *options])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "h2h serve" in err
    assert says in err


def test_each_game_runs_this_python_with_the_same_folders_made_absolute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    tmp_path = tmp_path.resolve()
    command = game_command("saves", ["decks", "more decks"])
    assert command == [
        sys.executable,
        "-m",
        "h2h_game",
        "--saves",
        str(tmp_path / "saves"),
        "--decks",
        str(tmp_path / "decks"),
        "--decks",
        str(tmp_path / "more decks"),
    ]


def test_without_folders_each_game_finds_them_as_h2h_does() -> None:
    assert game_command(None, []) == [sys.executable, "-m", "h2h_game"]


def test_each_game_gets_the_colours_and_hints_asked_for() -> None:
    command = game_command(None, [], theme="h2h-high-contrast", no_hints=True)
    assert command[3:] == ["--theme", "h2h-high-contrast", "--no-hints"]
