"""Provides a breakdown of a move at the table: where one key press's time goes, per move.

    python -m benchmarks.key_breakdown [--moves 200]

Plays a, t, a, t … in this process under Textual's Pilot (headless, 100×30) with the deck that
`make bench` plays, and counts and times, per move: the engine's `apply`, the save and its
fsyncs, the table's own redraw (`show`), Textual's footer rebuilds, layouts and rendered frames.
Times are inclusive (a layout that a redraw causes counts in both), so they do not add up; the
counts are exact. Not part of `make bench`: it is the to-do list's measuring stick.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import inspect
import os
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from textual.screen import Screen
from textual.widgets import Footer

import h2h_game.engine.rules as rules
from benchmarks.screen_bench import write_play_deck
from h2h_game.decks.format import load_deck
from h2h_game.flow import Preset
from h2h_game.services import Services
from h2h_game.session import Session
from h2h_game.store.saves import OpenGame
from h2h_game.tui.app import H2HApp
from h2h_game.tui.launch import Launch
from h2h_game.tui.screens.table import TableScreen

calls: Counter[str] = Counter()
seconds: Counter[str] = Counter()


def counted(owner: Any, name: str, label: str) -> None:
    """Wrap `owner.name` so that its calls and their time add up under `label`."""
    original = getattr(owner, name)
    if inspect.iscoroutinefunction(original):

        @functools.wraps(original)
        async def wrapper_async(*args: Any, **kwargs: Any) -> Any:
            began = time.perf_counter()
            try:
                return await original(*args, **kwargs)
            finally:
                calls[label] += 1
                seconds[label] += time.perf_counter() - began

        setattr(owner, name, wrapper_async)
        return

    @functools.wraps(original)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        began = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            calls[label] += 1
            seconds[label] += time.perf_counter() - began

    setattr(owner, name, wrapper)


def instrument() -> None:
    # `apply` is imported by name in several modules: wrap it wherever it is bound.
    apply = rules.apply
    counted(rules, "apply", "engine.apply")
    for module in list(sys.modules.values()):
        name = getattr(module, "__name__", "")
        if name.startswith("h2h_game") and getattr(module, "apply", None) is apply:
            module.apply = rules.apply  # type: ignore[attr-defined]
    counted(os, "fsync", "os.fsync")
    counted(Session, "act", "Session.act (apply + save)")
    counted(OpenGame, "save", "OpenGame.save")
    counted(TableScreen, "check_action", "TableScreen.check_action")
    counted(TableScreen, "watch_state", "TableScreen.watch_state (widgets updated)")
    counted(TableScreen, "refresh_bindings", "TableScreen.refresh_bindings")
    counted(Footer, "recompose", "Footer.recompose (rebuilt)")
    counted(Screen, "_refresh_layout", "Screen._refresh_layout")
    counted(Screen, "_compositor_refresh", "Screen._compositor_refresh (frames)")


async def play(deck_path: Path, saves: Path, moves: int) -> float:
    deck = load_deck(deck_path)
    services = Services(saves_dir=saves, new_seed=lambda: 1)
    preset = Preset(deck=deck, names=("Ann", "Bob"), length="open")
    app = H2HApp(services, Launch(preset=preset, start=True))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for key in "atat":  # warm-up: first builds and imports
            await pilot.press(key)
            await pilot.pause()
        calls.clear()
        seconds.clear()
        began = time.perf_counter()
        for number in range(moves):
            await pilot.press("at"[number % 2])
            await pilot.pause()
        return time.perf_counter() - began


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=200, help="moves to play (200)")
    parser.add_argument(
        "--what-if",
        action="append",
        default=[],
        choices=["no-fsync", "still-footer"],
        help="estimate a fix: saves without fsync; a footer that never rebuilds (repeatable)",
    )
    args = parser.parse_args(argv)
    instrument()
    if "no-fsync" in args.what_if:
        os.fsync = lambda fd: None  # only in this process, to price the two fsyncs
    if "still-footer" in args.what_if:
        Footer.bindings_changed = lambda self, screen: None  # type: ignore[method-assign]
    with tempfile.TemporaryDirectory() as folder:
        deck = write_play_deck(Path(folder) / "bench.toml", args.moves // 2 + 10)
        total = asyncio.run(play(deck, Path(folder) / "saves", args.moves))
    moves = args.moves
    what_if = f" (what if: {', '.join(args.what_if)})" if args.what_if else ""
    print(f"{moves} moves, {total / moves * 1000:.1f} ms a move in-process{what_if}\n")
    print(f"{'per move':<44} {'calls':>7} {'ms':>8}")
    for label in sorted(calls, key=lambda label: -seconds[label]):
        print(f"{label:<44} {calls[label] / moves:7.1f} {seconds[label] / moves * 1000:8.2f}")


if __name__ == "__main__":
    main()
