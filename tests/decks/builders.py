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


def questions(level: int, count: int) -> list[str]:
    """`count` distinct open questions for a level."""
    return [
        f"What is story number {number} from part {level} of your life?" for number in range(count)
    ]


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
