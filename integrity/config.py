"""Settings: the data directory and ``integrity.toml``.

Everything the project keeps (store, corpus index, Prefect home, caches)
lives under one data directory, ``INTEGRITY_HOME`` (default ``./.integrity``),
so two installations or test runs never share state by accident.

``integrity.toml`` (looked up in the working directory, or given with
``--config``) may hold::

    [detectors]
    enabled = ["completeness", "stats"]     # default: every registered detector

    [detectors.stats]                      # keyword arguments of that detector
    alpha = 0.05

    [ingest]                               # fields of IngestOptions
    max_pages = 300
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from integrity.ingest import IngestOptions

CONFIG_FILENAME = "integrity.toml"


def data_home() -> Path:
    """The project's data directory (created on first use)."""
    home = Path(os.environ.get("INTEGRITY_HOME", ".integrity")).expanduser().resolve()
    home.mkdir(parents=True, exist_ok=True)
    return home


@dataclass
class Settings:
    enabled_detectors: list[str] | None = None  # None = all registered
    detector_params: dict[str, dict[str, Any]] = field(default_factory=dict)
    ingest: IngestOptions = field(default_factory=IngestOptions)
    source: str | None = None  # the file the settings came from, for the case record


def load_settings(path: str | Path | None = None) -> Settings:
    """Settings from ``path``, else ``./integrity.toml`` if present, else defaults.

    Unknown keys are an error rather than silently ignored: a misspelt
    threshold would otherwise screen a whole batch with the wrong value.
    """
    if path is None:
        candidate = Path.cwd() / CONFIG_FILENAME
        if not candidate.exists():
            return Settings()
        path = candidate
    path = Path(path)
    with path.open("rb") as fh:
        raw = tomllib.load(fh)
    unknown = set(raw) - {"detectors", "ingest"}
    if unknown:
        raise ValueError(f"{path}: unknown section(s) {sorted(unknown)}; expected [detectors] and [ingest]")
    detectors = dict(raw.get("detectors", {}))
    enabled = detectors.pop("enabled", None)
    params = {name: dict(values) for name, values in detectors.items() if isinstance(values, dict)}
    ingest_fields = {f.name for f in fields(IngestOptions)}
    ingest_raw = raw.get("ingest", {})
    bad = set(ingest_raw) - ingest_fields
    if bad:
        raise ValueError(f"{path}: unknown [ingest] key(s) {sorted(bad)}; known: {sorted(ingest_fields)}")
    return Settings(enabled_detectors=enabled, detector_params=params, ingest=IngestOptions(**ingest_raw), source=str(path))
