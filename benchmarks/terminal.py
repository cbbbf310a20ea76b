"""Provides `Terminal`: one app in a real terminal (a fresh tmux server, one 100×30 pane), timed.

The harness talks to tmux through one control-mode client (`tmux -C`), so a poll of the screen
is one `capture-pane` command on an open pipe (well under a millisecond) rather than a new
`tmux` process (about 2 ms here). Each `Terminal` is its own tmux server (`tmux -L <socket>`),
started with a placeholder; the app is started with `respawn-pane`, so a launch time does not
include starting tmux.

What is timed is what a player sees: from the moment the harness hands tmux a key (or the
command) to the first poll whose captured screen shows the expected text. A poll runs every
`interval` seconds, so a time is late by at most one interval (see `poll_cost` for the rest).
"""

from __future__ import annotations

import itertools
import os
import select
import shlex
import shutil
import subprocess
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

TMUX = os.environ.get("BENCH_TMUX", "tmux")
"""The tmux to use; tests point this at a missing program to see the rows skip."""
SESSION = "bench"
INTERVAL = 0.005
"""Seconds between two polls of the screen."""

_sockets = itertools.count()


class TerminalError(RuntimeError):
    """tmux failed, or the screen never showed what was waited for (with the last screen)."""


def unavailable() -> str | None:
    """Why the real-terminal rows cannot run here, or None when they can."""
    if shutil.which(TMUX) is None:
        return f"no tmux ({TMUX!r} not found on PATH)"
    try:
        version = subprocess.run(
            [TMUX, "-V"], capture_output=True, text=True, check=True, timeout=10
        ).stdout.split()[-1]
    except (OSError, subprocess.SubprocessError, IndexError):
        return f"{TMUX!r} -V failed"
    number = "".join(c for c in version if c.isdigit() or c == ".")
    try:
        major, minor = (int(part) for part in number.split(".")[:2])
    except ValueError:
        return None  # a development build: let it try
    if (major, minor) < (3, 2):
        return f"tmux {version} is too old (3.2 or newer reads control-mode flags)"
    return None


@dataclass(frozen=True)
class Seen:
    """What a wait found: when (seconds after the start), after how many polls, and the screen."""

    after: float
    polls: int
    screen: str


