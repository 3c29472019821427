"""R14: the approval page's two forms have unique ids; each label names its own field."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse


@pytest.mark.django_db
def test_the_decide_page_has_unique_ids_and_the_return_note_is_its_own(
    personas: dict[str, Any], client: Client, plan: Any
) -> None:
    from plans import revisions
    from plans.models import Agreement

    agreement = Agreement.objects.get(plan=plan, kind="delaftale", title="Delaftale om skolegang")
    revisions.agreement_submit(agreement=agreement, user=personas["koordinator"])
    client.force_login(personas["bestyrelse"])
    url = reverse("agreement_decide", args=[agreement.pk])
    page = client.get(url).content.decode()
    ids = Counter(re.findall(r'\sid="([^"]+)"', page))
    assert [i for i, n in ids.items() if n > 1] == []
    for target in re.findall(r'<label[^>]*\sfor="([^"]+)"', page):
        assert ids[target] == 1, target
    assert re.search(r'<label[^>]*for="id_return_note"[^>]*>\s*Hvad skal rettes\?', page)
    assert re.search(r'<label[^>]*for="id_note"[^>]*>\s*Bemærkning', page)

    # an empty return note is refused at its own field; the approve form's note stays unmarked
    page = client.post(url, {"return": "1", "note": ""}).content.decode()
    assert "Versionen er ikke sendt retur." in page
    assert 'id="id_return_note_error"' in page and 'id="id_note_error"' not in page

    response = client.post(url, {"return": "1", "note": "Skriv delmålet om"})
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == "draft"


@pytest.mark.django_db
def test_the_decide_page_says_nothing_waits_instead_of_godkend_version_n(
    personas: dict[str, Any], client: Client, plan: Any
) -> None:
    """Opened when nothing waits (a bookmark, the link of an old e-mail), the page said
    »Godkend version 3« of a version approved long ago (review4 T4)."""
    from plans import revisions
    from plans.models import Agreement

    agreement = Agreement.objects.get(plan=plan, kind="delaftale", title="Delaftale om skolegang")
    client.force_login(personas["bestyrelse"])
    url = reverse("agreement_decide", args=[agreement.pk])
    page = client.get(url).content.decode()
    assert "Godkend version" not in page
    assert "<h1>Bestyrelsens godkendelse</h1>" in page
    assert "Der er ingen version, der venter på bestyrelsens beslutning." in page
    assert reverse("agreement_history", args=[agreement.pk]) in page

    revisions.agreement_submit(agreement=agreement, user=personas["koordinator"])
    agreement.refresh_from_db()
    page = client.get(url).content.decode()
    assert f"<h1>Godkend version {agreement.version}</h1>" in page
