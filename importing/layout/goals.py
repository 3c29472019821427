"""Delmål written as numbered paragraphs ("Delmål 1: …", "1. …", or a list item right above
the table whose numbering was lost on the way), each followed by its own
indicator table without a delmål column, become one goal table with the delmål in a column
of their own (repeated down the rows, as a merged cell reads), one table per delmål.

A goal table written transposed (the template's column headings down its first column,
one column per indicator) is turned the right way first (`turn_transposed`)."""

from __future__ import annotations

import re

from importing.recognisers.goals import column_role, column_roles, is_header
from importing.recognisers.labels import TOP_LABELS, label_fold, match_label
from importing.recognisers.units import strip_marker
from importing.tree import Block, Document

_NUMBER = r"(?:\(?\d{1,2}[.)]|[a-h]\))"
# »Delmål 2:«, »Mål 1a)«, and lettered »Delmål B:« (a letter only with its separator)
_GOAL_WORD = (
    r"(?:(?:under)?delm[aå]l(?:et)?|m[aå]l)\s*(?:nr\.?\s*)?"
    r"(?:\d{1,2}[a-z]?\s*[:.)–-]?|[a-h]\s*[:.)–-])"
)
_NUMBERED = re.compile(
    rf"^\s*(?:[*_#]+\s*)?(?:{_NUMBER}\s*(?:{_GOAL_WORD})?|{_GOAL_WORD})\s*(?P<text>.*)$",
    re.IGNORECASE | re.DOTALL,
)


def _header_index(rows: list[list[str]]) -> int | None:
    return next((i for i, row in enumerate(rows) if is_header(row)), None)


def _indicator_table(block: Block) -> bool:
    """A table with an indicator header and no delmål column."""
    if block.kind != "table":
        return False
    index = _header_index(block.rows)
    return index is not None and "goal" not in column_roles(block.rows[index])


def _goal_text(blocks: list[Block], start: int, end: int) -> str | None:
    """The delmål the paragraphs blocks[start:end] state, or None when they are not one."""
    if start >= end or end - start > 4:
        return None
    first = blocks[start]
    if first.kind not in ("paragraph", "heading", "item"):
        return None
    match = _NUMBERED.match(first.text.strip())
    if match:
        parts = [match["text"].strip(" *_")]
    elif first.kind == "item" and start == end - 1:
        parts = [strip_marker(first.text)]  # a list item whose numbering the reader lost
    else:
        return None
    for block in blocks[start + 1 : end]:
        if block.kind not in ("paragraph", "item"):
            return None
        if _field_label(block.text):
            continue  # »Indikatorer:« above the table: its heading, not the delmål's text
        parts.append(block.text.strip())
    text = " ".join(" ".join(p.split()) for p in parts if p)
    return text or None


def _field_label(text: str) -> bool:
    """A goal-table heading on its own as a label (»Indikatorer:«)."""
    text = text.strip()
    return text.endswith(":") and record_field(text[:-1]) is not None


def _goal_row_table(block: Block) -> Block | None:
    """A one-row table stating a delmål (»Delmål 1« | its text, the row of a delmål table
    whose indicator table follows it) as the numbered paragraph it amounts to."""
    if block.kind != "table" or len(block.rows) != 1:
        return None
    cells = [" ".join(c.split()) for c in block.rows[0] if c.strip()]
    if len(cells) != 2 or not re.fullmatch(_GOAL_WORD, cells[0], re.IGNORECASE):
        return None
    return Block(kind="paragraph", text=f"{cells[0].rstrip(':.')}: {cells[1]}", label=True)


