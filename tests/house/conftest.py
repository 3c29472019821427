"""Fixtures of the house tests: the shared plan's indicator with a municipal comparator."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest


@pytest.fixture
def indicator(plan: Any) -> Any:
    from plans import services
    from plans.models import Indicator

    indicator = Indicator.objects.get(
        goal__agreement__plan=plan, text="Andel elever med afgangsprøve"
    )
    services.measure_save(
        indicator=indicator,
        role="comparator",
        text="80 %",
        scope_kind="municipality",
        scope="Lilleby Kommune",
        percent=Decimal(80),
    )
    return indicator
