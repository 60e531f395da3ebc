"""Building blocks for a finding's ``evidence["display"]`` list.

The HTML case file knows how to draw these blocks; detectors use them so
that every family shows its evidence the same way.
"""

from __future__ import annotations

from typing import Any

from integrity.models import Manuscript


def excerpt_block(
    manuscript: Manuscript,
    start: int,
    end: int,
    context: int = 160,
    label: str = "",
    highlights: list[tuple[int, int]] | None = None,
) -> dict[str, Any]:
    """The text around ``[start, end)`` with that span (or ``highlights``,
    absolute offsets) marked, plus its page, for side-by-side reading."""
    a, b = max(0, start - context), min(len(manuscript.text), end + context)
    spans = highlights if highlights is not None else [(start, end)]
    return {
        "type": "excerpt",
        "label": label,
        "text": manuscript.text[a:b],
        "offset": a,
        "highlights": [[max(s, a) - a, min(e, b) - a] for s, e in spans if e > a and s < b],
        "page": manuscript.locate(start, end).page,
    }


def table_block(columns: list[str], rows: list[list[Any]], caption: str = "") -> dict[str, Any]:
    return {"type": "table", "caption": caption, "columns": columns, "rows": rows}


def image_block(image_name: str, caption: str = "", boxes: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """An evidence image (by its EvidenceImage name) with optional outlined boxes.

    Each box: ``{"box": [x0, y0, x1, y1] in the image's pixels, "label": str, "color": css}``.
    """
    return {"type": "image", "image": image_name, "caption": caption, "boxes": boxes or []}


def side_by_side(*blocks: dict[str, Any]) -> dict[str, Any]:
    return {"type": "side_by_side", "items": list(blocks)}


def note_block(text: str) -> dict[str, Any]:
    return {"type": "note", "text": text}
