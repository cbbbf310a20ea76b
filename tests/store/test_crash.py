"""The crash test: a player killed with SIGKILL at random moments never loses or breaks a save.

After every kill each game file must load (no damage, no stray temporary file) and hold either
the last state the player said it saved, or the one it was saving when it died. The next player
resumes the same game, so a killed process must not leave its lock behind either.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from h2h_game.store import BrokenSave, SaveStore
from h2h_game.store.index import stamp_of
from h2h_game.store.storage import TEMP_PREFIX
from tests.store.helpers import digest

ROOT = Path(__file__).resolve().parents[2]
KILLS = 30
THOROUGH_KILLS = 500


@dataclass
class Reported:
    """What the players said, per game: the last state saved, and one being saved after it."""

    saved: dict[str, str] = field(default_factory=dict)
    pending: dict[str, str] = field(default_factory=dict)
    creating: set[str] = field(default_factory=set)

    def hear(self, line: str) -> None:
        word, *rest = line.split()
        if word == "creating":
            self.creating.add(rest[0])
        elif word in ("created", "resumed", "saved"):
            game_id, state = rest
            self.saved[game_id] = state
            self.pending.pop(game_id, None)
            self.creating.discard(state)
        elif word == "pending":
            game_id, state = rest
            self.pending[game_id] = state

    def allowed(self, game_id: str) -> set[str]:
        if game_id not in self.saved:
            return set(self.creating)  # killed between writing a new game and saying its id
        return {self.saved[game_id], *filter(None, [self.pending.get(game_id)])}


def run_and_kill(folder: Path, seed: int, delay: float) -> list[str]:
    player = subprocess.Popen(
        [sys.executable, "-m", "tests.store.crash_player", str(folder), str(seed)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert player.stdout is not None and player.stderr is not None
    assert player.stdout.readline() == "ready\n", player.stderr.read()
    time.sleep(delay)
    player.send_signal(signal.SIGKILL)
    player.wait(timeout=30)
    # Read through the same buffered file as readline did: it may already hold later lines.
    output, errors = player.stdout.read(), player.stderr.read()
    player.stdout.close()
    player.stderr.close()
    assert player.returncode == -signal.SIGKILL, f"the player stopped by itself:\n{errors}"
    # A line cut off by the kill has no newline: it was never fully said.
    return [line for line in output.splitlines(keepends=True) if line.endswith("\n")]


def check(folder: Path, reported: Reported, checked: dict[str, tuple[int, int, int]]) -> None:
    """Every game file loads and holds a state the players reported. `checked` remembers the
    files already checked, by stamp, so only those that changed are opened again."""
    store = SaveStore(folder)  # as the next player would: clears the dead player's temp file
    # A player killed before it made the saves folder leaves no folder at all: nothing to check.
    names = os.listdir(folder) if folder.is_dir() else []
    assert [name for name in names if name.startswith(TEMP_PREFIX)] == []
    listing = store.list()
    assert not [item for item in listing if isinstance(item, BrokenSave)]
    for item in listing:
        stamp = stamp_of(item.path.stat())
        if checked.get(item.id) == stamp:
            continue
        checked[item.id] = stamp
        with store.open(item.id, read_only=True) as game:
            found = digest(game.state)
        assert found in reported.allowed(item.id), f"{item.id} holds a state nobody saved"
        if item.id not in reported.saved:
            reported.hear(f"created {item.id} {found}")


def test_killing_the_player_at_random_never_breaks_a_save(tmp_path: Path, thorough: bool) -> None:
    folder = tmp_path / "saves"
    rng = random.Random(os.environ.get("H2H_CRASH_SEED", "h2h"))
    reported = Reported()
    checked: dict[str, tuple[int, int, int]] = {}
    saves = 0
    kills = THOROUGH_KILLS if thorough else KILLS
    for kill in range(kills):
        lines = run_and_kill(folder, kill, rng.uniform(0.0, 0.12))
        for line in lines:
            reported.hear(line)
        saves += sum(line.startswith("saved ") for line in lines)
        check(folder, reported, checked)
    assert saves > kills, "the player hardly saved anything before being killed"
    assert reported.saved, "no game was ever saved"


@pytest.mark.parametrize("moment", ["fsync", "replace"])
def test_a_kill_mid_write_leaves_the_old_file(tmp_path: Path, moment: str) -> None:
    """The worst moments, on purpose: the temporary file written, the swap not yet made."""
    script = f"""
