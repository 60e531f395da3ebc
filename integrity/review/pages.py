"""A page of the screened PDF as an image, with a finding's locations outlined."""

from __future__ import annotations

from typing import Any

PAGE_ZOOM = 1.6
OUTLINE = (0.84, 0.2, 0.42)  # the case files' first box colour, #d6336c


class PageError(ValueError):
    """The page cannot be drawn (no PDF kept, page out of range, unreadable file)."""


def page_count(pdf: bytes) -> int:
    import pymupdf

    with pymupdf.open(stream=pdf, filetype="pdf") as doc:
        return doc.page_count


def locations_on_page(finding: dict[str, Any] | None, page: int) -> list[tuple[float, float, float, float]]:
    """The bounding boxes of ``finding``'s locations on ``page`` (PDF points)."""
    boxes = []
    for loc in (finding or {}).get("locations") or []:
        bbox = loc.get("bbox") if isinstance(loc, dict) else None
        if loc.get("page") == page and isinstance(bbox, list) and len(bbox) == 4:
            try:
                boxes.append(tuple(float(v) for v in bbox))
            except (TypeError, ValueError):
                continue
    return boxes


def render_page(pdf: bytes, page: int, boxes: list[tuple[float, float, float, float]] = (), zoom: float = PAGE_ZOOM) -> bytes:
    """PNG of 1-based ``page`` with each box outlined (drawn on a copy in memory, never saved)."""
    import pymupdf

    try:
        doc = pymupdf.open(stream=pdf, filetype="pdf")
    except Exception as exc:
        raise PageError(f"the manuscript cannot be opened: {exc}") from exc
    with doc:
        if doc.needs_pass and not doc.authenticate(""):
            raise PageError("the manuscript is encrypted")
        if not 1 <= page <= doc.page_count:
            raise PageError(f"page {page} is not in this manuscript ({doc.page_count} pages)")
        p = doc[page - 1]
        for box in boxes:
            rect = pymupdf.Rect(box) + (-3, -3, 3, 3)
            p.draw_rect(rect, color=OUTLINE, width=2.2, overlay=True)
        return p.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), alpha=False).tobytes("png")
