"""Provides the figures of an evening: what the summary screen and the save list show."""

from __future__ import annotations

from dataclasses import dataclass

from h2h_game.engine.state import Ending, GameState, Phase


@dataclass(frozen=True)
class Summary:
    """The story of a game in numbers. Never the answers: they were only ever spoken."""

    deck: str
    players: tuple[str, str]
    minutes: int
    answered: int
    met: int
    felt_heard: int
    level: int
    level_name: str
    deepest: int
    deepest_name: str
    jar: int
    removed: tuple[str, ...]
    finished: bool
    ending: Ending | None


def summarise(state: GameState) -> Summary:
    """The figures of a game so far (or of the whole evening, once it is over)."""
    m = state.moment
    deck = state.deck
    return Summary(
        deck=deck.name,
        players=(state.players[0].name, state.players[1].name),
        minutes=round(m.together / 60),
        answered=m.answered,
        met=m.met,
        felt_heard=m.felt_heard,
        level=m.level,
        level_name=deck.level(m.level).name,
        deepest=m.deepest,
        deepest_name=deck.level(m.deepest).name,
        jar=m.jar,
        removed=m.removed,
        finished=m.phase is Phase.OVER,
        ending=m.ending,
    )
