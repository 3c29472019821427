"""The intermediate document tree every reader produces and every recogniser reads.

Deliberately flat: a document is a list of blocks in reading order. A paragraph keeps its
source lines (joined by newlines) because flat text and PDFs put one party or one staff
line per line without paragraph marks; a table keeps rows of cell texts, each cell's lines
joined by newlines.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["heading", "paragraph", "item", "table", "pagebreak"]


@dataclass
class Block:
    kind: BlockKind
    text: str = ""
    level: int = 0
    rows: list[list[str]] = field(default_factory=list)
    # Set apart as a label by its look: a bold paragraph, a label cell, a shaded table row.
    # The recognisers match such text against the template's labels more leniently (typos).
    label: bool = False

    @property
    def lines(self) -> list[str]:
        return [line for line in self.text.split("\n") if line.strip()]


@dataclass
class Document:
    blocks: list[Block] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    ocr: bool = False

    def add(self, kind: BlockKind, text: str = "", level: int = 0, *, label: bool = False) -> None:
        text = text.strip("\n")
        if kind in ("heading", "paragraph", "item") and not text.strip():
            return
        self.blocks.append(Block(kind=kind, text=text, level=level, label=label))

    def add_table(self, rows: list[list[str]]) -> None:
        rows = [row for row in rows if any(cell.strip() for cell in row)]
        if rows:
            self.blocks.append(Block(kind="table", rows=rows))

    def plain_text(self) -> str:
        """The document as text, for the review page and for recognisers of flat text."""
        parts: list[str] = []
        for block in self.blocks:
            if block.kind == "table":
                parts.append(
                    "\n".join(" | ".join(c.replace("\n", " ") for c in r) for r in block.rows)
                )
            elif block.kind == "pagebreak":
                parts.append("\f")
            elif block.kind == "item":
                parts.append(block.text)
            else:
                parts.append(block.text)
        return "\n\n".join(parts)
