"""Funding periods as data: the period's dates, attachments and reporting rules as columns, and
every period file that ships in `plans/periods/` (2011-14, 2015-18, 2019-26) loaded into the
database by the one loader, `plans.periods.load_period`. 2019-26, which the first version of 0002
made, is updated in place (its areas, fixed goals and indicators keep their rows, so plans keep their links).
A fixed overall goal now belongs to its area by a foreign key (a period may give an area more
than one)."""

import django.db.models.deletion
from django.db import migrations, models


def load_periods(apps, schema_editor):
    from plans.periods import load_bundled_periods

    load_bundled_periods(apps)


def unload_periods(apps, schema_editor):
    # The older periods go again when no plan uses them; 2019-26 stays (0002 made it).
    FundingPeriod = apps.get_model("plans", "FundingPeriod")
    for period in FundingPeriod.objects.filter(code__in=["2011-14", "2015-18"]):
        if period.plans.exists():
            continue
        apps.get_model("plans", "LbfIndicator").objects.filter(goal__funding_period=period).delete()
        apps.get_model("plans", "LbfGoal").objects.filter(funding_period=period).delete()
        apps.get_model("plans", "FocusArea").objects.filter(funding_period=period).delete()
        period.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0004_revisions_and_audit_log"),
    ]

    operations = [
        migrations.AddField(
            model_name="focusarea",
            name="aliases",
            field=models.JSONField(blank=True, default=list, verbose_name="andre stavemåder"),
        ),
        migrations.AddField(
            model_name="focusarea",
            name="purpose",
            field=models.TextField(blank=True, verbose_name="formål"),
        ),
        migrations.AddField(
            model_name="fundingperiod",
            name="end",
            field=models.DateField(blank=True, null=True, verbose_name="sidste dag"),
        ),
        migrations.AddField(
            model_name="fundingperiod",
            name="required_attachments",
            field=models.JSONField(blank=True, default=list, verbose_name="krævede bilag"),
        ),
        migrations.AddField(
            model_name="fundingperiod",
            name="revision_interval_months",
            field=models.PositiveSmallIntegerField(
                blank=True, null=True, verbose_name="revision senest efter (måneder)"
            ),
        ),
        migrations.AddField(
            model_name="fundingperiod",
            name="source",
            field=models.JSONField(
                blank=True, default=dict, verbose_name="øvrige oplysninger fra datafilen"
            ),
        ),
        migrations.AddField(
            model_name="fundingperiod",
            name="start",
            field=models.DateField(blank=True, null=True, verbose_name="første dag"),
        ),
        migrations.AddField(
            model_name="fundingperiod",
            name="strategic_changes_need_lbf",
            field=models.BooleanField(
                blank=True,
                null=True,
                verbose_name="ændringer i den strategiske aftale kræver LBF's godkendelse",
            ),
        ),
        migrations.AlterField(
            model_name="lbfgoal",
            name="focus_area",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="lbf_goals",
                to="plans.focusarea",
            ),
        ),
        migrations.RunPython(load_periods, unload_periods),
    ]
