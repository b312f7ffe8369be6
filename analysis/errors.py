"""Errors that point at a place in an input file, reported as ``FILE:LINE: message``."""

from __future__ import annotations


class SourceError(Exception):
    """Bad input: the message a reader sees, with the file and line it concerns."""

    def __init__(self, path: str, line: int, message: str):
        super().__init__(f"{path}:{line}: {message}")
        self.path = path
        self.line = line
        self.message = message
