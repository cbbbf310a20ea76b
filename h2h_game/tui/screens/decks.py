"""Provides `DecksScreen`: every deck the game can find, with broken ones flagged."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from h2h_game.services import Services
from h2h_game.tui.literal import literal, literal_line
from h2h_game.tui.screens.base import H2HScreen


class DecksScreen(H2HScreen):
    """What's in the box: decks, their levels and cards, and where each came from."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "app.pop_screen", "Back")]

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services

    def compose(self) -> ComposeResult:
        with Vertical(id="decks-box"):
            yield Static("Decks", classes="step-title", markup=False)
            yield OptionList(id="deck-list")
            yield Static(
                "Make your own with `h2h deck new NAME`; see the README's deck format.",
                classes="hint",
                markup=False,
            )
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        from h2h_game.decks.library import find_decks

        options = self.query_one("#deck-list", OptionList)
        for entry in find_decks(self.services.deck_dirs):
            if entry.deck is None:
                options.add_option(
                    Option(
                        Content.assemble(
                            literal_line(entry.label).stylize("bold"),
                            ("  broken\n", "$error"),
                            literal(entry.error or "").stylize("dim"),
                        )
                    )
                )
                continue
            counts = " · ".join(f"{len(level.cards)}" for level in entry.deck.levels)
            options.add_option(
                Option(
                    Content.assemble(
                        literal_line(entry.label).stylize("bold"),
                        (f"  {counts} cards per level · {entry.folder.describe()}\n", "dim"),
                        literal(entry.deck.description),
                    )
                )
            )
            options.add_option(None)
        options.focus()
