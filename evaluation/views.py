"""Pages of the local evaluation. Thin: ask plans.access, read the form, call a service.

Forms that fail come back with what was typed and a Danish message; nothing is saved half
(formsets are validated whole before the one service call, inside one transaction).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from evaluation import forms, logbook_sheet, selectors, services
from evaluation.interchange import agreement_indicators, process_goals_by_key
from evaluation.models import Horizon, LogbookSession, TheoryOfChange
from followup import charts
from lib.danish import format_date
from lib.errors import messages_of
from lib.http import attachment_disposition
from lib.text import fold
from lib.views import change_context, not_found_as_404, plan_context, reason_form_for
from plans import access, revisions, transition
from plans.models import Activity, Agreement, AgreementKind, FocusArea


def _attachment(content: bytes, mime: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=mime)
    response["Content-Disposition"] = attachment_disposition(filename)
    return response


def _recorded_change(
    request: HttpRequest, agreement: Agreement, action: str, change: Any, reason_form: Any
) -> list[str]:
    """Run `change` as a recorded change of the agreement; the Danish messages if refused.
    A missing reason stands at »Begrundelse for ændringen« (`reason_form`), the page's
    banner saying only that nothing is saved (review4 T6)."""
    seen = request.POST.get("seen_seq", "")
    try:
        revisions.change_agreement(
            agreement=agreement,
            user=request.user,
            action=action[:300],
            reason=request.POST.get("change_reason", ""),
            seen_seq=int(seen) if seen.isdigit() else None,
            change=change,
        )
    except ValidationError as error:
        if reason_form is not None and getattr(error, "argument", "") == "reason":
            reason_form.errors  # noqa: B018 - validate first, then add the service's message
            for message in error.messages:
                reason_form.add_error("change_reason", message)
            return [FORM_PROBLEM]
        return messages_of(error)
    return []


FORM_PROBLEM = "Der er fejl i formularen. Intet er gemt."


# ---------------------------------------------------------------------------------------
# The forandringsteori


def _theory_activity_names(agreement: Agreement, focus_area: FocusArea) -> list[str]:
    """The activities a forandringsteori can start from: the delaftale's own; for the
    strategic agreement, those of the area's current delaftale."""
    source = agreement
    if agreement.kind == AgreementKind.STRATEGIC:
        sub = Agreement.objects.filter(
            plan=agreement.plan, kind=AgreementKind.SUB, focus_area=focus_area, is_current=True
        ).first()
        if sub is None:
            return []
        source = sub
    return list(source.activities.order_by("order", "id").values_list("name", flat=True))


