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
# Word's content-control placeholders, Danish and English (»Klik eller tryk her for at skrive
# tekst.«, »Klik eller tryk for at angive en dato.«, »Vælg et element.«)
_PLACEHOLDER = re.compile(
    r"^(?:(?:klik|tryk) (?:eller tryk )?(?:her )?for at (?:angive|skrive|indtaste) (?:en )?"
    r"(?:tekst|dato)|vælg et element|click or tap (?:here )?to enter (?:text|a date)"
    r"|choose an item)\.?$",
    re.IGNORECASE,
)
_MARKER = re.compile(r"^(?:--|[-•·▪◦–])\s*")
_VEJLEDENDE = re.compile(r"^[(*_\s]*vejledende tekst\b", re.IGNORECASE)
_MARKUP = re.compile(r"^[*_\s]+|[*_\s]+$")


def is_guidance(line: str) -> bool:
    text = _MARKUP.sub("", line.strip())
    if not text:
        return False
    if is_placeholder(text) or _VEJLEDENDE.match(text):
        return True
    # »(Beskriv kort …)«; square brackets are the template's own mark for what to fill in
    # (»[Hvem gør hvad?]«, »[dd.mm.åååå]«): an agreement's text never stands in them alone
    if text[:1] == "[" and text[-1:] == "]" and "[" not in text[1:-1]:
        return len(text) < 400
    if text[:1] == "(" and text[-1:] == ")" and _balanced(text[1:-1]):
        return bool(_GUIDANCE_WORDS.search(text)) and len(text) < 400
    return False


def is_placeholder(line: str) -> bool:
    """Word's placeholder text of a field nobody filled in (also as a list item)."""
    return bool(_PLACEHOLDER.match(_MARKER.sub("", _MARKUP.sub("", line.strip()))))


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


_INLINE = re.compile(r"\s*(?:\((?:[^()]|\([^()]*\))*\)|\[[^\[\]]*\])\s*$")


def strip_guidance(line: str) -> str:
    """A line without guidance: gone if it is all guidance; a label keeps its text but loses
    a guidance parenthesis or bracket at its end ("Delaftalens parter (Navn på …):",
    "Formål [Hvad skal aktiviteten føre til?]")."""
    if is_guidance(line):
        return ""
    head, colon, rest = line.partition(":")
    if len(head) < 200:
        match = _INLINE.search(head)
        if match and match.start() > 0 and is_guidance(match[0].strip()):
            return head[: match.start()] + colon + rest
    return line


def _clean_lines(text: str) -> str:
    lines = [strip_guidance(line) for line in text.split("\n")]
    return "\n".join(line for line in lines if line.strip())


# a bracket or parenthesis that a narrow cell (a PDF's label column) broke over lines
_WRAPPED_GROUP = re.compile(
    r"\[[^\[\]\n]*\n[^\[\]]*\]|\((?:[^()\n]|\([^()]*\))*\n(?:[^()]|\([^()]*\))*\)"
)


def _clean(text: str) -> str:
    joined = _WRAPPED_GROUP.sub(lambda m: " ".join(m[0].split()), text)
    if joined != text:
        cleaned = _clean_lines(joined)
        if len(cleaned) < len(joined) - 2:
            return cleaned  # guidance broken over lines, now gone
    return _clean_lines(text)


PLACEHOLDER_WARNING = (
    "{count} felt{s} stod stadig med skabelonens pladsholdertekst (»Klik eller tryk her for at "
    "skrive tekst.«) og er ikke læst ind. Kontrollér, om der mangler noget i aftalen."
)


def _placeholders(doc: Document) -> int:
    count = 0
    for block in doc.blocks:
        texts = [c for row in block.rows for c in row] if block.kind == "table" else [block.text]
        count += sum(1 for t in texts for line in t.split("\n") if is_placeholder(line))
    return count


def drop_guidance(doc: Document) -> Document:
    blocks: list[Block] = []
    count = _placeholders(doc)
    if count:
        doc.warnings.append(PLACEHOLDER_WARNING.format(count=count, s="er" if count > 1 else ""))
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
