"""Confirm a candidate pair of panels by keypoint matching and say where and how they match.

SIFT keypoints (scale- and rotation-invariant) of panel B, and of B mirrored,
are matched to panel A with Lowe's ratio test; RANSAC fits a similarity
transform (rotation, uniform scale, translation). A pair is accepted on the
number of inliers, a plausible scale, and a photometric check: after B is
warped onto A, the band-passed pixels of the shared region must correlate.
Geometrically consistent matches between *different* images that look alike
(two blots with bands in the same places, neighbouring fields of one sample)
have little inlier support and their fine texture does not correlate.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import cv2
import numpy as np

from detectors.images.hashing import DIHEDRAL


@dataclass
class Features:
    """SIFT keypoints of one panel (and of the panel mirrored left-right)."""

    points: np.ndarray  # (n, 2) float32, analysis pixels
    descriptors: np.ndarray  # (n, 128) float32
    shape: tuple[int, int]  # h, w


def compute_features(grey: np.ndarray, mask: np.ndarray | None = None, max_features: int = 1500) -> Features:
    sift = cv2.SIFT_create(nfeatures=max_features, contrastThreshold=0.02)
    keypoints, descriptors = sift.detectAndCompute(grey, mask)
    points = np.array([k.pt for k in keypoints], np.float32).reshape(-1, 2)
    if descriptors is None:
        descriptors = np.zeros((0, 128), np.float32)
    return Features(points, descriptors, grey.shape[:2])


def mirrored(features: Features) -> Features:
    """Features of the mirrored panel, expressed in the mirrored frame.

    SIFT descriptors are not mirror-invariant, so this recomputes nothing:
    callers pass the features computed on the mirrored pixels instead.
    """
    return features


@dataclass(frozen=True)
class VerifyOptions:
    """Thresholds of the geometric and photometric verification (analysis pixels)."""

    ratio: float = 0.8  # Lowe's ratio test
    ransac_threshold: float = 4.0  # reprojection error of an inlier
    min_inliers: int = 10
    min_scale: float = 0.2  # plausible scale of B relative to A
    max_scale: float = 5.0
    min_correlation: float = 0.45  # band-passed pixel correlation over the shared region
    min_overlap_px: int = 900  # shared region area, in the coarser panel's pixels
    max_rotation_error: float = 4.0  # degrees off a quarter turn; reused panels are turned by 90s
    min_aligned_correlation: float = 0.85  # pixel correlation for whole panels matched without keypoints


@dataclass
class PairMatch:
    """How panel B maps onto panel A. ``matrix`` maps B's pixels (mirrored
    first when ``flipped``) to A's pixels."""

    matrix: np.ndarray = field(repr=False)
    flipped: bool
    inliers: int
    matches: int
    scale: float
    rotation: float  # degrees: B is A turned this much counter-clockwise (as seen on the page)
    box_a: tuple[float, float, float, float]
    box_b: tuple[float, float, float, float]
    coverage_a: float  # share of A inside the shared region
    coverage_b: float
    correlation: float
    confidence: float = 0.0
    points_a: np.ndarray = field(default=None, repr=False)
    points_b: np.ndarray = field(default=None, repr=False)  # B's own (unmirrored) pixels
    method: str = "keypoints"  # or "aligned": whole panels turned onto each other (too few keypoints)

    def describe(self) -> dict:
        """The transform in words a reviewer reads: rotation, flip, scale, crop."""
        kinds = []
        rotation = round(self.rotation) % 360
        if self.flipped:
            kinds.append("mirrored")
        if min(abs(rotation - r) for r in (0, 360)) > 2:
            kinds.append(f"rotated {rotation}°")
        if abs(math.log(self.scale)) > math.log(1.08):
            kinds.append(f"rescaled ×{self.scale:.2f}")
        if self.coverage_a < 0.9 and self.coverage_b < 0.9:
            kinds.append("partial overlap")
        elif self.coverage_a < 0.9 or self.coverage_b < 0.9:
            kinds.append("cropped")
        return {
            "kind": ", ".join(kinds) or "identical",
            "rotation_degrees": rotation,
            "mirrored": self.flipped,
            "scale": round(self.scale, 3),
            "coverage_a": round(self.coverage_a, 3),
            "coverage_b": round(self.coverage_b, 3),
            "matrix_b_to_a": [[round(float(v), 4) for v in row] for row in self.matrix],
            "inliers": self.inliers,
            "method": self.method,
            "correlation": round(self.correlation, 3),
        }