@not_found_as_404
def theory_edit(request: HttpRequest, pk: int, area_pk: int) -> HttpResponse:
    """The koordinator's page for one indsatsområde's forandringsteori: activities, results
    (each with its indicators) and assumptions as rows."""
    agreement = access.access_agreement_for_user(request.user, pk, write=True)
    focus_area = next((f for f in services.theory_focus_areas(agreement) if f.pk == area_pk), None)
    if focus_area is None:
        raise access.NotFound
    theory = (
        TheoryOfChange.objects.filter(agreement=agreement, focus_area=focus_area)
        .prefetch_related("results__indicator_links")
        .first()
    )
    indicators = agreement_indicators(agreement)
    indicator_choices = [(str(i.pk), i.text) for i in indicators]
    names = _theory_activity_names(agreement, focus_area)
    if theory is not None:
        names += [n for n in theory.activities if n not in names]
    initial_results = (
        [
            {
                "horizon": r.horizon,
                "text": r.text,
                "indicators": [
                    str(link.indicator_id) for link in r.indicator_links.all() if link.indicator_id
                ],
            }
            for r in theory.results.all()
        ]
        if theory
        else [{"horizon": h} for h in (Horizon.OUTPUT, Horizon.SHORT, Horizon.MEDIUM, Horizon.LONG)]
    )
    data = request.POST if request.method == "POST" else None
    form = forms.TheoryForm(
        data,
        activity_names=names,
        initial={
            "activities": theory.activities if theory else [],
            "reviewed": theory.reviewed if theory else None,
        },
    )
    results = forms.ResultFormSet(
        data,
        prefix="resultater",
        initial=initial_results,
        form_kwargs={"indicator_choices": indicator_choices},
    )
    assumptions = forms.AssumptionFormSet(
        data,
        prefix="forudsaetninger",
        initial=[{"text": a} for a in (theory.assumptions if theory else [])],
    )
    problems: list[str] = []
    reason = reason_form_for(request, agreement)
    back = reverse("agreement_detail", args=[agreement.pk])
    if request.method == "POST":
        if request.POST.get("delete") and theory is not None:
            problems = _recorded_change(
                request,
                agreement,
                f"Forandringsteori for {focus_area.name} slettet",
                lambda: services.theory_delete(agreement=agreement, focus_area=focus_area),
                reason,
            )
            if not problems:
                messages.success(request, "Forandringsteorien er slettet.")
                return redirect(back)
        elif form.is_valid() and results.is_valid() and assumptions.is_valid():
            by_pk = {str(i.pk): i for i in indicators}
            rows = [
                services.ResultInput(
                    horizon=f.cleaned_data["horizon"],
                    text=f.cleaned_data["text"],
                    indicators=[
                        by_pk[p] for p in f.cleaned_data.get("indicators") or [] if p in by_pk
                    ],
                )
                for f in results.forms
                if f.cleaned_data
                and not f.cleaned_data.get("DELETE")
                and (f.cleaned_data.get("text") or "").strip()
            ]
            texts = [
                f.cleaned_data["text"]
                for f in assumptions.forms
                if f.cleaned_data
                and not f.cleaned_data.get("DELETE")
                and f.cleaned_data.get("text")
            ]
            problems = _recorded_change(
                request,
                agreement,
                f"Forandringsteori for {focus_area.name} gemt "
                f"({len(rows)} resultater, {len(texts)} forudsætninger)",
                lambda: services.theory_save(
                    agreement=agreement,
                    focus_area=focus_area,
                    activities=form.cleaned_data["activities"],
                    results=rows,
                    assumptions=texts,
                    reviewed=form.cleaned_data["reviewed"],
                ),
                reason,
            )
            if not problems:
                messages.success(request, "Forandringsteorien er gemt.")
                return redirect(back + "#forandringsteori")
        else:
            problems = [FORM_PROBLEM]
    return render(
        request,
        "evaluation/theory_edit.html",
        {
            **plan_context(request, agreement.plan),
            **change_context(agreement, reason),
            "form": form,
            "results": results,
            "assumptions": assumptions,
            "problems": problems,
            "focus_area": focus_area,
            "theory": theory,
            "back": back,
            "title": f"Forandringsteori for {focus_area.name}",
        },
    )


# ---------------------------------------------------------------------------------------
# Activities: process goals and the logbook


def _activity(
    request: HttpRequest, pk: int, activity_pk: int, *, write: bool = False
) -> tuple[Agreement, Activity]:
    agreement = access.access_agreement_for_user(request.user, pk, write=write)
    if agreement.kind != AgreementKind.SUB:
        raise access.NotFound
    activity = Activity.objects.filter(pk=activity_pk, agreement=agreement).first()
    if activity is None:
        raise access.NotFound
    return agreement, activity


def _visible_process_goals(
    request: HttpRequest, agreement: Agreement, activity: Activity
) -> list[dict[str, Any]]:
    """The activity's process goals in the version this user reads (drafts policy; a version
    names its activities, as the format does)."""
    if access.sees_working_copy(request.user, agreement):
        full = Agreement.objects.prefetch_related("process_goals").get(pk=agreement.pk)
        return process_goals_by_key(full).get(activity.key, [])
    version = list(revisions.visible_data(request.user, agreement).get("activities") or [])
    found = selectors.version_activities(version, list(agreement.activities.all()))
    for version_activity, same in zip(version, found, strict=True):
        if same is not None and same.pk == activity.pk:
            return list(version_activity.get("process_goals") or [])
    return []


def _ticked_conditions(goals: list[dict[str, Any]]) -> list[str]:
    """Conditions a session is ticked for (the place ones are read from its place)."""
    found: list[str] = []
    for goal in goals:
        condition = str(goal.get("condition") or "").strip()
        if not condition or selectors.is_place_condition(condition):
            continue
        if fold(condition) not in {fold(c) for c in found}:
            found.append(condition)
    return found


def _year(request: HttpRequest, years: list[int]) -> int:
    """The year asked for (`?aar=`) among those the logbook offers, else this year, else
    the latest of them (an agreement of a period the plan has left)."""
    raw = request.GET.get("aar", "")
    if raw.isdigit() and int(raw) in years:
        return int(raw)
    this_year = timezone.localdate().year
    return this_year if this_year in years else years[0]


