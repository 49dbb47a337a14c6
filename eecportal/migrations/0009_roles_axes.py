from django.db import migrations

from eecportal.roles import roles_sync


class Migration(migrations.Migration):
    dependencies = [
        ("eecportal", "0008_roles_submissions"),
        ("axes", "0010_accessattemptexpiration"),
        ("knowledge", "0008_service_manuals"),
    ]

    operations = [migrations.RunPython(roles_sync, migrations.RunPython.noop)]
