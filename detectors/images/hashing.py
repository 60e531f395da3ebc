"""Perceptual hashes of panels that survive the 8 rotations/flips, crops and
partial overlaps.

The hash is pHash's (the signs of the 8x8 lowest DCT coefficients of a 32x32
grey thumbnail, after histogram equalisation), thresholded at zero instead of
at the median. That makes it *equivariant* under the dihedral group: mirroring
the image negates the odd-frequency coefficients and a quarter turn transposes
them, so the hashes of all 8 orientations are bit permutations and flips of
one hash, computed without re-hashing (:func:`dihedral_variants`).

Two kinds of hash describe a panel:

* the **whole-panel** hash (equalised; dark panels also a plain one): exact copies, re-compressions, rescales, contrast
  changes, rotations and flips;
* **local** hashes of square patches centred on the strongest scale-space
  keypoints (SIFT's DoG detector), with the patch side proportional to the
  keypoint scale. Keypoint positions and scales move with the image under
  crop, rescale, quarter-turn and flip, so a cropped, rescaled or partly
  overlapping copy shares several local hashes with the original even though
  its whole-panel hash differs.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

HASH_SIZE = 32  # thumbnail side the DCT runs on
LOW = 8  # low-frequency block kept: 8x8 coefficients -> 63 bits (DC left out)
BITS = LOW * LOW


def _dct_matrix(n: int = HASH_SIZE) -> np.ndarray:
    k = np.arange(n)
    d = np.cos(np.pi * (2 * k[None, :] + 1) * k[:, None] / (2 * n))
    d[0] /= np.sqrt(2)
    return (d * np.sqrt(2 / n)).astype(np.float32)


_DCT = _dct_matrix()
_WEIGHTS = (np.uint64(1) << np.arange(BITS, dtype=np.uint64)).astype(np.uint64)


def sign_hashes(thumbs: np.ndarray) -> np.ndarray:
    """64-bit hashes (uint64) of a stack of 32x32 thumbnails, shape (n, 32, 32).

    Bit ``u * 8 + v`` is set when DCT coefficient (u, v) is positive (u: vertical
    frequency, v: horizontal); bit 0 (the DC term) is always 0.
    """
    if len(thumbs) == 0:
        return np.zeros(0, np.uint64)
    x = thumbs.astype(np.float32)
    coeffs = _DCT @ x @ _DCT.T
    bits = coeffs[:, :LOW, :LOW] > 0
    bits[:, 0, 0] = False
    return _pack(bits.reshape(len(x), BITS))


def _pack(bits: np.ndarray) -> np.ndarray:
    return (bits.astype(np.uint64) * _WEIGHTS).sum(axis=1, dtype=np.uint64)


def _unpack(hashes: np.ndarray) -> np.ndarray:
    return ((hashes[:, None] >> np.arange(BITS, dtype=np.uint64)) & np.uint64(1)).astype(bool)


# The 8 elements of the dihedral group as (transpose, mirror rows, mirror columns),
# applied in that order to the *image*; index 0 is the identity.
DIHEDRAL = [(t, fy, fx) for t in (False, True) for fy in (False, True) for fx in (False, True)]


def dihedral_variants(hashes: np.ndarray) -> np.ndarray:
    """(n, 8) hashes: column g is the hash the image would have after DIHEDRAL[g]."""
    bits = _unpack(np.asarray(hashes, np.uint64)).reshape(-1, LOW, LOW)
    u = np.arange(LOW)
    odd_u = (u % 2 == 1)[:, None] & np.ones((1, LOW), bool)  # vertical frequency odd
    odd_v = odd_u.T
    out = np.zeros((len(bits), len(DIHEDRAL)), np.uint64)
    for g, (transpose, flip_rows, flip_cols) in enumerate(DIHEDRAL):
        b = bits.transpose(0, 2, 1) if transpose else bits
        flip = np.zeros((LOW, LOW), bool)
        if flip_rows:
            flip ^= odd_u
        if flip_cols:
            flip ^= odd_v
        b = b ^ flip
        b[:, 0, 0] = False
        out[:, g] = _pack(b.reshape(len(b), BITS))
    return out


def hamming(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.bitwise_count(np.bitwise_xor(a, b)).astype(np.int64)


def equalised(grey: np.ndarray) -> np.ndarray:
    return cv2.equalizeHist(grey)


def thumbnail(grey: np.ndarray) -> np.ndarray:
    return cv2.resize(grey, (HASH_SIZE, HASH_SIZE), interpolation=cv2.INTER_AREA)


@dataclass
class PanelHashes:
    """The hashes of one panel: the first one (two for dark panels: equalised,
    plain) describe the whole panel, the rest local patches; ``kinds`` is 0
    (whole) or 1 (local)."""

    hashes: np.ndarray  # uint64
    kinds: np.ndarray  # uint8

    def query_variants(self) -> np.ndarray:
        """(n, 8) hashes to look up: every orientation of every hash."""
        return dihedral_variants(self.hashes)


@dataclass(frozen=True)
class HashOptions:
    """How many local hashes a panel gets, and how big their patches are."""

    max_local: int = 40  # strongest keypoints hashed per panel
    patch_factor: float = 5.0  # patch side = factor x keypoint size
    min_patch: int = 24  # analysis pixels
    min_patch_std: float = 6.0  # flatter patches (background) are not hashed
    dark_median: int = 64  # panels darker than this also get a plain (not equalised) whole-panel hash



def keypoint_patches(grey: np.ndarray, mask: np.ndarray | None, options: HashOptions = HashOptions()) -> list[tuple[int, int, int]]:
    """Square patches (x0, y0, side) around the strongest DoG keypoints whose
    patch fits inside the panel, one per place and scale, strongest first."""
    h, w = grey.shape
    sift = cv2.SIFT_create(contrastThreshold=0.02)
    keypoints = sift.detect(grey, mask)
    keypoints = sorted(keypoints, key=lambda k: (-k.response, k.pt[1], k.pt[0], -k.size))
    chosen: list[tuple[float, float, float]] = []
    patches: list[tuple[int, int, int]] = []
    for kp in keypoints:
        side = int(round(options.patch_factor * kp.size))
        if side < options.min_patch:
            continue
        x, y = kp.pt
        x0, y0 = int(round(x - side / 2)), int(round(y - side / 2))
        if x0 < 0 or y0 < 0 or x0 + side > w or y0 + side > h:
            continue
        if any(abs(x - cx) < 0.2 * side and abs(y - cy) < 0.2 * side and 0.7 < side / cs < 1.4 for cx, cy, cs in chosen):
            continue
        chosen.append((x, y, side))
        patches.append((x0, y0, side))
        if len(patches) >= options.max_local:
            break
    return patches


def panel_hashes(grey: np.ndarray, mask: np.ndarray | None = None, options: HashOptions = HashOptions()) -> PanelHashes:
    """Whole-panel hash(es) plus local keypoint-patch hashes of one panel.

    The whole-panel hash is taken after histogram equalisation (robust to
    non-linear contrast changes). Equalising a dark panel (a few cells on
    black) stretches its background noise over the whole grey range and JPEG
    replaces that noise, so dark panels (median grey below ``options.dark_median``)
    get a second whole-panel hash of the plain area-averaged thumbnail, which
    survives re-compression (DCT signs ignore gain and offset). Light panels
    do not: on blots with bands in the same places the plain thumbnails of
    different samples agree too, and would only add look-alike candidates.
    """
    eq = equalised(grey)
    thumbs = [thumbnail(eq)]
    if float(np.median(grey)) < options.dark_median:
        thumbs.append(thumbnail(grey))
    whole = len(thumbs)
    for x0, y0, side in keypoint_patches(grey, mask, options):
        if grey[y0 : y0 + side, x0 : x0 + side].std() < options.min_patch_std:
            continue
        thumbs.append(thumbnail(eq[y0 : y0 + side, x0 : x0 + side]))
    hashes = sign_hashes(np.stack(thumbs))
    kinds = np.ones(len(hashes), np.uint8)
    kinds[:whole] = 0
    return PanelHashes(hashes, kinds)


def to_signed(hashes: np.ndarray) -> list[int]:
    """uint64 hashes as signed 64-bit ints, the way a database BIGINT holds them."""
    return [int(v) for v in np.asarray(hashes, np.uint64).view(np.int64)]


def from_signed(values) -> np.ndarray:
    return np.asarray(list(values), np.int64).view(np.uint64)
