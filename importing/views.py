"""Web import: upload → (background read, progress) → review beside the source → confirm.

Only the plan's editors (koordinator, administrator) reach these pages; everyone else gets
the same 404 as for a missing plan. Nothing is saved as an agreement before "Gem aftalen".
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from importing import jobs
from importing.consistency import closed_period_message, plan_mismatches
from importing.forms import PasteForm, Review, UploadForm
from importing.models import ImportJob, ImportStatus
from importing.saving import (
    counterpart_interchange,
    current_counterpart,
    saved_party_organisations,
    saved_scope_kinds,
    with_party_links,
    with_recorded_kept,
)
from lib.errors import messages_of
from lib.views import not_found_as_404
from plans import access
from plans.diff import agreement_diff
from plans.loading import read_documents, retitled_for_area, taken_message
from plans.models import Agreement, FocusArea, Organisation, Plan

PASTED_NAME = "indsat tekst.txt"


def _plan(request: HttpRequest, slug: str) -> Plan:
    return access.access_plan_for_user(request.user, slug, write=True)


def _job(plan: Plan, pk: int) -> ImportJob:
    job = ImportJob.objects.filter(plan=plan, pk=pk).defer("upload").first()
    if job is None:
        raise Http404("Importen findes ikke.")
    return job


def _context(request: HttpRequest, plan: Plan, **extra: Any) -> dict[str, Any]:
    return {
        "plan": plan,
        "can_edit": True,
        "can_read_whole": True,
        "back": reverse("plan_detail", args=[plan.slug]),
        # the statuses by name, so templates compare with TextChoices, not literals
        "import_statuses": ImportStatus,
        **extra,
    }


def _status_payload(job: ImportJob) -> dict[str, Any]:
    status, error = jobs.job_state(job)
    next_url = ""
    if status == ImportStatus.READY:
        next_url = reverse("import_review", args=[job.plan.slug, job.pk])
    return {
        "status": status,
        "status_label": ImportStatus(status).label,
        "progress": job.progress,
        "error": error,
        "next": next_url,
        "done": status not in (ImportStatus.QUEUED, ImportStatus.READING),
    }


@not_found_as_404
def import_upload(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _plan(request, slug)
    pasting = request.method == "POST" and "pasted" in request.POST
    form = UploadForm(None if pasting else request.POST or None, request.FILES or None)
    paste = PasteForm(request.POST if pasting else None)
    if pasting and paste.is_valid():
        # the same pipeline as an uploaded .txt file
        text = paste.cleaned_data["pasted"]
        job = jobs.job_start(
            plan=plan, user=request.user, filename=PASTED_NAME, data=text.encode("utf-8")
        )
        return redirect("import_status", slug=plan.slug, pk=job.pk)
    if request.method == "POST" and not pasting and form.is_valid():
        upload = form.cleaned_data["file"]
        job = jobs.job_start(plan=plan, user=request.user, filename=upload.name, data=upload.read())
        return redirect("import_status", slug=plan.slug, pk=job.pk)
    recent = ImportJob.objects.filter(plan=plan).defer("upload", "result", "source_text")[:5]
    return render(
        request,
        "importing/upload.html",
        _context(
            request,
            plan,
            form=form,
            paste=paste,
            recent=recent,
            max_bytes=settings.MAX_UPLOAD_BYTES,
            title="Importér dokument",
        ),
    )


@not_found_as_404
def import_status(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = _plan(request, slug)
    job = _job(plan, pk)
    payload = _status_payload(job)
    if payload["next"]:
        return redirect(payload["next"])
    if job.status == ImportStatus.SAVED and job.agreement_id:
        return redirect("agreement_detail", pk=job.agreement_id)
    return render(
        request,
        "importing/status.html",
        _context(request, plan, job=job, state=payload, title=f"Læser {job.filename}"),
    )


@not_found_as_404
def import_status_json(request: HttpRequest, slug: str, pk: int) -> JsonResponse:
    plan = _plan(request, slug)
    return JsonResponse(_status_payload(_job(plan, pk)))


def _already_saved(
    request: HttpRequest, plan: Plan, saved: jobs.ImportAlreadySaved
) -> HttpResponse:
    """A request that finds the import saved already (a double-click on »Gem aftalen«, a
    second tab): to the agreement it became, saying so, instead of the form again."""
    agreement = (
        Agreement.objects.filter(plan=plan, pk=saved.agreement_id).first()
        if saved.agreement_id
        else None
    )
    if agreement is None:
        messages.info(request, f"Importen af {saved.filename} er allerede gemt.")
        return redirect("plan_detail", slug=plan.slug)
    messages.info(
        request,
        f"Importen af {saved.filename} er allerede gemt som »{agreement.display_title}« "
        "og er ikke gemt en gang til.",
    )
    return redirect("agreement_detail", pk=agreement.pk)


@not_found_as_404
def import_review(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = _plan(request, slug)
    job = _job(plan, pk)
    if request.method == "POST" and job.status == ImportStatus.SAVED:
        return _already_saved(request, plan, jobs.ImportAlreadySaved(job))
    if job.status != ImportStatus.READY:
        return redirect("import_status", slug=plan.slug, pk=job.pk)
    focus_areas = list(
        FocusArea.objects.filter(funding_period=plan.funding_period_id).values_list(
            "name", flat=True
        )
    )
    reading: dict[str, Any] = job.result or {}
    counterpart = current_counterpart(plan, reading)
    review = Review(
        request.POST if request.method == "POST" else None,
        reading=reading,
        focus_areas=focus_areas,
        warning_fields=job.warning_fields or {},
        saved_scope_kinds=saved_scope_kinds(counterpart),
        organisations=Organisation.objects.filter(plan=plan).values_list("name", flat=True),
        saved_party_organisations=saved_party_organisations(counterpart),
    )
    problems: list[str] = []
    document = reading
    if request.method == "POST" and review.is_valid():
        # A delaftale moved to another indsatsområde takes its title along (one rule:
        # plans.loading.title_for_area); a title the reviewer changed too stands.
        document = retitled_for_area(review.document(), reading)
        review.show_other_plan(plan_mismatches(plan, document))
        try:
            if "confirm" in request.POST or "confirm_new" in request.POST:
                as_new = "confirm_new" in request.POST
                # The checks and the save in one transaction on the locked job: a second
                # POST of the same import (a double-click) waits here for the first and
                # then finds it saved (jobs.ImportAlreadySaved, handled below).
                with transaction.atomic():
                    jobs.job_lock_open(job=job)
                    agreement = _confirm_if_ready(
                        request, plan, job, review, document, problems, as_new=as_new
                    )
                if agreement is not None:
                    messages.success(
                        request,
                        f"»{agreement.display_title}« er gemt fra {job.filename} "
                        f"(version {agreement.version}).",
                    )
                    return redirect("agreement_detail", pk=agreement.pk)
            else:
                jobs.job_update_reading(
                    job=job, document=document, warning_fields=review.moved_warnings()
                )
                messages.info(
                    request, "Rettelserne er gemt i importen. Aftalen er ikke gemt endnu."
                )
                return redirect("import_review", slug=plan.slug, pk=job.pk)
        except jobs.ImportAlreadySaved as saved:
            return _already_saved(request, plan, saved)
        except ValidationError as error:  # DomainError, or a model's full_clean
            problems = messages_of(error)
    else:
        # a form with errors elsewhere: what of the header and the parties the reviewer
        # corrected is valid counts (the parties as corrected, not as first read)
        posted = review.with_posted_parties(_header_document(review, reading))
        review.show_other_plan(plan_mismatches(plan, posted))
        if request.method == "POST" and (
            "confirm" in request.POST or "confirm_new" in request.POST
        ):
            # the missing tick, a taken area and a closed period are reasons not to save
            # too, shown with the form's errors
            _not_ready(plan, review, posted, "confirm_new" in request.POST)
    existing = current_counterpart(plan, document)
    # What saving writes: the document, with the indicators that have measurements kept.
    saved_document, kept = with_recorded_kept(existing, document)
    # the parties as saving links them, so a party linked anew is a change too
    changes = (
        agreement_diff(
            counterpart_interchange(existing), with_party_links(plan, existing, saved_document)
        )
        if existing
        else None
    )
    return render(
        request,
        "importing/review.html",
        _context(
            request,
            plan,
            job=job,
            review=review,
            header=review.header,
            problems=problems,
            errors=review.errors(),
            reading=document,
            warnings=review.top_warnings(),
            # a document of a period the plan has left (refused on saving, beside its date)
            closed_period=closed_period_message(plan, document.get("period") or {}),
            existing=existing,
            changes=changes,
            kept=kept,
            title=f"Gennemse {job.filename}",
        ),
        status=200,
    )


def _confirm_if_ready(
    request: HttpRequest,
    plan: Plan,
    job: ImportJob,
    review: Review,
    document: dict[str, Any],
    problems: list[str],
    *,
    as_new: bool,
) -> Agreement | None:
    """Save the reviewed `document` unless there is a reason not to yet; every reason is
    found in one pass and shown together (on `review`'s fields, or added to `problems`): the
    tick for another plan's document, a new agreement the plan already has, a closed period,
    and what the document itself lacks. None when nothing was saved."""
    ready = not _not_ready(plan, review, document, as_new)
    try:
        read_documents([document], plan.funding_period)
    except ValidationError as error:
        # the agreement's own indsatsområde stands beside its select
        for message in messages_of(error):
            if message.startswith("Ukendt indsatsområde") and (
                f"»{document.get('focus_area')}«" in message
            ):
                review.header.add_error("focus_area", message)
            else:
                problems.append(message)
        ready = False
    if not ready:
        return None
    return jobs.job_confirm(job=job, document=document, user=request.user, as_new=as_new)


def _not_ready(plan: Plan, review: Review, document: dict[str, Any], as_new: bool) -> bool:
    """The reasons not to save that lie outside the document's own shape, each added beside
    its field: the tick for another plan's document, a new agreement the plan already has,
    a closed period. True when there is any."""
    found = not review.other_plan_accepted()
    taken = current_counterpart(plan, document) if as_new and document.get("kind") else None
    if taken is not None:
        review.header.add_error(
            "focus_area" if document.get("kind") == "delaftale" else None,
            taken_message(taken),
        )
        found = True
    closed = closed_period_message(plan, document.get("period") or {})
    if closed and "period_start" not in review.header.errors:
        review.header.add_error("period_start", closed)
        found = True
    return found


def _header_document(review: Review, reading: dict[str, Any]) -> dict[str, Any]:
    """The reading with what of the posted header is valid (a form with errors elsewhere)."""
    data = getattr(review.header, "cleaned_data", {})
    document = dict(reading)
    for name in ("kind", "focus_area"):
        if name in data:
            document[name] = data[name] or None
    period = dict(reading.get("period") or {})
    for name, key in (("period_start", "start"), ("period_end", "end")):
        if data.get(name):
            period[key] = data[name].isoformat()
    document["period"] = period
    return document


@require_POST
@not_found_as_404
def import_cancel(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = _plan(request, slug)
    job = _job(plan, pk)
    try:
        jobs.job_cancel(job=job)
    except jobs.DomainError as error:
        messages.error(request, " ".join(messages_of(error)))
        return redirect("plan_detail", slug=plan.slug)
    messages.info(request, f"Importen af {job.filename} er annulleret; intet er gemt.")
    return redirect("plan_detail", slug=plan.slug)
