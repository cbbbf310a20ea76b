"""Provides deck file format 1: reading a TOML deck file into a validated Deck.

Every problem in a file is reported at once. Syntax errors read `FILE:LINE:COL: error: …`;
everything else names its place as a path into the file, `FILE: error: levels[2].cards[5]
("first 40 characters…"): …`, with 0-based indices like TOML arrays: `levels[0]` is the first
`[[levels]]` table and `levels[0].cards[0]` its first card. The checks themselves live in
`h2h_game.decks.document`, shared with CSV import.
"""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path
from typing import Any

from h2h_game.decks.document import (
    CARD_KEYS,
    DECK_KEYS,
    FORMAT,
    LEVEL_KEYS,
    MAX_CARDS,
    MAX_NAME,
    MAX_TEXT,
    TOP_KEYS,
    deck_from_document,
    default_unlock,
)
from h2h_game.decks.problems import DeckError, Problem, visible
from h2h_game.engine.deck import Deck

__all__ = [
    "CARD_KEYS",
    "DECK_KEYS",
    "FORMAT",
    "LEVEL_KEYS",
    "MAX_CARDS",
    "MAX_FILE_BYTES",
    "MAX_NAME",
    "MAX_TEXT",
    "TOP_KEYS",
    "DeckError",
    "Problem",
    "deck_from_document",
    "default_unlock",
    "load_deck",
    "parse_deck",
    "parse_toml",
]

MAX_FILE_BYTES = 5 * 1024 * 1024

_TOML_POSITION = re.compile(r"^(?P<message>.*) \(at line (?P<line>\d+), column (?P<column>\d+)\)$")
_TOML_AT_END = re.compile(r"^(?P<message>.*) \(at end of document\)$")
_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def load_deck(path: str | os.PathLike[str]) -> Deck:
    """Read and validate the deck file at `path`; DeckError lists every problem in it."""
    path = Path(path)
    source = str(path)
    try:
        with path.open("rb") as file:
            # Read one byte past the limit so a huge (or endless, like /dev/zero) file is refused
            # without reading all of it.
            data = file.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise DeckError([Problem(source, "no such file")], path) from None
    except IsADirectoryError:
        raise DeckError([Problem(source, "this is a folder, not a deck file")], path) from None
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise DeckError([Problem(source, f"cannot be read: {reason}")], path) from None
    try:
        return parse_deck(data, source)
    except DeckError as error:
        error.path = path
        raise


def parse_deck(data: bytes, source: str) -> Deck:
    """Validate deck file contents; `source` names the file in messages."""
    return deck_from_document(parse_toml(data, source), source)


def parse_toml(data: bytes, source: str) -> dict[str, Any]:
    """Decode and parse TOML bytes, turning every way that can fail into a DeckError."""
    if len(data) > MAX_FILE_BYTES:
        raise DeckError([Problem(source, "the file is over 5 MB, too big to be a deck")])
    if data.startswith(_UTF16_BOMS):
        raise DeckError([Problem(source, "the file is UTF-16 text; save it as UTF-8")])
    data = data.removeprefix(_UTF8_BOM)
    if not data.strip():
        raise DeckError([Problem(source, "the file is empty")])
    if b"\x00" in data[:8192]:
        raise DeckError([Problem(source, "this is a binary file, not a TOML deck")])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _byte_position(data, error.start)
        byte = data[error.start]
        message = f"not UTF-8 text (byte 0x{byte:02X}); save the file as UTF-8"
        raise DeckError([Problem(source, message, line=line, column=column)]) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise DeckError([_syntax_problem(source, text, str(error))]) from None
    except RecursionError:
        message = "arrays or tables are nested too deeply to be a deck"
        raise DeckError([Problem(source, message)]) from None
    except ValueError:
        # Python refuses to convert integers of thousands of digits; tomllib lets that through.
        message = "a value in the file is too large to read (a number with thousands of digits?)"
        raise DeckError([Problem(source, message)]) from None


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    line = data.count(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return line, column


def _syntax_problem(source: str, text: str, error: str) -> Problem:
    if match := _TOML_POSITION.match(error):
        line, column = int(match["line"]), int(match["column"])
        message = match["message"]
        if message == "Invalid value":
            message = _invalid_value_hint(text, line, column)
        return Problem(source, _sentence(message), line=line, column=column)
    if match := _TOML_AT_END.match(error):
        lines = text.split("\n")
        return Problem(
            source, _sentence(match["message"]), line=len(lines), column=len(lines[-1]) + 1
        )
    return Problem(source, _sentence(error))


def _invalid_value_hint(text: str, line: int, column: int) -> str:
    lines = text.split("\n")
    rest = lines[line - 1][column - 1 :] if line <= len(lines) else ""
    if rest[:1].isalpha() and not rest.startswith(("true", "false", "inf", "nan")):
        return 'invalid value: text needs quotes, like "…"'
    return "invalid value"


def _sentence(message: str) -> str:
    # tomllib's messages start with a capital; ours are lower-case clauses after "error:".
    return visible(message[:1].lower() + message[1:])
