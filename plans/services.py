"""Every write to the agreement chain (STYLE.md §1).

Named, typed functions with keyword-only arguments, each in one transaction, each calling
`full_clean()` before it saves. The web views, the JSON API, the CLI and the importer all
call these, so they behave the same. Validation failures raise `ValidationError` (or its
subclass `lib.errors.DomainError` for domain rules) with Danish messages; nothing is saved.
"""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.db import IntegrityError, transaction
from django.db.models import Model
from rapidfuzz import fuzz

from importing.figures import scope_kind_of
from lib.errors import DomainError
from lib.text import fold
from plans import interchange as ix
from plans import revisions
from plans.goal_refs import distinct_goal_lines, referred_goals
from plans.models import (
    Activity,
    Agreement,
    AgreementKind,
    AgreementParty,
    AgreementStatus,
    Department,
    Direction,
    FocusArea,
    FocusAreaSection,
    FundingPeriod,
    Goal,
    HousingArea,
    Indicator,
    LbfGoal,
    LbfIndicator,
    Measure,
    MeasureRole,
    Organisation,
    OrganisationKind,
    Plan,
    PlanStatus,
    ScopeKind,
    StaffResource,
)
from plans.parties import organisation_for, organisation_part
from plans.unit import guess_unit

# ---------------------------------------------------------------------------------------
# Shared helpers


def _clean_and_save(instance: Model, *, exclude: list[str] | None = None) -> None:
    """full_clean, then save; a database constraint that still fires becomes a DomainError."""
    instance.full_clean(exclude=exclude)
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError as error:
        raise DomainError(
            "Ændringen strider mod en regel i databasen og blev ikke gemt: "
            + _constraint_message(str(error))
        ) from error


_CONSTRAINT_MESSAGES = {
    "agreement_one_current_subagreement_per_focus_area": (
        "planen har allerede en gældende delaftale for dette indsatsområde."
    ),
    "agreement_one_current_strategic_per_plan": (
        "planen har allerede en gældende strategisk samarbejdsaftale."
    ),
    "measure_unique_per_indicator_scope_year": (
        "indikatoren har allerede en baseline for dette omfang og år."
    ),
    "period_start_before_end": "perioden slutter før den begynder.",
}


def _constraint_message(raw: str) -> str:
    for name, message in _CONSTRAINT_MESSAGES.items():
        if name in raw:
            return message
    return "en værdi findes allerede eller er uden for det tilladte."


def _audit(
    plan: Plan | None,
    by: Any,
    action: str,
    *,
    agreement: Agreement | None = None,
    reason: str = "",
) -> None:
    """Every write below leaves this entry (who, when, what, why), unless it runs inside a
    recorded agreement change or a file load, whose one entry covers it
    (`plans.revisions.one_entry_for`)."""
    revisions.audit_write(plan=plan, agreement=agreement, user=by, action=action, reason=reason)


def _audit_part(agreement: Agreement, by: Any, what: str, subject: Any) -> None:
    text = str(subject)
    text = text if len(text) <= 120 else text[:119] + "…"
    _audit(agreement.plan, by, f"{what}: {text}", agreement=agreement)


def _set_fields(instance: Model, fields: dict[str, Any]) -> None:
    for name, value in fields.items():
        setattr(instance, name, value)


def organisation_kind_for(name: str) -> str:
    """A first guess at an organisation's kind from its name; the koordinator can correct it."""
    folded = fold(name)
    if "kommune" in folded:
        return OrganisationKind.MUNICIPALITY
    if "politi" in folded:
        return OrganisationKind.POLICE
    if any(word in folded for word in ("bolig", "fob", "boligselskab", "boligforening")):
        return OrganisationKind.HOUSING
    if "forening" in folded or "klub" in folded:
        return OrganisationKind.ASSOCIATION
    return OrganisationKind.OTHER


# ---------------------------------------------------------------------------------------
# Plans, organisations, housing areas


@transaction.atomic
def funding_period_default(today: Any = None) -> FundingPeriod | None:
    """The period a new plan belongs to when none is chosen: the one in force today (the
    latest to start, where two overlap), else the latest to start."""
    from django.db.models import Q
    from django.utils import timezone

    today = today or timezone.localdate()
    periods = FundingPeriod.objects.order_by("-start", "-code")
    in_force = periods.filter(Q(start__lte=today) | Q(start__isnull=True)).filter(
        Q(end__gte=today) | Q(end__isnull=True)
    )
    return in_force.first() or periods.first()


@transaction.atomic
def plan_create(
    *,
    name: str,
    slug: str,
    funding_period: FundingPeriod | None = None,
    lbf_case_number: str = "",
    municipality: str = "",
    period_start: Any = None,
    period_end: Any = None,
    status: str = PlanStatus.ACTIVE,
    by: Any = None,
    reason: str = "",
) -> Plan:
    if funding_period is None:
        funding_period = funding_period_default()
        if funding_period is None:
            raise DomainError("Der er ingen bevillingsperiode at knytte planen til.")
    plan = Plan(
        name=name,
        slug=slug,
        funding_period=funding_period,
        lbf_case_number=lbf_case_number,
        municipality=municipality,
        period_start=period_start,
        period_end=period_end,
        status=status,
    )
    _check_period(period_start, period_end)
    _clean_and_save(plan)
    _audit(plan, by, f"Planen »{plan.name}« oprettet", reason=reason)
    return plan


