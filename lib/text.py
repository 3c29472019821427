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


_LABEL_FOLD = str.maketrans({"ø": "o", "æ": "e", "å": "a", "é": "e"})


def label_fold(text: str) -> str:
    """A label's key for matching: lower case, æ/ø/å reduced to one letter (OCR and hand
    typing lose them: »Malgruppe«), punctuation gone. Not `lib.text.fold`, which spells the
    Danish letters out (»ae«) for comparing a plan's own names."""
    text = text.lower().translate(_LABEL_FOLD)
    return " ".join(re.sub(r"[^0-9a-z%]+", " ", text).split())
