"""Test documents for the PDF, pasted-text and scan layouts, in our own fictional words.

One agreement (`AGREEMENT`) rendered as a Word-like PDF with running header, footer and page
numbers and a table over several pages; as pasted text hard-wrapped at a fixed width with
hyphenation, flattened onto one line, or as `pdftotext -layout` columns; and as scans.
"""

from __future__ import annotations

import html
import random
import shutil
import subprocess
import tempfile
import textwrap
from pathlib import Path
from typing import Any

TITLE = "Delaftale for indsatsområdet Sammenhængskraft og medborgerskab"
INITIATIVE = "Fællesskab på Kløvermarken"
PERIOD = "1. april 2024 – 31. marts 2028"
PARTIES = ["Boligselskabet Kløverbo", "Kløvermarken Kommune", "Beboerforeningen Kløveren"]
HEADER = ["Delmål", "Indikator", "Baseline boligområde/ målgruppe", "Baseline år", "Datakilde"]
GOALS = [
    (
        "Flere beboere tager del i foreningslivet i boligområdet",
        [
            ("Andel beboere der er aktive i en forening", "Afd. 4: 18 %", "2023"),
            ("Antal frivillige i beboerhuset", "42 frivillige", "2023"),
        ],
    ),
    (
        "Beboerne kender hinanden på tværs af opgangene",
        [
            ("Andel der hilser på mindst fem naboer", "Afd. 4: 51 %", "2022"),
            ("Antal deltagere i fællesspisninger", "310 deltagere", "2023"),
        ],
    ),
    (
        "Flere unge bruger områdets fritidstilbud",
        [
            ("Antal unge i klubben om ugen", "65 unge", "2023"),
            ("Andel unge der kender klubbens tilbud", "Afd. 4: 38 %", "2022"),
        ],
    ),
]
SOURCE = "Sekretariatets egen optælling"
PROSE = (
    "Indsatsen bygger videre på de netværk, som beboerdemokratiet og de lokale foreninger "
    "allerede har skabt, og supplerer kommunens fritidstilbud med aktiviteter i "
    "boligområdets egne lokaler. Sekretariatet koordinerer aktiviteterne med kommunens "
    "forvaltninger og mødes hvert kvartal med skolen og klubben."
)
REVISION = "Delaftalen revideres ved behov og mindst én gang om året i forbindelse med årsmødet."
STAFF = ["Fællesskabskoordinator 100 %", "Frivilligkoordinator 50 %"]
RUNNING_HEADER = "Boligsocial helhedsplan for Kløvermarken 2024-2028"


def _goal_rows() -> list[list[str]]:
    rows = []
    for goal, indicators in GOALS:
        for index, (indicator, baseline, year) in enumerate(indicators):
            rows.append([goal if index == 0 else "", indicator, baseline, year, SOURCE])
    return rows


def paged_pdf(*, repeat_header: bool = True, copies: int = 4) -> bytes:
    """A Word-like PDF: running header, "Side N af M" footer, a title set large enough to
    wrap, and the delmål table running over pages (its rows repeated `copies` times, each
    copy with other numbers, so the table is long)."""
    from weasyprint import HTML

    body_rows = []
    for copy in range(copies):
        for goal, indicator, baseline, year, source in _goal_rows():
            goal = f"{goal} ({copy + 1})" if goal else ""
            body_rows.append(
                "<tr>"
                + "".join(
                    f"<td>{html.escape(c)}</td>"
                    for c in (goal, f"{indicator} ({copy + 1})", baseline, year, source)
                )
                + "</tr>"
            )
    head = "<tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in HEADER) + "</tr>"
    table = (
        f"<table><thead>{head}</thead><tbody>{''.join(body_rows)}</tbody></table>"
        if repeat_header
        else f"<table><tbody>{head}{''.join(body_rows)}</tbody></table>"
    )
    parties = "".join(f"<p>{html.escape(p)}</p>" for p in PARTIES)
    staff = "".join(f"<p>{html.escape(s)}</p>" for s in STAFF)
    document = f"""<html><head><style>
    @page {{ size: A4; margin: 25mm 20mm;
      @top-left {{ content: "{RUNNING_HEADER}"; font-size: 9pt }}
      @bottom-right {{ content: "Side " counter(page) " af " counter(pages); font-size: 9pt }}
    }}
    body {{ font-family: sans-serif; font-size: 10.5pt }}
    h1 {{ font-size: 20pt; width: 11cm }}
    table {{ border-collapse: collapse; font-size: 9.5pt; width: 100% }}
    td, th {{ border: 1px solid black; vertical-align: top; padding: 2pt }}
    </style></head><body>
    <h1>{html.escape(TITLE)}</h1>
    <p><b>Navn på den boligsociale indsats, som delaftalen vedrører:</b></p>
    <p>{html.escape(INITIATIVE)}</p>
    <p><b>Delaftalen gælder fra - til:</b></p><p>{html.escape(PERIOD)}</p>
    <p><b>Delaftalens parter:</b></p>{parties}
    <p><b>Delmål og indikatorer for indsatsområdet</b></p>
    {table}
    <p><b>Medarbejderressourcer for indsatsområdet:</b></p>{staff}
    <p><b>Sammenhæng med den kommunale indsats i boligområdet:</b></p>
    <p>{html.escape(PROSE)}</p>
    <p><b>Revision af delaftalen:</b></p><p>{html.escape(REVISION)}</p>
    </body></html>"""
    return HTML(string=document).write_pdf()


