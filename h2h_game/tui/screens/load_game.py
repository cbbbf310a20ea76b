"""Provides `LoadGameScreen`: every saved game, damaged ones included, to open, recover or delete.

Each game is described in the same words as `h2h saves list` (`h2h_game.describe`): its status,
the level shown, when it was last played. A damaged game keeps the players, deck and time the
index knew, and can be brought back to its last good state from here.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import DataTable, Footer, Static

from h2h_game import describe
from h2h_game.services import Services
from h2h_game.store import BrokenSave, Listed, SaveInfo, StoreError
from h2h_game.tui.literal import literal_line
from h2h_game.tui.messages import OfferRecovery, ResumeGame
from h2h_game.tui.screens.base import H2HScreen
from h2h_game.tui.screens.dialogs import Choice, ChoiceDialog

COLUMNS = ("Players", "Deck", "Level", "Cards", "Last played", "")
FIRST_ROWS = 60
"""Rows shown at once; the rest are added just after, off the first frame's path."""


def cell(text: str, style: str = "") -> Text:
    """A table cell holding text literally (DataTable would parse a plain string as markup).
    `describe` has already made every untrusted part safe to print."""
    return Text(text, style=style)


class LoadGameScreen(H2HScreen):
    """The saved games, most recently played first."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open", priority=True, tooltip="Open the game, or recover it"),
        Binding("delete,d", "delete", "Delete", tooltip="Delete the game (asks first)"),
        Binding("escape", "app.pop_screen", "Back"),
    ]

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self.items: dict[str, Listed] = {}
        self._generation = 0
        """Counts listings, so the rows of an old one are never added to a newer one's."""

    def compose(self) -> ComposeResult:
        with Vertical(id="load-box"):
            yield Static("Saved games", classes="step-title", markup=False)
            yield DataTable(id="saves", cursor_type="row", zebra_stripes=True)
            yield Static(id="load-detail", classes="hint")
            yield Static(id="load-empty", classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        table = self.query_one("#saves", DataTable)
        table.add_columns(*COLUMNS)

    def on_screen_resume(self) -> None:
        # Shown (pushed, or back from a dialog or a game, where recovering or deleting changed
        # the list): list the games. Textual mounts a screen before it resumes it.
        self.reload()

    def reload(self) -> None:
        table = self.query_one("#saves", DataTable)
        table.clear()
        self.items = {}
        try:
            listing = self.services.store.list()
        except (StoreError, OSError) as error:
            self.notify(f"Saved games could not be read: {error}", severity="error", markup=False)
            listing = []
        now = datetime.fromtimestamp(self.services.clock()).astimezone()
        self.items = {item.id: item for item in listing}
        # A screenful first; a long list's older games follow once that is on screen, so the
        # list appears as fast for 1,000 games as for 10 (DataTable measures every new cell).
        self._generation += 1
        self._add_rows(listing[:FIRST_ROWS], now, self._generation)
        if len(listing) > FIRST_ROWS:
            self.call_after_refresh(self._add_rows, listing[FIRST_ROWS:], now, self._generation)
        self.query_one("#load-empty", Static).update(
            "" if listing else "No saved games yet. Start one from the title."
        )
        self.show_detail()
        table.focus()

    def _add_rows(self, listing: Sequence[Listed], now: datetime, generation: int) -> None:
        if generation != self._generation:
            return  # listed again since (a delete, a recovery): that listing has its own rows
        table = self.query_one("#saves", DataTable)
        for item in listing:
            row = describe.row(item, now)
            damaged = isinstance(item, BrokenSave)
            players = row.players or ("can't be read" if damaged else "")
            state = describe.status(item)
            table.add_row(
                cell(players, "italic" if damaged and not row.players else ""),
                cell(row.deck),
                cell(row.level),
                cell(row.answered),
                cell(row.last_played),
                cell(state, "bold" if damaged else ""),
                key=item.id,
            )

    @on(DataTable.RowHighlighted, "#saves")
    def show_detail(self) -> None:
        """The whole story of the highlighted row, untruncated, under the table."""
        item = self._selected()
        detail = self.query_one("#load-detail", Static)
        if item is None:
            detail.update("")
            return
        lines = describe.detail(item)
        if isinstance(item, BrokenSave) and not item.recovered:
            lines.append("Enter brings back its last good state, or d deletes it.")
        head, *rest = lines or [""]
        detail.update(
            Content.assemble(literal_line(head).stylize("bold"), *("\n" + line for line in rest))
        )

    @on(DataTable.RowSelected, "#saves")
    def row_clicked(self) -> None:
        # Enter is the screen's own binding; this is a click on the highlighted row.
        self.action_open()

    def _selected(self) -> Listed | None:
        table = self.query_one("#saves", DataTable)
        if not self.items or table.cursor_row < 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.items.get(key or "")

    def action_open(self) -> None:
        item = self._selected()
        if isinstance(item, SaveInfo):
            self.post_message(ResumeGame(item.id))
        elif isinstance(item, BrokenSave):
            self.post_message(OfferRecovery(item))

    def action_delete(self) -> None:
        item = self._selected()
        if item is None:
            return
        who = literal_line(describe.named(item))

        def chosen(choice: str | None) -> None:
            if choice != "delete":
                return
            try:
                self.services.store.delete(item.id)
            except (StoreError, OSError) as error:
                self.notify(str(error), severity="error", markup=False)
            else:
                self.notify("Deleted.", markup=False)
            self.reload()

        self.app.push_screen(
            ChoiceDialog(
                "Delete this saved game?",
                who,
                [Choice("keep", "Keep it"), Choice("delete", "Delete")],
            ),
            chosen,
        )
