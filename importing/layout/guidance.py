"""The template's guidance text, left in by whoever filled it in: "(Navn på
boligorganisation(er) og kommune(r))", "Vejledende tekst er fremhævet med grønt …", Word's
"Klik eller tryk her for at skrive tekst." placeholders. Never part of the agreement."""

from __future__ import annotations

import re

from importing.tree import Block, Document

_GUIDANCE_WORDS = re.compile(
    r"\b(?:navn på|angiv\w*|beskriv\w*|skriv\w*|udfyld\w*|indsæt\w*|vejledende|slettes"
    r"|tilføj\w*|eksempelvis|f\.eks\.|fx\.?|maks\.?|max\.?|højst \d+ (?:tegn|sider|linjer)"
    r"|tegn inkl|her kan|her skal|skal fremgå|bør fremgå|fremhævet)",
    re.IGNORECASE,
)
_PLACEHOLDER = re.compile(
    r"^(?:klik|tryk) (?:eller tryk )?her for at (?:angive|skrive|indtaste) (?:en )?"
    r"(?:tekst|dato)\.?$",
    re.IGNORECASE,
)
_VEJLEDENDE = re.compile(r"^[(*_\s]*vejledende tekst\b", re.IGNORECASE)
_MARKUP = re.compile(r"^[*_\s]+|[*_\s]+$")


def is_guidance(line: str) -> bool:
    text = _MARKUP.sub("", line.strip())
    if not text:
        return False
    if _PLACEHOLDER.match(text) or _VEJLEDENDE.match(text):
        return True
    if text.startswith("(") and text.endswith(")") and _balanced(text[1:-1]):
        return bool(_GUIDANCE_WORDS.search(text)) and len(text) < 400
    return False


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


_INLINE = re.compile(r"\s*\((?:[^()]|\([^()]*\))*\)\s*$")


def strip_guidance(line: str) -> str:
    """A line without guidance: gone if it is all guidance; a label keeps its text but loses
    a guidance parenthesis at its end ("Delaftalens parter (Navn på …):")."""
    if is_guidance(line):
        return ""
    head, colon, rest = line.partition(":")
    if len(head) < 200:
        match = _INLINE.search(head)
        if match and match.start() > 0 and is_guidance(match[0].strip()):
            return head[: match.start()] + colon + rest
    return line


def _clean(text: str) -> str:
    lines = [strip_guidance(line) for line in text.split("\n")]
    return "\n".join(line for line in lines if line.strip())


def drop_guidance(doc: Document) -> Document:
    blocks: list[Block] = []
    for block in doc.blocks:
        if block.kind == "table":
            block.rows = [[_clean(cell) for cell in row] for row in block.rows]
            block.rows = [row for row in block.rows if any(cell.strip() for cell in row)]
            if block.rows:
                blocks.append(block)
            continue
        if block.kind != "pagebreak":
            block.text = _clean(block.text)
            if not block.text.strip():
                continue
        blocks.append(block)
    doc.blocks = blocks
    return doc
