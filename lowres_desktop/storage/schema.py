"""The whole schema: every ORM model module is imported here so `metadata` holds all tables.

Alembic's env.py and the creation of a new database import this module; a
feature that adds a model module adds one import line below. A unit of work
does not: each repository imports the models it maps (see `UnitOfWork`).
"""

from __future__ import annotations

from lowres_desktop.storage import (
    models,
    models_analysis,
    models_documents,
    models_import,
    models_office,
    models_roadmaps,
)
from lowres_desktop.storage.models import Base

MODEL_MODULES = (models, models_analysis, models_documents, models_roadmaps, models_office, models_import)
metadata = Base.metadata
