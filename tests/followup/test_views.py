"""Every follow-up page for every persona; the dashboard's pinned query count; documents."""

from __future__ import annotations

import base64
import datetime as dt
import io
import re
from decimal import Decimal
from typing import Any

import pdfplumber
import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from docx import Document

from demo.national import Size, generate_national, slug_of
from followup import services
from followup.models import BoardMeeting, FollowUpDocument

pytestmark = pytest.mark.django_db

READERS = {"koordinator": 200, "bestyrelse": 200, "lbf": 200, "admin": 200}
HIDDEN = {"partner": 404, "outsider": 404}
RECORDERS = {"koordinator": 200, "admin": 200, "bestyrelse": 404, "lbf": 404}
# The fixture's agreement has never been approved: LBF reads versions in force only
# (plans.access), so its indicator pages are not LBF's either.
DRAFT_READERS = {"koordinator": 200, "bestyrelse": 200, "lbf": 404, "admin": 200}


def _pages(plan: Any, indicator: Any) -> list[tuple[str, dict[str, int]]]:
    base = f"/planer/{plan.slug}/opfoelgning/"
    goal = indicator.goal
    return [
        (base, READERS),
        (f"{base}?aar=2025", READERS),
        (f"{base}indikatorer/{indicator.pk}/", DRAFT_READERS),
        (f"/planer/{plan.slug}/revision/?aar=2025", READERS),
        (f"{base}indlaes/", RECORDERS),
        (f"{base}skabelon.xlsx", RECORDERS),
        (f"{base}skabelon.csv", RECORDERS),
        (f"{base}maal/{goal.pk}/tekst/?aar=2025", RECORDERS),
        (f"{base}bestyrelsesmoede/?aar=2025", RECORDERS),
    ]


def test_every_page_answers_each_persona_as_access_decides(
    client: Any, plan: Any, personas: Any, values: Any
) -> None:
    indicator = values[0].indicator
    for url, expected in _pages(plan, indicator):
        for name, status in {**expected, **HIDDEN}.items():
            client.force_login(personas[name])
            response = client.get(url)
            assert response.status_code == status, (url, name, response.status_code)
    client.logout()
    assert client.get(f"/planer/{plan.slug}/opfoelgning/").status_code == 302


def test_only_the_koordinator_and_admin_may_post(
    client: Any, plan: Any, personas: Any, values: Any
) -> None:
    indicator = values[0].indicator
    url = f"/planer/{plan.slug}/opfoelgning/indikatorer/{indicator.pk}/"
    data = {"action": "record", "scope_kind": "whole", "period_kind": "year", "year": "2026",
            "half": "0", "percent": "67,5"}  # fmt: skip
    for name in ("bestyrelse", "lbf", "partner", "outsider"):
        client.force_login(personas[name])
        assert client.post(url, data).status_code == 404
        meeting = {"year": "2025", "held_on": "20.11.2025", "attendees": "x", "decisions": "y"}
        assert (
            client.post(f"/planer/{plan.slug}/opfoelgning/bestyrelsesmoede/", meeting).status_code
            == 404
        )
        assert client.post(f"/planer/{plan.slug}/opfoelgning/2025/arkiver/").status_code == 404
    assert not BoardMeeting.objects.exists()
    client.force_login(personas["koordinator"])
    response = client.post(url, data)
    assert response.status_code == 302
    bad = client.post(url, {**data, "year": "2023", "percent": "mange"})
    assert "ikke et tal" in bad.content.decode() and "Intet er gemt" in bad.content.decode()
    correction = {"action": "correct", "measurement": str(values[0].pk), "reason": "Genopgjort",
                  "percent": "63"}  # fmt: skip
    assert client.post(url, correction).status_code == 302
    page = client.get(url).content.decode()
    assert "Genopgjort" in page and "rettet" in page


