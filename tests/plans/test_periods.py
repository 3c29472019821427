"""Funding periods as data (issue 11): the bundled files, `load-period`, reloading, the page."""

from __future__ import annotations

import copy
import io
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from config.cli import main as cli_main
from plans.periods import (
    PeriodError,
    bundled_files,
    load_period,
    parse_period_bytes,
    read_period_file,
    validate_period,
)
from tests.conftest import SHARED

# A fictional period of our own, with two areas and one fixed goal.
FICTIONAL: dict[str, Any] = {
    "code": "2031-34",
    "name": "Prøveperioden 2031-34",
    "start": "2031-01-01",
    "end": "2034-12-31",
    "focus_areas": [
        {
            "name": "Skole og fritid",
            "purpose": "Flere børn går i skole og har en fritid.",
            "aliases": ["Skole & fritid"],
            "fixed_goals": [
                {
                    "text": "Flere børn møder i skole hver dag",
                    "indicators": [
                        {
                            "text": "Andel elever med under 5 % fravær",
                            "data_source": "Skolernes fraværsopgørelse",
                            "unit": "percent",
                            "direction": "more",
                        }
                    ],
                }
            ],
        },
        {"name": "Grønne gårde"},
    ],
    "required_attachments": ["Budget", "Milepælsplan"],
    "revision_interval_months": 6,
    "strategic_changes_need_lbf": False,
    "contact": "prøvefonden",
}


