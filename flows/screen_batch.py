"""Flow: screen the manuscripts of a source, write case files and a dashboard.

Two passes, so that manuscripts of one batch are compared with each other
whatever their order (simultaneous submissions): first every input is
fetched, claimed in the run ledger, read and added to the corpus index; then
every claimed manuscript is checked against the corpus and its case written.

Every input is accounted for, in the returned summary and in the run ledger:
each ends the run screened, failed (with the reason) or skipped (same bytes
as another input, screened before with the same settings, or being screened
by another run right now), and the totals add up to the number of inputs. A
run killed mid-way leaves its claims to the next run, which finishes them.
"""

from __future__ import annotations

import flows  # noqa: F401  (Prefect defaults before Prefect is imported)
from prefect import flow, get_run_logger, runtime

from flows.fan_out import screen_on_workers
from flows.tasks import assemble_task, detect_task, fetch_task, index_task, ingest_task, load_manuscript, write_task
from integrity import pipeline
from integrity.casefiles import case_to_dict, write_dashboard
from integrity.config import load_settings
from integrity.corpus import Corpus
from integrity.notify import publish_run
from integrity.registry import build_detectors
from integrity.runs import BatchRun, Pending, inbox_dashboard
from integrity.sources import open_source
from integrity.storage import local_copy, upload

INBOX_SETTLE_SECONDS = 2.0  # a file changed more recently may still be being copied into the inbox


@flow(name="screen-batch", log_prints=True)
def screen_batch(
    source: str | list[str],
    out_dir: str = "cases",
    config: str | None = None,
    force: bool = False,
    new_only: bool = False,
    detector_timeout: float | None = None,
    fan_out: str | None = None,
) -> dict:
    """Screen the manuscripts of ``source`` (folder, files, URLs, ``s3://...``); returns the run summary.

    ``new_only``: only inputs not handed out by an earlier run (the scheduled inbox).
    ``fan_out``: a ``check-paper`` deployment (e.g. ``"check-paper/check-paper"``):
    pass 2 runs there, one child flow run per manuscript, on the pool's workers.
    """
    logger = get_run_logger()
    settings = load_settings(config)
    detectors = build_detectors(settings)
    corpus = Corpus()
    inputs = open_source(source, settle_seconds=INBOX_SETTLE_SECONDS if new_only else 0.0)
    run = BatchRun(inputs.key, str(out_dir), pipeline.screening_fingerprint(detectors), force)
    run.start(str(source), str(runtime.flow_run.id or ""))
    items = list(inputs.items())
    items = run.new_items(items) if new_only else items
    logger.info("Run %s: %d input(s) from %s with %s", run.run_id, len(items), source, ", ".join(d.name for d in detectors))

    # Pass 1: fetch, claim, read and index every input.
    pending = [claimed for position, item in enumerate(items) if (claimed := read_and_index(run, position, item, settings, corpus))]

    # Pass 2: check each against the corpus (which now holds the whole batch) and write its case.
    if fan_out:
        screen_on_workers(run, pending, fan_out, str(out_dir), config, detector_timeout)
    else:
        for number, claimed in enumerate(pending, start=1):
            row = screen_claimed(run, claimed, detectors, corpus, str(out_dir), detector_timeout)
            logger.info("[%d/%d] %s: %s, score %.1f", number, len(pending), claimed.item.name, row["status"], row["score"])

    summary = run.summary(str(source), [d.name for d in detectors])
    shown = inbox_dashboard(summary, str(out_dir)) if new_only else summary  # the inbox's dashboard accumulates
    if shown is not None:
        summary["dashboard"] = str(write_dashboard(shown, local_copy(out_dir)))
        upload(local_copy(out_dir) / "run.json", out_dir)
        upload(local_copy(out_dir) / "index.html", out_dir)
    publish_run(summary)  # Prefect artifact; webhook / e-mail when configured
    return summary


def read_and_index(run: BatchRun, position: int, item, settings, corpus) -> Pending | None:
    """Fetch one input, claim it for this run, read it and add it to the corpus; None if settled already."""
    try:
        path = fetch_task(item)
    except Exception as exc:
        run.fetch_failed(position, item, f"Could not fetch {item.uri}: {exc}")
        return None
    claimed = run.admit(position, item, path)
    if claimed is None:
        return None
    try:
        claimed.cache_key, claimed.ingest_seconds = ingest_task(str(path), settings)
        index_task(claimed.cache_key, corpus)
    except Exception as exc:  # not the manuscript's fault: the claim goes back for the next run
        run.gave_up(claimed, f"Reading or indexing failed: {exc}")
        return None
    return claimed


def screen_claimed(run: BatchRun, claimed: Pending, detectors, corpus, out_dir: str, timeout: float | None) -> dict:
    """Detect, assemble and write the case of one claimed manuscript; settle it in the ledger."""
    try:
        run.ledger.heartbeat(claimed.manuscript_id, run.fingerprint, run.target)
        manuscript = load_manuscript(claimed.cache_key)
        runs = [detect_task(d, manuscript, corpus, timeout) for d in detectors]
        case = assemble_task(manuscript, runs, detectors, claimed.ingest_seconds)
        case.timings["total"] = claimed.ingest_seconds + sum(r.seconds for r in runs)
        folder = write_task(case, out_dir)
    except Exception as exc:  # not the manuscript's fault (e.g. the disk): the next run retries it
        return run.gave_up(claimed, f"Screening failed: {exc}")
    return run.screened(claimed, case_to_dict(case), folder.name, case.timings["total"])
