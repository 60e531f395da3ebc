#!/usr/bin/env python3
"""Regenerate the sample manuscripts and their ground truth (``truth.json``).

Usage::

    python sample_papers/generate.py [--out DIR] [--no-verify]

Writes 13 PDF manuscripts, one plain-text and one JATS XML manuscript, five
broken files and ``truth.json`` into DIR (default: the folder of this script).
Everything is deterministic: fixed seeds, fixed PDF dates and no random PDF
/ID, so two runs give byte-identical files (the pipeline identifies a
manuscript by the SHA-256 of its bytes). The one exception is
``broken-encrypted.pdf``: MuPDF draws a fresh random key for AES encryption.

The manuscripts are invented. Some carry planted problems (copied text,
reused or cloned image panels, inconsistent statistics, tortured phrases);
others are clean controls that contain look-alikes which must NOT be flagged
(shared boilerplate, quotations, one-tailed tests, Bonferroni-adjusted p
values, continuous means, similar but distinct images). ``truth.json`` lists
both.

Needs: pymupdf, numpy, pillow, scipy.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import io
import json
import math
import re
import sys
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import numpy as np
import pymupdf
from PIL import Image, ImageDraw, ImageFont
from scipy import ndimage, stats
from scipy.spatial import cKDTree

HERE = Path(__file__).resolve().parent

# --------------------------------------------------------------------------
# Page geometry and fonts
# --------------------------------------------------------------------------

PAGE_W, PAGE_H = 595.0, 842.0  # A4 in points
MARGIN_L, MARGIN_R = 68.0, 68.0
TOP, BOTTOM = 66.0, PAGE_H - 62.0
TEXT_W = PAGE_W - MARGIN_L - MARGIN_R

# Base-14 look-alike fonts shipped inside MuPDF, embedded as Unicode (Type0)
# fonts so that characters such as the Greek chi of chi-square survive text
# extraction. They are subset before saving.
FONT_FILES = {
    "body": "tiro",
    "bold": "tibo",
    "ital": "tiit",
    "bital": "tibi",
    "sans": "helv",
    "sansb": "hebo",
}
FONT_NAMES = {key: f"F{key}" for key in FONT_FILES}
FONTS = {key: pymupdf.Font(name) for key, name in FONT_FILES.items()}

BODY_SIZE = 11.0
BODY_LEAD = 16.0
GREY = (0.35, 0.35, 0.35)
BLACK = (0, 0, 0)
# Fixed PDF dates: the sample set is a snapshot, not a build artefact.
PDF_DATE = "D:20260112090000+00'00'"


@functools.lru_cache(maxsize=None)
def _char_width(ch: str, font: str) -> float:
    return FONTS[font].text_length(ch, fontsize=1.0)


def text_width(text: str, font: str, size: float) -> float:
    # PyMuPDF does not kern, so a string is as wide as its characters
    return sum(_char_width(ch, font) for ch in text) * size


@functools.lru_cache(maxsize=None)
def _has_glyph(ch: str, font: str) -> bool:
    return ch.isspace() or bool(FONTS[font].has_glyph(ord(ch)))


# Text is collected per page and written with TextWriters, which is much
# faster than one insert_text call per line. A new writer starts whenever the
# colour changes, so the content stream keeps the drawing (= reading) order.
_PENDING_TEXT: dict[tuple[int, int], list[tuple[tuple, pymupdf.TextWriter]]] = {}


def put_text(page, x, y, text, font="body", size=BODY_SIZE, color=BLACK, rotate=0):
    missing = [ch for ch in text if not _has_glyph(ch, font)]
    if missing:  # would come out as U+0000 in extracted text
        raise ValueError(f"font {font} has no glyph for {missing!r} in {text!r}")
    if rotate:
        page.insert_font(fontname=FONT_NAMES[font], fontbuffer=FONTS[font].buffer)
        page.insert_text((x, y), text, fontname=FONT_NAMES[font], fontsize=size, color=color, rotate=rotate)
        return
    writers = _PENDING_TEXT.setdefault((id(page.parent), page.number), [])
    if not writers or writers[-1][0] != color:
        writers.append((color, pymupdf.TextWriter(page.rect)))
    writers[-1][1].append((x, y), text, font=FONTS[font], fontsize=size)


def flush_text(doc: pymupdf.Document) -> None:
    """Write the text collected by put_text onto the pages of ``doc``."""
    for key in [k for k in _PENDING_TEXT if k[0] == id(doc)]:
        page = doc[key[1]]
        for color, writer in _PENDING_TEXT.pop(key):
            writer.write_text(page, color=color)


def seed_of(label: str) -> int:
    """Stable seed from a label (Python's hash() is salted per process)."""
    return zlib.crc32(label.encode("utf-8"))


# --------------------------------------------------------------------------
# Statistics: every reported p is recomputed here, so only planted errors
# are wrong.
# --------------------------------------------------------------------------

NBSP = "\u00a0"  # used internally to keep a statistic on one line; drawn as a space
NUMBER_WORDS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}


def fmt_p(p: float) -> str:
    if p < 0.001:
        return "p < .001"
    scaled = p * 1000
    if abs(scaled - math.floor(scaled) - 0.5) < 0.02:
        raise ValueError(f"p = {p} sits on a rounding boundary; choose another statistic")
    text = f"{p:.3f}"
    return "p = " + (text[1:] if text.startswith("0") else text)


def fmt_r(r: float) -> str:
    text = f"{r:.2f}"
    return text.replace("0.", ".", 1) if abs(r) < 1 else text


def p_t(t, df):
    return 2 * stats.t.sf(abs(t), df)


def p_F(f, df1, df2):
    return stats.f.sf(f, df1, df2)


def p_r(r, df):
    t = r * math.sqrt(df / (1 - r * r))
    return 2 * stats.t.sf(abs(t), df)


def p_chi(x, df):
    return stats.chi2.sf(x, df)


def p_z(z):
    return 2 * stats.norm.sf(abs(z))


def expand_stats(text: str, log: list) -> str:
    """Expand ``{kind:args}`` markup into APA-formatted statistics.

    {t:28:2.20}        t(28) = 2.20, p = .036
    {t1:30:1.80}       t(30) = 1.80, p = .041, one-tailed
    {tb:40:2.65:3}     t(40) = 2.65, p = .034, Bonferroni-corrected for three comparisons
    {F:2:57:3.41}      F(2, 57) = 3.41, p = .040
    {r:48:.32}         r(48) = .32, p = .023
    {chi:1:90:4.50}    χ2(1, N = 90) = 4.50, p = .034
    {z:2.31}           z = 2.31, p = .021
    {M:62:18}          M = 3.44   (sum of integer scores / N, GRIM-consistent)
    {raw:...}          literal text kept on one line (planted errors)
    """

    def one(match: re.Match) -> str:
        kind, args = match.group(1), match.group(2).split(":")
        if kind == "raw":
            out = ":".join(args)
        elif kind in ("t", "t1", "tb"):
            df, t = int(args[0]), float(args[1])
            p = p_t(t, df)
            shown = args[1].replace("-", "\u2212")
            if kind == "t1":
                out = f"t({df}) = {shown}, {fmt_p(p / 2)}, one-tailed"
            elif kind == "tb":
                k = int(args[2])
                out = f"t({df}) = {shown}, {fmt_p(min(1.0, p * k))}, Bonferroni-corrected for {NUMBER_WORDS[k]} comparisons"
            else:
                out = f"t({df}) = {shown}, {fmt_p(p)}"
        elif kind == "F":
            df1, df2, f = int(args[0]), int(args[1]), float(args[2])
            out = f"F({df1}, {df2}) = {args[2]}, {fmt_p(p_F(f, df1, df2))}"
        elif kind == "r":
            df, r = int(args[0]), float(args[1])
            out = f"r({df}) = {fmt_r(r)}, {fmt_p(p_r(r, df))}"
        elif kind == "chi":
            df, n, x = int(args[0]), int(args[1]), float(args[2])
            out = f"\u03c72({df}, N = {n}) = {args[2]}, {fmt_p(p_chi(x, df))}"
        elif kind == "z":
            z = float(args[0])
            out = f"z = {args[0]}, {fmt_p(p_z(z))}"
        elif kind == "M":
            total, n = int(args[0]), int(args[1])
            out = f"M = {total / n:.2f}"
        else:  # pragma: no cover
            raise ValueError(kind)
        log.append((kind, out, {"sum": int(args[0]), "n": int(args[1])} if kind == "M" else None))
        return out.replace(" ", NBSP)

    return re.sub(r"\{(raw|t1|tb|t|F|r|chi|z|M):([^}]*)\}", one, text)


# Independent re-check of the statistics printed in the final PDFs.
STAT_RE = re.compile(
    r"(?P<test>t|F|r|\u03c72|z)"
    r"(?:\((?P<df1>\d+)(?:, (?:N = )?(?P<df2>\d+))?\))?"
    r" = (?P<val>[\u2212-]?\d*\.\d+), p (?P<cmp>[=<]) (?P<p>\.\d+)"
    r"(?P<tail>, one-tailed)?(?P<bonf>, Bonferroni-corrected for (?P<k>\w+) comparisons)?"
)


def recheck_statistic(m: re.Match) -> tuple[float, float | None]:
    """Return (reported p, recomputed p) for a STAT_RE match (None: '<')."""
    test, val = m.group("test"), float(m.group("val").replace("\u2212", "-"))
    df1 = int(m.group("df1")) if m.group("df1") else None
    df2 = int(m.group("df2")) if m.group("df2") else None
    if test == "t":
        p = p_t(val, df1)
    elif test == "F":
        p = p_F(val, df1, df2)
    elif test == "r":
        p = p_r(val, df1)
    elif test == "\u03c72":
        p = p_chi(val, df1)
    else:
        p = p_z(val)
    if m.group("tail"):
        p /= 2
    if m.group("bonf"):
        k = {v: k for k, v in NUMBER_WORDS.items()}[m.group("k")]
        p = min(1.0, p * k)
    reported = float(m.group("p"))
    return reported, float(p)


def statistic_is_consistent(m: re.Match) -> bool:
    reported, p = recheck_statistic(m)
    if m.group("cmp") == "<":
        return p < reported
    return round(p, 3) == reported


# --------------------------------------------------------------------------
# Procedural images (numpy / PIL). Every panel comes from its own seed.
# --------------------------------------------------------------------------


def smooth_noise(rng, h, w, sigma):
    return ndimage.gaussian_filter(rng.standard_normal((h, w)), sigma, mode="wrap")


def to_uint8(a):
    return np.clip(a * 255.0 + 0.5, 0, 255).astype(np.uint8)


def _blob(yy, xx, cy, cx, a, b, theta, wobble, phase):
    ct, st = math.cos(theta), math.sin(theta)
    dx, dy = xx - cx, yy - cy
    u = (dx * ct + dy * st) / a
    v = (-dx * st + dy * ct) / b
    ang = np.arctan2(v, u)
    radius = 1 + wobble * np.sin(3 * ang + phase) + 0.5 * wobble * np.sin(5 * ang + 2 * phase)
    return np.sqrt(u * u + v * v) / radius


def fluorescence_cells(seed, h=300, w=300, n_cells=7, puncta=(4, 25), style="lc3", scale=1.0):
    """Cultured cells: Hoechst nuclei (blue), cytoplasmic marker (red) and
    punctate marker (green) on a dark background."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:h, 0:w].astype(float)
    cyto = np.zeros((h, w))
    nuc = np.zeros((h, w))
    dots = np.zeros((h, w))
    tex = 0.6 + 0.4 * (smooth_noise(rng, h, w, 3) * 0.8 + 0.5)
    centres = []
    for _ in range(n_cells * 6):
        if len(centres) == n_cells:
            break
        cy, cx = rng.uniform(15, h - 15), rng.uniform(15, w - 15)
        if any((cy - y) ** 2 + (cx - x) ** 2 < (0.13 * (h + w) * scale) ** 2 for y, x in centres):
            continue
        centres.append((cy, cx))
    for cy, cx in centres:
        a, b = rng.uniform(34, 56) * scale, rng.uniform(22, 36) * scale
        theta, phase = rng.uniform(0, math.pi), rng.uniform(0, 6.28)
        d = _blob(yy, xx, cy, cx, a, b, theta, rng.uniform(0.08, 0.22), phase)
        body = np.clip(1.15 - d, 0, 1) ** 0.5
        cyto += body * rng.uniform(0.6, 1.0)
        ny, nx = cy + rng.uniform(-5, 5), cx + rng.uniform(-5, 5)
        dn = _blob(yy, xx, ny, nx, a * 0.42, b * 0.55, theta + rng.uniform(-0.4, 0.4), 0.05, phase)
        nuc += np.clip(1.25 - dn, 0, 1) ** 0.35 * rng.uniform(0.6, 1.0)
        if style == "lc3":
            for _ in range(int(rng.integers(*puncta))):
                r, ang = rng.uniform(0.35, 0.95), rng.uniform(0, 6.28)
                py = cy + r * b * math.sin(ang) + r * a * 0.3 * math.cos(ang)
                px = cx + r * a * math.cos(ang)
                if 0 <= py < h and 0 <= px < w:
                    dots[int(py), int(px)] += rng.uniform(2, 6)
    dots = ndimage.gaussian_filter(dots, 1.3) * 9
    cyto = ndimage.gaussian_filter(cyto * tex, 1.2)
    nuc = ndimage.gaussian_filter(nuc * (0.8 + 0.2 * tex), 1.0)
    if style == "mito":
        # filamentous network: random walks restricted to the cell bodies
        net = np.zeros((h, w))
        mask = cyto > 0.15
        for _ in range(n_cells * 160):
            y, x = rng.uniform(0, h), rng.uniform(0, w)
            if not mask[int(y), int(x)]:
                continue
            ang = rng.uniform(0, 6.28)
            for _ in range(int(rng.integers(8, 30))):
                ang += rng.normal(0, 0.35)
                y += 1.2 * math.sin(ang)
                x += 1.2 * math.cos(ang)
                if not (0 <= y < h and 0 <= x < w) or not mask[int(y), int(x)]:
                    break
                net[int(y), int(x)] += 1
        net = ndimage.gaussian_filter(net, 0.8) * 2.0
        red, green = np.clip(net, 0, 1.2) * 0.95 + cyto * 0.15, cyto * 0.22
    else:
        red, green = cyto * 0.7, cyto * 0.2 + dots
    noise = rng.normal(0, 0.018, (3, h, w))
    bg = 0.03 + 0.015 * smooth_noise(rng, h, w, 20)
    img = np.stack([red + bg + noise[0], green + bg + noise[1], nuc * 0.85 + bg + noise[2]], axis=-1)
    return to_uint8(np.clip(img, 0, 1) ** 0.9)


def neurons(seed, h=300, w=300, n=6):
    """Neurons with branching dendrites (MAP2-like, green) and nuclei (blue)."""
    rng = np.random.default_rng(seed)
    dend = np.zeros((h, w))
    soma = np.zeros((h, w))
    yy, xx = np.mgrid[0:h, 0:w].astype(float)
    for _ in range(n):
        cy, cx = rng.uniform(30, h - 30), rng.uniform(30, w - 30)
        soma += np.clip(1.3 - _blob(yy, xx, cy, cx, rng.uniform(9, 14), rng.uniform(7, 11),
                                    rng.uniform(0, 3), 0.1, rng.uniform(0, 6)), 0, 1)
        stack = [(cy, cx, rng.uniform(0, 6.28), 2.2, 0) for _ in range(int(rng.integers(3, 6)))]
        while stack:
            y, x, ang, width, depth = stack.pop()
            for step in range(int(rng.integers(25, 60))):
                ang += rng.normal(0, 0.12)
                y += math.sin(ang)
                x += math.cos(ang)
                if not (0 <= y < h - 1 and 0 <= x < w - 1):
                    break
                dend[int(y), int(x)] += width
                if depth < 3 and rng.random() < 0.025:
                    stack.append((y, x, ang + rng.choice([-0.7, 0.7]), width * 0.7, depth + 1))
    dend = ndimage.gaussian_filter(dend, 0.8) * 1.4
    soma = ndimage.gaussian_filter(soma, 1.5)
    nuc = ndimage.gaussian_filter((soma > 0.45) * 0.9, 1.5)
    noise = rng.normal(0, 0.02, (3, h, w))
    g = np.clip(dend + soma * 0.7, 0, 1)
    img = np.stack([g * 0.25 + noise[0] + 0.03, g + noise[1] + 0.03, nuc + g * 0.1 + noise[2] + 0.04], -1)
    return to_uint8(np.clip(img, 0, 1))


def fin_regenerate(seed, h=300, w=300, stage=0.5):
    """Zebrafish caudal fin after amputation: bony rays in the stump (grey)
    and a regenerating outgrowth (GFP-like) whose length grows with
    ``stage``."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:h, 0:w].astype(float)
    base_y, base_x = h * rng.uniform(1.15, 1.3), w * rng.uniform(0.3, 0.7)
    n_rays = int(rng.integers(9, 13))
    tilt = (0.5 - base_x / w) * 0.6 + rng.uniform(-0.06, 0.06)  # fins are not imaged dead centre
    angles = np.linspace(-0.5, 0.5, n_rays) + tilt + rng.normal(0, 0.015, n_rays)
    r = np.hypot(yy - base_y, xx - base_x)
    theta = np.arctan2(xx - base_x, base_y - yy)
    rays = np.zeros((h, w))
    for a in angles:
        rays += np.exp(-((theta - a) * r / 2.4) ** 2)
    edge = np.clip((0.56 - np.abs(theta - tilt)) * r / 4, 0, 1)
    amp = h * rng.uniform(0.68, 0.76) + 6 * smooth_noise(rng, h, w, 30)
    stump = np.clip((amp - r) / 3, 0, 1) * edge
    rel = (theta - tilt) / 0.56  # -1 (ventral edge) .. 1 (dorsal edge)
    lobes = 0.55 + 0.6 * np.abs(rel) + rng.uniform(0.15, 0.3) * rel  # forked, dorsal lobe longer
    length = 6 + stage * h * 0.5 * lobes
    wobble = 5 * smooth_noise(rng, h, w, 12)
    regen = np.clip((r - amp) / 3, 0, 1) * np.clip((amp + length + wobble - r) / 8, 0, 1) * edge
    tex = 0.75 + 0.25 * (smooth_noise(rng, h, w, 3) * 0.7 + 0.5)
    grey = stump * (0.22 + 0.5 * rays) * tex + regen * 0.12 * rays
    gfp = ndimage.gaussian_filter(regen * tex, 1.5) * 0.9 * np.clip(0.6 + 0.6 * (r - amp) / length, 0, 1)
    noise = rng.normal(0, 0.018, (3, h, w))
    rgb = np.stack([grey * 0.8 + noise[0], np.maximum(grey * 0.85, gfp) + noise[1], grey * 0.75 + noise[2]], -1) + 0.025
    return to_uint8(np.clip(rgb, 0, 1))


