"""Tests writing decks back as TOML: the shape a person would write, and exact round trips."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from h2h_game.decks.format import load_deck, parse_deck
from h2h_game.decks.writer import deck_to_toml
from tests.decks.builders import SHORTEST, deck_toml

BUNDLED = sorted((Path(__file__).parents[2] / "decks").glob("*.toml"))


def round_trip(text: str) -> tuple[object, str]:
    deck = parse_deck(text.encode(), "d")
    written = deck_to_toml(deck)
    assert parse_deck(written.encode(), "again") == deck
    return deck, written


def test_the_shortest_deck_is_written_as_a_person_would_write_it() -> None:
    _, written = round_trip(SHORTEST)
    assert written == (
        "format = 1\n"
        "\n"
        "[deck]\n"
        'name = "Old friends"\n'
        'description = "For two people who go way back."\n'
        "\n"
        "[[levels]]\n"
        'name = "Warm up"\n'
        "cards = [\n"
        '  "What is a small thing that made you laugh this week?",\n'
        '  "Which place from our past would you visit again tomorrow?",\n'
        "]\n"
        "\n"
        "[[levels]]\n"
        'name = "Getting real"\n'
        "cards = [\n"
        '  "What have you been carrying around lately that you haven\'t said out loud?",\n'
        "]\n"
    )


def test_defaults_are_left_out_and_other_values_kept() -> None:
    extra = 'language = "nl"\nauthor = "Ann"\nhow_to_play = "Slowly."\n'
    text = deck_toml(levels=[['"a?"'], ['"b?"'], ['"c?"']], deck_extra=extra)
    text = text.replace('name = "Level 3"', 'name = "Level 3"\nunlock = 20')
    _, written = round_trip(text)
    document = tomllib.loads(written)
    assert document["deck"]["language"] == "nl"
    assert "unlock" not in document["levels"][1]
    assert document["levels"][2]["unlock"] == 20
    _, english = round_trip(deck_toml(deck_extra='language = "en"\n'))
    assert "language" not in english


def test_only_cards_that_need_a_table_get_one_and_each_card_is_one_line() -> None:
    cards = [
        '"Plain?"',
        '{ text = "Tagged?", tags = ["family"] }',
        '{ text = "Both of you: go.", kind = "wild", effect = "swap" }',
        '{ text = "Named?", id = "kept" }',
        '{ text = "Derived?", id = "' + "L1-" + '" }',
    ]
    _, written = round_trip(deck_toml(levels=[cards], deck_extra='tags = { family = "Family" }\n'))
    card_lines = [line for line in written.splitlines() if line.startswith("  ")]
    assert card_lines[0] == '  "Plain?",'
    assert card_lines[1] == '  { text = "Tagged?", tags = ["family"] },'
    assert card_lines[2] == '  { text = "Both of you: go.", kind = "wild", effect = "swap" },'
    assert card_lines[3] == '  { text = "Named?", id = "kept" },'
    assert 'tags = { family = "Family" }' in written


def test_an_explicit_id_equal_to_the_derived_one_is_left_out() -> None:
    from h2h_game.engine.deck import card_id

    text = deck_toml(levels=[[f'{{ text = "Same?", id = "{card_id(1, "Same?")}" }}']])
    _, written = round_trip(text)
    assert '  "Same?",' in written


def test_escapes_tabs_newlines_quotes_and_unicode_survive() -> None:
    card = '"She said \\"why?\\"\\tthen\\nwhy not? 💛 \\\\ [b]"'
    deck, _ = round_trip(deck_toml(levels=[[card]]))
    assert deck.cards[0].text == 'She said "why?"\tthen\nwhy not? 💛 \\ [b]'


def test_tags_without_labels_are_written_as_an_array() -> None:
    _, written = round_trip(deck_toml(deck_extra='tags = ["a", "b c"]\n'))
    assert 'tags = ["a", "b c"]' in written


def test_tag_keys_that_are_not_bare_are_quoted() -> None:
    _, written = round_trip(deck_toml(deck_extra='tags = { "past relationships" = "Exes" }\n'))
    assert 'tags = { "past relationships" = "Exes" }' in written


@pytest.mark.parametrize("path", BUNDLED, ids=[path.name for path in BUNDLED])
def test_bundled_decks_round_trip(path: Path) -> None:
    deck = load_deck(path)
    assert parse_deck(deck_to_toml(deck).encode(), "again") == deck


def test_audience_settle_and_ending_survive_a_round_trip_and_defaults_stay_out() -> None:
    text = deck_toml(
        levels=[['"a?"'], ['"b?"'], ['"c?"']], deck_extra='audience = "Old friends"\n'
    ).replace('name = "Level 3"', 'name = "Level 3"\nsettle = 0')
    text += '\n[ending]\nlanding = ["What now?"]\nclosing = "Say one kind thing."\n'
    _, written = round_trip(text)
    document = tomllib.loads(written)
    assert document["deck"]["audience"] == "Old friends"
    assert "settle" not in document["levels"][1]
    assert document["levels"][2]["settle"] == 0
    assert document["ending"] == {"landing": ["What now?"], "closing": "Say one kind thing."}