import os, signal
from pathlib import Path
from h2h_game.store import SaveStore
from tests.store.helpers import START, fresh_game, next_step, digest
import random

store = SaveStore(Path({str(tmp_path)!r}))
game = store.create(fresh_game(), START)
print(game.id, digest(game.state), flush=True)
real = os.{moment}
def die(*args, **kwargs):
    if {moment!r} == "replace":
        os.kill(os.getpid(), signal.SIGKILL)
    real(*args, **kwargs)
    os.kill(os.getpid(), signal.SIGKILL)
os.{moment} = die
state, entry = next_step(game.state, random.Random(1), START + 5)
game.save(state, entry, START + 5)
"""
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == -signal.SIGKILL, done.stderr
    game_id, before = done.stdout.split()
    assert any(name.startswith(TEMP_PREFIX) for name in os.listdir(tmp_path))
    store = SaveStore(tmp_path)
    assert not any(name.startswith(TEMP_PREFIX) for name in os.listdir(tmp_path))
    with store.open(game_id) as game:  # and the dead process's lock is gone
        assert digest(game.state) == before


KILL_AT = {
    # After the new save is on disk under its temporary name, before anything is renamed.
    "written": "fsync",
    # After the save being replaced got its second name, before the swap.
    "kept": "link",
    # After the swap, before the previous copy is renamed into place.
    "swapped": "replace",
}


@pytest.mark.parametrize("moment", list(KILL_AT))
def test_a_kill_during_a_save_then_damage_is_recovered_with_h2h_saves_recover(
    tmp_path: Path, moment: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The worst luck: killed mid-save, and then the save itself is damaged. `h2h saves recover`
    must still bring back a game at most one action behind the file that was damaged."""
    call = KILL_AT[moment]
    script = f"""
import os, random, signal
from pathlib import Path
from h2h_game.store import SaveStore
from tests.store.helpers import START, digest, fresh_game, next_step

store = SaveStore(Path({str(tmp_path)!r}))
game = store.create(fresh_game(), START)
rng, clock = random.Random(3), START
print(game.id, digest(game.state), flush=True)
for _ in range(5):
    clock += 5
    state, entry = next_step(game.state, rng, clock)
    game.save(state, entry, clock)
    print(digest(state), flush=True)
real = os.{call}
def die(*args, **kwargs):
    real(*args, **kwargs)
    os.kill(os.getpid(), signal.SIGKILL)
os.{call} = die
clock += 5
state, entry = next_step(game.state, rng, clock)
print(digest(state), flush=True)
game.save(state, entry, clock)
"""
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == -signal.SIGKILL, done.stderr
    first, *digests = done.stdout.split("\n")
    game_id, _ = first.split()
    *saved, saving, _ = digests  # the last line is empty
    store = SaveStore(tmp_path)  # as the next run would: clears or promotes what the kill left
    with store.open(game_id, read_only=True) as game:
        on_disk = digest(game.state)
    assert on_disk in (saved[-1], saving)
    one_behind = saved[-2] if on_disk == saved[-1] else saved[-1]

    (tmp_path / f"{game_id}.json").write_bytes(b"\x00" * 100)  # and then the disk lets us down
    from h2h_game.cli import main

    assert main(["saves", "recover", game_id, "--saves", str(tmp_path)]) == 0
    # Killed, the player never closed the game, so the index cannot say how long it was.
    assert "from its previous copy: at most one action was lost." in capsys.readouterr().out
    with store.open(game_id) as game:
        assert digest(game.state) == one_behind
