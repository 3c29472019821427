"""Loading interchange JSON into a plan: the one path the CLI, the API and the web upload share.

Everything is validated before anything is written; then the plan (created if needed) and all
its agreements are saved in one transaction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.text import slugify

from lib.errors import DomainError
from lib.jsonguard import load_json
from plans import interchange as ix
from plans.models import Agreement, AgreementKind, FocusArea, FundingPeriod, Plan
from plans.revisions import change_agreement, working_copy
from plans.services import agreement_save_from_interchange as _save_chain
from plans.services import funding_period_default, plan_create


@transaction.atomic
def agreement_save_from_interchange(
    *, plan: Plan, data: ix.Agreement, agreement: Agreement | None = None, **kwargs: Any
) -> Agreement:
    """The chain (`plans.services`), then the local evaluation parts the format carries: the
    forandringsteori and the activities' process goals (`evaluation.interchange`)."""
    from evaluation.interchange import save_from_interchange, survey_samples_of

    # A document that gives a figure without its survey sample (Word, PDF) keeps the sample
    # the figure had, as it keeps its scope kind.
    samples = survey_samples_of(agreement) if agreement is not None else {}
    saved = _save_chain(plan=plan, data=data, agreement=agreement, **kwargs)
    save_from_interchange(agreement=saved, data=data, samples=samples)
    return saved


@dataclass
class LoadResult:
    plan: Plan
    agreements: list[Agreement]
    plan_created: bool
    # The agreements the documents left exactly as they were (nothing saved, nothing logged).
    unchanged: list[Agreement] = field(default_factory=list)


def parse_interchange_bytes(raw: bytes, *, max_bytes: int | None = None) -> list[dict[str, Any]]:
    """The agreements in a JSON file (one object or a list of them). Raises DomainError."""
    data = load_json(raw, max_bytes=max_bytes)
    documents = data if isinstance(data, list) else [data]
    if not documents:
        raise DomainError("Filen indeholder ingen aftaler.")
    return documents


def read_documents(documents: list[Any], funding_period: FundingPeriod) -> list[ix.Agreement]:
    """Validate every document against the plan's funding period (its indsatsområder, its
    code); all messages at once, numbered by document."""
    known = tuple(
        FocusArea.objects.filter(funding_period=funding_period).values_list("name", flat=True)
    )
    parsed: list[ix.Agreement] = []
    problems: list[str] = []
    for number, document in enumerate(documents, start=1):
        try:
            parsed.append(
                ix.Agreement.from_dict(
                    document, known_focus_areas=known, funding_period=funding_period.code
                )
            )
        except ix.InterchangeError as error:
            prefix = f"Aftale {number}: " if len(documents) > 1 else ""
            problems.extend(prefix + message for message in error.messages)
    for number, agreement in enumerate(parsed, start=1):
        prefix = f"Aftale {number}: " if len(documents) > 1 else ""
        problems.extend(prefix + message for message in _repeated_parts(agreement))
    kinds = [(a.kind, a.focus_area) for a in parsed]
    for key in set(kinds):
        if kinds.count(key) > 1:
            what = "strategiske samarbejdsaftaler" if key[1] is None else f"delaftaler for {key[1]}"
            problems.append(f"Filen indeholder flere {what}; indlæs én ad gangen.")
    if problems:
        raise DomainError(problems)
    return parsed


def _repeated(values: list[str]) -> list[str]:
    return sorted({v for v in values if values.count(v) > 1})


def _repeated_parts(agreement: ix.Agreement) -> list[str]:
    """Parts the agreement may hold only once, given twice: refused with a message rather
    than left to the database's unique constraints."""
    problems = [
        f"Indsatsområdet »{name}« står flere gange i aftalen; angiv det én gang."
        for name in _repeated([f.name for f in agreement.focus_areas])
    ]
    problems += [
        f"Boligområdet »{name}« står flere gange i aftalen; angiv det én gang."
        for name in _repeated([h.name for h in agreement.housing_areas])
    ]
    for area in agreement.housing_areas:
        numbers = [
            f"{d.number} ({d.organisation or 'uden organisation'})" for d in area.departments
        ]
        problems += [
            f"Afdeling {number} står flere gange under boligområdet »{area.name}«."
            for number in _repeated(numbers)
        ]
    return problems


def plan_load_interchange(
    *,
    slug: str,
    documents: list[Any],
    user: Any = None,
    name: str | None = None,
    reason: str = "",
    as_new: bool = False,
) -> LoadResult:
    """Create the plan if needed and save every agreement, all or nothing.

    Each document revises the agreement `agreement_revised_by` names; with `as_new` every
    document must be a new agreement instead (DomainError when the plan already has it)."""
    if not slug or slugify(slug) != slug:
        raise DomainError(
            f"»{slug}« kan ikke bruges som kortnavn; brug små bogstaver, tal og bindestreger."
        )
    plan = Plan.objects.filter(slug=slug).select_related("funding_period").first()
    funding_period = plan.funding_period if plan else _period_for_new_plan(documents)
    if funding_period is None:
        raise DomainError("Der er ingen bevillingsperiode; kør databasemigreringerne.")
    parsed = read_documents(documents, funding_period)
    with transaction.atomic():
        created = plan is None
        if plan is None:
            strategic = next((a for a in parsed if a.kind == AgreementKind.STRATEGIC), None)
            plan_name = name or (strategic.initiative if strategic else None) or slug
            plan = plan_create(
                name=plan_name.strip('"“” ')[:200],
                slug=slug,
                funding_period=funding_period,
                period_start=strategic.period.start if strategic else None,
                period_end=strategic.period.end if strategic else None,
                by=user,
                reason=reason,
            )
        unchanged: list[Agreement] = []
        agreements = [
            _save_one(plan, a, user=user, reason=reason, unchanged=unchanged, as_new=as_new)
            for a in parsed
        ]
    return LoadResult(plan=plan, agreements=agreements, plan_created=created, unchanged=unchanged)


