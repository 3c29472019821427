"""The evaluation pages: every form and upload refuses bad input in Danish, saves nothing,
keeps what was typed and never answers 500; each page asks plans.access."""

from __future__ import annotations

import csv
import datetime as dt
import io
import subprocess
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from evaluation.models import LogbookSession, ProcessGoal, Seminar, TheoryOfChange
from plans.models import AuditEntry


@pytest.fixture
def sub(plan: Any) -> Any:
    from plans import services
    from plans.models import Agreement

    agreement = Agreement.objects.get(plan=plan, focus_area__name="Uddannelse og livschancer")
    services.activity_save(agreement=agreement, name="Lektiecafé")
    return agreement


def _activity(sub: Any) -> Any:
    return sub.activities.get(name="Lektiecafé")


def _theory_post(sub: Any, **extra: str) -> dict[str, str]:
    indicator = sub.goals.get().indicators.get()
    data = {
        "seen_seq": str(sub.edit_seq),
        "activities": "Lektiecafé",
        "reviewed": "",
        "resultater-TOTAL_FORMS": "2",
        "resultater-INITIAL_FORMS": "0",
        "resultater-0-horizon": "output",
        "resultater-0-text": "Caféen har åbent to gange om ugen.",
        "resultater-1-horizon": "long",
        "resultater-1-text": "Flere består 9. klasse.",
        "resultater-1-indicators": str(indicator.pk),
        "forudsaetninger-TOTAL_FORMS": "1",
        "forudsaetninger-INITIAL_FORMS": "0",
        "forudsaetninger-0-text": "Skolen henviser elever.",
    }
    data.update(extra)
    return data


def test_the_koordinator_builds_a_forandringsteori_and_it_is_in_the_export(
    client: Any, sub: Any, personas: dict[str, Any]
) -> None:
    from plans.models import Agreement
    from plans.selectors import agreement_to_interchange

    client.force_login(personas["koordinator"])
    url = f"/aftaler/{sub.pk}/forandringsteori/{sub.focus_area_id}/"
    assert client.get(url).status_code == 200
    response = client.post(url, _theory_post(sub))
    assert response.status_code == 302
    theory = TheoryOfChange.objects.get(agreement=sub)
    exported = agreement_to_interchange(Agreement.objects.with_chain().get(pk=sub.pk)).to_dict()
    assert exported["theory_of_change"]["results"][1] == {
        "horizon": "long",
        "text": "Flere består 9. klasse.",
        "indicators": ["Andel elever med afgangsprøve"],
    }
    assert theory.assumptions == ["Skolen henviser elever."]
    assert AuditEntry.objects.filter(agreement=sub, action__startswith="Forandringsteori").exists()
    page = client.get(f"/aftaler/{sub.pk}/").content.decode()
    assert "<svg" in page and "Flere består 9. klasse." in page
    assert "i den rigtige retning" in page or "mangler data" in page  # the indicator's status


def test_a_bad_forandringsteori_saves_nothing_and_keeps_what_was_typed(
    client: Any, sub: Any, personas: dict[str, Any]
) -> None:
    client.force_login(personas["koordinator"])
    url = f"/aftaler/{sub.pk}/forandringsteori/{sub.focus_area_id}/"
    bad = _theory_post(
        sub, **{"resultater-1-text": "", "reviewed": "32.13.2025", "resultater-0-horizon": "x"}
    )
    response = client.post(url, bad)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Intet er gemt" in page
    assert "er ikke en dato" in page
    assert "Skriv resultatet, før du knytter indikatorer til det." in page
    assert "Caféen har åbent to gange om ugen." in page  # typed text kept
    assert not TheoryOfChange.objects.exists()
    # A future review date is the service's refusal, in Danish, and nothing is saved either.
    future = (timezone.localdate() + dt.timedelta(days=30)).strftime("%d.%m.%Y")
    page = client.post(url, _theory_post(sub, reviewed=future)).content.decode()
    assert "kan ikke ligge i fremtiden" in page and not TheoryOfChange.objects.exists()


