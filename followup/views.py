"""Web pages of the yearly follow-up. Thin: check access, parse the form, call a service."""

from __future__ import annotations

import datetime as dt
import hashlib
import zlib
from functools import wraps
from typing import Any

from django.contrib import messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from followup import charts, documents, forms, selectors, services, tabular
from followup.models import BoardMeeting, FollowUpDocument, Measurement, PeriodKind
from followup.status import MARGIN_RULE, RULES, TREND_RULE
from lib.errors import DomainError
from lib.forms import PARAGRAPH
from lib.http import attachment_disposition
from lib.uploads import check_uploaded_file, limit_text
from lib.views import apply_form, not_found_as_404, plan_context
from plans import access, transition
from plans.models import Goal, Indicator, Plan, ScopeKind


def _plan(request: HttpRequest, slug: str, *, write: bool = False) -> Plan:
    """The plan, if the user reads all of it (or records its follow-up, with `write`)."""
    plan = access.access_plan_for_user(request.user, slug)
    if not access.can_read_whole_plan(request.user, plan):
        raise access.NotFound
    if write and not access.can_record_followup(request.user, plan):
        raise access.NotFound
    return plan


def _year(request: HttpRequest, plan: Plan) -> int:
    """The follow-up year asked for (`?aar=`, this year without one). A year that has not begun
    or lies before the plan is no page (services.check_followup_year decides)."""
    raw = request.GET.get("aar", "").strip()
    if not raw:
        return timezone.localdate().year
    if not raw.isdigit() or len(raw) > 4:
        # the same page as for a year the plan has no follow-up for: why, and the years
        # there are (review4 T22: »abc« got the bare »Siden findes ikke«)
        raise NoFollowupYear(plan, None, f"»{raw[:20]}« er ikke et årstal. Vælg et af årene.")
    return _checked_year(plan, int(raw))


def _without_drafts_unless(drafts: bool, follow: selectors.FollowUp) -> selectors.FollowUp:
    """The follow-up as this reader may see it: those who do not read drafts (partners, LBF)
    get the versions in force only, without the »ikke godkendt endnu« part."""
    if not drafts:
        follow.pending = []
        follow.next_period = []
    return follow


class NoFollowupYear(access.NotFound):
    """A follow-up year the plan has no page for (not begun, or before the plan): still a
    404, but the page says why in Danish and links to the years there are."""

    def __init__(self, plan: Plan, year: int | None, message: str):
        super().__init__(message)
        self.plan, self.year, self.message = plan, year, message


def _checked_year(plan: Plan, year: int) -> int:
    try:
        services.check_followup_year(plan, year)
    except DomainError as error:
        raise NoFollowupYear(plan, year, " ".join(error.messages)) from error
    return year


