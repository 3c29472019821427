"""Local evaluation as data: the forandringsteori per indsatsområde, the activities' process
goals and logbook, and the yearly seminar.

The forandringsteori and the process goals are part of an agreement (the interchange format's
`theory_of_change`, `focus_areas[].theory_of_change` and `activities[].process_goals`): they
change only through `plans.revisions.change_agreement` and travel in the snapshot the board
approves. The logbook and the seminar are records of what happened, like measurements.

The process goals and the logbook name their activity by its identity, `Activity.key`: it is
kept when the activity is renamed, and when the agreement is loaded from a file again (which
rewrites the activity rows, matching them by name; plans.services). The format names an
activity by its name; `evaluation.interchange` translates.

Only aggregates: a logbook session holds counts of participants, never who took part; a seminar
lists roles, never people.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from lib.danish import format_date
from plans.models import Agreement, FocusArea, Indicator, Plan


class Horizon(models.TextChoices):
    OUTPUT = "output", _("Output")
    SHORT = "short", _("Kort sigt")
    MEDIUM = "medium", _("Mellemlang sigt")
    LONG = "long", _("Lang sigt")


HORIZON_ORDER = [h.value for h in Horizon]


class TheoryOfChange(models.Model):
    """The forandringsteori of one indsatsområde in one agreement (a delaftale's own area, or
    one of the strategic agreement's areas)."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="theories")
    focus_area = models.ForeignKey(FocusArea, on_delete=models.PROTECT, related_name="+")
    # Names of the agreement's activities it starts from, in order (the format's `activities`).
    activities = models.JSONField(_("aktiviteter"), default=list, blank=True)
    assumptions = models.JSONField(_("forudsætninger"), default=list, blank=True)
    reviewed = models.DateField(_("senest gennemgået"), null=True, blank=True)
    # The format's optional keys to write even when empty, as the loaded document had them
    # (so a load and an export give the document back unchanged); all of them when made here.
    shown_keys = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("forandringsteori")
        verbose_name_plural = _("forandringsteorier")
        ordering = ["focus_area__order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "focus_area"],
                name="theory_one_per_agreement_and_focus_area",
                violation_error_message="Aftalen har allerede en forandringsteori for indsatsområdet.",
            )
        ]

    def __str__(self) -> str:
        return f"Forandringsteori for {self.focus_area.name}"


class TheoryResult(models.Model):
    """An output, or a result on short, medium or long term."""

    theory = models.ForeignKey(TheoryOfChange, on_delete=models.CASCADE, related_name="results")
    horizon = models.CharField(_("tidshorisont"), max_length=10, choices=Horizon.choices)
    text = models.TextField(_("resultat"))
    order = models.PositiveSmallIntegerField(default=0)
    shown_keys = models.JSONField(default=list, blank=True)  # as TheoryOfChange.shown_keys

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.text


