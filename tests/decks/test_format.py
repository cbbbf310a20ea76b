"""Tests reading format 1 decks: what is accepted, and every error the spec names."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from h2h_game.decks.format import MAX_CARDS, MAX_FILE_BYTES, load_deck, parse_deck
from h2h_game.decks.problems import DeckError
from h2h_game.engine.deck import Effect, Kind, card_id
from tests.decks.builders import SHORTEST, deck_toml, questions, write


def errors(text: str | bytes, source: str = "d.toml") -> list[str]:
    data = text.encode() if isinstance(text, str) else text
    with pytest.raises(DeckError) as caught:
        parse_deck(data, source)
    return [str(problem) for problem in caught.value.problems]


def only_error(text: str | bytes) -> str:
    found = errors(text)
    assert len(found) == 1, found
    return found[0]


def test_the_shortest_deck_in_the_spec_reads_with_default_unlock_and_language() -> None:
    deck = parse_deck(SHORTEST.encode(), "old-friends.toml")
    assert deck.name == "Old friends"
    assert deck.description == "For two people who go way back."
    assert deck.language == "en"
    assert [level.name for level in deck.levels] == ["Warm up", "Getting real"]
    assert [level.unlock for level in deck.levels] == [0, 3]
    assert [len(level.cards) for level in deck.levels] == [2, 1]


def test_default_unlocks_add_three_times_the_level_number_minus_one() -> None:
    deck = parse_deck(deck_toml(levels=[['"a?"'], ['"b?"'], ['"c?"'], ['"d?"']]).encode(), "d")
    assert [level.unlock for level in deck.levels] == [0, 3, 9, 18]


def test_a_default_unlock_builds_on_an_explicit_one() -> None:
    text = deck_toml(levels=[['"a?"'], ['"b?"'], ['"c?"']]).replace(
        'name = "Level 2"', 'name = "Level 2"\nunlock = 5'
    )
    assert [level.unlock for level in parse_deck(text.encode(), "d").levels] == [0, 5, 11]


def test_all_deck_fields_are_read() -> None:
    extra = (
        'description = "D"\nauthor = "A"\nlanguage = "pt-BR"\nhow_to_play = "Go slow."\n'
        'tags = { family = "Family", loss = "" }\n'
    )
    deck = parse_deck(deck_toml(deck_extra=extra).encode(), "d")
    assert (deck.description, deck.author, deck.language, deck.how_to_play) == (
        "D",
        "A",
        "pt-BR",
        "Go slow.",
    )
    assert deck.tags == (("family", "Family"), ("loss", ""))


def test_declared_tags_may_be_an_array_of_ids_without_labels() -> None:
    deck = parse_deck(deck_toml(deck_extra='tags = ["family", "loss"]\n').encode(), "d")
    assert deck.tags == (("family", ""), ("loss", ""))


def test_table_cards_carry_tags_kind_effect_and_id() -> None:
    cards = [
        '{ text = "What now?", tags = ["family", "loss"] }',
        '{ text = "Both of you: what now?", kind = "wild", effect = "both-answer" }',
        '{ text = "How so?", id = "mine" }',
    ]
    deck = parse_deck(deck_toml(levels=[cards]).encode(), "d")
    tagged, wild, named = deck.levels[0].cards
    assert tagged.tags == ("family", "loss")
    assert tagged.kind is Kind.QUESTION
    assert (wild.kind, wild.effect) == (Kind.WILD, Effect.BOTH_ANSWER)
    assert named.id == "mine"


def test_card_ids_are_derived_from_level_and_text_when_not_given() -> None:
    deck = parse_deck(SHORTEST.encode(), "d")
    card = deck.levels[1].cards[0]
    assert card.id == card_id(2, card.text)


def test_reordering_cards_keeps_their_ids() -> None:
    first = parse_deck(deck_toml(levels=[['"a?"', '"b?"']]).encode(), "d")
    second = parse_deck(deck_toml(levels=[['"b?"', '"a?"']]).encode(), "d")
    assert {card.id for card in first.cards} == {card.id for card in second.cards}


def test_text_is_trimmed_and_otherwise_kept_literally() -> None:
    cards = ['"  [bold]What[/bold]\\tnow?\\nReally?  "']
    deck = parse_deck(deck_toml(levels=[cards]).encode(), "d")
    assert deck.levels[0].cards[0].text == "[bold]What[/bold]\tnow?\nReally?"


def test_a_utf8_bom_and_crlf_line_ends_are_accepted() -> None:
    data = b"\xef\xbb\xbf" + SHORTEST.replace("\n", "\r\n").encode()
    assert parse_deck(data, "d") == parse_deck(SHORTEST.encode(), "d")


def test_multiline_text_in_a_crlf_file_keeps_plain_newlines() -> None:
    text = deck_toml(levels=[['"""What\nnow?"""']]).replace("\n", "\r\n")
    assert parse_deck(text.encode(), "d").levels[0].cards[0].text == "What\nnow?"


def test_load_deck_reads_a_file_and_names_it_in_errors(tmp_path: Path) -> None:
    good = write(tmp_path, "good.toml", SHORTEST)
    assert load_deck(good).name == "Old friends"
    bad = write(tmp_path, "bad.toml", SHORTEST.replace('name = "Old friends"\n', ""))
    with pytest.raises(DeckError) as caught:
        load_deck(bad)
    assert caught.value.path == bad
    assert caught.value.first.startswith(f"{bad}: error: deck.name: ")


def test_load_deck_reports_a_missing_file_and_a_folder(tmp_path: Path) -> None:
    with pytest.raises(DeckError, match="no such file"):
        load_deck(tmp_path / "nope.toml")
    with pytest.raises(DeckError, match="folder"):
        load_deck(tmp_path)


@pytest.mark.parametrize(
    ("error", "says"),
    [
        (PermissionError(errno.EACCES, "Permission denied"), "cannot be read: Permission denied"),
        (OSError(errno.EIO, "Input/output error"), "cannot be read: Input/output error"),
        (OSError("no words"), "cannot be read: OSError"),
    ],
)
def test_load_deck_reports_a_file_the_disk_will_not_give(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: OSError, says: str
) -> None:
    path = write(tmp_path, "good.toml", SHORTEST)

    def refused(*_: object, **__: object) -> int:
        raise error

    monkeypatch.setattr(os, "open", refused)
    with pytest.raises(DeckError) as caught:
        load_deck(path)
    monkeypatch.undo()
    assert caught.value.first == f"{path}: error: {says}"
    assert caught.value.path == path
    assert path.read_text() == SHORTEST


# Syntax and encoding errors -------------------------------------------------------------------


def test_a_syntax_error_names_line_and_column() -> None:
    assert only_error('format = 1\n[deck]\nname = "x" y\n') == (
        "d.toml:3:12: error: expected newline or end of document after a statement"
    )


def test_a_syntax_error_at_the_end_names_the_last_line() -> None:
    assert only_error('format = 1\n[deck]\ncards = ["a"') == "d.toml:3:13: error: unclosed array"


def test_an_unquoted_string_gets_a_hint() -> None:
    assert only_error("format = 1\n[deck]\nname = Old friends\n") == (
        'd.toml:3:8: error: invalid value: text needs quotes, like "…"'
    )


@pytest.mark.parametrize("value", ["@", "", "+"])
def test_a_missing_or_impossible_value_is_named_without_a_quoting_hint(value: str) -> None:
    # Only a letter suggests unquoted text; anything else (or nothing) is just not a value.
    assert only_error(f"format = 1\n[deck]\nname = {value}\n") == (
        "d.toml:3:8: error: invalid value"
    )


def test_not_utf8_names_the_byte_and_its_place() -> None:
    assert only_error(b'format = 1\n[deck]\nname = "caf\xe9"\n') == (
        "d.toml:3:12: error: not UTF-8 text (byte 0xE9); save the file as UTF-8"
    )


def test_utf16_is_named() -> None:
    assert "UTF-16" in only_error("format = 1".encode("utf-16"))


@pytest.mark.parametrize("data", [b"", b"   \n\n", b"\xef\xbb\xbf"])
def test_an_empty_file_is_an_error(data: bytes) -> None:
    assert only_error(data) == "d.toml: error: the file is empty"


def test_a_file_of_only_comments_has_no_deck() -> None:
    assert "has no deck in it" in only_error("# just a comment\n")


def test_binary_junk_is_an_error() -> None:
    assert "binary" in only_error(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


def test_deeply_nested_arrays_are_an_error_not_a_recursion_error() -> None:
    assert "nested too deeply" in only_error("x = " + "[" * 5000)


def test_a_number_too_long_to_convert_is_an_error() -> None:
    assert "too large" in only_error("format = " + "1" * 5000)


def test_a_file_over_5_mb_is_refused() -> None:
    assert "over 5 MB" in only_error(b"#" * (MAX_FILE_BYTES + 1))


def test_load_deck_refuses_a_huge_file_without_reading_it_all(tmp_path: Path) -> None:
    path = write(tmp_path, "huge.toml", b"#" * (MAX_FILE_BYTES + 10))
    with pytest.raises(DeckError, match="over 5 MB"):
        load_deck(path)


def test_more_than_20000_cards_is_refused() -> None:
    per_level = MAX_CARDS // 2 + 1
    levels = [[f'"q{level}-{number}?"' for number in range(per_level)] for level in (1, 2)]
    assert only_error(deck_toml(levels=levels)) == (
        "d.toml: error: levels: the deck has 20,002 cards; the most is 20,000"
    )


# The format version ---------------------------------------------------------------------------


def test_a_newer_format_is_refused_saying_a_newer_h2h_is_needed() -> None:
    line = only_error(SHORTEST.replace("format = 1", "format = 2") + "\nnonsense = 3\n")
    assert "format 2" in line
    assert "a newer version of h2h is needed" in line


def test_a_missing_format_is_an_error() -> None:
    assert "d.toml: error: format is missing: start the file with format = 1" in errors(
        SHORTEST.replace("format = 1", "")
    )


def test_format_written_under_deck_gets_a_hint() -> None:
    text = SHORTEST.replace("format = 1\n", "").replace("[deck]\n", "[deck]\nformat = 1\n")
    assert only_error(text).startswith("d.toml: error: deck.format: format = 1 must come before")


@pytest.mark.parametrize("value", ['"1"', "1.0", "true", "0"])
def test_a_format_that_is_not_1_is_an_error(value: str) -> None:
    assert only_error(SHORTEST.replace("format = 1", f"format = {value}")).startswith(
        "d.toml: error: format: format must be"
    )


# The deck table -------------------------------------------------------------------------------


def test_a_missing_name_is_an_error() -> None:
    text = SHORTEST.replace('name = "Old friends"\n', "")
    assert only_error(text) == "d.toml: error: deck.name: the deck's name is missing"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ('"   "', "the deck's name is empty"),
        ('"' + "x" * 61 + '"', "the deck's name is 61 characters; the most is 60"),
        ('"a\\nb"', "the deck's name must be a single line"),
        ("5", "the deck's name must be a string, not an integer"),
    ],
)
def test_bad_names_are_errors(name: str, message: str) -> None:
    text = SHORTEST.replace('"Old friends"', name)
    assert only_error(text) == f"d.toml: error: deck.name: {message}"


def test_a_name_of_60_characters_is_fine() -> None:
    assert parse_deck(SHORTEST.replace("Old friends", "x" * 60).encode(), "d").name == "x" * 60


def test_a_missing_deck_table_is_an_error() -> None:
    text = SHORTEST.replace('[deck]\nname = "Old friends"\n', "").replace(
        'description = "For two people who go way back."\n', ""
    )
    assert "the [deck] table is missing" in only_error(text)


def test_deck_written_as_an_array_of_tables_gets_a_hint() -> None:
    assert "single brackets" in only_error(SHORTEST.replace("[deck]", "[[deck]]"))


def test_a_bad_language_tag_is_an_error() -> None:
    text = deck_toml(deck_extra='language = "english please"\n')
    assert "not a BCP 47 language tag" in only_error(text)


def test_how_to_play_must_be_one_line() -> None:
    text = deck_toml(deck_extra='how_to_play = "one\\ntwo"\n')
    assert only_error(text) == "d.toml: error: deck.how_to_play: how_to_play must be a single line"


def test_a_tag_declared_twice_and_a_tag_with_a_semicolon_are_errors() -> None:
    found = errors(deck_toml(deck_extra='tags = ["a", "a", "b;c"]\n'))
    assert found == [
        'd.toml: error: deck.tags[2]: the tag "b;c" contains ;, which tags may not',
        'd.toml: error: deck.tags: the tag "a" is declared twice',
    ]


def test_declared_tags_of_the_wrong_type_are_an_error() -> None:
    assert "tags must be a table" in only_error(deck_toml(deck_extra='tags = "family"\n'))


# Unknown keys ---------------------------------------------------------------------------------


def test_an_unknown_card_key_suggests_the_closest_known_one() -> None:
    card = '{ text = "Both of you: what now?", kind = "wild", efect = "swap" }'
    found = errors(deck_toml(levels=[[card]]))
    assert (
        'd.toml: error: levels[0].cards[0] ("Both of you: what now?"): unknown key "efect" '
        '(did you mean "effect"?)'
    ) in found


@pytest.mark.parametrize(
    ("line", "place", "suggestion"),
    [
        ('nmae = "x"', "deck", "name"),
        ('descripton = "x"', "deck", "description"),
        ("unlok = 3", "levels[0]", "unlock"),
    ],
)
def test_unknown_keys_in_deck_and_levels_suggest_a_fix(
    line: str, place: str, suggestion: str
) -> None:
    where = "[deck]\n" if place == "deck" else 'name = "Level 1"\n'
    text = deck_toml().replace(where, f"{where}{line}\n", 1)
    assert any(
        f"{place}" in error and f'(did you mean "{suggestion}"?)' in error for error in errors(text)
    )


def test_an_unknown_key_with_no_close_match_lists_the_known_keys() -> None:
    text = deck_toml().replace("[deck]\n", "[deck]\ncolour = 3\n")
    assert only_error(text) == (
        'd.toml: error: deck: unknown key "colour"; '
        "known keys: name, description, author, language, tags, how_to_play, audience"
    )


def test_deck_keys_at_the_top_of_the_file_are_pointed_at_deck() -> None:
    text = "author = 'me'\n" + deck_toml()
    assert only_error(text) == 'd.toml: error: unknown key "author" here: it belongs under [deck]'


def test_an_unknown_top_level_key_suggests_levels() -> None:
    text = deck_toml().replace("[[levels]]", "[[level]]")
    assert 'd.toml: error: unknown key "level" (did you mean "levels"?)' in errors(text)


# Levels ---------------------------------------------------------------------------------------


def test_no_levels_is_an_error() -> None:
    text = 'format = 1\n[deck]\nname = "x"\n'
    assert only_error(text) == (
        "d.toml: error: the deck has no levels: add a [[levels]] table with a name and cards"
    )


def test_levels_written_as_a_single_table_gets_a_hint() -> None:
    text = 'format = 1\n[deck]\nname = "x"\n[levels]\nname = "a"\ncards = ["b?"]\n'
    assert "double brackets" in only_error(text)


def test_an_empty_level_is_an_error() -> None:
    assert only_error(deck_toml(levels=[['"a?"'], []])) == (
        'd.toml: error: levels[1] ("Level 2"): the level is empty: add at least one card'
    )


def test_a_level_without_cards_is_an_error() -> None:
    text = deck_toml() + '\n[[levels]]\nname = "Level 3"\n'
    assert "the level has no cards" in only_error(text)


def test_a_level_without_a_name_is_an_error() -> None:
    text = deck_toml().replace('name = "Level 2"\n', "")
    assert only_error(text) == "d.toml: error: levels[1]: the level's name is missing"


def test_two_levels_with_the_same_name_are_an_error() -> None:
    text = deck_toml().replace('name = "Level 2"', 'name = "LEVEL 1"')
    assert only_error(text) == (
        'd.toml: error: levels[1] ("LEVEL 1"): another level has this name: levels[0]'
    )


def test_more_than_seven_levels_is_an_error() -> None:
    text = deck_toml(levels=[[f'"q{number}?"'] for number in range(8)])
    assert only_error(text) == "d.toml: error: levels: the deck has 8 levels; the most is 7"


def test_seven_levels_are_fine() -> None:
    text = deck_toml(levels=[[f'"q{number}?"'] for number in range(7)])
    assert len(parse_deck(text.encode(), "d").levels) == 7


def test_unlocks_out_of_order_are_an_error() -> None:
    text = deck_toml(levels=[['"a?"'], ['"b?"'], ['"c?"']])
    text = text.replace('name = "Level 2"', 'name = "Level 2"\nunlock = 6')
    text = text.replace('name = "Level 3"', 'name = "Level 3"\nunlock = 4')
    assert only_error(text) == (
        'd.toml: error: levels[2] ("Level 3"): unlock 4 is lower than the level before it (6): '
        "each level's unlock must be at least the one before"
    )


def test_equal_unlocks_are_fine() -> None:
    text = deck_toml(levels=[['"a?"'], ['"b?"'], ['"c?"']])
    text = text.replace('name = "Level 2"', 'name = "Level 2"\nunlock = 4')
    text = text.replace('name = "Level 3"', 'name = "Level 3"\nunlock = 4')
    assert [level.unlock for level in parse_deck(text.encode(), "d").levels] == [0, 4, 4]


def test_the_first_level_must_unlock_at_zero() -> None:
    text = deck_toml().replace('name = "Level 1"', 'name = "Level 1"\nunlock = 2')
    assert "the first level is open from the start" in only_error(text)


@pytest.mark.parametrize(("value", "message"), [("-1", "0 or more"), ('"3"', "not a string")])
def test_bad_unlock_values_are_errors(value: str, message: str) -> None:
    text = deck_toml().replace('name = "Level 2"', f'name = "Level 2"\nunlock = {value}')
    assert message in only_error(text)


# Cards ----------------------------------------------------------------------------------------


def test_duplicate_text_is_an_error_across_levels_ignoring_case_and_spacing() -> None:
    text = deck_toml(levels=[['"What now?"'], ['"what  NOW?"']])
    assert only_error(text) == (
        'd.toml: error: levels[1].cards[0] ("what NOW?"): duplicate card: '
        "the same text as levels[0].cards[0]"
    )


def test_duplicate_ids_are_an_error() -> None:
    cards = ['{ text = "a?", id = "x" }', '{ text = "b?", id = "x" }']
    assert only_error(deck_toml(levels=[cards])) == (
        'd.toml: error: levels[0].cards[1] ("b?"): duplicate id "x": levels[0].cards[0] has it too'
    )


def test_an_explicit_id_equal_to_another_cards_derived_id_is_a_duplicate() -> None:
    cards = ['"a?"', f'{{ text = "b?", id = "{card_id(1, "a?")}" }}']
    assert "duplicate id" in only_error(deck_toml(levels=[cards]))


def test_text_over_400_characters_is_an_error_and_400_is_fine() -> None:
    fine = "x" * 399 + "?"
    assert parse_deck(deck_toml(levels=[[f'"{fine}"']]).encode(), "d")
    long = "x" * 400 + "?"
    assert only_error(deck_toml(levels=[[f'"{long}"']])) == (
        f'd.toml: error: levels[0].cards[0] ("{"x" * 40}…"): card text is 401 characters; '
        "the most is 400"
    )


def test_text_length_is_counted_after_trimming() -> None:
    padded = " " * 50 + "x" * 399 + "?" + " " * 50
    assert len(parse_deck(deck_toml(levels=[[f'"{padded}"']]).encode(), "d").cards[0].text) == 400


def test_empty_text_is_an_error() -> None:
    assert only_error(deck_toml(levels=[['"  "']])) == (
        'd.toml: error: levels[0].cards[0] (""): card text is empty'
    )


def test_a_control_character_is_an_error_naming_it_and_its_column() -> None:
    assert only_error(deck_toml(levels=[['"What \\u001b[31mnow?"']])) == (
        'd.toml: error: levels[0].cards[0] ("What \\x1b[31mnow?"): card text contains the '
        "control character U+001B (ESC) at column 6 of the text"
    )


def test_a_control_character_on_a_later_line_names_line_and_column() -> None:
    assert "at line 2, column 3 of the text" in only_error(
        deck_toml(levels=[['"What\\nno\\u0007w?"']])
    )


@pytest.mark.parametrize(
    ("escape", "named"),
    [("\\u0000", "U+0000 (NUL)"), ("\\r", "U+000D (CR)"), ("\\u007f", "U+007F (DEL)"),
     ("\\u009b", "U+009B")],
)  # fmt: skip
def test_every_kind_of_control_character_is_caught(escape: str, named: str) -> None:
    assert named in only_error(deck_toml(levels=[[f'"a{escape}b?"']]))


def test_control_characters_in_names_descriptions_and_tags_are_errors() -> None:
    text = deck_toml(
        name="Bad\\u001b",
        deck_extra='description = "\\u001b"\ntags = { "x\\u001by" = "L\\u0007" }\n',
        levels=[['{ text = "a?", tags = ["t\\u001b"] }']],
    ).replace('name = "Level 1"', 'name = "L\\u001b1"')
    found = errors(text)
    places = ["deck.name", "deck.description", 'deck.tags["x\\x1by"]', "levels[0]", "cards[0]"]
    for place in places:
        assert any(place in line and "U+00" in line for line in found), place
    assert all("\x1b" not in line and "\x07" not in line for line in found)


def test_tabs_and_newlines_in_text_are_allowed() -> None:
    card = parse_deck(deck_toml(levels=[['"What\\tnow?\\nReally?"']]).encode(), "d").cards[0]
    assert card.text == "What\tnow?\nReally?"


@pytest.mark.parametrize(
    ("card", "message"),
    [
        ("3", "a card must be a string or a table"),
        ('{ tags = ["a"] }', "card text is missing"),
        ("{ text = 3 }", "card text must be a string, not an integer"),
        ('{ text = "a?", tags = "family" }', "tags must be an array"),
        ('{ text = "a?", tags = [1] }', "a tag must be a string, not an integer"),
        ('{ text = "a?", tags = ["x", "x"] }', 'the tag "x" is listed twice'),
        ('{ text = "a?", kind = "wild" }', "a wild card needs an effect"),
        ('{ text = "a?", effect = "swap" }', "only wild cards have an effect"),
        ('{ text = "a?", kind = "question", effect = "swap" }', "only wild cards have an effect"),
        ('{ text = "a?", kind = "wyld", effect = "swap" }', 'unknown kind "wyld" (did you mean'),
        ('{ text = "a?", kind = "wild", effect = "qiet" }', '(did you mean "quiet"?)'),
        ('{ text = "a?", kind = "wild", effect = "dance" }', "it is one of both-answer, swap"),
        ('{ text = "a?", kind = 1 }', "kind must be a string, not an integer"),
        ('{ text = "a?", id = "" }', "id is empty"),
        ('{ text = "a?", id = 7 }', "id must be a string"),
        ("1979-05-27", "not a date"),
    ],
)
def test_card_errors(card: str, message: str) -> None:
    assert message in only_error(deck_toml(levels=[[card]]))


def test_every_problem_is_reported_at_once() -> None:
    cards = ['"  "', "3", '{ text = "a?", efect = "x" }', '"b\\u001b?"', '"ok?"', '"OK?"']
    text = deck_toml(levels=[cards, []], deck_extra='nmae = "x"\n').replace(
        'name = "Test deck"\n', ""
    )
    found = errors(text)
    assert len(found) == 8, found
    assert found[0].startswith("d.toml: error: deck: unknown key")
    assert [line.split(": error: ")[1].split(" ")[0] for line in found[2:7]] == [
        "levels[0].cards[0]",
        "levels[0].cards[1]:",
        "levels[0].cards[2]",
        "levels[0].cards[3]",
        "levels[0].cards[5]",
    ]


def test_deck_error_first_is_the_first_line_and_str_is_every_line() -> None:
    text = deck_toml(levels=[['"  "', '"  "']])
    with pytest.raises(DeckError) as caught:
        parse_deck(text.encode(), "d.toml")
    error = caught.value
    assert error.first == str(error.problems[0])
    assert str(error).splitlines() == [str(problem) for problem in error.problems]
    assert len(error.problems) == 2


def test_a_deck_of_many_questions_reads() -> None:
    levels = [[f'"{text}"' for text in questions(level, 30)] for level in (1, 2, 3)]
    assert len(parse_deck(deck_toml(levels=levels).encode(), "d").cards) == 90


# --- second edition: audience, settle and [ending] ------------------------------------------

ENDING = (
    "\n[ending]\n"
    'landing = ["What are you looking forward to tomorrow?", "Which song fits tonight?"]\n'
    'closing = "Each of you: one thing you will keep from tonight."\n'
)


def test_audience_settle_and_ending_are_read() -> None:
    text = deck_toml(
        levels=[['"a?"'], ['"b?"'], ['"c?"']], deck_extra='audience = "Couples, any age"\n'
    ).replace('name = "Level 3"', 'name = "Level 3"\nsettle = 6')
    deck = parse_deck((text + ENDING).encode(), "d")
    assert deck.audience == "Couples, any age"
    assert [level.settle for level in deck.levels] == [4, 4, 6]
    assert deck.landing == (
        "What are you looking forward to tomorrow?",
        "Which song fits tonight?",
    )
    assert deck.closing == "Each of you: one thing you will keep from tonight."


def test_a_deck_without_an_ending_has_no_landing_and_no_closing_of_its_own() -> None:
    deck = parse_deck(deck_toml().encode(), "d")
    assert (deck.landing, deck.closing, deck.audience) == ((), "", "")


@pytest.mark.parametrize(
    ("settle", "message"),
    [
        ("-1", "settle must be from 0 to 100 cards, not -1"),
        ('"four"', "settle must be a whole number of cards, not a string"),
        ("true", "settle must be a whole number of cards, not a boolean"),
    ],
)
def test_a_bad_settle_is_an_error(settle: str, message: str) -> None:
    text = deck_toml().replace('name = "Level 2"', f'name = "Level 2"\nsettle = {settle}')
    assert only_error(text) == f'd.toml: error: levels[1] ("Level 2"): {message}'


def test_the_first_level_cannot_settle_into_anything() -> None:
    text = deck_toml().replace('name = "Level 1"', 'name = "Level 1"\nsettle = 2')
    assert "first level has no level below it" in only_error(text)


def test_ending_problems_are_reported_with_their_place() -> None:
    text = deck_toml() + '\n[ending]\nlanding = ["", 3]\nclosing = 5\nlandnig = []\n'
    found = errors(text)
    assert any('ending: unknown key "landnig" (did you mean "landing"?)' in p for p in found)
    assert any("ending.landing[0]" in p and "empty" in p for p in found)
    assert any("ending.landing[1]" in p and "not an integer" in p for p in found)
    assert any("ending.closing" in p and "must be a string" in p for p in found)


def test_a_landing_that_is_not_an_array_is_an_error() -> None:
    text = deck_toml() + '\n[ending]\nlanding = "What now?"\n'
    assert "landing must be an array of cards" in only_error(text)


def test_an_audience_is_one_line() -> None:
    text = deck_toml(deck_extra='audience = "a\\nb"\n')
    assert "audience must be a single line" in only_error(text)
