"""Test documents in the LBF template's shapes, in our own fictional words."""

from __future__ import annotations

import io

HEADER = ["Delmål", "Indikator", "Baseline boligområde/ målgruppe", "Evt. anden baseline",
          "Baseline år", "Datakilde"]  # fmt: skip
ROWS = [
    ["Flere unge kommer i job", "Andel 18-29-årige i beskæftigelse", "Afd. 3: 40 %\nAfd. 7: 35 %",
     "Kommunen: 62 %", "2022", "Danmarks Statistik"],
    ["", "Antal jobsamtaler", "120 samtaler", "", "2022", "Egen registrering"],
    ["Beboerne føler sig trygge",
     "\"Føler du dig tryg om aftenen?\" \"Føler du dig tryg i opgangen?\"",
     "61 % trygge 70 % trygge", "", "2021", "Lokal tryghedsmåling"],
]  # fmt: skip


def docx_agreement() -> bytes:
    import docx

    d = docx.Document()
    d.add_heading("Delaftale for indsatsområdet Beskæftigelse", 1)
    d.add_paragraph("Navn på den boligsociale indsats, som delaftalen vedrører:")
    d.add_paragraph("Fællesskab i Lindeparken")
    d.add_paragraph("Delaftalen gælder fra - til:")
    d.add_paragraph("1. marts 2023 – 28. februar 2027")
    d.add_paragraph("Delaftalens parter:")
    for party in ("Jobcenter Lindby", "Lindeparkens Beboerforening"):
        d.add_paragraph(party, style="List Bullet")
    d.add_paragraph("Delmål og indikatorer for indsatsområdet")
    table = d.add_table(rows=len(ROWS) + 1, cols=len(HEADER))
    for r, row in enumerate([HEADER, *ROWS]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    d.add_paragraph(
        "Aktiviteter, som skal bidrage til indfrielsen af delmålene for indsatsområdet og "
        "understøtte opnåelsen af de overordnede mål jf. den strategiske samarbejdsaftale:"
    )
    d.add_paragraph("Jobcafé", style="List Number")
    d.add_paragraph("Lektiehjælp for voksne", style="List Number")
    d.add_paragraph("Medarbejderressourcer for indsatsområdet:")
    d.add_paragraph("Jobmentor 50%")
    d.add_paragraph("Jobcenter Lindby 300t/år")
    d.add_paragraph("Sammenhæng med den kommunale indsats i boligområdet:")
    d.add_paragraph("Jobcafeen supplerer jobcentrets egne tilbud med en fast ugentlig åbningstid.")
    d.add_paragraph("Revision af delaftalen:")
    d.add_paragraph("Delaftalen revideres hvert år i januar.")
    d.add_paragraph(
        "Aktiviteter, som skal bidrage til indfrielsen af delmålene for indsatsområdet "
        "(tilføj skemaer - ét skema pr. aktivitet):"
    )
    for label, text in (
        ("Aktivitetsnavn:", "Jobcafé"),
        ("Formål:", "At flere ledige beboere får hjælp til ansøgninger."),
        ("Målgruppe(r):", "Ledige beboere over 25 år."),
        ("Indhold og praksis:", "Caféen holder åbent hver tirsdag i beboerhuset."),
        ("Ansvars- og rollefordeling:", "Jobmentoren står for caféen."),
    ):
        d.add_paragraph(label)
        d.add_paragraph(text)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def pdf_agreement(rows: int = 40) -> bytes:
    from weasyprint import HTML

    body = "".join(
        f"<tr><td>{'Flere beboere deltager i fællesspisning' if i == 0 else ''}</td>"
        f"<td>Antal deltagere i hold {i}</td><td>Afd. {i}: {10 + i} beboere ({i},5%)</td>"
        f"<td></td><td>2023</td><td>Egen opgørelse</td></tr>"
        for i in range(rows)
    )
    head = "".join(f"<th>{h}</th>" for h in HEADER)
    html = f"""<html><head><style>td,th{{border:1px solid black}}
    table{{border-collapse:collapse;font-size:9pt}}</style></head><body>
    <h1>Delaftale for indsatsområdet Kriminalitetsforebyggelse</h1>
    <p>Delaftalen gælder fra - til:</p><p>01.01.24 – 31.12.27</p>
    <p>Delaftalens parter:</p><p>Lindby Politi</p><p>SSP Lindby</p>
    <p>Delmål og indikatorer for indsatsområdet</p>
    <table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>
    <p>Revision af delaftalen:</p><p>Bestyrelsen godkender ændringer.</p></body></html>"""
    return HTML(string=html).write_pdf()


SHEETS = [
    [
        ("Aktivitetsnavn:", ["Lektiecaféen i Solgården"]),
        ("Formål:", ["At flere børn får lavet lektier.", "Og at forældrene kommer med."]),
        ("Delmål for aktiviteten:", ["30 børn kommer fast hver uge", "10 forældre hjælper til"]),
        ("Målgruppe(r):", ["Skolebørn i 4.-9. klasse"]),
        ("Indhold og praksis:", ["Caféen har åbent mandag og onsdag."]),
        ("Ansvars- og rollefordeling:", ["Sekretariatet driver caféen; skolen henviser."]),
    ],
    [
        ("Aktivitetsnavn:", ["Forældrenetværket"]),
        ("Formål:", ["Forældre støtter hinanden."]),
        ("Delmål:", ["- Et netværksmøde om måneden", "- 15 forældre deltager"]),
        ("Målgruppe(r):", []),
        ("Indhold og praksis:", ["Møder i beboerhuset."]),
        ("Ansvars- og rollefordeling:", ["Forældrekonsulenten."]),
    ],
]  # fmt: skip


def docx_sheet_tables(*, with_heading: bool = True) -> bytes:
    """A delaftale whose activity sheets are LBF's two-column tables (label | text): the first
    with bulleted delmål, the second with typed dashes and its purpose label sharing one merged
    cell with the text. Without the heading the tables follow the revision text directly."""
    import docx

    d = docx.Document()
    d.add_heading("Delaftale for indsatsområdet Uddannelse og livschancer", 1)
    d.add_paragraph("Delaftalens parter:")
    d.add_paragraph("Solgårdens Boligselskab", style="List Bullet")
    d.add_paragraph("Delmål og indikatorer for indsatsområdet")
    table = d.add_table(rows=2, cols=len(HEADER))
    for c, value in enumerate(HEADER):
        table.cell(0, c).text = value
    for c, value in enumerate(
        ["Flere børn trives i skolen", "Andel med fravær under 10 %", "70 %", "", "2023", "Skolen"]
    ):
        table.cell(1, c).text = value
    d.add_paragraph("Revision af delaftalen:")
    d.add_paragraph("Delaftalen revideres hvert år.")
    if with_heading:
        d.add_paragraph(
            "Aktiviteter, som skal bidrage til indfrielsen af delmålene for indsatsområdet "
            "(tilføj skemaer - ét skema pr. aktivitet):"
        )
    for number, sheet in enumerate(SHEETS):
        table = d.add_table(rows=len(sheet), cols=2)
        table.style = "Table Grid"
        for row, (label, paragraphs) in zip(table.rows, sheet, strict=True):
            label_cell, text_cell = row.cells
            if number == 1 and label == "Formål:":
                # label and text in one cell spanning both columns
                merged = label_cell.merge(text_cell)
                merged.text = f"{label} {paragraphs[0]}"
                continue
            label_cell.text = label
            for index, text in enumerate(paragraphs):
                paragraph = text_cell.paragraphs[0] if index == 0 else text_cell.add_paragraph()
                paragraph.text = text
                if label.startswith("Delmål") and number == 0:
                    paragraph.style = d.styles["List Bullet"]
        d.add_paragraph("")
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()
