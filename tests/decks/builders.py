"""Provides small deck files for tests: valid ones, and ones broken in one named way."""

from __future__ import annotations

from pathlib import Path

SHORTEST = """\
format = 1

[deck]
name = "Old friends"
description = "For two people who go way back."

[[levels]]
name = "Warm up"
cards = [
  "What is a small thing that made you laugh this week?",
  "Which place from our past would you visit again tomorrow?",
]

[[levels]]
name = "Getting real"
unlock = 3
cards = [
  "What have you been carrying around lately that you haven't said out loud?",
]
"""


_SYLLABLES = ("ka", "lo", "mi", "nu", "ri", "to", "va", "zo")


def place_name(index: int) -> str:
    """A made-up town name, different for every index below 8**5 (no real word, no -s or -e)."""
    letters = ""
    for _ in range(5):
        index, digit = divmod(index, len(_SYLLABLES))
        letters += _SYLLABLES[digit]
    return letters.capitalize()


def questions(level: int, count: int) -> list[str]:
    """`count` distinct open questions for a level, each turned towards the other player.

    Each names three towns of its own, so the deck doctor sees different questions rather than
    near-duplicates of one another, and no level lacks a card that speaks to the other player.
    """
    names = [
        [place_name(3 * (level * 1000 + number) + town) for town in range(3)]
        for number in range(count)
    ]
    return [f"Which of {a}, {b} or {c} would you show me first?" for a, b, c in names]


def deck_toml(
    *,
    name: str = "Test deck",
    levels: list[list[str]] | None = None,
    deck_extra: str = "",
) -> str:
    """A valid deck (unless the caller breaks it) with cards given as TOML values."""
    if levels is None:
        levels = [[f'"{text}"' for text in questions(level, 10)] for level in (1, 2)]
    parts = [f'format = 1\n\n[deck]\nname = "{name}"\n{deck_extra}']
    for number, cards in enumerate(levels, start=1):
        body = "".join(f"  {card},\n" for card in cards)
        parts.append(f'\n[[levels]]\nname = "Level {number}"\ncards = [\n{body}]\n')
    return "".join(parts)


def write(folder: Path, file_name: str, text: str | bytes) -> Path:
    """Write a deck file and return its path."""
    path = folder / file_name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return path
