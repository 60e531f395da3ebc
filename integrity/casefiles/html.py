"""Render case files and the run dashboard to self-contained HTML.

Both pages are drawn only from plain JSON-able dicts (the case record from
``case_to_dict`` and the run summary), never from live objects, so a
``case.json`` on disk renders to the same page. Every string is escaped by
Jinja's autoescaping; nothing here marks text as safe. The pages carry their
own stylesheet and need no network to open.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

SEVERITIES = ["high", "medium", "low", "info"]  # most severe first, as shown
SEVERITY_RANK = {"info": 0, "low": 1, "medium": 2, "high": 3}
KNOWN_BLOCKS = {"excerpt", "table", "image", "side_by_side", "note"}
CORE_KEYS = {
    "schema_version", "tool", "created_at", "manuscript", "score", "top_severity",
    "counts", "findings", "errors", "warnings", "timings", "parameters",
}
BOX_COLORS = ["#d6336c", "#1c7ed6", "#f59f00", "#37b24d", "#7048e8", "#0c8599"]
_EVIDENCE_PATH = re.compile(r"^evidence/[^/\\]+$")
_SAFE_COLOR = re.compile(r"^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,20}|rgba?\([0-9.,%\s]+\))$")


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("integrity.casefiles", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["pretty_json"] = pretty_json
    env.filters["cell"] = cell_text
    env.globals["SEVERITIES"] = SEVERITIES
    return env


def pretty_json(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False, sort_keys=True, default=str)


def cell_text(value: Any) -> str:
    """A table cell: scalars as text, nested values as compact JSON."""
    if value is None:
        return ""
    if isinstance(value, (dict, list, tuple)):
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, float):
        return f"{value:.6g}"
    return str(value)


# ---------------------------------------------------------------- case page


def render_case_html(record: dict[str, Any]) -> str:
    """The per-manuscript ``index.html``, drawn from the case record alone."""
    manuscript = record.get("manuscript") or {}
    return _environment().get_template("case.html").render(
        record=record,
        manuscript=manuscript,
        short_id=manuscript.get("short_id") or str(manuscript.get("id", ""))[:12],
        findings=[_finding_view(f) for f in record.get("findings") or []],
        extra_tables=_extra_tables(record),
        extra_other={k: v for k, v in record.items() if k not in CORE_KEYS and not isinstance(v, list)},
    )


def _finding_view(finding: dict[str, Any]) -> dict[str, Any]:
    evidence = finding.get("evidence") or {}
    images = {im.get("name"): im for im in finding.get("images") or []}
    raw = {k: v for k, v in evidence.items() if k != "display"}
    return {
        **finding,
        "confidence_pct": round(100 * float(finding.get("confidence") or 0)),
        "where": [describe_location(loc) for loc in finding.get("locations") or []],
        "blocks": [_block_view(b, images) for b in evidence.get("display") or []],
        "raw_evidence": raw or None,
    }


def describe_location(loc: dict[str, Any]) -> str:
    """'page 3, chars 1200–1260, figure p3-f1' (parts that are unknown are left out)."""
    parts = []
    if loc.get("page") is not None:
        parts.append(f"page {loc['page']}")
    if loc.get("char_start") is not None:
        end = loc.get("char_end")
        parts.append(f"chars {loc['char_start']}–{end}" if end is not None else f"char {loc['char_start']}")
    if loc.get("figure"):
        parts.append(f"figure {loc['figure']}")
    if loc.get("bbox"):
        parts.append("box " + ", ".join(f"{v:g}" for v in loc["bbox"]) + " pt")
    return ", ".join(parts) or "whole manuscript"


def _block_view(block: Any, images: dict[str, dict[str, Any]]) -> dict[str, Any]:
    kind = block.get("type") if isinstance(block, dict) else None
    if kind not in KNOWN_BLOCKS:
        return {"type": "unknown", "json": pretty_json(block)}
    view = dict(block)
    if kind == "excerpt":
        view["segments"] = highlight_segments(str(block.get("text", "")), block.get("highlights") or [])
    elif kind == "image":
        view.update(_image_view(block, images.get(block.get("image"))))
    elif kind == "side_by_side":
        view["items"] = [_block_view(item, images) for item in block.get("items") or []]
    elif kind == "table":
        view["rows"] = [r if isinstance(r, (list, tuple)) else [r] for r in block.get("rows") or []]
    return view


def highlight_segments(text: str, highlights: list[Any]) -> list[tuple[str, bool]]:
    """Split ``text`` into (segment, is_highlighted) pieces.

    Spans are clamped to the text, sorted and merged where they overlap, so
    malformed offsets can never break the page; the template escapes each piece.
    """
    spans = []
    for span in highlights:
        try:
            start, end = max(0, int(span[0])), min(len(text), int(span[1]))
        except (TypeError, ValueError, IndexError):
            continue
        if start < end:
            spans.append([start, end])
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    segments, cursor = [], 0
    for start, end in merged:
        if start > cursor:
            segments.append((text[cursor:start], False))
        segments.append((text[start:end], True))
        cursor = end
    if cursor < len(text):
        segments.append((text[cursor:], False))
    return segments


def _image_view(block: dict[str, Any], image: dict[str, Any] | None) -> dict[str, Any]:
    """Resolve the image file and lay out its boxes for an SVG overlay.

    The overlay needs the image's pixel size, from the block or the image
    entry; without it the boxes are only listed (the legend is always shown).
    """
    image = image or {}
    width = block.get("width") or image.get("width")
    height = block.get("height") or image.get("height")
    boxes = []
    for i, box in enumerate(block.get("boxes") or []):
        try:
            x0, y0, x1, y1 = (float(v) for v in box["box"])
        except (KeyError, TypeError, ValueError):
            continue
        color = str(box.get("color") or "")
        boxes.append({
            "x": min(x0, x1), "y": min(y0, y1), "w": abs(x1 - x0), "h": abs(y1 - y0),
            "label": str(box.get("label") or f"box {i + 1}"),
            "color": color if _SAFE_COLOR.match(color) else BOX_COLORS[i % len(BOX_COLORS)],
        })
    overlay = None
    if boxes and width and height:
        font = max(10.0, round(max(width, height) * 0.032, 1))
        overlay = {"width": width, "height": height, "font": font, "halo": round(font / 4, 1)}
        for box in boxes:
            box["label_y"] = box["y"] - font * 0.3 if box["y"] > font * 1.1 else box["y"] + font
    path = str(image.get("path") or "")
    # Only files inside the case's evidence/ folder: never a URL or a way out of the folder.
    safe_path = path if _EVIDENCE_PATH.match(path) and not path.endswith("/..") else None
    return {
        "path": safe_path,
        "caption": block.get("caption") or image.get("caption") or "",
        "boxes": boxes,
        "overlay": overlay,
    }


def _extra_tables(record: dict[str, Any]) -> list[dict[str, Any]]:
    """Detector tables (extra list-valued top-level keys) as column/row grids."""
    tables = []
    for key, value in record.items():
        if key in CORE_KEYS or not isinstance(value, list):
            continue
        columns: list[str] = []
        for row in value:
            for column in row if isinstance(row, dict) else ["value"]:
                if column not in columns:
                    columns.append(column)
        rows = [[row.get(c) if isinstance(row, dict) else row for c in columns] for row in value]
        tables.append({"name": key, "columns": columns, "rows": rows})
    return tables


# ---------------------------------------------------------------- dashboard


def render_dashboard_html(run: dict[str, Any]) -> str:
    """The run dashboard: screened cases ranked by score, then every input that was not screened."""
    cases = [_case_row(c) for c in run.get("cases") or []]
    # A skipped input with a case folder (already screened earlier) still ranks.
    ranked, unscreened = [], []
    for case in cases:
        rankable = case["status"] == "screened" or (case["status"] == "skipped" and case.get("folder"))
        (ranked if rankable else unscreened).append(case)
    ranked.sort(key=lambda c: (-c["score"], str(c.get("filename") or "")))
    totals = dict(run.get("totals") or {})
    for status in ("screened", "failed", "skipped"):
        totals.setdefault(status, sum(1 for c in cases if c["status"] == status))
    totals.setdefault("inputs", len(cases))
    accounted = totals["screened"] + totals["failed"] + totals["skipped"]
    return _environment().get_template("dashboard.html").render(
        run=run,
        ranked=ranked,
        unscreened=unscreened,
        totals=totals,
        unaccounted=totals["inputs"] - accounted,
    )


def _case_row(case: dict[str, Any]) -> dict[str, Any]:
    try:
        score = min(max(float(case.get("score") or 0), 0.0), 100.0)
    except (TypeError, ValueError):
        score = 0.0
    top = case.get("top_severity")
    return {
        **case,
        "score": score,
        "status": case.get("status") or "screened",
        "rank_value": SEVERITY_RANK.get(top, -1),
        "counts": case.get("counts") or {},
        "problems": [p.get("message", "") for p in (case.get("errors") or []) + (case.get("warnings") or [])],
    }
