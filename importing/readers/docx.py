"""DOCX through docx2python: body in order (tables, rows, cells, paragraphs), text inside
content controls kept, auto-numbering kept as written ("1)"), heading styles kept, a paragraph
written all in bold marked as set apart (a label). Merged cells come repeated in every grid
cell they cover: a goal cell merged down over three indicator rows (Word's vertical merge)
reads as the same goal in each of the three rows, which the goal-table reader joins.

Before docx2python sees the body, what Word's editing leaves in a file is settled the way Word
shows the document (`_settle`): content controls (`w:sdt`, the fields of form templates) give
way to their content, which docx2python would otherwise take for extra table rows; deleted
tracked changes are dropped and insertions kept; a text box's VML fallback (`mc:Fallback`,
which repeats the text box's text) is dropped; a table nested in a table's cell (a delmål's
indicator table inside the delmål table, an activity sheet inside a table of activities) is
lifted out to stand after the rows above it (`_lift_nested`), as docx2python reads only one
level of tables: the rows of the outer table around it stay a table of their own, the other
paragraphs of its cell stand before it. A table of contents (its TOC styles) and the
footnote, endnote and comment markers are not read as content."""

from __future__ import annotations

import html
import io
import re
import zipfile
from collections.abc import Sequence

from importing.errors import DocumentError
from importing.sniff import check_zip_bomb
from importing.tree import Document


def read_docx(data: bytes) -> Document:
    from docx2python import docx2python

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_zip_bomb(archive.infolist(), len(data))
            if archive.testzip() is not None:
                raise DocumentError("Word-filen er beskadiget.")
            data = _settle(archive, data)
        with docx2python(io.BytesIO(data), html=True) as content:
            body = content.body_pars
            header = content.header_pars
    except DocumentError:
        raise
    except Exception as exc:  # docx2python raises many kinds on broken XML
        raise DocumentError(
            "Word-filen er beskadiget eller ikke et gyldigt DOCX-dokument."
        ) from exc

    doc = Document()
    for rows in _header_fields(header):
        doc.add_table(rows)
    for table in body:
        is_table = any(
            par.lineage[1] == "tbl" for row in table for cell in row for par in cell if par.lineage
        )
        if is_table and (len(table) > 1 or any(len(row) > 1 for row in table)):
            rows = []
            for row in table:
                rows.append(["\n".join(_text(p) for p in cell if _text(p)) for cell in row])
            doc.add_table(rows)
            continue
        for row in table:
            for cell in row:
                for par in cell:
                    _add_paragraph(doc, par)
    return doc


def _header_fields(header: Sequence[object]) -> list[list[list[str]]]:
    """The agreement's header fields written in a table in the page header (»Helhedsplan |
    …«, »Aftaleperiode | …«, repeated on every page): each such table once. A table of the
    page header with fewer than two of the template's fields (a logo beside a title) is page
    furniture."""
    from importing.recognisers.labels import TOP_LABELS, match_label

    found: list[list[list[str]]] = []
    for table in header:
        rows = [["\n".join(_text(p) for p in cell if _text(p)) for cell in row] for row in table]  # type: ignore[attr-defined]
        labelled = sum(
            1
            for row in rows
            if len(row) > 1 and row[0] and match_label(row[0], TOP_LABELS, set_apart=True)
        )
        if labelled >= 2 and rows not in found:
            found.append(rows)
    return found


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_SETTLE_HINTS = (b"<w:sdt>", b"<w:sdt ", b"mc:Fallback", b"<w:del ", b"<w:moveFrom ")
# a table inside a table: the second start tag of a table before the first one closes
_NESTED_HINT = re.compile(rb"<w:tbl>(?:(?!</w:tbl>).)*?<w:tbl>", re.DOTALL)


