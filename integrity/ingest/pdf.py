"""PDF ingestion with PyMuPDF: text with a character -> page/bbox map, sections,
figures (embedded rasters and rendered vector areas) and tables.

Known PyMuPDF behaviours handled here: it opens HTML or PNG renamed .pdf (the
caller sniffs bytes first), "repairs" a truncated PDF into zero pages, yields
U+0000 / U+FFFD for glyphs it cannot map, and keeps one MuPDF warning buffer
across documents (reset per file).
"""

from __future__ import annotations

import time

import pymupdf

from integrity.ingest import IngestOptions, find_doi
from integrity.ingest.sections import heading_kind, sections_from_headings
from integrity.models import Figure, Manuscript, Problem, Table, TextSpan

# Expand ligatures (fi, fl) so text matches across fonts; keep whitespace; clip to the page.
TEXT_FLAGS = pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_MEDIABOX_CLIP
UNMAPPED = ("\x00", "\ufffd")
PAGE_BREAK = "\n\n"


def read_pdf(data: bytes, manuscript: Manuscript, options: IngestOptions) -> None:
    """Fill ``manuscript`` from PDF bytes; problems go to its errors/warnings."""
    pymupdf.TOOLS.reset_mupdf_warnings()
    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except Exception as exc:  # MuPDF raises several types for broken files
        manuscript.errors.append(Problem("corrupt_pdf", f"The PDF could not be opened: {exc}."))
        return
    try:
        if not _unlock(doc, manuscript):
            return
        if not doc.is_pdf or doc.page_count == 0:
            manuscript.errors.append(
                Problem("corrupt_pdf", "The PDF is damaged: no readable page could be recovered (the file may be truncated).")
            )
            return
        _read_document(doc, manuscript, options)
        mupdf_note = pymupdf.TOOLS.mupdf_warnings().lower()
        if "repair" in mupdf_note or "broken" in mupdf_note:
            if not manuscript.text.strip() and not manuscript.figures:
                # A truncated file "repaired" into empty pages: nothing was recovered.
                manuscript.warnings.clear()
                manuscript.errors.append(
                    Problem("corrupt_pdf", "The PDF is damaged (truncated?): it was repaired while reading but no text or image could be recovered.")
                )
            else:
                manuscript.warnings.append(
                    Problem("repaired_pdf", "The PDF is damaged and was repaired while reading; some content may be missing.")
                )
    finally:
        doc.close()
        pymupdf.TOOLS.reset_mupdf_warnings()


def _unlock(doc: pymupdf.Document, manuscript: Manuscript) -> bool:
    """Open an encrypted PDF with the empty password if it has one (owner-only protection)."""
    if not doc.needs_pass:
        return True
    if doc.authenticate(""):
        manuscript.warnings.append(Problem("encrypted_open", "The PDF is encrypted but opened with an empty password."))
        return True
    manuscript.errors.append(
        Problem("encrypted", "The PDF is encrypted with a password; nothing was screened. Ask the submitter for an unprotected copy.")
    )
    return False


def _read_document(doc: pymupdf.Document, manuscript: Manuscript, options: IngestOptions) -> None:
    meta = doc.metadata or {}
    page_count = doc.page_count
    pages_to_read = min(page_count, options.max_pages)
    if page_count > options.max_pages:
        manuscript.warnings.append(
            Problem("too_long", f"The document has {page_count} pages; only the first {options.max_pages} were screened.")
        )
    manuscript.pages = page_count

    parts: list[str] = []
    offset = 0
    headings: list[tuple[int, str]] = []
    title_candidates: list[tuple[float, int, str]] = []
    pages_with_images_only = 0
    started = time.monotonic()
    for page_index in range(pages_to_read):
        if time.monotonic() - started > options.max_seconds:
            manuscript.warnings.append(
                Problem("time_limit", f"Reading stopped after {options.max_seconds:.0f} s at page {page_index}; later pages were not screened.")
            )
            break
        page = doc[page_index]
        page_text_start = offset
        for line_text, bbox, size, bold in _lines(page):
            if kind := heading_kind(line_text):
                if bold or kind in ("references", "abstract") or len(line_text) < 40:
                    headings.append((offset, line_text))
            if page_index == 0 and len(line_text) > 8:
                title_candidates.append((size, offset, line_text))
            manuscript.spans.append(TextSpan(offset, offset + len(line_text), page_index + 1, bbox))
            parts.append(line_text + "\n")
            offset += len(line_text) + 1
        parts.append(PAGE_BREAK)
        offset += len(PAGE_BREAK)
        if options.extract_figures:
            manuscript.figures.extend(_figures(doc, page, page_index + 1, manuscript, options))
        if offset - page_text_start < 40 and _image_coverage(page) > 0.5:
            pages_with_images_only += 1  # a scanned page: an image with (almost) no text layer
        if options.extract_tables:
            manuscript.tables.extend(_tables(page, page_index + 1))

    text = "".join(parts)
    unmapped = sum(text.count(c) for c in UNMAPPED)
    if unmapped:
        manuscript.warnings.append(
            Problem("unmapped_glyphs", f"{unmapped} characters could not be mapped to text (shown as U+FFFD); text checks may miss them.")
        )
        text = text.replace("\x00", "\ufffd")  # same length, so offsets stay valid
    manuscript.text = text
    if not text.strip():
        if pages_with_images_only:
            manuscript.warnings.append(
                Problem("no_text_layer", "No text layer: the PDF holds only page images (a scan?). Text and statistics checks were skipped; image checks ran.")
            )
        else:
            manuscript.warnings.append(Problem("no_text", "The PDF contains no text; text and statistics checks were skipped."))
    elif pages_with_images_only:
        manuscript.warnings.append(
            Problem("partial_text_layer", f"{pages_with_images_only} page(s) hold only images with no text layer; their text was not screened.")
        )

    manuscript.sections = sections_from_headings(len(text), headings) if text.strip() else []
    manuscript.title = (meta.get("title") or "").strip() or _largest_line(title_candidates)
    author = (meta.get("author") or "").strip()
    manuscript.authors = [a.strip() for a in author.replace(" and ", ",").split(",") if a.strip()] if author else []
    manuscript.doi = find_doi(meta.get("subject") or "") or find_doi(meta.get("keywords") or "") or find_doi(text[:5000])
    _attach_captions(manuscript)


