"""Provides `FileLock`: an advisory lock on a file, held by this process until released.

A game is played by one window at a time; the index and the hidden-cards file are written by
one process at a time. The operating system keeps the lock (`flock` on POSIX, `msvcrt.locking`
on Windows) and drops it when the process ends, however it ends, so a crash never leaves a game
locked. This replaces the `filelock` package, whose import alone cost more than the title's
first frame can spare, and refuses a planted symlink where the lock file should be.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import time
from pathlib import Path
from types import TracebackType

POLL = 0.05
"""Seconds between tries while waiting for a lock another process holds."""


class LockTimeout(OSError):
    """The lock is held by another process (and stayed held for as long as we would wait)."""

    def __init__(self, path: Path) -> None:
        super().__init__(errno.EWOULDBLOCK, "the lock is held by another process", str(path))
        self.path = path


class FileLock:
    """An exclusive lock on `path`, taken with `acquire()` (or `with`) and let go of with
    `release()`. Not re-entrant: one holder, one release."""

    def __init__(self, path: str | os.PathLike[str], *, timeout: float = 0, mode: int = 0o600):
        self.path = Path(path)
        self.timeout = timeout
        self.mode = mode
        self._fd: int | None = None

    @property
    def is_locked(self) -> bool:
        return self._fd is not None

    def acquire(self, timeout: float | None = None) -> FileLock:
        """Take the lock, waiting up to `timeout` seconds (the lock's own when None).

        Raises LockTimeout when another process keeps it, OSError when the file cannot be opened.
        """
        if self._fd is not None:
            return self
        wait = self.timeout if timeout is None else timeout
        deadline = time.monotonic() + wait
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        fd = os.open(self.path, flags, self.mode)
        try:
            while not _try_lock(fd):
                if time.monotonic() >= deadline:
                    raise LockTimeout(self.path)
                time.sleep(POLL)
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd
        return self

    def release(self) -> None:
        """Let go of the lock (nothing happens when it is not held)."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        with contextlib.suppress(OSError):
            _unlock(fd)
        os.close(fd)

    def __enter__(self) -> FileLock:
        return self.acquire()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.release()

    def __del__(self) -> None:
        self.release()


if sys.platform == "win32":  # pragma: no cover - the lock of Windows
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
