"""Provides CSV import and export of decks, for people who keep their questions in a spreadsheet.

Columns: `level` and `text` (required), then `tags` (joined by `;`), `kind`, `effect`, `id`. The
delimiter (`,` or `;`) is sniffed from the header; quoted fields, embedded newlines, a BOM and
CRLF line ends all work. Rows are numbered like a spreadsheet: the header is row 1.

Levels: a CSV says nothing of deck metadata, so import takes it from elsewhere. Without a
metadata deck, the deck is named after the file (or `name`), and either every `level` cell is a
number (levels "Level 1", "Level 2", … with default unlocks) or every one is a level name
(levels in order of first appearance). With a metadata deck (`meta`, e.g. the TOML deck the CSV
was exported from), its name, description, tags and its levels' names, descriptions and unlocks
are kept; a `level` cell is one of its level names or numbers; levels no row uses are dropped.

Export writes the level by name, so names survive, and writes an `id` only when the card's id is
not the one its text would give it. TOML → CSV → TOML with the original deck as `meta` gives an
equal deck; without `meta`, it does for decks whose metadata is what import would make.

A spreadsheet runs a cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return as a
formula, so export puts a `'` before such a cell (and before one that is already a run of `'`
then one of those), as OWASP advises; import takes one `'` off the same cells, so a round trip
gives back exactly the text it started with.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from h2h_game.decks.document import FORMAT, TAG_SEPARATOR, deck_from_document
from h2h_game.decks.format import MAX_FILE_BYTES, TOO_BIG, UTF8_BOM
from h2h_game.decks.problems import DeckError, Problem, quoted
from h2h_game.engine.deck import MAX_LEVELS, Deck, Kind, card_id

COLUMNS = ("level", "text", "tags", "kind", "effect", "id")
REQUIRED = ("level", "text")

_FORMULA = re.compile("'*[=+\\-@\t\r]")
"""A cell a spreadsheet would run as a formula, or one already escaped (more `'` before it)."""
_ESCAPED = re.compile("'+[=+\\-@\t\r]")


def inert(cell: str) -> str:
    """A cell as export writes it: a `'` before anything a spreadsheet would run as a formula."""
    return "'" + cell if _FORMULA.match(cell) else cell


def restored(cell: str) -> str:
    """A cell as import reads it: `inert` undone."""
    return cell[1:] if _ESCAPED.match(cell) else cell


class _InertWriter:
    """A csv writer whose every cell goes through `inert`."""

    def __init__(self, out: io.StringIO) -> None:
        self._writer = csv.writer(out, lineterminator="\n")

    def writerow(self, cells: Iterable[str]) -> None:
        self._writer.writerow([inert(cell) for cell in cells])


def deck_to_csv(deck: Deck) -> str:
    """The deck's cards as CSV rows with every column, levels written by name, every cell inert
    in a spreadsheet (see `inert`)."""
    out = io.StringIO()
    writer = _InertWriter(out)
    writer.writerow(COLUMNS)
    for level in deck.levels:
        for card in level.cards:
            derived = card.id == card_id(card.level, card.text)
            writer.writerow(
                (
                    level.name,
                    card.text,
                    TAG_SEPARATOR.join(card.tags),
                    "" if card.kind is Kind.QUESTION else card.kind.value,
                    card.effect.value if card.effect else "",
                    "" if derived else card.id,
                )
            )
    return out.getvalue()


def name_from_path(path: str | Path) -> str:
    """A deck name made from a file name: `my_questions.csv` → "My questions"."""
    stem = Path(path).stem.replace("_", " ").replace("-", " ")
    name = " ".join(stem.split())[:60]
    return name[:1].upper() + name[1:] if name else "My deck"


def read_csv(
    data: bytes, source: str, *, name: str | None = None, meta: Deck | None = None
) -> Deck:
    """Read CSV bytes into a validated Deck; DeckError names the rows that are wrong.

    Args:
        data: the file's contents.
        source: the file as named in messages; the deck's name comes from it by default.
        name: the deck's name, overriding `meta` and the file name.
        meta: a deck whose metadata and levels the imported deck keeps.
    """
    rows = _rows(data, source)
    header, body = rows[0], rows[1:]
    columns = _columns(header, source)
    problems: list[Problem] = []
    records: list[tuple[int, dict[str, str]]] = []
    for number, cells in body:
        if not any(cell.strip() for cell in cells):
            continue
        record = dict(zip(columns, cells, strict=False))
        if len(cells) > len(columns):
            message = f"{len(cells)} cells, but the header names {len(columns)} columns"
            problems.append(Problem(source, message, where=f"row {number}"))
        elif not record.get("level", "").strip():
            problems.append(Problem(source, "the level is empty", where=f"row {number}"))
        else:
            records.append((number, record))
    if not records and not problems:
        problems.append(Problem(source, "no cards: the file has a header but no rows"))
    if not records:
        raise DeckError(problems)
    levels, placed, level_problems = _levels(records, source, meta)
    problems.extend(level_problems)
    if problems and not levels:
        raise DeckError(sorted(problems, key=_row_order))
    deck_name = name if name is not None else (meta.name if meta else name_from_path(source))
    document = {
        "format": FORMAT,
        "deck": _deck_table(deck_name, meta, records),
        "levels": levels,
    }
    if meta is not None and (meta.landing or meta.closing):
        document["ending"] = {"landing": list(meta.landing), "closing": meta.closing or None}

    def card_place(level: int, card: int) -> str:
        return f"row {placed[level][card]}"

    try:
        deck = deck_from_document(document, source, card_place)
    except DeckError as error:
        problems.extend(error.problems)
    if problems:
        raise DeckError(sorted(problems, key=_row_order))
    return deck


def _row_order(problem: Problem) -> int:
    # Problems of the whole file first, then by row, as a person would read the sheet.
    return int(problem.where.removeprefix("row ")) if problem.where.startswith("row ") else 0


def _rows(data: bytes, source: str) -> list[tuple[int, list[str]]]:
    """Decode and split the file into (row number, cells), the header first."""
    if len(data) > MAX_FILE_BYTES:
        raise DeckError([Problem(source, TOO_BIG)])
    data = data.removeprefix(UTF8_BOM)
    if not data.strip():
        raise DeckError([Problem(source, "the file is empty")])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        message = f"not UTF-8 text (byte 0x{data[error.start]:02X} on line {line}); "
        message += "save it as CSV UTF-8"
        raise DeckError([Problem(source, message)]) from None
    # A quoted newline in a CRLF file would otherwise keep its CR, a control character.
    text = text.replace("\r\n", "\n")
    if "\x00" in text:
        raise DeckError([Problem(source, "this is a binary file, not CSV")])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    rows: list[tuple[int, list[str]]] = []
    last_start = last_end = 0
    try:
        for cells in reader:
            last_start, last_end = last_end + 1, reader.line_num
            rows.append((len(rows) + 1, [restored(cell) for cell in cells]))
    except csv.Error as error:
        where = f"row {len(rows) + 1}"
        raise DeckError([Problem(source, f"not valid CSV: {error}", where=where)]) from None
    if not rows:
        raise DeckError([Problem(source, "the file is empty")])
    if _ends_in_quote(text, last_start):
        message = (
            'a quote (") opens a cell in this row and is never closed, so the rest of the file '
            'became one cell: close it, or double a quote meant as text ("")'
        )
        raise DeckError([Problem(source, message, where=f"row {len(rows)}", line=last_start)])
    return rows


def _ends_in_quote(text: str, last_row_line: int) -> bool:
    """Whether the file ends inside a quoted cell, opened in the row starting on that line.

    Python's reader says nothing then: it folds the rest of the file into the cell. Inside a
    row whose cells are well quoted, quotes come in pairs (opening, closing, doubled); an odd
    count in a last row that runs over several lines means one was never closed.
    """
    offset = 0
    for _ in range(last_row_line - 1):
        offset = text.find("\n", offset) + 1
        if offset == 0:
            return False
    rest = text[offset:].rstrip("\n")
    return "\n" in rest and rest.count('"') % 2 == 1


def _delimiter(text: str) -> str:
    """`,` or `;`, whichever splits the header into known column names."""
    header = text.split("\n", 1)[0]
    scores = {
        delimiter: sum(cell.strip().lower() in COLUMNS for cell in header.split(delimiter))
        for delimiter in (",", ";")
    }
    # The header names known columns, which makes it a surer guide than csv.Sniffer's guesses.
    return ";" if scores[";"] > scores[","] else ","


def _columns(header: tuple[int, list[str]], source: str) -> list[str]:
    _, cells = header
    columns = [cell.strip().lower() for cell in cells]
    if not set(REQUIRED) & set(columns):
        raise DeckError(
            [
                Problem(
                    source,
                    "no header row: the first row must name the columns, like " + ",".join(COLUMNS),
                    where="row 1",
                )
            ]
        )
    problems: list[Problem] = []
    for column in columns:
        if column not in COLUMNS:
            matches = difflib.get_close_matches(column, COLUMNS, n=1, cutoff=0.6)
            hint = f' (did you mean "{matches[0]}"?)' if matches else ""
            message = f"unknown column {quoted(column)}{hint}; the columns are {', '.join(COLUMNS)}"
            problems.append(Problem(source, message, where="row 1"))
        elif columns.count(column) > 1:
            message = f"the column {quoted(column)} appears twice"
            if message not in (problem.message for problem in problems):
                problems.append(Problem(source, message, where="row 1"))
    problems.extend(
        Problem(source, f'the header has no "{column}" column', where="row 1")
        for column in REQUIRED
        if column not in columns
    )
    if problems:
        raise DeckError(problems)
    return columns


def _levels(
    records: list[tuple[int, dict[str, str]]], source: str, meta: Deck | None
) -> tuple[list[dict[str, Any]], list[list[int]], list[Problem]]:
    """The document's levels with their cards, the row number of every card, and problems."""
    cells: list[str] = []
    if meta is not None:
        tables = [
            _level_table(
                level.name,
                level.description,
                level.unlock,
                level.settle if level.number > 1 else None,
            )
            for level in meta.levels
        ]
        lookup = _meta_lookup(meta)
    else:
        cells = [record["level"].strip() for _, record in records]
        tables, lookup = _levels_from_cells(cells)
    by_name = meta is None and not all(_is_number(cell) for cell in cells)
    rows: list[list[int]] = [[] for _ in tables]
    problems: list[Problem] = []
    for number, record in records:
        cell = record["level"].strip()
        index = lookup.get(cell.casefold())
        if index is None and _is_number(cell):
            index = lookup.get(str(int(cell)))
        if index is None:
            problems.append(_unknown_level(cell, tables, source, number, named=by_name))
            continue
        tables[index]["cards"].append(_card_table(record))
        rows[index].append(number)
    if meta is None:
        problems.extend(_gaps(tables, source))
    used = [index for index, table in enumerate(tables) if table["cards"]]
    kept = [tables[index] for index in used]
    if kept and meta is not None:
        # With the first meta level dropped, the first level left is the one that starts open.
        kept[0]["unlock"] = 0
        kept[0].pop("settle", None)
    return kept, [rows[index] for index in used], problems


