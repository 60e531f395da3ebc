"""Cloned regions inside one panel (copy-move), including mirrored clones.

Two passes find candidate clones, and one check confirms them:

* **keypoints**: SIFT keypoints of the panel matched to the panel's own
  keypoints (and to those of the mirrored panel), skipping each point itself,
  with a ratio test; matched pairs are grouped by their displacement (or, for
  mirrored clones, by mirror axis and vertical shift).
* **blocks**: for low-texture content (blot bands) where keypoints are few,
  overlapping 16x16 blocks described by their low DCT coefficients; near
  identical blocks vote for their displacement.
* **check**: a displacement with enough votes is a clone only if the two
  regions agree pixel for pixel, up to compression noise (mean absolute
  difference of a few grey levels): two blot lanes with the same band look
  alike but carry independent noise, so they differ by more. The agreeing
  region is grown beyond the voting keypoints, which often cover only part
  of the clone.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

import cv2
import numpy as np
from scipy.spatial import cKDTree

from detectors.images.verify import Features


@dataclass(frozen=True)
class CloneOptions:
    """Thresholds of the copy-move search (analysis pixels)."""

    min_shift: float = 16.0  # closer pairs are the same structure, not a clone
    ratio: float = 0.75  # ratio test for keypoint self-matches (the pixel check, not this, rejects look-alikes)
    min_keypoints: int = 5  # matched keypoint pairs supporting one displacement
    block: int = 16
    block_stride: int = 3
    min_block_std: float = 7.0  # flatter blocks (background) never vote
    block_radius: float = 10.0  # DCT-feature distance of near-identical blocks
    min_blocks: int = 12  # blocks supporting one displacement
    max_block_pairs: int = 200_000
    border_margin: int = 6
    max_residual: float = 2.0  # mean absolute grey-level difference of the two copies
    min_region_px: int = 300


@dataclass
class Clone:
    source: tuple[float, float, float, float]  # analysis pixels
    dest: tuple[float, float, float, float]
    mirrored: bool
    support: int
    method: str  # keypoints | blocks
    residual: float  # mean absolute grey-level difference of the two copies
    confidence: float


def find_clones(grey: np.ndarray, feats: Features, feats_mirrored: Features, options: CloneOptions = CloneOptions()) -> list[Clone]:
    """Cloned regions of one panel, strongest first, overlapping duplicates merged."""
    candidates = _keypoint_candidates(feats, feats_mirrored, grey.shape[1], options)
    candidates += _block_candidates(grey, options)
    clones: list[Clone] = []
    for mirrored, offset, src_pts, method in candidates:
        clone = _confirm(grey, mirrored, offset, src_pts, method, options)
        if clone is None or any(_same_clone(clone, c) for c in clones):
            continue
        clones.append(clone)
    return sorted(clones, key=lambda c: -c.confidence)


def _keypoint_candidates(feats: Features, feats_m: Features, width: int, options: CloneOptions):
    out = []
    n = len(feats.points)
    if n < options.min_keypoints * 2:
        return out
    matcher = cv2.BFMatcher(cv2.NORM_L2)
    # Plain clones: each point's nearest other point, by displacement.
    groups: dict[tuple, list] = defaultdict(list)
    for row in matcher.knnMatch(feats.descriptors, feats.descriptors, k=3):
        others = [m for m in row if m.trainIdx != m.queryIdx]
        if len(others) < 2 or others[0].distance >= options.ratio * others[1].distance:
            continue
        i, j = others[0].queryIdx, others[0].trainIdx
        p, q = feats.points[i], feats.points[j]
        d = q - p
        if math.hypot(*d) < options.min_shift:
            continue
        if d[0] < 0 or (d[0] == 0 and d[1] < 0):
            p, d = q, -d
        groups[(round(d[0] / 4), round(d[1] / 4))].append(p)
    out += [(False, key, pts, "keypoints") for key, pts in _strong_groups(groups, options.min_keypoints)]
    # Mirrored clones: point (x, y) copied to (c - x, y + dy): group by (c, dy).
    groups = defaultdict(list)
    if len(feats_m.points) >= 2:
        for row in matcher.knnMatch(feats.descriptors, feats_m.descriptors, k=2):
            if len(row) < 2 or row[0].distance >= options.ratio * row[1].distance:
                continue
            p = feats.points[row[0].queryIdx]
            qm = feats_m.points[row[0].trainIdx]
            q = np.array([width - 1 - qm[0], qm[1]], np.float32)
            if math.hypot(*(q - p)) < options.min_shift:
                continue
            axis, dy = p[0] + q[0], q[1] - p[1]
            if p[0] > q[0]:
                p, dy = q, -dy
            groups[(round(axis / 4), round(dy / 4))].append(p)
    out += [(True, key, pts, "keypoints") for key, pts in _strong_groups(groups, options.min_keypoints)]
    return out


def _strong_groups(groups: dict, minimum: int):
    """Merge each bin with its neighbours (a displacement may straddle a bin edge)."""
    done = set()
    for key in sorted(groups, key=lambda k: (-len(groups[k]), k)):
        if key in done:
            continue
        pts = []
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                k = (key[0] + dx, key[1] + dy)
                if k in groups and k not in done:
                    pts += groups[k]
                    done.add(k)
        if len(pts) >= minimum:
            yield (key[0] * 4, key[1] * 4), np.array(pts, np.float32)


def _block_features(grey: np.ndarray, options: CloneOptions):
    b, s = options.block, options.block_stride
    h, w = grey.shape
    if h < 2 * b or w < 2 * b:
        return None
    windows = np.lib.stride_tricks.sliding_window_view(grey.astype(np.float32), (b, b))[::s, ::s]
    ys, xs = np.mgrid[0 : windows.shape[0], 0 : windows.shape[1]]
    blocks = windows.reshape(-1, b, b)
    stds = blocks.std(axis=(1, 2))
    ys_all, xs_all = ys.ravel() * s, xs.ravel() * s
    m = options.border_margin  # blocks on the panel edge see the gutter's straight edge, which repeats along it
    interior = (xs_all >= m) & (ys_all >= m) & (xs_all + b <= w - m) & (ys_all + b <= h - m)
    keep = (stds >= options.min_block_std) & interior
    blocks = blocks[keep]
    corners = np.stack([xs.ravel()[keep] * s, ys.ravel()[keep] * s], axis=1).astype(np.float32)
    k = np.arange(b)
    dct = np.cos(np.pi * (2 * k[None, :] + 1) * k[:, None] / (2 * b)).astype(np.float32)[:4]
    coeffs = np.matmul(np.matmul(dct, blocks), dct.T)
    mirror_sign = np.array([(-1) ** v for v in range(4)], np.float32)[None, None, :]
    return corners, coeffs.reshape(len(blocks), -1) / b, (coeffs * mirror_sign).reshape(len(blocks), -1) / b


def _block_candidates(grey: np.ndarray, options: CloneOptions):
    found = _block_features(grey, options)
    if found is None or len(found[0]) < options.min_blocks:
        return []
    corners, feats, feats_mirrored = found
    centres = corners + options.block / 2
    tree = cKDTree(feats)
    out = []
    pairs = tree.query_pairs(options.block_radius, output_type="ndarray")[: options.max_block_pairs]
    if len(pairs):
        p, q = centres[pairs[:, 0]], centres[pairs[:, 1]]
        d = q - p
        flip = (d[:, 0] < 0) | ((d[:, 0] == 0) & (d[:, 1] < 0))  # one canonical direction per pair
        p = np.where(flip[:, None], q, p)
        d = np.where(flip[:, None], -d, d)
        far = np.hypot(d[:, 0], d[:, 1]) >= options.min_shift + options.block / 2
        out += [(False, key, pts, "blocks") for key, pts in _strong_groups(_bin(d[far], p[far]), options.min_blocks)]
    # Mirrored: a block equals the mirror image of another block.
    near = tree.query_ball_point(feats_mirrored, options.block_radius)
    i = np.repeat(np.arange(len(near)), [len(n) for n in near])
    j = np.fromiter((k for n in near for k in n), np.int64, count=len(i))
    if len(i):
        p, q = centres[i], centres[j]
        far = np.hypot(*(q - p).T) >= options.min_shift + options.block / 2
        p, q = p[far], q[far]
        left = np.where((p[:, 0] <= q[:, 0])[:, None], p, q)
        dy = np.where(p[:, 0] <= q[:, 0], q[:, 1] - p[:, 1], p[:, 1] - q[:, 1])
        keys = np.stack([p[:, 0] + q[:, 0], dy], axis=1)
        out += [(True, key, pts, "blocks") for key, pts in _strong_groups(_bin(keys, left), options.min_blocks)]
    return out


def _bin(keys: np.ndarray, points: np.ndarray) -> dict[tuple, list]:
    groups: dict[tuple, list] = defaultdict(list)
    binned = np.round(keys / 4).astype(int)
    for key, point in zip(map(tuple, binned), points):
        groups[key].append(point)
    return groups


def _confirm(grey, mirrored, offset, src_pts, method, options: CloneOptions) -> Clone | None:
    """Refine the displacement, check the two regions agree pixel for pixel
    (up to compression noise), and bound the region that does."""
    h, w = grey.shape
    pad = options.block / 2 + 8
    box = (max(src_pts[:, 0].min() - pad, 0), max(src_pts[:, 1].min() - pad, 0), min(src_pts[:, 0].max() + pad, w), min(src_pts[:, 1].max() + pad, h))
    image = grey.astype(np.float32)
    best = None
    for ddx in range(-3, 4):
        for ddy in range(-3, 4):
            found = _agreement(image, box, mirrored, offset[0] + ddx, offset[1] + ddy, options)
            if found is not None and (best is None or found[2][4] > best[2][4]):
                best = found
    if best is None:
        return None
    # Keypoints may cover only part of a clone: look around the agreeing region, at the same shift, while it grows.
    for _ in range(3):
        (src, _), _, (bx, by, bw, bh, area, _), shift = best
        x0, y0 = src[0] + bx, src[1] + by
        grown = _agreement(image, (max(x0 - bw / 2, 0), max(y0 - bh / 2, 0), min(x0 + 1.5 * bw, w), min(y0 + 1.5 * bh, h)), mirrored, *shift, options)
        if grown is None or grown[2][4] <= area:
            break
        best = grown
    (src, dst), diff, (bx, by, bw, bh, area, inside), _ = best
    residual = float(diff[inside].mean())
    if area < options.min_region_px or residual > options.max_residual:
        return None
    src_box = (src[0] + bx, src[1] + by, src[0] + bx + bw, src[1] + by + bh)
    patch = image[src_box[1] : src_box[3], src_box[0] : src_box[2]]
    if patch.std() < options.min_block_std or _self_similar(image, src_box, residual):
        return None
    if mirrored:
        dst_box = (dst[2] - bx - bw, dst[1] + by, dst[2] - bx, dst[1] + by + bh)
    else:
        dst_box = (dst[0] + bx, dst[1] + by, dst[0] + bx + bw, dst[1] + by + bh)
    if _overlaps(src_box, dst_box) or (mirrored and _gap(src_box, dst_box) < options.min_shift):
        return None  # a mirror image right beside itself is a symmetric structure (a blot lane), not a clone
    support = len(src_pts)
    agreement = max(0.0, 1.0 - residual / options.max_residual)
    confidence = round(min(1.0, 0.6 * (0.5 + 0.5 * agreement) + 0.4 * (1 - math.exp(-support / 10))), 3)
    return Clone(tuple(map(float, src_box)), tuple(map(float, dst_box)), mirrored, support, method, round(residual, 2), confidence)


def _agreement(image, box, mirrored: bool, shift_x: float, dy: float, options: CloneOptions):
    """((source, copy) boxes, difference, largest agreeing component, shift) for one shift, or None."""
    h, w = image.shape
    pair = _region_pair(box, mirrored, shift_x, dy, w, h)
    if pair is None:
        return None
    diff = np.abs(_difference(image, *pair, mirrored))
    component = _largest_component(cv2.GaussianBlur(diff, (0, 0), 2.0) <= options.max_residual)
    return None if component is None else (pair, diff, component, (shift_x, dy))


def _self_similar(image: np.ndarray, box, residual: float) -> bool:
    """True when the region matches itself shifted a few pixels (a straight edge,
    a gradient, a flat area): such a region "matches" anywhere along itself."""
    x0, y0, x1, y1 = (int(v) for v in box)
    a = image[y0:y1, x0:x1]
    for dx, dy in ((4, 0), (0, 4), (3, 3), (3, -3)):
        b = image[max(y0 + dy, 0) : y1 + dy, max(x0 + dx, 0) : x1 + dx]
        h, w = min(a.shape[0], b.shape[0]), min(a.shape[1], b.shape[1])
        if h < 8 or w < 8:
            continue
        shifted = float(np.abs(a[:h, :w] - b[:h, :w]).mean())
        if shifted < max(1.6 * residual, residual + 1.0):
            return True
    return False


def _largest_component(mask: np.ndarray):
    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask.astype(np.uint8), connectivity=4)
    if count < 2:
        return None
    i = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
    x, y, w, h, area = (int(v) for v in stats[i])
    return x, y, w, h, area, labels == i


def _difference(image, src, dst, mirrored) -> np.ndarray:
    a = image[src[1] : src[3], src[0] : src[2]]
    b = image[dst[1] : dst[3], dst[0] : dst[2]]
    if mirrored:
        b = b[:, ::-1]
    return a - b


def _region_pair(src, mirrored: bool, shift_x: float, dy: float, w: int, h: int):
    """Source box shrunk so that it and its copy lie inside the panel, and the copy.

    Plain clone: the copy is the source moved by (shift_x, dy). Mirrored clone:
    the copy is the source mirrored about x = shift_x / 2 and moved by dy.
    """
    x0, y0, x1, y1 = src
    y0, y1 = max(y0, -dy), min(y1, h - dy)
    if mirrored:
        x0, x1 = max(x0, shift_x - w), min(x1, shift_x)
    else:
        x0, x1 = max(x0, -shift_x), min(x1, w - shift_x)
    x0, y0, x1, y1 = (int(round(v)) for v in (x0, y0, x1, y1))
    if x1 - x0 < 8 or y1 - y0 < 8:
        return None
    sx = int(round(shift_x))
    dst = (sx - x1, y0 + int(round(dy)), sx - x0, y1 + int(round(dy))) if mirrored else (x0 + sx, y0 + int(round(dy)), x1 + sx, y1 + int(round(dy)))
    if dst[0] < 0 or dst[1] < 0 or dst[2] > w or dst[3] > h:
        return None
    return (x0, y0, x1, y1), dst


def _overlaps(a, b) -> bool:
    ix = min(a[2], b[2]) - max(a[0], b[0])
    iy = min(a[3], b[3]) - max(a[1], b[1])
    return ix > 0 and iy > 0 and ix * iy > 0.5 * min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))


def _gap(a, b) -> float:
    return max(b[0] - a[2], a[0] - b[2], b[1] - a[3], a[1] - b[3], 0.0)


def _same_clone(a: Clone, b: Clone) -> bool:
    return (_overlaps(a.source, b.source) and _overlaps(a.dest, b.dest)) or (_overlaps(a.source, b.dest) and _overlaps(a.dest, b.source))
