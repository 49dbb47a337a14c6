from django.db import migrations

from eecportal.roles import roles_sync


class Migration(migrations.Migration):
    dependencies = [
        ("eecportal", "0007_roles_consultations"),
        ("knowledge", "0007_item_cover_attachments"),
    ]

    operations = [migrations.RunPython(roles_sync, migrations.RunPython.noop)]