@transaction.atomic
def plan_update(*, plan: Plan, by: Any = None, reason: str = "", **fields: Any) -> Plan:
    """Change the plan's own data; the log names the fields that changed."""
    changed = [
        str(getattr(Plan._meta.get_field(name), "verbose_name", name))
        for name, value in fields.items()
        if getattr(plan, name, None) != value
    ]
    _set_fields(plan, fields)
    _check_period(plan.period_start, plan.period_end)
    _clean_and_save(plan)
    what = ", ".join(changed) if changed else "intet ændret"
    _audit(plan, by, f"Planens stamdata ændret ({what})", reason=reason)
    return plan


def _check_period(start: Any, end: Any) -> None:
    if start and end and start > end:
        raise DomainError("Perioden skal begynde før den slutter.")


@transaction.atomic
def organisation_save(
    *,
    plan: Plan,
    organisation: Organisation | None = None,
    name: str,
    kind: str,
    by: Any = None,
    reason: str = "",
) -> Organisation:
    verb = "ændret" if organisation is not None else "tilføjet"
    organisation = organisation or Organisation(plan=plan)
    _set_fields(organisation, {"name": name.strip(), "kind": kind})
    _clean_and_save(organisation)
    _audit(plan, by, f"Organisation {verb}: {organisation.name}", reason=reason)
    return organisation


@transaction.atomic
def organisation_delete(*, organisation: Organisation, by: Any = None, reason: str = "") -> None:
    _audit(organisation.plan, by, f"Organisation slettet: {organisation.name}", reason=reason)
    organisation.delete()


@transaction.atomic
def organisation_get_or_create(
    *, plan: Plan, name: str, chosen: str | None = None, by: Any = None
) -> Organisation:
    """The plan's organisation a party `name` is linked to (`plans.parties.organisation_for`:
    the one `chosen` for it, else the one it names: »Driftschef Lone Vestergaard,
    Boligselskabet Bakkely« is Boligselskabet Bakkely's), else a new one named after the
    organisation part of it (`plans.parties.organisation_part`)."""
    name = name.strip()
    found = organisation_for(name, Organisation.objects.filter(plan=plan), chosen=chosen)
    if found is not None:
        return found
    new_name = organisation_part(name)
    organisation = Organisation(
        plan=plan, name=new_name[:300], kind=organisation_kind_for(new_name)
    )
    _clean_and_save(organisation)
    _audit(plan, by, f"Organisation tilføjet: {organisation.name}")
    return organisation


@transaction.atomic
def housing_area_save(
    *,
    plan: Plan,
    housing_area: HousingArea | None = None,
    name: str,
    order: int | None = None,
    by: Any = None,
    reason: str = "",
) -> HousingArea:
    verb = "ændret" if housing_area is not None else "tilføjet"
    housing_area = housing_area or HousingArea(plan=plan)
    housing_area.name = name.strip()
    if order is not None:
        housing_area.order = order
    elif housing_area.pk is None:
        housing_area.order = HousingArea.objects.filter(plan=plan).count()
    _clean_and_save(housing_area)
    _audit(plan, by, f"Boligområde {verb}: {housing_area.name}", reason=reason)
    return housing_area


@transaction.atomic
def housing_area_delete(*, housing_area: HousingArea, by: Any = None, reason: str = "") -> None:
    _audit(housing_area.plan, by, f"Boligområde slettet: {housing_area.name}", reason=reason)
    housing_area.delete()


@transaction.atomic
def department_save(
    *,
    housing_area: HousingArea,
    department: Department | None = None,
    number: str,
    organisation: Organisation | None = None,
    by: Any = None,
    reason: str = "",
) -> Department:
    if organisation is not None and organisation.plan_id != housing_area.plan_id:
        raise DomainError("Boligorganisationen hører ikke til denne plan.")
    department = department or Department(
        housing_area=housing_area, order=housing_area.departments.count()
    )
    _set_fields(
        department,
        {
            "number": number.strip(),
            "organisation": organisation,
            "organisation_text": organisation.name if organisation else "",
        },
    )
    _clean_and_save(department)
    _audit(
        housing_area.plan,
        by,
        f"Afdeling {department.number} gemt i {housing_area.name}",
        reason=reason,
    )
    return department


@transaction.atomic
def department_delete(*, department: Department, by: Any = None, reason: str = "") -> None:
    area = department.housing_area
    _audit(area.plan, by, f"Afdeling {department.number} slettet i {area.name}", reason=reason)
    department.delete()


# ---------------------------------------------------------------------------------------
# Agreements and their parts

AGREEMENT_TEXT_FIELDS = (
    "title",
    "initiative",
    "vision",
    "organisation",
    "interplay",
    "local_evaluation",
    "municipal_coherence",
    "revision_text",
)


