"""A strategic agreement's overall goals pasted from a PDF viewer: the goal cells come
apart from their indicators, and the indicators go back under the goals the funding period
fixes for them, in the period's wording. Fictional words: Hjertebo, Hjertelund Kommune."""

from __future__ import annotations

from pathlib import Path

from importing.layout.pasted_fixed import fixed_goal_rows
from importing.pipeline import read_document

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "importing"
EDUCATION = "Fagligt løft af børn og unge, så flere bliver skoleparate og flere tager en uddannelse"
WORK = "Flere bliver tilknyttet arbejdsmarkedet"
SAFETY = "Børn og unge støttes i et liv uden kriminalitet, og områderne opleves trygge"
HEADER = "Delmål\tIndikator\tBaseline\tEvt. anden baseline\tBaseline år\tDatakilde"


def _rows(text: str) -> list[list[str]]:
    return [line.split("\t") for line in text.split("\n")[1:]]


def test_indicators_go_under_their_fixed_goal_and_a_goal_without_one_is_left_out():
    text = "\n".join(
        [
            HEADER,
            f"{EDUCATION}\tAndel 1-5 årige i dagtilbud\t77,2 %\t\t2022\tLBF Boligsociale Data",
            f"{WORK}\tKaraktergennemsni t i dansk og matematik for 9.klasseselever\t4,8\t\t2022\t",
            "\tAndel 18-64 årige, der er uden tilknytning til\t31,0 %\t\t2022\t",
            f"{SAFETY}\t\t\t\t\t",
            f"{SAFETY} arbejdsmarked og uddannelse\tAndel 15-29-årige, der er sigtet mindst én "
            "gang\t5,2 %\t\t2022\t",
        ]
    )
    rows = _rows(fixed_goal_rows(text))
    assert [row[:3] for row in rows] == [
        [EDUCATION, "Andel 1-5 årige i dagtilbud", "77,2 %"],
        ["", "Karaktergennemsnit i dansk og matematik for 9.-klasseselever", "4,8"],
        [
            WORK,
            "Andel 18-64 årige, der er uden tilknytning til arbejdsmarked og uddannelse",
            "31,0 %",
        ],
        [SAFETY, "Andel 15-29-årige, der er sigtet mindst én gang", "5,2 %"],
    ]


def test_a_delaftales_own_delmaal_keep_their_indicators_even_a_fixed_one():
    text = "\n".join(
        [
            HEADER,
            "Flere unge i Hjertebo gennemfører en uddannelse\tAndel 15-29-årige, der er sigtet "
            "mindst én gang\t5,2 %\t\t2022\t",
            "Flere forældre deltager i skolens arrangementer\tAndel 1-5 årige i dagtilbud\t77 %"
            "\t\t2022\t",
        ]
    )
    assert fixed_goal_rows(text) == text


def test_an_indicator_the_period_does_not_fix_stays_under_the_goal_above_it():
    text = "\n".join(
        [
            HEADER,
            f"{EDUCATION}\tAndel 1-5 årige i dagtilbud\t77,2 %\t\t2022\t",
            "\tAndel børn i Hjertebo, der går til fritidsaktiviteter\t40 %\t\t2023\t",
            f"{WORK}\tAndel 18-64 årige, der er uden tilknytning til arbejdsmarked og "
            "uddannelse\t31,0 %\t\t2022\t",
        ]
    )
    rows = _rows(fixed_goal_rows(text))
    assert [row[:2] for row in rows][:2] == [
        [EDUCATION, "Andel 1-5 årige i dagtilbud"],
        ["", "Andel børn i Hjertebo, der går til fritidsaktiviteter"],
    ]


def test_a_pasted_strategic_agreement_reads_each_indicator_under_its_fixed_goal():
    data = (FIXTURES / "pasted_strategic_goals_apart.txt").read_bytes()
    agreement = read_document(data, "aftale.txt").agreement
    goals = {goal.text: [i.text for i in goal.indicators] for goal in agreement.goals}
    assert goals[EDUCATION][:2] == [
        "Andel 1-5 årige i dagtilbud",
        "Karaktergennemsnit i dansk og matematik for 9.-klasseselever",
    ]
    assert goals[WORK] == [
        "Andel 15-29-årige, der hverken er i gang med en uddannelse eller er i beskæftigelse "
        "(restgruppen)",
        "Andel 18-64 årige, der er uden tilknytning til arbejdsmarked og uddannelse",
    ]
    assert goals[SAFETY] == ["Andel 15-29-årige, der er sigtet mindst én gang"]
    sigtet = agreement.goals[[g.text for g in agreement.goals].index(SAFETY)].indicators[0]
    assert [b.text for b in sigtet.baselines] == ["5,2 %"]