def match_pair(
    grey_a: np.ndarray,
    feats_a: Features,
    grey_b: np.ndarray,
    feats_b: Features,
    feats_b_mirrored: Features,
    options: VerifyOptions = VerifyOptions(),
) -> PairMatch | None:
    """The verified match of B onto A, or None."""
    best = None
    for flipped, fb in ((False, feats_b), (True, feats_b_mirrored)):
        found = _geometric_match(feats_a, fb, options)
        if found is None:
            continue
        matrix, inlier_a, inlier_b, n_matches = found
        if best is None or len(inlier_a) > best[1].shape[0]:
            best = (matrix, inlier_a, inlier_b, n_matches, flipped)
    if best is None:
        return None
    matrix, pa, pb, n_matches, flipped = best
    return _checked_match(grey_a, grey_b, matrix, flipped, pa, pb, n_matches, options.min_correlation, options)


def match_aligned(grey_a: np.ndarray, grey_b: np.ndarray, options: VerifyOptions = VerifyOptions()) -> PairMatch | None:
    """B turned/mirrored by a multiple of 90 degrees and rescaled onto A as a
    whole, accepted when its pixels correlate with A's at ``min_aligned_correlation``.

    For panels whose whole-panel hashes agree but that have too few keypoints
    to match (one cell on black): the transform comes from trying the 8
    orientations, not from features, so the bar on the pixels is higher.
    """
    ha, wa = grey_a.shape[:2]
    best = None
    for transpose, flip_rows, flip_cols in DIHEDRAL:
        hb, wb = grey_b.shape[:2]
        oh, ow = (wb, hb) if transpose else (hb, wb)
        if abs(math.log((wa / ha) / (ow / oh))) > 0.1:
            continue  # the aspect ratio would have to change: not a whole-panel copy
        matrix = _orientation_matrix(grey_b.shape, transpose, flip_rows, flip_cols, (ha, wa))
        correlation = band_pass_correlation(grey_a, grey_b, matrix)
        if best is None or correlation > best[0]:
            best = (correlation, matrix)
    if best is None or best[0] < options.min_aligned_correlation:
        return None
    matrix = best[1]
    flipped = bool(np.linalg.det(matrix[:, :2]) < 0)
    if flipped:  # express it the way match_pair does: mirror B first, then a similarity
        wb = grey_b.shape[1]
        matrix = matrix @ np.array([[-1.0, 0.0, wb - 1.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]])
    grid = np.stack(np.meshgrid(np.linspace(0.2, 0.8, 3) * grey_b.shape[1], np.linspace(0.2, 0.8, 3) * grey_b.shape[0]), -1)
    pb = grid.reshape(-1, 2).astype(np.float32)  # a few corresponding points to draw, in B's (mirrored) frame
    pa = cv2.transform(pb[None], matrix)[0]
    return _checked_match(grey_a, grey_b, matrix, flipped, pa, pb, 0, options.min_aligned_correlation, options, method="aligned")


