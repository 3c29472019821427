"""Between a reading and the database: which agreement an import would revise, and saving it.

The parser never touches the database (STYLE.md §6); these helpers are shared by the CLI and
the web review so both save the same way, through `plans.loading.plan_load_interchange`.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from django.apps import apps

from lib.text import fold
from plans.loading import LoadResult, agreement_revised_by, plan_load_interchange
from plans.models import Agreement, Goal, Measure, Organisation, Plan
from plans.parties import organisation_for, organisation_part
from plans.revisions import working_copy
from plans.selectors import agreement_to_interchange

# The matching the save itself does (goal by text, else by a shared indicator; indicator by
# text within its goal): the review predicts exactly which indicators the save would drop.
from plans.services import _match


def reading_document(agreement: Any) -> dict[str, Any]:
    """The interchange dict of a reading, `period` kept even when no date was read (the
    schema requires the key; `Agreement.to_dict` drops it when both ends are empty)."""
    document: dict[str, Any] = agreement.to_dict()
    document.setdefault("period", {"start": None, "end": None})
    return document


def current_counterpart(plan: Plan, document: dict[str, Any]) -> Agreement | None:
    """The plan's current agreement that saving `document` would revise, if there is one
    (`plans.loading.agreement_revised_by`, the rule the loader applies when it saves). One query.
    """
    return agreement_revised_by(
        plan, kind=document.get("kind"), focus_area=document.get("focus_area")
    )


@dataclass(frozen=True)
class KeptIndicator:
    """An indicator of the saved agreement the document leaves out, kept for its measurements."""

    goal: str
    text: str


def with_recorded_kept(
    agreement: Agreement | None, document: dict[str, Any]
) -> tuple[dict[str, Any], list[KeptIndicator]]:
    """`document` with every indicator of `agreement` that has measurements but that the
    document leaves out put back (under its goal, with its baselines), and the list of them.

    Measurements are never deleted, so saving a document without such an indicator would be
    refused; a reading of last year's Word file often lacks one the plan added since. The
    indicator is matched exactly as the save matches it. The document is not changed (a copy
    is returned). Three queries.
    """
    if agreement is None:
        return document, []
    measurement = apps.get_model("followup", "Measurement")
    recorded = set(
        measurement.objects.filter(indicator__goal__agreement=agreement).values_list(
            "indicator_id", flat=True
        )
    )
    if not recorded:
        return document, []
    full = Agreement.objects.with_chain().get(pk=agreement.pk)
    saved = agreement_to_interchange(full).to_dict()
    as_dict = {
        indicator.pk: saved_indicator
        for goal, saved_goal in zip(full.goals.all(), saved["goals"], strict=True)
        for indicator, saved_indicator in zip(
            goal.indicators.all(), saved_goal["indicators"], strict=True
        )
    }
    result = copy.deepcopy(document)
    kept: list[KeptIndicator] = []
    free_goals = list(Goal.objects.filter(agreement=agreement).prefetch_related("indicators"))
    for goal_data in result.get("goals") or []:
        incoming = {fold(i.get("text")) for i in goal_data.get("indicators") or []}
        goal = _match(
            free_goals,
            goal_data.get("text") or "",
            related=lambda g, incoming=incoming: any(
                fold(i.text) in incoming for i in g.indicators.all()
            ),
        )
        if goal is None:
            continue
        free_goals.remove(goal)
        free = list(goal.indicators.all())
        for indicator_data in goal_data.get("indicators") or []:
            found = _match(free, indicator_data.get("text") or "")
            if found is not None:
                free.remove(found)
        for indicator in free:
            if indicator.pk in recorded:
                goal_data.setdefault("indicators", []).append(copy.deepcopy(as_dict[indicator.pk]))
                kept.append(KeptIndicator(goal=goal_data.get("text") or "", text=indicator.text))
    for goal in free_goals:
        measured = [i for i in goal.indicators.all() if i.pk in recorded]
        if measured:
            result.setdefault("goals", []).append(
                {"text": goal.text, "indicators": [copy.deepcopy(as_dict[i.pk]) for i in measured]}
            )
            kept += [KeptIndicator(goal=goal.text, text=i.text) for i in measured]
    return result, kept


def saved_scope_kinds(agreement: Agreement | None) -> dict[tuple[str, str, str], str]:
    """The saved agreement's scope kinds by (folded indicator text, role, scope): what the
    review shows for a read figure of the same indicator and scope. One query."""
    if agreement is None:
        return {}
    rows = Measure.objects.filter(indicator__goal__agreement=agreement).values_list(
        "indicator__text", "role", "scope", "scope_kind"
    )
    return {(fold(text), role, scope or ""): kind for text, role, scope, kind in rows}


def saved_party_organisations(agreement: Agreement | None) -> dict[str, str]:
    """The saved agreement's party links by folded party name: the organisation the review
    preselects for a party of the same name, and the one saving keeps for it from a document
    that chooses none. One query."""
    if agreement is None:
        return {}
    rows = agreement.parties.values_list("name", "organisation__name")
    return {fold(name): organisation for name, organisation in rows if organisation}


def counterpart_interchange(agreement: Agreement) -> dict[str, Any]:
    """The saved agreement as its working version (`plans.revisions.working_copy`): the
    interchange dict with the organisation each party is linked to (`party_links`), for the
    diff against a new reading."""
    return dict(working_copy(agreement).data)


def with_party_links(
    plan: Plan, agreement: Agreement | None, document: dict[str, Any]
) -> dict[str, Any]:
    """`document` with `party_links`: the organisation saving would link each party to
    (`plans.services.organisation_get_or_create`: the reviewer's choice, else, for a document
    that chooses none, the link the saved party of the same name has, else the organisation
    the party names; a new one by the name it would get), so the review's list of changes
    shows a party linked anew. A copy; two queries."""
    organisations = list(Organisation.objects.filter(plan=plan).values_list("name", flat=True))
    chosen = [c if isinstance(c, str) else None for c in document.get("party_organisations") or []]
    kept = {} if chosen else saved_party_organisations(agreement)
    links: list[str | None] = []
    for order, party in enumerate(document.get("parties") or []):
        party = str(party).strip()
        picked = chosen[order] if order < len(chosen) else kept.get(fold(party))
        links.append(
            organisation_for(party, organisations, chosen=picked, name=str)
            or organisation_part(party)
        )
    return {**document, "party_links": links}


def import_save(
    *,
    slug: str,
    document: dict[str, Any],
    filename: str,
    user: Any = None,
    as_new: bool = False,
) -> LoadResult:
    """Validate and save one reading into the plan. Raises ValidationError.

    By default the reading revises the agreement `current_counterpart` names (or becomes a new
    one when there is none), keeping the indicators with measurements the document leaves out
    (`with_recorded_kept`). With `as_new` it must be a new agreement: refused, in Danish, when
    the plan already has a current one of that kind and focus area."""
    plan = Plan.objects.filter(slug=slug).first()
    if plan is not None and not as_new:
        document, _kept = with_recorded_kept(current_counterpart(plan, document), document)
    return plan_load_interchange(
        slug=slug,
        documents=[document],
        user=user,
        reason=f"Importeret fra {filename}",
        as_new=as_new,
    )