def _level_table(
    name: str, description: str = "", unlock: int | None = None, settle: int | None = None
) -> dict[str, Any]:
    table: dict[str, Any] = {"name": name, "cards": []}
    if description:
        table["description"] = description
    if unlock is not None:
        table["unlock"] = unlock
    if settle is not None:
        table["settle"] = settle
    return table


def _meta_lookup(meta: Deck) -> dict[str, int]:
    lookup = {str(level.number): level.number - 1 for level in meta.levels}
    # Names win over numbers, so a level named "2" is found by its name.
    lookup.update({level.name.casefold(): level.number - 1 for level in meta.levels})
    return lookup


def _levels_from_cells(cells: list[str]) -> tuple[list[dict[str, Any]], dict[str, int]]:
    if all(_is_number(cell) for cell in cells):
        count = max((int(cell) for cell in cells if int(cell) <= MAX_LEVELS), default=0)
        tables = [_level_table(f"Level {number}") for number in range(1, count + 1)]
        return tables, {str(number): number - 1 for number in range(1, count + 1)}
    tables = []
    lookup: dict[str, int] = {}
    for cell in cells:
        if cell.casefold() not in lookup and not _is_number(cell):
            lookup[cell.casefold()] = len(tables)
            tables.append(_level_table(cell))
    return tables, lookup


