"""Everything that writes planning records; callers import from here."""

from .duplicates import duplicates_find, pair_decide, project_merge
from .imports import (
    FLAT_COLUMNS,
    TEMPLATE_LAYOUTS,
    ImportRefused,
    import_template,
    project_import_create,
    project_import_map,
    project_import_run,
    project_upload_check,
    projects_parse,
    projects_write,
)
from .projects import (
    budget_current,
    duplicates_check_later,
    project_budgets_set,
    project_derive,
    project_save,
)

__all__ = [
    "FLAT_COLUMNS",
    "TEMPLATE_LAYOUTS",
    "ImportRefused",
    "import_template",
    "budget_current",
    "project_budgets_set",
    "duplicates_check_later",
    "duplicates_find",
    "pair_decide",
    "project_derive",
    "project_import_create",
    "project_import_map",
    "project_import_run",
    "project_merge",
    "project_save",
    "project_upload_check",
    "projects_parse",
    "projects_write",
]