def _period_for_new_plan(documents: list[Any]) -> FundingPeriod | None:
    """A new plan's funding period: the one its documents name (`funding_period`, format 2),
    else the period in force today."""
    named = {
        d.get("funding_period")
        for d in documents
        if isinstance(d, dict) and d.get("funding_period")
    }
    if len(named) > 1:
        raise DomainError(
            "Aftalerne i filen hører til forskellige bevillingsperioder ("
            + ", ".join(sorted(str(n) for n in named))
            + "); indlæs dem i hver sin plan."
        )
    if named:
        code = str(next(iter(named)))
        period = FundingPeriod.objects.filter(code=code).first()
        if period is None:
            raise DomainError(
                f"Bevillingsperioden {code} findes ikke. Indlæs den først med "
                "»helhedsplan load-period FIL«."
            )
        return period
    return funding_period_default()


def _unchanged(current: Agreement, data: ix.Agreement, *, user: Any, reason: str) -> bool:
    """Whether saving `data` over `current` would leave it exactly as it is: the save is tried
    inside a savepoint, compared with the agreement before it, and always rolled back."""
    before = working_copy(current).data
    savepoint = transaction.savepoint()
    try:
        agreement_save_from_interchange(
            plan=current.plan, data=data, user=user, reason=reason, agreement=current
        )
        after = working_copy(Agreement.objects.get(pk=current.pk)).data
    finally:
        transaction.savepoint_rollback(savepoint)
    current.refresh_from_db()
    return bool(before == after)


def agreement_revised_by(
    plan: Plan, *, kind: str | None, focus_area: str | None
) -> Agreement | None:
    """The plan's current agreement that a document of `kind` (and, for a delaftale, of the
    focus area named `focus_area` in the plan's funding period) revises, if there is one.

    The one rule the loader, the importer's review and `helhedsplan import` share. One query.
    """
    qs = Agreement.objects.filter(plan=plan, kind=kind, is_current=True)
    if kind == "delaftale":
        qs = qs.filter(
            focus_area__name=focus_area, focus_area__funding_period=plan.funding_period_id
        )
    return qs.order_by("pk").first()


def title_for_area(title: str | None, *, was: str | None, now: str | None) -> str:
    """A delaftale's title once its indsatsområde changes from `was` to `now` (the import
    review's »Gem som ny aftale« into another area): the title follows the area.

    The old area's name in the title (in any case and spacing) becomes the new one's, so
    »Delaftale for indsatsområdet Læring og trivsel« saved under »Tryghed og fællesskab«
    is »Delaftale for indsatsområdet Tryghed og fællesskab«. A
    title that does not name the old area is the koordinator's own words and is kept; an
    empty one stays empty (the agreement is then shown as »Delaftale: <area>«).
    """
    title = title or ""
    if not title or not was or not now or was == now:
        return title
    words = [re.escape(word) for word in was.split()]
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE)

    def replace(match: re.Match[str]) -> str:
        found = match.group(0)
        # »… uddannelse og livschancer« written in lower case stays in lower case
        return now.lower() if found == found.lower() and found != was else now

    return pattern.sub(replace, title)


def retitled_for_area(document: dict[str, Any], reading: dict[str, Any]) -> dict[str, Any]:
    """`document` (the reviewed reading) with its title following a changed indsatsområde
    (`title_for_area`), unless the reviewer changed the title as well: then theirs stands."""
    was, now = reading.get("focus_area"), document.get("focus_area")
    if document.get("kind") != AgreementKind.SUB or not was or not now or was == now:
        return document
    if (document.get("title") or "") != (reading.get("title") or ""):
        return document
    return {**document, "title": title_for_area(document.get("title"), was=was, now=now)}


def taken_message(current: Agreement) -> str:
    """Why a document cannot be saved as a new agreement beside `current`."""
    if current.kind == "delaftale":
        return (
            f"Planen har allerede en gældende delaftale for {current.focus_area}. Vælg et andet "
            "indsatsområde, eller gem dokumentet som ny udgave af den."
        )
    return (
        "Planen har allerede en gældende strategisk samarbejdsaftale. Gem dokumentet som ny "
        "udgave af den."
    )


def _save_one(
    plan: Plan,
    data: ix.Agreement,
    *,
    user: Any,
    reason: str,
    unchanged: list[Agreement],
    as_new: bool = False,
) -> Agreement:
    current = agreement_revised_by(plan, kind=data.kind, focus_area=data.focus_area)
    if current is not None and as_new:
        raise DomainError(taken_message(current))
    if current is None:
        # the service writes the entry »Aftalen oprettet fra fil«
        return agreement_save_from_interchange(plan=plan, data=data, user=user, reason=reason)
    if _unchanged(current, data, user=user, reason=reason):
        # A document that says what the agreement already says changes nothing: no new
        # version, no audit entry, nothing for the board to approve again.
        unchanged.append(current)
        return current
    return change_agreement(
        agreement=current,
        user=user,
        action="Ny udgave indlæst fra fil",
        reason=reason or "Ny udgave indlæst fra fil",
        change=lambda: agreement_save_from_interchange(
            plan=plan, data=data, user=user, reason=reason, agreement=current
        ),
    )