@not_found_as_404
def process_goals_edit(request: HttpRequest, pk: int, activity_pk: int) -> HttpResponse:
    agreement, activity = _activity(request, pk, activity_pk, write=True)
    current = process_goals_by_key(
        Agreement.objects.prefetch_related("process_goals").get(pk=agreement.pk)
    ).get(activity.key, [])
    goals = forms.ProcessGoalFormSet(
        request.POST if request.method == "POST" else None,
        prefix="procesmaal",
        initial=[
            {
                "text": g.get("text"),
                "target": g.get("target"),
                "per": g.get("per") or "",
                "condition": g.get("condition") or "",
            }
            for g in current
        ],
    )
    problems: list[str] = []
    reason = reason_form_for(request, agreement)
    back = reverse("evaluation_logbook", args=[agreement.pk, activity.pk])
    if request.method == "POST":
        if goals.is_valid():
            rows = [
                services.ProcessGoalInput(
                    text=f.cleaned_data["text"],
                    target=f.cleaned_data.get("target"),
                    per=f.cleaned_data.get("per") or "",
                    condition=f.cleaned_data.get("condition") or "",
                )
                for f in goals.forms
                if f.cleaned_data
                and not f.cleaned_data.get("DELETE")
                and (f.cleaned_data.get("text") or "").strip()
            ]
            problems = _recorded_change(
                request,
                agreement,
                f"Procesmål for »{activity.name}« gemt ({len(rows)})",
                lambda: services.process_goals_save(
                    agreement=agreement, activity=activity, goals=rows
                ),
                reason,
            )
            if not problems:
                messages.success(request, "Procesmålene er gemt.")
                return redirect(back)
        else:
            problems = [FORM_PROBLEM]
    return render(
        request,
        "evaluation/process_goals_edit.html",
        {
            **plan_context(request, agreement.plan),
            **change_context(agreement, reason),
            "activity": activity,
            "goals": goals,
            "problems": problems,
            "back": back,
            "title": f"Procesmål for {activity.name}",
        },
    )


def _columns(
    agreement: Agreement, activity: Activity, conditions: list[str]
) -> logbook_sheet.LogbookColumns:
    used = list(
        dict.fromkeys(
            LogbookSession.objects.filter(agreement=agreement, activity_key=activity.key)
            .order_by("groups__target_group")
            .values_list("groups__target_group", flat=True)
        )
    )
    groups = [g for g in used if g] or list(logbook_sheet.DEFAULT_GROUPS)
    return logbook_sheet.LogbookColumns(groups=groups, conditions=conditions)


@not_found_as_404
def logbook(request: HttpRequest, pk: int, activity_pk: int) -> HttpResponse:
    """An activity's logbook: the year's figures, its process goals judged, the sessions, and
    (for the koordinator) a form for one session and the spreadsheet upload."""
    agreement, activity = _activity(request, pk, activity_pk)
    plan = agreement.plan
    can_record = access.can_record_logbook(request.user, plan)
    goals = _visible_process_goals(request, agreement, activity)
    conditions = _ticked_conditions(goals)
    year = _year(request, selectors.logbook_years(agreement, activity, today=timezone.localdate()))
    form = forms.SessionForm(
        request.POST if request.method == "POST" and can_record else None,
        conditions=conditions,
        span=services.logbook_span(agreement),
    )
    problems: list[str] = []
    if request.method == "POST":
        if not can_record:
            raise access.NotFound
        if form.is_valid():
            data = form.cleaned_data
            session = services.SessionInput(
                date=data["date"],
                theme=data.get("theme") or "",
                place=data["place"],
                participants=data["participants"],
                new_participants=data.get("new_participants"),
                conditions=list(data.get("conditions") or []),
            )
            try:
                services.sessions_record(
                    agreement=agreement,
                    activity=activity,
                    sessions=[session],
                    user=request.user,
                )
                messages.success(
                    request, f"Gangen den {format_date(data['date'])} er gemt i logbogen."
                )
                return redirect(request.path + f"?aar={data['date'].year}")
            except ValidationError as error:
                problems = messages_of(error)
        else:
            problems = [FORM_PROBLEM]
    return _logbook_page(
        request,
        agreement,
        activity,
        goals,
        year,
        form=form,
        problems=problems,
        can_record=can_record,
    )


