"""Prefect tasks: thin wrappers around ``integrity.pipeline``.

Tasks are coarse (a Prefect task costs ~0.2 s outside its flow's process) and
take paths, ids and plain dataclasses, never live PyMuPDF objects. Caching
is off: inputs such as a Manuscript are large, and re-screening is decided by
the manuscript id instead (see ``integrity.pipeline.previous_case``).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from prefect import task
from prefect.cache_policies import NO_CACHE
from prefect.tasks import exponential_backoff

from detectors.base import Detector
from integrity import pipeline
from integrity.config import Settings
from integrity.corpus import Corpus
from integrity.models import Case, Manuscript
from integrity.pipeline import load_manuscript
from integrity.sources import Item

__all__ = ["fetch_task", "ingest_task", "index_task", "detect_task", "assemble_task", "write_task", "load_manuscript"]


@task(name="fetch", cache_policy=NO_CACHE, task_run_name="fetch {item.name}")
def fetch_task(item: Item) -> Path:
    """A local file with the item's bytes (sources retry transient errors with backoff themselves)."""
    return item.fetch()


@task(name="ingest", cache_policy=NO_CACHE, retries=1, retry_delay_seconds=2)
def ingest_task(path: str, settings: Settings) -> tuple[str, float]:
    """Read one file; returns the key of the cached Manuscript and the seconds it took."""
    started = time.perf_counter()
    manuscript = pipeline.ingest(path, settings)
    return pipeline.cache_manuscript(manuscript), time.perf_counter() - started


@task(name="index", cache_policy=NO_CACHE, retries=3, retry_delay_seconds=exponential_backoff(backoff_factor=1), retry_jitter_factor=0.5)
def index_task(key: str, corpus: Corpus) -> bool:
    """Add a cached manuscript to the corpus index (a no-op if it is there already)."""
    return corpus.add(load_manuscript(key))


@task(name="detect", cache_policy=NO_CACHE, task_run_name="{detector.name}")
def detect_task(detector: Detector, manuscript: Manuscript, corpus: Any = None, timeout: float | None = None) -> pipeline.DetectorRun:
    """One detector on one manuscript; a failure or time-out is an error entry on the case."""
    return pipeline.run_detector(detector, manuscript, corpus, timeout)


@task(name="assemble", cache_policy=NO_CACHE)
def assemble_task(manuscript: Manuscript, runs: list[pipeline.DetectorRun], detectors: list[Detector], ingest_seconds: float) -> Case:
    return pipeline.assemble_case(manuscript, runs, detectors, ingest_seconds)


@task(name="write-case", cache_policy=NO_CACHE, retries=3, retry_delay_seconds=exponential_backoff(backoff_factor=1), retry_jitter_factor=0.5)
def write_task(case: Case, out_dir: str) -> Path:
    """Write the case folder, with the pipeline's before/after-write hooks (see ``pipeline.AFTER_WRITE_HOOKS``)."""
    return pipeline.write_case_files(case, out_dir)
