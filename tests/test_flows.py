"""The real Prefect flows (local mode with a temporary server) on files the tests build."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from integrity.casefiles import validate_case
from tests.pdf_builder import build_paper, text_pdf


@pytest.fixture(scope="module")
def batch_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("inbox")
    build_paper(folder / "a-paper.pdf")
    text_pdf(folder / "b-short.pdf", pages=2, text="A short note on <script>alert(1)</script> results.")
    shutil.copy(folder / "a-paper.pdf", folder / "c-same-bytes.pdf")
    (folder / "d-empty.pdf").write_bytes(b"")
    (folder / "e-page.pdf").write_text("<html><body>not a paper</body></html>")
    (folder / "f-pasted.txt").write_text("Results\nWe found t(12) = 3.1, p = .009 in Figure 4.\n")
    (folder / "notes.md").write_text("not a manuscript")
    return folder


@pytest.fixture(scope="module")
def batch_run(batch_dir: Path, tmp_path_factory) -> tuple[dict, Path]:
    from flows.screen_batch import screen_batch

    out = tmp_path_factory.mktemp("cases")
    return screen_batch(str(batch_dir), str(out)), out


def test_every_input_is_accounted_for(batch_run):
    run, out = batch_run
    statuses = {row["filename"]: row["status"] for row in run["cases"]}
    assert statuses == {
        "a-paper.pdf": "screened",
        "b-short.pdf": "screened",
        "c-same-bytes.pdf": "skipped",
        "d-empty.pdf": "failed",
        "e-page.pdf": "failed",
        "f-pasted.txt": "screened",
    }
    totals = run["totals"]
    assert totals["inputs"] == 6 == totals["screened"] + totals["failed"] + totals["skipped"]
    failed = {row["filename"]: row["errors"][0]["code"] for row in run["cases"] if row["status"] == "failed"}
    assert failed == {"d-empty.pdf": "empty_file", "e-page.pdf": "unsupported_format"}


def test_one_valid_case_folder_per_distinct_input(batch_run):
    run, out = batch_run
    folders = sorted(p for p in out.iterdir() if p.is_dir())
    assert len(folders) == 5  # the duplicate bytes share one case
    for folder in folders:
        record = json.loads((folder / "case.json").read_text())
        validate_case(record)
        assert (folder / "index.html").exists() and (folder / "text.txt").exists()
    pasted = next(f for f in folders if f.name.endswith("-f-pasted"))
    record = json.loads((pasted / "case.json").read_text())
    assert (pasted / "text.txt").read_text() == "Results\nWe found t(12) = 3.1, p = .009 in Figure 4.\n"
    assert record["manuscript"]["format"] == "txt"


def test_dashboard_ranks_cases_and_lists_failures(batch_run):
    run, out = batch_run
    html = (out / "index.html").read_text()
    assert "d-empty.pdf" in html and "The file is empty" in html
    assert "<script>alert(1)</script>" not in (out / [r for r in run["cases"] if r["filename"] == "b-short.pdf"][0]["folder"] / "index.html").read_text()
    assert json.loads((out / "run.json").read_text())["totals"] == run["totals"]


def test_rerun_reuses_cases_and_duplicates_nothing(batch_dir: Path, batch_run):
    from flows.screen_batch import screen_batch
    from integrity.corpus import Corpus

    run, out = batch_run
    before = sorted(p.name for p in out.iterdir())
    documents_before = Corpus().stats()["documents"]
    again = screen_batch(str(batch_dir), str(out))
    assert sorted(p.name for p in out.iterdir()) == before
    assert Corpus().stats()["documents"] == documents_before == 3  # a-paper, b-short, f-pasted
    reused = {r["filename"] for r in again["cases"] if r.get("reused")}
    assert reused == {"a-paper.pdf", "b-short.pdf", "f-pasted.txt", "d-empty.pdf", "e-page.pdf"}
    assert again["totals"]["inputs"] == 6


def test_check_paper_flow(tmp_path: Path, paper_pdf: Path):
    from flows.check_paper import check_paper

    record = check_paper(str(paper_pdf), str(tmp_path / "cases"), add_to_corpus=False)
    validate_case(record)
    assert record["manuscript"]["title"] == "Effects of Practice on Recall"
    assert {"ingest", "detector.completeness"} <= set(record["timings"])
