"""Flow: screen every manuscript in a folder, write case files and a dashboard.

Two passes, so that manuscripts of one batch are compared with each other
whatever their order (simultaneous submissions): first every file is
ingested and added to the corpus index, then every manuscript is checked
against the corpus and its case written.

Every input is accounted for: each ends the run screened, failed (with the
reason) or skipped (same bytes as another input), and the totals add up to
the number of inputs. A file already screened with the same settings keeps
its case (marked ``reused``) unless ``force`` is set.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import flows  # noqa: F401  (Prefect defaults before Prefect is imported)
from prefect import flow, get_run_logger
from prefect.artifacts import create_markdown_artifact

from flows.tasks import assemble_task, detect_task, index_task, ingest_task, load_manuscript, write_task
from integrity import __version__, pipeline
from integrity.casefiles import case_folder_name, case_to_dict, write_dashboard
from integrity.config import load_settings
from integrity.corpus import Corpus
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
    corpus = Corpus()
    paths = list_manuscripts(source)
    logger.info("Screening %d file(s) from %s with %s", len(paths), source, ", ".join(d.name for d in detectors))

    # Pass 1: read and index every new input.
    rows: dict[Path, dict] = {}
    pending: dict[Path, tuple[str, float]] = {}
    first_seen: dict[str, str] = {}
    for number, path in enumerate(paths, start=1):
        manuscript_id = _file_id(path)
        if manuscript_id in first_seen:
            rows[path] = pipeline.skipped_row(path.name, manuscript_id, f"Same bytes as {first_seen[manuscript_id]}; screened once under that name.")
            continue
        if manuscript_id:
            first_seen[manuscript_id] = path.name
            earlier = None if force else pipeline.previous_case(out_dir, manuscript_id, path.name, fingerprint)
            if earlier is not None:
                rows[path] = pipeline.case_row(earlier, pipeline.case_status(earlier), case_folder_name(manuscript_id, path.name), 0.0)
                rows[path]["reused"] = True  # same bytes, same settings: the case on disk stands
                continue
        cached_id, ingest_seconds = ingest_task(str(path), settings)
        index_task(cached_id, corpus)
        pending[path] = (cached_id, ingest_seconds)
        logger.info("[%d/%d] read %s", number, len(paths), path.name)

    # Pass 2: check each against the corpus (which now holds the whole batch) and write its case.
    for number, (path, (cached_id, ingest_seconds)) in enumerate(pending.items(), start=1):
        manuscript = load_manuscript(cached_id)
        runs = [detect_task(d, manuscript, corpus) for d in detectors]
        case = assemble_task(manuscript, runs, detectors, ingest_seconds)
        case.timings["total"] = ingest_seconds + sum(run.seconds for run in runs)
        folder = write_task(case, out_dir)
        record = case_to_dict(case)
        rows[path] = row = pipeline.case_row(record, pipeline.case_status(record), folder.name, case.timings["total"])
        logger.info("[%d/%d] %s: %s, score %.1f, %s", number, len(pending), path.name, row["status"], row["score"], _counts_text(row))

    ordered = [rows[p] for p in paths]
    run = {
        "run_id": pipeline.new_run_id(),
        "started_at": started_at,
        "finished_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "source": str(source),
        "out_dir": str(out_dir),
        "tool_version": __version__,
        "detectors": [d.name for d in detectors],
        "totals": pipeline.run_totals(ordered),
        "cases": ordered,
    }
    dashboard = write_dashboard(run, out_dir)
    run["dashboard"] = str(dashboard)
    create_markdown_artifact(key="screen-batch-summary", markdown=run_markdown(run), description="Screening run summary")
    return run


def _file_id(path: Path) -> str | None:
    try:
        return file_id(path.read_bytes())
    except OSError:
        return None  # the ingest task records why it cannot be read


def _counts_text(row: dict) -> str:
    return ", ".join(f"{n} {sev}" for sev, n in row["counts"].items() if n) or "no findings"
