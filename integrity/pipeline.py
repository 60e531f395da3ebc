"""The screening steps as plain functions: ingest, detect, assemble, write.

The Prefect flows in ``flows/`` wrap these as tasks; ``integrity check``
calls them directly when no Prefect server is configured, so a person
checking one paper gets an answer in seconds. Nothing here imports Prefect.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TypeVar

from detectors.base import Detector
from integrity import __version__
from integrity.casefiles import case_folder_name, write_case
from integrity.config import Settings, data_home
from integrity.ingest import ingest_file
from integrity.models import Case, DetectorResult, Manuscript, Problem

log = logging.getLogger("integrity.pipeline")
T = TypeVar("T")

# Seconds one detector may take on one manuscript (``INTEGRITY_DETECTOR_TIMEOUT``;
# a detector class may set ``timeout_seconds`` itself); 0 = no limit.
DEFAULT_DETECTOR_TIMEOUT = float(os.environ.get("INTEGRITY_DETECTOR_TIMEOUT", 900))

# The one place where a written case is handed on (e.g. to the review store).
# ``BEFORE_WRITE_HOOKS``: f(case), after assembly, before the case files are
# written (e.g. review.hooks.before_write: apply reviewers' suppressions).
# ``AFTER_WRITE_HOOKS``: f(case, folder), after the case folder is written
# (e.g. review.hooks.after_write: import the folder into the review store).
# A hook's failure is logged and never stops a batch.
BEFORE_WRITE_HOOKS: list[Callable[[Case], Any]] = []
AFTER_WRITE_HOOKS: list[Callable[[Case, Path], Any]] = []


def _install_review_hooks() -> None:
    """Screened cases reach the review workbench, and its suppressions apply."""
    from integrity.review import hooks

    BEFORE_WRITE_HOOKS.append(hooks.before_write)
    AFTER_WRITE_HOOKS.append(hooks.after_write)


_install_review_hooks()


@dataclass
class DetectorRun:
    """One detector's outcome on one manuscript, including its failure."""

    name: str
    result: DetectorResult = field(default_factory=DetectorResult)
    seconds: float = 0.0
    error: Problem | None = None
    skipped: Problem | None = None


def ingest(path: str | Path, settings: Settings) -> Manuscript:
    """Read one file; never raises for bad content (errors are on the manuscript)."""
    try:
        return ingest_file(path, settings.ingest)
    except OSError as exc:  # unreadable file: still account for it
        data_id = hashlib.sha256(str(path).encode()).hexdigest()
        m = Manuscript(id=data_id, filename=Path(path).name, format="unknown", path=str(path))
        m.errors.append(Problem("unreadable_file", f"The file could not be read: {exc.strerror or exc}."))
        return m


def detector_timeout(detector: Detector, default: float | None = None) -> float:
    """The time limit for ``detector`` (seconds; 0 = none)."""
    own = getattr(detector, "timeout_seconds", None)
    return float(own if own is not None else (default if default is not None else DEFAULT_DETECTOR_TIMEOUT))


def run_detector(detector: Detector, manuscript: Manuscript, corpus: Any = None, timeout: float | None = None) -> DetectorRun:
    """Run one detector; a crash or a time-out becomes an error entry, not a stopped batch."""
    run = DetectorRun(detector.name)
    if not manuscript.readable:
        run.skipped = Problem("not_run", "The manuscript could not be read.", stage=detector.name)
        return run
    if detector.uses_text and not detector.uses_figures and not manuscript.text.strip():
        run.skipped = Problem("no_text", f"{detector.name}: skipped, the manuscript has no text.", stage=detector.name)
        return run
    started = time.perf_counter()
    limit = detector_timeout(detector, timeout)
    try:
        run.result = _call_with_timeout(lambda: detector.detect(manuscript, corpus), limit)
    except TimeoutError:
        run.error = Problem("detector_timeout", f"The {detector.name} detector did not finish within {limit:g} s on this manuscript; its findings are missing.", stage=detector.name)
    except Exception as exc:  # a detector bug must not cost the other detectors' findings
        detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
        run.error = Problem("detector_failed", f"The {detector.name} detector failed on this manuscript: {detail}", stage=detector.name)
    run.seconds = time.perf_counter() - started
    return run


