"""Flow: screen every manuscript in a folder, write case files and a dashboard.

Every input is accounted for: each ends the run screened, failed (with the
reason) or skipped (same bytes as another input, or already screened with the
same settings), and the totals add up to the number of inputs.
"""

from __future__ import annotations

import time
from datetime import datetime, timezone
from pathlib import Path

import flows  # noqa: F401  (Prefect defaults before Prefect is imported)
from prefect import flow, get_run_logger
from prefect.artifacts import create_markdown_artifact

from flows.tasks import assemble_task, detect_task, ingest_task, write_task
from integrity import __version__, pipeline
from integrity.casefiles import case_folder_name, case_to_dict, write_dashboard
from integrity.config import load_settings
from integrity.ingest import file_id, list_manuscripts
from integrity.registry import build_detectors
from integrity.summary import run_markdown


@flow(name="screen-batch", log_prints=True)
def screen_batch(source: str, out_dir: str = "cases", config: str | None = None, force: bool = False) -> dict:
    """Screen the manuscripts in folder ``source``; returns the run summary."""
    logger = get_run_logger()
    started_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
    settings = load_settings(config)
    detectors = build_detectors(settings)
    fingerprint = pipeline.screening_fingerprint(detectors)
    paths = list_manuscripts(source)
    logger.info("Screening %d file(s) from %s with %s", len(paths), source, ", ".join(d.name for d in detectors))

    rows: list[dict] = []
    first_seen: dict[str, str] = {}
    for number, path in enumerate(paths, start=1):
        row = screen_file(path, detectors, settings, out_dir, fingerprint, force, first_seen)
        rows.append(row)
        logger.info("[%d/%d] %s: %s, score %.1f, %s", number, len(paths), path.name, row["status"], row["score"], _counts_text(row))

    run = {
        "run_id": pipeline.new_run_id(),
        "started_at": started_at,
        "finished_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "source": str(source),
        "out_dir": str(out_dir),
        "tool_version": __version__,
        "detectors": [d.name for d in detectors],
        "totals": pipeline.run_totals(rows),
        "cases": rows,
    }
    dashboard = write_dashboard(run, out_dir)
    run["dashboard"] = str(dashboard)
    create_markdown_artifact(key="screen-batch-summary", markdown=run_markdown(run), description="Screening run summary")
    return run


def screen_file(path: Path, detectors, settings, out_dir: str, fingerprint: str, force: bool, first_seen: dict[str, str]) -> dict:
    """One input through ingest -> detectors -> assemble -> write, as tasks."""
    started = time.perf_counter()
    try:
        manuscript_id = file_id(path.read_bytes())
    except OSError:
        manuscript_id = None  # the ingest task records why it cannot be read
    if manuscript_id in first_seen:
        return _skipped_row(path, manuscript_id, f"Same bytes as {first_seen[manuscript_id]}; screened once under that name.")
    if manuscript_id:
        first_seen[manuscript_id] = path.name
        earlier = None if force else pipeline.previous_case(out_dir, manuscript_id, path.name, fingerprint)
        if earlier is not None:
            row = pipeline.case_row(earlier, pipeline.case_status(earlier), case_folder_name(manuscript_id, path.name), 0.0)
            row["reused"] = True  # same bytes, same settings: the case on disk stands
            return row
    manuscript, ingest_seconds = ingest_task(str(path), settings)
    runs = [detect_task(d, manuscript) for d in detectors]
    case = assemble_task(manuscript, runs, detectors, ingest_seconds)
    case.timings["total"] = time.perf_counter() - started
    folder = write_task(case, out_dir)
    record = case_to_dict(case)
    return pipeline.case_row(record, pipeline.case_status(record), folder.name, case.timings["total"])


def _skipped_row(path: Path, manuscript_id: str, reason: str) -> dict:
    return {
        "id": manuscript_id, "short_id": manuscript_id[:12], "filename": path.name, "title": "", "pages": 0,
        "score": 0.0, "top_severity": None, "counts": {"info": 0, "low": 0, "medium": 0, "high": 0},
        "families": [], "status": "skipped", "errors": [], "warnings": [{"code": "duplicate_input", "message": reason, "stage": "batch"}],
        "folder": None, "seconds": 0.0,
    }


def _counts_text(row: dict) -> str:
    counts = row["counts"]
    return ", ".join(f"{n} {sev}" for sev, n in counts.items() if n) or "no findings"