def _logbook_page(
    request: HttpRequest,
    agreement: Agreement,
    activity: Activity,
    goals: list[dict[str, Any]],
    year: int,
    *,
    form: Any,
    problems: list[str],
    can_record: bool,
    upload_form: Any = None,
    upload_problems: list[str] | None = None,
) -> HttpResponse:
    from followup.selectors import suppress_below

    sessions = selectors.activity_sessions(agreement, activity)
    span = services.logbook_span(agreement)
    for s in sessions:  # a session of days this logbook does not hold is read-only here
        s.deletable = can_record and s.date in span  # type: ignore[attr-defined]
    facts = [selectors._facts(s) for s in sessions]
    figures = selectors.activity_figures(
        activity.name,
        facts,
        goals,
        year=year,
        today=timezone.localdate(),
        period_start=agreement.period_start,
        threshold=suppress_below(),
    )
    return render(
        request,
        "evaluation/logbook.html",
        {
            **plan_context(request, agreement.plan),
            "agreement": agreement,
            "activity": activity,
            "figures": figures,
            "sessions": [s for s in sessions if s.date.year == year],
            "all_sessions": len(sessions),
            "year": year,
            "years": selectors.logbook_years(agreement, activity, today=timezone.localdate()),
            "earlier": selectors.earlier_logbooks(agreement, activity),
            "form": form,
            "problems": problems,
            "upload_form": upload_form or forms.LogbookUploadForm(),
            "upload_problems": upload_problems or [],
            "can_record": can_record,
            "span": span,
            "closed_state": (
                transition.left_period_state(span.end) if agreement.closed_period_id else ""
            ),
            "can_edit_goals": access.can_edit_plan(request.user, agreement.plan)
            and not access.agreement_is_closed(agreement),
            "columns": _columns(agreement, activity, _ticked_conditions(goals)),
            "guide": logbook_sheet.GUIDE[2:],
            "title": f"Logbog: {activity.name}",
        },
    )


@not_found_as_404
@require_POST
def logbook_upload(request: HttpRequest, pk: int, activity_pk: int) -> HttpResponse:
    """A filled-in logbook sheet: every row saved, or none (with every row's problem)."""
    agreement, activity = _activity(request, pk, activity_pk)
    if not access.can_record_logbook(request.user, agreement.plan):
        raise access.NotFound
    goals = _visible_process_goals(request, agreement, activity)
    conditions = _ticked_conditions(goals)
    upload_form = forms.LogbookUploadForm(request.POST, request.FILES)
    problems: list[str] = []
    year = _year(request, selectors.logbook_years(agreement, activity, today=timezone.localdate()))
    if upload_form.is_valid():
        upload = upload_form.cleaned_data["file"]
        try:
            from followup.tabular import check_size

            check_size(upload.size)
            sessions = logbook_sheet.read_logbook(upload.read(), upload.name, conditions=conditions)
            saved = services.sessions_record(
                agreement=agreement,
                activity=activity,
                sessions=sessions,
                user=request.user,
            )
            messages.success(
                request,
                ngettext(
                    "%(n)d aktivitetsgang er gemt i logbogen.",
                    "%(n)d aktivitetsgange er gemt i logbogen.",
                    len(saved),
                )
                % {"n": len(saved)},
            )
            latest = max(s.date for s in saved)
            return redirect(
                reverse("evaluation_logbook", args=[agreement.pk, activity.pk])
                + f"?aar={latest.year}"
            )
        except ValidationError as error:
            problems = messages_of(error)
    else:
        problems = [str(m) for errs in upload_form.errors.values() for m in errs]
    return _logbook_page(
        request,
        agreement,
        activity,
        goals,
        year,
        form=forms.SessionForm(conditions=conditions, span=services.logbook_span(agreement)),
        problems=[],
        can_record=True,
        upload_form=upload_form,
        upload_problems=problems or ["Filen kunne ikke læses. Intet er gemt."],
    )


@not_found_as_404
def logbook_template(request: HttpRequest, pk: int, activity_pk: int, fmt: str) -> HttpResponse:
    """The empty logbook sheet of the activity (its target groups and conditions as columns)."""
    agreement, activity = _activity(request, pk, activity_pk)
    if fmt not in ("csv", "xlsx") or not access.can_record_logbook(request.user, agreement.plan):
        raise access.NotFound
    columns = _columns(
        agreement,
        activity,
        _ticked_conditions(_visible_process_goals(request, agreement, activity)),
    )
    name = f"logbog-{activity.pk}"
    if fmt == "csv":
        return _attachment(
            logbook_sheet.write_csv([], columns), "text/csv; charset=utf-8", f"{name}.csv"
        )
    content = logbook_sheet.write_xlsx([], columns, title=f"Logbog – {activity.name}")
    return _attachment(content, logbook_sheet.XLSX_MIME, f"{name}.xlsx")


