"""A measurement written as text gets its numbers read from it, in the service, so the form,
the sheet and the API agree; antal, »ud af« and procent that disagree are refused."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from followup import services


def test_numbers_are_read_from_the_written_figure() -> None:
    figures = services.read_figures(text="48 beboere (7,4 %)")
    assert (figures.count, figures.percent, figures.denominator) == (
        Decimal(48),
        Decimal("7.4"),
        None,
    )
    assert figures.text == "48 beboere (7,4 %)"


def test_typed_numbers_win_and_an_impossible_percent_is_refused() -> None:
    typed = services.read_figures(text="48 beboere (7,4 %)", count=Decimal(50))
    assert typed.count == Decimal(50)
    with pytest.raises(ValidationError, match="over 100"):
        services.read_figures(text="140 % af målgruppen")


@pytest.mark.parametrize(
    ("count", "denominator", "percent"),
    [("22", "26", "84.6"), ("22", "26", "85"), ("22", "26", "84.62"), ("41", "650", "6.3")],
)
def test_a_percent_rounded_as_written_agrees(count: str, denominator: str, percent: str) -> None:
    services.check_figures(
        count=Decimal(count), denominator=Decimal(denominator), percent=Decimal(percent)
    )


@pytest.mark.parametrize(
    ("count", "denominator", "percent"),
    [("22", "26", "86.1"), ("22", "26", "84.5"), ("22", "26", "84.60001"), ("22", "26", "86")],
)
def test_figures_that_disagree_are_refused(count: str, denominator: str, percent: str) -> None:
    with pytest.raises(ValidationError, match=r"22 ud af 26 er 84,6\d* %"):
        services.check_figures(
            count=Decimal(count), denominator=Decimal(denominator), percent=Decimal(percent)
        )


def test_disagreeing_figures_in_the_text_alone_are_refused() -> None:
    with pytest.raises(ValidationError, match="ikke 86,1 %"):
        services.read_figures(text="22 ud af 26 (86,1 %)")
