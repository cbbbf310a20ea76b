"""Provides the deck doctor: warnings that help authors write better decks, never errors."""

from __future__ import annotations

from collections.abc import Sequence

from h2h_game.decks.advice import card_advice, speaks_to_the_other
from h2h_game.decks.problems import Problem, Severity, quoted, snippet, visible
from h2h_game.decks.similarity import near_duplicates
from h2h_game.engine.deck import Deck, Level
from h2h_game.engine.state import Length

# A pass costs nothing, so a Short game can draw a couple more cards than it answers.
SPARE_FOR_PASSES = 2
SHORT_GAME_CARDS = (Length.SHORT.target or 0) + SPARE_FOR_PASSES
UNBALANCED_RATIO = 4

# Examples of a card that turns towards the other player, lightest level first.
_TOWARDS_THE_OTHER = (
    "What was your first impression of me, and what would you say now?",
    "Which of my habits have you picked up without meaning to?",
    "What do you wish I asked you about more often?",
)


def lint_deck(deck: Deck, source: str) -> list[Problem]:
    """Every warning the deck doctor has for a valid deck, in file order."""
    return lint_decks([(deck, source)])[0]


def lint_decks(decks: Sequence[tuple[Deck, str]]) -> list[list[Problem]]:
    """Every warning for each deck, in file order, comparing cards across all the decks.

    Near-duplicates are looked for among the cards of every deck given, so linting a folder
    finds the same question asked by two decks. Each pair is reported once, at the later card.
    """
    duplicates = _duplicate_warnings(decks)
    results: list[list[Problem]] = []
    for number, (deck, source) in enumerate(decks):
        warnings: list[Problem] = []
        for level in deck.levels:
            for index, card in enumerate(level.cards):
                place = _card_place(level, index)
                warnings.extend(
                    Problem(
                        source,
                        advice.message,
                        where=place,
                        label=card.text,
                        severity=Severity.WARNING,
                    )
                    for advice in card_advice(card.text, wild=card.is_wild)
                )
                warnings.extend(duplicates.get((number, place), ()))
        # Landing cards are light questions like any other; the closing card is a ritual in
        # the author's words, where a warm presumption ("what did you love…") is the point.
        for index, text in enumerate(deck.landing):
            warnings.extend(
                Problem(
                    source,
                    advice.message,
                    where=f"ending.landing[{index}]",
                    label=text,
                    severity=Severity.WARNING,
                )
                for advice in card_advice(text)
            )
        warnings.extend(_level_warnings(deck, source))
        warnings.extend(_tag_warnings(deck, source))
        results.append(warnings)
    return results


def _card_place(level: Level, index: int) -> str:
    return f"levels[{level.number - 1}].cards[{index}]"


def _duplicate_warnings(decks: Sequence[tuple[Deck, str]]) -> dict[tuple[int, str], list[Problem]]:
    """Near-duplicate warnings keyed by (deck number, card place), one per pair of cards."""
    # Wild cards without a question are mechanics ("the next card comes from one level
    # deeper"); they are meant to read alike from deck to deck.
    cards = [
        (number, _card_place(level, index), card)
        for number, (deck, _) in enumerate(decks)
        for level in deck.levels
        for index, card in enumerate(level.cards)
        if not card.is_wild or "?" in card.text
    ]
    found: dict[tuple[int, str], list[Problem]] = {}
    for match in near_duplicates([card.text for _, _, card in cards]):
        first_deck, first_place, first = cards[match.first]
        later_deck, later_place, later = cards[match.second]
        other = (
            first_place
            if first_deck == later_deck
            else f"{first_place} in {visible(decks[first_deck][1])}"
        )
        shared = ", ".join(quoted(word) for word in match.shared[:4])
        message = (
            f'near-duplicate of {other} ("{snippet(first.text)}"): the same question in other '
            f"words (both use {shared}); keep the better of the two, or give this one a "
            "different angle (another time, place or person)"
        )
        source = decks[later_deck][1]
        found.setdefault((later_deck, later_place), []).append(
            Problem(source, message, where=later_place, label=later.text, severity=Severity.WARNING)
        )
    return found


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
        if not any(speaks_to_the_other(card.text) for card in level.cards):
            depth = 0 if level.number == 1 else 2 if level.number == len(deck.levels) else 1
            warnings.append(
                Problem(
                    source,
                    'no card here speaks to the other player (none says "me", "I", "us", "we", '
                    '"our" or "each other"), so the level never turns towards the person across '
                    f'the table: add one that does, e.g. "{_TOWARDS_THE_OTHER[depth]}"',
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
