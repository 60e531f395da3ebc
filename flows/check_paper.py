"""Flow: check one manuscript against the corpus, write its case folder, index it.

``path`` may be a local file or anything :func:`integrity.sources.open_source`
fetches (an HTTP(S) URL, ``s3://...``), so a worker on another machine can
check a manuscript it cannot see on a local disk.
"""

from __future__ import annotations

import flows  # noqa: F401  (Prefect defaults before Prefect is imported)
from prefect import flow
from prefect.artifacts import create_markdown_artifact

from flows.tasks import assemble_task, detect_task, fetch_task, index_task, ingest_task, load_manuscript, write_task
from integrity.casefiles import case_to_dict
from integrity.config import load_settings
from integrity.corpus import Corpus
from integrity.registry import build_detectors
from integrity.sources import open_source
from integrity.summary import case_markdown


@flow(name="check-paper", log_prints=True)
def check_paper(path: str, out_dir: str = "cases", config: str | None = None, add_to_corpus: bool = True, detector_timeout: float | None = None) -> dict:
    """Screen one manuscript file; returns its case record (the case.json content)."""
    settings = load_settings(config)
    detectors = build_detectors(settings)
    corpus = Corpus()
    local = fetch_task(next(iter(open_source(path).items())))
    key, ingest_seconds = ingest_task(str(local), settings)
    manuscript = load_manuscript(key)
    runs = [detect_task(detector, manuscript, corpus, detector_timeout) for detector in detectors]
    case = assemble_task(manuscript, runs, detectors, ingest_seconds)
    case.timings["total"] = ingest_seconds + sum(run.seconds for run in runs)
    folder = write_task(case, out_dir)
    if add_to_corpus:
        index_task(key, corpus)
    record = case_to_dict(case)
    create_markdown_artifact(key="check-paper-summary", markdown=case_markdown(record, str(folder)), description="Case summary")
    return record
