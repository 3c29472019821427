"""A refused form says so in one banner line and each error once, at its field; a bad input is
echoed only in part; a success message writes its date as the pages do (»14. marts 2026«)."""

from __future__ import annotations

from typing import Any

import pytest

from evaluation.models import LogbookSession


@pytest.fixture
def logbook(plan: Any) -> str:
    from plans import services
    from plans.models import Agreement

    sub = Agreement.objects.get(plan=plan, focus_area__name="Uddannelse og livschancer")
    activity = services.activity_save(agreement=sub, name="Lektiecafé")
    pk = getattr(activity, "pk", None) or sub.activities.get(name="Lektiecafé").pk
    return f"/aftaler/{sub.pk}/aktiviteter/{pk}/logbog/"


def _session(**changes: str) -> dict[str, str]:
    data = {"date": "14.03.2026", "theme": "Læselyst", "place": "in_area", "participants": "3"}
    return data | changes


def test_a_future_date_gives_one_banner_line_and_its_error_once(
    client: Any, logbook: str, personas: dict[str, Any]
) -> None:
    client.force_login(personas["koordinator"])
    page = client.post(logbook, _session(date="1. januar 2099")).content.decode()
    assert page.count("Intet er gemt.") == 1
    assert page.count("Der er fejl i formularen. Intet er gemt.") == 1
    assert page.count("Datoen kan ikke ligge i fremtiden") == 1
    assert page.count('id="id_date_error"') == 1
    assert 'value="Læselyst"' in page and not LogbookSession.objects.exists()


def test_a_bad_date_is_echoed_in_part_and_a_long_one_is_refused_by_its_length(
    client: Any, logbook: str, personas: dict[str, Any]
) -> None:
    client.force_login(personas["koordinator"])
    page = client.post(logbook, _session(date="y" * 100)).content.decode()
    assert "»" + "y" * 40 + "…« er ikke en dato" in page and "y" * 41 not in page.split("value=")[0]
    page = client.post(logbook, _session(date="x" * 5000)).content.decode()
    assert "Højst 200 tegn (du skrev 5.000)." in page
    assert not LogbookSession.objects.exists()


def test_a_success_message_writes_the_date_in_danish(
    client: Any, logbook: str, personas: dict[str, Any]
) -> None:
    client.force_login(personas["koordinator"])
    page = client.post(logbook, _session(), follow=True).content.decode()
    assert "Gangen den 14. marts 2026 er gemt i logbogen." in page
    assert "14.03.2026" not in page.split("alert-success")[1][:300]
