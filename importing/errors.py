"""The one error type the import pipeline raises for input it cannot read."""

from __future__ import annotations


class DocumentError(Exception):
    """The uploaded file cannot be read as an agreement; `message` says why, in Danish."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message