@transaction.atomic
def agreement_create(
    *,
    plan: Plan,
    kind: str,
    focus_area: FocusArea | None = None,
    period_start: Any = None,
    period_end: Any = None,
    by: Any = None,
    reason: str = "",
    **texts: str,
) -> Agreement:
    """A new current agreement; a strategic agreement starts with LBF's fixed goals."""
    _check_focus_area(plan, kind, focus_area)
    _check_period(period_start, period_end)
    _check_no_current(plan, kind, focus_area, exclude=None)
    agreement = Agreement(
        plan=plan,
        kind=kind,
        focus_area=focus_area,
        period_start=period_start,
        period_end=period_end,
        status=AgreementStatus.DRAFT,
        **{k: v for k, v in texts.items() if k in AGREEMENT_TEXT_FIELDS},
    )
    _clean_and_save(agreement)
    if kind == AgreementKind.STRATEGIC:
        _add_fixed_goals(agreement)
    _audit(plan, by, "Aftalen oprettet", agreement=agreement, reason=reason)
    return agreement


@transaction.atomic
def agreement_update(*, agreement: Agreement, by: Any = None, **fields: Any) -> Agreement:
    """Change an agreement's own fields (not its parts)."""
    allowed = {*AGREEMENT_TEXT_FIELDS, "period_start", "period_end", "focus_area"}
    unknown = set(fields) - allowed
    if unknown:
        raise DomainError(f"Ukendte felter: {', '.join(sorted(unknown))}.")
    _set_fields(agreement, fields)
    _check_focus_area(agreement.plan, agreement.kind, agreement.focus_area)
    _check_period(agreement.period_start, agreement.period_end)
    if agreement.is_current:
        _check_no_current(agreement.plan, agreement.kind, agreement.focus_area, exclude=agreement)
    _clean_and_save(agreement)
    _audit(agreement.plan, by, "Aftalens tekster og periode ændret", agreement=agreement)
    return agreement


def _check_focus_area(plan: Plan, kind: str, focus_area: FocusArea | None) -> None:
    if kind == AgreementKind.SUB and focus_area is None:
        raise DomainError("En delaftale skal have et indsatsområde.")
    if focus_area is not None and focus_area.funding_period_id != plan.funding_period_id:
        raise DomainError("Indsatsområdet hører ikke til planens bevillingsperiode.")


def _check_no_current(
    plan: Plan, kind: str, focus_area: FocusArea | None, *, exclude: Agreement | None
) -> None:
    qs = Agreement.objects.filter(plan=plan, kind=kind, is_current=True)
    if kind == AgreementKind.SUB:
        qs = qs.filter(focus_area=focus_area)
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    if qs.exists():
        if kind == AgreementKind.SUB:
            raise DomainError(
                f"Planen har allerede en gældende delaftale for »{focus_area}«. "
                "Ret den, eller indlæs den nye som en revision."
            )
        raise DomainError("Planen har allerede en gældende strategisk samarbejdsaftale.")


def _add_fixed_goals(agreement: Agreement) -> None:
    lbf_goals = LbfGoal.objects.filter(funding_period=agreement.plan.funding_period_id)
    for goal_order, lbf_goal in enumerate(lbf_goals.prefetch_related("indicators")):
        goal = Goal.objects.create(
            agreement=agreement, text=lbf_goal.text, lbf_goal=lbf_goal, order=goal_order
        )
        for order, lbf_indicator in enumerate(lbf_goal.indicators.all()):
            Indicator.objects.create(
                goal=goal,
                text=lbf_indicator.text,
                data_source=lbf_indicator.data_source,
                unit=lbf_indicator.unit,
                direction=lbf_indicator.direction,
                lbf_indicator=lbf_indicator,
                order=order,
            )


def can_delete_agreement(agreement: Agreement) -> bool:
    """Only a draft that was never sent for approval can be deleted: once sent, its history
    (the snapshots the board saw) is kept."""
    return agreement.status == AgreementStatus.DRAFT and not agreement.revisions.exists()


@transaction.atomic
def agreement_delete(*, agreement: Agreement, by: Any = None, reason: str = "") -> None:
    """Delete a draft that was never sent for approval and has no measurements; the plan's
    log keeps the entry (the agreement itself is gone)."""
    locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if not can_delete_agreement(locked):
        raise DomainError(
            "Aftalen har været sendt til godkendelse og kan ikke slettes; dens historik skal "
            "bevares."
        )
    _refuse_if_recorded(list(Indicator.objects.filter(goal__agreement=locked)), "slette aftalen")
    revisions.audit(
        agreement=None,
        plan=locked.plan,
        user=by,
        action=f"Aftalen »{locked.display_title}« slettet (kladde)",
        reason=reason,
    )
    locked.delete()


@transaction.atomic
def party_save(
    *,
    agreement: Agreement,
    party: AgreementParty | None = None,
    name: str,
    signed_date: Any = None,
    signed_by: str = "",
    by: Any = None,
) -> AgreementParty:
    verb = "Part ændret" if party is not None else "Part tilføjet"
    party = party or AgreementParty(agreement=agreement, order=agreement.parties.count())
    organisation = organisation_get_or_create(plan=agreement.plan, name=name)
    _set_fields(
        party,
        {
            "name": name.strip(),
            "organisation": organisation,
            "signed_date": signed_date,
            "signed_by": signed_by.strip(),
        },
    )
    _clean_and_save(party)
    _audit_part(agreement, by, verb, party.name)
    return party


@transaction.atomic
def party_delete(*, party: AgreementParty, by: Any = None) -> None:
    _audit_part(party.agreement, by, "Part slettet", party.name)
    party.delete()


