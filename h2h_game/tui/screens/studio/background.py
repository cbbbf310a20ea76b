"""Provides `BackgroundCheck`: whole-deck checks run one at a time, away from the screen.

The doctor needs about a second for a 10,000-card deck (near-duplicates compare every card),
longer than a key press may wait. The check runs in a daemon thread, so quitting never waits
for it; when several are asked for while one runs, only the latest is made next.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from h2h_game.decks.studio.checks import Snapshot, WholeCheck, check_whole


class BackgroundCheck:
    """Checks snapshots of a draft in a thread, handing each result to `deliver`.

    `deliver` is called in the thread: it should only post a message (which is thread-safe).
    """

    def __init__(self, deliver: Callable[[WholeCheck], None]) -> None:
        self._deliver = deliver
        self._lock = threading.Lock()
        self._waiting: Snapshot | None = None
        self._running = False
        self._stopped = False

    @property
    def busy(self) -> bool:
        with self._lock:
            return self._running or self._waiting is not None

    def ask(self, snapshot: Snapshot) -> None:
        """Check this snapshot as soon as the check before it (if any) is done."""
        with self._lock:
            if self._stopped:
                return
            self._waiting = snapshot
            if self._running:
                return
            self._running = True
        threading.Thread(target=self._run, name="h2h-deck-check", daemon=True).start()

    def stop(self) -> None:
        """Deliver nothing more (the screen is going away)."""
        with self._lock:
            self._stopped = True
            self._waiting = None

    def _run(self) -> None:
        while True:
            with self._lock:
                snapshot, self._waiting = self._waiting, None
                if snapshot is None or self._stopped:
                    self._running = False
                    return
            try:
                result = check_whole(snapshot)
            except Exception:  # a check that fails must not leave the studio waiting forever
                result = None
            with self._lock:
                stopped = self._stopped
            if result is not None and not stopped:
                self._deliver(result)
