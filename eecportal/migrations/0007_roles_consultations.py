from django.db import migrations

from eecportal.roles import roles_sync


class Migration(migrations.Migration):
    dependencies = [
        ("eecportal", "0006_search_vocabulary"),
        ("knowledge", "0006_consultations"),
    ]

    operations = [migrations.RunPython(roles_sync, migrations.RunPython.noop)]
