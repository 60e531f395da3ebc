"""Read a manuscript file into a :class:`~integrity.models.Manuscript`.

``ingest_file`` never raises for bad input: a file that cannot be read comes
back as a Manuscript whose ``errors`` say why, so one broken file never stops
a batch.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from integrity.models import Manuscript, Problem

MANUSCRIPT_SUFFIXES = {".pdf", ".txt", ".xml"}


@dataclass
class IngestOptions:
    """Limits that keep one huge or hostile file from exhausting the machine."""

    max_pages: int = 300  # pages beyond this are not read (warning ``too_long``)
    max_seconds: float = 300.0  # stop reading further pages after this (warning ``time_limit``)
    max_image_pixels: int = 50_000_000  # larger embedded images are skipped (decompression bomb)
    max_file_mb: float = 500.0
    min_figure_points: float = 40.0  # smaller images are logos or icons, not figures
    vector_figure_dpi: int = 150
    extract_figures: bool = True
    extract_tables: bool = True


def file_id(data: bytes) -> str:
    """Manuscript id: SHA-256 of the file's bytes."""
    return hashlib.sha256(data).hexdigest()


def sniff_format(data: bytes, suffix: str) -> tuple[str | None, str]:
    """(format, description) from the bytes themselves, not only the name.

    A file named .pdf that holds HTML or PNG must not be handed to PyMuPDF,
    which would open it without complaint as a different document type.
    """
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf", "PDF"
    if head.startswith(b"\x89PNG"):
        return None, "a PNG image"
    if head.startswith(b"\xff\xd8\xff"):
        return None, "a JPEG image"
    if head.startswith(b"PK\x03\x04"):
        return None, "a ZIP archive (perhaps a Word document)"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return None, "an old Microsoft Office document"
    text_head = head.decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n").lower()
    if re.match(r"<(!doctype html|html)", text_head):
        return None, "an HTML page"
    if text_head.startswith("<?xml") or text_head.startswith("<article") or text_head.startswith("<!doctype article"):
        return ("jats", "JATS XML") if b"<article" in data[:20000] else (None, "XML that is not a JATS article")
    if suffix == ".pdf":
        return None, "not a PDF (no %PDF- header)"
    if b"\x00" in head:
        return None, "a binary file"
    return "txt", "plain text"


def ingest_file(path: str | Path, options: IngestOptions | None = None) -> Manuscript:
    """Read one manuscript file (PDF, plain text or JATS XML)."""
    options = options or IngestOptions()
    path = Path(path)
    data = path.read_bytes()
    return ingest_bytes(data, path.name, options, path=str(path))


def ingest_bytes(data: bytes, filename: str, options: IngestOptions | None = None, path: str | None = None) -> Manuscript:
    """Read a manuscript from its bytes; ``filename`` is only used for display and suffix."""
    options = options or IngestOptions()
    manuscript = Manuscript(id=file_id(data), filename=filename, format="unknown", path=path, size_bytes=len(data))

    def fail(code: str, message: str) -> Manuscript:
        manuscript.errors.append(Problem(code, message))
        return manuscript

    if not data:
        return fail("empty_file", "The file is empty (0 bytes); nothing was screened.")
    if len(data) > options.max_file_mb * 1024 * 1024:
        return fail("file_too_large", f"The file is {len(data) / 2**20:.0f} MB, over the {options.max_file_mb:.0f} MB limit; nothing was screened.")
    fmt, description = sniff_format(data, Path(filename).suffix.lower())
    if fmt is None:
        return fail("unsupported_format", f"The file is {description}, not a PDF, plain-text or JATS XML manuscript; nothing was screened.")
    manuscript.format = fmt
    if fmt == "pdf":
        from integrity.ingest.pdf import read_pdf

        read_pdf(data, manuscript, options)
    elif fmt == "jats":
        from integrity.ingest.jats import read_jats

        read_jats(data, manuscript)
    else:
        from integrity.ingest.text import read_text

        read_text(data, manuscript)
    return manuscript


_DOI_RE = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>,;]+[^\s\"<>,;.)\]])")


def find_doi(text: str) -> str | None:
    m = _DOI_RE.search(text)
    return m.group(1) if m else None


def list_manuscripts(folder: str | Path) -> list[Path]:
    """Every manuscript-looking file in a folder (not recursive), sorted by name.

    Hidden files and files of other types (scripts, JSON, README.md) are not
    manuscripts and are left out; everything with a manuscript suffix is kept,
    so a broken PDF is still accounted for.
    """
    folder = Path(folder)
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in MANUSCRIPT_SUFFIXES
    )
