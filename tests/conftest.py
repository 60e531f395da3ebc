"""Shared fixtures: an isolated data directory, and small real PDFs built with PyMuPDF."""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

import pytest

# One data directory (and so one Prefect home) for the whole test session,
# set before anything imports Prefect, so tests never touch ./.integrity.
_SESSION_HOME = tempfile.mkdtemp(prefix="integrity-test-home-")
os.environ["INTEGRITY_HOME"] = _SESSION_HOME
os.environ.pop("PREFECT_API_URL", None)
os.environ["PREFECT_HOME"] = str(Path(_SESSION_HOME) / "prefect")

# Prefect logs "Stopping temporary server" from an atexit hook, after pytest has
# closed its captured streams; don't print a traceback for that one message.
logging.raiseExceptions = False

REPO = Path(__file__).resolve().parent.parent
SAMPLE_PAPERS = REPO / "sample_papers"


@pytest.fixture
def paper_pdf(tmp_path: Path) -> Path:
    """A 3-page paper: title, abstract, a result sentence at a known place,
    a raster figure, a vector bar chart, a ruled table and a reference list."""
    from tests.pdf_builder import build_paper

    return build_paper(tmp_path / "paper.pdf")