def histology(seed, h=300, w=300, stain="he", glands=5, positive=0.3):
    """H&E (``stain="he"``) or Ki-67-like DAB/haematoxylin IHC
    (``stain="ihc"``) section: glands with lumens lined by epithelium,
    fibrous stroma with scattered nuclei."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:h, 0:w].astype(float)
    fibres = ndimage.gaussian_filter(rng.standard_normal((h, w)), (0.8, 4.0))
    fibres = ndimage.rotate(fibres, rng.uniform(0, 180), reshape=False, mode="wrap")
    stroma = 0.5 + 1.6 * fibres + 0.2 * smooth_noise(rng, h, w, 14)
    nuclei = np.zeros((h, w))
    dab = np.zeros((h, w))
    lumen = np.zeros((h, w))
    epi = np.zeros((h, w))
    for _ in range(glands):
        cy, cx = rng.uniform(0, h), rng.uniform(0, w)
        a, b, th = rng.uniform(18, 40), rng.uniform(12, 26), rng.uniform(0, 3.1)
        d = _blob(yy, xx, cy, cx, a, b, th, 0.15, rng.uniform(0, 6))
        lumen = np.maximum(lumen, np.clip((0.8 - d) * 6, 0, 1))
        epi = np.maximum(epi, np.clip((1.45 - d) * 5, 0, 1) * np.clip((d - 0.75) * 5, 0, 1))
        ring = int(2 * math.pi * (a + b) / 2 / 5)
        for k in range(ring):
            ang = 2 * math.pi * k / ring + rng.normal(0, 0.04)
            rad = rng.uniform(1.02, 1.3)
            ry, rx = rad * b * math.sin(ang), rad * a * math.cos(ang)
            py = cy + rx * math.sin(th) + ry * math.cos(th)
            px = cx + rx * math.cos(th) - ry * math.sin(th)
            if 0 <= py < h and 0 <= px < w:
                nuclei[int(py), int(px)] = rng.uniform(2.5, 4)
                if rng.random() < positive:
                    dab[int(py), int(px)] = rng.uniform(2.5, 4)
    for _ in range(int(h * w / 260)):
        y, x = int(rng.uniform(0, h)), int(rng.uniform(0, w))
        nuclei[y, x] = rng.uniform(1.2, 3)
        if rng.random() < positive * 0.35:
            dab[y, x] = rng.uniform(1.5, 3)
    nuclei = ndimage.gaussian_filter(nuclei, (1.6, 2.2)) * 11
    dab = ndimage.gaussian_filter(dab, 2.2) * 13
    nuclei = np.clip(nuclei, 0, 1.5) * (0.8 + 0.3 * smooth_noise(rng, h, w, 1))
    eosin = (np.clip(stroma, 0.1, 1.2) * (1 - epi) + 1.05 * epi) * (1 - lumen) + 0.04
    nuclei = nuclei * (1 - lumen)
    if stain == "he":
        od = nuclei[..., None] * np.array((0.7, 0.95, 0.35)) + eosin[..., None] * np.array((0.06, 0.62, 0.28))
    else:
        dab = np.clip(dab, 0, 1.5) * (1 - lumen)
        od = nuclei[..., None] * np.array((0.5, 0.45, 0.18)) * (1 - np.clip(dab, 0, 1))[..., None] \
            + dab[..., None] * np.array((0.3, 0.7, 1.05)) + eosin[..., None] * np.array((0.1, 0.1, 0.07))
    rgb = np.exp(-od) + rng.normal(0, 0.012, od.shape)
    return to_uint8(np.clip(rgb, 0, 1))


def sem_grains(seed, h=300, w=300, grain=18.0):
    """Scanning-electron-micrograph-like polycrystalline film (grey)."""
    rng = np.random.default_rng(seed)
    n = int(h * w / (grain * grain))
    pts = rng.uniform(0, 1, (n, 2)) * [h, w]
    yy, xx = np.mgrid[0:h, 0:w]
    dist, idx = cKDTree(pts).query(np.stack([yy.ravel(), xx.ravel()], 1), k=2)
    idx = idx[:, 0].reshape(h, w)
    edge = (dist[:, 1] - dist[:, 0]).reshape(h, w)
    shade = rng.uniform(0.35, 0.7, n)[idx]
    tilt = rng.normal(0, 0.004, (n, 2))
    shade = shade + (yy - pts[idx, 0]) * tilt[idx, 0] + (xx - pts[idx, 1]) * tilt[idx, 1]
    boundary = np.exp(-edge / 1.6)
    img = shade * (1 - 0.55 * boundary) + 0.35 * np.exp(-((edge - 2.5) / 1.5) ** 2)
    img = ndimage.gaussian_filter(img, 0.7) + rng.normal(0, 0.035, (h, w))
    return to_uint8(np.clip(img, 0, 1))


@dataclass
class Band:
    y: float  # centre row of the band in the strip
    intensities: list[float]  # one value per lane, 0..1
    sigma: float = 3.2


def blot_strip(seed, lanes, bands, h=70, lane_w=46, gap=12, smile=2.0):
    """One western-blot strip: grey background, dark Gaussian bands."""
    rng = np.random.default_rng(seed)
    w = lanes * lane_w + (lanes + 1) * gap
    yy, xx = np.mgrid[0:h, 0:w].astype(float)
    dark = np.zeros((h, w))
    for lane in range(lanes):
        x0 = gap + lane * (lane_w + gap)
        xc = x0 + lane_w / 2
        across = np.exp(-(np.abs(xx - xc) / (lane_w * 0.47)) ** 6)
        bow = smile * ((xx - xc) / (lane_w / 2)) ** 2
        for band in bands:
            amp = band.intensities[lane] * rng.uniform(0.93, 1.07)
            yc = band.y + rng.normal(0, 0.6) - bow
            sig = band.sigma * rng.uniform(0.9, 1.15) * (0.8 + 0.4 * amp)
            dark += amp * across * np.exp(-((yy - yc) / sig) ** 2)
            smear = np.clip((yy - yc) / (h * 0.5), 0, 1) * np.exp(-(yy - yc) / 25.0)
            dark += 0.08 * amp * across * smear
    dark = ndimage.gaussian_filter(dark, (0.6, 1.2))
    background = 0.9 + 0.03 * smooth_noise(rng, h, w, 8) - 0.02 * (yy / h)
    img = background - 0.85 * np.clip(dark, 0, 1.1) + rng.normal(0, 0.012, (h, w))
    return to_uint8(np.clip(img, 0, 1))


_LABEL_FONTS: dict[int, ImageFont.ImageFont] = {}


def label_font(size: int):
    if size not in _LABEL_FONTS:
        _LABEL_FONTS[size] = ImageFont.load_default(size=size)
    return _LABEL_FONTS[size]


def blot_panel(seed, rows, lanes, lane_labels, clone=None):
    """A western-blot panel: several strips with protein names at the right
    and lane labels on top. Returns (RGB array, clone record or None).

    ``clone`` = (strip index, src lane, dst lane, band index): copy the band
    region of one lane onto another lane of the same strip (copy-move).
    """
    lane_w, gap, strip_h, label_w, top = 46, 12, 64, 96, 34
    width = lanes * lane_w + (lanes + 1) * gap + label_w
    height = top + len(rows) * (strip_h + 10) + 6
    canvas = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(canvas)
    font = label_font(15)
    for lane, text in enumerate(lane_labels):
        xc = gap + lane * (lane_w + gap) + lane_w / 2
        draw.text((xc, top - 8), text, fill=0, font=font, anchor="ms")
    record = None
    for i, (name, bands) in enumerate(rows):
        strip = blot_strip(seed + 17 * i, lanes, bands, h=strip_h, lane_w=lane_w, gap=gap)
        y0 = top + i * (strip_h + 10)
        if clone and clone[0] == i:
            _, src, dst, b = clone
            band_y = int(bands[b].y)
            sx = gap + src * (lane_w + gap) - 3
            dx = gap + dst * (lane_w + gap) - 3
            bw, by0, by1 = lane_w + 6, max(0, band_y - 14), min(strip_h, band_y + 16)
            strip[by0:by1, dx:dx + bw] = strip[by0:by1, sx:sx + bw]
            record = {"source": [sx, y0 + by0, sx + bw, y0 + by1], "dest": [dx, y0 + by0, dx + bw, y0 + by1]}
        canvas.paste(Image.fromarray(strip), (0, y0))
        draw.text((width - label_w + 8, y0 + strip_h / 2), name, fill=0, font=font, anchor="lm")
    return np.asarray(canvas.convert("RGB")), record


# --------------------------------------------------------------------------
# Multi-panel composites
# --------------------------------------------------------------------------


def reuse_transform(panel: np.ndarray, rotation=0, crop=1.0, contrast=1.0, flip=False, out_size=None, record=None):
    """Rotate (multiple of 90 degrees), centre-crop to ``crop`` of the area,
    stretch contrast around the mean, mirror; resize back to ``out_size``."""
    img = panel
    if flip:
        img = img[:, ::-1]
    if rotation:
        img = np.rot90(img, k=rotation // 90)
    if crop < 1.0:
        side = math.sqrt(crop)
        h, w = img.shape[:2]
        ch, cw = int(round(h * side)), int(round(w * side))
        y0, x0 = (h - ch) // 2 + 6, (w - cw) // 2 - 4  # slightly off-centre
        img = img[y0:y0 + ch, x0:x0 + cw]
        if record is not None:
            record["crop_box_px"] = [x0, y0, x0 + cw, y0 + ch]
    if contrast != 1.0:
        f = img.astype(float)
        f = (f - f.mean()) * contrast + f.mean()
        img = np.clip(f + 0.5, 0, 255).astype(np.uint8)
    if out_size is not None:
        img = np.asarray(Image.fromarray(np.ascontiguousarray(img)).resize(out_size, Image.BICUBIC))
    return np.ascontiguousarray(img)


def composite(panels: list[np.ndarray], cols: int, gutter=12, letters="ABCDEFGH", scale_bar=False):
    """Tile equally sized panels into one RGB image with white gutters and
    panel letters; returns (image, {letter: [x0, y0, x1, y1] in px})."""
    ph, pw = panels[0].shape[:2]
    rows = math.ceil(len(panels) / cols)
    W = cols * pw + (cols - 1) * gutter
    H = rows * ph + (rows - 1) * gutter
    canvas = Image.new("RGB", (W, H), (255, 255, 255))
    draw = ImageDraw.Draw(canvas)
    font = label_font(min(28, max(18, pw // 11)))
    boxes = {}
    for i, panel in enumerate(panels):
        r, c = divmod(i, cols)
        x0, y0 = c * (pw + gutter), r * (ph + gutter)
        tile = Image.fromarray(panel).convert("RGB")
        if tile.size != (pw, ph):
            tile = tile.resize((pw, ph), Image.BICUBIC)
        canvas.paste(tile, (x0, y0))
        dark = np.asarray(tile.convert("L")).mean() < 110
        colour = (255, 255, 255) if dark else (0, 0, 0)
        draw.text((x0 + 7, y0 + 5), letters[i], fill=colour, font=font)
        if scale_bar:
            bl = pw // 5
            draw.rectangle([x0 + pw - bl - 10, y0 + ph - 14, x0 + pw - 10, y0 + ph - 10], fill=colour)
        boxes[letters[i]] = [x0, y0, x0 + pw, y0 + ph]
    return canvas, boxes


def encode_jpeg(img: Image.Image, quality=86) -> bytes:
    buf = io.BytesIO()
    img.convert("RGB").save(buf, "JPEG", quality=quality, optimize=True)
    return buf.getvalue()


def encode_png(img: Image.Image) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "PNG", optimize=True)
    return buf.getvalue()


# --------------------------------------------------------------------------
# Vector charts, drawn straight onto a PDF page (or rendered to PNG)
# --------------------------------------------------------------------------

PALETTE = [(0.18, 0.36, 0.62), (0.85, 0.45, 0.13), (0.30, 0.62, 0.35), (0.60, 0.25, 0.55), (0.45, 0.45, 0.45)]


def nice_ticks(lo, hi, n=5):
    span = hi - lo
    step = 10 ** math.floor(math.log10(span / n))
    for mult in (1, 2, 2.5, 5, 10):
        if span / (step * mult) <= n:
            step *= mult
            break
    first = math.floor(lo / step) * step
    ticks = []
    v = first
    while v <= hi + 1e-9:
        if v >= lo - 1e-9:
            ticks.append(round(v, 10))
        v += step
    return ticks


def tick_label(v):
    if abs(v - round(v)) < 1e-9:
        return str(int(round(v)))
    return f"{v:g}"


class Axes:
    """Minimal plotting axes in a rectangle of a PDF page."""

    def __init__(self, page, rect, xlim, ylim, xlabel="", ylabel="", xticks=None, yticks=None,
                 letter=None, title=None, xticklabels=None, size=7.5):
        self.page, self.size = page, size
        self.outer = pymupdf.Rect(rect)
        self.box = pymupdf.Rect(rect.x0 + 38, rect.y0 + (16 if (letter or title) else 6), rect.x1 - 6, rect.y1 - 30)
        self.xlim, self.ylim = xlim, ylim
        shape = page.new_shape()
        shape.draw_line(self.box.bl, self.box.br)
        shape.draw_line(self.box.bl, self.box.tl)
        yt = yticks if yticks is not None else nice_ticks(*ylim)
        for v in yt:
            y = self.Y(v)
            shape.draw_line((self.box.x0 - 3, y), (self.box.x0, y))
            lab = tick_label(v)
            put_text(page, self.box.x0 - 5 - text_width(lab, "sans", size), y + size * 0.35, lab, "sans", size)
        if xticklabels is None:
            xt = xticks if xticks is not None else nice_ticks(*xlim)
            xticklabels = [(v, tick_label(v)) for v in xt]
        for v, lab in xticklabels:
            x = self.X(v)
            shape.draw_line((x, self.box.y1), (x, self.box.y1 + 3))
            put_text(page, x - text_width(lab, "sans", size) / 2, self.box.y1 + 4 + size, lab, "sans", size)
        shape.finish(color=BLACK, width=0.7)
        shape.commit()
        if xlabel:
            put_text(page, (self.box.x0 + self.box.x1) / 2 - text_width(xlabel, "sans", size + 0.5) / 2,
                     self.box.y1 + 2 * size + 9, xlabel, "sans", size + 0.5)
        if ylabel:
            put_text(page, rect.x0 + 9, (self.box.y0 + self.box.y1) / 2 + text_width(ylabel, "sans", size + 0.5) / 2,
                     ylabel, "sans", size + 0.5, rotate=90)
        if letter:
            put_text(page, rect.x0, rect.y0 + 11, letter, "sansb", 11)
        if title:
            put_text(page, self.box.x0 + 4, rect.y0 + 11, title, "sans", size + 0.5)

    def X(self, v):
        return self.box.x0 + (v - self.xlim[0]) / (self.xlim[1] - self.xlim[0]) * self.box.width

    def Y(self, v):
        return self.box.y1 - (v - self.ylim[0]) / (self.ylim[1] - self.ylim[0]) * self.box.height

    def bars(self, positions, heights, errors=None, color=PALETTE[0], width=0.6, points=None, seed=0):
        rng = np.random.default_rng(seed)
        shape = self.page.new_shape()
        for i, (x, hgt) in enumerate(zip(positions, heights)):
            shape.draw_rect(pymupdf.Rect(self.X(x - width / 2), self.Y(hgt), self.X(x + width / 2), self.Y(self.ylim[0])))
        shape.finish(color=BLACK, fill=color, width=0.5, fill_opacity=0.85)
        if errors is not None:
            for x, hgt, e in zip(positions, heights, errors):
                shape.draw_line((self.X(x), self.Y(hgt - e)), (self.X(x), self.Y(hgt + e)))
                for yv in (hgt - e, hgt + e):
                    shape.draw_line((self.X(x - width / 6), self.Y(yv)), (self.X(x + width / 6), self.Y(yv)))
            shape.finish(color=BLACK, width=0.7)
        if points is not None:
            for x, pts in zip(positions, points):
                for v in pts:
                    shape.draw_circle((self.X(x + rng.uniform(-width / 3, width / 3)), self.Y(v)), 1.3)
            shape.finish(color=BLACK, fill=(1, 1, 1), width=0.4)
        shape.commit()

    def line(self, xs, ys, errors=None, color=PALETTE[0], marker=True, dash=None, width=1.1):
        shape = self.page.new_shape()
        pts = [pymupdf.Point(self.X(x), self.Y(y)) for x, y in zip(xs, ys)]
        shape.draw_polyline(pts)
        shape.finish(color=color, width=width, dashes=dash, closePath=False)
        if errors is not None:
            for x, y, e in zip(xs, ys, errors):
                shape.draw_line((self.X(x), self.Y(y - e)), (self.X(x), self.Y(y + e)))
            shape.finish(color=color, width=0.6)
        if marker:
            for p in pts:
                shape.draw_circle(p, 1.8)
            shape.finish(color=color, fill=color, width=0.4)
        shape.commit()

    def scatter(self, xs, ys, color=PALETTE[0], r=1.6):
        shape = self.page.new_shape()
        for x, y in zip(xs, ys):
            shape.draw_circle((self.X(x), self.Y(y)), r)
        shape.finish(color=color, fill=color, width=0.3, fill_opacity=0.6)
        shape.commit()

    def legend(self, items, corner="tl"):
        x = self.box.x0 + 8 if corner[1] == "l" else self.box.x1 - 8 - max(text_width(t, "sans", self.size) for t, _ in items) - 16
        y = self.box.y0 + 8 if corner[0] == "t" else self.box.y1 - 8 - 10 * len(items)
        for i, (label, color) in enumerate(items):
            shape = self.page.new_shape()
            shape.draw_rect(pymupdf.Rect(x, y + i * 10, x + 9, y + i * 10 + 6))
            shape.finish(color=color, fill=color, width=0.3)
            shape.commit()
            put_text(self.page, x + 13, y + i * 10 + 6, label, "sans", self.size)

    def text(self, x, y, s, size=None):
        put_text(self.page, self.X(x), self.Y(y), s, "sans", size or self.size)


def render_vector_to_png(draw: Callable, width_pt: float, height_pt: float, zoom=2.0) -> bytes:
    """Draw a chart on a scratch page and rasterise it (for raster charts)."""
    doc = pymupdf.open()
    page = doc.new_page(width=width_pt, height=height_pt)
    draw(page, pymupdf.Rect(0, 0, width_pt, height_pt))
    flush_text(doc)
    pix = page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), alpha=False)
    return pix.tobytes("png")


def split_rect(rect, cols, rows=1, hgap=14, vgap=10):
    w = (rect.width - (cols - 1) * hgap) / cols
    h = (rect.height - (rows - 1) * vgap) / rows
    out = []
    for r in range(rows):
        for c in range(cols):
            x0 = rect.x0 + c * (w + hgap)
            y0 = rect.y0 + r * (h + vgap)
            out.append(pymupdf.Rect(x0, y0, x0 + w, y0 + h))
    return out


# --------------------------------------------------------------------------
# Document model
# --------------------------------------------------------------------------


@dataclass
class Heading:
    text: str
    level: int = 1


@dataclass
class Para:
    text: str
    size: float = BODY_SIZE


@dataclass
class RasterFigure:
    caption: str
    build: Callable[[], tuple[Image.Image, dict]]  # -> (image, {letter: px box})
    width: float = TEXT_W
    fmt: str = "jpeg"
    key: str = ""


@dataclass
class VectorFigure:
    caption: str
    draw: Callable  # draw(page, rect)
    height: float
    width: float = TEXT_W
    raster: bool = False  # rasterise the drawing into a PNG instead
    key: str = ""


@dataclass
class TableBlock:
    caption: str
    header: list[str]
    rows: list[list[str]]
    widths: list[float]  # relative column widths
    note: str = ""
    key: str = ""


@dataclass
class PageBreak:
    pass


@dataclass
class Paper:
    file: str
    title: str
    short_title: str
    authors: list[tuple[str, list[int]]]
    affiliations: list[str]
    email: str
    doi: str
    received: str
    abstract: str
    keywords: str
    body: list
    references: list[str]
    date: str = PDF_DATE
    spacing: float = 1.45  # body line spacing (2.0 = double-spaced submission)
    appendix: list = field(default_factory=list)  # blocks set on new pages after the references


# --------------------------------------------------------------------------
# Layout engine: single column, floats for figures and tables
# --------------------------------------------------------------------------

def tokenize(text: str, font="body"):
    """Split a paragraph into words; a word is a list of (text, font)
    segments. ``*...*`` switches to italics (species and gene names)."""
    italic = {"body": "ital", "bold": "bital", "sans": "sans", "ital": "body"}[font]
    tokens, word, buf, in_italic = [], [], [], False

    def end_segment():
        if buf:
            word.append(("".join(buf), italic if in_italic else font))
            buf.clear()

    for ch in text:
        if ch == "*":
            end_segment()
            in_italic = not in_italic
        elif ch.isspace() and ch != NBSP:
            end_segment()
            if word:
                tokens.append(word)
                word = []
        else:
            buf.append(ch)
    end_segment()
    if word:
        tokens.append(word)
    return tokens


def word_width(word, size):
    return sum(text_width(s.replace(NBSP, " "), f, size) for s, f in word)


def wrap(tokens, size, width):
    """Greedy line filling; never hyphenates, never breaks inside a word."""
    lines, cur, cur_w = [], [], 0.0
    space = text_width(" ", "body", size)
    for word in tokens:
        w = word_width(word, size)
        if cur and cur_w + space + w > width:
            lines.append(cur)
            cur, cur_w = [], 0.0
        cur_w += w + (space if cur else 0.0)
        cur.append(word)
    if cur:
        lines.append(cur)
    return lines


class Writer:
    def __init__(self, paper: Paper):
        self.paper = paper
        self.doc = pymupdf.open()
        self.page = None
        self.y = TOP
        self.queue: list = []
        self.fig_no = 0
        self.tab_no = 0
        self.figures: list[dict] = []
        self.tables: list[dict] = []

    # -- pages ------------------------------------------------------------
    def new_page(self):
        self.page = self.doc.new_page(width=PAGE_W, height=PAGE_H)
        self.y = TOP
        while self.queue and self._fits_float(self.queue[0]):
            self._place_float(self.queue.pop(0))

    def room(self):
        return BOTTOM - self.y

    def need(self, h):
        if self.page is None or self.y + h > BOTTOM:
            self.new_page()

    # -- text -------------------------------------------------------------
    def draw_line_tokens(self, line, x, y, size, color=BLACK):
        runs: list[list] = []
        for i, word in enumerate(line):
            for j, (s, f) in enumerate(word):
                if i > 0 and j == 0:
                    runs[-1][1] += " "
                if runs and runs[-1][0] == f:
                    runs[-1][1] += s
                else:
                    runs.append([f, s])
        for f, s in runs:
            s = s.replace(NBSP, " ")
            put_text(self.page, x, y, s, f, size, color)
            x += text_width(s, f, size)

    def paragraph(self, text, size=BODY_SIZE, font="body", lead=None, gap=5.0, indent=0.0, hang=0.0, color=BLACK):
        lead = lead or size * self.paper.spacing
        lines = wrap(tokenize(text, font), size, TEXT_W - indent - hang)
        for i, line in enumerate(lines):
            self.need(lead)
            x = MARGIN_L + indent + (hang if i > 0 else 0)
            self.draw_line_tokens(line, x, self.y + size * 0.8, size, color)
            self.y += lead
        self.y += gap

    def heading(self, text, level=1):
        size = 12.5 if level == 1 else 10.8
        font = "bold" if level == 1 else "bital"
        before = 9 if level == 1 else 4
        if self.page is not None and self.y > TOP:
            self.y += before
        self.need(size * 1.4 + 3 * BODY_LEAD)  # keep with next lines
        put_text(self.page, MARGIN_L, self.y + size * 0.8, text, font, size)
        self.y += size * 1.45

    # -- floats -----------------------------------------------------------
    def _caption_lines(self, label, text, size=9.2):
        tokens = [[(w, "bold")] for w in label.split()] + tokenize(text, "body")
        return wrap(tokens, size, TEXT_W)

    def _float_height(self, item):
        kind, obj, payload = item
        if kind == "table":
            cap = len(self._caption_lines(f"Table {payload['no']}.", obj.caption)) * 11.5
            note = len(wrap(tokenize(obj.note), 8.3, TEXT_W)) * 10.5 + 3 if obj.note else 0
            return cap + 4 + payload["row_h"] * (len(obj.rows) + 1) + note + 12
        cap = len(self._caption_lines(f"Figure {payload['no']}.", obj.caption)) * 11.5
        return payload["h"] + 6 + cap + 14

    def _fits_float(self, item):
        return self._float_height(item) <= self.room()

    def add_float(self, obj):
        if isinstance(obj, TableBlock):
            self.tab_no += 1
            item = ("table", obj, {"no": self.tab_no, "row_h": 15.0})
        else:
            self.fig_no += 1
            payload = {"no": self.fig_no}
            if isinstance(obj, RasterFigure):
                img, boxes = obj.build()
                payload.update(img=img, boxes=boxes, w=obj.width, h=obj.width * img.size[1] / img.size[0])
            else:
                payload.update(w=obj.width, h=obj.height)
            item = ("figure", obj, payload)
        if self.page is None:
            self.new_page()
        if not self.queue and self._fits_float(item):
            self._place_float(item)
        else:
            self.queue.append(item)

    def _place_float(self, item):
        kind, obj, payload = item
        if kind == "table":
            self._place_table(obj, payload)
        else:
            self._place_figure(obj, payload)

    def _draw_caption(self, label, text, size=9.2):
        for line in self._caption_lines(label, text, size):
            self.draw_line_tokens(line, MARGIN_L, self.y + size * 0.8, size)
            self.y += 11.5

    def _place_figure(self, obj, payload):
        top = self.y + 4
        w, h = payload["w"], payload["h"]
        x0 = MARGIN_L + (TEXT_W - w) / 2
        rect = pymupdf.Rect(x0, top, x0 + w, top + h)
        record = {"figure": payload["no"], "page": self.doc.page_count, "bbox": [round(v, 2) for v in rect],
                  "key": obj.key}
        if isinstance(obj, RasterFigure):
            img = payload["img"]
            data = encode_png(img) if obj.fmt == "png" else encode_jpeg(img)
            self.page.insert_image(rect, stream=data)
            scale = w / img.size[0]
            record["kind"] = "raster"
            record["image_px"] = list(img.size)
            record["panels"] = {k: [round(rect.x0 + b[0] * scale, 2), round(rect.y0 + b[1] * scale, 2),
                                    round(rect.x0 + b[2] * scale, 2), round(rect.y0 + b[3] * scale, 2)]
                                for k, b in payload["boxes"].items()}
            record["panels_px"] = payload["boxes"]
            record["scale"] = scale
        elif obj.raster:
            png = render_vector_to_png(obj.draw, w, h)
            self.page.insert_image(rect, stream=png)
            record["kind"] = "raster-chart"
        else:
            obj.draw(self.page, rect)
            record["kind"] = "vector"
        self.y = top + h + 6
        self._draw_caption(f"Figure {payload['no']}.", obj.caption)
        self.y += 10
        self.figures.append(record)

    def _place_table(self, obj, payload):
        row_h = payload["row_h"]
        self.y += 4
        self._draw_caption(f"Table {payload['no']}.", obj.caption)
        self.y += 5
        total = sum(obj.widths)
        widths = [TEXT_W * w / total for w in obj.widths]
        xs = [MARGIN_L]
        for wd in widths:
            xs.append(xs[-1] + wd)
        top = self.y
        rows = [obj.header] + obj.rows
        size = 8.6
        # shaded header row: also tells PyMuPDF's table finder that the header is inside the grid
        shade = self.page.new_shape()
        shade.draw_rect(pymupdf.Rect(xs[0], top, xs[-1], top + row_h))
        shade.finish(color=None, fill=(0.9, 0.9, 0.9))
        shade.commit()
        for r, row in enumerate(rows):
            font = "bold" if r == 0 else "body"
            for c, cell in enumerate(row):
                s = cell
                while text_width(s, font, size) > widths[c] - 6 and size > 6.5:
                    size -= 0.2
                put_text(self.page, xs[c] + 3.5, top + r * row_h + row_h * 0.68, s, font, size)
                size = 8.6
        shape = self.page.new_shape()
        for r in range(len(rows) + 1):
            shape.draw_line((xs[0], top + r * row_h), (xs[-1], top + r * row_h))
        for x in xs:
            shape.draw_line((x, top), (x, top + len(rows) * row_h))
        shape.finish(color=BLACK, width=0.6)
        shape.commit()
        self.y = top + len(rows) * row_h + 4
        if obj.note:
            self.paragraph(obj.note, size=8.3, lead=10.5, gap=0)
        self.y += 10
        self.tables.append({"table": payload["no"], "page": self.doc.page_count,
                            "bbox": [round(xs[0], 2), round(top, 2), round(xs[-1], 2), round(top + len(rows) * row_h, 2)],
                            "rows": len(rows), "cols": len(obj.header), "key": obj.key})

    def flush_floats(self):
        while self.queue:
            self.new_page()

    # -- whole paper ------------------------------------------------------
    def title_block(self):
        p = self.paper
        self.new_page()
        put_text(self.page, MARGIN_L, 44, "Preprint \u00b7 submitted manuscript \u00b7 not peer reviewed", "sans", 7.5, GREY)
        self.y = TOP + 6
        for line in wrap(tokenize(p.title, "bold"), 17, TEXT_W):
            self.draw_line_tokens(line, MARGIN_L, self.y + 14, 17)
            self.y += 21
        self.y += 6
        sup = "\u00b9\u00b2\u00b3"
        names = [f"{n}{','.join(sup[i - 1] for i in aff)}" for n, aff in p.authors]
        self.paragraph(", ".join(names), size=11, gap=3)
        for i, aff in enumerate(p.affiliations):
            self.paragraph(f"{sup[i]} {aff}", size=8.6, lead=11, gap=0, color=GREY)
        self.y += 3
        self.paragraph(f"Correspondence: {p.email}", size=8.6, lead=11, gap=0)
        self.paragraph(f"DOI: https://doi.org/{p.doi}", size=8.6, lead=11, gap=0)
        self.paragraph(p.received, size=8.6, lead=11, gap=6)
        shape = self.page.new_shape()
        shape.draw_line((MARGIN_L, self.y), (PAGE_W - MARGIN_R, self.y))
        shape.finish(color=GREY, width=0.5)
        shape.commit()
        self.y += 8
        self.heading("Abstract")
        self.paragraph(p.abstract, size=10, gap=4)
        self.paragraph(f"*Keywords:* {p.keywords}", size=9.5, gap=6)

    def body(self, blocks=None):
        for block in self.paper.body if blocks is None else blocks:
            if isinstance(block, Heading):
                self.heading(block.text, block.level)
            elif isinstance(block, Para):
                self.paragraph(block.text, size=block.size)
            elif isinstance(block, PageBreak):
                self.flush_floats()
                self.new_page()
            else:
                self.add_float(block)

    def references(self):
        self.flush_floats() if len(self.queue) > 1 else None
        self.heading("References")
        for i, ref in enumerate(self.paper.references, 1):
            label = f"{i}."
            tokens = [[(label, "body")]] + tokenize(ref)
            lines = wrap(tokens, 9.4, TEXT_W - 16)
            for j, line in enumerate(lines):
                self.need(11)
                if j == 0:
                    put_text(self.page, MARGIN_L, self.y + 7.6, label, "body", 9.4)
                    self.draw_line_tokens(line[1:], MARGIN_L + 16, self.y + 7.6, 9.4)
                else:
                    self.draw_line_tokens(line, MARGIN_L + 16, self.y + 7.6, 9.4)
                self.y += 12.5
            self.y += 1.5
        self.flush_floats()

    def running_heads(self):
        p = self.paper
        first_author = p.authors[0][0].split()[-1]
        n = self.doc.page_count
        for i, page in enumerate(self.doc, 1):
            if i > 1:
                put_text(page, MARGIN_L, 42, f"{first_author} et al. \u00b7 {p.short_title}", "ital", 8, GREY)
            label = f"{i} / {n}"
            put_text(page, PAGE_W / 2 - text_width(label, "sans", 8) / 2, PAGE_H - 34, label, "sans", 8, GREY)

    def build(self) -> pymupdf.Document:
        self.title_block()
        self.body()
        self.references()
        if self.paper.appendix:
            self.new_page()
            self.body(self.paper.appendix)
            self.flush_floats()
        self.running_heads()
        flush_text(self.doc)
        p = self.paper
        self.doc.set_metadata({
            "title": p.title,
            "author": "; ".join(n for n, _ in p.authors),
            "subject": p.short_title,
            "keywords": p.keywords,
            "creator": "sample_papers/generate.py",
            "producer": "PyMuPDF",
            "creationDate": p.date,
            "modDate": p.date,
        })
        self.doc.subset_fonts()
        return self.doc


def save_pdf(doc: pymupdf.Document, path: Path) -> None:
    # no_new_id: MuPDF would otherwise write a random trailer /ID
    doc.save(str(path), garbage=4, deflate=True, no_new_id=True)


# --------------------------------------------------------------------------
# Figure builders
# --------------------------------------------------------------------------

PANELS: dict[str, np.ndarray] = {}  # every generated panel, by id "01-F1-B"
CLONES: dict[str, dict] = {}  # copy-move records, by figure key


def panel(pid: str, fn: Callable, **kw) -> np.ndarray:
    arr = fn(seed_of(pid), **kw)
    PANELS[pid] = arr
    return arr


REUSES: dict[str, dict] = {}  # how each reused panel was derived, by panel id


def reused(pid: str, source: str, size=(300, 300), **transform) -> np.ndarray:
    record = {"source": source, "source_size_px": list(PANELS[source].shape[1::-1]), **transform}
    arr = reuse_transform(PANELS[source], out_size=size, record=record, **transform)
    PANELS[pid] = arr
    REUSES[pid] = record
    return arr


def micro(key: str, specs: list, cols: int, scale_bar=True):
    """Builder for a multi-panel raster figure. ``specs`` items are
    (fn, kwargs) or ("reuse", source_id, transform)."""

    def build():
        panels = []
        for i, spec in enumerate(specs):
            pid = f"{key}-{'ABCDEFGH'[i]}"
            if spec[0] == "reuse":
                panels.append(reused(pid, spec[1], **spec[2]))
            else:
                panels.append(panel(pid, spec[0], **spec[1]))
        return composite(panels, cols, scale_bar=scale_bar)

    return build


def blots(key: str, specs: list, cols: int):
    """Builder for a figure of western-blot panels; spec = dict(rows=...,
    lanes=..., labels=..., clone=None)."""

    def build():
        panels = []
        for i, spec in enumerate(specs):
            letter = "ABCDEFGH"[i]
            arr, rec = blot_panel(seed_of(f"{key}-{letter}"), spec["rows"], spec["lanes"], spec["labels"], spec.get("clone"))
            pad = np.full((arr.shape[0], 28, 3), 255, np.uint8)
            arr = np.concatenate([pad, arr], axis=1)
            PANELS[f"{key}-{letter}"] = arr
            if rec:
                CLONES[key] = {"panel": letter, "source": [rec["source"][0] + 28, rec["source"][1], rec["source"][2] + 28, rec["source"][3]],
                               "dest": [rec["dest"][0] + 28, rec["dest"][1], rec["dest"][2] + 28, rec["dest"][3]]}
            panels.append(arr)
        h = max(p.shape[0] for p in panels)
        w = max(p.shape[1] for p in panels)
        panels = [np.pad(p, ((0, h - p.shape[0]), (0, w - p.shape[1]), (0, 0)), constant_values=255) for p in panels]
        return composite(panels, cols, scale_bar=False)

    return build


def series(seed: int, n: int, mean: float, sd: float, lo=None, hi=None):
    rng = np.random.default_rng(seed)
    v = rng.normal(mean, sd, n)
    return np.clip(v, lo if lo is not None else -np.inf, hi if hi is not None else np.inf)


def bar_panel(page, rect, labels, means, sds, ylabel, letter=None, color=PALETTE[0], ymax=None, points_n=0, seed=0, title=None):
    ymax = ymax or max(m + s for m, s in zip(means, sds)) * 1.25
    ax = Axes(page, rect, (0.3, len(labels) + 0.7), (0, ymax), ylabel=ylabel, letter=letter, title=title,
              xticklabels=[(i + 1, lab) for i, lab in enumerate(labels)])
    pts = None
    if points_n:
        pts = [series(seed + i, points_n, m, s, lo=0) for i, (m, s) in enumerate(zip(means, sds))]
    colors = color if isinstance(color, list) else [color] * len(labels)
    for i, (m, s) in enumerate(zip(means, sds)):
        ax.bars([i + 1], [m], [s], color=colors[i], points=[pts[i]] if pts else None, seed=seed + i)
    return ax


def line_panel(page, rect, xs, groups, ylabel, xlabel, letter=None, ylim=None, legend_corner="tl", title=None):
    """groups: list of (label, ys, errors or None)."""
    lo = min(min(np.asarray(y) - (np.asarray(e) if e is not None else 0)) for _, y, e in groups)
    hi = max(max(np.asarray(y) + (np.asarray(e) if e is not None else 0)) for _, y, e in groups)
    ylim = ylim or (min(0, lo), hi * 1.2)
    ax = Axes(page, rect, (min(xs), max(xs)), ylim, xlabel=xlabel, ylabel=ylabel, letter=letter, title=title)
    for i, (label, ys, errs) in enumerate(groups):
        ax.line(xs, ys, errs, color=PALETTE[i % len(PALETTE)], dash="[3 2] 0" if i % 2 else None)
    ax.legend([(g[0], PALETTE[i % len(PALETTE)]) for i, g in enumerate(groups)], legend_corner)
    return ax


# Standard sentences that many real papers share word for word; they appear
# in clean and problem papers alike and must not be reported as copying.
ETHICS_HUMAN = ("The study was conducted in accordance with the Declaration of Helsinki, and all participants "
                "provided written informed consent before taking part.")
ETHICS_ANIMAL = ("All animal procedures were approved by the institutional animal care and use committee and were "
                 "carried out in accordance with the ARRIVE guidelines.")
ETHICS_NONE = "This study did not involve human participants or animals and did not require ethical approval."
DATA_STATEMENT = ("The data that support the findings of this study are available from the corresponding author "
                  "upon reasonable request.")
SOFTWARE = ("Statistical analyses were performed in R version 4.3.2 (R Foundation for Statistical Computing, "
            "Vienna, Austria), and two-sided p values below .05 were considered statistically significant unless "
            "stated otherwise.")
COMPETING = "The authors declare no competing interests."
BOILERPLATE = [ETHICS_HUMAN, ETHICS_ANIMAL, ETHICS_NONE, DATA_STATEMENT, SOFTWARE, COMPETING]

# -- planted text passages ---------------------------------------------------

# Reused word for word: 01 (source) -> 07 (copy).
PASSAGE_VERBATIM = (
    "Cells grown on glass coverslips were fixed with 4% paraformaldehyde in PBS for 15 min at room temperature, "
    "permeabilised with 0.1% Triton X-100 for 5 min and blocked for 1 h in PBS containing 5% normal goat serum. "
    "Primary antibodies were applied overnight at 4 \u00b0C in blocking buffer, followed by three washes and "
    "incubation with Alexa Fluor-conjugated secondary antibodies for 1 h. Nuclei were counterstained with Hoechst "
    "33342. Images were acquired on a spinning-disk confocal microscope with a 63x oil-immersion objective using "
    "identical laser power and exposure settings for all conditions within an experiment. For quantification, at "
    "least 60 cells per condition were segmented automatically in Fiji, and puncta were counted after background "
    "subtraction with a rolling-ball radius of 10 pixels by an investigator blinded to the treatment."
)

# Reused with light edits: 04 (source) -> 11 (edited copy).
PASSAGE_EDIT_SOURCE = (
    "Counts were analysed with generalised linear mixed models assuming a negative binomial error distribution "
    "and a log link, with site entered as a random intercept to account for repeated visits to the same meadow. "
    "Management regime, survey round and their interaction were fitted as fixed effects, and the log of transect "
    "length was included as an offset. Model assumptions were checked with simulated quantile residuals, and "
    "overdispersion and zero inflation were assessed by comparing observed and simulated dispersion statistics. "
    "Marginal means were derived from the fitted models and back-transformed to the response scale for "
    "presentation. Pairwise contrasts between regimes were adjusted for multiplicity with the Tukey method, and "
    "we report incidence rate ratios with 95% confidence intervals."
)
PASSAGE_EDIT_COPY = (
    "Counts were analysed using generalised linear mixed models assuming a negative binomial error distribution "
    "and a log link, with site entered as a random intercept to account for repeated visits to the same grassland. "
    "Restoration age, survey round and their interaction were fitted as fixed effects, and the log of trap "
    "effort was included as an offset. Model assumptions were checked with simulated quantile residuals, and "
    "overdispersion and zero inflation were assessed by comparing observed and simulated dispersion statistics. "
    "Marginal means were derived from the fitted models and back-transformed to the response scale. Pairwise "
    "contrasts between age classes were adjusted for multiplicity with the Tukey method, and we report incidence "
    "rate ratios with their 95% confidence intervals."
)

# A sentence of paper 03 that paper 13 quotes, in quotation marks and cited.
QUOTED_FROM_03 = ("a single night of restricted sleep was enough to lower the number of items that participants "
                  "could hold in mind")

# Tortured phrases planted in paper 05: (phrase as printed, expected term).
TORTURED = [
    ("bosom malignancy", "breast cancer"),
    ("counterfeit consciousness", "artificial intelligence"),
    ("profound learning", "deep learning"),
    ("irregular woodland", "random forest"),
    ("colossal information", "big data"),
    ("flag to commotion proportion", "signal to noise ratio"),
    ("arbitrary esteem", "random value"),
    ("convolutional neural organization", "convolutional neural network"),
    ("help vector machine", "support vector machine"),
]

# Planted statistics (printed exactly as written here).
PLANTED_P_SMALL = "t(28) = 2.20, p = .012"  # paper 08; correct p = .036, still significant
PLANTED_DECISION = "t(24) = 1.45, p = .031"  # paper 11; correct p = .160, not significant
PLANTED_GRIM = "M = 3.47"  # paper 08; N = 18 on one 1-7 integer item: 3.47 x 18 = 62.46
PLANTED_XML_P = "F(2, 45) = 4.12, p = .011"  # paper 15 (XML); correct p = .023


# --------------------------------------------------------------------------
# The manuscripts
# --------------------------------------------------------------------------


def paper_01() -> Paper:
    def quant(page, rect):
        a, b = split_rect(rect, 2, hgap=22)
        bar_panel(page, a, ["Ctrl", "EBSS", "BafA1", "EBSS+B"], [6.8, 19.4, 14.1, 31.7], [2.1, 4.6, 3.9, 6.2],
                  "LC3 puncta per cell", letter="A", color=[PALETTE[4], PALETTE[0], PALETTE[1], PALETTE[2]], points_n=12, seed=101)
        bar_panel(page, b, ["siCtrl", "siTFEB", "siCtrl", "siTFEB"], [1.0, 0.93, 2.64, 1.71], [0.12, 0.15, 0.31, 0.27],
                  "LC3-II / GAPDH (fold)", letter="B", color=[PALETTE[4], PALETTE[4], PALETTE[0], PALETTE[0]], points_n=4, seed=111)

    def timecourse(page, rect):
        xs = [0, 0.5, 1, 2, 4, 6]
        line_panel(page, rect, xs, [
            ("Nuclear TFEB (%)", [11, 24, 41, 63, 71, 69], [3, 5, 6, 7, 6, 8]),
            ("p62 remaining (%)", [100, 97, 88, 71, 52, 47], [4, 5, 6, 6, 7, 7]),
        ], "Percent", "Time in EBSS (h)", ylim=(0, 120), legend_corner="tr")

    body = [
        Heading("Introduction"),
        Para("Macroautophagy, hereafter autophagy, delivers cytoplasmic material to lysosomes and is one of the first "
             "responses of a cell that runs short of amino acids. Its output is usually inferred from the number of "
             "LC3-positive puncta or from the abundance of lipidated LC3-II, yet both measures report a steady state "
             "that can rise either because more autophagosomes form or because fewer of them are cleared [1, 2]. "
             "Distinguishing the two requires a flux measurement, most often by blocking lysosomal acidification "
             "with bafilomycin A1 and asking how much additional LC3-II accumulates [3]."),
        Para("The transcription factor EB (TFEB) links nutrient status to the lysosomal and autophagic gene network. "
             "Under fed conditions mTORC1 phosphorylates TFEB and keeps it in the cytoplasm; withdrawal of amino "
             "acids releases this brake, TFEB enters the nucleus, and its targets are induced within hours [4, 5]. "
             "Whether the nuclear translocation of TFEB is needed for the early rise in flux, or only for the "
             "sustained response that follows, has remained unclear, partly because many studies sample a single time "
             "point [6]. Here we followed autophagic flux and TFEB localisation in HeLa cells over the first six hours "
             "of starvation and tested the contribution of TFEB by RNA interference."),
        Heading("Materials and methods"),
        Heading("Cell culture and treatments", 2),
        Para("HeLa cells were maintained in DMEM supplemented with 10% fetal bovine serum, 2 mM glutamine and "
             "penicillin-streptomycin at 37 \u00b0C and 5% CO2, and were used between passages 8 and 20. Cultures "
             "were tested monthly for mycoplasma. For starvation, cells were washed twice with pre-warmed Earle's "
             "balanced salt solution (EBSS) and incubated in EBSS for the indicated times. Bafilomycin A1 (100 nM) or "
             "vehicle (0.1% DMSO) was added for the final 2 h of each treatment."),
        Heading("RNA interference", 2),
        Para("Cells were reverse-transfected with 20 nM of a pool of four siRNAs targeting TFEB or with a "
             "non-targeting control pool using a lipid-based reagent, and experiments were performed 72 h later. "
             "Knockdown was verified by immunoblotting in every experiment and reduced TFEB protein to 18-27% of the "
             "control level."),
        Heading("Immunofluorescence and image analysis", 2),
        Para(PASSAGE_VERBATIM),
        Para("Nuclear TFEB was scored as the ratio of nuclear to cytoplasmic mean intensity, and a cell was called "
             "positive when this ratio exceeded 1.5, a threshold set on fed cells before the experiments began. The "
             "antibodies used are listed in Table 1."),
        TableBlock("Primary and secondary antibodies.", ["Target", "Host", "Application", "Dilution", "Catalogue no."], [
            ["LC3B", "rabbit", "IF, WB", "1:400 / 1:2000", "AB-4417"],
            ["p62/SQSTM1", "mouse", "WB", "1:1000", "AB-2209"],
            ["TFEB", "rabbit", "IF, WB", "1:200 / 1:1000", "AB-7781"],
            ["GAPDH", "mouse", "WB", "1:5000", "AB-0113"],
            ["Rabbit IgG, Alexa 488", "goat", "IF", "1:800", "AB-9061"],
            ["Mouse IgG, HRP", "goat", "WB", "1:10000", "AB-9102"],
        ], [2.2, 1, 1.3, 1.6, 1.4], note="IF, immunofluorescence; WB, western blotting.", key="01-T1"),
        Heading("Western blotting", 2),
        Para("Cells were lysed in RIPA buffer with protease and phosphatase inhibitors, and 20 \u00b5g of protein per "
             "lane was separated on 4-20% gradient gels and transferred to PVDF membranes. Bands were detected by "
             "enhanced chemiluminescence on a CCD imager, and densitometry was performed on unsaturated exposures. "
             "LC3-II was normalised to GAPDH from the same membrane."),
        Heading("Statistical analysis", 2),
        Para("Each experiment was repeated on at least three independent occasions, and cell-level measurements were "
             "averaged per coverslip before testing. Two groups were compared with Welch's t-test and more than two "
             "with one-way ANOVA followed by Tukey's test. " + SOFTWARE),
        Heading("Results"),
        Heading("Starvation raises LC3 puncta within two hours", 2),
        Para("Transfer to EBSS produced a rapid accumulation of LC3-positive puncta (Figure 1). After 2 h, cells "
             "contained 19.4 \u00b1 4.6 puncta compared with 6.8 \u00b1 2.1 in full medium, {t:58:13.61}. The number "
             "of puncta differed across the four time points examined, {F:3:116:24.87}, and reached a plateau "
             "between 2 and 4 h. The puncta were distributed throughout the cytoplasm and were frequently clustered "
             "in the perinuclear region (Figure 1B, C)."),
        RasterFigure("LC3 puncta in HeLa cells. (A) Full medium. (B) EBSS, 2 h. (C) EBSS, 4 h. (D) Bafilomycin A1 in "
                     "full medium. (E) EBSS plus bafilomycin A1. (F) TFEB-depleted cells in EBSS, 2 h. LC3B, green; "
                     "cytoplasmic marker, red; Hoechst 33342, blue. Scale bar, 10 \u00b5m.",
                     micro("01-F1", [(fluorescence_cells, dict(puncta=(2, 7))), (fluorescence_cells, dict(puncta=(14, 26))),
                                     (fluorescence_cells, dict(puncta=(16, 30))), (fluorescence_cells, dict(puncta=(9, 17))),
                                     (fluorescence_cells, dict(puncta=(25, 40))), (fluorescence_cells, dict(puncta=(6, 14)))], 3),
                     key="01-F1"),
        Heading("The increase reflects higher flux rather than impaired clearance", 2),
        Para("If starvation merely slowed lysosomal degradation, bafilomycin A1 would add little to the number of puncta "
             "in starved cells. Instead, bafilomycin A1 increased puncta further in EBSS (31.7 \u00b1 6.2) than in full "
             "medium (14.1 \u00b1 3.9), and the interaction between nutrient condition and bafilomycin A1 was "
             "significant, {F:1:44:9.72}. Consistently, the bafilomycin-dependent increment in LC3-II was larger in "
             "starved than in fed cells, {t:10:3.41} (Figure 2, Figure 3A), and p62 declined by 29% within 2 h of "
             "starvation, {t:10:2.57}."),
        RasterFigure("Immunoblots of HeLa lysates. (A) LC3-I and LC3-II, p62 and GAPDH in fed and starved cells without "
                     "(-) or with (+) bafilomycin A1. (B) TFEB and GAPDH after transfection with control or TFEB "
                     "siRNA. Representative of three independent experiments.",
                     blots("01-F2", [
                         dict(lanes=6, labels=["-", "+", "-", "+", "-", "+"], rows=[
                             ("LC3-I", [Band(22, [0.55, 0.6, 0.5, 0.5, 0.45, 0.5])]),
                             ("LC3-II", [Band(30, [0.15, 0.45, 0.42, 0.92, 0.48, 0.95])]),
                             ("p62", [Band(30, [0.8, 0.85, 0.55, 0.8, 0.5, 0.78])]),
                             ("GAPDH", [Band(32, [0.7, 0.72, 0.69, 0.71, 0.7, 0.7])])]),
                         dict(lanes=4, labels=["siC", "siT", "siC", "siT"], rows=[
                             ("TFEB", [Band(28, [0.8, 0.2, 0.85, 0.24])]),
                             ("GAPDH", [Band(32, [0.7, 0.72, 0.7, 0.69])])]),
                     ], 2), key="01-F2"),
        Heading("TFEB is required for the sustained but not the initial response", 2),
        Para("Nuclear TFEB rose from 11% of cells in full medium to 41% after 1 h and 63% after 2 h of starvation "
             "(Figure 4). Across individual coverslips, the fraction of TFEB-positive nuclei correlated with the number "
             "of puncta, {r:118:.41}. Depletion of TFEB did not change the number of puncta at 30 min of starvation, "
             "{t:22:0.84}, but reduced it at 2 h, {t:38:2.84}, and lowered the bafilomycin-dependent accumulation of "
             "LC3-II by roughly one third (Figure 3B)."),
        VectorFigure("Quantification of autophagic flux. (A) LC3 puncta per cell after 2 h in full medium (Ctrl) or "
                     "EBSS, without or with bafilomycin A1 (B). Bars show mean and SD of coverslip means; dots are "
                     "coverslips. (B) LC3-II relative to GAPDH in fed (left pair) and starved (right pair) cells "
                     "transfected with control or TFEB siRNA, all in the presence of bafilomycin A1.",
                     quant, 200, key="01-F3"),
        VectorFigure("Time course of TFEB nuclear translocation and p62 degradation during starvation. Mean and SD of "
                     "three experiments.", timecourse, 190, width=TEXT_W * 0.72, raster=True, key="01-F4"),
        Heading("Discussion"),
        Para("The first two hours of starvation in HeLa cells are dominated by a genuine increase in autophagic flux: "
             "the additional LC3-II and puncta trapped by bafilomycin A1 exceed those in fed cells, and p62 is consumed "
             "over the same period. Our data argue that TFEB is dispensable for this initial phase, since its depletion "
             "left the 30-minute response intact, whereas the response at 2 h and later depended on it. This timing "
             "fits a model in which post-translational activation of the core machinery starts the response and "
             "TFEB-driven transcription sustains it by replenishing lysosomal and autophagic components [4, 7]."),
        Para("Two limitations deserve mention. HeLa cells have an unusual metabolic background, and the relative "
             "weight of the two phases may differ in primary cells [8]. In addition, puncta counts depend on "
             "segmentation settings; we fixed these in advance and applied them to all conditions, but absolute "
             "numbers are not comparable with studies that used other pipelines [9, 10]. Despite these caveats, "
             "the separation of an early, TFEB-independent phase from a later, TFEB-dependent one offers a simple "
             "explanation for discrepant reports that sampled different time points [6, 11]."),
        Heading("Data availability"),
        Para(DATA_STATEMENT),
        Heading("Ethics statement"),
        Para("This study used only commercially available cell lines. " + ETHICS_NONE),
        Heading("Competing interests"),
        Para(COMPETING),
    ]
    refs = [
        "Halvorsen T, Mbeki L, Ortiz R. Counting autophagosomes: pitfalls of steady-state measurements. Autophagy Methods. 2017;4(2):55-68. doi:10.5555/am.2017.0402",
        "Lindqvist A, Perera S. LC3 lipidation as a readout of autophagy. J Cell Degrad. 2019;12(1):14-29. doi:10.5555/jcd.2019.1201",
        "Osei-Bonsu K, Varga P, Hale D. Bafilomycin-based flux assays revisited. Cell Biol Protoc. 2020;8(3):201-214. doi:10.5555/cbp.2020.0803",
        "Marchetti G, Zhou Y. TFEB at the crossroads of nutrient sensing and lysosome biogenesis. Trends Lysosome Res. 2018;3:77-91. doi:10.5555/tlr.2018.0003",
        "Kaur R, Almeida F, Brenner J. mTORC1-dependent phosphorylation retains TFEB in the cytosol. Mol Cell Signal. 2016;22(5):410-422. doi:10.5555/mcs.2016.2205",
        "Nakashima H, Wolfe E. Time matters: sampling schedules in autophagy experiments. Cell Stress Rep. 2021;6(4):300-311. doi:10.5555/csr.2021.0604",
        "Duarte M, Fischer O. Transcriptional control of the autophagy-lysosome system. Annu Rev Cell Homeost. 2022;9:133-160. doi:10.5555/arch.2022.0009",
        "Petrova I, Sandoval C. Metabolic peculiarities of cervical carcinoma cell lines. Cancer Cell Metab. 2015;2(1):9-20. doi:10.5555/ccm.2015.0201",
        "Ferreira L, Okoye C, Brandt S. Automated puncta quantification in fluorescence images. J Microsc Anal. 2019;31(2):88-97. doi:10.5555/jma.2019.3102",
        "Hughes A, Tanaka M. Reproducibility of image-based autophagy measurements across laboratories. Cell Biol Rep. 2023;15(1):1-12. doi:10.5555/cbr.2023.1501",
        "Moreau J, Iqbal S. Early and late phases of the starvation response. J Cell Degrad. 2020;13(3):245-259. doi:10.5555/jcd.2020.1303",
        "Adeyemi T, Kowalski P. Reporting standards for immunoblot densitometry. Methods Cell Res. 2018;7(2):120-131. doi:10.5555/mcr.2018.0702",
    ]
    return Paper(
        file="01-autophagy-flux-hela.pdf",
        title="Nutrient starvation increases autophagic flux in HeLa cells in two phases, only the second of which requires TFEB",
        short_title="Two-phase autophagic flux in starved HeLa cells",
        authors=[("Ingrid Halvorsen", [1]), ("Kwame Osei-Bonsu", [1]), ("Lucia Marchetti", [2]), ("Tomasz Varga", [1, 2])],
        affiliations=["Department of Cell Biology, Northbridge University, Halden, Norway",
                      "Centre for Lysosome Research, Vellmar Institute, Kassel-Nord, Germany"],
        email="i.halvorsen@northbridge.example",
        doi="10.5555/sample.2026.001",
        received="Submitted 5 January 2026",
        abstract=("Starvation is the classical trigger of autophagy, but the relative contributions of increased "
                  "autophagosome formation and reduced clearance, and the timing of the transcriptional response, are "
                  "still debated. We measured LC3 puncta, LC3-II turnover in the presence of bafilomycin A1, p62 "
                  "degradation and nuclear translocation of TFEB in HeLa cells during six hours of amino-acid "
                  "starvation. Starvation tripled the number of LC3 puncta within two hours, and bafilomycin A1 "
                  "revealed that this reflected increased flux. Nuclear TFEB rose in parallel, and depletion of TFEB "
                  "left the response at 30 minutes unchanged but reduced flux at two hours by about one third. We "
                  "propose that starvation-induced autophagy proceeds in an early, TFEB-independent phase and a "
                  "later phase that depends on TFEB-driven transcription."),
        keywords="autophagy; TFEB; LC3; bafilomycin A1; starvation; lysosome",
        body=body, references=refs, spacing=2.0)


def paper_02() -> Paper:
    def growth(page, rect):
        xs = [1, 2, 3, 4, 5, 7]
        line_panel(page, rect, xs, [
            ("DMSO", [0.08, 0.31, 0.62, 0.94, 1.21, 1.63], [0.03, 0.06, 0.09, 0.11, 0.12, 0.15]),
            ("BMS493", [0.07, 0.22, 0.39, 0.55, 0.71, 0.98], [0.03, 0.05, 0.07, 0.09, 0.1, 0.13]),
            ("BMS493 + RA", [0.08, 0.28, 0.55, 0.86, 1.12, 1.52], [0.03, 0.06, 0.08, 0.1, 0.12, 0.14]),
        ], "Regenerate length (mm)", "Days post amputation", ylim=(0, 2.0))

    body = [
        Heading("Introduction"),
        Para("Adult zebrafish regrow an amputated caudal fin within about two weeks. The process starts with wound "
             "epidermis formation, proceeds through the assembly of a blastema of dedifferentiated cells, and ends in "
             "an outgrowth phase in which osteoblasts rebuild the bony rays in register with the original pattern "
             "[1, 2]. Several signalling pathways are required at defined stages, and retinoic acid (RA) is among the "
             "earliest to be induced in the stump [3]."),
        Para("Pharmacological and genetic studies agree that RA signalling is needed for blastema formation, but "
             "they disagree on whether it also controls the rate of outgrowth once the blastema exists [4, 5]. A "
             "simple way to separate these roles is to interfere with RA signalling only after the blastema has "
             "formed and to follow growth daily. We therefore treated fish with the pan-RAR inverse agonist BMS493 "
             "from 2 days post amputation (dpa) and measured regenerate length, proliferation and ray bifurcation in "
             "a transgenic line that labels the regenerate in green."),
        Heading("Methods"),
        Heading("Animals and amputation", 2),
        Para("Adult *Danio rerio* of both sexes, 6 to 12 months old, carrying a regeneration-responsive GFP reporter "
             "were kept at 28.5 \u00b0C on a 14 h light and 10 h dark cycle. Fish were anaesthetised in 0.016% "
             "tricaine, and caudal fins were amputated with a scalpel blade 50% proximal to the fork. Animals were "
             "randomly assigned to treatment tanks by a person not involved in the measurements."),
        Heading("Drug treatment", 2),
        Para("From 2 dpa, fish were kept in system water containing 1 \u00b5M BMS493 or 0.05% DMSO, renewed every 24 h "
             "in the dark. For rescue, 0.1 \u00b5M all-*trans* retinoic acid was added together with BMS493. "
             "Each tank held eight fish, and each condition was run in three tanks in two independent experiments."),
        Heading("Imaging and measurements", 2),
        Para("Fins were imaged daily under light anaesthesia on a fluorescence stereomicroscope with fixed exposure. "
             "Regenerate length was measured along the third dorsal ray from the amputation plane to the distal tip, "
             "and the presence of a bifurcation in rays 2 to 4 was scored at 7 dpa. Proliferation was assessed by "
             "EdU incorporation during a 6 h pulse at 4 dpa followed by whole-mount detection. All measurements "
             "were made blind to treatment."),
        Heading("Statistics", 2),
        Para("Tank was the experimental unit for treatment effects; fish-level values were averaged per tank where "
             "indicated. Growth curves were compared with a linear mixed model with fish as a random effect. "
             + SOFTWARE),
        Heading("Results"),
        Para("GFP-positive tissue appeared at the amputation plane within 24 h and extended distally as the "
             "regenerate grew (Figure 1). In DMSO-treated fish the regenerate reached 0.94 \u00b1 0.11 mm at 4 dpa "
             "and 1.63 \u00b1 0.15 mm at 7 dpa. Outgrowth was roughly linear between 2 and 5 dpa and slowed slightly "
             "thereafter, in line with previous descriptions of the outgrowth phase [6]."),
        RasterFigure("Regeneration of the caudal fin in DMSO-treated reporter fish. (A) 1 dpa. (B) 2 dpa. (C) 4 dpa. "
                     "(D) 7 dpa. The regenerate is labelled green; the stump shows the bony rays in transmitted light. "
                     "Scale bar, 500 \u00b5m.",
                     micro("02-F1", [(fin_regenerate, dict(stage=0.05)), (fin_regenerate, dict(stage=0.25)),
                                     (fin_regenerate, dict(stage=0.55)), (fin_regenerate, dict(stage=0.95))], 2),
                     width=TEXT_W * 0.72, key="02-F1"),
        Para("Blocking RA signalling from 2 dpa slowed outgrowth without arresting it (Figure 2). At 4 dpa, "
             "regenerates of BMS493-treated fish were 41% shorter than those of controls, {t:10:5.87}, and the "
             "difference persisted at 7 dpa, {t:10:6.42}. The three groups differed in growth rate between 2 and "
             "5 dpa, {F:2:15:21.36}, and simultaneous addition of RA restored the rate to within 10% of control "
             "values. Mean regenerate lengths by day are given in Table 1."),
        VectorFigure("Regenerate length over time. Fish were treated from 2 dpa with DMSO, BMS493 or BMS493 plus "
                     "retinoic acid (RA). Mean and SD of tank means (six tanks per group).", growth, 215,
                     width=TEXT_W * 0.8, key="02-F2"),
        TableBlock("Regenerate length (mm) by treatment and day after amputation.", ["Day (dpa)", "DMSO", "BMS493", "BMS493 + RA", "Fish per group"], [
            ["1", "0.08 \u00b1 0.03", "0.07 \u00b1 0.03", "0.08 \u00b1 0.03", "48"],
            ["2", "0.31 \u00b1 0.06", "0.22 \u00b1 0.05", "0.28 \u00b1 0.06", "48"],
            ["3", "0.62 \u00b1 0.09", "0.39 \u00b1 0.07", "0.55 \u00b1 0.08", "47"],
            ["4", "0.94 \u00b1 0.11", "0.55 \u00b1 0.09", "0.86 \u00b1 0.10", "47"],
            ["5", "1.21 \u00b1 0.12", "0.71 \u00b1 0.10", "1.12 \u00b1 0.12", "46"],
            ["7", "1.63 \u00b1 0.15", "0.98 \u00b1 0.13", "1.52 \u00b1 0.14", "46"],
        ], [1.2, 1.4, 1.4, 1.5, 1.3], note="Values are mean \u00b1 SD of fish. Two fish per group were lost to "
                                             "anaesthesia over the course of the experiment.", key="02-T1"),
        Para("The reduced growth was accompanied by fewer proliferating cells. The fraction of EdU-positive nuclei "
             "in the distal blastema fell from 34% to 19%, {t:10:4.95}, whereas proliferation in the proximal "
             "regenerate was not significantly altered, {t:10:1.21}. Reporter fluorescence was weaker and the "
             "distal margin less sharply defined in treated fins (Figure 3). Ray bifurcations at 7 dpa were "
             "observed in 38 of 48 control rays and in 24 of 48 rays of treated fish, {chi:1:96:8.93}."),
        RasterFigure("Reporter expression at 4 dpa in fish treated from 2 dpa with (A) DMSO, (B) BMS493 or (C) BMS493 "
                     "plus retinoic acid. Scale bar, 500 \u00b5m.",
                     micro("02-F3", [(fin_regenerate, dict(stage=0.6)),
                                     ("reuse", "02-F1-C", dict(flip=True)),
                                     (fin_regenerate, dict(stage=0.48))], 3),
                     key="02-F3"),
        Heading("Discussion"),
        Para("Our results separate two roles of RA in fin regeneration. Because treatment started only after the "
             "blastema had formed, the slower outgrowth cannot be explained by a failure of blastema assembly. "
             "Instead, RA appears to sustain proliferation in the distal blastema, the compartment from which new "
             "tissue is added. This interpretation agrees with the restricted expression of RA-synthesising enzymes "
             "in the distal stump [3, 7] and with the partial phenotypes reported for hypomorphic mutants [5]."),
        Para("The reduction in ray bifurcation suggests that patterning, not only growth, depends on continued RA "
             "signalling, although shorter regenerates might simply not have reached the position at which "
             "bifurcations normally form. Longer treatments with matched final lengths would address this [8]. We "
             "also note that BMS493 acts on all RAR isoforms, and isoform-specific tools will be needed to assign "
             "these effects to individual receptors [9, 10]."),
        Heading("Data availability"),
        Para(DATA_STATEMENT),
        Heading("Ethics statement"),
        Para(ETHICS_ANIMAL + " Procedures were covered by licence ZF-2024-118 of the regional animal welfare authority."),
        Heading("Competing interests"),
        Para(COMPETING),
    ]
    refs = [
        "Sundqvist E, Ramos P. The regenerating zebrafish fin: a primer. Dev Dyn Rev. 2016;11(2):87-102. doi:10.5555/ddr.2016.1102",
        "Achterberg N, Liu Q. Osteoblast dedifferentiation during fin regeneration. Regen Biol. 2018;5(1):33-47. doi:10.5555/rb.2018.0501",
        "Castellanos M, Brookes H, Idowu A. Retinoic acid synthesis in the amputated fin. Dev Signal. 2019;14(3):199-212. doi:10.5555/ds.2019.1403",
        "Fairweather J, Singh R. Retinoid requirements for blastema formation. Regen Biol. 2020;7(2):120-133. doi:10.5555/rb.2020.0702",
        "Okonkwo U, Beltran S. Hypomorphic aldh1a2 mutants regenerate short fins. Zebrafish Genet. 2021;9(4):301-315. doi:10.5555/zg.2021.0904",
        "Marsh T, Yilmaz D. Growth kinetics of the fin regenerate. J Exp Zool Regen. 2017;3(1):14-25. doi:10.5555/jezr.2017.0301",
        "Petrakis A, Holm S. Spatial domains of retinoic acid activity in regenerating appendages. Dev Signal. 2022;17(1):5-19. doi:10.5555/ds.2022.1701",
        "Rinaldi C, Gomez V. Ray bifurcation as a readout of positional memory. Regen Biol. 2023;10(1):44-58. doi:10.5555/rb.2023.1001",
        "Takeda S, Lund M. Pharmacology of retinoic acid receptor inverse agonists. Mol Pharmacol Rep. 2015;6(2):77-90. doi:10.5555/mpr.2015.0602",
        "Ferro L, Adjei K. Isoform-selective RAR tools for developmental biology. Chem Dev Biol. 2024;2(1):1-14. doi:10.5555/cdb.2024.0201",
    ]
    return Paper(
        file="02-zebrafish-fin-regeneration.pdf",
        title="Retinoic acid signalling sustains distal blastema proliferation during zebrafish caudal fin outgrowth",
        short_title="Retinoic acid and fin outgrowth",
        authors=[("Elin Sundqvist", [1]), ("Miguel Castellanos", [1]), ("Hannah Brookes", [2])],
        affiliations=["Institute of Developmental Biology, University of Tarnholm, Sweden",
                      "Aquatic Model Facility, Linwood College, Dunmere, United Kingdom"],
        email="elin.sundqvist@tarnholm.example",
        doi="10.5555/sample.2026.002",
        received="Submitted 7 January 2026",
        abstract=("Retinoic acid (RA) is required to form the blastema after fin amputation in zebrafish, but whether it "
                  "also controls the later outgrowth phase is unresolved. We treated adult reporter fish with the "
                  "pan-RAR inverse agonist BMS493 from 2 days post amputation, after blastema formation, and followed "
                  "regeneration daily. Treated fins regrew 41% less by 4 days, distal blastema proliferation fell from "
                  "34% to 19% of nuclei, and fewer rays bifurcated. Adding RA restored growth. RA signalling therefore "
                  "continues to drive outgrowth after the blastema has formed, mainly by maintaining proliferation in "
                  "the distal blastema."),
        keywords="zebrafish; fin regeneration; retinoic acid; blastema; BMS493",
        body=body, references=refs)


def paper_03() -> Paper:
    def capacity(page, rect):
        ax = Axes(page, rect, (0.4, 3.6), (0, 4), ylabel="Capacity estimate K", xlabel="Set size",
                  xticklabels=[(1, "2"), (2, "4"), (3, "6")])
        normal, restricted = [1.94, 2.88, 2.91], [1.91, 2.51, 2.48]
        sd_n, sd_r = [0.1, 0.42, 0.61], [0.12, 0.47, 0.66]
        ax.bars([0.8, 1.8, 2.8], normal, sd_n, color=PALETTE[0], width=0.36,
                points=[series(300 + i, 23, m, s, lo=0) for i, (m, s) in enumerate(zip(normal, sd_n))], seed=300)
        ax.bars([1.2, 2.2, 3.2], restricted, sd_r, color=PALETTE[1], width=0.36,
                points=[series(310 + i, 23, m, s, lo=0) for i, (m, s) in enumerate(zip(restricted, sd_r))], seed=310)
        ax.legend([("Normal sleep", PALETTE[0]), ("Restricted sleep", PALETTE[1])], "tl")

    def scatter(page, rect):
        rng = np.random.default_rng(303)
        x = rng.integers(0, 6, 23) + rng.uniform(-0.15, 0.15, 23)
        y = 0.1 - 0.09 * x + rng.normal(0, 0.35, 23)
        ax = Axes(page, rect, (-0.5, 6), (-1.2, 0.8), xlabel="Change in KSS rating (restricted - normal)",
                  ylabel="Change in K (set size 6)")
        ax.scatter(x, y, r=2.2)
        ax.line([-0.3, 5.8], [0.1 - 0.09 * -0.3, 0.1 - 0.09 * 5.8], marker=False, color=PALETTE[1])

    body = [
        Heading("Introduction"),
        Para("Visual working memory holds a small number of objects in an active state for a few seconds, and its "
             "capacity predicts performance in tasks ranging from reading to air traffic control [1, 2]. Because "
             "capacity is thought to depend on sustained activity in frontoparietal networks, it should be sensitive "
             "to the physiological costs of insufficient sleep. Studies of total sleep deprivation support this "
             "expectation, but a whole night without sleep is rare in everyday life, whereas a short night is "
             "common [3, 4]."),
        Para("Evidence on partial sleep restriction is mixed. Several studies reported slower responses without a "
             "loss of accuracy, which suggests that participants trade speed for precision [5]. Others found "
             "reduced accuracy only when memory load was high [6]. As Brandt and Osei put it, insufficient sleep "
             "\u201cerodes the capacity to hold information online long before people report feeling sleepy\u201d "
             "[7], which implies that subjective sleepiness may be a poor guide to cognitive cost. We tested whether "
             "one night of sleep restricted to four hours lowers visual working memory capacity, and whether any "
             "loss depends on memory load and on how sleepy participants feel."),
        Heading("Methods"),
        Heading("Participants", 2),
        Para("Twenty-five healthy adults were recruited through community advertisements; two withdrew after the "
             "first session, leaving 23 participants (14 women; mean age 34.7 years, SD = 8.2, N = 23) who "
             "completed both conditions. Participants reported habitual sleep of 7 to 9 hours, no shift work in the "
             "previous three months, and no diagnosed sleep, psychiatric or neurological disorder. Sleep timing in "
             "the week before each session was verified with wrist actigraphy (Table 1)."),
        TableBlock("Characteristics of the 23 participants and actigraphy-derived sleep before each session.",
                   ["Measure", "Mean", "SD", "Range"], [
                       ["Age (years)", "34.7", "8.2", "21-52"],
                       ["Habitual sleep duration (h)", "7.6", "0.5", "6.9-8.7"],
                       ["Total sleep time, normal night (h)", "7.4", "0.6", "6.3-8.5"],
                       ["Total sleep time, restricted night (h)", "3.9", "0.2", "3.5-4.2"],
                       ["Sleep efficiency, normal night (%)", "89.1", "4.3", "79-96"],
                       ["Sleep efficiency, restricted night (%)", "94.6", "2.8", "88-99"],
                   ], [3.2, 1, 1, 1], key="03-T1"),
        Heading("Design and procedure", 2),
        Para("In a counterbalanced crossover design, each participant completed one session after a normal night "
             "in bed (8 h) and one after a restricted night (4 h, 03:00 to 07:00), at least one week apart. Sessions "
             "started at 09:00. Participants first rated their sleepiness on the Karolinska Sleepiness Scale (KSS), "
             "a single item scored in whole numbers from 1 (extremely alert) to 9 (very sleepy), and then "
             "performed a change-detection task with set sizes of 2, 4 and 6 coloured squares (96 trials per set "
             "size). Capacity was estimated as K = N(H - FA), where H and FA are hit and false-alarm rates."),
        Heading("Analysis plan", 2),
        Para("The primary hypothesis, registered before data collection, was directional: capacity at set size 6 "
             "would be lower after restricted sleep. It was therefore tested with a one-tailed paired t-test. "
             "Secondary comparisons at each set size were two-tailed, and their p values were multiplied by the "
             "number of comparisons (Bonferroni correction). " + SOFTWARE),
        Heading("Results"),
        Para("Sleep restriction increased sleepiness. KSS ratings were {M:92:23} after the normal night and "
             "{M:158:23} after the restricted night, {t:22:7.46}. No participant rated sleepiness above 8, and no "
             "session had to be stopped."),
        Para("As predicted, capacity at set size 6 was lower after restricted sleep, {t1:22:1.80}, with a mean "
             "reduction of 0.43 items (Figure 1). Averaged across set sizes 4 and 6, the reduction was 0.40 items, "
             "{t:22:2.91}. In the secondary, two-tailed comparisons, the difference at set size 4 remained "
             "significant after correction, {tb:22:2.65:3}, whereas performance at set size 2 was at ceiling in "
             "both conditions and did not differ, {tb:22:1.41:3}. Response times were slower after restriction at "
             "all set sizes, {F:1:22:9.87}, with no interaction between condition and set size, {F:2:44:0.73}."),
        VectorFigure("Working memory capacity (K) by set size after a normal and a restricted night. Bars show means "
                     "and SD; dots are participants (N = 23).", capacity, 220, width=TEXT_W * 0.78, key="03-F1"),
        Para("Individual differences in the subjective effect of restriction did not explain the loss of capacity. "
             "The increase in KSS rating was not significantly correlated with the change in capacity at set size "
             "6, {r:21:-.38}, although the direction of the association was as expected (Figure 2). Order of "
             "conditions had no effect on capacity, {t:21:0.62}."),
        VectorFigure("Change in sleepiness (KSS, restricted minus normal) against change in capacity at set size 6. "
                     "Each dot is a participant; the line is the least-squares fit.", scatter, 200,
                     width=TEXT_W * 0.7, raster=True, key="03-F2"),
        Heading("Discussion"),
        Para("Our main finding is that " + QUOTED_FROM_03 + ", an effect confined to set sizes that actually "
             "taxed memory. The reduction of roughly 0.4 items is modest in absolute terms but amounts to about 15% "
             "of capacity, which is comparable to the difference between young and older adults reported in "
             "change-detection studies [8]. Because performance at the smallest set size was unaffected, the loss "
             "is unlikely to reflect a general failure to attend to the task."),
        Para("The weak relation between sleepiness ratings and memory loss agrees with the view that subjective "
             "state is an unreliable index of cognitive impairment after short sleep [7, 9]. In practical terms, "
             "feeling alert after a short night does not guarantee unimpaired working memory. Our sample was small "
             "and healthy, and the restricted night was imposed rather than chosen; chronic restriction and "
             "populations with disturbed sleep need separate study [10, 11]."),
        Heading("Data availability"),
        Para(DATA_STATEMENT),
        Heading("Ethics statement"),
        Para(ETHICS_HUMAN + " The protocol was approved by the Research Ethics Board of Calloway University "
             "(REB 2023-0412)."),
        Heading("Competing interests"),
        Para(COMPETING),
    ]
    refs = [
        "Whitcombe R, Adler J. The capacity of visual working memory: a review. Cogn Sci Rev. 2018;14(2):101-130. doi:10.5555/csr.2018.1402",
        "Mendes P, Harlow K. Working memory capacity and everyday task performance. Appl Cogn. 2020;9(1):22-41. doi:10.5555/ac.2020.0901",
        "Novak D, Strand E, Kimura T. Total sleep deprivation and short-term memory. Sleep Cogn. 2017;5(3):210-224. doi:10.5555/sc.2017.0503",
        "Abara C, Jensen L. How common is short sleep? A population survey. Sleep Health Rep. 2019;3(4):301-309. doi:10.5555/shr.2019.0304",
        "Greco F, Lam W. Speed-accuracy trade-offs after partial sleep restriction. J Sleep Behav. 2016;11(2):88-99. doi:10.5555/jsb.2016.1102",
        "Rahman S, O'Dowd B. Memory load moderates the effect of restricted sleep. Sleep Cogn. 2021;9(1):12-27. doi:10.5555/sc.2021.0901",
        "Brandt S, Osei A. Sleep, attention and the illusion of alertness. Curr Sleep Sci. 2022;4:55-73. doi:10.5555/css.2022.0004",
        "Ibsen M, Carvalho R. Age differences in visual working memory capacity. Psychol Aging Rep. 2015;7(2):140-152. doi:10.5555/par.2015.0702",
        "Kowalczyk J, Mbeki N. Subjective sleepiness as an index of impairment. J Sleep Behav. 2019;14(3):201-213. doi:10.5555/jsb.2019.1403",
        "Hollis T, Yamamoto K. Chronic sleep restriction in the laboratory. Sleep Cogn. 2023;11(2):99-118. doi:10.5555/sc.2023.1102",
        "Serrano A, Lindgren P. Working memory in insomnia disorder. Sleep Med Res Lett. 2020;6(1):5-16. doi:10.5555/smrl.2020.0601",
    ]
    return Paper(
        file="03-sleep-working-memory.pdf",
        title="One night of restricted sleep reduces visual working memory capacity independently of subjective sleepiness",
        short_title="Restricted sleep and working memory",
        authors=[("Rachel Whitcombe", [1]), ("Tomas Novak", [1]), ("Ama Abara", [2])],
        affiliations=["Department of Psychology, Calloway University, Halstead, Canada",
                      "Sleep and Cognition Laboratory, Eastmoor Hospital, Halstead, Canada"],
        email="r.whitcombe@calloway.example",
        doi="10.5555/sample.2026.003",
        received="Submitted 8 January 2026",
        abstract=("Short sleep is common, but its effect on working memory capacity is debated. In a counterbalanced "
                  "crossover study, 23 healthy adults performed a change-detection task after a normal night (8 h in "
                  "bed) and after a restricted night (4 h). Restriction raised sleepiness ratings and reduced capacity "
                  "at the highest memory load by 0.43 items, as predicted in a preregistered one-tailed test; capacity "
                  "at the lowest load was unaffected. The rise in subjective sleepiness did not significantly predict "
                  "the loss of capacity. One short night is sufficient to reduce working memory capacity, and "
                  "feeling alert is not a reliable sign that memory is intact."),
        keywords="sleep restriction; working memory; change detection; sleepiness; crossover design",
        body=body, references=refs, spacing=1.6)


def paper_04() -> Paper:
    def visits(page, rect):
        a, b = split_rect(rect, 2, hgap=22)
        bar_panel(page, a, ["Early", "Late", "Rotational", "Uncut strip"], [4.1, 7.9, 9.6, 11.2], [1.6, 2.4, 2.9, 3.3],
                  "Bee visits per 100 m", letter="A", color=PALETTE[2], points_n=8, seed=401)
        bar_panel(page, b, ["Early", "Late", "Rotational", "Uncut strip"], [2.6, 3.9, 4.4, 5.8], [1.1, 1.5, 1.7, 2.0],
                  "Hoverfly visits per 100 m", letter="B", color=PALETTE[3], points_n=8, seed=411)

    def season(page, rect):
        xs = [1, 2, 3, 4, 5]
        line_panel(page, rect, xs, [
            ("Early cut", [3.1, 1.2, 4.8, 6.0, 5.2], [1.0, 0.6, 1.4, 1.7, 1.5]),
            ("Late cut", [3.4, 8.8, 11.5, 3.0, 2.5], [1.1, 2.2, 2.9, 1.2, 1.0]),
            ("Rotational", [3.2, 7.1, 9.4, 8.1, 6.7], [1.0, 1.9, 2.4, 2.1, 1.8]),
        ], "Bee visits per 100 m", "Survey round (May to September)", ylim=(0, 16), legend_corner="tr")

    def flowers(page, rect):
        rng = np.random.default_rng(404)
        x = rng.uniform(5, 120, 48)
        y = np.exp(0.8 + 0.018 * x + rng.normal(0, 0.35, 48))
        ax = Axes(page, rect, (0, 125), (0, 40), xlabel="Open flower units per m\u00b2", ylabel="Bee visits per 100 m")
        ax.scatter(x, y, color=PALETTE[2], r=2)
        xx = np.linspace(5, 120, 30)
        ax.line(xx, np.exp(0.8 + 0.018 * xx), marker=False, color=BLACK)

    body = [
        Heading("Introduction"),
        Para("Species-rich hay meadows have declined across lowland Europe, and those that remain are often managed "
             "for fodder rather than for the insects that depend on them [1]. The timing and spatial pattern of "
             "cutting determine when flowers are available, and a single early cut can remove most floral resources "
             "at the moment when many bumblebee colonies are growing [2, 3]. Agri-environment schemes therefore "
             "increasingly prescribe later cutting or uncut refuge strips, but the evidence that these prescriptions "
             "raise pollinator activity at the field scale comes mostly from short studies of one insect group [4]."),
        Para("We compared flower-visiting bees and hoverflies on meadows under four cutting regimes over a full "
             "season. Our questions were whether later or rotational cutting increases visitation relative to an "
             "early cut, whether uncut strips concentrate insects or add to the total, and how closely visitation "
             "tracks flower abundance."),
        Heading("Methods"),
        Heading("Study sites", 2),
        Para("The study took place in 2024 on 24 permanent hay meadows in the Vell valley, at 120 to 310 m above sea "
             "level. Meadows were grouped into six blocks of four neighbouring fields, and within each block one "
             "field was assigned to each regime: early cut (late May), late cut (mid July), rotational cut (one third "
             "of the field cut each month from June to August) and early cut with a 6 m uncut strip. Site "
             "characteristics are summarised in Table 1."),
        TableBlock("Characteristics of the study meadows by cutting regime (six meadows each).",
                   ["Regime", "Area (ha)", "Plant species per m\u00b2", "Years under regime", "Soil pH"], [
                       ["Early cut", "2.4 (1.1-4.0)", "14.2", "8", "6.1"],
                       ["Late cut", "2.1 (1.3-3.2)", "16.8", "9", "6.3"],
                       ["Rotational cut", "2.7 (1.5-3.9)", "15.5", "5", "6.0"],
                       ["Early cut + uncut strip", "2.3 (1.2-3.6)", "14.9", "4", "6.2"],
                   ], [2.6, 1.6, 1.8, 1.7, 1], note="Area shown as median (range); other values are means.", key="04-T1"),
        Heading("Pollinator surveys", 2),
        Para("Each meadow was surveyed five times between May and September along a fixed 200 m transect, on dry "
             "days with temperatures above 15 \u00b0C and wind below 4 on the Beaufort scale. An observer walked "
             "at a constant pace and recorded every bee and hoverfly seen visiting a flower within 1 m of the "
             "transect, together with the plant species visited. Open flower units were counted in ten 1 m\u00b2 "
             "quadrats along the same transect on the day of each survey."),
        Heading("Statistical analysis", 2),
        Para(PASSAGE_EDIT_SOURCE),
        Para("The relationship between flower abundance and visitation was examined with the same model structure, "
             "replacing regime by the log of open flower units. " + SOFTWARE),
        Heading("Results"),
        Para("We recorded 3,412 bee visits and 1,508 hoverfly visits over 120 transect walks. Bumblebees made up 58% "
             "of bee visits, honeybees 23% and solitary bees the remainder. Regime affected bee visitation, "
             "{chi:3:3412:41.73}, and hoverfly visitation, {chi:3:1508:19.26} (Figure 1). Relative to the early "
             "cut, visitation by bees was higher on late-cut meadows (incidence rate ratio 1.93, 95% CI 1.41-2.64) "
             "and on rotationally cut meadows (2.34, 1.72-3.18)."),
        VectorFigure("Flower visits per 100 m of transect under four cutting regimes, averaged over the season. "
                     "(A) Bees. (B) Hoverflies. Bars show means and SD; dots are meadows.", visits, 200, key="04-F1"),
        Para("The seasonal pattern explained much of this difference (Figure 2). The late cut produced the highest "
             "visitation in June and July, followed by a collapse after cutting, whereas rotational cutting kept "
             "visitation at an intermediate level throughout. Within early-cut meadows, uncut strips held 3.1 times "
             "more visits per metre than the cut area, but total visits per field did not differ significantly "
             "from early-cut meadows without strips, {z:1.62}."),
        VectorFigure("Seasonal course of bee visitation under three cutting regimes. Means and SD of six meadows "
                     "per regime and round.", season, 200, width=TEXT_W * 0.75, raster=True, key="04-F2"),
        Para("Across all surveys, visitation increased with flower abundance (Figure 3), {r:118:.57}, and adding "
             "flower abundance to the model reduced the estimated effect of regime by about half, which suggests "
             "that much of the effect of cutting acts through the availability of flowers."),
        VectorFigure("Bee visitation against flower abundance for all surveys of the 24 meadows. The line shows the "
                     "fitted negative binomial model.", flowers, 200, width=TEXT_W * 0.65, key="04-F3"),
        Heading("Discussion"),
        Para("Delaying or staggering the cut roughly doubled flower visitation by bees compared with a conventional "
             "early cut, and the advantage of rotational cutting lay in continuity rather than in a higher peak. "
             "For insects whose colonies or flight periods span the whole summer, such continuity may matter more "
             "than a brief abundance of flowers followed by several weeks without any [5, 6]."),
        Para("Uncut strips attracted insects but did not raise visits at the field scale, which is consistent with "
             "a concentration effect rather than a net gain [7]. Strips may still benefit insects through nesting "
             "and overwintering habitat, which we did not measure [8]. Our study covered one season, and "
             "year-to-year variation in weather can alter the relative merits of regimes [9]; multi-year data from "
             "the same sites are being collected."),
        Heading("Data availability"),
        Para(DATA_STATEMENT),
        Heading("Ethics statement"),
        Para(ETHICS_NONE + " Access to the meadows was granted by the landowners."),
        Heading("Competing interests"),
        Para(COMPETING),
    ]
    refs = [
        "Vrba K, Hallam P. The decline of lowland hay meadows in Europe. Grassl Conserv. 2015;8(1):1-18. doi:10.5555/gc.2015.0801",
        "Madsen L, Oyelaran T. Cutting date and floral resources for bumblebees. J Appl Pollin. 2018;6(2):77-89. doi:10.5555/jap.2018.0602",
        "Ferrand C, Wood J. Colony growth of Bombus in managed grasslands. Insect Conserv Ecol. 2019;12(3):211-223. doi:10.5555/ice.2019.1203",
        "Kaminski A, Reyes D. Do agri-environment prescriptions help pollinators? A review. Agric Ecosyst Rev. 2021;19:45-70. doi:10.5555/aer.2021.0019",
        "Lindahl S, Mwangi P. Phenology of flower visitors in temperate meadows. Ecol Entomol Rep. 2017;4(2):98-110. doi:10.5555/eer.2017.0402",
        "Barros G, Kjellberg H. Resource continuity and solitary bee reproduction. J Appl Pollin. 2020;8(1):12-24. doi:10.5555/jap.2020.0801",
        "Hoffmann E, Tiwari R. Refuge strips concentrate rather than augment pollinators. Insect Conserv Ecol. 2022;15(1):30-41. doi:10.5555/ice.2022.1501",
        "Okafor B, Rossi M. Nesting habitat in uncut grassland margins. Grassl Conserv. 2019;12(2):140-151. doi:10.5555/gc.2019.1202",
        "Jansen W, Ahn S. Weather-driven variation in meadow pollinator surveys. Ecol Entomol Rep. 2023;10(1):3-15. doi:10.5555/eer.2023.1001",
        "Brooks M, Kristensen K. Negative binomial mixed models for count data in ecology. Stat Ecol Methods. 2017;2(1):1-19. doi:10.5555/sem.2017.0201",
    ]
    return Paper(
        file="04-meadow-pollinators.pdf",
        title="Rotational and late cutting double flower visitation by bees in lowland hay meadows",
        short_title="Cutting regime and meadow pollinators",
        authors=[("Katerina Vrba", [1]), ("Lars Madsen", [2]), ("Chloe Ferrand", [1])],
        affiliations=["Department of Ecology, Vell Valley University, Brennau, Austria",
                      "Institute for Agroecology, Southfield University, Aarhus-Vest, Denmark"],
        email="k.vrba@vellvalley.example",
        doi="10.5555/sample.2026.004",
        received="Submitted 9 January 2026",
        abstract=("Cutting regimes in hay meadows determine when flowers are available to pollinating insects. We "
                  "surveyed bee and hoverfly visits five times over one season on 24 meadows under four regimes: early "
                  "cut, late cut, rotational cut and early cut with an uncut strip. Late and rotational cutting roughly "
                  "doubled bee visitation relative to an early cut, with rotational cutting providing the most even "
                  "visitation through the season. Uncut strips concentrated visits but did not raise the total per "
                  "field. Visitation closely tracked flower abundance, which accounted for about half of the effect of "
                  "regime. Staggered cutting is a simple way to keep flowers, and flower visitors, present throughout "
                  "the summer."),
        keywords="pollinators; hay meadows; mowing; bumblebees; hoverflies; agri-environment schemes",
        body=body, references=refs, spacing=2.0)


def roc_points(auc_shift: float, n=40):
    fpr = np.concatenate([[0.0], np.logspace(-3, 0, n)])
    tpr = stats.norm.cdf(auc_shift + stats.norm.ppf(np.clip(fpr, 1e-6, 1 - 1e-6)))
    tpr[0], tpr[-1] = 0.0, 1.0
    return fpr, tpr


def paper_05() -> Paper:
    def roc(page, rect):
        ax = Axes(page, rect, (0, 1), (0, 1), xlabel="False positive rate", ylabel="True positive rate",
                  xticks=[0, 0.2, 0.4, 0.6, 0.8, 1], yticks=[0, 0.2, 0.4, 0.6, 0.8, 1])
        for i, (label, d) in enumerate([("Proposed HDCF (AUC 0.962)", 2.50), ("ResNet-50 (AUC 0.931)", 2.10),
                                        ("Random forest (AUC 0.884)", 1.69), ("SVM (AUC 0.861)", 1.53)]):
            f, t = roc_points(d)
            ax.line(f, t, color=PALETTE[i], marker=False, dash="[3 2] 0" if i % 2 else None)
        ax.line([0, 1], [0, 1], color=(0.6, 0.6, 0.6), marker=False, dash="[1 2] 0", width=0.6)
        ax.legend([("Proposed HDCF", PALETTE[0]), ("ResNet-50", PALETTE[1]), ("Random forest", PALETTE[2]),
                   ("SVM", PALETTE[3])], "br")

    def accuracy(page, rect):
        bar_panel(page, rect, ["SVM", "RF", "VGG-16", "ResNet-50", "HDCF"], [81.2, 83.9, 88.4, 90.7, 94.1],
                  [1.9, 1.6, 1.4, 1.2, 0.9], "Accuracy (%)", ymax=100, color=[PALETTE[4]] * 4 + [PALETTE[0]])

    body = [
        Heading("Introduction"),
        Para("Bosom malignancy is the most frequently diagnosed cancer among women worldwide, and histopathological "
             "examination of biopsy tissue remains the reference standard for its diagnosis [1]. Manual reading of "
             "slides is time-consuming and subject to variation between observers, particularly for borderline "
             "lesions [2]. In recent years counterfeit consciousness has been applied to many problems in medical "
             "imaging, and the growth of colossal information from digitised slides makes it possible to train "
             "models that match pathologists on narrowly defined tasks [3, 4]."),
        Para("Methods based on profound learning, in particular the convolutional neural organization, learn image "
             "features directly from pixels and have largely replaced hand-crafted descriptors [5]. Nevertheless, "
             "classical classifiers such as the irregular woodland and the help vector machine remain attractive "
             "when training data are limited, because they are less prone to overfitting [6]. In this work we "
             "propose a hybrid deep convolutional framework (HDCF) that combines convolutional feature extraction "
             "with an ensemble classifier, and we evaluate it on a public collection of breast tissue images."),
        Heading("Methods"),
        Heading("Dataset", 2),
        Para("We used 2,046 haematoxylin and eosin stained image patches of 700 x 460 pixels obtained at 400x "
             "magnification from 82 patients, of which 1,370 were labelled malignant and 676 benign by two "
             "pathologists [7]. Patients were divided into training (60%), validation (20%) and test (20%) sets so "
             "that no patient contributed images to more than one set; the test set contained 412 patches. "
             "Representative patches are shown in Figure 1."),
        RasterFigure("Representative H&E patches from the test set. (A, B) Benign tissue. (C, D) Invasive "
                     "carcinoma.",
                     micro("05-F1", [(histology, dict(glands=6)), (histology, dict(glands=5)),
                                     (histology, dict(glands=2)), (histology, dict(glands=1))], 2, scale_bar=False),
                     width=TEXT_W * 0.7, key="05-F1"),
        Heading("Pre-processing", 2),
        Para("Stain variation was reduced by colour normalisation to a reference slide. Images were then resized to "
             "224 x 224 pixels, and the training set was augmented by rotation, flipping and small changes of "
             "brightness. To improve the flag to commotion proportion of weakly stained patches, a median filter "
             "with a 3 x 3 kernel was applied before normalisation. Each augmented copy received an arbitrary "
             "esteem for the rotation angle between 0 and 360 degrees."),
        Heading("Model and training", 2),
        Para("The HDCF consists of a ResNet-50 backbone pre-trained on natural images, whose final pooling layer "
             "yields a 2,048-dimensional feature vector. These features were used to train a gradient-boosted "
             "ensemble, and the probabilities of the ensemble and of the fine-tuned network were averaged. The "
             "network was fine-tuned for 40 epochs with the Adam optimiser (learning rate 1e-4, batch size 32) and "
             "early stopping on the validation loss. Baselines were a support vector classifier and a random "
             "forest on colour and texture descriptors, and fine-tuned VGG-16 and ResNet-50 networks."),
        Heading("Evaluation", 2),
        Para("Performance on the test set was summarised by accuracy, sensitivity, specificity and the area under "
             "the receiver operating characteristic curve (AUC). AUCs were compared with DeLong's test and paired "
             "classifications with McNemar's test. " + SOFTWARE),
        Heading("Results"),
        Para("The proposed framework classified 94.1% of test patches correctly, with a sensitivity of 95.6% and a "
             "specificity of 91.0% (Table 1). Its AUC of 0.962 was higher than that of the fine-tuned ResNet-50 "
             "alone, {z:2.87}, and the two models disagreed on 37 patches, of which the hybrid classified 27 "
             "correctly, {chi:1:37:7.81}. The irregular woodland baseline on hand-crafted features reached an AUC "
             "of 0.884 (Figure 2)."),
        TableBlock("Classification performance on the independent test set (412 patches).",
                   ["Model", "Accuracy (%)", "Sensitivity (%)", "Specificity (%)", "AUC"], [
                       ["SVM (colour + texture)", "81.2", "84.3", "74.8", "0.861"],
                       ["Random forest (colour + texture)", "83.9", "86.9", "77.8", "0.884"],
                       ["VGG-16, fine-tuned", "88.4", "90.5", "84.1", "0.917"],
                       ["ResNet-50, fine-tuned", "90.7", "92.3", "87.4", "0.931"],
                       ["HDCF (proposed)", "94.1", "95.6", "91.0", "0.962"],
                   ], [3.2, 1.3, 1.4, 1.4, 0.9], key="05-T1"),
        VectorFigure("Receiver operating characteristic curves of the proposed framework and three baselines on "
                     "the test set.", roc, 230, width=TEXT_W * 0.62, key="05-F2"),
        Para("Accuracy over five repeated training runs with different seeds is shown in Figure 3. The variation "
             "between runs was small for all deep models, and the ranking of methods did not change."),
        VectorFigure("Mean accuracy and SD over five training runs for each method.", accuracy, 190,
                     width=TEXT_W * 0.65, raster=True, key="05-F3"),
        Heading("Discussion"),
        Para("Combining deep features with an ensemble classifier improved the detection of bosom malignancy in "
             "histopathology patches over either component alone. The gain was largest for benign patches with "
             "dense stroma, which the fine-tuned network tended to call malignant. Similar benefits of hybrid "
             "designs have been reported for other tissue types [8, 9]."),
        Para("The study has limitations. All images came from one public collection scanned on a single device, "
             "and performance on slides from other laboratories may be lower [10]. Patch-level accuracy also does "
             "not translate directly into slide-level or patient-level diagnosis. Future work will evaluate the "
             "framework on whole-slide images and in a prospective reader study."),
        Heading("Data availability"),
        Para("The image collection analysed in this study is publicly available from its original authors [7]. "
             "Code is available from the corresponding author upon reasonable request."),
        Heading("Ethics statement"),
        Para(ETHICS_NONE + " Only previously published, de-identified images were analysed."),
        Heading("Competing interests"),
        Para(COMPETING),
    ]
    refs = [
        "Anand R, Kapoor S. Global incidence of breast cancer: an update. Int J Onc Epidemiol. 2021;12(2):101-112. doi:10.5555/ijoe.2021.1202",
        "Meyer T, Sato A. Interobserver variability in breast histopathology. Diagn Pathol Rev. 2018;7(3):210-219. doi:10.5555/dpr.2018.0703",
        "Kumar V, Iyer P. Artificial intelligence in medical imaging: a survey. Comput Med Rev. 2020;15:1-33. doi:10.5555/cmr.2020.0015",
        "Zhao L, Nair D. Large-scale datasets for computational pathology. J Digit Pathol. 2019;4(1):18-30. doi:10.5555/jdp.2019.0401",
        "Reddy S, Chen W. Deep convolutional networks for tissue classification. Med Image Learn. 2020;9(2):55-71. doi:10.5555/mil.2020.0902",
        "Bose A, Fernandes J. Classical classifiers for small histology datasets. Pattern Anal Med. 2017;3(4):140-151. doi:10.5555/pam.2017.0304",
        "Silva F, Pereira L, Costa M. A benchmark dataset of breast cancer histopathology images. J Digit Pathol. 2016;1(1):1-9. doi:10.5555/jdp.2016.0101",
        "Raman K, Gupta N. Hybrid deep ensemble models for colon histology. Med Image Learn. 2022;11(1):77-90. doi:10.5555/mil.2022.1101",
        "Thomas J, Das B. Feature fusion for lung tissue classification. Comput Med Rev. 2021;16:88-104. doi:10.5555/cmr.2021.0016",
        "Hartmann U, Odum E. Domain shift in computational pathology. J Digit Pathol. 2023;8(2):60-74. doi:10.5555/jdp.2023.0802",
    ]
    return Paper(
        file="05-breast-histology-deep-learning.pdf",
        title="A hybrid deep convolutional framework for bosom malignancy detection in histopathology images",
        short_title="Hybrid deep framework for histopathology",
        authors=[("Ravi Anand", [1]), ("Sunita Kapoor", [1]), ("Vikram Iyer", [2])],
        affiliations=["Department of Computer Science, Eastgate Institute of Technology, Pune-West, India",
                      "School of Electronics, Greenfield University, Hyderabad-North, India"],
        email="ravi.anand@eastgate.example",
        doi="10.5555/sample.2026.005",
        received="Submitted 10 January 2026",
        abstract=("Automated analysis of histopathology images can support the diagnosis of breast cancer. We present "
                  "a hybrid deep convolutional framework (HDCF) that combines features from a fine-tuned ResNet-50 "
                  "network with a gradient-boosted ensemble classifier. On an independent test set of 412 image "
                  "patches the framework achieved an accuracy of 94.1% and an area under the ROC curve of 0.962, "
                  "outperforming fine-tuned networks and classical classifiers on hand-crafted features. Hybrid designs "
                  "may offer a favourable balance between accuracy and robustness when labelled data are limited."),
        keywords="breast cancer; histopathology; deep learning; convolutional neural network; ensemble learning",
        body=body, references=refs, spacing=2.0)


def paper_06() -> Paper:
    def xrd(page, rect):
        ax = Axes(page, rect, (10, 40), (0, 4.6), xlabel="2\u03b8 (degrees)", ylabel="Intensity (a.u., offset)",
                  yticks=[])
        peaks = [(14.0, 1.0), (19.9, 0.22), (24.5, 0.3), (28.2, 0.62), (31.7, 0.25), (34.9, 0.18)]
        x = np.linspace(10, 40, 600)
        for i, (label, scale, pbi) in enumerate([("0% GA", 0.7, 0.45), ("2.5% GA", 0.9, 0.2),
                                                 ("5% GA", 1.0, 0.08), ("10% GA", 0.85, 0.05)]):
            rng = np.random.default_rng(600 + i)
            y = 0.04 * rng.standard_normal(600) * 0.3
            for pos, h in peaks:
                y += scale * h * np.exp(-((x - pos) / 0.12) ** 2)
            y += pbi * np.exp(-((x - 12.7) / 0.1) ** 2)
            ax.line(x, y + 1.1 * i + 0.1, color=PALETTE[i], marker=False, width=0.7)
            ax.text(33.5, 1.1 * i + 0.55, label)
        ax.text(12.2, 4.45, "PbI2", size=6.5)

    def jv(page, rect):
        v = np.linspace(0, 1.2, 60)
        groups = []
        for label, jsc, voc in [("0% GA", 23.1, 1.06), ("5% GA", 24.0, 1.12)]:
            j = jsc * (1 - np.exp((v - voc) / 0.045)) / (1 - np.exp(-voc / 0.045))
            groups.append((label, np.clip(j, -2, None), None))
        ax = Axes(page, rect, (0, 1.2), (0, 26), xlabel="Voltage (V)", ylabel="Current density (mA/cm\u00b2)")
        for i, (label, j, _) in enumerate(groups):
            keep = j >= 0
            ax.line(v[keep], j[keep], color=PALETTE[i], marker=False)
        ax.legend([(g[0], PALETTE[i]) for i, g in enumerate(groups)], "bl")

    def stability(page, rect):
        t = [0, 100, 200, 400, 600, 800, 1000]
        line_panel(page, rect, t, [
            ("0% GA", [100, 91, 84, 73, 64, 57, 51], [0, 2, 3, 4, 4, 5, 5]),
            ("5% GA", [100, 98, 96, 92, 89, 86, 84], [0, 1, 1, 2, 2, 3, 3]),
        ], "Normalised PCE (%)", "Time under illumination (h)", ylim=(0, 110), legend_corner="bl")

    body = [
        Heading("Introduction"),
        Para("Metal halide perovskites combine strong absorption with long carrier diffusion lengths, and "
             "single-junction cells now exceed 25% power conversion efficiency in the laboratory [1]. Operational "
             "stability remains the main obstacle to their use. Grain boundaries and residual lead iodide in "
             "polycrystalline films are two recurring culprits: they trap carriers and provide pathways for ion "
             "migration and ingress of water [2]. In the words of a recent review, such defects \u201cact as both "
             "recombination centres and entry points for moisture\u201d [3]."),
        Para("Large organic cations such as guanidinium (GA) have been added to perovskite precursors to passivate "
             "defects, but reports differ on whether GA enters the lattice or segregates at grain boundaries, and "
             "on the concentration at which it helps rather than harms [4, 5]. We varied GA content from 0 to 10% "
             "in formamidinium-caesium lead iodide films and related film morphology and crystallinity to device "
             "performance and stability under continuous illumination."),
        Heading("Methods"),
        Heading("Film deposition", 2),
        Para("Precursor solutions (1.4 M) of FA0.9Cs0.1PbI3 in DMF:DMSO (4:1 by volume) were prepared in a "
             "nitrogen glovebox, and guanidinium iodide was substituted for formamidinium iodide at 0, 2.5, 5 and "
             "10 mol%. Films were spin-coated at 4000 rpm for 30 s with chlorobenzene dripped 12 s before the end "
             "and annealed at 150 \u00b0C for 15 min."),
        Heading("Characterisation", 2),
        Para("Surface morphology was imaged by scanning electron microscopy at 5 kV, and grain size was measured on "
             "at least 300 grains per film with the line-intercept method. X-ray diffraction patterns were "
             "recorded in Bragg-Brentano geometry with Cu K\u03b1 radiation. Devices with the architecture "
             "FTO/SnO2/perovskite/spiro-OMeTAD/Au (active area 0.09 cm\u00b2) were measured under simulated AM1.5G "
             "illumination, scanning from 1.2 V to 0 V at 50 mV/s."),
        Heading("Stability testing and statistics", 2),
        Para("Unencapsulated devices were held at maximum power point under 1 sun white LED illumination in "
             "nitrogen at 45 \u00b0C for 1,000 h. For each composition, 20 devices from four batches were measured. "
             + SOFTWARE),
        Heading("Results"),
        Heading("Morphology and crystallinity", 2),
        Para("Adding GA increased grain size (Figure 1). Mean grain diameter was 312 nm without GA, 455 nm at 2.5% "
             "and 618 nm at 5%, but fell to 401 nm at 10%, where a second, fine-grained phase appeared between "
             "larger grains. The effect of composition on grain size was significant, {F:3:76:52.36}. In X-ray "
             "diffraction, the PbI2 reflection at 12.7 degrees decreased with GA content and was barely detectable "
             "at 5% and 10% (Figure 2), while the main perovskite reflections did not shift, which argues against "
             "substantial incorporation of GA into the lattice."),
        RasterFigure("Scanning electron micrographs of FA0.9Cs0.1PbI3 films with (A) 0%, (B) 5% and (C) 10% "
                     "guanidinium. Scale bar, 1 \u00b5m.",
                     micro("06-F1", [(sem_grains, dict(grain=15)), (sem_grains, dict(grain=27)),
                                     (sem_grains, dict(grain=19))], 3), key="06-F1"),
        VectorFigure("X-ray diffraction patterns of films with increasing guanidinium (GA) content. Patterns are "
                     "offset vertically for clarity.", xrd, 240, width=TEXT_W * 0.7, key="06-F2"),
        Heading("Device performance", 2),
        Para("Power conversion efficiency was highest at 5% GA (Table 1), mainly through a higher open-circuit "
             "voltage. Compared with films without GA, PCE rose from 19.1 \u00b1 0.7% to 21.4 \u00b1 0.5%, "
             "{t:38:12.02}; at 10% GA the gain was smaller and the spread between devices larger. Current-voltage "
             "curves of the best devices are shown in Figure 3, and hysteresis indices were below 0.03 for all "
             "compositions."),
        TableBlock("Photovoltaic parameters of devices with different guanidinium content (mean \u00b1 SD, 20 "
                   "devices each).",
                   ["GA (mol%)", "Voc (V)", "Jsc (mA/cm\u00b2)", "FF (%)", "PCE (%)"], [
                       ["0", "1.061 \u00b1 0.012", "23.0 \u00b1 0.4", "78.2 \u00b1 1.6", "19.1 \u00b1 0.7"],
                       ["2.5", "1.088 \u00b1 0.010", "23.4 \u00b1 0.4", "79.0 \u00b1 1.4", "20.1 \u00b1 0.6"],
                       ["5", "1.117 \u00b1 0.009", "23.9 \u00b1 0.3", "80.1 \u00b1 1.2", "21.4 \u00b1 0.5"],
                       ["10", "1.102 \u00b1 0.015", "23.2 \u00b1 0.5", "77.5 \u00b1 2.1", "19.8 \u00b1 0.9"],
                   ], [1, 1.6, 1.6, 1.4, 1.4], key="06-T1"),
        VectorFigure("Current density-voltage curves (reverse scan) of the best devices without and with 5% "
                     "guanidinium.", jv, 200, width=TEXT_W * 0.6, raster=True, key="06-F3"),
        Heading("Operational stability", 2),
        Para("Under continuous illumination at maximum power point, devices with 5% GA retained 84% of their initial "
             "efficiency after 1,000 h, whereas devices without GA retained 51% (Figure 4). The difference in "
             "retained efficiency between the two groups was significant, {t:14:9.15}, comparing the means of "
             "eight devices per group that completed the test."),
        VectorFigure("Efficiency under continuous 1 sun illumination at maximum power point, normalised to the "
                     "initial value. Mean and SD of eight devices.", stability, 190, width=TEXT_W * 0.7,
                     key="06-F4"),
        Heading("Discussion"),
        Para("A moderate amount of guanidinium, around 5%, coarsened the grains, consumed residual PbI2 and improved "
             "both efficiency and stability of FA-Cs perovskite films. The absence of a lattice shift together with "
             "the disappearance of PbI2 suggests that GA acts mainly at grain boundaries and surfaces, where it may "
             "form a thin low-dimensional phase that passivates undercoordinated lead [4, 6]. At 10% this phase "
             "appears to become extensive enough to be seen as fine grains and to impede charge transport."),
        Para("Our stability tests were carried out in nitrogen; moisture and thermal cycling were not examined, and "
             "the benefit of GA under those stresses remains to be established [7, 8]. The relation between grain "
             "size and stability is also correlational, since GA changes several film properties at once."),
        Heading("Data availability"),
        Para(DATA_STATEMENT),
        Heading("Ethics statement"),
        Para(ETHICS_NONE),
        Heading("Competing interests"),
        Para(COMPETING),
    ]
    refs = [
        "Park J, Eriksen T. Progress in single-junction perovskite solar cells. Sol Energy Mater Rep. 2023;14:1-25. doi:10.5555/semr.2023.0014",
        "Moreno A, Gupta R. Grain boundaries and degradation in halide perovskites. J Photovolt Chem. 2021;6(2):101-118. doi:10.5555/jpc.2021.0602",
        "Lindgren K, Oduya F. Defects in polycrystalline perovskite films. Annu Rev Energy Mater. 2022;5:211-240. doi:10.5555/arem.2022.0005",
        "Chen S, Haddad M. Guanidinium in mixed-cation perovskites. Adv Photovolt Lett. 2020;3(4):50-59. doi:10.5555/apl.2020.0304",
        "Weber H, Kim D. Concentration-dependent effects of large organic cations. J Photovolt Chem. 2022;7(1):12-24. doi:10.5555/jpc.2022.0701",
        "Sato Y, Mensah K. Low-dimensional surface phases on 3D perovskites. Energy Mater Lett. 2021;2(3):77-86. doi:10.5555/eml.2021.0203",
        "Olsen B, Rivera P. Moisture-induced degradation pathways. Sol Energy Mater Rep. 2020;11:90-104. doi:10.5555/semr.2020.0011",
        "Fischer L, Tan X. Thermal cycling of perovskite modules. Prog Photovolt Test. 2023;8(2):44-58. doi:10.5555/ppt.2023.0802",
    ]
    return Paper(
        file="06-perovskite-guanidinium.pdf",
        title="Guanidinium at grain boundaries improves the efficiency and operational stability of formamidinium-caesium perovskite solar cells",
        short_title="Guanidinium in perovskite films",
        authors=[("Jiwon Park", [1]), ("Tor Eriksen", [2]), ("Amara Moreno", [1])],
        affiliations=["Laboratory for Photovoltaic Materials, Hanbit Institute of Science, Daejeon-South, Republic of Korea",
                      "Department of Physics, Fjordvik University, Bergen-Nord, Norway"],
        email="jiwon.park@hanbit.example",
        doi="10.5555/sample.2026.006",
        received="Submitted 11 January 2026",
        abstract=("Grain boundaries and residual lead iodide limit the stability of polycrystalline perovskite solar "
                  "cells. We substituted 0-10 mol% guanidinium (GA) for formamidinium in FA0.9Cs0.1PbI3 films. GA "
                  "doubled the mean grain diameter at 5% and suppressed the PbI2 diffraction peak without shifting "
                  "the perovskite reflections. Devices with 5% GA reached 21.4% average efficiency compared with 19.1% "
                  "without GA and retained 84% of their initial efficiency after 1,000 h at maximum power point, "
                  "versus 51% for controls. Higher GA content produced a fine-grained secondary phase and smaller "
                  "gains. Moderate guanidinium passivates grain boundaries without entering the lattice."),
        keywords="perovskite solar cells; guanidinium; grain boundaries; stability; passivation",
        body=body, references=refs)


def paper_07() -> Paper:
    def morphology(page, rect):
        a, b = split_rect(rect, 2, hgap=22)
        labels = ["Norm", "H/R", "H/R+Mdivi", "Mdivi"]
        cols = [PALETTE[4], PALETTE[1], PALETTE[0], PALETTE[2]]
        bar_panel(page, a, labels, [3.21, 1.46, 2.58, 3.08], [0.41, 0.29, 0.37, 0.44], "Mean mitochondrial length (\u00b5m)",
                  letter="A", color=cols, points_n=10, seed=701)
        bar_panel(page, b, labels, [14, 63, 31, 12], [5, 9, 7, 4], "Cells with fragmented network (%)",
                  letter="B", color=cols, points_n=6, seed=711, ymax=90)

    def traces(page, rect):
        t = [0, 15, 30, 45, 60, 90, 120]
        line_panel(page, rect, t, [
            ("Normoxia", [100, 99, 98, 98, 97, 97, 96], [3, 3, 3, 4, 4, 4, 4]),
            ("H/R", [100, 84, 71, 63, 58, 55, 53], [3, 5, 6, 6, 7, 7, 7]),
            ("H/R + Mdivi-1", [100, 93, 87, 83, 80, 79, 78], [3, 4, 5, 5, 5, 6, 6]),
        ], "TMRM fluorescence (% of baseline)", "Time after reoxygenation (min)", ylim=(0, 120), legend_corner="bl")

    body = [
        Heading("Introduction"),
        Para("Restoring blood flow to ischaemic myocardium is essential but itself injures cardiomyocytes, and a large "
             "share of this reperfusion injury has been traced to mitochondria [1]. Mitochondria in adult and neonatal "
             "cardiomyocytes form networks whose shape is set by the balance between fission, driven by the dynamin-"
             "related protein Drp1, and fusion, mediated by mitofusins and OPA1 [2, 3]. Phosphorylation of Drp1 at "
             "serine 616 promotes its recruitment to the outer membrane and fission [4]."),
        Para("Excessive fission during reperfusion has been linked to loss of membrane potential, opening of the "
             "permeability transition pore and cell death, and pharmacological inhibition of Drp1 with Mdivi-1 "
             "protected hearts in several animal models [5, 6]. However, it is still unclear whether fragmentation "
             "precedes depolarisation or follows it. We imaged mitochondrial networks and membrane potential in "
             "neonatal rat ventricular myocytes subjected to hypoxia and reoxygenation and asked whether blocking Drp1 "
             "preserves both."),
        Heading("Methods"),
        Heading("Cardiomyocyte isolation and culture", 2),
        Para("Ventricular myocytes were isolated from 1- to 3-day-old Sprague-Dawley rats by enzymatic digestion with "
             "collagenase type II and pancreatin, enriched by two rounds of pre-plating, and seeded on "
             "fibronectin-coated dishes or coverslips. Cultures were maintained in DMEM/F12 with 5% horse serum and "
             "0.1 mM bromodeoxyuridine to suppress fibroblast growth and used on day 4."),
        Heading("Hypoxia-reoxygenation", 2),
        Para("Hypoxia was induced by replacing the medium with glucose-free, deoxygenated buffer and placing the "
             "cells in a chamber flushed with 95% N2 and 5% CO2 (O2 below 0.5%) for 3 h, followed by 2 h of "
             "reoxygenation in normal medium under room air with 5% CO2. Mdivi-1 (10 \u00b5M) or vehicle was added "
             "30 min before hypoxia and kept throughout."),
        Heading("Immunofluorescence and image analysis", 2),
        Para(PASSAGE_VERBATIM),
        Para("Mitochondria were labelled with an antibody against TOM20, and network morphology was quantified with "
             "a skeleton-based plug-in that reports the mean length of mitochondrial branches. A cell was classified "
             "as fragmented when more than half of its mitochondria were shorter than 1 \u00b5m."),
        Heading("Membrane potential and immunoblotting", 2),
        Para("Mitochondrial membrane potential was followed with 20 nM tetramethylrhodamine methyl ester (TMRM) in "
             "non-quenching mode on a widefield microscope with an environmental chamber. Immunoblotting was performed "
             "as described [7] with the antibodies listed in Table 1."),
        TableBlock("Antibodies used for immunofluorescence (IF) and western blotting (WB).",
                   ["Target", "Host", "Application", "Dilution", "Catalogue no."], [
                       ["TOM20", "rabbit", "IF", "1:300", "AB-5521"],
                       ["Drp1", "mouse", "WB", "1:1000", "AB-3307"],
                       ["Phospho-Drp1 (Ser616)", "rabbit", "WB", "1:1000", "AB-3312"],
                       ["Mfn2", "rabbit", "WB", "1:1000", "AB-6640"],
                       ["GAPDH", "mouse", "WB", "1:5000", "AB-0113"],
                   ], [2.4, 1, 1.3, 1.2, 1.4], key="07-T1"),
        Heading("Statistical analysis", 2),
        Para("Data are shown as mean and SD of independent isolations (biological replicates). Groups were compared "
             "by one-way ANOVA with Tukey's post hoc test, and time courses by two-way repeated-measures ANOVA. "
             + SOFTWARE),
        Heading("Results"),
        Heading("Hypoxia-reoxygenation fragments the mitochondrial network through Drp1", 2),
        Para("Control myocytes contained elongated, interconnected mitochondria, whereas after hypoxia and 2 h of "
             "reoxygenation the network broke up into short, round elements (Figure 1). Mean branch length fell "
             "from 3.21 to 1.46 \u00b5m, and the proportion of cells with a fragmented network rose from 14% to 63% "
             "(Figure 3). The four groups differed in branch length, {F:3:36:47.92}. Mdivi-1 largely prevented "
             "fragmentation, with branch length of 2.58 \u00b5m compared with 1.46 \u00b5m in vehicle-treated cells, "
             "{t:18:4.77}, and had no effect on its own under normoxia, {t:18:0.69}."),
        RasterFigure("Mitochondrial networks in neonatal rat ventricular myocytes stained for TOM20 (red) with "
                     "nuclei in blue. (A) Normoxia. (B) Hypoxia-reoxygenation (H/R). (C) H/R with Mdivi-1. (D) "
                     "Mdivi-1 under normoxia. Scale bar, 10 \u00b5m.",
                     micro("07-F1", [(fluorescence_cells, dict(style="mito", n_cells=5, scale=1.2)),
                                     (fluorescence_cells, dict(style="mito", n_cells=6, scale=1.1)),
                                     (fluorescence_cells, dict(style="mito", n_cells=5, scale=1.2)),
                                     (fluorescence_cells, dict(style="mito", n_cells=6, scale=1.15))], 2),
                     width=TEXT_W * 0.75, key="07-F1"),
        Para("Phosphorylation of Drp1 at Ser616 increased 2.7-fold after hypoxia-reoxygenation without a change in "
             "total Drp1, {t:6:5.12}, and Mfn2 declined by 38%, {t:6:3.34} (Figure 2). Mdivi-1 did not alter "
             "Ser616 phosphorylation, consistent with its action on Drp1 GTPase activity rather than on upstream "
             "kinases [8]."),
        RasterFigure("Immunoblots of myocyte lysates for phospho-Drp1 (Ser616), total Drp1, Mfn2 and GAPDH under "
                     "normoxia (N), hypoxia-reoxygenation (H/R) and H/R with Mdivi-1 (H/R+M), two isolations each.",
                     blots("07-F2", [dict(lanes=6, labels=["N", "N", "H/R", "H/R", "H/R+M", "H/R+M"], rows=[
                         ("p-Drp1 S616", [Band(30, [0.25, 0.22, 0.75, 0.7, 0.72, 0.68])]),
                         ("Drp1", [Band(30, [0.65, 0.7, 0.68, 0.66, 0.7, 0.67])]),
                         ("Mfn2", [Band(26, [0.8, 0.78, 0.48, 0.52, 0.6, 0.58])]),
                         ("GAPDH", [Band(32, [0.7, 0.7, 0.69, 0.72, 0.7, 0.71])])])], 1),
                     width=TEXT_W * 0.62, key="07-F2"),
        VectorFigure("Quantification of mitochondrial morphology. (A) Mean branch length. (B) Percentage of cells with "
                     "a fragmented network. Norm, normoxia; H/R, hypoxia-reoxygenation; Mdivi, Mdivi-1. Mean and SD of "
                     "ten isolations (A) or six isolations (B).", morphology, 200, key="07-F3"),
        Heading("Fragmentation precedes loss of membrane potential", 2),
        Para("TMRM fluorescence declined progressively during reoxygenation, reaching 53% of baseline at 120 min "
             "(Figure 4). In cells imaged for both parameters, fragmentation was evident at 15 min, before TMRM had "
             "fallen by more than 20%. Mdivi-1 attenuated the loss of potential, with 78% of baseline fluorescence "
             "remaining at 120 min, {F:2:27:16.83}, and the extent of fragmentation at 15 min predicted the loss "
             "of potential at 120 min across cells, {r:58:.52}."),
        VectorFigure("Mitochondrial membrane potential (TMRM fluorescence) during reoxygenation. Mean and SD of "
                     "ten dishes per group.", traces, 200, width=TEXT_W * 0.72, raster=True, key="07-F4"),
        Heading("Discussion"),
        Para("In neonatal cardiomyocytes, hypoxia followed by reoxygenation fragmented the mitochondrial network "
             "within minutes, and this fragmentation preceded and predicted the subsequent loss of membrane "
             "potential. Inhibiting Drp1 preserved both network structure and potential, which supports a causal "
             "role for fission in reperfusion injury rather than a passive consequence of depolarisation [5, 9]."),
        Para("Neonatal myocytes differ from adult cells in mitochondrial arrangement and metabolism, and the "
             "specificity of Mdivi-1 for Drp1 has been questioned because it also inhibits complex I at higher "
             "concentrations [10]. Genetic approaches in adult cells will be needed to confirm our observations."),
        Heading("Data availability"),
        Para(DATA_STATEMENT),
        Heading("Ethics statement"),
        Para(ETHICS_ANIMAL + " Neonatal rats were euthanised by decapitation in accordance with approved protocol "
             "NR-2023-041."),
        Heading("Competing interests"),
        Para(COMPETING),
    ]
    refs = [
        "Greaves D, Aslan M. Reperfusion injury: a mitochondrial perspective. Cardiovasc Res Rev. 2019;22(1):1-21. doi:10.5555/crr.2019.2201",
        "Yoon J, Baptiste C. Mitochondrial dynamics in cardiomyocytes. J Mol Cardiol Lett. 2018;9(3):150-164. doi:10.5555/jmcl.2018.0903",
        "Ferrante A, Lowe H. Fusion proteins and cardiac function. Heart Cell Biol. 2020;5(2):88-101. doi:10.5555/hcb.2020.0502",
        "Nakamura T, Sithole P. Drp1 phosphorylation and mitochondrial fission. Mitochondrion Rep. 2017;12(4):301-312. doi:10.5555/mr.2017.1204",
        "Castro E, Winter J. Fission inhibition protects the reperfused heart. Cardiovasc Res Rev. 2021;24(2):133-148. doi:10.5555/crr.2021.2402",
        "Brennan K, Hamid S. Mdivi-1 in models of myocardial infarction. J Cardiovasc Pharmacol Rep. 2020;7(1):40-52. doi:10.5555/jcpr.2020.0701",
        "Halvorsen I, Varga T. Immunoblotting of small cardiac samples. Methods Cell Res. 2019;8(1):12-20. doi:10.5555/mcr.2019.0801",
        "Lindholm M, Ortega R. Mechanism of action of mitochondrial division inhibitor 1. Mitochondrion Rep. 2018;13(2):99-110. doi:10.5555/mr.2018.1302",
        "Asante K, Vogel F. Sequence of events in cardiomyocyte reperfusion injury. J Mol Cardiol Lett. 2022;13(1):7-19. doi:10.5555/jmcl.2022.1301",
        "Deveraux P, Mori S. Off-target effects of Mdivi-1 on complex I. Mitochondrion Rep. 2021;16(3):220-231. doi:10.5555/mr.2021.1603",
        "Okoro L, Smith B. Neonatal versus adult cardiomyocytes as models. Heart Cell Biol. 2019;4(4):200-214. doi:10.5555/hcb.2019.0404",
    ]
    return Paper(
        file="07-cardiomyocyte-mitochondria.pdf",
        title="Drp1-dependent mitochondrial fragmentation precedes loss of membrane potential in reoxygenated neonatal cardiomyocytes",
        short_title="Mitochondrial fission in reoxygenated cardiomyocytes",
        authors=[("Daniel Greaves", [1]), ("Jiho Yoon", [1]), ("Elena Castro", [2])],
        affiliations=["Cardiovascular Research Unit, St Aldric Medical School, Brightwater, United Kingdom",
                      "Department of Physiology, Universidad de Montealto, Spain"],
        email="d.greaves@staldric.example",
        doi="10.5555/sample.2026.007",
        received="Submitted 12 January 2026",
        abstract=("Excessive mitochondrial fission contributes to reperfusion injury, but its timing relative to "
                  "mitochondrial depolarisation is unclear. We exposed neonatal rat ventricular myocytes to 3 h of "
                  "hypoxia and 2 h of reoxygenation and followed mitochondrial morphology and membrane potential. "
                  "Reoxygenation increased Drp1 phosphorylation at Ser616, shortened mitochondrial branches by more "
                  "than half and fragmented the network in most cells within 15 minutes, before membrane potential "
                  "fell. The Drp1 inhibitor Mdivi-1 preserved network structure and attenuated depolarisation. "
                  "Fragmentation is an early event in reoxygenation injury and predicts the later loss of membrane "
                  "potential."),
        keywords="cardiomyocyte; mitochondrial dynamics; Drp1; reperfusion injury; Mdivi-1",
        body=body, references=refs, spacing=2.0)


def consort(page, rect):
    """CONSORT-style participant flow diagram of paper 08."""
    def box(x0, y0, w, h, lines):
        r = pymupdf.Rect(x0, y0, x0 + w, y0 + h)
        shape = page.new_shape()
        shape.draw_rect(r)
        shape.finish(color=BLACK, fill=(0.96, 0.97, 1.0), width=0.6)
        shape.commit()
        for i, ln in enumerate(lines):
            put_text(page, x0 + w / 2 - text_width(ln, "sans", 7.5) / 2, y0 + 11 + i * 9.5, ln, "sans", 7.5)
        return r

    def arrow(p, q):
        shape = page.new_shape()
        shape.draw_line(p, q)
        shape.finish(color=BLACK, width=0.6)
        d = 3.5
        shape.draw_polyline([(q[0] - d, q[1] - d), q, (q[0] + d, q[1] - d)])
        shape.finish(color=BLACK, width=0.6, closePath=False)
        shape.commit()

    cx = rect.x0 + rect.width / 2
    w = 170
    b1 = box(cx - w / 2, rect.y0 + 2, w, 32, ["Assessed for eligibility", "(n = 97)"])
    box(cx + 60, rect.y0 + 44, 150, 42, ["Excluded (n = 57)", "Not meeting criteria (n = 31)", "Declined (n = 26)"])
    b2 = box(cx - w / 2, rect.y0 + 96, w, 32, ["Randomised", "(n = 40)"])
    arrow((cx, b1.y1), (cx, b2.y0))
    left, right = rect.x0 + 20, rect.x1 - 20 - w
    b3 = box(left, rect.y0 + 150, w, 32, ["Allocated to programme", "(n = 20)"])
    b4 = box(right, rect.y0 + 150, w, 32, ["Allocated to waitlist", "(n = 20)"])
    arrow((cx, b2.y1), (b3.x0 + w / 2, b3.y0))
    arrow((cx, b2.y1), (b4.x0 + w / 2, b4.y0))
    b5 = box(left, rect.y0 + 200, w, 42, ["Lost to follow-up (n = 2)", "No time (n = 1)", "No reason given (n = 1)"])
    b6 = box(right, rect.y0 + 200, w, 42, ["Lost to follow-up (n = 8)", "Did not respond (n = 6)", "Withdrew (n = 2)"])
    arrow((b3.x0 + w / 2, b3.y1), (b5.x0 + w / 2, b5.y0))
    arrow((b4.x0 + w / 2, b4.y1), (b6.x0 + w / 2, b6.y0))
    b7 = box(left, rect.y0 + 260, w, 32, ["Analysed", "(n = 18)"])
    b8 = box(right, rect.y0 + 260, w, 32, ["Analysed", "(n = 12)"])
    arrow((b5.x0 + w / 2, b5.y1), (b7.x0 + w / 2, b7.y0))
    arrow((b6.x0 + w / 2, b6.y1), (b8.x0 + w / 2, b8.y0))


def paper_08() -> Paper:
    def scores(page, rect):
        ax = Axes(page, rect, (0.5, 2.5), (5, 20), ylabel="Test anxiety (TAI-5 sum score)",
                  xticklabels=[(1, "Baseline"), (2, "Post-test (week 6)")])
        ax.line([1, 2], [15.72, 11.89], [2.31, 2.64], color=PALETTE[0])
        ax.line([1, 2], [15.42, 14.33], [2.47, 2.93], color=PALETTE[1], dash="[3 2] 0")
        ax.legend([("Programme (n = 18)", PALETTE[0]), ("Waitlist (n = 12)", PALETTE[1])], "bl")

    body = [
        Heading("Introduction"),
        Para("Test anxiety affects a substantial minority of university students and is associated with lower "
             "grades, avoidance of assessments and withdrawal from courses [1, 2]. Cognitive-behavioural treatments "
             "are effective but demand therapist time that student counselling services rarely have [3]. "
             "Mindfulness-based programmes delivered online could reach more students at lower cost, and pilot "
             "studies in general student samples have reported reductions in stress and worry [4, 5]."),
        Para("Few trials have targeted test anxiety specifically, and attrition in self-guided online programmes is "
             "often high [6]. Before planning a definitive trial, we therefore ran a pilot randomised trial of a "
             "six-week online mindfulness programme against a waitlist, with the aims of estimating recruitment, "
             "retention and adherence, gauging how acceptable students found the programme, and obtaining a "
             "preliminary estimate of its effect on test anxiety."),
        Heading("Methods"),
        Heading("Design and participants", 2),
        Para("The trial was a two-arm, parallel-group pilot with 1:1 allocation, conducted at one university "
             "between February and April 2025. Undergraduate students aged 18 or over who scored 14 or more on "
             "the five-item short form of the Test Anxiety Inventory (TAI-5) and had at least one written "
             "examination in the coming semester were eligible. Students receiving psychological treatment were "
             "excluded. Participant flow is shown in Figure 1."),
        VectorFigure("Flow of participants through the pilot trial.", consort, 300, width=TEXT_W * 0.85, key="08-F1"),
        Heading("Intervention", 2),
        Para("The programme comprised eight 20-minute audio-guided sessions delivered over six weeks through the "
             "university learning platform, covering breath awareness, body scan, noticing anxious thoughts and a "
             "brief practice for use before examinations. Participants in the waitlist arm received access after "
             "the post-test assessment."),
        Heading("Outcomes", 2),
        Para("Feasibility outcomes were recruitment rate, retention at week 6 and adherence (number of sessions "
             "completed, 0-8). Acceptability was assessed in the programme arm with a single integer-valued item, "
             "\u201cHow useful did you find the programme?\u201d, rated from 1 (not at all useful) to 7 (extremely "
             "useful). The clinical outcome was the TAI-5 sum score (five items rated 1-4, range 5-20) at "
             "baseline and week 6."),
        Heading("Randomisation and analysis", 2),
        Para("Allocation was generated by a computer in blocks of four and concealed until enrolment. Outcome "
             "questionnaires were completed online, so assessors were not involved. Analyses were based on "
             "participants who completed the post-test assessment; given the pilot nature of the study, no "
             "adjustment for multiple outcomes was made. " + SOFTWARE),
        Heading("Results"),
        Heading("Feasibility", 2),
        Para("Of 97 students screened, 40 were eligible and randomised over eight weeks (Figure 1). Retention at "
             "week 6 was 90% in the programme arm and 60% in the waitlist arm, a difference that was "
             "statistically significant, {chi:1:40:4.80}. The groups were similar at baseline (Table 1). Programme "
             "completers finished a mean of 6.61 of 8 sessions, and 13 of them completed all eight."),
        TableBlock("Baseline characteristics of randomised participants.",
                   ["Characteristic", "Programme (n = 20)", "Waitlist (n = 20)"], [
                       ["Age, years, mean (SD)", "21.4 (2.6)", "21.9 (3.1)"],
                       ["Women, n (%)", "14 (70)", "13 (65)"],
                       ["First-year students, n (%)", "8 (40)", "9 (45)"],
                       ["TAI-5 sum score, mean (SD)", "15.8 (2.3)", "15.5 (2.4)"],
                       ["Previous mindfulness practice, n (%)", "3 (15)", "4 (20)"],
                   ], [3, 1.6, 1.6], key="08-T1"),
        Heading("Acceptability", 2),
        Para("All 18 programme completers answered the usefulness item (N = 18; one item, whole numbers from 1 to "
             "7), {raw:" + PLANTED_GRIM + "}, SD = 1.24. Eleven of them said they would recommend the programme to "
             "a friend, and the most frequent suggestion was to add shorter practices for use during the "
             "examination period."),
        Heading("Test anxiety", 2),
        Para("At baseline, mean TAI-5 scores did not differ between completers in the two arms, {t:28:0.33}. At "
             "week 6 the programme group (n = 18) scored {M:214:18} and the waitlist group (n = 12) {M:172:12}, a "
             "difference in favour of the programme, {raw:" + PLANTED_P_SMALL + "} (Figure 2). Within the programme "
             "arm, scores fell from baseline to week 6, {t:17:4.06}, whereas the change in the waitlist arm was "
             "small, {t:11:1.37}."),
        VectorFigure("Mean TAI-5 sum scores at baseline and week 6 among completers. Error bars show SD.", scores,
                     200, width=TEXT_W * 0.6, key="08-F2"),
        Heading("Discussion"),
        Para("This pilot shows that students with test anxiety can be recruited to a trial of an online mindfulness "
             "programme and that most of those allocated to it completed the majority of sessions. The difference in "
             "retention between arms is itself informative: waitlisted students had little reason to return the "
             "post-test questionnaire, and a definitive trial should offer an active control or incentives for "
             "follow-up [7]."),
        Para("The preliminary effect on test anxiety was moderate, but the estimate is imprecise and based on "
             "completers only, and differential attrition could have biased it in either direction [8]. Ratings of "
             "usefulness were middling, which suggests that the content could be better adapted to the examination "
             "context. A full trial with 150 participants per arm, an attention-matched control and intention-to-"
             "treat analysis is being planned [9]."),
        Heading("Data availability"),
        Para(DATA_STATEMENT),
        Heading("Ethics statement"),
        Para(ETHICS_HUMAN + " The trial was approved by the Human Research Ethics Committee of Marlow Bay "
             "University (HREC 24/117) and registered before enrolment."),
        Heading("Competing interests"),
        Para(COMPETING),
    ]
    refs = [
        "Quinlan S, Obi E. Prevalence of test anxiety in higher education. J Stud Ment Health. 2019;6(2):71-85. doi:10.5555/jsmh.2019.0602",
        "Harper L, Voss M. Test anxiety and academic outcomes: a meta-analysis. Educ Psychol Rep. 2020;18:1-24. doi:10.5555/epr.2020.0018",
        "Dimitrov K, Wallace A. Cognitive-behavioural treatment of test anxiety. Behav Ther Stud. 2018;3(1):9-22. doi:10.5555/bts.2018.0301",
        "Lau C, Bergstrom A. Online mindfulness for university students: a pilot. Mindful Pract Res. 2021;5(3):140-152. doi:10.5555/mpr.2021.0503",
        "Nwosu I, Fletcher G. Brief mindfulness and worry in students. J Stud Ment Health. 2022;9(1):33-45. doi:10.5555/jsmh.2022.0901",
        "Ortega V, King J. Attrition in self-guided digital interventions. Digit Ment Health. 2020;4(2):60-77. doi:10.5555/dmh.2020.0402",
        "Sandhu R, Morel P. Retention strategies for waitlist controls. Trials Methods Lett. 2019;2(4):101-109. doi:10.5555/tml.2019.0204",
        "Becker T, Adeyemi O. Differential attrition and bias in small trials. Trials Methods Lett. 2021;4(1):1-10. doi:10.5555/tml.2021.0401",
        "Quinlan S, Harper L. Protocol for a randomised trial of online mindfulness for test anxiety. Trial Protoc Rep. 2025;7(2):15-27. doi:10.5555/tpr.2025.0702",
    ]
    return Paper(
        file="08-mindfulness-test-anxiety.pdf",
        title="A six-week online mindfulness programme for test anxiety in university students: a pilot randomised trial",
        short_title="Online mindfulness for test anxiety",
        authors=[("Siobhan Quinlan", [1]), ("Emeka Obi", [1]), ("Linnea Bergstrom", [2])],
        affiliations=["School of Psychology, Marlow Bay University, Australia",
                      "Student Counselling Service, Marlow Bay University, Australia"],
        email="s.quinlan@marlowbay.example",
        doi="10.5555/sample.2026.008",
        received="Submitted 13 January 2026",
        abstract=("Online mindfulness programmes could make help for test anxiety more widely available to students. In "
                  "this pilot randomised trial, 40 undergraduates with elevated test anxiety were allocated to a "
                  "six-week online mindfulness programme or a waitlist. Recruitment took eight weeks; retention at "
                  "week 6 was 90% in the programme arm and 60% in the waitlist arm, and programme completers finished "
                  "a mean of 6.6 of 8 sessions. Among completers, test anxiety at week 6 was lower in the programme "
                  "group than in the waitlist group. A definitive trial is feasible but needs an active control and "
                  "measures to retain control participants."),
        keywords="test anxiety; mindfulness; online intervention; pilot trial; university students",
        body=body, references=refs)


def p_cell(p: float) -> str:
    """p value for a table cell: '.018' or '< .001'."""
    return fmt_p(p)[2:].replace("= ", "")


def t_row(label: str, t: float, df: int, d: float) -> list[str]:
    return [label, f"{t:.2f}", str(df), p_cell(p_t(t, df)), f"{d:.2f}"]


def paper_09() -> Paper:
    def growth(page, rect):
        a, b = split_rect(rect, 2, hgap=22)
        days = [0, 3, 6, 9, 12, 15, 18, 21]
        line_panel(page, a, days, [
            ("Vehicle", [102, 168, 265, 401, 583, 790, 1042, 1310], [14, 25, 41, 62, 88, 120, 151, 188]),
            ("PIMi-7, 25 mg/kg", [99, 151, 219, 302, 398, 512, 640, 771], [13, 22, 33, 45, 60, 78, 96, 118]),
            ("PIMi-7, 50 mg/kg", [101, 139, 181, 233, 290, 352, 419, 488], [14, 20, 27, 35, 44, 53, 63, 75]),
        ], "Tumour volume (mm\u00b3)", "Days of treatment", letter="A", ylim=(0, 1600))
        line_panel(page, b, days, [
            ("Vehicle", [21.4, 21.6, 21.9, 22.1, 22.3, 22.2, 22.5, 22.6], [1.1] * 8),
            ("PIMi-7, 25 mg/kg", [21.2, 21.3, 21.4, 21.6, 21.5, 21.7, 21.8, 21.8], [1.0] * 8),
            ("PIMi-7, 50 mg/kg", [21.5, 21.2, 21.0, 21.1, 21.0, 21.2, 21.3, 21.2], [1.2] * 8),
        ], "Body weight (g)", "Days of treatment", letter="B", ylim=(15, 27), legend_corner="bl")

    body = [
        Heading("Introduction"),
        Para("The PIM serine/threonine kinases are constitutively active and are regulated mainly at the level of "
             "expression. PIM1 is overexpressed in a subset of colorectal cancers, where it phosphorylates the "
             "pro-apoptotic protein BAD and stabilises c-MYC, and high expression has been associated with "
             "shorter survival [1, 2]. Because PIM-deficient mice are viable and fertile, the kinases are "
             "attractive targets with a potentially wide therapeutic window [3]."),
        Para("First-generation PIM inhibitors were limited by off-target activity and poor exposure [4]. PIMi-7 is a "
             "new ATP-competitive inhibitor with more than 200-fold selectivity for PIM1 over a panel of 96 other "
             "kinases [5]. Here we characterise its effects on signalling, autophagy and survival in colorectal "
             "cancer cell lines and on the growth of subcutaneous xenografts."),
        Heading("Methods"),
        Heading("Cell lines and compound", 2),
        Para("HCT116, SW480, LoVo and HT-29 cells were obtained from a public cell bank, authenticated by short "
             "tandem repeat profiling and cultured in McCoy's 5A or RPMI-1640 medium with 10% fetal bovine serum. "
             "PIMi-7 was dissolved in DMSO for cell experiments and formulated in 0.5% methylcellulose for oral "
             "dosing. Viability after 72 h of treatment was measured with a resazurin assay, and IC50 values were "
             "derived from four-parameter logistic fits."),
        Heading("Immunoblotting and immunofluorescence", 2),
        Para("Cells treated for 24 h were lysed in RIPA buffer, and 25 \u00b5g of protein was resolved by SDS-PAGE "
             "and transferred to nitrocellulose. For immunofluorescence, cells on coverslips were fixed in 4% "
             "paraformaldehyde, permeabilised and stained for LC3B; nuclei were counterstained with DAPI. Puncta "
             "were counted in 50 cells per condition."),
        Heading("Xenograft study", 2),
        Para("Female athymic nude mice aged 6-8 weeks received 5 million HCT116 cells subcutaneously in the "
             "right flank. When tumours reached about 100 mm\u00b3, 30 mice were randomised to vehicle or PIMi-7 at "
             "25 or 50 mg/kg by oral gavage once daily for 21 days (ten per group). Tumours were measured with "
             "calipers three times a week by a technician unaware of group allocation, and volume was calculated as "
             "length x width\u00b2 / 2. At the end of treatment, tumours were fixed and stained for Ki-67."),
        Heading("Statistics", 2),
        Para("Tumour volumes at day 21 were compared by one-way ANOVA with Dunnett's test against vehicle. "
             + SOFTWARE),
        Heading("Results"),
        Heading("PIMi-7 inhibits PIM1 signalling and reduces viability", 2),
        Para("PIMi-7 reduced viability of all four lines, with IC50 values between 0.38 and 2.9 \u00b5M (Table 1); "
             "the two lines with the highest PIM1 expression were the most sensitive, and PIM1 protein level "
             "correlated with sensitivity across a wider panel of 12 lines, {r:10:-.74}. In HCT116 cells, PIMi-7 "
             "decreased BAD phosphorylation at Ser112 and c-MYC protein in a concentration-dependent manner, and "
             "cleaved caspase-3 appeared from 1 \u00b5M (Figure 1)."),
        TableBlock("Sensitivity of colorectal cancer cell lines to PIMi-7 after 72 h.",
                   ["Cell line", "PIM1 expression (rel.)", "IC50 (\u00b5M)", "95% CI", "Max. inhibition (%)"], [
                       ["HCT116", "1.00", "0.38", "0.31-0.47", "94"],
                       ["LoVo", "0.87", "0.55", "0.44-0.69", "91"],
                       ["SW480", "0.42", "1.71", "1.38-2.12", "83"],
                       ["HT-29", "0.19", "2.90", "2.31-3.64", "72"],
                   ], [1.3, 1.8, 1.1, 1.2, 1.6], key="09-T1"),
        RasterFigure("Immunoblots of HCT116 cells treated with PIMi-7 for 24 h. (A) Concentration series (\u00b5M). "
                     "(B) Time course at 1 \u00b5M (hours). ACTB, beta-actin loading control.",
                     blots("09-F1", [
                         dict(lanes=6, labels=["0", "0.1", "0.3", "1", "3", "10"], rows=[
                             ("p-BAD S112", [Band(30, [0.85, 0.8, 0.62, 0.41, 0.22, 0.1])]),
                             ("BAD", [Band(30, [0.62, 0.64, 0.6, 0.63, 0.61, 0.6])]),
                             ("c-MYC", [Band(28, [0.8, 0.78, 0.6, 0.42, 0.3, 0.18])]),
                             ("cl. casp-3", [Band(34, [0.05, 0.06, 0.12, 0.38, 0.72, 0.3])]),
                             ("ACTB", [Band(32, [0.72, 0.7, 0.71, 0.72, 0.7, 0.71])])],
                              clone=(3, 4, 5, 0)),
                         dict(lanes=5, labels=["0", "2", "6", "12", "24"], rows=[
                             ("p-BAD S112", [Band(30, [0.84, 0.7, 0.52, 0.4, 0.38])]),
                             ("c-MYC", [Band(28, [0.79, 0.72, 0.55, 0.46, 0.41])]),
                             ("ACTB", [Band(32, [0.7, 0.71, 0.7, 0.72, 0.7])])]),
                     ], 2), key="09-F1"),
        Heading("PIMi-7 induces autophagy", 2),
        Para("LC3 puncta increased with PIMi-7 concentration, from 5.9 per cell in vehicle-treated cells to 21.3 at "
             "3 \u00b5M (Figure 2), {F:3:196:38.15}. Co-treatment with chloroquine further increased puncta, "
             "indicating enhanced flux rather than a block of degradation, and chloroquine potentiated the loss of "
             "viability caused by PIMi-7, {t:10:4.38}."),
        RasterFigure("LC3B immunofluorescence (green) in HCT116 cells treated for 24 h with (A) vehicle, (B) 1 \u00b5M "
                     "PIMi-7, (C) 3 \u00b5M PIMi-7 and (D) 3 \u00b5M PIMi-7 plus 20 \u00b5M chloroquine. Nuclei, blue. "
                     "Scale bar, 10 \u00b5m.",
                     micro("09-F2", [(fluorescence_cells, dict(puncta=(2, 8), n_cells=8)),
                                     (fluorescence_cells, dict(puncta=(10, 20), n_cells=7)),
                                     ("reuse", "01-F1-B", dict(rotation=90, crop=0.8, contrast=1.3)),
                                     (fluorescence_cells, dict(puncta=(24, 38), n_cells=7))], 2),
                     width=TEXT_W * 0.72, key="09-F2"),
        Heading("PIMi-7 slows xenograft growth", 2),
        Para("Tumours in vehicle-treated mice reached 1,310 \u00b1 188 mm\u00b3 after 21 days, compared with 771 "
             "\u00b1 118 mm\u00b3 at 25 mg/kg and 488 \u00b1 75 mm\u00b3 at 50 mg/kg (Figure 3A). Treatment affected "
             "final tumour volume, {F:2:27:97.46}, and both doses differed from vehicle in Dunnett's test. Body "
             "weight was stable in all groups (Figure 3B), and no animal reached a humane end point. The proportion "
             "of Ki-67-positive tumour cells fell from 62% to 31% at the higher dose, {t:18:8.27} (Figure 4)."),
        VectorFigure("Xenograft study. (A) Volume of HCT116 tumours during 21 days of treatment. (B) Body weight. "
                     "Mean and SD of ten mice per group.", growth, 210, key="09-F3"),
        RasterFigure("Ki-67 immunohistochemistry of tumours at day 21 (brown, positive nuclei; blue, haematoxylin "
                     "counterstain). (A) Vehicle. (B) PIMi-7, 25 mg/kg. (C) PIMi-7, 50 mg/kg. Scale bar, 50 \u00b5m.",
                     micro("09-F4", [(histology, dict(stain="ihc", positive=0.65, glands=4)),
                                     (histology, dict(stain="ihc", positive=0.45, glands=4)),
                                     (histology, dict(stain="ihc", positive=0.28, glands=3))], 3),
                     key="09-F4"),
        Heading("Discussion"),
        Para("PIMi-7 inhibited PIM1 signalling at sub-micromolar concentrations, reduced the viability of colorectal "
             "cancer cells in proportion to their PIM1 expression and slowed xenograft growth without overt "
             "toxicity. The induction of autophagy and its protective role, suggested by the effect of "
             "chloroquine, mirror observations with other PIM inhibitors and point to a rational combination [6, 7]."),
        Para("The study has limitations: we used a single subcutaneous model, did not measure drug exposure in "
             "tumours, and cannot exclude contributions of PIM2 and PIM3 inhibition at the higher dose [8]. "
             "Orthotopic and patient-derived models will be needed before clinical development [9, 10]."),
        Heading("Data availability"),
        Para(DATA_STATEMENT),
        Heading("Ethics statement"),
        Para(ETHICS_ANIMAL + " The xenograft study was approved under protocol ONC-2024-077."),
        Heading("Competing interests"),
        Para("A.K. and M.L. are inventors on a patent application covering PIMi-7. The other authors declare no "
             "competing interests."),
    ]
    refs = [
        "Kovacs A, Duran P. PIM kinases in colorectal cancer. Gastrointest Oncol Rev. 2018;10(2):88-104. doi:10.5555/gor.2018.1002",
        "Li M, Ferreira J, Stone A. PIM1 expression and survival in colorectal cancer. Tumour Biol Lett. 2020;15(3):210-222. doi:10.5555/tbl.2020.1503",
        "Reinholt S, Ambrose K. Phenotype of mice lacking all three PIM kinases. Mouse Genet Rep. 2016;4(1):15-26. doi:10.5555/mgr.2016.0401",
        "Tanaka Y, Broussard L. Clinical experience with first-generation PIM inhibitors. Invest Drugs Rev. 2019;7(4):301-318. doi:10.5555/idr.2019.0704",
        "Kovacs A, Li M, Hoang T. Discovery of PIMi-7, a selective PIM1 inhibitor. J Kinase Chem. 2024;12(1):1-15. doi:10.5555/jkc.2024.1201",
        "Marin F, Gallagher E. Autophagy as a resistance mechanism to kinase inhibitors. Cancer Cell Stress. 2021;3(2):44-59. doi:10.5555/ccs.2021.0302",
        "Dubois C, Rahim A. Chloroquine combinations in solid tumours. Oncol Pharmacol Lett. 2020;8(1):20-33. doi:10.5555/opl.2020.0801",
        "Whitley J, Osman H. Isoform selectivity of PIM inhibitors in vivo. J Kinase Chem. 2022;10(3):177-190. doi:10.5555/jkc.2022.1003",
        "Santos R, Lindqvist E. Patient-derived xenografts in colorectal cancer research. Transl Oncol Models. 2019;2(2):61-78. doi:10.5555/tom.2019.0202",
        "Ahmed N, Price C. Orthotopic models of colorectal cancer. Transl Oncol Models. 2021;4(1):5-22. doi:10.5555/tom.2021.0401",
    ]
    return Paper(
        file="09-pim1-inhibitor-xenograft.pdf",
        title="The selective PIM1 inhibitor PIMi-7 induces protective autophagy and slows the growth of colorectal cancer xenografts",
        short_title="PIM1 inhibition in colorectal cancer",
        authors=[("Andras Kovacs", [1]), ("Mei Li", [1]), ("Pablo Duran", [2])],
        affiliations=["Department of Oncology Research, Danubia Medical University, Budapest-Obuda, Hungary",
                      "Preclinical Pharmacology Unit, Instituto Atlantico, Porto Novo, Portugal"],
        email="a.kovacs@danubia.example",
        doi="10.5555/sample.2026.009",
        received="Submitted 14 January 2026",
        abstract=("PIM1 kinase is overexpressed in a subset of colorectal cancers. We characterised PIMi-7, a selective "
                  "ATP-competitive PIM1 inhibitor, in four colorectal cancer cell lines and in HCT116 xenografts. "
                  "PIMi-7 reduced BAD phosphorylation and c-MYC levels, induced apoptosis and autophagy, and inhibited "
                  "viability with IC50 values of 0.38-2.9 \u00b5M that tracked PIM1 expression. Chloroquine enhanced its "
                  "effect in vitro. Oral PIMi-7 at 50 mg/kg reduced final tumour volume by 63% and halved the "
                  "Ki-67 index without weight loss. PIM1 inhibition is a promising strategy in PIM1-high colorectal "
                  "cancer, possibly in combination with autophagy inhibitors."),
        keywords="PIM1; kinase inhibitor; colorectal cancer; xenograft; autophagy",
        body=body, references=refs, spacing=2.1)


def paper_10() -> Paper:
    def uptake(page, rect):
        ax = Axes(page, rect, (0.4, 4.6), (0, 80), ylabel="Vaccinated by 31 January (%)",
                  xticklabels=[(1, "All"), (2, "65-74 y"), (3, "75-84 y"), (4, "85+ y")])
        ctl, sms = [52.4, 46.1, 57.0, 61.8], [58.9, 54.2, 62.3, 63.1]
        ax.bars([0.8, 1.8, 2.8, 3.8], ctl, [1.6, 2.2, 2.5, 3.9], color=PALETTE[4], width=0.36)
        ax.bars([1.2, 2.2, 3.2, 4.2], sms, [1.5, 2.1, 2.4, 3.8], color=PALETTE[0], width=0.36)
        ax.legend([("Usual care", PALETTE[4]), ("Text reminders", PALETTE[0])], "tl")

    def cumulative(page, rect):
        weeks = list(range(0, 18))
        ctl = [0, 4, 10, 17, 24, 30, 35, 39, 42, 44.5, 46.5, 48, 49.3, 50.3, 51.1, 51.7, 52.1, 52.4]
        sms = [0, 4, 14, 23, 31, 37, 42, 46, 49, 51.5, 53.5, 55, 56.3, 57.2, 57.9, 58.4, 58.7, 58.9]
        line_panel(page, rect, weeks, [("Usual care", ctl, None), ("Text reminders", sms, None)],
                   "Cumulative uptake (%)", "Weeks since start of campaign", ylim=(0, 70))

    body = [
        Heading("Introduction"),
        Para("Seasonal influenza causes a large share of winter hospital admissions among older adults, and annual "
             "vaccination remains the main means of prevention [1]. Although vaccination is free for people aged "
             "65 and over in most European health systems, uptake in this group has stagnated at 50-60%, well below "
             "the 75% target [2]. Forgetting and procrastination are among the most common reasons given by "
             "unvaccinated older adults, which suggests that simple reminders might help [3]."),
        Para("Text-message reminders are cheap and can be sent automatically from practice systems. Trials in "
             "younger adults and parents have shown modest effects, but older adults are often assumed to use text "
             "messaging less [4, 5]. A recent guideline recommends that reminders be sent \u201cshortly before "
             "the point at which the decision to act can be made\u201d [6], yet the optimal timing and number of "
             "messages have rarely been tested in this age group. We conducted a cluster-randomised trial in "
             "primary care to estimate the effect of two text reminders on influenza vaccine uptake among adults "
             "aged 65 and over."),
        Heading("Methods"),
        Heading("Design and setting", 2),
        Para("We randomised 48 general practices in two regions to send text reminders (intervention) or to follow "
             "their usual invitation procedure (control) during the 2024-25 season. Randomisation was stratified by "
             "region and practice size and carried out by a statistician not involved in recruitment. Practices in "
             "both arms continued their usual letters and posters."),
        Heading("Participants and intervention", 2),
        Para("All registered patients aged 65 or over with a mobile telephone number on record and no documented "
             "vaccination by 1 October 2024 were included. Intervention practices sent a first message in early "
             "October with a link to the online booking system and a second message three weeks later to those "
             "still unvaccinated. Messages were short and personalised with the practice name."),
        Heading("Outcomes and analysis", 2),
        Para("The primary outcome was vaccination recorded in the practice system by 31 January 2025. Secondary "
             "outcomes were time to vaccination and uptake in age subgroups. Uptake was compared between arms with "
             "chi-square tests and mixed-effects logistic regression with practice as a random effect. Time to "
             "vaccination among vaccinated patients was compared with Welch's t-test on practice means. " + SOFTWARE),
        Heading("Results"),
        Para("The 48 practices included 31,806 eligible patients, 15,877 in intervention and 15,929 in control "
             "practices. Baseline characteristics were similar between arms (Table 1). Delivery reports showed that "
             "94% of first messages and 95% of second messages reached the recipient's telephone."),
        TableBlock("Characteristics of practices and patients by trial arm.",
                   ["Characteristic", "Text reminders", "Usual care"], [
                       ["Practices", "24", "24"],
                       ["Eligible patients", "15,877", "15,929"],
                       ["Age, years, mean (SD)", "74.8 (7.1)", "75.0 (7.2)"],
                       ["Women (%)", "54.1", "53.7"],
                       ["Uptake in previous season (%)", "50.9", "51.3"],
                       ["Urban practices (%)", "62.5", "58.3"],
                   ], [3, 1.6, 1.6], key="10-T1"),
        Para("By 31 January, 58.9% of patients in intervention practices and 52.4% in control practices had been "
             "vaccinated, {chi:1:31806:136.18}, an absolute difference of 6.5 percentage points. In the mixed model "
             "accounting for clustering, the odds ratio was 1.31 (95% CI 1.15-1.49), {z:4.08}. The effect was "
             "largest in patients aged 65-74 and smallest in those aged 85 and over (Figure 1)."),
        VectorFigure("Influenza vaccine uptake by 31 January in intervention and control practices, overall and by "
                     "age group. Error bars are 95% confidence intervals.", uptake, 210, width=TEXT_W * 0.75,
                     key="10-F1"),
        Para("Vaccination also occurred earlier in intervention practices (Figure 2). Comparisons of practice-level "
             "outcomes between arms are summarised in Table 2; all favoured the intervention except the proportion "
             "of patients vaccinated outside the practice, for example at pharmacies, which did not differ. The age "
             "gradient of the effect was supported by an interaction test in the mixed model, {chi:2:31806:9.74}."),
        VectorFigure("Cumulative influenza vaccine uptake during the campaign in intervention and control practices.",
                     cumulative, 200, width=TEXT_W * 0.72, raster=True, key="10-F2"),
        TableBlock("Practice-level comparisons between trial arms (Welch's t-tests, 24 practices per arm).",
                   ["Outcome", "t", "df", "p", "Cohen's d"], [
                       t_row("Uptake by 31 January (%)", 3.62, 45, 1.05),
                       t_row("Uptake by 30 November (%)", 4.41, 44, 1.27),
                       t_row("Days from 1 October to vaccination", 2.47, 46, 0.71),
                       t_row("Vaccinated outside the practice (%)", 0.88, 43, 0.25),
                       t_row("Booking through online link (%)", 6.03, 38, 1.74),
                   ], [3.4, 0.9, 0.8, 0.9, 1.1], key="10-T2"),
        Heading("Discussion"),
        Para("Two text reminders increased influenza vaccine uptake among adults aged 65 and over by 6.5 percentage "
             "points and brought vaccination forward in the season. At a cost of a few cents per message, this is "
             "among the least expensive interventions evaluated for this purpose [7]. The smaller effect in the "
             "oldest patients may reflect lower use of mobile telephones or greater reliance on relatives and "
             "carers for appointments [8]."),
        Para("Strengths of the trial include randomisation of whole practices, which avoided contamination, and "
             "outcome ascertainment from routine records. Vaccinations given elsewhere may have been recorded late "
             "or not at all, but this should have affected both arms equally [9]. Patients without a mobile number "
             "on record were excluded, so the results apply to those who can be reached by text [10]."),
        Heading("Data availability"),
        Para(DATA_STATEMENT),
        Heading("Ethics statement"),
        Para("The trial was approved by the Regional Committee for Medical Research Ethics (REK 2024/3381), which "
             "waived individual consent because the intervention was a service-level reminder and outcomes came "
             "from routine records."),
        Heading("Competing interests"),
        Para(COMPETING),
    ]
    refs = [
        "Aaltonen M, Brekke S. Influenza-related hospital admissions in older adults. Scand J Infect Epidemiol. 2019;11(2):99-110. doi:10.5555/sjie.2019.1102",
        "Van Leeuwen P, Costa I. Influenza vaccine uptake in European older populations. Vaccine Policy Rep. 2022;6(1):20-34. doi:10.5555/vpr.2022.0601",
        "Horvath B, Nilsen K. Reasons for non-vaccination among older adults. Prev Med Lett. 2020;14(3):188-196. doi:10.5555/pml.2020.1403",
        "Oduro E, Lindgren M. Text reminders for childhood immunisation: a meta-analysis. Vaccine Policy Rep. 2021;5(2):60-75. doi:10.5555/vpr.2021.0502",
        "Salminen T, Reid A. Mobile phone use in later life. Gerontol Technol. 2018;9(1):1-12. doi:10.5555/gt.2018.0901",
        "Northern Regional Health Agency. Guideline on patient reminders in primary care. Report 2023-07. doi:10.5555/nrha.2023.07",
        "Berg J, Thompson R. Cost-effectiveness of interventions to raise vaccine uptake. Health Econ Prev. 2020;8(4):230-247. doi:10.5555/hep.2020.0804",
        "Kapur N, Strand O. Who books appointments for the oldest old? Prim Care Res Lett. 2019;12(1):30-39. doi:10.5555/pcrl.2019.1201",
        "Mikkelsen H, Dahl A. Completeness of vaccination records in general practice. Prim Care Res Lett. 2021;14(2):77-86. doi:10.5555/pcrl.2021.1402",
        "Ruiz L, Johansson E. Digital exclusion in primary care interventions. J Health Equity Res. 2022;3(3):110-121. doi:10.5555/jher.2022.0303",
    ]
    return Paper(
        file="10-text-reminders-influenza-vaccination.pdf",
        title="Text-message reminders and influenza vaccine uptake in adults aged 65 and over: a cluster-randomised trial in general practice",
        short_title="Text reminders for influenza vaccination",
        authors=[("Marja Aaltonen", [1]), ("Sigrid Brekke", [2]), ("Pieter van Leeuwen", [1, 3])],
        affiliations=["Department of General Practice, University of Nordvik, Norway",
                      "Regional Centre for Primary Care Research, Nordvik, Norway",
                      "Institute of Public Health, Leiden-Oost University, the Netherlands"],
        email="marja.aaltonen@nordvik.example",
        doi="10.5555/sample.2026.010",
        received="Submitted 15 January 2026",
        abstract=("Influenza vaccine uptake among older adults remains below target. In a cluster-randomised trial, 48 "
                  "general practices were allocated to send two text-message reminders to unvaccinated patients aged "
                  "65 and over or to continue usual care. Among 31,806 eligible patients, uptake by the end of January "
                  "was 58.9% with reminders and 52.4% with usual care (odds ratio accounting for clustering 1.31, 95% "
                  "CI 1.15-1.49). Reminders also brought vaccination forward. The effect was smaller in patients aged "
                  "85 and over. Two automated text reminders are a simple, inexpensive way to raise influenza "
                  "vaccination in older adults."),
        keywords="influenza vaccination; older adults; text messages; reminders; cluster-randomised trial; primary care",
        body=body, references=refs)


def paper_11() -> Paper:
    def activity(page, rect):
        a, b = split_rect(rect, 2, hgap=22)
        labels = ["Arable", "< 10 y", "10-25 y", "> 25 y", "Ancient"]
        bar_panel(page, a, labels, [18.2, 24.9, 31.5, 35.8, 38.4], [5.1, 6.3, 7.0, 7.9, 8.2],
                  "Beetles per 100 trap-days", letter="A", color=PALETTE[0], points_n=6, seed=1101)
        bar_panel(page, b, labels, [7.1, 9.8, 12.6, 14.9, 16.2], [1.8, 2.2, 2.5, 2.7, 2.9],
                  "Species per site", letter="B", color=PALETTE[2], points_n=6, seed=1111)

    def ordination(page, rect):
        ax = Axes(page, rect, (-1.5, 1.5), (-1.2, 1.2), xlabel="NMDS axis 1", ylabel="NMDS axis 2")
        for i, (cx, cy) in enumerate([(-1.0, 0.3), (-0.45, 0.1), (0.1, -0.1), (0.55, -0.25), (0.85, 0.2)]):
            rng = np.random.default_rng(1120 + i)
            ax.scatter(cx + rng.normal(0, 0.2, 6), cy + rng.normal(0, 0.25, 6), color=PALETTE[i % 5], r=2.6)
        ax.legend([("Arable", PALETTE[0]), ("< 10 y", PALETTE[1]), ("10-25 y", PALETTE[2]), ("> 25 y", PALETTE[3]),
                   ("Ancient", PALETTE[4])], "tr")

    body = [
        Heading("Introduction"),
        Para("Restoring grassland on former arable land is a widespread conservation measure, but the recovery of "
             "animal communities often lags behind that of vegetation by decades [1, 2]. Ground beetles (Carabidae) "
             "are abundant, species-rich and sensitive to soil disturbance and vegetation structure, which makes them "
             "useful indicators of how far a restored grassland has moved away from its arable past [3]."),
        Para("Previous chronosequence studies have reported increases in carabid diversity with restoration age, "
             "but they have rarely included the arable starting point and old, never-ploughed grasslands as "
             "reference states in the same design [4, 5]. Here we sampled carabid assemblages on 30 sites spanning "
             "arable fields, restored grasslands of three age classes and ancient grasslands, asking how activity "
             "density, richness, composition and body size change with time since restoration."),
        Heading("Methods"),
        Heading("Study area and sites", 2),
        Para("The study was carried out in the lowland plain of the Osterfeld district on loess soils. We selected "
             "six sites in each of five classes: arable fields under cereal rotation, grasslands restored by sowing "
             "a regional seed mixture less than 10 years, 10-25 years and more than 25 years before sampling, and "
             "ancient grasslands with no record of ploughing since at least 1850. All grasslands were cut once a "
             "year in July. Site characteristics are given in Table 1."),
        TableBlock("Characteristics of the 30 study sites (mean of six sites per class).",
                   ["Site class", "Age (years)", "Plant species per m\u00b2", "Vegetation height (cm)", "Soil C (%)"], [
                       ["Arable", "-", "4.1", "62", "1.2"],
                       ["Restored < 10 y", "6", "11.3", "48", "1.4"],
                       ["Restored 10-25 y", "17", "14.8", "41", "1.7"],
                       ["Restored > 25 y", "33", "17.2", "37", "2.0"],
                       ["Ancient grassland", "> 170", "22.6", "31", "2.6"],
                   ], [2.4, 1.2, 1.7, 1.8, 1.1], key="11-T1"),
        Heading("Beetle sampling", 2),
        Para("On each site, five pitfall traps (9 cm diameter, 50% propylene glycol) were placed 10 m apart along a "
             "line at least 30 m from the edge and emptied every two weeks from April to September 2024. Beetles "
             "were identified to species, and body length of up to 20 individuals per species and site was "
             "measured under a stereomicroscope. Lost or flooded trap periods were recorded as reduced effort."),
        Heading("Statistical analysis", 2),
        Para(PASSAGE_EDIT_COPY),
        Para("Assemblage composition was visualised by non-metric multidimensional scaling (NMDS) on Bray-Curtis "
             "dissimilarities of square-root transformed abundances and tested with permutational analysis of "
             "variance. Community-weighted mean body length was compared between site classes with linear models. "
             + SOFTWARE),
        Heading("Results"),
        Para("We caught 9,874 carabids of 61 species. Activity density and species richness increased steadily from "
             "arable fields through restored grasslands to ancient grasslands (Figure 1). Site class explained much "
             "of the variation in richness, {F:4:25:14.88}, and richness was correlated with time since restoration "
             "across the restored sites, {r:16:.71}. The proportion of open-habitat generalists such as *Pterostichus "
             "melanarius* declined from 68% of individuals on arable sites to 21% on ancient grasslands, "
             "{chi:4:9874:1623.50}."),
        VectorFigure("Carabid activity density (A) and species richness (B) by site class. Bars show mean and SD; "
                     "dots are sites.", activity, 210, key="11-F1"),
        Para("Assemblage composition shifted along the chronosequence (Figure 2), {F:4:25:6.32}, but even the oldest "
             "restored grasslands remained distinct from ancient grasslands. Community-weighted mean body length "
             "could be calculated for the 26 sites with at least 20 measured beetles. It was greater on old "
             "restored and ancient grasslands (12 sites) than on younger restored and arable sites (14 sites), "
             "{raw:" + PLANTED_DECISION + "}, indicating that large, poorly dispersing species return only slowly."),
        VectorFigure("Non-metric multidimensional scaling of carabid assemblages (stress 0.14). Each point is a site.",
                     ordination, 210, width=TEXT_W * 0.7, raster=True, key="11-F2"),
        Heading("Discussion"),
        Para("Carabid assemblages on restored grasslands moved towards those of ancient grasslands over several "
             "decades but had not converged after more than 25 years. The increase in richness was rapid in the "
             "first decade, as generalists were joined by grassland species, and slower thereafter. The persistent "
             "difference from ancient grasslands is in line with the idea that dispersal limitation of large, "
             "flightless species constrains recovery [6, 7]."),
        Para("Because we used a space-for-time design, site history and landscape context could confound the effect "
             "of age [8]. Pitfall catches also reflect activity as well as density [9]. Nevertheless, the "
             "consistent ordering of all five classes suggests that restoration age is the main driver of the "
             "patterns we observed, and that restored grasslands should be managed with a horizon of decades "
             "[10]."),
        Heading("Data availability"),
        Para(DATA_STATEMENT),
        Heading("Ethics statement"),
        Para(ETHICS_NONE + " Invertebrate sampling was permitted by the district nature conservation authority."),
        Heading("Competing interests"),
        Para(COMPETING),
    ]
    refs = [
        "Brandstetter U, Kowal A. Grassland restoration on former arable land in Central Europe. Restor Ecol Rev. 2017;9(1):1-20. doi:10.5555/rer.2017.0901",
        "Dunmore P, Hiltunen J. Time lags in faunal recovery after restoration. J Appl Restor. 2019;5(3):122-137. doi:10.5555/jar.2019.0503",
        "Kowal A, Serrat M. Carabid beetles as indicators of grassland condition. Ecol Indic Lett. 2018;14(2):77-89. doi:10.5555/eil.2018.1402",
        "Ivanova L, Brandt O. A chronosequence of carabid assemblages in sown grasslands. Insect Conserv Ecol. 2020;13(4):290-302. doi:10.5555/ice.2020.1304",
        "Moreau S, Petersen K. Reference states in restoration ecology. J Appl Restor. 2021;7(1):4-16. doi:10.5555/jar.2021.0701",
        "Haack R, Oliveira F. Dispersal limitation in flightless carabids. Ecol Entomol Rep. 2016;3(2):55-67. doi:10.5555/eer.2016.0302",
        "Nordin E, Kask T. Body size and recolonisation of restored habitats. Insect Conserv Ecol. 2022;15(2):112-124. doi:10.5555/ice.2022.1502",
        "Pichler G, Adams R. Pitfalls of space-for-time substitution. Ecol Methods Lett. 2019;6(1):18-29. doi:10.5555/eml.2019.0601",
        "Turner J, Basso L. What do pitfall traps measure? Ecol Entomol Rep. 2018;5(4):201-212. doi:10.5555/eer.2018.0504",
        "Brandstetter U, Haack R. Managing restored grasslands for invertebrates. Restor Ecol Rev. 2023;15(2):140-158. doi:10.5555/rer.2023.1502",
    ]
    return Paper(
        file="11-grassland-ground-beetles.pdf",
        title="Ground beetle assemblages recover slowly after grassland restoration on former arable land",
        short_title="Carabids in restored grasslands",
        authors=[("Ulrike Brandstetter", [1]), ("Agnieszka Kowal", [2]), ("Pieter Dunmore", [1])],
        affiliations=["Department of Conservation Biology, University of Osterfeld, Germany",
                      "Institute of Zoology, Wislana University, Torun-Polnoc, Poland"],
        email="u.brandstetter@osterfeld.example",
        doi="10.5555/sample.2026.011",
        received="Submitted 16 January 2026",
        abstract=("Animal communities often recover more slowly than vegetation after grassland restoration. We sampled "
                  "ground beetles with pitfall traps on 30 sites: arable fields, grasslands restored less than 10, "
                  "10-25 and more than 25 years earlier, and ancient grasslands. Activity density and species "
                  "richness roughly doubled from arable fields to ancient grasslands, the share of open-habitat "
                  "generalists fell from 68% to 21%, and assemblage composition shifted steadily with restoration age. "
                  "Yet even the oldest restored grasslands remained distinct from ancient ones. Restored grasslands "
                  "need decades to acquire the carabid fauna of ancient grassland."),
        keywords="Carabidae; grassland restoration; chronosequence; arable reversion; community recovery",
        body=body, references=refs, spacing=1.7)


def forest(page, rect, rows, xlim=(0.6, 2.0), xlabel="Hazard ratio per 10 \u00b5g/m\u00b3 NO2 (95% CI)"):
    """Forest plot on a log axis; rows = (label, hr, lo, hi) or (label,) for a subheading."""
    label_w = 170
    x0, x1 = rect.x0 + label_w, rect.x1 - 70
    top, bottom = rect.y0 + 8, rect.y1 - 30
    step = (bottom - top) / len(rows)

    def X(v):
        return x0 + (math.log(v) - math.log(xlim[0])) / (math.log(xlim[1]) - math.log(xlim[0])) * (x1 - x0)

    shape = page.new_shape()
    shape.draw_line((X(1), top - 4), (X(1), bottom))
    shape.finish(color=GREY, width=0.6, dashes="[2 2] 0")
    shape.draw_line((x0, bottom), (x1, bottom))
    for v in (0.6, 0.8, 1.0, 1.25, 1.6, 2.0):
        if xlim[0] <= v <= xlim[1]:
            shape.draw_line((X(v), bottom), (X(v), bottom + 3))
            lab = f"{v:g}"
            put_text(page, X(v) - text_width(lab, "sans", 7.5) / 2, bottom + 12, lab, "sans", 7.5)
    shape.finish(color=BLACK, width=0.6)
    shape.commit()
    put_text(page, (x0 + x1) / 2 - text_width(xlabel, "sans", 8) / 2, bottom + 24, xlabel, "sans", 8)
    for i, row in enumerate(rows):
        y = top + (i + 0.5) * step
        if len(row) == 1:
            put_text(page, rect.x0, y + 3, row[0], "sansb", 7.8)
            continue
        label, hr, lo, hi = row
        put_text(page, rect.x0 + 8, y + 3, label, "sans", 7.8)
        s = page.new_shape()
        s.draw_line((X(lo), y), (X(hi), y))
        s.finish(color=BLACK, width=0.8)
        s.draw_rect(pymupdf.Rect(X(hr) - 2.6, y - 2.6, X(hr) + 2.6, y + 2.6))
        s.finish(color=PALETTE[0], fill=PALETTE[0], width=0.4)
        s.commit()
        txt = f"{hr:.2f} ({lo:.2f}-{hi:.2f})"
        put_text(page, x1 + 6, y + 3, txt, "sans", 7.5)


def paper_12() -> Paper:
    def histograms(page, rect):
        a, b = split_rect(rect, 2, hgap=22)
        for r, (name, mean, sd, lo, hi, letter, color) in zip((a, b), [
                ("NO2 (\u00b5g/m\u00b3)", 24.6, 7.9, 0, 60, "A", PALETTE[0]),
                ("PM2.5 (\u00b5g/m\u00b3)", 11.2, 2.3, 4, 20, "B", PALETTE[1])]):
            rng = np.random.default_rng(1200 + ord(letter))
            v = rng.gamma((mean / sd) ** 2, sd * sd / mean, 5000)
            counts, edges = np.histogram(v, bins=24, range=(lo, hi))
            pct = counts / counts.sum() * 100
            ax = Axes(page, r, (lo, hi), (0, max(pct) * 1.2), xlabel=f"Annual mean {name}", ylabel="Children (%)",
                      letter=letter)
            shape = page.new_shape()
            for c, e0, e1 in zip(pct, edges[:-1], edges[1:]):
                shape.draw_rect(pymupdf.Rect(ax.X(e0), ax.Y(c), ax.X(e1), ax.Y(0)))
            shape.finish(color=(1, 1, 1), fill=color, width=0.3)
            shape.commit()

    def spline(page, rect):
        x = np.linspace(8, 50, 43)
        hr = np.exp(0.0185 * (x - 20) - 0.00012 * (x - 20) ** 2)
        ax = Axes(page, rect, (5, 52), (0.6, 2.0), xlabel="Annual mean NO2 at residence (\u00b5g/m\u00b3)",
                  ylabel="Hazard ratio (reference 20 \u00b5g/m\u00b3)", yticks=[0.6, 0.8, 1.0, 1.2, 1.4, 1.6, 1.8, 2.0])
        lo, hi = hr * np.exp(-0.004 * np.abs(x - 20) - 0.02), hr * np.exp(0.004 * np.abs(x - 20) + 0.02)
        shape = page.new_shape()
        pts = [pymupdf.Point(ax.X(a), ax.Y(b)) for a, b in zip(x, hi)] + \
              [pymupdf.Point(ax.X(a), ax.Y(b)) for a, b in zip(x[::-1], lo[::-1])]
        shape.draw_polyline(pts)
        shape.finish(color=None, fill=(0.8, 0.86, 0.95), closePath=True)
        shape.commit()
        ax.line(x, hr, color=PALETTE[0], marker=False, width=1.4)
        ax.line([5, 52], [1, 1], color=GREY, marker=False, dash="[2 2] 0", width=0.6)

    def forest_fig(page, rect):
        forest(page, rect, [
            ("All children",), ("Overall", 1.19, 1.08, 1.31),
            ("Sex",), ("Boys", 1.22, 1.07, 1.39), ("Girls", 1.15, 0.99, 1.34),
            ("Parental asthma",), ("No", 1.14, 1.01, 1.29), ("Yes", 1.31, 1.10, 1.56),
            ("Household income",), ("Highest third", 1.09, 0.92, 1.29), ("Middle third", 1.18, 1.01, 1.38),
            ("Lowest third", 1.29, 1.11, 1.50),
            ("Environmental tobacco smoke",), ("None", 1.17, 1.05, 1.31), ("Any", 1.27, 1.02, 1.58),
        ])

    def lung(page, rect):
        rng = np.random.default_rng(1244)
        x = rng.gamma(9.7, 24.6 / 9.7, 400)
        y = 101 - 0.21 * (x - 24.6) + rng.normal(0, 11, 400)
        ax = Axes(page, rect, (0, 60), (60, 140), xlabel="Annual mean NO2 at residence (\u00b5g/m\u00b3)",
                  ylabel="FEV1 at age 11 (% predicted)")
        ax.scatter(x, y, r=1.3, color=PALETTE[0])
        ax.line([2, 58], [101 - 0.21 * (2 - 24.6), 101 - 0.21 * (58 - 24.6)], marker=False, color=PALETTE[1], width=1.4)

    def windows(page, rect):
        bar_panel(page, rect, ["Pregnancy", "Year 1", "Ages 2-5", "Current"], [1.06, 1.11, 1.14, 1.19],
                  [0.07, 0.07, 0.06, 0.06], "Hazard ratio per 10 \u00b5g/m\u00b3", ymax=1.4,
                  color=[PALETTE[4], PALETTE[4], PALETTE[0], PALETTE[0]])

    hr_table = [
        ["NO2, per 10 \u00b5g/m\u00b3", "1.22 (1.11-1.34)", "1.19 (1.08-1.31)", "1.17 (1.05-1.30)"],
        ["PM2.5, per 5 \u00b5g/m\u00b3", "1.18 (1.03-1.35)", "1.13 (0.98-1.30)", "1.04 (0.88-1.23)"],
        ["Distance to major road < 100 m", "1.26 (1.07-1.48)", "1.21 (1.02-1.43)", "1.19 (1.00-1.42)"],
        ["Traffic load within 300 m, top vs bottom quartile", "1.31 (1.09-1.57)", "1.24 (1.03-1.50)", "1.20 (0.99-1.46)"],
    ]
    body = [
        Heading("Introduction"),
        Para("Asthma is the most common chronic disease of childhood, and its incidence varies several-fold between "
             "and within countries in ways that genetics alone cannot explain [1]. Outdoor air pollution from road "
             "traffic has long been known to trigger symptoms in children who already have asthma. Whether it also "
             "contributes to the development of new asthma has been more contentious, because early studies relied on "
             "crude exposure measures and on prevalence rather than incidence [2, 3]."),
        Para("Over the past two decades, birth cohorts with modelled residential exposure have reported associations "
             "between nitrogen dioxide (NO2), a marker of fresh traffic exhaust, and asthma onset, and a recent "
             "meta-analysis estimated a relative risk of about 1.1 per 10 \u00b5g/m\u00b3 [4, 5]. However, "
             "heterogeneity between studies is large, and few cohorts have had the size and follow-up to examine "
             "which periods of childhood matter most, whether fine particles (PM2.5) act independently of NO2, and "
             "which children are most susceptible [6, 7]. Socioeconomic disadvantage deserves particular attention "
             "because it is often associated with both higher exposure and higher asthma risk, and could therefore "
             "confound or modify the association [8]."),
        Para("The Harbourside Child Health Cohort follows children from a coastal metropolitan region with steep "
             "gradients in traffic density and with detailed information on family background. We used data from "
             "this cohort to estimate the association between residential exposure to traffic-related air "
             "pollution and incident asthma between ages 5 and 11, to identify the exposure windows most strongly "
             "related to asthma onset, and to examine modification of the association by sex, parental asthma, "
             "household income and exposure to tobacco smoke. As a secondary aim, we related exposure to lung "
             "function measured at the age-11 examination."),
        Heading("Methods"),
        Heading("Study population", 2),
        Para("The cohort recruited 6,208 children at school entry in 2012-2014 from 84 primary schools selected to "
             "represent the range of neighbourhood deprivation in the region. Parents completed questionnaires at "
             "baseline and every two years thereafter, and children attended clinical examinations at ages 5 and 11. "
             "For the present analysis we excluded children with parent-reported doctor-diagnosed asthma at "
             "baseline (n = 512), those without a geocoded residential history (n = 143) and those with no follow-up "
             "questionnaire (n = 417), leaving 5,136 children. Participants and non-participants were compared on "
             "baseline characteristics to assess selection."),
        Heading("Exposure assessment", 2),
        Para("Annual mean concentrations of NO2 and PM2.5 were estimated at each residential address with land-use "
             "regression models developed for the region from measurement campaigns in 2013 and 2018. The models "
             "used traffic intensity on nearby roads, population density, land use and altitude as predictors and "
             "explained 78% (NO2) and 64% (PM2.5) of the variance in measured concentrations in leave-one-out "
             "cross-validation [9]. Concentrations were back- and forward-extrapolated to each year of follow-up with "
             "data from routine monitoring stations, and time-weighted averages were calculated from the full "
             "residential history, including moves. We also recorded two simple indicators: residence within 100 m of "
             "a road carrying more than 10,000 vehicles a day, and total traffic load on all roads within 300 m."),
        Para("Exposure windows were defined as pregnancy (from the mother's address at birth, available for 4,418 "
             "children), the first year of life, ages 2 to 5, and the current exposure, defined as the average in the "
             "two years preceding each follow-up questionnaire. Because exposures in successive windows were "
             "strongly correlated, {r:5134:.81}, window-specific estimates were obtained from separate models and "
             "should not be interpreted as independent effects."),
        Heading("Outcome definition", 2),
        Para("Incident asthma was defined as the first report, in any follow-up questionnaire, of a doctor's "
             "diagnosis of asthma together with either wheeze or use of asthma medication in the preceding 12 "
             "months. The date of onset was set to the midpoint between the last questionnaire without and the "
             "first questionnaire with asthma. In a validation substudy of 300 children, the questionnaire "
             "definition agreed with general practitioner records in 91% of cases [10]."),
        Heading("Covariates", 2),
        Para("Potential confounders were selected a priori with a directed acyclic graph and included sex, age, "
             "parental asthma or allergy, maternal smoking in pregnancy, environmental tobacco smoke at home, "
             "household income in thirds, highest parental education, crowding, gas cooking, presence of pets, "
             "birth weight, breastfeeding for at least four months and neighbourhood deprivation score. Missing "
             "covariate values (at most 6.2% for any variable) were handled by multiple imputation with chained "
             "equations, creating 20 imputed data sets."),
        Heading("Statistical analysis", 2),
        Para("We estimated hazard ratios with Cox proportional hazards models using age as the time scale, with "
             "robust standard errors clustered by school. Model 1 was adjusted for sex; model 2 additionally for "
             "family and household factors; and model 3 additionally for neighbourhood deprivation. Model 2 was "
             "specified in advance as the main model. Exposure-response shapes were explored with natural cubic "
             "splines with three degrees of freedom, and effect modification was assessed by adding product terms "
             "and testing them with Wald tests. The proportional hazards assumption was checked with Schoenfeld "
             "residuals. Lung function at age 11 was analysed with linear regression using the same covariates plus "
             "height. " + SOFTWARE),
        Heading("Sensitivity analyses", 2),
        Para("We repeated the main analysis restricted to children who never moved, with a stricter outcome "
             "requiring asthma medication use in two consecutive questionnaires, with complete cases only, and with "
             "additional adjustment for greenness within 300 m of the residence. We also fitted two-pollutant models "
             "including NO2 and PM2.5 together and estimated the E-value for the main hazard ratio to gauge how "
             "strong unmeasured confounding would need to be to explain the association."),
        Heading("Patient and public involvement", 2),
        Para("A parent advisory group of eight members commented on the questionnaires, the choice of outcomes and "
             "the plain-language summaries sent to families. The group will help to disseminate the results to "
             "participating schools."),
        Heading("Results"),
        Heading("Cohort characteristics", 2),
        Para("The 5,136 children in the analysis were followed for a median of 5.9 years (interquartile range "
             "5.7-6.1), contributing 29,674 person-years. At baseline, their mean age was 5.6 years (SD = 0.4), "
             "and 50.8% were boys (Table 1). Children included in the analysis had slightly higher household income "
             "than those excluded, {chi:2:5696:14.62}, but did not differ in sex, {chi:1:5696:0.87}, or baseline "
             "wheeze, {chi:1:5696:1.94}. During follow-up, 448 children developed asthma, an incidence of 15.1 "
             "per 1,000 person-years."),
        TableBlock("Baseline characteristics of the 5,136 children by third of NO2 exposure at baseline.",
                   ["Characteristic", "Lowest third", "Middle third", "Highest third"], [
                       ["Children, n", "1,712", "1,712", "1,712"],
                       ["NO2, \u00b5g/m\u00b3, mean (SD)", "16.4 (3.1)", "23.9 (2.0)", "33.5 (5.8)"],
                       ["PM2.5, \u00b5g/m\u00b3, mean (SD)", "9.6 (1.7)", "11.2 (1.6)", "12.8 (1.9)"],
                       ["Boys, %", "50.2", "51.1", "51.0"],
                       ["Parental asthma or allergy, %", "31.4", "30.8", "32.2"],
                       ["Lowest income third, %", "24.1", "32.9", "43.0"],
                       ["Environmental tobacco smoke, %", "9.8", "12.6", "16.9"],
                       ["Gas cooking, %", "41.3", "47.7", "55.2"],
                       ["Breastfed at least 4 months, %", "68.9", "63.5", "57.1"],
                       ["Birth weight, g, mean (SD)", "3,462 (521)", "3,441 (530)", "3,418 (547)"],
                   ], [3.2, 1.3, 1.3, 1.3], key="12-T1"),
        Heading("Exposure distribution", 2),
        Para("Average NO2 at the baseline address was 24.6 \u00b5g/m\u00b3 (SD 7.9) and average PM2.5 was 11.2 "
             "\u00b5g/m\u00b3 (SD 2.3) (Figure 1). The two pollutants were moderately correlated, {r:5134:.58}, and "
             "both were higher for children in the lowest income third than for those in the highest third, "
             "{t:3420:21.37} for NO2. Over follow-up, 1,391 children (27.1%) moved at least once, mostly within the "
             "region, and exposure declined by about 1 \u00b5g/m\u00b3 NO2 per year as vehicle emissions fell."),
        VectorFigure("Distribution of annual mean concentrations of (A) NO2 and (B) PM2.5 at the baseline residential "
                     "addresses of the 5,136 children.", histograms, 200, key="12-F1"),
        Heading("Main associations", 2),
        Para("Each 10 \u00b5g/m\u00b3 increase in time-weighted NO2 was associated with a hazard ratio of 1.19 (95% CI "
             "1.08-1.31) in the main model (Table 2), {z:3.53}. Adjustment for neighbourhood deprivation attenuated "
             "the estimate only slightly. The association with PM2.5 was weaker and was no longer statistically "
             "significant after adjustment for family factors. Both traffic indicators were associated with higher "
             "asthma incidence, consistent with the NO2 results."),
        TableBlock("Hazard ratios (95% CI) for incident asthma in relation to traffic-related air pollution.",
                   ["Exposure", "Model 1", "Model 2 (main)", "Model 3"], hr_table, [3.4, 1.4, 1.5, 1.4],
                   note="Model 1, adjusted for sex; model 2, additionally for family and household factors; model 3, "
                        "additionally for neighbourhood deprivation. Age was the time scale in all models.",
                   key="12-T2"),
        Para("The exposure-response curve for NO2 was approximately linear over the range from 10 to 40 "
             "\u00b5g/m\u00b3, with some flattening above that level where data were sparse (Figure 2). A test "
             "for departure from linearity was not significant, {chi:2:5136:1.87}. There was no indication that "
             "the association was confined to the highest concentrations; children living at NO2 levels below the "
             "current annual limit value also showed increasing risk with increasing exposure."),
        VectorFigure("Exposure-response relation between residential NO2 and incident asthma, modelled with a natural "
                     "cubic spline (3 degrees of freedom) in the main model. The shaded band is the 95% confidence "
                     "interval.", spline, 220, width=TEXT_W * 0.72, key="12-F2"),
        Heading("Effect modification", 2),
        Para("Associations were present in boys and girls and in all subgroups examined (Figure 3). They tended to "
             "be stronger among children with parental asthma and among those from the lowest income third, but "
             "the product terms were not statistically significant for parental asthma, {chi:1:5136:1.98}, sex, "
             "{chi:1:5136:0.41}, or income, {chi:2:5136:3.12}. The 27 children whose asthma was classified as "
             "severe during follow-up had parents who rated asthma control on a single 1-5 item with {M:68:27}, "
             "a value similar to that for children with milder disease."),
        VectorFigure("Hazard ratios for incident asthma per 10 \u00b5g/m\u00b3 NO2 in subgroups, from the main model "
                     "with product terms.", forest_fig, 270, key="12-F3"),
        Heading("Exposure windows", 2),
        Para("Hazard ratios were larger for exposure averaged over ages 2-5 and for current exposure than for "
             "exposure during pregnancy or the first year of life (Figure 4). When exposure in the first year and "
             "current exposure were entered together, the current exposure retained most of its association, but the "
             "high correlation between windows limits this comparison."),
        VectorFigure("Hazard ratios (with 95% confidence intervals) for incident asthma per 10 \u00b5g/m\u00b3 NO2 "
                     "averaged over different exposure windows. Pregnancy exposure was available for 4,418 children.",
                     windows, 200, width=TEXT_W * 0.68, raster=True, key="12-F4"),
        Heading("Sensitivity analyses", 2),
        Para("Results were robust to the alternative analyses (Table 3). The hazard ratio was 1.22 among children "
             "who never moved and 1.21 with the stricter outcome definition. In the two-pollutant model, the NO2 "
             "estimate was essentially unchanged while the PM2.5 estimate moved towards the null. The E-value for "
             "the main estimate was 1.67, meaning that an unmeasured confounder would need to be associated with "
             "both exposure and outcome by a risk ratio of 1.67 each, above and beyond the measured covariates, to "
             "explain away the association."),
        TableBlock("Sensitivity analyses for the association of NO2 (per 10 \u00b5g/m\u00b3) with incident asthma.",
                   ["Analysis", "Children", "Cases", "Hazard ratio (95% CI)"], [
                       ["Main model", "5,136", "448", "1.19 (1.08-1.31)"],
                       ["Children who never moved", "3,745", "322", "1.22 (1.08-1.38)"],
                       ["Stricter outcome definition", "5,136", "301", "1.21 (1.07-1.37)"],
                       ["Complete cases", "4,207", "361", "1.18 (1.05-1.32)"],
                       ["Additional adjustment for greenness", "5,136", "448", "1.17 (1.06-1.29)"],
                       ["Two-pollutant model (with PM2.5)", "5,136", "448", "1.18 (1.05-1.33)"],
                   ], [3.4, 1, 0.9, 1.8], key="12-T3"),
        Heading("Lung function", 2),
        Para("At the age-11 examination, 3,902 children performed spirometry meeting quality criteria. Higher NO2 "
             "exposure was associated with slightly lower FEV1 (Figure 5), with a difference of -2.1% predicted per "
             "10 \u00b5g/m\u00b3 (95% CI -3.2 to -1.0), {t:3887:-3.74}. Associations with FVC were weaker, and the "
             "ratio of FEV1 to FVC was not associated with exposure, {t:3887:1.12}. Excluding children with asthma "
             "made little difference to these estimates."),
        VectorFigure("FEV1 (% predicted) at age 11 against residential NO2 for a random sample of 400 of the 3,902 "
                     "children with valid spirometry, with the fitted regression line from the full sample.", lung,
                     210, width=TEXT_W * 0.66, raster=True, key="12-F5"),
        Heading("Discussion"),
        Heading("Main findings", 2),
        Para("In this population-based cohort of more than 5,000 children, residential exposure to traffic-related "
             "air pollution was associated with the onset of asthma between school entry and age 11. The "
             "association was specific to NO2 rather than PM2.5, approximately linear without an apparent threshold, "
             "present in all subgroups, and robust to a range of sensitivity analyses. Exposure in later childhood "
             "was at least as strongly related to asthma onset as exposure in early life, and higher exposure was "
             "also associated with slightly lower lung function at age 11."),
        Heading("Comparison with other studies", 2),
        Para("Our estimate of a 19% higher hazard per 10 \u00b5g/m\u00b3 NO2 lies at the upper end of the range in "
             "the most recent meta-analysis, which pooled estimates from 41 studies and found substantial "
             "heterogeneity [5]. Several features of our design may explain a somewhat larger estimate: exposure was "
             "modelled with high spatial resolution from full residential histories, outcome ascertainment was "
             "repeated every two years, and the region has steep contrasts in traffic. The weaker association for "
             "PM2.5 agrees with studies in which PM2.5 varies less within cities and is dominated by regional sources "
             "rather than local traffic [11, 12]. Findings on exposure windows have been inconsistent in the "
             "literature, with some cohorts emphasising early life [13] and others current exposure [14]; our "
             "results add weight to the latter but cannot separate the two definitively."),
        Heading("Possible mechanisms", 2),
        Para("Traffic exhaust contains oxidant gases and ultrafine particles that can induce airway inflammation, "
             "enhance allergic sensitisation and impair epithelial barrier function [15]. NO2 is best regarded as a "
             "marker of this mixture rather than as the sole causal agent. The association with current exposure "
             "suggests that pollution may act by bringing forward or unmasking asthma in children who are "
             "susceptible, in addition to any effect on lung development in early life [16]."),
        Heading("Strengths and limitations", 2),
        Para("Strengths include the size of the cohort, the prospective design with repeated outcome assessment, "
             "detailed information on confounders, and exposure estimates that accounted for residential moves. "
             "Limitations must also be acknowledged. Land-use regression models predict outdoor concentrations at the "
             "home address and do not capture exposure at school, during commuting or indoors, which is likely to "
             "bias estimates towards the null [17]. Asthma was defined from parental reports, although validation "
             "against medical records showed good agreement. Socioeconomic position was strongly related to exposure, "
             "and although adjustment for individual and neighbourhood indicators changed the estimates little, "
             "residual confounding cannot be excluded; the E-value indicates that it would need to be substantial. "
             "Finally, 17% of the baseline cohort could not be included, and participants had slightly higher income "
             "than non-participants, which may limit generalisability but is unlikely to explain the association "
             "[18]."),
        Heading("Implications", 2),
        Para("If the association is causal, the population attributable fraction implied by our estimate is "
             "considerable, because exposure to traffic pollution is ubiquitous in cities. The absence of a "
             "threshold within the observed range suggests that reductions in NO2 below current limit values would "
             "still be expected to reduce the incidence of childhood asthma. Traffic management around schools and "
             "homes, low-emission zones and the shift to electric vehicles are all measures whose benefits for "
             "children's respiratory health could be evaluated in natural experiments [19]."),
        Heading("Conclusions", 2),
        Para("Residential exposure to traffic-related air pollution, indexed by NO2, was associated with incident "
             "asthma in school-age children, without a clear threshold and in all subgroups examined. These findings "
             "support further reductions in traffic emissions in residential areas to protect children's health."),
        Heading("Data availability"),
        Para(DATA_STATEMENT + " Because of the consent obtained from families, individual-level data can be shared "
             "only under a data access agreement with the cohort steering committee."),
        Heading("Ethics statement"),
        Para(ETHICS_HUMAN + " Parents gave consent on behalf of their children, and children gave assent at the "
             "age-11 examination. The cohort was approved by the Harbourside Regional Ethics Committee (HREC "
             "2011/044 and amendments)."),
        Heading("Funding"),
        Para("The cohort is funded by the Harbourside Health Research Foundation (grant HHRF-2011-07 and renewals) and "
             "the National Environment and Health Programme. The funders had no role in the design, analysis or "
             "interpretation of the study."),
        Heading("Competing interests"),
        Para(COMPETING),
    ]
    refs = [
        "Mbatha N, Greenberg L. The global burden of childhood asthma. Paediatr Respir Epidemiol. 2019;8(1):1-17. doi:10.5555/pre.2019.0801",
        "Caldwell R, Sorensen B. Traffic and asthma: early evidence and its limits. Environ Health Rev. 2015;12(3):201-219. doi:10.5555/ehr.2015.1203",
        "Hashimoto K, Dyer J. Prevalence versus incidence in air pollution research. Epidemiol Methods Lett. 2016;4(2):88-97. doi:10.5555/eml.2016.0402",
        "Vieira A, Lundqvist T, Chen H. Birth cohorts and traffic-related air pollution. Environ Health Rev. 2020;17(1):30-52. doi:10.5555/ehr.2020.1701",
        "Pretorius L, Acheampong S, Wen Y. Traffic-related air pollution and incident childhood asthma: a meta-analysis. Environ Epidemiol Rep. 2023;9(2):101-128. doi:10.5555/eer.2023.0902",
        "Kristiansen M, Ode L. Critical windows of exposure for respiratory outcomes. Paediatr Respir Epidemiol. 2021;10(3):150-166. doi:10.5555/pre.2021.1003",
        "Ruiz-Herrera P, Tembo C. Susceptible subgroups in air pollution epidemiology. Environ Epidemiol Rep. 2020;6(4):230-244. doi:10.5555/eer.2020.0604",
        "Gallagher D, Moyo T. Environmental injustice and exposure to traffic pollution. J Environ Equity. 2018;3(1):12-29. doi:10.5555/jee.2018.0301",
        "Lindqvist T, Vieira A, Harlan P. Land-use regression models for the Harbourside region. Atmos Exposure Sci. 2019;11(2):66-80. doi:10.5555/aes.2019.1102",
        "Mbatha N, Fairclough E. Validation of questionnaire-based asthma definitions in children. Paediatr Respir Epidemiol. 2017;6(2):70-79. doi:10.5555/pre.2017.0602",
        "Oyelowo F, Sandberg J. Spatial contrasts of PM2.5 within cities. Atmos Exposure Sci. 2021;13(1):5-19. doi:10.5555/aes.2021.1301",
        "Dunleavy S, Pak J. Fine particles and childhood asthma onset. Environ Epidemiol Rep. 2022;8(3):175-189. doi:10.5555/eer.2022.0803",
        "Novotny V, Ashworth R. Early-life traffic exposure and asthma to age 8. Paediatr Respir Epidemiol. 2018;7(4):190-203. doi:10.5555/pre.2018.0704",
        "Ferreira C, Eklund H. Current exposure and asthma onset in adolescence. Environ Health Rev. 2022;19(2):144-160. doi:10.5555/ehr.2022.1902",
        "Takahashi Y, Bernstein M. Mechanisms of traffic pollution effects on the airways. Respir Toxicol Rev. 2019;5(1):1-24. doi:10.5555/rtr.2019.0501",
        "Marais J, Olsen K. Air pollution and lung growth in childhood. Paediatr Respir Epidemiol. 2020;9(2):80-95. doi:10.5555/pre.2020.0902",
        "Holloway B, Kang S. Exposure measurement error in cohort studies of air pollution. Epidemiol Methods Lett. 2018;6(3):130-142. doi:10.5555/eml.2018.0603",
        "Ahmadi R, Leclerc V. Selection bias in long-term cohort studies of children. Epidemiol Methods Lett. 2021;9(1):22-35. doi:10.5555/eml.2021.0901",
        "Sandoval T, Richter M. Natural experiments in urban air quality policy. J Environ Equity. 2023;8(2):50-67. doi:10.5555/jee.2023.0802",
    ]
    appendix = [
        Heading("Appendix: supplementary tables"),
        Para("The tables below give details of the exposure models and of missing covariate data that were "
             "summarised in the Methods."),
        TableBlock("Predictor variables retained in the land-use regression models.",
                   ["Predictor", "Buffer", "NO2 model", "PM2.5 model"], [
                       ["Traffic intensity on nearest major road", "-", "yes", "yes"],
                       ["Total traffic load", "100 m", "yes", "no"],
                       ["Total traffic load", "300 m", "yes", "yes"],
                       ["High-density residential land", "500 m", "yes", "no"],
                       ["Industrial and port land", "1,000 m", "yes", "yes"],
                       ["Population density", "1,000 m", "no", "yes"],
                       ["Altitude", "-", "yes", "yes"],
                       ["Distance to coast", "-", "no", "yes"],
                   ], [3.4, 1, 1, 1], key="12-T4"),
        TableBlock("Missing covariate data among the 5,136 children before multiple imputation.",
                   ["Covariate", "Missing, n", "Missing, %"], [
                       ["Household income", "318", "6.2"],
                       ["Highest parental education", "141", "2.7"],
                       ["Maternal smoking in pregnancy", "97", "1.9"],
                       ["Breastfeeding for at least four months", "204", "4.0"],
                       ["Birth weight", "176", "3.4"],
                       ["Gas cooking", "58", "1.1"],
                       ["Pets in the home", "41", "0.8"],
                   ], [3.4, 1.2, 1.2], key="12-T5"),
        Para("Imputation models included all covariates, the exposure variables, the event indicator and the "
             "Nelson-Aalen estimate of the cumulative hazard, as recommended for survival outcomes. Estimates from "
             "the 20 imputed data sets were combined with Rubin's rules."),
    ]
    return Paper(
        appendix=appendix,
        file="12-traffic-pollution-childhood-asthma.pdf",
        title="Residential exposure to traffic-related air pollution and incident asthma in school-age children: the Harbourside Child Health Cohort",
        short_title="Traffic pollution and childhood asthma",
        authors=[("Nomvula Mbatha", [1]), ("Tobias Lindqvist", [2]), ("Ana Vieira", [2]), ("Lucy Pretorius", [1, 3])],
        affiliations=["School of Public Health, University of Harbourside, South Africa",
                      "Department of Environmental Epidemiology, Eastmark Institute, Gothenburg-Ost, Sweden",
                      "Centre for Child Health Research, Harbourside Children's Hospital, South Africa"],
        email="n.mbatha@harbourside.example",
        doi="10.5555/sample.2026.012",
        received="Submitted 17 January 2026",
        abstract=("Traffic-related air pollution is a suspected cause of childhood asthma, but evidence on exposure "
                  "windows, the role of fine particles and susceptible groups is inconsistent. We followed 5,136 "
                  "children without asthma at school entry in a population-based cohort for a median of 5.9 years. "
                  "Annual NO2 and PM2.5 concentrations were modelled at each residential address, and incident asthma "
                  "was identified from biennial questionnaires. There were 448 new cases. Each 10 \u00b5g/m\u00b3 "
                  "increase in NO2 was associated with a hazard ratio of 1.19 (95% CI 1.08-1.31) after adjustment for "
                  "family and household factors, with an approximately linear exposure-response relation and no "
                  "threshold. PM2.5 was not independently associated with asthma. Exposure in later childhood was at "
                  "least as important as early-life exposure, and higher NO2 was associated with lower lung function "
                  "at age 11. Reducing traffic emissions in residential areas may prevent childhood asthma."),
        keywords="air pollution; nitrogen dioxide; childhood asthma; birth cohort; traffic; lung function",
        body=body, references=refs, spacing=2.0)


def paper_13() -> Paper:
    def spines(page, rect):
        a, b = split_rect(rect, 2, hgap=22)
        bar_panel(page, a, ["Control", "SD 5 h", "SD + recovery"], [1.42, 1.11, 1.37], [0.14, 0.12, 0.15],
                  "Spines per \u00b5m (apical)", letter="A", color=[PALETTE[4], PALETTE[1], PALETTE[0]], points_n=7, seed=1301)
        bar_panel(page, b, ["Control", "SD 5 h", "SD + recovery"], [1.28, 1.19, 1.25], [0.13, 0.14, 0.12],
                  "Spines per \u00b5m (basal)", letter="B", color=[PALETTE[4], PALETTE[1], PALETTE[0]], points_n=7, seed=1311)

    def memory(page, rect):
        bar_panel(page, rect, ["Control", "SD 5 h", "SD + recovery"], [0.68, 0.53, 0.64], [0.08, 0.09, 0.08],
                  "Discrimination ratio", ymax=1.0, color=[PALETTE[4], PALETTE[1], PALETTE[0]], points_n=14, seed=1321)

    body = [
        Heading("Introduction"),
        Para("Sleep supports the consolidation of hippocampus-dependent memories, and even brief sleep loss after "
             "learning impairs later recall in rodents and humans [1, 2]. In humans, restriction of a single night has "
             "been reported to reduce working memory capacity; one recent study concluded that \u201c" + QUOTED_FROM_03
             + "\u201d [3]. The cellular basis of such effects is unclear. Dendritic spines are the main sites of "
             "excitatory synapses, and their number and shape change with learning and with the sleep-wake cycle "
             "[4, 5]."),
        Para("Studies in mice have reported that five hours of sleep deprivation reduce spine density on CA1 "
             "pyramidal neurons, but these studies used different labelling methods and rarely examined whether "
             "spines recover after subsequent sleep [6, 7]. We combined sparse viral labelling with confocal imaging "
             "to measure spine density on apical and basal dendrites of CA1 neurons after sleep deprivation and "
             "after recovery sleep, and related the changes to object recognition memory."),
        Heading("Methods"),
        Heading("Animals", 2),
        Para("Male C57BL/6J mice aged 10-12 weeks were housed individually on a 12 h light and 12 h dark cycle with "
             "food and water available at all times. At the start of the experiments, the 42 mice of the behavioural "
             "cohort had a mean body weight of 26.4 g, SD = 1.9, N = 42, and the 14 mice of its control group a mean "
             "body weight of 26.1 g, SD = 1.7, N = 14. Mice were randomly assigned to control, sleep deprivation or sleep deprivation "
             "followed by recovery."),
        Heading("Sleep deprivation", 2),
        Para("Sleep deprivation started at light onset and lasted 5 h. It was carried out by gentle handling: an "
             "experimenter introduced novel objects, tapped the cage or stroked the animal with a soft brush when it "
             "adopted a sleep posture. Recovery mice were then left undisturbed for 3 h. Control mice slept "
             "undisturbed in their home cages in the same room."),
        Heading("Labelling and imaging", 2),
        Para("Three weeks before the experiment, mice received a dilute mixture of Cre-dependent and Cre-expressing "
             "adeno-associated viruses in dorsal CA1 to label a sparse population of pyramidal neurons with a "
             "membrane-bound fluorescent protein. After perfusion, 100 \u00b5m coronal sections were imaged on a "
             "confocal microscope with a 63x objective and 0.1 \u00b5m pixels, and spines were counted on 20 "
             "\u00b5m segments of secondary dendrites in stratum radiatum (apical) and stratum oriens (basal) by "
             "an observer blinded to group. Neighbouring sections were stained with haematoxylin and eosin to "
             "confirm the injection site."),
        Heading("Object recognition", 2),
        Para("A separate cohort was trained in a novel object recognition task immediately before the sleep "
             "manipulation and tested 24 h later. The discrimination ratio was calculated as the time spent exploring "
             "the novel object divided by the total exploration time."),
        Heading("Statistical analysis", 2),
        Para("Spine densities were averaged per animal, and groups were compared by one-way ANOVA followed by "
             "Tukey's test. " + SOFTWARE),
        Heading("Results"),
        Para("Labelled CA1 pyramidal neurons were sparse enough to trace individual dendrites (Figure 1), and "
             "injection sites were confined to dorsal CA1 in all animals included (Figure 2). On apical dendrites, "
             "spine density differed between groups (Figure 3A), {F:2:18:12.41}. Sleep deprivation reduced density "
             "by 22% compared with controls, {t:12:4.53}, and density after recovery sleep was close to control "
             "values, {t:12:0.65}. Basal dendrites showed a smaller and non-significant reduction, {F:2:18:0.95} "
             "(Figure 3B)."),
        RasterFigure("Sparsely labelled CA1 pyramidal neurons (green) with nuclear counterstain (blue). (A, B) Control "
                     "mice. (C, D) Sleep-deprived mice. Scale bar, 20 \u00b5m.",
                     micro("13-F1", [(neurons, dict(n=5)), (neurons, dict(n=6)), (neurons, dict(n=5)),
                                     (neurons, dict(n=4))], 2),
                     width=TEXT_W * 0.72, key="13-F1"),
        RasterFigure("Haematoxylin and eosin stained sections adjacent to the imaged tissue showing the dorsal "
                     "hippocampus of (A) a control and (B) a sleep-deprived mouse. Scale bar, 100 \u00b5m.",
                     micro("13-F2", [(histology, dict(glands=3, positive=0.0)), (histology, dict(glands=2, positive=0.0))],
                           2), width=TEXT_W * 0.66, key="13-F2"),
        VectorFigure("Spine density on (A) apical and (B) basal secondary dendrites of CA1 pyramidal neurons. Bars "
                     "show mean and SD; dots are mice (seven per group).", spines, 200, key="13-F3"),
        Para("Object recognition memory was impaired when training was followed by sleep deprivation (Figure 4), "
             "{F:2:39:11.87}. Mice that were allowed to recover performed similarly to controls. Across the mice of "
             "the imaging cohort that were also tested, apical spine density correlated with the discrimination "
             "ratio, {r:19:.61}."),
        VectorFigure("Discrimination ratio in the novel object recognition test 24 h after training. Bars show mean "
                     "and SD; dots are mice (14 per group).", memory, 190, width=TEXT_W * 0.55, raster=True,
                     key="13-F4"),
        Heading("Discussion"),
        Para("Five hours of sleep deprivation reduced spine density on apical dendrites of CA1 pyramidal neurons by "
             "about a fifth, and three hours of recovery sleep reversed this loss. The selectivity for apical "
             "dendrites, which receive input from CA3 through the Schaffer collaterals, fits the view that sleep "
             "loss impairs the stabilisation of recently potentiated synapses in this pathway [6, 8]. The parallel "
             "effects on object recognition memory suggest that the structural changes are functionally relevant."),
        Para("Gentle handling is stressful, and we cannot exclude that stress contributed to the spine loss, "
             "although corticosterone levels after gentle handling are usually modest [9]. We measured density but "
             "not spine shape or turnover; longitudinal imaging would show whether recovery involves the regrowth of "
             "lost spines or the formation of new ones [10]."),
        Heading("Data availability"),
        Para(DATA_STATEMENT),
        Heading("Ethics statement"),
        Para(ETHICS_ANIMAL + " All procedures were authorised under project licence NS-2023-19."),
        Heading("Competing interests"),
        Para(COMPETING),
    ]
    refs = [
        "Havlik J, Osei R. Sleep and memory consolidation: a review. Neurobiol Learn Rev. 2018;10(1):1-22. doi:10.5555/nlr.2018.1001",
        "Ibarra M, Thornton G. Post-training sleep deprivation in rodents. Behav Neurosci Lett. 2020;14(2):66-80. doi:10.5555/bnl.2020.1402",
        "Whitcombe R, Novak T, Abara A. One night of restricted sleep reduces visual working memory capacity independently of subjective sleepiness. Preprint. 2026. doi:10.5555/sample.2026.003",
        "Cheng L, Morales D. Dendritic spines and excitatory synapses. Synapse Struct Rev. 2017;5:44-70. doi:10.5555/ssr.2017.0005",
        "Fontaine P, Sato K. Spine dynamics across the sleep-wake cycle. J Sleep Neurosci. 2019;7(3):201-215. doi:10.5555/jsn.2019.0703",
        "Rasmussen E, Abiodun T. Brief sleep deprivation reduces CA1 spine density. Hippocampus Res Lett. 2016;3(2):50-61. doi:10.5555/hrl.2016.0302",
        "Kato Y, Brennan L. Recovery sleep and synaptic structure. J Sleep Neurosci. 2021;9(1):9-22. doi:10.5555/jsn.2021.0901",
        "Dufresne A, Mehta P. Schaffer collateral plasticity and sleep. Hippocampus Res Lett. 2022;9(1):1-14. doi:10.5555/hrl.2022.0901",
        "Lorenz H, Gatti S. Stress hormones during gentle-handling sleep deprivation. Behav Neurosci Lett. 2018;12(4):230-238. doi:10.5555/bnl.2018.1204",
        "Yamada T, Kowalski E. In vivo imaging of spine turnover in hippocampus. Synapse Struct Rev. 2023;11:90-117. doi:10.5555/ssr.2023.0011",
    ]
    return Paper(
        file="13-sleep-deprivation-spines.pdf",
        title="Brief sleep deprivation reversibly reduces apical dendritic spine density in mouse CA1 pyramidal neurons",
        short_title="Sleep deprivation and CA1 spines",
        authors=[("Jakub Havlik", [1]), ("Rebecca Osei", [1]), ("Mateo Ibarra", [2])],
        affiliations=["Department of Neuroscience, Karlsbrunn University, Czech Republic",
                      "Instituto de Neurobiologia del Sur, Valdivia-Norte, Chile"],
        email="jakub.havlik@karlsbrunn.example",
        doi="10.5555/sample.2026.013",
        received="Submitted 18 January 2026",
        abstract=("Sleep loss impairs hippocampus-dependent memory, but its effects on synaptic structure and their "
                  "reversibility are incompletely understood. We sparsely labelled CA1 pyramidal neurons in adult mice "
                  "and measured dendritic spine density after 5 h of sleep deprivation by gentle handling, with or "
                  "without 3 h of recovery sleep. Sleep deprivation reduced spine density on apical dendrites by 22% "
                  "but did not significantly affect basal dendrites, and recovery sleep restored apical density. Object "
                  "recognition memory was impaired by sleep deprivation after training and correlated with apical spine "
                  "density. Brief sleep loss causes a reversible, compartment-specific loss of spines in CA1."),
        keywords="sleep deprivation; dendritic spines; hippocampus; CA1; memory; mouse",
        body=body, references=refs)


# --------------------------------------------------------------------------
# Plain-text and JATS XML manuscripts
# --------------------------------------------------------------------------

TXT_FILE = "14-care-home-hand-hygiene.txt"
XML_FILE = "15-arabidopsis-root-drought.xml"


def text_manuscript() -> tuple[str, dict]:
    """A clean manuscript as plain text (as some submission systems export it)."""
    import textwrap

    log: list = []
    title = "Audit and feedback improves hand hygiene compliance in residential care homes: a stepped-wedge study"
    sections = [
        ("Abstract", [
            "Hand hygiene is the simplest measure against the spread of infection in residential care, yet "
            "compliance among care staff is often low. We introduced monthly audit and feedback of hand hygiene in "
            "12 care homes in a stepped-wedge design over 15 months, with homes crossing from control to "
            "intervention in four steps. Trained observers recorded 9,614 opportunities for hand hygiene. Compliance "
            "rose from 38.2% in control periods to 57.9% in intervention periods, and the improvement was sustained "
            "over six months of feedback. Audit and feedback is a feasible way to improve hand hygiene in care "
            "homes."]),
        ("Introduction", [
            "Older people living in care homes are vulnerable to outbreaks of respiratory and gastrointestinal "
            "infection, and the hands of staff are a major route of transmission between residents [1]. Hand hygiene "
            "compliance in hospitals has improved in many countries after national campaigns, but care homes have "
            "received less attention, have fewer infection-control specialists and employ many part-time and agency "
            "workers [2, 3].",
            "Audit and feedback, in which performance is measured and reported back to staff, has a modest but "
            "consistent effect on professional practice across settings [4]. Its effect is larger when baseline "
            "performance is low and when feedback is given repeatedly and by a respected colleague [5]. We "
            "evaluated a programme of monthly audit and feedback of hand hygiene in care homes, using a stepped-wedge "
            "design so that all participating homes eventually received the intervention."]),
        ("Methods", [
            "Design and setting. Twelve care homes in one municipality, with 28 to 96 beds each, took part. After a "
            "three-month baseline period, homes were randomised to start the intervention at one of four steps, "
            "three homes per step, at three-month intervals, giving 15 months of observation in total.",
            "Intervention. A trained nurse from the municipal infection-control team observed care staff for two "
            "hours each month during morning care, using the five moments for hand hygiene. Results were presented "
            "within a week at a short staff meeting, as a run chart of the home's compliance together with the "
            "average of all homes, and staff agreed on one action for the following month.",
            "Outcome. The primary outcome was compliance, defined as the proportion of observed opportunities in "
            "which hand rub was used or hands were washed. In control periods, observations were made in the same "
            "way but no feedback was given.",
            "Analysis. Compliance was analysed with mixed-effects logistic regression with home as a random effect "
            "and fixed effects for period and intervention status. " + SOFTWARE]),
        ("Results", [
            "Observers recorded 9,614 opportunities: 4,402 in control periods and 5,212 in intervention periods. "
            "Compliance was 38.2% in control periods and 57.9% in intervention periods, {chi:1:9614:370.45}. After "
            "adjustment for secular trend, the odds ratio for compliance under the intervention was 1.94 (95% CI "
            "1.61-2.34), {z:6.92}.",
            "Improvement was seen for all five moments, but was largest before aseptic tasks and smallest after "
            "touching a resident's surroundings. Compliance did not decline over the months of feedback within "
            "homes, {r:70:.12}, and the effect did not differ between homes with high and low proportions of agency "
            "staff, {t:10:0.74}.",
            "Staff in the final step rated the usefulness of the feedback meetings on a single item scored from 1 to "
            "5; among the 31 staff who responded, {M:121:31}."]),
        ("Discussion", [
            "Monthly audit and feedback was associated with a substantial and sustained improvement in hand hygiene "
            "compliance in care homes. The stepped-wedge design protects against bias from secular trends, which "
            "were present in our data, and all homes received the intervention. As in other observational audits, "
            "staff who knew they were being observed may have performed better than usual [6]; this Hawthorne effect "
            "would have inflated compliance in both periods.",
            "The programme required about three hours of a nurse's time per home per month, which is within the "
            "resources of most municipal infection-control teams. Whether the improvement in compliance reduces "
            "infections in residents remains to be shown [7]."]),
        ("Data availability", [DATA_STATEMENT]),
        ("Ethics statement", [
            "The study was approved by the regional ethics committee (REC 2023-118), which waived individual consent "
            "for anonymous observation of routine care; staff were informed about the study in advance."]),
        ("Competing interests", [COMPETING]),
    ]
    refs = [
        "Lundgren A, Pappas E. Infection transmission in long-term care facilities. J Long-Term Care Infect. 2018;5(2):60-74. doi:10.5555/jltci.2018.0502",
        "Wikstrom S, Farah M. Hand hygiene in nursing homes: a systematic review. Infect Prev Pract Rev. 2020;4(1):1-15. doi:10.5555/ippr.2020.0401",
        "Bauer K, Ndlovu S. Staffing patterns and infection control in care homes. Gerontol Nurs Res. 2019;11(3):140-151. doi:10.5555/gnr.2019.1103",
        "Iversen T, Gallo P. Audit and feedback: effects on professional practice. Implement Sci Rev. 2017;6:1-40. doi:10.5555/isr.2017.0006",
        "Carvalho E, Lindberg J. What makes feedback effective? Implement Sci Rev. 2021;10:55-78. doi:10.5555/isr.2021.0010",
        "Olsson H, Mensah A. The Hawthorne effect in hand hygiene observation. Infect Prev Pract Rev. 2022;6(2):80-89. doi:10.5555/ippr.2022.0602",
        "Murray D, Koskinen P. Hand hygiene and infection rates in residential care. J Long-Term Care Infect. 2023;10(1):11-23. doi:10.5555/jltci.2023.1001",
    ]
    lines = [title, "",
             "Annika Lundgren (1), Samuel Wikstrom (1), Eleni Pappas (2)",
             "(1) Department of Nursing Science, Osterby University College, Sweden",
             "(2) Municipal Infection Prevention Team, Osterby, Sweden",
             "Correspondence: annika.lundgren@osterby.example",
             "DOI: https://doi.org/10.5555/sample.2026.014",
             "Submitted 19 January 2026", ""]
    for heading, paras in sections:
        lines += [heading, ""]
        for para in paras:
            text = expand_stats(para, log).replace(NBSP, " ")
            lines += textwrap.wrap(text, 88, break_on_hyphens=False, break_long_words=False) + [""]
    lines += ["References", ""]
    for i, ref in enumerate(refs, 1):
        lines += textwrap.wrap(f"{i}. {ref}", 88, break_on_hyphens=False, break_long_words=False, subsequent_indent="   ")
    meta = {"title": title, "doi": "10.5555/sample.2026.014", "statistics": [s for _, s, _ in log]}
    return "\n".join(lines) + "\n", meta


def jats_manuscript() -> tuple[str, dict]:
    """A manuscript in JATS XML as PubMed Central distributes it; carries
    one planted p-value error (PLANTED_XML_P)."""
    from xml.sax.saxutils import escape

    log: list = []
    title = "Intermittent drought reshapes root system architecture of Arabidopsis thaliana through lateral root suppression"
    abstract = ("Plants respond to water deficit by changing the architecture of their root systems, but most "
                "studies impose a single, continuous drought. We grew Arabidopsis thaliana seedlings in soil-filled "
                "rhizotrons under well-watered conditions, continuous drought or intermittent drought with three "
                "drying cycles, and imaged roots every two days. Intermittent drought reduced lateral root density by "
                "31% while maintaining primary root growth, whereas continuous drought reduced both. Recovery after "
                "rewatering was fast for the primary root and slow for lateral roots. Root system architecture thus "
                "reflects the temporal pattern of drought, not only its severity.")
    sections = [
        ("Introduction", [
            "Root system architecture determines how effectively a plant explores the soil for water. Under drought, "
            "many species invest in deeper primary roots at the expense of lateral branching, a response that has "
            "been described in detail for Arabidopsis grown on agar plates with osmotic stress [1, 2]. In the field, "
            "however, drought is rarely continuous: dry periods are interrupted by rain, and roots experience "
            "repeated cycles of drying and rewetting [3].",
            "Whether plants respond to intermittent drought simply as to a milder version of continuous drought, or "
            "whether the cycles themselves elicit a distinct response, is not known. We compared root growth in "
            "soil under continuous and intermittent drought with non-invasive imaging in rhizotrons [4]."]),
        ("Materials and methods", [
            "Seeds of the Col-0 accession were stratified for three days and sown in rhizotrons (24 x 40 cm, 2 mm "
            "soil layer) filled with a sieved peat-sand mixture. Plants grew at 22 \u00b0C under a 10 h photoperiod. "
            "From day 10, rhizotrons were kept at 80% of field capacity (well watered), allowed to dry to 35% and "
            "held there (continuous drought), or allowed to dry to 35% and rewatered to 80% three times "
            "(intermittent drought). Each treatment included 16 rhizotrons in two independent experiments.",
            "Roots were imaged every two days with a flatbed scanner through the transparent front plate, and "
            "primary root length and lateral root number were traced semi-automatically. Lateral root density was "
            "calculated as the number of emerged laterals per cm of primary root. " + SOFTWARE]),
        ("Results", [
            "At day 28, primary root length was 27.4 cm in well-watered plants, 26.1 cm under intermittent drought "
            "and 19.8 cm under continuous drought. The three treatments differed in primary root length, "
            "{F:2:45:38.24}, but the difference between well-watered and intermittently droughted plants was not "
            "significant, {t:30:1.18}.",
            "Lateral root density was reduced by both drought regimes, and treatment had a significant effect on "
            "density at day 28, {raw:" + PLANTED_XML_P + "}. During each drying phase of the intermittent regime, "
            "the emergence of new laterals almost ceased, and it resumed only two to four days after rewatering. "
            "Across plants, lateral root density was negatively correlated with the time spent below 50% of field "
            "capacity, {r:46:-.57}."]),
        ("Discussion", [
            "Intermittent drought produced a root system with a nearly normal primary root but fewer lateral roots, a "
            "phenotype distinct from that of continuous drought. The delay in lateral root emergence after each "
            "rewatering suggests that lateral root primordia are held in a quiescent state during drying and "
            "released slowly, as reported for the hydropatterning response [5]. Because the phenotype depends on "
            "the temporal pattern of water supply, drought experiments should report it explicitly [6]."]),
    ]
    refs = [
        ("Okonjo", "A", "Root architecture responses to osmotic stress in Arabidopsis", "Plant Root Biol", "2017", "4", "10.5555/prb.2017.0004"),
        ("Delacroix", "M", "Primary root elongation under water deficit", "J Plant Water Relat", "2019", "12", "10.5555/jpwr.2019.0012"),
        ("Haugen", "S", "Temporal patterns of drought in temperate climates", "Agric Clim Lett", "2020", "7", "10.5555/acl.2020.0007"),
        ("Ferraz", "L", "Rhizotron imaging of soil-grown roots", "Plant Methods Rep", "2018", "9", "10.5555/pmr.2018.0009"),
        ("Iwata", "K", "Hydropatterning and lateral root initiation", "Plant Root Biol", "2021", "8", "10.5555/prb.2021.0008"),
        ("Mbeki", "T", "Reporting standards for drought experiments", "J Plant Water Relat", "2022", "15", "10.5555/jpwr.2022.0015"),
    ]
    body = []
    for i, (heading, paras) in enumerate(sections, 1):
        ps = "".join(f"\n      <p>{escape(expand_stats(p, log).replace(NBSP, ' '))}</p>" for p in paras)
        body.append(f'    <sec id="s{i}">\n      <title>{escape(heading)}</title>{ps}\n    </sec>')
    body.append('    <sec id="s5" sec-type="data-availability">\n      <title>Data availability</title>\n'
                f"      <p>{escape(DATA_STATEMENT)}</p>\n    </sec>")
    body.append('    <sec id="s6">\n      <title>Ethics statement</title>\n'
                f"      <p>{escape(ETHICS_NONE)}</p>\n    </sec>")
    ref_xml = "\n".join(
        f'      <ref id="r{i}"><element-citation publication-type="journal"><person-group person-group-type="author">'
        f"<name><surname>{s}</surname><given-names>{g}</given-names></name></person-group>"
        f"<article-title>{escape(t)}</article-title><source>{escape(j)}</source><year>{y}</year>"
        f'<volume>{v}</volume><pub-id pub-id-type="doi">{d}</pub-id></element-citation></ref>'
        for i, (s, g, t, j, y, v, d) in enumerate(refs, 1))
    authors = [("Haugen", "Silje", "aff1"), ("Ferraz", "Lucas", "aff1"), ("Iwata", "Kenji", "aff2")]
    contribs = "\n".join(
        f'        <contrib contrib-type="author"><name><surname>{s}</surname><given-names>{g}</given-names></name>'
        f'<xref ref-type="aff" rid="{a}"/></contrib>' for s, g, a in authors)
    xml = f"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal Archiving and Interchange DTD v1.3 20210610//EN" "JATS-archivearticle1-3.dtd">
<article xmlns:xlink="http://www.w3.org/1999/xlink" article-type="research-article" dtd-version="1.3" xml:lang="en">
  <front>
    <journal-meta>
      <journal-id journal-id-type="nlm-ta">Sample Plant Res</journal-id>
      <journal-title-group><journal-title>Sample Plant Research</journal-title></journal-title-group>
      <issn pub-type="epub">0000-0000</issn>
      <publisher><publisher-name>Sample Papers</publisher-name></publisher>
    </journal-meta>
    <article-meta>
      <article-id pub-id-type="doi">10.5555/sample.2026.015</article-id>
      <article-categories><subj-group subj-group-type="heading"><subject>Research Article</subject></subj-group></article-categories>
      <title-group>
        <article-title>{escape(title)}</article-title>
      </title-group>
      <contrib-group>
{contribs}
      </contrib-group>
      <aff id="aff1">Department of Plant Sciences, Fjellvik University, Norway</aff>
      <aff id="aff2">Graduate School of Agriculture, Minami University, Japan</aff>
      <author-notes><corresp>Correspondence: <email>silje.haugen@fjellvik.example</email></corresp></author-notes>
      <pub-date pub-type="epub"><day>20</day><month>01</month><year>2026</year></pub-date>
      <abstract>
        <p>{escape(abstract)}</p>
      </abstract>
      <kwd-group><kwd>Arabidopsis</kwd><kwd>drought</kwd><kwd>root system architecture</kwd><kwd>lateral roots</kwd></kwd-group>
    </article-meta>
  </front>
  <body>
{chr(10).join(body)}
  </body>
  <back>
    <ref-list>
      <title>References</title>
{ref_xml}
    </ref-list>
  </back>
</article>
"""
    meta = {"title": title, "doi": "10.5555/sample.2026.015", "statistics": [s for _, s, _ in log]}
    return xml, meta


