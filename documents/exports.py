"""Files made from a plan: one agreement as DOCX or PDF, and the ZIP package for LBF."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from documents.render import DOCX_MIME, PDF_MIME, render_agreement_docx, render_agreement_pdf
from documents.selectors import (
    DocumentSource,
    agreement_source,
    package_contents,
    plan_template_bytes,
    source_of_version,
)
from lib.danish import format_date
from plans import access, revisions
from plans import interchange as ix
from plans.models import Agreement, AgreementStatus, Plan

FORMATS = ("docx", "pdf")
_TRANSLIT = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


@dataclass(frozen=True)
class RenderedFile:
    filename: str
    content_type: str
    data: bytes


def file_stem(agreement: ix.Agreement, version: int | None) -> str:
    """`delaftale-beskaeftigelse-v3`, `strategisk-samarbejdsaftale-v2`."""
    if agreement.kind == "delaftale":
        base = f"delaftale-{agreement.focus_area or 'uden-indsatsomraade'}"
    else:
        base = "strategisk-samarbejdsaftale"
    stem = slugify(base.translate(_TRANSLIT))
    return f"{stem}-v{version}" if version is not None else stem


def render_source(
    source: DocumentSource, fmt: str, *, template: bytes | None = None
) -> RenderedFile:
    if fmt not in FORMATS:
        raise ValueError(fmt)
    stem = file_stem(source.agreement, source.stamp.version)
    if fmt == "docx":
        data = render_agreement_docx(
            source.agreement,
            source.stamp,
            template=template,
            interplay=source.interplay,
            theory_statuses=source.theory_statuses,
        )
        return RenderedFile(f"{stem}.docx", DOCX_MIME, data)
    data = render_agreement_pdf(
        source.agreement,
        source.stamp,
        interplay=source.interplay,
        theory_statuses=source.theory_statuses,
    )
    return RenderedFile(f"{stem}.pdf", PDF_MIME, data)


def render_agreement(agreement: Agreement, fmt: str, *, version: int | None = None) -> RenderedFile:
    """One agreement at `version` (None: the working copy) in `fmt`, with the plan's template.

    Raises VersionNotFound for an unknown version and TemplateError for a broken template.
    """
    source = agreement_source(agreement, version)
    template = plan_template_bytes(agreement.plan) if fmt == "docx" else None
    return render_source(source, fmt, template=template)


def _zip_name(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text.translate(_TRANSLIT)).strip("-")


@dataclass(frozen=True)
class _PackageAgreement:
    source: DocumentSource | None  # None: not enclosed (no version these rights may read)
    note: str


def _package_agreement(agreement: Agreement, rights: str) -> _PackageAgreement:
    """The version LBF gets: the one in force (the latest approved), with a note when a newer
    draft exists. An agreement never approved goes as its draft, stamped and noted as such,
    only when the rights the package is built with read it (`access.version_for_rights`, the
    rule the agreement's pages follow); else it is listed without files."""
    approved = revisions.approved_version(agreement)
    if approved is None:
        if access.version_for_rights(rights, agreement) != agreement.version:
            return _PackageAgreement(
                None, "Ingen version er godkendt endnu; kladden er ikke vedlagt."
            )
        return _PackageAgreement(
            agreement_source(agreement),
            "Ingen version er godkendt endnu; kladden er vedlagt.",
        )
    note = ""
    if agreement.version > approved.number:
        state = AgreementStatus(agreement.status).label
        note = f"Version {agreement.version} er under udarbejdelse ({state}) og er ikke vedlagt."
    return _PackageAgreement(source_of_version(agreement, approved), note)


def build_lbf_package(plan: Plan, rights: str = access.IN_FORCE) -> RenderedFile:
    """The package LBF asks for, as a user with `rights` (`access.version_rights`) reads the
    plan: the approved version in force of each agreement of the period
    in force (`documents.selectors.package_contents`: until the grant date of a move, the
    period the plan has left) as DOCX and PDF, the current version of each attachment that
    period requires, and a Danish index page (indeks.html) listing them, newer drafts, what is
    missing and, apart, the next period's agreements (not enclosed)."""
    template = plan_template_bytes(plan)
    contents = package_contents(plan)
    buffer = io.BytesIO()
    agreements_index: list[dict[str, Any]] = []
    attachments_index = []
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for agreement in contents.agreements:
            chosen = _package_agreement(agreement, rights)
            files: list[str] = []
            if chosen.source is None:
                agreements_index.append(
                    {
                        "title": agreement.display_title,
                        "version": None,
                        "stamp": "Ingen godkendt version",
                        "note": chosen.note,
                        "files": files,
                    }
                )
                continue
            for fmt in FORMATS:
                rendered = render_source(chosen.source, fmt, template=template)
                path = f"aftaler/{rendered.filename}"
                archive.writestr(path, rendered.data)
                files.append(path)
            agreements_index.append(
                {
                    "title": agreement.display_title,
                    "version": chosen.source.stamp.version,
                    "stamp": chosen.source.stamp.text,
                    "note": chosen.note,
                    "files": files,
                }
            )
        for row in contents.attachments:
            current = row.current
            entry: dict[str, object] = {"label": row.label, "path": None}
            if current is not None and row.attachment is not None:
                suffix = "jpg" if current.file_type == "jpeg" else current.file_type
                path = f"bilag/{_zip_name(row.kind)}-v{current.number}.{suffix}"
                with current.file.open("rb") as handle:
                    archive.writestr(path, handle.read())
                entry.update(
                    path=path,
                    version=current.number,
                    status=row.attachment.get_status_display(),
                    filename=current.filename,
                    uploaded=format_date(timezone.localdate(current.uploaded_at)),
                )
            attachments_index.append(entry)
        index = render_to_string(
            "documents/package_index.html",
            {
                "plan": plan,
                "made_on": format_date(timezone.localdate()),
                "funding_period": contents.period,
                "period": (
                    f"{format_date(contents.start)} – {format_date(contents.end)}"
                    if contents.start and contents.end
                    else ""
                ),
                "agreements": agreements_index,
                "attachments": attachments_index,
                "missing": [a["label"] for a in attachments_index if a["path"] is None],
                "next_period": contents.next_period,
                "next_starts": contents.next_starts,
                "next_agreements": [
                    {
                        "title": a.display_title,
                        "state": (
                            f"version {a.version}, {AgreementStatus(a.status).label}"
                            if a.version
                            else AgreementStatus(a.status).label
                        ),
                    }
                    for a in contents.next_agreements
                    # only those these rights read in the app (no draft's title to LBF)
                    if access.version_for_rights(rights, a) is not None
                ],
            },
        )
        archive.writestr("indeks.html", index)
    stamp = timezone.localdate().isoformat()
    return RenderedFile(
        f"{_zip_name(plan.slug)}-pakke-til-lbf-{stamp}.zip", "application/zip", buffer.getvalue()
    )
