"""Provides the one plain-text description of a saved game and of an evening, for every screen.

`h2h saves list`, `h2h saves show`, `h2h continue` and the Load game screen all describe a game
with these words: its status, the level shown, when it was last played, the story of the evening.
Nothing here imports Textual; everything returned is plain text with untrusted parts (names,
decks, levels, reasons) already made safe to print on one line.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from h2h_game import saves_table
from h2h_game.engine import Ending, Summary
from h2h_game.saves_table import last_played
from h2h_game.store import BrokenSave, Listed, SaveInfo
from h2h_game.untrusted import terminal_safe

DAMAGED = "damaged"
RECOVERED = "damaged, recovered"
NEWER = "needs a newer h2h"
NEWER_REASON = "saved by a newer version of h2h"

ENDINGS = {
    Ending.LENGTH: "That was the evening you chose.",
    Ending.WRAP_UP: "You chose to wrap up here.",
    Ending.CARDS: "You have been through every card you could reach.",
}


# --- the evening -------------------------------------------------------------------------------


def minutes_phrase(minutes: int) -> str:
    if minutes < 1:
        return "a few moments"
    if minutes == 1:
        return "a minute"
    if minutes < 90:
        return f"{minutes} minutes"
    hours, rest = divmod(minutes, 60)
    hour_words = "an hour" if hours == 1 else f"{hours} hours"
    return hour_words if rest < 5 else f"{hour_words} and {rest} minutes"


def count_phrase(count: int, one: str, many: str) -> str:
    if count == 0:
        return f"no {many}"
    return f"one {one}" if count == 1 else f"{count} {many}"


def times_phrase(count: int) -> str:
    return {0: "", 1: " once", 2: " twice"}.get(count, f" {count} times")


def story(summary: Summary) -> list[str]:
    """The evening as a few sentences, not a scoreboard. Level names are untrusted text."""
    lines = [f"You spent {minutes_phrase(summary.minutes)} together."]
    answered = count_phrase(summary.answered, "card", "cards")
    if summary.met:
        lines.append(f"You answered {answered} and met each other{times_phrase(summary.met)}.")
    else:
        lines.append(f"You answered {answered}.")
    if summary.felt_heard:
        lines.append(f"Someone felt truly heard{times_phrase(summary.felt_heard)}.")
    lines.append(f"The trust jar holds {count_phrase(summary.jar, 'token', 'tokens')}.")
    return lines


def evening(summary: Summary) -> list[str]:
    """The whole summary of an evening as the summary screen tells it, safe to print."""
    lines = story(summary)
    lines.insert(2, f"You reached “{terminal_safe(summary.deepest_name)}”.")
    if summary.ending is not None:
        lines.append(ENDINGS[summary.ending])
    return lines


# --- a saved game ------------------------------------------------------------------------------


def status(item: Listed) -> str:
    """One word or two for the state of a save: finished, in progress, damaged…"""
    if isinstance(item, SaveInfo):
        return saves_table.game_status(item.finished)
    if item.reason == NEWER_REASON:
        return NEWER
    return RECOVERED if item.recovered else DAMAGED


def level_shown(item: SaveInfo) -> str:
    """The level a list shows: where a game in progress picks up; how deep a finished one went."""
    return saves_table.level_shown(item.finished, item.level_name, item.deepest_name)


def players(item: SaveInfo) -> str:
    return saves_table.players_text(item.players)


def game_known(item: Listed) -> SaveInfo | None:
    """The game a listed item is, or was as far as the index knew before it was damaged."""
    return item if isinstance(item, SaveInfo) else item.game


def named(item: Listed, now: datetime | None = None) -> str:
    """A save named in a sentence: "the game of Maya and Sam (Partners, last played today
    21:14)", or "the damaged file X" when nothing is known of its game."""
    game = game_known(item)
    if game is None:
        return f"the damaged file {item.path.name}"
    first, second = (terminal_safe(name) for name in game.players)
    when = last_played(game.updated, now)
    return f"the game of {first} and {second} ({terminal_safe(game.deck)}, last played {when})"


def detail(item: Listed) -> list[str]:
    """A few lines about one save, for under a list: who, which deck, how far; or why not."""
    game = game_known(item)
    lines = []
    if game is not None:
        lines.append(f"{players(game)} · {terminal_safe(game.deck)}")
        met = times_phrase(game.met) or " not yet"
        lines.append(
            f"Reached “{terminal_safe(game.deepest_name)}”, met each other{met}, "
            f"{minutes_phrase(game.minutes)} together."
        )
    if isinstance(item, BrokenSave):
        lines.append(f"{item.path.name}: {terminal_safe(item.reason)}.")
        if item.recovered:
            lines.append(f"It has been recovered as {item.game_id}.")
        elif item.reason != NEWER_REASON:
            lines.append(f"`h2h saves recover {item.id}` brings back its last good state.")
    return lines


# --- the list ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One save as a row of plain, printable cells, in `saves_table.HEADER`'s order."""

    id: str
    players: str
    deck: str
    level: str
    answered: str
    last_played: str
    status: str

    def cells(self) -> list[str]:
        return [
            self.id,
            self.players,
            self.deck,
            self.level,
            self.answered,
            self.last_played,
            self.status,
        ]


def row(item: Listed, now: datetime | None = None) -> Row:
    """A save as a row of the list: a damaged one keeps what the index knew of its game."""
    game = game_known(item)
    state = status(item)
    if isinstance(item, BrokenSave):
        state = f"{state}: {terminal_safe(item.reason)}"
    if game is None:
        when = last_played(item.last_played, now) if item.last_played else ""
        return Row(item.id, "", "", "", "", when, state)
    cells = saves_table.game_cells(
        item.id,
        players=game.players,
        deck=game.deck,
        level_name=game.level_name,
        deepest_name=game.deepest_name,
        finished=game.finished,
        answered=game.answered,
        updated=game.updated,
        state=state,
        now=now,
    )
    return Row(*cells)


def table(items: list[Listed], now: datetime | None = None, columns: int | None = None) -> str:
    """The list of saves as an aligned table (`saves_table.table`)."""
    return saves_table.table([row(item, now).cells() for item in items], columns)


def damaged_message(item: BrokenSave, now: datetime | None = None) -> list[str]:
    """What to tell the players about a save that cannot be opened: which game it was, why,
    where its file is, and what they can do."""
    name = named(item, now)
    lines = [f"{name[:1].upper()}{name[1:]} cannot be opened: {terminal_safe(item.reason)}."]
    kept = " (moved aside and kept as it was)" if item.moved else ""
    lines.append(f"Its file is {terminal_safe(str(item.path))}{kept}.")
    if status(item) == NEWER:
        lines.append("Update h2h to open it.")
    elif item.recovered:
        lines.append(f"It has been recovered. Carry on with: h2h continue {item.game_id}")
    else:
        lines.append(f"Bring back its last good state with: h2h saves recover {item.id}")
        lines.append(f"Or delete it with: h2h saves delete {item.id}")
    return lines
