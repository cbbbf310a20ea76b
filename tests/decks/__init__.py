"""Tests of the deck part: format, deck doctor, writer, CSV, library and `h2h deck`."""
