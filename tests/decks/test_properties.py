"""Property tests: any input gives a Deck or a DeckError, and valid decks survive TOML and CSV."""

from __future__ import annotations

import csv
import dataclasses
import io
import unicodedata
from typing import Any

import tomli_w
from hypothesis import given
from hypothesis import strategies as st

from h2h_game.decks.format import (
    CARD_KEYS,
    DECK_KEYS,
    LEVEL_KEYS,
    MAX_NAME,
    MAX_TEXT,
    deck_from_document,
    parse_deck,
)
from h2h_game.decks.problems import DeckError
from h2h_game.decks.spreadsheet import COLUMNS, deck_to_csv, name_from_path, read_csv
from h2h_game.decks.writer import deck_to_toml
from h2h_game.engine.deck import MAX_LEVELS, Card, Deck, Effect, Kind, Level, card_id


def gives_deck_or_deck_error(data: bytes) -> None:
    try:
        assert isinstance(parse_deck(data, "fuzz.toml"), Deck)
    except DeckError as error:
        assert error.problems
        assert all(str(problem).startswith("fuzz.toml") for problem in error.problems)


@given(st.binary(max_size=2000))
def test_arbitrary_bytes_give_a_deck_or_a_deck_error(data: bytes) -> None:
    gives_deck_or_deck_error(data)


@given(st.binary(max_size=300), st.binary(max_size=300))
def test_bytes_around_a_valid_deck_give_a_deck_or_a_deck_error(before: bytes, after: bytes) -> None:
    middle = b'format = 1\n[deck]\nname = "x"\n[[levels]]\nname = "a"\ncards = ["b?"]\n'
    gives_deck_or_deck_error(before + middle + after)


def gives_deck_or_deck_error_from_csv(data: bytes) -> None:
    try:
        assert isinstance(read_csv(data, "fuzz.csv"), Deck)
    except DeckError as error:
        assert all(str(problem).startswith("fuzz.csv") for problem in error.problems)


@given(st.binary(max_size=1000))
def test_arbitrary_bytes_as_csv_give_a_deck_or_a_deck_error(data: bytes) -> None:
    gives_deck_or_deck_error_from_csv(data)


csv_cells = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["1", "2", "8", "0", "007", "9" * 5000, "Warm", "wild", "swap", "a;b", ""]),
)


@given(
    st.lists(st.sampled_from([*COLUMNS, "tag", "", "level"]), min_size=1, max_size=7),
    st.lists(st.lists(csv_cells, max_size=8), max_size=8),
    st.sampled_from([",", ";"]),
)
def test_csv_shaped_files_give_a_deck_or_a_deck_error(
    header: list[str], rows: list[list[str]], delimiter: str
) -> None:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    gives_deck_or_deck_error_from_csv(out.getvalue().encode())


# TOML-shaped documents: the right keys with values of any type, wrong keys, deep nesting. ----

any_text = st.text(max_size=20)
scalars = st.one_of(
    any_text,
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.booleans(),
    st.floats(allow_nan=False),
    st.dates(),
    st.datetimes(),
    st.times(),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(any_text, inner, max_size=4),
    max_leaves=12,
)


def table(keys: tuple[str, ...], special: dict[str, st.SearchStrategy[Any]]) -> st.SearchStrategy:
    """Tables with some of `keys` (values from `special` or anything) and maybe unknown keys."""
    known = st.fixed_dictionaries(
        {}, optional={key: special.get(key, values) | values for key in keys}
    )
    unknown = st.dictionaries(any_text, values, max_size=2)
    return st.tuples(known, unknown).map(lambda pair: {**pair[1], **pair[0]})


wellish_text = st.text(min_size=1, max_size=40) | st.sampled_from(["What now?", "Go.", " "])
cards = st.one_of(
    wellish_text,
    table(
        CARD_KEYS,
        {
            "text": wellish_text,
            "tags": st.lists(st.sampled_from(["family", "loss", "x;y", ""]), max_size=3),
            "kind": st.sampled_from([*(kind.value for kind in Kind), "wyld"]),
            "effect": st.sampled_from([*(effect.value for effect in Effect), "nope"]),
            "id": st.sampled_from(["a", "b", ""]),
        },
    ),
    values,
)
levels = table(
    LEVEL_KEYS,
    {
        "name": wellish_text,
        "unlock": st.integers(min_value=-2, max_value=30),
        "cards": st.lists(cards, max_size=6),
    },
)
decks = table(
    DECK_KEYS,
    {
        "name": wellish_text,
        "language": st.sampled_from(["en", "pt-BR", "english"]),
        "tags": st.dictionaries(any_text, any_text, max_size=3) | st.lists(any_text, max_size=3),
    },
)
documents = table(
    ("format", "deck", "levels"),
    {
        "format": st.integers(min_value=-1, max_value=3),
        "deck": decks,
        "levels": st.lists(levels | values, max_size=MAX_LEVELS + 1),
    },
)


