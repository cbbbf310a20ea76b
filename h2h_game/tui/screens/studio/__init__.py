"""Provides the deck studio's screens: the browser of decks and the editor of one."""
