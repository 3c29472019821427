"""WordprocessingML written by hand: the structures Word's own form templates and people's
editing leave in a file, which a generator built on python-docx never writes (content
controls, text boxes with their VML fallback, tracked changes, comments, footnotes, a TOC
field with its cached entries, sections in landscape or in two columns, nested tables).

Deliberately independent of corpus/render.py: a second, unrelated way of making DOCX, so the
importer is measured on files its own generator could not have shaped."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
    'mc:Ignorable="w14"'
)


def _t(text: str, tag: str = "w:t") -> str:
    return f'<{tag} xml:space="preserve">{escape(text)}</{tag}>'


def run(
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    size: int | None = None,
    font: str | None = None,
    colour: str | None = None,
    highlight: str | None = None,
) -> str:
    """A run; "\\n" in the text is a soft line break (w:br), "\\t" a tab."""
    props = ""
    if font:
        props += f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:cs="{font}"/>'
    if bold:
        props += "<w:b/><w:bCs/>"
    if italic:
        props += "<w:i/>"
    if colour:
        props += f'<w:color w:val="{colour}"/>'
    if size:
        props += f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
    if highlight:
        props += f'<w:highlight w:val="{highlight}"/>'
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    parts: list[str] = []
    for index, line in enumerate(text.split("\n")):
        if index:
            parts.append("<w:br/>")
        for number, piece in enumerate(line.split("\t")):
            if number:
                parts.append("<w:tab/>")
            if piece:
                parts.append(_t(piece))
    return f"<w:r>{rpr}{''.join(parts)}</w:r>"


def para(
    content: str = "",
    *,
    style: str | None = None,
    align: str | None = None,
    num: tuple[int, int] | None = None,
    sect: str = "",
    keep_next: bool = False,
    shade: str | None = None,
    spacing_after: int | None = None,
) -> str:
    """A paragraph of runs (`content` is run XML, or plain text made into one run)."""
    if content and not content.lstrip().startswith("<"):
        content = run(content)
    props = ""
    if style:
        props += f'<w:pStyle w:val="{style}"/>'
    if keep_next:
        props += "<w:keepNext/>"
    if num:
        props += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    if shade:
        props += f'<w:shd w:val="clear" w:color="auto" w:fill="{shade}"/>'
    if spacing_after is not None:
        props += f'<w:spacing w:after="{spacing_after}"/>'
    if align:
        props += f'<w:jc w:val="{align}"/>'
    props += sect
    ppr = f"<w:pPr>{props}</w:pPr>" if props else ""
    return f"<w:p>{ppr}{content}</w:p>"


def page_break() -> str:
    return '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'


def sect_pr(
    *, landscape: bool = False, cols: int = 1, header: bool = False, next_page: bool = True
) -> str:
    """Section properties: A4, portrait or landscape, in one or more columns."""
    w, h = (16838, 11906) if landscape else (11906, 16838)
    orient = ' w:orient="landscape"' if landscape else ""
    refs = (
        '<w:headerReference w:type="default" r:id="rIdHeader"/>'
        '<w:footerReference w:type="default" r:id="rIdFooter"/>'
        if header
        else ""
    )
    kind = "" if next_page else '<w:type w:val="continuous"/>'
    columns = f'<w:cols w:num="{cols}" w:space="567"/>' if cols > 1 else '<w:cols w:space="708"/>'
    return (
        f'<w:sectPr>{refs}{kind}<w:pgSz w:w="{w}" w:h="{h}"{orient}/>'
        '<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="567" '
        f'w:footer="567" w:gutter="0"/>{columns}</w:sectPr>'
    )


@dataclass
class Cell:
    blocks: list[str]
    span: int = 1
    vmerge: str | None = None  # "restart" | "continue"
    shade: str | None = None
    width: int = 2000


def cell_of(text: str, *, bold: bool = False, **kw: object) -> Cell:
    """A cell of plain paragraphs, one per "\\n\\n"-separated piece (soft breaks stay)."""
    pieces = text.split("\n\n") if text else [""]
    return Cell([para(run(p, bold=bold)) if p else para() for p in pieces], **kw)  # type: ignore[arg-type]


def table(
    rows: list[list[Cell]],
    *,
    header_rows: int = 0,
    borders: bool = True,
    widths: list[int] | None = None,
) -> str:
    cols = max(sum(c.span for c in row) for row in rows)
    widths = widths or [9600 // cols] * cols
    border = (
        "<w:tblBorders>"
        + "".join(
            f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
            for side in ("top", "left", "bottom", "right", "insideH", "insideV")
        )
        + "</w:tblBorders>"
        if borders
        else ""
    )
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    out = [
        f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/>{border}'
        f'<w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
    ]
    for number, row in enumerate(rows):
        trpr = "<w:trPr><w:tblHeader/></w:trPr>" if number < header_rows else ""
        out.append(f"<w:tr>{trpr}")
        col = 0
        for c in row:
            width = sum(widths[col : col + c.span])
            col += c.span
            props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
            if c.span > 1:
                props += f'<w:gridSpan w:val="{c.span}"/>'
            if c.vmerge == "restart":
                props += '<w:vMerge w:val="restart"/>'
            elif c.vmerge == "continue":
                props += "<w:vMerge/>"
            if c.shade:
                props += f'<w:shd w:val="clear" w:color="auto" w:fill="{c.shade}"/>'
            blocks = "".join(c.blocks) or para()
            if not blocks.rstrip().endswith("</w:p>"):
                blocks += para()  # a cell must end with a paragraph
            out.append(f"<w:tc><w:tcPr>{props}</w:tcPr>{blocks}</w:tc>")
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


# -- form-template structures ------------------------------------------------------------
_SDT_ID = [100]


def _sdt_props(alias: str) -> str:
    _SDT_ID[0] += 1
    return (
        f'<w:sdtPr><w:alias w:val="{escape(alias)}"/><w:tag w:val="{escape(alias)}"/>'
        f'<w:id w:val="{_SDT_ID[0]}"/></w:sdtPr>'
    )


def sdt_run(text: str, alias: str, **kw: bool) -> str:
    """A run-level content control ("Klik her for at angive tekst" filled in)."""
    return f"<w:sdt>{_sdt_props(alias)}<w:sdtContent>{run(text, **kw)}</w:sdtContent></w:sdt>"  # type: ignore[arg-type]


def sdt_block(blocks: str, alias: str) -> str:
    """A block-level content control holding whole paragraphs (or a table)."""
    return f"<w:sdt>{_sdt_props(alias)}<w:sdtContent>{blocks}</w:sdtContent></w:sdt>"


def sdt_cell(texts: list[str], alias: str) -> Cell:
    return Cell([sdt_block("".join(para(run(t)) for t in texts), alias)])


def textbox(blocks: str, *, width_cm: float = 16.0, height_cm: float = 6.0) -> str:
    """A floating text box as Word writes it: the DrawingML shape, and a VML fallback with
    the same text (readers that take both read the text twice)."""
    cx, cy = int(width_cm * 360000), int(height_cm * 360000)
    choice = (
        '<w:drawing><wp:anchor distT="0" distB="0" distL="114300" distR="114300" '
        'simplePos="0" relativeHeight="2" behindDoc="0" locked="0" layoutInCell="1" '
        'allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        '<wp:wrapTopAndBottom/><wp:docPr id="1" name="Tekstfelt 1"/><wp:cNvGraphicFramePr/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/'
        'wordprocessingShape"><wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr>'
        f'<a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:ln w="6350"><a:solidFill>'
        '<a:srgbClr val="000000"/></a:solidFill></a:ln></wps:spPr>'
        f"<wps:txbx><w:txbxContent>{blocks}</w:txbxContent></wps:txbx>"
        '<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="91440" tIns="45720" '
        'rIns="91440" bIns="45720" anchor="t"><a:noAutofit/></wps:bodyPr></wps:wsp>'
        "</a:graphicData></a:graphic></wp:anchor></w:drawing>"
    )
    fallback = (
        f'<w:pict><v:shape id="Tekstfelt1" type="#_x0000_t202" style="position:absolute;'
        f'width:{width_cm}cm;height:{height_cm}cm;z-index:2" strokeweight=".5pt">'
        f"<v:textbox><w:txbxContent>{blocks}</w:txbxContent></v:textbox></v:shape></w:pict>"
    )
    return (
        f'<w:r><mc:AlternateContent><mc:Choice Requires="wps">{choice}</mc:Choice>'
        f"<mc:Fallback>{fallback}</mc:Fallback></mc:AlternateContent></w:r>"
    )


_REV = [0]


def inserted(runs: str, author: str = "Koordinator") -> str:
    _REV[0] += 1
    return (
        f'<w:ins w:id="{_REV[0]}" w:author="{author}" w:date="2024-02-01T10:00:00Z">{runs}</w:ins>'
    )


def deleted(text: str, author: str = "Koordinator") -> str:
    _REV[0] += 1
    return (
        f'<w:del w:id="{_REV[0]}" w:author="{author}" w:date="2024-02-01T10:00:00Z">'
        f"<w:r>{_t(text, 'w:delText')}</w:r></w:del>"
    )


@dataclass
class Package:
    """The parts of one DOCX besides the body: footnotes, comments, header and footer."""

    footnotes: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    header_text: str = ""
    header_blocks: str = ""  # block XML for the page header (a table of fields), if given
    footer_text: str = ""
    fonts: str = "Calibri"

    def footnote(self, text: str) -> str:
        """The footnote reference run; the note's text goes to footnotes.xml."""
        self.footnotes.append(text)
        number = len(self.footnotes)
        return (
            '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/><w:vertAlign w:val="superscript"/>'
            f'</w:rPr><w:footnoteReference w:id="{number}"/></w:r>'
        )

    def comment(self, runs: str, text: str) -> str:
        """Runs with a comment anchored on them (the comment's text in comments.xml)."""
        self.comments.append(text)
        number = len(self.comments) - 1
        return (
            f'<w:commentRangeStart w:id="{number}"/>{runs}<w:commentRangeEnd w:id="{number}"/>'
            f'<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr>'
            f'<w:commentReference w:id="{number}"/></w:r>'
        )

    def save(self, body: str, final_sect: str) -> bytes:
        files = {
            "[Content_Types].xml": _content_types(),
            "_rels/.rels": _ROOT_RELS,
            "word/_rels/document.xml.rels": _document_rels(),
            "word/document.xml": (
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                f"<w:document {NS}><w:body>{body}{final_sect}</w:body></w:document>"
            ),
            "word/styles.xml": _styles(self.fonts),
            "word/numbering.xml": _NUMBERING,
            "word/settings.xml": (
                f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:settings {NS}>'
                '<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>'
                "</w:settings>"
            ),
            "word/footnotes.xml": self._footnotes_xml(),
            "word/comments.xml": self._comments_xml(),
            "word/header1.xml": f'<?xml version="1.0" encoding="UTF-8"?><w:hdr {NS}>'
            + (self.header_blocks or para(run(self.header_text, size=16), align="right"))
            + "</w:hdr>",
            "word/footer1.xml": f'<?xml version="1.0" encoding="UTF-8"?><w:ftr {NS}>'
            + para(
                run(self.footer_text + "\t", size=16)
                + _field_run("PAGE", "1", size=16)
                + run(" / ", size=16)
                + _field_run("NUMPAGES", "1", size=16),
            )
            + "</w:ftr>",
        }
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, text in files.items():
                archive.writestr(name, text)
        return out.getvalue()

    def _footnotes_xml(self) -> str:
        notes = [
            '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
            "</w:footnote>",
            '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
            "<w:continuationSeparator/></w:r></w:p></w:footnote>",
        ]
        for number, text in enumerate(self.footnotes, start=1):
            notes.append(
                f'<w:footnote w:id="{number}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/>'
                '</w:pPr><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                f"<w:footnoteRef/></w:r>{run(' ' + text, size=16)}</w:p></w:footnote>"
            )
        return (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {NS}>'
            + "".join(notes)
            + "</w:footnotes>"
        )

    def _comments_xml(self) -> str:
        items = [
            f'<w:comment w:id="{n}" w:author="Leder" w:date="2024-02-02T09:00:00Z" '
            f'w:initials="L">{para(run(text))}</w:comment>'
            for n, text in enumerate(self.comments)
        ]
        return (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments {NS}>'
            + "".join(items)
            + "</w:comments>"
        )