@given(documents)
def test_toml_shaped_documents_give_a_deck_or_a_deck_error(document: dict[str, Any]) -> None:
    try:
        data = tomli_w.dumps(document).encode()
    except (TypeError, ValueError):
        data = b""  # a value TOML cannot hold (an offset time): still check the document itself
    if data:
        gives_deck_or_deck_error(data)
    try:
        deck_from_document(document, "doc")
    except DeckError as error:
        assert error.problems


# Random valid decks ---------------------------------------------------------------------------

# Any character but controls and surrogates; tab and newline are allowed inside text.
_text_chars = st.characters(exclude_categories=("Cc", "Cs")) | st.sampled_from("\t\n")
_line_chars = st.characters(exclude_categories=("Cc", "Cs"))


def _trimmed(chars: st.SearchStrategy[str], longest: int) -> st.SearchStrategy[str]:
    return (
        st.text(chars, min_size=1, max_size=longest)
        .map(str.strip)
        .filter(lambda text: 0 < len(text) <= longest)
    )


def _canonical(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


tag_ids = _trimmed(_line_chars, 12).filter(lambda tag: ";" not in tag)


@st.composite
def valid_decks(draw: st.DrawFn) -> Deck:
    level_count = draw(st.integers(min_value=1, max_value=4))
    names = draw(
        st.lists(
            _trimmed(_line_chars, MAX_NAME),
            min_size=level_count,
            max_size=level_count,
            unique_by=str.casefold,
        )
    )
    texts = draw(
        st.lists(
            _trimmed(_text_chars, MAX_TEXT),
            min_size=level_count,
            max_size=level_count * 4,
            unique_by=_canonical,
        )
    )
    declared = draw(st.lists(tag_ids, max_size=3, unique=True))
    labels = draw(st.lists(_trimmed(_line_chars, 12) | st.just(""), min_size=3, max_size=3))
    levels = []
    unlock = 0
    for number, name in enumerate(names, start=1):
        mine = texts[number - 1 :: level_count]
        unlock = 0 if number == 1 else unlock + draw(st.integers(min_value=0, max_value=5))
        cards = tuple(draw(cards_for(number, text, declared)) for text in mine)
        description = draw(st.just("") | _trimmed(_text_chars, 30))
        levels.append(Level(number, name, unlock, cards, description))
    return Deck(
        name=draw(_trimmed(_line_chars, MAX_NAME)),
        levels=tuple(levels),
        description=draw(st.just("") | _trimmed(_text_chars, 40)),
        author=draw(st.just("") | _trimmed(_line_chars, 20)),
        language=draw(st.sampled_from(["en", "nl", "pt-BR", "zh-Hant-TW"])),
        how_to_play=draw(st.just("") | _trimmed(_line_chars, 40)),
        tags=tuple(zip(declared, labels, strict=False)),
    )


def cards_for(number: int, text: str, declared: list[str]) -> st.SearchStrategy[Card]:
    wild = st.builds(
        lambda effect: Card(card_id(number, text), number, text, (), Kind.WILD, effect),
        st.sampled_from(Effect),
    )
    question = st.builds(
        lambda tags, explicit: Card(
            f"id-{number}-{_canonical(text)[:20]}".strip() if explicit else card_id(number, text),
            number,
            text,
            tuple(tags),
        ),
        st.lists(st.sampled_from(declared) | tag_ids, max_size=2, unique=True)
        if declared
        else st.lists(tag_ids, max_size=2, unique=True),
        st.booleans(),
    )
    return question | wild


def _unique_ids(deck: Deck) -> bool:
    ids = [card.id for card in deck.cards]
    return len(ids) == len(set(ids))


@given(valid_decks().filter(_unique_ids))
def test_valid_decks_round_trip_through_toml(deck: Deck) -> None:
    assert parse_deck(deck_to_toml(deck).encode(), "again.toml") == deck


@given(valid_decks().filter(_unique_ids))
def test_valid_decks_round_trip_through_csv_with_the_deck_as_meta(deck: Deck) -> None:
    assert read_csv(deck_to_csv(deck).encode(), "again.csv", meta=deck) == deck


@given(valid_decks().filter(_unique_ids))
def test_decks_with_import_defaults_round_trip_through_csv_alone(deck: Deck) -> None:
    used = list(dict.fromkeys(tag for card in deck.cards for tag in card.tags))
    plain = dataclasses.replace(
        deck,
        name=name_from_path("again.csv"),
        description="",
        author="",
        language="en",
        how_to_play="",
        tags=tuple((tag, "") for tag in used),
        levels=tuple(
            dataclasses.replace(
                level,
                name=f"Level {level.number}",
                description="",
                unlock=0 if level.number == 1 else level.number * (level.number - 1) * 3 // 2,
            )
            for level in deck.levels
        ),
    )
    assert read_csv(deck_to_csv(plain).encode(), "again.csv") == plain
