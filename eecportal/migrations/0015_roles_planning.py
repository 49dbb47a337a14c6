from django.db import migrations

from eecportal.roles import roles_sync


class Migration(migrations.Migration):
    dependencies = [
        ("eecportal", "0014_roles_documents"),
        ("planning", "0001_initial"),
    ]

    operations = [migrations.RunPython(roles_sync, migrations.RunPython.noop)]
