"""The upload form and the review of a reading: every part of it as real form fields.

`Review` is the import review page's form: a header form (kind, focus area, title, period,
the long texts) and nested formsets in the interchange format's shape: delmål → indikatorer →
baselines and comparators (`goals-0-indicators-1-baselines-2-text`), parties, activity names,
activity sheets, staff lines, and for a strategic agreement its boligområder → afdelinger and
indsatsområder. Every formset can delete (DELETE) and reorder (ORDER) rows and has an extra
blank row, so the page works without JavaScript; `import.js` adds, removes and moves rows over
each formset's empty form. `Review.document()` puts the interchange dict back together, and
`Review.moved_warnings()` carries the reading's per-field warnings along with moved rows.
Forms parse and check; the loader (`plans.loading`) validates the result and services save.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, ClassVar, cast

from django import forms
from django.forms.formsets import BaseFormSet

from importing.recognisers.checks import check_reading
from lib.danish import format_number
from lib.forms import ITEM, BoundedForm, DanishDateField, DkfdsForm, PeriodFormMixin
from lib.text import fold
from lib.uploads import limit_text, size_problem
from plans import forms as plan_forms
from plans import interchange as ix
from plans.models import AgreementKind, Direction, MeasureRole, ScopeKind, Unit
from plans.parties import organisation_named
from plans.services import guess_scope_kind
from plans.staffline import WEEKS_PER_YEAR, staff_figures

TEXTAREA_ATTRS = {"rows": 4, "class": "form-input"}
ACCEPT = ".docx,.odt,.pdf,.doc,.rtf,.txt,.md,.html,.htm,.png,.jpg,.jpeg,.tif,.tiff"

TEXTS = [
    ("vision", "Vision"),
    ("organisation", "Organisering"),
    ("local_evaluation", "Lokal evaluering"),
    ("municipal_coherence", "Sammenhæng med den kommunale indsats"),
    ("revision", "Revision af aftalen"),
]
STRATEGIC_TEXTS = ("vision", "organisation", "local_evaluation", "revision")
SUB_TEXTS = ("municipal_coherence", "revision")


class UploadForm(DkfdsForm):
    file = forms.FileField(
        label="Dokument",
        help_text=(
            "Word (DOCX eller DOC), ODT, RTF, PDF, skannet PDF, billede, tekst, Markdown eller HTML. "
            f"Højst {limit_text()}."
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
        problem = size_problem(upload.size)  # the one upload check (lib/uploads.py)
        if problem:
            raise forms.ValidationError(problem)
        return upload


MAX_PASTE_CHARS = 200_000


class PasteForm(DkfdsForm):
    """Text pasted from Word or a web page instead of a file: read as a .txt file is."""

    pasted = forms.CharField(
        label="Eller indsæt teksten",
        help_text=(
            "Kopiér aftalen fra Word, en PDF eller en hjemmeside, og indsæt den her. "
            f"Højst {MAX_PASTE_CHARS:_} tegn.".replace("_", ".")
        ),
        max_length=MAX_PASTE_CHARS,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 8, "class": "form-input"}),
        error_messages={
            "required": "Indsæt aftalens tekst.",
            "max_length": (
                f"Teksten er for lang; højst {MAX_PASTE_CHARS:_} tegn kan indsættes. "
                "Indsæt kun selve aftalen, eller upload den som fil.".replace("_", ".")
            ),
        },
    )

    def clean_pasted(self) -> str:
        text: str = self.cleaned_data["pasted"]
        if not text.strip():
            raise forms.ValidationError("Indsæt aftalens tekst.")
        return text


# -- widgets and ARIA for prefixed forms ------------------------------------------------------


def _dkfds(form: forms.Form) -> None:
    """DKFDS classes and ARIA links by each field's own (prefixed) id. `DkfdsForm` links
    `id_NAME_hint`, which is wrong once a formset prefixes the ids; this sets them afresh."""
    for name, field in form.fields.items():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            classes = [c for c in widget.attrs.get("class", "").split() if c != "form-checkbox"]
            widget.attrs["class"] = " ".join(["form-checkbox", *classes])
        else:
            css = "form-select" if isinstance(widget, forms.Select) else "form-input"
            classes = widget.attrs.get("class", "").split()
            classes = [c for c in classes if c not in ("form-input", "form-select")] + [css]
            widget.attrs["class"] = " ".join(classes)
        auto_id = form[name].auto_id
        described = [f"{auto_id}_hint"] if field.help_text else []
        errors = getattr(form, "_errors", None)  # set once validated; never validate here
        if form.is_bound and errors is not None and name in errors:
            described.append(f"{auto_id}_error")
            widget.attrs["aria-invalid"] = "true"
        if described:
            widget.attrs["aria-describedby"] = " ".join(described)
        else:
            widget.attrs.pop("aria-describedby", None)


class ReviewFields(BoundedForm):
    """Review forms: DKFDS widgets with prefixed ARIA ids; its place in the reading."""

    path = ""  # "goals.0.indicators.1": where the row stood in the reading
    warnings: list[str]
    children: list[RowSet]

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.warnings = []
        self.children = []
        _dkfds(self)

    def full_clean(self) -> None:
        super().full_clean()
        _dkfds(self)


class Row(ReviewFields):
    """One row of a review formset: `initial_of` reads an interchange item into initial
    values, `item` writes the cleaned row back as one."""

    @classmethod
    def initial_of(cls, item: dict[str, Any]) -> dict[str, Any]:
        return {name: item.get(name) for name in cls.base_fields if item.get(name) is not None}

    def item(self) -> dict[str, Any]:
        data = self.cleaned_data
        result: dict[str, Any] = {}
        for name in self.fields:
            if name in ("DELETE", "ORDER"):
                continue
            value = _plain(data.get(name))
            if value not in (None, "", []):
                result[name] = value
        return result

    def text_changed(self, name: str = "text") -> bool:
        """Whether the reviewer typed in `name` (a new row, or the written text edited)."""
        return not self.initial or name in self.changed_data


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, str):
        return value.strip()
    return value


def _lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _joined(value: Any) -> str:
    if isinstance(value, list):
        return "\n\n".join(str(v) for v in value)
    return value or ""


def _textarea(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows, "class": "form-input"})


class LineRow(Row):
    """A row that is one line of text in the reading (an activity's name)."""

    name = forms.CharField(label="Linje", max_length=500)

    @classmethod
    def initial_of(cls, item: Any) -> dict[str, Any]:
        return {"name": item}

    def item(self) -> Any:
        return self.cleaned_data["name"].strip()


NEW_ORGANISATION = "Ny organisation ud fra partens navn"


class PartyRow(LineRow):
    """A party as written, and the plan organisation it is linked to: preselected as saving
    would link it (`plans.parties`), the reviewer may pick another of the plan's."""

    name = forms.CharField(label="Part", max_length=500)
    organisation = forms.ChoiceField(
        label="Planens organisation", choices=[("", NEW_ORGANISATION)], required=False
    )

    def __init__(self, *args: Any, organisations: Iterable[str] = (), **kwargs: Any):
        super().__init__(*args, **kwargs)
        names = list(organisations)
        if not names:
            del self.fields["organisation"]
            return
        self.fields["organisation"].choices = [("", NEW_ORGANISATION)] + [  # type: ignore[attr-defined]
            (n, n) for n in names
        ]
        _dkfds(self)

    @classmethod
    def initial_of(cls, item: Any) -> dict[str, Any]:
        if isinstance(item, dict):
            return {"name": item.get("name"), "organisation": item.get("organisation") or ""}
        return {"name": item}

    def chosen_organisation(self) -> str | None:
        if "organisation" not in self.fields:
            return None
        return self.cleaned_data.get("organisation") or None


class ActivityNameRow(LineRow):
    name = forms.CharField(label="Aktivitet", max_length=500)


class GoalRow(Row, plan_forms.GoalForm):
    # the bound of the plan's own form (`plans.forms.GoalForm`): `lib.forms.ITEM`
    text = forms.CharField(
        label="Delmål",
        max_length=ITEM,
        widget=_textarea(2),
    )


class IndicatorRow(Row, plan_forms.IndicatorForm):
    text = forms.CharField(
        label="Indikator",
        max_length=ITEM,
        widget=_textarea(2),
    )
    unit = forms.ChoiceField(
        label="Enhed",
        choices=[("", "Ikke angivet")] + list(Unit.choices),
        required=False,
        help_text="Ikke angivet betyder, at en gemt indikator beholder sin enhed.",
    )
    direction = forms.ChoiceField(
        label="Retning",
        choices=[("", "Ikke angivet")] + list(Direction.choices),
        required=False,
        help_text="Ikke angivet betyder, at en gemt indikator beholder sin retning.",
    )


class MeasureRow(Row, plan_forms.MeasureForm):
    role_name: ClassVar[str] = MeasureRole.BASELINE
    text = forms.CharField(label="Som skrevet", max_length=1000)
    scope_kind = forms.ChoiceField(
        label="Omfang",
        choices=[("", "Gættes ved gem")] + list(ScopeKind.choices),
        required=False,
    )
    scope = forms.CharField(
        label="Gælder for",
        max_length=300,
        required=False,
        help_text="Fx »Afd. 4« eller »Lilleby Kommune«; tom for hele området.",
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        del self.fields["role"]

    @classmethod
    def initial_of(cls, item: dict[str, Any]) -> dict[str, Any]:
        initial = super().initial_of(item)
        # the reading's scope kind, or the guess saving would make: shown either way
        initial["scope_kind"] = (
            item.get("scope_kind")
            or item.get(SAVED_KIND)
            or guess_scope_kind(item.get("scope"), cls.role_name)
        )
        # a kind read or saved is written back; only a guess is left for saving to make
        initial["scope_kind_read"] = bool(item.get("scope_kind") or item.get(SAVED_KIND))
        return initial

    def item(self) -> dict[str, Any]:
        result = super().item()
        # A guess nobody changed stays a guess: saving guesses again from the final scope.
        if not self.initial.get("scope_kind_read") and "scope_kind" not in self.changed_data:
            result.pop("scope_kind", None)
        return result

    def clean(self) -> dict[str, Any]:
        # Numbers are read from the written text only when the reviewer wrote it; a reading's
        # own numbers (or their absence) are kept as read.
        if self.text_changed():
            return super().clean()
        return forms.Form.clean(self) or {}


class ComparatorRow(MeasureRow):
    role_name = MeasureRole.COMPARATOR


class ActivityRow(Row):
    name = forms.CharField(label="Aktivitetsnavn", max_length=500)
    purpose = forms.CharField(label="Formål", widget=_textarea(), required=False)
    target_groups = forms.CharField(label="Målgruppe(r)", widget=_textarea(), required=False)
    content = forms.CharField(label="Indhold og praksis", widget=_textarea(4), required=False)
    responsibilities = forms.CharField(
        label="Ansvars- og rollefordeling", widget=_textarea(), required=False
    )
    goals = forms.CharField(
        label="Aktivitetens egne mål",
        widget=_textarea(),
        required=False,
        help_text="Ét mål pr. linje. »Delmål 2« knytter aktiviteten til aftalens delmål 2.",
    )

    @classmethod
    def initial_of(cls, item: dict[str, Any]) -> dict[str, Any]:
        initial = {name: _joined(item.get(name)) for name in cls.base_fields if name != "goals"}
        initial["goals"] = "\n".join(item.get("goals") or [])
        return initial

    def item(self) -> dict[str, Any]:
        result = super().item()
        result["goals"] = _lines(self.cleaned_data.get("goals"))
        return result


class StaffRow(Row, plan_forms.StaffForm):
    text = forms.CharField(
        label="Som skrevet",
        max_length=1000,
        help_text="Fx »Boligsocial medarbejder, 37 timer/uge« eller »Klubben 300 t/år«.",
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        for name in ("organisation", "funded_by"):  # not in the interchange format
            del self.fields[name]
        figures = staff_figures(str(self["text"].value() or ""))
        if figures.weekly_hours is not None:
            # the document states hours a week; the hours a year are the product's sum
            hint = (
                f"Beregnet: {format_number(figures.weekly_hours)} timer/uge × "
                f"{WEEKS_PER_YEAR} uger. Dokumentet nævner ikke timer om året; ret tallet, "
                "hvis det ikke passer."
            )
            self.fields["hours_per_year"].help_text = hint
            self["hours_per_year"].help_text = hint  # the bound field may be made already
        _dkfds(self)

    def clean(self) -> dict[str, Any]:
        if self.text_changed():
            return super().clean()
        return forms.Form.clean(self) or {}


class DepartmentRow(Row):
    number = forms.CharField(label="Afdeling", max_length=20)
    organisation = forms.CharField(label="Boligorganisation", max_length=300, required=False)

    @classmethod
    def initial_of(cls, item: dict[str, Any]) -> dict[str, Any]:
        return {"number": str(item.get("number") or ""), "organisation": item.get("organisation")}


class HousingAreaRow(Row):
    name = forms.CharField(label="Boligområde", max_length=200)


class FocusSectionRow(Row):
    name = forms.ChoiceField(label="Indsatsområde", choices=())
    problem_complex = forms.CharField(label="Problemkompleks", widget=_textarea(4), required=False)

    def __init__(self, *args: Any, focus_areas: list[str], **kwargs: Any):
        super().__init__(*args, **kwargs)
        choices = [("", "Vælg")] + [(n, n) for n in focus_areas]
        current = self.initial.get("name")
        if current and current not in focus_areas:  # keep an unknown one visible, as an error
            choices.append((current, current))
        self.fields["name"].choices = choices  # type: ignore[attr-defined]

    @classmethod
    def initial_of(cls, item: dict[str, Any]) -> dict[str, Any]:
        return {"name": item.get("name"), "problem_complex": _joined(item.get("problem_complex"))}


# -- nested formsets -----------------------------------------------------------------------


@dataclass(frozen=True)
class Level:
    """One kind of row: its interchange key, form, labels, row template and nested levels."""

    key: str
    form: type[Row]
    label: str
    add_label: str
    template: str
    children: tuple[Level, ...] = ()
    plural: str = ""

    @property
    def placeholder(self) -> str:
        # one per level, so a row template inside a row template keeps its own placeholder
        return f"__{self.key}__"


MEASURES = (
    Level("baselines", MeasureRow, "Baseline", "Tilføj baseline", "measure", plural="Baselines"),
    Level(
        "comparators",
        ComparatorRow,
        "Anden baseline",
        "Tilføj anden baseline",
        "measure",
        plural="Anden baseline (fx kommunen)",
    ),
)
INDICATORS = Level(
    "indicators", IndicatorRow, "Indikator", "Tilføj indikator", "indicator", MEASURES
)
GOALS = Level("goals", GoalRow, "Delmål", "Tilføj delmål", "goal", (INDICATORS,))
PARTIES = Level("parties", PartyRow, "Part", "Tilføj part", "line")
ACTIVITY_NAMES = Level("activity_names", ActivityNameRow, "Aktivitet", "Tilføj aktivitet", "line")
ACTIVITIES = Level(
    "activities", ActivityRow, "Aktivitetsskema", "Tilføj aktivitetsskema", "activity"
)
STAFF = Level("staff", StaffRow, "Medarbejder", "Tilføj medarbejder", "staff")
DEPARTMENTS = Level(
    "departments", DepartmentRow, "Afdeling", "Tilføj afdeling", "department", plural="Afdelinger"
)
HOUSING_AREAS = Level(
    "housing_areas", HousingAreaRow, "Boligområde", "Tilføj boligområde", "housing_area",
    (DEPARTMENTS,),
)  # fmt: skip
FOCUS_SECTIONS = Level(
    "focus_areas", FocusSectionRow, "Indsatsområde", "Tilføj indsatsområde", "focus_section"
)


@dataclass(frozen=True)
class Section:
    level: Level
    title: str
    hint: str = ""
    strategic: bool = True  # shown for a strategic agreement
    sub: bool = True  # shown for a delaftale


SECTIONS = (
    Section(PARTIES, "Parter"),
    Section(HOUSING_AREAS, "Boligområder og afdelinger", sub=False),
    Section(FOCUS_SECTIONS, "Indsatsområder og problemkomplekser", sub=False),
    Section(GOALS, "Mål og indikatorer"),
    Section(
        ACTIVITY_NAMES, "Aktiviteter", "Listen over aktiviteter i delaftalen.", strategic=False
    ),
    Section(ACTIVITIES, "Aktivitetsskemaer", strategic=False),
    Section(STAFF, "Medarbejderressourcer", strategic=False),
)


class RowSet(BaseFormSet):
    """A review formset: knows its level, its path in the reading and its rows' children."""

    level: Level
    path: str
    title = ""
    hint = ""
    warnings: list[str]
    empty_warnings: list[str]  # those of `warnings` that say the section is empty

    @property
    def empty_form(self) -> Any:
        form = self.form(
            auto_id=self.auto_id,
            prefix=self.add_prefix(self.level.placeholder),
            empty_permitted=True,
            use_required_attribute=False,
            **self.get_form_kwargs(None),
            renderer=self.form_renderer,  # type: ignore[attr-defined]
        )
        self.add_fields(form, None)
        form.path = ""
        form.children = [
            _rowset(child, prefix=f"{form.prefix}-{child.key}", data=None, items=[], path="",
                    warning_fields={}, form_kwargs=self.form_kwargs, extra=0)
            for child in self.level.children
        ]  # fmt: skip
        return form

    def add_fields(self, form: Any, index: int | None) -> None:
        super().add_fields(form, index)
        if "ORDER" in form.fields:
            form.fields["ORDER"].label = "Plads"
            form.fields["ORDER"].widget.attrs.update({"class": "form-input app-row-order"})
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = "Fjern"
            form.fields["DELETE"].widget.attrs.update({"class": "form-checkbox app-row-delete"})

    def rows(self) -> list[tuple[Any, bool, int]]:
        """The forms with whether each is a blank extra row (hidden once JS can add rows) and
        its index. Shown again after an error, they stand in the order the reviewer gave
        (their typed Plads, as `used` reads it), not the order they were first read in."""
        rows = [(form, self._is_blank(i, form), i) for i, form in enumerate(self.forms)]
        if not self.is_bound:
            return rows

        def key(row: tuple[Any, bool, int]) -> tuple[bool, int, int]:
            form, blank, index = row
            typed = str(form["ORDER"].value() or "").strip() if "ORDER" in form.fields else ""
            return (blank or not typed.isdigit(), int(typed) if typed.isdigit() else 0, index)

        return sorted(rows, key=key)

    def deleted(self, form: Any) -> bool:
        """Whether the reviewer removed the row (its Fjern box); the form must be cleaned."""
        return bool(self._should_delete_form(form))  # type: ignore[attr-defined]

    def _is_blank(self, index: int, form: Any) -> bool:
        return index >= self.initial_form_count() and not (self.is_bound and touched(form))

    def used(self) -> list[Any]:
        """The rows that count, in the order the reviewer gave: not removed, not blank."""
        kept = []
        for index, form in enumerate(self.forms):
            if self.is_bound and self.deleted(form):
                continue
            if index >= self.initial_form_count() and not touched(form):
                continue
            kept.append((index, form))

        def key(pair: tuple[int, Any]) -> tuple[int, int, int]:
            index, form = pair
            order = form.cleaned_data.get("ORDER") if hasattr(form, "cleaned_data") else None
            return (order is None, order or 0, index)

        return [form for _index, form in sorted(kept, key=key)]


def touched(form: Any) -> bool:
    """Whether the reviewer typed in the row or any row nested in it."""
    return form.has_changed() or any(touched(f) for child in form.children for f in child.forms)


def _rowset(
    level: Level,
    *,
    prefix: str,
    data: Any,
    items: list[Any],
    path: str,
    warning_fields: dict[str, list[str]],
    form_kwargs: dict[str, Any],
    extra: int = 1,
) -> RowSet:
    factory = forms.formset_factory(
        level.form,
        formset=RowSet,
        extra=extra,
        can_delete=True,
        can_order=True,
        max_num=500,
        absolute_max=500,
    )
    rowset = cast(
        RowSet,
        factory(
            data,
            prefix=prefix,
            initial=[level.form.initial_of(item) for item in items],
            form_kwargs=form_kwargs,
        ),
    )
    rowset.level = level
    rowset.path = path
    rowset.warnings = list(warning_fields.get(path, []))
    for index, form in enumerate(rowset.forms):
        form.path = f"{path}.{index}"
        form.warnings = list(warning_fields.get(form.path, []))
        _field_notes(form, warning_fields)
        item = items[index] if index < len(items) and isinstance(items[index], dict) else {}
        form.children = [
            _rowset(
                child,
                prefix=f"{form.prefix}-{child.key}",
                data=data,
                items=item.get(child.key) or [],
                path=f"{form.path}.{child.key}",
                warning_fields=warning_fields,
                form_kwargs=form_kwargs,
                extra=extra,
            )
            for child in level.children
        ]
        if data is not None and index >= rowset.initial_form_count() and touched(form):
            # a new row the reviewer only filled lower down still needs its own fields
            form.empty_permitted = False
    return rowset


def _field_notes(form: Any, warning_fields: dict[str, list[str]]) -> None:
    """A note the reading keeps for one field of the row (at `<row path>.<field>`: a guessed
    direction, `importing.kept_parts`) is shown as that field's hint, until the reviewer
    changes the field."""
    noted = False
    for name, field in form.fields.items():
        notes = warning_fields.get(f"{form.path}.{name}")
        if notes and not (form.is_bound and name in form.changed_data):
            field.help_text = " ".join(notes)
            form[name].help_text = field.help_text  # the bound field may be made already
            noted = True
    if noted:
        _dkfds(form)


def changed_field_paths(rowsets: Iterable[RowSet]) -> set[str]:
    """`<row path>.<field>` of every field the reviewer changed in a read row."""
    found: set[str] = set()
    for rowset in rowsets:
        for form in rowset.forms:
            if form.path and form.is_bound:
                found |= {f"{form.path}.{name}" for name in form.changed_data}
            found |= changed_field_paths(form.children)
    return found


def _live(rowset: RowSet) -> list[Any]:
    """The rows validated with their nested rows: not removed, and read or typed in."""
    return [
        form
        for index, form in enumerate(rowset.forms)
        if not (hasattr(form, "cleaned_data") and rowset.deleted(form))
        and (index < rowset.initial_form_count() or touched(form))
    ]


def _valid(rowset: RowSet) -> bool:
    ok = rowset.is_valid()
    for form in _live(rowset):
        for child in form.children:
            ok = _valid(child) and ok
    return ok


def _fix(field: forms.BoundField, where: str = "") -> str:
    """What the error summary asks for a field: »Ret »Gælder fra««, and for a checkbox
    »Sæt kryds ved »…««."""
    verb = "Sæt kryds ved" if isinstance(field.field.widget, forms.CheckboxInput) else "Ret"
    return f"{verb} »{where}{field.label}«"


def _errors(rowset: RowSet, where: str) -> Iterator[tuple[str, str, str]]:
    """(anchor id, what to do, message) for every error in the rowset and its rows."""
    for error in rowset.non_form_errors():
        yield (f"rows-{rowset.prefix}", f"Ret »{where}«", str(error))
    shown = [form for form, _blank, _index in rowset.rows()]  # the order on the page
    for form in _live(rowset):
        number = shown.index(form) + 1
        label = f"{where}, {rowset.level.label.lower()} {number}"
        for name, errors in form.errors.items():
            if name in form.fields:
                anchor, fix = form[name].auto_id, _fix(form[name], f"{label}, ")
            else:
                anchor, fix = f"row-{form.prefix}", f"Ret »{label}«"
            for error in errors:
                yield (anchor, fix, error)
        for child in form.children:
            yield from _errors(child, label)


def _items(rowset: RowSet, new_path: str, moves: dict[str, str]) -> list[Any]:
    result = []
    for index, form in enumerate(rowset.used()):
        item = form.item()
        at = f"{new_path}.{index}"
        moves[form.path] = at
        if isinstance(item, dict):
            for child in form.children:
                item[child.level.key] = _items(child, f"{at}.{child.level.key}", moves)
        result.append(item)
    return result


# -- the whole review ----------------------------------------------------------------------


class HeaderForm(PeriodFormMixin, ReviewFields):
    kind = forms.ChoiceField(label="Slags aftale", choices=AgreementKind.choices)
    focus_area = forms.ChoiceField(label="Indsatsområde", required=False)
    title = forms.CharField(label="Titel", required=False, max_length=300)
    initiative = forms.CharField(label="Navn på indsatsen", required=False, max_length=300)
    period_start = DanishDateField(label="Gælder fra")
    period_end = DanishDateField(label="Gælder til", end_of_month=True)
    vision = forms.CharField(
        label="Vision", required=False, widget=forms.Textarea(attrs=TEXTAREA_ATTRS)
    )
    organisation = forms.CharField(
        label="Organisering", required=False, widget=forms.Textarea(attrs=TEXTAREA_ATTRS)
    )
    local_evaluation = forms.CharField(
        label="Lokal evaluering", required=False, widget=forms.Textarea(attrs=TEXTAREA_ATTRS)
    )
    municipal_coherence = forms.CharField(
        label="Sammenhæng med den kommunale indsats",
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA_ATTRS),
    )
    revision = forms.CharField(
        label="Revision af aftalen", required=False, widget=forms.Textarea(attrs=TEXTAREA_ATTRS)
    )
    other_plan_checked = forms.BooleanField(
        label="Jeg har kontrolleret det: dokumentet hører til denne plan",
        required=False,
    )  # fmt: skip

    def __init__(self, *args: Any, focus_areas: list[str], reading: dict[str, Any], **kw: Any):
        super().__init__(*args, **kw)
        choices = [("", "Intet (strategisk samarbejdsaftale)")] + [(n, n) for n in focus_areas]
        current = reading.get("focus_area")
        if current and current not in focus_areas:  # keep an unknown one visible, as an error
            choices.append((current, current))
        self.fields["focus_area"].choices = choices  # type: ignore[attr-defined]
        _dkfds(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("kind") == AgreementKind.SUB and not data.get("focus_area"):
            self.add_error("focus_area", "En delaftale skal have et indsatsområde.")
        return data


def header_initial(reading: dict[str, Any]) -> dict[str, Any]:
    period = reading.get("period") or {}
    initial: dict[str, Any] = {
        "kind": reading.get("kind"),
        "focus_area": reading.get("focus_area") or "",
        "title": reading.get("title") or "",
        "initiative": reading.get("initiative") or "",
        "period_start": _date(period.get("start")),
        "period_end": _date(period.get("end")),
    }
    for name, _label in TEXTS:
        initial[name] = _joined(reading.get(name))
    return initial


class Review:
    """The review of one reading: the header form and one nested formset per section.

    Which sections and long texts are shown depends on the stored reading (its kind and what
    it holds), never on the posted data, so a POST is read with the same formsets the page
    showed. `other_plan` lists the warnings that the document may be another plan's; with
    any, confirming needs the reviewer's tick.
    """

    def __init__(
        self,
        data: Any = None,
        *,
        reading: dict[str, Any],
        focus_areas: list[str],
        warning_fields: dict[str, list[str]] | None = None,
        other_plan: Iterable[str] = (),
        saved_scope_kinds: dict[tuple[str, str, str], str] | None = None,
        organisations: Iterable[str] = (),
        saved_party_organisations: dict[str, str] | None = None,
    ):
        self.reading = reading
        # the plan's organisations, offered for each party (`PartyRow`), and the saved
        # agreement's links by folded party name (`importing.saving.saved_party_organisations`)
        self.organisations = list(organisations)
        self.data = data
        self.warning_fields = warning_fields or {}
        self.other_plan = list(other_plan)
        self.extra_warnings: dict[str, list[str]] = {}
        self.header = HeaderForm(
            data,
            initial=header_initial(reading),
            focus_areas=focus_areas,
            reading=reading,
        )
        self._attach_header_warnings()
        self.strategic = reading.get("kind") == AgreementKind.STRATEGIC
        for_forms = _with_saved_kinds(reading, saved_scope_kinds or {})
        self.sections: list[RowSet] = []
        for section in SECTIONS:
            shown = section.strategic if self.strategic else section.sub
            if not (shown or reading.get(section.level.key)):
                continue
            form_kwargs: dict[str, Any] = {}
            items = list(for_forms.get(section.level.key) or [])
            if section.level.form is FocusSectionRow:
                form_kwargs = {"focus_areas": focus_areas}
            elif section.level.form is PartyRow:
                form_kwargs = {"organisations": self.organisations}
                items = _parties_with_organisations(
                    reading, self.organisations, saved_party_organisations or {}
                )
            rowset = _rowset(
                section.level,
                prefix=section.level.key,
                data=data,
                items=items,
                path=section.level.key,
                warning_fields=self.warning_fields,
                form_kwargs=form_kwargs,
            )
            rowset.title, rowset.hint = section.title, section.hint
            self.sections.append(rowset)
        # The section's warnings that say it is empty: the page's script hides them as soon
        # as the reviewer adds a row (saving or »Opdatér visningen« drops them for good).
        empty = _empty_part_warnings(reading) if self.sections else set()
        for rowset in self.sections:
            rowset.empty_warnings = [w for w in rowset.warnings if w in empty]

    # -- what the page shows --------------------------------------------------------------
    def text_names(self) -> list[str]:
        """The long texts worth showing: those of the kind, and any the reading has."""
        names = STRATEGIC_TEXTS if self.strategic else SUB_TEXTS
        return [name for name, _label in TEXTS if name in names or self.reading.get(name)]

    def text_fields(self) -> list[forms.BoundField]:
        return [self.header[name] for name in self.text_names()]

    def field_warnings(self, name: str) -> list[str]:
        return list(self.warning_fields.get(name, [])) + self.extra_warnings.get(name, [])

    def _attach_header_warnings(self) -> None:
        """Each header field carries its warnings (`field.warnings`, shown above it); the
        period's stand on its first date. Those the reviewer has answered are left out."""
        answered = self.answered_warnings()
        for name, field in self.header.fields.items():
            warnings = self.field_warnings("period" if name == "period_start" else name)
            field.warnings = [w for w in warnings if w not in answered]  # type: ignore[attr-defined]

    def answered_warnings(self) -> set[str]:
        """The reading's warnings that a part of the header was not found (or is empty) which
        the posted form now holds a value for: answered by the reviewer, so no longer shown,
        also when the form has another error (review R11)."""
        if not self.header.is_bound:
            return set()
        data = self.header.data

        def filled(name: str) -> bool:
            return bool(str(data.get(self.header.add_prefix(name)) or "").strip())

        answered = [path for path, names in _HEADER_PARTS.items() if all(map(filled, names))]
        if not answered:
            return set()
        empty = _empty_part_warnings(self.reading)
        return {w for path in answered for w in self.field_warnings(path) if w in empty}

    def placed_warnings(self) -> set[str]:
        """The messages the page shows beside a field or row (the rest go at the top)."""
        paths = {"period", "title", "initiative", "focus_area", "kind", "parties"}
        paths |= {name for name, _label in TEXTS}

        def walk(rowset: RowSet) -> Iterator[str]:
            yield rowset.path
            for form in rowset.forms:
                yield form.path
                for child in form.children:
                    yield from walk(child)

        for rowset in self.sections:
            paths |= set(walk(rowset))
        return {m for path in paths for m in self.warning_fields.get(path, [])}

    def top_warnings(self) -> list[str]:
        hidden = self.placed_warnings() | self.answered_warnings()
        return [w for w in self.reading.get("warnings") or [] if w not in hidden]

    # -- validating and rebuilding --------------------------------------------------------
    def is_valid(self) -> bool:
        ok = self.header.is_valid()
        for rowset in self.sections:
            ok = _valid(rowset) and ok
        return ok

    def show_other_plan(self, found: Iterable[Any]) -> None:
        """Show the signs of another plan (`importing.consistency.Mismatch`) beside their
        fields and at the top; from now on confirming needs the reviewer's tick."""
        self.other_plan = []
        for mismatch in found:
            self.other_plan.append(mismatch.message)
            self.extra_warnings.setdefault(mismatch.path, []).append(mismatch.message)
            for rowset in self.sections:
                if rowset.path == mismatch.path:
                    rowset.warnings.append(mismatch.message)
        self._attach_header_warnings()

    def other_plan_accepted(self) -> bool:
        """Whether saving may go ahead despite signs of another plan; adds the error if not."""
        if not self.other_plan or self.header.cleaned_data.get("other_plan_checked"):
            return True
        self.header.add_error(
            "other_plan_checked",
            "Dokumentet ser ud til at høre til en anden plan. Kontrollér det, og sæt kryds, "
            "hvis det alligevel skal gemmes i denne plan.",
        )
        return False

    def errors(self) -> list[tuple[str, str, str]]:
        """(anchor id, what to do, message) for the summary at the top of the page: »Ret
        »Gælder fra«« for a field, »Sæt kryds ved »…«« for a checkbox."""
        found: list[tuple[str, str, str]] = []
        if not self.header.is_bound:
            return found
        for error in self.header.non_field_errors():
            found.append(("review-form", "Aftalen", str(error)))
        for name, errors in self.header.errors.items():
            if name in self.header.fields:
                for error in errors:
                    found.append((self.header[name].auto_id, _fix(self.header[name]), str(error)))
        for rowset in self.sections:
            found += list(_errors(rowset, rowset.title))
        return found

    def _rebuild(self) -> tuple[dict[str, Any], dict[str, str]]:
        data = self.header.cleaned_data
        document = {k: v for k, v in self.reading.items() if k not in _EDITED}
        document["kind"] = data["kind"]
        document["period"] = {
            "start": _iso(data.get("period_start")),
            "end": _iso(data.get("period_end")),
        }
        for name in ("focus_area", "title", "initiative"):
            document[name] = (data.get(name) or "").strip() or None
        for name, _label in TEXTS:
            if name in self.text_names():
                document[name] = (data.get(name) or "").strip() or None
        moves: dict[str, str] = {}
        for rowset in self.sections:
            document[rowset.level.key] = _items(rowset, rowset.level.key, moves)
            if rowset.level.form is PartyRow:
                document.update(_party_links(rowset))
        return _without_empty(document), moves

    def with_posted_parties(self, document: dict[str, Any]) -> dict[str, Any]:
        """`document` with the parties as the reviewer corrected them on the posted form
        (and the organisation chosen for each), where the party rows are valid: what the
        »another plan« check reads when the form has an error elsewhere. A copy."""
        result = dict(document)
        for rowset in self.sections:
            if rowset.level.form is PartyRow and rowset.is_bound and _valid(rowset):
                result.pop(PARTY_ORGANISATIONS, None)
                result[rowset.level.key] = [form.item() for form in rowset.used()]
                result.update(_party_links(rowset))
        return result

    def document(self) -> dict[str, Any]:
        """The corrected reading in the interchange format (extra keys of the reading kept),
        without the warnings about parts that were empty and now are filled in."""
        document = self._rebuild()[0]
        resolved = self._resolved(document)
        if resolved and document.get("warnings"):
            document["warnings"] = [w for w in document["warnings"] if w not in resolved]
        return document

    def _resolved(self, document: dict[str, Any]) -> set[str]:
        """The reading's warnings about an empty part (no staff, no parties, a delmål without
        indicators, …) that `document` no longer gives: the reviewer filled the part in."""
        return _empty_part_warnings(self.reading) - _empty_part_warnings(document)

    def moved_warnings(self) -> dict[str, list[str]]:
        """The per-field warnings at the rows' new places (those of removed rows dropped, and
        those about an empty part the reviewer has filled in)."""
        document, moves = self._rebuild()
        resolved = self._resolved(document)
        # a field's note (a guess) is answered once the reviewer has set the field
        answered = changed_field_paths(self.sections)
        result: dict[str, list[str]] = {}
        for path, messages in self.warning_fields.items():
            if path in answered:
                continue
            new = _moved(path, moves)
            if new is None:
                continue
            at = result.setdefault(new, [])
            at.extend(m for m in messages if m not in at and m not in resolved)
        return {path: messages for path, messages in result.items() if messages}


SAVED_KIND = "_saved_scope_kind"
PARTY_ORGANISATIONS = "party_organisations"  # beside `parties` (plans.interchange)


def _party_links(rowset: RowSet) -> dict[str, Any]:
    """The organisation chosen for each of the valid party rows (`PARTY_ORGANISATIONS`: an
    entry per party, None for »Ny organisation«; saving follows these choices), where the
    rows offer the plan's organisations; else nothing."""
    used = rowset.used()
    if not any("organisation" in form.fields for form in used):
        return {}
    return {PARTY_ORGANISATIONS: [form.chosen_organisation() for form in used]}


def _parties_with_organisations(
    reading: dict[str, Any], organisations: list[str], saved: dict[str, str]
) -> list[Any]:
    """The reading's parties for the form, each with its organisation: the one chosen before
    (an earlier »Opdatér visningen«), else the one the saved party of the same name is
    linked to (`saved`: folded name → organisation), else the one the party names
    (`plans.parties`)."""
    parties = list(reading.get("parties") or [])
    if not organisations:
        return parties
    chosen = reading.get(PARTY_ORGANISATIONS)
    chosen = chosen if isinstance(chosen, list) else []
    items = []
    for index, party in enumerate(parties):
        picked = chosen[index] if index < len(chosen) else saved.get(fold(str(party)))
        if picked not in organisations:
            picked = organisation_named(str(party), organisations, name=str)
        items.append({"name": party, "organisation": picked or ""})
    return items


# The header's parts by their path in the reading, each with the fields that hold it: a
# warning that the part was not found is answered once all of them are filled in.
_HEADER_PARTS: dict[str, tuple[str, ...]] = {
    "period": ("period_start", "period_end"),
    "focus_area": ("focus_area",),
    "title": ("title",),
    "initiative": ("initiative",),
    **{name: (name,) for name, _label in TEXTS},
}
# Every section `check_reading` may have found, so its warnings of both kinds are produced.
_ALL_SECTIONS = {"parties", "period", "initiative", "staff"}


def _empty_part_warnings(document: dict[str, Any]) -> set[str]:
    """The importer's own "this part is empty" warnings (`check_reading`) that `document`
    gives, whichever of the template's sections the original had; none for a document that
    is not valid interchange (its errors are shown instead)."""
    found: set[str] = set()
    for sections in (_ALL_SECTIONS, set()):
        try:
            agreement = ix.Agreement.from_dict({**document, "warnings": []})
        except ix.InterchangeError:
            return set()
        check_reading(agreement, sections)
        found |= set(agreement.warnings)
    return found


def _with_saved_kinds(
    reading: dict[str, Any], saved: dict[tuple[str, str, str], str]
) -> dict[str, Any]:
    """The reading with each figure that has no scope kind marked with the one the saved
    agreement has for the same indicator, role and scope (what saving keeps), for display.
    A copy: the reading itself is not changed, and the mark never reaches the document."""
    if not saved:
        return reading
    goals = []
    for goal in reading.get("goals") or []:
        indicators = []
        for indicator in goal.get("indicators") or []:
            copy = dict(indicator)
            for key, role in (("baselines", "baseline"), ("comparators", "comparator")):
                copy[key] = [
                    m
                    if m.get("scope_kind")
                    or (fold(indicator.get("text")), role, m.get("scope") or "") not in saved
                    else {
                        **m,
                        SAVED_KIND: saved[
                            (fold(indicator.get("text")), role, m.get("scope") or "")
                        ],
                    }
                    for m in indicator.get(key) or []
                ]
            indicators.append(copy)
        goals.append({**goal, "indicators": indicators})
    return {**reading, "goals": goals}


def _moved(path: str, moves: dict[str, str]) -> str | None:
    """`path` after the move: the longest moved row it lies in, else unchanged; None for a
    path inside a removed row."""
    parts = path.split(".")
    for cut in range(len(parts), 0, -1):
        head = ".".join(parts[:cut])
        if head in moves:
            return ".".join([moves[head], *parts[cut:]])
        if cut % 2 == 0 and parts[cut - 1].isdigit():  # a row that is gone
            return None
    return path


_EDITED = (
    {"kind", "period", "focus_area", "title", "initiative", PARTY_ORGANISATIONS}
    | {n for n, _ in TEXTS}
    | {s.level.key for s in SECTIONS}
)


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


def review_post_data(review: Review) -> dict[str, str]:
    """What a browser posts for an unchanged review page: every field's shown value and each
    formset's management form (for tests and for keeping a page's values)."""
    data: dict[str, str] = {}

    def put(form: forms.Form) -> None:
        for name, field in form.fields.items():
            bound = form[name]
            value = bound.value()
            if isinstance(field.widget, forms.CheckboxInput):
                if value:
                    data[bound.html_name] = "on"
                continue
            value = field.prepare_value(value) if hasattr(field, "prepare_value") else value
            data[bound.html_name] = "" if value is None else str(value)

    def walk(rowset: RowSet) -> None:
        put(rowset.management_form)
        for form in rowset.forms:
            put(form)
            for child in form.children:
                walk(child)

    put(review.header)
    for rowset in review.sections:
        walk(rowset)
    return data
