"""ODT read directly with odfdo: headings, paragraphs, list items and tables in order; a
paragraph all in bold is set apart as a label.

Merged cells read like DOCX's: a cell spanning rows or columns gives its text to every grid
cell it covers (ODF writes those as `table:covered-table-cell`), so the rows keep their
columns."""

from __future__ import annotations

import io
import zipfile

from importing.errors import DocumentError
from importing.sniff import check_zip_bomb
from importing.tree import Document


def read_odt(data: bytes) -> Document:
    from odfdo import Document as OdfDocument

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_zip_bomb(archive.infolist(), len(data))
        odf = OdfDocument(io.BytesIO(data))
        body = odf.body
    except DocumentError:
        raise
    except Exception as exc:
        raise DocumentError("ODT-filen er beskadiget eller ikke et gyldigt dokument.") from exc
    doc = Document()
    _walk(body, doc, 0, _BoldStyles(odf))
    return doc


class _BoldStyles:
    """Which paragraph and text styles are bold (a paragraph all in bold is a label)."""

    def __init__(self, odf: object) -> None:
        self.odf = odf
        self.known: dict[tuple[str, str], bool] = {}

    def bold(self, family: str, name: str | None) -> bool:
        if not name:
            return False
        key = (family, name)
        if key not in self.known:
            try:
                style = self.odf.get_style(family, name)  # type: ignore[attr-defined]
                props = (style.get_properties(area="text") if style else None) or {}
            except Exception:  # an unreadable style is just not bold
                props = {}
            self.known[key] = props.get("fo:font-weight") == "bold"
        return self.known[key]

    def paragraph(self, element: object) -> bool:
        get = element.get_attribute  # type: ignore[attr-defined]
        if self.bold("paragraph", get("text:style-name")):
            return True
        text = "".join(str(element).split())
        spans = element.get_elements("descendant::text:span")  # type: ignore[attr-defined]
        bold = "".join(
            "".join(str(span).split())
            for span in spans
            if self.bold("text", span.get_attribute("text:style-name"))
        )
        return bool(text) and bold == text


def _walk(element: object, doc: Document, list_depth: int, styles: _BoldStyles) -> None:
    for child in getattr(element, "children", []):
        tag = getattr(child, "tag", "")
        if tag == "text:h":
            level = int(child.get_attribute("text:outline-level") or 1)
            doc.add("heading", str(child), level=level)
        elif tag == "text:p":
            if list_depth:
                doc.add("item", "- " + str(child), level=min(list_depth, 2))
            else:
                text = str(child)
                label = len(text) < 160 and styles.paragraph(child)
                doc.add("paragraph", text, label=label)
        elif tag == "text:list":
            _walk(child, doc, list_depth + 1, styles)
        elif tag == "table:table":
            doc.add_table(_table_rows(child))
        elif tag in ("text:list-item", "text:section", "text:list-header", "office:text"):
            _walk(child, doc, list_depth, styles)


def _cell_text(cell: object) -> str:
    paragraphs = [str(p).strip() for p in cell.get_elements("descendant::text:p")]  # type: ignore[attr-defined]
    return "\n".join(p for p in paragraphs if p)


def _int(element: object, name: str) -> int:
    try:
        return max(1, int(element.get_attribute(name) or 1))  # type: ignore[attr-defined]
    except (TypeError, ValueError):
        return 1


def _table_rows(table: object) -> list[list[str]]:
    covered: dict[tuple[int, int], str] = {}
    rows: list[list[str]] = []
    for r, row in enumerate(table.get_elements("descendant::table:table-row")):  # type: ignore[attr-defined]
        cells: list[str] = []
        for cell in row.children:
            tag = getattr(cell, "tag", "")
            if tag not in ("table:table-cell", "table:covered-table-cell"):
                continue
            repeat = min(_int(cell, "table:number-columns-repeated"), 64)
            for _ in range(repeat):
                c = len(cells)
                if tag == "table:covered-table-cell":
                    cells.append(covered.get((r, c), ""))
                    continue
                text = _cell_text(cell)
                cells.append(text)
                for dr in range(_int(cell, "table:number-rows-spanned")):
                    for dc in range(_int(cell, "table:number-columns-spanned")):
                        if dr or dc:
                            covered[(r + dr, c + dc)] = text
        while cells and not cells[-1] and len(cells) > 1 and repeat > 1:
            cells.pop()  # a row padded with repeated empty cells
        rows.append(cells)
    return rows
