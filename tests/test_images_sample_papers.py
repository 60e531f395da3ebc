"""Every planted image problem in sample_papers/ is found on the right paper,
page and panel; clean controls get no image finding above low severity."""

from __future__ import annotations

import json

import pytest

from detectors.images import ImageDuplicationDetector
from integrity.corpus import Corpus
from integrity.ingest import ingest_file
from integrity.models import Severity
from tests.conftest import SAMPLE_PAPERS

TRUTH = SAMPLE_PAPERS / "truth.json"
pytestmark = pytest.mark.skipif(not TRUTH.exists(), reason="sample_papers/truth.json not generated")


@pytest.fixture(scope="module")
def screened(tmp_path_factory):
    truth = json.loads(TRUTH.read_text())
    names = [n for n, p in truth["papers"].items() if p.get("format") == "pdf" and not p.get("broken")]
    manuscripts = {n: ingest_file(SAMPLE_PAPERS / n) for n in names}
    corpus = Corpus(f"sqlite:///{tmp_path_factory.mktemp('corpus')}/x.db")
    for m in manuscripts.values():
        corpus.add(m)
    detector = ImageDuplicationDetector()
    return truth, {n: detector.detect(m, corpus).findings for n, m in manuscripts.items()}


def _inside(box, panel, slack=6.0) -> bool:
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return panel[0] - slack <= cx <= panel[2] + slack and panel[1] - slack <= cy <= panel[3] + slack


def _pair_found(findings, page, bbox, other_page, other_bbox, other_paper=None) -> bool:
    for f in findings:
        if f.kind != "duplicated_image":
            continue
        ends = [f.evidence["a"], f.evidence["b"]]
        for a, b in (ends, ends[::-1]):
            if a["page"] == page and _inside(a["region"], bbox) and b["page"] == other_page and _inside(b["region"], other_bbox):
                if other_paper is None or b["manuscript"]["filename"] == other_paper:
                    return True
    return False


def test_planted_image_problems_are_found(screened):
    truth, findings = screened
    problems = [p for p in truth["problems"] if p["family"] == "images"]
    assert problems
    for p in problems:
        got = findings[p["paper"]]
        if p["kind"] == "cloned_region":
            assert any(
                f.kind == "cloned_region" and f.locations[0].page == p["page"]
                and {_inside(f.evidence["source"], p["source_bbox"]) or _inside(f.evidence["dest"], p["source_bbox"]),
                     _inside(f.evidence["source"], p["dest_bbox"]) or _inside(f.evidence["dest"], p["dest_bbox"])} == {True}
                for f in got
            ), (p["id"], [f.title for f in got])
        else:
            other = p["involves"]
            cross = other["paper"] != p["paper"]
            assert _pair_found(got, p["page"], p["bbox"], other["page"], other["bbox"], other["paper"] if cross else None), (p["id"], [f.title for f in got])
            if cross:  # the other paper's case shows the same pair
                assert _pair_found(findings[other["paper"]], other["page"], other["bbox"], p["page"], p["bbox"], p["paper"]), p["id"]


def test_clean_controls_get_nothing_above_low(screened):
    truth, findings = screened
    for name, paper in truth["papers"].items():
        if name in findings and paper.get("clean"):
            loud = [f.title for f in findings[name] if f.severity.rank > Severity.LOW.rank]
            assert loud == [], (name, loud)
