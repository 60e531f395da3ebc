"""Flow: check one manuscript and write its case folder."""

from __future__ import annotations

import time

import flows  # noqa: F401  (Prefect defaults before Prefect is imported)
from prefect import flow
from prefect.artifacts import create_markdown_artifact

from flows.tasks import assemble_task, detect_task, ingest_task, write_task
from integrity.casefiles import case_to_dict
from integrity.config import load_settings
from integrity.registry import build_detectors
from integrity.summary import case_markdown


@flow(name="check-paper", log_prints=True)
def check_paper(path: str, out_dir: str = "cases", config: str | None = None) -> dict:
    """Screen one manuscript file; returns its case record (the case.json content)."""
    started = time.perf_counter()
    settings = load_settings(config)
    detectors = build_detectors(settings)
    manuscript, ingest_seconds = ingest_task(path, settings)
    runs = [detect_task(detector, manuscript) for detector in detectors]
    case = assemble_task(manuscript, runs, detectors, ingest_seconds)
    case.timings["total"] = time.perf_counter() - started
    folder = write_task(case, out_dir)
    record = case_to_dict(case)
    create_markdown_artifact(key="check-paper-summary", markdown=case_markdown(record, str(folder)), description="Case summary")
    return record
