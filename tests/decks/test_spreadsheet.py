"""Tests CSV import and export: columns, delimiters, quoting, round trips and bad rows."""

from __future__ import annotations

import pytest

from h2h_game.decks.format import parse_deck
from h2h_game.decks.problems import DeckError
from h2h_game.decks.spreadsheet import COLUMNS, deck_to_csv, name_from_path, read_csv
from h2h_game.engine.deck import Deck, Effect, Kind
from tests.decks.builders import SHORTEST, deck_toml


def read(text: str | bytes, **options: object) -> Deck:
    data = text.encode() if isinstance(text, str) else text
    return read_csv(data, "my_questions.csv", **options)  # type: ignore[arg-type]


def errors(text: str | bytes, **options: object) -> list[str]:
    with pytest.raises(DeckError) as caught:
        read(text, **options)
    return [str(problem) for problem in caught.value.problems]


def test_level_numbers_make_numbered_levels_with_default_unlocks() -> None:
    deck = read("level,text\n1,What now?\n2,How so?\n1,Where to?\n3,Why?\n")
    assert deck.name == "My questions"
    assert [level.name for level in deck.levels] == ["Level 1", "Level 2", "Level 3"]
    assert [level.unlock for level in deck.levels] == [0, 3, 9]
    assert [card.text for card in deck.levels[0].cards] == ["What now?", "Where to?"]


def test_level_names_make_named_levels_in_order_of_first_appearance() -> None:
    deck = read("level,text\nWarm up,What now?\nDeep,How so?\nwarm up,Where to?\n")
    assert [level.name for level in deck.levels] == ["Warm up", "Deep"]
    assert len(deck.levels[0].cards) == 2


def test_name_option_overrides_the_file_name() -> None:
    assert read("level,text\n1,a?\n", name="Road trip").name == "Road trip"


def test_name_from_path() -> None:
    assert name_from_path("some/dir/road-trip_questions.csv") == "Road trip questions"


def test_optional_columns_are_read() -> None:
    text = (
        "level,text,tags,kind,effect,id\n"
        "1,What now?,family; loss,,,\n"
        "1,Both of you: go.,,wild,swap,\n"
        "1,Named?,,,,my-id\n"
    )
    tagged, wild, named = read(text).cards
    assert tagged.tags == ("family", "loss")
    assert (wild.kind, wild.effect) == (Kind.WILD, Effect.SWAP)
    assert named.id == "my-id"


def test_import_declares_the_tags_the_cards_use() -> None:
    deck = read("level,text,tags\n1,a?,family;loss\n1,b?,loss\n")
    assert deck.tags == (("family", ""), ("loss", ""))


def test_columns_may_come_in_any_order_and_any_case() -> None:
    deck = read("Text, LEVEL\nWhat now?,1\n")
    assert deck.cards[0].text == "What now?"


def test_semicolons_quotes_newlines_bom_and_crlf() -> None:
    data = (
        b"\xef\xbb\xbflevel;text;tags\r\n"
        b'1;"What, if anything,\r\nchanged?";"a;b"\r\n'
        b'1;"She said ""why?""";\r\n'
    )
    first, second = read(data).cards
    assert first.text == "What, if anything,\nchanged?"
    assert first.tags == ("a", "b")
    assert second.text == 'She said "why?"'


def test_blank_rows_are_skipped_and_rows_keep_their_spreadsheet_numbers() -> None:
    found = errors("level,text\n1,a?\n\n,,\n1,\n")
    assert found == ['my_questions.csv: error: row 5 (""): card text is empty']


def test_export_writes_every_column_and_levels_by_name() -> None:
    deck = parse_deck(
        deck_toml(
            levels=[
                ['"a?"', '{ text = "b, c?", tags = ["x", "y"] }'],
                ['{ text = "w", kind = "wild", effect = "quiet", id = "k" }'],
            ],
            deck_extra='tags = ["x", "y"]\n',
        ).encode(),
        "d",
    )
    assert deck_to_csv(deck).splitlines() == [
        ",".join(COLUMNS),
        "Level 1,a?,,,,",
        'Level 1,"b, c?",x;y,,,',
        "Level 2,w,,wild,quiet,k",
    ]


def test_toml_to_csv_to_toml_with_the_deck_as_meta_gives_an_equal_deck() -> None:
    deck = parse_deck(SHORTEST.encode(), "d")
    assert read(deck_to_csv(deck), meta=deck) == deck


def test_toml_to_csv_to_toml_keeps_metadata_of_a_rich_deck() -> None:
    extra = (
        'description = "D"\nauthor = "A"\nlanguage = "nl"\nhow_to_play = "H"\ntags = { a = "A" }\n'
        'audience = "Us"\n'
    )
    text = deck_toml(
        levels=[['"a?"', '{ text = "b?", tags = ["a"] }'], ['"c\\nd?"']], deck_extra=extra
    )
    text = text.replace(
        'name = "Level 2"', 'name = "Level 2"\ndescription = "deep"\nunlock = 7\nsettle = 2'
    )
    text += '\n[ending]\nlanding = ["Up?"]\nclosing = "Close."\n'
    deck = parse_deck(text.encode(), "d")
    assert (deck.audience, deck.levels[1].settle, deck.landing) == ("Us", 2, ("Up?",))
    assert read(deck_to_csv(deck), meta=deck) == deck


