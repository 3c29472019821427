"""Plain text and Markdown-ish text (the seeds, pasted text, `.md`/`.txt` uploads).

A line reader rather than a Markdown parser on purpose: CommonMark reads "1. september
2021" as an ordered list starting at 1 (the day disappears) and tab-indented table rows as
code blocks. Recognised here: `#` headings, bullet and numbered items (including the
Symbol-font bullet U+F0B7 and OCR's `e`/`o` for it), tab-separated and pipe tables (blank
lines between rows, as at a page break, keep the table open), inline HTML and Markdown
emphasis (removed, never interpreted), form feeds as page breaks.
"""

from __future__ import annotations

import functools
import html
import re

from importing.tree import Document

_SCRIPT = re.compile(r"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_BLOCK_TAG = re.compile(r"<\s*(/?)\s*(p|div|br|tr|ul|ol|h[1-6])\b[^>]*>", re.IGNORECASE)
_LI_TAG = re.compile(r"<\s*li\b[^>]*>\s*", re.IGNORECASE)
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_MD_LINK = re.compile(r"\[([^\]]*)\]\((?:[^)]*)\)")
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_EMPHASIS = re.compile(r"(\*{1,3}|_{2,3})(?=\S)(.+?)(?<=\S)\1")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_GOES_ON = re.compile(r"\S\s+(?:og|eller|samt)$")
_SEPARATOR_ROW = re.compile(r"^[\s|:\-–—\t]+$")
BULLET_CHARS = "-*•·▪◦‣○●■□➢►✓\uf0b7\uf0a7\uf076\uf0d8\uf0fc"
_ITEM = re.compile(
    rf"^\s*(?:[{re.escape(BULLET_CHARS)}]\s*(?=\S)"
    r"|\(?\d{1,2}[.)]\s+(?![a-zæøå]+\s+\d{4})(?=\S)"
    r"|[a-hA-H]\)\s+"
    r"|[eo«]\s+(?=[A-ZÆØÅ]))"
)


def inline_to_text(text: str) -> str:
    """Remove inline HTML and Markdown markup, keeping the words (and block breaks)."""
    text = _SCRIPT.sub(" ", text)
    text = _AUTOLINK.sub(r"\1", text)
    if "<" in text:
        text = _LI_TAG.sub("\n- ", text)
        text = _BLOCK_TAG.sub("\n", text)
        text = _TAG.sub("", text)
    text = html.unescape(text)
    text = _MD_LINK.sub(r"\1", text)
    for _ in range(2):
        text = _EMPHASIS.sub(r"\2", text)
    text = text.replace("****", " ").replace("**", "")
    # "- • Understøtte" (an <li> holding its own bullet) keeps one marker
    text = re.sub(rf"^- ([{re.escape(BULLET_CHARS)}])", r"\1", text, flags=re.MULTILINE)
    return text


_SOFT_BREAK = re.compile("\u00ad[ \t]*\n[ \t]*")


def plain_pasted(text: str) -> str:
    """Line ends as one newline, a soft hyphen that ended a line joining its word again
    ("be\u00ad" / "skæftigelsesplan"), other soft hyphens gone, non-breaking spaces as
    spaces: what Word and a PDF viewer put in a copy, read as plain text."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\u00ad" in text:
        text = _SOFT_BREAK.sub("", text).replace("\u00ad", "")
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def _table_cells(line: str) -> list[str] | None:
    if "\t" in line:
        return [inline_to_text(cell).strip() for cell in line.split("\t")]
    stripped = line.strip()
    if stripped.startswith("|") and stripped.endswith("|") and stripped.count("|") >= 3:
        return [inline_to_text(cell).strip() for cell in stripped[1:-1].split("|")]
    return None


def read_text(text: str) -> Document:
    from importing.layout.vocabulary import starts_with_label  # the layout package reads us

    doc = Document()
    text = plain_pasted(text)
    raw_lines = field_lines(text.split("\n"))
    lines: list[str] = []
    for raw in raw_lines:
        if _table_cells(raw) is not None:
            lines.append(raw)
        else:
            lines.extend(inline_to_text(raw).split("\n"))

    paragraph: list[str] = []
    item: list[str] = []
    table: list[list[str]] = []

    def flush() -> None:
        nonlocal paragraph, item
        if paragraph:
            doc.add("paragraph", "\n".join(paragraph))
            paragraph = []
        if item:
            doc.add("item", "\n".join(item), level=_item_level(item[0]))
            item = []

    def flush_table() -> None:
        nonlocal table
        if table:
            doc.add_table(table)
            table = []

    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if "\f" in line:
            flush()
            flush_table()
            doc.blocks.append(_pagebreak())
            line = line.replace("\f", "")
        cells = _table_cells(line)
        if table and line.strip() and _cell_goes_on(table, line, cells):
            # a Word table copied with a cell's own line breaks: the row goes on on this
            # line, the cell's next line first ("Afd. 4: 12 %" / "Afd. 7: 9 %\t…")
            rest = cells if cells is not None else [inline_to_text(line).strip()]
            table[-1][-1] = f"{table[-1][-1]}\n{rest[0]}".strip("\n")
            table[-1].extend(rest[1:])
            continue
        if cells is not None:
            flush()
            if not _SEPARATOR_ROW.match(line):
                table.append(cells)
            continue
        if not line.strip():
            flush()
            if table:
                ahead = index
                while ahead < len(lines) and not lines[ahead].strip():
                    ahead += 1
                if ahead < len(lines) and _table_cells(lines[ahead]) is not None:
                    continue  # a page break inside a table
                flush_table()
            continue
        flush_table()
        if heading := _HEADING.match(line):
            flush()
            doc.add("heading", heading[2].strip(), level=len(heading[1]))
            continue
        if _numbered_heading(line):
            flush()  # "2. Vision for boligområdet" on a line of its own is the section's heading
            doc.add("heading", " ".join(line.split()), level=1)
            continue
        if _ITEM.match(line):
            flush()
            item = [line.strip()]
            continue
        if item and starts_with_label(line.strip()):
            flush()  # the template's next label ends a list item (no blank line between)
            paragraph.append(line.strip())
        elif item:
            item.append(line.strip())
        elif paragraph and _GOES_ON.search(paragraph[-1]) and line.strip()[:1].isupper():
            # a list of names a viewer wrapped after »og« ("…, Kildeskolen og" /
            # "Fritidsklubben Stjernen"): one line, never two entries (prose going on in
            # lower case is left to the unwrapping, which knows the lines' width)
            paragraph[-1] = f"{paragraph[-1]} {line.strip()}"
        else:
            paragraph.append(line.strip())
    flush()
    flush_table()
    return doc


# The header fields a label | value table holds (»Områdets navn«, »Periode«, »Delaftalens
# parter«): copied without its columns, the table comes as a label line then its value line,
# or as every label line and then every value line (a PDF's text read a column at a time).
_FIELDS = {"initiative", "period", "parties", "focus_area", "funding_period"}
_WRAPPED_ON = re.compile(r"(?:[,\-–/&]|\b(?:og|eller|samt|i|for|af|til|ved|med))$")


@functools.cache
def _whole_labels() -> frozenset[str]:
    """The template's header labels in full, folded: a line that is one has no value on it."""
    from importing.layout.vocabulary import LABELS
    from importing.recognisers.labels import TOP_LABELS
    from lib.text import label_fold

    wordings = [label.wording for label in TOP_LABELS if label.wording]
    return frozenset(label_fold(label) for label in [*LABELS, *wordings])


def _field_label(line: str) -> str | None:
    """The header field a line is the label of, alone on its line (no value after it)."""
    from importing.recognisers.labels import TOP_LABELS, match_label
    from lib.text import label_fold

    line = line.strip().rstrip(":").strip()
    if not line or len(line) > 60 or not line[:1].isupper() or line.endswith("."):
        return None
    if "\t" in line or "|" in line or len(line.split()) > 8:
        return None  # a table's row, or prose
    found = match_label(line, TOP_LABELS, set_apart=True)
    if found is None or found[1] or found[0].name not in _FIELDS:
        return None
    if not found[0].short and label_fold(line) not in _whole_labels():
        return None  # a label with its value after it on the line
    return found[0].name


def _is_period(lines: list[str]) -> bool:
    from lib.danish import parse_period

    return parse_period(" ".join(lines)) != (None, None)


def _value_groups(values: list[str], count: int) -> list[list[str]] | None:
    """`values` (one line each) as the values of `count` labels, in order: a line that goes
    on from the one before it (after a comma or »og«, or in lower case) is one value with it;
    what is left over belongs to the last label (a list of parties, one a line)."""
    groups = [[line] for line in values]
    index = 1
    while len(groups) > count and index < len(groups):
        before, line = groups[index - 1][-1], groups[index][0]
        if _WRAPPED_ON.search(before) or line[:1].islower():
            groups[index - 1].extend(groups.pop(index))
            continue
        index += 1
    if len(groups) < count:
        return None
    return [*groups[: count - 1], [line for group in groups[count - 1 :] for line in group]]


def field_lines(lines: list[str]) -> list[str]:
    """A label | value table of the header copied as lines, read as »Label:« and its value:
    each field label that stands alone on its line starts a paragraph of its own with a
    colon (so labels only a table sets apart, »Helhedsplanens navn«, read as labels), and a
    run of label lines followed by a run of value lines is paired up in order. A run whose
    period label would not get the line with the period is left as it is."""
    out: list[str] = []
    index = 0
    while index < len(lines):
        labels: list[str] = []
        end = index
        while end < len(lines) and _field_label(lines[end]):
            labels.append(lines[end].strip().rstrip(":").strip())
            end += 1
        if not labels:
            out.append(lines[index])
            index += 1
            continue
        ahead = end
        while ahead < len(lines) and not lines[ahead].strip():
            ahead += 1
        values: list[str] = []
        stop = ahead
        while stop < len(lines) and lines[stop].strip() and not _field_label(lines[stop]):
            if starts_with_any_label(lines[stop]):
                break
            values.append(lines[stop].strip())
            stop += 1
        if len(labels) == 1 or ahead == end:
            # one label, or labels alternating with their values: the value follows
            out.extend(["", f"{labels[0]}:"])
            index += 1
            continue
        ended = stop == len(lines) or not lines[stop].strip()
        groups = _value_groups(values, len(labels)) if ended else None
        if groups is None or any(
            _field_label(label) == "period" and not _is_period(group)
            for label, group in zip(labels, groups, strict=True)
        ):
            out.extend(lines[index:end])
            index = end
            continue
        for label, group in zip(labels, groups, strict=True):
            joined = any(_WRAPPED_ON.search(line) for line in group[:-1])
            out.extend(["", f"{label}:", *([" ".join(group)] if joined else group)])
        out.append("")
        index = stop
    return out


def starts_with_any_label(line: str) -> bool:
    from importing.layout.vocabulary import starts_with_label

    return starts_with_label(line.strip())


def _cell_goes_on(table: list[list[str]], line: str, cells: list[str] | None) -> bool:
    """Whether `line` is the rest of the table's last row, its last cell broken by a line
    break of the cell's own: a row short of the header's cells that this line's tab-separated
    cells make whole, a line of text with no tab while the row is short, or one going on in
    lower case after a whole row ("Helhedsplanens" / "registrering")."""
    from importing.layout.vocabulary import starts_with_label

    width, row = len(table[0]), table[-1]
    if cells is not None:
        return "\t" in line and len(row) < width and len(row) + len(cells) - 1 == width
    if starts_with_label(line.strip()) or _HEADING.match(line) or _ITEM.match(line):
        return False  # the template's next part after the table
    if len(row) < width:
        return True
    return row is not table[0] and line.strip()[:1].islower() and bool(row[-1])


def _numbered_heading(line: str) -> bool:
    """A line that is only a number and one of the strategic agreement's section headings."""
    from importing.layout.flat import STRATEGIC_HEADINGS

    match = re.match(r"^\s{0,3}\d{1,2}\.\s+(.*?)\s*:?\s*$", line)
    if match is None:
        return False
    folded = " ".join(match[1].split()).lower()
    return any(folded == heading.lower() for heading in STRATEGIC_HEADINGS)


def _item_level(first_line: str) -> int:
    return 2 if re.match(r"^\s*[a-hA-H]\)\s", first_line) else 1


def _pagebreak():  # type: ignore[no-untyped-def]
    from importing.tree import Block

    return Block(kind="pagebreak")
