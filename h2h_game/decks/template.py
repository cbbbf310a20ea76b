"""Provides the commented template deck that `h2h deck new` writes to teach the format."""

from __future__ import annotations

from importlib import resources
from string import Template

from h2h_game.decks.writer import toml_string
from h2h_game.untrusted import terminal_safe

# A data file rather than a string in code: TOML inline tables must stay on one line, and the
# template reads best with cards longer than the code's line limit.
TEMPLATE_FILE = "new-deck.toml.template"


def template_deck(name: str, file: str) -> str:
    """A deck file named `name` that validates, lints clean and shows every field.

    Args:
        name: the deck's name, already checked to be a valid one.
        file: how the file will be named in the comments' example commands.
    """
    template = Template(resources.files(__package__).joinpath(TEMPLATE_FILE).read_text("utf-8"))
    return template.substitute(
        name=" ".join(name.split()), name_toml=toml_string(name), file=terminal_safe(file)
    )
