"""Who may do what: a Membership row per user and role (one module decides: plans.access)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COORDINATOR = "koordinator", _("koordinator")
    BOARD = "bestyrelse", _("bestyrelsesmedlem")
    PARTNER = "partner", _("partner")
    LBF = "lbf", _("LBF-konsulent")
    ADMIN = "admin", _("administrator")
    # Reads every plan whose municipality it is (Membership.municipality), as LBF reads all.
    KOMMUNE = "kommune", _("kommune")


PLAN_ROLES = (Role.COORDINATOR, Role.BOARD, Role.PARTNER)
GLOBAL_ROLES = (Role.LBF, Role.ADMIN)
MUNICIPALITY_ROLES = (Role.KOMMUNE,)


class Membership(models.Model):
    """A user's role: in one plan (koordinator, bestyrelse, partner) or across all (LBF, admin).

    A partner's membership names the organisation it speaks for; it sees the delaftaler where
    that organisation is a party.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    plan = models.ForeignKey(
        "plans.Plan", on_delete=models.CASCADE, null=True, blank=True, related_name="memberships"
    )
    role = models.CharField(_("rolle"), max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        "plans.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
    )
    # A kommune membership: the municipality as plans name it (Plan.municipality).
    municipality = models.CharField(_("kommune"), max_length=100, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("medlemskab")
        verbose_name_plural = _("medlemskaber")
        constraints = [
            models.CheckConstraint(
                condition=(Q(role__in=[Role.LBF, Role.ADMIN, Role.KOMMUNE]) & Q(plan__isnull=True))
                | (
                    Q(role__in=[Role.COORDINATOR, Role.BOARD, Role.PARTNER]) & Q(plan__isnull=False)
                ),
                name="membership_plan_matches_role",
                violation_error_message="Rollen passer ikke til, om medlemskabet gælder én plan eller alle.",
            ),
            models.CheckConstraint(
                condition=~Q(role=Role.PARTNER) | Q(organisation__isnull=False),
                name="membership_partner_has_organisation",
                violation_error_message="En partner skal høre til en organisation.",
            ),
            models.CheckConstraint(
                condition=~Q(role=Role.KOMMUNE) | ~Q(municipality=""),
                name="membership_kommune_has_municipality",
                violation_error_message="En kommunebruger skal høre til en kommune.",
            ),
            models.UniqueConstraint(
                fields=["user", "plan", "role"],
                name="membership_unique_role_per_plan",
                violation_error_message="Brugeren har allerede den rolle i planen.",
            ),
        ]

    def __str__(self) -> str:
        where = self.plan or self.municipality or "alle planer"
        return f"{self.user} · {self.get_role_display()} · {where}"
