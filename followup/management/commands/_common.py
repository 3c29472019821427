"""What the follow-up's commands share: the acting user and the plan they may record in."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from plans import access
from plans.models import Plan


def recording_plan(username: str, slug: str) -> tuple[Any, Plan]:
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        raise CommandError(f"Brugeren »{username}« findes ikke.")
    try:
        plan = access.access_plan_for_user(user, slug)
        if not access.can_record_followup(user, plan):
            raise access.NotFound
    except access.NotFound:
        raise CommandError(
            f"Planen »{slug}« findes ikke, eller brugeren må ikke registrere dens opfølgning."
        ) from None
    return user, plan
