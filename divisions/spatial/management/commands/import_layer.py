"""Import a file into a layer from the command line, through the same service as the admin."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from divisions.spatial.models import Dataset, ImportJob
from divisions.spatial.services import layer_file_import


class Command(BaseCommand):
    help = "Import GeoJSON, zipped Shapefile, GeoPackage, KML or CSV into a dataset's layer."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--dataset", required=True, help="slug of the dataset")
        parser.add_argument("--layer", help="collection id of the layer (default: file name)")
        parser.add_argument("--title", help="Thai title of a new layer")

    def handle(self, *args, file: Path, dataset: str, layer: str | None, title: str | None,
               **options):  # fmt: skip
        # In English, as Django's own commands speak: the import's errors too.
        with translation.override("en"):
            self._import(file, dataset, layer, title)

    def _import(self, file: Path, dataset: str, layer: str | None, title: str | None) -> None:
        try:
            owner = Dataset.objects.get(slug=dataset)
        except Dataset.DoesNotExist as error:
            raise CommandError(f"No dataset with the slug {dataset}.") from error
        if not file.is_file():
            raise CommandError(f"No such file: {file}")
        slug = layer or file.stem.lower().replace("_", "-")
        try:
            job = layer_file_import(
                dataset=owner, slug=slug, title_th=title or file.stem, path=file
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        if job.status != ImportJob.Status.SUCCEEDED:
            raise CommandError(job.error)
        report = job.report
        self.stdout.write(
            f"{slug}: {report['features']} features ({report['geometry_type']}), "
            f"{report['repaired']} geometries repaired, attributes: "
            f"{', '.join(report['attributes'])}"
        )
