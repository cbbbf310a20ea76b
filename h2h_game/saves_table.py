"""Provides the list of saved games as an aligned plain-text table, and how a moment is said.

`h2h saves list` prints this table straight from the saves index when the index is sure
(`h2h_game.indexed`), so this module loads no more than time and the text helpers: no
datetime, dataclasses, pathlib or store. `h2h_game.describe` makes the rows of the store's
listing with the same functions, so both ways print the same table. Every cell is plain text
with untrusted parts (names, decks, levels) already made safe to print on one line.
"""

from __future__ import annotations

import time

from h2h_game.untrusted import cut, terminal_safe, width

TYPE_CHECKING = False  # typing waits for a command that needs it
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from datetime import datetime
    from typing import Any

FINISHED = "finished"
IN_PROGRESS = "in progress"

HEADER = ["ID", "PLAYERS", "DECK", "LEVEL", "ANSWERED", "LAST PLAYED", "STATE"]
WIDEST = {"players": 30, "deck": 24, "level": 20}
"""Longer cells are cut short with an ellipsis so the table keeps its shape."""
FLEXIBLE = (1, 2, 3)
"""The columns that give way when the terminal is narrow: players, deck, level."""
NARROWEST = 8
GAP = "  "


def last_played(when: float, now: datetime | None = None) -> str:
    """A moment in local time as people say it: "today 21:14", "Monday 21:14", "3 Nov 2025"."""
    # The time module rather than datetime: importing datetime is a twentieth of what
    # `h2h saves list` costs.
    try:
        moment = time.localtime(when)
    except (OverflowError, OSError, ValueError):
        return "unknown"
    if not 1 <= moment.tm_year <= 9999:
        return "unknown"
    today = now.timetuple() if now is not None else time.localtime()
    days = _day_number(today) - _day_number(moment)
    clock = time.strftime("%H:%M", moment)
    if days == 0:
        return f"today {clock}"
    if days == 1:
        return f"yesterday {clock}"
    if 1 < days < 7:
        return f"{time.strftime('%A', moment)} {clock}"
    if moment.tm_year == today.tm_year:
        return f"{moment.tm_mday} {time.strftime('%b', moment)} {clock}"
    return f"{moment.tm_mday} {time.strftime('%b %Y', moment)}"


def _day_number(moment: time.struct_time) -> int:
    """Days since 1 January of year 1 (as `date.toordinal` counts) of the moment's date."""
    year = moment.tm_year - 1
    return year * 365 + year // 4 - year // 100 + year // 400 + moment.tm_yday


def players_text(names: Sequence[str]) -> str:
    """Both players' names for one line: "Maya & Sam"."""
    first, second = (terminal_safe(name) for name in names)
    return f"{first} & {second}"


def level_shown(finished: bool, level_name: str, deepest_name: str) -> str:
    """The level a list shows: where a game in progress picks up; how deep a finished one went."""
    return terminal_safe(deepest_name if finished else level_name)


def game_status(finished: bool) -> str:
    return FINISHED if finished else IN_PROGRESS


def game_cells(
    listed_id: str,
    *,
    players: Sequence[str],
    deck: str,
    level_name: str,
    deepest_name: str,
    finished: bool,
    answered: int,
    updated: float,
    state: str,
    now: datetime | None = None,
) -> list[str]:
    """A game as a row of the list, in `HEADER`'s order; `state` as `game_status` or a damaged
    file's words."""
    return [
        listed_id,
        cut(players_text(players), WIDEST["players"]),
        cut(terminal_safe(deck), WIDEST["deck"]),
        cut(level_shown(finished, level_name, deepest_name), WIDEST["level"]),
        str(answered),
        last_played(updated, now),
        state,
    ]


def summary_cells(
    listed_id: str, summary: Mapping[str, Any], now: datetime | None = None
) -> list[str]:
    """A game as a row of the list from the summary the saves index keeps of it
    (`h2h_game.indexed`), as `h2h saves list` and Load game draw it before the store loads."""
    return game_cells(
        listed_id,
        players=summary["players"],
        deck=summary["deck"],
        level_name=summary["level_name"],
        deepest_name=summary["deepest_name"],
        finished=summary["finished"],
        answered=summary["answered"],
        updated=summary["updated"],
        state=game_status(summary["finished"]),
        now=now,
    )


def table(rows: Sequence[Sequence[str]], columns: int | None = None) -> str:
    """Rows under `HEADER` as an aligned table, fitted to `columns` terminal columns when given:
    players, deck and level give way first (down to 8 columns each), then lines are cut."""
    lines = [HEADER, *rows]
    widths = [max(width(line[column]) for line in lines) for column in range(len(HEADER))]
    if columns:
        _narrow(widths, columns)
    out = []
    for line in lines:
        cells = [cut(cell, widths[i]) for i, cell in enumerate(line[:-1])]
        padded = [cell + " " * (widths[i] - width(cell)) for i, cell in enumerate(cells)]
        text = GAP.join([*padded, line[-1]]).rstrip()
        out.append(cut(text, columns) if columns else text)
    return "\n".join(out)


def _narrow(widths: list[int], columns: int) -> None:
    """Take columns from the widest flexible column, one at a time, until the table fits."""
    while sum(widths) + len(GAP) * (len(widths) - 1) > columns:
        widest = max(FLEXIBLE, key=lambda column: widths[column])
        if widths[widest] <= NARROWEST:
            return
        widths[widest] -= 1
