"""DOCX through docx2python: body in order (tables, rows, cells, paragraphs), text inside
content controls kept, auto-numbering kept as written ("1)"), heading styles kept, a paragraph
written all in bold marked as set apart (a label). Merged cells come repeated in every grid
cell they cover: a goal cell merged down over three indicator rows (Word's vertical merge)
reads as the same goal in each of the three rows, which the goal-table reader joins."""

from __future__ import annotations

import html
import io
import re
import zipfile

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
        with docx2python(io.BytesIO(data), html=True) as content:
            body = content.body_pars
    except DocumentError:
        raise
    except Exception as exc:  # docx2python raises many kinds on broken XML
        raise DocumentError(
            "Word-filen er beskadiget eller ikke et gyldigt DOCX-dokument."
        ) from exc

    doc = Document()
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


def _run_text(run: object) -> str:
    # html=True gives run styles (bold) but writes the text as HTML: tags and entities
    text = re.sub(r"</?[a-zA-Z][^<>]*>", "", getattr(run, "text", ""))
    return html.unescape(text)


def _text(par: object) -> str:
    runs = getattr(par, "runs", [])
    text = "".join(_run_text(run) for run in runs)
    text = re.sub(r"----media/[^-]*----|----Image alt text---->.*?<----", "", text)
    return text.replace("\t", " ").strip()


def _bold(par: object) -> bool:
    """Every run with text in the paragraph is bold."""
    styled = [run for run in getattr(par, "runs", []) if _run_text(run).strip(" \t:")]
    return bool(styled) and all("b" in (getattr(run, "html_style", None) or []) for run in styled)


def _add_paragraph(doc: Document, par: object) -> None:
    text = _text(par)
    if not text:
        return
    style = (getattr(par, "style", "") or "").lower()
    heading = re.match(r"^(?:heading|overskrift)\s*(\d)", style)
    if heading:
        doc.add("heading", text, level=int(heading[1]))
    elif style.startswith(("title", "titel")):
        doc.add("heading", text, level=1)
    elif "list" in style or "liste" in style or re.match(r"^(?:\d+\)|[a-z]\)|--|•)\s", text):
        level = 2 if re.match(r"^[a-h]\)\s", text) else 1
        if not re.match(r"^(?:\d+[.)]|[a-h]\)|--|[-•*])\s", text):
            text = "- " + text
        doc.add("item", text, level=level)
    else:
        doc.add("paragraph", text, label=len(text) < 160 and _bold(par))
