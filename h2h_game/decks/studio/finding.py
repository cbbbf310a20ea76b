"""Provides finding cards: a filter by text, level, tag or problem, and the rows it leaves.

Rows are what the studio's card list shows, one line each: a level's heading, a card, or the
note that a level has no cards yet. They are small tuples, sorted in deck order, so a 10,000-card
deck is filtered in a few milliseconds and a card's row is found by bisection.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from enum import StrEnum

from h2h_game.decks.problems import Severity
from h2h_game.decks.studio.checks import ProblemBook
from h2h_game.decks.studio.draft import Draft

HEADING, CARD, EMPTY = 0, 1, 2
Row = tuple[int, int, int]
"""(level index, card index, what): a heading is (level, -1, HEADING), a card (level, card,
CARD), and an empty level's note (level, 0, EMPTY)."""


class Show(StrEnum):
    """Which cards to show by their problems."""

    ALL = "all"
    PROBLEMS = "problems"
    """Cards with an error or a warning."""
    ERRORS = "errors"


@dataclass(frozen=True)
class Filter:
    """What the person is looking for; the empty filter shows every card."""

    text: str = ""
    level: int | None = None
    """A level's key."""
    tag: str | None = None
    show: Show = Show.ALL

    @property
    def active(self) -> bool:
        return (
            bool(self.text.strip())
            or self.level is not None
            or self.tag is not None
            or (self.show is not Show.ALL)
        )


def find_rows(draft: Draft, book: ProblemBook, wanted: Filter) -> list[Row]:
    """The rows of the cards that match, each level's heading before its cards.

    Without a filter every level is shown, with a note on those that have no cards yet; with
    one, only the levels that hold a match.
    """
    needle = wanted.text.strip().casefold()
    rows: list[Row] = []
    for level_index, level in enumerate(draft.levels):
        if wanted.level is not None and level.key != wanted.level:
            continue
        cards = level.cards
        if not wanted.active:
            rows.append((level_index, -1, HEADING))
            if cards:
                rows.extend((level_index, index, CARD) for index in range(len(cards)))
            else:
                rows.append((level_index, 0, EMPTY))
            continue
        found = [
            index
            for index, card in enumerate(cards)
            if (not needle or needle in card.folded)
            and (wanted.tag is None or wanted.tag in card.tags)
            and _shows(book, card.key, wanted.show)
        ]
        if found or (wanted.level is not None and not cards):
            rows.append((level_index, -1, HEADING))
            rows.extend((level_index, index, CARD) for index in found)
            if not cards:
                rows.append((level_index, 0, EMPTY))
    return rows


def _shows(book: ProblemBook, key: int, show: Show) -> bool:
    if show is Show.ALL:
        return True
    severity = book.severity(("card", key))
    if show is Show.ERRORS:
        return severity is Severity.ERROR
    return severity is not None


def row_of_card(rows: list[Row], draft: Draft, key: int) -> int | None:
    """Where a card's row is, or None when the filter hides it (or it is gone)."""
    if not draft.has_card(key):
        return None
    level_index, card_index = draft.position(key)
    index = bisect_left(rows, (level_index, card_index, CARD))
    if index < len(rows) and rows[index] == (level_index, card_index, CARD):
        return index
    return None


def row_of_level(rows: list[Row], level_index: int) -> int | None:
    """Where a level's heading is, or None when the filter hides the level."""
    index = bisect_left(rows, (level_index, -1, HEADING))
    if index < len(rows) and rows[index][0] == level_index:
        return index
    return None
