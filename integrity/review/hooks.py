"""The two calls the screening pipeline makes, so screened cases reach the workbench.

``before_write(case)``
    after ``assemble_case`` and before ``write_case``: hides findings that
    reviewers dismissed as false positives (see ``suppressions``), so neither
    the case files nor the score raise them again.
``after_write(case, folder, source=...)``
    after ``write_case``: imports the case folder (with the manuscript file,
    for page images) into the store, where the review queue shows it.

Both use the project's store (``INTEGRITY_DB_URL`` or the SQLite file in the
data directory) unless given an engine, and never raise: a problem with the
review store is logged and must not stop a screening batch.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

log = logging.getLogger("integrity.review")


def before_write(case: Any, engine: Engine | None = None) -> list[dict[str, Any]]:
    """Apply active suppressions to ``case`` in place; returns the findings taken out."""
    try:
        from integrity.review.store import review_engine
        from integrity.review.suppressions import apply_suppressions

        return apply_suppressions(engine or review_engine(), case)
    except Exception:  # the store is down or broken: screen as if there were no suppressions
        log.warning("review suppressions could not be applied to %s", getattr(case.manuscript, "filename", "?"), exc_info=True)
        return []


def after_write(case: Any, folder: str | Path, engine: Engine | None = None, source: str | None = None) -> Any:
    """Import the written case folder into the review store; returns the ImportResult (None on failure)."""
    try:
        from integrity.review.importer import import_case_folder
        from integrity.review.store import review_engine

        return import_case_folder(engine or review_engine(), folder, manuscript_path=case.manuscript.path, source=source)
    except Exception:
        log.warning("case folder %s could not be imported into the review store", folder, exc_info=True)
        return None
