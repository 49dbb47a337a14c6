"""Everything that writes spatial records; callers import from here."""

from .datasets import dataset_save, layer_create
from .imports import ImportFailed, import_job_create, import_job_run, layer_upload_check

__all__ = [
    "ImportFailed",
    "dataset_save",
    "import_job_create",
    "import_job_run",
    "layer_create",
    "layer_upload_check",
]