@transaction.atomic
def focus_area_section_save(
    *,
    agreement: Agreement,
    section: FocusAreaSection | None = None,
    focus_area: FocusArea,
    problem_complex: str = "",
    by: Any = None,
) -> FocusAreaSection:
    if not agreement.is_strategic:
        raise DomainError(
            "Kun den strategiske samarbejdsaftale har indsatsområder med problemkompleks."
        )
    _check_focus_area(agreement.plan, agreement.kind, focus_area)
    section = section or FocusAreaSection(
        agreement=agreement, order=agreement.focus_area_sections.count()
    )
    _set_fields(section, {"focus_area": focus_area, "problem_complex": problem_complex})
    _clean_and_save(section)
    _audit_part(agreement, by, "Indsatsområde gemt", focus_area)
    return section


@transaction.atomic
def focus_area_section_delete(*, section: FocusAreaSection, by: Any = None) -> None:
    _audit_part(section.agreement, by, "Indsatsområde slettet", section.focus_area)
    section.delete()


@transaction.atomic
def goal_save(*, agreement: Agreement, goal: Goal | None = None, text: str, by: Any = None) -> Goal:
    """Create or reword a goal. LBF's fixed overall goals cannot be reworded."""
    if goal is not None and goal.is_fixed and fold(goal.text) != fold(text):
        raise DomainError(
            "Målet er et af Landsbyggefondens faste overordnede mål og kan ikke ændres. "
            "Udfyld i stedet baselines for dets indikatorer."
        )
    verb = "Mål ændret" if goal is not None else "Mål tilføjet"
    goal = goal or Goal(agreement=agreement, order=agreement.goals.count())
    goal.text = text.strip()
    _clean_and_save(goal)
    _audit_part(agreement, by, verb, goal.text)
    return goal


@transaction.atomic
def goal_delete(*, goal: Goal, by: Any = None) -> None:
    if goal.is_fixed:
        raise DomainError("Landsbyggefondens faste overordnede mål kan ikke slettes.")
    _refuse_if_recorded(list(goal.indicators.all()), "slette målet")
    _audit_part(goal.agreement, by, "Mål slettet", goal.text)
    goal.delete()


@transaction.atomic
def indicator_save(
    *,
    goal: Goal,
    indicator: Indicator | None = None,
    text: str,
    unit: str,
    direction: str,
    data_source: str = "",
    baseline_year: int | None = None,
    by: Any = None,
) -> Indicator:
    """Create or change an indicator. Of a fixed LBF indicator only the baseline year changes."""
    if indicator is not None and indicator.is_fixed:
        changed = (
            fold(indicator.text) != fold(text)
            or indicator.unit != unit
            or indicator.direction != direction
            or fold(indicator.data_source) != fold(data_source)
        )
        if changed:
            raise DomainError(
                "Indikatoren er fastsat af Landsbyggefonden; kun baseline år og baselines kan "
                "udfyldes."
            )
    if indicator is None and goal.is_fixed:
        raise DomainError(
            "Landsbyggefondens faste mål har faste indikatorer; der kan ikke tilføjes flere."
        )
    verb = "Indikator ændret" if indicator is not None else "Indikator tilføjet"
    indicator = indicator or Indicator(goal=goal, order=goal.indicators.count())
    _set_fields(
        indicator,
        {
            "text": text.strip(),
            "unit": unit,
            "direction": direction,
            "data_source": data_source.strip(),
            "baseline_year": baseline_year,
        },
    )
    _clean_and_save(indicator)
    _audit_part(goal.agreement, by, verb, indicator.text)
    return indicator


@transaction.atomic
def indicator_delete(*, indicator: Indicator, by: Any = None) -> None:
    if indicator.is_fixed:
        raise DomainError("Landsbyggefondens faste indikatorer kan ikke slettes.")
    _refuse_if_recorded([indicator], "slette indikatoren")
    _audit_part(indicator.goal.agreement, by, "Indikator slettet", indicator.text)
    indicator.delete()


@transaction.atomic
def measure_save(
    *,
    indicator: Indicator,
    measure: Measure | None = None,
    role: str,
    text: str,
    scope_kind: str = ScopeKind.WHOLE,
    scope: str | None = None,
    count: Decimal | float | None = None,
    percent: Decimal | float | None = None,
    denominator: Decimal | float | None = None,
    year: int | None = None,
    by: Any = None,
) -> Measure:
    """A baseline or comparator as written, with its numbers."""
    if (
        count is not None
        and denominator is not None
        and Decimal(str(count)) > Decimal(str(denominator))
    ):
        raise DomainError("Antallet kan ikke være større end det, det er ud af.")
    verb = "Baseline ændret" if measure is not None else "Baseline tilføjet"
    measure = measure or Measure(
        indicator=indicator, order=indicator.measures.filter(role=role).count()
    )
    _set_fields(
        measure,
        {
            "role": role,
            "text": text.strip(),
            "scope_kind": scope_kind,
            "scope": (scope or "").strip() or None,
            "count": count,
            "percent": percent,
            "denominator": denominator,
            "year": year,
        },
    )
    _check_measure_unique(measure)
    _clean_and_save(measure)
    _audit_part(
        indicator.goal.agreement,
        by,
        verb,
        f"{indicator.text} · {measure.scope or ScopeKind(measure.scope_kind).label}: {measure.text}",
    )
    return measure


