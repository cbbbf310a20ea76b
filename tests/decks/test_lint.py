"""Tests the deck doctor: each warning, where it points, and its silence on good decks."""

from __future__ import annotations

from pathlib import Path

import pytest

from h2h_game.decks.advice import not_a_question
from h2h_game.decks.format import load_deck, parse_deck
from h2h_game.decks.lint import SHORT_GAME_CARDS, lint_deck, lint_decks
from h2h_game.decks.problems import Severity
from h2h_game.engine.state import Length
from tests.decks.builders import deck_toml, questions

BUNDLED = sorted((Path(__file__).parents[2] / "decks").glob("*.toml"))


def warnings_for(levels: list[list[str]], deck_extra: str = "") -> list[str]:
    deck = parse_deck(deck_toml(levels=levels, deck_extra=deck_extra).encode(), "d.toml")
    found = lint_deck(deck, "d.toml")
    assert all(problem.severity is Severity.WARNING for problem in found)
    return [str(problem) for problem in found]


def padded(*cards: str) -> list[list[str]]:
    """Two healthy levels of open questions, the first starting with `cards`."""
    first = list(cards) + [f'"{text}"' for text in questions(1, 10 - len(cards))]
    return [first, [f'"{text}"' for text in questions(2, 10)]]


def test_a_healthy_deck_has_no_warnings() -> None:
    assert warnings_for(padded()) == []


@pytest.mark.parametrize(
    "word",
    [
        "Do", "Does", "Did", "Are", "Is", "Was", "Were", "Have", "Has", "Had", "Can", "Could",
        "Would", "Will", "Should", "Shall", "May", "Might", "Must", "Don't", "Isn't",
    ],
)  # fmt: skip
def test_closed_questions_are_flagged_with_an_open_form(word: str) -> None:
    found = warnings_for(padded(f'"{word} you like rain?"'))
    assert len(found) == 1
    assert found[0].startswith(
        f'd.toml: warning: levels[0].cards[0] ("{word} you like rain?"): closed question '
        f'("{word}…?" invites a yes or no): ask "'
    )


def test_the_suggestion_fits_the_word() -> None:
    (ever,) = warnings_for(padded('"Have you ever been lost?"'))
    assert '"When…?"' in ever
    (do,) = warnings_for(padded('"Do you miss home?"'))
    assert '"What do you miss about it?"' in do


def test_a_closed_question_after_an_address_is_flagged() -> None:
    card = '{ text = "Both of you: do you miss it?", kind = "wild", effect = "both-answer" }'
    (found,) = warnings_for(padded(card))
    assert "closed question" in found


@pytest.mark.parametrize(
    "text",
    [
        "What do you miss about home?",
        "How did you learn to swim?",
        "When were you last surprised?",
        "Which door in your childhood home do you remember?",
        "Doors: which one do you remember best?",
        "Isolation: what has it taught you?",
    ],
)
def test_open_questions_are_not_flagged(text: str) -> None:
    assert warnings_for(padded(f'"{text}"')) == []


def test_a_statement_that_is_not_a_wild_card_is_flagged() -> None:
    (found,) = warnings_for(padded('"My favourite colour is blue."'))
    assert found.startswith('d.toml: warning: levels[0].cards[0] ("My favourite colour is blue."')
    assert 'not a question: it has no "?"' in found


@pytest.mark.parametrize(
    "text",
    ["Tell me about your first job.", "Describe your street.", "Share a song you love.",
     "Name three smells from childhood.", "Remember a kind teacher.", "Imagine your next home."],
)  # fmt: skip
def test_invitations_that_start_with_an_imperative_are_fine(text: str) -> None:
    assert warnings_for(padded(f'"{text}"')) == []


def test_a_wild_card_without_a_question_mark_is_fine() -> None:
    card = '{ text = "Sit together quietly for a minute.", kind = "wild", effect = "quiet" }'
    assert warnings_for(padded(card)) == []


