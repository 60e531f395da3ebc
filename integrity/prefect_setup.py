"""Prefect defaults for this project, applied before Prefect is imported.

- PREFECT_HOME inside the project's data directory, so runs never share a
  Prefect database with another installation or test run by accident;
- telemetry off;
- a generous start-up timeout for the temporary local server Prefect starts
  when no server is configured (20-40 s on a 2-core machine, more than
  Prefect's default allows).

Values already set in the environment win.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from integrity.config import data_home

DEFAULTS = {
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180",
    "PREFECT_API_REQUEST_TIMEOUT": "120",
    "PREFECT_SERVER_LOGGING_LEVEL": "WARNING",
}


def configure_prefect() -> None:
    os.environ.setdefault("PREFECT_HOME", str(data_home() / "prefect"))
    for key, value in DEFAULTS.items():
        os.environ.setdefault(key, value)


def prefect_server_configured() -> bool:
    """True when a Prefect server (or Prefect Cloud) is set as the API to use.

    Reads the environment and the active profile directly: importing Prefect
    just to ask would cost an on-demand check a second.
    """
    if os.environ.get("PREFECT_API_URL"):
        return True
    configure_prefect()
    try:
        with (Path(os.environ["PREFECT_HOME"]) / "profiles.toml").open("rb") as fh:
            profiles = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError):
        return False
    active = os.environ.get("PREFECT_PROFILE") or profiles.get("active", "ephemeral")
    return bool(profiles.get("profiles", {}).get(active, {}).get("PREFECT_API_URL"))
