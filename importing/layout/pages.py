"""Passes over a paged document tree: page furniture out, tables joined across pages.

A PDF exported from Word repeats a running header and footer on every page and numbers the
pages ("Side 2 af 10", "2", "- 2 -"); a table that does not fit continues on the next page,
with or without its header row repeated, and a row that did not fit continues there too.
These passes take the tree with its `pagebreak` blocks (from the PDF and scan readers, and
from form feeds in text) and give the tree the recognisers expect.
"""

from __future__ import annotations

import re
from collections import Counter

from importing.layout.vocabulary import label_fold, starts_with_label
from importing.tree import Block, Document

ZONE = 3  # lines at the top and at the bottom of a page where furniture sits
MAX_FURNITURE_CHARS = 150
PAGE_NUMBER = re.compile(
    r"^(?:(?:side|page|s\.)\s*\d{1,4}(?:\s*(?:af|of|/)\s*\d{1,4})?"
    r"|[-–—]?\s*\d{1,4}\s*[-–—]?"
    r"|\d{1,4}\s*(?:/|af|of)\s*\d{1,4}"
    r"|\(\s*\d{1,4}\s*\))$",
    re.IGNORECASE,
)


def split_pages(doc: Document) -> list[list[Block]]:
    pages: list[list[Block]] = [[]]
    for block in doc.blocks:
        if block.kind == "pagebreak":
            pages.append([])
        else:
            pages[-1].append(block)
    return pages


def join_pages(pages: list[Document]) -> Document:
    """One document of several page documents, with a page break between pages."""
    doc = Document()
    for number, page in enumerate(pages):
        if number:
            doc.blocks.append(Block(kind="pagebreak"))
        doc.blocks.extend(page.blocks)
        doc.warnings.extend(w for w in page.warnings if w not in doc.warnings)
        doc.ocr = doc.ocr or page.ocr
    return doc


def _key(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.lower().split()))


def _zone(page: list[Block]) -> list[int]:
    """The blocks at the top and the bottom of a page where furniture sits: single lines
    (the PDF reader keeps the margins' lines apart), up to the first table or paragraph of
    several lines."""

    def single(block: Block) -> bool:
        return block.kind in ("paragraph", "item") and "\n" not in block.text.strip()

    head: list[int] = []
    lines = 0
    for index, block in enumerate(page):
        if not single(block) or lines >= ZONE:
            break
        head.append(index)
        lines += "\t" not in block.text  # the rows of a page header's field table go free
    tail: list[int] = []
    for index in range(len(page) - 1, max(-1, len(page) - 1 - ZONE), -1):
        if not single(page[index]) or index in head:
            break
        tail.append(index)
    return head + tail


def _candidate(block: Block) -> bool:
    stripped = block.text.strip()
    return (
        0 < len(stripped) <= MAX_FURNITURE_CHARS
        and not stripped.endswith(":")
        and (not starts_with_label(stripped) or _field(stripped) is not None)
    )


def _field(line: str, wrapped: str = "") -> tuple[str, str] | None:
    """A template label and its value at a tab stop on one line (»Aftaleperiode<tab>…«, as
    the PDF reader marks a borderless label table's row): the label and the value. `wrapped`:
    the rest of a label its cell wrapped onto the line below (»Boligsocial<tab>…« /
    »helhedsplan«)."""
    from importing.recognisers.labels import ALL_LABELS, match_label

    label, tab, value = line.partition("\t")
    label, value = " ".join(f"{label} {wrapped}".split()), " ".join(value.split())
    if not tab or not value or "\n" in line.split("\t")[0]:
        return None
    found = match_label(label.rstrip(":"), ALL_LABELS, set_apart=True)
    return (label, value) if found is not None and not found[1] else None


def _field_at(blocks: list[Block], index: int) -> tuple[tuple[str, str], int] | None:
    """The field the paragraph at `index` opens (`_field`), and how many blocks it takes: one,
    or two where its label's cell wrapped a word onto a line of its own below."""
    block = blocks[index]
    if block.kind != "paragraph" or "\t" not in block.text:
        return None
    first = block.text.split("\n")[0].strip()
    found = _field(first)
    if found is not None:
        return found, 1
    after = blocks[index + 1] if index + 1 < len(blocks) else None
    if (
        after is not None
        and after.kind == "paragraph"
        and "\n" not in block.text
        and re.fullmatch(r"[a-zæøå][\w-]*(?: [\w-]+)?", after.text.strip())
    ):
        found = _field(first, after.text.strip())
        if found is not None:
            return found, 2
    return None


