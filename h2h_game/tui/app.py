"""Provides `H2HApp`: the switchboard that wires screens to the game flow, themes and help.

Screens post messages saying what the players chose (`tui/messages.py`); the app answers each
by asking `GameFlow` and showing the result. The modules a game needs (the engine, decks,
saves, the table) are imported when a game starts, so the title's first frame waits for none.
"""

from __future__ import annotations

from pathlib import Path, PurePath
from typing import TYPE_CHECKING, ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.events import Resize

from h2h_game.crash import CrashReporting
from h2h_game.services import Services
from h2h_game.tui.commands import SettingsCommands
from h2h_game.tui.launch import Launch
from h2h_game.tui.messages import (
    FollowGame,
    HideRemoved,
    LeaveTable,
    NewGame,
    OfferRecovery,
    PlayAgain,
    ResumeGame,
    ShowHelp,
    StartGame,
)
from h2h_game.tui.themes import THEMES, VARIABLE_DEFAULTS, WARM
from h2h_game.tui.widgets.notice import MIN_HEIGHT, MIN_WIDTH, NARROW_WIDTH, SHORT_HEIGHT

if TYPE_CHECKING:
    from textual.screen import Screen

    from h2h_game.engine import Deck
    from h2h_game.flow import GameFlow, Preset
    from h2h_game.session import Session
    from h2h_game.store import BrokenSave
    from h2h_game.tui.screens.studio.editor import StudioScreen


HERE = Path(__file__).parent