def _orientation_matrix(shape_b, transpose: bool, flip_rows: bool, flip_cols: bool, shape_a) -> np.ndarray:
    """2x3 affine taking B's pixel centres to A's after the orientation and a resize to A's size."""
    hb, wb = shape_b[:2]
    m = np.eye(3)
    if transpose:
        m = np.array([[0.0, 1, 0], [1, 0, 0], [0, 0, 1]]) @ m
        hb, wb = wb, hb
    if flip_rows:
        m = np.array([[1.0, 0, 0], [0, -1, hb - 1], [0, 0, 1]]) @ m
    if flip_cols:
        m = np.array([[-1.0, 0, wb - 1], [0, 1, 0], [0, 0, 1]]) @ m
    sx, sy = shape_a[1] / wb, shape_a[0] / hb  # resize maps centres x -> (x + 0.5) * s - 0.5
    m = np.array([[sx, 0, 0.5 * sx - 0.5], [0, sy, 0.5 * sy - 0.5], [0, 0, 1]]) @ m
    return m[:2]


def _checked_match(grey_a, grey_b, matrix, flipped, pa, pb, n_matches, min_correlation, options, method="keypoints"):
    """The PairMatch of B onto A under ``matrix`` (B mirrored first when ``flipped``), or None when
    the transform is implausible, the shared region too small or the pixels do not correlate."""
    b_pixels = grey_b[:, ::-1] if flipped else grey_b
    scale = math.sqrt(abs(np.linalg.det(matrix[:, :2])))
    if not options.min_scale <= scale <= options.max_scale:
        return None
    # The y axis points down: a positive angle of the B->A matrix turns B clockwise
    # back onto A, so B is A turned counter-clockwise by that angle.
    rotation = math.degrees(math.atan2(matrix[1, 0], matrix[0, 0])) % 360
    if abs((rotation + 45) % 90 - 45) > options.max_rotation_error:
        return None
    shared = _shared_region(matrix, grey_a.shape, b_pixels.shape)
    if shared is None:
        return None
    box_a, box_b, area_a, area_b = shared
    if min(area_a, area_b) < options.min_overlap_px:
        return None
    correlation = band_pass_correlation(grey_a, b_pixels, matrix)
    if correlation < min_correlation:
        return None
    w_b = grey_b.shape[1]
    if flipped:
        box_b = (w_b - box_b[2], box_b[1], w_b - box_b[0], box_b[3])
        pb = pb.copy()
        pb[:, 0] = w_b - 1 - pb[:, 0]
    match = PairMatch(
        matrix, flipped, len(pa) if method == "keypoints" else 0, n_matches, scale, rotation, box_a, box_b,
        area_a / (grey_a.shape[0] * grey_a.shape[1]), area_b / (grey_b.shape[0] * grey_b.shape[1]),
        correlation, points_a=pa, points_b=pb, method=method,
    )
    match.confidence = pair_confidence(match, options)
    return match


def pair_confidence(match: PairMatch, options: VerifyOptions = VerifyOptions()) -> float:
    """0-1: grows with inlier support and with pixel correlation of the shared region
    (a whole-panel alignment has no keypoint support: its correlation stands for both)."""
    if match.method == "aligned":
        return round(min(max((match.correlation - 0.5) / 0.45, 0.0), 1.0), 3)
    support = 1.0 - math.exp(-max(match.inliers - options.min_inliers / 2, 0) / 12.0)
    likeness = min(max((match.correlation - 0.2) / 0.6, 0.0), 1.0)
    return round(0.35 * support + 0.65 * likeness, 3)


def _geometric_match(fa: Features, fb: Features, options: VerifyOptions):
    if len(fa.points) < options.min_inliers or len(fb.points) < options.min_inliers:
        return None
    matcher = cv2.BFMatcher(cv2.NORM_L2)
    pairs = matcher.knnMatch(fb.descriptors, fa.descriptors, k=2)
    good = [p[0] for p in pairs if len(p) == 2 and p[0].distance < options.ratio * p[1].distance]
    if len(good) < options.min_inliers:
        return None
    pts_b = fb.points[[m.queryIdx for m in good]]
    pts_a = fa.points[[m.trainIdx for m in good]]
    cv2.setRNGSeed(20240607)  # RANSAC samples at random: fix the seed so a rerun gives the same answer
    matrix, inliers = cv2.estimateAffinePartial2D(
        pts_b, pts_a, method=cv2.RANSAC, ransacReprojThreshold=options.ransac_threshold, maxIters=4000, confidence=0.995
    )
    if matrix is None or inliers is None:
        return None
    keep = inliers.ravel().astype(bool)
    if keep.sum() < options.min_inliers:
        return None
    return matrix, pts_a[keep], pts_b[keep], len(good)


