"""Between a reading and the database: which agreement an import would revise, and saving it.

The parser never touches the database (STYLE.md §6); these helpers are shared by the CLI and
the web review so both save the same way, through `plans.loading.plan_load_interchange`.
"""

from __future__ import annotations

from typing import Any

from lib.text import fold
from plans.loading import LoadResult, plan_load_interchange
from plans.models import Agreement, Measure, Plan
from plans.selectors import agreement_to_interchange


def reading_document(agreement: Any) -> dict[str, Any]:
    """The interchange dict of a reading, `period` kept even when no date was read (the
    schema requires the key; `Agreement.to_dict` drops it when both ends are empty)."""
    document: dict[str, Any] = agreement.to_dict()
    document.setdefault("period", {"start": None, "end": None})
    return document


def current_counterpart(plan: Plan, document: dict[str, Any]) -> Agreement | None:
    """The plan's current agreement that saving `document` would revise, if there is one.

    The same rule as `plans.services.agreement_save_from_interchange`: same kind, and for a
    delaftale the same focus area. Two queries at most.
    """
    qs = Agreement.objects.filter(plan=plan, kind=document.get("kind"), is_current=True)
    if document.get("kind") == "delaftale":
        qs = qs.filter(
            focus_area__name=document.get("focus_area"),
            focus_area__funding_period=plan.funding_period_id,
        )
    return qs.first()


def saved_scope_kinds(agreement: Agreement | None) -> dict[tuple[str, str, str], str]:
    """The saved agreement's scope kinds by (folded indicator text, role, scope): what the
    review shows for a read figure of the same indicator and scope. One query."""
    if agreement is None:
        return {}
    rows = Measure.objects.filter(indicator__goal__agreement=agreement).values_list(
        "indicator__text", "role", "scope", "scope_kind"
    )
    return {(fold(text), role, scope or ""): kind for text, role, scope, kind in rows}


def counterpart_interchange(agreement: Agreement) -> dict[str, Any]:
    """The saved agreement as an interchange dict, for the diff against a new reading."""
    full = Agreement.objects.with_chain().get(pk=agreement.pk)
    return agreement_to_interchange(full).to_dict()


def import_save(
    *, slug: str, document: dict[str, Any], filename: str, user: Any = None
) -> LoadResult:
    """Validate and save one reading into the plan (new, or a revision). Raises ValidationError."""
    return plan_load_interchange(
        slug=slug, documents=[document], user=user, reason=f"Importeret fra {filename}"
    )
