"""Provides where things live on a user's machine: saves, user decks, the cache, bundled decks."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "h2h"
PACKAGE_DIR = Path(__file__).resolve().parent


def user_data_dir() -> Path:
    """The platform's per-user data folder for h2h (not created here)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def user_cache_dir() -> Path:
    """The platform's per-user cache folder for h2h (not created here)."""
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def saves_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """Where saved games live: `--saves DIR`, else `$H2H_SAVES`, else the user data folder."""
    if override:
        return Path(override).expanduser()
    if env := os.environ.get("H2H_SAVES"):
        return Path(env).expanduser()
    return user_data_dir() / "saves"


def user_decks_dir() -> Path:
    """The user's own decks folder; the deck studio saves here unless told otherwise."""
    return user_data_dir() / "decks"


def env_decks_dirs() -> list[Path]:
    """Folders named in `$H2H_DECKS` (separated like PATH)."""
    value = os.environ.get("H2H_DECKS", "")
    return [Path(part).expanduser() for part in value.split(os.pathsep) if part]


def bundled_decks_dir() -> Path:
    """The decks shipped with the game.

    Inside an installed wheel they sit in the package as `bundled_decks/`; in a source checkout
    (and an editable install) they are the repository's top-level `decks/`.
    """
    packaged = PACKAGE_DIR / "bundled_decks"
    if packaged.is_dir():
        return packaged
    return PACKAGE_DIR.parent / "decks"
