#!/usr/bin/env python3
"""Benchmark of the duplicated-image detector: quality per transform and speed.

Usage::

    PYTHONPATH=. python bench/images.py [--per-type 12] [--scale 100000,1000000] [--seed 0]

Builds a labelled set from real images that ship inside scikit-image (CC0:
immunohistochemistry, cell, retina, moon, coins, hubble, grass, gravel, brick
— used when scikit-image is installed) and procedural cells, tissue, grains
and blots (``bench/images_data.py``); plants duplicates under every transform,
clones inside panels, and hard negatives (adjacent tiles of one image, look-
alike blots, other fields of the same kind); lays the panels out into figures
inside PDFs (two panels of a duplicate always in *different* papers, so every
positive goes through the corpus index); runs the real ingestion, corpus and
detector; and prints recall per transform, precision, copy-move recall,
timing, and the Hamming-index query time at 100k / 1M panels.

Baselines on the same pairs: whole-image perceptual hashes (imagehash pHash,
dHash, wHash, aHash at Hamming distance <= 10, the way imagededup's hashing
methods compare images), and imagededup itself when it is importable (it
pulls in torch, so it is not a dependency of the project).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.images_data import (  # noqa: E402
    blot, cells, compose, contrast, crop, grains, jpeg, overlap_pair, pdf_with_figures, plant_clone, resize, rotate, tissue,
)

TRANSFORMS = [
    "exact", "rescale", "jpeg", "contrast", "rot90", "rot180", "rot270", "flip",
    "crop", "crop+rescale", "combination", "partial overlap",
]


def source_images(rng) -> list[np.ndarray]:
    """Large RGB images to cut 260x260 panels from."""
    images = []
    try:
        import skimage.data as data

        def rgb(a):
            return np.stack([a] * 3, -1) if a.ndim == 2 else a[..., :3]

        for name in ("immunohistochemistry", "cell", "retina", "moon", "coins", "hubble_deep_field", "grass", "gravel", "brick"):
            images.append(np.ascontiguousarray(rgb(getattr(data, name)())))
    except ImportError:
        print("(scikit-image not installed: procedural images only)")
    for k in range(4):
        images += [tissue(1000 + k, 520, 520), cells(2000 + k, 520, 520), grains(3000 + k, 520, 520)]
    return images


class WindowPool:
    """Non-overlapping, photo-like windows of the source images, each handed out
    once, so that two planted pairs never share content by accident; fresh
    procedural images when the real ones are used up."""

    def __init__(self, images: list[np.ndarray], rng, size: int = 260):
        from detectors.images.panels import is_photo_like

        self.size, self.rng, self.seed = size, rng, 20_000
        self.windows: list[np.ndarray] = []
        for image in images:
            h, w = image.shape[:2]
            f = 2 * size / min(h, w)  # short side -> 2 x size: a window holds structure, not one blob
            image = resize(image, (int(w * f), int(h * f)))
            for y in range(0, image.shape[0] - size + 1, size):
                for x in range(0, image.shape[1] - size + 1, size):
                    tile = np.ascontiguousarray(image[y : y + size, x : x + size])
                    if is_photo_like(tile, tile.min(axis=2) >= 242):
                        self.windows.append(tile)
        order = rng.permutation(len(self.windows))
        self.windows = [self.windows[i] for i in order]

    def take(self, size: int | None = None) -> np.ndarray:
        size = size or self.size
        if size == self.size and self.windows:
            return self.windows.pop()
        self.seed += 1
        return [tissue, cells, grains][self.seed % 3](self.seed, size, size)


def disguise(kind: str, panel: np.ndarray, rng) -> tuple[np.ndarray, np.ndarray]:
    """(first panel, second panel) of a planted duplicate of this kind."""
    if kind == "exact":
        return panel, panel
    if kind == "rescale":
        s = int(260 * rng.uniform(0.55, 0.85))
        return panel, resize(panel, (s, s))
    if kind == "jpeg":
        return panel, jpeg(panel, int(rng.integers(25, 61)))
    if kind == "contrast":
        return panel, contrast(panel, rng.uniform(0.6, 1.6), rng.uniform(-0.1, 0.1), rng.uniform(0.6, 1.5))
    if kind.startswith("rot"):
        return panel, rotate(panel, int(kind[3:]))
    if kind == "flip":
        return panel, np.ascontiguousarray(panel[:, ::-1] if rng.random() < 0.5 else panel[::-1])
    if kind == "crop":
        return panel, crop(panel, rng.uniform(0.5, 0.9), rng)
    if kind == "crop+rescale":
        return panel, resize(crop(panel, rng.uniform(0.5, 0.9), rng), (260, 260))
    if kind == "combination":
        b = rotate(crop(panel, rng.uniform(0.6, 0.9), rng), int(rng.choice([90, 180, 270])))
        return panel, jpeg(contrast(b[:, ::-1] if rng.random() < 0.5 else b, rng.uniform(0.7, 1.4)), int(rng.integers(40, 80)))
    if kind == "partial overlap":
        wide = resize(panel, (int(260 * 1.7), 260)) if panel.shape[1] < 400 else panel
        return overlap_pair(wide, rng.uniform(0.3, 0.6))
    raise ValueError(kind)


def hard_negatives(pool: WindowPool, rng, count: int) -> list[tuple[np.ndarray, np.ndarray, str]]:
    out = []
    for k in range(count):
        kind = k % 3
        if kind == 0:  # adjacent, non-overlapping tiles of one image
            big = pool.take(520)
            out.append((big[:260, :260].copy(), big[:260, 260:].copy(), "adjacent tiles"))
        elif kind == 1:  # look-alike blots: same lanes and band positions, other samples
            bands = [(30.0, rng.uniform(0.4, 1.0, 6))]
            out.append((blot(5000 + 2 * k, bands=bands), blot(5001 + 2 * k, bands=bands), "similar blots"))
        else:  # another field of the same kind of specimen
            maker = [cells, tissue, grains][(k // 3) % 3]
            out.append((maker(6000 + 2 * k), maker(6001 + 2 * k), "same-kind fields"))
    return out


def build(per_type: int, rng):
    """Papers (lists of panels), the planted pairs and the hard-negative pairs."""
    pool = WindowPool(source_images(rng), rng)
    slots: list[tuple[np.ndarray, str]] = []  # (panel, label)
    positives: dict[tuple[str, str], str] = {}
    negatives: dict[tuple[str, str], str] = {}
    for kind in TRANSFORMS:
        for k in range(per_type):
            a, b = disguise(kind, pool.take(), rng)
            la, lb = f"{kind}-{k}-a", f"{kind}-{k}-b"
            slots += [(a, la), (b, lb)]
            positives[(la, lb)] = kind
    for k, (a, b, kind) in enumerate(hard_negatives(pool, rng, per_type * 3)):
        la, lb = f"neg-{k}-a", f"neg-{k}-b"
        slots += [(a, la), (b, lb)]
        negatives[(la, lb)] = kind
    # Deal the panels into papers of 4 so that the two panels of a pair never share a paper.
    firsts = [s for s in slots if s[1].endswith("-a")]
    seconds = [s for s in slots if s[1].endswith("-b")]
    order = rng.permutation(len(seconds))
    papers = [firsts[i : i + 4] for i in range(0, len(firsts), 4)]
    papers += [[seconds[j] for j in order[i : i + 4]] for i in range(0, len(order), 4)]
    return papers, positives, negatives


def clone_set(per_type: int, rng):
    """Papers with a planted clone in each panel (plain, mirrored, blot lane) and clean ones."""
    papers, truth = [], {}
    for k in range(per_type * 3):
        kind = ["plain", "mirrored", "blot lane"][k % 3]
        if kind == "blot lane":
            strip = blot(7000 + k)
            src_lane, dst_lane = int(rng.integers(0, 3)), int(rng.integers(3, 6))
            sx, dx = 10 + src_lane * 50, 10 + dst_lane * 50
            out = strip.copy()
            out[8:56, dx : dx + 40] = strip[8:56, sx : sx + 40]
            panel, src, dst = out, (sx, 8, sx + 40, 56), (dx, 8, dx + 40, 56)
        else:
            # k steps by 3 within a kind: cycle the specimen with k // 3 so every kind
            # gets cells, tissue and grains (k % 3 would give plain clones only cells).
            maker = [cells, tissue, grains][(k // 3 + (kind == "mirrored")) % 3]
            panel, src, dst = plant_clone(maker(8000 + k), rng, size=rng.uniform(0.15, 0.3), mirrored=kind == "mirrored", min_source_std=12.0)
        truth[f"clone-{k}"] = (kind, src, dst)
        papers.append([(panel, f"clone-{k}")])
    for k in range(per_type * 3):
        papers.append([([cells, tissue, grains][k % 3](9000 + k), f"clean-{k}")])
    for k in range(per_type):
        bands = [(30.0, np.full(6, 0.8))]  # the same band in every lane
        papers.append([(blot(9500 + k, bands=bands), f"clean-blot-{k}")])
    return papers, truth


def run_papers(papers, corpus_url: str, detector):
    from integrity.corpus import Corpus
    from integrity.ingest import ingest_bytes

    corpus = Corpus(corpus_url)
    manuscripts, labels = [], {}
    t0 = time.perf_counter()
    from detectors.images.panels import manuscript_panels

    lost = 0
    for n, paper in enumerate(papers):
        figure, boxes = compose([p for p, _ in paper], 2)
        m = ingest_bytes(pdf_with_figures([figure], f"Bench paper {n}"), f"bench-{n:04d}.pdf")
        manuscripts.append(m)
        found = manuscript_panels(m)
        for (_, label), box in zip(paper, boxes):  # which extracted panel holds which planted one
            best = max(found, key=lambda p: _iou(box, p.pixel_box), default=None)
            if best is None or _iou(box, best.pixel_box) < 0.5:
                lost += 1
                continue
            labels[(m.filename, best.figure_id, best.index + 1)] = label
    if lost:
        print(f"({lost} planted panels were not extracted as photo-like panels)")
    t_ingest = time.perf_counter() - t0
    t0 = time.perf_counter()
    for m in manuscripts:
        corpus.add(m)
    t_index = time.perf_counter() - t0
    t0 = time.perf_counter()
    results = [(m, detector.detect(m, corpus)) for m in manuscripts]
    t_detect = time.perf_counter() - t0
    return results, labels, {"ingest": t_ingest, "index": t_index, "detect": t_detect, "papers": len(papers)}


def label_of(labels, ref):
    return labels.get((ref["manuscript"]["filename"], ref["figure"], ref["panel"]))


def quality(results, labels, positives, negatives):
    found = set()
    for m, result in results:
        for f in result.findings:
            if f.kind == "duplicated_image":
                found.add(frozenset({label_of(labels, f.evidence["a"]), label_of(labels, f.evidence["b"])}))
    rows = []
    for kind in TRANSFORMS:
        pairs = [frozenset(p) for p, k in positives.items() if k == kind]
        rows.append((kind, sum(p in found for p in pairs), len(pairs)))
    planted = {frozenset(p) for p in positives}
    false = [p for p in found if p not in planted]
    neg_hits = [negatives.get(tuple(sorted(p)), "other") for p in false]
    return rows, len(found) - len(false), len(false), neg_hits


def baselines(papers, positives):
    """Whole-image hash baselines (and imagededup when importable) on the same panels."""
    import imagehash
    from PIL import Image

    panels = {label: Image.fromarray(p) for paper in papers for p, label in paper}
    methods = {"pHash": imagehash.phash, "dHash": imagehash.dhash, "wHash": imagehash.whash, "aHash": imagehash.average_hash}
    out = {}
    labels = sorted(panels)
    for name, fn in methods.items():
        hashes = {label: fn(panels[label]) for label in labels}
        found = {frozenset({a, b}) for i, a in enumerate(labels) for b in labels[i + 1 :] if hashes[a] - hashes[b] <= 10}
        out[f"{name} (imagehash, d<=10)"] = found
    try:
        from imagededup.methods import PHash  # noqa: F401  (pulls in torch)

        from imagededup.methods import AHash, DHash, WHash

        with tempfile.TemporaryDirectory() as folder:
            for label, image in panels.items():
                image.save(Path(folder) / f"{label}.png")
            for name in list(logging.root.manager.loggerDict):
                if name.startswith("imagededup"):
                    logging.getLogger(name).setLevel(logging.WARNING)  # its modules log every step at DEBUG
            for cls in (PHash, DHash, WHash, AHash):
                dups = cls(verbose=False).find_duplicates(image_dir=folder, max_distance_threshold=10)
                out[f"imagededup {cls.__name__}"] = {frozenset({k[:-4], v[:-4]}) for k, vs in dups.items() for v in vs}
    except ImportError:
        print("(imagededup not importable: its columns are skipped; whole-image imagehash baselines shown instead)")
    table = {}
    for name, found in out.items():
        per = [sum(frozenset(p) in found for p, k in positives.items() if k == kind) for kind in TRANSFORMS]
        false = len([p for p in found if tuple(sorted(p)) not in positives and tuple(sorted(p, reverse=True)) not in positives])
        table[name] = (per, false, len(found))
    return table


def scale_test(sizes: list[int], hashes_per_panel: int = 30, query_hashes: int = 40):
    from detectors.images.hashing import dihedral_variants
    from detectors.images.search import MultiIndexHash

    rng = np.random.default_rng(1)
    rows = []
    for n in sizes:
        index = MultiIndexHash()
        total = n * hashes_per_panel
        t0 = time.perf_counter()
        for start in range(0, total, 5_000_000):
            count = min(5_000_000, total - start)
            index.add(np.arange(start, start + count) // hashes_per_panel, rng.integers(0, 2**63, count, dtype=np.int64).view(np.uint64))
        index._fold_tail()
        build = time.perf_counter() - t0
        queries = dihedral_variants(rng.integers(0, 2**63, query_hashes, dtype=np.int64).view(np.uint64)).ravel()
        index.query(queries, 10)
        t0 = time.perf_counter()
        for _ in range(5):
            index.query(queries, 10)
        rows.append((n, total, build, (time.perf_counter() - t0) / 5))
        del index
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-type", type=int, default=12)
    parser.add_argument("--scale", default="100000,1000000")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    os.environ.setdefault("INTEGRITY_HOME", tempfile.mkdtemp(prefix="bench-images-"))
    from detectors.images import ImageDuplicationDetector
    from detectors.images.hashing import panel_hashes
    from detectors.images.verify import compute_features, match_pair

    rng = np.random.default_rng(args.seed)
    detector = ImageDuplicationDetector()
    papers, positives, negatives = build(args.per_type, rng)
    n_panels = sum(len(p) for p in papers)
    with tempfile.TemporaryDirectory() as tmp:
        results, labels, times = run_papers(papers, f"sqlite:///{tmp}/bench.db", detector)
    rows, true_found, false_found, neg_hits = quality(results, labels, positives, negatives)
    print(f"\n## Duplicates across papers ({len(positives)} planted pairs, {len(negatives)} hard-negative pairs, {n_panels} panels in {len(papers)} PDFs)\n")
    base = baselines(papers, positives)
    names = list(base)
    print("| transform | detector recall | " + " | ".join(names) + " |")
    print("|---|---|" + "---|" * len(names))
    for i, (kind, hit, total) in enumerate(rows):
        print(f"| {kind} | {hit}/{total} = {hit / total:.2f} | " + " | ".join(f"{base[n][0][i] / total:.2f}" for n in names) + " |")
    precision = true_found / max(true_found + false_found, 1)
    print(f"| **all** | {true_found}/{len(positives)} = {true_found / len(positives):.2f} | "
          + " | ".join(f"{sum(base[n][0]) / len(positives):.2f}" for n in names) + " |")
    print(f"| precision | {precision:.3f} ({false_found} false pairs: {dict(_count(neg_hits))}) | "
          + " | ".join(f"{(sum(base[n][0]) / max(base[n][2], 1)):.3f}" for n in names) + " |")

    clone_papers, truth = clone_set(args.per_type, rng)
    with tempfile.TemporaryDirectory() as tmp:
        cresults, clabels, ctimes = run_papers(clone_papers, f"sqlite:///{tmp}/clones.db", detector)
    hits, false_clones = defaultdict(int), 0
    for m, result in cresults:
        for f in result.findings:
            if f.kind != "cloned_region":
                continue
            label = label_of(clabels, f.evidence["panel"])
            if label in truth:
                _, src, dst = truth[label]
                boxes = (f.evidence["source_px"], f.evidence["dest_px"])
                if max(_iou(src, b) for b in boxes) >= 0.3 and max(_iou(dst, b) for b in boxes) >= 0.3:
                    hits[label] = 1
            else:
                false_clones += 1
    print(f"\n## Cloned regions inside panels ({len(truth)} planted, {len(clone_papers) - len(truth)} clean panels)\n")
    print("| clone kind | recall (boxes IoU >= 0.3) |\n|---|---|")
    for kind in ("plain", "mirrored", "blot lane"):
        labels_k = [k for k, v in truth.items() if v[0] == kind]
        print(f"| {kind} | {sum(hits[k] for k in labels_k)}/{len(labels_k)} = {sum(hits[k] for k in labels_k) / len(labels_k):.2f} |")
    print(f"| all | {sum(hits.values())}/{len(truth)} = {sum(hits.values()) / len(truth):.2f} |")
    print(f"| false clones in clean panels | {false_clones} |")

    # Speed of the two stages on their own.
    from detectors.images.panels import manuscript_panels

    sample = [p for m, _ in results[:40] for p in manuscript_panels(m)]
    t0 = time.perf_counter()
    for p in sample:
        panel_hashes(p.grey, p.mask)
    t_hash = (time.perf_counter() - t0) / len(sample)
    feats = [(p.grey, compute_features(p.grey, p.mask), compute_features(np.ascontiguousarray(p.grey[:, ::-1]))) for p in sample[:20]]
    t0 = time.perf_counter()
    pairs = 0
    for i in range(len(feats) - 1):
        a, b = feats[i], feats[i + 1]
        match_pair(a[0], a[1], b[0], b[1], b[2])
        pairs += 1
    t_verify = (time.perf_counter() - t0) / pairs
    print("\n## Speed (2 cores, one process)\n")
    print("| stage | figure |\n|---|---|")
    print(f"| hashing (whole + local patch hashes) | {1 / t_hash:.1f} panels/s ({t_hash * 1000:.0f} ms/panel) |")
    print(f"| verification (SIFT matching + RANSAC + pixel check, features precomputed) | {1 / t_verify:.1f} pairs/s ({t_verify * 1000:.0f} ms/pair) |")
    print(f"| ingestion | {times['ingest'] / times['papers'] * 1000:.0f} ms/paper |")
    print(f"| corpus indexing (panels, hashes, thumbnails) | {n_panels / times['index']:.1f} panels/s |")
    print(f"| detection, end to end incl. features, search, verification, clones, evidence | {n_panels / times['detect']:.1f} panels/s ({times['detect'] / times['papers']:.2f} s/paper) |")
    sizes = [int(s) for s in args.scale.split(",") if s]
    if sizes:
        print("\n## Hamming index (multi-index hashing), random hashes\n")
        print("| panels | hashes | build s | one panel's query (40 hashes x 8 orientations, d<=10) |\n|---|---|---|---|")
        for n, total, build_s, query_s in scale_test(sizes):
            print(f"| {n:,} | {total:,} | {build_s:.1f} | {query_s * 1000:.1f} ms |")


def _count(items):
    out = defaultdict(int)
    for i in items:
        out[i] += 1
    return out


def _iou(a, b) -> float:
    ix = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - ix * iy
    return ix * iy / union if union else 0.0


if __name__ == "__main__":
    main()
