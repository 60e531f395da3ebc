"""Shared helpers for the review workbench tests: real manuscripts, real screening, real imports.

Cases are made the way production makes them: small PDFs built with PyMuPDF
are screened by ``integrity.pipeline.screen_one`` with the registered
detectors plus two small deterministic detectors defined here (an image-pair
finding with an evidence image and a cross-document text finding), so every
kind of evidence block the case page draws is exercised whatever detectors
the project registers.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import numpy as np
import pymupdf
import pytest

from detectors.base import Detector
from detectors.evidence import excerpt_block, image_block, side_by_side
from integrity.config import Settings
from integrity.models import DetectorResult, EvidenceImage, Finding, Location, Severity

PASSWORD = "correct horse battery staple"
INTRO = ("Memory consolidation has been studied for more than a century. Figure 3 shows the retention curve, and Table 2 "
         "lists the per-session scores. Practice spaced over days improves recall more than massed practice. ")


class ImagePairDetector(Detector):
    """Test detector: reports the first figure's left and right halves as a duplicated region."""

    name = "image_pairs"
    family = "images"
    uses_figures = True

    def detect(self, manuscript, corpus=None) -> DetectorResult:
        if not manuscript.figures:
            return DetectorResult()
        fig = manuscript.figures[0]
        w, h = fig.width, fig.height
        boxes = [{"box": [4, 4, w // 2 - 4, h - 4], "label": "region A"}, {"box": [w // 2 + 4, 4, w - 4, h - 4], "label": "region B"}]
        finding = Finding(
            self.name, "region_pair_test", Severity.HIGH, 0.9, f"Two regions of figure {fig.id} look the same",
            "The two outlined regions match after alignment.",
            [Location(page=fig.page, bbox=fig.bbox, figure=fig.id)],
            {"display": [{**image_block("pair.png", "Figure with both regions outlined", boxes), "width": w, "height": h}], "figure_id": fig.id},
            [EvidenceImage("pair.png", fig.png, "the figure")],
        )
        return DetectorResult([finding])


class SourceOverlapDetector(Detector):
    """Test detector: reports the sentence about spaced practice as overlapping a corpus document."""

    name = "source_overlap"
    family = "text"

    def detect(self, manuscript, corpus=None) -> DetectorResult:
        match = re.search(r"Practice spaced over days[^.]*\.", manuscript.text)
        if not match:
            return DetectorResult()
        source = {"type": "excerpt", "label": "Source: ref-doc-1", "text": match.group(0), "highlights": [[0, len(match.group(0))]]}
        finding = Finding(
            self.name, "source_passage_test", Severity.MEDIUM, 0.8, "Passage matches an earlier document",
            "The marked passage matches a passage of a document in the corpus.",
            [manuscript.locate(match.start(), match.end())],
            {"display": [side_by_side(excerpt_block(manuscript, match.start(), match.end(), label="This manuscript"), source)],
             "source_id": "ref-doc-1", "source_char_start": 10, "source_char_end": 10 + len(match.group(0))},
        )
        return DetectorResult([finding])


def noise(width: int, height: int, seed: int) -> pymupdf.Pixmap:
    arr = (np.random.default_rng(seed).random((height, width, 3)) * 255).astype("uint8")
    return pymupdf.Pixmap(pymupdf.csRGB, width, height, arr.tobytes(), False)


def build_manuscript(path: Path, title: str = "Spaced Practice and Recall", authors: str = "Ada Lovelace, Alan Turing",
                     seed: int = 1, extra: str = "") -> Path:
    """A 3-page paper citing a figure and a table it lacks, with one raster figure."""
    doc = pymupdf.open()
    doc.set_metadata({"title": title, "author": authors})
    p1 = doc.new_page()
    p1.insert_text((72, 72), title[:60], fontsize=16)
    p1.insert_text((72, 94), authors[:80], fontsize=10)
    p1.insert_text((72, 130), "Abstract", fontsize=12, fontname="hebo")
    p1.insert_textbox(pymupdf.Rect(72, 140, 520, 200), "Spaced practice improves recall in adults. " + extra, fontsize=10)
    p1.insert_text((72, 220), "Introduction", fontsize=12, fontname="hebo")
    p1.insert_textbox(pymupdf.Rect(72, 230, 520, 420), INTRO, fontsize=10)
    p2 = doc.new_page()
    p2.insert_text((72, 72), "Results", fontsize=12, fontname="hebo")
    p2.insert_image(pymupdf.Rect(72, 100, 372, 300), pixmap=noise(300, 200, seed))
    p2.insert_text((72, 320), "Figure 1. Retention by session.", fontsize=9)
    p3 = doc.new_page()
    p3.insert_text((72, 80), "Table 1. Scores.", fontsize=9)
    p3.insert_text((72, 160), "References", fontsize=12, fontname="hebo")
    p3.insert_text((72, 178), "[1] Ebbinghaus H. Memory. 1885.", fontsize=10)
    doc.save(path)
    return path


def test_detectors() -> list[Detector]:
    from integrity.registry import build_detectors

    return build_detectors(Settings()) + [ImagePairDetector(), SourceOverlapDetector()]


test_detectors.__test__ = False  # a helper, not a test


def screen(pdf: Path, out_dir: Path, engine=None):
    """Screen one PDF in-process (suppressions applied when ``engine`` is given); returns (case, folder)."""
    from integrity.casefiles import write_case
    from integrity.pipeline import screen_one
    from integrity.review.suppressions import apply_suppressions

    case, _ = screen_one(pdf, test_detectors(), Settings(), None)
    if engine is not None:
        apply_suppressions(engine, case)
    return case, write_case(case, out_dir)


@pytest.fixture
def families(monkeypatch):
    """Detector families for the test detectors (they are not registered entry points)."""
    from integrity.review import importer

    known = {**importer._families(), "image_pairs": "images", "source_overlap": "text"}
    monkeypatch.setattr(importer, "_families", lambda: known)
    return known


def make_engine(tmp_path: Path):
    from integrity.review.store import review_engine

    return review_engine(f"sqlite:///{tmp_path}/review.db")


def add_users(engine) -> dict[str, str]:
    from integrity.review.auth import add_user

    for name, role in (("admin", "admin"), ("olive", "officer"), ("oscar", "officer"), ("rita", "readonly")):
        add_user(engine, name, PASSWORD, role)
    return {"admin": "admin", "olive": "officer", "oscar": "officer", "rita": "readonly"}


def login(client, username: str, password: str = PASSWORD, follow: bool = False):
    page = client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    return client.post("/login", data={"username": username, "password": password, "csrf_token": token, "next": "/"},
                       follow_redirects=follow)


def csrf_of(client, path: str = "/") -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text).group(1)


def finding_keys(engine, case_id: str) -> dict[str, dict[str, Any]]:
    """Findings of a case by kind."""
    from sqlalchemy import select

    from integrity.review.store import findings

    with engine.connect() as conn:
        rows = conn.execute(select(findings).where(findings.c.case_id == case_id)).mappings().all()
    return {r["kind"]: dict(r) for r in rows}
