from django.db import migrations

from eecportal.roles import roles_sync


class Migration(migrations.Migration):
    dependencies = [
        ("eecportal", "0013_roles_data_requests"),
        ("coordination", "0006_documents"),
    ]

    operations = [migrations.RunPython(roles_sync, migrations.RunPython.noop)]