def test_editing_an_approved_delaftale_needs_a_reason_and_starts_a_draft(
    client: Any, sub: Any, personas: dict[str, Any]
) -> None:
    from plans import revisions

    revisions.agreement_submit(agreement=sub, user=None)
    revisions.agreement_approve(agreement=sub, user=None, meeting_date=timezone.localdate())
    sub.refresh_from_db()
    client.force_login(personas["koordinator"])
    url = f"/aftaler/{sub.pk}/forandringsteori/{sub.focus_area_id}/"
    page = client.post(url, _theory_post(sub)).content.decode()
    assert "Skriv en begrundelse" in page and not TheoryOfChange.objects.exists()
    ok = client.post(url, _theory_post(sub, change_reason="Efter seminaret"))
    assert ok.status_code == 302
    sub.refresh_from_db()
    assert sub.status == "draft" and sub.version == 2


def test_only_the_plans_koordinator_edits_and_others_get_the_same_404(
    client: Any, sub: Any, personas: dict[str, Any]
) -> None:
    url = f"/aftaler/{sub.pk}/forandringsteori/{sub.focus_area_id}/"
    for name in ("bestyrelse", "partner", "lbf", "outsider"):
        client.force_login(personas[name])
        assert client.get(url).status_code == 404, name
        assert client.post(url, _theory_post(sub)).status_code == 404, name
    assert not TheoryOfChange.objects.exists()


def _goals_post(**extra: str) -> dict[str, str]:
    data = {
        "procesmaal-TOTAL_FORMS": "2",
        "procesmaal-INITIAL_FORMS": "0",
        "procesmaal-0-text": "6 om året om temaerne",
        "procesmaal-0-target": "6",
        "procesmaal-0-per": "year",
        "procesmaal-0-condition": "om temaerne",
        "procesmaal-1-text": "mindst 1 uden for boligområdet",
        "procesmaal-1-target": "1",
        "procesmaal-1-per": "year",
        "procesmaal-1-condition": "uden for boligområdet",
    }
    data.update(extra)
    return data


def _sheet(rows: list[list[str]], header: list[str] | None = None) -> SimpleUploadedFile:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(
        header
        or [
            "Dato",
            "Tema",
            "Sted",
            "Deltagere i alt",
            "Heraf nye i år",
            "Målgruppe: Børn",
            "Opfylder: om temaerne",
        ]
    )
    writer.writerows(rows)
    return SimpleUploadedFile("logbog.csv", buffer.getvalue().encode("utf-8-sig"), "text/csv")


def test_process_goals_are_judged_from_an_uploaded_logbook(
    client: Any, sub: Any, personas: dict[str, Any]
) -> None:
    client.force_login(personas["koordinator"])
    activity = _activity(sub)
    base = f"/aftaler/{sub.pk}/aktiviteter/{activity.pk}"
    assert client.post(f"{base}/procesmaal/", _goals_post()).status_code == 302
    assert ProcessGoal.objects.filter(agreement=sub).count() == 2
    template = client.get(f"{base}/logbog/skabelon.xlsx")
    assert template.status_code == 200 and template["Content-Type"].startswith("application/vnd")
    year = timezone.localdate().year
    rows = [
        [
            f"0{m}.0{m}.{year}",
            f"Tema {m}",
            "i boligområdet",
            "12",
            "3",
            "7",
            "ja" if m < 4 else "nej",
        ]
        for m in (1, 2, 3)
    ] + [[f"04.04.{year}", "Udflugt", "uden for boligområdet", "9", "", "", "nej"]]
    response = client.post(f"{base}/logbog/indlaes/", {"file": _sheet(rows)})
    assert response.status_code == 302
    assert LogbookSession.objects.filter(agreement=sub).count() == 4
    page = client.get(f"{base}/logbog/?aar={year}").content.decode()
    assert f"3 af 6 om temaerne i {year}, 1 uden for boligområdet (mål: 1)" in page
    export = client.get(f"{base}/logbog/alle.xlsx")
    assert export.status_code == 200
    # The same four sessions again: refused, as duplicates, nothing more saved.
    again = client.post(f"{base}/logbog/indlaes/", {"file": _sheet(rows)}).content.decode()
    assert "har allerede en gang" in again and LogbookSession.objects.count() == 4
    dashboard = client.get(f"/planer/{sub.plan.slug}/opfoelgning/?aar={year}").content.decode()
    assert f"3 af 6 om temaerne i {year}" in dashboard