def _settle(archive: zipfile.ZipFile, data: bytes) -> bytes:
    """The package with its body as Word shows it (see the module's docstring); the same
    bytes when there is nothing to settle."""
    try:
        body = archive.read("word/document.xml")
    except KeyError:
        return data
    if not any(hint in body for hint in _SETTLE_HINTS) and not _NESTED_HINT.search(body):
        return data
    from lxml import etree

    root = etree.fromstring(body, etree.XMLParser(resolve_entities=False, huge_tree=False))
    for tag in (f"{_W}del", f"{_W}moveFrom", f"{_MC}Fallback"):
        for element in list(root.iter(tag)):
            parent = element.getparent()
            if parent is not None:
                _remove_keep_tail(element)
    for sdt in reversed(list(root.iter(f"{_W}sdt"))):
        content = sdt.find(f"{_W}sdtContent")
        _unwrap(sdt, list(content) if content is not None else [])
    for tag in (f"{_W}ins", f"{_W}moveTo"):
        for element in reversed(list(root.iter(tag))):
            _unwrap(element, list(element))
    _lift_nested(root)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as settled:
        for info in archive.infolist():
            if info.filename == "word/document.xml":
                settled.writestr(info, etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
            else:
                settled.writestr(info, archive.read(info.filename))
    return out.getvalue()


def _lift_nested(root: object) -> None:
    """Every table holding a table in a cell as the body elements `_lifted` gives, in its
    place."""
    tables = [
        t
        for t in root.iter(f"{_W}tbl")  # type: ignore[attr-defined]
        if not any(a.tag == f"{_W}tbl" for a in t.iterancestors())
        and t.find(f".//{_W}tc//{_W}tbl") is not None
    ]
    for table in tables:
        _unwrap(table, _lifted(table))


def _lifted(table: object) -> list[object]:
    """The table as a run of body elements: its rows without a nested table as tables of
    their own (the table's properties and grid repeated), and each row holding a nested
    table as its cells' content in order, the nested tables lifted in turn."""
    from copy import deepcopy

    from lxml import etree

    props = [c for c in table if c.tag in (f"{_W}tblPr", f"{_W}tblGrid")]  # type: ignore[attr-defined]
    out: list[object] = []
    piece = None
    for row in list(table.iter(f"{_W}tr")):  # type: ignore[attr-defined]
        if next(a for a in row.iterancestors() if a.tag == f"{_W}tbl") is not table:
            continue  # a nested table's row
        if row.find(f".//{_W}tbl") is None:
            if piece is None:
                piece = etree.Element(f"{_W}tbl")
                piece.extend(deepcopy(p) for p in props)
                out.append(piece)
            piece.append(row)
            continue
        piece = None
        for cell in list(row.iter(f"{_W}tc")):
            if next(a for a in cell.iterancestors() if a.tag == f"{_W}tr") is not row:
                continue
            for part in list(cell):
                if part.tag == f"{_W}tbl":
                    out.extend(_lifted(part))
                elif part.tag != f"{_W}tcPr":
                    out.append(part)
    return out


def _remove_keep_tail(element: object) -> None:
    element.getparent().remove(element)  # type: ignore[attr-defined]


def _unwrap(element: object, children: list[object]) -> None:
    """Put `children` where `element` is, in order, and remove `element`."""
    parent = element.getparent()  # type: ignore[attr-defined]
    if parent is None:
        return
    index = parent.index(element)
    parent.remove(element)
    for offset, child in enumerate(children):
        parent.insert(index + offset, child)


def _run_text(run: object) -> str:
    # html=True gives run styles (bold) but writes the text as HTML: tags and entities
    text = re.sub(r"</?[a-zA-Z][^<>]*>", "", getattr(run, "text", ""))
    return html.unescape(text)


def _text(par: object) -> str:
    runs = getattr(par, "runs", [])
    text = "".join(_run_text(run) for run in runs)
    text = re.sub(
        r"----media/[^-]*----|----Image alt text---->.*?<----"
        r"|----(?:footnote|endnote|comment)\d+----",
        "",
        text,
    )
    return text.replace("\t", " ").strip()


# the number docx2python writes before a Word-numbered paragraph (»1)\t«, »\t\t2)\t«, »--\t«),
# one tab before it for each level below the first
_AUTO_NUMBER = re.compile(r"^(\t*)(?:\d{1,3}[.)]|[a-zA-Z][.)]|[ivxIVX]{1,5}[.)]|--|[•·▪o-])\t")


def _bold(par: object) -> bool:
    """Every run with text in the paragraph is bold (the list number Word draws before it
    does not count: its format is the list's)."""
    runs = [run for run in getattr(par, "runs", []) if _run_text(run)]
    if (
        runs
        and _AUTO_NUMBER.match(_run_text(runs[0]))
        and not _AUTO_NUMBER.sub("", _run_text(runs[0]))
    ):
        runs = runs[1:]
    styled = [run for run in runs if _run_text(run).strip(" \t:")]
    return bool(styled) and all("b" in (getattr(run, "html_style", None) or []) for run in styled)


def _list_depth(par: object) -> int:
    """The level of a Word-numbered paragraph (0 for the list's first), from the tabs
    docx2python writes before its number."""
    runs = [run for run in getattr(par, "runs", []) if _run_text(run)]
    match = _AUTO_NUMBER.match(_run_text(runs[0])) if runs else None
    return len(match[1]) if match else 0


def _add_paragraph(doc: Document, par: object) -> None:
    text = _text(par)
    if not text:
        return
    style = (getattr(par, "style", "") or "").lower()
    if re.match(r"^(?:toc|indholdsfortegnelse)\s*\d", style):
        return  # an entry of the table of contents, not the section it points to
    if not re.sub(r"^(?:--|[-•*]|\d+[.)])\s*", "", text).strip():
        return  # a list item whose text was deleted (a tracked change)
    heading = re.match(r"^(?:heading|overskrift)\s*(\d)", style)
    if heading:
        doc.add("heading", text, level=int(heading[1]))
    elif style.startswith(("title", "titel")):
        doc.add("heading", text, level=1)
    elif (
        re.match(r"^\d+\)\s", text)
        and len(text) < 160
        and _bold(par)
        and any(_AUTO_NUMBER.match(_run_text(run)) for run in getattr(par, "runs", [])[:3])
    ):
        # a bold paragraph of a Word outline list (»1. Aftalens grundlag«, »1.1 Navn på …«):
        # a heading numbered by the list, at the list's level
        doc.add("heading", text, level=min(3, 1 + _list_depth(par)))
    elif "list" in style or "liste" in style or re.match(r"^(?:\d+\)|[a-z]\)|--|•)\s", text):
        level = 2 if re.match(r"^[a-h]\)\s", text) else 1
        if not re.match(r"^(?:\d+[.)]|[a-h]\)|--|[-•*])\s", text):
            text = "- " + text
        doc.add("item", text, level=level)
    else:
        doc.add("paragraph", text, label=len(text) < 160 and _bold(par))
