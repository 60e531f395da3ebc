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

from detectors.base import Detector
from integrity import pipeline
from integrity.casefiles import write_case
from integrity.config import Settings
from integrity.corpus import Corpus
from integrity.models import Case, Manuscript
from integrity.pipeline import load_manuscript

__all__ = ["ingest_task", "index_task", "detect_task", "assemble_task", "write_task", "load_manuscript"]


@task(name="ingest", cache_policy=NO_CACHE, retries=1, retry_delay_seconds=2)
def ingest_task(path: str, settings: Settings) -> tuple[str, float]:
    """Read one file; returns the key of the cached Manuscript and the seconds it took."""
    started = time.perf_counter()
    manuscript = pipeline.ingest(path, settings)
    return pipeline.cache_manuscript(manuscript), time.perf_counter() - started


@task(name="index", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=1)
def index_task(key: str, corpus: Corpus) -> bool:
    """Add a cached manuscript to the corpus index (a no-op if it is there already)."""
    return corpus.add(load_manuscript(key))


@task(name="detect", cache_policy=NO_CACHE, task_run_name="{detector.name}")
def detect_task(detector: Detector, manuscript: Manuscript, corpus: Any = None) -> pipeline.DetectorRun:
    return pipeline.run_detector(detector, manuscript, corpus)


@task(name="assemble", cache_policy=NO_CACHE)
def assemble_task(manuscript: Manuscript, runs: list[pipeline.DetectorRun], detectors: list[Detector], ingest_seconds: float) -> Case:
    return pipeline.assemble_case(manuscript, runs, detectors, ingest_seconds)


@task(name="write-case", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=1)
def write_task(case: Case, out_dir: str) -> Path:
    return write_case(case, out_dir)
