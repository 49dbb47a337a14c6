from django.db import migrations

from eecportal.roles import roles_sync


class Migration(migrations.Migration):
    dependencies = [
        ("eecportal", "0011_roles_meetings"),
        ("coordination", "0004_agreements"),
    ]

    operations = [migrations.RunPython(roles_sync, migrations.RunPython.noop)]
