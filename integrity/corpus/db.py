"""The project's store: one SQLAlchemy engine and one table metadata.

Embedded default: a SQLite file in the data directory. ``INTEGRITY_DB_URL``
selects another database (PostgreSQL at scale). Each index module defines its
own tables on :data:`metadata`, so the store grows without one module knowing
all tables.
"""

from __future__ import annotations

import os
from functools import lru_cache

from sqlalchemy import Column, DateTime, Engine, Integer, MetaData, String, Table, Text, create_engine, event

from integrity.config import data_home

metadata = MetaData()

# Every manuscript the corpus knows: screened ones and seeded reference documents.
documents = Table(
    "documents",
    metadata,
    Column("id", String(64), primary_key=True),  # SHA-256 of the file's bytes
    Column("filename", Text, nullable=False),
    Column("title", Text, nullable=False, default=""),
    Column("doi", Text, nullable=True),
    Column("role", String(16), nullable=False),  # screened | reference
    Column("characters", Integer, nullable=False, default=0),
    Column("pages", Integer, nullable=False, default=0),
    Column("added_at", DateTime(timezone=True), nullable=False),
)


def database_url() -> str:
    return os.environ.get("INTEGRITY_DB_URL") or f"sqlite:///{data_home() / 'integrity.db'}"


@lru_cache(maxsize=8)
def get_engine(url: str | None = None) -> Engine:
    """The engine for ``url`` (default: :func:`database_url`), tables created."""
    url = url or database_url()
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    metadata.create_all(engine)
    return engine


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # WAL lets a reader (a review app) work while a screening run writes;
    # busy_timeout makes two runs wait for each other instead of failing.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
