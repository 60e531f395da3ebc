"""Store fixtures: the same tests on SQLite and on PostgreSQL.

PostgreSQL comes from ``INTEGRITY_TEST_PG_URL`` (e.g.
``postgresql://integrity:integrity@127.0.0.1/integrity_test``; ``.ci/run``
starts a server and sets it). Each test gets a fresh database on that
server. Without the variable the PostgreSQL variants skip on a developer
machine, and fail in CI (``CI`` set), so they can never be skipped silently there.
"""

from __future__ import annotations

import os
import uuid

import pytest

PG_URL = os.environ.get("INTEGRITY_TEST_PG_URL", "")


def _admin_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url.replace("postgresql://", "postgresql+psycopg://", 1)).set(database="postgres").render_as_string(hide_password=False)


def fresh_postgres_url() -> str:
    if not PG_URL:
        if os.environ.get("CI"):
            pytest.fail("INTEGRITY_TEST_PG_URL is not set in CI: the store must be tested on PostgreSQL")
        pytest.skip("PostgreSQL not configured (set INTEGRITY_TEST_PG_URL)")
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"integrity_t_{uuid.uuid4().hex[:10]}"
    admin = create_engine(_admin_url(PG_URL), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(PG_URL).set(database=name).render_as_string(hide_password=False)


def drop_postgres(url: str) -> None:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from integrity.store import get_engine

    get_engine.cache_clear()
    name = make_url(url).database
    admin = create_engine(_admin_url(PG_URL), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    """A fresh, empty store URL on each database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    url = fresh_postgres_url()
    yield url
    drop_postgres(url)