def _field_run(instruction: str, shown: str, **kw: int) -> str:
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"{run(shown, **kw)}"  # type: ignore[arg-type]
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def toc(entries: list[tuple[int, str, int]]) -> str:
    """A table of contents field with its cached entries (level, text, page), as Word leaves
    it after "Opdater felt"."""
    out = [para(run("Indholdsfortegnelse", bold=True, size=28), style="TOCHeading")]
    for index, (level, text, page) in enumerate(entries):
        begin = ""
        if index == 0:
            begin = (
                '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText '
                'xml:space="preserve"> TOC \\o "1-3" \\h \\z \\u </w:instrText></w:r>'
                '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            )
        end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>' if index == len(entries) - 1 else ""
        out.append(
            para(
                begin + run(f"{text}\t{page}") + end,
                style=f"TOC{level}",
            )
        )
    return "".join(out)


def rewrite_part(data: bytes, name: str, change: Callable[[str], str]) -> bytes:
    """The package with its part `name` (e.g. word/document.xml) changed by `change`."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info.filename)
            if info.filename == name:
                body = change(body.decode("utf-8")).encode("utf-8")
            target.writestr(info, body)
    return out.getvalue()


# -- package boilerplate --------------------------------------------------------------------
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)


def _content_types() -> str:
    main = "application/vnd.openxmlformats-officedocument.wordprocessingml"
    parts = {
        "/word/document.xml": f"{main}.document.main+xml",
        "/word/styles.xml": f"{main}.styles+xml",
        "/word/numbering.xml": f"{main}.numbering+xml",
        "/word/settings.xml": f"{main}.settings+xml",
        "/word/footnotes.xml": f"{main}.footnotes+xml",
        "/word/comments.xml": f"{main}.comments+xml",
        "/word/header1.xml": f"{main}.header+xml",
        "/word/footer1.xml": f"{main}.footer+xml",
    }
    overrides = "".join(f'<Override PartName="{k}" ContentType="{v}"/>' for k, v in parts.items())
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        f"{overrides}</Types>"
    )


def _document_rels() -> str:
    base = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    rels = {
        "rIdStyles": ("styles", "styles.xml"),
        "rIdNumbering": ("numbering", "numbering.xml"),
        "rIdSettings": ("settings", "settings.xml"),
        "rIdFootnotes": ("footnotes", "footnotes.xml"),
        "rIdComments": ("comments", "comments.xml"),
        "rIdHeader": ("header", "header1.xml"),
        "rIdFooter": ("footer", "footer1.xml"),
    }
    items = "".join(
        f'<Relationship Id="{rid}" Type="{base}/{kind}" Target="{target}"/>'
        for rid, (kind, target) in rels.items()
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f"{items}</Relationships>"
    )


def _styles(font: str) -> str:
    def heading(level: int, size: int) -> str:
        return (
            f'<w:style w:type="paragraph" w:styleId="Overskrift{level}"><w:name w:val="heading '
            f'{level}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr>'
            f'<w:keepNext/><w:spacing w:before="240" w:after="80"/><w:outlineLvl w:val="{level - 1}"/>'
            f'</w:pPr><w:rPr><w:b/><w:sz w:val="{size}"/></w:rPr></w:style>'
        )

    def toc_style(level: int) -> str:
        return (
            f'<w:style w:type="paragraph" w:styleId="TOC{level}"><w:name w:val="toc {level}"/>'
            f'<w:basedOn w:val="Normal"/><w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" '
            f'w:pos="9628"/></w:tabs><w:ind w:left="{(level - 1) * 220}"/></w:pPr></w:style>'
        )

    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles {NS}>'
        f'<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" '
        f'w:cs="{font}"/><w:sz w:val="21"/><w:lang w:val="da-DK"/></w:rPr></w:rPrDefault>'
        '<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/>'
        "</w:pPr></w:pPrDefault></w:docDefaults>"
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
        "<w:qFormat/></w:style>"
        '<w:style w:type="paragraph" w:styleId="Titel"><w:name w:val="Title"/><w:basedOn '
        'w:val="Normal"/><w:qFormat/><w:rPr><w:sz w:val="48"/></w:rPr></w:style>'
        + heading(1, 32)
        + heading(2, 26)
        + heading(3, 22)
        + toc_style(1)
        + toc_style(2)
        + '<w:style w:type="paragraph" w:styleId="TOCHeading"><w:name w:val="TOC Heading"/>'
        '<w:basedOn w:val="Normal"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="Listeafsnit"><w:name w:val="List Paragraph"/>'
        '<w:basedOn w:val="Normal"/><w:pPr><w:ind w:left="720"/></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="FootnoteText"><w:name w:val="footnote text"/>'
        '<w:basedOn w:val="Normal"/><w:rPr><w:sz w:val="16"/></w:rPr></w:style>'
        '<w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote '
        'reference"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>'
        '<w:style w:type="character" w:styleId="CommentReference"><w:name w:val="annotation '
        'reference"/><w:rPr><w:sz w:val="16"/></w:rPr></w:style>'
        "</w:styles>"
    )


_NUMBERING = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    f"<w:numbering {NS}>"
    '<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="hybridMultilevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/>'
    '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="o"/>'
    '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="1440" w:hanging="360"/></w:pPr></w:lvl>'
    "</w:abstractNum>"
    '<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="hybridMultilevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>'
    '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl>'
    "</w:abstractNum>"
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
    "</w:numbering>"
)
BULLETS = 1
NUMBERS = 2
