"""The case record as JSON, versioned and described by ``integrity/schema/case.schema.json``."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from integrity.models import SEVERITY_ORDER, Case

SCHEMA_VERSION = "1.0"
TEXT_FILE = "text.txt"
EVIDENCE_DIR = "evidence"


def evidence_filename(finding_number: int, image_name: str) -> str:
    """Where a finding's evidence image is saved, relative to the case folder.

    The detector-chosen name is reduced to safe characters: it never becomes
    part of a path as given.
    """
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in image_name).lstrip(".") or "image.png"
    return f"{EVIDENCE_DIR}/f{finding_number:02d}-{safe}"


def case_to_dict(case: Case) -> dict[str, Any]:
    """The JSON-able case record. Findings are sorted most severe first."""
    findings = []
    for number, finding in enumerate(case.sorted_findings(), start=1):
        d = finding.to_dict()
        d["number"] = number
        for image in d["images"]:
            image["path"] = evidence_filename(number, image["name"])
        findings.append(d)
    counts = {s.value: sum(1 for f in case.findings if f.severity == s) for s in SEVERITY_ORDER}
    record: dict[str, Any] = dict(case.data)  # detector tables first, so core keys win on a clash
    record.update(
        {
            "schema_version": SCHEMA_VERSION,
            "tool": {"name": "research-integrity", "version": case.tool_version},
            "created_at": case.created_at,
            "manuscript": {**case.manuscript.summary(), "text_file": TEXT_FILE},
            "score": case.score,
            "top_severity": case.top_severity.value if case.top_severity else None,
            "counts": counts,
            "findings": findings,
            "errors": [p.to_dict() for p in case.errors],
            "warnings": [p.to_dict() for p in case.warnings],
            "timings": {k: round(v, 4) for k, v in case.timings.items()},
            "parameters": case.parameters,
        }
    )
    return record


@lru_cache(maxsize=1)
def case_schema() -> dict[str, Any]:
    return json.loads(resources.files("integrity.schema").joinpath("case.schema.json").read_text())


def validate_case(record: dict[str, Any]) -> None:
    """Raise jsonschema.ValidationError if ``record`` does not follow the schema.

    Validates the record as it will be stored (through JSON), so tuples in
    detector evidence count as the arrays they become.
    """
    import jsonschema

    jsonschema.validate(json.loads(json.dumps(record)), case_schema())
