from django.db import migrations

from eecportal.roles import roles_sync


class Migration(migrations.Migration):
    dependencies = [
        ("eecportal", "0003_roles_knowledge"),
        ("knowledge", "0004_comments"),
    ]

    operations = [migrations.RunPython(roles_sync, migrations.RunPython.noop)]
