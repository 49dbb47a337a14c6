from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from eecportal.backups import RestoreRefused, backup_restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `backup` into an empty database and the media folder, and "
        "check every table and file against the backup's manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", type=Path)

    def handle(self, *args, source: Path, **options):
        try:
            restored = backup_restore(source=source)
        except RestoreRefused as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored and checked {len(restored['database'])} tables and "
            f"{len(restored['media'])} media files."
        )
