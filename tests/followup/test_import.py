"""Bulk import from CSV and XLSX: real files, every failing row reported, nothing half-saved."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from followup import services, tabular
from followup.models import Measurement
from lib.errors import DomainError

pytestmark = pytest.mark.django_db

HEADER = ["Indikator-id", "Omfang", "Gælder for", "Periode", "År", "Halvår", "Survey",
          "Antal", "Procent", "Ud af", "Kilde", "Begrundelse for rettelse"]  # fmt: skip


def _csv(rows: list[list[Any]], header: list[str] = HEADER) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def _xlsx(rows: list[list[Any]], *, percent_format: bool = False) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    if percent_format:
        for cell in sheet["I"][1:]:
            cell.number_format = "0.0%"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _import(plan: Any, data: bytes, name: str, **kwargs: Any) -> services.MeasurementImport:
    return services.measurements_import(plan=plan, rows=tabular.read_sheet(data, name), **kwargs)


def test_a_csv_in_danish_number_format_is_saved(plan: Any, indicator: Any) -> None:
    data = _csv(
        [
            [indicator.pk, "hele området", "", "år", 2024, "", "", "", "64,5", "", "Skolen", ""],
            [indicator.pk, "kommune", "Lilleby Kommune", "år", 2024, "", "", "1.204", "", "1.480",
             "", ""],
            [indicator.pk, "afdeling", "Afd. 4", "halvår", 2024, "2", "", "41", "6,3", "650", "", ""],
            [indicator.pk, "målgruppe eller spørgsmål", "Føler sig utryg", "surveybølge", 2025,
             "", "Tryghedsmåling (VIVE)", "", "36", "", "", ""],
        ]
    )  # fmt: skip
    result = _import(plan, data, "maalinger.csv")
    assert result.ok and result.saved == 4
    values = {m.scope: m for m in Measurement.objects.all()}
    assert values[""].percent == Decimal("64.5")
    # »1.204« is twelve hundred and four; with its »ud af« (a count alone on this procent
    # indicator would never be shown, so it is refused: test_count_on_percent_unit.py)
    assert values["Lilleby Kommune"].count == Decimal(1204)
    assert values["Lilleby Kommune"].denominator == Decimal(1480)
    assert values["Afd. 4"].half == 2 and values["Afd. 4"].text == "41 ud af 650 (6,3 %)"
    assert values["Føler sig utryg"].survey == "Tryghedsmåling (VIVE)"


def test_an_xlsx_with_percent_cells_and_blank_template_rows(plan: Any, indicator: Any) -> None:
    data = _xlsx(
        [
            [indicator.pk, "hele området", None, "år", 2025, None, None, None, 0.663],
            [indicator.pk, "kommune", "Lilleby Kommune", "år", 2025, None, None, None, None],
        ],
        percent_format=True,
    )
    result = _import(plan, data, "beboerdata.xlsx")
    assert result.ok and result.saved == 1 and result.skipped_empty == 1
    assert Measurement.objects.get().percent == Decimal("66.3")


def test_rows_with_errors_come_back_with_reasons_and_nothing_is_saved(
    plan: Any, other_plan: Any, indicator: Any
) -> None:
    data = _csv(
        [
            [indicator.pk, "hele området", "", "år", 2024, "", "", "", "64", "", "", ""],
            [99999, "hele området", "", "år", 2024, "", "", "", "64", "", "", ""],
            [indicator.pk, "hele området", "", "år", 1066, "", "", "", "64", "", "", ""],
            [indicator.pk, "kommune", "", "år", 2024, "", "", "", "mange", "", "", ""],
            [indicator.pk, "kommune", "X", "år", 2024, "", "", "", "140", "", "", ""],
            [indicator.pk, "hele området", "", "halvår", 2024, "", "", "3", "", "", "", ""],
        ]
    )
    result = _import(plan, data, "fejl.csv")
    assert [e.row for e in result.errors] == [3, 4, 5, 6, 7]
    messages = " ".join(e.message for e in result.errors)
    assert "hører ikke til planens indikatorer" in messages
    assert "1066" in messages and "ikke et tal" in messages and "mellem 0 og 100" in messages
    assert "Halvår" in messages
    assert not Measurement.objects.exists()
    # The user chooses to keep the good row.
    result = _import(plan, data, "fejl.csv", save_good_rows=True)
    assert result.saved == 1 and len(result.errors) == 5
    assert Measurement.objects.count() == 1


def test_an_existing_value_needs_a_reason_and_becomes_a_correction(plan: Any, values: Any) -> None:
    same = [values[0].indicator_id, "hele området", "", "år", 2024, "", "", "", "64", "", "", ""]
    other = [values[0].indicator_id, "hele området", "", "år", 2024, "", "", "", "65", "", "", ""]
    result = _import(plan, _csv([same]), "a.csv")
    assert result.ok and result.unchanged == 1 and result.saved == 0
    result = _import(plan, _csv([other]), "b.csv")
    assert "begrundelse" in result.errors[0].message
    result = _import(plan, _csv([[*other[:-1], "Genopgjort"]]), "c.csv")
    assert result.ok and result.corrected == 1
    assert Measurement.objects.current().get(year=2024, scope="").percent == Decimal(65)


def test_wrong_columns_a_fake_xlsx_and_a_too_large_file_are_refused(settings: Any) -> None:
    with pytest.raises(DomainError, match="rigtige kolonner.*Indikator-id"):
        tabular.read_sheet(_csv([], header=["Navn", "Værdi"]), "x.csv")
    with pytest.raises(DomainError, match="ikke et Excel-regneark"):
        tabular.read_sheet(b"Indikator-id;Omfang\n1;2\n", "forkert.xlsx")
    with pytest.raises(DomainError, match="Brug .xlsx eller .csv"):
        tabular.read_sheet(b"%PDF-1.7", "tal.pdf")
    settings.MAX_UPLOAD_BYTES = 10
    with pytest.raises(DomainError, match="for stor"):
        tabular.read_sheet(_csv([]), "stor.csv")


def test_the_template_lists_the_plans_indicators_and_reads_back(plan: Any, indicator: Any) -> None:
    from followup.views import _template_rows

    data = tabular.write_xlsx(_template_rows(plan, 2025), title="t")
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == tabular.COLUMNS
    assert (indicator.pk, "Lilleby Kommune") in {(r[0], r[3]) for r in rows[1:]}
    result = _import(plan, data, "skabelon.xlsx")
    assert result.ok and result.saved == 0 and result.skipped_empty == len(rows) - 1


def test_the_upload_page_reports_errors_and_saves_nothing(
    client: Any, plan: Any, personas: Any, indicator: Any, settings: Any
) -> None:
    client.force_login(personas["koordinator"])
    url = f"/planer/{plan.slug}/opfoelgning/indlaes/"
    bad = [indicator.pk, "hele området", "", "år", 2024, "", "", "", "101", "", "", ""]
    good = [indicator.pk, "kommune", "Lilleby Kommune", "år", 2024, "", "", "", "80", "", "", ""]
    upload = SimpleUploadedFile("m.csv", _csv([good, bad]), content_type="text/csv")
    response = client.post(url, {"file": upload})
    assert response.status_code == 200
    text = response.content.decode()
    assert "Intet er gemt" in text and "mellem 0 og 100" in text
    assert not Measurement.objects.exists()
    fake = SimpleUploadedFile("m.xlsx", b"not a spreadsheet")
    text = client.post(url, {"file": fake}).content.decode()
    assert "ikke et Excel-regneark" in text
    settings.MAX_UPLOAD_BYTES = 20
    big = SimpleUploadedFile("m.csv", _csv([good]), content_type="text/csv")
    assert "for stor" in client.post(url, {"file": big}).content.decode()
    settings.MAX_UPLOAD_BYTES = 20 * 1024 * 1024
    upload = SimpleUploadedFile("m.csv", _csv([good]), content_type="text/csv")
    response = client.post(url, {"file": upload})
    assert response.status_code == 200
    assert "1 nye værdier, 0 rettelser, 0 uændrede" in response.content.decode()
    assert Measurement.objects.get().recorded_by == personas["koordinator"]
