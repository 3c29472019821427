"""Moving a plan into a new funding period, as the tests of issue 11 set it up: the shared
example period 2027-30 (`../shared/formats/examples/funding-period-2027-30.json`) loaded,
and the demo plan (or another) moved into it with the proposed mapping.

The helpers call the same services as the product (`plans.periods.load_period`,
`plans.transition.plan_move_to_period`). The fixtures `demo` and `moved` (the demo plan
moved into 2027-30 on 1.12.2026 for its grant date 1.1.2027, as the review did) are imported
to every test by tests/conftest.py; a module's own fixture of the same name overrides them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.snapshots import replayed

# tests/conftest.py's SHARED (this module is imported by it, so not from it)
EXAMPLE = (
    Path(__file__).resolve().parents[1].parent
    / "shared"
    / "formats"
    / "examples"
    / "funding-period-2027-30.json"
)
GRANT = dt.date(2027, 1, 1)

# Our own fictional next period (review F25): one area whose fixed indicator keeps the
# wording of one of 2019-26's (the demo plan's strategic agreement has it, with values
# measured since), so a move proposes one fixed baseline whose scope the koordinator chooses.
FIXED_WORDING = "Andel 1-5 årige i dagtilbud"
FIXED_PERIOD: dict[str, Any] = {
    "code": "2027-30",
    "name": "Prøveperioden 2027-30",
    "start": "2027-01-01",
    "end": "2030-12-31",
    "focus_areas": [
        {
            "name": "Små børn",
            "fixed_goals": [
                {
                    "text": "Flere små børn i dagtilbud",
                    "indicators": [
                        {
                            "text": FIXED_WORDING,
                            "data_source": "LBF - Boligsociale Data",
                            "unit": "percent",
                            "direction": "more",
                        }
                    ],
                }
            ],
        }
    ],
}


def load_example_period() -> Any:
    """The example period 2027-30 loaded from its data file (skips without ../shared)."""
    from plans.models import FundingPeriod
    from plans.periods import load_period, read_period_file

    if not EXAMPLE.is_file():
        pytest.skip("../shared (the 2027-30 example period) is not beside this clone")
    load_period(read_period_file(EXAMPLE))
    return FundingPeriod.objects.get(code="2027-30")


def load_fixed_period() -> Any:
    """`FIXED_PERIOD` loaded (needs nothing beside the clone)."""
    from plans.models import FundingPeriod
    from plans.periods import load_period

    load_period(FIXED_PERIOD)
    return FundingPeriod.objects.get(code="2027-30")


def fixed_baselines(plan: Any) -> list[Any]:
    """The baselines of `FIXED_WORDING`'s fixed indicator in the plan's current agreements
    (after a move into `FIXED_PERIOD`: the one the move proposed)."""
    from plans.models import Measure

    return list(
        Measure.objects.filter(
            indicator__goal__agreement__plan=plan,
            indicator__goal__agreement__is_current=True,
            indicator__lbf_indicator__isnull=False,
            indicator__text=FIXED_WORDING,
            role="baseline",
        )
    )


def move_plan(
    plan: Any,
    period: Any,
    *,
    grant: dt.date = GRANT,
    user: Any = "koordinator",
    mapping: dict[int, int | None] | None = None,
    carry_drafts: frozenset[int] = frozenset(),
) -> Any:
    """`plan` moved into `period` from `grant` (`user`: a username, a user or None), each
    delaftale to its proposed area unless `mapping` says otherwise, the drafts of the
    agreements in `carry_drafts` carried as drafts; the plan is refreshed. Returns the
    service's `MoveResult`."""
    from django.contrib.auth.models import User

    from plans import transition

    if mapping is None:
        mapping = {
            c.agreement.pk: (c.proposal.pk if c.proposal else None)
            for c in transition.propose_mapping(plan, period)
        }
    if isinstance(user, str):
        user = User.objects.get(username=user)
    result = transition.plan_move_to_period(
        plan=plan,
        to_period=period,
        grant_date=grant,
        mapping=mapping,
        user=user,
        carry_drafts=carry_drafts,
    )
    plan.refresh_from_db()
    return result


def demo_moved(*, grant: dt.date = GRANT) -> Any:
    """The demo plan (loaded, with its users) moved into the example period from `grant`
    (made once per test run, then replayed: tests/snapshots.py)."""
    from plans.models import Plan

    def make() -> Any:
        from demo.plan import load_demo

        period = load_example_period()
        plan, _ = load_demo()
        move_plan(plan, period, grant=grant)
        return plan

    return replayed(
        f"demo_moved {grant}",
        make,
        encode=lambda p: p.pk,
        decode=lambda pk: Plan.objects.get(pk=pk),
    )


def load_demo_replayed(real: Callable[[], tuple[Any, list[tuple[str, str]]]]) -> Any:
    """`demo.plan.load_demo` (`real`) made once per test run, then replayed
    (tests/snapshots.py); tests/conftest.py puts it in place of the real one for every test."""
    from plans.models import Plan

    return replayed(
        "load_demo",
        real,
        encode=lambda result: (result[0].pk, list(result[1])),
        decode=lambda data: (Plan.objects.get(pk=data[0]), list(data[1])),
    )


@pytest.fixture
def demo(db: Any) -> Any:
    """The demo plan with its users, in 2019-26."""
    from demo.plan import load_demo

    plan, _ = load_demo()
    return plan


@pytest.fixture
def moved(db: Any) -> Any:
    """The demo plan moved into the example 2027-30 on 1.12.2026, grant date 1.1.2027 (the
    move made before its grant date, as the review did)."""
    return demo_moved()


def client_of(username: str = "koordinator") -> Any:
    """A test client signed in as one of the demo's users."""
    from django.contrib.auth.models import User
    from django.test import Client

    client = Client()
    client.force_login(User.objects.get(username=username))
    return client