# --------------------------------------------------------------------------
# Broken inputs
# --------------------------------------------------------------------------


def mini_paper(file: str, title: str, doi: str, paras: list[str], fig_key: str) -> Paper:
    """A short, unique manuscript used only as raw material for a broken file."""
    body = [Heading("Introduction"), Para(paras[0]), Heading("Methods"), Para(paras[1]),
            RasterFigure("Representative images of the two conditions.",
                         micro(fig_key, [(histology, dict(glands=4)), (sem_grains, dict(grain=22))], 2, scale_bar=False),
                         width=TEXT_W * 0.66, key=fig_key),
            Heading("Results"), Para(paras[2]), Heading("Discussion"), Para(paras[3]),
            Heading("Data availability"), Para(DATA_STATEMENT)]
    return Paper(file=file, title=title, short_title=title[:40], authors=[("Morgan Ellery", [1])],
                 affiliations=["Department of Applied Science, Westholm University"], email="m.ellery@westholm.example",
                 doi=doi, received="Submitted 21 January 2026", abstract=paras[0], keywords="sample",
                 body=body, references=["Ellery M. An earlier note. Sample J. 2020;1:1-2. doi:10.5555/sj.2020.0001"] * 8)


BROKEN_TEXT = {
    "corrupt": [
        "Coastal dune slacks are seasonal wetlands whose vegetation depends on the depth and duration of winter "
        "flooding. We describe how groundwater abstraction altered flooding regimes in four slack systems.",
        "Water tables were logged hourly in 40 piezometers between 2019 and 2023, and vegetation was recorded in "
        "permanent quadrats every summer.",
        "Slacks near abstraction wells flooded for 41 days less per year than reference slacks, and their wetland "
        "indicator species declined by a third over the study period.",
        "Restoring groundwater levels should be a priority for the conservation of dune slack vegetation."] * 6,
    "encrypted": [
        "Municipal composting produces a stable organic amendment whose value depends on its maturity. We compared "
        "three maturity indices in windrow compost from a regional facility.",
        "Samples were taken weekly for 16 weeks and analysed for respiration rate, germination index and the ratio "
        "of ammonium to nitrate.",
        "The three indices agreed after week 10 but disagreed strongly in weeks 6 to 9, when respiration still "
        "indicated immaturity and germination tests did not.",
        "At least two independent indices should be used before compost is released for horticultural use."] * 6,
    "scanned": [
        "Sourdough fermentation lowers the glycaemic response to bread in some studies but not in others. We "
        "measured postprandial glucose after sourdough and yeast-leavened wholemeal bread in healthy adults.",
        "Twenty volunteers ate 50 g available carbohydrate from each bread in random order, one week apart, and "
        "capillary glucose was measured for two hours.",
        "The incremental area under the glucose curve was 18% lower after sourdough bread, with considerable "
        "variation between volunteers.",
        "Sourdough fermentation modestly lowers the glycaemic response to wholemeal bread."] * 3,
}


