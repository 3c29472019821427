"""Text folding for matching names written in slightly different ways."""

from __future__ import annotations

import re
import unicodedata

_FOLD = str.maketrans({"ø": "o", "æ": "ae", "å": "aa", "é": "e"})


def fold(text: str | None) -> str:
    """Lower case, Danish letters spelt out, punctuation and extra spaces gone."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text).lower().translate(_FOLD)
    text = re.sub(r"[^0-9a-z%]+", " ", text)
    return " ".join(text.split())
