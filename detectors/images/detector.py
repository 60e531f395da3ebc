"""The duplicated-image detector: panels -> hash candidates -> keypoint
verification -> findings with side-by-side evidence; plus cloned regions
inside each panel."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from detectors.base import Detector
from detectors.evidence import image_block, note_block
from detectors.images import render
from detectors.images.copy_move import Clone, CloneOptions, find_clones
from detectors.images.hashing import PanelHashes, panel_hashes
from detectors.images.panels import PanelImage, clean_grey, manuscript_panels
from detectors.images.search import MultiIndexHash
from detectors.images.verify import Features, PairMatch, VerifyOptions, compute_features, match_aligned, match_pair
from integrity.models import DetectorResult, EvidenceImage, Finding, Location, Manuscript, Severity

SCOPES = {"figure": "within one figure", "paper": "within the paper", "corpus": "across papers"}


@dataclass
class _Analysed:
    """A panel (this manuscript's or a corpus one) ready for verification."""

    rgb: np.ndarray = field(repr=False)
    grey: np.ndarray = field(repr=False)
    features: Features = field(repr=False)
    mirrored: Features = field(repr=False)
    ref: dict[str, Any] = field(default_factory=dict)  # manuscript, page, figure, panel, bbox, panel_box
    hashes: PanelHashes | None = field(default=None, repr=False)


def _analyse(rgb: np.ndarray, grey: np.ndarray, mask: np.ndarray, ref: dict, with_hashes: bool) -> _Analysed:
    feats = compute_features(grey, mask)
    mirrored = compute_features(np.ascontiguousarray(grey[:, ::-1]), np.ascontiguousarray(mask[:, ::-1]))
    hashes = panel_hashes(grey, mask) if with_hashes else None
    return _Analysed(rgb, grey, feats, mirrored, ref, hashes)


def _verify(a: _Analysed, b: _Analysed, whole_hit: bool, options: VerifyOptions) -> PairMatch | None:
    """Keypoint verification; for panels whose whole-panel hashes agree, whole-panel
    alignment when keypoints are too few to decide (a single cell on black)."""
    match = match_pair(a.grey, a.features, b.grey, b.features, b.mirrored, options)
    if match is None and whole_hit:
        match = match_aligned(a.grey, b.grey, options)
    return match


def _to_pdf(ref: dict, box, shape) -> list[float]:
    """A box in a panel's analysis pixels -> PDF points on its page."""
    x0, y0, x1, y1 = ref["bbox"]
    h, w = shape[:2]
    sx, sy = (x1 - x0) / w, (y1 - y0) / h
    return [round(x0 + box[0] * sx, 2), round(y0 + box[1] * sy, 2), round(x0 + box[2] * sx, 2), round(y0 + box[3] * sy, 2)]


class ImageDuplicationDetector(Detector):
    """Reused images (within a figure, within the paper, across the corpus),
    also when rotated, mirrored, rescaled, cropped or partly overlapping, and
    cloned regions inside a panel.

    Parameters
    ----------
    hash_distance : int, default 10
        Largest Hamming distance (of 63 bits) at which two panel or patch hashes
        make a candidate pair.
    min_votes : int, default 2
        Matching hashes needed before a corpus panel is verified (one whole-panel
        match counts as ``min_votes``); within the paper one suffices.
    max_candidates : int, default 8
        Corpus panels verified per panel of the manuscript, most votes first.
    min_inliers : int, default 10
        RANSAC inliers (keypoint matches consistent with one similarity
        transform) needed to accept a pair.
    min_correlation : float, default 0.45
        Correlation of band-passed pixels over the shared region, after
        alignment, needed to accept a pair (rejects look-alike blots and fields).
    min_aligned_correlation : float, default 0.85
        Correlation needed to accept panels whose whole-panel hashes agree but
        that have too few keypoints to verify (one cell on black), after turning
        one onto the other through the 8 orientations.
    ratio : float, default 0.8
        Lowe's ratio test for keypoint matches.
    detect_clones : bool, default True
        Also search each panel for cloned regions (copy-move).
    clone_max_residual : float, default 2.0
        Mean absolute grey-level difference allowed between a region and its clone.
    clone_min_region_px : int, default 300
        Smallest cloned area reported (analysis pixels, panels at most 512 px).
    min_confidence : float, default 0.5
        Findings below this confidence are dropped.
    """

    name = "images"
    family = "images"
    description = "Duplicated, repositioned (rotated, mirrored, rescaled, cropped) or internally cloned image panels, within the paper and across the corpus."
    uses_text = False
    uses_figures = True

    def __init__(
        self,
        hash_distance: int = 10,
        min_votes: int = 2,
        max_candidates: int = 8,
        min_inliers: int = 10,
        min_correlation: float = 0.45,
        min_aligned_correlation: float = 0.85,
        ratio: float = 0.8,
        detect_clones: bool = True,
        clone_max_residual: float = 2.0,
        clone_min_region_px: int = 300,
        min_confidence: float = 0.5,
    ):
        self.hash_distance = hash_distance
        self.min_votes = min_votes
        self.max_candidates = max_candidates
        self.min_inliers = min_inliers
        self.min_correlation = min_correlation
        self.min_aligned_correlation = min_aligned_correlation
        self.ratio = ratio
        self.detect_clones = detect_clones
        self.clone_max_residual = clone_max_residual
        self.clone_min_region_px = clone_min_region_px
        self.min_confidence = min_confidence

    # -- orchestration -----------------------------------------------------------

    def detect(self, manuscript: Manuscript, corpus: Any = None) -> DetectorResult:
        panels = manuscript_panels(manuscript)
        doc = {"id": manuscript.id, "filename": manuscript.filename}
        own = [_analyse(p.rgb, p.grey, p.mask, self._ref(doc, p), with_hashes=True) for p in panels]
        verify_options = VerifyOptions(
            ratio=self.ratio, min_inliers=self.min_inliers, min_correlation=self.min_correlation,
            min_aligned_correlation=self.min_aligned_correlation,
        )
        findings: list[Finding] = []
        for (i, j), whole_hit in self._paper_candidates(own, panels):
            match = _verify(own[i], own[j], whole_hit, verify_options)
            if match is not None:
                scope = "figure" if panels[i].figure_id == panels[j].figure_id else "paper"
                findings.append(self._pair_finding(own[i], own[j], match, scope, len(findings) + 1))
        images = getattr(corpus, "images", None) if corpus is not None else None
        if images is not None and own:
            findings += self._corpus_findings(own, images, manuscript.id, verify_options, len(findings))
        if self.detect_clones:
            clone_options = CloneOptions(max_residual=self.clone_max_residual, min_region_px=self.clone_min_region_px)
            for panel, item in zip(panels, own):
                if panel.source == "page-scan":
                    continue  # a scanned page repeats glyphs and rules: copy-move would flag the text
                for clone in find_clones(item.grey, item.features, item.mirrored, clone_options)[:3]:
                    findings.append(self._clone_finding(item, clone, len(findings) + 1))
        findings = [f for f in findings if f.confidence >= self.min_confidence]
        return DetectorResult(findings, {"image_panels": [{**p.to_panel().__dict__, "page": p.page} for p in panels]})

    @staticmethod
    def _ref(doc: dict, p: PanelImage) -> dict:
        return {"manuscript": doc, "page": p.page, "figure": p.figure_id, "panel": p.index + 1, "bbox": [round(v, 2) for v in p.bbox], "caption": p.caption}

    # -- candidates ----------------------------------------------------------------

    def _votes(self, hashes: PanelHashes, qi: np.ndarray, ids: np.ndarray) -> dict[int, tuple[int, bool]]:
        """Per matched panel id: (distinct query hashes that hit it, whether a
        whole-panel hash did); a whole-panel hit also adds ``min_votes``."""
        rows = qi // 8
        votes: dict[int, set] = defaultdict(set)
        for row, pid in zip(rows.tolist(), ids.tolist()):
            votes[pid].add(row)
        whole = set(np.flatnonzero(hashes.kinds == 0).tolist())
        return {pid: (len(rs) + (self.min_votes if rs & whole else 0), bool(rs & whole)) for pid, rs in votes.items()}

    def _paper_candidates(self, own: list[_Analysed], panels: list[PanelImage]) -> list[tuple[tuple[int, int], bool]]:
        """((i, j), whole-panel hashes hit) of the pairs of this paper's panels worth verifying."""
        index = MultiIndexHash()
        for i, item in enumerate(own):
            index.add(np.full(len(item.hashes.hashes), i), item.hashes.hashes)
        pairs: dict[tuple[int, int], tuple[int, bool]] = {}
        for i, item in enumerate(own):
            qi, ids, _ = index.query(item.hashes.query_variants().ravel(), self.hash_distance)
            for j, (votes, whole_hit) in self._votes(item.hashes, qi, ids).items():
                if j == i or (panels[i].source == "page-scan" and panels[i].figure_id == panels[j].figure_id):
                    continue
                key = (min(i, j), max(i, j))
                before = pairs.get(key, (0, False))
                pairs[key] = (max(before[0], votes), before[1] or whole_hit)
        ranked = sorted(pairs, key=lambda k: (-pairs[k][0], k))
        return [(key, pairs[key][1]) for key in sorted(ranked[: self.max_candidates * max(len(own), 1)])]

    def _corpus_findings(self, own, images, manuscript_id: str, options: VerifyOptions, numbered: int) -> list[Finding]:
        findings: list[Finding] = []
        cache: dict[int, _Analysed | None] = {}
        for item in own:
            qi, ids, _ = images.search(item.hashes.query_variants().ravel(), self.hash_distance)
            votes = self._votes(item.hashes, qi, ids)
            ranked = [pid for pid, v in sorted(votes.items(), key=lambda kv: (-kv[1][0], kv[0])) if v[0] >= self.min_votes]
            ranked = [pid for pid in ranked if images.document_of(pid) not in (None, manuscript_id)][: self.max_candidates]
            for pid in ranked:
                if pid not in cache:
                    cache[pid] = self._load(images, pid)
                other = cache[pid]
                if other is None:
                    continue
                match = _verify(item, other, votes[pid][1], options)
                if match is not None:
                    findings.append(self._pair_finding(item, other, match, "corpus", numbered + len(findings) + 1))
        return findings

    @staticmethod
    def _load(images, panel_id: int) -> _Analysed | None:
        row = images.panel(panel_id)
        if row is None:
            return None
        grey, mask = clean_grey(row["rgb"])
        ref = {
            "manuscript": {"id": row["document_id"], "filename": row["filename"]}, "page": row["page"], "figure": row["figure_id"],
            "panel": row["panel_index"] + 1, "bbox": [round(v, 2) for v in row["bbox"]], "caption": "",
        }
        return _analyse(row["rgb"], grey, mask, ref, with_hashes=False)

    # -- findings ------------------------------------------------------------------

    def _pair_finding(self, a: _Analysed, b: _Analysed, match: PairMatch, scope: str, number: int) -> Finding:
        transform = match.describe()
        full_copy = transform["coverage_a"] >= 0.9 and transform["coverage_b"] >= 0.9
        severity = Severity.HIGH if scope != "figure" or full_copy else Severity.MEDIUM
        if match.confidence < 0.65:
            severity = Severity.MEDIUM if severity == Severity.HIGH else Severity.LOW
        ra, rb = a.ref, b.ref
        region_a = _to_pdf(ra, match.box_a, a.grey.shape)
        region_b = _to_pdf(rb, match.box_b, b.grey.shape)
        where_b = f"{rb['figure']} panel {rb['panel']} (page {rb['page']})"
        if scope == "corpus":
            where_b = f"{rb['manuscript']['filename']}, {where_b}"
        title = f"Image reused {SCOPES[scope]}: {ra['figure']} panel {ra['panel']} and {where_b}"
        how = (
            f"{match.inliers} keypoint matches agree on one transform and the aligned pixels correlate at {match.correlation:.2f}"
            if match.method == "keypoints" else
            f"their whole-panel hashes agree and, turned onto each other, their pixels correlate at {match.correlation:.2f}"
            " (too few keypoints to match features)"
        )
        explanation = (
            f"Panel {ra['panel']} of {ra['figure']} (page {ra['page']}) and {where_b} show the same image"
            f" ({transform['kind']}): {how}. The outlined regions are the part both panels show."
            " Confirm that the two panels are meant to show different samples or conditions."
        )
        png, w, h, boxes = render.pair_picture(a.rgb, b.rgb, match)
        png2, w2, h2, boxes2 = render.aligned_picture(a.rgb, b.rgb, match)
        names = (f"image-pair-{number}.png", f"image-pair-{number}-aligned.png")
        caption = f"A: {ra['figure']} panel {ra['panel']}, page {ra['page']} | B: {where_b} — {transform['kind']}; confidence {match.confidence:.2f}"
        display = [
            {**image_block(names[0], caption, boxes), "width": w, "height": h},
            {**image_block(names[1], "B rotated/mirrored/rescaled onto A's frame", boxes2), "width": w2, "height": h2},
            note_block(f"Transform B→A: {transform['kind']}; rotation {transform['rotation_degrees']}°, scale ×{transform['scale']}, "
                       f"{transform['coverage_a']:.0%} of A and {transform['coverage_b']:.0%} of B are shared."),
        ]
        locations = [Location(page=ra["page"], bbox=tuple(region_a), figure=ra["figure"])]
        if scope != "corpus":
            locations.append(Location(page=rb["page"], bbox=tuple(region_b), figure=rb["figure"]))
        evidence = {
            "scope": scope,
            "a": {**ra, "region": region_a, "region_px": [round(v, 1) for v in match.box_a]},
            "b": {**rb, "region": region_b, "region_px": [round(v, 1) for v in match.box_b]},
            "transform": transform,
            "display": display,
        }
        return Finding(
            self.name, "duplicated_image", severity, match.confidence, title, explanation, locations, evidence,
            [EvidenceImage(names[0], png, caption), EvidenceImage(names[1], png2, "B aligned to A")],
        )

    def _clone_finding(self, item: _Analysed, clone: Clone, number: int) -> Finding:
        ref = item.ref
        severity = Severity.HIGH if clone.confidence >= 0.75 else Severity.MEDIUM
        if clone.method == "blocks":
            # Block matches alone also fire on near-noiseless look-alikes (identical loading-control
            # lanes, dark backgrounds): a reason to look, but a weak one until keypoints agree.
            severity = Severity.LOW
        source, dest = _to_pdf(ref, clone.source, item.grey.shape), _to_pdf(ref, clone.dest, item.grey.shape)
        kind = "mirrored copy" if clone.mirrored else "copy"
        png, w, h, boxes = render.clone_picture(item.rgb, clone.source, clone.dest)
        name = f"image-clone-{number}.png"
        caption = f"{ref['figure']} panel {ref['panel']}, page {ref['page']}: region B is a {kind} of region A; confidence {clone.confidence:.2f}"
        return Finding(
            self.name, "cloned_region", severity, clone.confidence,
            f"Cloned region inside {ref['figure']} panel {ref['panel']}",
            f"Inside panel {ref['panel']} of {ref['figure']} (page {ref['page']}), region B is a {kind} of region A: the two agree"
            f" pixel for pixel up to compression noise (mean difference {clone.residual:.1f} grey levels, {clone.support} matching"
            f" {clone.method}). Independent areas of an image never agree this closely; check the original image.",
            [Location(page=ref["page"], bbox=tuple(source), figure=ref["figure"]), Location(page=ref["page"], bbox=tuple(dest), figure=ref["figure"])],
            {
                "scope": "panel", "panel": ref, "source": source, "dest": dest, "mirrored": clone.mirrored,
                "source_px": [round(v, 1) for v in clone.source], "dest_px": [round(v, 1) for v in clone.dest],
                "method": clone.method, "residual": clone.residual,
                "display": [{**image_block(name, caption, boxes), "width": w, "height": h}],
            },
            [EvidenceImage(name, png, caption)],
        )
