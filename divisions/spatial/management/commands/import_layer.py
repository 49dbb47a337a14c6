"""Import a file into a layer from the command line, through the same service as the admin."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from divisions.spatial.models import Dataset, ImportJob, Layer
from divisions.spatial.services import import_job_create, import_job_run, layer_create


class Command(BaseCommand):
    help = "Import GeoJSON, zipped Shapefile, GeoPackage, KML or CSV into a dataset's layer."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--dataset", required=True, help="slug of the dataset")
        parser.add_argument("--layer", help="collection id of the layer (default: file name)")
        parser.add_argument("--title", help="Thai title of a new layer")

    def handle(self, *args, file: Path, dataset: str, layer: str | None, title: str | None,
               **options):  # fmt: skip
        try:
            owner = Dataset.objects.get(slug=dataset)
        except Dataset.DoesNotExist as error:
            raise CommandError(f"No dataset with the slug {dataset}.") from error
        if not file.is_file():
            raise CommandError(f"No such file: {file}")
        slug = layer or file.stem.lower().replace("_", "-")
        with open(file, "rb") as handle, transaction.atomic():
            target = Layer.objects.filter(slug=slug).first() or layer_create(
                dataset=owner, slug=slug, title_th=title or file.stem
            )
            if target.dataset_id != owner.pk:
                raise CommandError(f"The layer {slug} belongs to another dataset.")
            try:
                job = import_job_create(
                    layer=target, file=File(handle, name=file.name), queue=False
                )
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from error
        job = import_job_run(job_id=job.pk)
        if job.status != ImportJob.Status.SUCCEEDED:
            raise CommandError(job.error)
        report = job.report
        self.stdout.write(
            f"{target.slug}: {report['features']} features ({report['geometry_type']}), "
            f"{report['repaired']} geometries repaired, attributes: "
            f"{', '.join(report['attributes'])}"
        )