def followup_page(view: Any) -> Any:
    """`not_found_as_404`, with a missing follow-up year explained (`NoFollowupYear`); the
    plan is read (`_plan`) before the year, so only its readers learn which years it has."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except NoFollowupYear as missing:
            today = timezone.localdate()
            first = services.followup_first_year(missing.plan) or today.year
            years = list(range(today.year, max(first, 1990) - 1, -1))
            return render(
                request,
                "followup/no_year.html",
                _context(
                    request,
                    missing.plan,
                    year=missing.year,
                    message=missing.message,
                    years=years,
                    title=f"Opfølgning {missing.year}" if missing.year else "Opfølgning",
                ),
                status=404,
            )

    return not_found_as_404(wrapper)


def _context(request: HttpRequest, plan: Plan, **extra: Any) -> dict[str, Any]:
    return {
        **plan_context(request, plan),
        "can_record": access.can_record_followup(request.user, plan),
        "nav": "followup",
        **extra,
    }


def _attachment(content: bytes, mime: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=mime)
    response["Content-Disposition"] = attachment_disposition(filename)
    return response


# How long a rendered dashboard may be kept. The stamp invalidates it on every change the
# follow-up can see; the timeout bounds the one kind it cannot (see `dashboard_stamp`).
DASHBOARD_CACHE_SECONDS = 600


def _closed_state(agreement: Any) -> str:
    """How the period an agreement was left in stands (plans.transition's one wording)."""
    if agreement.closed_period_id is None:
        return ""
    until = transition.still_in_force_until(agreement)
    return transition.left_period_state(until - dt.timedelta(days=1) if until else None)


def _dashboard_key(plan: Plan, year: int, *, can_record: bool, drafts: bool, today: dt.date) -> str:
    """The cache key of a dashboard body: plan, year, the reader's one role-dependent switch,
    the day (what is due depends on it) and the stamp of the records (one query)."""
    parts = (
        plan.pk,
        plan.created_at.isoformat(),  # never the same plan twice, even when ids are reused
        plan.slug,
        plan.name,
        plan.municipality,
        year,
        can_record,
        drafts,
        today.isoformat(),
        selectors.suppress_below(),
        selectors.dashboard_stamp(plan, year=year),
    )
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    return f"followup:dashboard:v2:{digest}"


def _dashboard_body(
    plan: Plan, year: int, *, can_record: bool, drafts: bool, today: dt.date
) -> str:
    """The dashboard's content, the same for every reader with the same `can_record` and
    `drafts` (whether the reader sees what is not approved yet: plans.access)."""
    follow = _without_drafts_unless(drafts, selectors.plan_followup(plan, year=year, today=today))

    # The documents' chart, inline: the same string the PDF embeds (`charts.indicator_svg`).
    def rows(goals: list[selectors.GoalView]) -> list[Any]:
        return [
            (goal, [(v, mark_safe(charts.indicator_svg(v))) for v in goal.indicators])  # noqa: S308
            for goal in goals
        ]

    goal_rows = rows(follow.goals)
    pending_rows = rows([g for p in follow.pending for g in p.goals])
    return render_to_string(
        "followup/dashboard_body.html",
        {
            "plan": plan,
            "can_record": can_record,
            "follow": follow,
            "goal_rows": goal_rows,
            "pending_rows": pending_rows,
            "rules": RULES,
            "trend_rule": TREND_RULE,
            "margin_rule": MARGIN_RULE,
            "years": list(range(today.year, today.year - 6, -1)),
        },
    )


@followup_page
def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    """Every goal and delmål with its status and a chart per indicator.

    The body is cached per plan, year and `can_record`, keyed on `selectors.dashboard_stamp`:
    a hit costs that one query beside the request's own (session, user, plan, memberships);
    a miss adds the fixed queries of `plan_followup`, whatever the number of plans.
    """
    plan = _plan(request, slug)
    year = _year(request, plan)
    can_record = access.can_record_followup(request.user, plan)
    today = timezone.localdate()
    drafts = access.can_see_drafts(request.user, plan)
    key = _dashboard_key(plan, year, can_record=can_record, drafts=drafts, today=today)
    stored = cache.get(key)
    if stored is not None:
        body = zlib.decompress(stored).decode()
    else:
        body = _dashboard_body(plan, year, can_record=can_record, drafts=drafts, today=today)
        # ~150 kB of HTML (40 inline charts) compresses to a tenth; kept per worker, that bounds
        # the cache's memory (MAX_ENTRIES in settings) at a few tens of MB.
        cache.set(key, zlib.compress(body.encode(), 1), DASHBOARD_CACHE_SECONDS)
    return render(
        request,
        "followup/dashboard.html",
        _context(request, plan, body=mark_safe(body), title=f"Opfølgning {year}"),  # noqa: S308
    )


@not_found_as_404
def indicator_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """An indicator's values with their history, and forms to add or correct one."""
    plan = _plan(request, slug)
    indicator = (
        Indicator.objects.filter(
            pk=pk, goal__agreement__in=access.agreements_visible_to(request.user, plan)
        )
        .select_related("goal__agreement")
        .first()
    )
    if indicator is None:
        raise access.NotFound
    can_record = access.can_record_followup(request.user, plan)
    form = forms.MeasurementForm(
        request.POST if request.POST.get("action") == "record" else None,
        initial={
            "year": selectors.first_year_without_value(indicator, plan),
            "source": indicator.data_source,
            "scope_kind": ScopeKind.WHOLE,
        },
    )
    correction = forms.CorrectionForm(
        request.POST if request.POST.get("action") == "correct" else None
    )
    existing = None
    if request.method == "POST":
        if not can_record:
            raise access.NotFound
        if form.is_bound and form.is_valid():
            data = dict(form.cleaned_data)  # a copy: a refusal at a field drops it from the form's
            saved = apply_form(
                form,
                lambda: services.measurement_record(
                    indicator=indicator, recorded_by=request.user, **data
                ),
            )
            if saved is not None:
                messages.success(request, "Værdien er gemt.")
                return redirect("followup_indicator", slug=plan.slug, pk=indicator.pk)
            existing = selectors.current_value_for_key(indicator, data)
        if correction.is_bound and correction.is_valid():
            data = dict(correction.cleaned_data)
            target = Measurement.objects.filter(
                pk=data.pop("measurement"), indicator=indicator
            ).first()
            if target is None:
                raise access.NotFound
            saved = apply_form(
                correction,
                lambda: services.measurement_correct(
                    measurement=target, recorded_by=request.user, **data
                ),
            )
            if saved is not None:
                messages.success(request, "Rettelsen er gemt; den gamle værdi står i historikken.")
                return redirect("followup_indicator", slug=plan.slug, pk=indicator.pk)
    across = selectors.indicator_across_periods(indicator, plan)
    return render(
        request,
        "followup/indicator.html",
        _context(
            request,
            plan,
            indicator=indicator,
            across=across,
            chart=mark_safe(charts.indicator_svg(across.view)),  # noqa: S308
            closed=indicator.goal.agreement.closed_period_id is not None,
            # »afsluttet« or, while the move out has not come into force, »gælder til …«
            closed_state=_closed_state(indicator.goal.agreement),
            # the new period has not begun yet (a move before its grant date): »begynder«
            period_begins=transition.pending_move(plan) is not None,
            form=form,
            correction=correction,
            correcting=request.POST.get("measurement") or request.GET.get("ret"),
            # the value a refused »Registrér« already has: its »Ret« is linked (review4 T9)
            existing=existing,
            scope_names=selectors.scope_choices_for(plan),
            title=indicator.text,
        ),
    )


def _number_cell(value: Any) -> Any:
    return None if value is None else float(value) if value % 1 else int(value)


def _template_rows(plan: Plan, year: int) -> list[list[Any]]:
    """A row per indicator and scope for `year`, pre-filled with the value already recorded
    (so a sheet sent back untouched is »uændret«), and a row for every other value of the year
    (half-years, survey waves, other scopes) so none is missing from the sheet."""
    current = {
        (m.indicator_id, m.scope_kind, m.scope, m.period_kind, m.half, m.survey): m
        for m in Measurement.objects.filter(plan=plan, year=year).current()
    }
    rows: list[list[Any]] = []

    def row(indicator: Indicator, kind: str, scope: str, m: Measurement | None) -> list[Any]:
        period_kind = m.period_kind if m else "year"
        return [
            indicator.pk,
            indicator.text,
            str(ScopeKind(kind).label),
            scope,
            str(PeriodKind(period_kind).label),
            year,
            (m.half or None) if m else None,
            (m.survey or None) if m else None,
            m.text if m else None,
            _number_cell(m.count) if m else None,
            _number_cell(m.percent) if m else None,
            _number_cell(m.denominator) if m else None,
            (m.source if m else "") or indicator.data_source,
            (m.note or None) if m else None,
            None,
            ("ja" if m.outside_plan_period else None) if m else None,
            (m.survey_wave or None) if m else None,
            m.survey_respondents if m else None,
            m.survey_invited if m else None,
            ("ja" if m.survey_weighted else None) if m else None,
        ]

    for indicator in selectors.plan_indicators(plan):
        measures = list(indicator.measures.all())
        scopes = [(m.scope_kind, m.scope or "") for m in measures] or [(ScopeKind.WHOLE, "")]
        if not any(kind == ScopeKind.MUNICIPALITY for kind, _ in scopes) and plan.municipality:
            scopes.append((ScopeKind.MUNICIPALITY, plan.municipality))
        for kind, scope in dict.fromkeys(scopes):
            m = current.pop((indicator.pk, kind, scope, PeriodKind.YEAR, 0, ""), None)
            rows.append(row(indicator, kind, scope, m))
        for key in [k for k in current if k[0] == indicator.pk]:
            m = current.pop(key)
            rows.append(row(indicator, m.scope_kind, m.scope, m))
    return rows


@not_found_as_404
def import_template(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    """The plan's sheet for a year (`?aar=`, last year by default): a row per indicator and
    scope, pre-filled with what is already recorded."""
    plan = _plan(request, slug, write=True)
    if fmt not in ("csv", "xlsx"):
        raise access.NotFound  # an unknown format is no page (as /aftaler/N/hent/xyz/)
    raw = request.GET.get("aar", "")
    year = int(raw) if raw.isdigit() and 1990 <= int(raw) <= 2100 else timezone.localdate().year - 1
    rows = _template_rows(plan, year)
    name = f"maalinger-{plan.slug}-{year}"
    if fmt == "csv":
        return _attachment(tabular.write_csv(rows), "text/csv; charset=utf-8", f"{name}.csv")
    content = tabular.write_xlsx(rows, title=f"Målinger {year} – {plan.name}")
    return _attachment(content, tabular.XLSX_MIME, f"{name}.xlsx")


@not_found_as_404
def import_measurements(request: HttpRequest, slug: str) -> HttpResponse:
    """Upload CSV/XLSX; every failing row comes back with its reason; errors save nothing
    unless the user asked to save the good rows."""
    plan = _plan(request, slug, write=True)
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    result = None
    file_error = ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            data = check_uploaded_file(upload, allowed=("xlsx", "csv"))
            rows = tabular.read_sheet(data, upload.name)
            result = services.measurements_import(
                plan=plan,
                rows=rows,
                save_good_rows=form.cleaned_data["save_good_rows"],
                recorded_by=request.user,
            )
        except DomainError as error:
            file_error = " ".join(error.messages)
    this_year = timezone.localdate().year
    return render(
        request,
        "followup/import.html",
        _context(
            request,
            plan,
            form=form,
            result=result,
            file_error=file_error,
            columns=tabular.COLUMNS,
            guide=tabular.GUIDE[2:],
            years=list(range(this_year, this_year - 6, -1)),
            template_year=this_year - 1,
            max_size=limit_text(),
            title="Indlæs målinger fra regneark",
        ),
    )


@followup_page
def narrative_edit(request: HttpRequest, slug: str, goal_pk: int) -> HttpResponse:
    plan = _plan(request, slug, write=True)
    goal = Goal.objects.filter(pk=goal_pk, agreement__plan=plan).first()
    if goal is None:
        raise access.NotFound
    year = _year(request, plan)
    existing = goal.narratives.filter(year=year).first()
    form = forms.NarrativeForm(
        request.POST or None, initial={"text": existing.text if existing else ""}
    )
    back = reverse("followup_dashboard", args=[plan.slug]) + f"?aar={year}#goal-{goal.pk}"
    if request.method == "GET" and services.narrative_closed(goal, year):
        # said before anything is typed, not after (the save refuses it the same way)
        messages.info(request, services.NARRATIVE_CLOSED)
        return redirect(back)
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["text"]
        saved = apply_form(
            form,
            lambda: services.narrative_save(
                goal=goal, year=year, text=text, written_by=request.user
            ),
        )
        if saved is not None:
            messages.success(request, "Teksten er gemt.")
            return redirect(back)
    return render(
        request,
        "plans/form.html",
        _context(
            request,
            plan,
            form=form,
            back=back,
            title=f"Opfølgning {year}: {goal.text}",
            subtitle="Teksten kommer med i årets opfølgningsdokument under målet.",
        ),
    )


@followup_page
def followup_document(request: HttpRequest, slug: str, year: int, fmt: str) -> HttpResponse:
    """The year's follow-up as PDF or DOCX, made now from the records."""
    plan = _plan(request, slug)
    if fmt not in ("pdf", "docx"):
        raise access.NotFound  # an unknown format is no page (as /aftaler/N/hent/xyz/)
    _checked_year(plan, year)
    follow = _without_drafts_unless(
        access.can_see_drafts(request.user, plan), selectors.plan_followup(plan, year=year)
    )
    name = f"aarlig-opfoelgning-{plan.slug}-{year}"
    if fmt == "docx":
        return _attachment(
            documents.render_followup_docx(follow), documents.DOCX_MIME, f"{name}.docx"
        )
    return _attachment(documents.render_followup_pdf(follow), documents.PDF_MIME, f"{name}.pdf")


@followup_page
@require_POST
def followup_archive(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    """Keep the PDF and DOCX as handed to the board; the board meeting will name them.

    A background task renders them (followup/tasks.py); the meeting page tells how it went."""
    from followup.tasks import archive_followup

    plan = _plan(request, slug, write=True)
    _checked_year(plan, year)
    _keep_typed_meeting(request, plan, year)
    user_id = request.user.pk if request.user.is_authenticated else None
    result = archive_followup.enqueue(plan.pk, year, user_id)
    url = reverse("followup_meeting", args=[plan.slug]) + f"?aar={year}"
    if not result.is_finished:
        return redirect(url + f"&arkivering={result.id}")
    _tell_archiving(request, result.return_value)
    return redirect(url)


def _typed_meeting_key(plan: Plan, year: int) -> str:
    return f"followup:meeting:{plan.pk}:{year}"


MEETING_TYPED_FIELDS = ("held_on", "attendees", "decisions")


def _keep_typed_meeting(request: HttpRequest, plan: Plan, year: int) -> None:
    """The meeting form's »Arkivér« button posts the form here: what was typed in it waits in
    the session for the meeting page, so archiving first loses nothing (review4 T12)."""
    typed = {
        name: request.POST.get(name, "")[:PARAGRAPH]
        for name in MEETING_TYPED_FIELDS
        if request.POST.get(name, "").strip()
    }
    if typed:
        request.session[_typed_meeting_key(plan, year)] = typed


def _tell_archiving(request: HttpRequest, outcome: dict[str, str]) -> None:
    if "fejl" in outcome:
        messages.error(request, outcome["fejl"])
    else:
        messages.success(request, outcome["besked"])


def _archiving_state(request: HttpRequest, plan: Plan) -> None:
    """Tell (as a message) how the archiving named in `?arkivering=` went."""
    from followup.tasks import archive_followup
    from lib.background import TaskResultStatus, result_of

    result = result_of(archive_followup, request.GET.get("arkivering", "").strip())
    if result is None or not result.args or result.args[0] != plan.pk:
        return
    if result.status == TaskResultStatus.SUCCESSFUL:
        _tell_archiving(request, result.return_value)
    elif result.status == TaskResultStatus.FAILED:
        messages.error(request, "Arkiveringen fejlede i baggrundsprocessen. Prøv igen.")
    else:
        messages.info(
            request,
            "Opfølgningen arkiveres som PDF og DOCX i baggrunden. "
            "Genindlæs siden om lidt for at se dokumenterne.",
        )


@not_found_as_404
def archived_document(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = _plan(request, slug)
    document = FollowUpDocument.objects.filter(plan=plan, pk=pk).select_related("plan").first()
    if document is None:
        raise access.NotFound
    content = bytes(document.content)
    if hashlib.sha256(content).hexdigest() != document.sha256:  # pragma: no cover - tampering
        raise DomainError("Dokumentet er ændret efter det blev arkiveret.")
    mime = documents.PDF_MIME if document.format == "pdf" else documents.DOCX_MIME
    return _attachment(content, mime, document.filename)


@followup_page
def board_meeting(request: HttpRequest, slug: str) -> HttpResponse:
    """Record the board's follow-up meeting: date, who, decisions. It closes the year."""
    plan = _plan(request, slug, write=True)
    year = _year(request, plan)
    closed = BoardMeeting.objects.filter(plan=plan, year=year).prefetch_related("documents").first()
    archived = list(FollowUpDocument.objects.filter(plan=plan, year=year).defer("content"))
    # what was typed before »Arkivér« (that button sends this form to `followup_archive`)
    typed = (
        request.session.pop(_typed_meeting_key(plan, year), {}) if request.method == "GET" else {}
    )
    form = forms.BoardMeetingForm(
        request.POST or None, initial={"year": year, **typed}, archived=bool(archived)
    )
    if request.method == "POST" and closed is None and form.is_valid():
        data = form.cleaned_data
        saved = apply_form(
            form,
            lambda: services.board_meeting_record(plan=plan, recorded_by=request.user, **data),
        )
        if saved is not None:
            messages.success(
                request, f"Mødet er registreret; opfølgningen for {saved.year} er afsluttet."
            )
            return redirect(reverse("followup_dashboard", args=[plan.slug]) + f"?aar={saved.year}")
    if request.method == "GET":
        _archiving_state(request, plan)
    return render(
        request,
        "followup/meeting.html",
        _context(
            request,
            plan,
            form=form,
            year=year,
            meeting=closed,
            archived=archived,
            back=reverse("followup_dashboard", args=[plan.slug]) + f"?aar={year}",
            title=f"Bestyrelsens opfølgningsmøde {year}",
        ),
    )


@followup_page
def auditor_statement(request: HttpRequest, slug: str) -> HttpResponse:
    """The bilag til revisionen for a chosen year, generated from the records."""
    plan = _plan(request, slug)
    year = _year(request, plan)
    statement = selectors.auditor_statement(plan, year, now=timezone.now())
    if request.GET.get("format") == "pdf":
        return _attachment(
            documents.render_statement_pdf(statement, base_url=request.build_absolute_uri("/")),
            documents.PDF_MIME,
            f"bilag-til-revisionen-{plan.slug}-{year}.pdf",
        )
    this_year = timezone.localdate().year
    return render(
        request,
        "followup/auditor_statement.html",
        _context(
            request,
            plan,
            s=statement,
            generated=timezone.localtime(statement.generated_at),
            year=year,
            years=list(range(this_year, this_year - 6, -1)),
            title=f"Bilag til revisionen {year}",
        ),
    )
