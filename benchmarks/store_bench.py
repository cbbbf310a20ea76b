"""Provides the saves-store rows: autosave of one action beside 0, 100 and 1,000 other games,
and listing 1,000 games with and without the index (the store call alone, in-process).

    python -m benchmarks.store_bench [--quick]

Saving should cost the same however many games there are (one file per game), and listing
1,000 games should be quick once the index exists. The autosave's floor is the same bytes
written the same durable way (temp file, fsync, rename, fsync of the folder) by a few lines of
plain Python: what is left above it is h2h's own work.
"""

from __future__ import annotations

import json
import os
import random
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from benchmarks.harness import Context, Result, Target, interleaved, median, spread
from h2h_game.engine import (
    Card,
    Deck,
    GameState,
    Length,
    Level,
    LogEntry,
    Setup,
    WrapUp,
    apply,
    card_id,
    deal_game,
    legal_actions,
)
from h2h_game.store import OpenGame, SaveStore, record
from h2h_game.store.index import INDEX_NAME

START = 1_764_000_000.0


def deck(cards: int = 30, name: str = "Benchmark deck") -> Deck:
    """A deck of three levels of `cards` questions (by default the size of the bundled ones)."""
    return Deck(
        name,
        tuple(
            Level(
                number,
                f"Level {number}",
                (0, 6, 15)[number - 1],
                tuple(
                    Card(card_id(number, text), number, text)
                    for text in (
                        f"Question {i} of level {number}: what is something you have never "
                        "told anyone about the way you see the world?"
                        for i in range(cards)
                    )
                ),
            )
            for number in (1, 2, 3)
        ),
    )


def long_game(actions: int) -> GameState:
    """A game `actions` moves into an open evening, on a deck big enough not to run out."""
    big = deck(cards=400, name="Long evening")
    return deal_game(Setup(big, ("Maya", "Sam"), length=Length.OPEN, seed=7), at=START)


def moves(state: GameState, count: int, seed: int) -> list[tuple[GameState, LogEntry]]:
    """A random evening of `count` actions that does not end early."""
    rng = random.Random(seed)
    clock = START
    steps = []
    for _ in range(count):
        actions = [a for a in legal_actions(state) if not isinstance(a, WrapUp)]
        if not actions:
            break
        clock += rng.uniform(5, 120)
        action = rng.choice(actions)
        state = apply(state, action, clock)
        steps.append((state, LogEntry(action, clock)))
    return steps


def fresh(seed: int) -> GameState:
    return deal_game(Setup(deck(), ("Maya", "Sam"), length=Length.OPEN, seed=seed), at=START)


def play(folder: Path, games: int, actions: int = 60) -> list[Path]:
    """`games` real games of `actions` random actions each, saved one action at a time."""
    store = SaveStore(folder)
    paths = []
    for seed in range(games):
        with store.create(fresh(seed), START) as game:
            for state, entry in moves(game.state, actions, seed):
                game.save(state, entry, entry.at or START)
        paths.append(game.path)
    return paths


def fill(folder: Path, games: int, originals: Sequence[Path]) -> None:
    """`games` saved games: copies of `originals` under new ids (the index is left to build).

    Each copy is sealed as the store seals what it writes (`record.sealed`): a copy edited by
    hand would be checked in full, and no game a player saved is.
    """
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o700)
    for number in range(games):
        data = json.loads(originals[number % len(originals)].read_bytes())
        game_id = f"2025-11-24-copy-{number:05d}"
        saved = data["save"]["1"]
        del saved["seal"]  # the copy's own is made below
        saved["id"] = game_id
        target = folder / f"{game_id}.json"
        target.write_bytes(record.sealed(data))
        target.chmod(0o600)


def filled(ctx: Context, games: int) -> Path:
    """A folder of `games` saved games, made once per run and shared by the rows that read it."""
    if "originals" not in ctx.cache:
        # Real games, played and saved by the store; the folders hold copies of them.
        count = 2 if ctx.settings.quick else 10
        ctx.cache["originals"] = play(ctx.folder("originals"), count)
    key = f"filled-{games}"
    if key not in ctx.cache:
        folder = ctx.folder(f"saves-{games}")
        fill(folder, games, ctx.cache["originals"])
        if hasattr(os, "sync"):
            os.sync()  # flush the copies now, not in the middle of the timings
        ctx.cache[key] = folder
    return ctx.cache[key]


def floor_write(path: Path, payload: bytes) -> None:
    """The durable write every save needs, and nothing else: the autosave's floor."""
    temp = path.with_name(f".floor-{path.name}")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, payload)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(temp, path)
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


