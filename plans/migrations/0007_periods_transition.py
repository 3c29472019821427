"""Moving a plan into a new funding period (plans.transition): the earlier period's agreements
keep their rows, closed (`Agreement.closed_period`); an indicator that continues names the one
it continues; a baseline proposed from the latest value is marked until it is confirmed; one
PeriodTransition row per move. The bundled period files are loaded again (2019-26's last day
is now 2031-12-31: four-year plans, with 2026 money carried into 2027)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def reload_periods(apps, schema_editor):
    from plans.periods import load_bundled_periods

    load_bundled_periods(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0006_house_audit_across_plans"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="agreement",
            name="closed_period",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="plans.fundingperiod",
                verbose_name="afsluttet bevillingsperiode",
            ),
        ),
        migrations.AddField(
            model_name="indicator",
            name="continues",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="continued_by",
                to="plans.indicator",
                verbose_name="fortsætter indikatoren",
            ),
        ),
        migrations.AddField(
            model_name="measure",
            name="proposed",
            field=models.BooleanField(default=False, verbose_name="forslag, ikke bekræftet"),
        ),
        migrations.CreateModel(
            name="PeriodTransition",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("grant_date", models.DateField(verbose_name="bevillingsdato")),
                (
                    "previous_start",
                    models.DateField(blank=True, null=True, verbose_name="tidligere periode fra"),
                ),
                (
                    "previous_end",
                    models.DateField(blank=True, null=True, verbose_name="tidligere periode til"),
                ),
                (
                    "mapping",
                    models.JSONField(
                        blank=True, default=dict, verbose_name="indsatsområder overført"
                    ),
                ),
                (
                    "not_carried",
                    models.JSONField(blank=True, default=list, verbose_name="ikke overført"),
                ),
                (
                    "made_by_name",
                    models.CharField(blank=True, max_length=200, verbose_name="foretaget af"),
                ),
                ("made_at", models.DateTimeField(verbose_name="foretaget")),
                (
                    "baseline_confirmed_on",
                    models.DateField(blank=True, null=True, verbose_name="baseline bekræftet pr."),
                ),
                (
                    "baseline_confirmed_by_name",
                    models.CharField(
                        blank=True, max_length=200, verbose_name="baseline bekræftet af"
                    ),
                ),
                (
                    "from_period",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="plans.fundingperiod",
                        verbose_name="fra",
                    ),
                ),
                (
                    "made_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "plan",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="period_transitions",
                        to="plans.plan",
                    ),
                ),
                (
                    "to_period",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="plans.fundingperiod",
                        verbose_name="til",
                    ),
                ),
            ],
            options={
                "verbose_name": "skift af bevillingsperiode",
                "verbose_name_plural": "skift af bevillingsperiode",
                "ordering": ["plan", "made_at", "id"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("plan", "from_period"),
                        name="periodtransition_once_per_period",
                        violation_error_message="Planen har allerede forladt denne bevillingsperiode.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("from_period", models.F("to_period")), _negated=True),
                        name="periodtransition_to_another_period",
                        violation_error_message="Vælg en anden bevillingsperiode end den nuværende.",
                    ),
                ],
            },
        ),
        migrations.RunPython(reload_periods, migrations.RunPython.noop),
    ]
