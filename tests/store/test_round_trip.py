"""Save then load gives an equal game, for games hypothesis plays at random on random decks."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from h2h_game.engine import Deck, Length, LogEntry, Setup, apply, deal_game, legal_actions
from h2h_game.store import SaveStore
from tests.store.helpers import START
from tests.store.strategies import decks

names = st.sampled_from([("Maya", "Sam"), ("", ""), ("Zoë", "Zoe"), ("明", "Ana\u0301")])


@given(
    deck=decks(),
    players=names,
    seed=st.integers(0, 2**32),
    length=st.sampled_from(list(Length)),
    data=st.data(),
)
def test_save_then_load_gives_the_same_game(
    deck: Deck, players: tuple[str, str], seed: int, length: Length, data: st.DataObject
) -> None:
    state = deal_game(Setup(deck, names=players, seed=seed, length=length), at=START)
    clock = START
    with tempfile.TemporaryDirectory() as folder:
        store = SaveStore(Path(folder))
        with store.create(state, clock) as game:
            for _ in range(data.draw(st.integers(0, 30), label="actions")):
                if state.is_over:
                    break
                action = data.draw(st.sampled_from(legal_actions(state)), label="action")
                clock += data.draw(st.floats(0, 3000, allow_nan=False), label="wait")
                state = apply(state, action, clock)
                game.save(state, LogEntry(action, clock), clock)
            log = game.log
        with store.open(game.id) as again:
            assert again.state == state
            assert again.log == log
            assert again.updated == clock
        (listed,) = store.list()
        assert listed.id == game.id
