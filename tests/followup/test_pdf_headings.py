"""In the yearly follow-up PDF a heading never stands alone at the foot of a page: it moves
to the next page with the text it introduces (print CSS, break-after: avoid). Renders the
demo's follow-up with narratives of growing length, so headings fall at every height."""

from __future__ import annotations

import io
from typing import Any

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

HEADING_PT = 10.5  # h2 13 pt, h3 11 pt; body 9.5 pt


def _stranded(pdf: bytes, agreement_names: set[str]) -> list[str]:
    """Headings that end a page, alone or with only their agreement's name under them."""
    import pdfplumber

    found = []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for number, page in enumerate(document.pages[:-1], start=1):
            lines: dict[int, list[Any]] = {}
            for word in page.extract_words(extra_attrs=["size"]):
                lines.setdefault(round(word["top"]), []).append(word)
            rows = [
                (max(w["size"] for w in lines[top]), " ".join(w["text"] for w in lines[top]))
                for top in sorted(lines)
                if top < page.height - 45  # the running footer
            ]
            if not rows:
                continue
            if rows[-1][0] >= HEADING_PT:
                found.append(f"page {number}: {rows[-1][1]}")
            elif len(rows) > 1 and rows[-2][0] >= HEADING_PT and rows[-1][1] in agreement_names:
                found.append(f"page {number}: {rows[-2][1]} / {rows[-1][1]}")
    return found


def test_no_heading_is_left_at_the_foot_of_a_page() -> None:
    from demo.plan import load_demo
    from followup.documents import render_followup_pdf
    from followup.models import GoalNarrative
    from followup.selectors import plan_followup
    from plans.models import Agreement

    plan, _ = load_demo()
    year = GoalNarrative.objects.filter(goal__agreement__plan=plan).latest("year").year
    names = {a.display_title for a in Agreement.objects.filter(plan=plan)}
    narrative = GoalNarrative.objects.filter(goal__agreement__plan=plan, year=year).order_by(
        "goal__agreement__kind", "goal__order", "pk"
    )[0]
    sentence = "Tallene peger i den rigtige retning, men fraværet falder langsommere end ventet. "
    stranded = []
    for length in range(6):
        GoalNarrative.objects.filter(pk=narrative.pk).update(text=sentence * (1 + 2 * length))
        pdf = render_followup_pdf(plan_followup(plan, year=year))
        stranded += [f"{length}: {s}" for s in _stranded(pdf, names)]
    assert stranded == []