def test_the_board_meeting_form_closes_the_year(client: Any, plan: Any, personas: Any) -> None:
    client.force_login(personas["koordinator"])
    url = f"/planer/{plan.slug}/opfoelgning/bestyrelsesmoede/?aar=2025"
    bad = client.post(
        url, {"year": "2025", "held_on": "31.02.2025", "attendees": "", "decisions": ""}
    )
    assert "ikke en dato" in bad.content.decode()
    ok = {"year": "2025", "held_on": "20. november 2025", "attendees": "Anne A.", "decisions": "OK",
          "without_documents": "on"}  # fmt: skip
    assert client.post(url, ok).status_code == 302
    meeting = BoardMeeting.objects.get()
    assert meeting.held_on == dt.date(2025, 11, 20) and meeting.recorded_by_name == "koordinator"
    statement = client.get(f"/planer/{plan.slug}/revision/?aar=2025").content.decode()
    assert "20. november 2025" in statement and "Anne A." in statement


def test_the_dashboard_costs_the_same_queries_for_one_plan_and_for_many(
    client: Any, personas: Any
) -> None:
    """Uncached, the dashboard costs a fixed number of queries however many plans there are."""
    small = Size(plans=1, subagreements=2, indicators_per_subagreement=3, years=3)
    generate_national(small)
    client.force_login(personas["lbf"])
    url = f"/planer/{slug_of(0)}/opfoelgning/"
    client.get(url)
    cache.clear()
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    generate_national(
        Size(plans=4, subagreements=2, indicators_per_subagreement=3, years=3, first_plan=1)
    )
    cache.clear()
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert response.status_code == 200
    # session, user, plan, memberships, stamp, agreements, goals, indicators, baselines,
    # measurements, narratives, the approved versions of drafts, board meeting; the
    # delaftaler's activities, their process goals, logbook sessions and seminars (evaluation)
    assert len(one.captured_queries) == len(many.captured_queries) == 17


def _approve(agreement: Any) -> None:
    from plans import revisions

    revisions.agreement_submit(agreement=agreement, user=None)
    revisions.agreement_approve(agreement=agreement, user=None, meeting_date=timezone.localdate())


REQUEST_QUERIES = 4  # session, user, plan, memberships: every plan page pays these


def test_a_cached_dashboard_costs_one_query_until_a_record_changes(
    client: Any, plan: Any, personas: Any, values: Any
) -> None:
    """A second reader gets the stored page for the price of the stamp; a new value, a
    correction, a changed baseline, a narrative or the board meeting each give a fresh page."""
    url = f"/planer/{plan.slug}/opfoelgning/?aar=2026"
    client.force_login(personas["bestyrelse"])
    first = client.get(url).content.decode()
    with CaptureQueriesContext(connection) as cached:
        again = client.get(url).content.decode()
    csrf = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')  # masked anew per response
    assert csrf.sub("", again) == csrf.sub("", first)
    assert len(cached.captured_queries) - REQUEST_QUERIES <= 2
    indicator = values[0].indicator

    def fresh_page() -> str:
        with CaptureQueriesContext(connection) as queries:
            page = client.get(url).content.decode()
        # + the approved versions of the agreements that are drafts (the version in force)
        assert len(queries.captured_queries) == REQUEST_QUERIES + 13, (
            "not recomputed"
        )  # + activities, process goals, logbook, seminars
        return page

    services.measurement_record(indicator=indicator, year=2026, percent=Decimal("70.5"))
    assert "70,5 %" in fresh_page()
    services.measurement_correct(measurement=values[2], reason="Genopgjort", percent=Decimal(67))
    assert "<td>2025</td><td>67 %</td>" in fresh_page()
    from plans import services as plan_services

    baseline = indicator.measures.get(role="baseline")
    plan_services.measure_save(
        indicator=indicator, measure=baseline, role="baseline", text="59 % i 2023", percent=59
    )
    plan_services.indicator_save(
        goal=indicator.goal, text="Andel unge i job", unit="percent", direction="more"
    )
    assert "Andel unge i job" in fresh_page()
    services.narrative_save(goal=indicator.goal, year=2026, text="Flere går til prøve.")
    assert "Flere går til prøve." in fresh_page()
    services.board_meeting_record(
        plan=plan, year=2026, held_on=dt.date(2026, 1, 5), attendees="Anne", decisions="OK",
        without_documents=True,
    )  # fmt: skip
    assert "Afsluttet" in fresh_page()
    # The koordinator may record, so she gets her own page, with the links to do it.
    client.force_login(personas["koordinator"])
    assert "Indlæs målinger" in client.get(url).content.decode()
    client.force_login(personas["bestyrelse"])
    assert "Indlæs målinger" not in client.get(url).content.decode()


