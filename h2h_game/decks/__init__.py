"""Provides the deck file format: reading, checking, writing, converting and finding decks."""