def build_broken(out: Path) -> dict:
    info = {}
    # Truncated PDF: a complete manuscript cut after 40% of its bytes.
    doc = Writer(mini_paper("broken-corrupt.pdf", "Groundwater abstraction and the flooding regime of coastal dune slacks",
                            "10.5555/sample.2026.901", [expand_stats(p, []) for p in BROKEN_TEXT["corrupt"]], "BC-F1")).build()
    # object streams put the page tree near the end, so the cut leaves no readable page
    data = doc.tobytes(garbage=4, deflate=True, no_new_id=True, use_objstms=1)
    (out / "broken-corrupt.pdf").write_bytes(data[: int(len(data) * 0.4)])
    info["broken-corrupt.pdf"] = {"broken": "corrupt", "note": f"first 40% ({int(len(data) * 0.4)} of {len(data)} "
                                  "bytes) of a valid PDF; MuPDF repairs it silently into a document with 0 pages"}

    # Encrypted: opening needs the user password.
    doc = Writer(mini_paper("broken-encrypted.pdf", "Agreement between maturity indices for municipal windrow compost",
                            "10.5555/sample.2026.902", BROKEN_TEXT["encrypted"], "BE-F1")).build()
    doc.save(str(out / "broken-encrypted.pdf"), garbage=4, deflate=True, encryption=pymupdf.PDF_ENCRYPT_AES_256,
             user_pw="reviewer-2026", owner_pw="editorial-office", no_new_id=True)
    info["broken-encrypted.pdf"] = {"broken": "encrypted", "deterministic": False,
                                    "note": "AES-256, user password 'reviewer-2026'; MuPDF draws a random key, so the bytes change on every run"}

    # Scanned: each page is only a picture of a page; there is no text layer.
    src = Writer(mini_paper("broken-scanned.pdf", "Sourdough fermentation and the glycaemic response to wholemeal bread",
                            "10.5555/sample.2026.903", BROKEN_TEXT["scanned"], "BS-F1")).build()
    scan = pymupdf.open()
    for i, page in enumerate(src):
        pix = page.get_pixmap(dpi=85, colorspace=pymupdf.csGRAY)
        img = Image.frombytes("L", (pix.width, pix.height), pix.samples)
        rng = np.random.default_rng(900 + i)
        arr = np.asarray(img, dtype=float) * 0.96 + 6 + rng.normal(0, 5, (pix.height, pix.width))
        img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8)).rotate(0.4 * (-1) ** i, fillcolor=250)
        new = scan.new_page(width=PAGE_W, height=PAGE_H)
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=60)
        new.insert_image(new.rect, stream=buf.getvalue())
    scan.set_metadata({"title": "", "author": "", "creator": "Scanner", "producer": "PyMuPDF",
                       "creationDate": PDF_DATE, "modDate": PDF_DATE})
    save_pdf(scan, out / "broken-scanned.pdf")
    info["broken-scanned.pdf"] = {"broken": "scanned", "pages": scan.page_count,
                                  "note": "pages are JPEG images of text; no text layer"}

    (out / "broken-empty.pdf").write_bytes(b"")
    info["broken-empty.pdf"] = {"broken": "empty", "note": "0 bytes"}

    (out / "broken-notpdf.pdf").write_text(
        "<!DOCTYPE html>\n<html><head><title>Submission received</title></head>\n<body><h1>Thank you</h1>\n"
        "<p>Your manuscript has been received. This page was saved with a .pdf extension by mistake.</p>\n"
        "</body></html>\n", encoding="utf-8")
    info["broken-notpdf.pdf"] = {"broken": "not-pdf", "note": "an HTML page saved with a .pdf extension"}
    return info


