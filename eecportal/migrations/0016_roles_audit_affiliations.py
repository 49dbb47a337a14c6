from django.db import migrations

from eecportal.roles import roles_sync


class Migration(migrations.Migration):
    dependencies = [
        ("eecportal", "0015_roles_planning"),
        ("coordination", "0007_affiliations_agenda_links"),
        ("auditlog", "0017_add_actor_email"),
    ]

    operations = [migrations.RunPython(roles_sync, migrations.RunPython.noop)]
