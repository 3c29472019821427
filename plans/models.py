"""The agreement chain as data (DOMAIN.md, "The chain").

Plan → strategic agreement and delaftaler → goals (overall goals / delmål) → indicators →
baselines and comparators; activities and staff hang off each agreement. The funding
period's rules (its focus areas, LBF's fixed goals and indicators) are data, loaded by a
migration. Invariants are named database constraints; the services in `plans.services`
validate before they save, so a violation reaches the database only through a bug.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class FundingPeriod(models.Model):
    """A bevillingsperiode, e.g. the 2019-26 funds, with its own focus areas and fixed goals.

    Loaded from a data file (`plans/periods/*.json`, `helhedsplan load-period FILE`) in the
    format of `plans/periods/funding-period.schema.json`; `plans.periods.load_period` is the
    one loader. `source` keeps the file's keys that have no column of their own.
    """

    code = models.CharField(_("kode"), max_length=20, unique=True)
    name = models.CharField(_("navn"), max_length=200)
    start = models.DateField(_("første dag"), null=True, blank=True)
    end = models.DateField(_("sidste dag"), null=True, blank=True)
    required_attachments = models.JSONField(_("krævede bilag"), default=list, blank=True)
    revision_interval_months = models.PositiveSmallIntegerField(
        _("revision senest efter (måneder)"), null=True, blank=True
    )
    strategic_changes_need_lbf = models.BooleanField(
        _("ændringer i den strategiske aftale kræver LBF's godkendelse"), null=True, blank=True
    )
    source = models.JSONField(_("øvrige oplysninger fra datafilen"), default=dict, blank=True)

    class Meta:
        verbose_name = _("bevillingsperiode")
        verbose_name_plural = _("bevillingsperioder")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class FocusArea(models.Model):
    """An indsatsområde of a funding period, with LBF's overall goal for it."""

    funding_period = models.ForeignKey(
        FundingPeriod, on_delete=models.PROTECT, related_name="focus_areas"
    )
    name = models.CharField(_("navn"), max_length=200)
    purpose = models.TextField(_("formål"), blank=True)
    # Other spellings documents use for the area ("Kriminalitetsforebyggende indsats").
    aliases = models.JSONField(_("andre stavemåder"), default=list, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("indsatsområde")
        verbose_name_plural = _("indsatsområder")
        ordering = ["funding_period", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["funding_period", "name"],
                name="focusarea_unique_name_per_period",
                violation_error_message="Indsatsområdet findes allerede i bevillingsperioden.",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Unit(models.TextChoices):
    PERCENT = "percent", _("procent")
    COUNT = "count", _("antal")
    OTHER = "other", _("andet")


class Direction(models.TextChoices):
    MORE = "more", _("mere er bedre")
    LESS = "less", _("mindre er bedre")
    HOLD = "hold", _("niveauet fastholdes")


class LbfGoal(models.Model):
    """One of LBF's fixed overall goals for a funding period (seed 002, section 5)."""

    funding_period = models.ForeignKey(
        FundingPeriod, on_delete=models.PROTECT, related_name="lbf_goals"
    )
    focus_area = models.ForeignKey(FocusArea, on_delete=models.PROTECT, related_name="lbf_goals")
    text = models.TextField(_("overordnet mål"))
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("fast overordnet mål")
        verbose_name_plural = _("faste overordnede mål")
        ordering = ["funding_period", "order"]

    def __str__(self) -> str:
        return self.text


class LbfIndicator(models.Model):
    """One of LBF's fixed indicators under a fixed overall goal."""

    goal = models.ForeignKey(LbfGoal, on_delete=models.PROTECT, related_name="indicators")
    text = models.TextField(_("indikator"))
    data_source = models.CharField(_("datakilde"), max_length=200)
    unit = models.CharField(_("enhed"), max_length=10, choices=Unit.choices, default=Unit.PERCENT)
    direction = models.CharField(
        _("retning"), max_length=10, choices=Direction.choices, default=Direction.MORE
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("fast indikator")
        verbose_name_plural = _("faste indikatorer")
        ordering = ["goal", "order"]

    def __str__(self) -> str:
        return self.text


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("under udarbejdelse")
    ACTIVE = "active", _("aktiv")
    ENDED = "ended", _("afsluttet")


class PlanQuerySet(models.QuerySet["Plan"]):
    def visible_to(self, user: object) -> models.QuerySet[Plan]:
        from plans.access import plans_visible_to

        return plans_visible_to(user, self)


class Plan(models.Model):
    """A boligsocial helhedsplan: the partnership and its LBF case."""

    name = models.CharField(_("navn"), max_length=200)
    slug = models.SlugField(_("kortnavn"), max_length=80, unique=True)
    lbf_case_number = models.CharField(_("LBF-sagsnummer"), max_length=50, blank=True)
    municipality = models.CharField(_("kommune"), max_length=100, blank=True)
    funding_period = models.ForeignKey(
        FundingPeriod,
        on_delete=models.PROTECT,
        related_name="plans",
        verbose_name=_("bevillingsperiode"),
    )
    period_start = models.DateField(_("periode fra"), null=True, blank=True)
    period_end = models.DateField(_("periode til"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.ACTIVE
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("helhedsplan")
        verbose_name_plural = _("helhedsplaner")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_start__isnull=True)
                | Q(period_end__isnull=True)
                | Q(period_start__lte=F("period_end")),
                name="plan_period_start_before_end",
                violation_error_message="Perioden skal begynde før den slutter.",
            )
        ]

    def __str__(self) -> str:
        return self.name


class OrganisationKind(models.TextChoices):
    HOUSING = "housing", _("boligorganisation")
    MUNICIPALITY = "municipality", _("kommune")
    POLICE = "police", _("politi")
    ASSOCIATION = "association", _("forening")
    OTHER = "other", _("anden")


class Organisation(models.Model):
    """A party to the plan: housing organisation, municipality, police, association, other."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="organisations")
    name = models.CharField(_("navn"), max_length=300)
    kind = models.CharField(
        _("type"), max_length=20, choices=OrganisationKind.choices, default=OrganisationKind.OTHER
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "name"],
                name="organisation_unique_name",
                violation_error_message="Planen har allerede en organisation med det navn.",
            )
        ]

    def __str__(self) -> str:
        return self.name


class HousingArea(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="housing_areas")
    name = models.CharField(_("navn"), max_length=200)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("boligområde")
        verbose_name_plural = _("boligområder")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "name"],
                name="housingarea_unique_name",
                violation_error_message="Planen har allerede et boligområde med det navn.",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Department(models.Model):
    """A numbered afdeling of a housing area, owned by a housing organisation."""

    housing_area = models.ForeignKey(
        HousingArea, on_delete=models.CASCADE, related_name="departments"
    )
    number = models.CharField(_("afdelingsnummer"), max_length=20)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="departments",
        verbose_name=_("boligorganisation"),
    )
    # The housing organisation as the agreement names it ("FOB"), beside the linked row.
    organisation_text = models.CharField(
        _("boligorganisation som skrevet"), max_length=300, blank=True
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("afdeling")
        verbose_name_plural = _("afdelinger")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["housing_area", "number", "organisation"],
                name="department_unique_number",
                violation_error_message="Boligområdet har allerede den afdeling.",
            )
        ]

    def __str__(self) -> str:
        return f"Afd. {self.number}"


class AgreementKind(models.TextChoices):
    STRATEGIC = "strategisk_samarbejdsaftale", _("strategisk samarbejdsaftale")
    SUB = "delaftale", _("delaftale")


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("kladde")
    SUBMITTED = "submitted", _("sendt til bestyrelsen")
    AWAITING_LBF = "awaiting_lbf", _("godkendt af bestyrelsen, afventer Landsbyggefonden")
    APPROVED = "approved", _("godkendt")


class AgreementQuerySet(models.QuerySet["Agreement"]):
    def current(self) -> AgreementQuerySet:
        return self.filter(is_current=True)

    def with_chain(self) -> AgreementQuerySet:
        """Everything the plan page shows, in a fixed number of queries."""
        from plans.selectors import CHAIN_PREFETCH

        return self.select_related("focus_area", "plan__funding_period").prefetch_related(
            *CHAIN_PREFETCH
        )


class Agreement(models.Model):
    """A strategisk samarbejdsaftale or a delaftale of a plan."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="agreements")
    kind = models.CharField(_("type"), max_length=40, choices=AgreementKind.choices)
    focus_area = models.ForeignKey(
        FocusArea,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agreements",
        verbose_name=_("indsatsområde"),
    )
    title = models.CharField(_("titel"), max_length=300, blank=True)
    initiative = models.CharField(_("navn på indsatsen"), max_length=300, blank=True)
    period_start = models.DateField(_("gælder fra"), null=True, blank=True)
    period_end = models.DateField(_("gælder til"), null=True, blank=True)
    vision = models.TextField(_("vision"), blank=True)
    organisation = models.TextField(_("organisering"), blank=True)
    interplay = models.TextField(_("samspil med andre indsatser"), blank=True)
    local_evaluation = models.TextField(_("lokal evaluering"), blank=True)
    municipal_coherence = models.TextField(_("sammenhæng med den kommunale indsats"), blank=True)
    revision_text = models.TextField(_("revision"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT
    )
    is_current = models.BooleanField(_("gældende"), default=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    # Goes up with every saved change; forms carry the value they were shown so a second
    # editor's save is refused instead of silently overwriting the first (plans.revisions).
    edit_seq = models.PositiveIntegerField(default=0)
    approved_on = models.DateField(_("godkendt den"), null=True, blank=True)
    # Set when the plan moved on to a new funding period (plans.transition): the agreement
    # belongs to this earlier period, stays readable and complete, and is never edited again.
    closed_period = models.ForeignKey(
        FundingPeriod,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("afsluttet bevillingsperiode"),
    )
    # Extra keys of the interchange format that have no column (kept so a round trip keeps them).
    extra = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        verbose_name = _("aftale")
        verbose_name_plural = _("aftaler")
        ordering = ["kind", "focus_area__order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_start__isnull=True)
                | Q(period_end__isnull=True)
                | Q(period_start__lte=F("period_end")),
                name="agreement_period_start_before_end",
                violation_error_message="Aftalens periode skal begynde før den slutter.",
            ),
            models.CheckConstraint(
                condition=~Q(kind=AgreementKind.SUB) | Q(focus_area__isnull=False),
                name="agreement_subagreement_has_focus_area",
                violation_error_message="En delaftale skal have et indsatsområde.",
            ),
            models.UniqueConstraint(
                fields=["plan", "focus_area"],
                condition=Q(kind=AgreementKind.SUB, is_current=True),
                name="agreement_one_current_subagreement_per_focus_area",
                violation_error_message="Planen har allerede en gældende delaftale for dette indsatsområde.",
            ),
            models.UniqueConstraint(
                fields=["plan"],
                condition=Q(kind=AgreementKind.STRATEGIC, is_current=True),
                name="agreement_one_current_strategic_per_plan",
                violation_error_message="Planen har allerede en gældende strategisk samarbejdsaftale.",
            ),
        ]

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        if self.title:
            return self.title
        if self.kind == AgreementKind.SUB and self.focus_area_id:
            return f"Delaftale: {self.focus_area}"
        return str(AgreementKind(self.kind).label).capitalize()

    @property
    def is_strategic(self) -> bool:
        return self.kind == AgreementKind.STRATEGIC


class AgreementParty(models.Model):
    """A party to an agreement as written, with its signature when signed."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="parties")
    name = models.CharField(_("part"), max_length=500)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    signed_date = models.DateField(_("underskrevet dato"), null=True, blank=True)
    signed_by = models.CharField(_("underskrevet af"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("part")
        verbose_name_plural = _("parter")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name


class FocusAreaSection(models.Model):
    """A focus area chosen in the strategic agreement, with its problem complex."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="focus_area_sections"
    )
    focus_area = models.ForeignKey(FocusArea, on_delete=models.PROTECT, related_name="+")
    problem_complex = models.TextField(_("problemkompleks"), blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("indsatsområde i aftalen")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "focus_area"],
                name="focusareasection_unique",
                violation_error_message="Indsatsområdet er allerede valgt i aftalen.",
            )
        ]

    def __str__(self) -> str:
        return str(self.focus_area)


