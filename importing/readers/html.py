"""HTML: sanitised with nh3 first (scripts, styles and event handlers are dropped, never
run), then walked with the standard library's HTMLParser into the document tree.

Whitespace is HTML's: a line break in the source is a space (Word and LibreOffice wrap their
source lines mid-sentence), a line ends only at <br> or a block. A paragraph all in bold is
set apart as a label; paragraphs inside a list item belong to the item. The running header
and footer LibreOffice and Word write into the page (`<div title="footer">`,
`mso-element:footer`) are page furniture, not content, and are left out."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import nh3

from importing.tree import Document

_KEEP_TAGS = {
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "div", "br", "ul", "ol", "li", "table", "thead",
    "tbody", "tfoot", "tr", "td", "th", "b", "strong", "i", "em", "u", "span", "sup", "sub",
    "section", "article", "blockquote", "hr", "dl", "dt", "dd",
}  # fmt: skip
_BLOCKS = {
    *("p", "div", "section", "article", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6"),
    *("dt", "dd"),  # a definition list's term (a label, as if bold) and its text
}
_BREAK = "\x00"  # a line break the document means (<br>, a block inside a cell)


def _lines(text: str) -> str:
    lines = [" ".join(line.split()) for line in text.split(_BREAK)]
    return "\n".join(line for line in lines if line)


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.doc = Document()
        self.buffer: list[str] = []
        self.kind = "paragraph"
        self.level = 0
        self.list_depth = 0
        self.ordered: list[int] = []
        self.table: list[list[str]] | None = None
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.in_item = False
        self.span = (1, 1)  # the open cell's rowspan, colspan
        self.pending: dict[int, list] = {}  # type: ignore[type-arg]  # column -> [rows left, text]
        self.bold = 0
        self.furniture = 0  # depth inside a running header or footer
        self.bold_chars = 0
        self.chars = 0

    # text ------------------------------------------------------------------------------
    def handle_data(self, data: str) -> None:
        if self.furniture:
            return
        target = self.cell if self.cell is not None else self.buffer
        target.append(data)
        if self.cell is None and data != _BREAK:
            visible = len("".join(data.split()))
            self.chars += visible
            self.bold_chars += visible if self.bold else 0

    def _flush(self) -> None:
        text = _lines("".join(self.buffer))
        label = self.kind == "paragraph" and 0 < self.chars == self.bold_chars and len(text) < 160
        self.buffer = []
        self.chars = self.bold_chars = 0
        if text.strip("- ") or (text and self.kind != "item"):
            self.doc.add(self.kind, text, level=self.level, label=label)  # type: ignore[arg-type]
        self.kind, self.level = "paragraph", 0
        self.in_item = False

    # structure -------------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "div" and (self.furniture or _is_furniture(dict(attrs))):
            self.furniture += 1
            return
        if tag in ("b", "strong"):
            self.bold += 1
        elif tag == "dt" and self.cell is None:
            self._flush()
            self.bold += 1
        elif tag == "br" or tag == "hr":
            self.handle_data(_BREAK)
        elif tag == "table":
            self._flush()
            self.table = []
            self.pending = {}
        elif tag == "tr" and self.table is not None:
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self._fill_spans()
            self.cell = []
            values = dict(attrs)
            self.span = (_span(values.get("rowspan")), _span(values.get("colspan")))
        elif self.cell is not None:
            if tag in _BLOCKS or tag == "li":
                self.cell.append(_BREAK)
        elif tag in ("ul", "ol"):
            self._flush()
            self.list_depth += 1
            self.ordered.append(1 if tag == "ol" else 0)
        elif tag == "li":
            self._flush()
            self.kind, self.level = "item", min(self.list_depth, 2) or 1
            if self.ordered and self.ordered[-1]:
                self.buffer.append(f"{self.ordered[-1]}. ")
                self.ordered[-1] += 1
            else:
                self.buffer.append("- ")
            self.in_item = True
        elif tag in _BLOCKS and self.in_item:
            self.buffer.append(_BREAK if "".join(self.buffer).strip(" -.0123456789") else "")
        elif tag in _BLOCKS:
            self._flush()
            if tag[0] == "h" and tag[1:].isdigit():
                self.kind, self.level = "heading", int(tag[1:])

    def handle_endtag(self, tag: str) -> None:
        if self.furniture:
            if tag == "div":
                self.furniture -= 1
            return
        if tag in ("b", "strong"):
            self.bold = max(0, self.bold - 1)
        elif tag == "dt" and self.cell is None:
            self._flush()
            self.bold = max(0, self.bold - 1)
        elif tag in ("td", "th") and self.row is not None and self.cell is not None:
            text = _lines("".join(self.cell))
            rows, columns = self.span
            for _ in range(columns):  # a merged cell gives its text to every cell it covers
                if rows > 1:
                    self.pending[len(self.row)] = [rows - 1, text]
                self.row.append(text)
            self.cell = None
        elif tag == "tr" and self.table is not None and self.row is not None:
            self._fill_spans()
            self.table.append(self.row)
            self.row = None
        elif tag == "table" and self.table is not None:
            self.doc.add_table(self.table)
            self.table = None
        elif self.cell is not None:
            if tag in _BLOCKS or tag == "li":
                self.cell.append(_BREAK)
        elif tag in ("ul", "ol"):
            self._flush()
            self.list_depth = max(0, self.list_depth - 1)
            if self.ordered:
                self.ordered.pop()
        elif tag in _BLOCKS and self.in_item:
            pass  # the item ends with its </li>
        elif tag in _BLOCKS or tag == "li":
            self._flush()

    def _fill_spans(self) -> None:
        """The cells of this row that a cell above, spanning rows, covers."""
        assert self.row is not None
        while len(self.row) in self.pending:
            left = self.pending[len(self.row)]
            self.row.append(left[1])
            left[0] -= 1
            if left[0] <= 0:
                del self.pending[len(self.row) - 1]

    def close(self) -> None:
        super().close()
        self._flush()


def _is_furniture(attrs: dict[str, str | None]) -> bool:
    title = (attrs.get("title") or "").lower()
    style = (attrs.get("style") or "").lower().replace(" ", "")
    return title in ("header", "footer") or bool(re.search(r"mso-element:(?:header|footer)", style))


def _span(value: str | None) -> int:
    try:
        return min(max(1, int(value or 1)), 64)
    except ValueError:
        return 1


def sanitise(html: str) -> str:
    spans = {"rowspan", "colspan"}
    return nh3.clean(
        html,
        tags=_KEEP_TAGS,
        attributes={"td": spans, "th": spans, "div": {"title", "style"}},
        strip_comments=True,
    )


def read_html(html: str) -> Document:
    builder = _TreeBuilder()
    builder.feed(sanitise(html))
    builder.close()
    return builder.doc
