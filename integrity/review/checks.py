"""On-demand checks: a manuscript uploaded from the browser, screened, imported.

The upload is saved under the data directory with a server-chosen name
(``review/uploads/<random job id>/<slug>.<pdf|txt|xml>``; the client's file
name is kept only as text). With a Prefect server configured the
``check-paper`` flow screens it; otherwise the same steps run in-process in a
background thread (``integrity.pipeline.screen_one``), one check at a time.
Either way the case is written to ``review/cases/`` and imported, with
suppressions applied, and the job page links to it.
"""

from __future__ import annotations

import secrets
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path, PurePath
from typing import Any

from sqlalchemy import Engine, insert, select, update

from integrity.review import audit
from integrity.review.store import jobs, now_iso, transact

ALLOWED_SUFFIXES = (".pdf", ".txt", ".xml")


class UploadError(ValueError):
    """An upload that is refused (empty, too large, not a manuscript type)."""


def upload_suffix(filename: str, data: bytes) -> str:
    """The suffix the upload is saved with, from its content first and its name second."""
    if data.startswith(b"%PDF-"):
        return ".pdf"
    suffix = PurePath(filename or "").suffix.lower()
    if suffix in (".txt", ".xml"):
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            raise UploadError("text and JATS XML uploads must be UTF-8")
        return suffix
    raise UploadError("upload a PDF, a UTF-8 .txt file or a JATS .xml file")


class CheckRunner:
    """Runs uploaded manuscripts through the pipeline, one at a time, off the request thread."""

    def __init__(self, engine: Engine, config: Any):
        self.engine, self.config = engine, config
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="review-check")

    def _dirs(self) -> tuple[Path, Path]:
        from integrity.config import data_home

        uploads = Path(self.config.uploads_dir or data_home() / "review" / "uploads")
        out = Path(self.config.cases_dir or data_home() / "review" / "cases")
        return uploads, out

    def submit(self, username: str, filename: str, data: bytes, add_to_corpus: bool = True) -> str:
        from integrity.casefiles.writer import slugify

        if not data:
            raise UploadError("the file is empty")
        if len(data) > self.config.max_upload_bytes:
            raise UploadError(f"the file is larger than {self.config.max_upload_bytes // (1024 * 1024)} MB")
        suffix = upload_suffix(filename, data)
        display_name = PurePath((filename or "").replace("\\", "/")).name[:200] or "upload"
        job_id = secrets.token_hex(16)
        uploads, _ = self._dirs()
        folder = uploads / job_id
        folder.mkdir(parents=True, exist_ok=False)
        path = folder / f"{slugify(PurePath(display_name).stem)}{suffix}"
        path.write_bytes(data)

        def work(conn):
            conn.execute(insert(jobs).values(id=job_id, username=username, filename=display_name, status="queued", created_at=now_iso()))
            audit.append(conn, username, "check_uploaded", None, None,
                         {"job": job_id, "filename": display_name, "bytes": len(data), "add_to_corpus": add_to_corpus})

        transact(self.engine, work)
        self.executor.submit(self._run, job_id, username, path, add_to_corpus)
        return job_id

    def _set(self, job_id: str, **values: Any) -> None:
        transact(self.engine, lambda conn: conn.execute(update(jobs).where(jobs.c.id == job_id).values(**values)))

    def _screen(self, path: Path, out: Path, add_to_corpus: bool) -> Path:
        """Screen one file; returns the case folder (suppressions already applied in-process)."""
        from integrity.casefiles import case_folder_name, write_case
        from integrity.prefect_setup import prefect_server_configured

        if prefect_server_configured() and self.config.detectors is None:
            from flows.check_paper import check_paper

            record = check_paper(str(path), str(out), None, add_to_corpus=add_to_corpus)
            return out / case_folder_name(record["manuscript"]["id"], record["manuscript"]["filename"])
        from integrity.config import load_settings
        from integrity.corpus import Corpus
        from integrity.pipeline import screen_one
        from integrity.registry import build_detectors
        from integrity.review.suppressions import apply_suppressions

        settings = self.config.settings or load_settings()
        detectors = self.config.detectors if self.config.detectors is not None else build_detectors(settings)
        corpus = Corpus(self.engine.url.render_as_string(hide_password=False))
        case, _ = screen_one(path, detectors, settings, None, corpus=corpus, add_to_corpus=add_to_corpus)
        apply_suppressions(self.engine, case)
        return write_case(case, out)

    def _run(self, job_id: str, username: str, path: Path, add_to_corpus: bool) -> None:
        from integrity.review.importer import import_case_folder

        self._set(job_id, status="running")
        try:
            _, out = self._dirs()
            folder = self._screen(path, out, add_to_corpus)
            result = import_case_folder(self.engine, folder, manuscript_path=path, source="upload", actor=username)
            self._set(job_id, status="done", case_id=result.case_id, finished_at=now_iso())
        except Exception as exc:  # the job page says what went wrong; the server keeps running
            message = f"{type(exc).__name__}: {exc}"[:2000]
            self._set(job_id, status="failed", error=message, finished_at=now_iso())
            audit.record(self.engine, username, "check_failed", None, None, {"job": job_id, "error": message})

    def job(self, job_id: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(jobs).where(jobs.c.id == job_id)).mappings().first()
        return dict(row) if row else None

    def recent(self, username: str | None = None, limit: int = 20) -> list[dict[str, Any]]:
        query = select(jobs).order_by(jobs.c.created_at.desc()).limit(limit)
        if username:
            query = query.where(jobs.c.username == username)
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(query).mappings()]
