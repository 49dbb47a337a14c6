from django.db import migrations

from eecportal.roles import roles_sync


class Migration(migrations.Migration):
    dependencies = [
        ("eecportal", "0002_roles"),
        ("knowledge", "0001_initial"),
    ]

    operations = [migrations.RunPython(roles_sync, migrations.RunPython.noop)]
