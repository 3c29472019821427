"""A 2015-18 delaftale (our own words, in that period's template) imports with its own
indsatsområde: read by the importer's pipeline, saved by the importer's saving service into a
plan of the 2015-18 period, exported again with that period and area (issue 11)."""

from __future__ import annotations

from pathlib import Path

import pytest

from importing.pipeline import read_document
from importing.saving import import_save
from plans import services
from plans.models import Agreement, FundingPeriod
from plans.selectors import plan_export

FIXTURE = Path(__file__).parents[1] / "fixtures" / "periods"


@pytest.mark.django_db
def test_a_2015_18_delaftale_imports_with_its_own_area() -> None:
    period = FundingPeriod.objects.get(code="2015-18")
    plan = services.plan_create(
        name="Solsortevej",
        slug="solsortevej",
        municipality="Egeskov Kommune",
        funding_period=period,
    )
    path = FIXTURE / "delaftale-2015-18-kriminalpraeventiv.md"
    result = read_document(path.read_bytes(), path.name)
    reading = result.agreement.to_dict()
    # the earlier period's own name, not the 2019-26 area it resembles
    assert reading["focus_area"] == "Kriminalpræventiv indsats"
    assert "focus_area" not in result.agreement.warning_fields
    import_save(slug=plan.slug, document=reading, filename=path.name)
    agreement = Agreement.objects.get(plan=plan, kind="delaftale")
    assert agreement.focus_area is not None
    assert (agreement.focus_area.name, agreement.focus_area.funding_period.code) == (
        "Kriminalpræventiv indsats",
        "2015-18",
    )
    assert [g.text for g in agreement.goals.all()] == [
        "Færre unge begår kriminalitet i området",
        "Beboerne oplever området som trygt",
    ]
    exported = plan_export(plan)[0]
    assert (exported["funding_period"], exported["focus_area"]) == (
        "2015-18",
        "Kriminalpræventiv indsats",
    )


@pytest.mark.django_db
def test_the_same_delaftale_does_not_fit_a_2019_26_plan() -> None:
    """Its area is not one of 2019-26's: saving it there is refused in Danish, nothing saved."""
    from django.core.exceptions import ValidationError

    plan = services.plan_create(name="Nyvej", slug="nyvej")
    path = FIXTURE / "delaftale-2015-18-kriminalpraeventiv.md"
    reading = read_document(path.read_bytes(), path.name).agreement.to_dict()
    with pytest.raises(ValidationError) as failure:
        import_save(slug=plan.slug, document=reading, filename=path.name)
    assert "Kriminalpræventiv indsats" in " ".join(failure.value.messages)
    assert not Agreement.objects.filter(plan=plan, kind="delaftale").exists()