def _image_coverage(page: pymupdf.Page) -> float:
    """Share of the page area covered by images (overlaps counted twice, capped at 1)."""
    area = sum(abs(pymupdf.Rect(info["bbox"]) & page.rect) for info in page.get_image_info())
    return min(area / abs(page.rect), 1.0)


def _lines(page: pymupdf.Page):
    """(text, bbox, font size, bold) per text line in reading order."""
    for block in page.get_text("dict", flags=TEXT_FLAGS, sort=True)["blocks"]:
        if block.get("type") != 0:
            continue
        for line in block["lines"]:
            spans = line["spans"]
            text = "".join(s["text"] for s in spans).rstrip()
            if not text.strip():
                continue
            size = max(s["size"] for s in spans)
            bold = all((s["flags"] & 16) or "bold" in s["font"].lower() for s in spans if s["text"].strip())
            yield text, tuple(line["bbox"]), size, bold


def _largest_line(candidates: list[tuple[float, int, str]]) -> str:
    """Title fallback: the first line set in the largest font on page 1."""
    if not candidates:
        return ""
    biggest = max(size for size, _, _ in candidates)
    return min((off, t) for size, off, t in candidates if size >= biggest - 0.1)[1]


def _figures(doc: pymupdf.Document, page: pymupdf.Page, page_number: int, manuscript: Manuscript, options: IngestOptions) -> list[Figure]:
    figures: list[Figure] = []
    page_area = abs(page.rect)
    seen_boxes: list[pymupdf.Rect] = []
    for info in page.get_image_info(xrefs=True):
        bbox = pymupdf.Rect(info["bbox"]) & page.rect
        if bbox.is_empty or min(bbox.width, bbox.height) < options.min_figure_points:
            continue
        width, height, xref = info["width"], info["height"], info["xref"]
        if width * height > options.max_image_pixels:
            manuscript.warnings.append(
                Problem("image_too_large", f"An image on page {page_number} has {width}x{height} pixels, over the {options.max_image_pixels:,} pixel limit; it was not examined.")
            )
            continue
        if abs(bbox) > 0.9 * page_area and not page.get_text("text").strip():
            source = "page-scan"
        else:
            source = "raster"
        png = _image_png(doc, xref) if xref else None
        if png is None:  # inline image or undecodable: render the area instead
            png, width, height = _render(page, bbox, options.vector_figure_dpi)
        seen_boxes.append(bbox)
        figures.append(Figure(id="", page=page_number, bbox=tuple(bbox), width=width, height=height, png=png, source=source))
    for rect in _vector_figure_areas(page, seen_boxes, options):
        png, width, height = _render(page, rect, options.vector_figure_dpi)
        figures.append(Figure(id="", page=page_number, bbox=tuple(rect), width=width, height=height, png=png, source="vector"))
    figures.sort(key=lambda f: (f.bbox[1], f.bbox[0]))
    for i, fig in enumerate(figures, start=1):
        fig.id = f"p{page_number}-f{i}"
    return figures


