"""Provides `KeyBar`: every key that does something right now, on one or two lines, clickable.

Textual's `Footer` rebuilds a widget per key whenever the possible moves change, which at the
table is every key press (and it never frees the old ones). The key bar is one widget of two
fixed rows that redraws its text: the moves come in priority order and wrap onto the second row
rather than fall off the edge at 80 columns.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.style import Style
from textual.widget import Widget

from h2h_game.tui.moves import Choice
from h2h_game.tui.widgets.remembered import Remembered

GAP = "   "


class KeyBar(Remembered, Widget):
    """The keys of the moves possible now; clicking one is pressing it."""

    DEFAULT_CSS = """
    KeyBar {
        height: 2;
        padding: 0 1;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        # Plain attributes, not reactives: a reactive keeps its old value when the new one is
        # ==, and Content's == compares the text alone, so words changed in style alone were
        # never shown. `show` sets all three and redraws.
        self.choices: tuple[Choice, ...] = ()
        self.note = ""
        """A word before the keys, such as "read only"."""
        self.words: dict[str, Content] = {}
        """Words for a move in this moment, instead of its usual ones ("Maya agrees" for f)."""
        self._made: dict[tuple[object, ...], Content] = {}

    def render(self) -> Content:
        # Asked for on every frame the bar is redrawn in, and a turn goes back and forth
        # between a few bars: each is made once (words are compared by look, as Content's ==
        # compares the text alone).
        made_of = (
            self.choices,
            self.note,
            tuple((name, word.plain, tuple(word.spans)) for name, word in self.words.items()),
            self.content_size.width,
        )
        bar = self._made.get(made_of)
        if bar is None:
            bar = Content("\n").join(Content(GAP).join(row) for row in self._layout())
            if len(self._made) >= self.REMEMBER:
                del self._made[next(iter(self._made))]
        else:
            del self._made[made_of]  # kept last: the least recently drawn bar goes first
        self._made[made_of] = bar
        return bar

    def _layout(self) -> list[list[Content]]:
        width = max(self.content_size.width, 20)
        rows: list[list[Content]] = [[]]
        used = 0
        if self.note:
            rows[0].append(Content.styled(self.note, "$warning"))
            used = len(self.note)
        for chip in (self._chip(choice, self.words) for choice in self.choices):
            needed = chip.cell_length + (len(GAP) if rows[-1] else 0)
            if rows[-1] and used + needed > width:
                rows.append([])
                used, needed = 0, chip.cell_length
            rows[-1].append(chip)
            used += needed
        return rows

    @staticmethod
    def _chip(choice: Choice, words: dict[str, Content]) -> Content:
        move = choice.move
        click = Style.from_meta({"@click": f"screen.choose({move.key!r})"})
        label = words.get(move.name, Content(move.short))
        return Content.assemble((move.shown, "bold $accent"), " ", label).stylize(click)

    def show(
        self, choices: Sequence[Choice], note: str = "", words: dict[str, Content] | None = None
    ) -> None:
        self.words = words or {}
        self.choices = tuple(choices)
        self.note = note
        # Two rows, always: new keys are a repaint, never a layout of the screen.
        self.refresh()
