"""Provides the screens shown over the table as the state calls for them.

An offer to go deeper, a quiet moment, a pause, the closing card and the summary are all part
of the saved game state, so a game quit in any of them resumes in it. `sync_overlay` keeps the
screen stack in step with the state after every action.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Footer, Static

from h2h_game.engine import (
    QUIET_GO_ON_AFTER,
    QUIET_SECONDS,
    Agree,
    EndQuiet,
    GameState,
    Phase,
    Resume,
    ShareClosing,
    ShareLanding,
    summarise,
)
from h2h_game.tui.intents import action_for
from h2h_game.tui.screens.base import H2HModal
from h2h_game.tui.text import literal, literal_line
from h2h_game.tui.widgets.agreement import Agreement
from h2h_game.tui.widgets.breath import Breath
from h2h_game.tui.words import (
    CLOSING_LINE,
    CLOSING_TITLE,
    ENDINGS,
    PAUSE_LINE,
    QUIET_LINE,
    QUIET_SETTLED,
    story,
)

if TYPE_CHECKING:
    from h2h_game.engine import Action
    from h2h_game.tui.screens.table import TableScreen

KEYS = ("f", "j")
"""Each player's own key: player 1 on the left of the keyboard, player 2 on the right."""


class Overlay(H2HModal):
    """A screen over the table that shows part of the state and acts through the table."""

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("space", "play('pause')", "Pause", tooltip="Hide everything for a while"),
        Binding("u", "play('undo')", "Undo", tooltip="Take back the last key press"),
        Binding("w", "play('wrap-up')", "Wrap up", tooltip="End the game here"),
        Binding("q", "leave", "Leave", tooltip="Save and leave the table"),
    ]

    def __init__(self, table: TableScreen) -> None:
        super().__init__(classes="overlay")
        self.table = table

    @property
    def state(self) -> GameState:
        return self.table.state

    def on_mount(self) -> None:
        self.show(self.state)

    def show(self, state: GameState) -> None:
        """Bring what the overlay shows up to date with the state."""

    def act(self, action: Action) -> None:
        self.table.act(action)

    def action_play(self, intent: str) -> None:
        action = action_for(self.state, intent)
        if action is not None:
            self.act(action)

    def action_leave(self) -> None:
        self.h2h.leave_table(self.table)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "play":
            return action_for(self.state, str(parameters[0])) is not None
        return True


def _agreement(state: GameState, player: int, agreed: bool, done_word: str) -> Content:
    name = literal_line(state.players[player].name).stylize("bold")
    tick = ("✓ " + done_word, "$success") if agreed else ("press " + KEYS[player], "dim")
    return Content.assemble(name, "\n", tick)


