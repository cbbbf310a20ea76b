"""Provides `h2h serve`: the game in a browser on any device in the house, behind a secret link."""

from h2h_game.serve.server import GameServer

__all__ = ["GameServer"]
