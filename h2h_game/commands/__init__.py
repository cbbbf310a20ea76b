"""Provides the subcommands of `h2h`, one module per group."""
