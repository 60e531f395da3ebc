"""Write case folders and the run dashboard to disk.

Layout::

    <out>/index.html                   ranked dashboard of the run
    <out>/run.json                     the run summary the dashboard is drawn from
    <out>/<short-id>-<slug>/case.json  the case record
    <out>/<short-id>-<slug>/index.html rendered from case.json
    <out>/<short-id>-<slug>/text.txt   the text every character offset indexes
    <out>/<short-id>-<slug>/evidence/  evidence images
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from pathlib import Path
from typing import Any

from integrity.casefiles.case_json import TEXT_FILE, case_to_dict, evidence_filename
from integrity.models import Case


def slugify(text: str, max_length: int = 40) -> str:
    """A file-name-safe slug: ASCII letters, digits and dashes only.

    Manuscript titles and file names are untrusted; the slug can never hold
    a path separator or '..'.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:max_length].rstrip("-") or "manuscript"


def case_folder_name(manuscript_id: str, filename: str) -> str:
    return f"{manuscript_id[:12]}-{slugify(Path(filename).stem)}"


def _write_atomic(path: Path, data: bytes) -> None:
    """Write via a temporary file and rename, so a killed run never leaves half a file."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def write_case(case: Case, out_dir: str | Path) -> Path:
    """Write one case folder; returns its path. Re-writing replaces it in place."""
    from integrity.casefiles.html import render_case_html

    record = case_to_dict(case)
    folder = Path(out_dir) / case_folder_name(case.manuscript.id, case.manuscript.filename)
    (folder / "evidence").mkdir(parents=True, exist_ok=True)
    for number, finding in enumerate(case.sorted_findings(), start=1):
        for image in finding.images:
            _write_atomic(folder / evidence_filename(number, image.name), image.png)
    _write_atomic(folder / TEXT_FILE, case.manuscript.text.encode("utf-8"))
    _write_atomic(folder / "case.json", json.dumps(record, indent=2, ensure_ascii=False).encode("utf-8"))
    _write_atomic(folder / "index.html", render_case_html(record).encode("utf-8"))
    return folder


def write_dashboard(run: dict[str, Any], out_dir: str | Path) -> Path:
    """Write ``run.json`` and the ranked dashboard ``index.html``; returns the HTML path."""
    from integrity.casefiles.html import render_dashboard_html

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    _write_atomic(out / "run.json", json.dumps(run, indent=2, ensure_ascii=False).encode("utf-8"))
    path = out / "index.html"
    _write_atomic(path, render_dashboard_html(run).encode("utf-8"))
    return path
