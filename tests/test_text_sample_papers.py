"""The text-overlap detector on the generated sample papers: every planted
text problem is found on the right paper with the right source and page, and
clean controls get nothing of this family above low severity."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pytest

from detectors.text_overlap import TextOverlapDetector
from integrity.corpus import Corpus
from integrity.ingest import IngestOptions, ingest_file, list_manuscripts

SAMPLES = Path(__file__).resolve().parent.parent / "sample_papers"
TRUTH = SAMPLES / "truth.json"
pytestmark = pytest.mark.skipif(not TRUTH.exists(), reason="sample_papers/truth.json not generated")


def _truth() -> dict:
    return json.loads(TRUTH.read_text())


def _text_problems():
    if not TRUTH.exists():
        return []
    problems = _truth()["problems"]
    return [p for p in (problems.values() if isinstance(problems, dict) else problems) if p.get("family") == "text"]


def _clean_papers():
    if not TRUTH.exists():
        return []
    return [name for name, p in _truth()["papers"].items() if p.get("clean") and not p.get("broken")]


@lru_cache(maxsize=1)
def _screened(tmp: str):
    """Every readable sample paper indexed first (as in a batch), then each checked."""
    corpus = Corpus(f"sqlite:///{tmp}/samples.db")
    manuscripts = [ingest_file(p, IngestOptions(extract_figures=False, extract_tables=False)) for p in list_manuscripts(SAMPLES)]
    manuscripts = [m for m in manuscripts if m.readable]
    for m in manuscripts:
        corpus.add(m)
    detector = TextOverlapDetector()
    return {m.filename: (m, detector.detect(m, corpus)) for m in manuscripts}


@pytest.fixture(scope="module")
def screened(tmp_path_factory):
    return _screened(str(tmp_path_factory.mktemp("text-samples")))


def _normalise(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("problem", _text_problems(), ids=lambda p: p["id"])
def test_planted_text_problem_is_found(problem, screened):
    m, result = screened[problem["paper"]]
    if problem["kind"] == "tortured_phrases":
        finding = next(f for f in result.findings if f.kind == "tortured_phrases")
        found = {r["listed_as"].lower() for r in finding.evidence["phrases"]}
        for planted in problem["phrases"]:
            assert planted["phrase"].lower() in found, planted
            pages = {r["page"] for r in finding.evidence["phrases"] if r["listed_as"].lower() == planted["phrase"].lower()}
            assert set(planted.get("pages", [planted["page"]])) <= pages
        assert len(finding.evidence["phrases"]) >= sum(p.get("count", 1) for p in problem["phrases"])
        return
    source_name = problem["involves"]["paper"]
    overlap = [f for f in result.findings if f.kind == "text_overlap" and f.evidence["source"]["filename"] == source_name]
    assert overlap, f"no overlap with {source_name} reported on {problem['paper']}"
    finding = overlap[0]
    assert finding.severity.value in ("medium", "high")
    excerpt = _normalise(problem["excerpt"])
    hits = [p for p in finding.evidence["passages"] if excerpt[:60] in _normalise(m.text[p["span"]["char_start"]:p["span"]["char_end"]])]
    assert hits, "the planted passage is not among the reported passages"
    passage = hits[0]
    assert passage["span"]["page"] == problem["page"]
    assert passage["source_span"]["page"] == problem["involves"]["page"]
    assert passage["words"] >= 0.8 * problem["words"]
    # And symmetrically, the source paper sees the copy (simultaneous submissions).
    _, source_result = screened[source_name]
    assert any(f.kind == "text_overlap" and f.evidence["source"]["filename"] == problem["paper"] for f in source_result.findings)


@pytest.mark.parametrize("name", _clean_papers())
def test_clean_paper_has_no_text_finding_above_low(name, screened):
    if name not in screened:
        pytest.skip(f"{name} is not readable")
    _, result = screened[name]
    serious = [f.title for f in result.findings if f.severity.value in ("medium", "high")]
    assert not serious, serious


def test_shared_boilerplate_and_quotation_are_excluded_not_counted(screened):
    hard = _truth()["hard_negatives"]
    quotation = next(h for h in hard if h["kind"] == "quotation_with_citation")
    _, result = screened[quotation["paper"]]
    for source in result.data["text_similarity"]["sources"]:
        for p in source["passages"]:
            if p["excluded"] is None:
                assert p["counted_words"] < 40
    boilerplate = [h for h in hard if h["kind"] == "shared_boilerplate"]
    for h in boilerplate:
        for name in h["papers"]:
            m, result = screened[name]
            excerpt = _normalise(h["text"])[:50]
            counted = [p for s in result.data["text_similarity"]["sources"] for p in s["passages"] if p["excluded"] is None
                       and excerpt in _normalise(m.text[p["span"]["char_start"]:p["span"]["char_end"]])]
            assert all(p["counted_words"] < p["words"] for p in counted), (name, h["text"][:40])
