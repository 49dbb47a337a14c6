from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import timezone

from eecportal.backups import backup_create


class Command(BaseCommand):
    help = "Back up the database (pg_dump) and the media files, with a manifest to check them by."

    def add_arguments(self, parser):
        parser.add_argument("--to", type=Path, help="a new folder (default var/backups/<time>)")

    def handle(self, *args, to: Path | None, **options):
        target = to or Path("var/backups") / timezone.now().strftime("%Y%m%d-%H%M%S")
        manifest = backup_create(target=target)
        rows = sum(table["rows"] for table in manifest["database"].values())
        self.stdout.write(
            f"{target}: {len(manifest['database'])} tables, {rows} rows, "
            f"{len(manifest['media'])} media files."
        )
