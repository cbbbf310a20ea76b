"""Provides `ServerProcess`: a real `h2h serve` in a child process, and what it prints."""

from __future__ import annotations

import contextlib
import os
import queue
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

SERVE = (sys.executable, "-m", "h2h_game", "serve")
URL = re.compile(r"http://127\.0\.0\.1:(\d+)/([a-z0-9]+)/")
STARTUP_LIMIT = 30.0
"""Seconds to wait for the server's link: a ceiling for a slow machine, not a measurement."""


class ServerProcess:
    """`python -m h2h_game serve` on a free loopback port, in its own process group."""

    def __init__(self, home: Path, *options: str) -> None:
        self.lines: list[str] = []
        self._lines: queue.Queue[str | None] = queue.Queue()
        self.process = subprocess.Popen(
            [*SERVE, "--port", "0", "--saves", str(home / "saves"), *options],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
            # Its own group: the test signals the server alone, as a terminal's Ctrl+C would
            # not, so the server has to end its games itself. The group is also the cleanup.
            start_new_session=True,
            env=_environment(home),
        )
        threading.Thread(target=self._read, daemon=True).start()
        match = self.wait_for_line(URL)
        self.port, self.key = int(match.group(1)), match.group(2)
        self.base = f"http://127.0.0.1:{self.port}"
        self.url = f"{self.base}/{self.key}/"

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self._lines.put(line.rstrip("\n"))
        self._lines.put(None)

    def wait_for_line(
        self, pattern: re.Pattern[str], limit: float = STARTUP_LIMIT
    ) -> re.Match[str]:
        """The first line printed from now on that matches `pattern`."""
        while True:
            try:
                line = self._lines.get(timeout=limit)
            except queue.Empty:
                raise AssertionError(f"h2h serve never printed {pattern.pattern!r}") from None
            if line is None:
                raise AssertionError(f"h2h serve ended first:\n{self.output}")
            self.lines.append(line)
            if match := pattern.search(line):
                return match

    def drain(self) -> None:
        """Collect what it printed so far."""
        while True:
            try:
                line = self._lines.get_nowait()
            except queue.Empty:
                return
            if line is not None:
                self.lines.append(line)

    @property
    def output(self) -> str:
        return "\n".join(self.lines)

    def children(self) -> list[int]:
        """Live processes in the server's group other than the server itself."""
        return [pid for pid in _group_members(self.process.pid) if pid != self.process.pid]

    def interrupt(self, limit: float = 60.0, *, group: bool = False) -> int:
        """SIGINT to the server alone, or to its whole group as a terminal's Ctrl+C sends it;
        returns the server's exit code once it has ended."""
        if group:
            os.killpg(self.process.pid, signal.SIGINT)
        else:
            self.process.send_signal(signal.SIGINT)
        code = self.process.wait(timeout=limit)
        self.drain_until_closed()
        return code

    def drain_until_closed(self) -> None:
        while (line := self._lines.get(timeout=STARTUP_LIMIT)) is not None:
            self.lines.append(line)

    def stop(self) -> None:
        """Whatever happened: nothing of this server is left running."""
        for pid in [self.process.pid, *self.children()]:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self.process.wait()


def _environment(home: Path) -> dict[str, str]:
    """This environment with every user folder inside `home`, so no game touches the real ones."""
    environment = {
        name: value
        for name, value in os.environ.items()
        if name not in ("H2H_DECKS", "H2H_SAVES", "TEXTUAL_THEME")
    }
    environment.update(
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
        H2H_CACHE=str(home / "cache" / "h2h"),
        PYTHONUNBUFFERED="1",
    )
    return environment


def _group_members(group: int) -> Sequence[int]:
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # Fields after the name: state, ppid, pgrp, … A zombie has ended; only its parent
        # has not collected it yet.
        if int(fields[2]) == group and fields[0] != "Z":
            members.append(int(entry.name))
    return members