@not_found_as_404
def logbook_export(request: HttpRequest, pk: int, activity_pk: int) -> HttpResponse:
    """Every session of the activity as the logbook sheet (Excel)."""
    agreement, activity = _activity(request, pk, activity_pk)
    goals = _visible_process_goals(request, agreement, activity)
    columns = _columns(agreement, activity, _ticked_conditions(goals))
    sessions = sorted(
        selectors.activity_sessions(agreement, activity), key=lambda s: (s.date, s.pk)
    )
    rows = [logbook_sheet.session_row(s, columns) for s in sessions]
    content = logbook_sheet.write_xlsx(rows, columns, title=f"Logbog – {activity.name}")
    return _attachment(content, logbook_sheet.XLSX_MIME, f"logbog-{activity.pk}-alle.xlsx")


@not_found_as_404
@require_POST
def session_delete(
    request: HttpRequest, pk: int, activity_pk: int, session_pk: int
) -> HttpResponse:
    agreement, activity = _activity(request, pk, activity_pk)
    if not access.can_record_logbook(request.user, agreement.plan):
        raise access.NotFound
    session = LogbookSession.objects.filter(
        pk=session_pk, agreement=agreement, activity_key=activity.key
    ).first()
    if session is None:
        raise access.NotFound
    try:
        services.session_delete(session=session, user=request.user)
    except ValidationError as error:
        for text in messages_of(error):
            messages.error(request, text)
        return redirect(
            reverse("evaluation_logbook", args=[agreement.pk, activity.pk])
            + f"?aar={session.date.year}"
        )
    messages.success(request, "Gangen er slettet fra logbogen.")
    return redirect(
        reverse("evaluation_logbook", args=[agreement.pk, activity.pk])
        + f"?aar={session.date.year}"
    )


# ---------------------------------------------------------------------------------------
# The yearly seminar


@not_found_as_404
def seminars(request: HttpRequest, slug: str) -> HttpResponse:
    plan = access.access_plan_for_user(request.user, slug)
    if not access.can_read_seminars(request.user, plan):
        raise access.NotFound
    can_record = access.can_record_seminar(request.user, plan)
    subs = list(
        access.agreements_visible_to(request.user, plan)
        .filter(kind=AgreementKind.SUB, is_current=True)
        .select_related("focus_area")
        .order_by("focus_area__order")
    )
    choices = [(str(a.pk), a.display_title) for a in subs]
    posted = request.POST if request.method == "POST" and can_record else None
    if request.method == "POST" and not can_record:
        raise access.NotFound
    form = forms.SeminarForm(posted, span=services.plan_span(plan))
    decisions = forms.DecisionFormSet(
        posted, prefix="beslutninger", form_kwargs={"agreement_choices": choices}
    )
    problems: list[str] = []
    if posted is not None:
        if form.is_valid() and decisions.is_valid():
            by_pk = {str(a.pk): a for a in subs}
            rows = [
                services.DecisionInput(
                    text=f.cleaned_data["text"],
                    agreement=by_pk.get(f.cleaned_data.get("agreement") or ""),
                    start_revision=bool(f.cleaned_data.get("start_revision")),
                )
                for f in decisions.forms
                if f.cleaned_data
                and not f.cleaned_data.get("DELETE")
                and (f.cleaned_data.get("text") or "").strip()
            ]
            try:
                seminar = services.seminar_record(
                    plan=plan,
                    held_on=form.cleaned_data["held_on"],
                    roles=form.cleaned_data["roles"].splitlines(),
                    data_reviewed=form.cleaned_data["data_reviewed"],
                    decisions=rows,
                    user=request.user,
                )
                messages.success(request, f"Seminaret den {format_date(seminar.held_on)} er gemt.")
                return redirect("evaluation_seminars", slug=plan.slug)
            except ValidationError as error:
                problems = messages_of(error)
        else:
            problems = [FORM_PROBLEM]
    return render(
        request,
        "evaluation/seminars.html",
        {
            **plan_context(request, plan),
            "seminars": selectors.plan_seminars(plan),
            "form": form,
            "decisions": decisions,
            "problems": problems,
            "can_record": can_record,
            "nav": "followup",
            "title": "Årlige seminarer",
        },
    )


# ---------------------------------------------------------------------------------------
# The figure, for the agreement pages (evaluation/templatetags)


def theory_figures(
    theories: list[tuple[str, dict[str, Any]]], statuses: dict[str, tuple[str, str]]
) -> list[dict[str, Any]]:
    return [
        {
            "focus_area": area,
            "theory": theory,
            "svg": mark_safe(  # noqa: S308 - our own SVG, every text escaped in charts
                charts.theory_svg(
                    theory, focus_area=area, statuses=statuses, ident=f"forandringsteori-{n}"
                )
            ),
        }
        for n, (area, theory) in enumerate(theories)
    ]
