"""The real `h2h` command in a real terminal (tmux): play a turn, quit, and continue.

Pilot tests drive the app inside the test process; this one starts `python -m h2h_game` in a
tmux pane of 80×24 (the smallest size the game supports), sends keys the way a keyboard would,
and reads the screen back with `tmux capture-pane`. It waits by polling for what should appear,
never by timing.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(
    shutil.which("tmux") is None,
    reason="tmux is not on PATH: the real-terminal test runs h2h inside a tmux pane",
)

REPO = Path(__file__).resolve().parents[2]
WIDTH, HEIGHT = 80, 24
TIMEOUT = 20.0
"""Seconds to wait for something to appear: generous, since CI machines can be slow."""
POLL = 0.2


class Terminal:
    """A private tmux server (its own socket, no user config) whose panes run `h2h`."""

    def __init__(self, home: Path) -> None:
        # A short folder of its own: a socket path must stay under ~100 characters.
        self.folder = Path(tempfile.mkdtemp(prefix="h2h-tmux-"))
        self.socket = self.folder / "tmux.sock"
        self.home = home
        self.sessions: list[str] = []

    def tmux(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if k not in ("TMUX", "TMUX_PANE")}
        env["SHELL"] = "/bin/sh"  # the private server runs each pane's command with sh -c
        return subprocess.run(
            ["tmux", "-f", os.devnull, "-S", str(self.socket), *args],
            check=check,
            capture_output=True,
            text=True,
            env=env,
            timeout=TIMEOUT,
        )

    def start(self, *h2h_args: str) -> str:
        """Run `h2h …` in a new detached session of WIDTH×HEIGHT; the session's name."""
        name = f"h2h-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        command = [
            "env",
            # Nothing of the user's: no decks, saves folder or theme from the environment.
            "-u",
            "H2H_DECKS",
            "-u",
            "H2H_SAVES",
            "-u",
            "TEXTUAL_THEME",
            "TEXTUAL_ANIMATIONS=none",
            f"XDG_DATA_HOME={self.home / 'data'}",
            f"XDG_CONFIG_HOME={self.home / 'config'}",
            f"XDG_CACHE_HOME={self.home / 'cache'}",
            f"H2H_CACHE={self.home / 'cache'}",
            sys.executable,
            "-m",
            "h2h_game",
            *h2h_args,
            "--saves",
            str(self.home / "saves"),
        ]
        # tmux's own record of the exit status is unreliable across versions: keep our own.
        status = self.folder / f"{name}.status"
        shell_command = f"{shlex.join(command)}; echo $? > {shlex.quote(str(status))}"
        self.sessions.append(name)
        self.tmux(
            "new-session",
            "-d",
            "-s",
            name,
            "-x",
            str(WIDTH),
            "-y",
            str(HEIGHT),
            "-c",
            str(REPO),
            shell_command,
            # Keep the pane after h2h exits, so its exit status (or a traceback) can be read.
            ";",
            "set-option",
            "-w",
            "-t",
            name,
            "remain-on-exit",
            "on",
            ";",
            "set-option",
            "-t",
            name,
            "status",
            "off",
        )
        return name

    def screen(self, name: str) -> str:
        return self.tmux("capture-pane", "-p", "-t", name).stdout

    def press(self, name: str, *keys: str) -> None:
        for key in keys:
            self.tmux("send-keys", "-t", name, key)

    def wait_for(self, name: str, what: str, ready: Callable[[str], bool]) -> str:
        """Poll until `ready(screen)` holds on two captures in a row that are the same (so a
        half-drawn frame is never read); the screen then. Fails, showing it, if it never does."""
        deadline = time.monotonic() + TIMEOUT
        previous = None
        while True:
            screen = self.screen(name)
            if ready(screen) and screen == previous:
                return screen
            if time.monotonic() > deadline:
                pytest.fail(f"waited {TIMEOUT:.0f} s for {what}; the screen shows:\n{screen}")
            previous = screen
            time.sleep(POLL)

    def wait_for_exit(self, name: str) -> int:
        """Poll until the program in the pane has exited; its exit status."""
        status = self.folder / f"{name}.status"
        deadline = time.monotonic() + TIMEOUT
        while True:
            if status.exists() and (written := status.read_text().strip()):
                return int(written)
            if time.monotonic() > deadline:
                pytest.fail(f"h2h did not exit within {TIMEOUT:.0f} s:\n{self.screen(name)}")
            time.sleep(POLL)

    def close(self) -> None:
        for name in self.sessions:
            self.tmux("kill-session", "-t", name, check=False)
        self.tmux("kill-server", check=False)
        shutil.rmtree(self.folder, ignore_errors=True)


def card_text(screen: str) -> str:
    """The words on the card: the text inside its box, joined into one line ("" if none)."""
    lines = screen.splitlines()
    top = next((i for i, line in enumerate(lines) if line.lstrip().startswith(("╭", "╔"))), None)
    if top is None:
        return ""
    words = []
    for line in lines[top + 1 :]:
        inside = line.strip()
        if inside.startswith(("╰", "╚")):
            return " ".join(words)
        words += inside.strip("│║").split()
    return ""  # the bottom of the box is not drawn yet


def jar_tokens(screen: str) -> int:
    """How many tokens the trust jar line shows."""
    line = next((line for line in screen.splitlines() if "Trust jar" in line), "")
    return line.count("●")


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    """A private tmux server, always torn down, with h2h's files under `tmp_path`."""
    term = Terminal(tmp_path)
    try:
        yield term
    finally:
        term.close()


def test_quit_after_a_turn_and_continue_brings_back_the_next_card(terminal: Terminal):
    """After "I answered" and "meet them there" the turn passes and a new card is drawn;
    quitting and running `h2h continue` shows exactly that new card, not the first one."""
    game = terminal.start(
        "new", "--deck", "heart-to-heart", "--players", "Maya", "Sam", "--seed", "5"
    )
    screen = terminal.wait_for(game, "the table", lambda s: "Trust jar" in s and bool(card_text(s)))
    first = card_text(screen)

    terminal.press(game, "a")
    terminal.wait_for(game, "the listener's moves", lambda s: "Meet them there" in s)
    terminal.press(game, "m")
    screen = terminal.wait_for(
        game, "the next card", lambda s: card_text(s) not in ("", first) and "I answered" in s
    )
    second = card_text(screen)
    assert jar_tokens(screen) == 1  # meeting them there put a token in the jar

    terminal.press(game, "q")
    terminal.wait_for(game, "the title", lambda s: "Continue" in s and "Maya & Sam" in s)
    terminal.press(game, "C-q")
    assert terminal.wait_for_exit(game) == 0, terminal.screen(game)

    again = terminal.start("continue")
    screen = terminal.wait_for(
        again, "the table", lambda s: "Trust jar" in s and bool(card_text(s))
    )
    assert card_text(screen) == second
    assert jar_tokens(screen) == 1
    terminal.press(again, "C-q")
    assert terminal.wait_for_exit(again) == 0, terminal.screen(again)
