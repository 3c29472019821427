"""Delaftaler in real-world wording of their header, staff and activity sheets (fictional, our
own words): parties as a sentence, staff figures as »2 x 37 timer« / »0,5 årsværk« / a table
with its columns in another order, and activity sheets with the template's typos, its
guidance text left in, and a sheet named only by its heading. One text, written as DOCX and as
plain text, so every format is held to the same reading."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

PARTIES_SENTENCE = (
    "Denne delaftale er indgået mellem Boligforeningen Solbakken, Nørreby Kommune, Børne- og "
    "Familieforvaltningen, Nørreby Kommune (Kultur og Fritid) samt Fritidsklubben Lærken"
)
PARTIES = [
    "Boligforeningen Solbakken",
    "Nørreby Kommune, Børne- og Familieforvaltningen",
    "Nørreby Kommune (Kultur og Fritid)",
    "Fritidsklubben Lærken",
]
GOAL_HEADER = ["Delmål", "Indikator", "Baseline boligområde/ målgruppe", "Evt. anden baseline",
               "Baseline år", "Datakilde"]  # fmt: skip
GOAL_ROWS = [
    ["Flere børn går i fritidsklub", "Andel 10-13-årige i fritidsklub", "31 %", "Nørreby Kommune: 44 %",
     "2023", "Klubbens medlemstal"],
]  # fmt: skip
# Rolle | Andel | Timer | Finansiering in another order
STAFF_HEADER = ["Finansiering", "Timer", "Rolle", "Andel"]
STAFF_ROWS = [
    ["Helhedsplanen", "2 x 37 timer", "Fritidsmedarbejdere", ""],
    ["Kommunen", "", "Klubleder", "0,5 årsværk"],
    ["Medfinansiering", "18,5 t/uge", "Familierådgiver", ""],
    ["Helhedsplanen", "", "Koordinator", "50 % af en fuldtidsstilling"],
]
STAFF = [
    ("Fritidsmedarbejdere", None, 2 * 37 * 52.0),
    ("Klubleder", 50.0, None),
    ("Familierådgiver", None, 18.5 * 52),
    ("Koordinator", 50.0, None),
]


@dataclass
class Sheet:
    name: str
    fields: list[tuple[str, str]]
    # the sheet's name only in a heading above its fields, no »Aktivitetsnavn« row
    heading_only: bool = False


GUIDANCE = "Beskriv kort aktivitetens formål"
SHEETS = [
    Sheet(
        "Klubaftener i Solbakken",
        [
            ("Aktivitsnavn", "Klubaftener i Solbakken"),  # the template's own typo
            ("Formål", "At flere børn får et fast fritidstilbud tæt på hjemmet."),
            ("Målgruppe(r)", "Børn mellem 10 og 13 år i Solbakken."),
            ("Indhold og praksis", "Klubben holder åbent i beboerhuset to aftener om ugen."),
            (
                "Ansvars- og rollefordeling",
                "Fritidsklubben Lærken har ansvaret; helhedsplanen henter børnene.",
            ),
        ],
    ),
    Sheet(
        "Familiecafé",
        [
            ("Aktivitetsnavn", "Familiecafé"),
            ("Formål", f"[{GUIDANCE}]"),  # guidance text left in
            ("Målgruppe(r)", "Forældre til børn i klubben."),
            ("Indhold og praksis", "En månedlig café med spisning og et tema."),
            ("Ansvars- og rollefordeling", "Familierådgiveren planlægger caféen."),
        ],
    ),
    Sheet(
        "Ferieaktiviteter",
        [
            ("Formål", "At børnene har noget at lave i skoleferierne."),
            ("Målgruppe(r)", "Børn mellem 6 og 13 år."),
            ("Indhold og praksis", "Ture og værksteder i sommer- og efterårsferien."),
            ("Ansvars- og rollefordeling", "Fritidsmedarbejderne står for ferieaktiviteterne."),
        ],
        heading_only=True,
    ),
]


@dataclass
class Truth:
    parties: list[str] = field(default_factory=lambda: list(PARTIES))
    staff: list[tuple[str, float | None, float | None]] = field(default_factory=lambda: list(STAFF))
    sheets: list[Sheet] = field(default_factory=lambda: list(SHEETS))


def docx_document() -> bytes:
    import docx

    d: Any = docx.Document()
    d.add_heading("Delaftale for indsatsområdet Uddannelse og livschancer", 1)
    d.add_paragraph("Navn på den boligsociale indsats, som delaftalen vedrører:")
    d.add_paragraph("Sammen i Solbakken")
    d.add_paragraph("Delaftalen gælder fra - til:")
    d.add_paragraph("1. januar 2025 – 31. december 2028")
    d.add_paragraph("Delaftalens parter:")
    d.add_paragraph(PARTIES_SENTENCE)
    d.add_paragraph("Delmål og indikatorer for indsatsområdet")
    _table(d, [GOAL_HEADER, *GOAL_ROWS])
    d.add_paragraph("Medarbejderressourcer for indsatsområdet:")
    _table(d, [STAFF_HEADER, *STAFF_ROWS])
    d.add_paragraph("Sammenhæng med den kommunale indsats i boligområdet:")
    d.add_paragraph("Klubaftenerne er en del af kommunens fritidspolitik.")
    d.add_heading("Skema til beskrivelse af aktiviteter", 2)
    for sheet in SHEETS:
        if sheet.heading_only:
            d.add_heading(sheet.name, 3)
        _table(d, [[label, text] for label, text in sheet.fields])
        d.add_paragraph("")
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def _table(d: Any, rows: list[list[str]]) -> None:
    table = d.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value


def text_document() -> str:
    """The same agreement as a person types or pastes it: »Label: text« lines."""
    lines = [
        "Delaftale for indsatsområdet Uddannelse og livschancer",
        "",
        "Navn på den boligsociale indsats, som delaftalen vedrører:",
        "Sammen i Solbakken",
        "",
        "Delaftalen gælder fra - til:",
        "1. januar 2025 – 31. december 2028",
        "",
        "Delaftalens parter:",
        PARTIES_SENTENCE + ".",
        "",
        "Medarbejderressourcer for indsatsområdet:",
        "",
        *(
            f"{role}, {hours or share}, finansieret af {who.lower()}"
            for who, hours, role, share in STAFF_ROWS
        ),  # fmt: skip
        "",
        "Skema til beskrivelse af aktiviteter",
        "",
    ]
    for sheet in SHEETS:
        if sheet.heading_only:
            lines.append(sheet.name)
        lines.extend(f"{label}: {text}" for label, text in sheet.fields)
        lines.append("")
    return "\n".join(lines)
