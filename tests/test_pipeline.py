"""Registry, configuration, the in-process pipeline and the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from detectors.base import Detector
from detectors.completeness import CompletenessDetector
from integrity.casefiles import validate_case, case_to_dict
from integrity.cli import app
from integrity.config import Settings, load_settings
from integrity.corpus import Corpus
from integrity.models import DetectorResult
from integrity.pipeline import screen_one
from integrity.registry import build_detectors, detector_classes

runner = CliRunner()


class ExplodingDetector(Detector):
    name = "exploding"
    family = "test"

    def __init__(self, when: str = "always"):
        self.when = when

    def detect(self, manuscript, corpus=None) -> DetectorResult:
        raise RuntimeError("boom on purpose")


def test_completeness_is_registered_through_entry_points():
    classes = detector_classes()
    assert classes["completeness"] is CompletenessDetector
    assert CompletenessDetector.default_params() == {"require_data_availability": True, "min_characters": 2000}


def test_settings_from_toml_reach_the_detector(tmp_path: Path):
    cfg = tmp_path / "integrity.toml"
    cfg.write_text('[detectors]\nenabled = ["completeness"]\n[detectors.completeness]\nmin_characters = 10\n[ingest]\nmax_pages = 7\n')
    settings = load_settings(cfg)
    (detector,) = build_detectors(settings)
    assert detector.get_params() == {"require_data_availability": True, "min_characters": 10}
    assert settings.ingest.max_pages == 7


@pytest.mark.parametrize(
    "text, message",
    [
        ("[detectors.completeness]\nmin_charactres = 10\n", "no parameter"),
        ('[detectors]\nenabled = ["nonexistent"]\n', "unknown detector"),
        ("[ingest]\nmax_page = 3\n", r"unknown \[ingest\] key"),
        ("[detector]\n", "unknown section"),
    ],
)
def test_misspelt_settings_are_errors(tmp_path: Path, text: str, message: str):
    cfg = tmp_path / "integrity.toml"
    cfg.write_text(text)
    with pytest.raises(ValueError, match=message):
        build_detectors(load_settings(cfg))


def test_failing_detector_is_isolated(paper_pdf: Path, tmp_path: Path):
    detectors = [ExplodingDetector(), CompletenessDetector(min_characters=10)]
    case, folder = screen_one(paper_pdf, detectors, Settings(), tmp_path / "cases")
    failures = [e for e in case.errors if e.code == "detector_failed"]
    assert len(failures) == 1 and failures[0].stage == "exploding" and "boom on purpose" in failures[0].message
    # The other detector's findings are kept: the paper cites no data-availability statement.
    assert "missing_data_availability" in {f.kind for f in case.findings}
    record = json.loads((folder / "case.json").read_text())
    validate_case(record)
    assert record["errors"][0]["stage"] == "exploding"


def test_checked_paper_is_indexed_once(paper_pdf: Path, tmp_path: Path):
    corpus = Corpus(f"sqlite:///{tmp_path / 'corpus.db'}")
    for _ in range(2):
        screen_one(paper_pdf, [CompletenessDetector()], Settings(), None, corpus=corpus)
    assert corpus.stats()["documents"] == 1


def test_cli_check_json_prints_a_valid_case(paper_pdf: Path, tmp_path: Path):
    result = runner.invoke(app, ["check", str(paper_pdf), "--out", str(tmp_path / "cases"), "--json", "--no-index"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    validate_case(record)
    assert record["manuscript"]["filename"] == "paper.pdf" and record["manuscript"]["pages"] == 3
    assert (tmp_path / "cases" / f"{record['manuscript']['id'][:12]}-paper" / "index.html").exists()


def test_cli_exit_codes(tmp_path: Path):
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    unreadable = runner.invoke(app, ["check", str(empty), "--out", str(tmp_path / "cases")])
    assert unreadable.exit_code == 1 and "empty" in unreadable.output
    assert runner.invoke(app, ["check", str(tmp_path / "missing.pdf")]).exit_code == 2
    (tmp_path / "nothing").mkdir()
    assert runner.invoke(app, ["screen", str(tmp_path / "nothing")]).exit_code == 1
    bad_config = tmp_path / "bad.toml"
    bad_config.write_text("[detectors.completeness]\nnope = 1\n")
    assert runner.invoke(app, ["check", str(empty), "--config", str(bad_config)]).exit_code == 2


def test_cli_lists_detectors_with_parameters():
    result = runner.invoke(app, ["detectors"])
    assert result.exit_code == 0
    assert "completeness" in result.output and "min_characters" in result.output and "2000" in result.output


def test_score_ranks_one_high_above_many_lows():
    from integrity.models import Finding, case_score

    def finding(severity):
        return Finding("d", "k", severity, 1.0, "t", "e")

    many_lows = case_score([finding("low")] * 20)
    one_medium = case_score([finding("medium")])
    one_high = case_score([finding("high")])
    assert many_lows < one_medium < one_high
    assert case_score([finding("medium"), finding("medium")]) > one_medium
    assert case_score([finding("info")] * 5) == 0.0
