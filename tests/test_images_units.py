"""Building blocks of the image detector: dihedral hashes, multi-index search,
panel splitting and masking, the corpus image index."""

from __future__ import annotations

import numpy as np

from bench.images_data import cells, compose, grains, pdf_with_figures, tissue
from detectors.images.hashing import DIHEDRAL, dihedral_variants, hamming, panel_hashes, sign_hashes, thumbnail
from detectors.images.panels import label_mask, manuscript_panels
from detectors.images.search import MultiIndexHash
from integrity.corpus import Corpus
from integrity.ingest import ingest_bytes


def _apply(image: np.ndarray, g: int) -> np.ndarray:
    transpose, flip_rows, flip_cols = DIHEDRAL[g]
    out = image.T if transpose else image
    out = out[::-1] if flip_rows else out
    return np.ascontiguousarray(out[:, ::-1] if flip_cols else out)


def test_hash_variants_equal_hashes_of_transformed_images():
    grey = tissue(1)[..., 1]
    thumb = thumbnail(grey).astype(np.float32)
    base = sign_hashes(thumb[None])
    variants = dihedral_variants(base)[0]
    for g in range(8):
        direct = sign_hashes(_apply(thumb, g)[None])[0]
        assert hamming(np.array([direct]), np.array([variants[g]]))[0] <= 1  # zero-valued coefficients may flip
    assert len(set(variants.tolist())) == 8


def test_multi_index_search_matches_brute_force():
    rng = np.random.default_rng(0)
    stored = rng.integers(0, 2**63, 5000, dtype=np.int64).view(np.uint64)
    index = MultiIndexHash(tail_limit=1000)
    index.add(np.arange(4000), stored[:4000])  # folded into the tables
    index.add(np.arange(4000, 5000), stored[4000:])  # stays in the tail
    queries = stored[[5, 4500, 123, 77]].copy()
    queries[0] ^= np.uint64(0b1011)  # 3 bits
    queries[1] ^= np.uint64((1 << 40) | (1 << 2))  # 2 bits, in the tail
    queries[3] ^= np.uint64(sum(1 << b for b in (1, 2, 3, 22, 23, 24, 43, 44)))  # 8 bits, 3-3-2 over the chunks
    qi, ids, dist = index.query(queries, 8)  # within 8 bits the search is exact
    brute = {(q, i) for q in range(4) for i in np.flatnonzero(hamming(queries[q], stored) <= 8)}
    assert {(int(a), int(b)) for a, b in zip(qi, ids)} == brute
    assert {(0, 5), (1, 4500), (2, 123), (3, 77)} <= brute
    assert len(index) == 5000


def test_local_hashes_follow_crops():
    grey = grains(2)[..., 0]
    whole = panel_hashes(grey)
    part = panel_hashes(np.ascontiguousarray(grey[30:230, 40:240]))
    assert len(whole.hashes) > 10 and whole.kinds[0] == 0 and (whole.kinds[1:] == 1).all()  # a light panel: one whole hash
    dark = panel_hashes(cells(2)[..., 1])
    assert dark.kinds[:2].tolist() == [0, 0] and (dark.kinds[2:] == 1).all()  # a dark one: equalised and plain
    d = hamming(part.query_variants()[:, :, None], whole.hashes[None, None, :])
    assert (d[part.kinds == 1] <= 10).any(axis=(1, 2)).sum() >= 3  # several local patches recur in the crop


def test_panels_split_on_gutters_and_skip_text_and_charts():
    figure, boxes = compose([tissue(3), cells(4), grains(5)], 3)
    manuscript = ingest_bytes(pdf_with_figures([figure], "Panels"), "panels.pdf")
    panels = manuscript_panels(manuscript)
    assert [p.pixel_box for p in panels] == [tuple(b) for b in boxes]
    fig = manuscript.figures[0]
    assert [p.index for p in fig.panels] == [0, 1, 2]
    x0, y0, x1, y1 = fig.bbox
    assert all(x0 - 0.5 <= p.bbox[0] < p.bbox[2] <= x1 + 0.5 and y0 - 0.5 <= p.bbox[1] < p.bbox[3] <= y1 + 0.5 for p in panels)
    # A white area with black text is not a panel; a flat grey square is not one either.
    from PIL import Image, ImageDraw

    text = Image.new("RGB", (300, 120), "white")
    ImageDraw.Draw(text).text((10, 10), "Table of results\nA 1.2 3.4\nB 5.6 7.8", fill="black")
    flat = np.full((120, 120, 3), 128, np.uint8)
    figure, _ = compose([np.asarray(text), flat], 2, cell=300, letters=False)
    manuscript = ingest_bytes(pdf_with_figures([figure], "Text"), "text.pdf")
    assert manuscript_panels(manuscript) == []


