"""A second fictional demo plan, in another invented municipality: »Sammen i Lyngparken« in
Nørrevig Kommune, so the portfolio LBF reads holds more than one plan, and the demo's kommune
user (Åbyhavn Kommune's) can be seen not to read it.

Our own words and numbers, loaded through the same services as the demo plan
(`demo.plan`): a strategic agreement approved by the board and LBF in 2023, with LBF's fixed
indicators and their baselines for the boligområde and the municipality, one delaftale, and
a few years of values (`demo.followup`). It has no users of its own; LBF and the
administrator read it across plans.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from demo.followup import load_followup_demo
from demo.history import plan_written, strategic_granted
from plans.models import Plan

NEIGHBOUR_SLUG = "lyngparken"
NEIGHBOUR_NAME = "Sammen i Lyngparken"
NEIGHBOUR_MUNICIPALITY = "Nørrevig Kommune"
PARTIES = ["Boligforeningen Lyngparken", NEIGHBOUR_MUNICIPALITY]
PERIOD = {"start": "2023-03-01", "end": "2026-12-31"}


def _measure(text: str, scope: str | None = None, **numbers: Any) -> dict[str, Any]:
    return {"text": text, "scope": scope, **numbers}


STRATEGIC: dict[str, Any] = {
    "kind": "strategisk_samarbejdsaftale",
    "title": "Strategisk samarbejdsaftale for Lyngparken",
    "initiative": NEIGHBOUR_NAME,
    "period": PERIOD,
    "parties": PARTIES,
    "housing_areas": [
        {
            "name": "Lyngparken",
            "departments": [{"number": "2", "organisation": "Boligforeningen Lyngparken"}],
        }
    ],
    "vision": "Lyngparken skal være et sted, hvor unge får en uddannelse og naboer mødes.",
    "organisation": (
        "En bestyrelse med boligforeningens formand og kommunens skolechef leder indsatsen."
    ),
    "goals": [
        {
            "text": "Flere unge tager en uddannelse",
            "indicators": [
                {
                    "text": "Andel 1-5 årige i dagtilbud",
                    "baselines": [_measure("74,6 %", "Lyngparken", percent=74.6)],
                    "comparators": [_measure("90,1 %", NEIGHBOUR_MUNICIPALITY, percent=90.1)],
                    "baseline_year": 2022,
                    "data_source": "LBF - Boligsociale Data",
                },
                {
                    "text": "Andel 15-29-årige, der hverken er i gang med en uddannelse eller er i beskæftigelse (restgruppen)",
                    "baselines": [_measure("23,1 %", "Lyngparken", percent=23.1)],
                    "comparators": [_measure("8,4 %", NEIGHBOUR_MUNICIPALITY, percent=8.4)],
                    "baseline_year": 2022,
                    "data_source": "LBF - Boligsociale Data",
                },
            ],
        }
    ],
    "focus_areas": [
        {
            "name": "Uddannelse og livschancer",
            "problem_complex": "Mange unge i Lyngparken går ikke videre efter grundskolen.",
        }
    ],
    "revision": "Ændringer i aftalen forelægges Landsbyggefonden til godkendelse.",
}

EDUCATION: dict[str, Any] = {
    "kind": "delaftale",
    "title": "Delaftale for indsatsområdet Uddannelse og livschancer",
    "focus_area": "Uddannelse og livschancer",
    "initiative": NEIGHBOUR_NAME,
    "period": PERIOD,
    "parties": PARTIES,
    "goals": [
        {
            "text": "Flere unge fra Lyngparken går videre i uddannelse",
            "indicators": [
                {
                    "text": "Antal unge, der via uddannelsesvejledningen er startet på en uddannelse",
                    "baselines": [_measure("9 unge", count=9)],
                    "baseline_year": 2022,
                    "data_source": "Vejledningens registrering",
                    "direction": "more",
                    "unit": "count",
                }
            ],
        }
    ],
    "activity_names": ["Uddannelsesvejledning i beboerhuset"],
    "staff": [{"text": "Ungevejleder, halv tid", "role": "Ungevejleder", "share_percent": 50}],
}


@transaction.atomic
def load_neighbour_demo() -> Plan:
    """Create the second demo plan, once (loading again leaves it as it is); returns it."""
    existing = Plan.objects.filter(slug=NEIGHBOUR_SLUG).first()
    if existing is not None:
        return existing
    plan = plan_written(
        slug=NEIGHBOUR_SLUG,
        name=NEIGHBOUR_NAME,
        documents=[STRATEGIC, EDUCATION],
        day=dt.date(2023, 1, 16),
        municipality=NEIGHBOUR_MUNICIPALITY,
        lbf_case_number="2023-0112",
    )
    strategic_granted(
        plan,
        sent=dt.date(2023, 2, 1),
        approved=dt.date(2023, 2, 14),
        meeting="Bestyrelsesmøde 1/2023",
        lbf=dt.date(2023, 2, 28),
        lbf_reference="Bevilling 2023-0112",
    )
    load_followup_demo(plan)
    return plan