def test_a_level_too_short_for_a_short_game_is_flagged_with_the_reason() -> None:
    levels = [[f'"{text}"' for text in questions(1, 12)], [f'"{text}"' for text in questions(2, 9)]]
    (found,) = warnings_for(levels)
    assert found == (
        'd.toml: warning: levels[1] ("Level 2"): only 9 cards: a Short game answers '
        f"{Length.SHORT.target} cards, and with a couple of passes it can draw {SHORT_GAME_CARDS}, "
        f"so give every level at least {SHORT_GAME_CARDS}"
    )


def test_the_short_game_threshold_is_the_short_target_plus_two() -> None:
    assert (Length.SHORT.target or 0) + 2 == SHORT_GAME_CARDS
    levels = [[f'"{text}"' for text in questions(level, SHORT_GAME_CARDS)] for level in (1, 2)]
    assert warnings_for(levels) == []


def test_a_level_under_a_quarter_of_another_is_unbalanced() -> None:
    levels = [
        [f'"{text}"' for text in questions(1, 44)],
        [f'"{text}"' for text in questions(2, 10)],
    ]
    (found,) = warnings_for(levels)
    assert found.startswith('d.toml: warning: levels[1] ("Level 2"): unbalanced: 10 cards is')
    assert 'the 44 in levels[0] ("Level 1")' in found


def test_a_level_of_exactly_a_quarter_is_balanced() -> None:
    levels = [
        [f'"{text}"' for text in questions(1, 40)],
        [f'"{text}"' for text in questions(2, 10)],
    ]
    assert warnings_for(levels) == []


def test_tags_used_but_not_declared_are_flagged_once_per_tag() -> None:
    cards = ['{ text = "Who cooked at home?", tags = ["family"] }'] * 1 + [
        '{ text = "Who cooked on Sundays?", tags = ["family"] }'
    ]
    (found,) = warnings_for(padded(*cards))
    assert found.startswith(
        'd.toml: warning: deck.tags: the tag "family" is used by 2 cards '
        "(first levels[0].cards[0]) but not declared"
    )


def test_tags_declared_but_unused_are_flagged() -> None:
    (found,) = warnings_for(padded(), deck_extra='tags = { loss = "Loss" }\n')
    assert found == 'd.toml: warning: deck.tags: the tag "loss" is declared but no card uses it'


def test_declared_and_used_tags_are_fine() -> None:
    card = '{ text = "Who cooked at home?", tags = ["family"] }'
    assert warnings_for(padded(card), deck_extra='tags = { family = "Family" }\n') == []


def test_double_and_leading_questions_are_warnings_at_their_card() -> None:
    found = warnings_for(
        padded(
            '"Which songs do you love, and which do you skip?"',
            '"Why do you never call me?"',
        )
    )
    assert found[0].startswith(
        'd.toml: warning: levels[0].cards[0] ("Which songs do you love, and which do yo…"): '
        'double question: it asks "Which songs do you love?" and also "Which do you skip?"'
    )
    assert found[1] == (
        'd.toml: warning: levels[0].cards[1] ("Why do you never call me?"): leading question '
        '("Why do you never…" takes for granted that it never happens, and asks them to defend '
        'it): ask without the presumption, e.g. "What makes it hard to call me?"'
    )
    assert len(found) == 2


def test_a_level_with_no_card_for_the_other_player_is_flagged() -> None:
    lonely = [
        f'"What is the best thing about {thing}?"'
        for thing in (
            "rain",
            "snow",
            "toast",
            "trains",
            "maps",
            "owls",
            "jazz",
            "ferns",
            "kites",
            "tea",
        )
    ]
    levels = [[f'"{text}"' for text in questions(1, 10)], lonely]
    (found,) = warnings_for(levels)
    assert found.startswith(
        'd.toml: warning: levels[1] ("Level 2"): no card here speaks to the other player'
    )
    assert 'e.g. "What do you wish I asked you about more often?"' in found