def _write(tmp_path: Path, data: Any, name: str = "periode.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return path


@pytest.mark.django_db
def test_every_database_has_the_bundled_periods() -> None:
    from plans.models import FocusArea, FundingPeriod, LbfGoal, LbfIndicator

    codes = set(FundingPeriod.objects.values_list("code", flat=True))
    assert {"2011-14", "2015-18", "2019-26"} <= codes

    def areas(code: str) -> list[str]:
        return list(
            FocusArea.objects.filter(funding_period__code=code)
            .order_by("order")
            .values_list("name", flat=True)
        )

    assert areas("2015-18") == [
        "Tryghed og trivsel",
        "Kriminalpræventiv indsats",
        "Uddannelse og beskæftigelse",
        "Forebyggelse og forældreansvar",
    ]
    assert len(areas("2011-14")) == 7
    assert "Sundhed" in areas("2011-14")
    assert len(areas("2019-26")) == 4
    assert LbfGoal.objects.filter(funding_period__code="2019-26").count() == 4
    assert LbfIndicator.objects.filter(goal__funding_period__code="2019-26").count() == 9
    # The older periods had no fixed goals of LBF's.
    assert not LbfGoal.objects.filter(funding_period__code__in=["2011-14", "2015-18"]).exists()
    period = FundingPeriod.objects.get(code="2019-26")
    assert period.revision_interval_months == 12
    assert period.strategic_changes_need_lbf is True
    assert "Beredskabsplan" in period.required_attachments
    assert period.start is not None and period.end is not None and period.start < period.end


def test_the_bundled_files_are_valid() -> None:
    files = bundled_files()
    assert [f.stem for f in files] == ["2011-14", "2015-18", "2019-26"]
    for path in files:
        assert validate_period(json.loads(path.read_text("utf-8"))) == [], path.name


@pytest.mark.django_db
def test_load_period_creates_a_period_and_reports_it(tmp_path: Path) -> None:
    from plans.models import FocusArea, FundingPeriod, LbfIndicator

    out = io.StringIO()
    call_command("load_period", str(_write(tmp_path, FICTIONAL)), stdout=out)
    assert "Oprettede bevillingsperioden 2031-34" in out.getvalue()
    period = FundingPeriod.objects.get(code="2031-34")
    assert period.name == "Prøveperioden 2031-34"
    assert period.required_attachments == ["Budget", "Milepælsplan"]
    assert period.revision_interval_months == 6
    assert period.strategic_changes_need_lbf is False
    assert period.source == {"contact": "prøvefonden"}
    school = FocusArea.objects.get(funding_period=period, name="Skole og fritid")
    assert school.aliases == ["Skole & fritid"]
    assert school.purpose.startswith("Flere børn")
    indicator = LbfIndicator.objects.get(goal__focus_area=school)
    assert (indicator.unit, indicator.direction) == ("percent", "more")
    assert indicator.data_source == "Skolernes fraværsopgørelse"


@pytest.mark.django_db
def test_loading_again_updates_the_period_and_leaves_the_plans_alone(tmp_path: Path) -> None:
    from plans import services
    from plans.models import FocusArea, Goal, Indicator, LbfIndicator, Measure

    load_period(FICTIONAL)
    area = FocusArea.objects.get(funding_period__code="2031-34", name="Skole og fritid")
    plan = services.plan_create(name="Prøveplan", slug="proeve", funding_period=area.funding_period)
    strategic = services.agreement_create(plan=plan, kind="strategisk_samarbejdsaftale")
    goal = Goal.objects.get(agreement=strategic)  # created from the fixed goal
    indicator = Indicator.objects.get(goal=goal)
    services.measure_save(indicator=indicator, role="baseline", text="71 %", percent=71)
    fixed = LbfIndicator.objects.get(goal__focus_area=area)

    changed = copy.deepcopy(FICTIONAL)
    changed["name"] = "Prøveperioden 2031-34 (rettet)"
    changed["focus_areas"][0]["fixed_goals"][0]["indicators"][0]["text"] = (
        "Andel elever med under 5 % fravær i skoleåret"
    )
    changed["focus_areas"][0]["aliases"] = ["Skole og fritidsliv"]
    changed["focus_areas"].append({"name": "Sundhed og bevægelse"})
    out = io.StringIO()
    call_command("load_period", str(_write(tmp_path, changed)), stdout=out)
    assert "Opdaterede bevillingsperioden 2031-34" in out.getvalue()

    fixed.refresh_from_db()
    assert fixed.text.endswith("i skoleåret")  # the same row, reworded
    area.refresh_from_db()
    assert area.aliases == ["Skole og fritidsliv"]
    assert area.funding_period.name == "Prøveperioden 2031-34 (rettet)"
    assert FocusArea.objects.filter(funding_period=area.funding_period).count() == 3
    # The plan's own goal, indicator and baseline are untouched and still linked.
    indicator.refresh_from_db()
    assert indicator.text == "Andel elever med under 5 % fravær"
    assert indicator.lbf_indicator_id == fixed.pk
    assert Measure.objects.get(indicator=indicator).text == "71 %"


@pytest.mark.django_db
def test_a_period_update_may_not_remove_what_a_plan_uses(tmp_path: Path) -> None:
    from plans import services
    from plans.models import FocusArea

    load_period(FICTIONAL)
    area = FocusArea.objects.get(funding_period__code="2031-34", name="Grønne gårde")
    plan = services.plan_create(name="Prøveplan", slug="proeve", funding_period=area.funding_period)
    services.agreement_create(plan=plan, kind="delaftale", focus_area=area)
    without = copy.deepcopy(FICTIONAL)
    without["focus_areas"] = without["focus_areas"][:1]
    without["name"] = "Skal ikke gemmes"
    with pytest.raises(CommandError) as raised:
        call_command("load_period", str(_write(tmp_path, without)), stdout=io.StringIO())
    assert "Indsatsområdet »Grønne gårde« bruges af en plans aftaler" in str(raised.value)
    area.refresh_from_db()
    assert area.funding_period.name == "Prøveperioden 2031-34"  # nothing of it was written


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("focus_areas"), "Feltet »focus_areas« mangler"),
        (lambda d: d.update(code="2031"), "»code« har ikke den rigtige form"),
        (lambda d: d.update(focus_areas=[]), "»focus_areas« skal have mindst 1 element"),
        (lambda d: d.update(start="1. januar 2031"), "»start« er ikke en dato"),
        (lambda d: d.update(end="2030-12-31"), "slutter (2030-12-31) før den begynder"),
        (
            lambda d: d["focus_areas"][1].update(name="Skole og fritid"),
            "»Skole og fritid« står to gange",
        ),
        (
            lambda d: d["focus_areas"][0]["fixed_goals"][0]["indicators"][0].update(unit="kr"),
            'har en ukendt værdi: "kr"',
        ),
        (lambda d: d.update(revision_interval_months="12"), "skal være et helt tal eller tom"),
    ],
)
@pytest.mark.django_db
def test_bad_period_files_are_refused_in_danish_and_change_nothing(
    tmp_path: Path, change: Any, message: str
) -> None:
    from plans.models import FundingPeriod

    data = copy.deepcopy(FICTIONAL)
    change(data)
    before = FundingPeriod.objects.count()
    with pytest.raises(CommandError) as raised:
        call_command("load_period", str(_write(tmp_path, data)), stdout=io.StringIO())
    assert message in str(raised.value)
    assert FundingPeriod.objects.count() == before


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "Filen er tom"),
        (b"{ikke json", "ikke gyldig JSON"),
        (b"\xff\xfe", "ikke tekst i UTF-8"),
        (b"[]", "skal være et JSON-objekt"),
    ],
)
def test_unreadable_period_files_get_danish_messages(raw: bytes, message: str) -> None:
    with pytest.raises(PeriodError) as raised:
        parse_period_bytes(raw)
    assert message in " ".join(raised.value.messages)


@pytest.mark.django_db
def test_a_missing_file_is_a_danish_command_error(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="Filen findes ikke"):
        call_command("load_period", str(tmp_path / "findes-ikke.json"), stdout=io.StringIO())
    with pytest.raises(PeriodError, match="findes ikke"):
        read_period_file(tmp_path / "findes-ikke.json")