def join_numbered_goals(doc: Document) -> Document:
    blocks = doc.blocks
    out: list[Block] = []
    pending: list[Block] = []  # paragraphs since the last table
    # a delmål row read as a paragraph: the table it was (the paragraph kept alive by the
    # entry, so that its id is not another block's)
    originals: dict[int, tuple[Block, Block]] = {}
    for block in blocks:
        row_goal = _goal_row_table(block)
        if row_goal is not None:
            originals[id(row_goal)] = (row_goal, block)
            block = row_goal
        if not _indicator_table(block):
            if block.kind == "table":
                out.extend(pending)
                pending = []
                out.append(block)
            else:
                pending.append(block)
            continue
        text_blocks = [b for b in pending if b.kind != "pagebreak"]
        start = _goal_start(text_blocks)
        goal = _goal_text(text_blocks, start, len(text_blocks)) if start is not None else None
        if goal is None:
            out.extend(pending)
            pending = []
            out.append(block)
            continue
        keep = text_blocks[:start]
        out.extend(keep)
        pending = []
        out.append(Block(kind="table", rows=_with_goal(block.rows, goal)))
    out.extend(pending)
    doc.blocks = [originals[id(b)][1] if id(b) in originals else b for b in out]
    return doc


def _goal_start(blocks: list[Block]) -> int | None:
    """Where the numbered delmål paragraph is among the paragraphs before a table."""
    for index in range(len(blocks) - 1, max(-1, len(blocks) - 5), -1):
        text = blocks[index].text.strip()
        if match_label(text, TOP_LABELS, set_apart=blocks[index].label):
            break  # a numbered heading of the template ("5. Overordnede mål …")
        if _NUMBERED.match(text):
            return index
    if blocks and blocks[-1].kind == "item":
        return len(blocks) - 1
    return None


def _with_goal(rows: list[list[str]], goal: str) -> list[list[str]]:
    index = _header_index(rows) or 0
    out = []
    for number, row in enumerate(rows):
        if number < index:
            continue
        out.append(["Delmål" if number == index else goal, *row])
    return out


def _transposed(rows: list[list[str]]) -> bool:
    """The template's column headings down the first column instead of across the top."""
    if len(rows) < 3 or is_header(rows[0]):
        return False
    firsts = [row[0] if row else "" for row in rows]
    if not is_header(firsts) or not all(len(row) >= 2 for row in rows):
        return False
    # the headings once each and little else: a layout table with the whole agreement down
    # its label column (»Delmål 1«, »Indikator 1.1«, »Baseline«, … »Parter«) is no goal table
    roles = [column_role(cell) for cell in firsts]
    named = [role for role in roles if role]
    return len(named) == len(set(named)) and len(named) >= 0.75 * len(firsts)


def turn_transposed(doc: Document) -> Document:
    for block in doc.blocks:
        if block.kind == "table" and _transposed(block.rows):
            width = max(len(row) for row in block.rows)
            padded = [row + [""] * (width - len(row)) for row in block.rows]
            block.rows = [list(column) for column in zip(*padded, strict=True)]
            block.rows = [row for row in block.rows if any(cell.strip() for cell in row)]
    return doc


# -- several indicators of a delmål in one row, as marked lines side by side -------------------
# »a) Andel …⏎b) Antal …« in the indicator cell and »a) 21,4 %⏎b) 14 unge« beside it: one row
# per indicator, each cell's own line in it. A cell that is only a dash says »none«.
_DASH = re.compile(r"^\s*[-–—]\s*$")
# the mark may stand alone on its line where a narrow cell wrapped after it (»a)« / »Karakter…«)
_LETTER = re.compile(r"^\s*\(?([a-h]|\d{1,2})[.)](?:\s+|$)", re.IGNORECASE)
_REPEATED = frozenset({"goal", "year", "source"})  # a cell that holds for every indicator


def _entries(cell: str) -> list[str] | None:
    """A cell's entries when every line starts a marked entry or continues one."""
    lines = [line for line in cell.split("\n") if line.strip()]
    if not lines or not _LETTER.match(lines[0]):
        return None
    entries: list[str] = []
    for line in lines:
        if _LETTER.match(line):
            entries.append(_LETTER.sub("", line, count=1).strip())
        else:
            entries[-1] = (entries[-1] + " " + line.strip()).strip()
    return ["" if _DASH.match(entry) else entry for entry in entries]


