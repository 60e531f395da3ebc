"""Alembic environment: migrates the project's store.

Run by :func:`integrity.store.get_engine` (which passes its engine in
``config.attributes["engine"]``), or from the command line::

    alembic -c integrity/migrations/alembic.ini upgrade head   # uses INTEGRITY_DB_URL
"""

from alembic import context

from integrity.store import database_url, import_table_modules, metadata, normalise_url

import_table_modules()
config = context.config


def run_migrations() -> None:
    engine = config.attributes.get("engine")
    if engine is None:
        from sqlalchemy import create_engine

        engine = create_engine(normalise_url(database_url()))
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=metadata, render_as_batch=True, compare_type=True)
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


run_migrations()
