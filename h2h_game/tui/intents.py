"""Provides intents: the names keys and buttons use, turned into the engine's actions.

An intent like "go-lighter" needs a level; the engine decides which levels are legal, and this
module only picks the nearest legal one. No rule of the game is decided here.
"""

from __future__ import annotations

from collections.abc import Callable

from h2h_game.engine import (
    Action,
    Answer,
    AskDeeper,
    DrawAnother,
    EndQuiet,
    FeltHeard,
    GameState,
    GoLighter,
    HandOver,
    LeadTheWay,
    Meet,
    NotQuite,
    NotYet,
    Pass,
    Pause,
    QuietMoment,
    Reflect,
    Remove,
    Resume,
    ThankYou,
    Undo,
    WrapUp,
    is_legal,
)

_SIMPLE: dict[str, Callable[[], Action]] = {
    "answer": Answer,
    "pass": Pass,
    "draw-another": DrawAnother,
    "hand-over": HandOver,
    "remove": Remove,
    "reflect": Reflect,
    "felt-heard": FeltHeard,
    "not-quite": NotQuite,
    "meet": Meet,
    "thank-you": ThankYou,
    "quiet-moment": QuietMoment,
    "end-quiet": EndQuiet,
    "lead-the-way": LeadTheWay,
    "not-yet": NotYet,
    "pause": Pause,
    "resume": Resume,
    "wrap-up": WrapUp,
    "undo": Undo,
}


def action_for(state: GameState, intent: str) -> Action | None:
    """The legal action an intent stands for right now, or None when it stands for none."""
    if intent in _SIMPLE:
        action = _SIMPLE[intent]()
        return action if is_legal(state, action) else None
    levels = range(1, len(state.deck.levels) + 1)
    if intent == "ask-deeper":
        # One step at a time: the nearest deeper level the players may ask for.
        options = (AskDeeper(level) for level in levels if level > state.now.level)
    elif intent == "go-lighter":
        options = (GoLighter(level) for level in reversed(levels) if level < state.now.level)
    else:
        raise ValueError(f"unknown intent {intent!r}")
    return next((action for action in options if is_legal(state, action)), None)
