"""The fictional demo plan: our own words and numbers, in the shapes of real agreements.

"Fælles om Bakkely" in the invented Åbyhavn Kommune, with a strategic agreement, two
delaftaler and one demo user per role (the kommune user is Åbyhavn Kommune's). Loaded through the same services as everything else.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from accounts.models import Membership, Role
from demo.evaluation import load_evaluation_demo
from demo.followup import load_followup_demo
from demo.history import approved_on_its_days, dated, plan_written, strategic_granted
from plans.models import Agreement, AgreementKind, Goal, Organisation, OrganisationKind, Plan

DEMO_SLUG = "bakkely"
DEMO_PASSWORD = "demo-helhedsplan"  # noqa: S105 - printed at start; demo only

PARTIES = [
    "Boligselskabet Bakkely",
    "Andelsboligforeningen Kildevang",
    "Åbyhavn Kommune",
    "Østkystens Politi",
]


def _measure(text: str, scope: str | None = None, **numbers: Any) -> dict[str, Any]:
    return {"text": text, "scope": scope, **numbers}


STRATEGIC: dict[str, Any] = {
    "kind": "strategisk_samarbejdsaftale",
    "title": "Strategisk samarbejdsaftale om boligsocial indsats",
    "initiative": "Fælles om Bakkely",
    "period": {"start": "2023-01-01", "end": "2026-12-31"},
    "parties": PARTIES,
    "housing_areas": [
        {
            "name": "Bakkely",
            "departments": [
                {"number": "4", "organisation": "Boligselskabet Bakkely"},
                {"number": "7", "organisation": "Boligselskabet Bakkely"},
            ],
        },
        {
            "name": "Kildevang",
            "departments": [{"number": "12", "organisation": "Andelsboligforeningen Kildevang"}],
        },
    ],
    "vision": (
        "Bakkely og Kildevang skal være steder, hvor børn trives i skolen, hvor voksne har "
        "fodfæste på arbejdsmarkedet, og hvor naboer kender og hjælper hinanden."
    ),
    "organisation": (
        "En bestyrelse med direktørerne for de to boligorganisationer, kommunens "
        "børne- og beskæftigelseschefer og lokalpolitiet leder indsatsen. Sekretariatet har "
        "kontor i Bakkelys fælleshus."
    ),
    "goals": [
        {
            "text": "Fagligt løft af børn og unge, så flere bliver skoleparate og flere tager en uddannelse",
            "indicators": [
                {
                    "text": "Andel 1-5 årige i dagtilbud",
                    "baselines": [_measure("81,2 %", percent=81.2)],
                    "comparators": [_measure("92,5 %", "Åbyhavn Kommune", percent=92.5)],
                    "baseline_year": 2022,
                    "data_source": "LBF - Boligsociale Data",
                },
            ],
        },
        {
            "text": "Flere bliver tilknyttet arbejdsmarkedet",
            "indicators": [
                {
                    "text": "Andel 18-64 årige, der er uden tilknytning til arbejdsmarked og uddannelse",
                    "baselines": [_measure("312 beboere (27,4%)", count=312, percent=27.4)],
                    "comparators": [_measure("11,8 %", "Åbyhavn Kommune", percent=11.8)],
                    "baseline_year": 2022,
                    "data_source": "LBF - Boligsociale Data",
                },
                {
                    "text": "Andel 15-29-årige, der hverken er i gang med en uddannelse eller er i beskæftigelse (restgruppen)",
                    "baselines": [_measure("19,6 %", percent=19.6)],
                    "comparators": [_measure("9,1 %", "Åbyhavn Kommune", percent=9.1)],
                    "baseline_year": 2022,
                    "data_source": "LBF - Boligsociale Data",
                },
            ],
        },
        {
            "text": "Børn og unge støttes i et liv uden kriminalitet, og områderne opleves trygge",
            "indicators": [
                {
                    "text": "Andel 15-29-årige, der er sigtet mindst én gang",
                    "baselines": [_measure("3,8 %", percent=3.8)],
                    "comparators": [_measure("1,9 %", "Åbyhavn Kommune", percent=1.9)],
                    "baseline_year": 2022,
                    "data_source": "LBF - Boligsociale Data",
                },
                {
                    "text": "Andel beboere over 18 år, der føler sig grundlæggende trygge i boligområdet",
                    "baselines": [_measure("64 % trygge", percent=64)],
                    "baseline_year": 2021,
                    "data_source": "Trygheds-survey VIVE/LBF",
                },
            ],
        },
        {
            "text": "Flere er en del af fællesskabet og deltager aktivt i samfundet",
            "indicators": [
                {
                    "text": "Andel beboere over 18 år, der laver frivilligt arbejde",
                    "baselines": [_measure("14 %", percent=14)],
                    "baseline_year": 2021,
                    "data_source": "Trygheds-survey VIVE/LBF",
                },
                {
                    "text": "Andel stemmeberettigede, der har stemt ved seneste kommunalvalg/folketingsvalg",
                    "baselines": [_measure("48,3 %", percent=48.3)],
                    "comparators": [_measure("71,5 %", "Åbyhavn Kommune", percent=71.5)],
                    "baseline_year": 2021,
                    "data_source": "LBF - Boligsociale Data",
                },
            ],
        },
    ],
    "focus_areas": [
        {
            "name": "Uddannelse og livschancer",
            "problem_complex": (
                "Mange børn starter i skole uden at have gået i dagtilbud, og en stor del af de "
                "unge forlader grundskolen uden at gå videre i uddannelse."
            ),
        },
        {
            "name": "Beskæftigelse",
            "problem_complex": (
                "Hver fjerde voksne står uden for arbejdsmarkedet, og mange har aldrig haft et "
                "ordinært job i Danmark."
            ),
        },
    ],
    "local_evaluation": (
        "Hvert forår holder bestyrelse og partnere et seminar, hvor forandringsteorierne "
        "gennemgås med årets data, og aktiviteterne justeres."
    ),
    "revision": "Ændringer i aftalen forelægges Landsbyggefonden til godkendelse.",
}

EDUCATION: dict[str, Any] = {
    "kind": "delaftale",
    "title": "Delaftale for indsatsområdet Uddannelse og livschancer",
    "focus_area": "Uddannelse og livschancer",
    "initiative": "Fælles om Bakkely",
    "period": {"start": "2023-01-01", "end": "2026-12-31"},
    "parties": [
        "Boligselskabet Bakkely",
        "Åbyhavn Kommune, Børn og Unge",
        "Kildeskolen",
        "Fritidsklubben Stjernen",
    ],
    "goals": [
        {
            "text": "Flere børn i Bakkely og Kildevang går i dagtilbud, før de starter i skole",
            "indicators": [
                {
                    "text": "Andel 1-5 årige i dagtilbud",
                    "baselines": [
                        _measure("38 børn (79,2%)", "Bakkely", count=38, percent=79.2),
                        _measure("21 børn (84,0%)", "Kildevang", count=21, percent=84.0),
                    ],
                    "comparators": [_measure("92,5 %", "Åbyhavn Kommune", percent=92.5)],
                    "baseline_year": 2022,
                    "data_source": "LBF - Boligsociale Data",
                    "direction": "more",
                },
            ],
        },
        {
            "text": "Færre unge har et højt skolefravær",
            "indicators": [
                {
                    "text": "Andel elever i 7.-9. klasse med mere end 10 % fravær",
                    "baselines": [
                        _measure("22 % / 17 ud af 77 elever", percent=22, count=17, denominator=77)
                    ],
                    "comparators": [_measure("12 %", "Åbyhavn Kommune", percent=12)],
                    "baseline_year": 2022,
                    "data_source": "Kildeskolens fraværsopgørelse",
                    "direction": "less",
                },
            ],
        },
    ],
    "activity_names": ["Lektiecafé i fælleshuset", "Sommerskole for kommende 0. klasser"],
    "activities": [
        {
            "name": "Lektiecafé i fælleshuset",
            "purpose": "At give børn i 3.-9. klasse ro og hjælp til lektierne to gange om ugen.",
            "target_groups": "Børn i 3.-9. klasse fra Bakkely og Kildevang",
            "content": (
                "Frivillige studerende og en fast medarbejder hjælper med lektier. Der serveres "
                "frugt, og forældre inviteres til en fælles aften hvert kvartal."
            ),
            "responsibilities": (
                "Helhedsplanen driver caféen; Kildeskolen henviser elever og deler "
                "materialer; frivilligcentret rekrutterer frivillige."
            ),
        },
        {
            "name": "Sommerskole for kommende 0. klasser",
            "purpose": "En god skolestart for børn, der ikke har gået i dagtilbud.",
            "goals": ["20 børn deltager hver sommer"],
            "target_groups": "Børn, der starter i 0. klasse efter sommerferien, og deres forældre",
            "content": "To ugers leg og læring med skolens børnehaveklasseledere.",
            "responsibilities": "Kildeskolen har det faglige ansvar; helhedsplanen rekrutterer familier.",
        },
    ],
    "staff": [
        {
            "text": "Børne- og ungekoordinator, fuldtid",
            "role": "Børne- og ungekoordinator",
            "share_percent": 100,
        },
        {
            "text": "20 % af den boligsociale leders arbejdstid",
            "role": "Boligsocial leder",
            "share_percent": 20,
        },
        {
            "text": "Fritidsklubben Stjernen 250t/år",
            "role": "Fritidsklubben Stjernen",
            "hours_per_year": 250,
        },
    ],
    "municipal_coherence": (
        "Delaftalen bygger på kommunens børne- og ungepolitik og skolens handleplan for fravær."
    ),
    "revision": "Delaftalen revideres hvert år i januar og godkendes af bestyrelsen.",
}

EMPLOYMENT: dict[str, Any] = {
    "kind": "delaftale",
    "title": "Delaftale for indsatsområdet Beskæftigelse",
    "focus_area": "Beskæftigelse",
    "initiative": "Fælles om Bakkely",
    "period": {"start": "2023-01-01", "end": "2026-12-31"},
    "parties": ["Boligselskabet Bakkely", "Åbyhavn Kommune, Jobcentret"],
    "goals": [
        {
            "text": "Flere beboere kommer i job eller uddannelse",
            "indicators": [
                {
                    "text": "Antal beboere, der via jobcaféen er startet i job eller uddannelse",
                    "baselines": [_measure("14 beboere", count=14)],
                    "baseline_year": 2022,
                    "data_source": "Jobcaféens registrering",
                    "direction": "more",
                    "unit": "count",
                },
            ],
        }
    ],
    "activity_names": ["Jobcafé"],
    "activities": [
        {
            "name": "Jobcafé",
            "purpose": "Hjælp til CV, ansøgninger og kontakt til lokale virksomheder.",
            "target_groups": "Ledige beboere over 18 år",
            "content": "Åben café hver tirsdag med en jobkonsulent fra jobcentret.",
            "responsibilities": "Jobcentret stiller konsulent; helhedsplanen står for lokaler og opsøgende arbejde.",
        }
    ],
    "staff": [
        {
            "text": "Jobkonsulent fra jobcentret 370t/år",
            "role": "Jobkonsulent",
            "hours_per_year": 370,
        }
    ],
    "revision": "Delaftalen revideres hvert år i januar og godkendes af bestyrelsen.",
}

DEMO_USERS = [
    ("koordinator", "Kirsten Koordinator", Role.COORDINATOR, None),
    ("bestyrelse", "Bent Bestyrelse", Role.BOARD, None),
    ("partner", "Pia Partner", Role.PARTNER, "Fritidsklubben Stjernen"),
    ("lbf", "Lone fra LBF", Role.LBF, None),
    ("admin", "Anders Administrator", Role.ADMIN, None),
    # reads every plan of the demo plan's municipality (Plan.municipality), nothing else
    ("kommune", "Karen fra Åbyhavn Kommune", Role.KOMMUNE, None),
]


@transaction.atomic
def load_demo() -> tuple[Plan, list[tuple[str, str]]]:
    """Create (or refresh) the demo plan and its users. Returns the plan and (user, role) rows."""
    existing = Plan.objects.filter(slug=DEMO_SLUG).first()
    if existing is None:
        # The agreements were first written in the autumn of 2022, before the application.
        plan = plan_written(
            slug=DEMO_SLUG,
            name="Fælles om Bakkely",
            documents=[STRATEGIC, EDUCATION, EMPLOYMENT],
            day=dt.date(2022, 10, 3),
            municipality="Åbyhavn Kommune",
            lbf_case_number="2022-0417",
        )
        Organisation.objects.filter(plan=plan, name="Fritidsklubben Stjernen").update(
            kind=OrganisationKind.ASSOCIATION
        )
        for agreement in Agreement.objects.filter(plan=plan, kind=AgreementKind.SUB):
            goals = list(Goal.objects.filter(agreement=agreement))
            for activity in agreement.activities.all():
                activity.linked_goals.set(goals[:1])
    else:
        plan = existing
    User = get_user_model()
    rows = []
    for username, full_name, role, organisation_name in DEMO_USERS:
        first, _, last = full_name.partition(" ")
        user, created = User.objects.get_or_create(
            username=username, defaults={"first_name": first, "last_name": last}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        organisation = (
            Organisation.objects.get(plan=plan, name=organisation_name)
            if organisation_name
            else None
        )
        across = role in (Role.LBF, Role.ADMIN, Role.KOMMUNE)
        municipality = plan.municipality if role == Role.KOMMUNE else ""
        Membership.objects.get_or_create(
            user=user,
            plan=None if across else plan,
            role=role,
            municipality=municipality,
            defaults={"organisation": organisation},
        )
        label = str(Role(role).label)
        rows.append((username, f"{label} ({municipality})" if municipality else label))
    if existing is None:
        _approval_history(plan)
    load_followup_demo(plan)
    load_evaluation_demo(plan)
    return plan, rows


def _approval_history(plan: Plan) -> None:
    """The demo's agreements as a real plan's would be, each step on its day: the strategic
    agreement approved by the board and LBF in 2022; the education delaftale approved in
    January 2023, revised that winter and approved again in January 2024; the employment
    delaftale still a draft."""
    from plans import revisions, services

    User = get_user_model()
    koordinator = User.objects.get(username="koordinator")
    board = User.objects.get(username="bestyrelse")
    strategic_granted(
        plan,
        sent=dt.date(2022, 11, 1),
        approved=dt.date(2022, 11, 24),
        meeting="Stiftende bestyrelsesmøde",
        by=koordinator,
        board=board,
        lbf=dt.date(2022, 12, 15),
        lbf_reference="Bevilling 2022-0417",
    )
    education = Agreement.objects.get(plan=plan, focus_area__name="Uddannelse og livschancer")
    approved_on_its_days(
        education,
        sent=dt.date(2023, 1, 5),
        reason="Første delaftale",
        approved=dt.date(2023, 1, 19),
        meeting="Bestyrelsesmøde 1/2023, punkt 3",
        by=koordinator,
        board=board,
    )
    sheet = education.activities.get(name="Sommerskole for kommende 0. klasser")
    with dated(dt.date(2023, 12, 4), hour=11):
        revisions.change_agreement(
            agreement=education,
            user=koordinator,
            action="Aktivitet ændret: Sommerskole for kommende 0. klasser",
            reason="Årlig revision: sommerskolen blev større end ventet",
            change=lambda: services.activity_save(
                agreement=education,
                activity=sheet,
                name=sheet.name,
                own_goals=["30 børn deltager hver sommer"],
                purpose=sheet.purpose,
                target_groups=sheet.target_groups,
                content=sheet.content,
                responsibilities=sheet.responsibilities,
            ),
        )
    approved_on_its_days(
        education,
        sent=dt.date(2024, 1, 8),
        reason="Årlig revision",
        approved=dt.date(2024, 1, 25),
        meeting="Bestyrelsesmøde 1/2024, punkt 2",
        by=koordinator,
        board=board,
    )
