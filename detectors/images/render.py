"""Evidence pictures: two panels side by side with the matching regions
outlined and matching features joined, the second panel aligned to the
first, and a panel with its cloned regions outlined.

Each function returns ``(png_bytes, width, height, boxes)`` where ``boxes``
are the outlined regions in the picture's own pixels, ready for
:func:`detectors.evidence.image_block`.
"""

from __future__ import annotations

import io

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from detectors.images.verify import PairMatch

COLOR_A = "#e6194b"
COLOR_B = "#1f78b4"
LINE = "#ffd92f"
DISPLAY_HEIGHT = 300
GAP = 24
MAX_LINES = 30


def _png(image: Image.Image) -> bytes:
    buf = io.BytesIO()
    image.save(buf, "PNG", compress_level=3)
    return buf.getvalue()


def _fit(rgb: np.ndarray, height: int = DISPLAY_HEIGHT) -> tuple[Image.Image, float]:
    h, w = rgb.shape[:2]
    scale = height / h
    if w * scale > 1.6 * height:  # very wide panels: limit the width instead
        scale = 1.6 * height / w
    size = (max(1, round(w * scale)), max(1, round(h * scale)))
    return Image.fromarray(np.ascontiguousarray(rgb)).resize(size, Image.LANCZOS), scale


def _box(box, scale, dx=0.0, dy=0.0) -> list[float]:
    return [round(box[0] * scale + dx, 1), round(box[1] * scale + dy, 1), round(box[2] * scale + dx, 1), round(box[3] * scale + dy, 1)]


def _outline(draw: ImageDraw.ImageDraw, box, color: str, label: str) -> None:
    draw.rectangle(box, outline=color, width=3)
    font = ImageFont.load_default(size=16)
    draw.rectangle([box[0], box[1], box[0] + 18, box[1] + 18], fill=color)
    draw.text((box[0] + 4, box[1] + 1), label, fill="white", font=font)


def _canvas(parts: list[Image.Image]) -> tuple[Image.Image, list[float]]:
    width = sum(p.width for p in parts) + GAP * (len(parts) - 1)
    height = max(p.height for p in parts)
    canvas = Image.new("RGB", (width, height), "white")
    offsets, x = [], 0
    for p in parts:
        canvas.paste(p, (x, 0))
        offsets.append(float(x))
        x += p.width + GAP
    return canvas, offsets


def pair_picture(rgb_a: np.ndarray, rgb_b: np.ndarray, match: PairMatch):
    """A | B with the shared region outlined in both and inlier features joined."""
    a, sa = _fit(rgb_a)
    b, sb = _fit(rgb_b)
    canvas, (xa, xb) = _canvas([a, b])
    draw = ImageDraw.Draw(canvas)
    pa, pb = match.points_a, match.points_b
    if pa is not None and len(pa):
        step = max(1, len(pa) // MAX_LINES)
        for (x1, y1), (x2, y2) in zip(pa[::step][:MAX_LINES], pb[::step][:MAX_LINES]):
            draw.line([x1 * sa + xa, y1 * sa, x2 * sb + xb, y2 * sb], fill=LINE, width=1)
            draw.ellipse([x1 * sa + xa - 2, y1 * sa - 2, x1 * sa + xa + 2, y1 * sa + 2], outline=LINE)
            draw.ellipse([x2 * sb + xb - 2, y2 * sb - 2, x2 * sb + xb + 2, y2 * sb + 2], outline=LINE)
    box_a, box_b = _box(match.box_a, sa, xa), _box(match.box_b, sb, xb)
    _outline(draw, box_a, COLOR_A, "A")
    _outline(draw, box_b, COLOR_B, "B")
    boxes = [{"box": box_a, "label": "A", "color": COLOR_A}, {"box": box_b, "label": "B", "color": COLOR_B}]
    return _png(canvas), canvas.width, canvas.height, boxes


def aligned_picture(rgb_a: np.ndarray, rgb_b: np.ndarray, match: PairMatch):
    """A | B warped into A's frame (rotation, mirroring and scale undone), shared region outlined."""
    h, w = rgb_a.shape[:2]
    b_pixels = rgb_b[:, ::-1] if match.flipped else rgb_b
    warped = cv2.warpAffine(np.ascontiguousarray(b_pixels), match.matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=(255, 255, 255))
    a, sa = _fit(rgb_a)
    b, sb = _fit(warped)
    canvas, (xa, xb) = _canvas([a, b])
    draw = ImageDraw.Draw(canvas)
    box_a, box_b = _box(match.box_a, sa, xa), _box(match.box_a, sb, xb)
    _outline(draw, box_a, COLOR_A, "A")
    _outline(draw, box_b, COLOR_B, "B")
    boxes = [{"box": box_a, "label": "A", "color": COLOR_A}, {"box": box_b, "label": "B aligned", "color": COLOR_B}]
    return _png(canvas), canvas.width, canvas.height, boxes


def clone_picture(rgb: np.ndarray, source, dest):
    """The panel with the source (A) and the cloned destination (B) outlined and joined."""
    image, scale = _fit(rgb, max(DISPLAY_HEIGHT, min(480, rgb.shape[0])))
    draw = ImageDraw.Draw(image)
    box_s, box_d = _box(source, scale), _box(dest, scale)
    centre = lambda b: ((b[0] + b[2]) / 2, (b[1] + b[3]) / 2)  # noqa: E731
    draw.line([centre(box_s), centre(box_d)], fill=LINE, width=2)
    _outline(draw, box_s, COLOR_A, "A")
    _outline(draw, box_d, COLOR_B, "B")
    boxes = [{"box": box_s, "label": "A (source)", "color": COLOR_A}, {"box": box_d, "label": "B (copy)", "color": COLOR_B}]
    return _png(image), image.width, image.height, boxes