@pytest.mark.parametrize(
    ("rows", "header", "message"),
    [
        ([["31.02.2026", "", "i boligområdet", "4", "", "", ""]], None, "er ikke en dato"),
        ([["01.01.2026", "", "på månen", "4", "", "", ""]], None, "skal være »i boligområdet«"),
        ([["01.01.2026", "", "i boligområdet", "4", "9", "", ""]], None, "flere nye"),
        ([["01.01.2026", "", "i boligområdet", "fire", "", "", ""]], None, "ikke et helt tal"),
        ([["01.01.2026", "", "i boligområdet", "4", "", "", "måske"]], None, "ja eller nej"),
        (
            [["01.01.2026", "Anna Hansen", "i boligområdet", "4"]],
            ["Dato", "Navn", "Sted", "Deltagere i alt"],
            "aldrig navne",
        ),
        ([["01.01.2099", "", "i boligområdet", "4", "", "", ""]], None, "fremtiden"),
    ],
)
def test_a_bad_logbook_saves_nothing_and_says_why_in_danish(
    client: Any,
    sub: Any,
    personas: dict[str, Any],
    rows: list[list[str]],
    header: Any,
    message: str,
) -> None:
    client.force_login(personas["koordinator"])
    activity = _activity(sub)
    base = f"/aftaler/{sub.pk}/aktiviteter/{activity.pk}"
    client.post(f"{base}/procesmaal/", _goals_post())
    good = ["02.01.2026", "God", "i boligområdet", "5", "", "", ""]
    response = client.post(f"{base}/logbog/indlaes/", {"file": _sheet([good, *rows], header)})
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page and "Intet er gemt" in page
    assert not LogbookSession.objects.exists()  # the good row is not saved either


def test_a_file_that_is_not_a_spreadsheet_is_refused(
    client: Any, sub: Any, personas: dict[str, Any]
) -> None:
    client.force_login(personas["koordinator"])
    base = f"/aftaler/{sub.pk}/aktiviteter/{_activity(sub).pk}"
    fake = SimpleUploadedFile("logbog.xlsx", b"not a zip", "application/octet-stream")
    page = client.post(f"{base}/logbog/indlaes/", {"file": fake}).content.decode()
    assert "ikke et Excel-regneark" in page
    empty = client.post(f"{base}/logbog/indlaes/", {}).content.decode()
    assert "Intet er gemt" in empty or "påkrævet" in empty
    assert not LogbookSession.objects.exists()


def test_one_session_typed_in_with_bad_numbers_keeps_the_form(
    client: Any, sub: Any, personas: dict[str, Any]
) -> None:
    client.force_login(personas["koordinator"])
    url = f"/aftaler/{sub.pk}/aktiviteter/{_activity(sub).pk}/logbog/"
    bad = {
        "date": "14.03.2026",
        "theme": "Læselyst",
        "place": "in_area",
        "participants": "3",
        "new_participants": "8",
    }
    page = client.post(url, bad).content.decode()
    assert (
        "flere nye" in page and 'value="Læselyst"' in page and not LogbookSession.objects.exists()
    )
    ok = client.post(url, {**bad, "new_participants": "2"})
    assert ok.status_code == 302 and LogbookSession.objects.count() == 1
    session = LogbookSession.objects.get()
    client.force_login(personas["partner"])  # reads the delaftale, may not write
    assert client.post(f"{url}{session.pk}/slet/").status_code == 404
    client.force_login(personas["outsider"])
    assert client.get(url).status_code == 404


