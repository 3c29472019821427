"""The Danish word list (Debian `wdanish`, /usr/share/dict/danish) as a set, loaded once.

Used to repair OCR damage and to join words broken across lines in narrow table cells.
Returns an empty set when the list is not installed, so callers must treat "unknown" as
"don't change anything".
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

DEFAULT_PATH = Path(os.environ.get("HELHEDSPLAN_WORDLIST", "/usr/share/dict/danish"))


@cache
def danish_words(path: Path = DEFAULT_PATH) -> frozenset[str]:
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return frozenset()
    return frozenset(line.strip().lower() for line in text.splitlines() if line.strip())


def is_known(word: str) -> bool:
    return word.lower() in danish_words()
