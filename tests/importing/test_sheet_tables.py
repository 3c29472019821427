"""Activity sheets written as LBF's two-column tables (label | text) are read like the
labelled paragraphs: one activity per sheet, each label's text in its field."""

from __future__ import annotations

import pytest

from importing.pipeline import read_document
from tests.importing.builders import docx_sheet_tables


@pytest.mark.parametrize("with_heading", [True, False], ids=["under-heading", "no-heading"])
def test_sheet_tables_become_activities(with_heading: bool) -> None:
    result = read_document(docx_sheet_tables(with_heading=with_heading), "skemaer.docx")
    agreement = result.agreement
    first, second = agreement.activities
    assert first.name == "Lektiecaféen i Solgården"
    assert first.purpose == "At flere børn får lavet lektier. Og at forældrene kommer med."
    assert first.goals == ["30 børn kommer fast hver uge", "10 forældre hjælper til"]
    assert first.target_groups == "Skolebørn i 4.-9. klasse"
    assert first.content == "Caféen har åbent mandag og onsdag."
    assert first.responsibilities == "Sekretariatet driver caféen; skolen henviser."
    assert second.name == "Forældrenetværket"
    assert second.purpose == "Forældre støtter hinanden."
    assert second.goals == ["Et netværksmøde om måneden", "15 forældre deltager"]
    assert second.target_groups is None
    assert second.responsibilities == "Forældrekonsulenten."
    # The sheet tables are neither goals nor prose of the section before them.
    assert [g.text for g in agreement.goals] == ["Flere børn trives i skolen"]
    assert agreement.revision == "Delaftalen revideres hvert år."


def test_goal_table_is_not_a_sheet() -> None:
    from importing.recognise import is_sheet_table
    from importing.tree import Block
    from tests.importing.builders import HEADER, ROWS

    assert not is_sheet_table(Block(kind="table", rows=[HEADER, *ROWS]))
    assert is_sheet_table(Block(kind="table", rows=[["Aktivitetsnavn:", "A"], ["Formål", "B"]]))
