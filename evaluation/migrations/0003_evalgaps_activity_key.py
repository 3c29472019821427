"""Process goals and logbook sessions name their activity by its identity (`Activity.key`)
instead of its name, so a renamed activity keeps them (evalgaps). Each row is carried across to
the key of its agreement's activity of that name; a row whose name no activity of its agreement
has (renamed before this migration) keeps a key of its own: it stays stored, as it was hidden.
A seminar decision also says whether it was added to a draft it did not start."""

import uuid
from typing import Any

from django.db import migrations, models


def to_keys(apps: Any, schema_editor: Any) -> None:
    Activity = apps.get_model("plans", "Activity")
    keys: dict[tuple[int, str], uuid.UUID] = {}
    for agreement_id, name, key in Activity.objects.order_by("-id").values_list(
        "agreement_id", "name", "key"
    ):
        keys[(agreement_id, name)] = key  # the first of a repeated name wins
    for model in ("ProcessGoal", "LogbookSession"):
        rows = apps.get_model("evaluation", model).objects
        for pk, agreement_id, name in rows.values_list("pk", "agreement_id", "activity_name"):
            key = keys.get((agreement_id, name)) or uuid.uuid4()
            rows.filter(pk=pk).update(activity_key=key)


def to_names(apps: Any, schema_editor: Any) -> None:
    Activity = apps.get_model("plans", "Activity")
    names = dict(Activity.objects.values_list("key", "name"))
    for model in ("ProcessGoal", "LogbookSession"):
        rows = apps.get_model("evaluation", model).objects
        for pk, key in rows.values_list("pk", "activity_key"):
            rows.filter(pk=pk).update(activity_name=names.get(key, "")[:500])


class Migration(migrations.Migration):
    dependencies = [
        ("evaluation", "0002_from_agreement_extra"),
        ("plans", "0009_evalgaps_activity_key"),
    ]

    operations = [
        migrations.AddField(
            model_name="seminardecision",
            name="added_to_draft",
            field=models.BooleanField(default=False, verbose_name="føjet til en kladde"),
        ),
        migrations.AddField(
            model_name="processgoal",
            name="activity_key",
            field=models.UUIDField(null=True, verbose_name="aktivitet"),
        ),
        migrations.AddField(
            model_name="logbooksession",
            name="activity_key",
            field=models.UUIDField(null=True, verbose_name="aktivitet"),
        ),
        migrations.AlterField(
            model_name="processgoal",
            name="activity_name",
            field=models.CharField(max_length=500, default="", verbose_name="aktivitet"),
        ),
        migrations.AlterField(
            model_name="logbooksession",
            name="activity_name",
            field=models.CharField(max_length=500, default="", verbose_name="aktivitet"),
        ),
        migrations.RunPython(to_keys, to_names),
        migrations.RemoveConstraint(
            model_name="logbooksession", name="logbook_one_session_per_day_and_theme"
        ),
        migrations.RemoveIndex(model_name="logbooksession", name="logbook_act"),
        migrations.AlterModelOptions(
            name="processgoal",
            options={
                "ordering": ["order", "id"],
                "verbose_name": "procesmål",
                "verbose_name_plural": "procesmål",
            },
        ),
        migrations.RemoveField(model_name="processgoal", name="activity_name"),
        migrations.RemoveField(model_name="logbooksession", name="activity_name"),
        migrations.AlterField(
            model_name="processgoal",
            name="activity_key",
            field=models.UUIDField(verbose_name="aktivitet"),
        ),
        migrations.AlterField(
            model_name="logbooksession",
            name="activity_key",
            field=models.UUIDField(verbose_name="aktivitet"),
        ),
        migrations.AddIndex(
            model_name="logbooksession",
            index=models.Index(
                fields=["agreement", "activity_key", "date"], name="logbook_activity_date"
            ),
        ),
        migrations.AddConstraint(
            model_name="logbooksession",
            constraint=models.UniqueConstraint(
                fields=("agreement", "activity_key", "date", "theme"),
                name="logbook_one_session_per_day_and_theme",
                violation_error_message="Aktiviteten har allerede en gang med det tema den dag.",
            ),
        ),
    ]
