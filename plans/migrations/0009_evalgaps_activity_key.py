"""Activity.key: each activity's identity, which the local evaluation names it by (evalgaps).
Every existing activity gets its own key (a default on AddField would give all one)."""

import uuid

from django.db import migrations, models


def give_keys(apps, schema_editor):
    Activity = apps.get_model("plans", "Activity")
    for activity in Activity.objects.all().only("pk"):
        Activity.objects.filter(pk=activity.pk).update(key=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [("plans", "0008_evaluation_survey")]

    operations = [
        migrations.AddField(
            model_name="activity", name="key", field=models.UUIDField(null=True, editable=False)
        ),
        migrations.RunPython(give_keys, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="activity",
            name="key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
    ]