def test_toml_to_csv_to_toml_without_meta_for_a_deck_with_import_defaults() -> None:
    text = deck_toml(
        name="My questions",
        levels=[['"a?"'], ['{ text = "b?", tags = ["t"] }']],
        deck_extra='tags = ["t"]\n',
    )
    deck = parse_deck(text.encode(), "d")
    assert read(deck_to_csv(deck)) == deck


def test_meta_keeps_level_names_by_number_and_drops_unused_levels() -> None:
    meta = parse_deck(SHORTEST.encode(), "d")
    deck = read("level,text\n2,New one?\ngetting REAL,Another?\n", meta=meta)
    assert [level.name for level in deck.levels] == ["Getting real"]
    assert deck.levels[0].unlock == 0


# Bad CSV ------------------------------------------------------------------------------------


def test_an_empty_file_is_an_error() -> None:
    assert errors(b"") == ["my_questions.csv: error: the file is empty"]
    assert errors(b"\xef\xbb\xbf\r\n") == ["my_questions.csv: error: the file is empty"]


def test_a_header_without_rows_is_an_error() -> None:
    assert errors("level,text\n") == [
        "my_questions.csv: error: no cards: the file has a header but no rows"
    ]


def test_no_header_row_is_an_error() -> None:
    assert errors("1,What now?\n2,How?\n") == [
        "my_questions.csv: error: row 1: no header row: the first row must name the columns, "
        "like level,text,tags,kind,effect,id"
    ]


def test_a_missing_column_is_an_error() -> None:
    assert errors("level,tags\n1,a\n") == [
        'my_questions.csv: error: row 1: the header has no "text" column'
    ]


def test_an_unknown_column_suggests_a_known_one() -> None:
    (found,) = errors("level,text,tag\n1,a?,x\n")
    assert found.startswith(
        'my_questions.csv: error: row 1: unknown column "tag" (did you mean "tags"?)'
    )


def test_an_unknown_level_names_the_row() -> None:
    meta = parse_deck(SHORTEST.encode(), "d")
    (found,) = errors("level,text\nWarm up,a?\nGeting real,b?\n", meta=meta)
    assert found.startswith(
        'my_questions.csv: error: row 3: unknown level "Geting real" (did you mean "Getting real"?)'
    )
    (number,) = errors("level,text\n3,a?\n", meta=meta)
    assert (
        number == "my_questions.csv: error: row 2: unknown level 3: levels are numbered from 1 to 2"
    )


def test_level_numbers_beyond_seven_and_zero_are_unknown() -> None:
    assert errors("level,text\n1,a?\n8,b?\n0,c?\n") == [
        "my_questions.csv: error: row 3: unknown level 8: a deck has at most 7 levels",
        "my_questions.csv: error: row 4: unknown level 0: levels are numbered from 1 to 1",
    ]


def test_gaps_in_level_numbers_are_an_error() -> None:
    assert errors("level,text\n1,a?\n3,b?\n") == [
        "my_questions.csv: error: no row is on level 2: number the levels 1, 2, 3… without gaps"
    ]


def test_mixing_numbers_and_names_is_an_error() -> None:
    (found,) = errors("level,text\nWarm,a?\n2,b?\n")
    assert found.startswith("my_questions.csv: error: row 3: level 2 is a number, but other rows")


def test_an_empty_level_cell_is_an_error() -> None:
    assert errors("level,text\n1,a?\n,b?\n") == [
        "my_questions.csv: error: row 3: the level is empty"
    ]


def test_a_bad_effect_names_the_row_and_suggests_a_fix() -> None:
    (found,) = errors("level,text,kind,effect\n1,a?,,\n1,Go.,wild,swapp\n")
    assert found == (
        'my_questions.csv: error: row 3 ("Go."): unknown effect "swapp" (did you mean "swap"?)'
    )


def test_too_many_cells_is_an_error() -> None:
    assert errors("level,text\n1,a?,extra\n") == [
        "my_questions.csv: error: row 2: 3 cells, but the header names 2 columns"
    ]


def test_duplicate_text_names_both_rows() -> None:
    assert errors("level,text\n1,a?\n2,A?\n") == [
        'my_questions.csv: error: row 3 ("A?"): duplicate card: the same text as row 2'
    ]


def test_every_bad_row_is_reported_in_row_order() -> None:
    found = errors("level,text,kind,effect\n1,a?,,\n,b?,,\n1,c?,wild,\n1, ,,\n")
    assert [line.split(": error: ")[1].split(" ")[1].rstrip(":") for line in found] == [
        "3",
        "4",
        "5",
    ]


def test_not_utf8_is_an_error_saying_how_to_fix_it() -> None:
    (found,) = errors(b"level,text\n1,caf\xe9?\n")
    assert "save it as CSV UTF-8" in found


def test_binary_junk_is_an_error() -> None:
    assert errors(b"\x00\x01\x02level") == [
        "my_questions.csv: error: this is a binary file, not CSV"
    ]
