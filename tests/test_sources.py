"""Each source: folder inbox, file list, HTTP(S) (local server), S3 (moto server)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.pdf_builder import text_pdf
from tests.source_servers import FileServer, S3Server


@pytest.fixture
def papers(tmp_path: Path) -> Path:
    folder = tmp_path / "papers"
    folder.mkdir()
    text_pdf(folder / "a.pdf", pages=1, text="First manuscript on recall.")
    text_pdf(folder / "b.pdf", pages=1, text="Second manuscript on attention.")
    (folder / "notes.md").write_text("not a manuscript")
    return folder


def test_folder_inbox_hands_out_only_new_or_changed_files(papers: Path, tmp_path: Path):
    from integrity.store import get_engine
    from integrity.ledger import Ledger
    from integrity.runs import BatchRun
    from integrity.sources import FolderSource, open_source

    source = open_source(str(papers))
    assert isinstance(source, FolderSource)
    items = list(source.items())
    assert [i.name for i in items] == ["a.pdf", "b.pdf"]
    run = BatchRun(source.key, str(tmp_path / "cases"), "fp", ledger=Ledger(get_engine(f"sqlite:///{tmp_path / 's.db'}")))
    run.ledger.remember_mark(source.key, items[0].uri, items[0].mark, "m-a")
    assert [i.name for i in run.new_items(items)] == ["b.pdf"]
    text_pdf(papers / "a.pdf", pages=1, text="First manuscript, revised.")
    os.utime(papers / "a.pdf", ns=(1, 1))
    assert [i.name for i in run.new_items(list(source.items()))] == ["a.pdf", "b.pdf"]


def test_file_list_source(papers: Path):
    from integrity.sources import open_source

    items = list(open_source([str(papers / "b.pdf"), str(papers / "a.pdf")]).items())
    assert [(i.name, i.fetch()) for i in items] == [("b.pdf", papers / "b.pdf"), ("a.pdf", papers / "a.pdf")]


def test_http_source_downloads_and_retries_transient_errors(papers: Path):
    from integrity.ingest import file_id
    from integrity.sources import PermanentFetchError, open_source

    server = FileServer(papers)
    try:
        item = next(open_source(f"{server.url}/flaky/a.pdf").items())
        local = item.fetch()
        assert item.name == "a.pdf" and local.name == "a.pdf"
        assert file_id(local.read_bytes()) == file_id((papers / "a.pdf").read_bytes())
        assert server.failures["/flaky/a.pdf"] == 3  # two 503s, then the file
        with pytest.raises(PermanentFetchError):
            next(open_source(f"{server.url}/missing.pdf").items()).fetch()
        mixed = list(open_source([str(papers / "b.pdf"), f"{server.url}/a.pdf"]).items())
        assert [i.name for i in mixed] == ["b.pdf", "a.pdf"]
    finally:
        server.close()


def test_s3_source_through_fsspec(papers: Path):
    pytest.importorskip("s3fs")
    pytest.importorskip("moto.server")
    from integrity.ingest import file_id
    from integrity.sources import FsspecSource, open_source

    s3 = S3Server()
    try:
        fs = s3.fs()
        fs.put_file(str(papers / "a.pdf"), f"{s3.bucket}/incoming/a.pdf")
        fs.put_file(str(papers / "b.pdf"), f"{s3.bucket}/incoming/sub/b.pdf")
        fs.pipe_file(f"{s3.bucket}/incoming/readme.md", b"not a manuscript")
        source = open_source(f"s3://{s3.bucket}/incoming/", storage_options=s3.options)
        assert isinstance(source, FsspecSource)
        items = list(source.items())
        assert [i.name for i in items] == ["a.pdf", "b.pdf"]
        assert all(i.mark for i in items)
        local = items[0].fetch()
        assert file_id(local.read_bytes()) == file_id((papers / "a.pdf").read_bytes())
    finally:
        s3.close()
