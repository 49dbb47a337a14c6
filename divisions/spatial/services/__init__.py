"""Everything that writes spatial records; callers import from here."""

from .datasets import dataset_delete, dataset_save, layer_create, layer_delete
from .harvest import HarvestFailed, harvest_all, harvest_source_run
from .imports import (
    ImportFailed,
    import_job_create,
    import_job_run,
    import_leftovers_sweep,
    layer_file_import,
    layer_upload_check,
)
from .quality import dataset_quality_refresh

__all__ = [
    "HarvestFailed",
    "ImportFailed",
    "dataset_delete",
    "dataset_quality_refresh",
    "dataset_save",
    "harvest_all",
    "harvest_source_run",
    "import_job_create",
    "import_job_run",
    "import_leftovers_sweep",
    "layer_create",
    "layer_delete",
    "layer_file_import",
    "layer_upload_check",
]
