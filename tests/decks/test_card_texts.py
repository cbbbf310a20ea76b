"""Tests that checking a whole level's card texts at once answers exactly as checking them one by
one: the same deck, or the same problems in the same order."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from h2h_game.decks import document as deck_document
from h2h_game.decks.card_texts import canonical_texts, folded, trimmed_if_clean
from h2h_game.decks.document import MAX_TEXT, deck_from_document
from h2h_game.decks.problems import FORBIDDEN_CONTROL, DeckError
from h2h_game.engine.deck import canonical_text, card_id

# Characters where the shortcuts could go wrong: whitespace of every kind, controls (NUL joins
# texts inside), letters that normalise or fold into others, and a combining accent.
TRICKY = (
    " \t\n\r\x00\x1b\x1c\x85\xa0\u2000\u2028\u3000\u200deE\u0301\u00e9\u212b\u00c5\u00dfsS\u03a3?"
)
tricky_texts = (
    st.text(alphabet=" aA\u00e9?", max_size=5)
    | st.text(alphabet=TRICKY, max_size=8)
    | st.sampled_from(
        [
            "What now?",
            "what  now?",
            " What now? ",
            "Wh\u00e9n?",
            "Whe\u0301n?",
            "x" * (MAX_TEXT + 1),
        ]
    )
)


@example([" a"])
@example(["a ", "b"])
@example(["a", " b"])
@example(["\u212b", "e\u0301"])
@example(["x\x00y", "z"])
@given(st.lists(tricky_texts, max_size=6))
def test_canonical_texts_are_canonical_text_of_each(texts: list[str]) -> None:
    assert canonical_texts(texts) == [canonical_text(text) for text in texts]


@given(st.lists(tricky_texts, max_size=6))
def test_folded_is_casefold_of_each(texts: list[str]) -> None:
    assert folded(texts) == [text.casefold() for text in texts]


@given(st.lists(tricky_texts, max_size=6), st.integers(1, 10))
def test_trimmed_if_clean_is_none_exactly_when_some_text_is_not_a_good_card(
    raws: list[str], longest: int
) -> None:
    good = all(
        not FORBIDDEN_CONTROL.search(raw) and 0 < len(raw.strip()) <= longest for raw in raws
    )
    assert trimmed_if_clean(raws, longest) == ([raw.strip() for raw in raws] if good else None)


@contextmanager
def one_by_one() -> Iterator[None]:
    """Check every level card by card, as before levels were checked at once."""
    real = deck_document._good_cards
    deck_document._good_cards = lambda *_: None
    try:
        yield
    finally:
        deck_document._good_cards = real


def outcome(document: dict[str, Any]) -> object:
    try:
        return deck_from_document(document, "d.toml")
    except DeckError as error:
        return [str(problem) for problem in error.problems]


# Texts that repeat one another once folded and spaced, or whose ids other cards take.
alike = st.sampled_from(["What now?", "what  now?", "WHAT NOW?", "Why?", "Where to?", "Who?"])
texts = alike | tricky_texts
card_tables = st.fixed_dictionaries(
    {"text": texts},
    optional={
        "tags": st.lists(st.sampled_from(["t", "u"]), max_size=2),
        "kind": st.sampled_from(["question", "wild", "bad"]),
        "effect": st.sampled_from(["swap", "nope"]),
        "id": st.sampled_from(["mine", card_id(1, "What now?"), card_id(2, "Why?"), ""]),
        "colour": st.just("red"),
    },
)
cards = st.lists(alike | texts | card_tables | st.integers(), min_size=1, max_size=7)


@example([["What now?"], [{"text": "Why?", "id": card_id(1, "What now?")}]])
@example([["What now?", "WHAT  NOW?"]])
@example([["Why?"], ["why?"]])
@example([[{"text": "Why?", "id": "mine"}, {"text": "Who?", "id": "mine"}]])
@example([[{"text": "Why?", "colour": "red"}, "Who?", "Who?"]])
@settings(max_examples=400)
@given(st.lists(cards, min_size=1, max_size=3))
def test_levels_checked_at_once_give_what_checking_card_by_card_gives(
    levels: list[list[Any]],
) -> None:
    document = {
        "format": 1,
        "deck": {"name": "D"},
        "levels": [{"name": f"Level {n}", "cards": list(c)} for n, c in enumerate(levels)],
    }
    at_once = outcome(document)
    with one_by_one():
        assert outcome(document) == at_once


def test_a_level_of_plain_strings_needs_no_card_by_card_checks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_single_cards(*_: object) -> None:
        raise AssertionError("a card was checked on its own")

    monkeypatch.setattr(deck_document, "_card", no_single_cards)
    document = {
        "format": 1,
        "deck": {"name": "D"},
        "levels": [{"name": "One", "cards": [" What now? ", "Why\tnot?", "Ça va\u00a0?"]}],
    }
    deck = deck_from_document(document, "d.toml")
    assert [card.text for card in deck.cards] == ["What now?", "Why\tnot?", "Ça va\u00a0?"]
    assert [card.id for card in deck.cards] == [
        card_id(1, text) for text in ("What now?", "Why\tnot?", "Ça va\u00a0?")
    ]
