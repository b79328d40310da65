"""Benchmarks, run by hand (see the README): speed, load and quality figures, never timed tests."""
