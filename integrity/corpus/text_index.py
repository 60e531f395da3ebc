"""The corpus's text sub-index: winnowed fingerprints and the stored text.

Two tables on the project store (portable SQLAlchemy Core; SQLite by
default, PostgreSQL through ``INTEGRITY_DB_URL``):

- ``text_documents``: one row per indexed document, with its full text
  (zlib-compressed, so a match can be shown side by side with page numbers),
  the character ranges outside its reference list, and where each page starts.
- ``text_fingerprints``: an inverted index ``(hash, document)``, clustered by
  hash, so looking up a manuscript costs one index probe per k-gram whatever
  the size of the corpus: no document is compared unless it shares text.

Fingerprints come from :mod:`detectors.text_overlap.fingerprint`; the scheme
they were made with is stored and checked, so a changed scheme cannot match
silently against stale fingerprints.
"""

from __future__ import annotations

import bisect
import json
import zlib
from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    BigInteger, Column, Connection, Engine, ForeignKey, Integer, LargeBinary, String, Table, Text, delete, func, insert, select,
)

from detectors.text_overlap.fingerprint import GUARANTEED_WORDS, INDEX_K, INDEX_WINDOW, SCHEME, document_fingerprints
from detectors.text_overlap.normalize import tokenize_ranges
from integrity.store import documents, metadata
from integrity.models import Manuscript

