"""Provides the studio's checking process: whole-deck checks made on another core.

A 10,000-card deck takes the doctor about a second and a half. Made in a thread, that time
holds Python's interpreter lock and every key press meanwhile waits for it; made in a process of
its own, it runs beside the screen. The process is `python -m h2h_game.decks.studio.worker`: it
reads snapshots from stdin and writes back each one's `WholeCheck` (without the deck, which the
screen does not need), each a length-prefixed pickle. Only the studio talks to it, through
pipes it opened itself.
"""

from __future__ import annotations

import pickle
import struct
import sys
from dataclasses import replace
from typing import IO, Any

from h2h_game.decks.studio.checks import check_whole

_LENGTH = struct.Struct(">Q")


def send(stream: IO[bytes], value: Any) -> None:
    """Write one value to a pipe."""
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_LENGTH.pack(len(data)) + data)
    stream.flush()


def receive(stream: IO[bytes]) -> Any:
    """Read one value from a pipe; EOFError when it is closed."""
    head = stream.read(_LENGTH.size)
    if len(head) < _LENGTH.size:
        raise EOFError
    size = _LENGTH.unpack(head)[0]
    data = stream.read(size)
    if len(data) < size:
        raise EOFError
    return pickle.loads(data)


def serve(reader: IO[bytes], writer: IO[bytes]) -> None:
    """Check every snapshot read until the pipe closes."""
    while True:
        try:
            snapshot = receive(reader)
        except EOFError:
            return
        try:
            result: Any = replace(check_whole(snapshot), deck=None)
        except Exception as error:  # the studio must hear back, or it waits forever
            result = RuntimeError(f"{type(error).__name__}: {error}")
        try:
            send(writer, result)
        except (BrokenPipeError, OSError):
            return


if __name__ == "__main__":
    serve(sys.stdin.buffer, sys.stdout.buffer)
