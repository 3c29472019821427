"""Delaftaler laid out the way a plan makes its own: a header with fields the template does not
have, parties in one line or cell, activity sheets as a heading with »Label: text« paragraphs
under it, and a title of the agreement's own. Our own fictional words.

Each builder gives the document and its truth (the reading it must give, in the interchange
format). `python -m tests.importing.own_fields DIR` writes them as layout fixtures
(tests/fixtures/layouts/); the tests also build them in memory.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

GOAL_HEADER = ["Delmål", "Indikator", "Baseline", "Baseline år", "Datakilde"]
GOALS = [
    (
        "Flere beboere føler sig trygge i Engly om aftenen",
        [("Andel beboere, der føler sig trygge om aftenen", "58 %", 58.0, 2025, "Egen måling")],
    ),
    (
        "Flere beboere kender deres naboer",
        [("Andel beboere, der kender mindst fem naboer", "36 %", 36.0, 2025, "Egen måling")],
    ),
]
STAFF = [("Boligsocial medarbejder 100 %", 100.0)]
MUNICIPAL = "Indsatsen følger Vestby Kommunes plan for trygge boligområder."

# (name, [(label as written, field, text)])
ACTIVITIES = [
    (
        "Aftenvandring i Engly",
        [
            ("Aktivitetens formål", "purpose", "At beboerne ser hinanden i området om aftenen."),
            ("Målgrupper", "target_groups", "Voksne beboere i alle afdelinger."),
            (
                "Indhold og praksis",
                "content",
                "Beboere og medarbejdere går en fast rute hver onsdag.",
            ),
            (
                "Roller og ansvar",
                "responsibilities",
                "Den boligsociale medarbejder planlægger ruterne.",
            ),
        ],
    ),
    (
        "Gårdfest",
        [
            ("Formål", "purpose", "At naboer møder hinanden på tværs af opgangene."),
            ("Beskrivelse", "content", "En fest i gården hver sommer med mad fra beboerne."),
            ("Ansvarlig", "responsibilities", "Afdelingsbestyrelsen med hjælp fra sekretariatet."),
            ("Succeskriterier", "goals", "Mindst 150 deltagere."),
        ],
    ),
]
PARTIES = ["Boligforeningen Engly", "Vestby Kommune, Børn og Unge", "Klubben Vestkanten"]


def _truth(title: str, parties: list[str], initiative: str | None) -> dict[str, Any]:
    goals = [
        {
            "text": text,
            "indicators": [
                {
                    "text": indicator,
                    "baselines": [{"text": shown, "percent": value}],
                    "baseline_year": year,
                    "data_source": source,
                }
                for indicator, shown, value, year, source in indicators
            ],
        }
        for text, indicators in GOALS
    ]
    activities = []
    for name, fields in ACTIVITIES:
        activity: dict[str, Any] = {"name": name}
        for _label, field, text in fields:
            activity[field] = [text] if field == "goals" else text
        activities.append(activity)
    truth: dict[str, Any] = {
        "kind": "delaftale",
        "title": title,
        "focus_area": "Tryghed og trivsel",
        "period": {"start": "2027-01-01", "end": "2030-12-31"},
        "parties": parties,
        "goals": goals,
        "activity_names": [name for name, _fields in ACTIVITIES],
        "activities": activities,
        "staff": [{"text": text, "share_percent": share} for text, share in STAFF],
        "municipal_coherence": MUNICIPAL,
    }
    if initiative:
        truth["initiative"] = initiative
    return truth


def _goal_tables(d: Any) -> None:
    d.add_heading("Delmål og indikatorer for indsatsområdet", 1)
    table = d.add_table(rows=1, cols=len(GOAL_HEADER))
    table.style = "Table Grid"
    for cell, heading in zip(table.rows[0].cells, GOAL_HEADER, strict=True):
        cell.text = heading
    for text, indicators in GOALS:
        for indicator, shown, _value, year, source in indicators:
            values = [text, indicator, shown, str(year), source]
            for cell, value in zip(table.add_row().cells, values, strict=True):
                cell.text = value


def _rest(d: Any) -> None:
    """Activities as headings with »Label: text« paragraphs, then staff and the municipality."""
    d.add_heading("Aktiviteter", 1)
    for name, fields in ACTIVITIES:
        d.add_heading(name, 2)
        for label, _field, text in fields:
            d.add_paragraph(f"{label}: {text}")
    d.add_heading("Medarbejderressourcer", 1)
    for text, _share in STAFF:
        d.add_paragraph(text)
    d.add_heading("Sammenhæng med den kommunale indsats i boligområdet", 1)
    d.add_paragraph(MUNICIPAL)


def _bytes(d: Any) -> bytes:
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def bold_fields_docx() -> tuple[bytes, dict[str, Any]]:
    """Header fields as bold labels, each with its value below; parties in one paragraph
    (»A, B og C«); two fields of the plan's own (»Kontaktperson«, »Godkendt af
    bestyrelsen«); the agreement's own title in bold under the template's heading."""
    import docx

    parties = ["Boligforeningen Engly", "Vestby Kommune", "Klubben Vestkanten"]
    d = docx.Document()
    d.add_heading("Delaftale for indsatsområdet Tryghed og trivsel", 1)
    d.add_paragraph().add_run("Tryg i Engly").bold = True
    for label, value in (
        ("Navn på den boligsociale indsats:", "Sammen i Engly"),
        ("Delaftalens parter:", "Boligforeningen Engly, Vestby Kommune og Klubben Vestkanten"),
        ("Kontaktperson:", "Lise Holm, boligsocial leder"),
        ("Delaftalen gælder fra - til:", "1. januar 2027 – 31. december 2030"),
        ("Godkendt af bestyrelsen:", "Ikke endnu"),
    ):
        d.add_paragraph().add_run(label).bold = True
        d.add_paragraph(value)
    _goal_tables(d)
    _rest(d)
    return _bytes(d), _truth("Tryg i Engly", parties, "Sammen i Engly")


def cell_lines_docx() -> tuple[bytes, dict[str, Any]]:
    """A header table: parties one paragraph each in one cell, a row of the plan's own, and
    the title of the agreement's own making as the document's heading."""
    import docx

    d = docx.Document()
    d.add_heading("Delaftale – Tryghed i Engly", 0)
    table = d.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    rows = [
        ("Helhedsplan", ["Sammen i Engly"]),
        ("Indsatsområde", ["Tryghed og trivsel"]),
        ("Parter", PARTIES),
        ("Sidst revideret", ["Marts 2027"]),
        ("Periode", ["1. januar 2027 – 31. december 2030"]),
    ]
    for label, values in rows:
        cells = table.add_row().cells
        cells[0].text = label
        cells[1].text = values[0]
        for value in values[1:]:
            cells[1].add_paragraph(value)
    _goal_tables(d)
    _rest(d)
    return _bytes(d), _truth("Delaftale – Tryghed i Engly", PARTIES, "Sammen i Engly")


BUILDERS = {
    "engly-tryghed--bold-own-fields--docx.docx": bold_fields_docx,
    "engly-tryghed--labeltable-cell-lines--docx.docx": cell_lines_docx,
}


def write(directory: Path) -> None:
    for name, build in BUILDERS.items():
        data, truth = build()
        (directory / name).write_bytes(data)
        text = json.dumps(truth, ensure_ascii=False, indent=1) + "\n"
        (directory / (Path(name).stem + ".json")).write_text(text, "utf-8")


if __name__ == "__main__":
    write(Path(sys.argv[1]))
