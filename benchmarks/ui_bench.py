"""Provides an in-process look at the game's first frame and a move, under Textual's Pilot.

    python -m benchmarks.ui_bench [--runs 10] [--profile FILE]

Not part of `make bench` (that one times a real terminal, see `screen_bench.py`): this one runs
the app headless in this process, which makes it the easy place to profile a move. With
`--profile FILE` it plays the table's moves under cProfile and writes the stats to FILE
(`python -m pstats FILE`, or `snakeviz FILE`).
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path

from textual.app import App

from benchmarks.bare_app import BareApp
from benchmarks.screen_bench import write_play_deck
from h2h_game.decks.format import load_deck
from h2h_game.flow import Preset
from h2h_game.paths import bundled_decks_dir
from h2h_game.services import Services
from h2h_game.tui.app import H2HApp
from h2h_game.tui.launch import Launch

SIZE = (100, 30)


async def first_frame(make: Callable[[], App[None]]) -> float:
    """Seconds from constructing the app to its first settled frame."""
    began = time.perf_counter()
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        return time.perf_counter() - began


async def key_presses(make: Callable[[], App[None]], keys: Sequence[str]) -> float:
    """Seconds per key once the app is up, each key pressed and the screen settled."""
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        began = time.perf_counter()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        return (time.perf_counter() - began) / len(keys)


def median_of(runs: int, measure: Callable[[], Awaitable[float]]) -> float:
    return statistics.median(asyncio.run(measure()) for _ in range(runs))


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="runs of each measurement (10)")
    parser.add_argument("--profile", type=Path, help="profile 200 moves at the table into FILE")
    args = parser.parse_args(argv)
    deck = load_deck(bundled_decks_dir() / "heart-to-heart.toml")
    folder = Path(tempfile.mkdtemp(prefix="h2h-ui-bench-"))

    def title() -> App[None]:
        return H2HApp(Services(saves_dir=folder / "title"))

    def table() -> App[None]:
        services = Services(saves_dir=folder / "table", new_seed=lambda: 5)
        preset = Preset(deck=deck, names=("Maya", "Sam"), length="open")
        return H2HApp(services, Launch(preset=preset, start=True))

    # A move and its undo, so every press does real work and the game never runs out.
    moves = ["a", "u"] * 10
    if args.profile is not None:
        # The deck `make bench` plays: no wild cards, so a, t … goes round 200 times.
        plain = load_deck(write_play_deck(folder / "bench.toml", 120))

        def plain_table() -> App[None]:
            services = Services(saves_dir=folder / "profile", new_seed=lambda: 1)
            preset = Preset(deck=plain, names=("Ann", "Bob"), length="open")
            return H2HApp(services, Launch(preset=preset, start=True))

        profiler = cProfile.Profile()
        asyncio.run(key_presses(plain_table, ["a", "u"]))  # imports and first builds, unprofiled
        profiler.enable()
        asyncio.run(key_presses(plain_table, ["a", "t"] * 100))
        profiler.disable()
        profiler.dump_stats(args.profile)
        print(f"wrote {args.profile}: 200 moves (a, t …) at the table, app start included")
        return
    bare_start = median_of(args.runs, lambda: first_frame(BareApp))
    title_start = median_of(args.runs, lambda: first_frame(title))
    table_start = median_of(args.runs, lambda: first_frame(table))
    bare_key = median_of(args.runs, lambda: key_presses(BareApp, ["a"] * len(moves)))
    table_key = median_of(args.runs, lambda: key_presses(table, moves))
    rows = [
        ("first frame, bare Textual app", bare_start, 1.0),
        ("first frame, title screen", title_start, title_start / bare_start),
        ("first frame, straight to a new table", table_start, table_start / bare_start),
        ("one key, bare Textual app", bare_key, 1.0),
        ("one move at the table (apply, save, redraw)", table_key, table_key / bare_key),
    ]
    for name, seconds, ratio in rows:
        print(f"{name:46} {seconds * 1000:8.1f} ms   {ratio:5.2f}× bare")


if __name__ == "__main__":
    main()
