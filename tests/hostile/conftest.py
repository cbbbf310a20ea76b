"""Fixtures for the hostile-files suite: saved games to damage, a time limit, a private umask.

Every case here is a file anyone could make or share. Each test asserts what the issue asks:
no traceback, the right exit code, the other games still listed, the damaged game recoverable.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

import pytest

from h2h_game.cli import main
from h2h_game.store import SaveStore
from tests.cli.conftest import Ran, Run, new_game
from tests.store.helpers import START

__all__ = ["Ran", "Run"]

TIME_LIMIT = 20
"""Seconds any one hostile case may take before it counts as a hang (they take well under 1)."""


class Hung(Exception):
    """A case ran past TIME_LIMIT: something blocked or read without end."""


@pytest.fixture(autouse=True)
def no_hang() -> Iterator[None]:
    """Fail, rather than hang the suite, if a FIFO or /dev/zero is ever read."""

    def alarm(signum: int, frame: FrameType | None) -> None:
        raise Hung(f"still running after {TIME_LIMIT} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(TIME_LIMIT)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


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


@pytest.fixture
def games(store: SaveStore) -> tuple[str, str]:
    """A healthy older game (Ana and Ben), and the latest (Maya and Sam) to be damaged."""
    healthy = new_game(store, ("Ana", "Ben"), START)
    target = new_game(store, ("Maya", "Sam"), START + 86_400)
    store.list()  # the index now knows both, as it would after any ordinary evening
    return healthy, target


@pytest.fixture
def umask_000() -> Iterator[None]:
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)
