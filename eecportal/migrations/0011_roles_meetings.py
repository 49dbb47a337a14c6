from django.db import migrations

from eecportal.roles import roles_sync


class Migration(migrations.Migration):
    dependencies = [
        ("eecportal", "0010_roles_spatial"),
        ("coordination", "0003_meetings"),
    ]

    operations = [migrations.RunPython(roles_sync, migrations.RunPython.noop)]
