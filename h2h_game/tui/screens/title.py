"""Provides `TitleScreen`: the name of the game, its promise, and the way in."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Vertical
from textual.content import Content
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from h2h_game.services import Services
from h2h_game.tui.literal import literal_line
from h2h_game.tui.messages import NewGame, ResumeGame, ShowHelp
from h2h_game.tui.screens.base import H2HScreen
from h2h_game.tui.widgets.notice import TooSmall
from h2h_game.tui.wording import PROMISE

ORNAMENT = "·   ·   ♡   ·   ·"
PRELOAD_AFTER = 0.25
"""Seconds after the title opens before the next screens' modules load in the background."""
MENU = (
    ("new", "New game"),
    ("load", "Load game"),
    ("decks", "Decks"),
    ("help", "Help"),
    ("quit", "Quit"),
)


class TitleScreen(H2HScreen):
    """The first thing two people see: plain words, and a short menu with Continue first."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "choose('new')", "New game"),
        Binding("l", "choose('load')", "Load game"),
        Binding("q", "choose('quit')", "Quit"),
    ]

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self._sure = True
        self._resumed = False
        """The first resume is the first showing; the menu was just built for it."""

    def compose(self) -> ComposeResult:
        with Vertical(id="title-box"):
            yield Static(ORNAMENT, id="ornament", markup=False)
            yield Static("Heart to Heart", id="title-words", markup=False)
            yield Static(PROMISE, id="promise", markup=False)
            with Center():
                yield OptionList(*self._first_options(), id="menu")
        yield Footer()
        yield TooSmall()

    def on_screen_resume(self) -> None:
        # Every time the title comes back (after a game, a load, a deck list) Continue may
        # have changed.
        if self.is_mounted and self._resumed:
            self.refresh_menu(self._latest())
        self._resumed = True

    def _options(self, latest: str | None = None) -> list[Option]:
        options = [Option(Content(words), id=key) for key, words in MENU]
        if latest is not None:
            label = Content.assemble("Continue  ", literal_line(latest).stylize("dim"))
            options.insert(0, Option(label, id="continue"))
        return options

    def _first_options(self) -> list[Option]:
        """The menu of the first frame: Continue from a glance at the index when it can say
        for certain; otherwise the store is asked just after the first frame."""
        from h2h_game.glance import latest_unfinished

        glance = latest_unfinished(self.services.saves_dir)
        self._sure = glance.sure
        return self._options(glance.label)

    def on_mount(self) -> None:
        super().on_mount()
        if not self._sure:
            self.run_worker(self._look, thread=True, exclusive=True, group="continue")
        # While the players read the title, load what its menu opens next: Load game waited
        # some 30 ms for its module and the saves store. Not sooner, to leave the title's own
        # first frames alone.
        self.set_timer(PRELOAD_AFTER, self._preload)

    def _preload(self) -> None:
        self.run_worker(_load_next_screens, thread=True, group="preload")

    def _look(self) -> None:
        latest = self._latest()
        self.app.call_from_thread(self._show_latest, latest)

    def _show_latest(self, latest: str | None) -> None:
        if latest is not None:
            self.refresh_menu(latest)

    def _latest(self) -> str | None:
        """Who and what the most recent unfinished game is, for the Continue entry (and that it
        cannot be opened, when its file is damaged: Continue then says so, never opening an
        older game in its place)."""
        from h2h_game import describe
        from h2h_game.store import BrokenSave, StoreError

        try:
            latest = self.services.store.latest_unfinished()
        except (StoreError, OSError) as error:
            self.notify(f"Saved games could not be read: {error}", severity="warning", markup=False)
            return None
        if latest is None:
            return None
        game = describe.game_known(latest)
        who = f"{describe.players(game)} · {game.deck}" if game else latest.id
        return f"{who} (can't be opened)" if isinstance(latest, BrokenSave) else who

    def refresh_menu(self, latest: str | None) -> None:
        """Rebuild the menu: Continue appears only when there is a game to continue."""
        menu = self.query_one("#menu", OptionList)
        highlighted = menu.highlighted_option.id if menu.highlighted_option else None
        menu.clear_options()
        menu.add_options(self._options(latest))
        if latest is not None and highlighted == "new":
            highlighted = "continue"  # Continue is first when there is a game to continue
        ids = [option.id for option in menu.options]
        menu.highlighted = ids.index(highlighted) if highlighted in ids else 0
        menu.focus()

    @on(OptionList.OptionSelected, "#menu")
    async def selected(self, event: OptionList.OptionSelected) -> None:
        await self.action_choose(event.option.id or "")

    async def action_choose(self, choice: str) -> None:
        if choice == "continue":
            self.post_message(ResumeGame(None))
        elif choice == "new":
            self.post_message(NewGame())
        elif choice == "load":
            from h2h_game.tui.screens.load_game import LoadGameScreen

            self.app.push_screen(LoadGameScreen(self.services))
        elif choice == "decks":
            from h2h_game.tui.screens.studio.browser import StudioBrowser

            self.app.push_screen(StudioBrowser(self.services.deck_dirs, hidden=self.services.store))
        elif choice == "help":
            self.post_message(ShowHelp())
        elif choice == "quit":
            await self.app.action_quit()


NEXT_SCREENS = (
    "h2h_game.tui.screens.load_game",
    "h2h_game.describe",  # the saves store and the engine, which Load game lists with
    "h2h_game.tui.screens.new_game",
)


def _load_next_screens() -> None:
    """Import the screens the menu leads to (and the saves store and decks behind them)."""
    import importlib

    for name in NEXT_SCREENS:
        importlib.import_module(name)
