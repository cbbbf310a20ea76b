"""Decks and CSV anyone may share: key bombs refused before parsing, formula cells made inert,
an unclosed quote found, and a hundred thousand identical errors told as a count."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import tomli

from h2h_game.decks import format as deck_format
from h2h_game.decks.format import load_deck, parse_toml
from h2h_game.decks.problems import DeckError
from h2h_game.decks.shape import MAX_ITEMS, MAX_KEY_PARTS, MAX_NESTING, check_shape
from h2h_game.decks.spreadsheet import deck_to_csv, inert, read_csv, restored
from h2h_game.decks.writer import toml_string
from tests.decks.builders import SHORTEST, deck_toml, questions, write
from tests.hostile.conftest import Run

PARTS = 100_000
BOMBS: dict[str, str] = {
    "dotted key": ".".join(["a"] * PARTS) + " = 1\n",
    "quoted dotted key": ".".join(['"a"'] * PARTS) + " = 1\n",
    "table header": "[" + ".".join(["a"] * PARTS) + "]\n",
    "array-of-tables header": "[[" + ".".join(["a"] * PARTS) + "]]\n",
    "dotted key in an inline table": "x = { " + ".".join(["b"] * PARTS) + " = 1 }\n",
    "nested arrays": "x = " + "[" * PARTS + "]" * PARTS + "\n",
    "nested inline tables": "x = " + "{a=" * PARTS + "1" + "}" * PARTS + "\n",
    "nested arrays over many lines": "x = " + "[\n" * PARTS + "]\n" * PARTS,
    "five megabytes of keys": "".join(f"k{i} = 1\n" for i in range(600_000))[: 5 * 2**20 - 99],
    "five megabytes of values": "x = [" + "1," * (5 * 2**19 - 99) + "]\n",
}


@pytest.fixture
def no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    """tomli must never see a bomb: refusal comes first. (Real decks are parsed as ever.)"""
    real = tomli.loads

    def refuse(text: str) -> dict[str, object]:
        assert len(text) < 100_000, "tomli was asked to parse a bomb"
        return real(text)

    monkeypatch.setattr(tomli, "loads", refuse)


@pytest.mark.parametrize("kind", list(BOMBS))
def test_a_bomb_is_refused_before_parsing(no_parsing: None, kind: str) -> None:
    text = "format = 1\n" + BOMBS[kind]
    assert len(text.encode()) <= deck_format.MAX_FILE_BYTES
    with pytest.raises(DeckError) as caught:
        parse_toml(text.encode(), "bomb.toml")
    (problem,) = caught.value.problems
    assert problem.line is not None
    assert any(
        words in problem.message
        for words in ("dotted parts", "nested too deeply", "keys and values")
    )


def test_a_bomb_in_a_deck_folder_is_listed_as_broken(
    h2h: Run, tmp_path: Path, no_parsing: None
) -> None:
    decks = tmp_path / "decks"
    write(decks, "bomb.toml", "format = 1\n" + BOMBS["dotted key"])
    ran = h2h("deck", "list", "--decks", decks)
    assert ran.code == 0
    (line,) = [line for line in ran.out.splitlines() if line.startswith("bomb")]
    assert "BROKEN" in line and "dotted parts" in line


def test_the_limits_leave_room_for_every_real_deck() -> None:
    # The most a deck may hold: 20,000 cards, each with tags, a kind and an id, in the longest
    # form TOML allows (a [[levels.cards]] table per card).
    cards = "".join(
        f'[[levels.cards]]\ntext = "Question {i}?"\ntags = ["a", "b", "c"]\n'
        f'kind = "question"\nid = "L1-{i:012x}"\n'
        for i in range(20_000)
    )
    text = 'format = 1\n[deck]\nname = "Big"\ntags = { a = "A" }\n[[levels]]\nname = "L"\n' + cards
    assert check_shape(text) is None
    assert check_shape("a." * (MAX_KEY_PARTS - 1) + "a = 1\n") is None
    assert check_shape("x = " + "[" * MAX_NESTING + "]" * MAX_NESTING) is None
    assert check_shape("x = [" + "1," * (MAX_ITEMS // 2 - 10) + "]") is None
    # Dots and brackets inside strings and comments are text, not keys.
    inside = 'x = "' + "a." * PARTS + '"\ny = """' + "[{" * PARTS + '"""  # ' + "." * PARTS
    assert check_shape(inside) is None


def test_every_bundled_deck_passes_the_shape_check() -> None:
    from h2h_game import paths

    for path in sorted(paths.bundled_decks_dir().glob("*.toml")):
        assert check_shape(path.read_text(encoding="utf-8")) is None, path


def test_hints_for_an_unterminated_string_and_for_json(tmp_path: Path) -> None:
    with pytest.raises(DeckError) as caught:
        load_deck(write(tmp_path, "a.toml", 'format = 1\n[deck]\nname = "Road trip\n'))
    assert "ends inside a string" in caught.value.first and ":3:" in caught.value.first
    with pytest.raises(DeckError) as caught:
        load_deck(write(tmp_path, "b.toml", 'format = 1\n[deck]\nname = """Road\n'))
    assert "never closed" in caught.value.first and ":3:" in caught.value.first
    with pytest.raises(DeckError) as caught:
        load_deck(write(tmp_path, "c.toml", '{"format": 1, "deck": {"name": "x"}}'))
    assert "this is JSON, not TOML" in caught.value.first


