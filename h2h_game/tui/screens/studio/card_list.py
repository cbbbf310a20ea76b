"""Provides `CardList`: a deck's cards, one line each, drawing only the lines on screen.

A 10,000-card deck is 10,000 rows but never 10,000 widgets: the list is a line-API `ScrollView`
whose rows are small tuples (`h2h_game.decks.studio.finding`), rendered as they scroll into view.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual

from h2h_game.decks.problems import Severity
from h2h_game.decks.studio.checks import ProblemBook
from h2h_game.decks.studio.draft import Draft
from h2h_game.decks.studio.finding import EMPTY, HEADING, Row
from h2h_game.tui.literal import literal_line

MARKS = {Severity.ERROR: ("✗ ", "$error"), Severity.WARNING: ("! ", "$warning")}
WILD_MARK = "✦ "


@dataclass(frozen=True)
class CardRows:
    """What the list shows: the draft's rows that the filter leaves, and their problems."""

    draft: Draft
    book: ProblemBook
    rows: list[Row] = field(default_factory=list)
    filtered: bool = False

    def __len__(self) -> int:
        return len(self.rows)

    def label(self, index: int) -> Content:
        """One row as a line of content (card text is shown literally, on one line)."""
        level_index, card_index, what = self.rows[index]
        level = self.draft.levels[level_index]
        if what == HEADING:
            count = len(level.cards)
            noun = "card" if count == 1 else "cards"
            return Content.assemble(
                literal_line(level.name).stylize("bold"),
                (f"  level {level_index + 1} · {count} {noun}", "dim"),
                self._mark(("level", level.key), "  "),
            )
        if what == EMPTY:
            return Content.assemble("  ", ("No cards here yet: press a to add one.", "dim italic"))
        card = level.cards[card_index]
        text = " ".join(card.text.split())
        words = literal_line(text) if text else Content.styled("(no text yet)", "dim italic")
        return Content.assemble(
            self._mark(("card", card.key), "  "),
            (WILD_MARK, "$accent") if card.is_wild else "",
            words,
        )

    def _mark(self, target: tuple[str, int], blank: str) -> Content | str | tuple[str, str]:
        severity = self.book.severity(target)
        return MARKS[severity] if severity is not None else blank


class CardList(ScrollView, can_focus=True):
    """The cards of the deck, filtered; the cursor picks the card the panel beside it shows."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "move(-1_000_000)", "First", show=False),
        Binding("end", "move(1_000_000)", "Last", show=False),
        Binding("enter", "choose", "Edit", tooltip="Write in the card you are on"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {"card-list--cursor", "card-list--row"}

    DEFAULT_CSS = """
    CardList {
        overflow-x: hidden;
        overflow-y: auto;
    }
    """

    rows: reactive[CardRows | None] = reactive(None, always_update=True, layout=False)
    """What to show; set a new one after every edit or change of filter."""
    cursor: reactive[int] = reactive(0, always_update=True)

    class Highlighted(Message):
        """The cursor moved to a row (None when the list is empty)."""

        def __init__(self, row: Row | None) -> None:
            super().__init__()
            self.row = row

    class Chosen(Message):
        """Enter (or a second click) on a row: the person wants to write in it."""

        def __init__(self, row: Row) -> None:
            super().__init__()
            self.row = row

    @property
    def row(self) -> Row | None:
        rows = self.rows
        if rows is None or not rows.rows:
            return None
        return rows.rows[min(self.cursor, len(rows.rows) - 1)]

    def show(self, rows: CardRows, cursor: int | None = None) -> None:
        """New rows, the cursor on `cursor` (or kept where it was, within the rows)."""
        self.set_reactive(
            CardList.cursor, self._fit(cursor if cursor is not None else self.cursor, len(rows))
        )
        self.rows = rows

    def _fit(self, cursor: int, count: int) -> int:
        return max(0, min(cursor, count - 1)) if count else 0

    def watch_rows(self, rows: CardRows | None) -> None:
        count = len(rows) if rows is not None else 0
        self.virtual_size = Size(self.scrollable_content_region.width, count)
        self._scroll_to_cursor()
        self.refresh()
        self.post_message(self.Highlighted(self.row))

    def validate_cursor(self, cursor: int) -> int:
        return self._fit(cursor, len(self.rows) if self.rows is not None else 0)

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_line(old)
        self.refresh_line(new)
        self._scroll_to_cursor()
        if old != new:
            self.post_message(self.Highlighted(self.row))

    def refresh_row(self, index: int) -> None:
        """Draw one row again (its card changed)."""
        self.refresh_line(index)

    def _scroll_to_cursor(self) -> None:
        height = self.scrollable_content_region.height
        if height <= 0:
            self.call_after_refresh(self._scroll_to_cursor_later)
            return
        top = round(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False)

    def _scroll_to_cursor_later(self) -> None:
        if self.scrollable_content_region.height > 0:
            self._scroll_to_cursor()

    def on_resize(self) -> None:
        count = len(self.rows) if self.rows is not None else 0
        self.virtual_size = Size(self.scrollable_content_region.width, count)
        self._scroll_to_cursor()

    def action_move(self, step: int) -> None:
        self.cursor = self.cursor + step

    def action_page(self, direction: int) -> None:
        self.cursor = self.cursor + direction * max(1, self.scrollable_content_region.height - 1)

    def action_choose(self) -> None:
        if (row := self.row) is not None:
            self.post_message(self.Chosen(row))

    async def _on_click(self, event: events.Click) -> None:
        index = event.y + round(self.scroll_y)
        if self.rows is None or not 0 <= index < len(self.rows):
            return
        if index == self.cursor and event.chain >= 2:
            self.action_choose()
        self.cursor = index

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = y + round(self.scroll_y)
        rows = self.rows
        base = self.get_visual_style("card-list--row")
        if rows is None or not 0 <= index < len(rows):
            return Strip.blank(width, base.rich_style)
        if index == self.cursor:
            style = self.get_visual_style("card-list--row", "card-list--cursor")
        else:
            style = base
        label = rows.label(index).truncate(width, ellipsis=True)
        strips = Visual.to_strips(self, label, width, 1, style)
        return strips[0].extend_cell_length(width, style.rich_style)
