"""ODT read directly with odfdo: headings, paragraphs, list items and tables in order."""

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
    _walk(body, doc, 0)
    return doc


def _walk(element: object, doc: Document, list_depth: int) -> None:
    for child in getattr(element, "children", []):
        tag = getattr(child, "tag", "")
        if tag == "text:h":
            level = int(child.get_attribute("text:outline-level") or 1)
            doc.add("heading", str(child), level=level)
        elif tag == "text:p":
            if list_depth:
                doc.add("item", "- " + str(child), level=min(list_depth, 2))
            else:
                doc.add("paragraph", str(child))
        elif tag == "text:list":
            _walk(child, doc, list_depth + 1)
        elif tag == "table:table":
            rows = []
            for row in child.get_elements("descendant::table:table-row"):
                cells = []
                for cell in row.get_elements("table:table-cell"):
                    paragraphs = [str(p) for p in cell.get_elements("descendant::text:p")]
                    cells.append("\n".join(p for p in paragraphs if p.strip()))
                rows.append(cells)
            doc.add_table(rows)
        elif tag in ("text:list-item", "text:section", "text:list-header", "office:text"):
            _walk(child, doc, list_depth)
