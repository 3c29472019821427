"""Download and upload pages for documents. Thin: access, parse, call a service or renderer."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.files.storage import default_storage
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from documents import forms, services
from documents.exports import FORMATS, RenderedFile, render_agreement
from documents.models import Attachment, AttachmentStatus, WordTemplate
from documents.render import DOCX_MIME, TemplateError
from documents.selectors import (
    VersionNotFound,
    attachment_version_of_plan,
    plan_attachments,
    plan_reminders,
)
from documents.word_template import TEMPLATE_FIELDS, build_default_template
from lib.errors import DomainError, messages_of
from lib.http import attachment_disposition
from lib.uploads import check_size
from lib.views import apply_form, not_found_as_404, plan_context
from plans import access
from plans.models import Plan


def _file_response(rendered: RenderedFile) -> HttpResponse:
    response = HttpResponse(rendered.data, content_type=rendered.content_type)
    response["Content-Disposition"] = attachment_disposition(rendered.filename)
    response["Content-Length"] = str(len(rendered.data))
    return response


def _problem(request: HttpRequest, plan: Plan, message: str, *, status: int) -> HttpResponse:
    return render(
        request,
        "documents/problem.html",
        {**plan_context(request, plan), "message": message},
        status=status,
    )


def _readable_plan(request: HttpRequest, slug: str) -> Plan:
    """The plan, for people who may read all of it (not a partner); else NotFound."""
    plan = access.access_plan_for_user(request.user, slug)
    if not access.can_read_whole_plan(request.user, plan):
        raise access.NotFound
    return plan


@not_found_as_404
def agreement_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The agreement as DOCX or PDF; `?version=N` for an earlier version."""
    agreement = access.access_agreement_for_user(request.user, pk)
    if fmt not in FORMATS:
        raise access.NotFound
    raw = request.GET.get("version", "").strip()
    try:
        version = None
        if raw:
            if not raw.isdigit():
                raise VersionNotFound
            version = int(raw)
        if version is None and not access.sees_working_copy(request.user, agreement):
            version = access.visible_version_number(request.user, agreement)  # in force
        if version is not None and not access.can_read_version(request.user, agreement, version):
            raise VersionNotFound
        rendered = render_agreement(agreement, fmt, version=version)
    except VersionNotFound:
        return _problem(request, agreement.plan, "Versionen findes ikke.", status=404)
    except TemplateError as error:
        return _problem(request, agreement.plan, " ".join(messages_of(error)), status=409)
    return _file_response(rendered)


@not_found_as_404
def plan_documents(request: HttpRequest, slug: str) -> HttpResponse:
    """Required attachments (upload, versions, status), the Word template and the LBF package."""
    plan = _readable_plan(request, slug)
    context = plan_context(request, plan)
    upload_form = forms.AttachmentUploadForm(
        request.POST or None, request.FILES or None, initial={"kind": request.GET.get("bilag")}
    )
    if request.method == "POST":
        if not context["can_edit"]:
            raise access.NotFound
        if upload_form.is_valid():
            upload = upload_form.cleaned_data["file"]
            version = apply_form(
                upload_form,
                lambda: services.attachment_upload(
                    plan=plan,
                    kind=upload_form.cleaned_data["kind"],
                    data=_read_bounded(upload),
                    filename=upload.name,
                    user=request.user,
                    note=upload_form.cleaned_data["note"],
                ),
            )
            if version is not None:
                messages.success(
                    request, f"{version.attachment} er gemt som version {version.number}."
                )
                return redirect("plan_documents", slug=plan.slug)
    return render(
        request,
        "documents/plan_documents.html",
        {
            **context,
            "nav": "documents",
            "rows": plan_attachments(plan),
            "upload_form": upload_form,
            "template_form": forms.TemplateUploadForm(),
            "word_template": WordTemplate.objects.filter(plan=plan).first(),
            "reminders": plan_reminders(plan),
            "template_fields": TEMPLATE_FIELDS,
            **_package_state(request, plan, request.GET.get("pakke", "").strip()),
            # the statuses by name, so the template compares with TextChoices, not literals
            "attachment_statuses": AttachmentStatus,
        },
        status=400 if request.method == "POST" else 200,
    )


def _own_package(request: HttpRequest, plan: Plan, result: Any) -> bool:
    """Whether the package task `result` is this plan's, built with the rights this user reads
    the plan with (`access.version_rights`): a koordinator's package, drafts and all, is not
    served to LBF or a kommune user who asks for its id."""
    if result is None or not result.args or result.args[0] != plan.pk:
        return False
    # a package queued before it named its rights was built with drafts
    built_with = result.args[1] if len(result.args) > 1 else access.WITH_DRAFTS
    return bool(built_with == access.version_rights(request.user, plan))


def _package_state(request: HttpRequest, plan: Plan, wanted: str) -> dict[str, object]:
    """The LBF package `?pakke=ID` names, for the documents page: »building« (the page
    refreshes itself), »ready« (the button fetches the finished ZIP), »failed«, or nothing
    when there is no such package of this plan for this user's rights."""
    from documents.tasks import build_package
    from lib.background import TaskResultStatus, result_of

    result = result_of(build_package, wanted) if wanted else None
    if result is None or not _own_package(request, plan, result):
        return {"package": "", "package_state": ""}
    if result.status == TaskResultStatus.FAILED:
        state = "failed"
    elif result.is_finished:
        state = "failed" if "fejl" in (result.return_value or {}) else "ready"
    else:
        state = "building"
    return {"package": str(result.id), "package_state": state}


