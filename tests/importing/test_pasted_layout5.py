"""Text pasted from `pdftotext -layout` of agreements whose header, goals and activity sheets
are tables reads as the Word file does: multi-line cells stay in their row, a key/value
table's own labels start rows, a heading after a table ends it; rows that still look run
together get a named warning (never silently wrong)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from importing.layout.reflow import layout_tables
from importing.pipeline import read_document
from importing.recognisers.checks import check_merged_rows
from plans.interchange import Agreement, Goal, Indicator, Measure

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "importing"
PASTED5 = FIXTURES / "pasted5"


def _fold(text: str | None) -> str:
    """Letters and digits only: a word a narrow cell broke without a hyphen (another rule's
    business) does not decide whether a cell landed in its row and column."""
    return re.sub(r"[^0-9a-zæøå]", "", (text or "").lower())


def _read(path: Path) -> Agreement:
    return read_document(path.read_bytes(), "indsat.txt").agreement


@pytest.mark.parametrize("name", sorted(p.stem for p in PASTED5.glob("*.txt")))
def test_a_rendered_table_layout_agreement_reads_as_written(name):
    expected = json.loads((PASTED5 / f"{name}.json").read_text(encoding="utf-8"))
    agreement = _read(PASTED5 / f"{name}.txt")
    assert agreement.initiative == expected["initiative"]
    assert [agreement.period.start.isoformat(), agreement.period.end.isoformat()] == expected[
        "period"
    ]
    assert len(agreement.goals) == len(expected["goals"])
    for goal, (text, indicators) in zip(agreement.goals, expected["goals"], strict=True):
        assert _fold(goal.text) == _fold(text)
        assert len(goal.indicators) == len(indicators)
        for indicator, (name_, baseline, comparator, year, source) in zip(
            goal.indicators, indicators, strict=True
        ):
            assert _fold(indicator.text) == _fold(name_)
            assert [m.text for m in indicator.baselines] == [baseline]
            assert [m.text.split(": ")[-1] for m in indicator.comparators] == (
                [comparator] if comparator else []
            )
            assert indicator.baseline_year == year
            assert _fold(indicator.data_source) == _fold(source)
    assert [a.name for a in agreement.activities] == expected["activities"]
    assert all(a.purpose and a.content and a.responsibilities for a in agreement.activities)
    if expected["staff"] is not None:
        assert [s.text for s in agreement.staff] == expected["staff"]


def test_the_review_documents_pasted_layout_text_reads_as_its_word_file():
    pasted = _read(FIXTURES / "review2" / "A_pasted_layout.txt")
    docx_path = FIXTURES / "review2" / "A_beskaeftigelse_kv_tabeller.docx"
    word = read_document(docx_path.read_bytes(), docx_path.name).agreement
    assert pasted.period == word.period
    assert [_fold(g.text) for g in pasted.goals] == [_fold(g.text) for g in word.goals]
    for mine, theirs in zip(pasted.goals, word.goals, strict=True):
        for a, b in zip(mine.indicators, theirs.indicators, strict=True):
            assert _fold(a.text) == _fold(b.text)
            assert a.baselines == b.baselines and a.comparators == b.comparators
            assert (a.baseline_year, _fold(a.data_source)) == (
                b.baseline_year,
                _fold(b.data_source),
            )
    assert [a.name for a in pasted.activities] == [a.name for a in word.activities]
    assert [s.text for s in pasted.staff] == [s.text for s in word.staff]
    assert not any("to rækker" in w for w in pasted.warnings)


KEY_VALUE = (
    "Områdets navn                      Engholm Vest\n"
    "Helhedsplanens navn                Fælles i Engholm\n"
    "Delaftalen gælder fra - til        1. maj 2025 – 30. april 2029\n"
    "Medarbejderressourcer\n"
    "\n"
    "Områdekoordinator 100 %\n"
)


def test_a_key_value_tables_own_labels_are_rows_and_a_heading_after_it_is_not():
    pieces = layout_tables(KEY_VALUE)
    table = next(p for p in pieces if isinstance(p, list))
    assert table == [
        ["Områdets navn", "Engholm Vest"],
        ["Helhedsplanens navn", "Fælles i Engholm"],
        ["Delaftalen gælder fra - til", "1. maj 2025 – 30. april 2029"],
    ]
    assert any(isinstance(p, str) and p.startswith("Medarbejderressourcer") for p in pieces)


GOALS_THEN_SHEET = (
    "Delmål        Indikator     Baseline     Baseline     Baseline     Datakilde\n"
    "                            Engholm      Nordby       år\n"
    "                            Vest         Kommune\n"
    "1. Flere      Andel 16-     38,2 %       61,0 %       2023         Egen\n"
    "unge er i     19-årige i                                           optælling\n"
    "fritidsjob    fritidsjob\n"
    "2. Færre      Antal         9 unge       –            2024         Klubbens\n"
    "unge uden     unge uden                                            tal\n"
    "tilbud        tilbud\n"
    "Aktivitetsskema: Fritidsklubben Engholm\n"
    "\n"
    "Formål                        At flere unge har et fast sted at være om aftenen.\n"
    "Målgruppe                     Unge mellem 12 og 17 år.\n"
)


def test_multi_line_rows_stay_rows_and_the_sheet_heading_ends_the_goal_table():
    pieces = layout_tables(GOALS_THEN_SHEET)
    goals, sheet = (p for p in pieces if isinstance(p, list))
    assert [" ".join(c.split()) for c in goals[0][2:5]] == [
        "Baseline Engholm Vest",
        "Baseline Nordby Kommune",
        "Baseline år",
    ]
    assert goals[1] == [
        "1. Flere unge er i fritidsjob",
        "Andel 16-19-årige i fritidsjob",
        "38,2 %",
        "61,0 %",
        "2023",
        "Egen optælling",
    ]
    assert goals[2][:3] == ["2. Færre unge uden tilbud", "Antal unge uden tilbud", "9 unge"]
    assert sheet[0] == ["Formål", "At flere unge har et fast sted at være om aftenen."]
    heading = [p for p in pieces if isinstance(p, str) and "Aktivitetsskema" in p]
    assert heading and heading[0].strip() == "Aktivitetsskema: Fritidsklubben Engholm"


def _agreement(goal: str, indicator: str, baseline: str) -> Agreement:
    agreement = Agreement(kind="delaftale", title="Delaftale")
    agreement.goals = [Goal(goal, [Indicator(indicator, baselines=[Measure(text=baseline)])])]
    return agreement


def test_rows_read_as_one_get_a_named_warning_at_their_place():
    agreement = _agreement(
        "Flere voksne er i job 2. Flere unge har et fritidsjob",
        "Andel voksne i job Antal unge med fritidsjob",
        "Engholm 41,7 % 12 unge",
    )
    check_merged_rows(agreement)
    at_goal = agreement.warning_fields["goals.0"]
    at_indicator = agreement.warning_fields["goals.0.indicators.0"]
    assert any("»2. Flere« står midt i teksten" in w for w in at_goal)
    assert any("to indikatorers navne" in w and "»Antal unge" in w for w in at_indicator)
    assert any("to tal af samme slags" in w for w in at_indicator)


def test_an_ordinary_row_gets_no_merged_row_warning():
    agreement = _agreement(
        "Flere beboere deltager i 2 eller flere aktiviteter",
        "Andel beboere, der deltager i foreningslivet",
        "Afd. 3: 41 beboere (6,3 %) i 2023",
    )
    check_merged_rows(agreement)
    assert agreement.warnings == []
