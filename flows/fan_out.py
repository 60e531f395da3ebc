"""Pass 2 of a batch spread over workers: one ``check-paper`` flow run per
manuscript, through Prefect's ``run_deployment`` on a work pool.

Workers on any number of machines (``prefect worker start --pool integrity``)
pick the child runs up; the deployment's and the pool's concurrency limits
cap how many run at once. Children read the manuscript from where the source
said it is (a shared folder, an HTTP URL, ``s3://...``), check it against the
shared corpus (``INTEGRITY_DB_URL``) and write its case to the shared case
store; the batch then reads each case and settles it in its ledger.
"""

from __future__ import annotations

import json
import time

from prefect.client.orchestration import get_client
from prefect.deployments import run_deployment

from integrity.casefiles import case_folder_name
from integrity.runs import BatchRun, Pending
from integrity.sources import with_retries
from integrity.storage import read_text

POLL_SECONDS = 2.0
PAGE = 200


def screen_on_workers(run: BatchRun, pending: list[Pending], deployment: str, out_dir: str, config: str | None, detector_timeout: float | None) -> None:
    """Start one child flow run per claimed manuscript, wait for all, settle each."""
    children = {}
    for claimed in pending:
        parameters = {"path": claimed.item.uri, "out_dir": out_dir, "config": config, "add_to_corpus": False, "detector_timeout": detector_timeout}
        try:  # a busy server answers 503 now and then: retry with backoff, then give this one back
            child = with_retries(lambda: run_deployment(deployment, parameters=parameters, timeout=0, flow_run_name=f"check {claimed.item.name}"),
                                 attempts=5, base_delay=1.0, transient=(Exception,))
        except Exception as exc:
            run.gave_up(claimed, f"Could not start a worker run: {exc}")
            continue
        children[child.id] = claimed
    states = wait_for_flow_runs(run, list(children))
    for flow_run_id, claimed in children.items():
        state = states[flow_run_id]
        if state is None or not state.is_completed():
            run.gave_up(claimed, f"Worker run {flow_run_id} ended {state.name if state else 'unknown'}")
            continue
        folder = case_folder_name(claimed.manuscript_id, claimed.item.name)
        try:
            record = json.loads(read_text(out_dir, f"{folder}/case.json"))
        except (OSError, ValueError) as exc:
            run.gave_up(claimed, f"Worker run {flow_run_id} left no readable case: {exc}")
            continue
        run.screened(claimed, record, folder, record.get("timings", {}).get("total", 0.0))


def wait_for_flow_runs(run: BatchRun, flow_run_ids: list, timeout: float = 24 * 3600) -> dict:
    """Final states of the child runs (one query per poll); claims get heartbeats meanwhile."""
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    states: dict = {}
    deadline = time.monotonic() + timeout
    with get_client(sync_client=True) as client:
        while len(states) < len(flow_run_ids) and time.monotonic() < deadline:
            waiting = [i for i in flow_run_ids if i not in states]
            for start in range(0, len(waiting), PAGE):  # the API returns at most 200 runs per request
                page = waiting[start:start + PAGE]
                for flow_run in client.read_flow_runs(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=page)), limit=len(page)):
                    if flow_run.state is not None and flow_run.state.is_final():
                        states[flow_run.id] = flow_run.state
            run.ledger.heartbeat_all()
            time.sleep(POLL_SECONDS)
    return {i: states.get(i) for i in flow_run_ids}
