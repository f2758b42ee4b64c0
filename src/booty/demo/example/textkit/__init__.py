"""Small text utilities."""

from textkit.words import line_count, word_count

__all__ = ["line_count", "word_count"]
