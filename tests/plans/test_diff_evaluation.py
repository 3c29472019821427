"""The version diff the board approves from names forandringsteori and process-goal changes
(a new result, a linked indicator, a new process goal), not only the chain's."""

from __future__ import annotations

import copy
from typing import Any

from plans.diff import agreement_diff

BASE: dict[str, Any] = {
    "kind": "delaftale",
    "title": "Delaftale om fællesskab",
    "activities": [
        {
            "name": "Nabocaféen",
            "process_goals": [{"text": "30 caféer om året", "target": 30, "per": "year"}],
        }
    ],
    "theory_of_change": {
        "activities": ["Nabocaféen"],
        "results": [
            {"horizon": "short", "text": "Naboer mødes.", "indicators": []},
        ],
        "assumptions": ["Huset er åbent."],
        "reviewed": "2025-03-12",
    },
}


def _texts(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    return [str(c) for c in agreement_diff(old, new)]


def test_a_new_result_with_its_indicator_is_a_change() -> None:
    new = copy.deepcopy(BASE)
    new["theory_of_change"]["results"].append(
        {"horizon": "long", "text": "Flere deltager.", "indicators": ["Fremmøde"]}
    )
    assert _texts(BASE, new) == [
        "Forandringsteori: resultat tilføjet: »lang sigt: Flere deltager. (måles ved: Fremmøde)«"
    ]


def test_linking_an_indicator_and_changing_an_assumption_are_changes() -> None:
    new = copy.deepcopy(BASE)
    new["theory_of_change"]["results"][0]["indicators"] = ["Fremmøde"]
    new["theory_of_change"]["assumptions"] = ["Huset er åbent hver dag."]
    changes = _texts(BASE, new)
    assert "Forandringsteori: resultat fjernet: »kort sigt: Naboer mødes.«" in changes
    assert any("måles ved: Fremmøde" in c for c in changes)
    assert "Forandringsteori: forudsætning tilføjet: »Huset er åbent hver dag.«" in changes


def test_a_new_process_goal_is_a_change() -> None:
    new = copy.deepcopy(BASE)
    new["activities"][0]["process_goals"].append(
        {"text": "1 uden for området", "target": 1, "per": "year", "condition": "uden for"}
    )
    assert _texts(BASE, new) == [
        "Procesmål (Nabocaféen) tilføjet: »1 uden for området · mål 1 pr. år · "
        "betingelse: uden for«"
    ]


def test_a_document_that_does_not_state_them_changes_nothing() -> None:
    new = copy.deepcopy(BASE)
    new["theory_of_change"] = None
    new["activities"][0]["process_goals"] = []
    assert _texts(BASE, new) == []
    assert _texts(BASE, copy.deepcopy(BASE)) == []