def _split_row(row: list[str], roles: list[str | None]) -> list[list[str]]:
    at = roles.index("indicator")
    indicators = _entries(row[at]) if at < len(row) else None
    if indicators is None or len(indicators) < 2:
        return [row]
    columns: list[list[str]] = []
    for cell, role in zip(row, roles + [None] * (len(row) - len(roles)), strict=False):
        entries = _entries(cell)
        if entries is not None and len(entries) == len(indicators):
            columns.append(entries)
        elif not cell.strip() or (role in _REPEATED and entries is None):
            columns.append([cell] * len(indicators))
        else:
            return [row]  # the lines do not pair up: the goal reader decides
    return [list(cells) for cells in zip(*columns, strict=True)]


def split_marked_rows(doc: Document) -> Document:
    for block in doc.blocks:
        if block.kind != "table":
            continue
        index = _header_index(block.rows)
        if index is None:
            continue
        roles = column_roles(block.rows[index])
        rows = block.rows[: index + 1]
        for row in block.rows[index + 1 :]:
            row = [
                "" if _DASH.match(cell) and role not in ("goal", "indicator") else cell
                for cell, role in zip(row, roles + [None] * (len(row) - len(roles)), strict=False)
            ]
            rows.extend(_split_row(row, roles))
        block.rows = rows
    return doc


# -- delmål written as records -----------------------------------------------------------------
# »Delmål 2 – Flere unge …« / »Delmål 2: …« (a heading, a paragraph or a label row), with the
# template's column headings as field labels under it: »Indikator: …« / »Tegn på forandring:
# …«, »Baseline: …«, »Datakilde: …«, as bullets, lines or the rows of a layout table.
_GOAL_RECORD = re.compile(
    r"^\s*(?:[-–•*]+\s*)?(?:\d{1,2}(?:\.\d{1,2}){0,2}\.?\s+)?"
    r"(?:under)?(?:delm[aå]l(?:et)?|m[aå]ls[aæ]tning|m[aå]l)\s*(?:nr\.?\s*)?(?P<number>\d{1,2})?"
    r"\s*(?::|\s[–-]\s|\.\s)\s*(?P<text>.*)$",
    re.IGNORECASE | re.DOTALL,
)
_FIELD_HEAD = re.compile(r"^\s*(?:[-–•*]+\s*)?(?P<head>[^:]{2,60}):\s*(?P<text>.*)$", re.DOTALL)
_RECORD_COLUMNS = ("goal", "indicator", "baseline", "comparator", "year", "source")
_RECORD_HEADER = [
    "Delmål",
    "Indikator",
    "Baseline boligområde/ målgruppe",
    "Evt. anden baseline",
    "Baseline år",
    "Datakilde",
]


def _record(block: Block) -> tuple[str, str] | None:
    """The goal-table field a paragraph, item or heading states, and its value."""
    if block.kind not in ("paragraph", "item", "heading"):
        return None
    text = strip_marker(block.text) if block.kind == "item" else block.text.strip()
    goal = _GOAL_RECORD.match(text)
    # »Delmål 2 – …«, »Delmål 2:«; »Mål og indikatorer« is the part's heading, not a delmål
    numbered = bool(goal and goal["number"])
    if goal and (
        numbered or goal["text"].strip() and not match_label(text, TOP_LABELS, set_apart=True)
    ):
        return "goal", goal["text"].strip()
    field = _FIELD_HEAD.match(text)
    if field is None:
        return None
    role = record_field(field["head"])
    if role is not None and role != "goal":
        return role, field["text"].strip()
    return None


