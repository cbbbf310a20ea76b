"""Measures the game's first frame and one move at the table, as ratios to a bare Textual app.

    python -m benchmarks.ui_bench [--runs 10]

Absolute times depend on the machine; the ratio to a bare `App` measured in the same run says
how much the game itself adds. Startup should stay light (the title reads only the saves index)
and a key press at the table (engine, atomic save, redraw) should cost little more than a bare
app answering a key.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Static

from h2h_game.decks.format import load_deck
from h2h_game.paths import bundled_decks_dir
from h2h_game.tui.app import H2HApp, Services
from h2h_game.tui.launch import Launch, Preset

SIZE = (100, 30)


class BareApp(App[None]):
    """The baseline: a screen with some text, a footer and one binding that changes the text."""

    BINDINGS: ClassVar[list[Binding]] = [Binding("a", "flip", "Flip")]

    def compose(self) -> ComposeResult:
        yield Static("What is a small thing that made you smile this week?", id="text")
        yield Footer()

    def action_flip(self) -> None:
        text = self.query_one("#text", Static)
        text.update(str(text.render())[::-1])


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
