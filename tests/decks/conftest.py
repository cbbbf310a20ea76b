"""Provides fixtures that keep deck tests away from the real home folder and bundled decks."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from h2h_game import paths


@pytest.fixture(autouse=True)
def isolated_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point the cache, the user data folder and $H2H_DECKS at empty folders under tmp_path.

    Bundled decks stay the real ones unless a test uses `bundled_dir`.
    """
    home = tmp_path / "home"
    monkeypatch.setenv("H2H_CACHE", str(home / "cache"))
    monkeypatch.delenv("H2H_DECKS", raising=False)
    monkeypatch.setattr(paths, "user_data_dir", lambda: home / "data")
    monkeypatch.setattr(paths, "user_cache_dir", lambda: home / "real-cache-must-not-be-used")
    yield home


@pytest.fixture
def bundled_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty folder standing in for the bundled decks."""
    folder = tmp_path / "bundled"
    folder.mkdir()
    monkeypatch.setattr(paths, "bundled_decks_dir", lambda: folder)
    return folder


@pytest.fixture
def user_dir(isolated_folders: Path) -> Path:
    """The user's decks folder, created."""
    folder = paths.user_decks_dir()
    folder.mkdir(parents=True)
    return folder
