"""Sealed files are listed from their heads alone, and anything else is still checked in full.

The list of saved games trusts a file whose seal holds without replaying its log; these tests
prove that it does so (by counting replays, never by timing), that every change to a file sends
it back to the full check with exactly the reason it gets there, and that saves written before
seals still list and open.
"""

from __future__ import annotations

import dataclasses
import json
import random
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from h2h_game.engine import Deck, LogEntry, apply, legal_actions
from h2h_game.store import BrokenSave, BrokenSaveError, SaveInfo, SaveStore, record
from h2h_game.store.index import INDEX_NAME, save_info
from h2h_game.store.migrations import NewerSchema
from h2h_game.store.storage import UnreadableFile, dump, parse
from tests.store.helpers import START, fresh_game, next_step, play, steps_of
from tests.store.strategies import decks

FIXTURES = Path(__file__).parent / "fixtures"

Record = dict[str, Any]


@pytest.fixture
def replays(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Every replay of an action log the store runs, by its length."""
    counted: list[int] = []
    real = record.replay

    def counting(deal: Any, log: Any) -> Any:
        counted.append(len(log))
        return real(deal, log)

    monkeypatch.setattr(record, "replay", counting)
    return counted


@pytest.fixture
def full_checks(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every file the list checked in full (`record.decode`), as it parsed."""
    counted: list[Any] = []
    real = record.decode

    def counting(data: Any) -> record.Loaded:
        counted.append(data)
        return real(data)

    monkeypatch.setattr(record, "decode", counting)
    return counted


def saved_games(store: SaveStore, count: int = 3) -> list[str]:
    ids = []
    for number in range(count):
        with store.create(fresh_game(names=(f"A{number}", f"B{number}")), START) as game:
            play(game, 8 + number, seed=number)
            ids.append(game.id)
    return ids


def listed_afresh(store: SaveStore, folder: Path) -> dict[str, SaveInfo | BrokenSave]:
    """The list as a first look at the folder makes it: with no index to go by."""
    (folder / INDEX_NAME).unlink(missing_ok=True)
    return {item.id: item for item in store.list()}


def rewritten(change: Callable[[Record], None]) -> Callable[[bytes], bytes]:
    """A hand edit that keeps the file compact and its seal in place: only the seal's digest
    can tell that anything changed."""

    def rewrite(raw: bytes) -> bytes:
        data = json.loads(raw)
        change(data["save"]["1"])
        return dump(data)

    return rewrite


def full_check(raw: bytes) -> SaveInfo | str:
    """What the full check makes of a file's bytes: its game as listed, or why it is damaged."""
    try:
        loaded = record.decode(parse(raw))
    except NewerSchema:
        return record.NEWER
    except (UnreadableFile, record.Unreadable) as error:
        return error.reason
    seen = record.Shown.of(loaded)
    return save_info("", Path(), seen.summary, seen.created, seen.updated, seen.actions)


def as_full_check_sees_it(item: SaveInfo | BrokenSave) -> SaveInfo | str:
    """A listed file as `full_check` puts it: with no name of its own."""
    if isinstance(item, BrokenSave):
        return item.reason
    return dataclasses.replace(item, id="", path=Path())


# --- the fast path ------------------------------------------------------------------------------


def test_every_game_file_the_store_writes_is_sealed(store: SaveStore, folder: Path) -> None:
    (game_id,) = saved_games(store, 1)
    path = folder / f"{game_id}.json"
    assert record.is_sealed(path.read_bytes())
    assert record.is_sealed((folder / f"{game_id}.previous.json").read_bytes())
    saved = json.loads(path.read_bytes())["save"]["1"]
    assert next(iter(saved)) == "seal"
    assert saved["actions"] == len(saved["log"]) == 8
    assert list(saved)[-2:] == ["state", "log"]  # the head the list reads comes first


def test_a_sealed_game_is_listed_without_replaying_it(
    store: SaveStore, folder: Path, replays: list[int]
) -> None:
    ids = saved_games(store)
    from_index = {item.id: item for item in store.list()}
    assert replays == []  # the index knew them all: nothing was even read

    assert listed_afresh(store, folder) == from_index
    assert replays == []
    # Opening a game is never taken on trust: that checks it in full.
    with store.open(ids[0], read_only=True):
        pass
    assert replays == [from_index[ids[0]].actions]


def test_a_file_without_a_seal_is_checked_in_full_and_lists_the_same(
    store: SaveStore, folder: Path, replays: list[int]
) -> None:
    ids = saved_games(store)
    from_seals = listed_afresh(store, folder)
    for game_id in ids:
        path = folder / f"{game_id}.json"
        data = json.loads(path.read_bytes())
        del data["save"]["1"]["seal"]
        path.write_bytes(dump(data))
    assert listed_afresh(store, folder) == from_seals
    assert sorted(replays) == sorted(item.actions for item in from_seals.values())
    assert len(replays) == len(ids)


@pytest.mark.parametrize("fixture", ["save-v1.json", "save-v2.json"])
def test_a_save_from_before_seals_lists_opens_and_is_sealed_when_played_on(
    store: SaveStore, folder: Path, replays: list[int], fixture: str
) -> None:
    source = FIXTURES / fixture
    raw = source.read_bytes()
    assert not record.is_sealed(raw)
    game_id = json.loads(raw)["save"]["1"]["id"]
    folder.mkdir(mode=0o700)
    path = folder / f"{game_id}.json"
    shutil.copyfile(source, path)

    (listed,) = listed_afresh(store, folder).values()
    assert isinstance(listed, SaveInfo)
    assert (listed.players, listed.deck) == (("Maya", "Sam"), "Fixture deck")
    assert listed.actions == len(json.loads(raw)["save"]["1"]["log"]) > 0
    assert len(replays) == 1
    assert path.read_bytes() == raw  # listing never rewrites

    with store.open(game_id) as game:
        clock = game.updated + 60
        after, entry = next_step(game.state, random.Random(0), clock)
        game.save(after, entry, clock)
    assert record.is_sealed(path.read_bytes())
    replays.clear()
    (again,) = listed_afresh(store, folder).values()
    assert isinstance(again, SaveInfo) and again.actions == listed.actions + 1
    assert replays == []


# --- changed files ------------------------------------------------------------------------------


def drop_last_action(saved: Record) -> None:
    saved["log"].pop()


def swap_an_action(saved: Record) -> None:
    saved["log"][0]["action"] = {"type": "wrap-up"}


TAMPERING: dict[str, tuple[Callable[[Record], None], str]] = {
    "log one short": (drop_last_action, "its action log does not match the game"),
    "log rewritten": (swap_an_action, "its action log does not match the game"),
    "jar as text": (lambda r: r["state"]["moment"].update(jar="lots"), "the game state is damaged"),
    "unknown action": (
        lambda r: r["log"].append({"action": {"type": "shout"}, "at": START}),
        "the action log is damaged",
    ),
    "no state": (lambda r: r.pop("state"), "the game state is missing"),
    "bad time": (lambda r: r.update(created=True), "it is not a saved game"),
    "schema as text": (lambda r: r.update(schema="2"), "it is not a saved game this version"),
}


@pytest.mark.parametrize("kind", list(TAMPERING))
def test_a_changed_sealed_file_gets_the_reason_the_full_check_gives(
    store: SaveStore, folder: Path, kind: str
) -> None:
    damaged, healthy = saved_games(store, 2)
    path = folder / f"{damaged}.json"
    change, reason = TAMPERING[kind]
    bad = rewritten(change)(path.read_bytes())
    assert bad.startswith(b'{"save":{"1":{"seal":"')  # the seal is there, and no longer holds
    assert not record.is_sealed(bad)
    path.write_bytes(bad)

    listed = listed_afresh(store, folder)
    broken = listed[damaged]
    assert isinstance(broken, BrokenSave)
    assert broken.reason.startswith(reason)
    assert broken.reason == full_check(bad)
    assert isinstance(listed[healthy], SaveInfo)
    assert path.read_bytes() == bad  # listed where it lies, untouched
    with pytest.raises(BrokenSaveError) as caught:
        store.open(damaged)
    assert caught.value.reason == broken.reason


def test_an_edited_head_is_never_shown_the_game_is_listed_as_its_log_has_it(
    store: SaveStore, folder: Path, replays: list[int]
) -> None:
    (game_id,) = saved_games(store, 1)
    path = folder / f"{game_id}.json"
    honest = listed_afresh(store, folder)[game_id]

    def boast(saved: Record) -> None:
        saved["summary"].update(finished=True, answered=99, deck="Another deck")
        saved["actions"] = 1000

    path.write_bytes(rewritten(boast)(path.read_bytes()))
    replays.clear()
    listed = listed_afresh(store, folder)[game_id]
    assert listed == honest
    assert len(replays) == 1


def test_a_broken_seal_alone_costs_a_full_check_and_nothing_more(
    store: SaveStore, folder: Path, replays: list[int]
) -> None:
    (game_id,) = saved_games(store, 1)
    path = folder / f"{game_id}.json"
    honest = listed_afresh(store, folder)[game_id]
    raw = path.read_bytes()
    at = len(b'{"save":{"1":{"seal":"')
    path.write_bytes(raw[:at] + (b"0" if raw[at : at + 1] != b"0" else b"1") + raw[at + 1 :])
    replays.clear()
    assert listed_afresh(store, folder)[game_id] == honest
    assert len(replays) == 1


@given(data=st.data())
def test_any_one_byte_changed_lists_as_the_full_check_judges_it(data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp) / "saves"
        store = SaveStore(folder)
        with store.create(fresh_game(), START) as game:
            play(game, 6)
        path = folder / f"{game.id}.json"
        raw = path.read_bytes()
        at = data.draw(st.integers(0, len(raw) - 1), label="at")
        byte = data.draw(st.integers(0, 255).filter(lambda b: b != raw[at]), label="byte")
        changed = raw[:at] + bytes([byte]) + raw[at + 1 :]
        path.write_bytes(changed)
        (listed,) = listed_afresh(store, folder).values()
        assert as_full_check_sees_it(listed) == full_check(changed)


# --- what a seal does not vouch for -------------------------------------------------------------


LATE = 300_000_000_000.0
"""A time in the year 11,476: a clock set that far on saves it, and no reader accepts it."""


def test_a_game_holding_a_time_the_reader_refuses_is_not_sealed(folder: Path) -> None:
    state = fresh_game(at=LATE)  # dealt then; the file says it was made and played in 2025
    raw = record.sealed(record.encode("2025-11-24-late", START, START + 60, state, []))
    assert not record.is_sealed(raw)
    folder.mkdir(mode=0o700)
    (folder / "2025-11-24-late.json").write_bytes(raw)
    broken = listed_afresh(SaveStore(folder), folder)["2025-11-24-late"]
    assert isinstance(broken, BrokenSave)
    assert broken.reason == full_check(raw) == "the game state is damaged"


def test_a_log_holding_such_a_time_is_never_sealed_again(store: SaveStore, folder: Path) -> None:
    with store.create(fresh_game(), START) as game:
        state, entry = next_step(game.state, random.Random(0), LATE)
        game.save(state, entry, START + 60)
        # Back to the right time: the game's own times are fine again, its log's are not.
        for step in range(1, 5):
            state, entry = next_step(game.state, random.Random(step), START + 60 * step)
            game.save(state, entry, START + 60 * step)
        raw = game.path.read_bytes()
        assert not record.is_sealed(raw)
        broken = listed_afresh(store, folder)[game.id]
        assert isinstance(broken, BrokenSave)
        assert broken.reason == full_check(raw) == "the action log is damaged"


def test_a_seal_from_another_version_is_not_trusted(
    store: SaveStore, folder: Path, replays: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A newer h2h may play rules this one does not know, under the same save schema.
    monkeypatch.setattr(record, "RULES", record.RULES + 1)
    (game_id,) = saved_games(store, 1)
    monkeypatch.setattr(record, "RULES", record.RULES - 1)
    raw = (folder / f"{game_id}.json").read_bytes()
    assert raw.startswith(b'{"save":{"1":{"seal":"') and not record.is_sealed(raw)
    replays.clear()
    assert isinstance(listed_afresh(store, folder)[game_id], SaveInfo)
    assert len(replays) == 1


def forged(raw: bytes, change: Callable[[Record], None]) -> bytes:
    """A file changed by hand and sealed again: what the seal cannot tell from h2h's own."""
    data = json.loads(raw)
    saved = data["save"]["1"]
    del saved["seal"]
    change(saved)
    return record.seal(dump(data))


def test_a_forged_seal_may_fool_the_list_but_never_the_game(store: SaveStore, folder: Path) -> None:
    (game_id,) = saved_games(store, 1)
    path = folder / f"{game_id}.json"
    bad = forged(path.read_bytes(), drop_last_action)
    assert record.is_sealed(bad)
    path.write_bytes(bad)
    assert isinstance(listed_afresh(store, folder)[game_id], SaveInfo)
    with pytest.raises(BrokenSaveError, match="its action log does not match the game"):
        store.open(game_id)


def unlisted_summary(saved: Record) -> None:
    saved["summary"] = {"deck": "only a name"}


def move_state_first(saved: Record) -> None:
    state = saved.pop("state")
    rest = dict(saved)
    saved.clear()
    saved.update(state=state, **rest)


HEADS: dict[str, Callable[[Record], None]] = {
    "a summary the list cannot show": unlisted_summary,
    "no summary": lambda r: r.pop("summary"),
    "actions as text": lambda r: r.update(actions="8"),
    "fewer than no actions": lambda r: r.update(actions=-1),
    "a time out of range": lambda r: r.update(updated=1e13),
    "the state before the head": move_state_first,
    "no state at all": lambda r: r.update(game=r.pop("state")),
}


@pytest.mark.parametrize("kind", list(HEADS))
def test_a_sealed_head_the_list_cannot_use_is_checked_in_full(
    store: SaveStore, folder: Path, full_checks: list[Any], kind: str
) -> None:
    (game_id,) = saved_games(store, 1)
    path = folder / f"{game_id}.json"
    raw = forged(path.read_bytes(), HEADS[kind])
    assert record.is_sealed(raw)
    path.write_bytes(raw)
    full_checks.clear()
    listed = listed_afresh(store, folder)[game_id]
    assert len(full_checks) == 1
    assert as_full_check_sees_it(listed) == full_check(raw)


# --- what the head says is what the full check says ---------------------------------------------

names = st.sampled_from(
    [("Maya", "Sam"), ("Zoë", '","state":{'), ('\\"', ',"state":'), ("明", "}}}")]
)


@given(deck=decks(), players=names, seed=st.integers(0, 2**32), data=st.data())
def test_the_head_of_any_sealed_file_says_what_the_full_check_says(
    deck: Deck, players: tuple[str, str], seed: int, data: st.DataObject
) -> None:
    state = fresh_game(deck, names=players, seed=seed)
    log: list[LogEntry] = []
    clock = START
    for _ in range(data.draw(st.integers(0, 25), label="actions")):
        if state.is_over:
            break
        action = data.draw(st.sampled_from(legal_actions(state)), label="action")
        clock += data.draw(st.floats(0, 3000, allow_nan=False), label="wait")
        state = apply(state, action, clock)
        log.append(LogEntry(action, clock))
    raw = record.sealed(
        record.encode("2025-11-24-x", START, clock, state, [e.to_dict() for e in log])
    )
    assert record.is_sealed(raw)
    assert record.shown(raw) == record.Shown.of(record.decode(parse(raw)))


@given(decks(), st.integers(0, 2**32), st.integers(1, 25), st.integers(0, 25))
def test_a_save_with_its_deal_and_log_encoded_once_is_byte_for_byte_the_whole_encoding(
    deck: Deck, seed: int, steps: int, reopen_after: int
) -> None:
    """Each save writes the deal's bytes made on the game's first, and the log's bytes grown by
    an entry: the file must be what encoding the whole state and log again would have written,
    seal and all, also after the game is closed and opened again mid-way."""
    with tempfile.TemporaryDirectory() as folder:
        store = SaveStore(Path(folder))
        game = store.create(fresh_game(deck, seed=seed % 1000), START)
        try:
            for number, (state, entry) in enumerate(steps_of(game.state, steps, seed)):
                if number == reopen_after:
                    game.close()
                    game = store.open(game.id)
                game.save(state, entry, entry.at or START)
                whole = record.encode(
                    game.id, game.created, entry.at or START, state, [e.to_dict() for e in game.log]
                )
                assert game.path.read_bytes() == record.sealed(whole)
        finally:
            game.close()
        assert isinstance(store.list()[0], SaveInfo)


def test_an_encoded_part_s_mark_is_found_only_where_it_was_put() -> None:
    encoded = record.EncodedDeal(fresh_game().deal)
    assert encoded.mark not in json.dumps(encoded.mark)  # a NUL is never written as itself
    assert record.EncodedDeal(fresh_game().deal).mark != encoded.mark  # a token per deal
    with pytest.raises(ValueError):
        record.dump_record({"state": {"deal": "a name that is not the mark"}}, encoded)
    log = record.EncodedLog().plus({"at": 1.0})
    assert log.mark != log.plus({"at": 2.0}).mark != encoded.mark
    with pytest.raises(ValueError):
        record.dump_record({"log": encoded.mark}, log)


def test_an_encoded_log_is_what_dump_makes_of_the_whole_list() -> None:
    entries = [{"action": {"type": "pass"}, "at": 1.5}, {"note": '明 \x00 "quoted"'}, {}]
    assert record.EncodedLog().bytes == dump([])
    assert record.EncodedLog.of(entries).bytes == dump(entries)
    assert record.EncodedLog.of(entries[:2]).plus(entries[2]).bytes == dump(entries)
    assert len(record.EncodedLog.of(entries)) == 3