def test_panel_letters_are_masked():
    figure, boxes = compose([cells(6)], 1)
    mask = label_mask(np.ascontiguousarray(figure[boxes[0][1] : boxes[0][3], boxes[0][0] : boxes[0][2]]))
    ys, xs = np.nonzero(mask)
    assert len(xs) > 10 and xs.max() < 60 and ys.max() < 60  # the letter "A" in the top-left corner


def test_image_index_stores_panels_hashes_and_thumbnails(tmp_path):
    figure, _ = compose([tissue(7), grains(8)], 2)
    manuscript = ingest_bytes(pdf_with_figures([figure], "Indexed"), "indexed.pdf")
    corpus = Corpus(f"sqlite:///{tmp_path}/x.db")
    assert corpus.add(manuscript)
    assert not corpus.add(manuscript)  # the same bytes are indexed once
    stats = corpus.stats()["images"]
    assert stats["panels"] == 2 and stats["hashes"] > 10
    qi, ids, dist = corpus.images.search(panel_hashes(manuscript_panels(manuscript)[0].grey).hashes[:1], 0)
    assert len(ids) >= 1
    row = corpus.images.panel(int(ids[0]))
    assert row["document_id"] == manuscript.id and row["filename"] == "indexed.pdf" and row["figure_id"] == "p1-f1"
    assert row["rgb"].shape[2] == 3 and max(row["rgb"].shape[:2]) <= 512
    assert corpus.images.document_of(int(ids[0])) == manuscript.id
    assert corpus.remove(manuscript.id)
    assert corpus.stats()["images"] == {"panels": 0, "hashes": 0}


def test_sparse_dark_fields_stay_panels_but_text_on_black_does_not():
    """A few fluorescent cells on black lose whole-panel entropy under JPEG (the
    background noise is smoothed away); they are judged on their foreground, which
    must be varied and blob-shaped, so text or lines on a dark ground stay out."""
    from PIL import Image, ImageDraw, ImageFont

    from bench.images_data import jpeg
    from detectors.images.panels import grey_entropy, is_photo_like

    def photo(rgb):
        return is_photo_like(rgb, rgb.min(axis=2) >= 242)

    field = np.zeros((260, 260, 3), np.uint8)
    field[:] = 8
    field[60:160, 50:150] = cells(11, 100, 100)  # a small group of cells on a wide dark ground
    field[field < 8] = 8
    squeezed = jpeg(field, 30)
    import cv2

    for image in (field, squeezed):  # the whole-panel entropy test alone would drop both
        assert grey_entropy(cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)) < 2.0
    assert photo(field) and photo(squeezed)
    for fill in ("white", (60, 220, 60)):
        text = Image.new("RGB", (300, 200), "black")
        ImageDraw.Draw(text).text((10, 10), "Results\nGroup A 1.2\nB 5.6 7.8", fill=fill, font=ImageFont.load_default(size=24))
        assert not photo(np.asarray(text))


def test_clone_box_grows_beyond_the_keypoints_that_found_it():
    """Votes from a corner of a cloned region still give the whole region's boxes."""
    from detectors.images.copy_move import CloneOptions, _confirm

    rng = np.random.default_rng(4)
    image = grains(30)[..., 1].copy()
    image[150:210, 170:230] = image[20:80, 30:90]  # a 60x60 region copied 140 px right, 130 px down
    corner = np.array([[35, 25], [45, 28], [38, 40], [50, 35], [42, 32]], np.float32)  # votes from its top-left quarter only
    clone = _confirm(image, False, (140, 130), corner + rng.normal(0, 0.5, corner.shape).astype(np.float32), "keypoints", CloneOptions())
    assert clone is not None
    for found, truth in ((clone.source, (30, 20, 90, 80)), (clone.dest, (170, 150, 230, 210))):
        ix = max(0, min(found[2], truth[2]) - max(found[0], truth[0]))
        iy = max(0, min(found[3], truth[3]) - max(found[1], truth[1]))
        assert ix * iy / 3600 >= 0.8 and (found[2] - found[0]) * (found[3] - found[1]) <= 1.3 * 3600, found
