"""A turn of tens of thousands of actions loads in time linear in the log (50,000 pauses once
took 211 s): each action keeps a bounded undo history, so replaying it costs the same at the
first action and at the fifty-thousandth."""

from __future__ import annotations

from h2h_game.engine import UNDO_DEPTH, LogEntry, Pause, Resume, apply
from h2h_game.store import SaveStore
from h2h_game.store.record import encode
from h2h_game.store.storage import dump
from tests.store.helpers import START, fresh_game

ACTIONS = 20_000


def test_one_turn_of_many_pauses_keeps_a_bounded_history_and_loads(store: SaveStore) -> None:
    state = fresh_game()
    log: list[LogEntry] = []
    clock = START
    for index in range(ACTIONS):
        action = Pause() if index % 2 == 0 else Resume()
        clock += 1
        state = apply(state, action, clock)
        log.append(LogEntry(action, clock))
        # The work of each step is bounded by what the state carries from the last one.
        assert len(state.undo) <= UNDO_DEPTH
    assert state.moment.turn == fresh_game().moment.turn  # all of it in the one turn

    game = store.create(fresh_game(), START)
    game.close()
    data = encode(game.id, START, clock, state, [entry.to_dict() for entry in log])
    game.path.write_bytes(dump(data))
    with store.open(game.id) as loaded:
        assert loaded.state == state
        assert len(loaded.log) == ACTIONS
