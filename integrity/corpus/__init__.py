"""The corpus index: every screened manuscript (and seeded reference
documents), with the fingerprints cross-paper checks search.

``Corpus`` keeps the document list itself and delegates the searchable
parts to sub-indexes (text fingerprints, image hashes), each a module of
this package with ``add``/``remove``/``stats`` on a connection. Detectors get
the Corpus as a read-only view and query its sub-indexes by attribute
(``corpus.text``, ``corpus.images``); only the pipeline calls ``add``.
"""

from __future__ import annotations

from datetime import datetime, timezone
from importlib import import_module
from typing import Any, Protocol

from sqlalchemy import Connection, Engine, delete, func, insert, select

from integrity.store import documents, get_engine
from integrity.models import Manuscript

# Sub-index modules; each exposes ``SubIndex`` (a class) with the protocol below.
SUB_INDEX_MODULES: list[str] = ["integrity.corpus.image_index", "integrity.corpus.text_index"]


class SubIndex(Protocol):
    name: str

    def __init__(self, engine: Engine) -> None: ...
    def add(self, conn: Connection, manuscript: Manuscript) -> None: ...
    def remove(self, conn: Connection, document_id: str) -> None: ...
    def stats(self, conn: Connection) -> dict[str, Any]: ...


class Corpus:
    """The corpus index over one database (default: the embedded SQLite file)."""

    def __init__(self, url: str | None = None):
        self.engine = get_engine(url)
        self.sub_indexes: list[SubIndex] = []
        for module_name in SUB_INDEX_MODULES:
            index = import_module(module_name).SubIndex(self.engine)
            self.sub_indexes.append(index)
            setattr(self, index.name, index)

    def contains(self, document_id: str) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(select(documents.c.id).where(documents.c.id == document_id)).first() is not None

    def add(self, manuscript: Manuscript, role: str = "screened") -> bool:
        """Index one readable manuscript; False if it was already there (nothing duplicated)."""
        if not manuscript.readable:
            return False
        with self.engine.begin() as conn:  # one transaction: a killed run leaves no half-indexed document
            if conn.execute(select(documents.c.id).where(documents.c.id == manuscript.id)).first():
                return False
            conn.execute(
                insert(documents).values(
                    id=manuscript.id, filename=manuscript.filename, title=manuscript.title or "", doi=manuscript.doi,
                    role=role, characters=len(manuscript.text), pages=manuscript.pages, added_at=datetime.now(timezone.utc),
                )
            )
            for index in self.sub_indexes:
                index.add(conn, manuscript)
        return True

    def remove(self, document_id: str) -> bool:
        with self.engine.begin() as conn:
            for index in self.sub_indexes:
                index.remove(conn, document_id)
            return conn.execute(delete(documents).where(documents.c.id == document_id)).rowcount > 0

    def document(self, document_id: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(documents).where(documents.c.id == document_id)).mappings().first()
        return dict(row) if row else None

    def stats(self) -> dict[str, Any]:
        with self.engine.connect() as conn:
            by_role = dict(conn.execute(select(documents.c.role, func.count()).group_by(documents.c.role)).all())
            result: dict[str, Any] = {"documents": sum(by_role.values()), "by_role": by_role}
            for index in self.sub_indexes:
                result[index.name] = index.stats(conn)
        return result
