"""A renamed activity in the board's diff (plans.diff): one change, not removed + added +
changed (the new-user review of issue 11)."""

from __future__ import annotations

from typing import Any

from plans.diff import agreement_diff


def _agreement(*names: str, sheets: bool = True) -> dict[str, Any]:
    return {
        "kind": "delaftale",
        "activity_names": list(names),
        "activities": [{"name": n, "purpose": "Fælles formål"} for n in names] if sheets else [],
    }


def _lines(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    return [str(c) for c in agreement_diff(old, new)]


def test_a_renamed_activity_with_its_sheet_is_one_change() -> None:
    lines = _lines(
        _agreement("Lektiecafé", "Forældrecafé"), _agreement("Lektiecafé i klubben", "Forældrecafé")
    )
    assert lines == ["Aktivitetsnavn ændret fra »Lektiecafé« til »Lektiecafé i klubben«"]


def test_an_activity_renamed_beyond_recognition_in_its_place_is_one_change() -> None:
    lines = _lines(_agreement("Lektiecafé", "Forældrecafé"), _agreement("Natravn", "Forældrecafé"))
    assert lines == ["Aktivitetsnavn ændret fra »Lektiecafé« til »Natravn«"]
    listed = _lines(
        _agreement("Lektiecafé", "Forældrecafé", sheets=False),
        _agreement("Natravn", "Forældrecafé", sheets=False),
    )
    assert listed == ["Aktivitet i listen ændret fra »Lektiecafé« til »Natravn«"]


def test_an_activity_added_and_one_removed_elsewhere_stay_added_and_removed() -> None:
    lines = _lines(
        _agreement("Lektiecafé", "Forældrecafé", sheets=False),
        _agreement("Forældrecafé", "Natravn", sheets=False),
    )
    assert lines == [
        "Aktivitet i listen fjernet: »Lektiecafé«",
        "Aktivitet i listen tilføjet: »Natravn«",
    ]
