"""A label and its value at a tab stop on one PDF line (a borderless label table: »Aftale-
periode      01.09.2023-30.06.2027«, the header fields in a page header): the line's words
joined by spaces, with a tab at the wide gap between the label and its value, so that the
page passes (`importing.layout.pages`) can tell the field from running text and split it
into the label and the value the DOCX of the same table gives."""

from __future__ import annotations

from typing import Any

TAB = "\t"
GAP_EMS = 3.0  # a gap this many times the font size wide is a tab stop, not a space
MIN_GAP = 18.0  # points
MAX_LABEL_WORDS = 6


def joined(cluster: list[tuple[dict[str, Any], list[dict[str, Any]]]]) -> str:
    """The words of a line (pdfplumber's (word, letters) pairs, left to right) as its text:
    a tab at the first gap as wide as a tab stop after the line's first few words."""
    texts = [word["text"] for word, _letters in cluster]
    for index in range(1, min(len(cluster), MAX_LABEL_WORDS + 1)):
        before, letters = cluster[index - 1]
        after = cluster[index][0]
        size = float(letters[0].get("size") or 10.0) if letters else 10.0
        if after["x0"] - before["x1"] >= max(MIN_GAP, GAP_EMS * size):
            return " ".join(texts[:index]) + TAB + " ".join(texts[index:])
    return " ".join(texts)
