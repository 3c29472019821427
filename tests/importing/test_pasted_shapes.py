"""One fictional delaftale (Vindelbo, Vindelby Kommune) pasted in the shapes people paste:
a Word document's copy (tab-separated table cells, Windows line ends, non-breaking spaces
and soft hyphens, form feeds and "Side 2 af 3" lines between pages), each page on one line
(a document-sharing site's copy), and lines hard-wrapped at a narrow width. Every shape reads
the same agreement, and a part left empty is named in a Danish warning, never silently
empty."""

from __future__ import annotations

import textwrap

import pytest

from importing.pipeline import read_document

AREAS = ("Beskæftigelse", "Uddannelse og livschancer")
NB = "\u00a0"
SHY = "\u00ad"

HEADER = [
    "Delaftale for indsatsområdet Beskæftigelse",
    "",
    f"Navn{NB}på den boligsociale indsats, som delaftalen vedrører:",
    "Vindelbo Sammen",
    "",
    "Delaftalens parter:",
    "Boligforeningen Vindelhøj",
    "Vindelby Kommune, Jobcentret",
    "",
    "Delaftalen gælder fra - til:",
    "1. april 2024 – 31. marts 2028",
    "",
]
GOALS = [
    "Delmål og indikatorer for indsatsområdet",
    "Delmål\tIndikator\tBaseline boligområde / målgruppe\tEvt. anden baseline\tBaseline år"
    "\tDatakilde",
    f"Flere voksne i Vindelbo kommer i be{SHY}skæftigelse\tAndel 18-64-årige i beskæftigelse"
    f"\t44,1{NB}%\tVindelby Kommune: 71,5{NB}%\t2023\tLBF - Boligsociale Data",
    f"\tAntal beboere i virksomheds{SHY}praktik\t9 beboere\t\t2023\tHelhedsplanens registrering",
    "",
]
SHEET = [
    "Aktiviteter, som skal bidrage til indfrielsen af delmålene for indsatsområdet:",
    "1. Jobværksted Vindelbo",
    "",
    "Aktivitetsskema",
    "Aktivitetsnavn:\tJobværksted Vindelbo",
    "Formål:\tFlere ledige beboere får hjælp til at søge job.",
    "Målgruppe(r):\tLedige beboere 18-64 år",
    "Indhold og praksis:\tÅbent værksted to formiddage om ugen med cv-hjælp.",
    "Ansvars- og rollefordeling:\tHelhedsplanen driver værkstedet; Jobcentret deltager.",
    "",
]
STAFF = [
    "Medarbejderressourcer for indsatsområdet",
    "Beskæftigelsesmedarbejder 100 %",
    "Jobkonsulent fra Jobcentret 300 timer om året",
    "",
]
TAIL = [
    "Sammenhæng med den kommunale indsats i boligområdet",
    f"Delaftalen understøtter kommunens be{SHY}",
    "skæftigelsesplan, og jobcentret har en fremskudt medarbejder i Vindelbo.",
    "",
    "Revision af delaftalen",
    "Delaftalen revideres hvert år i januar.",
    "",
]


def word_copy(*, staff: list[str] = STAFF, tail: list[str] = TAIL) -> bytes:
    pages = [HEADER + GOALS, SHEET, staff + tail]
    text = "".join(
        "\r\n".join([*page, f"Side {n} af {len(pages)}", ""]) + ("\f" if n < len(pages) else "")
        for n, page in enumerate(pages, start=1)
    )
    return text.encode("utf-8")


