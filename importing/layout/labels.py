"""Label tables: the template's fields written as table rows.

- A one-column table whose label rows (shaded in Word, bold, or just the label's words)
  each stand above the row with their text becomes a label | value table.
- A table of the agreement's header fields (Områdets navn | …, Aftalens parter | …, … gælder
  fra - til | …) becomes label paragraphs, each followed by its value: one paragraph per line,
  or one list item per line where the field is a list (parties, staff).
- Activity sheets stay label | value tables (one table can hold several sheets); the sheet
  reader reads them as they are.
"""

from __future__ import annotations

from importing.layout.goals import record_field
from importing.recognisers.goals import is_header
from importing.recognisers.labels import ALL_LABELS, SHEET_LABELS, TOP_LABELS, Label, match_label
from importing.recognisers.theory import horizon_of
from importing.tree import Block, Document


def _distinct(row: list[str]) -> list[str]:
    cells: list[str] = []
    for cell in row:
        if cell.strip() and (not cells or cell != cells[-1]):  # merged cells come repeated
            cells.append(cell)
    return cells


def _label_of(cell: str, labels: tuple[Label, ...] = ALL_LABELS) -> tuple[Label, str] | None:
    if "\n" in cell:
        # a label cell wrapped over lines ("Navn på den boligsociale / indsats, som …:")
        whole = match_label(" ".join(cell.split()), labels, set_apart=True)
        if whole is not None and not whole[1]:
            return whole[0], ""
    head, _, below = cell.partition("\n")
    found = match_label(head, labels, set_apart=len(head) < 80)
    if found is None:
        return None
    label, rest = found
    return label, "\n".join(part for part in (rest, below) if part.strip())


def _pair_one_column(rows: list[list[str]]) -> list[list[str]] | None:
    """A one-column table of label rows and text rows as label | text rows."""
    cells = [_distinct(row) for row in rows]
    if any(len(c) > 1 for c in cells) or sum(1 for c in cells if c) < 2:
        return None
    paired: list[list[str]] = []
    labelled = 0
    for row in cells:
        if not row:
            continue
        text = row[0]
        found = _label_of(text)
        if found is not None and not found[1]:
            paired.append([text.split("\n")[0], ""])
            labelled += 1
        elif paired and found is None and len(paired[-1]) == 2:
            previous = paired[-1]
            previous[1] = (previous[1] + "\n" + text).strip("\n")
        else:
            paired.append([text])
            labelled += found is not None
    return paired if labelled >= 2 else None


def _top_fields(rows: list[list[str]]) -> int:
    count = 0
    for row in rows:
        cells = _distinct(row)
        if cells and _label_of(cells[0], TOP_LABELS):
            count += 1
    return count


def _unrolled(rows: list[list[str]]) -> list[Block]:
    blocks: list[Block] = []
    unknown = _unknown_label_rows(rows)
    for index, row in enumerate(rows):
        cells = _distinct(row)
        if not cells:
            continue
        found = _label_of(cells[0])
        if found is None:
            if index in unknown:
                # a field the template does not have: kept as a label of its own, so that
                # its value is not read as the field above it (recognisers leave it out)
                head = cells[0].strip().rstrip(":")
                blocks.append(Block(kind="paragraph", text=head + ":", label=True))
                cells = cells[1:]
            for cell in cells:
                blocks.append(Block(kind="paragraph", text=cell))
            continue
        label, rest = found
        if label.name.startswith("title"):
            blocks.append(Block(kind="heading", text=cells[0].split("\n")[0].strip(), level=1))
        else:
            if "\n" in cells[0] and not rest:
                head = " ".join(cells[0].split()).split(":")[0]  # a label wrapped in its cell
            else:
                head = cells[0].split("\n")[0].split(":")[0].strip()
            blocks.append(Block(kind="paragraph", text=head + ":", label=True))
        values = [rest, *cells[1:]]
        for value in values:
            lines = value.split("\n")
            for line in _continued(lines) if label.many else lines:
                if not line.strip():
                    continue
                if label.many:
                    blocks.append(Block(kind="item", text=line.strip(), level=1))
                else:
                    blocks.append(Block(kind="paragraph", text=line.strip()))
    return blocks


def _continued(lines: list[str]) -> list[str]:
    """A list cell's lines as its entries: a PDF breaks a cell's text at the cell's width, so
    a line ending in a comma or a line that goes on in lower case belongs to the entry
    above ("Teamleder, Jobcentret," / "Anne Hansen")."""
    out: list[str] = []
    for line in (line.strip() for line in lines):
        if not line:
            continue
        if out and (out[-1].endswith(",") or line[:1].islower()):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def _unknown_label_rows(rows: list[list[str]]) -> set[int]:
    """Rows of a header table whose label cell names no field of the template (»Godkendt af
    bestyrelsen | Ikke godkendt endnu«): a short label beside a value, in a table whose
    other rows mostly have the template's labels."""
    known, unknown = 0, set()
    for index, row in enumerate(rows):
        cells = _distinct(row)
        if len(cells) < 2:
            continue
        if _label_of(cells[0]) is not None:
            known += 1
            continue
        head = cells[0].strip().rstrip(":")
        if "\n" not in head and len(head) < 60 and len(head.split()) <= 6 and head[-1:] != ".":
            unknown.add(index)
            # a goal-table heading as a row's label (»Delmål 1«, »Indikator 1.2«, »Baseline«):
            # the layout table holds the delmål as records, read by the goal stage
            known += record_field(head) is not None
    return unknown if known >= len(unknown) else set()


