"""Once the 2019-26 funding period's rules written out as constants; now a no-op.

The period is data: `plans/periods/2019-26.json`, loaded with the other bundled periods by
`0005_funding_periods_as_data` through the one loader (`plans.periods.load_period`). A
database that ran the old version of this migration has the period already; 0005 updates it
in place, keeping its rows (and the plans' links to them)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]
    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