def quoted(level: int) -> list[str]:
    """Ten good cards for a level, as TOML strings."""
    return [toml_string(text) for text in questions(level, 10)]


# CSV -------------------------------------------------------------------------------------------

FORMULAS = (
    '=HYPERLINK("http://x", "Click")',
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "'=already quoted",
    "''+quoted twice",
)


def test_formula_cells_are_inert_on_export_and_exact_after_import(h2h: Run, tmp_path: Path) -> None:
    cards = [toml_string(f"{text}?") for text in FORMULAS]
    path = write(tmp_path, "evil.toml", deck_toml(name="Evil", levels=[cards, quoted(2)]))
    deck = load_deck(path)
    out = tmp_path / "evil.csv"
    assert h2h("deck", "export", path, "-o", out).code == 0
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"))))
    for row in rows:
        for cell in row:
            assert cell[:1] not in ("=", "+", "-", "@", "\t", "\r"), cell
    assert read_csv(out.read_bytes(), str(out), meta=deck) == deck
    assert [card.text for card in deck.levels[0].cards] == [f"{text}?" for text in FORMULAS]
    assert deck_to_csv(deck) == out.read_text(encoding="utf-8")


@pytest.mark.parametrize("cell", ["=1", "+1", "-1", "@A", "\tx", "\rx", "'=x", "''@x"])
def test_every_formula_start_is_escaped_and_unescaped(cell: str) -> None:
    assert inert(cell).startswith("'") and restored(inert(cell)) == cell
    assert inert("plain") == restored("plain") == "plain" and restored("'plain") == "'plain"


def test_an_unclosed_quote_is_reported_with_its_line(h2h: Run, tmp_path: Path) -> None:
    rows = [
        "level,text",
        "1,What makes you laugh?",
        '1,"Where would you go',
        *(f"1,Question {i}?" for i in range(50)),
    ]
    path = write(tmp_path, "cards.csv", "\n".join(rows) + "\n")
    ran = h2h("deck", "validate", path)
    assert ran.code == 1
    assert f"{path}:3:1: error: row 3: a quote" in ran.err and "never closed" in ran.err


def test_a_hundred_thousand_bad_rows_print_as_a_count(h2h: Run, tmp_path: Path) -> None:
    rows = ["level,text", *("1,What?,extra" for _ in range(100_000))]
    path = write(tmp_path, "cards.csv", "\n".join(rows) + "\n")
    ran = h2h("deck", "validate", path)
    assert ran.code == 1
    lines = ran.err.splitlines()
    assert len(lines) <= 5
    assert lines[3] == f"{path}: error: …and 99,997 more like this"


def test_ten_thousand_duplicate_cards_print_as_a_count(h2h: Run, tmp_path: Path) -> None:
    cards = ['"What makes you laugh?"'] * 10_001
    path = write(tmp_path, "dup.toml", deck_toml(levels=[cards, quoted(2)]))
    ran = h2h("deck", "validate", path)
    assert ran.code == 1
    assert len(ran.err.splitlines()) <= 5
    assert "…and 9,997 more like this" in ran.err


def test_validating_a_folder_with_no_decks_fails_and_says_so(h2h: Run, tmp_path: Path) -> None:
    empty = tmp_path / "nothing-here"
    empty.mkdir()
    (empty / "notes.txt").write_text("not a deck")
    ran = h2h("deck", "validate", empty)
    assert ran.code == 1
    assert f"{empty}: error: no decks here" in ran.err
    assert h2h("deck", "lint", empty).code == 1
    write(empty, "good.toml", SHORTEST)
    assert h2h("deck", "validate", empty).code == 0
