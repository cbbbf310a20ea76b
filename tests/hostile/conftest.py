"""Fixtures for the hostile-files suite: saved games to damage, a time limit, a private umask.

Every case here is a file anyone could make or share. Each test asserts what the issue asks:
no traceback, the right exit code, the other games still listed, the damaged game recoverable.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

import pytest

from h2h_game.store import SaveStore
from tests.cli.conftest import Ran, Run, folder, h2h, new_game, store
from tests.store.helpers import START

# The command line's fixtures, shared: a saves folder, its store, and `h2h` run in-process.
__all__ = ["Ran", "Run", "folder", "h2h", "store"]

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
def games(store: SaveStore) -> tuple[str, str]:
    """A healthy older game (Ana and Ben), and the latest (Maya and Sam) to be damaged."""
    healthy = new_game(store, ("Ana", "Ben"), START)
    target = new_game(store, ("Maya", "Sam"), START + 86_400)
    store.list()  # the index now knows both, as it would after any ordinary evening
    return healthy, target


def unix_socket(path: Path) -> None:
    """A socket file at `path`, bound and closed: opening it fails, as no one listens."""
    # A socket's path has a limit of about 100 bytes, which a test's folder may pass: it is
    # bound under a short name and moved into place (a rename keeps it a socket).
    short = Path(tempfile.mkdtemp(prefix="h2h-")) / "s"
    try:
        with socket.socket(socket.AF_UNIX) as bound:
            bound.bind(str(short))
        os.rename(short, path)
    finally:
        shutil.rmtree(short.parent, ignore_errors=True)


@pytest.fixture
def umask_000() -> Iterator[None]:
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)
