"""End to end: the real screen-batch flow on sample_papers/, as `make demo` runs it.

Every input gets accounted for, every planted problem in truth.json is found
on the right paper and shown in its case file, and the clean controls get no
finding above low severity from the three detector families.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from integrity.casefiles import validate_case
from integrity.ingest import list_manuscripts
from tests.conftest import SAMPLE_PAPERS

TRUTH = json.loads((SAMPLE_PAPERS / "truth.json").read_text())
FAMILY_DETECTOR = {"stats": "stats", "text": "text_overlap", "images": "images"}
SEVERITY_RANK = {"info": 0, "low": 1, "medium": 2, "high": 3}


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory) -> tuple[dict, Path]:
    from flows.screen_batch import screen_batch

    out = tmp_path_factory.mktemp("demo-cases")
    return screen_batch(str(SAMPLE_PAPERS), str(out)), out


def record_for(run: dict, out: Path, filename: str) -> dict:
    row = next(r for r in run["cases"] if r["filename"] == filename)
    return json.loads((out / row["folder"] / "case.json").read_text())


def test_every_sample_input_has_one_case_and_the_dashboard_lists_it(demo_run):
    run, out = demo_run
    inputs = [p.name for p in list_manuscripts(SAMPLE_PAPERS)]
    assert sorted(r["filename"] for r in run["cases"]) == sorted(inputs)
    assert set(inputs) == set(TRUTH["papers"])
    totals = run["totals"]
    assert totals["inputs"] == len(inputs) == totals["screened"] + totals["failed"] + totals["skipped"]
    dashboard = (out / "index.html").read_text()
    for row in run["cases"]:
        assert row["filename"] in dashboard
        record = json.loads((out / row["folder"] / "case.json").read_text())
        validate_case(record)


@pytest.mark.parametrize("filename", sorted(n for n, p in TRUTH["papers"].items() if p.get("broken")))
def test_broken_sample_files_are_reported_not_fatal(demo_run, filename):
    run, out = demo_run
    row = next(r for r in run["cases"] if r["filename"] == filename)
    problems = {p["code"] for p in row["errors"] + row["warnings"]}
    expected = {
        "corrupt": {"corrupt_pdf"},
        "encrypted": {"encrypted"},
        "scanned": {"no_text_layer"},
        "image-only": {"no_text_layer"},
        "empty": {"empty_file"},
        "notpdf": {"unsupported_format"},
        "not-pdf": {"unsupported_format"},
    }[TRUTH["papers"][filename]["broken"]]
    assert problems & expected, (filename, problems)


@pytest.mark.parametrize("problem", TRUTH["problems"], ids=[p["id"] for p in TRUTH["problems"]])
def test_planted_problem_is_found_and_shown(demo_run, problem):
    run, out = demo_run
    record = record_for(run, out, problem["paper"])
    detector = FAMILY_DETECTOR[problem["family"]]
    findings = [f for f in record["findings"] if f["detector"] == detector and f["severity"] != "info"]
    assert findings, f"{problem['id']}: no {detector} finding on {problem['paper']}"
    if problem.get("page"):
        pages = {loc.get("page") for f in findings for loc in f["locations"]}
        assert problem["page"] in pages, f"{problem['id']}: expected page {problem['page']}, findings on {pages}"
    html = (out / next(r for r in run["cases"] if r["filename"] == problem["paper"])["folder"] / "index.html").read_text()
    assert any(f["title"].replace("&", "&amp;").replace("<", "&lt;")[:40] in html for f in findings)


@pytest.mark.parametrize("filename", sorted(n for n, p in TRUTH["papers"].items() if p.get("clean")))
def test_clean_controls_get_nothing_above_low(demo_run, filename):
    run, out = demo_run
    record = record_for(run, out, filename)
    loud = [
        (f["detector"], f["severity"], f["title"])
        for f in record["findings"]
        if f["detector"] in FAMILY_DETECTOR.values() and SEVERITY_RANK[f["severity"]] > SEVERITY_RANK["low"]
    ]
    assert loud == []
