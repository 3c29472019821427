"""The yearly follow-up as data: measurements, narratives, board meetings, archived documents.

Measurements are append-only (STYLE.md §7): a correction is a new row that names the row it
replaces (`supersedes`) and says why; the current value of a key is the row nobody supersedes.
Every row keeps who recorded it and when. Only aggregates are stored (counts, shares, their
denominators): never anything about a resident.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from plans.models import Goal, Indicator, Plan, ScopeKind, SurveySample


class PeriodKind(models.TextChoices):
    YEAR = "year", _("år")
    HALF_YEAR = "half_year", _("halvår")
    SURVEY_WAVE = "survey_wave", _("surveybølge")


class MeasurementQuerySet(models.QuerySet["Measurement"]):
    def current(self) -> MeasurementQuerySet:
        """Rows that no correction replaces: one per indicator, scope and period."""
        return self.filter(superseded_by__isnull=True)


class Measurement(SurveySample):
    """A value of an indicator for one scope and one period, as written and as numbers."""

    # Denormalised from indicator.goal.agreement.plan so a plan's values are one indexed read.
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="measurements")
    # PROTECT: the database itself refuses to delete an indicator that has measurements.
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="measurements")
    scope_kind = models.CharField(
        _("omfang"), max_length=20, choices=ScopeKind.choices, default=ScopeKind.WHOLE
    )
    scope = models.CharField(_("gælder for"), max_length=300, blank=True, default="")
    period_kind = models.CharField(
        _("periode"), max_length=12, choices=PeriodKind.choices, default=PeriodKind.YEAR
    )
    year = models.PositiveSmallIntegerField(_("år"))
    # 0 for a whole year or a survey wave, 1 or 2 for a half-year (no NULL in the unique key).
    half = models.PositiveSmallIntegerField(_("halvår"), default=0)
    survey = models.CharField(_("survey"), max_length=200, blank=True, default="")
    text = models.CharField(_("som skrevet"), max_length=1000)
    count = models.DecimalField(_("antal"), max_digits=14, decimal_places=2, null=True, blank=True)
    percent = models.DecimalField(
        _("procent"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    denominator = models.DecimalField(
        _("ud af"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    # Confirmed by the person who recorded it: the period lies outside the plan's own period.
    outside_plan_period = models.BooleanField(_("uden for planperioden"), default=False)
    source = models.CharField(_("kilde"), max_length=500, blank=True)
    note = models.TextField(_("note"), blank=True)
    supersedes = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
        verbose_name=_("retter"),
    )
    reason = models.TextField(_("begrundelse for rettelse"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_by_name = models.CharField(_("registreret af"), max_length=200, blank=True)
    recorded_at = models.DateTimeField(_("registreret"), auto_now_add=True)

    objects = MeasurementQuerySet.as_manager()

    class Meta:
        verbose_name = _("måling")
        verbose_name_plural = _("målinger")
        ordering = ["indicator", "scope_kind", "scope", "year", "half", "id"]
        indexes = [
            models.Index(fields=["plan", "indicator"], name="measurement_plan_indicator"),
            # the portfolio's »values recorded for the year«: an indicator's values from a
            # year on, sought per indicator (portfolio.selectors)
            models.Index(fields=["indicator", "year"], name="measurement_indicator_year"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "indicator",
                    "scope_kind",
                    "scope",
                    "period_kind",
                    "year",
                    "half",
                    "survey",
                ],
                condition=Q(supersedes__isnull=True),
                name="measurement_one_first_value_per_key",
                violation_error_message=(
                    "Indikatoren har allerede en værdi for dette omfang og denne periode; "
                    "ret den i stedet."
                ),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1990, year__lte=2100),
                name="measurement_year_plausible",
                violation_error_message="Året skal ligge mellem 1990 og 2100.",
            ),
            models.CheckConstraint(
                condition=(Q(period_kind="half_year") & Q(half__in=[1, 2]))
                | (~Q(period_kind="half_year") & Q(half=0)),
                name="measurement_half_matches_period",
                violation_error_message="Et halvår skal være 1. eller 2. halvår.",
            ),
            models.CheckConstraint(
                condition=~Q(period_kind="survey_wave") | ~Q(survey=""),
                name="measurement_survey_wave_named",
                violation_error_message="En surveybølge skal have surveyens navn.",
            ),
            models.CheckConstraint(
                condition=Q(percent__isnull=True) | Q(percent__gte=0, percent__lte=100),
                name="measurement_percent_between_0_and_100",
                violation_error_message="En procentdel skal ligge mellem 0 og 100.",
            ),
            models.CheckConstraint(
                condition=Q(count__isnull=True) | Q(count__gte=0),
                name="measurement_count_not_negative",
                violation_error_message="Et antal kan ikke være negativt.",
            ),
            models.CheckConstraint(
                condition=Q(count__isnull=True)
                | Q(denominator__isnull=True)
                | Q(count__lte=F("denominator")),
                name="measurement_count_within_denominator",
                violation_error_message="Antallet kan ikke være større end det, det er ud af.",
            ),
            models.CheckConstraint(
                condition=Q(count__isnull=False) | Q(percent__isnull=False),
                name="measurement_has_a_number",
                violation_error_message="Skriv et antal eller en procent.",
            ),
            models.CheckConstraint(
                condition=Q(supersedes__isnull=True) | ~Q(reason=""),
                name="measurement_correction_has_reason",
                violation_error_message="En rettelse skal have en begrundelse.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.scope or self.get_scope_kind_display()} {self.year}"


class GoalNarrative(models.Model):
    """The koordinator's short text on a goal for one year's follow-up."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="narratives")
    year = models.PositiveSmallIntegerField(_("år"))
    text = models.TextField(_("fortælling"))
    written_by_name = models.CharField(_("skrevet af"), max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("fortælling om mål")
        verbose_name_plural = _("fortællinger om mål")
        constraints = [
            models.UniqueConstraint(
                fields=["goal", "year"],
                name="goalnarrative_one_per_goal_and_year",
                violation_error_message="Målet har allerede en tekst for dette år.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.goal_id} {self.year}"


class FollowUpDocument(models.Model):
    """An archived copy of a year's follow-up document, as the board received it."""

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "DOCX"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="followup_documents")
    year = models.PositiveSmallIntegerField(_("år"))
    format = models.CharField(_("format"), max_length=5, choices=Format.choices)
    content = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    generated_by_name = models.CharField(_("dannet af"), max_length=200, blank=True)
    generated_at = models.DateTimeField(_("dannet"), auto_now_add=True)

    class Meta:
        verbose_name = _("arkiveret opfølgningsdokument")
        verbose_name_plural = _("arkiverede opfølgningsdokumenter")
        ordering = ["-generated_at", "-id"]

    def __str__(self) -> str:
        return f"{self.plan_id} {self.year} {self.format}"

    @property
    def filename(self) -> str:
        return f"aarlig-opfoelgning-{self.plan.slug}-{self.year}-{self.pk}.{self.format}"


class BoardMeeting(models.Model):
    """The board's follow-up meeting for a year; recording it closes that year's follow-up."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="board_meetings")
    year = models.PositiveSmallIntegerField(_("opfølgningsår"))
    held_on = models.DateField(_("mødedato"))
    attendees = models.TextField(_("deltagere"))
    decisions = models.TextField(_("beslutninger"))
    documents = models.ManyToManyField(
        FollowUpDocument, blank=True, related_name="meetings", verbose_name=_("dokumenter")
    )
    # Said by the koordinator when the year had no archived documents: the board was shown
    # nothing from the product (an oral review, papers made elsewhere). The auditor's statement
    # says so instead of an unexplained »no documents« (`services.board_meeting_record`).
    without_documents = models.BooleanField(
        _("bestyrelsen fik ingen arkiverede dokumenter"), default=False
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_by_name = models.CharField(_("registreret af"), max_length=200, blank=True)
    recorded_at = models.DateTimeField(_("registreret"), auto_now_add=True)

    class Meta:
        verbose_name = _("bestyrelsesmøde om opfølgning")
        verbose_name_plural = _("bestyrelsesmøder om opfølgning")
        ordering = ["-year", "-held_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "year"],
                name="boardmeeting_one_per_plan_and_year",
                violation_error_message="Årets opfølgning er allerede afsluttet med et møde.",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1990, year__lte=2100),
                name="boardmeeting_year_plausible",
                violation_error_message="Året skal ligge mellem 1990 og 2100.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan} {self.year}"
