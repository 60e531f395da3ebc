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
    assert again["totals"]["inputs"] == 6 and again["totals"]["reused"] == 5
    # The ledger records work done: reused cases are skipped there; the two views agree through "reused".
    assert again["ledger"]["skipped"] == again["totals"]["skipped"] + again["totals"]["reused"]
    assert "5 of them were screened before" in (out / "index.html").read_text()


def test_check_paper_flow(tmp_path: Path, paper_pdf: Path):
    from flows.check_paper import check_paper

    record = check_paper(str(paper_pdf), str(tmp_path / "cases"), add_to_corpus=False)
    validate_case(record)
    assert record["manuscript"]["title"] == "Effects of Practice on Recall"
    assert {"ingest", "detector.completeness"} <= set(record["timings"])


def test_batch_from_object_storage_to_object_storage_and_again(tmp_path: Path):
    """S3 inbox (moto's server) -> case files in S3; the re-run reuses the cases found there."""
    pytest.importorskip("s3fs")
    import fsspec

    from flows.screen_batch import screen_batch
    from tests.pdf_builder import text_pdf
    from tests.source_servers import S3Server

    s3 = S3Server()
    fsspec.config.conf["s3"] = dict(s3.options)
    try:
        fs = s3.fs()
        for name, text in [("x-one.pdf", "Object storage manuscript one."), ("x-two.pdf", "Object storage manuscript two.")]:
            text_pdf(tmp_path / name, pages=1, text=text)
            fs.put_file(str(tmp_path / name), f"{s3.bucket}/incoming/{name}")
        run = screen_batch(f"s3://{s3.bucket}/incoming/", f"s3://{s3.bucket}/cases")
        assert run["totals"]["screened"] == 2
        stored = sorted(p.rsplit("/", 2)[-2] + "/" + p.rsplit("/", 1)[-1] for p in fs.find(f"{s3.bucket}/cases") if p.endswith("case.json"))
        assert sorted(s.split("-", 1)[1] for s in stored) == ["x-one/case.json", "x-two/case.json"]
        assert fs.exists(f"{s3.bucket}/cases/index.html")
        again = screen_batch(f"s3://{s3.bucket}/incoming/", f"s3://{s3.bucket}/cases")
        assert {r["filename"] for r in again["cases"] if r.get("reused")} == {"x-one.pdf", "x-two.pdf"}
    finally:
        fsspec.config.conf.pop("s3", None)
        s3.close()


def test_batch_on_postgresql(tmp_path: Path, batch_dir: Path, monkeypatch):
    """The same batch with the store (corpus index, ledger) on PostgreSQL."""
    from tests.store_fixtures import drop_postgres, fresh_postgres_url

    url = fresh_postgres_url()
    monkeypatch.setenv("INTEGRITY_DB_URL", url)
    try:
        from flows.screen_batch import screen_batch
        from integrity.corpus import Corpus
        from integrity.ledger import Ledger

        run = screen_batch(str(batch_dir), str(tmp_path / "cases"))
        assert run["totals"]["inputs"] == 6 and run["totals"]["screened"] == 3
        assert Corpus().stats()["documents"] == 3
        assert Ledger().totals(run["run_id"]) == {"inputs": 6, "screened": 3, "failed": 2, "skipped": 1, "pending": 0}
        again = screen_batch(str(batch_dir), str(tmp_path / "cases"))
        assert Ledger().totals(again["run_id"])["skipped"] == 6 and Corpus().stats()["documents"] == 3
    finally:
        drop_postgres(url)


def test_batch_from_a_list_of_files_and_urls_accounts_for_a_failed_download(tmp_path: Path, paper_pdf: Path):
    from flows.screen_batch import screen_batch
    from tests.pdf_builder import text_pdf
    from tests.source_servers import FileServer

    served = tmp_path / "served"
    served.mkdir()
    text_pdf(served / "over-http.pdf", pages=1, text="A manuscript fetched over HTTP.")
    server = FileServer(served)
    try:
        run = screen_batch([str(paper_pdf), f"{server.url}/flaky/over-http.pdf", f"{server.url}/gone.pdf"], str(tmp_path / "cases"))
    finally:
        server.close()
    statuses = {r["filename"]: r["status"] for r in run["cases"]}
    assert statuses == {"paper.pdf": "screened", "over-http.pdf": "screened", "gone.pdf": "failed"}
    assert "HTTP 404" in next(r for r in run["cases"] if r["filename"] == "gone.pdf")["errors"][0]["message"]
    assert run["ledger"] == {"inputs": 3, "screened": 2, "failed": 1, "skipped": 0, "pending": 0}