# --------------------------------------------------------------------------
# Build, ground truth, verification
# --------------------------------------------------------------------------

PAPERS = [paper_01, paper_02, paper_03, paper_04, paper_05, paper_06, paper_07, paper_08, paper_09, paper_10,
          paper_11, paper_12, paper_13]


def norm(s: str) -> str:
    return " ".join(s.split())


def first_words(s: str, n=12) -> str:
    return " ".join(s.split()[:n])


def last_words(s: str, n=12) -> str:
    return " ".join(s.split()[-n:])


class Built:
    """A generated PDF with its layout records and per-page text."""

    def __init__(self, paper: Paper, writer: Writer, stats_log: list, path: Path):
        self.paper, self.writer, self.path = paper, writer, path
        self.statistics = [s for _, s, _ in stats_log]
        self.means = [s for k, s, _ in stats_log if k == "M"]
        self.mean_n = {s: extra for k, s, extra in stats_log if k == "M"}
        with pymupdf.open(path) as doc:
            self.page_text = [norm(p.get_text()) for p in doc]

    def pages_with(self, needle: str, case=True) -> list[int]:
        n = norm(needle)
        if case:
            return [i + 1 for i, t in enumerate(self.page_text) if n in t]
        return [i + 1 for i, t in enumerate(self.page_text) if n.lower() in t.lower()]

    def page_of(self, needle: str) -> int:
        pages = self.pages_with(needle)
        if not pages:
            raise AssertionError(f"{self.paper.file}: text not found: {needle!r}")
        return pages[0]

    def figure(self, key: str) -> dict:
        return next(f for f in self.writer.figures if f["key"] == key)


