"""Provides intents: the names keys and buttons use, turned into the engine's actions.

An intent like "go-lighter" needs a level; the engine decides which levels are legal, and this
module only picks the nearest legal one. No rule of the game is decided here.
"""

from __future__ import annotations

from h2h_game.engine import ACTION_TYPES, Action, AskDeeper, GameState, GoLighter, is_legal

# Moves that need a level; every other intent is an action kind with no arguments.
_BY_LEVEL = {"ask-deeper", "go-lighter"}


def action_for(state: GameState, intent: str) -> Action | None:
    """The legal action an intent stands for right now, or None when it stands for none."""
    if intent not in _BY_LEVEL:
        action = ACTION_TYPES[intent]()
        return action if is_legal(state, action) else None
    levels = range(1, len(state.deck.levels) + 1)
    if intent == "ask-deeper":
        # One step at a time: the nearest deeper level the players may ask for.
        options = (AskDeeper(level) for level in levels if level > state.moment.level)
    else:
        options = (GoLighter(level) for level in reversed(levels) if level < state.moment.level)
    return next((action for action in options if is_legal(state, action)), None)
