"""Follow-up fixtures: the shared fictional plan with a comparator and a few years of values."""

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


@pytest.fixture
def values(indicator: Any, personas: Any) -> list[Any]:
    """61 % at baseline (2023); 64 % in 2024 and 66 % in 2025 against 80 % → 81 %."""
    from followup import services

    user = personas["koordinator"]
    rows = []
    for year, area, municipality in ((2024, "64", "80"), (2025, "66", "81")):
        rows.append(
            services.measurement_record(
                indicator=indicator, year=year, percent=Decimal(area), recorded_by=user
            )
        )
        rows.append(
            services.measurement_record(
                indicator=indicator,
                scope_kind="municipality",
                scope="Lilleby Kommune",
                year=year,
                percent=Decimal(municipality),
                recorded_by=user,
            )
        )
    return rows


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    """Six personas a test: the default hasher's 1M rounds would dominate the suite's time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def empty_cache() -> None:
    """Each test starts without cached dashboards (the cache is per process, not per test)."""
    from django.core.cache import cache

    cache.clear()
