"""Provides `TitleScreen`: the name of the game, its promise, and the way in."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.content import Content
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from h2h_game.store import StoreError
from h2h_game.tui.screens.base import H2HScreen
from h2h_game.tui.text import literal_line
from h2h_game.tui.words import PROMISE

ORNAMENT = "·   ·   ♡   ·   ·"


class TitleScreen(H2HScreen):
    """The first thing two people see: plain words, and a short menu with Continue first."""

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("n", "choose('new')", "New game"),
        Binding("l", "choose('load')", "Load game"),
        Binding("q", "choose('quit')", "Quit"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="title-box"):
            yield Static(ORNAMENT, id="ornament", markup=False)
            yield Static("Heart to Heart", id="title-words", markup=False)
            yield Static(PROMISE, id="promise", markup=False)
            with Center():
                yield OptionList(id="menu")
        yield Footer()

    def on_screen_resume(self) -> None:
        # Every time the title comes back (after a game, a load, a deck list) Continue may
        # have changed.
        self.refresh_menu()

    def refresh_menu(self) -> None:
        """Rebuild the menu: Continue appears only when there is a game to continue."""
        menu = self.query_one("#menu", OptionList)
        highlighted = menu.highlighted_option.id if menu.highlighted_option else None
        menu.clear_options()
        latest = None
        try:
            latest = self.h2h.services.store.most_recent_unfinished()
        except (StoreError, OSError) as error:
            self.notify(f"Saved games could not be read: {error}", severity="warning", markup=False)
        if latest is not None:
            names = " & ".join(latest.players)
            label = Content.assemble(
                "Continue  ", literal_line(f"{names} · {latest.deck}").stylize("dim")
            )
            menu.add_option(Option(label, id="continue"))
        for key, words in (
            ("new", "New game"),
            ("load", "Load game"),
            ("decks", "Decks"),
            ("help", "Help"),
            ("quit", "Quit"),
        ):
            menu.add_option(Option(Content(words), id=key))
        ids = [option.id for option in menu.options]
        menu.highlighted = ids.index(highlighted) if highlighted in ids else 0
        menu.focus()

    @on(OptionList.OptionSelected, "#menu")
    def selected(self, event: OptionList.OptionSelected) -> None:
        self.action_choose(event.option.id or "")

    def action_choose(self, choice: str) -> None:
        app = self.h2h
        if choice == "continue":
            app.resume_game(None)
        elif choice == "new":
            app.new_game()
        elif choice == "load":
            from h2h_game.tui.screens.load_game import LoadGameScreen

            app.push_screen(LoadGameScreen())
        elif choice == "decks":
            from h2h_game.tui.screens.decks import DecksScreen

            app.push_screen(DecksScreen())
        elif choice == "help":
            app.action_help()
        elif choice == "quit":
            app.exit()
