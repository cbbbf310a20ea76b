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
from h2h_game.files import NotAFile, TooBig, read_regular

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
    "parse_deck_file",
    "parse_toml",
    "read_deck_file",
]

MAX_FILE_BYTES = 5 * 1024 * 1024
TOO_BIG = "the file is over 5 MB, too big to be a deck"
UTF8_BOM = b"\xef\xbb\xbf"
"""The byte order mark some editors (and Excel's "CSV UTF-8") put first; it is skipped."""
JSON_HINT = (
    "this is JSON, not TOML: a deck is written in TOML (format = 1, then [deck] and "
    "[[levels]]); `h2h deck new NAME` writes one to start from"
)

_TOML_POSITION = re.compile(r"^(?P<message>.*) \(at line (?P<line>\d+), column (?P<column>\d+)\)$")
_TOML_AT_END = re.compile(r"^(?P<message>.*) \(at end of document\)$")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def load_deck(path: str | os.PathLike[str]) -> Deck:
    """Read and validate the deck file at `path`; DeckError lists every problem in it."""
    path = Path(path)
    return parse_deck_file(read_deck_file(path), path)


def parse_deck_file(data: bytes, path: Path) -> Deck:
    """Validate `data`, read from the deck file at `path`; DeckError names the file."""
    try:
        return parse_deck(data, str(path))
    except DeckError as error:
        error.path = path
        raise


def read_deck_file(path: Path) -> bytes:
    """The bytes of a deck (or CSV) file; DeckError when it cannot be one.

    Only a regular file is read (a link to one is fine: someone chose it), never more than the
    5 MB cap: a FIFO, a device such as /dev/zero, a socket or a folder is refused at once, and
    opening never waits for a FIFO's writer.
    """
    source = str(path)
    try:
        return read_regular(path, MAX_FILE_BYTES)
    except FileNotFoundError:
        raise DeckError([Problem(source, "no such file")], path) from None
    except NotAFile as error:
        raise DeckError([Problem(source, f"{error.reason}, so not a deck")], path) from None
    except TooBig:
        raise DeckError([Problem(source, TOO_BIG)], path) from None
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise DeckError([Problem(source, f"cannot be read: {reason}")], path) from None


def parse_deck(data: bytes, source: str) -> Deck:
    """Validate deck file contents; `source` names the file in messages."""
    return deck_from_document(parse_toml(data, source), source)


def parse_toml(data: bytes, source: str) -> dict[str, Any]:
    """Decode and parse TOML bytes, turning every way that can fail into a DeckError."""
    if len(data) > MAX_FILE_BYTES:
        raise DeckError([Problem(source, TOO_BIG)])
    if data.startswith(_UTF16_BOMS):
        raise DeckError([Problem(source, "the file is UTF-16 text; save it as UTF-8")])
    data = data.removeprefix(UTF8_BOM)
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
    if looks_like_json(text):
        raise DeckError([Problem(source, JSON_HINT, line=1, column=1)])
    # The parser and the shape check load with the first deck parsed: a game whose deck
    # comes from the cache needs neither (importing them is about 4 ms of `h2h new`).
    import tomli

    from h2h_game.decks.shape import check_shape

    if shape := check_shape(text):
        raise DeckError([Problem(source, shape.message, line=shape.line)])
    try:
        # tomli is tomllib's upstream, the same parser; its compiled wheel reads a big deck in
        # about half tomllib's time.
        return tomli.loads(text)
    except tomli.TOMLDecodeError as error:
        raise DeckError([_syntax_problem(source, text, str(error))]) from None
    except RecursionError:
        message = "arrays or tables are nested too deeply to be a deck"
        raise DeckError([Problem(source, message)]) from None
    except ValueError:
        # Python refuses to convert integers of thousands of digits; tomli lets that through.
        message = "a value in the file is too large to read (a number with thousands of digits?)"
        raise DeckError([Problem(source, message)]) from None


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    line = data.count(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return line, column


def looks_like_json(text: str) -> bool:
    """Whether the text is a JSON document rather than TOML, which never starts with `{`, nor
    with `[` then `{` (a header is `[name]`, `[[name]]` or `["name"]`)."""
    start = text.lstrip()
    return start.startswith("{") or (start.startswith("[") and start[1:].lstrip()[:1] == "{")


def _syntax_problem(source: str, text: str, error: str) -> Problem:
    if match := _TOML_POSITION.match(error):
        line, column = int(match["line"]), int(match["column"])
        message = match["message"]
        if message == "Invalid value":
            message = _invalid_value_hint(text, line, column)
        elif message == "Illegal character '\\n'":
            message = UNCLOSED_STRING
        return Problem(source, _sentence(message), line=line, column=column)
    if match := _TOML_AT_END.match(error):
        message = match["message"]
        if message == "Unterminated string" or message in ('Expected "\'"', "Expected '\"'"):
            line, column = _last_opening(text)
            return Problem(source, UNCLOSED_MULTILINE, line=line, column=column)
        lines = text.split("\n")
        return Problem(source, _sentence(message), line=len(lines), column=len(lines[-1]) + 1)
    return Problem(source, _sentence(error))


UNCLOSED_STRING = (
    'this line ends inside a string: close it with " before the line ends, '
    'or use """…""" for text over several lines'
)
UNCLOSED_MULTILINE = (
    "a string that begins here is never closed, so the rest of the file became part of it: "
    "close it with the same quotes it opens with (\"\"\" or ''')"
)


def _last_opening(text: str) -> tuple[int, int]:
    """Where the last multi-line (or, failing that, literal) string opener is: the one left
    open when the file ends inside a string."""
    at = max(text.rfind('"""'), text.rfind("'''"))
    if at < 0:
        at = max(text.rfind("'"), text.rfind('"'), 0)
    line = text.count("\n", 0, at) + 1
    column = at - (text.rfind("\n", 0, at) + 1) + 1
    return line, column


def _invalid_value_hint(text: str, line: int, column: int) -> str:
    lines = text.split("\n")
    rest = lines[line - 1][column - 1 :] if line <= len(lines) else ""
    if rest[:1].isalpha() and not rest.startswith(("true", "false", "inf", "nan")):
        return 'invalid value: text needs quotes, like "…"'
    return "invalid value"


def _sentence(message: str) -> str:
    # tomli's messages start with a capital; ours are lower-case clauses after "error:".
    return visible(message[:1].lower() + message[1:])