def remove_furniture(doc: Document) -> Document:
    """Running headers and footers (the same line at the top or bottom of most pages, page
    numbers aside) and page numbers are dropped; a template label or a heading is never
    furniture."""
    pages = split_pages(doc)
    seen: Counter[str] = Counter()
    for page in pages:
        seen.update({_key(page[i].text) for i in _zone(page) if _candidate(page[i])})
    needed = len(pages) if len(pages) == 2 else max(2, -(-len(pages) // 2))
    repeated = {key for key, count in seen.items() if count >= needed and len(pages) >= 2}
    out = Document(warnings=list(doc.warnings), ocr=doc.ocr)
    fields: set[str] = set()  # header fields of the page header, kept where first seen
    for number, page in enumerate(pages):
        if number:
            out.blocks.append(Block(kind="pagebreak"))
        drop = {
            i
            for i in _zone(page)
            if _candidate(page[i])
            and (_key(page[i].text) in repeated or PAGE_NUMBER.match(page[i].text.strip()))
        }
        for i in sorted(drop):
            key = _key(page[i].text)
            field = _field_at(page, i)
            if field is not None and key not in fields:
                fields.add(key)
                drop -= set(range(i, i + field[1]))
        out.blocks.extend(block for i, block in enumerate(page) if i not in drop)
    return out


def split_fields(doc: Document) -> Document:
    """A paragraph opening with a label and its value at a tab stop (`_field`) as the label
    paragraph and its value; every other tab a space."""
    out = Document(warnings=list(doc.warnings), ocr=doc.ocr)
    blocks = doc.blocks
    index = 0
    while index < len(blocks):
        block = blocks[index]
        index += 1
        if block.kind not in ("paragraph", "item", "heading") or "\t" not in block.text:
            out.blocks.append(block)
            continue
        found = _field_at(blocks, index - 1)
        if found is None:
            text = block.text.replace("\t", " ")
            out.blocks.append(Block(block.kind, text, block.level, label=block.label))
            continue
        (label, value), taken = found
        index += taken - 1
        rows = [(label, [value])]
        for line in block.text.split("\n")[1:]:
            head, tab, rest = line.partition("\t")
            if tab and len(head.split()) <= 4 and len(head) <= 40 and rest.strip():
                # the table's next row, also one whose label the template has not
                # (»Gyldighed«): its value is not the field's above
                rows.append((head.strip(), [rest]))
            else:
                rows[-1][1].append(line)
        for head, lines in rows:
            out.blocks.append(Block("paragraph", head.rstrip(":") + ":", label=True))
            text = "\n".join(" ".join(line.split()) for line in lines)
            out.blocks.append(Block("paragraph", text))
    return out


_CLOSED = '.!?:;)"”»'


def _same_row(a: list[str], b: list[str]) -> bool:
    return [label_fold(c) for c in a] == [label_fold(c) for c in b]


def _repeats_rows(rows: list[list[str]], earlier: list[list[str]]) -> bool:
    """Whether rows below a table's first row repeat rows of the table before (its labels:
    another activity sheet), as the body under a repeated header row never does."""
    seen = {tuple(label_fold(c) for c in row) for row in earlier if any(c.strip() for c in row)}
    return any(tuple(label_fold(c) for c in row) in seen for row in rows)


def _starts_on(cell: str) -> bool:
    """A cell's text going on from where the page cut it: a lower-case start, or the
    punctuation or unit that follows a word or a figure."""
    text = cell.strip()
    return bool(text) and (text[0].islower() or text[0] in ",.;:)%–-")


def _continues_row(row: list[str], last: list[str], labels: bool = False) -> bool:
    """A row that is the rest of the row before it (`last`, ending the page before): its
    filled cells all go on in mid-sentence, or its first cell does where that of `last` stopped
    in mid-sentence (the delmål cell runs on; the cells beside it may open new lines), or
    its first cell fills the one `last` left empty, or (in a table of `labels` down its first
    column) it leaves its label empty."""
    filled = [cell.strip() for cell in row if cell.strip()]
    if not filled:
        return False
    if all(_starts_on(cell) for cell in filled) and (
        len(filled) < len(row) or any(_open(old) for old in last)
    ):
        return True
    if len(row) > 2 and _complements(row, last):
        # a row the page cut between its cells (a browser sets each cell's lines on where
        # they fall): the rest fills exactly the cells the part before left empty
        return True
    first, before = row[0].strip(), last[0].strip() if last else ""
    if not first and labels and len(row) > 1:
        return True  # a label table never leaves a label empty: the cut row's rest
    if first and not before and len(filled) > 1:
        # the label of a row cut by the page, set in the middle of its cell, lands on the
        # next page beside the rest of the text
        return all(_starts_on(cell) for cell in row[1:] if cell.strip())
    return bool(first) and first[0].islower() and _open(before)


def _complements(row: list[str], last: list[str]) -> bool:
    """No cell filled in both rows, and each leaves a cell the other fills."""
    mine = {i for i, cell in enumerate(row) if cell.strip()}
    theirs = {i for i, cell in enumerate(last) if cell.strip()}
    return bool(mine) and bool(theirs) and not mine & theirs and len(row) == len(last)


def _labelled(table: Block) -> bool:
    """A table with a template label in the first cell of every row (header fields, an
    activity sheet, a goal table turned on its side)."""
    return len(table.rows) >= 2 and all(
        row[0].strip() and starts_with_label(row[0]) for row in table.rows
    )


def _open(cell: str) -> bool:
    text = cell.rstrip()
    return bool(text) and text[-1] not in _CLOSED


def _run_on(old: str, new: str) -> str:
    """A cell cut by the page and its rest: one line where the rest goes on in mid-sentence."""
    if not old.strip() or not new.strip():
        return old + new
    if _starts_on(new) and _open(old):
        return f"{old.rstrip()} {new.lstrip()}"
    return f"{old}\n{new}"


def join_tables(doc: Document) -> Document:
    """A table whose first rows open a page after a table with as many columns ends the page
    before is the same table: the repeated header row goes, a split row is joined."""
    out = Document(warnings=list(doc.warnings), ocr=doc.ocr)
    blocks = doc.blocks
    index = 0
    while index < len(blocks):
        block = blocks[index]
        index += 1
        if block.kind == "table":  # a copy: the passes never change their input
            block = Block(kind="table", rows=[list(row) for row in block.rows])
        if block.kind != "pagebreak" or not out.blocks or out.blocks[-1].kind != "table":
            out.blocks.append(block)
            continue
        after = blocks[index] if index < len(blocks) else None
        before = out.blocks[-1]
        if (
            after is None
            or after.kind != "table"
            or not after.rows
            or len(after.rows[0]) != len(before.rows[0])
        ):
            out.blocks.append(block)
            continue
        rows = [list(row) for row in after.rows]
        if _same_row(rows[0], before.rows[0]) and _repeats_rows(rows[1:], before.rows[1:]):
            out.blocks.append(block)  # the same shape again: the next table (a second sheet)
            continue
        index += 1  # the pagebreak and the continuing table are absorbed
        if _same_row(rows[0], before.rows[0]):
            rows = rows[1:]
        if rows and before.rows and _continues_row(rows[0], before.rows[-1], _labelled(before)):
            last = before.rows[-1]
            before.rows[-1] = [_run_on(old, new) for old, new in zip(last, rows[0], strict=True)]
            rows = rows[1:]
        before.rows.extend(rows)
    return out


def _goes_on(before: Block, after: Block) -> bool:
    """Whether `after` (opening a page) is the rest of the paragraph `before` (closing the
    page before): that stops in mid-sentence, and this goes on in lower case."""
    if before.kind not in ("paragraph", "item") or after.kind != "paragraph":
        return False
    end, start = before.text.rstrip(), after.text.lstrip()
    return bool(end and start) and end[-1] not in _CLOSED and start[0].islower()


def join_paragraphs(doc: Document) -> Document:
    """A paragraph the page broke: its rest at the top of the next page joins it (the page
    break then follows it)."""
    out = Document(warnings=list(doc.warnings), ocr=doc.ocr)
    blocks = doc.blocks
    index = 0
    while index < len(blocks):
        block = blocks[index]
        after = blocks[index + 1] if index + 1 < len(blocks) else None
        before = out.blocks[-1] if out.blocks else None
        if block.kind == "pagebreak" and before and after and _goes_on(before, after):
            out.blocks[-1] = Block(
                kind=before.kind,
                text=f"{before.text.rstrip()} {after.text.lstrip()}",
                level=before.level,
                label=before.label,
            )
            out.blocks.append(block)
            index += 2
            continue
        out.blocks.append(block)
        index += 1
    return out


def clean_pages(doc: Document) -> Document:
    """All page passes, in order."""
    return split_fields(join_tables(join_paragraphs(remove_furniture(doc))))
