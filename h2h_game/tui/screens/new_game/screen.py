"""Provides `NewGameScreen`: setting the table for a new game, one short step at a time.

The steps (deck, names, private lines behind a look-away, length, the ritual, who goes first)
are widgets in a `ContentSwitcher`; this screen moves between them, and when the last is done
posts `StartGame` with what was chosen. Esc goes back a step (from the first, to the title);
`ctrl+s` starts straight away with sensible defaults for the steps not yet taken.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, ContentSwitcher, Footer, Static

from h2h_game.decks.library import DeckEntry
from h2h_game.engine import Length
from h2h_game.flow import Preset
from h2h_game.tui.messages import StartGame
from h2h_game.tui.screens.base import H2HScreen
from h2h_game.tui.screens.new_game.steps import (
    Choices,
    DeckStep,
    FirstStep,
    LengthStep,
    LinesStep,
    LookAwayStep,
    NamesStep,
    RitualStep,
    Step,
)
from h2h_game.tui.widgets.agreement import Agreement

RITUAL_PAUSE = 0.6
"""Seconds the ticks of both players stay on screen before the next step: they see it land."""


class NewGameScreen(H2HScreen):
    """Setting the table for a new game, one short step at a time."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "next", "Next", tooltip="On to the next step"),
        Binding("escape", "back", "Back", tooltip="Back a step; from the first, to the title"),
        Binding("ctrl+s", "start_now", "Start now", tooltip="Start with the choices so far"),
        Binding("f", "ready(0)", "Player 1 ready", show=False),
        Binding("j", "ready(1)", "Player 2 ready", show=False),
        Binding("k", "skip_how_to", "Skip", show=False),
    ]

    def __init__(
        self, preset: Preset, decks: list[DeckEntry], *, seed: int | None = None, hints: bool = True
    ) -> None:
        super().__init__()
        self.preset = preset
        self.seed = preset.seed if preset.seed is not None else seed
        self.choices = Choices(
            deck=preset.deck,
            names=list(preset.names or ("", "")),
            length=Length(preset.length) if preset.length else Length.EVENING,
            hints=hints,
        )
        if preset.colours:
            self.choices.colours = preset.colours
        self.decks = decks
        self.steps: list[Step] = [
            DeckStep(decks, id="deck"),
            NamesStep(id="names"),
            LookAwayStep(0, id="look-0"),
            LinesStep(0, id="lines-0"),
            LookAwayStep(1, id="look-1"),
            LinesStep(1, id="lines-1"),
            LengthStep(id="length"),
            RitualStep(id="ritual"),
            FirstStep(id="first"),
        ]
        # Choices already made are not asked again: play again starts at the private lines.
        self.skipped = {"deck"} if preset.deck is not None else set()
        if preset.deck is not None and preset.names:
            self.skipped.add("names")
        self.step: Step = self.steps[0]

    def compose(self) -> ComposeResult:
        with Vertical(id="wizard"):
            yield Static(id="step-title", classes="step-title")
            with ContentSwitcher(initial="deck", id="steps"):
                yield from self.steps
            with Horizontal(id="wizard-buttons"):
                yield Button(Content("Back  esc"), id="back", compact=True)
                yield Button(Content("Next  enter"), id="next", compact=True, variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        for button in self.query("#wizard-buttons Button"):
            button.can_focus = False
        self.show(self._asked()[0])

    # --- moving through the steps ------------------------------------------------------

    def _asked(self) -> list[Step]:
        """The steps asked, in order, given what has been chosen so far."""
        return [
            step
            for step in self.steps
            if step.id not in self.skipped and step.applies(self.choices)
        ]

    def show(self, step: Step) -> None:
        self.step = step
        self.query_one("#steps", ContentSwitcher).current = step.id
        self._show_title()
        step.enter(self.choices)
        asked = self._asked()
        first = asked and asked[0] is step
        self.query_one("#back", Button).label = Content("Title  esc" if first else "Back  esc")
        self.refresh_bindings()

    def _show_title(self) -> None:
        asked = self._asked()
        number = asked.index(self.step) + 1 if self.step in asked else 1
        self.query_one("#step-title", Static).update(
            Content.assemble((f"{number} of {len(asked)}  ", "dim"), (self.step.TITLE, "bold"))
        )

    @on(Step.Leaning)
    def _leaning(self, event: Step.Leaning) -> None:
        # "1 of 5" must not become "2 of 9": count the steps the highlighted deck will ask.
        if "deck" in self.skipped:
            return  # the deck was chosen before this screen (play again, --deck)
        self.choices.deck = event.deck
        self._show_title()

    def action_next(self) -> None:
        problem = self.step.leave(self.choices)
        if problem is not None:
            if problem:
                self.notify(problem, severity="warning", markup=False)
            return
        asked = self._asked()
        index = asked.index(self.step)
        if index + 1 >= len(asked):
            self._start()
            return
        self.show(asked[index + 1])

    def action_back(self) -> None:
        asked = self._asked()
        index = asked.index(self.step)
        if index == 0:
            self.dismiss()
            return
        previous = asked[index - 1]
        if isinstance(previous, LinesStep):
            # Never straight back into someone's ticks: the curtain comes first.
            previous = next(s for s in asked if s.id == f"look-{previous.player}")
        self.show(previous)

    def action_start_now(self) -> None:
        problem = self.step.leave(self.choices)
        if isinstance(self.step, RitualStep):
            problem = None  # starting now is the players' choice to skip the ritual
        if problem is not None and self.choices.deck is not None:
            self.notify(problem, severity="warning", markup=False)
            return
        if self.choices.deck is None:
            deck_step = self.steps[0]
            if deck_step.leave(self.choices) is not None:
                self.show(deck_step)
                self.notify("Choose a deck first.", severity="warning", markup=False)
                return
        self._start()

    def action_ready(self, player: int) -> None:
        if isinstance(self.step, RitualStep):
            self.step.agree(player)

    def action_skip_how_to(self) -> None:
        if isinstance(self.step, RitualStep) and self.step.reading:
            self.step.show_how_to(False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("ready", "skip_how_to"):
            return isinstance(self.step, RitualStep) and not self.too_small
        return super().check_action(action, parameters)

    @on(Step.Done)
    def _step_done(self, event: Step.Done) -> None:
        event.stop()
        if isinstance(self.step, RitualStep):
            # Both ticks stay on screen a moment, so the players see their agreement land.
            if RITUAL_PAUSE > 0:
                self.set_timer(RITUAL_PAUSE, self._after_ritual)
            else:
                self.call_after_refresh(self._after_ritual)
            return
        self.action_next()

    def _after_ritual(self) -> None:
        if isinstance(self.step, RitualStep):
            self.action_next()

    @on(Agreement.Pressed)
    def _agreement_clicked(self, event: Agreement.Pressed) -> None:
        event.stop()
        self.action_ready(event.player)

    def _start(self) -> None:
        choices = self.choices
        assert choices.deck is not None
        self.post_message(
            StartGame(
                choices.deck,
                names=(choices.names[0], choices.names[1]),
                colours=choices.colours,
                lines=frozenset(choices.lines[0] | choices.lines[1]),
                length=choices.length,
                seed=self.seed,
                first=choices.first,
            )
        )

    @on(Button.Pressed, "#next")
    def _next_pressed(self) -> None:
        self.action_next()

    @on(Button.Pressed, "#back")
    def _back_pressed(self) -> None:
        self.action_back()
