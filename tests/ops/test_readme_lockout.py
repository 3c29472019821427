"""The README quotes the lock-out page as the page says it: every »…« in its »Locked out«
paragraph is on the page a locked-out user sees, its heading and its message among them."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

pytestmark = pytest.mark.django_db

README = Path(__file__).resolve().parents[2] / "README.md"


def test_the_readme_quotes_the_lockout_page(personas: Any) -> None:
    paragraph = README.read_text("utf-8").split("**Locked out.**", 1)[1].split("\n\n", 1)[0]
    quoted = [" ".join(q.split()) for q in re.findall(r"»([^«]+)«", paragraph)]
    assert quoted, "the README quotes the page"
    client = Client()
    for n in range(settings.AXES_FAILURE_LIMIT + 1):
        response = client.post("/konto/log-ind/", {"username": "koordinator", "password": f"x{n}"})
    assert response.status_code == 429
    html = response.content.decode()
    page = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    for tag in (r"<h1>(.*?)</h1>", r'<p class="alert-heading">(.*?)</p>'):
        shown = re.search(tag, html, flags=re.S)
        assert shown and " ".join(shown.group(1).split()) in quoted, (tag, quoted)
    for text in quoted:
        assert text in page, text