def test_one_card_for_the_other_player_is_enough() -> None:
    lonely = [
        f'"What is the best thing about {thing}?"'
        for thing in ("rain", "snow", "toast", "trains", "maps", "owls", "jazz", "ferns", "kites")
    ]
    levels = [[f'"{text}"' for text in questions(1, 10)], [*lonely, '"What do we share?"']]
    assert warnings_for(levels) == []


def test_a_wild_card_for_the_other_player_counts() -> None:
    lonely = [
        f'"What is the best thing about {thing}?"'
        for thing in ("rain", "snow", "toast", "trains", "maps", "owls", "jazz", "ferns", "kites")
    ]
    wild = '{ text = "Each of you, thank the other.", kind = "wild", effect = "appreciate" }'
    levels = [[f'"{text}"' for text in questions(1, 10)], [*lonely, wild]]
    assert warnings_for(levels) == []


def test_a_near_duplicate_within_a_deck_names_both_cards() -> None:
    found = warnings_for(
        padded(
            '"Which smell takes you straight back to your childhood?"',
            '"What smell takes you straight back to being small?"',
        )
    )
    assert found == [
        'd.toml: warning: levels[0].cards[1] ("What smell takes you straight back to be…"): '
        'near-duplicate of levels[0].cards[0] ("Which smell takes you straight back to y…"): '
        'the same question in other words (both use "smell", "straight", "takes"); keep the '
        "better of the two, or give this one a different angle (another time, place or person)"
    ]


def test_near_duplicates_are_found_across_decks_and_reported_once_at_the_later_card() -> None:
    first = parse_deck(
        deck_toml(
            levels=padded('"Which smell takes you straight back to your childhood?"')
        ).encode(),
        "a.toml",
    )
    second = parse_deck(
        deck_toml(
            levels=[[f'"{text}"' for text in questions(3, 10)],
                    [*(f'"{text}"' for text in questions(4, 9)),
                     '"What smell takes you straight back to being small?"']]
        ).encode(),
        "b.toml",
    )  # fmt: skip
    in_a, in_b = lint_decks([(first, "a.toml"), (second, "b.toml")])
    assert in_a == []
    (found,) = [str(warning) for warning in in_b]
    assert found.startswith(
        'b.toml: warning: levels[1].cards[9] ("What smell takes you straight back to be…"): '
        'near-duplicate of levels[0].cards[0] in a.toml ("Which smell takes you straight back '
        'to y…")'
    )
    # Apart, neither deck has anything to say.
    assert lint_deck(first, "a.toml") == [] and lint_deck(second, "b.toml") == []


def test_wild_cards_without_a_question_are_not_compared() -> None:
    wild = '{{ text = "The next card is one level deeper{}.", kind = "wild", effect = "deeper" }}'
    found = warnings_for(padded(wild.format(""), wild.format(", gently")))
    assert found == []


def test_landing_cards_get_the_same_advice_but_the_closing_card_does_not() -> None:
    ending = (
        '\n[ending]\nlanding = ["What now?", "Do you feel lighter?"]\n'
        'closing = "Each of you: what did you love about tonight?"\n'
    )
    text = deck_toml(levels=padded()) + ending
    found = [str(warning) for warning in lint_deck(parse_deck(text.encode(), "d.toml"), "d.toml")]
    assert found == [
        'd.toml: warning: ending.landing[1] ("Do you feel lighter?"): closed question ("Do…?" '
        'invites a yes or no): ask "What…?" or "How…?" instead, e.g. "Do you miss it?" → '
        '"What do you miss about it?"'
    ]


def test_the_seven_bundled_decks_lint_clean_together() -> None:
    """What `h2h deck lint --strict decks/*.toml` checks: not one warning, across all of them."""
    decks = [(load_deck(path), path.name) for path in BUNDLED]
    assert len(decks) == 7
    found = [str(warning) for warnings in lint_decks(decks) for warning in warnings]
    assert found == []


def test_finish_this_sentence_is_an_invitation_not_a_statement() -> None:
    assert not_a_question("Finish this sentence: the best part of my week was…") is None
    assert not_a_question("Both of you: the best part of the week.") is not None
