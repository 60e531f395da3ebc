"""One failing or hanging detector, one bad download: the rest goes on."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from detectors.base import Detector
from integrity.models import DetectorResult, Finding


class Crashing(Detector):
    name = "crashing"
    family = "test"

    def detect(self, manuscript, corpus=None):
        raise ZeroDivisionError("boom")


class Hanging(Detector):
    name = "hanging"
    family = "test"

    def __init__(self, seconds: float = 5.0):
        self.seconds = seconds

    def detect(self, manuscript, corpus=None):
        time.sleep(self.seconds)
        return DetectorResult()


class Working(Detector):
    name = "working"
    family = "test"

    def detect(self, manuscript, corpus=None):
        return DetectorResult(findings=[Finding(detector="working", kind="note", severity="low", confidence=0.5, title="a finding", explanation="kept")])


def test_a_failing_or_timed_out_detector_costs_only_its_own_findings(tmp_path: Path, paper_pdf: Path):
    from integrity.config import Settings
    from integrity.pipeline import screen_one

    detectors = [Crashing(), Hanging(seconds=3.0), Working()]
    started = time.perf_counter()
    import integrity.pipeline as pipeline

    previous, pipeline.DEFAULT_DETECTOR_TIMEOUT = pipeline.DEFAULT_DETECTOR_TIMEOUT, 0.5
    try:
        case, folder = screen_one(paper_pdf, detectors, Settings(), tmp_path / "cases")
    finally:
        pipeline.DEFAULT_DETECTOR_TIMEOUT = previous
    assert time.perf_counter() - started < 2.5  # the hanging detector was not waited for
    codes = {e.stage: e.code for e in case.errors}
    assert codes == {"crashing": "detector_failed", "hanging": "detector_timeout"}
    assert [f.title for f in case.findings] == ["a finding"]
    assert (folder / "case.json").exists()


def test_a_detector_may_set_its_own_time_limit():
    from integrity.pipeline import detector_timeout

    slow = Hanging()
    slow.timeout_seconds = 7
    assert detector_timeout(slow, 1.0) == 7
    assert detector_timeout(Working(), 1.0) == 1.0


def test_transient_errors_are_retried_with_backoff_and_permanent_ones_are_not():
    from integrity.sources import PermanentFetchError, with_retries

    calls = []

    def flaky():
        calls.append(time.perf_counter())
        if len(calls) < 3:
            raise ConnectionResetError("reset by peer")
        return "ok"

    assert with_retries(flaky, base_delay=0.05) == "ok"
    assert len(calls) == 3 and calls[2] - calls[1] > calls[1] - calls[0]  # waits grow

    def gone():
        calls.append(0)
        raise PermanentFetchError("HTTP 404")

    calls.clear()
    with pytest.raises(PermanentFetchError):
        with_retries(gone, base_delay=0.01)
    assert len(calls) == 1


def test_hooks_run_around_the_case_write_and_never_stop_it(tmp_path: Path, paper_pdf: Path):
    import integrity.pipeline as pipeline
    from integrity.config import Settings

    seen = []

    def broken(case):
        raise RuntimeError("review store down")

    pipeline.BEFORE_WRITE_HOOKS[:] = [broken, lambda case: seen.append(("before", case.manuscript.filename))]
    pipeline.AFTER_WRITE_HOOKS[:] = [lambda case, folder: seen.append(("after", (folder / "case.json").exists()))]
    try:
        pipeline.screen_one(paper_pdf, [Working()], Settings(), tmp_path / "cases")
    finally:
        pipeline.BEFORE_WRITE_HOOKS.clear()
        pipeline.AFTER_WRITE_HOOKS.clear()
    assert seen == [("before", "paper.pdf"), ("after", True)]
