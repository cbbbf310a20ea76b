"""Decks are read with tomli, the standard library's tomllib as its author publishes it (compiled,
and about twice as fast on a big deck). A deck must read, and a broken one be explained, exactly
as tomllib would: the messages a deck author sees are tomllib's words."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
import tomli
from hypothesis import given
from hypothesis import strategies as st

from h2h_game import paths

BUNDLED = sorted(paths.bundled_decks_dir().glob("*.toml"))

BROKEN = [
    'name = "unclosed\n',
    'text = """never closed\n\nmore',
    "[[levels]]\nname = 'a'\n[[levels]\n",
    "a = 1\na = 2\n",
    'cards = ["a", "b"\n',
    "answer = yes\n",
    "n = 0x\n",
    "[deck]\nname = { a = 1, }\n",
    "when = 2026-13-01\n",
    "a.b = 1\na = 2\n",
    'x = "\\q"\n',
    "x = \x00\n",
]


def outcome(parser: object, text: str) -> tuple[str, object]:
    try:
        return "read", parser.loads(text)  # type: ignore[attr-defined]
    except parser.TOMLDecodeError as error:  # type: ignore[attr-defined]
        return "refused", str(error)


def test_the_bundled_decks_are_found() -> None:
    assert len(BUNDLED) >= 3


@pytest.mark.parametrize("path", BUNDLED, ids=lambda path: path.name)
def test_a_bundled_deck_reads_the_same(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert outcome(tomli, text) == outcome(tomllib, text)


@pytest.mark.parametrize("text", BROKEN)
def test_a_broken_file_is_refused_in_tomllib_s_words(text: str) -> None:
    assert outcome(tomli, text)[0] == "refused"
    assert outcome(tomli, text) == outcome(tomllib, text)


@given(st.text(alphabet="\"'[]{}=.,\n\\ #ab1-_:tf+e\t\u00e9", max_size=60))
def test_any_text_is_read_or_refused_the_same(text: str) -> None:
    assert outcome(tomli, text) == outcome(tomllib, text)


def test_toml_1_1_is_not_a_deck_s_toml() -> None:
    """Decks are TOML 1.0, as Python's tomllib reads them up to 3.14; tomli 2.4 and later read
    TOML 1.1 (trailing commas and new lines in inline tables), hence the pin below 2.4."""
    with pytest.raises(tomli.TOMLDecodeError):
        tomli.loads("[deck]\nname = { a = 1,\n  b = 2 }\n")
