"""Provides the big-deck rows: a generated 10,000-card deck from its path to ready to play.

    python -m benchmarks.deck_bench [--quick]

Cold is the first open (no cache: parse, validate, write the cache); warm reads the JSON cache.
The baseline for cold is a bare `tomllib` parse of the same file. Uses folders in the scratch
space for the deck and the cache (H2H_CACHE), never the real home folder.
"""

from __future__ import annotations

import json
import os
import random
import sys
import time
import tomllib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import tomli_w

from benchmarks.harness import Context, Result, Target, interleaved, median, spread

WORDS = [
    "memory",
    "morning",
    "kitchen",
    "window",
    "summer",
    "river",
    "friend",
    "letter",
    "garden",
    "quiet",
    "song",
    "promise",
]


def write_deck(path: Path, cards: int) -> None:
    rnd = random.Random(1)
    per_level = cards // 3
    levels = []
    for level in range(3):
        count = per_level + (cards - 3 * per_level if level == 2 else 0)
        texts: list[object] = []
        for number in range(count):
            text = f"What {' '.join(rnd.choice(WORDS) for _ in range(12))} number {level}-{number}?"
            texts.append({"text": text, "tags": ["family"]} if number % 50 == 0 else text)
        levels.append({"name": f"Level {level + 1}", "cards": texts})
    deck = {"name": "Big", "tags": {"family": "Family"}}
    path.write_text(tomli_w.dumps({"format": 1, "deck": deck, "levels": levels}))


@contextmanager
def cache_at(folder: Path) -> Iterator[None]:
    """Point h2h's deck cache (read at each call) at `folder` for a while."""
    before = os.environ.get("H2H_CACHE")
    os.environ["H2H_CACHE"] = str(folder)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("H2H_CACHE", None)
        else:
            os.environ["H2H_CACHE"] = before


def timed(action: Callable[[], object]) -> float:
    began = time.perf_counter()
    action()
    return time.perf_counter() - began


def deck_rows(ctx: Context) -> list[Result]:
    from h2h_game.decks.format import load_deck
    from h2h_game.decks.library import cache_dir, resolve_deck

    cards = ctx.settings.deck_cards
    path = ctx.folder("big-deck") / "big.toml"
    write_deck(path, cards)
    argument = str(path)

    def tomllib_parse() -> float:
        return timed(lambda: tomllib.loads(path.read_text(encoding="utf-8")))

    def cold() -> float:
        # A cache folder of its own each time: nothing cached yet.
        with cache_at(ctx.folder("deck-cache")):
            return timed(lambda: resolve_deck(argument))

    def parse_only() -> float:
        return timed(lambda: load_deck(path))

    warm_cache = ctx.folder("deck-cache")
    with cache_at(warm_cache):
        resolve_deck(argument)
        entry = next(cache_dir().glob("*.json"))

        def warm() -> float:
            return timed(lambda: resolve_deck(argument))

        def json_read() -> float:
            return timed(lambda: json.loads(entry.read_bytes()))

        times = interleaved(
            ctx.settings.deck_runs,
            {
                "tomllib": tomllib_parse,
                "cold": cold,
                "load_deck": parse_only,
                "warm": warm,
                "json": json_read,
            },
        )
    how = {
        "how": "in-process resolve_deck(path) as `h2h new --deck PATH` calls it; median of "
        "interleaved runs after one untimed round",
        "cards": cards,
        "file_bytes": path.stat().st_size,
        "cache_bytes": entry.stat().st_size,
    } | {name: spread(values) for name, values in times.items()}
    label = f"{cards:,}-card deck"
    return [
        Result(
            "deck.cold",
            f"{label}: path → ready, cold",
            value=median(times["cold"]) * 1000,
            baseline=median(times["tomllib"]) * 1000,
            baseline_name="tomllib parse",
            target=Target(ratio=1.2),
            details=how,
        ),
        Result(
            "deck.load_deck",
            "  of which load_deck (parse + validate)",
            value=median(times["load_deck"]) * 1000,
            baseline=median(times["tomllib"]) * 1000,
            baseline_name="tomllib parse",
        ),
        Result(
            "deck.warm",
            f"{label}: path → ready, warm (cache)",
            value=median(times["warm"]) * 1000,
            baseline=median(times["json"]) * 1000,
            baseline_name="json.loads of the cache",
            target=Target(most=30),
        ),
    ]


def big_deck_save_rows(ctx: Context) -> list[Result]:
    """Autosave when the deck is big: every save holds a copy of the whole deck."""
    from benchmarks.store_bench import START, floor_write, moves
    from h2h_game.decks.library import resolve_deck
    from h2h_game.engine import Length, Setup, deal_game
    from h2h_game.store import SaveStore

    path = ctx.folder("big-deck-save") / "big.toml"
    write_deck(path, ctx.settings.deck_cards)
    with cache_at(ctx.folder("deck-cache")):
        deck = resolve_deck(str(path))
    state = deal_game(Setup(deck, ("Maya", "Sam"), length=Length.OPEN, seed=1), at=START)
    folder = ctx.folder("saves-big-deck")
    steps = moves(state, max(6, ctx.settings.saves // 4), 1)
    saves, floors = [], []
    with SaveStore(folder).create(state, START) as game:
        for state_after, entry in steps:
            began = time.perf_counter()
            game.save(state_after, entry, entry.at or START)
            saves.append(time.perf_counter() - began)
            payload = game.path.read_bytes()
            began = time.perf_counter()
            floor_write(folder / "floor.bin", payload)
            floors.append(time.perf_counter() - began)
        size = game.path.stat().st_size
    return [
        Result(
            "autosave.big_deck",
            f"autosave, {ctx.settings.deck_cards:,}-card deck",
            value=median(saves[1:]) * 1000,
            baseline=median(floors[1:]) * 1000,
            baseline_name="write+fsync floor",
            details={
                "how": "in-process OpenGame.save; each save rewrites the whole file, deck included",
                "file_bytes": size,
                "saves": spread(saves[1:]),
                "floor": spread(floors[1:]),
            },
        )
    ]


SECTIONS: list[tuple[str, str, Callable[[Context], list[Result]]]] = [
    ("deck", "10,000-card deck", deck_rows),
    ("autosave.big_deck", "autosave with a big deck", big_deck_save_rows),
]


def main(argv: Sequence[str] | None = None) -> None:
    from benchmarks.__main__ import run_standalone

    run_standalone(SECTIONS, __doc__, argv)


if __name__ == "__main__":
    sys.exit(main())
