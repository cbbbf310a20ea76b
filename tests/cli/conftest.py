"""Fixtures for the command line's tests: a saves folder, saved games, and a way to run `h2h`."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from h2h_game.cli import main
from h2h_game.store import SaveStore
from tests.store.helpers import START, fresh_game, play


@dataclass(frozen=True)
class Ran:
    """What one run of `h2h` did: its exit code and what it printed."""

    code: int
    out: str
    err: str


Run = Callable[..., Ran]


class Terminal(io.StringIO):
    """A stdin that says it is a terminal, holding what the person types."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "saves"


@pytest.fixture
def store(folder: Path) -> SaveStore:
    return SaveStore(folder)


@pytest.fixture
def h2h(capsys: pytest.CaptureFixture[str], folder: Path) -> Run:
    """Run `h2h WORDS… --saves FOLDER`; never a traceback, whatever happens."""

    def run(*words: str | Path) -> Ran:
        code = main([*map(str, words), "--saves", str(folder)])
        out, err = capsys.readouterr()
        assert "Traceback" not in out + err
        return Ran(code, out, err)

    return run


def new_game(store: SaveStore, names: tuple[str, str], at: float, steps: int = 8) -> str:
    """A saved game of `steps` random actions, started at `at`; its id."""
    with store.create(fresh_game(names=names, at=at), at) as game:
        play(game, steps)
    return game.id


@pytest.fixture
def two_games(store: SaveStore) -> tuple[str, str]:
    """An older game of Ana and Ben, and the most recent, of Maya and Sam; both unfinished."""
    older = new_game(store, ("Ana", "Ben"), START)
    newer = new_game(store, ("Maya", "Sam"), START + 86_400)
    return older, newer
