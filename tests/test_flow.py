"""The game flow without a screen: what the app and the command line ask of `GameFlow`."""

from __future__ import annotations

from pathlib import Path

import pytest

from h2h_game.engine import Answer, Length, Meet, Remove, WrapUp
from h2h_game.flow import FlowError, GameFlow, Preset
from h2h_game.services import Services
from h2h_game.store import BrokenSave, GameLocked, SaveInfo
from tests.engine.builders import plain_deck

START = 1_790_000_000.0


@pytest.fixture
def services(tmp_path: Path) -> Services:
    clock = iter(range(10_000))
    return Services(
        saves_dir=tmp_path / "saves",
        clock=lambda: START + next(clock),
        new_seed=lambda: 11,
        remember=False,
    )


@pytest.fixture
def flow(services: Services) -> GameFlow:
    return GameFlow(services)


def started(flow: GameFlow, **names: str):
    deck = plain_deck(per_level=8)
    return flow.start(flow.setup_for(deck, names=("Maya", "Sam"), length=Length.OPEN, first=0))


def test_a_started_game_is_saved_and_played_through_a_session(flow: GameFlow) -> None:
    session = started(flow)
    assert session.id is not None and not session.read_only
    step = session.act(Answer())
    assert step.taken and session.state.moment.answered == 1
    refused = session.act(Answer())
    assert not refused.taken and refused.refused == "There is no card waiting for an answer."
    assert session.state is step.after  # a refused move changes nothing
    session.close()
    (listed,) = flow.services.store.list()
    assert isinstance(listed, SaveInfo) and listed.answered == 1


def test_names_that_cannot_be_dealt_are_a_flow_error(flow: GameFlow) -> None:
    setup = flow.setup_for(plain_deck(), names=("Sam", "sam"))
    with pytest.raises(FlowError, match="Both players are called"):
        flow.start(setup)
    assert not flow.services.saves_dir.exists()  # nothing was saved


def test_a_saves_path_that_is_a_file_is_said_plainly(flow: GameFlow) -> None:
    flow.services.saves_dir.parent.mkdir(parents=True, exist_ok=True)
    flow.services.saves_dir.write_text("not a folder")
    with pytest.raises(FlowError, match="not a folder"):
        started(flow)


def test_setup_leaves_out_the_cards_hidden_in_earlier_games(flow: GameFlow) -> None:
    session = started(flow)
    removed = session.state.moment.card
    session.act(Remove())
    session.act(WrapUp())
    flow.hide_removed(session.state)
    assert flow.removed_are_hidden(session.state)
    session.close()
    setup = flow.setup_for(plain_deck(per_level=8), names=("Maya", "Sam"))
    assert removed in setup.hidden


def test_nothing_removed_means_nothing_hidden(flow: GameFlow) -> None:
    session = started(flow)
    assert not flow.removed_are_hidden(session.state)
    session.close()


def test_resume_opens_the_game_where_it_was_left(flow: GameFlow) -> None:
    session = started(flow)
    session.act(Answer())
    game_id = session.id
    assert game_id is not None
    session.close()
    again = flow.resume(game_id)
    assert again.state == session.state
    assert again.used == {"answer"}  # the log says which moves need no more explaining
    again.close()


def test_a_game_open_elsewhere_is_offered_read_only_and_follows(flow: GameFlow) -> None:
    playing = started(flow)
    game_id = playing.id
    assert game_id is not None
    with pytest.raises(GameLocked):
        flow.resume(game_id)
    watching = flow.resume(game_id, read_only=True)
    assert watching.read_only and watching.legal == ()
    assert not flow.follow(watching)  # nothing happened yet
    playing.act(Answer())
    assert flow.follow(watching)
    assert watching.state == playing.state
    assert not flow.follow(watching)  # and nothing since
    assert not flow.follow(playing)  # only a read-only session follows
    playing.close()


def test_an_unknown_or_damaged_game_is_a_flow_error(flow: GameFlow) -> None:
    with pytest.raises(FlowError, match="no saved game"):
        flow.resume("2026-01-01-nobody-here-0000")
    session = started(flow)
    game_id = session.id
    session.close()
    path = flow.services.saves_dir / f"{game_id}.json"
    path.write_text("{ cut short")
    with pytest.raises(FlowError, match="cannot be opened"):
        flow.resume(game_id or "")


def test_the_latest_unfinished_game_or_its_damaged_file(flow: GameFlow) -> None:
    assert flow.latest_unfinished() is None
    session = started(flow)
    session.act(Answer())
    session.act(Meet())
    game_id = session.id
    session.close()
    latest = flow.latest_unfinished()
    assert isinstance(latest, SaveInfo) and latest.id == game_id
    path = flow.services.saves_dir / f"{game_id}.json"
    path.write_bytes(path.read_bytes()[:-30])
    damaged = flow.latest_unfinished()
    assert isinstance(damaged, BrokenSave) and damaged.game_id == game_id
    said = flow.recover(damaged.id)
    assert said == "The game is back as it was at its last good save: one action was lost."
    back = flow.resume(game_id or "")
    assert back.state.moment.answered == 1
    back.close()


def test_recovering_a_healthy_game_is_refused_plainly(flow: GameFlow) -> None:
    session = started(flow)
    game_id = session.id
    session.close()
    with pytest.raises(FlowError, match="not damaged"):
        flow.recover(game_id or "")


def test_play_again_keeps_the_players_the_colours_and_the_whole_deck(flow: GameFlow) -> None:
    deck = plain_deck(per_level=8)
    session = flow.start(
        flow.setup_for(deck, names=("Maya", "Sam"), colours=("teal", "coral"), length=Length.SHORT)
    )
    preset = flow.again(session.state)
    assert preset == Preset(
        deck=deck, names=("Maya", "Sam"), colours=("teal", "coral"), length="short"
    )
    session.close()
    # In a new run the deck is found again by its name among the decks on disk.
    fresh = GameFlow(flow.services)
    assert fresh.original_deck("Heart to Heart") is not None
    assert fresh.original_deck("No such deck") is None
    # A deck that cannot be found again plays on with the game's own copy.
    assert fresh.again(session.state).deck == session.state.deck


def test_a_hide_that_cannot_be_saved_is_a_flow_error(
    flow: GameFlow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from h2h_game.store import SaveError

    session = started(flow)
    session.act(Remove())
    session.close()

    def disk_full(deck: str, ids: object = ()) -> None:
        raise SaveError("Could not save the hidden cards: the disk is full.")

    monkeypatch.setattr(flow.services.store, "hide_cards", disk_full)
    with pytest.raises(FlowError, match="the disk is full"):
        flow.hide_removed(session.state)
    monkeypatch.setattr(flow.services.store, "hidden_cards", disk_full)
    assert not flow.removed_are_hidden(session.state)
