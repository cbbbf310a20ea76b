"""Provides `BackgroundCheck`: whole-deck checks made one at a time in a process of their own.

The doctor needs about a second and a half for a 10,000-card deck (near-duplicates compare every
card). In a thread, that would hold the interpreter lock and slow every key press meanwhile; the
checking process (`python -m h2h_game.decks.studio.worker`) runs on another core instead. While
one check runs, only the latest snapshot asked for waits; older ones are dropped. The process is
started on the first check and ended when the studio closes; if it dies, the next check starts
another.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
import threading
from collections.abc import Callable

from h2h_game.decks.studio.checks import Snapshot, WholeCheck
from h2h_game.decks.studio.worker import receive, send


class BackgroundCheck:
    """Checks snapshots of a draft in the checking process, handing each result to `deliver`.

    `deliver` is called from a reader thread: it should only post a message (thread-safe).
    """

    def __init__(self, deliver: Callable[[WholeCheck], None]) -> None:
        self._deliver = deliver
        self._lock = threading.Lock()
        self._waiting: Snapshot | None = None
        self._running = False
        self._stopped = False
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def busy(self) -> bool:
        with self._lock:
            return self._running or self._waiting is not None

    def ask(self, snapshot: Snapshot) -> None:
        """Check this snapshot as soon as the check before it (if any) is done."""
        with self._lock:
            if self._stopped:
                return
            if self._running:
                self._waiting = snapshot
                return
            self._running = True
        self._send(snapshot)

    def stop(self) -> None:
        """Deliver nothing more, and end the checking process (the screen is going away)."""
        with self._lock:
            self._stopped = True
            self._waiting = None
            process, self._process = self._process, None
        if process is not None:
            _end(process)

    def _send(self, snapshot: Snapshot) -> None:
        try:
            process = self._process or self._start()
            assert process.stdin is not None
            send(process.stdin, snapshot)
        except OSError:
            with self._lock:
                self._running = False  # the process is gone: the next edit starts another
                self._process = None

    def _start(self) -> subprocess.Popen[bytes]:
        process = subprocess.Popen(
            [sys.executable, "-m", "h2h_game.decks.studio.worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self._process = process
        threading.Thread(
            target=self._read, args=(process,), name="h2h-deck-check", daemon=True
        ).start()
        return process

    def _read(self, process: subprocess.Popen[bytes]) -> None:
        assert process.stdout is not None
        while True:
            try:
                result = receive(process.stdout)
            except (EOFError, OSError, ValueError):
                with self._lock:
                    if self._process is process:
                        self._running = False
                        self._process = None
                _end(process)
                return
            with self._lock:
                stopped = self._stopped
                snapshot, self._waiting = self._waiting, None
                # Not busy any more before the result is delivered, so whoever receives it
                # sees the checks settled (unless another snapshot is already waiting).
                self._running = snapshot is not None and not stopped
            if stopped:
                return
            if snapshot is not None:
                self._send(snapshot)
            if isinstance(result, WholeCheck):
                self._deliver(result)


def _end(process: subprocess.Popen[bytes]) -> None:
    """Close the checking process's pipes and end it; it holds nothing worth waiting for."""
    for stream in (process.stdin, process.stdout):
        if stream is not None:
            with contextlib.suppress(OSError):
                stream.close()
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