def test_a_seminar_decision_starts_a_revision_that_names_the_seminar(
    client: Any, sub: Any, personas: dict[str, Any]
) -> None:
    from plans import revisions

    revisions.agreement_submit(agreement=sub, user=None)
    revisions.agreement_approve(agreement=sub, user=None, meeting_date=timezone.localdate())
    client.force_login(personas["koordinator"])
    url = f"/planer/{sub.plan.slug}/seminarer/"
    data = {
        "held_on": "",
        "roles": "Koordinator\nRepræsentant for kommunen",
        "data_reviewed": "Logbøgerne",
        "beslutninger-TOTAL_FORMS": "1",
        "beslutninger-INITIAL_FORMS": "0",
        "beslutninger-0-text": "Lektiecaféen får temadage.",
        "beslutninger-0-agreement": str(sub.pk),
        "beslutninger-0-start_revision": "on",
    }
    page = client.post(url, data).content.decode()
    assert "Seminarets dato mangler" in page and "Lektiecaféen får temadage." in page
    assert not Seminar.objects.exists()
    day = timezone.localdate().strftime("%d.%m.%Y")
    assert client.post(url, {**data, "held_on": day}).status_code == 302
    decision = Seminar.objects.get().decisions.get()
    sub.refresh_from_db()
    assert sub.status == "draft" and decision.started_version == sub.version == 2
    entry = AuditEntry.objects.filter(agreement=sub).order_by("-at", "-id").first()
    assert entry is not None and "seminaret" in entry.reason
    page = client.get(f"/aftaler/{sub.pk}/").content.decode()
    assert "Version 2 blev startet af en beslutning på" in page
    assert "Lektiecaféen får temadage." in page
    doc = client.get(
        f"/planer/{sub.plan.slug}/opfoelgning/{timezone.localdate().year}/dokument.pdf"
    )
    assert doc.status_code == 200
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=doc.content, capture_output=True, check=True
    ).stdout.decode()
    assert "Årets seminar" in text and "Lektiecaféen får temadage." in " ".join(text.split())
    client.force_login(personas["partner"])
    assert client.get(url).status_code == 404


def test_partners_and_lbf_see_the_process_goals_and_theory_of_the_version_in_force(
    client: Any, sub: Any, personas: dict[str, Any]
) -> None:
    """Drafts policy: a draft's new process goal and forandringsteori are for those who read
    drafts; LBF and the delaftale's partner read the version in force."""
    from evaluation import services
    from plans import revisions

    def goals(text: str) -> None:
        services.process_goals_save(
            agreement=sub,
            activity=sub.activities.get(name="Lektiecafé"),
            goals=[services.ProcessGoalInput(text, None, "year")],
        )

    revisions.change_agreement(
        agreement=sub, user=None, action="mål", change=lambda: goals("Godkendt mål")
    )
    revisions.agreement_submit(agreement=sub, user=None)
    revisions.agreement_approve(agreement=sub, user=None, meeting_date=timezone.localdate())
    revisions.change_agreement(
        agreement=sub,
        user=None,
        action="mål",
        reason="Kladde",
        change=lambda: goals("Kladdens mål"),
    )
    url = f"/aftaler/{sub.pk}/aktiviteter/{_activity(sub).pk}/logbog/"
    client.force_login(personas["koordinator"])
    page = client.get(url).content.decode()
    assert "Kladdens mål" in page and "Godkendt mål" not in page
    for name in ("lbf", "partner"):
        client.force_login(personas[name])
        page = client.get(url).content.decode()
        assert "Godkendt mål" in page and "Kladdens mål" not in page, name
        assert "Skriv én gang ind" not in page and "Indlæs logbogen" not in page, name