CHART = re.compile(r"<svg [^>]*role=\"img\".*?</svg>", re.S)


def _charts(html: str) -> dict[str, str]:
    """The charts in a page, by the id of their accessible name."""
    return {re.search(r'aria-labelledby="([^"]+)"', svg)[1]: svg for svg in CHART.findall(html)}  # type: ignore[index]


def test_the_dashboard_shows_status_rule_and_an_accessible_chart(
    client: Any, plan: Any, personas: Any, values: Any
) -> None:
    client.force_login(personas["bestyrelse"])
    page = client.get(f"/planer/{plan.slug}/opfoelgning/?aar=2026").content.decode()
    assert "i den rigtige retning" in page
    assert "Sådan er status fastsat" in page and "aldrig alene ud fra et mål" in page
    assert "Lilleby Kommune" in page
    chart = _charts(page)[f"diagram-{values[0].indicator.pk}-titel"]
    title = re.search(r"<title id=\"diagram-\d+-titel\">([^<]+)</title>", chart)
    assert title and title[1].startswith("Diagram: Andel elever med afgangsprøve – ")
    assert title[1].endswith(" mod Lilleby Kommune over tid")
    assert "Lilleby Kommune (stiplet linje): 80 % i 2024, 81 % i 2025" in chart
    assert 'stroke-dasharray="6,3"' in chart and 'viewBox="0 0 ' in chart
    assert "Tallene bag diagrammet" in page and "<td>2025</td><td>66 %</td>" in page
    assert "vega" not in page and '<script type="module"' not in page


def test_the_page_and_the_pdf_show_the_same_chart(
    client: Any, plan: Any, personas: Any, values: Any
) -> None:
    """One chart definition: the SVG inline on the dashboard is the SVG the PDF embeds, and
    the PDF's text carries its labels (ticks, periods, series names)."""
    from followup import documents, selectors

    client.force_login(personas["bestyrelse"])
    page = client.get(f"/planer/{plan.slug}/opfoelgning/?aar=2026").content.decode()
    on_page = _charts(page)
    follow = selectors.plan_followup(plan, year=2026)
    html = documents.render_html(follow)
    embedded = re.findall(r"data:image/svg\+xml;base64,([^\"]+)", html)
    in_pdf = _charts("".join(base64.b64decode(data).decode() for data in embedded))
    assert on_page and on_page == in_pdf
    chart = on_page[f"diagram-{values[0].indicator.pk}-titel"]
    assert ">Procent</text>" in chart  # the axis title, turned on its side
    labels = set(re.findall(r"<text x=[^>]*>([^<]+)</text>", chart))
    assert {"2024", "2025", "Lilleby Kommune", "80"} <= labels
    with pdfplumber.open(io.BytesIO(documents.render_followup_pdf(follow))) as document:
        words = {w["text"] for p in document.pages for w in p.extract_words()}
    assert {label for label in labels if " " not in label} <= words


def test_small_counts_never_reach_the_page(
    client: Any, plan: Any, personas: Any, indicator: Any
) -> None:
    services.measurement_record(
        indicator=indicator, scope_kind="whole", year=2025, count=Decimal(3), denominator=Decimal(47),
        text="3 ud af 47 elever",
    )  # fmt: skip
    client.force_login(personas["koordinator"])
    page = client.get(f"/planer/{plan.slug}/opfoelgning/?aar=2026").content.decode()
    assert "3 ud af 47" not in page and "6,38" not in page and "6,4" not in page
    assert "1 værdi under 5 er udeladt" in page
    chart = _charts(page)[f"diagram-{indicator.pk}-titel"]
    assert "ingen offentliggjorte værdier; 1 for små tal er udeladt." in chart
    assert "Ingen offentliggjorte værdier endnu" in chart


