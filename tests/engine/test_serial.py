"""A state's plain-data form read back: whatever shape a hand-edited save gives it, the answer
is the state or a StateError that names what is wrong, never another exception."""

from __future__ import annotations

import copy
import math
from collections.abc import Callable
from typing import Any

import pytest

from h2h_game.engine import Setup, deal_game, state_from_dict, state_to_dict
from h2h_game.engine.serial import StateError, deal_from_dict
from tests.engine.builders import make_deck, question

Data = dict[str, Any]


@pytest.fixture
def data() -> Data:
    deck = make_deck(
        [question(1, f"Warm {i}?") for i in range(4)],
        [question(2, f"Deep {i}?") for i in range(4)],
    )
    return state_to_dict(deal_game(Setup(deck, names=("Maya", "Sam"), seed=3), at=1000.0))


def setting(*path: str | int, to: Any) -> Callable[[Data], None]:
    def change(data: Data) -> None:
        target: Any = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = to

    return change


STATES: dict[str, tuple[Callable[[Data], None], str]] = {
    "an older schema": (setting("schema", to=1), "state schema 1 is not 2"),
    "a schema as text": (setting("schema", to="2"), "state schema '2' is not 2"),
    "three players": (
        lambda data: data["deal"]["players"].append({"name": "Jo", "colour": "gold"}),
        "inconsistent state: a game has two players",
    ),
    "a third player first": (setting("deal", "first", to=2), "a player is 0 or 1"),
    "time together as text": (
        setting("moment", "together", to="an hour"),
        "expected a number, found 'an hour'",
    ),
    "time together as true": (setting("moment", "together", to=True), "expected a number"),
    "time together beyond any float": (
        setting("moment", "together", to=10**400),
        "expected a finite number",
    ),
    "time together infinite": (
        setting("moment", "together", to=math.inf),
        "expected a finite number, found inf",
    ),
    "time together NaN": (setting("moment", "together", to=math.nan), "expected a finite number"),
    "no deal": (lambda data: data.pop("deal"), "not a game state: KeyError('deal')"),
}


def test_the_state_reads_back_as_it_was(data: Data) -> None:
    assert state_to_dict(state_from_dict(copy.deepcopy(data))) == data


@pytest.mark.parametrize("case", list(STATES))
def test_a_damaged_state_is_a_state_error_that_says_what(data: Data, case: str) -> None:
    change, says = STATES[case]
    change(data)
    with pytest.raises(StateError) as caught:
        state_from_dict(data)
    assert says in str(caught.value)


DEALS: dict[str, tuple[Callable[[Data], None], str]] = {
    "no deck": (lambda deal: deal.pop("deck"), "not a deal: KeyError('deck')"),
    "an unknown length": (setting("length", to="forever"), "not a deal: ValueError("),
    "one player": (lambda deal: deal["players"].pop(), "a game has two players"),
    "a seed as text": (setting("seed", to="7"), "expected a whole number, found '7'"),
    "rules from the future": (setting("rules", to=99), "rules edition 1 to"),
}


@pytest.mark.parametrize("case", list(DEALS))
def test_a_damaged_deal_is_a_state_error_that_says_what(data: Data, case: str) -> None:
    deal = data["deal"]
    assert deal_from_dict(copy.deepcopy(deal)) == state_from_dict(data).deal
    change, says = DEALS[case]
    change(deal)
    with pytest.raises(StateError) as caught:
        deal_from_dict(deal)
    assert says in str(caught.value)
