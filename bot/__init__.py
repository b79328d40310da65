"""kaizen-bot: a consultation assistant for the staff of a Japanese ward office."""

__all__ = ["__version__"]

__version__ = "0.1.0"
