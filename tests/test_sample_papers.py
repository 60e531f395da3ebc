"""The sample manuscripts agree with their ground truth (sample_papers/truth.json).

These tests read only the committed files and the generator; they do not
import the pipeline, so they also guard the test data the other tests rely on.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pymupdf
import pytest
from PIL import Image
from scipy import stats

SAMPLES = Path(__file__).resolve().parents[1] / "sample_papers"
TRUTH = json.loads((SAMPLES / "truth.json").read_text(encoding="utf-8"))
PAPERS = TRUTH["papers"]
PROBLEMS = {p["id"]: p for p in TRUTH["problems"]}
NOT_MANUSCRIPTS = {"generate.py", "truth.json", "README.md"}

READABLE_PDFS = sorted(n for n, e in PAPERS.items() if e["format"] == "pdf" and not e["broken"])


def norm(text: str) -> str:
    return " ".join(text.split())


def page_texts(name: str) -> list[str]:
    with pymupdf.open(SAMPLES / name) as doc:
        return [norm(page.get_text()) for page in doc]


# -- inventory -------------------------------------------------------------------


def test_truth_lists_exactly_the_manuscripts_on_disk():
    on_disk = {p.name for p in SAMPLES.iterdir() if p.is_file() and p.name not in NOT_MANUSCRIPTS}
    assert on_disk == set(PAPERS)


def test_enough_papers_and_clean_controls():
    assert len(READABLE_PDFS) >= 12
    clean = [n for n in READABLE_PDFS if PAPERS[n]["clean"]]
    assert len(clean) >= 4
    for name in clean:
        assert not PAPERS[name]["problems"] and not PAPERS[name]["involved_in"]
    assert any(PAPERS[n]["pages"] == 12 for n in READABLE_PDFS)
    assert {PAPERS[n]["format"] for n in PAPERS} >= {"pdf", "txt", "jats-xml"}


def test_every_detector_family_has_a_planted_problem():
    kinds = {p["kind"] for p in PROBLEMS.values()}
    assert kinds >= {"passage_reused_verbatim", "passage_reused_edited", "tortured_phrases",
                     "panel_reused_across_papers", "panel_duplicated_within_paper", "cloned_region",
                     "p_inconsistent", "grim_inconsistent"}
    assert any(p.get("decision_error") for p in PROBLEMS.values())
    assert any(p.get("decision_error") is False for p in PROBLEMS.values())
    for problem in PROBLEMS.values():
        assert problem["paper"] in PAPERS
        assert problem["id"] in PAPERS[problem["paper"]]["problems"]


# -- readable manuscripts ---------------------------------------------------------------


@pytest.mark.parametrize("name", READABLE_PDFS)
def test_pdf_is_a_complete_manuscript(name):
    entry = PAPERS[name]
    with pymupdf.open(SAMPLES / name) as doc:
        assert doc.page_count == entry["pages"] >= 4
        assert doc.metadata["title"] == entry["title"]
        assert doc.metadata["creationDate"] and doc.metadata["creationDate"] == doc.metadata["modDate"]
        texts = [page.get_text() for page in doc]
        assert all(t.strip() for t in texts)
        images = sum(len(page.get_images()) for page in doc)
        drawings = sum(len(page.get_drawings()) for page in doc)
        assert images + drawings > 0
    full = norm(" ".join(texts))
    assert f"https://doi.org/{entry['doi']}" in full
    for heading in ("Abstract", "Introduction", "Results", "Discussion", "Data availability",
                    "Ethics statement", "References"):
        assert heading in full, heading
    assert re.search(r"\bMethods\b|\bMaterials and methods\b", full)
    assert 2 <= len(entry["figures"]) <= 6
    for fig in entry["figures"]:
        assert f"Figure {fig['figure']}." in norm(texts[fig["page"] - 1])


def test_text_and_xml_manuscripts():
    txt = (SAMPLES / "14-care-home-hand-hygiene.txt").read_text(encoding="utf-8")
    assert PAPERS["14-care-home-hand-hygiene.txt"]["title"] in txt
    assert "10.5555/sample.2026.014" in txt and "References" in txt
    root = ET.parse(SAMPLES / "15-arabidopsis-root-drought.xml").getroot()
    assert root.tag == "article"
    assert root.findtext("front/article-meta/title-group/article-title") == PAPERS["15-arabidopsis-root-drought.xml"]["title"]
    assert root.findtext("front/article-meta/article-id[@pub-id-type='doi']") == "10.5555/sample.2026.015"
    assert root.findall("front/article-meta/contrib-group/contrib")
    assert root.find("front/article-meta/abstract") is not None
    assert len(root.findall("body/sec")) >= 4
    assert len(root.findall("back/ref-list/ref")) >= 5
    body = norm(" ".join(root.find("body").itertext()))
    assert PROBLEMS["stats-p-2"]["raw"] in body


# -- planted strings are where truth.json says --------------------------------------------


def test_planted_strings_are_on_the_stated_pages():
    for problem in PROBLEMS.values():
        if not problem["paper"].endswith(".pdf"):
            continue
        texts = page_texts(problem["paper"])
        for key in ("raw", "excerpt"):
            if key in problem:
                assert norm(problem[key]) in texts[problem["page"] - 1], (problem["id"], key)
        involved = problem.get("involves", {})
        if "excerpt" in involved:
            assert norm(involved["excerpt"]) in page_texts(involved["paper"])[involved["page"] - 1]
        for phrase in problem.get("phrases", []):
            for page in phrase["pages"]:
                assert phrase["phrase"] in texts[page - 1].lower(), phrase


def test_copied_passages():
    verbatim, edited = PROBLEMS["text-verbatim-1"], PROBLEMS["text-edited-1"]
    for problem in (verbatim, edited):
        assert problem["words"] >= 80
        text = norm(" ".join(page_texts(problem["paper"])))
        assert norm(problem["text"]) in text
    assert norm(verbatim["text"]) in norm(" ".join(page_texts(verbatim["involves"]["paper"])))
    source = norm(edited["involves"]["text"])
    assert source in norm(" ".join(page_texts(edited["involves"]["paper"])))
    assert source != norm(edited["text"]) and 3 <= len(edited["edits"]) <= 10


def test_hard_negatives_are_present():
    for item in TRUTH["hard_negatives"]:
        if "raw" in item and item["paper"].endswith(".pdf"):
            assert norm(item["raw"]) in norm(" ".join(page_texts(item["paper"]))), item
        for name in item.get("papers", []):
            # the sentence may be split by a page break (running head and page number in between)
            assert " ".join(item["text"].split()[:12]) in norm(" ".join(page_texts(name))), (item["text"], name)
    shared = [h for h in TRUTH["hard_negatives"] if h["kind"] == "shared_boilerplate"]
    assert any(len(set(h["papers"]) & {n for n in READABLE_PDFS if PAPERS[n]["clean"]}) >= 2 for h in shared)


# -- statistics: recomputed independently of the generator --------------------------------

STAT = re.compile(
    r"(?P<test>t|F|r|\u03c72|z)(?:\((?P<a>\d+)(?:, (?:N = )?(?P<b>\d+))?\))? = (?P<v>[\u2212-]?\d*\.\d+), "
    r"p (?P<cmp>[=<]) (?P<p>\.\d+)(?P<one>, one-tailed)?(?:, Bonferroni-corrected for (?P<k>two|three|four) comparisons)?")


def recomputed_p(m: re.Match) -> float:
    test, v = m["test"], float(m["v"].replace("\u2212", "-"))
    a = int(m["a"]) if m["a"] else None
    if test == "t":
        p = 2 * stats.t.sf(abs(v), a)
    elif test == "F":
        p = stats.f.sf(v, a, int(m["b"]))
    elif test == "r":
        p = 2 * stats.t.sf(abs(v) * math.sqrt(a / (1 - v * v)), a)
    elif test == "\u03c72":
        p = stats.chi2.sf(v, a)
    else:
        p = 2 * stats.norm.sf(abs(v))
    if m["one"]:
        p /= 2
    if m["k"]:
        p = min(1.0, p * {"two": 2, "three": 3, "four": 4}[m["k"]])
    return p


def consistent(m: re.Match) -> bool:
    p = recomputed_p(m)
    return p < float(m["p"]) if m["cmp"] == "<" else round(p, 3) == float(m["p"])


def manuscript_text(name: str) -> str:
    if name.endswith(".pdf"):
        return norm(" ".join(page_texts(name)))
    if name.endswith(".xml"):
        return norm(" ".join(ET.parse(SAMPLES / name).getroot().itertext()))
    return norm((SAMPLES / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", READABLE_PDFS + ["14-care-home-hand-hygiene.txt", "15-arabidopsis-root-drought.xml"])
def test_only_planted_statistics_are_wrong(name):
    text = manuscript_text(name)
    matches = list(STAT.finditer(text))
    assert len(matches) == len([s for s in PAPERS[name]["statistics"] if not s.startswith("M =")])
    wrong = sorted(m.group(0) for m in matches if not consistent(m))
    planted = sorted(p["raw"] for p in PROBLEMS.values()
                     if p["paper"] == name and p["kind"] == "p_inconsistent")
    assert wrong == planted
    for p in PROBLEMS.values():
        if p["paper"] == name and p["kind"] == "p_inconsistent":
            m = STAT.search(p["raw"])
            assert (float(m["p"]) < .05) != (recomputed_p(m) < .05) if p["decision_error"] else \
                   (float(m["p"]) < .05) == (recomputed_p(m) < .05)
            assert abs(recomputed_p(m) - p["correct_p"]) < 1e-3


def test_grim():
    grim = PROBLEMS["stats-grim-1"]
    mean = float(grim["raw"].split("=")[1])
    assert all(round(s / grim["n"], 2) != mean for s in range(grim["n"] * 7 + 1))
    for item in TRUTH["hard_negatives"]:
        if item["kind"] == "grim_consistent_mean":
            mean = float(item["raw"].split("=")[1])
            assert any(round(s / item["n"], 2) == mean for s in range(item["n"] * 100))


# -- tables ---------------------------------------------------------------------


def test_ruled_tables_are_found_by_pymupdf():
    name = "10-text-reminders-influenza-vaccination.pdf"
    stats_table = next(t for t in PAPERS[name]["tables"] if t["table"] == 2)
    with pymupdf.open(SAMPLES / name) as doc:
        page = doc[stats_table["page"] - 1]  # keep a reference: tables point back to the page
        found = page.find_tables().tables
        table = next(t for t in found if abs(t.bbox[1] - stats_table["bbox"][1]) < 3)
        assert (table.row_count, table.col_count) == (stats_table["rows"], stats_table["cols"])
        markdown = table.to_markdown()
    for column in ("Outcome", "|t|", "|df|", "|p|"):
        assert column in markdown.replace(" ", "")


# -- images: the planted panels really are copies -------------------------------------------


def embedded_image(name: str, page: int, image_bbox: list[float]) -> np.ndarray:
    with pymupdf.open(SAMPLES / name) as doc:
        pg = doc[page - 1]
        for info in pg.get_image_info(xrefs=True):
            if pymupdf.Rect(info["bbox"]).intersect(image_bbox).get_area() > 0.9 * pymupdf.Rect(image_bbox).get_area():
                data = doc.extract_image(info["xref"])["image"]
                return np.asarray(Image.open(io.BytesIO(data)).convert("RGB"))
    raise AssertionError(f"no image at {image_bbox} on page {page} of {name}")


def panel_pixels(ref: dict) -> np.ndarray:
    img = embedded_image(ref["paper"], ref["page"], ref["image_bbox"])
    x0, y0 = ref["image_bbox"][:2]
    scale = img.shape[1] / (ref["image_bbox"][2] - ref["image_bbox"][0])
    b = [int(round((ref["bbox"][i] - (x0, y0)[i % 2]) * scale)) for i in range(4)]
    return img[b[1]:b[3], b[0]:b[2]].astype(float)


def correlation(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.corrcoef(a.ravel(), b.ravel())[0, 1])


def test_within_paper_duplicate_is_a_mirror_copy():
    dup = PROBLEMS["image-within-1"]
    copy, original = panel_pixels(dup), panel_pixels(dup["involves"])
    h, w = min(copy.shape[0], original.shape[0]), min(copy.shape[1], original.shape[1])
    copy, original = copy[40:h - 30, :w], original[40:h - 30, :w]  # skip panel letters and scale bars
    mirrored = correlation(copy, original[:, ::-1])
    assert mirrored > 0.9
    assert correlation(copy, original) < mirrored - 0.1


def test_cross_paper_reuse_is_a_rotated_crop():
    reuse = PROBLEMS["image-cross-1"]
    t = reuse["transform"]
    copy, source = panel_pixels(reuse), panel_pixels(reuse["involves"])
    size = t["source_size_px"]
    source = np.asarray(Image.fromarray(source.astype(np.uint8)).resize(size, Image.BICUBIC), dtype=float)
    rotated = np.rot90(source, k=t["rotation"] // 90)
    x0, y0, x1, y1 = t["crop_box_px"]
    expected = np.asarray(Image.fromarray(np.ascontiguousarray(rotated[y0:y1, x0:x1]).astype(np.uint8))
                          .resize(copy.shape[1::-1], Image.BICUBIC), dtype=float)
    inner = (slice(40, -30), slice(40, -30))  # skip letters and scale bars
    assert correlation(copy[inner], expected[inner]) > 0.85
    assert correlation(copy[inner], np.asarray(Image.fromarray(source.astype(np.uint8)).resize(
        copy.shape[1::-1]), dtype=float)[inner]) < 0.5


def test_cloned_region_matches_its_source():
    clone = PROBLEMS["image-clone-1"]
    img = embedded_image(clone["paper"], clone["page"], clone["image_bbox"]).astype(float)
    assert list(img.shape[1::-1]) == clone["image_px"]
    x0, y0, x1, y1 = clone["source_box_px"]
    d0, e0, d1, e1 = clone["dest_box_px"]
    src, dst = img[y0:y1, x0:x1], img[e0:e1, d0:d1]
    assert np.abs(src - dst).mean() < 4
    neighbour = img[y0:y1, x0 - (d0 - x0):x1 - (d0 - x0)]  # the lane to the left of the source
    assert np.abs(src - neighbour).mean() > 3 * np.abs(src - dst).mean()


# -- broken files ---------------------------------------------------------------------


def test_broken_files_are_broken_as_stated():
    broken = {n: e["broken"] for n, e in PAPERS.items() if e["broken"]}
    assert {"corrupt", "encrypted", "scanned"} <= set(broken.values())
    for name, kind in broken.items():
        path = SAMPLES / name
        if kind == "encrypted":
            with pymupdf.open(path) as doc:
                assert doc.needs_pass
                assert not doc.authenticate("wrong password")
        elif kind == "corrupt":
            try:
                with pymupdf.open(path) as doc:
                    assert doc.page_count == 0 or doc.is_repaired
            except (pymupdf.FileDataError, RuntimeError):
                pass
        elif kind == "scanned":
            with pymupdf.open(path) as doc:
                assert doc.page_count >= 1
                for page in doc:
                    assert not page.get_text().strip()
                    assert page.get_images()
        elif kind == "empty":
            assert path.stat().st_size == 0
        elif kind == "not-pdf":
            assert not path.read_bytes().startswith(b"%PDF")


# -- determinism -------------------------------------------------------------------------


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_committed_hashes_match_truth():
    for name, entry in PAPERS.items():
        if entry["deterministic"]:
            assert sha256(SAMPLES / name) == entry["sha256"], name


def test_generator_reproduces_the_committed_files(tmp_path):
    """Regenerates everything (about 8 s) and compares bytes."""
    subprocess.run([sys.executable, str(SAMPLES / "generate.py"), "--out", str(tmp_path), "--no-verify"],
                   check=True, capture_output=True, timeout=120)
    assert (tmp_path / "truth.json").read_bytes() == (SAMPLES / "truth.json").read_bytes()
    for name, entry in PAPERS.items():
        if entry["deterministic"]:
            assert sha256(tmp_path / name) == sha256(SAMPLES / name), name
