"""Provides the cache of validated decks: one signed entry per deck file, used without
validating it again.

A cache entry is untrusted like any file (someone can edit it, a disk can damage it), yet it must
never let through a deck its file would not pass. Validating each entry again on reading cost
98 ms for a 10,000-card deck; instead an entry is used only when both of these hold:

- it was made from exactly these bytes of the deck file: it names the SHA-256 of the file's
  contents (with the cache format, the h2h version and the deck model's fields), so any change
  to the file is a miss, whatever the change did to the file's size and time;
- h2h wrote it, after the deck validated: the entry carries an HMAC of everything else in it,
  keyed by a random secret that h2h keeps beside the entries, in a file only this user can read
  (made on first use; replaced when missing, damaged, a link, someone else's, or readable by
  others). An entry edited by hand, cut short, forged or copied from another file fails.

Any entry that cannot be read, does not match or fails the check is ignored: the deck file is
parsed again, reporting its own errors if it has any, and the entry is written anew. An entry
is JSON, `{"tag":"<HMAC>",…}`, the tag first so that the bytes it covers are simply the rest of
the file. The folder is private (0700) and the files 0600; the cache is never required, and a
folder it cannot use costs only speed.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import stat
from dataclasses import fields
from pathlib import Path
from typing import Any

from h2h_game import __version__, jsonsafe
from h2h_game.decks.packed import pack, unpack
from h2h_game.engine.deck import Card, Deck, Level
from h2h_game.files import NotAFile, TooBig, private_folder, read_regular, write_atomic

CACHE_VERSION = 4
"""Bump when entries change shape without the deck model changing (MODEL covers that)."""
MODEL = [[field.name for field in fields(kind)] for kind in (Deck, Level, Card)]
"""The deck model's fields: entries made before a field was added or renamed are not used."""
MAX_ENTRY = 64 * 1024 * 1024
KEY_FILE = "key"
"""The secret entries are signed with, in the cache folder beside them."""
KEY_BYTES = 32

_HEAD = b'{"tag":"'
_TAG_CHARS = 2 * hashlib.sha256().digest_size
_SIGNED_FROM = len(_HEAD) + _TAG_CHARS + len(b'",')


def entry_path(folder: Path, deck_file: Path) -> Path:
    """Where the entry for the deck file at `deck_file` (a resolved path) lives."""
    return folder / (hashlib.sha256(str(deck_file).encode()).hexdigest()[:32] + ".json")


def cached_deck(folder: Path, deck_file: Path, contents: bytes) -> Deck | None:
    """The deck cached for these contents of `deck_file`, or None when no entry can be trusted."""
    key = _secret(folder)
    if key is None:
        return None
    try:
        raw = read_regular(entry_path(folder, deck_file), MAX_ENTRY, follow_links=False)
    except (OSError, NotAFile, TooBig):
        return None
    signed = raw[_SIGNED_FROM:]
    expected = _HEAD + _tag(key, signed).encode() + b'",'
    if not hmac.compare_digest(raw[:_SIGNED_FROM], expected):
        return None
    try:
        # Only h2h could sign it, from a deck that validated: the plain parser is safe here, and
        # skipping jsonsafe's depth and number checks saves more than the tag costs.
        entry = json.loads(raw)
        if any(entry[field] != value for field, value in _about(deck_file, contents).items()):
            return None
        return unpack(entry["deck"])
    except (ValueError, TypeError, KeyError):
        return None  # an entry h2h wrote in some other shape: a miss like any other


def remember(folder: Path, deck_file: Path, contents: bytes, deck: Deck) -> None:
    """Cache `deck`, which these contents of `deck_file` validated to; failing costs only speed."""
    key = _secret(folder)
    if key is None:
        return
    body = jsonsafe.dumps({**_about(deck_file, contents), "deck": pack(deck)})
    signed = body.removeprefix(b"{")
    # A read-only or full cache folder costs speed, never a deck.
    with contextlib.suppress(OSError, ValueError):
        # Not fsynced: an entry a power cut cuts short fails its signature and is a miss, and
        # syncing 1 MB of a 10,000-card deck's entry was a tenth of opening it cold.
        write_atomic(
            entry_path(folder, deck_file),
            _HEAD + _tag(key, signed).encode() + b'",' + signed,
            durable=False,
        )


def _about(deck_file: Path, contents: bytes) -> dict[str, Any]:
    """What an entry must say to be the entry for these contents of this deck file."""
    return {
        "cache_version": CACHE_VERSION,
        "h2h_version": __version__,
        "model": MODEL,
        "path": str(deck_file),
        "sha256": hashlib.sha256(contents).hexdigest(),
    }


def _tag(key: bytes, signed: bytes) -> str:
    return hmac.digest(key, signed, "sha256").hex()


def _secret(folder: Path) -> bytes | None:
    """The key entries are signed with, made when there is none usable; None when the folder
    cannot hold one."""
    path = folder / KEY_FILE
    try:
        if _ours_alone(path.lstat()):
            key = read_regular(path, KEY_BYTES, follow_links=False)
            if len(key) == KEY_BYTES:
                return key
    except (OSError, NotAFile, TooBig):
        pass  # missing, or not a key h2h made: make a new one
    key = os.urandom(KEY_BYTES)
    try:
        private_folder(folder)
        write_atomic(path, key)
    except (OSError, ValueError):
        return None
    # Two programs starting at once may each make a key; the loser's entries then fail the check
    # once and are written again, so the race costs speed only.
    return key


def _ours_alone(info: os.stat_result) -> bool:
    """Whether only this user can read or write a file: a key that anybody else could read would
    let them sign entries. (`read_regular` refuses links and anything but a regular file.)"""
    owner = getattr(os, "getuid", None)
    return (owner is None or info.st_uid == owner()) and stat.S_IMODE(info.st_mode) & 0o077 == 0
