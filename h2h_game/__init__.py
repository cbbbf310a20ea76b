"""Heart to Heart: a two-player conversation card game for the terminal."""

__version__ = "0.1.0"
