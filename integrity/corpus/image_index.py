"""Image sub-index of the corpus: panel hashes of every screened manuscript,
searchable by Hamming distance, plus a small thumbnail of each panel so a
candidate can be verified (and shown) without the other paper's PDF.

Tables (portable SQLAlchemy Core; SQLite by default, PostgreSQL at scale):

* ``image_panels``: one row per photo-like panel: document, figure, page,
  bbox in PDF points, and a JPEG thumbnail (long side <= 512 px) that the
  detector verifies against.
* ``image_hashes``: the panel's 64-bit hashes (whole panel + local keypoint
  patches), stored as signed BIGINT.

The search structure is in memory (multi-index hashing,
:class:`detectors.images.search.MultiIndexHash`), loaded from the tables on
first use and topped up incrementally with rows added since.
"""

from __future__ import annotations

import io
import threading
from typing import Any

import numpy as np
from PIL import Image
from sqlalchemy import (
    Column, Connection, Engine, Float, ForeignKey, Integer, LargeBinary, SmallInteger, String, Table, BigInteger,
    delete, func, insert, select,
)

from integrity.store import metadata
from integrity.models import Manuscript

image_panels = Table(
    "image_panels",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("figure_id", String(32), nullable=False),
    Column("panel_index", Integer, nullable=False),
    Column("page", Integer, nullable=False),
    Column("x0", Float, nullable=False),
    Column("y0", Float, nullable=False),
    Column("x1", Float, nullable=False),
    Column("y1", Float, nullable=False),
    Column("width", Integer, nullable=False),  # thumbnail pixels
    Column("height", Integer, nullable=False),
    Column("thumbnail", LargeBinary, nullable=False),  # JPEG
)

image_hashes = Table(
    "image_hashes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("panel_id", Integer, ForeignKey("image_panels.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("kind", SmallInteger, nullable=False),  # 0 whole panel, 1 local patch
    Column("value", BigInteger, nullable=False),
)


def encode_thumbnail(rgb: np.ndarray, quality: int = 90) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(rgb).save(buf, "JPEG", quality=quality)
    return buf.getvalue()


def decode_thumbnail(data: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(data)).convert("RGB"))


def _insert_hashes(conn: Connection, panel_id: int, grey: np.ndarray, mask: np.ndarray) -> int:
    from detectors.images.hashing import panel_hashes, to_signed

    hashes = panel_hashes(grey, mask)
    conn.execute(insert(image_hashes), [{"panel_id": panel_id, "kind": int(k), "value": v} for k, v in zip(hashes.kinds, to_signed(hashes.hashes))])
    return len(hashes.hashes)


