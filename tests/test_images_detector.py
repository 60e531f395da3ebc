"""The duplicated-image detector on small built PDFs: every transform found,
hard negatives not flagged, clone boxes where they were planted, cross-paper
search through the corpus index, evidence pictures that render."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from bench.images_data import (
    blot, cells, compose, contrast, crop, grains, jpeg, overlap_pair, pdf_with_figures, plant_clone, resize, rotate, tissue,
)
from detectors.images import ImageDuplicationDetector, manuscript_panels
from integrity.corpus import Corpus
from integrity.ingest import ingest_bytes
from integrity.models import Severity

RNG_SEED = 7


def _pairs(result) -> dict[frozenset, dict]:
    out = {}
    for f in result.findings:
        if f.kind == "duplicated_image":
            a, b = f.evidence["a"], f.evidence["b"]
            out[frozenset({(a["figure"], a["panel"]), (b["figure"], b["panel"])})] = f.evidence
    return out


@pytest.fixture(scope="module")
def planted():
    """One paper with a planted duplicate for each transform, one per figure row."""
    rng = np.random.default_rng(RNG_SEED)
    t, c, g, t2, c2, g2 = tissue(11), cells(12), grains(13), tissue(14), cells(15), grains(16)
    left, right = overlap_pair(tissue(17, w=360), 0.45)
    figures = [
        compose([t, rotate(t, 90), c, c[:, ::-1].copy()], 2),  # rotation, mirror
        compose([g, crop(g, 0.6, rng), t2, jpeg(resize(t2, (190, 190)), 40)], 2),  # crop, rescale + JPEG
        compose([c2, contrast(rotate(c2, 180), 1.4, gamma=0.8), left, right], 2),  # rotation + contrast, partial overlap
        compose([g2, resize(crop(g2, 0.7, rng), (260, 260))], 2),  # crop then rescale
    ]
    pdf = pdf_with_figures([f for f, _ in figures], "Planted duplicates")
    manuscript = ingest_bytes(pdf, "planted.pdf")
    return manuscript, ImageDuplicationDetector().detect(manuscript)


EXPECTED = {
    "rotation 90": (("p1-f1", 1), ("p1-f1", 2), "rotated 90°"),
    "mirror": (("p1-f1", 3), ("p1-f1", 4), "mirrored"),
    "crop": (("p2-f1", 1), ("p2-f1", 2), "cropped"),
    "rescale+jpeg": (("p2-f1", 3), ("p2-f1", 4), "rescaled"),
    "rotation 180+contrast": (("p3-f1", 1), ("p3-f1", 2), "rotated 180°"),
    "partial overlap": (("p3-f1", 3), ("p3-f1", 4), "partial overlap"),
    "crop+rescale": (("p4-f1", 1), ("p4-f1", 2), "cropped"),
}


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_each_transform_is_found_and_described(planted, case):
    _, result = planted
    a, b, word = EXPECTED[case]
    evidence = _pairs(result).get(frozenset({a, b}))
    assert evidence is not None, f"{case} not found; found {list(_pairs(result))}"
    assert word in evidence["transform"]["kind"]
    assert evidence["scope"] == "figure"


def test_no_spurious_pairs_in_planted_paper(planted):
    _, result = planted
    expected = {frozenset({a, b}) for a, b, _ in EXPECTED.values()}
    assert set(_pairs(result)) <= expected
    assert not [f for f in result.findings if f.kind == "cloned_region"]


def test_evidence_pictures_render_with_boxes(planted):
    _, result = planted
    finding = next(f for f in result.findings if f.kind == "duplicated_image")
    assert len(finding.images) == 2
    names = {im.name for im in finding.images}
    for block in finding.evidence["display"]:
        if block["type"] != "image":
            continue
        assert block["image"] in names
        image = Image.open(io.BytesIO(next(im.png for im in finding.images if im.name == block["image"])))
        assert (image.width, image.height) == (block["width"], block["height"])
        for box in block["boxes"]:
            x0, y0, x1, y1 = box["box"]
            assert 0 <= x0 < x1 <= block["width"] + 1 and 0 <= y0 < y1 <= block["height"] + 1
    a = finding.evidence["a"]
    assert a["manuscript"]["filename"] == "planted.pdf" and a["page"] >= 1 and len(a["bbox"]) == 4
    assert finding.severity == Severity.HIGH and finding.confidence >= 0.8


def test_whole_panel_alignment_finds_copies_without_keypoint_support(planted):
    """With keypoint verification made impossible, whole-panel copies are still
    confirmed by turning one panel onto the other; crops (not whole panels) are not."""
    manuscript, _ = planted
    result = ImageDuplicationDetector(min_inliers=10_000).detect(manuscript)
    pairs = _pairs(result)
    for case in ("rotation 90", "mirror", "rescale+jpeg", "rotation 180+contrast"):
        a, b, word = EXPECTED[case]
        evidence = pairs.get(frozenset({a, b}))
        assert evidence is not None, f"{case} not found by alignment; found {list(pairs)}"
        assert word in evidence["transform"]["kind"] and evidence["transform"]["method"] == "aligned"
    for case in ("crop", "partial overlap", "crop+rescale"):
        a, b, _ = EXPECTED[case]
        assert frozenset({a, b}) not in pairs
    finding = next(f for f in result.findings if f.kind == "duplicated_image")
    assert "too few keypoints" in finding.explanation


def test_lone_cell_on_black_is_matched_by_alignment_not_keypoints():
    """One small cell on a dark field has too few keypoints for RANSAC; turned
    through the 8 orientations, its rotated copy lines up and another cell does not."""
    from detectors.images.panels import clean_grey
    from detectors.images.verify import compute_features, match_aligned, match_pair

    def lone_cell(seed: int) -> np.ndarray:
        rng = np.random.default_rng(seed)
        canvas = np.clip(rng.normal(8, 2, (260, 260, 3)), 0, 255).astype(np.uint8)
        canvas[160:194, 50:84] = resize(cells(seed)[90:170, 90:170], (34, 34))
        return canvas

    a, other = clean_grey(lone_cell(5))[0], clean_grey(lone_cell(6))[0]
    b = np.ascontiguousarray(a[::-1, ::-1])
    features = [compute_features(x) for x in (a, b, np.ascontiguousarray(b[:, ::-1]))]
    assert match_pair(a, features[0], b, features[1], features[2]) is None  # the keypoint path cannot decide
    match = match_aligned(a, b)
    assert match is not None and match.describe()["kind"] == "rotated 180°" and match.confidence >= 0.9
    assert match_aligned(a, other) is None


def test_hard_negatives_are_not_flagged():
    """Adjacent tiles of one image, look-alike blots, cells and tissue from other seeds."""
    big = tissue(40, h=300, w=520)
    big_cells = cells(41, h=300, w=520)
    lanes = [(30.0, np.array([0.9, 0.7, 0.8, 0.5, 0.9, 0.6]))]
    figures = [
        compose([big[:, :260].copy(), big[:, 260:].copy(), big_cells[:, :260].copy(), big_cells[:, 260:].copy()], 2),
        compose([blot(50, bands=lanes), blot(51, bands=lanes), blot(52, bands=lanes)], 1, cell=310),
        compose([cells(60), cells(61), tissue(62), tissue(63), grains(64), grains(65)], 3),
    ]
    manuscript = ingest_bytes(pdf_with_figures([f for f, _ in figures], "Clean control"), "clean.pdf")
    assert len(manuscript_panels(manuscript)) == 4 + 3 + 6
    assert [f.title for f in ImageDuplicationDetector().detect(manuscript).findings] == []
    # Nor by whole-panel alignment alone (look-alike blots have their bands in the same places).
    assert [f.title for f in ImageDuplicationDetector(min_inliers=10_000).detect(manuscript).findings] == []


def test_clones_are_found_with_their_boxes():
    rng = np.random.default_rng(3)
    plain, src, dst = plant_clone(tissue(70), rng)
    mirrored, msrc, mdst = plant_clone(grains(71), rng, mirrored=True)
    band_strip = blot(72)
    lane = (10, 0, 50, 64)  # first lane: x 10..50
    clone_strip = band_strip.copy()
    clone_strip[8:56, 160:200] = band_strip[8:56, 10:50]  # lane 1 band copied onto lane 4
    figure, boxes = compose([plain, mirrored, clone_strip], 3, cell=310)
    manuscript = ingest_bytes(pdf_with_figures([figure], "Clones"), "clones.pdf")
    result = ImageDuplicationDetector().detect(manuscript)
    clones = {(f.evidence["panel"]["panel"]): f for f in result.findings if f.kind == "cloned_region"}
    assert set(clones) == {1, 2, 3}, [f.title for f in result.findings]
    for panel, (s, d), is_mirrored in ((1, (src, dst), False), (2, (msrc, mdst), True)):
        ev = clones[panel].evidence
        found = {tuple(ev["source_px"]), tuple(ev["dest_px"])}
        for truth in (s, d):
            assert max(_iou(truth, box) for box in found) >= 0.6, (truth, found)
        assert ev["mirrored"] is is_mirrored
    strip = clones[3].evidence
    assert max(_iou((10, 8, 50, 56), tuple(b)) for b in (strip["source_px"], strip["dest_px"])) >= 0.4
    assert lane  # documents where the copied lane sits
    # The source box in PDF points lies inside the panel's bbox.
    ev = clones[1].evidence
    px0, py0, px1, py1 = ev["panel"]["bbox"]
    x0, y0, x1, y1 = ev["source"]
    assert px0 <= x0 < x1 <= px1 + 0.5 and py0 <= y0 < y1 <= py1 + 0.5


def _iou(a, b) -> float:
    ix = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union else 0.0


def test_cross_paper_reuse_through_the_corpus(tmp_path):
    rng = np.random.default_rng(5)
    original = tissue(80)
    reused = contrast(crop(rotate(original, 270), 0.65, rng), 1.3)
    first = ingest_bytes(pdf_with_figures([compose([original, cells(81)], 2)[0]], "First"), "first.pdf")
    second = ingest_bytes(pdf_with_figures([compose([grains(82), reused], 2)[0]], "Second"), "second.pdf")
    unrelated = ingest_bytes(pdf_with_figures([compose([tissue(83), cells(84)], 2)[0]], "Third"), "third.pdf")
    corpus = Corpus(f"sqlite:///{tmp_path}/x.db")
    for m in (first, second, unrelated):
        assert corpus.add(m)
    assert corpus.stats()["images"]["panels"] == 6
    detector = ImageDuplicationDetector()
    found = detector.detect(second, corpus).findings
    assert len(found) == 1, [f.title for f in found]
    ev = found[0].evidence
    assert ev["scope"] == "corpus" and ev["b"]["manuscript"]["id"] == first.id and ev["b"]["manuscript"]["filename"] == "first.pdf"
    assert ev["a"]["panel"] == 2 and ev["b"]["panel"] == 1
    # A (the reused panel) was the original turned 270° counter-clockwise, so B is A turned 90°.
    assert "rotated 90°" in ev["transform"]["kind"] and "cropped" in ev["transform"]["kind"]
    assert found[0].severity == Severity.HIGH
    assert [f.evidence["b"]["manuscript"]["id"] for f in detector.detect(first, corpus).findings] == [second.id]
    assert detector.detect(unrelated, corpus).findings == []
    # Removing the other paper removes its panels from the search.
    corpus.remove(first.id)
    assert corpus.stats()["images"]["panels"] == 4
    assert detector.detect(second, corpus).findings == []


def test_standalone_check_and_parameters():
    detector = ImageDuplicationDetector(min_inliers=12)
    assert detector.get_params()["min_inliers"] == 12
    assert ImageDuplicationDetector.name == "images" and ImageDuplicationDetector.uses_figures and not ImageDuplicationDetector.uses_text
    manuscript = ingest_bytes(pdf_with_figures([compose([tissue(90), tissue(90)], 2)[0]], "Twice"), "twice.pdf")
    findings = detector.detect(manuscript, None).findings
    assert len(findings) == 1 and findings[0].evidence["transform"]["kind"] == "identical"
