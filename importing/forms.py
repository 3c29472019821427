"""The upload form and the review form: every field of a reading can be corrected.

The review form shows the scalar fields as form fields, lists as one line per item, and the
nested parts (delmål with indikatorer, aktivitetsskemaer, ...) as JSON in the interchange
format; `document()` puts them back together and the loader validates the result.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django import forms
from django.conf import settings

from lib.errors import DomainError
from lib.forms import DanishDateField, DkfdsForm
from lib.jsonguard import load_json
from plans.models import AgreementKind

TEXTAREA_ATTRS = {"rows": 4, "class": "form-input"}
ACCEPT = ".docx,.odt,.pdf,.doc,.rtf,.txt,.md,.html,.htm,.png,.jpg,.jpeg,.tif,.tiff"

LINES = [("parties", "Parter (én pr. linje)"), ("activity_names", "Aktiviteter (én pr. linje)")]
TEXTS = [
    ("vision", "Vision"),
    ("organisation", "Organisering"),
    ("local_evaluation", "Lokal evaluering"),
    ("municipal_coherence", "Sammenhæng med den kommunale indsats"),
    ("revision", "Revision af aftalen"),
]
NESTED = [
    ("goals", "Delmål og indikatorer"),
    ("activities", "Aktivitetsskemaer"),
    ("staff", "Medarbejderressourcer"),
    ("housing_areas", "Boligområder og afdelinger"),
    ("focus_areas", "Indsatsområder og problemkomplekser"),
]


class UploadForm(DkfdsForm):
    file = forms.FileField(
        label="Dokument",
        help_text=(
            "Word (DOCX eller DOC), ODT, RTF, PDF, skannet PDF, billede, tekst, Markdown eller HTML. "
            f"Højst {settings.MAX_UPLOAD_BYTES // 1_048_576} MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT, "class": "form-input"}),
        error_messages={
            "required": "Vælg en fil.",
            "empty": "Filen er tom.",
            "invalid": "Filen blev ikke modtaget; prøv igen.",
        },
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > settings.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"Filen er for stor ({upload.size / 1_048_576:.1f} MB); grænsen er "
                f"{settings.MAX_UPLOAD_BYTES // 1_048_576} MB."
            )
        if upload.size == 0:
            raise forms.ValidationError("Filen er tom.")
        return upload


class ReviewForm(forms.Form):
    kind = forms.ChoiceField(label="Slags aftale", choices=AgreementKind.choices)
    focus_area = forms.ChoiceField(label="Indsatsområde", required=False)
    title = forms.CharField(label="Titel", required=False, max_length=500)
    initiative = forms.CharField(label="Navn på indsatsen", required=False, max_length=500)
    period_start = DanishDateField(label="Gælder fra")
    period_end = DanishDateField(label="Gælder til", end_of_month=True)

    def __init__(self, *args: Any, focus_areas: list[str], reading: dict[str, Any], **kw: Any):
        super().__init__(*args, **kw)
        self.reading = reading
        choices = [("", "Intet (strategisk samarbejdsaftale)")] + [(n, n) for n in focus_areas]
        current = reading.get("focus_area")
        if current and current not in focus_areas:  # keep an unknown one visible, as an error
            choices.append((current, current))
        self.fields["focus_area"].choices = choices  # type: ignore[attr-defined]
        for name, label in LINES:
            self.fields[name] = forms.CharField(
                label=label, required=False, widget=forms.Textarea(attrs=TEXTAREA_ATTRS)
            )
        for name, label in TEXTS:
            self.fields[name] = forms.CharField(
                label=label, required=False, widget=forms.Textarea(attrs=TEXTAREA_ATTRS)
            )
        for name, label in NESTED:
            self.fields[f"{name}_json"] = forms.CharField(
                label=f"{label} (JSON)",
                required=False,
                widget=forms.Textarea(
                    attrs={"rows": 14, "class": "form-input app-json", "spellcheck": "false"}
                ),
            )
        if not self.is_bound:
            self.initial = initial_from_reading(reading)
        _dkfds_widgets(self)

    def text_fields(self) -> list[forms.BoundField]:
        """The long-text fields worth showing: those with text, and all of them for a
        strategic agreement (a delaftale has only revision and municipal coherence)."""
        strategic = self.reading.get("kind") == AgreementKind.STRATEGIC
        shown = []
        for name, _label in TEXTS:
            if strategic or self.reading.get(name) or name in ("municipal_coherence", "revision"):
                shown.append(self[name])
        return shown

    def nested_fields(self) -> list[tuple[str, str, forms.BoundField]]:
        strategic = self.reading.get("kind") == AgreementKind.STRATEGIC
        shown = []
        for name, label in NESTED:
            if name in ("housing_areas", "focus_areas") and not (
                strategic or self.reading.get(name)
            ):
                continue
            shown.append((name, label, self[f"{name}_json"]))
        return shown

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name, label in NESTED:
            raw = (data.get(f"{name}_json") or "").strip()
            try:
                value = load_json(raw, what=label) if raw else []
            except DomainError as error:
                self.add_error(f"{name}_json", " ".join(error.messages))
                continue
            if not isinstance(value, list):
                self.add_error(f"{name}_json", f"{label}: skal være en liste ([ … ]).")
                continue
            data[name] = value
        return data

    def document(self) -> dict[str, Any]:
        """The corrected reading in the interchange format (extra keys of the reading kept)."""
        data = self.cleaned_data
        document = {k: v for k, v in self.reading.items() if k not in _EDITED}
        document["kind"] = data["kind"]
        document["period"] = {
            "start": _iso(data.get("period_start")),
            "end": _iso(data.get("period_end")),
        }
        for name in ("focus_area", "title", "initiative"):
            document[name] = (data.get(name) or "").strip() or None
        for name, _label in LINES:
            document[name] = [
                line.strip() for line in (data.get(name) or "").splitlines() if line.strip()
            ]
        for name, _label in TEXTS:
            if name in self.data or self.reading.get(name):
                document[name] = (data.get(name) or "").strip() or None
        for name, _label in NESTED:
            if name in data:
                document[name] = data[name]
        return _without_empty(document)


_EDITED = {"kind", "period", "focus_area", "title", "initiative"} | {
    n for n, _ in LINES + TEXTS + NESTED
}


def _dkfds_widgets(form: forms.Form) -> None:
    """DKFDS classes and ARIA links, as `lib.forms.DkfdsForm` gives them. Done here, after
    the fields are complete, because DkfdsForm validates a bound form inside __init__."""
    for name, field in form.fields.items():
        widget = field.widget
        css = "form-select" if isinstance(widget, forms.Select) else "form-input"
        if css not in widget.attrs.get("class", ""):
            widget.attrs["class"] = (widget.attrs.get("class", "") + " " + css).strip()
        described = [f"id_{name}_hint"] if field.help_text else []
        if form.is_bound and name in form.errors:
            described.append(f"id_{name}_error")
            widget.attrs["aria-invalid"] = "true"
        if described:
            widget.attrs["aria-describedby"] = " ".join(described)


def initial_from_reading(reading: dict[str, Any]) -> dict[str, Any]:
    period = reading.get("period") or {}
    initial: dict[str, Any] = {
        "kind": reading.get("kind"),
        "focus_area": reading.get("focus_area") or "",
        "title": reading.get("title") or "",
        "initiative": reading.get("initiative") or "",
        "period_start": _date(period.get("start")),
        "period_end": _date(period.get("end")),
    }
    for name, _label in LINES:
        initial[name] = "\n".join(reading.get(name) or [])
    for name, _label in TEXTS:
        value = reading.get(name)
        initial[name] = "\n\n".join(value) if isinstance(value, list) else (value or "")
    for name, _label in NESTED:
        initial[f"{name}_json"] = json.dumps(reading.get(name) or [], ensure_ascii=False, indent=2)
    return initial


def _date(value: str | None) -> dt.date | str | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return value


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _without_empty(document: dict[str, Any]) -> dict[str, Any]:
    result = {k: v for k, v in document.items() if v not in (None, "", {})}
    result.setdefault("parties", [])
    result.setdefault("goals", [])
    period = document.get("period") or {}
    result["period"] = {"start": period.get("start"), "end": period.get("end")}
    return result
