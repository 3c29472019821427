"""`{% plan_reminders_box %}`: the plan's reminders, for the plan page (one include line);
`{% download_versions agreement as versions %}`: the versions for the download picker."""

from __future__ import annotations

from typing import Any

from django import template

from accounts import access
from documents.selectors import VersionChoice, plan_reminders, version_choices

register = template.Library()


@register.inclusion_tag("documents/reminders_box.html", takes_context=True)
def plan_reminders_box(context: Any) -> dict[str, Any]:
    plan = context.get("plan")
    request = context.get("request")
    user = getattr(request, "user", None)
    if plan is None or not access.can_read_whole_plan(user, plan):
        return {"reminders": [], "plan": plan}
    return {"reminders": plan_reminders(plan), "plan": plan}


@register.simple_tag
def download_versions(agreement: Any) -> list[VersionChoice]:
    """`{% download_versions agreement as versions %}`: the versions one can download (1 query)."""
    return version_choices(agreement)