def unroll_label_tables(doc: Document) -> Document:
    blocks: list[Block] = []
    for block in doc.blocks:
        # activity sheets as one overview table, a row per activity under a row of the
        # sheet's labels (»Aktivitet | Formål | Målgruppe(r) | … | Ansv.«): its columns are
        # the sheets (checked first: the labels' row has a »Delmål« column, like a goal table)
        rows_as_columns = (
            _sheet_columns(_turned(block.rows), least=1) if block.kind == "table" else []
        )
        if rows_as_columns:
            blocks.extend(Block(kind="table", rows=rows) for rows in rows_as_columns)
            continue
        if block.kind != "table" or any(is_header(row) or _is_steps(row) for row in block.rows):
            blocks.append(block)  # a goal table, or a forandringsteori drawn as a table
            continue
        columns = _sheet_columns(block.rows)
        if columns:
            blocks.extend(Block(kind="table", rows=rows) for rows in columns)
            continue
        rows = _pair_one_column(block.rows) or _without_margin(block.rows)
        head, sheets = _split_sheets(rows)
        if sheets:
            # the whole agreement in one layout table: its header fields unrolled, its
            # activity sheets kept as the sheet table they are
            blocks.extend(_unrolled(head))
            blocks.append(Block(kind="table", rows=sheets))
            continue
        if _top_fields(rows) >= 1 and not _is_sheet_only(rows):
            blocks.extend(_unrolled(rows))
            continue
        block.rows = rows
        blocks.append(block)
    doc.blocks = blocks
    return doc


def _turned(rows: list[list[str]]) -> list[list[str]]:
    """The table's rows as its columns (none unless every row has as many cells); a row
    without a first cell goes on from the row above (a row a page break split)."""
    if not rows or any(len(row) != len(rows[0]) for row in rows):
        return []
    joined: list[list[str]] = []
    for row in rows:
        if joined and not row[0].strip() and any(cell.strip() for cell in row):
            above = joined[-1]
            joined[-1] = [
                "\n".join(p for p in (a, b) if p.strip()) for a, b in zip(above, row, strict=True)
            ]
        else:
            joined.append(list(row))
    return [list(column) for column in zip(*joined, strict=True)]


def _without_margin(rows: list[list[str]]) -> list[list[str]]:
    """A header table with a cell merged down its first column beside the fields (a logo, a
    picture, a coloured band: »LOGO« | Helhedsplan | …) read without that column."""
    if len(rows) < 2 or any(len(row) < 3 for row in rows):
        return rows
    firsts = {row[0].strip() for row in rows} - {""}
    if len(firsts) > 1 or any(len(text) > 40 or _label_of(text) for text in firsts):
        return rows
    rest = [row[1:] for row in rows]
    return rest if _top_fields(rest) >= 2 else rows


def _sheet_columns(rows: list[list[str]], *, least: int = 2) -> list[list[list[str]]]:
    """Activity sheets written side by side, one column per activity, the sheet's labels down
    the first column (»Aktivitet | Jobcafé | Fritidsjob«, »Formål | … | …«): one label | text
    sheet table per activity; none when the table is not such a one."""
    if len(rows) < 3 or any(len(row) != len(rows[0]) for row in rows) or len(rows[0]) < 1 + least:
        return []
    found = [_label_of(row[0], SHEET_LABELS) if row[0].strip() else None for row in rows]
    first = next((f for f in found if f is not None), None)
    if first is None or first[0].name != "name" or found.index(first) != 0 or first[1]:
        return []
    if sum(f is not None for f in found) < 3 or sum(f is None for f in found) > 1:
        return []
    # the labels' own column repeated by a merged cell is no activity
    names = [cell for cell in rows[0][1:] if cell.strip() and cell != rows[0][0]]
    if len(names) < least:
        return []
    return [
        [[row[0], row[column]] for row in rows if row[0].strip() or row[column].strip()]
        for column in range(1, len(rows[0]))
        if rows[0][column].strip() and rows[0][column] != rows[0][0]
    ]


_HEADER_FIELDS = frozenset({"initiative", "period", "parties"})


def _split_sheets(rows: list[list[str]]) -> tuple[list[list[str]], list[list[str]]]:
    """A table holding the agreement's header fields and, from a row naming an activity
    (»Aktivitet 1: Jobcafé«, »Aktivitetsnavn | …«) on, its activity sheets: the rows before
    the sheets and the sheets' rows; all the rows and none when it is not such a table."""
    fields: set[str] = set()
    for index, row in enumerate(rows):
        cells = _distinct(row)
        if not cells:
            continue
        sheet = _label_of(cells[0], SHEET_LABELS)
        if sheet is not None and sheet[0].name == "name" and len(fields & _HEADER_FIELDS) >= 2:
            return rows[:index], rows[index:]
        top = _label_of(cells[0], TOP_LABELS)
        if top is not None:
            fields.add(top[0].name)
    return rows, []


def _is_steps(row: list[str]) -> bool:
    """A row naming a forandringsteori's steps (»Aktiviteter | Output | Kort sigt | …«)."""
    return sum(1 for cell in row if horizon_of(cell)) >= 2


def _is_sheet_only(rows: list[list[str]]) -> bool:
    """Rows that are all activity-sheet fields (kept as a sheet table), e.g. a sheet whose
    "Delmål" row would otherwise look like a header field."""
    fields = 0
    for row in rows:
        cells = _distinct(row)
        if cells and _label_of(cells[0], SHEET_LABELS):
            fields += 1
    return fields >= 2 and fields >= _top_fields(rows)
