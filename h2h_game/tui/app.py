"""Provides `H2HApp`: the switchboard that wires screens, saves, decks, themes and help."""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from textual.app import App
from textual.binding import Binding
from textual.events import Resize

from h2h_game.engine import (
    DEFAULT_COLOURS,
    Deck,
    GameState,
    Length,
    Setup,
    SetupError,
    deal_game,
)
from h2h_game.session import Session
from h2h_game.store import GameLocked, SaveStore, StoreError
from h2h_game.tui.launch import Launch, Preset
from h2h_game.tui.screens.table import TableScreen
from h2h_game.tui.screens.title import TitleScreen
from h2h_game.tui.themes import THEMES, VARIABLE_DEFAULTS, WARM
from h2h_game.tui.widgets.notice import MIN_HEIGHT, MIN_WIDTH


@dataclass
class Services:
    """What the screens need from outside the terminal, passed in so tests can fix them."""

    saves_dir: Path
    deck_dirs: list[Path] = field(default_factory=list)
    clock: Callable[[], float] = time.time
    new_seed: Callable[[], int] = lambda: secrets.randbits(32)
    _store: SaveStore | None = None

    @property
    def store(self) -> SaveStore:
        # Opened on first use: the title's first frame should not wait for the saves folder.
        if self._store is None:
            self._store = SaveStore(self.saves_dir)
        return self._store


class H2HApp(App[None]):
    """Heart to Heart: a card game for two people who want to really talk."""

    TITLE = "Heart to Heart"
    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS: ClassVar[list[Binding]] = [
        # Priority: these work over every screen, modal ones included.
        Binding(
            "f1", "help", "Help", tooltip="The rules in plain words, and every key", priority=True
        ),
        Binding("question_mark", "help", "Help", key_display="?", show=False),
        Binding(
            "ctrl+q",
            "quit",
            "Quit",
            tooltip="Quit (every action is already saved)",
            priority=True,
            show=False,
        ),
    ]

    def __init__(self, services: Services, launch: Launch | None = None) -> None:
        super().__init__()
        self.services = services
        self.launch = launch or Launch()
        self.dealt_from: dict[str, Deck] = {}
        """Decks games were dealt from in this run, by name, for playing again."""
        for theme in THEMES:
            self.register_theme(theme)
        self.theme = WARM.name

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return dict(VARIABLE_DEFAULTS)

    def on_mount(self) -> None:
        self.push_screen(TitleScreen())
        launch = self.launch
        if launch.resume is not None:
            self.resume_game(launch.resume or None)
        elif launch.preset is not None and launch.start and launch.preset.deck is not None:
            preset = launch.preset
            self.start_game(
                self.setup_for(
                    preset.deck,
                    names=preset.names or ("", ""),
                    length=Length(preset.length or Length.EVENING),
                    seed=preset.seed,
                )
            )
        elif launch.preset is not None:
            self.new_game(launch.preset)

    def on_resize(self, event: Resize) -> None:
        small = event.size.width < MIN_WIDTH or event.size.height < MIN_HEIGHT
        self.set_class(small, "-too-small")

    # --- navigation ----------------------------------------------------------------------

    def action_help(self) -> None:
        # Imported here: the Markdown widget costs the title's first frame ~40 ms.
        from h2h_game.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def show_title(self) -> None:
        """Back to the title, with everything above it closed."""
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if not isinstance(self.screen, TitleScreen):
            self.pop_screen()

    def new_game(self, preset: Preset | None = None) -> None:
        from h2h_game.tui.screens.new_game import NewGameScreen

        preset = preset or Preset()
        self.push_screen(NewGameScreen(preset, deck=preset.deck))

    def setup_for(
        self,
        deck: Deck,
        *,
        names: tuple[str, str],
        colours: tuple[str, str] = DEFAULT_COLOURS,
        lines: frozenset[str] = frozenset(),
        length: Length = Length.EVENING,
        seed: int | None = None,
        first: int | None = None,
    ) -> Setup:
        """A setup for a new game, leaving out the cards these players hid in earlier games."""
        try:
            hidden = self.services.store.hidden_cards(deck.name)
        except (StoreError, OSError):
            hidden = frozenset()
        return Setup(
            deck=deck,
            names=names,
            colours=colours,
            lines=lines,
            hidden=hidden,
            length=length,
            seed=seed if seed is not None else self.services.new_seed(),
            first=first,
        )

    def start_game(self, setup: Setup) -> bool:
        """Set the table for a new game, save it, and sit the players down."""
        now = self.services.clock()
        self.dealt_from[setup.deck.name] = setup.deck
        try:
            state = deal_game(setup, now)
        except SetupError as error:
            self.notify(str(error), severity="error", markup=False)
            return False
        try:
            game = self.services.store.create(state, now)
        except StoreError as error:
            self.notify(str(error), severity="error", markup=False)
            return False
        self.sit_down(Session(game.state, game, self.services.clock))
        return True

    def resume_game(self, game_id: str | None, *, read_only: bool = False) -> None:
        """Open a saved game exactly where it was left."""
        store = self.services.store
        if game_id is None:
            latest = store.most_recent_unfinished()
            if latest is None:
                self.notify("There is no unfinished game to continue.", markup=False)
                return
            game_id = latest.id
        try:
            game = store.open(game_id, read_only=read_only)
        except GameLocked:
            from h2h_game.tui.screens.dialogs import Choice, ChoiceDialog

            def chosen(choice: str | None) -> None:
                if choice == "read-only":
                    self.resume_game(game_id, read_only=True)

            self.push_screen(
                ChoiceDialog(
                    "This game is open in another window.",
                    "You can look at it here without changing it, or go back.",
                    [Choice("read-only", "Look without changing"), Choice("back", "Go back")],
                ),
                chosen,
            )
            return
        except StoreError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        if game.read_only:
            self.notify("Read only: this game is open in another window.", markup=False)
        self.sit_down(Session(game.state, game, self.services.clock))

    def sit_down(self, session: Session) -> None:
        self.show_title()
        self.push_screen(TableScreen(session))

    def leave_table(self, table: TableScreen) -> None:
        """Save and leave the table (every action is already saved; this lets go of the lock)."""
        table.session.close()
        self.show_title()

    def play_again(self, table: TableScreen) -> None:
        """A new game with the same two, the same deck and the same colours."""
        state: GameState = table.state
        players = state.players
        table.session.close()
        from h2h_game.tui.screens.new_game import NewGameScreen

        self.show_title()
        self.push_screen(
            NewGameScreen(
                Preset(
                    names=(players[0].name, players[1].name),
                    colours=(players[0].colour, players[1].colour),
                    length=state.deal.length.value,
                ),
                deck=self.original_deck(state.deck.name) or state.deck,
            )
        )

    def original_deck(self, name: str) -> Deck | None:
        """The deck a game was dealt from, found again by name (the game keeps only the
        cards it dealt, without their tags)."""
        if name in self.dealt_from:
            return self.dealt_from[name]
        from h2h_game.decks.library import find_decks

        for entry in find_decks(self.services.deck_dirs):
            if entry.deck is not None and entry.deck.name == name:
                return entry.deck
        return None

    def hide_cards(self, deck_name: str, card_ids: tuple[str, ...]) -> str | None:
        """Hide removed cards of a deck from future games; None, or what went wrong."""
        try:
            self.services.store.hide_cards(deck_name, card_ids)
        except (StoreError, OSError) as error:
            return str(error)
        return None


__all__ = ["H2HApp", "Launch", "Preset", "Services"]
