"""Measures opening a generated 10,000-card deck: parsing every time versus the JSON cache.

    python -m benchmarks.deck_bench [--cards 10000]

Uses a temporary folder for the deck and the cache (H2H_CACHE), never the real home folder.
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import timeit
from collections.abc import Sequence
from pathlib import Path

import tomli_w

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


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=10_000, help="cards in the deck (10000)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        os.environ["H2H_CACHE"] = str(Path(folder) / "cache")
        from h2h_game.decks.format import load_deck
        from h2h_game.decks.library import open_deck

        path = Path(folder) / "big.toml"
        write_deck(path, args.cards)
        print(f"deck: {path.stat().st_size / 1e6:.2f} MB, {len(load_deck(path).cards)} cards")

        def best(statement: object, number: int = 5) -> float:
            return min(timeit.repeat(statement, number=number, repeat=5)) / number * 1000

        print(f"load_deck (parse + validate):      {best(lambda: load_deck(path)):6.1f} ms")
        uncached = best(lambda: open_deck(path, use_cache=False))
        print(f"open_deck, cache off:              {uncached:6.1f} ms")
        cold = timeit.timeit(lambda: open_deck(path), number=1) * 1000
        print(f"open_deck, first open (writes it): {cold:6.1f} ms")
        print(f"open_deck, cache warm:             {best(lambda: open_deck(path)):6.1f} ms")


if __name__ == "__main__":
    main()
