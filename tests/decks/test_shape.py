"""Tests that the shape check's quick bounds never pass a text its exact walk would refuse."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from h2h_game.decks import shape
from h2h_game.decks.shape import MAX_KEY_PARTS, check_shape

# Pieces that move the counts: brackets, dots, keys and values, newlines, and strings and
# comments that hide all of these.
PIECES = [
    "[",
    "]",
    "{",
    "}",
    ".",
    "a.",
    "=",
    ",",
    "k",
    "\n",
    " ",
    '"x.[{"',
    "'y.]}'",
    '"""a.\n[{"""',
    "'''\n.'''",
    "# c.[{\n",
    "." * (MAX_KEY_PARTS - 1),
    "[" * 6,
    "]" * 6,
]


@contextmanager
def limits(items: int, nesting: int) -> Iterator[None]:
    """Limits small enough for short generated texts to cross them."""
    before = shape.MAX_ITEMS, shape.MAX_NESTING
    shape.MAX_ITEMS, shape.MAX_NESTING = items, nesting
    try:
        yield
    finally:
        shape.MAX_ITEMS, shape.MAX_NESTING = before


@pytest.fixture
def low_limits() -> Iterator[None]:
    with limits(60, 8):
        yield


@settings(max_examples=300)
@given(
    st.lists(st.sampled_from(PIECES), max_size=60).map("".join),
    st.integers(5, 120),
    st.integers(1, 12),
)
def test_the_quick_bounds_agree_with_the_walk(text: str, items: int, nesting: int) -> None:
    with limits(items, nesting):
        assert check_shape(text) == shape._walk(text)


@pytest.mark.usefixtures("low_limits")
def test_a_bound_that_might_matter_falls_back_to_the_walk() -> None:
    # Four deep, then five never closed: the bound adds them up to nine, past the limit of
    # eight, though no place is deeper than five. The walk decides.
    fine = "x = [[[[]]]]\ny = [[[[[\n"
    assert not shape._surely_fine(fine)
    assert check_shape(fine) is None
    # Unclosed brackets count as depth, as the walk counts them.
    deep = "x = " + "[" * 9
    assert check_shape(deep) is not None
    assert check_shape(deep) == shape._walk(deep)
