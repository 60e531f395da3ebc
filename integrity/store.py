"""The project's store: one SQLAlchemy engine and one table metadata.

Embedded default: a SQLite file in the data directory. ``INTEGRITY_DB_URL``
selects another database (``postgresql://...`` at scale; the ``postgresql://``
scheme is served by psycopg 3). Each module defines its own tables on
:data:`metadata`, so the store grows without one module knowing all tables.

The schema is managed by Alembic (``integrity/migrations``): :func:`get_engine`
brings the database to the newest revision before handing the engine out,
under a lock, so two processes starting at once never race on DDL. Modules
that still call ``metadata.create_all(engine, tables=[...])`` keep working:
for tables the migrations created, that is a no-op.
"""

from __future__ import annotations

import fcntl
import logging
import os
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from sqlalchemy import Column, DateTime, Engine, Integer, MetaData, String, Table, Text, create_engine, event, text

from integrity.config import data_home

log = logging.getLogger("integrity.store")
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Modules that define tables on ``metadata``; imported before migrating or comparing schemas.
TABLE_MODULES = [
    "integrity.ledger",
    "integrity.corpus.text_index",
    "integrity.corpus.image_index",
    "integrity.review.store",
]
BASELINE = "0001"  # the revision that matches a store created by create_all before Alembic
_MIGRATION_LOCK_ID = 0x1A7E6  # PostgreSQL advisory lock key for schema upgrades

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


def normalise_url(url: str) -> str:
    """``postgresql://`` means psycopg 3 here (SQLAlchemy's default driver is psycopg2)."""
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def get_engine(url: str | None = None) -> Engine:
    """The engine for ``url`` (default: :func:`database_url`, read now, so a changed
    ``INTEGRITY_DB_URL`` is honoured), schema at the newest revision."""
    return _engine(normalise_url(url or database_url()))


@lru_cache(maxsize=8)
def _engine(url: str) -> Engine:
    engine = create_engine(url, pool_pre_ping=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    upgrade_schema(engine)
    return engine


get_engine.cache_clear = _engine.cache_clear  # type: ignore[attr-defined]


def alembic_config(engine: Engine | None = None):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if engine is not None:
        config.attributes["engine"] = engine
    return config


def upgrade_schema(engine: Engine) -> None:
    """``alembic upgrade head`` on ``engine``, one process at a time."""
    from alembic import command

    import_table_modules()
    with _migration_lock(engine):
        config = alembic_config(engine)
        if _created_before_migrations(engine):
            metadata.create_all(engine)  # a store made by create_all: adopt it at the baseline
            command.stamp(config, BASELINE)
        command.upgrade(config, "head")
    # Tables a module added after the newest migration still get created (and
    # tests/test_store.py fails until a migration covers them).
    metadata.create_all(engine)


def _created_before_migrations(engine: Engine) -> bool:
    from sqlalchemy import inspect

    tables = set(inspect(engine).get_table_names())
    return "documents" in tables and "alembic_version" not in tables


def import_table_modules() -> None:
    from importlib import import_module

    for name in TABLE_MODULES:
        try:
            import_module(name)
        except ImportError:  # an optional part (e.g. the review app) not installed
            log.debug("table module %s not importable", name, exc_info=True)


@contextmanager
def _migration_lock(engine: Engine):
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": _MIGRATION_LOCK_ID})
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": _MIGRATION_LOCK_ID})
                conn.commit()
        return
    database = engine.url.database if engine.dialect.name == "sqlite" else None
    lock_path = Path(f"{database}.migrate.lock") if database and database != ":memory:" else data_home() / "migrate.lock"
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with lock_path.open("a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # WAL lets a reader (a review app) work while a screening run writes;
    # busy_timeout makes two runs wait for each other instead of failing.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
