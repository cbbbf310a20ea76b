"""Fixtures for the store's tests: a fresh saves folder and a store on it."""

from __future__ import annotations

from pathlib import Path

import pytest

from h2h_game.store import SaveStore


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "saves"


@pytest.fixture
def store(folder: Path) -> SaveStore:
    return SaveStore(folder)
