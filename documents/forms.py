"""Forms for documents: parse input only; the services decide."""

from __future__ import annotations

from django import forms

from documents.models import AttachmentKind, AttachmentStatus
from lib.forms import DkfdsForm


class AttachmentUploadForm(DkfdsForm):
    kind = forms.ChoiceField(label="Bilag", choices=AttachmentKind.choices)
    file = forms.FileField(
        label="Fil",
        help_text="PDF, Word (DOCX), Excel (XLSX), ODT/ODS, PNG eller JPEG.",
    )
    note = forms.CharField(label="Note", max_length=300, required=False)


class AttachmentStatusForm(DkfdsForm):
    status = forms.ChoiceField(label="Status", choices=AttachmentStatus.choices)


class TemplateUploadForm(DkfdsForm):
    template_file = forms.FileField(
        label="Word-skabelon (.docx)",
        help_text="Tag udgangspunkt i standardskabelonen; felterne skrives som {{ heading }}.",
    )
