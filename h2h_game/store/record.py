"""Provides the save record: what one game's file holds, how it is written, and how it is checked.

A game's file is a TinyDB database with one table, `save`, holding one document: the record.
The record keeps the schema version, the game's id and times, the players, a summary for the
list of saved games, the number of actions, the engine's state (with its copy of the deck) and
the action log. It never holds anything typed about an answer, nor the lines, nor any trace of
which topics were left out: the deal keeps only the cards in play, without their tags.

Loading checks a record in full: it rebuilds the game and replays the log (see `decode`). The
list of saved games cannot afford that for a thousand files, so each file is sealed as it is
written: the record's first field, `seal`, is a SHA-256 of the rest of the file. While the seal
holds, the file is byte for byte what a version like this one wrote, and the list reads only
the record's head, everything before the state (see `shown`). A file changed since, or one
without a seal (saved before seals, or by another version), is checked in full. Anyone can
recompute a seal: it guards against damage and hand edits, not forgery, so opening a game
always checks it in full. The seal and the count of actions are optional fields rather than a
new schema version: a reader that does not know them ignores them.
"""

from __future__ import annotations

import hashlib
import math
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from h2h_game import __version__
from h2h_game.engine import (
    RULES,
    SCHEMA,
    Deal,
    GameState,
    IllegalAction,
    LogEntry,
    StateError,
    apply,
    deal_from_dict,
    deal_to_dict,
    opening,
    replay,
    state_from_dict,
    state_to_dict,
    summarise,
)
from h2h_game.store import migrations
from h2h_game.store.storage import UnreadableFile, dump, parse

TABLE = "save"
DOC_ID = "1"
"""The record is document 1 of the `save` table (TinyDB keeps document ids as strings)."""

NEWER = "saved by a newer version of h2h"
LAST_TIME = 253_402_300_799.0
"""The last second of the year 9999: no time in a save is later (nor earlier than 1970)."""