def agreement_text() -> str:
    """The agreement as plain text, its table tab-separated, one paragraph a line."""
    lines = [
        f"# {TITLE}",
        "",
        "Navn på den boligsociale indsats, som delaftalen vedrører:",
        INITIATIVE,
        "",
        "Delaftalen gælder fra - til:",
        PERIOD,
        "",
        "Delaftalens parter:",
        *PARTIES,
        "",
        "Delmål og indikatorer for indsatsområdet",
        "\t".join(HEADER),
        *("\t".join(row) for row in _goal_rows()),
        "",
        "Medarbejderressourcer for indsatsområdet:",
        *STAFF,
        "",
        "Sammenhæng med den kommunale indsats i boligområdet:",
        PROSE,
        "",
        "Revision af delaftalen:",
        REVISION,
    ]
    return "\n".join(lines) + "\n"


def hard_wrapped_text(width: int = 64) -> str:
    """Prose hard-wrapped at `width` with words hyphenated at the line ends, as a PDF
    viewer copies it; short lines (parties, staff) stay as they are."""
    out = []
    for line in agreement_text().split("\n"):
        if len(line) <= width or "\t" in line or line.startswith("#"):
            out.append(line)
            continue
        out.extend(_hyphen_wrap(line, width))
    return "\n".join(out)


def _hyphen_wrap(line: str, width: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in line.split():
        if not current:
            current = word
        elif len(current) + 1 + len(word) <= width:
            current += " " + word
        elif len(word) >= 8 and width - len(current) - 2 >= 3:
            cut = min(width - len(current) - 2, len(word) - 3)
            lines.append(f"{current} {word[:cut]}-")
            current = word[cut:]
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines


def flat_text() -> str:
    """Everything on one line, as text copied from a document-sharing site."""
    text = agreement_text().replace("\t", " ").replace("# ", "")
    return " ".join(text.split()) + "\n"


def layout_text(pdf: bytes) -> str:
    """`pdftotext -layout` of a PDF."""
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "in.pdf"
        source.write_bytes(pdf)
        result = subprocess.run(
            ["pdftotext", "-layout", str(source), "-"], capture_output=True, check=True
        )
    return result.stdout.decode("utf-8")


def page_images(pdf: bytes, *, dpi: int = 200) -> list[Any]:
    from PIL import Image

    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "in.pdf"
        source.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-gray", "-png", str(source), f"{tmp}/p"], check=True
        )
        images = []
        for path in sorted(Path(tmp).glob("p*.png")):
            with Image.open(path) as image:
                images.append(image.convert("L"))
        return images


def scanned(image: Any, *, degrees: float = 0.7, speckles: int = 2500, seed: int = 7) -> Any:
    """A page as a sheet feeder gives it: slightly turned, blurred, speckled."""
    from PIL import Image, ImageFilter

    rng = random.Random(seed)
    page = image.rotate(degrees, fillcolor=255, resample=Image.Resampling.BICUBIC)
    pixels = page.load()
    for _ in range(speckles):
        x, y = rng.randrange(page.width), rng.randrange(page.height)
        pixels[x, y] = rng.choice((0, 60, 120))
    return page.filter(ImageFilter.GaussianBlur(0.5))


def scan_pdf(images: list[Any], *, dpi: int = 200) -> bytes:
    """Page images as a PDF without a text layer, as a scanner writes it."""
    import img2pdf

    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for number, image in enumerate(images):
            path = Path(tmp) / f"s{number:03d}.png"
            image.save(path, dpi=(dpi, dpi))
            paths.append(str(path))
        layout = img2pdf.get_fixed_dpi_layout_fun((dpi, dpi))
        return img2pdf.convert(paths, layout_fun=layout)


def tools_present() -> bool:
    return bool(shutil.which("pdftoppm") and shutil.which("pdftotext"))


def wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width)
