"""Provides the screens of the game, one module each."""