def _is_number(cell: str) -> bool:
    # Short, so int() never meets Python's limit on the digits of a string it converts.
    return cell.isascii() and cell.isdecimal() and len(cell) <= 6


def _unknown_level(
    cell: str, tables: list[dict[str, Any]], source: str, row: int, *, named: bool
) -> Problem:
    names = [table["name"] for table in tables]
    if named and _is_number(cell):
        message = (
            f"level {cell} is a number, but other rows name their levels ("
            + ", ".join(quoted(name) for name in names)
            + "): use names or numbers throughout"
        )
    elif _is_number(cell) and int(cell) > MAX_LEVELS:
        message = f"unknown level {cell}: a deck has at most {MAX_LEVELS} levels"
    elif _is_number(cell):
        message = f"unknown level {cell}: levels are numbered from 1 to {len(names)}"
    else:
        matches = difflib.get_close_matches(cell, names, n=1, cutoff=0.6)
        hint = f' (did you mean "{matches[0]}"?)' if matches else ""
        message = f"unknown level {quoted(cell)}{hint}; the levels are " + ", ".join(
            quoted(name) for name in names
        )
    return Problem(source, message, where=f"row {row}")


def _gaps(tables: list[dict[str, Any]], source: str) -> list[Problem]:
    return [
        Problem(
            source,
            f"no row is on level {number}: number the levels 1, 2, 3… without gaps",
        )
        for number, table in enumerate(tables, start=1)
        if not table["cards"]
    ]


def _card_table(record: Mapping[str, str]) -> dict[str, Any] | str:
    table: dict[str, Any] = {"text": record.get("text", "")}
    tags = [tag.strip() for tag in record.get("tags", "").split(TAG_SEPARATOR) if tag.strip()]
    if tags:
        table["tags"] = tags
    for column in ("kind", "effect", "id"):
        if value := record.get(column, "").strip():
            table[column] = value
    return table


def _deck_table(
    name: str, meta: Deck | None, records: list[tuple[int, dict[str, str]]]
) -> dict[str, Any]:
    table: dict[str, Any] = {"name": name}
    if meta is None:
        # Declare the tags the cards use, so the author only has to add labels.
        used: list[str] = []
        for _, record in records:
            for tag in record.get("tags", "").split(TAG_SEPARATOR):
                if tag.strip() and tag.strip() not in used:
                    used.append(tag.strip())
        if used:
            table["tags"] = used
        return table
    for key in ("description", "author", "how_to_play", "audience", "language"):
        if value := getattr(meta, key):
            table[key] = value
    if meta.tags:
        table["tags"] = dict(meta.tags)
    return table
