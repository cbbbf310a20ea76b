"""Provides `OpenGame`: a saved game being played, kept in step with its file action by action."""

from __future__ import annotations

from types import TracebackType

from h2h_game.engine import GameState, LogEntry
from h2h_game.store import record
from h2h_game.store.errors import ReadOnlyGame, write_failure
from h2h_game.store.gamefile import GameFiles
from h2h_game.store.lock import FileLock


class OpenGame:
    """A saved game being played: its state and log, kept in step with its file.

    Opened for play it holds the game's lock until `close()` (or the end of a `with` block);
    opened read-only it holds nothing and refuses to save.
    """

    def __init__(
        self,
        files: GameFiles,
        game_id: str,
        loaded: record.Loaded,
        lock: FileLock | None,
    ) -> None:
        self.id = game_id
        self.path = files.path(game_id)
        self.state: GameState = loaded.state
        self.log: list[LogEntry] = list(loaded.log)
        self.created = loaded.created
        self.updated = loaded.updated
        self.schema = loaded.schema
        """The schema the file was written in; older ones are rewritten as current on save."""
        self._files = files
        self._lock = lock
        self._sealable = True
        """Whether every time in the log is one the reader accepts: true of any game that
        loaded, kept up action by action rather than checked over the whole log on each save."""
        self._closed = False
        self._deal: record.EncodedDeal | None = None
        """The deal's JSON, made on the first save: every later one writes the same bytes."""
        self._log: record.EncodedLog | None = None
        """The log's JSON, made on the first save and grown by an entry on each."""

    @property
    def read_only(self) -> bool:
        return self._lock is None

    @property
    def closed(self) -> bool:
        return self._closed

    def save(self, state: GameState, entry: LogEntry, at: float) -> None:
        """Record that `entry` led to `state`, durably, before the game moves on.

        `state` must be what `engine.apply` made of this game's state and `entry` (the caller
        has just applied it; checking would mean applying it again on every key press). Raises
        SaveError (ReadOnlyGame for a read-only game) with the file and this object unchanged,
        so the caller keeps showing the previous state and the players can try again.
        """
        if self._closed:
            raise RuntimeError(f"game {self.id} is closed")
        if self._lock is None:
            raise ReadOnlyGame(self.id)
        if self._log is None:
            self._log = record.EncodedLog.of(logged.to_dict() for logged in self.log)
        log = self._log.plus(entry.to_dict())
        if self._deal is None or self._deal.deal is not state.deal:
            self._deal = record.EncodedDeal(state.deal)
        data = record.encode(self.id, self.created, at, state, log, deal=self._deal)
        # A file whose log the reader refuses must not be sealed: the list would show it as fine.
        sealable = self._sealable and record.is_log_time(entry.at)
        try:
            self._files.write(self.id, data, seal=sealable, deal=self._deal, log=log)
        except OSError as error:
            raise write_failure(error, self._files.folder) from error
        # Finishing a game, or undoing its last key, changes how the list shows it.
        changed = state.is_over != self.state.is_over
        self.state, self.log, self._log, self.updated = state, [*self.log, entry], log, at
        self._sealable = sealable
        if changed:
            self._remember()

    def close(self) -> None:
        """Stop playing: note the game in the index and let other windows open it."""
        if self._closed:
            return
        self._closed = True
        if self._lock is not None:
            try:
                self._remember()
            finally:
                self._lock.release()

    def _remember(self) -> None:
        self._files.remember(self.id, self.state, self.created, self.updated, len(self.log))

    def __enter__(self) -> OpenGame:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        mode = "read-only" if self.read_only else "open"
        return f"<OpenGame {self.id} {mode}, {len(self.log)} actions>"
