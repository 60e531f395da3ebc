"""The statistics detector on the generated sample papers: every planted
stats problem is found, clean papers get nothing above low severity."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pytest

from detectors.stats import StatsDetector
from integrity.ingest import IngestOptions, ingest_file

SAMPLES = Path(__file__).resolve().parent.parent / "sample_papers"
TRUTH = SAMPLES / "truth.json"
pytestmark = pytest.mark.skipif(not TRUTH.exists(), reason="sample_papers/truth.json not generated")
WANTED = {"p_inconsistent": ("inconsistent_p", "decision_error"), "grim_inconsistent": ("grim_inconsistent",)}


def _truth() -> dict:
    return json.loads(TRUTH.read_text())


@lru_cache(maxsize=None)
def _run(name: str):
    m = ingest_file(SAMPLES / name, IngestOptions(extract_figures=False))
    return m, StatsDetector().detect(m)


def _stats_problems():
    if not TRUTH.exists():
        return []
    problems = _truth()["problems"]
    problems = problems.values() if isinstance(problems, dict) else problems
    return [p for p in problems if p.get("family") == "stats"]


def _clean_papers():
    if not TRUTH.exists():
        return []
    return [name for name, p in _truth()["papers"].items() if p.get("clean") and not p.get("broken")]


@pytest.mark.parametrize("problem", _stats_problems(), ids=lambda p: p["id"])
def test_planted_problem_is_found(problem):
    m, result = _run(problem["paper"])
    kinds = WANTED.get(problem["kind"], (problem["kind"],))
    if problem["kind"] == "p_inconsistent":
        kinds = ("decision_error",) if problem.get("decision_error") else ("inconsistent_p",)
    hits = [f for f in result.findings if f.kind in kinds
            and any(problem["raw"] in m.text[loc.char_start : loc.char_end] for loc in f.locations if loc.char_start is not None)]
    assert hits, [(f.kind, f.title) for f in result.findings]


@pytest.mark.parametrize("name", _clean_papers())
def test_clean_paper_has_nothing_above_low(name):
    _, result = _run(name)
    assert [(f.severity.value, f.title) for f in result.findings if f.severity.rank > 1] == []
