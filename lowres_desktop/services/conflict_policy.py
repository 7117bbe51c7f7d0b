"""What an import does when a file's value differs from the database's.

Apart from services/import_workbook.py so that the command line can offer
the choices in its parser without importing the import machinery.
"""

from __future__ import annotations

from enum import StrEnum


class ConflictPolicy(StrEnum):
    REPLACE = "replace"
    KEEP = "keep"
    FAIL = "fail"
    PER_RECORD = "per_record"