def _check_measure_unique(measure: Measure) -> None:
    clash = Measure.objects.filter(
        indicator=measure.indicator_id, role=measure.role, scope=measure.scope, year=measure.year
    ).exclude(pk=measure.pk)
    if measure.scope is not None and clash.exists():
        raise DomainError("Indikatoren har allerede en baseline for dette omfang og år.")


@transaction.atomic
def measure_delete(*, measure: Measure, by: Any = None) -> None:
    indicator = measure.indicator
    _audit_part(
        indicator.goal.agreement, by, "Baseline slettet", f"{indicator.text}: {measure.text}"
    )
    measure.delete()


ACTIVITY_TEXT_FIELDS = ("purpose", "target_groups", "content", "responsibilities", "partners")


@transaction.atomic
def activity_save(
    *,
    agreement: Agreement,
    activity: Activity | None = None,
    name: str,
    own_goals: list[str] | None = None,
    linked_goals: list[Goal] | None = None,
    has_sheet: bool = True,
    by: Any = None,
    **texts: str,
) -> Activity:
    if linked_goals and any(g.agreement_id != agreement.pk for g in linked_goals):
        raise DomainError("En aktivitet kan kun bidrage til delmål i sin egen delaftale.")
    verb = "Aktivitet ændret" if activity is not None else "Aktivitet tilføjet"
    if activity is None:
        count = agreement.activities.count()
        activity = Activity(agreement=agreement, list_order=count, order=count)
    activity.name = name.strip()
    activity.has_sheet = has_sheet
    # a goal written twice is kept once (`plans.goal_refs`, the rule saving a sheet follows)
    lines = [g.strip() for g in own_goals or []]
    goals = agreement.goals.order_by("order", "pk").values_list("text", flat=True)
    activity.own_goals = distinct_goal_lines(lines, list(goals) if len(lines) > 1 else [])
    for key in ACTIVITY_TEXT_FIELDS:
        if key in texts:
            setattr(activity, key, texts[key])
    _clean_and_save(activity)
    if linked_goals is not None:
        activity.linked_goals.set(linked_goals)
    _audit_part(agreement, by, verb, activity.name)
    return activity


@transaction.atomic
def activity_delete(*, activity: Activity, by: Any = None) -> None:
    _audit_part(activity.agreement, by, "Aktivitet slettet", activity.name)
    activity.delete()


@transaction.atomic
def staff_save(
    *,
    agreement: Agreement,
    staff: StaffResource | None = None,
    text: str,
    role: str = "",
    organisation: str = "",
    share_percent: Decimal | float | None = None,
    hours_per_year: Decimal | float | None = None,
    funded_by: str = "",
    by: Any = None,
) -> StaffResource:
    verb = "Medarbejderressource ændret" if staff is not None else "Medarbejderressource tilføjet"
    staff = staff or StaffResource(agreement=agreement, order=agreement.staff.count())
    _set_fields(
        staff,
        {
            "text": text.strip(),
            "role": role.strip(),
            "organisation": organisation.strip(),
            "share_percent": share_percent,
            "hours_per_year": hours_per_year,
            "funded_by": funded_by.strip(),
        },
    )
    _clean_and_save(staff)
    _audit_part(agreement, by, verb, staff.text)
    return staff


@transaction.atomic
def staff_delete(*, staff: StaffResource, by: Any = None) -> None:
    _audit_part(staff.agreement, by, "Medarbejderressource slettet", staff.text)
    staff.delete()


# ---------------------------------------------------------------------------------------
# The interchange format


def _focus_area_by_name(plan: Plan, name: str | None) -> FocusArea | None:
    if not name:
        return None
    try:
        return FocusArea.objects.get(funding_period=plan.funding_period_id, name=name)
    except FocusArea.DoesNotExist:
        raise DomainError(
            f"Ukendt indsatsområde for planens bevillingsperiode: »{name}«."
        ) from None


def _best_match(text: str, candidates: list[Any], *, threshold: float = 70) -> Any | None:
    scored = [(fuzz.ratio(fold(text), fold(c.text)), c) for c in candidates]
    scored = [s for s in scored if s[0] >= threshold]
    return max(scored, key=lambda s: s[0])[1] if scored else None


def _decimal(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(value))