def _image_png(doc: pymupdf.Document, xref: int) -> bytes | None:
    """The image's encoded bytes: the stored PNG/JPEG as is when it is plain
    grey or RGB without a mask (re-encoding costs more than the rest of
    ingestion), else decoded and written as PNG."""
    try:
        stored = doc.extract_image(xref)
        if stored and stored.get("ext") in ("png", "jpeg", "jpg") and not stored.get("smask") and stored.get("colorspace") in (1, 3):
            return stored["image"]
        pix = pymupdf.Pixmap(doc, xref)
        if pix.alpha:
            pix = pymupdf.Pixmap(pix, 0)
        if pix.colorspace is None or pix.colorspace.n not in (1, 3):
            pix = pymupdf.Pixmap(pymupdf.csRGB, pix)
        return pix.tobytes("png")
    except Exception:
        return None


def _render(page: pymupdf.Page, rect: pymupdf.Rect, dpi: int) -> tuple[bytes, int, int]:
    pix = page.get_pixmap(clip=rect, dpi=dpi, alpha=False)
    return pix.tobytes("png"), pix.width, pix.height


def _vector_figure_areas(page: pymupdf.Page, raster_boxes: list[pymupdf.Rect], options: IngestOptions) -> list[pymupdf.Rect]:
    """Areas drawn with vector graphics that look like figures, not table rulings.

    A table's ruling is mostly long horizontal/vertical lines; a chart has
    filled shapes or curves as well, so clusters made only of lines are skipped.
    """
    drawings = page.get_drawings()
    if len(drawings) < 3:
        return []
    areas = []
    for rect in page.cluster_drawings(drawings=drawings):
        if min(rect.width, rect.height) < 2 * options.min_figure_points:
            continue
        if any(abs(rect & box) > 0.5 * abs(rect) for box in raster_boxes):
            continue
        inside = [d for d in drawings if pymupdf.Rect(d["rect"]) in rect + (-1, -1, 1, 1)]
        shapes = sum(1 for d in inside for item in d["items"] if item[0] in ("c", "qu") or (item[0] == "re" and d.get("fill")))
        if shapes < 3:
            continue
        # Include axis labels and legends set as text just around the drawing.
        areas.append(rect + (-18, -6, 6, 18) & page.rect)
    return areas


def _tables(page: pymupdf.Page, page_number: int) -> list[Table]:
    if len(page.get_drawings()) < 4:  # find_tables needs ruling lines; skip the cost on plain pages
        return []
    tables = []
    try:
        # use_layout=False: the ruling-line finder; the layout model is slower
        # and splits cells on synthetic pages.
        found = page.find_tables(use_layout=False)
    except Exception:
        return []
    words = page.get_text("words", flags=TEXT_FLAGS, sort=True) if found.tables else []
    for i, tab in enumerate(found.tables, start=1):
        # Cell text from the page's words: Table.extract() splits numbers such
        # as "2.20" into "220\n." with PyMuPDF 2.0's tight glyph boxes, and
        # get_textbox() per cell walks every character of the page each time.
        rows = [[_cell_text(words, c) if c else None for c in row.cells] for row in tab.rows]
        if len(rows) < 2 or max(len(r) for r in rows) < 2:
            continue
        tables.append(Table(id=f"p{page_number}-t{i}", page=page_number, bbox=tuple(tab.bbox), rows=rows))
    return tables


def _cell_text(words: list[tuple], cell: tuple[float, float, float, float]) -> str:
    """The words whose centre lies in the cell, in reading order."""
    x0, y0, x1, y1 = cell
    inside = [w for w in words if x0 <= (w[0] + w[2]) / 2 <= x1 and y0 <= (w[1] + w[3]) / 2 <= y1]
    return " ".join(w[4] for w in inside)


def _attach_captions(manuscript: Manuscript) -> None:
    """Give each figure the 'Figure N.' line just below it (or above it) on its page."""
    for fig in manuscript.figures:
        best = None
        for span in manuscript.spans:
            if span.page != fig.page or span.bbox is None:
                continue
            line = manuscript.text[span.char_start : span.char_end].strip()
            if not line.lower().startswith(("figure", "fig.", "fig ")):
                continue
            gap = min(abs(span.bbox[1] - fig.bbox[3]), abs(fig.bbox[1] - span.bbox[3]))
            if gap < 60 and (best is None or gap < best[0]):
                best = (gap, line)
        if best:
            fig.caption = best[1]
    for table in manuscript.tables:
        for span in manuscript.spans:
            if span.page == table.page and span.bbox and table.bbox and span.bbox[1] >= table.bbox[1] - 1 and span.bbox[3] <= table.bbox[3] + 1:
                table.char_start = span.char_start if table.char_start is None else table.char_start
                table.char_end = span.char_end