class TheoryResultIndicator(models.Model):
    """An indicator that measures a result: the live indicator while it exists, and its text
    as written (kept when the indicator is not, or no longer, among the agreement's)."""

    result = models.ForeignKey(
        TheoryResult, on_delete=models.CASCADE, related_name="indicator_links"
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    text = models.TextField(_("indikator"))
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.indicator.text if self.indicator is not None else self.text


class Per(models.TextChoices):
    YEAR = "year", _("om året")
    QUARTER = "quarter", _("i kvartalet")
    MONTH = "month", _("om måneden")
    PERIOD = "period", _("i hele perioden")


class ProcessGoal(models.Model):
    """A goal for an activity itself: »6 netværksmøder om året, heraf mindst 1 uden for
    boligområdet«. `condition` names what a session must satisfy to count."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="process_goals")
    activity_key = models.UUIDField(_("aktivitet"))  # Activity.key of the agreement's activity
    text = models.TextField(_("procesmål"))
    target = models.DecimalField(_("mål"), max_digits=10, decimal_places=2, null=True, blank=True)
    per = models.CharField(_("pr."), max_length=10, choices=Per.choices, blank=True, default="")
    condition = models.CharField(_("betingelse"), max_length=300, blank=True, default="")
    order = models.PositiveSmallIntegerField(default=0)
    shown_keys = models.JSONField(default=list, blank=True)  # as TheoryOfChange.shown_keys

    class Meta:
        verbose_name = _("procesmål")
        verbose_name_plural = _("procesmål")
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(target__isnull=True) | Q(target__gte=0),
                name="process_goal_target_not_negative",
                violation_error_message="Et mål kan ikke være negativt.",
            )
        ]

    def __str__(self) -> str:
        return self.text


class Place(models.TextChoices):
    IN_AREA = "in_area", _("I boligområdet")
    OUTSIDE = "outside", _("Uden for boligområdet")


class LogbookSession(models.Model):
    """One time an activity took place, with counts of who came: never names."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="logbook_sessions")
    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="logbook_sessions"
    )
    activity_key = models.UUIDField(_("aktivitet"))  # Activity.key of the agreement's activity
    date = models.DateField(_("dato"))
    theme = models.CharField(_("tema"), max_length=300, blank=True)
    place = models.CharField(_("sted"), max_length=10, choices=Place.choices)
    participants = models.PositiveIntegerField(_("deltagere i alt"))
    new_participants = models.PositiveIntegerField(_("heraf nye i år"), null=True, blank=True)
    # The process goals' conditions this session meets (beyond the place, which is its own
    # field): »om temaerne«, »arrangeret af beboerne«.
    conditions = models.JSONField(_("opfylder"), default=list, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_by_name = models.CharField(_("registreret af"), max_length=200, blank=True)
    recorded_at = models.DateTimeField(_("registreret"), auto_now_add=True)

    class Meta:
        verbose_name = _("aktivitetsgang")
        verbose_name_plural = _("logbog")
        ordering = ["date", "id"]
        indexes = [
            models.Index(fields=["agreement", "activity_key", "date"], name="logbook_activity_date")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(new_participants__isnull=True)
                | Q(new_participants__lte=F("participants")),
                name="logbook_new_within_total",
                violation_error_message="Der kan ikke være flere nye deltagere end deltagere i alt.",
            ),
            models.UniqueConstraint(
                fields=["agreement", "activity_key", "date", "theme"],
                name="logbook_one_session_per_day_and_theme",
                violation_error_message=("Aktiviteten har allerede en gang med det tema den dag."),
            ),
        ]

    def __str__(self) -> str:
        return f"Aktivitetsgang {format_date(self.date)}"


class SessionGroupCount(models.Model):
    """Participants of one target group at one session (a count)."""

    session = models.ForeignKey(LogbookSession, on_delete=models.CASCADE, related_name="groups")
    target_group = models.CharField(_("målgruppe"), max_length=200)
    count = models.PositiveIntegerField(_("antal"))

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "target_group"],
                name="logbook_group_once_per_session",
                violation_error_message="Målgruppen står to gange for samme gang.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.target_group}: {self.count}"


class Seminar(models.Model):
    """The yearly seminar where collected data is used to adjust the activities."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="seminars")
    held_on = models.DateField(_("dato"))
    # Who took part, as roles (»koordinator«, »repræsentant for kommunen«), never people.
    roles = models.JSONField(_("deltagere (roller)"), default=list)
    data_reviewed = models.TextField(_("data, der blev set på"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("seminar")
        verbose_name_plural = _("seminarer")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"Seminar {format_date(self.held_on)}"


class SeminarDecision(models.Model):
    """What the seminar decided; a decision about a delaftale can start its next version, or
    be added to the draft of it the delaftale has (`started_version`, `added_to_draft`)."""

    seminar = models.ForeignKey(Seminar, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField(_("beslutning"))
    agreement = models.ForeignKey(
        Agreement, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The version the decision revises: started by it, or (`added_to_draft`) the draft the
    # delaftale already had when the seminar decided.
    started_version = models.PositiveIntegerField(_("startede version"), null=True, blank=True)
    added_to_draft = models.BooleanField(_("føjet til en kladde"), default=False)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.text