class Unreadable(ValueError):
    """The file's content is not a game this code can trust; `reason` says why in plain words."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason} ({detail})" if detail else reason)
        self.reason = reason


_SHAPE_ERRORS = (LookupError, TypeError, ValueError, AttributeError, OverflowError)
"""What code that trusts its data raises when a hand-edited file gives it the wrong shape."""


@dataclass(frozen=True)
class Loaded:
    """A record read back from a file, checked and brought up to the current schema."""

    state: GameState
    log: tuple[LogEntry, ...]
    created: float
    updated: float
    schema: int
    """The version the file was written in (older ones were migrated on the way in)."""


def summary_of(state: GameState) -> dict[str, Any]:
    """The few figures the list of saved games shows. Never the answers."""
    s = summarise(state)
    return {
        "deck": s.deck,
        "players": list(s.players),
        "colours": [player.colour for player in state.players],
        "level": s.level,
        "level_name": s.level_name,
        "deepest": s.deepest,
        "deepest_name": s.deepest_name,
        "answered": s.answered,
        "met": s.met,
        "minutes": s.minutes,
        "finished": s.finished,
    }


def encode(
    game_id: str,
    created: float,
    updated: float,
    state: GameState,
    log: Sequence[Mapping[str, Any]] | EncodedLog,
    *,
    deal: EncodedDeal | None = None,
) -> dict[str, dict[str, Any]]:
    """The whole database of a game's file, in TinyDB's layout (`log`: `LogEntry.to_dict()`s,
    or those encoded before).

    With `deal` (this state's deal, encoded before) or an `EncodedLog`, the record holds a
    stand-in for each that `dump_record` replaces with their bytes.
    """
    record = {
        "schema": migrations.SAVE_SCHEMA,
        "written_by": f"h2h {__version__}",
        "id": game_id,
        "created": created,
        "updated": updated,
        "players": [{"name": p.name, "colour": p.colour} for p in state.players],
        "summary": summary_of(state),
        "actions": len(log),
        # The state and the log go last: the list reads only what comes before them.
        "state": state_to_dict(state, deal=None if deal is None else deal.mark),
        "log": log.mark if isinstance(log, EncodedLog) else list(log),
    }
    return {TABLE: {DOC_ID: record}}


class Encoded:
    """Part of a record encoded before the record itself, to save encoding it on every key.

    `mark` stands for it in a record until `dump_record` puts its bytes in its place. It holds
    a NUL, which JSON never writes as itself (a NUL in a name is written `\\u0000`), and a
    random token new for each, so its encoding is found only where it was put.
    """

    def __init__(self, encoded: bytes) -> None:
        self.bytes = encoded
        self.mark = f"\x00{type(self).__name__} {os.urandom(8).hex()}\x00"
        self._marked = dump(self.mark)


class EncodedDeal(Encoded):
    """A deal's JSON, made once per game: the deck it carries is most of every save, and
    encoding it again on each key press cost 18 of 24 ms with a 10,000-card deck."""

    def __init__(self, deal: Deal) -> None:
        self.deal = deal
        super().__init__(dump(deal_to_dict(deal)))


class EncodedLog(Encoded):
    """A log's JSON, each entry encoded once, when it is added: encoding the whole log again
    on each key made a save grow with the game (2 of 3 ms after 1,000 actions)."""

    def __init__(self, entries: Sequence[bytes] = ()) -> None:
        self.entries = tuple(entries)
        # What `dump` makes of the list: its compact items, comma-separated, in brackets.
        super().__init__(b"[" + b",".join(self.entries) + b"]")

    @classmethod
    def of(cls, log: Iterable[Mapping[str, Any]]) -> EncodedLog:
        return cls([dump(entry) for entry in log])

    def plus(self, entry: Mapping[str, Any]) -> EncodedLog:
        """This log with `entry` added (this one is unchanged: a save that fails keeps it)."""
        return EncodedLog((*self.entries, dump(entry)))

    def __len__(self) -> int:
        return len(self.entries)


def dump_record(data: dict[str, dict[str, Any]], *encoded: Encoded | None) -> bytes:
    """The bytes of a game's file holding `data`, exactly as `dump` would write it once the
    parts `encoded` before are back where their marks are."""
    return _splice(dump(data), *encoded)


def _splice(body: bytes, *encoded: Encoded | None) -> bytes:
    """`body` (a record dumped with marks) with each part's bytes where its mark is, in one
    copy: the marks are found in the small body, before a megabyte of deck is put in it."""
    found: list[tuple[int, int, bytes]] = []
    for part in encoded:
        if part is None:
            continue
        start = body.find(part._marked)
        if start < 0:
            raise ValueError(f"the record holds no mark for its {type(part).__name__}")
        found.append((start, start + len(part._marked), part.bytes))
    pieces: list[bytes] = []
    done = 0
    for start, end, encoded_bytes in sorted(found):
        pieces += (body[done:start], encoded_bytes)
        done = end
    pieces.append(body[done:])
    return b"".join(pieces)


_HEAD = dump({TABLE: {DOC_ID: {}}}).removesuffix(b"}}}")
"""How every game file begins, up to its record's first field."""
_SEAL_HEAD = _HEAD + b'"seal":"'
_SEAL_SIZE = hashlib.sha256().digest_size * 2
"""Hex digits in a seal."""
_STATE_AT = b',"state":'
"""Where a record's head ends. `encode` puts the state and the log last, and no key before
them is "state"; a JSON string never holds an unescaped quote, so in a file `sealed` wrote
these bytes first occur right there."""


def sealed(
    data: dict[str, dict[str, Any]],
    deal: EncodedDeal | None = None,
    log: EncodedLog | None = None,
) -> bytes:
    """The bytes of a game's file holding `data` (what `encode` made, with the `deal` and the
    `log` it was given encoded), sealed when a reader of this version will accept what the
    seal vouches for (see `shown`). The caller answers for the times in the log (see
    `is_log_time`): checking each on every save would cost as much as the rest of it in a long
    game."""
    body = dump_record(data, deal, log)
    state = data[TABLE][DOC_ID]["state"]
    started = state["deal"]["started"] if deal is None else deal.deal.started
    if not _sane_times(state, started):
        return body  # the reader refuses such a game; it must find out by checking in full
    return seal(body)


def seal(body: bytes) -> bytes:
    """`body`, a game's file as `dump` writes it, with its seal as the record's first field:
    the SHA-256 of this version's editions and of `body`, the file as it would be without it."""
    return b"".join((_SEAL_HEAD, _digest(body), b'",', body.removeprefix(_HEAD)))


def _sane_times(state: Mapping[str, Any], started: float | None) -> bool:
    """What `_sane` checks of a state's times, read from its plain form (`started`: its
    deal's start)."""
    moments = [state["moment"], *state["undo"]]
    clocks = [started, *(moment["clock"] for moment in moments)]
    return all(clock is None or _is_time(clock) for clock in clocks) and all(
        _is_time(moment["together"]) for moment in moments
    )


def _digest(body: bytes | memoryview, head: bytes = b"") -> bytes:
    # Hashed ahead of the file, so that a seal holds only between versions that write the same
    # saves and play the same rules: what a newer h2h wrote, this one checks in full.
    key = f"h2h save {migrations.SAVE_SCHEMA}, state {SCHEMA}, rules {RULES}\n"
    digest = hashlib.sha256(key.encode())
    digest.update(head)
    digest.update(body)
    return digest.hexdigest().encode("ascii")


def is_sealed(raw: bytes) -> bool:
    """Whether `raw` is byte for byte what `seal` made, by a version like this one: an edit,
    a flipped bit or a write cut short all break the seal."""
    start = len(_SEAL_HEAD)
    end = start + _SEAL_SIZE
    if not raw.startswith(_SEAL_HEAD) or raw[end : end + 2] != b'",':
        return False
    return _digest(memoryview(raw)[end + 2 :], _HEAD) == raw[start:end]


@dataclass(frozen=True)
class Shown:
    """What the list of saved games shows of a record."""

    summary: Mapping[str, Any]
    """As `summary_of` makes it; read from a sealed file, as it was written there."""
    created: float
    updated: float
    actions: int

    @classmethod
    def of(cls, loaded: Loaded) -> Shown:
        return cls(summary_of(loaded.state), loaded.created, loaded.updated, len(loaded.log))


def shown(raw: bytes) -> Shown | None:
    """What the list shows of a file's game, read from its head alone when its seal holds;
    None when the file must be parsed and checked in full by `decode` instead.

    The seal vouches that the file is as a version like this one wrote it, which writes only
    games that came from `apply`, and seals only times the reader accepts: its log replays to
    its state, so the list need not rebuild the game nor parse its state and log. Anyone can
    recompute a seal, so it guards against damage and hand edits, not forgery: opening a game
    always checks it in full.
    """
    if not is_sealed(raw):
        return None
    end = raw.find(_STATE_AT)
    if end < 0:
        return None
    try:
        head = record_of(parse(raw[:end] + b"}}}"))
        created = _time(head.get("created"), "created")
        updated = _time(head.get("updated"), "updated")
    except (UnreadableFile, Unreadable):
        return None
    summary, actions = head.get("summary"), head.get("actions")
    if not (isinstance(summary, dict) and type(actions) is int and actions >= 0):
        return None
    return Shown(summary, created, updated, actions)


def record_of(data: Any) -> dict[str, Any]:
    """The record in a file's parsed content; Unreadable when there is none."""
    if data is None:
        raise Unreadable("the file is empty")
    table = data.get(TABLE) if isinstance(data, dict) else None
    record = table.get(DOC_ID) if isinstance(table, dict) else None
    if not isinstance(record, dict):
        raise Unreadable("it is not a saved game")
    return record


def decode(data: Any) -> Loaded:
    """Check a file's parsed content and return the game in it.

    Raises `migrations.NewerSchema` for a save from a newer h2h, and `Unreadable` for anything
    damaged: no record, a record that does not migrate, a state the engine refuses, or an action
    log that does not replay to exactly the saved state. Nothing else escapes: whatever shape a
    hand-edited file takes, it is damage with a reason.
    """
    try:
        return _decode(data)
    except (Unreadable, migrations.NewerSchema):
        raise
    except _SHAPE_ERRORS as error:
        raise Unreadable("the game state is damaged", repr(error)) from error


def _decode(data: Any) -> Loaded:
    record = record_of(data)
    try:
        schema = migrations.schema_of(record)
        record = migrations.migrate(record)
    except migrations.MigrationFailed as error:
        raise Unreadable("it is not a saved game this version can read", str(error)) from error
    created = _time(record.get("created"), "created")
    updated = _time(record.get("updated"), "updated")
    state_data = record.get("state")
    if not isinstance(state_data, dict):
        raise Unreadable("the game state is missing")
    engine_schema = state_data.get("schema")
    if type(engine_schema) is int and engine_schema > SCHEMA:
        # A newer engine's state under an old save version: still not ours to judge damaged.
        raise migrations.NewerSchema(schema)
    log = _log(record.get("log"))
    if "moment" not in state_data and schema < migrations.SAVE_SCHEMA:
        # A migrated record keeps the deal and the log; the game is what the log replays to.
        deal = _deal(state_data)
        return Loaded(_sane(_replayed(deal, log)), log, created, updated, schema)
    try:
        state = state_from_dict(state_data)
    except StateError as error:
        raise Unreadable("the game state is damaged", str(error)) from error
    # The log must lead to the state: a file that disagrees with itself cannot be trusted.
    if _replayed(state.deal, log) != state:
        raise Unreadable("its action log does not match the game", "replay differs")
    return Loaded(_sane(state), log, created, updated, schema)


def _sane(state: GameState) -> GameState:
    """The state, when every time in it is a time this code would write and read back (a
    start in the year 10,000 would be saved as a number the reader refuses), and the list of
    saved games can show it."""
    # `_sane_times` checks the same times before a file is sealed: keep the two in step.
    moments = (state.moment, *state.undo)
    times = [state.deal.started, *(moment.clock for moment in moments)]
    if not all(time is None or _is_time(time) for time in times):
        raise Unreadable("the game state is damaged", "a time out of range")
    if not all(_is_time(moment.together) for moment in moments):
        raise Unreadable("the game state is damaged", "time together out of range")
    summary_of(state)
    return state


@dataclass(frozen=True)
class Salvage:
    """What could be saved from a damaged record: its game up to the last action that replays."""

    loaded: Loaded
    logged: int | None
    """How many actions the damaged log held, when it was still a list."""


def salvage(data: Any) -> Salvage | None:
    """The longest good beginning of a damaged record: its deal and as many of its logged
    actions as replay cleanly, in order. None when not even the deal can be read."""
    try:
        record = record_of(data)
        schema = migrations.schema_of(record)
        record = migrations.migrate(record)
        state_data = record.get("state")
        deal = _deal(state_data if isinstance(state_data, dict) else {})
        state = opening(deal)
    except (Unreadable, migrations.NewerSchema, *_SHAPE_ERRORS):
        return None
    raw_log = record.get("log")
    entries = raw_log if isinstance(raw_log, list) else []
    log: list[LogEntry] = []
    for item in entries:
        try:
            entry = LogEntry.from_dict(item)
            if entry.at is not None and not _is_time(entry.at):
                break
            state = apply(state, entry.action, entry.at)
        except (IllegalAction, *_SHAPE_ERRORS):
            break
        log.append(entry)
    try:
        _sane(state)
    except (Unreadable, *_SHAPE_ERRORS):
        return None
    created = _time_or(record.get("created"), deal.started or 0.0)
    updated = log[-1].at if log and log[-1].at is not None else created
    loaded = Loaded(state, tuple(log), created, updated, schema)
    return Salvage(loaded, len(raw_log) if isinstance(raw_log, list) else None)


def _deal(state_data: Mapping[str, Any]) -> Deal:
    try:
        return deal_from_dict(state_data.get("deal", {}))
    except StateError as error:
        raise Unreadable("the game state is damaged", str(error)) from error


def _replayed(deal: Deal, log: tuple[LogEntry, ...]) -> GameState:
    try:
        return replay(deal, log)
    except IllegalAction as error:
        raise Unreadable("its action log does not match the game", error.reason) from error
    except (LookupError, ValueError, TypeError, AttributeError, RecursionError) as error:
        # The engine trusts its own actions; a hand-edited one may trip it anywhere.
        raise Unreadable("its action log does not match the game", repr(error)) from error


def _log(data: Any) -> tuple[LogEntry, ...]:
    if not isinstance(data, list):
        raise Unreadable("the action log is missing")
    try:
        log = tuple(LogEntry.from_dict(item) for item in data)
    except ValueError as error:
        raise Unreadable("the action log is damaged", str(error)) from error
    if not all(is_log_time(entry.at) for entry in log):
        raise Unreadable("the action log is damaged", "a time out of range")
    return log


def is_log_time(at: float | None) -> bool:
    """Whether the reader accepts `at` as the time of a logged action (None: none was kept)."""
    return at is None or _is_time(at)


def _time(value: Any, what: str) -> float:
    if not _is_time(value):
        raise Unreadable("it is not a saved game", f"{what} is {value!r}")
    return float(value)


def _time_or(value: Any, default: float) -> float:
    return float(value) if _is_time(value) else default


def _is_time(value: Any) -> bool:
    # bool is an int in Python, but `true` is no time of day; nor is anything past year 9999.
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value)
        and 0 <= value <= LAST_TIME
    )