def build_pdf(fn: Callable, out: Path) -> Built:
    paper = fn()
    log: list = []
    for block in paper.body:
        if isinstance(block, Para):
            block.text = expand_stats(block.text, log)
    writer = Writer(paper)
    doc = writer.build()
    save_pdf(doc, out / paper.file)
    return Built(paper, writer, log, out / paper.file)


def px_to_page(fig: dict, box: list) -> list[float]:
    x0, y0 = fig["bbox"][0], fig["bbox"][1]
    s = fig["scale"]
    return [round(x0 + box[0] * s, 2), round(y0 + box[1] * s, 2), round(x0 + box[2] * s, 2), round(y0 + box[3] * s, 2)]


def word_edits(a: str, b: str) -> list[dict]:
    import difflib

    wa, wb = a.split(), b.split()
    edits = []
    for tag, i0, i1, j0, j1 in difflib.SequenceMatcher(a=wa, b=wb, autojunk=False).get_opcodes():
        if tag != "equal":
            edits.append({"op": tag, "source": " ".join(wa[i0:i1]), "copy": " ".join(wb[j0:j1])})
    return edits


def panel_ref(b: Built, key: str, letter: str) -> dict:
    fig = b.figure(key)
    return {"paper": b.paper.file, "page": fig["page"], "figure": fig["figure"], "panel": letter,
            "bbox": fig["panels"][letter], "image_bbox": fig["bbox"]}


