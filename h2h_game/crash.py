"""Provides what happens on an error h2h did not expect: a log with the traceback, one short
message naming it, and a non-zero exit.

The log goes to the user log folder (`platformdirs.user_log_dir`, e.g. `~/.local/state/h2h/log`,
or `$H2H_LOGS`), in a 0700 folder as a 0600 file: a traceback may hold names and card text.
`CrashReporting` is a mixin for the Textual app: it keeps the first unhandled exception where
the command line can find it, instead of Textual printing a screenful of traceback and locals.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any, TextIO

from h2h_game import __version__
from h2h_game.exit_codes import EXIT_FAILURE

LOGS_ENV = "H2H_LOGS"
KEEP = 20
"""Crash logs kept; older ones are removed when a new one is written."""


def log_dir() -> Path:
    """Where crash logs go: `$H2H_LOGS`, else the user log folder."""
    if env := os.environ.get(LOGS_ENV):
        return Path(env).expanduser()
    # Imported here: the app imports this module for its mixin before its first frame.
    import platformdirs

    return Path(platformdirs.user_log_dir("h2h", appauthor=False))


def write_log(error: BaseException, *, folder: Path | None = None) -> Path:
    """Write a crash log with the traceback; where it went. OSError if it could not be."""
    # Imported here, like everything only a crash needs: the app imports this module early.
    import platform
    import secrets
    import traceback

    from h2h_game.files import private_folder, write_atomic

    folder = folder or log_dir()
    private_folder(folder)
    stamp = time.strftime("%Y%m%dT%H%M%S", time.localtime())
    path = folder / f"crash-{stamp}-{os.getpid()}-{secrets.token_hex(3)}.log"
    text = "".join(
        [
            f"h2h {__version__} crashed at {time.strftime('%Y-%m-%d %H:%M:%S %z')}\n",
            f"Python {platform.python_version()} on {platform.platform()}\n",
            f"Command: {' '.join(sys.argv)}\n\n",
            *traceback.format_exception(error),
        ]
    )
    write_atomic(path, text.encode("utf-8", "replace"))
    _prune(folder)
    return path


def _prune(folder: Path) -> None:
    logs = sorted(folder.glob("crash-*.log"), key=lambda path: path.name)
    for old in logs[:-KEEP]:
        try:
            old.unlink()
        except OSError:
            continue


def report(error: BaseException, *, stream: TextIO | None = None) -> int:
    """Log an unexpected error, say so in one short message, and return the exit code (1)."""
    import traceback

    stream = stream or sys.stderr
    what = type(error).__name__
    try:
        path = write_log(error)
    except OSError as failure:
        # No log folder: the traceback goes to the terminal rather than nowhere.
        print(f"h2h stopped because of an unexpected error ({what}).", file=stream)
        print(f"(The crash log could not be written: {failure.strerror or failure}.)", file=stream)
        traceback.print_exception(error, file=stream)
    else:
        print(
            f"h2h stopped because of an unexpected error ({what}). Every action up to the last "
            f"one is saved. The details are in {path}",
            file=stream,
        )
    return EXIT_FAILURE


class CrashReporting:
    """A mixin for a Textual `App` (put it before `App` in the bases): the first unhandled
    exception is kept in `crash`, and Textual prints no traceback of its own on exit; the
    command line then reports it with `crash.report`."""

    crash: BaseException | None = None

    def _handle_exception(self, error: Exception) -> None:
        if self.crash is None:
            self.crash = error
        super()._handle_exception(error)  # type: ignore[misc]

    def _fatal_error(self) -> None:
        # Textual's version renders the traceback with its locals for printing after exit; the
        # crash log holds the traceback instead. Closing the app is all that is left to do.
        app: Any = self
        app.bell()
        app._close_messages_no_wait()