def autosave_rows(ctx: Context) -> list[Result]:
    """One action saved (`OpenGame.save`) beside 0, 100 and `games` other games, interleaved."""
    games = ctx.settings.games
    some = min(100, games // 2)
    folders = {
        "0": ctx.folder("saves-0"),
        str(some): filled(ctx, some),
        str(games): filled(ctx, games),
    }
    opened: dict[str, OpenGame] = {
        name: SaveStore(folder).create(fresh(99), START) for name, folder in folders.items()
    }
    # A game already long (its log is most of its file), in a folder of its own.
    long_actions = 100 if ctx.settings.quick else 1000
    long_folder = ctx.folder("saves-long")
    long_steps = moves(long_game(long_actions), long_actions + ctx.settings.saves + 1, 7)
    opened["long"] = SaveStore(long_folder).create(long_game(long_actions), START)
    folders["long"] = long_folder
    for state, entry in long_steps[:long_actions]:
        opened["long"].save(state, entry, entry.at or START)
    # A folder of its own: a floor write must not add to the 0-games folder's fsync.
    floor_path = ctx.folder("floor") / "floor.bin"
    steps = moves(fresh(99), ctx.settings.saves + 1, 99)
    names = [*folders, "floor"]
    times: dict[str, list[float]] = {name: [] for name in names}
    try:
        for number, (state, entry) in enumerate(steps):
            # The same action saved in every folder, then the floor, starting one later each
            # time; the first action is a warm-up. The long game saves its own next action.
            for name in names[number % len(names) :] + names[: number % len(names)]:
                if name == "floor":
                    payload = opened["0"].path.read_bytes()
                    began = time.perf_counter()
                    floor_write(floor_path, payload)
                elif name == "long":
                    state_now, entry_now = long_steps[long_actions + number]
                    began = time.perf_counter()
                    opened[name].save(state_now, entry_now, entry_now.at or START)
                else:
                    began = time.perf_counter()
                    opened[name].save(state, entry, entry.at or START)
                if number:
                    times[name].append(time.perf_counter() - began)
    finally:
        for name, game in opened.items():
            game.close()
            SaveStore(folders[name]).delete(game.id)
    size = floor_path.stat().st_size
    how = (
        "in-process OpenGame.save (the engine's re-check, encoding, atomic write with 2 fsyncs) "
        f"of {len(steps) - 1} actions of one game, saved in each folder in turn; median ms"
    )
    details = {"how": how, "last_file_bytes": size} | {name: spread(times[name]) for name in times}
    zero = median(times["0"]) * 1000
    return [
        Result(
            "autosave.0",
            "autosave of one action, 0 other games",
            value=zero,
            baseline=median(times["floor"]) * 1000,
            baseline_name="write+fsync floor",
            target=Target(most=2),
            details=details,
        ),
        Result(
            f"autosave.{some}",
            f"autosave, {some} other games",
            value=median(times[str(some)]) * 1000,
            baseline=zero,
            baseline_name="0 games",
            target=Target(most=2),
        ),
        Result(
            f"autosave.{games}",
            f"autosave, {games} other games",
            value=median(times[str(games)]) * 1000,
            baseline=zero,
            baseline_name="0 games",
            target=Target(ratio=1.3, most=2),
        ),
        Result(
            "autosave.long",
            f"autosave, a game {long_actions} actions long",
            value=median(times["long"]) * 1000,
            baseline=zero,
            baseline_name="a new game",
        ),
    ]


def store_list_rows(ctx: Context) -> list[Result]:
    """`SaveStore.list()` alone over `games` games, with the index and with it deleted."""
    games = ctx.settings.games
    folder = filled(ctx, games)
    store = SaveStore(folder)
    index = folder / INDEX_NAME

    def cold() -> float:
        index.unlink(missing_ok=True)
        began = time.perf_counter()
        store.list()
        return time.perf_counter() - began

    def warm() -> float:
        began = time.perf_counter()
        store.list()
        return time.perf_counter() - began

    times = interleaved(max(3, ctx.settings.list_runs), {"warm": warm, "cold": cold})
    store.list()  # leave the index in place for whoever reads the folder next
    how = "in-process SaveStore.list(), median; the part of the saves-list row that is the store"
    return [
        Result(
            "list.store_index",
            f"  of which SaveStore.list(), {games} games",
            value=median(times["warm"]) * 1000,
            details={"how": how, "times": spread(times["warm"])},
        ),
        Result(
            "list.store_no_index",
            "  of which SaveStore.list(), index deleted",
            value=median(times["cold"]) * 1000,
            details={"how": how, "times": spread(times["cold"])},
        ),
    ]


SECTIONS: list[tuple[str, str, Callable[[Context], list[Result]]]] = [
    ("autosave", "autosave of one action", autosave_rows),
    ("list.store", "SaveStore.list()", store_list_rows),
]


def main(argv: Sequence[str] | None = None) -> None:
    from benchmarks.__main__ import run_standalone

    run_standalone(SECTIONS, __doc__, argv)


if __name__ == "__main__":
    sys.exit(main())
