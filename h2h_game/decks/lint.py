"""Provides the deck doctor: warnings that help authors write better decks, never errors."""

from __future__ import annotations

import re

from h2h_game.decks.problems import Problem, Severity, quoted
from h2h_game.engine.deck import Card, Deck, Level
from h2h_game.engine.state import Length

# A pass costs nothing, so a Short game can draw a couple more cards than it answers.
SPARE_FOR_PASSES = 2
SHORT_GAME_CARDS = (Length.SHORT.target or 0) + SPARE_FOR_PASSES
UNBALANCED_RATIO = 4

# Suggested open forms, by the word a closed question starts with.
_OPEN_FORMS: dict[str, str] = {
    **dict.fromkeys(
        ("do", "does", "did", "don't", "doesn't", "didn't"),
        'ask "What…?" or "How…?" instead, e.g. "Do you miss it?" → "What do you miss about it?"',
    ),
    **dict.fromkeys(
        ("are", "is", "was", "were", "am", "aren't", "isn't", "wasn't", "weren't"),
        'ask "How…?" or "What…?" instead, e.g. "Are you happy there?" → '
        '"What makes a good day there for you?"',
    ),
    **dict.fromkeys(
        ("have", "has", "had", "haven't", "hasn't", "hadn't"),
        'ask "When…?" or "What…?" instead, e.g. "Have you ever felt lost?" → '
        '"When did you last feel lost, and what helped?"',
    ),
    **dict.fromkeys(
        ("can", "could", "can't", "couldn't"),
        'ask "How…?" or "What would it take…?" instead, e.g. "Can you forgive it?" → '
        '"What would forgiving it take?"',
    ),
    **dict.fromkeys(
        ("would", "will", "should", "shall", "wouldn't", "won't", "shouldn't"),
        'ask "What…?" or "How…?" instead, e.g. "Would you move abroad?" → '
        '"Where would you live if you could move anywhere, and why there?"',
    ),
    **dict.fromkeys(
        ("may", "might", "must"),
        'ask "What…?" or "How…?" instead',
    ),
}

# Words a card may start with and still be a fine prompt without a question mark.
# fmt: off
IMPERATIVES = frozenset((
    "tell", "describe", "share", "name", "remember", "think", "show", "talk", "say", "imagine",
    "picture", "take", "look", "recall", "explain", "walk", "finish", "complete", "pick", "choose",
    "list", "paint", "draw", "bring", "read", "close", "let", "sing", "hum",
))
# fmt: on

_FIRST_WORD = re.compile(r"[\w'’]+")
# Wild cards often address both players first: "Both of you: do you …?"
_ADDRESS = re.compile(r"^[^:?]{1,30}:\s*")


def lint_deck(deck: Deck, source: str) -> list[Problem]:
    """Every warning the deck doctor has for a valid deck, in file order."""
    warnings: list[Problem] = []
    for level in deck.levels:
        for index, card in enumerate(level.cards):
            warnings.extend(_card_warnings(card, _card_place(level, index), source))
    warnings.extend(_level_warnings(deck, source))
    warnings.extend(_tag_warnings(deck, source))
    return warnings


def _card_place(level: Level, index: int) -> str:
    return f"levels[{level.number - 1}].cards[{index}]"


def _first_word(text: str) -> str:
    text = _ADDRESS.sub("", text, count=1)
    match = _FIRST_WORD.search(text)
    return match[0].lower().replace("’", "'") if match else ""


def _card_warnings(card: Card, place: str, source: str) -> list[Problem]:
    def warn(message: str) -> Problem:
        return Problem(source, message, where=place, label=card.text, severity=Severity.WARNING)

    first = _first_word(card.text)
    if "?" in card.text and first in _OPEN_FORMS:
        word = first.capitalize()
        return [warn(f'closed question ("{word}…?" invites a yes or no): {_OPEN_FORMS[first]}')]
    if not card.is_wild and "?" not in card.text and first not in IMPERATIVES:
        return [
            warn(
                'not a question: it has no "?" and does not start with an invitation like '
                '"Tell…", "Describe…" or "Share…"; end it with "?" or make it a wild card'
            )
        ]
    return []


def _level_warnings(deck: Deck, source: str) -> list[Problem]:
    warnings: list[Problem] = []
    biggest = max(deck.levels, key=lambda level: len(level.cards))
    for level in deck.levels:
        where = f"levels[{level.number - 1}]"
        count = len(level.cards)
        if count < SHORT_GAME_CARDS:
            warnings.append(
                Problem(
                    source,
                    f"only {count} card{'s' if count != 1 else ''}: a Short game answers "
                    f"{Length.SHORT.target} cards, and with a couple of passes it can draw "
                    f"{SHORT_GAME_CARDS}, so give every level at least {SHORT_GAME_CARDS}",
                    where=where,
                    label=level.name,
                    severity=Severity.WARNING,
                )
            )
        if count * UNBALANCED_RATIO < len(biggest.cards):
            warnings.append(
                Problem(
                    source,
                    f"unbalanced: {count} card{'s' if count != 1 else ''} is under a quarter of "
                    f"the {len(biggest.cards)} in levels[{biggest.number - 1}] "
                    f"({quoted(biggest.name)}); players who reach this level run out quickly",
                    where=where,
                    label=level.name,
                    severity=Severity.WARNING,
                )
            )
    return warnings


def _tag_warnings(deck: Deck, source: str) -> list[Problem]:
    declared = [tag for tag, _ in deck.tags]
    first_use: dict[str, str] = {}
    uses: dict[str, int] = {}
    for level in deck.levels:
        for index, card in enumerate(level.cards):
            for tag in card.tags:
                first_use.setdefault(tag, _card_place(level, index))
                uses[tag] = uses.get(tag, 0) + 1
    warnings = [
        Problem(
            source,
            f"the tag {quoted(tag)} is used by {uses[tag]} card{'s' if uses[tag] != 1 else ''} "
            f"(first {first_use[tag]}) but not declared: add it to [deck] tags with a label, "
            "so players can leave the topic out by name",
            where="deck.tags",
            severity=Severity.WARNING,
        )
        for tag in first_use
        if tag not in declared
    ]
    warnings.extend(
        Problem(
            source,
            f"the tag {quoted(tag)} is declared but no card uses it",
            where="deck.tags",
            severity=Severity.WARNING,
        )
        for tag in declared
        if tag not in uses
    )
    return warnings