class SubIndex:
    """``corpus.images``: add/remove a manuscript's panels; search and fetch them."""

    name = "images"

    def __init__(self, engine: Engine):
        self.engine = engine
        # The store creates the tables it knew at engine creation; this module may load later.
        metadata.create_all(engine, tables=[image_panels, image_hashes])
        self._lock = threading.Lock()
        self._reset()

    def _reset(self) -> None:
        self._search = None
        self._last_hash_id = 0
        self._last_panel_id = 0
        self._panel_document: dict[int, str] = {}

    def __getstate__(self):  # the in-memory search is rebuilt from the tables, never pickled
        return {"engine": self.engine}

    def __setstate__(self, state):
        self.engine = state["engine"]
        self._lock = threading.Lock()
        self._reset()

    # -- writing (called by Corpus.add/remove inside its transaction) ---------

    def add(self, conn: Connection, manuscript: Manuscript) -> None:
        from detectors.images.panels import manuscript_panels

        for panel in manuscript_panels(manuscript):
            h, w = panel.rgb.shape[:2]
            panel_id = conn.execute(
                insert(image_panels).values(
                    document_id=manuscript.id, figure_id=panel.figure_id, panel_index=panel.index, page=panel.page,
                    x0=panel.bbox[0], y0=panel.bbox[1], x1=panel.bbox[2], y1=panel.bbox[3],
                    width=w, height=h, thumbnail=encode_thumbnail(panel.rgb),
                )
            ).inserted_primary_key[0]
            _insert_hashes(conn, panel_id, panel.grey, panel.mask)

    def rehash(self, panel_ids: list[int]) -> int:
        """Recompute the hashes of these panels from their stored thumbnails (after a
        change of hashing scheme), in one transaction; returns the hashes written."""
        from detectors.images.panels import clean_grey

        written = 0
        with self.engine.begin() as conn:
            rows = conn.execute(select(image_panels.c.id, image_panels.c.thumbnail).where(image_panels.c.id.in_(panel_ids))).all()
            conn.execute(delete(image_hashes).where(image_hashes.c.panel_id.in_([panel_id for panel_id, _ in rows])))
            for panel_id, thumbnail in rows:
                written += _insert_hashes(conn, panel_id, *clean_grey(decode_thumbnail(thumbnail)))
        with self._lock:
            self._reset()  # replaced rows may sit in the in-memory search: rebuild on next use
        return written

    def panel_ids(self) -> list[int]:
        with self.engine.connect() as conn:
            return list(conn.execute(select(image_panels.c.id).order_by(image_panels.c.id)).scalars())

    def remove(self, conn: Connection, document_id: str) -> None:
        panel_ids = select(image_panels.c.id).where(image_panels.c.document_id == document_id)
        conn.execute(delete(image_hashes).where(image_hashes.c.panel_id.in_(panel_ids)))
        conn.execute(delete(image_panels).where(image_panels.c.document_id == document_id))
        with self._lock:
            self._reset()  # removed rows may sit in the in-memory search: rebuild on next use

    def stats(self, conn: Connection) -> dict[str, Any]:
        return {
            "panels": conn.execute(select(func.count()).select_from(image_panels)).scalar_one(),
            "hashes": conn.execute(select(func.count()).select_from(image_hashes)).scalar_one(),
        }

    # -- reading (detectors) --------------------------------------------------

    def _refresh(self) -> None:
        from detectors.images.hashing import from_signed
        from detectors.images.search import MultiIndexHash

        if self._search is None:
            self._search = MultiIndexHash()
        with self.engine.connect() as conn:
            for pid, doc in conn.execute(
                select(image_panels.c.id, image_panels.c.document_id).where(image_panels.c.id > self._last_panel_id).order_by(image_panels.c.id)
            ):
                self._panel_document[pid] = doc
                self._last_panel_id = pid
            rows = conn.execute(
                select(image_hashes.c.id, image_hashes.c.panel_id, image_hashes.c.value)
                .where(image_hashes.c.id > self._last_hash_id)
                .order_by(image_hashes.c.id)
            ).all()
        if rows:
            ids = np.fromiter((r[1] for r in rows), np.int64, count=len(rows))
            self._search.add(ids, from_signed(r[2] for r in rows))
            self._last_hash_id = rows[-1][0]

    def search(self, queries: np.ndarray, max_distance: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(query position, panel id, distance) of stored hashes within ``max_distance``."""
        with self._lock:
            self._refresh()
            return self._search.query(queries, max_distance)

    def document_of(self, panel_id: int) -> str | None:
        return self._panel_document.get(int(panel_id))

    def panel(self, panel_id: int) -> dict[str, Any] | None:
        """One stored panel with its document's filename and the decoded thumbnail (``rgb``)."""
        from integrity.store import documents

        with self.engine.connect() as conn:
            row = conn.execute(
                select(image_panels, documents.c.filename)
                .join(documents, documents.c.id == image_panels.c.document_id)
                .where(image_panels.c.id == int(panel_id))
            ).mappings().first()
        if row is None:
            return None
        out = dict(row)
        out["rgb"] = decode_thumbnail(out.pop("thumbnail"))
        out["bbox"] = (out["x0"], out["y0"], out["x1"], out["y1"])
        return out
