"""`h2h`, `h2h new` and `h2h continue`: every mistake is one line and an exit code, before any
screen opens; and what the command line does once the app has closed."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from h2h_game.commands import play
from h2h_game.store import SaveStore
from tests.cli.conftest import Run, Terminal, new_game
from tests.store.helpers import START

RLO = "\u202e"


@pytest.fixture
def launched(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """What the app would have been started with; the app itself never starts here."""
    launches: list[Any] = []

    def run(args: argparse.Namespace, launch: Any) -> int:
        launches.append(launch)
        return 0

    monkeypatch.setattr(play, "_run", run)
    return launches


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", Terminal())


@pytest.fixture(autouse=True)
def not_served(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)


# h2h new --------------------------------------------------------------------------------------


def test_new_with_an_unknown_deck_exits_1(h2h: Run, launched: list[Any]) -> None:
    ran = h2h("new", "--deck", "no-such-deck", "--players", "Maya", "Sam")
    assert ran.code == 1
    assert "no deck by this name" in ran.err
    assert launched == []


@pytest.mark.parametrize(
    ("players", "which"), [((f"Ma{RLO}ya", "Sam"), "first"), (("Maya", "S\x1bam"), "second")]
)
def test_new_names_the_player_and_the_character_at_fault(
    h2h: Run, launched: list[Any], players: tuple[str, str], which: str
) -> None:
    ran = h2h("new", "--players", *players)
    assert ran.code == 2
    assert f"the {which} player's name" in ran.err
    assert ("U+202E (RIGHT-TO-LEFT OVERRIDE)" if which == "first" else "U+001B") in ran.err
    assert RLO not in ran.err and "\x1b" not in ran.err
    assert launched == []


def test_new_refuses_names_that_cannot_be_told_apart(h2h: Run, launched: list[Any]) -> None:
    ran = h2h("new", "--players", "Maya", "MAYA ")
    assert ran.code == 2
    assert "both players are called 'Maya'" in ran.err
    assert launched == []


def test_new_refuses_a_seed_of_hundreds_of_digits(h2h: Run) -> None:
    with pytest.raises(SystemExit) as done:
        h2h("new", "--seed", "9" * 400)
    assert done.value.code == 2


def test_new_refuses_an_unknown_theme_and_lists_the_choices(
    h2h: Run, launched: list[Any], terminal: None
) -> None:
    ran = h2h("new", "--theme", "neon")
    assert ran.code == 2
    assert "no theme called 'neon'" in ran.err
    assert "h2h-warm, h2h-high-contrast" in ran.err and "nord" in ran.err
    assert launched == []


@pytest.mark.parametrize("words", [(), ("new",), ("new", "--players", "Maya", "Sam")])
def test_without_a_terminal_the_game_says_so_and_exits_2(
    h2h: Run, launched: list[Any], words: tuple[str, ...]
) -> None:
    ran = h2h(*words)
    assert ran.code == 2
    assert "needs a terminal" in ran.err
    assert launched == []


def test_a_game_served_to_a_browser_needs_no_terminal(
    h2h: Run, launched: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    # textual-serve runs the game over pipes and has Textual draw through its web driver.
    monkeypatch.setenv("TEXTUAL_DRIVER", "textual.drivers.web_driver:WebDriver")
    assert h2h().code == 0
    assert len(launched) == 1


def test_new_on_a_terminal_starts_the_app_with_the_choices_made(
    h2h: Run, launched: list[Any], terminal: None
) -> None:
    assert h2h("new", "--players", " Maya ", "Sam", "--seed", "7").code == 0
    (launch,) = launched
    assert launch.preset.names == (" Maya ", "Sam") and launch.preset.seed == 7
    assert launch.start is False  # no deck given: the new-game screen asks for one


# h2h continue ---------------------------------------------------------------------------------


def test_continue_with_an_unknown_id_names_the_closest_and_exits_2(
    h2h: Run, launched: list[Any], two_games: tuple[str, str]
) -> None:
    _, newer = two_games
    typo = newer.replace("maya", "mya")
    ran = h2h("continue", typo)
    assert ran.code == 2
    assert f"there is no saved game called {typo!r}" in ran.err
    assert f"Did you mean: {newer}" in ran.err
    assert ran.out == "" and launched == []


def test_continue_takes_any_unique_beginning_of_an_id(
    h2h: Run, launched: list[Any], two_games: tuple[str, str], terminal: None
) -> None:
    _, newer = two_games
    assert h2h("continue", newer[: len("2025-11-25-ma")]).code == 0
    assert [launch.resume for launch in launched] == [newer]


def test_an_ambiguous_beginning_lists_the_candidates_and_exits_2(
    h2h: Run, launched: list[Any], store: SaveStore, two_games: tuple[str, str]
) -> None:
    third = new_game(store, ("Ana", "Bo"), START)
    ran = h2h("continue", "2025-11-24-ana-b")
    assert ran.code == 2
    assert "could be any of these games" in ran.err
    assert two_games[0] in ran.err and third in ran.err
    assert launched == []


def test_continue_opens_the_most_recent_unfinished_game(
    h2h: Run, launched: list[Any], two_games: tuple[str, str], terminal: None
) -> None:
    assert h2h("continue").code == 0
    assert [launch.resume for launch in launched] == [two_games[1]]


def test_continue_with_no_game_says_how_to_start_one(h2h: Run, launched: list[Any]) -> None:
    ran = h2h("continue")
    assert ran.code == 1
    assert "no unfinished game" in ran.err and "h2h new" in ran.err
    assert launched == []


def test_a_damaged_latest_game_is_reported_and_no_older_one_is_opened(
    h2h: Run, launched: list[Any], folder: Path, two_games: tuple[str, str], terminal: None
) -> None:
    older, newer = two_games
    path = folder / f"{newer}.json"
    path.write_bytes(path.read_bytes()[:200])
    ran = h2h("continue")
    assert ran.code == 1
    assert launched == []
    # Which game: its players, deck and when it was last played, as the index knew them.
    first = ran.err.splitlines()[0]
    assert first.startswith("The game of Maya and Sam (Little deck, last played ")
    assert first.endswith("cannot be opened: it is not valid JSON (it may be cut short).")
    assert f"Its file is {path}." in ran.err
    assert f"h2h saves recover {newer}" in ran.err
    assert older not in ran.err
    # Asked for by name, the older game still opens.
    assert h2h("continue", older).code == 0
    assert [launch.resume for launch in launched] == [older]


def test_once_recovered_the_game_continues(
    h2h: Run, launched: list[Any], folder: Path, two_games: tuple[str, str], terminal: None
) -> None:
    _, newer = two_games
    path = folder / f"{newer}.json"
    path.write_bytes(b"\x00" * 64)
    assert h2h("saves", "recover", newer).code == 0
    assert h2h("continue").code == 0
    assert [launch.resume for launch in launched] == [newer]


# after the app --------------------------------------------------------------------------------


@dataclass
class FakeApp:
    """Stands in for H2HApp: records what it was given and ends as told."""

    services: Any
    launch: Any
    result: Any = None
    return_code: int = 0
    crash: BaseException | None = None
    made: list[FakeApp] = field(default_factory=list)

    def run(self) -> Any:
        return self.result


def fake_app(monkeypatch: pytest.MonkeyPatch, **ending: Any) -> list[FakeApp]:
    made: list[FakeApp] = []

    def make(services: Any, launch: Any) -> FakeApp:
        app = FakeApp(services, launch, **ending)
        made.append(app)
        return app

    monkeypatch.setattr("h2h_game.tui.app.H2HApp", make)
    return made


def namespace(folder: Path, **extra: Any) -> argparse.Namespace:
    return argparse.Namespace(saves=str(folder), decks=[], theme=None, no_hints=False, **extra)


def test_leaving_an_unfinished_game_prints_how_to_carry_on(
    monkeypatch: pytest.MonkeyPatch, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fake_app(monkeypatch, result="2025-11-25-maya-sam-3f9c")
    assert play._run(namespace(folder), None) == 0
    assert (
        capsys.readouterr().out == "Saved. Carry on with: h2h continue 2025-11-25-maya-sam-3f9c\n"
    )


def test_leaving_with_no_game_open_prints_nothing(
    monkeypatch: pytest.MonkeyPatch, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fake_app(monkeypatch, result=None)
    assert play._run(namespace(folder), None) == 0
    assert capsys.readouterr().out == ""


def test_an_app_that_crashed_never_exits_0(
    monkeypatch: pytest.MonkeyPatch,
    folder: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("H2H_LOGS", str(tmp_path / "logs"))
    try:
        raise ValueError("a widget tripped")
    except ValueError as error:
        crash = error
    fake_app(monkeypatch, crash=crash, return_code=1, result="2025-11-25-maya-sam-3f9c")
    assert play._run(namespace(folder), None) == 1
    out, err = capsys.readouterr()
    assert "Saved." not in out
    (log,) = (tmp_path / "logs").iterdir()
    assert str(log) in err and "ValueError" in err
    assert "a widget tripped" in log.read_text()

    fake_app(monkeypatch, return_code=3)
    assert play._run(namespace(folder), None) == 3


def test_theme_and_hints_reach_the_app(
    monkeypatch: pytest.MonkeyPatch, folder: Path, tmp_path: Path
) -> None:
    monkeypatch.setenv("H2H_CONFIG", str(tmp_path / "config"))
    made = fake_app(monkeypatch)
    play._run(namespace(folder), None)
    chosen = namespace(folder)
    chosen.theme, chosen.no_hints = "nord", True
    play._run(chosen, None)
    assert (made[0].services.theme, made[0].services.hints) == (None, True)
    assert (made[1].services.theme, made[1].services.hints) == ("nord", False)


# h2h help -------------------------------------------------------------------------------------


def test_help_prints_the_rules_as_plain_text(h2h: Run) -> None:
    ran = h2h("help")
    assert ran.code == 0
    assert ran.out.startswith("How to play Heart to Heart\n==========================\n")
    assert "**" not in ran.out and "| --- |" not in ran.out
    assert "take a quiet\nmoment (s) after" in ran.out  # emphasis across a line break too
    assert "KEY      WHAT IT DOES" in ran.out


def test_help_does_not_load_textual() -> None:
    script = (
        "import sys, io, contextlib\n"
        "from h2h_game.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    code = main(['help'])\n"
        "assert code == 0, code\n"
        "assert 'textual' not in sys.modules, 'textual was imported'\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, env=os.environ
    )
    assert done.returncode == 0, done.stderr
