"""Provides Problem and DeckError, and the text helpers that keep deck text safe to print."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from h2h_game.untrusted import CONTROL, FORBIDDEN_CONTROL

__all__ = [
    "CONTROL",
    "FORBIDDEN_CONTROL",
    "DeckError",
    "Problem",
    "Severity",
    "describe_char",
    "grouped",
    "is_control",
    "quoted",
    "snippet",
    "visible",
]

SNIPPET_LENGTH = 40

# The C0 abbreviations people know from ASCII tables; C1 controls have none worth showing.
# fmt: off
_C0_NAMES = (
    "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "LF", "VT", "FF", "CR",
    "SO", "SI", "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB", "ESC",
    "FS", "GS", "RS", "US",
)
# fmt: on


class Severity(StrEnum):
    """How bad a problem is: errors make a deck unusable, warnings are the deck doctor's advice."""

    ERROR = "error"
    WARNING = "warning"


def is_control(char: str) -> bool:
    """True for a control character (C0, DEL or C1): bytes that could drive a terminal."""
    return CONTROL.match(char) is not None


def describe_char(char: str) -> str:
    """A character named for a person: `U+001B (ESC)`."""
    code = ord(char)
    if code < len(_C0_NAMES):
        return f"U+{code:04X} ({_C0_NAMES[code]})"
    if code == 0x7F:
        return "U+007F (DEL)"
    return f"U+{code:04X}"


def visible(text: str) -> str:
    """Text with every control character shown as an escape (`\\x1b`), safe on one line."""
    if not CONTROL.search(text):
        return text
    return "".join(
        char.encode("unicode_escape").decode("ascii") if is_control(char) else char for char in text
    )


def quoted(text: str) -> str:
    """Text in double quotes, made visible, for naming a value inside a message."""
    return f'"{visible(text)}"'


def snippet(text: str) -> str:
    """The first 40 characters of a card, on one line, for naming it in a message."""
    flat = " ".join(text.split())
    short = flat if len(flat) <= SNIPPET_LENGTH else flat[:SNIPPET_LENGTH].rstrip() + "…"
    return visible(short)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with (or worth improving in) a deck file, at one place in it."""

    source: str
    """The file as the reader named it, or `<stdin>`-like text for data with no file."""
    message: str
    where: str = ""
    """The place in the file, like `levels[2].cards[5]` or `deck.name`; empty for the file."""
    label: str | None = None
    """What sits at the place (a card's text, a level's name), shown as its first 40 characters."""
    line: int | None = None
    column: int | None = None
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        head = visible(self.source)
        if self.line is not None:
            head = f"{head}:{self.line}:{self.column or 1}"
        place = self.where
        if self.label is not None:
            place = f'{place} ("{snippet(self.label)}")'
        if place:
            return f"{head}: {self.severity}: {place}: {self.message}"
        return f"{head}: {self.severity}: {self.message}"


class DeckError(Exception):
    """A deck that cannot be used, with every problem found in it."""

    def __init__(self, problems: list[Problem], path: Path | None = None) -> None:
        if not problems:
            raise ValueError("a DeckError needs at least one problem")
        self.problems = problems
        self.path = path
        super().__init__(str(problems[0]))

    @property
    def first(self) -> str:
        """The first problem as a printed line."""
        return str(self.problems[0])

    def __str__(self) -> str:
        return "\n".join(str(problem) for problem in self.problems)


GROUP_SHOWN = 3
"""Problems of one kind printed in full before the rest are counted."""
_QUOTED = re.compile(r'"[^"]*"')
_NUMBER = re.compile(r"\d+")


def _kind(problem: Problem) -> tuple[str, str, str]:
    """Problems that differ only in place, numbers or quoted text are of one kind."""
    message = _NUMBER.sub("#", _QUOTED.sub('"…"', problem.message))
    return problem.source, problem.severity.value, message


def grouped(problems: Sequence[Problem], shown: int = GROUP_SHOWN) -> list[str]:
    """Problems as printed lines, repeats of one kind grouped: the first `shown` of each kind,
    then one line "…and 99,997 more like this" where the last shown one was."""
    lines: list[str] = []
    counts: dict[tuple[str, str, str], int] = {}
    slots: dict[tuple[str, str, str], tuple[int, Problem]] = {}
    for problem in problems:
        kind = _kind(problem)
        counts[kind] = counts.get(kind, 0) + 1
        if counts[kind] <= shown:
            lines.append(str(problem))
            if counts[kind] == shown:
                slots[kind] = (len(lines), problem)
    # Insert from the end so earlier positions stay right.
    for kind, (position, problem) in sorted(slots.items(), key=lambda item: -item[1][0]):
        more = counts[kind] - shown
        if more:
            head = visible(problem.source)
            line = f"{head}: {problem.severity}: …and {more:,} more like this"
            lines.insert(position, line)
    return lines
