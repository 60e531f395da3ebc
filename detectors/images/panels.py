"""Split figures into photo-like panels: the one function that indexing and
detection share, so a panel has the same box and pixels in both.

A figure is cut recursively along white gutters (projection profiles, the
XY-cut), each piece is trimmed to its content, pieces that are not photo-like
(text, charts, logos, flat backgrounds) are dropped, and panel letters and
scale bars in the corners are masked so they neither hash nor match.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import cv2
import numpy as np
from PIL import Image

from integrity.models import BBox, Figure, Manuscript, Panel

ANALYSIS_SIZE = 512  # long side of the analysis image (and of the stored thumbnail)


@dataclass
class PanelImage:
    """One photo-like panel with the pixels the detector works on.

    ``grey`` is the panel in grey levels at analysis resolution (long side at
    most :data:`ANALYSIS_SIZE`), letters and scale bars in-painted; ``mask``
    is 255 where pixels may carry keypoints. ``scale`` is analysis pixels per
    figure pixel.
    """

    figure_id: str
    index: int
    page: int
    bbox: BBox  # PDF points
    pixel_box: tuple[int, int, int, int]  # in figure pixels
    rgb: np.ndarray = field(repr=False)  # analysis resolution, uint8 (h, w, 3)
    grey: np.ndarray = field(repr=False)
    mask: np.ndarray = field(repr=False)
    scale: float = 1.0
    source: str = "raster"
    caption: str = ""

    @property
    def key(self) -> str:
        return f"{self.figure_id}#{self.index}"

    @property
    def label(self) -> str:
        return f"{self.figure_id} panel {self.index + 1}"

    def to_panel(self) -> Panel:
        return Panel(self.figure_id, self.index, self.bbox, self.pixel_box)

    def analysis_to_pdf(self, box: tuple[float, float, float, float]) -> BBox:
        """A box in analysis pixels -> PDF points."""
        l, t, r, b = self.pixel_box
        x0, y0, x1, y1 = self.bbox
        sx = (x1 - x0) / max(r - l, 1) / self.scale
        sy = (y1 - y0) / max(b - t, 1) / self.scale
        return (x0 + box[0] * sx, y0 + box[1] * sy, x0 + box[2] * sx, y0 + box[3] * sy)


@dataclass(frozen=True)
class PanelOptions:
    """Thresholds of the panel splitter (defaults suit journal figures)."""

    background_level: int = 242  # a gutter pixel is at least this light in every channel
    border_level: int = 236  # outer panel lines this light (in 90% of pixels) are gutter, trimmed
    min_gutter: int = 3  # figure pixels of blank rows/columns that separate panels
    blank_tolerance: float = 0.01  # share of non-background pixels a gutter line may hold
    min_panel_px: int = 40  # shorter panels (in figure pixels) are labels or icons
    min_entropy: float = 2.0  # bits over 64 grey bins; logos, line art and flat areas are lower
    max_background_share: float = 0.6  # mostly-white pieces are text or line art
    min_std: float = 8.0  # grey-level standard deviation of a photo-like panel
    # Sparse dark fields (a few fluorescent cells on black): the whole-panel entropy is
    # dominated by the background and collapses once JPEG, rescaling or contrast smooths
    # its noise, so such panels are judged on their foreground instead.
    dark_median: int = 64  # panels darker than this (median grey) may be sparse dark fields
    min_foreground_share: float = 0.01  # share of pixels brighter than the background
    min_foreground_entropy: float = 3.0  # bits over 64 grey bins of the foreground
    min_blob_share: float = 0.3  # foreground surviving a 5x5 erosion: blobs, not text or lines


def figure_rgb(figure: Figure) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(figure.png)).convert("RGB"))


def split_figure(figure: Figure, options: PanelOptions = PanelOptions()) -> list[PanelImage]:
    """The photo-like panels of one figure, in reading order. Vector figures
    (charts drawn in the PDF) have none."""
    if figure.source == "vector" or not figure.png:
        return []
    try:
        rgb = figure_rgb(figure)
    except Exception:  # undecodable image data: nothing to screen
        return []
    h, w = rgb.shape[:2]
    background = rgb.min(axis=2) >= options.background_level
    boxes = _xy_cut(background, (0, 0, w, h), options)
    panels: list[PanelImage] = []
    light = rgb.min(axis=2) >= options.border_level
    for box in boxes:
        l, t, r, b = _trim_light_border(light, box)
        if min(r - l, b - t) < options.min_panel_px:
            continue
        crop = rgb[t:b, l:r]
        if not is_photo_like(crop, background[t:b, l:r], options):
            continue
        panels.append(_panel(figure, len(panels), box, crop, (w, h)))
    return panels


def manuscript_panels(manuscript: Manuscript, options: PanelOptions = PanelOptions()) -> list[PanelImage]:
    """Every photo-like panel of every figure of a manuscript; fills ``figure.panels``."""
    panels: list[PanelImage] = []
    for figure in manuscript.figures:
        found = split_figure(figure, options)
        figure.panels = [p.to_panel() for p in found]
        panels.extend(found)
    return panels


def _xy_cut(background: np.ndarray, box: tuple[int, int, int, int], options: PanelOptions, depth: int = 0) -> list[tuple[int, int, int, int]]:
    """Recursive XY-cut along blank rows and columns; leaves are trimmed to content."""
    l, t, r, b = box
    region = ~background[t:b, l:r]
    if not region.any():
        return []
    rows = np.flatnonzero(region.any(axis=1))
    cols = np.flatnonzero(region.any(axis=0))
    l, t, r, b = l + cols[0], t + rows[0], l + cols[-1] + 1, t + rows[-1] + 1
    region = ~background[t:b, l:r]
    if depth > 12:
        return [(l, t, r, b)]
    for axis in (0, 1):  # 0: split into horizontal bands (blank rows), 1: columns
        ink = region.mean(axis=1 - axis)
        segments = _segments(ink <= options.blank_tolerance, options.min_gutter)
        if len(segments) > 1:
            out = []
            for s0, s1 in segments:
                sub = (l, t + s0, r, t + s1) if axis == 0 else (l + s0, t, l + s1, b)
                out.extend(_xy_cut(background, sub, options, depth + 1))
            return out
    return [(l, t, r, b)]


def _trim_light_border(light: np.ndarray, box):
    """Drop outer rows/columns that are mostly light: JPEG ringing of the gutter."""
    l, t, r, b = box
    while r - l > 8 and light[t:b, l].mean() > 0.9:
        l += 1
    while r - l > 8 and light[t:b, r - 1].mean() > 0.9:
        r -= 1
    while b - t > 8 and light[t, l:r].mean() > 0.9:
        t += 1
    while b - t > 8 and light[b - 1, l:r].mean() > 0.9:
        b -= 1
    return l, t, r, b


def _segments(blank: np.ndarray, min_gutter: int) -> list[tuple[int, int]]:
    """Content segments separated by runs of ``blank`` at least ``min_gutter`` long."""
    content = np.flatnonzero(~blank)
    if not len(content):
        return []
    breaks = np.flatnonzero(np.diff(content) - 1 >= min_gutter)
    starts = np.concatenate(([content[0]], content[breaks + 1]))
    ends = np.concatenate((content[breaks] + 1, [content[-1] + 1]))
    return [(int(a), int(b)) for a, b in zip(starts, ends)]


def is_photo_like(rgb: np.ndarray, background: np.ndarray, options: PanelOptions = PanelOptions()) -> bool:
    """True for micrographs, blots and photos; False for text, charts, logos and flat areas."""
    if background.mean() > options.max_background_share:
        return False
    grey = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    if float(grey.std()) < options.min_std:
        return False
    if grey_entropy(grey) >= options.min_entropy:
        return True
    return is_sparse_dark_field(grey, options)


def is_sparse_dark_field(grey: np.ndarray, options: PanelOptions = PanelOptions()) -> bool:
    """True for a dark panel whose bright foreground is varied and blob-shaped (cells,
    nuclei, puncta); False for text, lines and flat shapes on a dark ground."""
    background = float(np.median(grey))
    if background >= options.dark_median:
        return False
    foreground = grey > background + 12
    if foreground.mean() < options.min_foreground_share:
        return False
    if grey_entropy(grey[foreground]) < options.min_foreground_entropy:
        return False
    core = cv2.erode(foreground.astype(np.uint8), np.ones((5, 5), np.uint8))
    return core.sum() >= options.min_blob_share * foreground.sum()


def grey_entropy(grey: np.ndarray) -> float:
    hist = np.bincount((grey >> 2).ravel(), minlength=64).astype(float)
    p = hist[hist > 0] / hist.sum()
    return float(-(p * np.log2(p)).sum())


def _panel(figure: Figure, index: int, box: tuple[int, int, int, int], crop: np.ndarray, size: tuple[int, int]) -> PanelImage:
    l, t, r, b = box
    w, h = size
    x0, y0, x1, y1 = figure.bbox
    sx, sy = (x1 - x0) / w, (y1 - y0) / h
    bbox = (x0 + l * sx, y0 + t * sy, x0 + r * sx, y0 + b * sy)
    scale = min(1.0, ANALYSIS_SIZE / max(crop.shape[:2]))
    rgb = crop if scale == 1.0 else cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    rgb = np.ascontiguousarray(rgb)
    grey, mask = clean_grey(rgb)
    return PanelImage(figure.id, index, figure.page, bbox, (int(l), int(t), int(r), int(b)), rgb, grey, mask, scale, figure.source, figure.caption)


def clean_grey(rgb: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Grey levels with corner labels in-painted, and the keypoint mask."""
    grey = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    labels = label_mask(rgb)
    if labels.any():
        grey = cv2.inpaint(grey, labels, 3, cv2.INPAINT_TELEA)
    mask = np.where(cv2.dilate(labels, np.ones((7, 7), np.uint8)) > 0, 0, 255).astype(np.uint8)
    return grey, mask