@transaction.atomic
def agreement_save_from_interchange(
    *,
    plan: Plan,
    data: ix.Agreement,
    user: Any = None,
    reason: str = "",
    agreement: Agreement | None = None,
) -> Agreement:
    """Save one interchange agreement into the plan, all or nothing.

    Without `agreement`, the plan's current agreement of the same kind (and focus area, for a
    delaftale) is replaced in place; if there is none, a new one is created. Callers that
    replace an existing agreement go through `plans.revisions.change_agreement`, which
    records the change and starts a new version of an approved agreement. The strategic
    agreement's goals and indicators are linked to LBF's fixed ones when their wording
    matches. The save is one audit entry with `user` and `reason` (none of its own inside a
    recorded change, whose entry covers it).
    """
    focus_area = _focus_area_by_name(plan, data.focus_area)
    if data.kind == AgreementKind.SUB and focus_area is None:
        raise DomainError("En delaftale skal have et indsatsområde.")
    _check_period(data.period.start, data.period.end)
    if agreement is None:
        # Ordered by pk only: the default ordering joins the nullable focus area, and
        # PostgreSQL cannot lock the nullable side of an outer join.
        qs = Agreement.objects.select_for_update(of=("self",)).filter(
            plan=plan, kind=data.kind, is_current=True
        )
        if data.kind == AgreementKind.SUB:
            qs = qs.filter(focus_area=focus_area)
        agreement = qs.order_by("pk").first()
    elif agreement.plan_id != plan.pk or agreement.kind != data.kind:
        raise DomainError("Dokumentet er ikke samme slags aftale som den, der skal revideres.")

    created = agreement is None
    activity_keys: dict[str, Any] = {}
    activity_links: dict[str, list[int]] = {}
    party_links: dict[str, str] = {}
    if agreement is None:
        agreement = Agreement(plan=plan, kind=data.kind, status=AgreementStatus.DRAFT)
    else:
        # Goals and indicators are matched and kept (measurements and narratives hang on
        # them); the rest of the agreement's parts are plain content and are written anew.
        # An activity of the same name keeps its identity (its logbook and process goals).
        activity_keys = dict(agreement.activities.values_list("name", "key"))
        # The format carries no links between activities and delmål: an activity of the
        # same name keeps the delmål it served (those the document still has).
        activity_links = _activity_links(agreement)
        # A party the document links to no organisation keeps the one it was linked to (a
        # person's choice on an earlier review is not guessed away again).
        party_links = {
            fold(party): organisation
            for party, organisation in agreement.parties.values_list("name", "organisation__name")
            if organisation
        }
        for relation in ("parties", "focus_area_sections", "activities", "staff"):
            getattr(agreement, relation).all().delete()

    _set_fields(
        agreement,
        {
            "focus_area": focus_area,
            "title": data.title or "",
            "initiative": data.initiative or "",
            "period_start": data.period.start,
            "period_end": data.period.end,
            "vision": data.vision or "",
            "organisation": data.organisation or "",
            "local_evaluation": data.local_evaluation or "",
            "municipal_coherence": data.municipal_coherence or "",
            "revision_text": data.revision or "",
            # Whatever else an earlier version kept there (not the forandringsteori or the
            # process goals: evaluation/ keeps those as rows).
            "extra": _extra_of(agreement),
        },
    )
    _clean_and_save(agreement)
    with revisions.one_entry_for(plan.pk):
        linked = _save_parts(agreement, plan, data, activity_keys, party_links)
        # the document's own links stand; the others keep the delmål they served
        _relink_activities(agreement, activity_links, linked)
    _audit(
        plan,
        user,
        "Aftalen oprettet fra fil" if created else "Aftalen gemt fra fil",
        agreement=agreement,
        reason=reason,
    )
    return agreement


def _save_parts(
    agreement: Agreement,
    plan: Plan,
    data: ix.Agreement,
    activity_keys: dict[str, Any],
    party_links: dict[str, str],
) -> set[int]:
    """The agreement's parts from the document; the pks of the activities it linked to delmål
    (`_save_activities`). `party_links`: folded party name → the organisation it had."""
    chosen = data.party_organisations
    for order, name in enumerate(data.parties):
        # the organisation the reviewer chose for the party (the import review, whose choices
        # stand, »Ny organisation« too), else, for a document that chooses none, the one it
        # had; else the one its name names, found or made
        picked = chosen[order] if order < len(chosen) else None
        if not chosen:
            picked = party_links.get(fold(name))
        organisation = organisation_get_or_create(plan=plan, name=name, chosen=picked)
        AgreementParty.objects.create(
            agreement=agreement, name=name, organisation=organisation, order=order
        )
    for order, section in enumerate(data.focus_areas):
        section_area = _focus_area_by_name(plan, section.name)
        if section_area is None:
            raise DomainError("Et indsatsområde i aftalen mangler sit navn.")
        FocusAreaSection.objects.create(
            agreement=agreement,
            focus_area=section_area,
            problem_complex=section.problem_complex or "",
            order=order,
        )
    if data.kind == AgreementKind.STRATEGIC:
        _save_housing_areas(plan, data.housing_areas)
    _save_goals(agreement, data.goals)
    linked = _save_activities(agreement, data, activity_keys)
    for order, line in enumerate(data.staff):
        staff = StaffResource(
            agreement=agreement,
            text=line.text,
            role=line.role or "",
            share_percent=_decimal(line.share_percent),
            hours_per_year=_decimal(line.hours_per_year),
            order=order,
        )
        _clean_and_save(staff)
    return linked


# Kept in `Agreement.extra` by earlier versions; evaluation/ now stores them as rows
# (`evaluation.interchange.save_from_interchange`) and nothing reads them here any more.
_EXTRA_MOVED = ("theory_of_change", "focus_area_theories", "process_goals")


def _extra_of(agreement: Agreement) -> dict[str, Any]:
    """`Agreement.extra` as it stands, without the keys evaluation/ now keeps as rows (a
    save drops an old copy of them, so the blob never disagrees with the rows); the
    document's forandringsteori and process goals are written by evaluation.interchange."""
    extra = dict(agreement.extra) if isinstance(agreement.extra, dict) else {}
    for key in _EXTRA_MOVED:
        extra.pop(key, None)
    return extra