class Terminal:
    """A fresh tmux server with one pane of `width`×`height`, driven through control mode."""

    def __init__(
        self,
        width: int = 100,
        height: int = 30,
        *,
        env: Mapping[str, str] | None = None,
        cwd: Path | None = None,
        interval: float = INTERVAL,
    ) -> None:
        self.socket = f"h2h-bench-{os.getpid()}-{next(_sockets)}"
        self.interval = interval
        self.width, self.height = width, height
        self._buffer = b""
        base = [TMUX, "-L", self.socket]
        # -f /dev/null: no user configuration; the placeholder keeps the session open until the
        # app replaces it. The server inherits `env`, and so does every app started in it.
        subprocess.run(
            [
                *base,
                "-f",
                "/dev/null",
                "new-session",
                "-d",
                "-s",
                SESSION,
                "-x",
                str(width),
                "-y",
                str(height),
                "cat",
            ],
            env=dict(env) if env is not None else None,
            cwd=cwd,
            check=True,
            capture_output=True,
            timeout=20,
        )
        self._client = subprocess.Popen(
            [*base, "-C", "attach-session", "-t", SESSION],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            bufsize=0,
        )
        try:
            self._settle()
        except BaseException:
            self.close()
            raise

    def _settle(self) -> None:
        """Wait for the control client, then set the terminal up the same way for every app."""
        self._sync()
        for command in (
            "refresh-client -f no-output",  # the harness reads the screen, not the byte stream
            "set -g status off",  # all 30 rows belong to the app
            "set -g window-size manual",  # the control client must not resize the window
            f"resize-window -t {SESSION} -x {self.width} -y {self.height}",
            "set -g remain-on-exit on",  # an app that dies leaves its traceback to report
            "set -g default-terminal screen-256color",
        ):
            self.command(command)
        size = self.command(f"display -p -t {SESSION} '#{{pane_width}}x#{{pane_height}}'")
        if size != [f"{self.width}x{self.height}"]:
            raise TerminalError(f"tmux pane is {size}, not {self.width}x{self.height}")

    def _sync(self) -> None:
        # Answers to commands come back in order; anything before our marker (the attach
        # command's own block, notifications) is dropped.
        marker = f"bench-ready-{self.socket}"
        deadline = time.monotonic() + 20
        # Commands that need a client (refresh-client) fail until the attach has happened.
        while not self._line(deadline).startswith("%session-changed"):
            pass
        self._send(f"display -p {marker}")
        while True:
            ok, lines = self._block(deadline)
            if ok and lines == [marker]:
                return
            if not ok:  # asked too early: ask again (each question gets exactly one answer)
                time.sleep(0.01)
                self._send(f"display -p {marker}")

    # --- talking to tmux -----------------------------------------------------------------------

    def _send(self, command: str) -> None:
        assert self._client.stdin is not None
        try:
            self._client.stdin.write(command.encode() + b"\n")
        except BrokenPipeError as error:
            raise TerminalError("tmux control client went away") from error

    def _line(self, deadline: float) -> str:
        assert self._client.stdout is not None
        fd = self._client.stdout.fileno()
        while b"\n" not in self._buffer:
            wait = deadline - time.monotonic()
            if wait <= 0 or not select.select([fd], [], [], wait)[0]:
                raise TerminalError("tmux did not answer in time")
            chunk = os.read(fd, 65536)
            if not chunk:
                raise TerminalError("tmux control client exited")
            self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        return line.decode("utf-8", "replace")

    def _block(self, deadline: float) -> tuple[bool, list[str]]:
        """The next answer block: whether it succeeded, and its lines. Notifications are skipped."""
        # Only blocks flagged 1 answer this client's commands (0: the attach on the command line).
        while not ((line := self._line(deadline)).startswith("%begin") and line.endswith(" 1")):
            pass
        lines = []
        while True:
            line = self._line(deadline)
            if line.startswith(("%end", "%error")):
                return line.startswith("%end"), lines
            lines.append(line)

    def command(self, command: str, *, timeout: float = 20) -> list[str]:
        """Run one tmux command and return its output lines; TerminalError if it fails."""
        self._send(command)
        ok, lines = self._block(time.monotonic() + timeout)
        if not ok:
            raise TerminalError(f"tmux {command!r}: {' '.join(lines)}")
        return lines

    # --- the app -------------------------------------------------------------------------------

    def start(self, argv: Sequence[str], cwd: Path | None = None) -> float:
        """Replace the placeholder with `argv` (run directly, no shell); the time it was asked."""
        where = f"-c {shlex.quote(str(cwd))} " if cwd is not None else ""
        command = f"respawn-pane -k {where}-t {SESSION} " + " ".join(map(shlex.quote, argv))
        began = time.perf_counter()
        self.command(command)
        return began

    def press(self, key: str) -> float:
        """Send one key (a tmux key name); the time it was handed to tmux."""
        began = time.perf_counter()
        self.command(f"send-keys -t {SESSION} {shlex.quote(key)}")
        return began

    def screen(self) -> str:
        """The pane's text as it is now: one capture."""
        return "\n".join(self.command(f"capture-pane -p -t {SESSION}"))

    def pid(self) -> int:
        """The process id of what runs in the pane (the app: it is started without a shell)."""
        return int(self.command(f"display -p -t {SESSION} '#{{pane_pid}}'")[0])

    def wait(self, began: float, shown: Callable[[str], bool], *, timeout: float = 20.0) -> Seen:
        """Poll every `interval` until `shown(screen)`; how long after `began` it was seen."""
        polls = 0
        tick = time.perf_counter()
        while True:
            screen = self.screen()
            now = time.perf_counter()
            polls += 1
            if shown(screen):
                return Seen(now - began, polls, screen)
            if now - began > timeout:
                raise TerminalError(f"waited {timeout:.0f} s; the screen shows:\n{screen}")
            tick += self.interval
            pause = tick - time.perf_counter()
            if pause > 0:
                time.sleep(pause)
            else:
                tick = time.perf_counter()

    def wait_for(self, began: float, markers: Iterable[str], *, timeout: float = 20.0) -> Seen:
        """Poll until every one of `markers` is on screen at once."""
        wanted = tuple(markers)
        return self.wait(began, lambda screen: all(m in screen for m in wanted), timeout=timeout)

    def quiet(
        self, screen: str, seen: float, *, still: float = 0.05, timeout: float = 2.0
    ) -> tuple[str, float]:
        """Poll until the screen stops changing for `still` seconds. Given a screen and when it
        was seen (perf_counter), return the final screen and when it was first seen: the end of
        the trailing redraws after a key or a launch."""
        began = time.perf_counter()
        last_change = seen
        while True:
            time.sleep(self.interval)
            now_screen = self.screen()
            now = time.perf_counter()
            if now_screen != screen:
                screen, last_change = now_screen, now
            elif now - last_change >= still or now - began > timeout:
                return screen, last_change

    def close(self) -> None:
        """Stop the server and everything in it."""
        client = getattr(self, "_client", None)
        subprocess.run(
            [TMUX, "-L", self.socket, "kill-server"],
            capture_output=True,
            timeout=20,
            check=False,
        )
        # tmux leaves its socket file behind; hundreds of runs would leave hundreds.
        folder = Path(os.environ.get("TMUX_TMPDIR", "/tmp")) / f"tmux-{os.getuid()}"
        (folder / self.socket).unlink(missing_ok=True)
        if client is not None:
            try:
                client.wait(timeout=5)
            except subprocess.TimeoutExpired:
                client.kill()
                client.wait()
            for stream in (client.stdin, client.stdout):
                if stream is not None:
                    stream.close()

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def poll_cost(samples: int = 200) -> float:
    """Seconds one poll (one `capture-pane` through the control client) takes here, median."""
    with Terminal() as terminal:
        times = []
        for _ in range(samples):
            began = time.perf_counter()
            terminal.screen()
            times.append(time.perf_counter() - began)
    times.sort()
    return times[len(times) // 2]