class H2HApp(CrashReporting, App[str | None]):
    """Heart to Heart: a card game for two people who want to really talk.

    The app's return value is the id of a game left unfinished in this run, if any, so the
    command line can say how to carry on with it.
    """

    TITLE = "Heart to Heart"
    # The menu screens' rules are read with the app's: a screen bringing its own sheet makes
    # Textual parse every sheet again (about 14 ms here) as it opens. The studio's larger
    # sheet comes with its screens; the table's too, unless the table is the first screen.
    # Paths from this file, not relative ones: Textual reads a relative path beside the module
    # of the class, which for a subclass elsewhere (a test's, say) is the wrong folder.
    CSS_PATH: ClassVar[list[str | PurePath]] = [
        HERE / "app.tcss",
        HERE / "screens" / "screens.tcss",
    ]
    TABLE_CSS = HERE / "screens" / "table.tcss"
    """The table's sheet (`TableScreen.CSS_PATH`), read with the app's when the table is the
    first screen, so that `h2h new` and `h2h continue` do not wait for every sheet twice."""
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = App.COMMANDS | {SettingsCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
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
        launch = launch or Launch()
        super().__init__(css_path=[*self.CSS_PATH, self.TABLE_CSS] if launch.to_table else None)
        self.services = services
        self.launch = launch
        self.left_unfinished: str | None = None
        """The last game left at the table unfinished in this run: what to carry on with."""
        self._flow: GameFlow | None = None
        self._tried_from: Screen | None = None
        """The deck studio a game was tried from: the players come back to it after."""
        for theme in THEMES:
            self.register_theme(theme)
        self._first_theme(services.theme if services.theme in self.available_themes else WARM.name)

    @property
    def flow(self) -> GameFlow:
        if self._flow is None:
            from h2h_game.flow import GameFlow

            self._flow = GameFlow(self.services)
        return self._flow

    def _first_theme(self, name: str) -> None:
        """Choose the theme before the app runs, without a second parse of every stylesheet.

        Setting `theme` makes Textual parse every sheet again once the app runs, for the new
        colours (about 7 ms before the first frame). Before it runs, nothing has been parsed
        yet: the sheets' colours, the class naming the theme and the dark or light mode
        `App.__init__` set for its default theme are all that need to follow. A theme of the
        other mode takes the long way.
        """
        if self.available_themes[name].dark != self.current_theme.dark:
            self.theme = name
            return
        self.set_reactive(App.theme, name)
        self.set_class(True, f"-theme-{name}", update=False)
        self.stylesheet.set_variables(self.get_css_variables())

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return dict(VARIABLE_DEFAULTS)

    def on_mount(self) -> None:
        # In a browser (`h2h serve`) the moves are for fingers: taller buttons and keys.
        self.set_class(self.is_web, "-web")
        launch = self.launch
        if launch.start and launch.preset is not None and launch.preset.deck is not None:
            # Straight to the table, just after mounting: until the app runs Textual shows
            # nothing, and a table opened during the mount is laid out and drawn once for
            # nothing, then again for real (some 40 ms before the first card of `h2h new`).
            # The title, whose footer fills in only once the app runs, opens as before.
            self.call_later(self._first_table, launch.preset, launch.preset.deck)
            return
        self.push_screen(_title(self.services))
        if launch.studio is not None:
            self.open_studio(launch.studio)
        elif launch.resume is not None:
            self.post_message(ResumeGame(launch.resume or None))
        elif launch.preset is not None:
            self.post_message(NewGame(launch.preset))

    def _first_table(self, preset: Preset, deck: Deck) -> None:
        """The table of a new game; the title is built only when the players leave it."""
        self._start(
            StartGame(
                deck,
                names=preset.names or ("", ""),
                colours=preset.colours,
                length=None if preset.length is None else _length(preset.length),
                seed=preset.seed,
                first=preset.first,
            )
        )
        if not self._tables():
            self.push_screen(_title(self.services))

    def on_resize(self, event: Resize) -> None:
        width, height = event.size
        covering = self._covering()
        self.set_class(width < MIN_WIDTH, "-narrow")
        # A split pane is narrow and short: the table gives the card the rows it needs.
        self.set_class(width < MIN_WIDTH and height < SHORT_HEIGHT, "-short")
        self.set_class(width < NARROW_WIDTH or height < MIN_HEIGHT, "-too-small")
        if self._covering() != covering:
            # Keys work only where the screen can be seen (`TooSmallGuard`), and the key bars
            # follow. Each refresh rebuilds a footer, so not on every resize.
            for screen in self.screen_stack:
                screen.refresh_bindings()

    def _covering(self) -> tuple[bool, bool]:
        """The classes that decide whether the too-small notice covers a screen."""
        return self.has_class("-too-small"), self.has_class("-narrow")

    # --- what the screens ask for --------------------------------------------------------

    def on_new_game(self, message: NewGame) -> None:
        from h2h_game.decks.library import find_decks
        from h2h_game.flow import Preset
        from h2h_game.tui.screens.new_game import NewGameScreen

        preset = message.preset or Preset()
        decks = find_decks(self.services.deck_dirs)
        self.push_screen(NewGameScreen(preset, decks, seed=preset.seed, hints=self.services.hints))

    def on_start_game(self, message: StartGame) -> None:
        self._start(message)

    def _start(self, message: StartGame) -> None:
        from h2h_game.engine import DEFAULT_COLOURS, Length
        from h2h_game.flow import FlowError

        try:
            setup = self.flow.setup_for(
                message.deck,
                names=message.names,
                colours=message.colours or DEFAULT_COLOURS,
                lines=message.lines,
                length=message.length or Length.EVENING,
                seed=message.seed,
                first=message.first,
            )
            session = self.flow.start(setup)
        except FlowError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self._sit_down(session)

    def open_studio(self, path: str = "") -> None:
        """The deck studio's list of decks, opening the deck at `path` if one is given."""
        from h2h_game.tui.screens.studio.browser import StudioBrowser

        self.push_screen(
            StudioBrowser(
                self.services.deck_dirs, open_path=path or None, hidden=self.services.store
            )
        )

    def on_studio_screen_try_deck(self, message: StudioScreen.TryDeck) -> None:
        """Try a deck from the studio: set up a game with it; the studio waits under the table."""
        from h2h_game.flow import Preset

        self._tried_from = message.screen
        self.post_message(NewGame(Preset(deck=message.deck)))

    def _is_home(self, screen: Screen) -> bool:
        """Where leaving a table goes back to: the title, or the studio a game was tried from."""
        return type(screen).__name__ == "TitleScreen" or screen is self._tried_from

    def on_resume_game(self, message: ResumeGame) -> None:
        from h2h_game.flow import FlowError
        from h2h_game.store import BrokenSave, GameLocked

        game_id = message.game_id
        try:
            if game_id is None:
                latest = self.flow.latest_unfinished()
                if latest is None:
                    self.notify("There is no unfinished game to continue.", markup=False)
                    return
                if isinstance(latest, BrokenSave):
                    self.offer_recovery(latest)
                    return
                game_id = latest.id
            session = self.flow.resume(game_id, read_only=message.read_only)
        except GameLocked:
            self._offer_read_only(game_id or "")
            return
        except FlowError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        if session.read_only:
            self.notify("Read only: this game is open in another window.", markup=False)
        self._sit_down(session)

    def on_offer_recovery(self, message: OfferRecovery) -> None:
        self.offer_recovery(message.damaged)

    def offer_recovery(self, damaged: BrokenSave) -> None:
        """Say which game cannot be opened and where its file is; open nothing unless asked."""
        from h2h_game.describe import NEWER, damaged_message, status
        from h2h_game.tui.screens.dialogs import Choice, ChoiceDialog

        lines = damaged_message(damaged)
        choices = [Choice("back", "Go back")]
        if damaged.recovered:
            choices.insert(0, Choice("open", "Open the recovered game"))
        elif status(damaged) != NEWER:
            choices.insert(0, Choice("recover", "Bring back its last good state"))

        def chosen(choice: str | None) -> None:
            if choice == "open":
                self.post_message(ResumeGame(damaged.game_id))
            elif choice == "recover":
                self.recover(damaged.id, damaged.game_id)

        self.push_screen(
            ChoiceDialog("This game can't be opened as it is.", "\n".join(lines[:2]), choices),
            chosen,
        )

    def recover(self, listed_id: str, game_id: str) -> bool:
        """Recover a damaged game, say what was lost, and sit the players down at it."""
        from h2h_game.flow import FlowError
        from h2h_game.store import GameLocked

        try:
            said = self.flow.recover(listed_id)
        except GameLocked:
            self.notify("This game is open in another window.", severity="warning", markup=False)
            return False
        except FlowError as error:
            self.notify(str(error), severity="error", markup=False)
            return False
        self.notify(said, markup=False)
        self.post_message(ResumeGame(game_id))
        return True

    def _offer_read_only(self, game_id: str) -> None:
        from h2h_game.tui.screens.dialogs import Choice, ChoiceDialog

        def chosen(choice: str | None) -> None:
            if choice == "read-only":
                self.post_message(ResumeGame(game_id, read_only=True))

        self.push_screen(
            ChoiceDialog(
                "This game is open in another window.",
                "You can follow it here without changing it, or go back.",
                [Choice("read-only", "Follow without changing"), Choice("back", "Go back")],
            ),
            chosen,
        )

    def _sit_down(self, session: Session) -> None:
        from h2h_game.tui.screens.table import TableScreen

        # Whatever was open over the title closes; with no title yet (`h2h new … --players`),
        # the table opens straight away and the title is built when the players leave.
        while len(self.screen_stack) > 1 and not self._is_home(self.screen):
            self.pop_screen()
        table = TableScreen(session, hints=self.services.hints)
        if session.state.is_over:
            table.removed_were_hidden = self.flow.removed_are_hidden(session.state)
        self.push_screen(table)

    def on_leave_table(self, message: LeaveTable) -> None:
        self._note_left(message.session)
        message.session.close()
        self._back_to_title()

    def on_play_again(self, message: PlayAgain) -> None:
        preset = self.flow.again(message.session.state)
        message.session.close()
        self._back_to_title()
        self.post_message(NewGame(preset))

    def on_hide_removed(self, message: HideRemoved) -> None:
        from h2h_game.flow import FlowError

        problem = None
        try:
            self.flow.hide_removed(message.session.state)
        except FlowError as error:
            problem = str(error)
        for table in self._tables():
            if table.session is message.session:
                table.removed_hidden(problem)

    def on_follow_game(self, message: FollowGame) -> None:
        if self.flow.follow(message.session):
            for table in self._tables():
                if table.session is message.session:
                    table.followed()

    # --- navigation and settings ----------------------------------------------------------

    def on_show_help(self, message: ShowHelp) -> None:
        self.action_help()

    def action_help(self) -> None:
        # Imported here: the Markdown widget costs the title's first frame ~40 ms.
        from h2h_game.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    async def action_quit(self) -> None:
        for screen in self.screen_stack:
            # The deck studio asks before unsaved changes go, and quits itself after.
            ask = getattr(screen, "ask_before_quitting", None)
            if ask is not None and ask():
                return
        for table in self._tables():
            self._note_left(table.session)
        self.exit(self.left_unfinished)

    def choose_setting(self, setting: str, value: str) -> None:
        """A setting chosen from the command palette: a theme, or hints on or off."""
        if setting == "theme":
            self.theme = value
            self.services.theme = value
            self._remember_settings(theme=value)
        elif setting == "hints":
            self.services.hints = value == "on"
            for table in self._tables():
                table.hints = self.services.hints
                table.mutate_reactive(type(table).state)
            self._remember_settings(hints=self.services.hints)
        self.notify(f"{setting.capitalize()}: {value.replace('h2h-', '')}.", markup=False)

    def watch_theme(self, theme: str) -> None:
        # A theme chosen from Textual's own theme picker is remembered too.
        if self.is_running and theme != self.services.theme:
            self.services.theme = theme
            self._remember_settings(theme=theme)

    def _remember_settings(self, *, theme: str | None = None, hints: bool | None = None) -> None:
        """Remember what was just chosen, and only that: `--no-hints` or `--theme` given for
        one game must not become the setting because the other one was changed."""
        if not self.services.remember:
            return
        from dataclasses import replace

        from h2h_game.settings import load_settings, save_settings

        settings = load_settings()
        if theme is not None:
            settings = replace(settings, theme=theme)
        if hints is not None:
            settings = replace(settings, hints=hints)
        try:
            save_settings(settings)
        except OSError as error:
            self.notify(f"Could not remember it: {error.strerror or error}", markup=False)

    def _back_to_title(self) -> None:
        """Back to the title (or the studio a game was tried from), with all above it closed."""
        while len(self.screen_stack) > 1 and not self._is_home(self.screen):
            self.pop_screen()
        if not self.screen_stack or not self._is_home(self.screen):
            self.push_screen(_title(self.services))

    def _tables(self) -> list:  # list[TableScreen], without importing the table at start-up
        return [s for s in self.screen_stack if type(s).__name__ == "TableScreen"]

    def _note_left(self, session: Session) -> None:
        if session.id is not None and not session.state.is_over and not session.read_only:
            self.left_unfinished = session.id


def _title(services: Services) -> Screen:
    """The title screen; its module (the saves glance, the menu) loads when it is first shown,
    so `h2h new` reaches its first card without it."""
    from h2h_game.tui.screens.title import TitleScreen

    return TitleScreen(services)


def _length(value: str):  # -> Length, imported only when a game starts
    from h2h_game.engine import Length

    return Length(value)


__all__ = ["H2HApp", "Launch", "Services"]