def _save_housing_areas(plan: Plan, areas: list[ix.HousingArea]) -> None:
    for order, area_data in enumerate(areas):
        area, _created = HousingArea.objects.get_or_create(
            plan=plan, name=area_data.name, defaults={"order": order}
        )
        area.departments.all().delete()
        for dept_order, dept in enumerate(area_data.departments):
            organisation = (
                organisation_get_or_create(plan=plan, name=dept.organisation)
                if dept.organisation
                else None
            )
            department = Department(
                housing_area=area,
                number=dept.number,
                organisation=organisation,
                organisation_text=dept.organisation or "",
                order=dept_order,
            )
            _clean_and_save(department)


def _records_on(indicators: list[Indicator]) -> list[Indicator]:
    """The indicators that have recorded follow-up data (which is never deleted)."""
    if not indicators:
        return []
    Measurement = apps.get_model("followup", "Measurement")
    used = set(
        Measurement.objects.filter(indicator__in=indicators).values_list("indicator_id", flat=True)
    )
    return [i for i in indicators if i.pk in used]


def _refuse_if_recorded(indicators: list[Indicator], verb: str) -> None:
    recorded = _records_on(indicators)
    if recorded:
        names = "; ".join(f"»{i.text[:80]}«" for i in recorded)
        raise DomainError(
            f"Kan ikke {verb}: der er registreret målinger for {names}. Målinger slettes "
            "aldrig; behold indikatoren (ret evt. teksten), så historikken bevares."
        )


def _match(existing: list[Any], text: str, related: Any = None) -> Any | None:
    """The existing goal or indicator a document's item is: same text, else the most similar
    (≥ 70), else one `related` says belongs (a reworded delmål that kept its indicators)."""
    folded = fold(text)
    exact = next((e for e in existing if fold(e.text) == folded), None)
    if exact is not None:
        return exact
    scored = [(fuzz.ratio(folded, fold(e.text)), e) for e in existing]
    best = max(scored, key=lambda pair: pair[0], default=(0, None))
    if best[1] is not None and best[0] >= 70:
        return best[1]
    return next((e for e in existing if related is not None and related(e)), None)


def _save_goals(agreement: Agreement, goals: list[ix.Goal]) -> None:
    """Write the document's goals and indicators onto the agreement's, matching them so an
    indicator keeps its identity (and its measurements, unit and direction) across versions."""
    lbf_goals: list[LbfGoal] = []
    lbf_indicators: list[LbfIndicator] = []
    if agreement.kind == AgreementKind.STRATEGIC:
        lbf_goals = list(LbfGoal.objects.filter(funding_period=agreement.plan.funding_period_id))
        lbf_indicators = list(
            LbfIndicator.objects.filter(goal__funding_period=agreement.plan.funding_period_id)
        )
    free_goals = list(Goal.objects.filter(agreement=agreement).prefetch_related("indicators"))
    for goal_order, goal_data in enumerate(goals):
        incoming = {fold(i.text) for i in goal_data.indicators}
        goal = _match(
            free_goals,
            goal_data.text,
            related=lambda g, incoming=incoming: any(
                fold(i.text) in incoming for i in g.indicators.all()
            ),
        )
        if goal is None:
            goal = Goal(agreement=agreement)
        else:
            free_goals.remove(goal)
        _set_fields(
            goal,
            {
                "text": goal_data.text,
                "lbf_goal": _best_match(goal_data.text, lbf_goals),
                "order": goal_order,
            },
        )
        _clean_and_save(goal)
        free_indicators = list(goal.indicators.all()) if goal.pk else []
        for order, ind in enumerate(goal_data.indicators):
            indicator = _match(free_indicators, ind.text)
            lbf_indicator = _best_match(ind.text, lbf_indicators, threshold=80)
            kinds: dict[tuple[str, str | None], str] = {}
            if indicator is None:
                indicator = Indicator(
                    goal=goal,
                    unit=lbf_indicator.unit if lbf_indicator else _guess_unit(ind),
                    direction=lbf_indicator.direction if lbf_indicator else Direction.MORE,
                )
            else:
                free_indicators.remove(indicator)
                # A figure the document gives without its scope kind (Word, PDF) keeps the
                # kind it had, so a person's correction is not guessed away again.
                kinds = {(m.role, m.scope): m.scope_kind for m in indicator.measures.all()}
                indicator.measures.all().delete()
            _set_fields(
                indicator,
                {
                    "text": ind.text,
                    "data_source": ind.data_source or "",
                    "baseline_year": ind.baseline_year,
                    "lbf_indicator": lbf_indicator,
                    "order": order,
                },
            )
            # A document that does not state unit or direction (Word, PDF) keeps what the
            # plan has set; one that does (the JSON format) sets it.
            if ind.unit:
                indicator.unit = ind.unit
            if ind.direction:
                indicator.direction = ind.direction
            _clean_and_save(indicator)
            for role, measures in (
                (MeasureRole.BASELINE, ind.baselines),
                (MeasureRole.COMPARATOR, ind.comparators),
            ):
                for m_order, m in enumerate(measures):
                    measure = Measure(
                        indicator=indicator,
                        role=role,
                        scope=m.scope,
                        scope_kind=m.scope_kind
                        or kinds.get((role, m.scope))
                        or guess_scope_kind(m.scope, role),
                        text=m.text,
                        count=_decimal(m.count),
                        percent=_decimal(m.percent),
                        denominator=_decimal(m.denominator),
                        year=m.year,
                        order=m_order,
                    )
                    _check_measure_unique(measure)
                    _clean_and_save(measure)
        _refuse_if_recorded(free_indicators, "fjerne indikatorer, som dokumentet ikke har")
        for indicator in free_indicators:
            indicator.delete()
    leftover = [i for g in free_goals for i in g.indicators.all()]
    _refuse_if_recorded(leftover, "fjerne mål, som dokumentet ikke har")
    for goal in free_goals:
        goal.delete()


