"""A local Prefect server for this project, and the pieces the ``serve``
commands share.

``integrity server start`` runs ``prefect server start`` on SQLite with the
project's ``PREFECT_HOME`` (``$INTEGRITY_HOME/prefect``) and telemetry off,
so runs show in the Prefect UI (http://127.0.0.1:4200). Point every other
process at it with ``PREFECT_API_URL=http://127.0.0.1:4200/api`` (or
``prefect config set PREFECT_API_URL=...`` in that ``PREFECT_HOME``).
A running server is the documented way to operate: Prefect's per-process
temporary server takes tens of seconds to start on a small machine.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from integrity.prefect_setup import configure_prefect

WORK_POOL = "integrity"
CHECK_DEPLOYMENT = "check-paper/check-paper"
BATCH_DEPLOYMENT = "screen-batch/screen-batch-inbox"


def api_url(host: str = "127.0.0.1", port: int = 4200) -> str:
    return f"http://{host}:{port}/api"


def server_environment(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a Prefect process of this project (server, worker or client)."""
    configure_prefect()
    env = dict(os.environ)
    env.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    env.setdefault("DO_NOT_TRACK", "1")
    env.setdefault("PREFECT_UI_ENABLED", "true")
    env.update(extra or {})
    return env


def start_server(host: str = "127.0.0.1", port: int = 4200, log_file: Path | None = None, extra_env: dict[str, str] | None = None) -> subprocess.Popen:
    """Start ``prefect server start`` in the background; returns its process."""
    env = server_environment(extra_env)
    env.pop("PREFECT_API_URL", None)  # the server itself is not a client of another server
    out = open(log_file, "ab") if log_file else subprocess.DEVNULL
    return subprocess.Popen(
        [sys.executable, "-m", "prefect", "server", "start", "--host", host, "--port", str(port)],
        env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
    )


def wait_until_healthy(url: str, timeout: float = 180.0, process: subprocess.Popen | None = None) -> None:
    """Block until the server at ``url`` (``.../api``) answers its health check."""
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the Prefect server exited with status {process.returncode}")
        try:
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise TimeoutError(f"no Prefect server answered at {url} within {timeout:.0f} s")


def check_remote(path: str, out_dir: str, config: str | None = None, add_to_corpus: bool = True, timeout: float = 900) -> dict:
    """Trigger the ``check-paper`` deployment for ``path`` and wait for its case record."""
    import json

    from prefect.deployments import run_deployment

    from integrity.casefiles import case_folder_name
    from integrity.ingest import file_id

    flow_run = run_deployment(
        CHECK_DEPLOYMENT,
        parameters={"path": path, "out_dir": out_dir, "config": config, "add_to_corpus": add_to_corpus},
        timeout=timeout,
    )
    if not flow_run.state or not flow_run.state.is_completed():
        raise RuntimeError(f"check-paper run {flow_run.name} ended {flow_run.state.name if flow_run.state else 'without a state'}")
    from integrity.storage import read_text

    local = Path(path)
    return json.loads(read_text(out_dir, f"{case_folder_name(file_id(local.read_bytes()), local.name)}/case.json"))