@pytest.mark.django_db
def test_the_console_script_loads_a_period(tmp_path: Path, capsys: Any, monkeypatch: Any) -> None:
    from django.db import connections

    from plans.models import FundingPeriod

    monkeypatch.setattr(connections, "close_all", lambda: None)
    assert cli_main(["load-period", str(_write(tmp_path, FICTIONAL))]) == 0
    assert "Oprettede bevillingsperioden 2031-34" in capsys.readouterr().out
    assert FundingPeriod.objects.filter(code="2031-34").exists()
    assert cli_main(["--help"]) == 0
    assert "load-period FIL" in capsys.readouterr().out


@pytest.mark.needs_shared
@pytest.mark.skipif(
    not (SHARED / "formats" / "examples" / "funding-period-2027-30.json").is_file(),
    reason="../shared (the format examples) is not beside this clone; it is in CI",
)
@pytest.mark.django_db
def test_the_shared_example_period_loads() -> None:
    from plans.models import FocusArea

    path = SHARED / "formats" / "examples" / "funding-period-2027-30.json"
    call_command("load_period", str(path), stdout=io.StringIO())
    names = FocusArea.objects.filter(funding_period__code="2027-30").values_list("name", flat=True)
    assert "Læring og trivsel" in names
    # The "done when": a delaftale of that period loads and exports with its area.
    document = {
        "kind": "delaftale",
        "funding_period": "2027-30",
        "focus_area": "Læring og trivsel",
        "period": {"start": "2027-02-01", "end": "2030-12-31"},
        "parties": ["Prøveboliger"],
        "goals": [],
    }
    folder = Path(tempfile.mkdtemp())
    (folder / "aftale.json").write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    call_command("load_json", str(folder / "aftale.json"), plan="ny-periode", stdout=io.StringIO())
    out = io.StringIO()
    call_command("export_json", plan="ny-periode", stdout=out)
    exported = json.loads(out.getvalue())[0]
    assert (exported["funding_period"], exported["focus_area"]) == ("2027-30", "Læring og trivsel")


@pytest.mark.django_db
def test_the_administrators_page_lists_the_periods(
    personas: dict[str, Any], client: Client
) -> None:
    client.force_login(personas["admin"])
    response = client.get(reverse("funding_periods"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Bevillingsperioder</h1>" in page
    for text in (
        "Bevillingsperioden 2019-26",
        "Kriminalpræventiv indsats",
        "Image og kommunikation",
        "Trygheds-survey VIVE/LBF",
        "senest hver 12. måned",
        "Perioden har ingen faste mål eller indikatorer for området.",
    ):
        assert text in page, text
    client.force_login(personas["koordinator"])
    assert client.get(reverse("funding_periods")).status_code == 404


def test_no_code_names_the_2019_26_areas() -> None:
    """The areas come from the periods' data; only the data file and the demo name them."""
    root = Path(__file__).resolve().parents[2]
    allowed = {root / "plans" / "periods" / "2019-26.json", root / "plans" / "demo.py"}
    named = []
    for folder in ("accounts", "config", "documents", "followup", "importing", "lib", "plans"):
        for path in (root / folder).rglob("*"):
            if path.suffix not in (".py", ".html", ".json") or path in allowed:
                continue
            if path.name.endswith(".schema.json"):  # the vendored formats' own descriptions
                continue
            text = path.read_text("utf-8", errors="replace")
            if "Kriminalitetsforebyggelse" in text or "FOCUS_AREAS_2019" in text:
                named.append(str(path.relative_to(root)))
    assert named == []


@pytest.mark.django_db
def test_a_new_plan_chooses_its_funding_period(personas: dict[str, Any], client: Client) -> None:
    from plans.models import FundingPeriod, Plan

    client.force_login(personas["admin"])
    page = client.get(reverse("plan_create")).content.decode()
    assert "Bevillingsperiode" in page
    assert "Bevillingsperioden 2015-18" in page
    old = FundingPeriod.objects.get(code="2015-18")
    response = client.post(
        reverse("plan_create"),
        {"name": "Gammelby", "slug": "gammelby", "status": "active", "funding_period": old.pk},
    )
    assert response.status_code == 302
    assert Plan.objects.get(slug="gammelby").funding_period == old


def test_callers_without_a_database_get_the_newest_bundled_periods_areas() -> None:
    from plans.periods import bundled_focus_areas, current_focus_areas

    newest = json.loads(bundled_files()[-1].read_text("utf-8"))
    assert current_focus_areas() == tuple(a["name"] for a in newest["focus_areas"])
    assert "Tryghed og trivsel" in bundled_focus_areas()
