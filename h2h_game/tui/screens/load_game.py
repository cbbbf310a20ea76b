"""Provides `LoadGameScreen`: every saved game, broken ones included, to open or delete."""

from __future__ import annotations

import time
from datetime import date
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import DataTable, Footer, Static

from h2h_game.safe_text import terminal_safe
from h2h_game.services import Services
from h2h_game.store import BrokenSave, SaveInfo, StoreError
from h2h_game.tui.literal import literal, literal_line
from h2h_game.tui.messages import ResumeGame
from h2h_game.tui.screens.base import H2HScreen
from h2h_game.tui.screens.dialogs import Choice, ChoiceDialog
from h2h_game.tui.wording import minutes_phrase, times_phrase

COLUMNS = ("Players", "Deck", "Level", "Cards", "Last played", "")


def when(timestamp: float, now: float) -> str:
    """A friendly "last played": today at 21:04, yesterday, 3 days ago, 12 Mar 2026."""
    local = time.localtime(timestamp)
    days = (date.fromtimestamp(now) - date.fromtimestamp(timestamp)).days
    if days <= 0:
        return time.strftime("today %H:%M", local)
    if days == 1:
        return time.strftime("yesterday %H:%M", local)
    if days < 7:
        return f"{days} days ago"
    return time.strftime("%d %b %Y", local)


def fit(text: str, width: int) -> str:
    """Text cut to a column's width with an ellipsis; the detail line shows it whole."""
    return text if len(text) <= width else text[: width - 1] + "…"


def cell(text: str, style: str = "") -> Text:
    """A table cell holding untrusted text literally (DataTable parses plain strings)."""
    return Text(terminal_safe(text), style=style)


class LoadGameScreen(H2HScreen):
    """The saved games, newest first."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open", priority=True),
        Binding("delete,d", "delete", "Delete"),
        Binding("escape", "app.pop_screen", "Back"),
    ]

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services

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
        self.reload()

    def reload(self) -> None:
        table = self.query_one("#saves", DataTable)
        table.clear()
        self.items: dict[str, SaveInfo | BrokenSave] = {}
        try:
            listing = self.services.store.list()
        except (StoreError, OSError) as error:
            self.notify(f"Saved games could not be read: {error}", severity="error", markup=False)
            listing = []
        now = self.services.clock()
        for item in listing:
            self.items[item.id] = item
            if isinstance(item, BrokenSave):
                modified = when(item.modified, now) if item.modified else ""
                row = [cell("can't be read", "italic"), "", "", "", cell(modified), "broken"]
            else:
                row = [
                    cell(fit(" & ".join(item.players), 24)),
                    cell(fit(item.deck, 18)),
                    cell(fit(item.level_name, 16)),
                    cell(str(item.answered)),
                    cell(when(item.updated, now)),
                    cell("finished" if item.finished else "playing"),
                ]
            table.add_row(
                *(value if isinstance(value, Text) else cell(value) for value in row), key=item.id
            )
        self.query_one("#load-empty", Static).update(
            "" if listing else "No saved games yet. Start one from the title."
        )
        self.show_detail()
        table.focus()

    @on(DataTable.RowHighlighted, "#saves")
    def show_detail(self) -> None:
        """The whole story of the highlighted row, untruncated, under the table."""
        item = self._selected()
        detail = self.query_one("#load-detail", Static)
        if isinstance(item, BrokenSave):
            detail.update(
                Content.assemble(
                    literal_line(item.path.name).stylize("bold"), "\n", literal(item.reason)
                )
            )
        elif isinstance(item, SaveInfo):
            players = " & ".join(item.players)
            detail.update(
                Content.assemble(
                    literal_line(f"{players} · {item.deck}").stylize("bold"),
                    "\n",
                    "Reached “",
                    literal_line(item.deepest_name),
                    f"”, met each other{times_phrase(item.met) or ' not yet'}, ",
                    f"{minutes_phrase(item.minutes)} together.",
                )
            )
        else:
            detail.update("")

    @on(DataTable.RowSelected, "#saves")
    def row_clicked(self) -> None:
        # Enter is the screen's own binding; this is a click on the highlighted row.
        self.action_open()

    def _selected(self) -> SaveInfo | BrokenSave | None:
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
            self.notify(
                f"This save can't be opened: {item.reason}", severity="warning", markup=False
            )

    def action_delete(self) -> None:
        item = self._selected()
        if item is None:
            return
        if isinstance(item, SaveInfo):
            who = literal_line(f"{' & '.join(item.players)} · {item.deck}")
        else:
            who = literal_line(item.path.name)

        def chosen(choice: str | None) -> None:
            if choice != "delete":
                return
            try:
                self.services.store.delete(item.id)
            except (StoreError, OSError) as error:
                self.notify(str(error), severity="error", markup=False)
            self.reload()

        self.app.push_screen(
            ChoiceDialog(
                "Delete this saved game?",
                who,
                [Choice("keep", "Keep it"), Choice("delete", "Delete")],
            ),
            chosen,
        )