class Goal(models.Model):
    """An overall goal (strategic agreement) or a delmål (delaftale)."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="goals")
    text = models.TextField(_("mål"))
    lbf_goal = models.ForeignKey(
        LbfGoal,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Sat når målet er et af Landsbyggefondens faste overordnede mål."),
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("mål")
        verbose_name_plural = _("mål")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.text

    @property
    def is_fixed(self) -> bool:
        return self.lbf_goal_id is not None


class Indicator(models.Model):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="indicators")
    text = models.TextField(_("indikator"))
    unit = models.CharField(_("enhed"), max_length=10, choices=Unit.choices, default=Unit.PERCENT)
    direction = models.CharField(
        _("retning"), max_length=10, choices=Direction.choices, default=Direction.MORE
    )
    data_source = models.CharField(_("datakilde"), max_length=500, blank=True)
    baseline_year = models.PositiveSmallIntegerField(_("baseline år"), null=True, blank=True)
    lbf_indicator = models.ForeignKey(
        LbfIndicator, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The same indicator in the plan's previous funding period (plans.transition): its values
    # and this one's are one series, drawn across the period boundary.
    continues = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="continued_by",
        verbose_name=_("fortsætter indikatoren"),
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("indikator")
        verbose_name_plural = _("indikatorer")
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(baseline_year__isnull=True)
                | Q(baseline_year__gte=1990, baseline_year__lte=2100),
                name="indicator_baseline_year_plausible",
                violation_error_message="Baseline år skal ligge mellem 1990 og 2100.",
            )
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def is_fixed(self) -> bool:
        return self.lbf_indicator_id is not None

    @property
    def baselines(self) -> list[Measure]:
        return [m for m in self.measures.all() if m.role == MeasureRole.BASELINE]

    @property
    def comparators(self) -> list[Measure]:
        return [m for m in self.measures.all() if m.role == MeasureRole.COMPARATOR]


class MeasureRole(models.TextChoices):
    BASELINE = "baseline", _("baseline")
    COMPARATOR = "comparator", _("anden baseline")


class ScopeKind(models.TextChoices):
    WHOLE = "whole", _("hele området / målgruppen")
    DEPARTMENT = "department", _("afdeling")
    HOUSING_AREA = "housing_area", _("boligområde")
    TARGET_GROUP = "target_group", _("målgruppe eller spørgsmål")
    MUNICIPALITY = "municipality", _("kommune")
    ALL_PLANS = "all_plans", _("alle helhedsplaner")
    NATIONAL = "national", _("landsplan")


class SurveySample(models.Model):
    """A figure from a survey (evaluation, issue 10): the wave within its series, the
    question, how many were asked and answered, and whether the figure is weighted. A baseline
    (Measure) and a measured value (followup.Measurement) carry the same sample."""

    survey_wave = models.CharField(_("bølge"), max_length=100, blank=True, default="")
    survey_question = models.TextField(_("spørgsmål"), blank=True, default="")
    survey_invited = models.PositiveIntegerField(_("inviterede"), null=True, blank=True)
    survey_respondents = models.PositiveIntegerField(_("svarpersoner"), null=True, blank=True)
    survey_weighted = models.BooleanField(_("vægtet"), default=False)

    class Meta:
        abstract = True


class Measure(SurveySample):
    """A baseline or comparator figure: the text as written and the numbers read from it."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="measures")
    role = models.CharField(_("type"), max_length=12, choices=MeasureRole.choices)
    scope_kind = models.CharField(
        _("omfang"), max_length=20, choices=ScopeKind.choices, default=ScopeKind.WHOLE
    )
    scope = models.CharField(_("gælder for"), max_length=300, null=True, blank=True)
    text = models.CharField(_("som skrevet"), max_length=1000)
    count = models.DecimalField(_("antal"), max_digits=14, decimal_places=2, null=True, blank=True)
    percent = models.DecimalField(
        _("procent"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    denominator = models.DecimalField(
        _("ud af"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    year = models.PositiveSmallIntegerField(_("år"), null=True, blank=True)
    # A baseline proposed from the latest measured value when the plan moved into a new
    # funding period; the koordinator confirms it at the grant date (plans.transition).
    proposed = models.BooleanField(_("forslag, ikke bekræftet"), default=False)
    # A baseline from a survey (evaluation, issue 10): its series; the sample in SurveySample.
    survey_series = models.CharField(_("undersøgelse"), max_length=200, blank=True, default="")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("baseline")
        verbose_name_plural = _("baselines")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "role", "scope", "year"],
                name="measure_unique_per_indicator_scope_year",
                violation_error_message="Indikatoren har allerede en baseline for dette omfang og år.",
            ),
            models.CheckConstraint(
                condition=Q(percent__isnull=True) | Q(percent__gte=0, percent__lte=100),
                name="measure_percent_between_0_and_100",
                violation_error_message="En procentdel skal ligge mellem 0 og 100.",
            ),
            models.CheckConstraint(
                condition=Q(count__isnull=True) | Q(count__gte=0),
                name="measure_count_not_negative",
                violation_error_message="Et antal kan ikke være negativt.",
            ),
        ]

    def __str__(self) -> str:
        return self.text


class Activity(models.Model):
    """An activity of a delaftale: a line in its list, its sheet (skema), or both."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="activities")
    # The activity's identity within its agreement: kept when it is renamed, and when the
    # agreement is loaded from a file again (matched by name). The local evaluation's process
    # goals and logbook name their activity by it (evaluation.models).
    key = models.UUIDField(default=uuid.uuid4, editable=False)
    name = models.CharField(_("aktivitetsnavn"), max_length=500)
    in_list = models.BooleanField(_("står i aktivitetslisten"), default=True)
    has_sheet = models.BooleanField(_("har aktivitetsskema"), default=False)
    list_order = models.PositiveSmallIntegerField(default=0)
    order = models.PositiveSmallIntegerField(default=0)
    purpose = models.TextField(_("formål"), blank=True)
    own_goals = models.JSONField(_("aktivitetens egne mål"), default=list, blank=True)
    target_groups = models.TextField(_("målgruppe(r)"), blank=True)
    content = models.TextField(_("indhold og praksis"), blank=True)
    responsibilities = models.TextField(_("ansvars- og rollefordeling"), blank=True)
    partners = models.TextField(_("involverede parter"), blank=True)
    linked_goals = models.ManyToManyField(
        Goal, blank=True, related_name="activities", verbose_name=_("bidrager til delmål")
    )

    class Meta:
        verbose_name = _("aktivitet")
        verbose_name_plural = _("aktiviteter")
        ordering = ["order", "list_order", "id"]

    def __str__(self) -> str:
        return self.name


class StaffResource(models.Model):
    """A line of medarbejderressourcer: a role with a share of a position or hours a year."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="staff")
    text = models.CharField(_("som skrevet"), max_length=1000)
    role = models.CharField(_("rolle"), max_length=300, blank=True)
    organisation = models.CharField(_("organisation"), max_length=300, blank=True)
    share_percent = models.DecimalField(
        _("andel af stilling (%)"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    hours_per_year = models.DecimalField(
        _("timer om året"), max_digits=8, decimal_places=1, null=True, blank=True
    )
    funded_by = models.CharField(_("finansieret af"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("medarbejderressource")
        verbose_name_plural = _("medarbejderressourcer")
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(share_percent__isnull=True)
                | Q(share_percent__gte=0, share_percent__lte=100),
                name="staff_share_between_0_and_100",
                violation_error_message="Andelen af en stilling skal ligge mellem 0 og 100 %.",
            ),
            models.CheckConstraint(
                condition=Q(hours_per_year__isnull=True) | Q(hours_per_year__gte=0),
                name="staff_hours_not_negative",
                violation_error_message="Timetallet kan ikke være negativt.",
            ),
        ]

    def __str__(self) -> str:
        return self.text


class RevisionStatus(models.TextChoices):
    SUBMITTED = "submitted", _("sendt til bestyrelsen")
    RETURNED = "returned", _("sendt retur")
    AWAITING_LBF = "awaiting_lbf", _("godkendt af bestyrelsen, afventer Landsbyggefonden")
    APPROVED = "approved", _("godkendt")


class AgreementRevision(models.Model):
    """A submitted version of an agreement: an immutable snapshot in the interchange format.

    The board approves it (date, meeting reference) or returns it with a note; a strategic
    agreement also needs Landsbyggefonden's approval. An approved revision never changes.
    """

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField(_("version"))
    snapshot = models.JSONField(_("indhold"))
    status = models.CharField(
        _("status"), max_length=20, choices=RevisionStatus.choices, default=RevisionStatus.SUBMITTED
    )
    reason = models.TextField(_("begrundelse"), blank=True)
    submitted_by = models.ForeignKey(
        "auth.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("indsendt"))
    decided_by = models.ForeignKey(
        "auth.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("besluttet"), null=True, blank=True)
    meeting_date = models.DateField(_("mødedato"), null=True, blank=True)
    meeting_reference = models.CharField(_("mødereference"), max_length=300, blank=True)
    decision_note = models.TextField(_("bemærkning"), blank=True)
    lbf_approved_on = models.DateField(_("godkendt af LBF den"), null=True, blank=True)
    lbf_reference = models.CharField(_("LBF's reference"), max_length=300, blank=True)
    approved_on = models.DateField(_("gældende godkendelsesdato"), null=True, blank=True)

    class Meta:
        verbose_name = _("version")
        verbose_name_plural = _("versioner")
        ordering = ["agreement", "-version", "-submitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "version"],
                condition=Q(status=RevisionStatus.APPROVED),
                name="revision_one_approved_per_version",
                violation_error_message="Versionen er allerede godkendt.",
            ),
            models.CheckConstraint(
                condition=~Q(status=RevisionStatus.APPROVED) | Q(approved_on__isnull=False),
                name="revision_approved_has_date",
                violation_error_message="En godkendt version skal have en godkendelsesdato.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agreement} v{self.version}"


class AuditEntry(models.Model):
    """Who changed what in a plan, when and why. Written by services, never edited."""

    # None for a change across plans (a funding period, a role across plans).
    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, null=True, blank=True, related_name="audit_entries"
    )
    agreement = models.ForeignKey(
        Agreement, on_delete=models.SET_NULL, null=True, blank=True, related_name="audit_entries"
    )
    agreement_label = models.CharField(max_length=300, blank=True)
    user = models.ForeignKey(
        "auth.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    user_label = models.CharField(max_length=300, blank=True)
    at = models.DateTimeField(_("tidspunkt"))
    action = models.CharField(_("handling"), max_length=300)
    reason = models.TextField(_("begrundelse"), blank=True)
    seq = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("logpost")
        verbose_name_plural = _("ændringslog")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["plan", "-at"], name="audit_plan_at")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user_label}: {self.action}"


class PeriodTransition(models.Model):
    """A plan's move from one funding period into the next (plans.transition).

    The earlier period's agreements keep their rows (`Agreement.closed_period`), read-only;
    the new period's agreements start as drafts. `mapping` keeps how each old indsatsområde
    was carried over (its new area's name, or "" when it was not), `not_carried` what could
    not be carried over, in Danish.
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="period_transitions")
    from_period = models.ForeignKey(
        FundingPeriod, on_delete=models.PROTECT, related_name="+", verbose_name=_("fra")
    )
    to_period = models.ForeignKey(
        FundingPeriod, on_delete=models.PROTECT, related_name="+", verbose_name=_("til")
    )
    grant_date = models.DateField(_("bevillingsdato"))
    previous_start = models.DateField(_("tidligere periode fra"), null=True, blank=True)
    previous_end = models.DateField(_("tidligere periode til"), null=True, blank=True)
    mapping = models.JSONField(_("indsatsområder overført"), default=dict, blank=True)
    not_carried = models.JSONField(_("ikke overført"), default=list, blank=True)
    made_by = models.ForeignKey(
        "auth.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    made_by_name = models.CharField(_("foretaget af"), max_length=200, blank=True)
    made_at = models.DateTimeField(_("foretaget"))
    baseline_confirmed_on = models.DateField(_("baseline bekræftet pr."), null=True, blank=True)
    baseline_confirmed_by_name = models.CharField(
        _("baseline bekræftet af"), max_length=200, blank=True
    )

    class Meta:
        verbose_name = _("skift af bevillingsperiode")
        verbose_name_plural = _("skift af bevillingsperiode")
        ordering = ["plan", "made_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "from_period"],
                name="periodtransition_once_per_period",
                violation_error_message="Planen har allerede forladt denne bevillingsperiode.",
            ),
            models.CheckConstraint(
                condition=~Q(from_period=F("to_period")),
                name="periodtransition_to_another_period",
                violation_error_message="Vælg en anden bevillingsperiode end den nuværende.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan}: {self.from_period_id} → {self.to_period_id}"
