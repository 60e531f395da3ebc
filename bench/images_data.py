"""Labelled image material for the duplicated-image benchmark and tests:
procedural micrograph- and blot-like panels, the transforms that disguise a
reused image, copy-move clones, and figures laid out into real PDFs.

Needs numpy, Pillow, OpenCV and PyMuPDF only (scikit-image's bundled images
are used by ``bench/images.py`` when it is installed).
"""

from __future__ import annotations

import io
import math

import cv2
import numpy as np
import pymupdf
from PIL import Image, ImageDraw, ImageFont


def _smooth(rng, h, w, sigma):
    return cv2.GaussianBlur(rng.standard_normal((h, w)).astype(np.float32), (0, 0), sigma)


def _u8(a):
    return np.clip(a * 255 + 0.5, 0, 255).astype(np.uint8)


def cells(seed: int, h: int = 260, w: int = 260) -> np.ndarray:
    """Fluorescent cells: blue nuclei in green/red cytoplasm on black, with puncta."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    cyto, nuc, dots = (np.zeros((h, w), np.float32) for _ in range(3))
    for _ in range(rng.integers(6, 10)):
        cy, cx = rng.uniform(0, h), rng.uniform(0, w)
        a, b, t = rng.uniform(18, 34), rng.uniform(12, 24), rng.uniform(0, math.pi)
        u = ((xx - cx) * math.cos(t) + (yy - cy) * math.sin(t)) / a
        v = (-(xx - cx) * math.sin(t) + (yy - cy) * math.cos(t)) / b
        r = np.sqrt(u * u + v * v) * (1 + 0.15 * np.sin(3 * np.arctan2(v, u) + rng.uniform(0, 6)))
        cyto += np.clip(1.1 - r, 0, 1) ** 0.5 * rng.uniform(0.5, 1)
        nuc += np.clip(1.2 - 2.4 * r, 0, 1) ** 0.4 * rng.uniform(0.6, 1)
        for _ in range(rng.integers(5, 20)):
            py, px = int(cy + rng.normal(0, b * 0.5)), int(cx + rng.normal(0, a * 0.5))
            if 0 <= py < h and 0 <= px < w:
                dots[py, px] += rng.uniform(3, 8)
    tex = 0.7 + 0.3 * np.clip(_smooth(rng, h, w, 2) * 2 + 0.5, 0, 1)
    dots = cv2.GaussianBlur(dots, (0, 0), 1.2) * 8
    noise = rng.normal(0, 0.02, (3, h, w)).astype(np.float32)
    rgb = np.stack([cyto * 0.55 * tex + noise[0], cyto * 0.25 * tex + dots + noise[1], nuc * 0.9 * tex + noise[2]], -1) + 0.03
    return _u8(np.clip(rgb, 0, 1))


def tissue(seed: int, h: int = 260, w: int = 260) -> np.ndarray:
    """H&E-like tissue: pink stroma with fibres, purple nuclei, pale lumens."""
    rng = np.random.default_rng(seed)
    fib = _smooth(rng, h, w, 1.0) + 0.6 * _smooth(rng, h, w, 4.0)
    lumen = np.clip((_smooth(rng, h, w, 14) * 14 - 0.8), 0, 1)
    nuclei = np.zeros((h, w), np.float32)
    for _ in range(int(h * w / 120)):
        nuclei[rng.integers(0, h), rng.integers(0, w)] = rng.uniform(2, 4)
    nuclei = np.clip(cv2.GaussianBlur(nuclei, (0, 0), 1.8) * 9, 0, 1.4) * (1 - lumen)
    eosin = (0.6 + 1.5 * fib) * (1 - lumen)
    od = nuclei[..., None] * np.array([0.7, 0.95, 0.35], np.float32) + np.clip(eosin, 0.05, 1.3)[..., None] * np.array([0.06, 0.55, 0.25], np.float32)
    return _u8(np.clip(np.exp(-od) + rng.normal(0, 0.015, od.shape), 0, 1))


def grains(seed: int, h: int = 260, w: int = 260) -> np.ndarray:
    """Grey SEM-like grains (Voronoi cells with bright boundaries)."""
    rng = np.random.default_rng(seed)
    n = int(h * w / 300)
    pts = rng.uniform(0, 1, (n, 2)).astype(np.float32) * [w, h]
    shade = rng.uniform(0.3, 0.75, n).astype(np.float32)
    img = np.zeros((h, w), np.float32)
    subdiv = cv2.Subdiv2D((0, 0, w, h))
    subdiv.insert([(float(x), float(y)) for x, y in pts])
    facets, _ = subdiv.getVoronoiFacetList([])
    for k, facet in enumerate(facets):
        cv2.fillConvexPoly(img, facet.astype(np.int32), float(shade[k % n]))
        cv2.polylines(img, [facet.astype(np.int32)], True, 0.95, 1)
    img = cv2.GaussianBlur(img, (0, 0), 0.8) + rng.normal(0, 0.03, (h, w)).astype(np.float32)
    g = _u8(np.clip(img, 0, 1))
    return np.stack([g, g, g], -1)


def blot(seed: int, lanes: int = 6, h: int = 64, lane_w: int = 40, gap: int = 10, bands=None) -> np.ndarray:
    """A western-blot strip: grey background, dark bands (intensities per lane)."""
    rng = np.random.default_rng(seed)
    w = lanes * lane_w + (lanes + 1) * gap
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    dark = np.zeros((h, w), np.float32)
    bands = bands or [(h * 0.45, rng.uniform(0.3, 1.0, lanes))]
    for lane in range(lanes):
        xc = gap + lane * (lane_w + gap) + lane_w / 2
        across = np.exp(-(np.abs(xx - xc) / (lane_w * 0.47)) ** 6)
        for y, amps in bands:
            amp = amps[lane] * rng.uniform(0.93, 1.07)
            yc = y + rng.normal(0, 0.6) - 2 * ((xx - xc) / (lane_w / 2)) ** 2
            dark += amp * across * np.exp(-((yy - yc) / (3.2 * (0.8 + 0.4 * amp))) ** 2)
    bg = 0.88 + 0.03 * _smooth(rng, h, w, 8) * 3
    g = _u8(np.clip(bg - 0.85 * np.clip(dark, 0, 1.1) + rng.normal(0, 0.015, (h, w)), 0, 1))
    return np.stack([g, g, g], -1)


PANEL_MAKERS = {"cells": cells, "tissue": tissue, "grains": grains}

# -- transforms that disguise a reused image ------------------------------------------


def jpeg(rgb: np.ndarray, quality: int) -> np.ndarray:
    buf = io.BytesIO()
    Image.fromarray(rgb).save(buf, "JPEG", quality=quality)
    return np.asarray(Image.open(buf).convert("RGB"))


def resize(rgb: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    return np.asarray(Image.fromarray(rgb).resize(size, Image.BICUBIC))


def crop(rgb: np.ndarray, area: float, rng) -> np.ndarray:
    h, w = rgb.shape[:2]
    side = math.sqrt(area)
    ch, cw = int(h * side), int(w * side)
    y0, x0 = int(rng.integers(0, h - ch + 1)), int(rng.integers(0, w - cw + 1))
    return np.ascontiguousarray(rgb[y0 : y0 + ch, x0 : x0 + cw])


def contrast(rgb: np.ndarray, gain: float, bias: float = 0.0, gamma: float = 1.0) -> np.ndarray:
    f = (rgb.astype(np.float32) / 255.0) ** gamma
    f = (f - f.mean()) * gain + f.mean() + bias
    return _u8(np.clip(f, 0, 1))


def rotate(rgb: np.ndarray, degrees: int) -> np.ndarray:
    return np.ascontiguousarray(np.rot90(rgb, k=degrees // 90))


def overlap_pair(rgb: np.ndarray, overlap: float) -> tuple[np.ndarray, np.ndarray]:
    """Two windows of one image sharing ``overlap`` of their width."""
    h, w = rgb.shape[:2]
    width = int(w / (2 - overlap))
    return np.ascontiguousarray(rgb[:, :width]), np.ascontiguousarray(rgb[:, w - width :])


def plant_clone(rgb: np.ndarray, rng, size: float = 0.22, mirrored: bool = False, min_source_std: float = 0.0):
    """Copy a square region to a non-overlapping place; returns (image, source box, dest box).

    ``min_source_std``: the copied region must vary at least this much in grey
    level (a manipulation copies structure, e.g. a cell; a copy of empty dark
    background is indistinguishable from the background it lands on)."""
    h, w = rgb.shape[:2]
    s = int(min(h, w) * size)
    grey = rgb.mean(axis=2) if rgb.ndim == 3 else rgb
    for _ in range(500):
        sx, sy = int(rng.integers(0, w - s)), int(rng.integers(0, h - s))
        dx, dy = int(rng.integers(0, w - s)), int(rng.integers(0, h - s))
        if (abs(sx - dx) > s + 8 or abs(sy - dy) > s + 8) and grey[sy : sy + s, sx : sx + s].std() >= min_source_std:
            break
    out = rgb.copy()
    patch = rgb[sy : sy + s, sx : sx + s]
    out[dy : dy + s, dx : dx + s] = patch[:, ::-1] if mirrored else patch
    return out, (sx, sy, sx + s, sy + s), (dx, dy, dx + s, dy + s)


# -- figures and PDFs -------------------------------------------------------------------


def compose(panels: list[np.ndarray], cols: int, gutter: int = 12, letters: bool = True, cell: int | None = None):
    """Tile panels (each resized to fit ``cell`` x ``cell``) with white gutters and
    panel letters; returns (RGB figure, [panel boxes in figure pixels])."""
    cell = cell or max(max(p.shape[:2]) for p in panels)
    rows = math.ceil(len(panels) / cols)
    fig = Image.new("RGB", (cols * cell + (cols - 1) * gutter, rows * cell + (rows - 1) * gutter), "white")
    draw = ImageDraw.Draw(fig)
    font = ImageFont.load_default(size=max(14, cell // 12))
    boxes = []
    for k, panel in enumerate(panels):
        r, c = divmod(k, cols)
        h, w = panel.shape[:2]
        scale = min(cell / h, cell / w, 1.0)
        tile = Image.fromarray(panel)
        if scale < 1.0:
            tile = tile.resize((max(1, round(w * scale)), max(1, round(h * scale))), Image.BICUBIC)
        x0, y0 = c * (cell + gutter), r * (cell + gutter)
        fig.paste(tile, (x0, y0))
        if letters:
            dark = np.asarray(tile.convert("L")).mean() < 110
            draw.text((x0 + 5, y0 + 3), "ABCDEFGHIJKLMNOP"[k], fill="white" if dark else "black", font=font)
        boxes.append((x0, y0, x0 + tile.width, y0 + tile.height))
    return np.asarray(fig), boxes


def pdf_with_figures(figures: list[np.ndarray], title: str = "Test manuscript", image_format: str = "png", quality: int = 92) -> bytes:
    """A PDF with one figure per page (placed at 72 dpi-ish size), a caption under each."""
    doc = pymupdf.open()
    doc.set_metadata({"title": title, "creationDate": "D:20240101000000", "modDate": "D:20240101000000"})
    for k, fig in enumerate(figures, start=1):
        page = doc.new_page()
        page.insert_text((72, 60), f"{title} — page {k}", fontsize=11)
        h, w = fig.shape[:2]
        scale = min(450 / w, 600 / h, 1.0)
        rect = pymupdf.Rect(72, 80, 72 + w * scale, 80 + h * scale)
        buf = io.BytesIO()
        if image_format == "jpeg":
            Image.fromarray(fig).save(buf, "JPEG", quality=quality)
        else:
            Image.fromarray(fig).save(buf, "PNG")
        page.insert_image(rect, stream=buf.getvalue())
        page.insert_text((72, rect.y1 + 16), f"Figure {k}. Panels of the experiment.", fontsize=9)
    return doc.tobytes(no_new_id=True)