def _shared_region(matrix: np.ndarray, shape_a, shape_b):
    """Boxes of the region both panels show (in A's and in B's pixels) and its area in each."""
    ha, wa = shape_a[:2]
    hb, wb = shape_b[:2]
    corners_b = np.array([[0, 0], [wb, 0], [wb, hb], [0, hb]], np.float32)
    in_a = cv2.transform(corners_b[None], matrix)[0]
    rect_a = np.array([[0, 0], [wa, 0], [wa, ha], [0, ha]], np.float32)
    area, polygon = cv2.intersectConvexConvex(_ccw(in_a), rect_a)
    if polygon is None or area <= 0:
        return None
    polygon = polygon.reshape(-1, 2)
    inverse = cv2.invertAffineTransform(matrix)
    in_b = cv2.transform(polygon[None].astype(np.float32), inverse)[0]
    scale2 = abs(np.linalg.det(matrix[:, :2]))
    box = lambda p: (float(p[:, 0].min()), float(p[:, 1].min()), float(p[:, 0].max()), float(p[:, 1].max()))  # noqa: E731
    return box(polygon), box(in_b), float(area), float(area / max(scale2, 1e-9))


def _ccw(points: np.ndarray) -> np.ndarray:
    """The quadrilateral in the orientation intersectConvexConvex expects."""
    x, y = points[:, 0], points[:, 1]
    signed = 0.5 * float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))
    return points if signed > 0 else points[::-1].copy()


def band_pass_correlation(grey_a: np.ndarray, grey_b: np.ndarray, matrix: np.ndarray) -> float:
    """Correlation of band-passed pixels over the shared region, in the frame
    of the coarser panel (so a downscaled copy is not penalised for lost detail)."""
    aligned = _aligned_pixels(grey_a, grey_b, matrix)
    return _pearson(_band_pass(aligned[0]), _band_pass(aligned[1]), aligned[2]) if aligned else 0.0


def _aligned_pixels(grey_a: np.ndarray, grey_b: np.ndarray, matrix: np.ndarray):
    """(finer panel warped into the coarser one's frame, coarser panel, mask of the shared region), float32; None if too small."""
    scale = math.sqrt(abs(np.linalg.det(matrix[:, :2])))
    if scale >= 1.0:  # B is coarser: bring A into B's frame
        fine, coarse, to_coarse = grey_a, grey_b, cv2.invertAffineTransform(matrix)
    else:
        fine, coarse, to_coarse = grey_b, grey_a, matrix
    h, w = coarse.shape[:2]
    warped = cv2.warpAffine(fine.astype(np.float32), to_coarse, (w, h), flags=cv2.INTER_LINEAR)
    valid = cv2.warpAffine(np.ones(fine.shape[:2], np.float32), to_coarse, (w, h), flags=cv2.INTER_NEAREST)
    valid = cv2.erode((valid > 0.5).astype(np.uint8), np.ones((7, 7), np.uint8)) > 0
    if valid.sum() < 400:
        return None
    return warped, coarse.astype(np.float32), valid


def _pearson(a: np.ndarray, b: np.ndarray, mask: np.ndarray | None) -> float:
    if mask is not None:
        a, b = a[mask], b[mask]
    a, b = a - a.mean(), b - b.mean()
    denom = math.sqrt(float((a * a).sum()) * float((b * b).sum()))
    return float((a * b).sum() / denom) if denom > 0 else 0.0


def _band_pass(image: np.ndarray) -> np.ndarray:
    return cv2.GaussianBlur(image, (0, 0), 1.0) - cv2.GaussianBlur(image, (0, 0), 4.0)