def stat_record(pid, b_or_file, raw, page, kind="p_inconsistent"):
    m = STAT_RE.search(raw)
    reported, correct = recheck_statistic(m)
    rec = {"id": pid, "family": "stats", "kind": kind, "paper": b_or_file, "page": page, "raw": raw,
           "test": m.group("test"), "reported_p": reported, "correct_p": round(correct, 4),
           "decision_error": (reported < 0.05) != (correct < 0.05)}
    return rec


def make_truth(built: dict[str, Built], txt_meta: dict, xml_meta: dict, broken: dict, out: Path) -> dict:
    B = {b.paper.file[:2]: b for b in built.values()}
    problems = []

    # -- text ---------------------------------------------------------------
    src, cp = B["01"], B["07"]
    problems.append({
        "id": "text-verbatim-1", "family": "text", "kind": "passage_reused_verbatim",
        "paper": cp.paper.file, "page": cp.page_of(first_words(PASSAGE_VERBATIM)),
        "pages": [cp.page_of(first_words(PASSAGE_VERBATIM)), cp.page_of(last_words(PASSAGE_VERBATIM))],
        "excerpt": first_words(PASSAGE_VERBATIM), "words": len(PASSAGE_VERBATIM.split()), "text": PASSAGE_VERBATIM,
        "involves": {"paper": src.paper.file, "page": src.page_of(first_words(PASSAGE_VERBATIM)),
                     "excerpt": first_words(PASSAGE_VERBATIM)}})
    src, cp = B["04"], B["11"]
    problems.append({
        "id": "text-edited-1", "family": "text", "kind": "passage_reused_edited",
        "paper": cp.paper.file, "page": cp.page_of(first_words(PASSAGE_EDIT_COPY)),
        "pages": [cp.page_of(first_words(PASSAGE_EDIT_COPY)), cp.page_of(last_words(PASSAGE_EDIT_COPY))],
        "excerpt": first_words(PASSAGE_EDIT_COPY), "words": len(PASSAGE_EDIT_COPY.split()), "text": PASSAGE_EDIT_COPY,
        "edits": word_edits(PASSAGE_EDIT_SOURCE, PASSAGE_EDIT_COPY),
        "involves": {"paper": src.paper.file, "page": src.page_of(first_words(PASSAGE_EDIT_SOURCE)),
                     "excerpt": first_words(PASSAGE_EDIT_SOURCE), "text": PASSAGE_EDIT_SOURCE}})
    b = B["05"]
    problems.append({
        "id": "tortured-1", "family": "text", "kind": "tortured_phrases", "paper": b.paper.file,
        "phrases": [{"phrase": p, "expected": e, "page": b.pages_with(p, case=False)[0],
                     "pages": b.pages_with(p, case=False),
                     "count": sum(t.lower().count(p) for t in b.page_text)} for p, e in TORTURED]})

    # -- images -------------------------------------------------------------
    problems.append({
        "id": "image-cross-1", "family": "images", "kind": "panel_reused_across_papers",
        **panel_ref(B["09"], "09-F2", "C"),
        "transform": {"rotation": 90, "rotation_direction": "counterclockwise", "crop": 0.8, "contrast": 1.3,
                      "flip": None, "crop_box_px": REUSES["09-F2-C"]["crop_box_px"],
                      "source_size_px": REUSES["09-F2-C"]["source_size_px"],
                      "note": "source panel rotated 90 degrees counterclockwise, then cropped to crop_box_px (80% of "
                              "the area, in the rotated source's pixels), contrast x1.3 around the mean, resized to "
                              "the panel size"},
        "involves": panel_ref(B["01"], "01-F1", "B")})
    problems.append({
        "id": "image-within-1", "family": "images", "kind": "panel_duplicated_within_paper",
        **panel_ref(B["02"], "02-F3", "B"),
        "transform": {"rotation": 0, "crop": 1.0, "contrast": 1.0, "flip": "horizontal",
                      "note": "mirror image of the earlier panel, presented as a different treatment"},
        "involves": panel_ref(B["02"], "02-F1", "C")})
    fig = B["09"].figure("09-F1")
    clone = CLONES["09-F1"]
    problems.append({
        "id": "image-clone-1", "family": "images", "kind": "cloned_region", **panel_ref(B["09"], "09-F1", "A"),
        "source_box_px": clone["source"], "dest_box_px": clone["dest"], "image_px": fig["image_px"],
        "source_bbox": px_to_page(fig, clone["source"]), "dest_bbox": px_to_page(fig, clone["dest"]),
        "note": "cleaved caspase-3 band of lane 5 (3 uM) pasted over lane 6 (10 uM) of the same blot; "
                "px boxes are in the embedded image"})

    # -- statistics -----------------------------------------------------------
    b = B["08"]
    problems.append(stat_record("stats-p-1", b.paper.file, PLANTED_P_SMALL, b.page_of(PLANTED_P_SMALL)))
    b = B["11"]
    problems.append(stat_record("stats-decision-1", b.paper.file, PLANTED_DECISION, b.page_of(PLANTED_DECISION)))
    problems.append(stat_record("stats-p-2", XML_FILE, PLANTED_XML_P, None))
    b = B["08"]
    problems.append({"id": "stats-grim-1", "family": "stats", "kind": "grim_inconsistent", "paper": b.paper.file,
                     "page": b.page_of(PLANTED_GRIM), "raw": PLANTED_GRIM, "n": 18, "items": 1, "scale": [1, 7],
                     "decimals": 2, "note": "3.47 x 18 = 62.46; the nearest possible means are 62/18 = 3.44 and 63/18 = 3.50"})

    # -- per-file entries -----------------------------------------------------------
    involved: dict[str, list[str]] = {}
    for p in problems:
        involved.setdefault(p["paper"], []).append(p["id"])
        if "involves" in p and p["involves"]["paper"] != p["paper"]:
            involved.setdefault(p["involves"]["paper"], []).append(p["id"])
    papers: dict[str, Any] = {}
    for name, b in built.items():
        own = [p["id"] for p in problems if p["paper"] == name]
        papers[name] = {
            "title": b.paper.title, "doi": b.paper.doi, "pages": len(b.page_text),
            "clean": not involved.get(name), "broken": None, "format": "pdf", "deterministic": True,
            "problems": own, "involved_in": [i for i in involved.get(name, []) if i not in own],
            "figures": [{k: f[k] for k in ("figure", "page", "bbox", "kind") if k in f} |
                        ({"panels": f["panels"]} if "panels" in f else {}) for f in b.writer.figures],
            "tables": [{k: t[k] for k in ("table", "page", "bbox", "rows", "cols")} for t in b.writer.tables],
            "statistics": b.statistics,
        }
    for name, meta, fmt in ((TXT_FILE, txt_meta, "txt"), (XML_FILE, xml_meta, "jats-xml")):
        own = [p["id"] for p in problems if p["paper"] == name]
        papers[name] = {"title": meta["title"], "doi": meta["doi"], "pages": None, "clean": not own, "broken": None,
                        "format": fmt, "deterministic": True, "problems": own, "involved_in": [],
                        "statistics": meta["statistics"]}
    for name, info in broken.items():
        papers[name] = {"clean": False, "broken": info["broken"], "format": "pdf", "pages": info.get("pages"),
                        "deterministic": info.get("deterministic", True), "note": info["note"]}
    for name, entry in papers.items():
        entry["sha256"] = None if not entry["deterministic"] else hashlib.sha256((out / name).read_bytes()).hexdigest()

    # -- look-alikes that must not be flagged ------------------------------------
    hard = []
    for sentence in BOILERPLATE:
        where = sorted(n for n, b in built.items() if b.pages_with(first_words(sentence, 20)))
        hard.append({"kind": "shared_boilerplate", "text": sentence, "papers": where})
    hard.append({"kind": "quotation_with_citation", "paper": B["03"].paper.file,
                 "raw": "\u201cerodes the capacity to hold information online long before people report feeling sleepy\u201d [7]"})
    hard.append({"kind": "quotation_with_citation", "paper": B["06"].paper.file,
                 "raw": "\u201cact as both recombination centres and entry points for moisture\u201d [3]"})
    hard.append({"kind": "quotation_with_citation", "paper": B["10"].paper.file,
                 "raw": "\u201cshortly before the point at which the decision to act can be made\u201d [6]"})
    hard.append({"kind": "quotation_with_citation", "paper": B["13"].paper.file,
                 "raw": "\u201c" + QUOTED_FROM_03 + "\u201d [3]", "quotes": B["03"].paper.file,
                 "note": "a sentence of paper 03, quoted in quotation marks and cited (reference 3)"})
    hard.append({"kind": "citation_of_sample_paper", "paper": B["13"].paper.file, "cites": B["03"].paper.file,
                 "note": "reference 3 repeats the title of paper 03"})
    for raw in [s for s in B["03"].statistics if "one-tailed" in s]:
        hard.append({"kind": "one_tailed_test", "paper": B["03"].paper.file, "raw": raw})
    for raw in [s for s in B["03"].statistics if "Bonferroni" in s]:
        hard.append({"kind": "bonferroni_adjusted_p", "paper": B["03"].paper.file, "raw": raw})
    for paper_key, raw in (("03", "mean age 34.7 years, SD = 8.2, N = 23"),
                           ("13", "mean body weight of 26.4 g, SD = 1.9, N = 42"),
                           ("13", "mean body weight of 26.1 g, SD = 1.7, N = 14"),
                           ("12", "mean age was 5.6 years (SD = 0.4)")):
        hard.append({"kind": "continuous_mean", "paper": B[paper_key].paper.file, "raw": raw})
    for b in built.values():
        for raw in b.means:
            hard.append({"kind": "grim_consistent_mean", "paper": b.paper.file, "raw": raw, "n": b.mean_n[raw]["n"],
                         "items": 1, "note": f"{b.mean_n[raw]['sum']} / {b.mean_n[raw]['n']}"})
    hard.append({"kind": "grim_consistent_mean", "paper": TXT_FILE, "raw": "M = 3.90", "n": 31, "items": 1,
                 "note": "121 / 31"})
    hard.append({"kind": "negative_statistic_with_unicode_minus", "paper": B["12"].paper.file,
                 "raw": next(s for s in B["12"].statistics if "\u2212" in s)})
    hard.append({"kind": "statistics_table", "paper": B["10"].paper.file, "table": 2,
                 "page": next(t["page"] for t in B["10"].writer.tables if t["key"] == "10-T2"),
                 "note": "columns Outcome, t, df, p, Cohen's d; every p matches its t and df"})
    hard.append({"kind": "similar_images", "note": "fluorescence cells (01, 07, 09, 13), western blots (01, 07, 09), "
                 "H&E/IHC histology (05, 09, 13) and fin images (02) look alike but come from different seeds; only "
                 "the panels named in problems are reused"})

    return {
        "generator": "sample_papers/generate.py",
        "notes": [
            "page numbers are 1-based; bbox values are PDF points (x0, y0, x1, y1), origin top-left as in PyMuPDF",
            "raw and excerpt strings occur verbatim in page.get_text() after collapsing whitespace",
            "a paper is clean when it carries no planted problem and is not the source of one",
            "broken-encrypted.pdf is re-encrypted with a random key on every run (sha256 null)",
        ],
        "papers": papers,
        "problems": problems,
        "hard_negatives": hard,
    }