def _split_records(block: Block) -> list[Block]:
    """A paragraph whose lines are records of their own (a PDF runs »Delmål 1: …« and
    »Indikator 1.1: …« into one paragraph) as one paragraph per record."""
    if block.kind != "paragraph":
        return [block]
    # a line run on into the next record (»… nabolag?" Målsætning 2: …«)
    text = _RUN_ON_RECORD.sub("\n", block.text)
    if "\n" not in text:
        return [block]
    lines = text.split("\n")
    starts = [0] + [
        i
        for i, line in enumerate(lines)
        if i
        and (_record(Block(kind="paragraph", text=line)) or ("", ""))[0] in ("goal", "indicator")
        and _numbered_record(line)
    ]
    if len(starts) < 2:
        return [block]
    ends = [*starts[1:], len(lines)]
    return [
        Block(kind="paragraph", text="\n".join(lines[a:b]), label=block.label and a == 0)
        for a, b in zip(starts, ends, strict=True)
    ]


_RUN_ON_RECORD = re.compile(
    r"(?<=\S)\s+(?=(?:(?:Under)?[Dd]elm[aå]l|M[aå]ls[aæ]tning|Indikator|Succeskriteri\w*)"
    r"\s*\d{1,2}(?:\.\d{1,2})?\s*:)"
)


def _numbered_record(line: str) -> bool:
    """»Delmål 2: …«, »Indikator 1.2: …«: a record's label with its number."""
    head = line.split(":", 1)[0]
    return ":" in line and bool(re.search(r"\d", head)) and len(head) < 40


def _records(block: Block) -> list[tuple[str, str]]:
    """The fields a block states: its own (`_record`), and for an indicator written as prose
    the figures, year and source its sentences give (»… Udgangspunktet er 38 % i A og 44 %
    i B (2022). Til sammenligning er tallet 71 % i kommunen. Kilde: …«)."""
    found = _record(block)
    if found is None:
        return []
    role, value = found
    if role != "indicator":
        return [found]
    return prose_indicator(value)


_PROSE_FIELDS = (
    (
        "baseline",
        re.compile(
            r"^(?:udgangspunkt(?:et)?|baseline(?:n)?)(?:\s+(?:er|var|ligger på|er opgjort til))?"
            r"\s*:?\s*(?P<text>.*)$",
            re.I | re.S,
        ),
    ),
    (
        "comparator",
        re.compile(
            r"^(?:til sammenligning|sammenlignet med|i sammenligning)"
            r"(?:\s+(?:er|var)(?:\s+(?:tallet|andelen|det))?)?\s*:?\s*(?P<text>.*)$",
            re.I | re.S,
        ),
    ),
    (
        "source",
        re.compile(
            r"^(?:data)?kilde(?:n)?(?:\s+er)?\s*:\s*(?P<text>.*)$|^kilden er\s+(?P<t2>.*)$",
            re.I | re.S,
        ),
    ),
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ])")
_PROSE_YEAR = re.compile(r"\s*\(\s*((?:19|20)\d{2})\s*\)\s*$|\s+(?:i|fra)\s+((?:19|20)\d{2})\s*$")
_SCOPED_AFTER = re.compile(r"^(?P<figure>.*\d.*?)\s+(?:i|for|blandt)\s+(?P<scope>[A-ZÆØÅ].*)$")


def _figure_lines(text: str) -> str:
    """»38 % i Toftegården og 44 % i Lindeparken« as the figure lines of a cell
    (»Toftegården: 38 %«)."""
    lines = []
    for piece in re.split(r",\s+(?=\d|[A-ZÆØÅ])|\s+og\s+(?=\d|[A-ZÆØÅ])|;\s*", text):
        piece = piece.strip(" .")
        scoped = _SCOPED_AFTER.match(piece)
        lines.append(f"{scoped['scope']}: {scoped['figure']}" if scoped else piece)
    return "\n".join(line for line in lines if line)


