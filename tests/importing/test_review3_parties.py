"""Review 3, S1 + S10: parties written »Titel Navn, Organisation« belong to the plan's
organisations: no »another plan« alarm, each party linked to the organisation it names (the
review offers the plan's organisations, preselected), and the partner of that organisation
reads the delaftale once approved."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from importing.consistency import plan_mismatches
from importing.models import ImportJob, ImportStatus
from plans.parties import names_organisation, organisation_named, organisation_part
from tests.importing.reviewing import (  # noqa: F401 - read_at_once is autouse here
    REVIEW_FIXTURES,
    post_review,
    read_at_once,
    review_data,
)

pytestmark = pytest.mark.django_db

DOCX = "C_kriminalitet_skabelon_haandudfyldt.docx"


def test_a_party_names_an_organisation_by_containment_in_any_case_and_spacing() -> None:
    assert names_organisation(
        "Driftschef Lone Vestergaard, Boligselskabet Bakkely", "Boligselskabet  bakkely"
    )
    assert names_organisation("Åbyhavn Kommune, Jobcentret", "ÅBYHAVN KOMMUNE")
    assert names_organisation("Boligselskabet", "Boligselskabet Bakkely")  # a short form
    # whole words only: »Kildevang« is not »Kildevangen Boligforening«
    assert not names_organisation("Kildevangens Venner", "Kildevang")
    assert not names_organisation("Fjernby Kommune", "Åbyhavn Kommune")
    names = ["Åbyhavn Kommune", "Åbyhavn Kommune, Jobcentret", "Fritidsklubben Stjernen"]
    # the longest name contained wins
    assert organisation_named("Åbyhavn Kommune, Jobcentret, Ib Holm", names, name=str) == (
        "Åbyhavn Kommune, Jobcentret"
    )
    assert organisation_named("Klubleder Mads Tang, Fritidsklubben Stjernen", names, name=str) == (
        "Fritidsklubben Stjernen"
    )
    assert organisation_named("Fjernby Skole", names, name=str) is None


def test_a_new_organisation_is_named_after_the_organisation_part_of_the_party() -> None:
    assert organisation_part("Klubleder Mads Tang, Fritidsklubben Stjernen") == (
        "Fritidsklubben Stjernen"
    )
    assert organisation_part("Lokalpolitileder Sara Kjær, Åbyhavn Politi") == "Åbyhavn Politi"
    assert organisation_part("Åbyhavn Kommune, Jobcentret") == "Åbyhavn Kommune"
    assert organisation_part("Lilleby Skole") == "Lilleby Skole"
    assert organisation_part("Mette Hansen, leder") == "Mette Hansen, leder"
    # the party keeps its role note as written; the organisation's name does not
    assert organisation_part("Lilleby Boldklub (tovholder)") == "Lilleby Boldklub"
    assert organisation_part("Lilleby Kommune (Kultur og Fritid)") == (
        "Lilleby Kommune (Kultur og Fritid)"
    )


def test_titled_parties_are_no_sign_of_another_plan(plan: Any) -> None:
    own = {"parties": ["Driftschef Ida Berg, Lilleby Boligforening"], "period": {}}
    assert plan_mismatches(plan, own) == []
    other = {"parties": ["Rektor Ole Dahl, Fjernby Skole"], "period": {}}
    assert [m.path for m in plan_mismatches(plan, other)] == ["parties"]
    # a party the reviewer linked to one of the plan's organisations is the plan's
    linked = {**other, "party_organisations": ["Lilleby Boligforening"]}
    assert plan_mismatches(plan, linked) == []


def _upload(client: Client, plan: Any) -> ImportJob:
    data = (REVIEW_FIXTURES / "review3" / DOCX).read_bytes()
    response = client.post(
        reverse("import_upload", args=[plan.slug]), {"file": SimpleUploadedFile(DOCX, data)}
    )
    assert response.status_code == 302
    job = ImportJob.objects.latest("pk")
    assert job.status == ImportStatus.READY, job.error
    return job


def test_the_titled_parties_import_links_them_and_the_partner_reads_the_delaftale() -> None:
    from demo.plan import DEMO_PASSWORD, load_demo
    from plans import revisions
    from plans.models import Agreement, Organisation

    plan, _rows = load_demo()
    before = set(Organisation.objects.filter(plan=plan).values_list("name", flat=True))
    client = Client()
    assert client.login(username="koordinator", password=DEMO_PASSWORD)
    job = _upload(client, plan)
    html = client.get(reverse("import_review", args=[plan.slug, job.pk])).content.decode()
    assert "Hører dokumentet til en anden plan?" not in html
    # each party row offers the plan's organisations, the one it names preselected
    assert "Planens organisation" in html
    assert '<option value="Fritidsklubben Stjernen" selected>' in html
    assert '<option value="Boligselskabet Bakkely" selected>' in html

    data = review_data(job, confirm="1")
    parties = [data[f"parties-{i}-name"] for i in range(4)]
    assert [data[f"parties-{i}-organisation"] for i in range(4)] == [
        "Boligselskabet Bakkely",
        "Åbyhavn Kommune",
        "",  # Åbyhavn Politi is no organisation of the plan yet
        "Fritidsklubben Stjernen",
    ], parties
    response = post_review(client, job, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    agreement = Agreement.objects.get(
        plan=plan, focus_area__name="Kriminalitetsforebyggelse", is_current=True
    )
    linked = {p.name: str(p.organisation) for p in agreement.parties.all()}
    assert linked["Klubleder Mads Tang, Fritidsklubben Stjernen"] == "Fritidsklubben Stjernen"
    assert linked["SSP-leder Ib Holm, Åbyhavn Kommune"] == "Åbyhavn Kommune"
    # one organisation was new, named as an organisation and not after its person
    after = set(Organisation.objects.filter(plan=plan).values_list("name", flat=True))
    assert after - before == {"Åbyhavn Politi"}

    board = Client()
    assert board.login(username="bestyrelse", password=DEMO_PASSWORD)
    from django.contrib.auth import get_user_model

    users = get_user_model().objects
    revisions.agreement_submit(
        agreement=agreement,
        user=users.get(username="koordinator"),
        reason="Ny delaftale",
        sent_on=timezone.localdate(),
    )
    revisions.agreement_approve(
        agreement=agreement,
        user=users.get(username="bestyrelse"),
        meeting_date=timezone.localdate(),
        meeting_reference="Bestyrelsesmøde",
    )
    partner = Client()
    assert partner.login(username="partner", password=DEMO_PASSWORD)
    assert partner.get(reverse("agreement_detail", args=[agreement.pk])).status_code == 200
    page = partner.get(reverse("plan_detail", args=[plan.slug])).content.decode()
    assert "Kriminalitetsforebyggelse" in page


def test_the_reviewer_may_link_a_party_to_another_of_the_plans_organisations() -> None:
    from demo.plan import DEMO_PASSWORD, load_demo
    from plans.models import Agreement

    plan, _rows = load_demo()
    client = Client()
    assert client.login(username="koordinator", password=DEMO_PASSWORD)
    job = _upload(client, plan)
    data = review_data(job, confirm="1")
    data["parties-2-organisation"] = "Østkystens Politi"
    assert post_review(client, job, data).status_code == 302
    agreement = Agreement.objects.get(
        plan=plan, focus_area__name="Kriminalitetsforebyggelse", is_current=True
    )
    party = agreement.parties.get(name__startswith="Lokalpolitileder")
    assert str(party.organisation) == "Østkystens Politi"


def test_a_partner_reads_a_delaftale_whose_party_an_earlier_import_linked_to_a_whole_line(
    plan: Any, personas: dict[str, Any]
) -> None:
    """An agreement saved before the rule linked »Titel Navn, Organisation« to the plan's
    organisation has its party on an organisation named after the whole line: still the
    partner's (plans.access asks plans.parties)."""
    from plans import access
    from plans.models import Agreement, AgreementParty, AgreementStatus, Organisation

    sub = Agreement.objects.get(plan=plan, focus_area__name="Beskæftigelse")
    stray = Organisation.objects.create(plan=plan, name="Klubleder Ib Lund, Klubben Lyset")
    AgreementParty.objects.create(agreement=sub, name=stray.name, organisation=stray)
    Agreement.objects.filter(pk=sub.pk).update(status=AgreementStatus.APPROVED)
    visible = access.agreements_visible_to(personas["partner"], plan)
    assert visible.filter(pk=sub.pk).exists()
    other = Organisation.objects.create(plan=plan, name="Fjernby Klub")
    AgreementParty.objects.filter(agreement=sub).update(organisation=other)
    assert not access.agreements_visible_to(personas["partner"], plan).filter(pk=sub.pk).exists()
