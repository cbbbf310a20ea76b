"""Provides the words of the deck studio: kinds of card, problems as lines, and its messages.

Plain, warm, second person; no exclamation marks. Deck text inside them is always literal.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content

from h2h_game.decks.problems import Problem
from h2h_game.engine.deck import Effect, Kind
from h2h_game.tui.literal import literal

KINDS: tuple[tuple[Kind, Effect | None, str], ...] = (
    (Kind.QUESTION, None, "A question"),
    (Kind.WILD, Effect.BOTH_ANSWER, "Wild card: both of you answer, the speaker first"),
    (Kind.WILD, Effect.SWAP, "Wild card: swap, the listener answers first"),
    (Kind.WILD, Effect.APPRECIATE, "Wild card: each says what they appreciate in the other"),
    (Kind.WILD, Effect.QUIET, "Wild card: a quiet moment together"),
    (Kind.WILD, Effect.DEEPER, "Wild card: the next card comes from one level deeper"),
)
"""Every kind a card can be, in the words the studio offers them."""


def kind_words(kind: Kind, effect: Effect | None) -> str:
    for known, known_effect, words in KINDS:
        if known is kind and known_effect is effect:
            return words
    return "Wild card, with no effect chosen yet" if kind is Kind.WILD else "A question"


def problem_lines(errors: Sequence[Problem], warnings: Sequence[Problem]) -> Content:
    """Errors, then the doctor's warnings, one per line, each marked."""
    lines: list[Content] = [
        Content.assemble(("✗ ", "$error"), literal(problem.message).stylize("$error"))
        for problem in errors
    ]
    lines += [
        Content.assemble(("! ", "$warning"), literal(problem.message)) for problem in warnings
    ]
    return Content("\n").join(lines)


def count(number: int, one: str, many: str | None = None) -> str:
    """ "1 card", "3 cards"."""
    return f"{number} {one if number == 1 else (many or one + 's')}"
