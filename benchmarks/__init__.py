"""Benchmarks: scripts that print numbers, run with `make bench` (or one by one with -m)."""
