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


def _linked(goal: str, *linked: str) -> dict[str, Any]:
    """A delaftale with one delmål (with one indicator) and activities linked to `linked`."""
    return {
        "kind": "delaftale",
        "goals": [{"text": goal, "indicators": [{"text": "Andel i fritidsjob"}]}],
        "activity_names": ["Jobværksted", "Fritidsguide"],
        "activities": [],
        "activity_goals": [
            {"name": "Jobværksted", "goals": list(linked)},
            {"name": "Fritidsguide", "goals": [goal]},
        ],
    }


def test_a_reworded_delmal_is_one_change_not_one_per_linked_activity() -> None:
    """The board read the same long delmål three times: once as »Delmål« and once per
    activity serving it, as if each activity had been moved to another delmål."""
    old = _linked("Flere unge i fritidsjob", "Flere unge i fritidsjob")
    new = _linked(
        "Flere unge i fritidsjob og lommepengejob", "Flere unge i fritidsjob og lommepengejob"
    )
    assert _lines(old, new) == [
        "Delmål ændret fra »Flere unge i fritidsjob« til »Flere unge i fritidsjob og lommepengejob«"
    ]


def test_an_activity_moved_off_a_reworded_delmal_is_still_said() -> None:
    old = _linked("Flere unge i fritidsjob", "Flere unge i fritidsjob")
    new = _linked("Flere unge i fritidsjob og lommepengejob")
    lines = _lines(old, new)
    assert len(lines) == 2
    assert "aktiviteten »Jobværksted« bidrager til" in lines[1]
    assert "lommepengejob" in lines[1] and lines[1].endswith("»ingen«")
