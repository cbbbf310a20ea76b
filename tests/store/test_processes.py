"""Two processes, one game: the second is refused, may read, and no update is ever lost."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from h2h_game.store import GameLocked, SaveStore
from tests.store.helpers import START, digest, fresh_game, play

ROOT = Path(__file__).resolve().parents[2]

OTHER_WINDOW = """
import sys
from pathlib import Path
from h2h_game.store import SaveStore
from tests.store.helpers import digest, play

store = SaveStore(Path(sys.argv[1]))
with store.open(sys.argv[2]) as game:
    play(game, 10, seed=1)
    print("holding", len(game.log), digest(game.state), flush=True)
    sys.stdin.readline()  # the test looks around meanwhile
    play(game, 10, seed=2)
    print("closing", len(game.log), digest(game.state), flush=True)
"""


def other_window(folder: Path, game_id: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", OTHER_WINDOW, str(folder), game_id],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_the_second_window_is_refused_and_nothing_is_lost(store: SaveStore, folder: Path) -> None:
    with store.create(fresh_game(), START) as game:
        play(game, 5)
        game_id = game.id
    window = other_window(folder, game_id)
    assert window.stdout is not None and window.stdin is not None
    holding = window.stdout.readline().split()
    assert holding[0] == "holding", window.stderr.read() if window.stderr else ""
    held_actions, held_state = int(holding[1]), holding[2]

    with pytest.raises(GameLocked, match="open in another window"):
        store.open(game_id)
    with pytest.raises(GameLocked):
        store.delete(game_id)
    with store.open(game_id, read_only=True) as viewer:
        assert len(viewer.log) == held_actions
        assert digest(viewer.state) == held_state

    window.stdin.write("go on\n")
    window.stdin.flush()
    closing = window.stdout.readline().split()
    assert window.wait(timeout=30) == 0
    assert closing[0] == "closing"
    with store.open(game_id) as game:
        assert len(game.log) == int(closing[1])
        assert digest(game.state) == closing[2]
        play(game, 5, seed=3)
        total = len(game.log)
    with store.open(game_id) as game:
        assert len(game.log) == total


def test_a_killed_window_leaves_no_lock_behind(store: SaveStore, folder: Path) -> None:
    with store.create(fresh_game(), START) as game:
        game_id = game.id
    window = other_window(folder, game_id)
    assert window.stdout is not None
    holding = window.stdout.readline().split()
    assert holding[0] == "holding"
    with pytest.raises(GameLocked):
        store.open(game_id)
    window.send_signal(signal.SIGKILL)
    window.wait(timeout=30)
    with store.open(game_id) as game:  # the kernel released the flock with the process
        assert digest(game.state) == holding[2]
