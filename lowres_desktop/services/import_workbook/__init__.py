"""Use case: import result files — read → resolve schools → plan → apply — each file an undoable batch.

`reading` reads a file once and parses its sheets (no writes); `resolving`
turns the identifiers it names schools by into logins; `planning` compares
with the database under the domain's merge policy (no writes); `applying`
writes a plan in one transaction and records every value it replaced.
`apply_all` is the one loop over files for the wizard and the command line.
"""

from __future__ import annotations

from lowres_desktop.domain.merge import ConflictPolicy
from lowres_desktop.services.import_workbook.applying import (
    FileJob,
    FileOutcome,
    ImportReport,
    apply_all,
    apply_import,
    import_workbook,
)
from lowres_desktop.services.import_workbook.choices import (
    CREATE_SCHOOL,
    HandMapping,
    ImportChoices,
    RecordRef,
    SchoolRef,
)
from lowres_desktop.services.import_workbook.planning import Conflict, ImportPlan, plan_files, plan_import
from lowres_desktop.services.import_workbook.reading import (
    FileReading,
    header_key,
    parse_sheets,
    read_import_file,
    remembered_mappings,
)
from lowres_desktop.services.import_workbook.resolving import UnknownSchool

__all__ = [
    "CREATE_SCHOOL",
    "Conflict",
    "ConflictPolicy",
    "FileJob",
    "FileOutcome",
    "FileReading",
    "HandMapping",
    "ImportChoices",
    "ImportPlan",
    "ImportReport",
    "RecordRef",
    "SchoolRef",
    "UnknownSchool",
    "apply_all",
    "apply_import",
    "header_key",
    "import_workbook",
    "plan_files",
    "parse_sheets",
    "plan_import",
    "read_import_file",
    "remembered_mappings",
]