def prose_indicator(text: str) -> list[tuple[str, str]]:
    """An indicator written as sentences: the sentences before the first that states a
    figure field are the indicator's text, the rest its fields."""
    sentences = _SENTENCE.split(text.strip())
    fields: list[tuple[str, str]] = []
    own: list[str] = []
    for number, sentence in enumerate(sentences):
        if fields and fields[-1][0] == "source":
            break  # the source is the last field: »Kilde: … Sct. Jørgen.« is all of it
        for role, pattern in _PROSE_FIELDS:
            match = pattern.match(sentence.strip())
            if match and (fields or own):
                value = (match["text"] or match.groupdict().get("t2") or "").strip()
                if role == "source":
                    rest = " ".join([value, *sentences[number + 1 :]])
                    fields.append(("source", rest.strip().rstrip(".")))
                    break
                value = value.rstrip(".")
                year = _PROSE_YEAR.search(value)
                if year:
                    if not any(r == "year" for r, _ in fields):
                        fields.append(("year", year[1] or year[2]))
                    value = value[: year.start()]
                fields.append((role, _figure_lines(value)))
                break
        else:
            if fields:
                return [("indicator", text)]  # prose after the figures: not such a record
            own.append(sentence)
    if not fields:
        return [("indicator", text)]
    indicator = " ".join(own).strip()
    return [
        ("indicator", indicator.rstrip(".") if indicator.count(".") == 1 else indicator),
        *fields,
    ]


# The first words of the goal table's column headings as plans write them as field labels.
_FIELD_WORDS = frozenset(
    [
        "indikator",
        "indikatorer",
        "succeskriterium",
        "succeskriterie",
        "succeskriterier",
        "tegn",
        "baseline",
        "baselines",
        "udgangspunkt",
        "evt",
        "anden",
        "sammenlignet",
        "sammenligning",
        "sammenligningsgrundlag",
        "datakilde",
        "datakilder",
        "kilde",
        "data",
        "ar",
        "maling",
        "malingsar",
        "opgjort",
        "delmal",
        "mal",
        "malsetning",
    ]
)


def record_field(head: str) -> str | None:
    """The goal-table column a field label names (»Indikator 1.2«, »Baseline«, »Evt. anden
    baseline«, »Datakilde«), by the template's heading words; None for any other label (a
    scope such as »Hvidkildeparken: 48 %« is a figure, not a field)."""
    head = re.sub(r"\s+\d{1,2}(?:\.\d{1,2})*\.?$", "", head.strip())  # »Indikator 1.2«
    words = label_fold(head).split()
    if not words or len(words) > 5 or words[0] not in _FIELD_WORDS:
        return None
    if match_label(head, TOP_LABELS, set_apart=True):
        return None
    role = column_role(head)
    return role if role in _RECORD_COLUMNS else None


def _records_table(records: list[tuple[str, str]]) -> list[list[str]] | None:
    """The goal table the records make, or None when they are not one: a delmål first, an
    indikator under it, and a figure, year or source of an indicator."""
    roles = [role for role, _ in records]
    if roles[:1] != ["goal"] or "indicator" not in roles:
        return None
    if not {"baseline", "comparator", "year", "source"} & set(roles):
        return None
    rows: list[list[str]] = [list(_RECORD_HEADER)]
    goal = ""
    current: dict[str, str] | None = None

    def close() -> None:
        if current is not None:
            rows.append([goal, *(current.get(c, "") for c in _RECORD_COLUMNS[1:])])

    for role, value in records:
        if role == "goal":
            close()
            goal, current = value, None
        elif role == "indicator":
            close()
            current = {"indicator": value}
        elif current is not None:
            if role in ("baseline", "comparator"):
                value = "\n".join(part.strip() for part in value.split(";") if part.strip())
            current[role] = (current.get(role, "") + "\n" + value).strip("\n")
    close()
    return rows