def _call_with_timeout(work: Callable[[], T], seconds: float) -> T:
    """``work()`` in a daemon thread, given up after ``seconds``.

    Python cannot stop a thread: a detector that overruns keeps its thread
    (and a CPU) until it returns, but the batch moves on without it.
    """
    if not seconds or seconds <= 0:
        return work()
    outcome: dict[str, Any] = {}

    def target() -> None:
        try:
            outcome["value"] = work()
        except BaseException as exc:  # handed to the caller below
            outcome["error"] = exc

    thread = threading.Thread(target=target, name="detector", daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        raise TimeoutError
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def assemble_case(manuscript: Manuscript, runs: list[DetectorRun], detectors: list[Detector], ingest_seconds: float) -> Case:
    """Collect the detector runs into one Case with timings and parameters."""
    case = Case(
        manuscript=manuscript,
        errors=list(manuscript.errors),
        warnings=list(manuscript.warnings),
        tool_version=__version__,
        created_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        parameters={d.name: _jsonable(d.get_params()) for d in detectors},
    )
    case.timings["ingest"] = ingest_seconds
    for run in runs:
        case.findings.extend(run.result.findings)
        case.data.update(run.result.data)
        case.timings[f"detector.{run.name}"] = run.seconds
        if run.error:
            case.errors.append(run.error)
        if run.skipped and manuscript.readable and not _already_said(case.warnings, run.skipped):
            case.warnings.append(run.skipped)
    case.data["screening_fingerprint"] = screening_fingerprint(detectors)
    return case


def _already_said(warnings: list[Problem], skipped: Problem) -> bool:
    """A skip for lack of text repeats what ingestion already reported."""
    return skipped.code == "no_text" and any(w.code in ("no_text", "no_text_layer") for w in warnings)


def screening_fingerprint(detectors: list[Detector]) -> str:
    """What must match for an earlier case of the same bytes to be reused: tool
    version, detectors and their parameters."""
    spec = {"version": __version__, "detectors": {d.name: _jsonable(d.get_params()) for d in detectors}}
    return hashlib.sha256(json.dumps(spec, sort_keys=True).encode()).hexdigest()[:16]


def previous_case(out_dir: str | Path, manuscript_id: str, filename: str, fingerprint: str, folder: str | None = None) -> dict[str, Any] | None:
    """The case.json already written for these bytes with the same settings, if any
    (in ``folder``, else in the folder the file name gives)."""
    from integrity.storage import read_text

    try:
        record = json.loads(read_text(out_dir, f"{folder or case_folder_name(manuscript_id, filename)}/case.json"))
    except (OSError, ValueError):
        return None
    if record.get("manuscript", {}).get("id") == manuscript_id and record.get("screening_fingerprint") == fingerprint:
        return record
    return None


def screen_one(
    path: str | Path, detectors: list[Detector], settings: Settings, out_dir: str | Path | None, corpus: Any = None, add_to_corpus: bool = True
) -> tuple[Case, Path | None]:
    """Ingest, detect, assemble and (if ``out_dir``) write one manuscript, in-process.

    The manuscript is checked against ``corpus`` first and then added to it
    (unless ``add_to_corpus`` is False), so it never matches itself.
    """
    started = time.perf_counter()
    manuscript = ingest(path, settings)
    ingest_seconds = time.perf_counter() - started
    runs = [run_detector(d, manuscript, corpus) for d in detectors]
    case = assemble_case(manuscript, runs, detectors, ingest_seconds)
    if corpus is not None and add_to_corpus:
        corpus.add(manuscript)
    case.timings["total"] = time.perf_counter() - started
    folder = write_case_files(case, out_dir) if out_dir is not None else None
    return case, folder


def write_case_files(case: Case, out_dir: str | Path) -> Path:
    """Write one case folder (to object storage too, for ``s3://...``), with the hooks
    around it (see ``BEFORE_WRITE_HOOKS``); returns the local folder."""
    from integrity.storage import local_copy, upload

    for hook in BEFORE_WRITE_HOOKS:
        _run_hook(hook, case)
    folder = write_case(case, local_copy(out_dir))
    upload(folder, out_dir)
    for hook in AFTER_WRITE_HOOKS:
        _run_hook(hook, case, folder)
    return folder


def _run_hook(hook: Callable[..., Any], *args: Any) -> None:
    try:
        hook(*args)
    except Exception:  # a hook (e.g. the review store being down) must not stop screening
        log.warning("case hook %s failed", getattr(hook, "__name__", hook), exc_info=True)


def cache_manuscript(manuscript: Manuscript) -> str:
    """Keep an ingested manuscript on disk between a batch's two passes; returns its key.

    Holding a whole batch (with figure pixels) in memory would not scale.
    The files are ours, written by this process, so pickle is safe here.
    """
    folder = data_home() / "cache" / "manuscripts"
    folder.mkdir(parents=True, exist_ok=True)
    key = manuscript.id
    tmp = folder / f".{key}.tmp"
    with tmp.open("wb") as fh:
        pickle.dump(manuscript, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, folder / f"{key}.pickle")
    return key


def load_manuscript(key: str) -> Manuscript:
    with (data_home() / "cache" / "manuscripts" / f"{key}.pickle").open("rb") as fh:
        return pickle.load(fh)


def case_row(record: dict[str, Any], status: str, folder: str | None, seconds: float, filename: str | None = None) -> dict[str, Any]:
    """One input's line in the run summary (the dashboard's table row)."""
    m = record["manuscript"]
    families = sorted({f["detector"] for f in record["findings"] if f["severity"] != "info"})
    return {
        "id": m["id"],
        "short_id": m["id"][:12],
        "filename": filename or m["filename"],
        "title": m.get("title") or "",
        "pages": m.get("pages", 0),
        "score": record["score"],
        "top_severity": record["top_severity"],
        "counts": record["counts"],
        "families": families,
        "status": status,
        "errors": record["errors"],
        "warnings": record["warnings"],
        "folder": folder,
        "seconds": round(seconds, 3),
    }


def case_status(record: dict[str, Any]) -> str:
    """``failed`` when the file itself could not be read, else ``screened``
    (a detector's failure is an error on a screened case)."""
    return "failed" if any(e.get("stage") == "ingest" for e in record["errors"]) else "screened"


def skipped_row(filename: str, manuscript_id: str, reason: str) -> dict[str, Any]:
    """The summary row of an input that was deliberately not screened."""
    return {
        "id": manuscript_id, "short_id": manuscript_id[:12], "filename": filename, "title": "", "pages": 0,
        "score": 0.0, "top_severity": None, "counts": {"info": 0, "low": 0, "medium": 0, "high": 0},
        "families": [], "status": "skipped", "errors": [],
        "warnings": [{"code": "duplicate_input", "message": reason, "stage": "batch"}],
        "folder": None, "seconds": 0.0,
    }


def run_totals(rows: list[dict[str, Any]]) -> dict[str, int]:
    """Counts that add up to the inputs: every input is screened, failed or skipped.

    ``reused`` (a part of the others): inputs whose earlier case (same bytes, same
    settings) stands; the run ledger, which records work done, counts them as skipped.
    """
    return {
        "inputs": len(rows),
        "screened": sum(r["status"] == "screened" for r in rows),
        "reused": sum(1 for r in rows if r.get("reused")),
        "failed": sum(r["status"] == "failed" for r in rows),
        "skipped": sum(r["status"] == "skipped" for r in rows),
        "with_findings": sum(1 for r in rows if r["status"] == "screened" and r["top_severity"] not in (None, "info")),
        "findings": sum(sum(r["counts"].values()) for r in rows if r["status"] == "screened"),
    }


def new_run_id() -> str:
    now = datetime.now(timezone.utc)
    return now.strftime("%Y%m%dT%H%M%SZ") + "-" + hashlib.sha256(str(time.time_ns()).encode()).hexdigest()[:6]


def _jsonable(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str))
