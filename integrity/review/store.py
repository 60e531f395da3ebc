"""The review workbench's tables, on the project's store (``integrity.store``).

Every table is named ``review_*`` and lives on the shared SQLAlchemy
``metadata``, so SQLite (default) and PostgreSQL (``INTEGRITY_DB_URL``) both
work. Timestamps are ISO-8601 UTC strings: they sort as text, survive any
database unchanged and hash the same everywhere (the audit chain hashes them).

Large binary content (evidence images, the manuscript PDF) lives in
``review_blobs`` keyed by its SHA-256, so the store is self-contained: a case
folder can be deleted after import, and several app servers can share one
PostgreSQL database without sharing a disk.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any, TypeVar

from sqlalchemy import (
    Boolean, Column, Connection, Engine, Float, ForeignKey, Index, Integer, LargeBinary, String, Table, Text,
    UniqueConstraint, exc, insert, select,
)

from integrity.store import database_url, get_engine, metadata

T = TypeVar("T")
Timestamp = String(40)

users = Table(
    "review_users", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("username", String(64), nullable=False, unique=True),
    Column("password_hash", Text, nullable=False),
    Column("role", String(16), nullable=False),  # admin | officer | readonly
    Column("active", Boolean, nullable=False, default=True),
    Column("created_at", Timestamp, nullable=False),
    Column("password_changed_at", Timestamp, nullable=False),
)

sessions = Table(
    "review_sessions", metadata,
    Column("token_hash", String(64), primary_key=True),  # SHA-256 of the cookie value
    Column("user_id", Integer, ForeignKey("review_users.id", ondelete="CASCADE"), nullable=False),
    Column("csrf_token", String(64), nullable=False),
    Column("created_at", Timestamp, nullable=False),
    Column("last_seen", Timestamp, nullable=False),
)

api_tokens = Table(
    "review_api_tokens", metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("user_id", Integer, ForeignKey("review_users.id", ondelete="CASCADE"), nullable=False),
    Column("label", Text, nullable=False, default=""),
    Column("created_at", Timestamp, nullable=False),
)

login_attempts = Table(
    "review_login_attempts", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("username", String(64), nullable=False),
    Column("client", String(64), nullable=False),
    Column("at", Float, nullable=False),  # epoch seconds, for window arithmetic
    Column("ok", Boolean, nullable=False),
    Index("ix_review_login_attempts_at", "at"),
)

blobs = Table(
    "review_blobs", metadata,
    Column("sha256", String(64), primary_key=True),
    Column("media_type", String(64), nullable=False),
    Column("size", Integer, nullable=False),
    Column("data", LargeBinary, nullable=False),
)

cases = Table(
    "review_cases", metadata,
    Column("id", String(64), primary_key=True),  # manuscript id: SHA-256 of the file's bytes
    Column("short_id", String(12), nullable=False),
    Column("title", Text, nullable=False, default=""),
    Column("filename", Text, nullable=False, default=""),
    Column("authors", Text, nullable=False, default="[]"),  # JSON list
    Column("doi", Text, nullable=True),
    Column("journal", Text, nullable=True),
    Column("source", Text, nullable=True),  # where the case came from: inbox/run folder, "upload"
    Column("format", String(16), nullable=False, default=""),
    Column("pages", Integer, nullable=False, default=0),
    Column("score", Float, nullable=False, default=0.0),  # over raised (not suppressed) findings
    Column("screened_score", Float, nullable=False, default=0.0),  # as the screening reported it
    Column("top_severity", String(8), nullable=True),
    Column("severity_rank", Integer, nullable=False, default=-1),
    Column("n_findings", Integer, nullable=False, default=0),  # raised in the latest screening
    Column("n_suppressed", Integer, nullable=False, default=0),
    Column("has_errors", Boolean, nullable=False, default=False),
    Column("status", String(24), nullable=False, default="new"),
    Column("assignee", String(64), nullable=True),
    Column("screened_at", Timestamp, nullable=False, default=""),
    Column("imported_at", Timestamp, nullable=False),
    Column("updated_at", Timestamp, nullable=False),
    Column("screening_id", Integer, nullable=True),
    Column("record", Text, nullable=False),  # the latest case.json, verbatim
    Column("pdf_sha256", String(64), nullable=True),
    Index("ix_review_cases_rank", "score", "id"),
    Index("ix_review_cases_status", "status"),
)

screenings = Table(
    "review_screenings", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("case_id", String(64), ForeignKey("review_cases.id", ondelete="CASCADE"), nullable=False),
    Column("run_key", String(64), nullable=False),  # created_at + screening fingerprint of the record
    Column("created_at", Timestamp, nullable=False, default=""),
    Column("fingerprint", String(64), nullable=False, default=""),
    Column("record_sha256", String(64), nullable=False),
    Column("folder", Text, nullable=False, default=""),
    Column("imported_at", Timestamp, nullable=False),
    UniqueConstraint("case_id", "run_key", name="uq_review_screening_run"),
)

findings = Table(
    "review_findings", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("case_id", String(64), ForeignKey("review_cases.id", ondelete="CASCADE"), nullable=False),
    Column("finding_key", String(32), nullable=False),
    Column("content_key", String(32), nullable=True),
    Column("detector", String(64), nullable=False),
    Column("family", String(32), nullable=False),
    Column("kind", String(64), nullable=False),
    Column("severity", String(8), nullable=False),
    Column("severity_rank", Integer, nullable=False),
    Column("confidence", Float, nullable=False),
    Column("title", Text, nullable=False),
    Column("number", Integer, nullable=False, default=0),
    Column("data", Text, nullable=False),  # the finding as in case.json (JSON)
    Column("present", Boolean, nullable=False, default=True),  # raised by the latest screening
    Column("suppression_id", Integer, nullable=True),  # the active suppression that hides it
    Column("first_screening_id", Integer, nullable=True),
    Column("last_screening_id", Integer, nullable=True),
    UniqueConstraint("case_id", "finding_key", name="uq_review_finding_key"),
    Index("ix_review_findings_family", "family", "case_id"),
)

evidence = Table(
    "review_evidence", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("finding_id", Integer, ForeignKey("review_findings.id", ondelete="CASCADE"), nullable=False),
    Column("path", Text, nullable=False),  # "evidence/f01-x.png" as named in case.json; never opened from a request
    Column("name", Text, nullable=False, default=""),
    Column("caption", Text, nullable=False, default=""),
    Column("blob_sha256", String(64), ForeignKey("review_blobs.sha256"), nullable=False),
    UniqueConstraint("finding_id", "path", name="uq_review_evidence_path"),
)

decisions = Table(
    "review_decisions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("case_id", String(64), ForeignKey("review_cases.id", ondelete="CASCADE"), nullable=False),
    Column("finding_key", String(32), nullable=False),
    Column("decision", String(24), nullable=False),  # confirmed | dismissed | needs_author_response
    Column("reason", Text, nullable=False, default=""),
    Column("actor", String(64), nullable=False),
    Column("at", Timestamp, nullable=False),
    Index("ix_review_decisions_case", "case_id", "finding_key"),
)

notes = Table(
    "review_notes", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("case_id", String(64), ForeignKey("review_cases.id", ondelete="CASCADE"), nullable=False),
    Column("actor", String(64), nullable=False),
    Column("at", Timestamp, nullable=False),
    Column("text", Text, nullable=False),
)

second_opinions = Table(
    "review_second_opinions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("case_id", String(64), ForeignKey("review_cases.id", ondelete="CASCADE"), nullable=False),
    Column("requested_by", String(64), nullable=False),
    Column("requested_at", Timestamp, nullable=False),
    Column("reviewer", String(64), nullable=True),
    Column("question", Text, nullable=False, default=""),
    Column("opinion", Text, nullable=True),
    Column("recorded_by", String(64), nullable=True),
    Column("recorded_at", Timestamp, nullable=True),
)

suppressions = Table(
    "review_suppressions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("scope", String(16), nullable=False),  # manuscript | evidence
    Column("manuscript_id", String(64), nullable=True),
    Column("finding_key", String(32), nullable=True),
    Column("content_key", String(32), nullable=True),
    Column("detector", String(64), nullable=False),
    Column("kind", String(64), nullable=False),
    Column("title", Text, nullable=False, default=""),
    Column("reason", Text, nullable=False),
    Column("decision_id", Integer, nullable=True),
    Column("created_by", String(64), nullable=False),
    Column("created_at", Timestamp, nullable=False),
    Column("revoked_by", String(64), nullable=True),
    Column("revoked_at", Timestamp, nullable=True),
    Column("revoke_reason", Text, nullable=True),
    Index("ix_review_suppressions_key", "finding_key"),
    Index("ix_review_suppressions_content", "content_key"),
)

audit_log = Table(
    "review_audit", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),  # 1, 2, 3 ... no gaps
    Column("at", Timestamp, nullable=False),
    Column("actor", String(64), nullable=False),
    Column("action", String(32), nullable=False),
    Column("case_id", String(64), nullable=True),
    Column("finding_key", String(32), nullable=True),
    Column("detail", Text, nullable=False, default="{}"),  # canonical JSON
    Column("prev_hash", String(64), nullable=False, unique=True),  # one successor per entry: no forks
    Column("hash", String(64), nullable=False, unique=True),
    Index("ix_review_audit_case", "case_id", "seq"),
)

jobs = Table(
    "review_jobs", metadata,
    Column("id", String(32), primary_key=True),
    Column("username", String(64), nullable=False),
    Column("filename", Text, nullable=False),
    Column("status", String(16), nullable=False),  # queued | running | done | failed
    Column("case_id", String(64), nullable=True),
    Column("error", Text, nullable=True),
    Column("created_at", Timestamp, nullable=False),
    Column("finished_at", Timestamp, nullable=True),
)

REVIEW_TABLES = [t for name, t in metadata.tables.items() if name.startswith("review_")]

# The database refuses to change or remove an audit entry, whoever asks.
_APPEND_ONLY_SQLITE = [
    "CREATE TRIGGER IF NOT EXISTS review_audit_no_update BEFORE UPDATE ON review_audit "
    "BEGIN SELECT RAISE(ABORT, 'review_audit is append-only'); END",
    "CREATE TRIGGER IF NOT EXISTS review_audit_no_delete BEFORE DELETE ON review_audit "
    "BEGIN SELECT RAISE(ABORT, 'review_audit is append-only'); END",
]
_APPEND_ONLY_POSTGRES = [
    "CREATE OR REPLACE FUNCTION review_audit_append_only() RETURNS trigger AS $$ "
    "BEGIN RAISE EXCEPTION 'review_audit is append-only'; END; $$ LANGUAGE plpgsql",
    "DROP TRIGGER IF EXISTS review_audit_append_only ON review_audit",
    "CREATE TRIGGER review_audit_append_only BEFORE UPDATE OR DELETE ON review_audit "
    "FOR EACH ROW EXECUTE FUNCTION review_audit_append_only()",
]

_prepared: set[str] = set()
_write_lock = threading.RLock()


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def ensure_schema(engine: Engine) -> Engine:
    """Create the review tables (and the audit table's append-only triggers) once per engine."""
    key = str(engine.url)
    if key in _prepared:
        return engine
    metadata.create_all(engine, tables=REVIEW_TABLES)
    statements = {"sqlite": _APPEND_ONLY_SQLITE, "postgresql": _APPEND_ONLY_POSTGRES}.get(engine.dialect.name, [])
    with engine.begin() as conn:
        for statement in statements:
            conn.exec_driver_sql(statement)
    _prepared.add(key)
    return engine


def review_engine(url: str | None = None) -> Engine:
    """The project's store engine (``INTEGRITY_DB_URL`` or the SQLite file), review tables ready.

    The URL is resolved here, not left to ``get_engine(None)``, whose cache
    would keep the first default engine even after ``INTEGRITY_DB_URL`` changes.
    """
    return ensure_schema(get_engine(url or database_url()))


def transact(engine: Engine, work: Callable[[Connection], T], attempts: int = 6) -> T:
    """Run ``work(conn)`` in one transaction, retrying when another writer got there first.

    Writers in this process queue on a lock; writers in other processes (a
    screening run importing cases) surface as a locked database or as a
    clash on the audit chain's unique ``prev_hash``, and the whole unit of
    work is retried, so the chain never forks.
    """
    for attempt in range(attempts):
        try:
            with _write_lock, engine.begin() as conn:
                return work(conn)
        except (exc.IntegrityError, exc.OperationalError) as error:
            retriable = isinstance(error, exc.OperationalError) or "prev_hash" in str(error) or "review_audit" in str(error)
            if not retriable or attempt == attempts - 1:
                raise
            time.sleep(0.05 * (attempt + 1))
    raise RuntimeError("unreachable")


def sniff_media_type(data: bytes) -> str:
    """The media type from the bytes' signature; anything unknown is served as a download."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    return "application/octet-stream"


def put_blob(conn: Connection, data: bytes) -> str:
    """Store ``data`` once under its SHA-256; returns the digest."""
    digest = hashlib.sha256(data).hexdigest()
    if conn.execute(select(blobs.c.sha256).where(blobs.c.sha256 == digest)).first() is None:
        conn.execute(insert(blobs).values(sha256=digest, media_type=sniff_media_type(data), size=len(data), data=data))
    return digest


def get_blob(conn: Connection, digest: str) -> dict[str, Any] | None:
    row = conn.execute(select(blobs).where(blobs.c.sha256 == digest)).mappings().first()
    return dict(row) if row else None