def read_goal_records(doc: Document) -> Document:
    """Delmål and their indicators written as records (see `_GOAL_RECORD`) become the goal
    table they describe, where the records' own fields show it is one; a field label on its
    own (a layout table's label row) takes the lines below it as its value."""
    out: list[Block] = []
    blocks = [piece for block in doc.blocks for piece in _split_records(block)]
    index = 0
    while index < len(blocks):
        found = _record(blocks[index])
        if found is None or found[0] != "goal":
            out.append(blocks[index])
            index += 1
            continue
        records: list[tuple[str, str]] = []
        absorbing = False  # a field label on its own: the lines below it are its value
        end = index
        while end < len(blocks):
            block = blocks[end]
            if block.kind == "pagebreak":
                end += 1  # the records go on over the page
                continue
            found_records = _records(block)
            if found_records:
                records.extend(found_records)
                absorbing = not found_records[-1][1]
            elif absorbing and block.kind in ("paragraph", "item") and not block.label:
                role, value = records[-1]
                records[-1] = (role, (value + "\n" + strip_marker(block.text)).strip("\n"))
            else:
                break
            end += 1
        rows = _records_table(records)
        figures_at = None
        if rows is None:
            figures_at = _figures_table(blocks, end)
            if figures_at is not None:
                figure_rows, last = _figure_rows(blocks, figures_at)
                rows = _records_table(_with_figures(records, figure_rows))
        if rows is None:
            out.append(blocks[index])
            index += 1
            continue
        out.append(Block(kind="table", rows=rows))
        if figures_at is not None:
            # the blocks between the delmål and their figures' table (its heading) stay
            out.extend(blocks[end:figures_at])
            end = last + 1
        index = end
    doc.blocks = out
    return doc


_INDICATOR_NUMBER = re.compile(r"^\s*(?:indikator\s+|nr\.?\s*)?(\d{1,2})\.(\d{1,2})\.?\s*$", re.I)


def _figures_table(blocks: list[Block], start: int) -> int | None:
    """Where, just after delmål and indicators written as records without their figures,
    a table gives each indicator's figures by its number (»1.2« | baseline | … | source)."""
    for at in range(start, min(start + 3, len(blocks))):
        block = blocks[at]
        if block.kind != "table":
            continue
        rows = block.rows
        if len(rows) < 2:
            return None
        roles = column_roles(rows[0])
        numbered = [r for r in rows[1:] if r and _INDICATOR_NUMBER.match(r[0])]
        if "baseline" in roles and len(numbered) >= max(1, len(rows) - 2):
            return at
        return None
    return None


def _figure_rows(blocks: list[Block], at: int) -> tuple[list[list[str]], int]:
    """The figures table's rows, with the rows of its parts on the next pages (tables whose
    rows go on numbered), and the index of its last part."""
    rows = list(blocks[at].rows)
    last = at
    for index in range(at + 1, len(blocks)):
        block = blocks[index]
        if block.kind == "pagebreak":
            continue
        if block.kind != "table" or not block.rows:
            break
        numbered = [r for r in block.rows if r and _INDICATOR_NUMBER.match(r[0])]
        if len(numbered) < max(1, len(block.rows) - 1):
            break
        rows.extend(r for r in block.rows if not column_roles(r).count("baseline"))
        last = index
    return rows, last


def _with_figures(records: list[tuple[str, str]], rows: list[list[str]]) -> list[tuple[str, str]]:
    """The records with each indicator's fields from the figures table, matched by number
    (the n-th indicator of the g-th delmål is »g.n«)."""
    roles = column_roles(rows[0])
    by_number: dict[tuple[int, int], list[str]] = {}
    for row in rows[1:]:
        match = _INDICATOR_NUMBER.match(row[0]) if row else None
        if match:
            by_number[(int(match[1]), int(match[2]))] = row
    out: list[tuple[str, str]] = []
    goal = indicator = 0
    for role, value in records:
        out.append((role, value))
        if role == "goal":
            goal, indicator = goal + 1, 0
        elif role == "indicator":
            indicator += 1
            figures = by_number.get((goal, indicator)) or []
            for column, cell in zip(roles, figures, strict=False):
                if column in ("baseline", "comparator", "year", "source") and cell.strip():
                    out.append((column, cell.strip()))
    return out
