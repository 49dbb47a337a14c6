from django.db import migrations

from eecportal.roles import roles_sync


class Migration(migrations.Migration):
    dependencies = [
        ("eecportal", "0012_roles_agreements"),
        ("coordination", "0005_calendars_data_requests"),
    ]

    operations = [migrations.RunPython(roles_sync, migrations.RunPython.noop)]
