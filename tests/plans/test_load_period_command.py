"""`helhedsplan load-period FILE` does what README says: it says what it did, loading again
updates the period, a bad file is refused in Danish with exit code 1 and nothing written, and
no plan moves into the period loaded."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from tests.moving import FIXED_PERIOD

pytestmark = pytest.mark.django_db


def test_load_period_as_the_readme_says(demo: Any, tmp_path: Path, capsys: Any) -> None:
    from plans.models import FundingPeriod

    path = tmp_path / "periode.json"
    path.write_text(json.dumps(FIXED_PERIOD, ensure_ascii=False), "utf-8")
    call_command("load_period", str(path))
    assert capsys.readouterr().out.strip() == (
        "Oprettede bevillingsperioden 2027-30 »Prøveperioden 2027-30« med 1 indsatsområder "
        "og 1 faste indikatorer."
    )
    renamed = {**FIXED_PERIOD, "name": "Prøveperioden, omdøbt"}
    path.write_text(json.dumps(renamed, ensure_ascii=False), "utf-8")
    call_command("load_period", str(path))
    assert capsys.readouterr().out.startswith("Opdaterede bevillingsperioden 2027-30")
    assert FundingPeriod.objects.get(code="2027-30").name == "Prøveperioden, omdøbt"
    demo.refresh_from_db()
    assert demo.funding_period.code == "2019-26"  # loading a period moves no plan

    bad = tmp_path / "forkert.json"
    bad.write_text(json.dumps({"code": "2031-34"}), "utf-8")
    with pytest.raises(CommandError, match="Feltet »start« mangler"):
        call_command("load_period", str(bad))
    assert not FundingPeriod.objects.filter(code="2031-34").exists()


def test_the_console_script_exits_1_on_a_bad_file(tmp_path: Path, capsys: Any) -> None:
    from config.cli import main

    bad = tmp_path / "forkert.json"
    bad.write_text("{", "utf-8")
    with pytest.raises(SystemExit) as raised:
        main(["load-period", str(bad)])
    assert raised.value.code == 1
