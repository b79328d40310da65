"""Shared fakes and helpers for the tests (no fixtures: those live in conftest.py)."""