text_documents = Table(
    "text_documents",
    metadata,
    Column("num", Integer, primary_key=True, autoincrement=True),  # compact key for the postings
    Column("document_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), unique=True, nullable=False),
    Column("scheme", String(64), nullable=False),
    Column("text", LargeBinary, nullable=False),  # zlib(UTF-8 of the manuscript's full text)
    Column("body_ranges", Text, nullable=False),  # JSON [[start, end], ...]: text outside the reference list
    Column("page_starts", Text, nullable=False),  # JSON [[char offset, page], ...]
    Column("content_words", Integer, nullable=False),
    Column("fingerprints", Integer, nullable=False),
    sqlite_autoincrement=True,  # a removed document's number is never reused by a later one
)

text_fingerprints = Table(
    "text_fingerprints",
    metadata,
    Column("hash", BigInteger, primary_key=True, autoincrement=False),
    Column("num", Integer, primary_key=True, autoincrement=False),
    sqlite_with_rowid=False,  # SQLite: one B-tree ordered by hash (other databases ignore this)
)

CHUNK = 500  # values per IN (...) list: well under every database's parameter limit


@dataclass
class StoredDocument:
    """An indexed document as the detector needs it for alignment and evidence."""

    id: str
    filename: str
    title: str
    doi: str | None
    role: str
    text: str
    body_ranges: list[tuple[int, int]]
    page_starts: list[tuple[int, int]]

    def page_at(self, offset: int) -> int | None:
        if not self.page_starts:
            return None
        i = bisect.bisect_right([p[0] for p in self.page_starts], offset) - 1
        return self.page_starts[max(i, 0)][1]


class SubIndex:
    """The ``text`` sub-index (``corpus.text``)."""

    name = "text"

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        metadata.create_all(engine, tables=[text_documents, text_fingerprints])

    # ------------------------------------------------------------ writing

    def add(self, conn: Connection, manuscript: Manuscript) -> None:
        """Store the text and fingerprints of one manuscript (in the caller's transaction)."""
        self.insert_prepared(conn, [prepare(manuscript)])

    def insert_prepared(self, conn: Connection, prepared: list[PreparedDocument]) -> None:
        """Insert documents made by :func:`prepare` (which may run in worker processes)."""
        for doc in prepared:
            num = conn.execute(insert(text_documents).values(**doc.row)).inserted_primary_key[0]
            if doc.fingerprints:
                conn.execute(insert(text_fingerprints), [{"hash": h, "num": num} for h in doc.fingerprints])

    def remove(self, conn: Connection, document_id: str) -> None:
        row = conn.execute(
            select(text_documents.c.num, text_documents.c.scheme, text_documents.c.text, text_documents.c.body_ranges).where(
                text_documents.c.document_id == document_id
            )
        ).first()
        if row is None:
            return
        if row.scheme == SCHEME:
            # Recompute the fingerprints and delete them by key: no second index on num needed.
            text = zlib.decompress(row.text).decode("utf-8")
            hashes = document_fingerprints(tokenize_ranges(text, [tuple(r) for r in json.loads(row.body_ranges)])).tolist()
            for chunk in _chunks(hashes):
                conn.execute(delete(text_fingerprints).where(text_fingerprints.c.hash.in_(chunk), text_fingerprints.c.num == row.num))
        else:
            conn.execute(delete(text_fingerprints).where(text_fingerprints.c.num == row.num))
        conn.execute(delete(text_documents).where(text_documents.c.num == row.num))

    # ------------------------------------------------------------ reading

    def stats(self, conn: Connection) -> dict[str, Any]:
        # Sums of the per-document counts: a count(*) over the postings would scan them all.
        docs, words, fingerprints = conn.execute(select(
            func.count(), func.coalesce(func.sum(text_documents.c.content_words), 0),
            func.coalesce(func.sum(text_documents.c.fingerprints), 0),
        )).one()
        schemes = [r[0] for r in conn.execute(select(text_documents.c.scheme).distinct())]
        return {
            "documents": docs,
            "content_words": int(words),
            "fingerprints": int(fingerprints),
            "scheme": SCHEME,
            "k": INDEX_K,
            "window": INDEX_WINDOW,
            "guaranteed_shared_content_words": GUARANTEED_WORDS,
            "stale_schemes": [s for s in schemes if s != SCHEME],
        }

    def document_count(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(text_documents)).scalar_one()

    def frequencies(self, hashes: list[int], exclude_document: str | None = None) -> tuple[int, dict[int, int]]:
        """(documents in the index, {hash: documents holding it}) for the hashes found.

        ``exclude_document`` (the manuscript being checked, when it is already
        indexed) counts neither as a document nor as a holder.
        """
        with self.engine.connect() as conn:
            n_docs = conn.execute(select(func.count()).select_from(text_documents)).scalar_one()
            own = self._number(conn, exclude_document)
            frequency: dict[int, int] = {}
            for chunk in _chunks(sorted(set(hashes))):
                rows = conn.execute(
                    select(text_fingerprints.c.hash, func.count()).where(text_fingerprints.c.hash.in_(chunk)).group_by(text_fingerprints.c.hash)
                )
                frequency.update((h, c) for h, c in rows)
            if own is not None:
                owned = set()
                for chunk in _chunks(list(frequency)):
                    rows = conn.execute(select(text_fingerprints.c.hash).where(text_fingerprints.c.hash.in_(chunk), text_fingerprints.c.num == own))
                    owned.update(h for (h,) in rows)
                frequency = {h: c - (h in owned) for h, c in frequency.items() if c - (h in owned) > 0}
        return n_docs - (own is not None), frequency

    def candidates(self, hashes: list[int], exclude_document: str | None = None, max_candidates: int = 40,
                   min_shared: int = 2) -> list[tuple[str, int]]:
        """Documents holding at least ``min_shared`` of ``hashes``: [(document id, shared)], most first.

        One index probe per hash: the cost grows with the postings of the
        hashes asked for, not with the size of the corpus.
        """
        with self.engine.connect() as conn:
            own = self._number(conn, exclude_document)
            shared: Counter[int] = Counter()
            for chunk in _chunks(sorted(set(hashes))):
                rows = conn.execute(select(text_fingerprints.c.num).where(text_fingerprints.c.hash.in_(chunk)))
                shared.update(num for (num,) in rows if num != own)
            ranked = [(num, n) for num, n in shared.most_common() if n >= min_shared][:max_candidates]
            ids: dict[int, str] = {}
            for chunk in _chunks([num for num, _ in ranked]):
                rows = conn.execute(select(text_documents.c.num, text_documents.c.document_id).where(text_documents.c.num.in_(chunk)))
                ids.update((num, doc_id) for num, doc_id in rows)
        return [(ids[num], n) for num, n in ranked if num in ids]

    @staticmethod
    def _number(conn: Connection, document_id: str | None) -> int | None:
        if not document_id:
            return None
        return conn.execute(select(text_documents.c.num).where(text_documents.c.document_id == document_id)).scalar()

    def load(self, document_ids: list[str]) -> list[StoredDocument]:
        """The stored documents, in the order asked (unknown ids are left out)."""
        found: dict[str, StoredDocument] = {}
        with self.engine.connect() as conn:
            for chunk in _chunks(list(document_ids)):
                query = (
                    select(
                        documents.c.id, documents.c.filename, documents.c.title, documents.c.doi, documents.c.role,
                        text_documents.c.text, text_documents.c.body_ranges, text_documents.c.page_starts,
                    )
                    .join(text_documents, text_documents.c.document_id == documents.c.id)
                    .where(documents.c.id.in_(chunk))
                )
                for row in conn.execute(query):
                    found[row.id] = StoredDocument(
                        id=row.id, filename=row.filename, title=row.title or "", doi=row.doi, role=row.role,
                        text=zlib.decompress(row.text).decode("utf-8"),
                        body_ranges=[tuple(r) for r in json.loads(row.body_ranges)],
                        page_starts=[tuple(p) for p in json.loads(row.page_starts)],
                    )
        return [found[i] for i in document_ids if i in found]


@dataclass
class PreparedDocument:
    """The rows one manuscript adds to the text index, computed without a database."""

    row: dict[str, Any]
    fingerprints: list[int]


def prepare(manuscript: Manuscript) -> PreparedDocument:
    """Fingerprint a manuscript's text outside its reference list, and pack its text."""
    body = [(a, b) for a, b in manuscript.body_ranges() if b > a]
    tokens = tokenize_ranges(manuscript.text, body)
    hashes = document_fingerprints(tokens).tolist()
    row = {
        "document_id": manuscript.id,
        "scheme": SCHEME,
        "text": zlib.compress(manuscript.text.encode("utf-8"), 6),
        "body_ranges": json.dumps(body),
        "page_starts": json.dumps(page_starts(manuscript)),
        "content_words": len(tokens.content),
        "fingerprints": len(hashes),
    }
    return PreparedDocument(row, hashes)


def page_starts(manuscript: Manuscript) -> list[tuple[int, int]]:
    """Where each page begins in the text: [(char offset, page), ...]."""
    starts: list[tuple[int, int]] = []
    for span in manuscript.spans:
        if not starts or span.page != starts[-1][1]:
            starts.append((span.char_start, span.page))
    if not starts and manuscript.text:
        starts.append((0, 1))
    return starts


def _chunks(values: list, size: int = CHUNK):
    for i in range(0, len(values), size):
        yield values[i : i + size]
