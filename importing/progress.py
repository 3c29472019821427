"""Progress messages from deep inside a reader (e.g. "OCR kører på 3 sider") to whoever waits.

A context variable rather than a parameter threaded through every reader: only the web's
background job listens; everything else reads without it and the calls cost nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_listener: ContextVar[Callable[[str], None] | None] = ContextVar("import_progress", default=None)


def report(message: str) -> None:
    """Tell the listener, if any, what the import is doing now (Danish, for the user)."""
    listener = _listener.get()
    if listener is not None:
        listener(message)


@contextmanager
def listening(listener: Callable[[str], None]) -> Iterator[None]:
    token = _listener.set(listener)
    try:
        yield
    finally:
        _listener.reset(token)
