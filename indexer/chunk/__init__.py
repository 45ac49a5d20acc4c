"""Chunking: reflow hard-wrapped text and cut a statement into passages."""