def _read_bounded(upload: object) -> bytes:
    """The upload's bytes, refusing before reading when it is larger than allowed (the
    service checks its kind with the same `lib.uploads.check_upload`)."""
    check_size(int(getattr(upload, "size", 0) or 0))
    data: bytes = upload.read()  # type: ignore[attr-defined]
    return data


@not_found_as_404
@require_POST
def attachment_status(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = access.access_plan_for_user(request.user, slug, write=True)
    attachment = Attachment.objects.filter(plan=plan, pk=pk).first()
    if attachment is None:
        raise access.NotFound
    form = forms.AttachmentStatusForm(request.POST)
    if form.is_valid():
        try:
            services.attachment_set_status(
                attachment=attachment, status=form.cleaned_data["status"], by=request.user
            )
            messages.success(request, f"Status for {attachment} er gemt.")
        except DomainError as error:
            for message in messages_of(error):
                messages.error(request, message)
    else:
        messages.error(request, "Vælg en gyldig status.")
    return redirect("plan_documents", slug=plan.slug)


@not_found_as_404
def attachment_download(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = _readable_plan(request, slug)
    version = attachment_version_of_plan(plan, pk)
    if version is None:
        raise access.NotFound
    with version.file.open("rb") as handle:
        data = handle.read()
    content_types = {
        "pdf": "application/pdf",
        "docx": DOCX_MIME,
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "odt": "application/vnd.oasis.opendocument.text",
        "ods": "application/vnd.oasis.opendocument.spreadsheet",
        "png": "image/png",
        "jpeg": "image/jpeg",
    }
    return _file_response(
        RenderedFile(version.filename.replace('"', ""), content_types[version.file_type], data)
    )


@not_found_as_404
def word_template(request: HttpRequest, slug: str) -> HttpResponse:
    """GET: the plan's template; POST: upload a new one (checked by a sample) or delete it."""
    if request.method != "POST":
        plan = _readable_plan(request, slug)
        current = WordTemplate.objects.filter(plan=plan).first()
        if current is None:
            return redirect("default_template", slug=plan.slug)
        with current.file.open("rb") as handle:
            return _file_response(RenderedFile(current.filename, DOCX_MIME, handle.read()))
    plan = access.access_plan_for_user(request.user, slug, write=True)
    if request.POST.get("delete"):
        services.word_template_delete(plan=plan, by=request.user)
        messages.success(request, "Planen bruger nu standardskabelonen.")
        return redirect("plan_documents", slug=plan.slug)
    form = forms.TemplateUploadForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["template_file"]
        saved = apply_form(
            form,
            lambda: services.word_template_save(
                plan=plan, data=_read_bounded(upload), filename=upload.name, user=request.user
            ),
        )
        if saved is not None:
            messages.success(request, f"Word-skabelonen »{saved.filename}« er gemt.")
            return redirect("plan_documents", slug=plan.slug)
    for message in [str(m) for errors in form.errors.values() for m in errors]:
        messages.error(request, message)
    return redirect("plan_documents", slug=plan.slug)


@not_found_as_404
def default_template(request: HttpRequest, slug: str) -> HttpResponse:
    _readable_plan(request, slug)
    return _file_response(
        RenderedFile("standardskabelon-helhedsplan.docx", DOCX_MIME, build_default_template())
    )


@not_found_as_404
def lbf_package(request: HttpRequest, slug: str) -> HttpResponse:
    """The ZIP for LBF: current agreements as DOCX and PDF, current attachments, an index.

    A POST (the page's button) starts a background task that builds it (documents/tasks.py)
    with the user's `access.version_rights`; until it is done the documents page says so, with
    `?pakke=ID` to come back to; then this answers the file, to users with the same rights. A
    GET without `?pakke=` builds nothing (T11: a link or a prefetch queued a package each time)."""
    from documents.tasks import build_package
    from lib.background import TaskResultStatus, result_of

    plan = _readable_plan(request, slug)
    wanted = request.GET.get("pakke", "").strip()
    if request.method == "POST":
        result = build_package.enqueue(plan.pk, access.version_rights(request.user, plan))
    elif wanted:
        result = result_of(build_package, wanted)
    else:
        # a link, a prefetch or a crawler builds nothing: the button on the page does (POST)
        messages.info(request, "Tryk på »Hent pakke til LBF (ZIP)« for at danne pakken.")
        return redirect("plan_documents", slug=plan.slug)
    if not _own_package(request, plan, result):
        raise access.NotFound
    if result.status == TaskResultStatus.FAILED:
        return _problem(
            request, plan, "Pakken kunne ikke dannes på grund af en fejl. Prøv igen.", status=409
        )
    if not result.is_finished:
        messages.info(
            request,
            "Pakken til LBF dannes i baggrunden. Siden opdateres af sig selv, til den er klar.",
        )
        return redirect(reverse("plan_documents", args=[plan.slug]) + f"?pakke={result.id}")
    outcome = result.return_value
    if "fejl" in outcome:
        return _problem(request, plan, outcome["fejl"], status=409)
    with default_storage.open(outcome["sti"], "rb") as handle:
        data = handle.read()
    return _file_response(RenderedFile(outcome["fil"], outcome["type"], data))
