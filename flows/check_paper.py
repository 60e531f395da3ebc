"""Flow: check one manuscript against the corpus, write its case folder, index it."""

from __future__ import annotations

import flows  # noqa: F401  (Prefect defaults before Prefect is imported)
from prefect import flow
from prefect.artifacts import create_markdown_artifact

from flows.tasks import assemble_task, detect_task, index_task, ingest_task, load_manuscript, write_task
from integrity.casefiles import case_to_dict
from integrity.config import load_settings
from integrity.corpus import Corpus
from integrity.registry import build_detectors
from integrity.summary import case_markdown


@flow(name="check-paper", log_prints=True)
def check_paper(path: str, out_dir: str = "cases", config: str | None = None, add_to_corpus: bool = True) -> dict:
    """Screen one manuscript file; returns its case record (the case.json content)."""
    settings = load_settings(config)
    detectors = build_detectors(settings)
    corpus = Corpus()
    key, ingest_seconds = ingest_task(path, settings)
    manuscript = load_manuscript(key)
    runs = [detect_task(detector, manuscript, corpus) for detector in detectors]
    case = assemble_task(manuscript, runs, detectors, ingest_seconds)
    case.timings["total"] = ingest_seconds + sum(run.seconds for run in runs)
    folder = write_task(case, out_dir)
    if add_to_corpus:
        index_task(key, corpus)
    record = case_to_dict(case)
    create_markdown_artifact(key="check-paper-summary", markdown=case_markdown(record, str(folder)), description="Case summary")
    return record
