"""Provides the player's settings: a small JSON file in the user config folder.

`settings.json` (in `platformdirs.user_config_dir`, or `$H2H_CONFIG`) holds the theme and
whether hints are shown. It is read like every other file h2h reads back: anything damaged,
unknown or of the wrong type is ignored and the default used, never an error. It is written
atomically as a 0600 file in a 0700 folder.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import platformdirs

from h2h_game import jsonsafe
from h2h_game.files import NotAFile, TooBig, private_folder, read_regular, write_atomic

CONFIG_ENV = "H2H_CONFIG"
NAME = "settings.json"
MAX_BYTES = 64 * 1024
BUILT_IN_THEMES = ("h2h-warm", "h2h-high-contrast")
"""h2h's own themes; Textual's built-in themes are accepted too (see `theme_names`)."""


@dataclass(frozen=True)
class Settings:
    """What the player chose, with defaults for everything they did not."""

    theme: str | None = None
    """A theme's name; None for h2h's default (h2h-warm)."""
    hints: bool = True
    """Whether the table shows its gentle hints (listening tips, what each key does)."""

    def to_dict(self) -> dict[str, Any]:
        return {"theme": self.theme, "hints": self.hints}


def config_dir() -> Path:
    """Where settings live: `$H2H_CONFIG`, else the user config folder."""
    if env := os.environ.get(CONFIG_ENV):
        return Path(env).expanduser()
    return Path(platformdirs.user_config_dir("h2h", appauthor=False))


def settings_path() -> Path:
    return config_dir() / NAME


def load_settings(path: Path | None = None) -> Settings:
    """The saved settings; the defaults for whatever is missing, unreadable or damaged."""
    path = path or settings_path()
    try:
        data = jsonsafe.loads(read_regular(path, MAX_BYTES, follow_links=False))
    except (OSError, NotAFile, TooBig, jsonsafe.JSONDamage):
        return Settings()
    if not isinstance(data, dict):
        return Settings()
    settings = Settings()
    theme = data.get("theme")
    if isinstance(theme, str) and 0 < len(theme) <= 60 and theme.isprintable():
        settings = replace(settings, theme=theme)
    hints = data.get("hints")
    if isinstance(hints, bool):
        settings = replace(settings, hints=hints)
    return settings


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write the settings atomically, private to the player. OSError if it could not be."""
    path = path or settings_path()
    private_folder(path.parent)
    write_atomic(path, jsonsafe.dumps(settings.to_dict()))


def theme_names() -> tuple[str, ...]:
    """Every theme `--theme` accepts: h2h's own, then Textual's built-in ones.

    Imports Textual's theme list, so only the commands that start the app call it.
    """
    from textual.theme import BUILTIN_THEMES

    return (*BUILT_IN_THEMES, *sorted(BUILTIN_THEMES))
