"""Provides small decks, random play and state digests for the store's tests."""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Iterator

from h2h_game.engine import (
    Card,
    Deck,
    Effect,
    GameState,
    Kind,
    Length,
    Level,
    LogEntry,
    Setup,
    WrapUp,
    apply,
    card_id,
    deal_game,
    legal_actions,
    state_to_dict,
)
from h2h_game.store import OpenGame

START = 1_764_000_000.0
"""A fixed evening in November 2025, so times in tests never depend on the clock."""


def small_deck(per_level: int = 5, levels: int = 3, *, wild: bool = True) -> Deck:
    """A deck of questions on each level, with one wild card of each effect spread over it."""
    effects = list(Effect) if wild else []
    built = []
    for number in range(1, levels + 1):
        cards = [
            Card(card_id(number, f"Question {i} on level {number}?"), number, f"Question {i}?")
            for i in range(per_level)
        ]
        if effects:
            effect = effects[(number - 1) % len(effects)]
            text = f"Wild {effect} on level {number}"
            cards.append(Card(card_id(number, text), number, text, (), Kind.WILD, effect))
        built.append(Level(number, f"Level {number}", [0, 3, 8, 14][number - 1], tuple(cards)))
    return Deck("Little deck", tuple(built))


def fresh_game(
    deck: Deck | None = None,
    *,
    names: tuple[str, str] = ("Maya", "Sam"),
    seed: int = 7,
    length: Length = Length.OPEN,
    at: float = START,
) -> GameState:
    return deal_game(Setup(deck or small_deck(), names=names, seed=seed, length=length), at=at)


def next_step(state: GameState, rng: random.Random, clock: float) -> tuple[GameState, LogEntry]:
    """One random legal action, mostly not wrapping up so games last a while."""
    actions = legal_actions(state)
    keep_going = [action for action in actions if not isinstance(action, WrapUp)]
    action = rng.choice(keep_going if keep_going and rng.random() > 0.02 else actions)
    return apply(state, action, clock), LogEntry(action, clock)


def play(game: OpenGame, steps: int, *, seed: int = 0) -> None:
    """Play and save up to `steps` random legal actions (fewer if the game ends)."""
    rng = random.Random(seed)
    clock = game.state.moment.clock or START
    for _ in range(steps):
        if game.state.is_over:
            return
        clock += rng.uniform(1, 90)
        state, entry = next_step(game.state, rng, clock)
        game.save(state, entry, clock)


def steps_of(state: GameState, count: int, seed: int = 0) -> Iterator[tuple[GameState, LogEntry]]:
    rng = random.Random(seed)
    clock = state.moment.clock or START
    for _ in range(count):
        if state.is_over:
            return
        clock += rng.uniform(1, 90)
        state, entry = next_step(state, rng, clock)
        yield state, entry


def digest(state: GameState) -> str:
    """A short fingerprint of a whole state, as the crash-test player reports it."""
    text = json.dumps(state_to_dict(state), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:16]