class GoDeeperScreen(Overlay):
    """Both players must agree, each with their own key; either can say not yet."""

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("f", "agree(0)", "Player 1 agrees", key_display="f"),
        Binding("j", "agree(1)", "Player 2 agrees", key_display="j"),
        Binding("escape", "play('not-yet')", "Not yet"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(id="offer-title", classes="dialog-title")
            yield Static(id="offer-description", classes="dialog-body")
            with Horizontal(classes="agreements"):
                yield Agreement(0, self.action_agree, id="agree-0")
                yield Agreement(1, self.action_agree, id="agree-1")
            with Center():
                yield Button(Content("Not yet  esc"), id="not-yet", compact=True)
        yield Footer()

    def show(self, state: GameState) -> None:
        offer = state.moment.offer
        if offer is None:
            return
        level = state.deck.level(offer.level)
        opener = "You asked to go deeper." if offer.asked else "The trust jar opened a new level."
        title = Content.assemble(opener, "\nGo deeper to “", literal_line(level.name), "”?")
        self.query_one("#offer-title", Static).update(title)
        description = self.query_one("#offer-description", Static)
        description.update(literal(level.description))
        description.display = bool(level.description.strip())
        for player in (0, 1):
            self.query_one(f"#agree-{player}", Static).update(
                _agreement(state, player, offer.agreed[player], "ready")
            )

    def action_agree(self, player: int) -> None:
        offer = self.state.moment.offer
        if offer is not None and not offer.agreed[player]:
            self.act(Agree(player))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "agree":
            offer = self.state.moment.offer
            return offer is not None and not offer.agreed[int(str(parameters[0]))]
        return super().check_action(action, parameters)

    @on(Button.Pressed, "#not-yet")
    def not_yet(self) -> None:
        self.action_play("not-yet")


class QuietScreen(Overlay):
    """Thirty seconds of calm; "go on" wakes after five, so nobody rushes out of it."""

    UNLOCK_AFTER: ClassVar[float] = QUIET_GO_ON_AFTER
    SETTLE_AFTER: ClassVar[float] = QUIET_SECONDS

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("enter", "go_on", "Go on"),
    ]

    def __init__(self, table: TableScreen) -> None:
        super().__init__(table)
        self.unlocked = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="calm"):
            yield Breath(classes="breath")
            yield Static(QUIET_LINE, id="quiet-line", classes="calm-line", markup=False)
            with Center():
                yield Button(Content("Go on  enter"), id="go-on", disabled=True, compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.set_timer(self.UNLOCK_AFTER, self.unlock)
        self.set_timer(self.SETTLE_AFTER, self.settle)

    def unlock(self) -> None:
        self.unlocked = True
        self.query_one("#go-on", Button).disabled = False
        self.refresh_bindings()

    def settle(self) -> None:
        self.query_one("#quiet-line", Static).update(Content(QUIET_SETTLED))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "go_on":
            # Shown from the start, greyed out until it wakes: the players know it is coming.
            return True if self.unlocked else None
        return super().check_action(action, parameters)

    def action_go_on(self) -> None:
        if self.unlocked:
            self.act(EndQuiet())

    @on(Button.Pressed, "#go-on")
    def go_on(self) -> None:
        self.action_go_on()


class PauseScreen(Overlay):
    """The door opened: the card is hidden until both are back."""

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("space", "resume", "Resume"),
        Binding("enter", "resume", "Resume", show=False),
        Binding("w", "play('wrap-up')", "Wrap up"),
        Binding("q", "leave", "Leave"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="calm"):
            yield Breath(classes="breath")
            yield Static(PAUSE_LINE, classes="calm-line", markup=False)
            with Center():
                yield Button(Content("Resume  space"), id="resume", compact=True)
        yield Footer()

    def action_resume(self) -> None:
        self.act(Resume())

    @on(Button.Pressed, "#resume")
    def resume(self) -> None:
        self.action_resume()


class ClosingScreen(Overlay):
    """Stars and wishes: each tells the other what they loved and what they wish for."""

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("f", "share(0)", "Player 1 done", key_display="f"),
        Binding("j", "share(1)", "Player 2 done", key_display="j"),
        Binding("escape", "play('wrap-up')", "Skip"),
        Binding("w", "play('wrap-up')", "Skip", show=False),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog closing"):
            yield Static(CLOSING_TITLE, classes="dialog-title", markup=False)
            yield Static(CLOSING_LINE, id="closing-text", classes="dialog-body", markup=False)
            with Horizontal(classes="agreements"):
                yield Agreement(0, self.action_share, id="share-0")
                yield Agreement(1, self.action_share, id="share-1")
            with Center():
                yield Button(Content("Skip  esc"), id="skip", compact=True)
        yield Footer()

    def show(self, state: GameState) -> None:
        if state.deck.closing:
            self.query_one("#closing-text", Static).update(literal(state.deck.closing))
        for player in (0, 1):
            self.query_one(f"#share-{player}", Static).update(
                _agreement(state, player, state.moment.shared[player], "shared")
            )

    def action_share(self, player: int) -> None:
        if not self.state.moment.shared[player]:
            self.act(ShareClosing(player))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "share":
            return not self.state.moment.shared[int(str(parameters[0]))]
        return super().check_action(action, parameters)

    @on(Button.Pressed, "#skip")
    def skip(self) -> None:
        self.action_play("wrap-up")


class LandingScreen(Overlay):
    """Coming back up: one light card both answer before the closing card."""

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("f", "share(0)", "Player 1 done", key_display="f"),
        Binding("j", "share(1)", "Player 2 done", key_display="j"),
        Binding("k", "play('skip')", "Skip"),
        Binding("escape", "play('keep-playing')", "Back to the table"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog closing"):
            yield Static("Coming back up", classes="dialog-title", markup=False)
            yield Static(id="landing-card", classes="dialog-body")
            with Horizontal(classes="agreements"):
                yield Agreement(0, self.action_share, id="landed-0")
                yield Agreement(1, self.action_share, id="landed-1")
            with Center():
                yield Button(Content("Skip  k"), id="skip-landing", compact=True)
        yield Footer()

    def show(self, state: GameState) -> None:
        self.query_one("#landing-card", Static).update(literal(state.deal.landing))
        for player in (0, 1):
            self.query_one(f"#landed-{player}", Static).update(
                _agreement(state, player, state.moment.shared[player], "answered")
            )

    def action_share(self, player: int) -> None:
        if not self.state.moment.shared[player]:
            self.act(ShareLanding(player))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "share":
            return not self.state.moment.shared[int(str(parameters[0]))]
        return super().check_action(action, parameters)

    @on(Button.Pressed, "#skip-landing")
    def skip(self) -> None:
        self.action_play("skip")


class SummaryScreen(Overlay):
    """A short story of the evening, never the answers, and what to do next."""

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("h", "hide_removed", "Hide removed cards"),
        Binding("a", "again", "Play again"),
        Binding("escape,q", "leave", "Back to the title"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog summary"):
            yield Static("The evening", classes="dialog-title", markup=False)
            yield Static(id="story", classes="dialog-body")
            with Horizontal(classes="offers"):
                yield Button(Content("Hide removed cards  h"), id="hide", compact=True)
                yield Button(Content("Play again  a"), id="again", compact=True)
                yield Button(Content("Title  esc"), id="title", compact=True)
        yield Footer()

    def show(self, state: GameState) -> None:
        summary = summarise(state)
        lines = [Content(line) for line in story(summary)]
        reached = Content.assemble("You reached “", literal_line(summary.deepest_name), "”.")
        lines.insert(2, reached)
        if summary.ending is not None:
            lines.append(Content(ENDINGS[summary.ending]))
        self.query_one("#story", Static).update(Content("\n").join(lines))
        self.query_one("#hide", Button).display = bool(summary.removed)

    def action_hide_removed(self) -> None:
        removed = self.state.moment.removed
        if not removed:
            return
        problem = self.h2h.hide_cards(self.state.deck.name, removed)
        hide = self.query_one("#hide", Button)
        if problem is None:
            hide.label = Content("Hidden next time")
            hide.disabled = True
        else:
            self.notify(problem, severity="warning", markup=False)

    def action_again(self) -> None:
        self.h2h.play_again(self.table)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "hide_removed":
            return bool(self.state.moment.removed)
        return super().check_action(action, parameters)

    @on(Button.Pressed, "#hide")
    def hide(self) -> None:
        self.action_hide_removed()

    @on(Button.Pressed, "#again")
    def again(self) -> None:
        self.action_again()

    @on(Button.Pressed, "#title")
    def title(self) -> None:
        self.action_leave()


def overlay_for(state: GameState) -> type[Overlay] | None:
    """Which overlay the state calls for, if any; the most pressing first."""
    now = state.moment
    if now.phase is Phase.OVER:
        return SummaryScreen
    if now.paused:
        return PauseScreen
    if now.phase is Phase.LANDING:
        return LandingScreen
    if now.phase is Phase.CLOSING:
        return ClosingScreen
    if now.quiet:
        return QuietScreen
    if now.offer is not None:
        return GoDeeperScreen
    return None


def sync_overlay(table: TableScreen) -> None:
    """Make the screen stack show exactly the overlay the table's state calls for."""
    wanted = overlay_for(table.state)
    app = table.app
    current = app.screen if isinstance(app.screen, Overlay) else None
    if current is not None and type(current) is wanted:
        current.show(table.state)
        current.refresh_bindings()
        return
    if current is not None:
        app.pop_screen()
    if wanted is not None:
        app.push_screen(wanted(table))