def label_mask(rgb: np.ndarray) -> np.ndarray:
    """255 on panel letters and scale bars: small achromatic marks of extreme
    brightness (white on dark panels, black on light colour panels) in the
    corner zones of the panel."""
    h, w = rgb.shape[:2]
    grey = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    spread = rgb.max(axis=2).astype(int) - rgb.min(axis=2)
    achromatic = spread <= 40
    dark_panel = np.median(grey) < 110
    colour_panel = np.median(spread) > 25
    if dark_panel:
        ink = achromatic & (grey >= 215)
    elif colour_panel:
        ink = achromatic & (grey <= 50)
    else:
        ink = grey <= 40  # grey light panels: only letter-shaped marks qualify (below)
    mask = np.zeros((h, w), np.uint8)
    if not ink.any():
        return mask
    count, comp, stats, _ = cv2.connectedComponentsWithStats(ink.astype(np.uint8), connectivity=8)
    zone_w, zone_h = 0.3 * w, 0.3 * h
    for i in range(1, count):
        x, y, cw, ch, area = stats[i]
        if area < 6 or cw > 0.4 * w or ch > 0.22 * h:
            continue
        in_corner = (x + cw <= zone_w or x >= w - zone_w) and (y + ch <= zone_h or y >= h - zone_h)
        if not in_corner:
            continue
        letter_like = area / float(cw * ch) <= 0.65 and ch >= 6
        bar_like = cw >= 3 * ch and ch <= max(6, 0.05 * h) and y >= h - zone_h
        if not (letter_like or (bar_like and (dark_panel or colour_panel))):
            continue
        mask[comp == i] = 255
    return mask
