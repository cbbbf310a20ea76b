"""Provides the widgets of the table: the card, the trust jar, the ladder, the seats."""
