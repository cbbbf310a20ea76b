"""Provides `LoadGameScreen`: every saved game, damaged ones included, to open, recover or delete.

Each game is described in the same words as `h2h saves list` (`h2h_game.describe`): its status,
the level shown, when it was last played. A damaged game keeps the players, deck and time the
index knew, and can be brought back to its last good state from here.

When the saves index is sure of every file (`h2h_game.indexed`), the list is first drawn from
it alone, as `h2h saves list` prints it; the store, and the engine behind it, load just after
that frame and list the games again for what the screen does with them (the detail line, open,
recover, delete). With 1,000 games that puts the list on screen about twice as fast.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import DataTable, Footer, Static

from h2h_game import indexed, saves_table
from h2h_game.services import Services
from h2h_game.tui.literal import literal_line
from h2h_game.tui.messages import OfferRecovery, ResumeGame
from h2h_game.tui.screens.base import H2HScreen
from h2h_game.tui.screens.dialogs import Choice, ChoiceDialog

if TYPE_CHECKING:
    from h2h_game.store import Listed

COLUMNS = ("Players", "Deck", "Level", "Cards", "Last played", "")
FIRST_ROWS = 60
"""Rows shown at once; the rest are added just after, off the first frame's path."""
MORE_ROWS = 150
"""Rows added per frame after the first: DataTable measures each new cell, and 1,000 rows at
once kept keys waiting a quarter of a second."""


Row = tuple[str, tuple[tuple[str, str], ...]]
"""A game's id and its cells, each as its text and style."""


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
        self.listed = False
        """`items` holds the store's listing (not only the index's rows drawn ahead of it)."""
        self._rows: list[Row] | None = None
        self._widths: list[int] = []
        self._generation = 0
        """Counts listings, so the rows of an old one are never added to a newer one's."""

    def compose(self) -> ComposeResult:
        with Vertical(id="load-box"):
            yield Static("Saved games", classes="step-title", markup=False)
            yield DataTable(id="saves", cursor_type="row", zebra_stripes=True)
            yield Static(id="load-detail", classes="hint")
            yield Static(id="load-empty", classes="hint")
        yield Footer()

    def on_screen_resume(self) -> None:
        # Shown (pushed, or back from a dialog or a game, where recovering or deleting changed
        # the list): list the games. Textual mounts a screen before it resumes it.
        self.reload()

    def reload(self) -> None:
        """List the games: from the index first when it is sure of them all, then the store."""
        if not self.listed and (games := indexed.games(self.services.saves_dir)) is not None:
            now = datetime.fromtimestamp(self.services.clock()).astimezone()
            rows = [
                (game_id, saves_table.summary_cells(game_id, game, now)) for game_id, game in games
            ]
            # The columns of `h2h saves list`, less the id the screen does not show.
            self._show_rows(
                [(game_id, tuple((text, "") for text in cells[1:])) for game_id, cells in rows], {}
            )
            self.call_after_refresh(self.list_from_store)
            return
        self.list_from_store()

    def list_from_store(self) -> None:
        """The store's listing: every game and damaged file, and what the screen can do with
        each; the table is drawn again only if its rows differ from those on screen."""
        from h2h_game import describe
        from h2h_game.store import BrokenSave, StoreError

        try:
            listing = self.services.store.list()
        except (StoreError, OSError) as error:
            self.notify(f"Saved games could not be read: {error}", severity="error", markup=False)
            listing = []
        now = datetime.fromtimestamp(self.services.clock()).astimezone()
        rows: list[Row] = []
        for item in listing:
            row = describe.row(item, now)
            damaged = isinstance(item, BrokenSave)
            players = row.players or ("can't be read" if damaged else "")
            state = describe.status(item)
            rows.append(
                (
                    item.id,
                    (
                        (players, "italic" if damaged and not row.players else ""),
                        (row.deck, ""),
                        (row.level, ""),
                        (row.answered, ""),
                        (row.last_played, ""),
                        (state, "bold" if damaged else ""),
                    ),
                )
            )
        self.listed = True
        self._show_rows(rows, {item.id: item for item in listing})

    def _show_rows(self, rows: list[Row], items: dict[str, Listed]) -> None:
        table = self.query_one("#saves", DataTable)
        self.items = items
        if rows == self._rows:
            self.show_detail()  # the same list: only what the screen knows of it is new
            return
        self._rows = rows
        # Each column as wide as its widest cell, worked out here from the text: DataTable
        # would measure every cell first, and until then draw the first frame too narrow.
        widths = [
            max([cell_len(label), *(cell_len(row[1][column][0]) for row in rows)])
            for column, label in enumerate(COLUMNS)
        ]
        table.clear(columns=widths != self._widths)
        if widths != self._widths:
            self._widths = widths
            for label, width in zip(COLUMNS, widths, strict=True):
                table.add_column(label, width=width)
        # A screenful first; a long list's older games follow once that is on screen, so the
        # list appears as fast for 1,000 games as for 10 (DataTable measures every new cell).
        self._generation += 1
        self._add_rows(rows[:FIRST_ROWS], self._generation)
        self._add_later(rows[FIRST_ROWS:], self._generation)
        self.query_one("#load-empty", Static).update(
            "" if rows else "No saved games yet. Start one from the title."
        )
        self.show_detail()
        table.focus()

    def _add_rows(self, rows: Sequence[Row], generation: int) -> None:
        if generation != self._generation:
            return  # listed again since (a delete, a recovery): that listing has its own rows
        table = self.query_one("#saves", DataTable)
        for key, cells in rows:
            table.add_row(*(cell(text, style) for text, style in cells), key=key)

    def _add_later(self, rows: Sequence[Row], generation: int) -> None:
        """Add `rows` a batch per frame, so keys are answered between batches."""
        if rows and generation == self._generation:
            self.call_after_refresh(self._add_rows, rows[:MORE_ROWS], generation)
            self.call_after_refresh(self._add_later, rows[MORE_ROWS:], generation)

    @on(DataTable.RowHighlighted, "#saves")
    def show_detail(self) -> None:
        """The whole story of the highlighted row, untruncated, under the table."""
        item = self._selected()
        detail = self.query_one("#load-detail", Static)
        if item is None:
            detail.update("")
            return
        from h2h_game import describe
        from h2h_game.store import BrokenSave

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

    def _chosen(self) -> Listed | None:
        """The highlighted game, to act on: listed by the store first if a key came before
        the store's listing did."""
        if not self.listed:
            self.list_from_store()
        return self._selected()

    def _selected(self) -> Listed | None:
        table = self.query_one("#saves", DataTable)
        if not self.items or table.cursor_row < 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.items.get(key or "")

    def action_open(self) -> None:
        from h2h_game.store import BrokenSave, SaveInfo

        item = self._chosen()
        if isinstance(item, SaveInfo):
            self.post_message(ResumeGame(item.id))
        elif isinstance(item, BrokenSave):
            self.post_message(OfferRecovery(item))

    def action_delete(self) -> None:
        item = self._chosen()
        if item is None:
            return
        from h2h_game import describe
        from h2h_game.store import StoreError

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