def _guess_unit(ind: ix.Indicator) -> str:
    """The unit of a new indicator the document gives none (`plans.unit`, the one rule)."""
    return guess_unit(ind.text, ind.baselines, ind.comparators)


def guess_scope_kind(scope: str | None, role: str) -> str:
    """The scope kind a figure most likely has when nobody has said (the import review
    shows this guess; saving uses it for a figure without `scope_kind`): what its scope's
    words say (`importing.figures.scope_kind_of`, the one word rule the import reads with),
    else a scope's name is a boligområde's, and no scope the whole (a comparator's: the
    municipality)."""
    if said := scope_kind_of(scope):
        return said
    if fold(scope):
        return ScopeKind.HOUSING_AREA
    return ScopeKind.MUNICIPALITY if role == MeasureRole.COMPARATOR else ScopeKind.WHOLE


def _activity_links(agreement: Agreement) -> dict[str, list[int]]:
    """Activity name → the pks of the delmål it serves (Activity.linked_goals)."""
    links: dict[str, list[int]] = {}
    for activity in agreement.activities.prefetch_related("linked_goals"):
        pks = [goal.pk for goal in activity.linked_goals.all()]
        if pks:
            links.setdefault(activity.name, []).extend(pks)
    return links


def _relink_activities(
    agreement: Agreement, links: dict[str, list[int]], linked: set[int] | None = None
) -> None:
    """Give each activity named in `links` back the delmål it served that are still there;
    not those the document linked itself (`linked`: their pks)."""
    if not links:
        return
    kept = set(Goal.objects.filter(agreement=agreement).values_list("pk", flat=True))
    for activity in agreement.activities.filter(name__in=list(links)).exclude(
        pk__in=linked or set()
    ):
        pks = [pk for pk in links[activity.name] if pk in kept]
        if pks:
            activity.linked_goals.set(pks)


def _activity_key(keys: dict[str, Any], name: str) -> Any:
    """The key the agreement's activity of this name had (once), else a new one."""
    return keys.pop(name, None) or uuid.uuid4()


def _save_activities(agreement: Agreement, data: ix.Agreement, keys: dict[str, Any]) -> set[int]:
    """The list and the sheets become one Activity per name; a sheet matches a listed name.
    A name the agreement had keeps its activity's `key` (`keys`: name → key). A sheet's
    reference to a delmål (`plans.goal_refs`) links the activity to it.
    Returns the pks of the activities the document linked so."""
    listed: list[Activity] = []
    for order, name in enumerate(data.activity_names):
        activity = Activity(
            agreement=agreement,
            key=_activity_key(keys, name),
            name=name,
            in_list=True,
            has_sheet=False,
            list_order=order,
            order=order,
        )
        _clean_and_save(activity)
        listed.append(activity)
    free = list(listed)
    # the sheet's »Delmål 2« (or the delmål's words) links the activity to that delmål
    goals = list(Goal.objects.filter(agreement=agreement).order_by("order", "pk"))
    goal_texts = [g.text for g in goals]
    linked: set[int] = set()
    for order, sheet in enumerate(data.activities):
        places, _own = referred_goals(list(sheet.goals), goal_texts)
        match = next((a for a in free if a.name == sheet.name), None)
        if match is None:
            match = Activity(
                agreement=agreement,
                key=_activity_key(keys, sheet.name),
                name=sheet.name,
                in_list=False,
                list_order=0,
            )
        else:
            free.remove(match)
        _set_fields(
            match,
            {
                "has_sheet": True,
                "order": order,
                "purpose": sheet.purpose or "",
                # kept as written (the format's »goals«), a line that repeats an earlier
                # one once, the link made beside it
                "own_goals": distinct_goal_lines(list(sheet.goals), goal_texts),
                "target_groups": sheet.target_groups or "",
                "content": sheet.content or "",
                "responsibilities": sheet.responsibilities or "",
            },
        )
        _clean_and_save(match)
        if places:
            match.linked_goals.set([goals[p] for p in places])
            linked.add(match.pk)
    return linked


# ---------------------------------------------------------------------------------------
# Funding periods


@transaction.atomic
def period_load(*, data: dict[str, Any], by: Any = None, reason: str = "") -> Any:
    """Load or update a funding period (`plans.periods.load_period`) as one recorded change:
    an entry across plans, and one in the log of every plan in the period (its rules are
    theirs)."""
    from plans.periods import load_period

    loaded = load_period(data)
    period = loaded.period
    action = (
        f"Bevillingsperioden {period.code} »{period.name}« "
        f"{'oprettet' if loaded.created else 'opdateret'} fra fil "
        f"({loaded.focus_areas} indsatsområder, {loaded.fixed_indicators} faste indikatorer)"
    )
    revisions.audit(agreement=None, plan=None, user=by, action=action, reason=reason)
    for plan in Plan.objects.filter(funding_period=period):
        _audit(plan, by, action, reason=reason)
    return loaded
