"""A stand-in for `python -m h2h_game` behind `h2h serve`: textual-serve's protocol, nothing else.

It starts in a few milliseconds, so the server's in-process tests can open real game processes.
It greets as a Textual app does, tells the size it was started with, echoes what the browser
types, and says what else it is told. `MODE` (the first argument) makes it misbehave:

- `polite`: quits when asked, as every mode but the next two does;
- `deaf`: ignores the request to quit (the server must terminate it);
- `stubborn`: ignores the request to quit and SIGTERM (the server must kill it);
- `leaves`: asks the server to close the tab as soon as it has greeted, then waits;
- `ends`: exits with code 3 as soon as it has greeted, as a game the players quit does.

Run with the folder `STARTED` as the second argument, it leaves a file there named after its pid,
so a test can tell whether any game process ever started.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path


def packet(kind: bytes, payload: bytes) -> bytes:
    return kind + len(payload).to_bytes(4, "big") + payload


def main() -> int:
    mode, started = sys.argv[1], Path(sys.argv[2])
    if mode == "stubborn":
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
    (started / str(os.getpid())).write_text(mode)
    out, stdin = sys.stdout.buffer, sys.stdin.buffer
    size = f"size {os.environ['COLUMNS']}x{os.environ['ROWS']}"
    # Greeting only after the signals are set: a test that waits for it knows they hold.
    out.write(b"__GANGLION__\n" + packet(b"D", size.encode()))
    if mode == "leaves":
        out.write(packet(b"M", json.dumps({"type": "exit"}).encode()))
    out.flush()
    if mode == "ends":
        return 3
    while len(header := stdin.read(5)) == 5:
        payload = stdin.read(int.from_bytes(header[1:], "big"))
        if header[:1] == b"D":
            out.write(packet(b"D", b"typed " + payload))
        else:
            meta = json.loads(payload)
            if meta["type"] == "quit" and mode not in ("deaf", "stubborn"):
                return 0
            out.write(packet(b"D", json.dumps(meta, sort_keys=True).encode()))
        out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
