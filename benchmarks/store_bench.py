"""Measures the saves store: one action saved beside 0 or 1,000 other games, and listing them.

    python -m benchmarks.store_bench [--games 1000] [--saves 200] [--dir PATH]

Saving should cost the same however many games there are (one file per game), and listing
1,000 games should feel instant once the index exists. For contrast it also times one update
in a single shared TinyDB file holding every game, the design the store avoids.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from tinydb import TinyDB
from tinydb.storages import JSONStorage

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
from h2h_game.store import SaveStore, is_game_id
from h2h_game.store.index import INDEX_NAME

START = 1_764_000_000.0


def deck() -> Deck:
    """A deck the size of the bundled ones: three levels of thirty questions."""
    return Deck(
        "Benchmark deck",
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
                        for i in range(30)
                    )
                ),
            )
            for number in (1, 2, 3)
        ),
    )


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


def fill(folder: Path, games: int, actions: int = 60) -> None:
    """`games` saved games of `actions` actions each (copies of a few real ones, with new ids)."""
    store = SaveStore(folder)
    originals = []
    for seed in range(min(games, 10)):
        with store.create(fresh(seed), START) as game:
            for state, entry in moves(game.state, actions, seed):
                game.save(state, entry, entry.at or START)
        originals.append(game.path)
    for number in range(len(originals), games):
        source = originals[number % len(originals)]
        data = json.loads(source.read_bytes())
        game_id = f"2025-11-24-copy-{number:05d}"
        data["save"]["1"]["id"] = game_id
        target = folder / f"{game_id}.json"
        target.write_text(json.dumps(data, separators=(",", ":")))
        target.chmod(0o600)


def per_save(folder: Path, saves: int) -> list[float]:
    """Milliseconds each of `saves` actions takes to save, in a new game in `folder`."""
    store = SaveStore(folder)
    timings = []
    with store.create(fresh(99), START) as game:
        for state, entry in moves(game.state, saves, 99):
            began = time.perf_counter()
            game.save(state, entry, entry.at or START)
            timings.append((time.perf_counter() - began) * 1000)
    return timings


def timed(action: Callable[[], object], repeat: int = 5) -> float:
    """Median milliseconds of `action`."""
    results = []
    for _ in range(repeat):
        began = time.perf_counter()
        action()
        results.append((time.perf_counter() - began) * 1000)
    return statistics.median(results)


def shared_file(folder: Path, games: int) -> float:
    """Milliseconds to update one game in a single TinyDB JSONStorage file holding all games."""
    paths = sorted(path for path in folder.glob("*.json") if is_game_id(path.stem))[:games]
    records = [json.loads(path.read_bytes()) for path in paths]
    path = folder.parent / "shared.json"
    with TinyDB(path, storage=JSONStorage) as db:
        db.table("games").insert_multiple(record["save"]["1"] for record in records)
    with TinyDB(path, storage=JSONStorage) as db:
        table = db.table("games")
        return timed(lambda: table.update({"updated": time.time()}, doc_ids=[1]), repeat=3)


def report(name: str, timings: Sequence[float]) -> None:
    ordered = sorted(timings)
    p95 = ordered[int(len(ordered) * 0.95) - 1]
    print(
        f"  {name:<34} median {statistics.median(ordered):6.2f} ms   "
        f"p95 {p95:6.2f} ms   mean {statistics.fmean(ordered):6.2f} ms   (n={len(ordered)})"
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=1000, help="other saved games (1000)")
    parser.add_argument("--saves", type=int, default=200, help="actions saved per run (200)")
    parser.add_argument("--dir", type=Path, help="where to make the folders (a temp folder)")
    args = parser.parse_args(argv)
    base = Path(tempfile.mkdtemp(prefix="h2h-bench-", dir=args.dir))
    try:
        empty, full = base / "empty", base / "full"
        began = time.perf_counter()
        fill(full, args.games)
        if hasattr(os, "sync"):
            os.sync()  # flush the copies now, not in the middle of the timings
        print(f"({args.games} games written in {time.perf_counter() - began:.1f} s, in {base})")
        files = [path for path in full.glob("*.json") if is_game_id(path.stem)]
        size = sum(path.stat().st_size for path in files) / len(files) / 1024
        print(f"  average game file: {size:.1f} KiB\n")

        print("Saving one action (atomic write: temp file, fsync, replace, fsync folder)")
        report("beside 0 other games", per_save(empty, args.saves))
        report(f"beside {args.games} other games", per_save(full, args.saves))

        print(f"\nListing {args.games + 1} games")
        store = SaveStore(full)
        index = full / INDEX_NAME

        def cold() -> None:
            index.unlink(missing_ok=True)
            store.list()

        print(f"  {'cold (no index: read and check all)':<34} {timed(cold, 3):8.1f} ms")
        store.list()
        print(f"  {'warm (index up to date)':<34} {timed(store.list):8.1f} ms")

        def one_changed() -> None:
            with store.open(store.list()[0].id) as game:
                state, entry = moves(game.state, 1, 1)[0]
                game.save(state, entry, START)
            store.list()

        print(f"  {'open, save, close one, then list':<34} {timed(one_changed):8.1f} ms")
        print("\nFor contrast: one shared TinyDB JSONStorage file holding every game")
        shared = shared_file(full, args.games)
        print(f"  {f'update one game among {args.games}':<34} {shared:8.1f} ms")
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
