"""The project's store on SQLite and PostgreSQL: migrations, schema, corpus."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import inspect

from tests.store_fixtures import store_url  # noqa: F401  (fixture)


def test_migrations_create_every_table_defined_on_metadata(store_url):
    from integrity.store import get_engine, import_table_modules, metadata

    engine = get_engine(store_url)
    import_table_modules()
    tables = set(inspect(engine).get_table_names())
    assert "alembic_version" in tables
    assert set(metadata.tables) <= tables


def test_migrations_match_the_table_definitions(store_url):
    """Fails when a module changes a table without a migration (alembic revision --autogenerate)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from integrity.store import get_engine, metadata

    engine = get_engine(store_url)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), metadata)
    assert diff == [], f"the store's tables differ from the migrations; add a revision: {diff}"


def test_upgrade_is_idempotent_and_reports_head(store_url):
    from alembic.script import ScriptDirectory
    from sqlalchemy import text

    from integrity.store import alembic_config, get_engine, upgrade_schema

    engine = get_engine(store_url)
    upgrade_schema(engine)  # a second process starting: nothing to do, nothing breaks
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head


def test_a_store_created_before_migrations_is_adopted(tmp_path: Path):
    from integrity.store import get_engine

    path = tmp_path / "old.db"
    with sqlite3.connect(path) as conn:  # what create_all made before Alembic
        conn.execute("CREATE TABLE documents (id VARCHAR(64) PRIMARY KEY, filename TEXT NOT NULL, title TEXT NOT NULL, doi TEXT,"
                     " role VARCHAR(16) NOT NULL, characters INTEGER NOT NULL, pages INTEGER NOT NULL, added_at DATETIME NOT NULL)")
        conn.execute("INSERT INTO documents VALUES ('x', 'a.pdf', '', NULL, 'screened', 1, 1, '2026-01-01 00:00:00')")
    engine = get_engine(f"sqlite:///{path}")
    tables = set(inspect(engine).get_table_names())
    assert {"alembic_version", "ledger_claims", "text_documents"} <= tables
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 1


def test_corpus_indexes_a_manuscript_once_on_each_database(store_url, paper_pdf: Path):
    from integrity.corpus import Corpus
    from integrity.ingest import ingest_file

    corpus = Corpus(store_url)
    manuscript = ingest_file(paper_pdf)
    assert corpus.add(manuscript) is True
    assert corpus.add(manuscript) is False  # re-running duplicates nothing
    stats = corpus.stats()
    assert stats["documents"] == 1
    assert stats["text"]["documents"] == 1
    assert corpus.contains(manuscript.id)
    assert corpus.remove(manuscript.id) and corpus.stats()["documents"] == 0
