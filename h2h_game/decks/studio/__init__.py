"""Provides the deck studio's model: the deck being edited, its edits, checks and files."""