def verify(built: dict[str, Built], truth: dict, out: Path) -> None:
    """Check the generated files against the ground truth; raise on mismatch."""
    planted_stats = {p["raw"]: p["paper"] for p in truth["problems"] if p["family"] == "stats"}
    for name, b in built.items():
        doc_text = " ".join(b.page_text)
        bad = []
        for m in STAT_RE.finditer(doc_text):
            if not statistic_is_consistent(m):
                bad.append(m.group(0))
        expected_bad = sorted(r for r, f in planted_stats.items() if f == name and r.startswith(("t(", "F(", "r(", "z ")))
        assert sorted(bad) == expected_bad, (name, bad, expected_bad)
        parsed = len(list(STAT_RE.finditer(doc_text)))
        tests = [s for s in b.statistics if not s.startswith("M =")]
        assert parsed == len(tests), (name, parsed, len(tests), "a statistic was typed by hand or mis-formatted")
        means = re.findall(r"\bM = \d+\.\d+", doc_text)
        planted_means = [p["raw"] for p in truth["problems"] if p["kind"] == "grim_inconsistent" and p["paper"] == name]
        assert sorted(means) == sorted(b.means + planted_means), (name, means, b.means)
        for phrase, _ in TORTURED:
            assert (phrase in doc_text.lower()) == name.startswith("05-"), (name, phrase)
        with pymupdf.open(out / name) as doc:
            for t in b.writer.tables:
                assert doc[t["page"] - 1].find_tables().tables, (name, "table not found", t)
            assert doc.page_count >= 4
    for p in truth["problems"]:
        if p["paper"] in built:
            b = built[p["paper"]]
            for key in ("raw", "excerpt"):
                if key in p:
                    assert p["page"] in b.pages_with(p[key]), (p["id"], key)
            if "involves" in p and "excerpt" in p["involves"]:
                src = built[p["involves"]["paper"]]
                assert p["involves"]["page"] in src.pages_with(p["involves"]["excerpt"]), p["id"]
    for h in truth["hard_negatives"]:
        if "raw" in h and h["paper"] in built:
            assert built[h["paper"]].pages_with(h["raw"]), h
    # no accidental copying between papers: 14-word shingles shared by two papers
    allowed = [PASSAGE_VERBATIM, PASSAGE_EDIT_SOURCE, PASSAGE_EDIT_COPY, QUOTED_FROM_03] + BOILERPLATE
    allowed_shingles = set()
    for s in allowed + [built[f].paper.title for f in built]:
        w = norm(s).split()
        allowed_shingles |= {" ".join(w[i:i + 14]) for i in range(len(w) - 13)}
    seen: dict[str, str] = {}
    for name, b in built.items():
        text = " ".join(b.page_text)
        for s in allowed + [built[f].paper.title for f in built]:
            text = text.replace(norm(s), " | ")
        w = text.split()
        for sh in {" ".join(w[i:i + 14]) for i in range(len(w) - 13)}:
            if sh in seen and seen[sh] != name and sh not in allowed_shingles:
                raise AssertionError(f"unplanned overlap between {seen[sh]} and {name}: {sh!r}")
            seen.setdefault(sh, name)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=HERE, help="output folder (default: next to this script)")
    ap.add_argument("--no-verify", action="store_true", help="skip the self-checks")
    args = ap.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    started = time.time()
    PANELS.clear()
    CLONES.clear()
    REUSES.clear()
    built = {}
    for fn in PAPERS:
        b = build_pdf(fn, out)
        built[b.paper.file] = b
    txt, txt_meta = text_manuscript()
    (out / TXT_FILE).write_text(txt, encoding="utf-8")
    xml, xml_meta = jats_manuscript()
    (out / XML_FILE).write_text(xml, encoding="utf-8")
    assert PLANTED_XML_P in xml
    broken = build_broken(out)
    truth = make_truth(built, txt_meta, xml_meta, broken, out)
    (out / "truth.json").write_text(json.dumps(truth, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if not args.no_verify:
        verify(built, truth, out)
    total = sum((out / n).stat().st_size for n in truth["papers"])
    print(f"wrote {len(truth['papers'])} files ({total / 1e6:.1f} MB) and truth.json to {out} "
          f"in {time.time() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
