"""`{% plan_reminders_box %}`: the plan's reminders, for the plan page (one include line);
`{% download_versions agreement as versions %}`: the versions for the download picker;
`{{ text|keep_words }}`: text for the PDF that never breaks a line inside a hyphenated word."""

from __future__ import annotations

import re
from typing import Any

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from documents.selectors import (
    VersionChoice,
    decision_reminders,
    plan_reminders,
    version_choices,
)
from plans import access

register = template.Library()


@register.inclusion_tag("documents/reminders_box.html", takes_context=True)
def plan_reminders_box(context: Any) -> dict[str, Any]:
    plan = context.get("plan")
    request = context.get("request")
    user = getattr(request, "user", None)
    if plan is None or not access.can_read_whole_plan(user, plan):
        return {"reminders": [], "plan": plan}
    return {
        # the board's decisions that wait for this user first, then the plan's own
        "reminders": decision_reminders(plan, user) + plan_reminders(plan),
        "plan": plan,
        # An editor's link to a missing attachment opens its upload form; a reader's, its row.
        "can_edit": context.get("can_edit", False),
    }


@register.simple_tag
def download_versions(agreement: Any) -> list[VersionChoice]:
    """`{% download_versions agreement as versions %}`: the versions one can download (1 query)."""
    return version_choices(agreement)


# A word with a hyphen or slash; »a/ b« (a slash, a space, a word) is kept with its next word,
# since a line broken after a slash is read back as one word (»og/eller«).
_BREAKABLE = re.compile(r"\S*[-/‐–]\S*(?:(?<=/) \S+)?")


@register.filter
def keep_words(value: Any) -> str:
    """Text for the PDF with no line break inside a word that holds a hyphen or slash
    ("Trygheds-survey", "VIVE/LBF"): a break there cannot be told from a word hyphenated at the
    line's end, so a PDF read back would join or split the word. Escapes the text."""
    text = str(value or "")
    out: list[str] = []
    last = 0
    for match in _BREAKABLE.finditer(text):
        out.append(escape(text[last : match.start()]))
        word = match[0]
        if len(word) <= 30:
            out.append(f'<span class="nb">{escape(word)}</span>')
        else:
            out.append(escape(word))
        last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece is escaped above
