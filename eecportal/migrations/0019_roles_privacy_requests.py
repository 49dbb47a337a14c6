from django.db import migrations

from eecportal.roles import roles_sync


class Migration(migrations.Migration):
    dependencies = [("eecportal", "0018_privacy_requests")]

    operations = [migrations.RunPython(roles_sync, migrations.RunPython.noop)]
