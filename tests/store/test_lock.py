"""The store's own file lock: one holder at a time, let go of with the process, no symlinks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from h2h_game.store.lock import FileLock, LockTimeout


def test_one_holder_at_a_time_and_released_for_the_next(tmp_path: Path) -> None:
    path = tmp_path / "game.lock"
    first = FileLock(path)
    with first:
        assert first.is_locked
        with pytest.raises(LockTimeout):
            FileLock(path).acquire()
        assert first.acquire() is first  # taking it again while held changes nothing
    assert not first.is_locked
    with FileLock(path) as second:
        assert second.is_locked
    assert oct(path.stat().st_mode & 0o777) == "0o600"


def test_waiting_gives_up_after_the_timeout(tmp_path: Path) -> None:
    path = tmp_path / "index.lock"
    with FileLock(path), pytest.raises(LockTimeout):
        FileLock(path, timeout=0.1).acquire()


def test_the_lock_goes_with_the_process_that_held_it(tmp_path: Path) -> None:
    path = tmp_path / "game.lock"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from h2h_game.store.lock import FileLock; "
            f"lock = FileLock({str(path)!r}).acquire(); print('held', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        with pytest.raises(LockTimeout):
            FileLock(path).acquire()
    finally:
        holder.kill()
        holder.wait()
    with FileLock(path, timeout=2):
        pass


def test_a_planted_symlink_is_not_followed(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere"
    target.write_text("someone else's file")
    link = tmp_path / "game.lock"
    os.symlink(target, link)
    with pytest.raises(OSError):
        FileLock(link).acquire()
    assert target.read_text() == "someone else's file"


def test_releasing_a_lock_not_held_is_harmless(tmp_path: Path) -> None:
    FileLock(tmp_path / "x.lock").release()
