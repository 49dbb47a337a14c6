from pathlib import Path

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from divisions.coordination.models import Agency
from divisions.planning.services import project_import_create, project_import_run


class Command(BaseCommand):
    help = (
        "Import projects from a CSV or XLSX file (the flat template or an agency's table with "
        "one budget column per fiscal year), through the same service as the admin's upload: "
        "every row is checked first and the file imports whole or not at all."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--agency", help="slug of the agency, for tables without one")
        parser.add_argument("--public", action="store_true", help="publish new projects")
        parser.add_argument("--language", default="th", choices=["th", "en"],
                            help="language of the report")  # fmt: skip

    def handle(self, *args, file: Path, agency: str | None, public: bool, language: str, **opts):
        if not file.is_file():
            raise CommandError(f"{file}: no such file")
        chosen = None
        if agency:
            chosen = Agency.objects.filter(slug=agency).first()
            if chosen is None:
                raise CommandError(f"No agency has the slug {agency!r}.")
        with translation.override(language), file.open("rb") as handle:
            job = project_import_create(
                file=File(handle, name=file.name), agency=chosen, is_public=public, queue=False
            )
        job = project_import_run(import_id=job.pk)
        if job.status != job.Status.SUCCEEDED:
            for error in job.report.get("errors", []):
                self.stderr.write(f"row {error['row']}: {error['message']}")
            raise CommandError("Nothing was imported.")
        self.stdout.write(
            f"{job.report['projects']} projects: {job.report['created']} created, "
            f"{job.report['updated']} updated."
        )
