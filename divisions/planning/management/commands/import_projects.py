import csv
from pathlib import Path

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from divisions.coordination.models import Agency
from divisions.planning.models import ValueMapping
from divisions.planning.services import project_import_create, project_import_run


class Command(BaseCommand):
    help = (
        "Import projects from a CSV or XLSX file (the flat template, or an agency's own table "
        "or plan form with one budget column per fiscal year), through the same service as the "
        "admin's upload: every row is checked first and the file imports whole or not at all. "
        "Values the file writes in its own words are mapped by the analysts' remembered "
        "mappings, or by a mapping file (CSV: kind,value,means; the command prints the lines "
        "to fill in)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--agency", help="slug of the agency, for tables without one")
        parser.add_argument("--public", action="store_true", help="publish new projects")
        parser.add_argument("--mapping", type=Path,
                            help="CSV of kind,value,means (e.g. sector,ถนน,transport)")  # fmt: skip
        parser.add_argument("--language", default="th", choices=["th", "en"],
                            help="language of the report")  # fmt: skip

    def _mapping(self, path: Path | None) -> dict[tuple[str, str], str]:
        if path is None:
            return {}
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        mapping = {}
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for number, row in enumerate(csv.reader(handle), start=1):
                if not row or row[0].strip().lower() in ("", "kind") or row[0].startswith("#"):
                    continue
                if len(row) < 3 or row[0].strip() not in ValueMapping.Kind.values:
                    kinds = ", ".join(ValueMapping.Kind.values)
                    raise CommandError(
                        f"{path}, line {number}: expected kind,value,means with a kind of {kinds}"
                    )
                mapping[(row[0].strip(), row[1].strip())] = row[2].strip()
        return mapping

    def handle(self, *args, file: Path, agency: str | None, public: bool, mapping: Path | None,
               language: str, **opts):  # fmt: skip
        if not file.is_file():
            raise CommandError(f"{file}: no such file")
        given = self._mapping(mapping)
        chosen = None
        if agency:
            chosen = Agency.objects.filter(slug=agency).first()
            if chosen is None:
                raise CommandError(f"No agency has the slug {agency!r}.")
        with translation.override(language), file.open("rb") as handle:
            job = project_import_create(
                file=File(handle, name=file.name), agency=chosen, is_public=public, queue=False
            )
        job = project_import_run(import_id=job.pk, mapping=given)
        if job.status != job.Status.SUCCEEDED:
            for error in job.report.get("errors", []):
                self.stderr.write(f"row {error['row']}: {error['message']}")
            unknown = job.report.get("unknown", [])
            if unknown:
                self.stderr.write(
                    "Values the portal does not know; give their meaning in a mapping file "
                    "(--mapping), e.g. these lines with the suggestion filled in:"
                )
                writer = csv.writer(self.stderr)
                for entry in unknown:
                    writer.writerow([entry["kind"], entry["value"], entry["suggestion"]])
            raise CommandError("Nothing was imported.")
        self.stdout.write(
            f"{job.report['projects']} projects: {job.report['created']} created, "
            f"{job.report['updated']} updated."
        )