def _year_with_meeting(plan: Any, values: Any) -> None:
    services.narrative_save(goal=values[0].indicator.goal, year=2026, text="Flere går til prøve.")


def test_the_followup_docx_is_danish_with_status_table_narrative_and_chart(
    client: Any, plan: Any, personas: Any, values: Any
) -> None:
    _year_with_meeting(plan, values)
    _approve(values[0].indicator.goal.agreement)  # the report's table is the version in force
    client.force_login(personas["bestyrelse"])
    response = client.get(f"/planer/{plan.slug}/opfoelgning/2026/dokument.docx")
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Årlig opfølgning 2026" in text and "Flere går til prøve." in text
    assert "Bestyrelsen har endnu ikke behandlet opfølgningen for 2026" in text
    cells = {c.text for row in document.tables[0].rows for c in row.cells}
    assert "Andel elever med afgangsprøve" in cells and "i den rigtige retning" in cells
    assert document.inline_shapes  # the charts


def test_the_followup_pdf_and_the_auditor_statement_read_in_danish(
    client: Any, plan: Any, personas: Any, values: Any
) -> None:
    services.narrative_save(goal=values[0].indicator.goal, year=2024, text="Flere går til prøve.")
    client.force_login(personas["koordinator"])
    assert client.post(f"/planer/{plan.slug}/opfoelgning/2024/arkiver/").status_code == 302
    assert FollowUpDocument.objects.filter(plan=plan, year=2024).count() == 2
    pdf = FollowUpDocument.objects.get(plan=plan, year=2024, format="pdf")
    with pdfplumber.open(io.BytesIO(bytes(pdf.content))) as document:
        text = "\n".join(page.extract_text() or "" for page in document.pages)
    assert "Årlig opfølgning 2024" in text and "Sådan er status fastsat" in text
    assert "i den rigtige retning" in text and "Flere går til prøve." in text
    archived = client.get(f"/planer/{plan.slug}/opfoelgning/arkiv/{pdf.pk}/")
    assert archived.status_code == 200 and archived.content == bytes(pdf.content)
    services.board_meeting_record(
        plan=plan, year=2024, held_on=dt.date(2024, 11, 20),
        attendees="Anne Andersen, Lilleby Boligforening", decisions="Taget til efterretning.",
    )  # fmt: skip
    response = client.get(f"/planer/{plan.slug}/revision/?aar=2024&format=pdf")
    with pdfplumber.open(io.BytesIO(response.content)) as document:
        text = "\n".join(page.extract_text() or "" for page in document.pages)
    assert "Bilag til revisionen" in text and "Anne Andersen" in text
    assert pdf.sha256[:16] in text.replace("\n", "")


def test_a_closed_years_text_page_says_so_before_anything_is_typed(
    client: Any, plan: Any, personas: Any, indicator: Any
) -> None:
    """The form opened for a year the board had closed; the refusal came only after typing
    (review4 T15). Now the page goes back to the dashboard with the same words."""
    from followup import services

    goal = indicator.goal
    services.board_meeting_record(
        plan=plan, year=2025, held_on=dt.date(2025, 11, 20), attendees="Anne A.",
        decisions="OK", recorded_by=personas["koordinator"], without_documents=True,
    )  # fmt: skip
    client.force_login(personas["koordinator"])
    url = f"/planer/{plan.slug}/opfoelgning/maal/{goal.pk}/tekst/?aar=2025"
    response = client.get(url, follow=True)
    page = response.content.decode()
    assert response.redirect_chain and "/opfoelgning/?aar=2025" in response.redirect_chain[0][0]
    assert "Årets opfølgning er afsluttet; teksten kan ikke længere ændres." in page
    assert "<textarea" not in page or 'name="text"' not in page
    # an open year still shows the form
    assert client.get(url.replace("2025", "2026")).status_code == 200