def _check(result) -> None:  # type: ignore[no-untyped-def]
    agreement = result.agreement
    assert agreement.initiative == "Vindelbo Sammen"
    assert agreement.parties == ["Boligforeningen Vindelhøj", "Vindelby Kommune, Jobcentret"]
    assert str(agreement.period.start) == "2024-04-01"
    assert [g.text for g in agreement.goals] == ["Flere voksne i Vindelbo kommer i beskæftigelse"]
    first, second = agreement.goals[0].indicators
    assert first.text == "Andel 18-64-årige i beskæftigelse"
    assert [b.text for b in first.baselines] == ["44,1 %"]
    assert first.baseline_year == 2023
    assert second.text == "Antal beboere i virksomhedspraktik"
    assert [a.name for a in agreement.activities] == ["Jobværksted Vindelbo"]
    assert len(agreement.staff) == 2
    assert agreement.municipal_coherence.startswith(
        "Delaftalen understøtter kommunens beskæftigelsesplan"
    )
    assert not any("Side" in w for w in result.warnings)


def test_a_word_copy_with_tabs_crlf_nbsp_soft_hyphens_and_page_lines_reads_whole():
    _check(read_document(word_copy(), "aftale.txt", areas=AREAS))


def _one_line(data: bytes) -> bytes:
    pages = data.decode("utf-8").replace("\r\n", "\n").split("\f")
    return "\n".join(" ".join(page.split()) for page in pages).encode("utf-8")


def _wrapped(data: bytes, width: int = 58) -> bytes:
    text = data.decode("utf-8").replace("\r\n", "\n").replace("\t", " ").replace("\f", "\n")
    paragraphs = [" ".join(p.split()) for p in text.split("\n\n")]
    return "\n\n".join(textwrap.fill(p, width) for p in paragraphs if p).encode("utf-8")


@pytest.mark.parametrize("shape", [_one_line, _wrapped])
def test_the_same_agreement_flattened_keeps_its_header_sheet_and_parts(shape):
    agreement = read_document(shape(word_copy()), "aftale.txt", areas=AREAS).agreement
    assert agreement.initiative == "Vindelbo Sammen"
    assert agreement.parties == ["Boligforeningen Vindelhøj", "Vindelby Kommune, Jobcentret"]
    assert [a.name for a in agreement.activities] == ["Jobværksted Vindelbo"]
    assert agreement.revision == "Delaftalen revideres hvert år i januar."
    assert len([i for g in agreement.goals for i in g.indicators]) == 2


@pytest.mark.parametrize("shape", [lambda d: d, _one_line, _wrapped])
def test_an_empty_part_in_any_pasted_shape_is_named_in_a_warning(shape):
    empty = ["Medarbejderressourcer for indsatsområdet", ""]
    tail = [*TAIL[:4], "Revision af delaftalen", ""]
    result = read_document(shape(word_copy(staff=empty, tail=tail)), "aftale.txt", areas=AREAS)
    assert not result.agreement.staff
    assert any("medarbejder" in w.lower() for w in result.warnings)
    assert not result.agreement.revision
    assert any("Revision af aftalen" in w for w in result.warnings)


def test_a_word_cells_own_line_breaks_keep_the_row_whole():
    goals = [
        "Delmål og indikatorer for indsatsområdet",
        GOALS[1],
        "Flere voksne i Vindelbo kommer i beskæftigelse\tAndel 18-64-årige i beskæftigelse"
        "\tAfd. 4: 41 %",
        "Afd. 7: 39 %\tVindelby Kommune: 71,5 %\t2023\tLBF - Boligsociale Data",
        "\tAntal beboere i virksomhedspraktik\t9 beboere\t\t2023\tHelhedsplanens",
        "registrering",
        "",
    ]
    text = "\r\n".join([*HEADER, *goals, *SHEET, *STAFF, *TAIL])
    agreement = read_document(text.encode("utf-8"), "aftale.txt", areas=AREAS).agreement
    first, second = agreement.goals[0].indicators
    assert [(b.scope, b.text) for b in first.baselines] == [("Afd. 4", "41 %"), ("Afd. 7", "39 %")]
    assert first.baseline_year == 2023
    assert first.data_source == "LBF - Boligsociale Data"
    assert second.data_source == "Helhedsplanens registrering"
    assert [a.name for a in agreement.activities] == ["Jobværksted Vindelbo"]
