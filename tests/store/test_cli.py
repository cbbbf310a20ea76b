"""`h2h saves list` and `h2h saves delete`, run through the real command line."""
# More of `h2h saves` (show, recover, tidy, ids by prefix) is in tests/cli/test_saves.py.

from __future__ import annotations

import io
import json
from datetime import datetime
from pathlib import Path

import pytest

from h2h_game.cli import main
from h2h_game.describe import last_played as friendly_time
from h2h_game.store import SaveStore
from tests.store.helpers import START, fresh_game, play


class Terminal(io.StringIO):
    """A stdin that says it is a terminal, holding what the person types."""

    def isatty(self) -> bool:
        return True


def saves(folder: Path, *words: str) -> int:
    return main(["saves", *words, "--saves", str(folder)])


@pytest.fixture
def two_games(store: SaveStore) -> tuple[str, str]:
    with store.create(fresh_game(names=("Maya", "Sam")), START) as playing:
        play(playing, 6)
    done = fresh_game(names=("Ana", "Ben"), at=START + 600)
    with store.create(done, START + 600) as finished:
        play(finished, 1000, seed=4)
    return playing.id, finished.id


def test_list(folder: Path, two_games: tuple[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    playing, finished = two_games
    assert saves(folder, "list") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == [
        "ID",
        "PLAYERS",
        "DECK",
        "LEVEL",
        "ANSWERED",
        "LAST",
        "PLAYED",
        "STATE",
    ]
    assert lines[1].startswith(finished) and lines[1].endswith("finished")
    assert "Ana & Ben" in lines[1] and "Little deck" in lines[1]
    assert lines[2].startswith(playing) and lines[2].endswith("in progress")
    assert "Maya & Sam" in lines[2]
    assert len(lines) == 3


def test_saves_alone_lists(
    folder: Path, two_games: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert saves(folder) == 0
    assert two_games[0] in capsys.readouterr().out


def test_an_empty_list(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert saves(folder, "list") == 0
    assert capsys.readouterr().out == f"No saved games in {folder}.\n"


def test_a_damaged_file_is_listed_with_what_was_known_of_its_game(
    folder: Path, two_games: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    (folder / f"{two_games[0]}.json").write_text("{ oops")
    assert saves(folder, "list") == 0
    out = capsys.readouterr().out
    broken = [line for line in out.splitlines() if "damaged:" in line]
    assert len(broken) == 1
    assert broken[0].startswith(f"{two_games[0]} ")
    assert "Maya & Sam" in broken[0] and "Little deck" in broken[0]
    assert broken[0].endswith("damaged: it is not valid JSON (it may be cut short)")
    assert (folder / f"{two_games[0]}.json").read_text() == "{ oops"  # listing moved nothing


def test_names_cannot_take_over_the_terminal(
    store: SaveStore, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with store.create(fresh_game(), START) as game:
        pass
    path = folder / f"{game.id}.json"
    data = json.loads(path.read_text())
    table = data["save"]["1"]["state"]["deal"]
    table["players"][0]["name"] = "Evil\x1b[2J\x1b]0;pwned\x07"
    table["deck"]["name"] = "Deck\u202ekcah\r\n"
    path.write_text(json.dumps(data))
    assert saves(folder, "list") == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out and "\r" not in out
    assert "Evil[2J]0;pwned & Sam" in out
    assert "Deckkcah" in out


def test_delete_with_yes(
    folder: Path, two_games: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert saves(folder, "delete", two_games[0], "--yes") == 0
    assert capsys.readouterr().out == f"Deleted {two_games[0]}.\n"
    assert not (folder / f"{two_games[0]}.json").exists()


def test_delete_asks_on_a_terminal(
    folder: Path,
    two_games: tuple[str, str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("sys.stdin", Terminal("n\n"))
    assert saves(folder, "delete", two_games[0]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Delete the game of Maya and Sam (Little deck, last played ")
    assert "? [y/N] Kept it." in out
    assert (folder / f"{two_games[0]}.json").exists()

    monkeypatch.setattr("sys.stdin", Terminal("y\n"))
    assert saves(folder, "delete", two_games[0]) == 0
    assert not (folder / f"{two_games[0]}.json").exists()


def test_delete_never_asks_a_pipe(
    folder: Path,
    two_games: tuple[str, str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("y\n"))
    assert saves(folder, "delete", two_games[0]) == 2
    assert "pass --yes" in capsys.readouterr().err
    assert (folder / f"{two_games[0]}.json").exists()


def test_delete_what_is_not_there(
    folder: Path, two_games: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert saves(folder, "delete", "2025-11-24-no-one-0000", "--yes") == 2
    assert "there is no saved game called '2025-11-24-no-one-0000'" in capsys.readouterr().err


def test_delete_a_game_open_elsewhere(
    store: SaveStore, folder: Path, two_games: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    with store.open(two_games[0]):
        assert saves(folder, "delete", two_games[0], "--yes") == 1
    assert "open in another window" in capsys.readouterr().err
    assert (folder / f"{two_games[0]}.json").exists()


def test_help_shows_examples(capsys: pytest.CaptureFixture[str]) -> None:
    for words in (["saves", "--help"], ["saves", "delete", "--help"], ["saves", "list", "--help"]):
        with pytest.raises(SystemExit) as done:
            main(words)
        assert done.value.code == 0
        assert "example" in capsys.readouterr().out


def test_friendly_times() -> None:
    now = datetime(2025, 11, 25, 22, 0).astimezone()

    def at(*when: int) -> float:
        return datetime(*when).astimezone().timestamp()  # type: ignore[misc]

    assert friendly_time(at(2025, 11, 25, 21, 14), now) == "today 21:14"
    assert friendly_time(at(2025, 11, 24, 23, 5), now) == "yesterday 23:05"
    assert friendly_time(at(2025, 11, 21, 20, 0), now) == "Friday 20:00"
    assert friendly_time(at(2025, 10, 3, 9, 30), now) == "3 Oct 09:30"
    assert friendly_time(at(2024, 12, 31, 23, 59), now) == "31 Dec 2024"
