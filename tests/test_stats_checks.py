"""Recomputation, consistency, decision errors, explanations and conventions."""

from __future__ import annotations

import pytest
from scipy import stats

from detectors.stats.checks import CheckOptions, check_result
from detectors.stats.context import TextContext, stated_alpha
from detectors.stats.extract import extract_results
from detectors.stats.normalize import normalize
from detectors.stats.recompute import p_value


def verdict(text: str, alpha: float = 0.05, **options):
    results = extract_results(normalize(text))
    assert results, text
    ctx = TextContext.build(text)
    return check_result(results[0], ctx, CheckOptions(alpha=alpha, **options))


def test_p_values_match_scipy_stats():
    assert p_value("t", 2.2, None, 28) == pytest.approx(2 * stats.t.sf(2.2, 28))
    assert p_value("F", 3.41, 2, 57) == pytest.approx(stats.f.sf(3.41, 2, 57))
    assert p_value("chi2", 4.5, 1, None) == pytest.approx(stats.chi2.sf(4.5, 1))
    assert p_value("z", 1.96, None, None) == pytest.approx(2 * stats.norm.sf(1.96))
    t = 0.32 * (48 / (1 - 0.32**2)) ** 0.5
    assert p_value("r", 0.32, None, 48) == pytest.approx(2 * stats.t.sf(t, 48))
    assert p_value("t", 2.2, None, 28.6) == pytest.approx(2 * stats.t.sf(2.2, 28.6))  # fractional df


@pytest.mark.parametrize(
    "text",
    [
        "t(28) = 2.20, p = .036",
        "t(28) = 2.20, p = .04",  # two decimals: .0362 rounds to .04
        "t(28) = 2.20, p < .05",
        "F(2, 57) = 3.41, p = .040",
        "r(48) = .32, p = .023",
        "χ2(1, N = 90) = 4.50, p = .034",
        "z = 2.31, p = .021",
        "z = 1.96, p = .05",
        "F(1, 57) = 1.20, ns",
        "t(28) = 1.20, p > .05",
        "F(1.84, 45.9) = 3.41, p = .045",
        "z = 5.6, p = 2.1 × 10−8",
        "t(12) = 8.3, p < .001",
    ],
)
def test_consistent_results(text):
    v = verdict(text)
    assert v.status == "consistent", (text, v.interval)
    assert v.consistent is True and v.decision_error is False


def test_rounding_interval_of_the_statistic_is_used():
    # t = 2.2 printed with one decimal stands for [2.15, 2.25]: p from .0323 to .0398.
    v = verdict("t(28) = 2.2, p = .033")
    assert v.status == "consistent"
    assert v.interval.low < 0.0325 < v.interval.high


def test_inconsistent_without_decision_change():
    v = verdict("t(28) = 2.20, p = .012")
    assert v.status == "inconsistent" and v.decision_error is False
    assert v.interval.point == pytest.approx(0.0362, abs=1e-4)
    assert "pt(2.2, 28" in v.reproduce and "scipy.stats.t.sf(2.2, 28) * 2" in v.reproduce


@pytest.mark.parametrize(
    "text",
    ["t(24) = 1.45, p = .031", "t(24) = 1.45, p < .05", "F(1, 40) = 9.80, p = .21", "F(1, 40) = 9.80, ns", "r(48) = .10, p = .02"],
)
def test_decision_errors(text):
    v = verdict(text)
    assert v.status == "decision_error" and v.decision_error is True


def test_p_equal_alpha_rule_is_explicit():
    # t(28) = 1.98 gives p = .058; printed p = .05 claims significance (statcheck's default reading).
    assert verdict("t(28) = 1.98, p = .045").status == "decision_error"
    # t(40) = 2.10 gives p = .042, outside [.045, .055]: inconsistent, and significant either way...
    assert verdict("t(40) = 2.10, p = .05").status == "inconsistent"
    # ...unless p = α is read as non-significant.
    assert verdict("t(40) = 2.10, p = .05", p_equal_alpha_significant=False).status == "decision_error"
    assert verdict("t(28) = 1.90, p = .050").status == "decision_error"  # p = .068 vs claim "= .05" significant
    assert verdict("t(28) = 1.90, p = .050", p_equal_alpha_significant=False).status == "inconsistent"


def test_stated_alpha_changes_decisions():
    text = "We used α = .01 throughout. The effect was t(28) = 2.20, p = .008."
    alpha, phrase = stated_alpha(text)
    assert alpha == 0.01 and phrase
    # Printed .008 claims p < .01; the recomputed .036 is not: a decision error at α = .01 only.
    assert verdict(text, alpha=alpha).status == "decision_error"
    assert verdict(text, alpha=0.05).status == "inconsistent"
    assert stated_alpha("Bonferroni-corrected α = .017 was used.")[0] == 0.05
    assert stated_alpha("Cronbach's α = .87.")[0] == 0.05


def test_one_tailed_explained_when_the_paper_says_so():
    v = verdict("As predicted, t(30) = 1.80, p = .041, one-tailed.")
    assert v.status == "consistent_if_one_tailed"
    assert v.explanation["scope"] == "local" and v.decision_error is False
    assert "1 * pt(" in v.reproduce


def test_one_tailed_match_without_cue_stays_an_error():
    v = verdict("The effect was t(30) = 1.80, p = .041.")
    assert v.status == "decision_error"
    assert any("never says one-tailed" in n for n in v.notes)


def test_non_directional_is_not_a_cue():
    assert verdict("A non-directional test gave t(30) = 1.80, p = .041.").status == "decision_error"


def test_bonferroni_with_stated_number_of_comparisons():
    v = verdict("t(40) = 2.65, p = .034, Bonferroni-corrected for three comparisons")
    assert v.status == "consistent_if_adjusted"
    assert v.explanation["comparisons"] == 3 and v.explanation["method"] == "bonferroni"
    assert "min(1, 3 *" in v.reproduce


def test_adjusted_p_label_without_method():
    v = verdict("t(28) = 2.20, p_adj = .108")
    assert v.status == "consistent_if_adjusted" and v.explanation["comparisons"] == 3


def test_adjustment_cannot_explain_a_too_small_p():
    assert verdict("After Bonferroni correction, t(28) = 2.20, p = .012").status == "inconsistent"


def test_greenhouse_geisser_explains_uncorrected_df():
    # F(2, 40) = 3.30: p = .047 uncorrected; with ε = .6, F(1.2, 24) gives p ≈ .075.
    text = "Sphericity was violated, so Greenhouse-Geisser corrected results are reported: F(2, 40) = 3.30, p = .075."
    v = verdict(text)
    assert v.status == "consistent_if_corrected_df"
    assert 0.5 < v.explanation["epsilon"] < 1


def test_fractional_df_is_noted():
    v = verdict("F(1.84, 45.90) = 3.41, p = .045")
    assert v.status == "consistent"
    assert any("Fractional df" in n for n in v.notes)


def test_not_checked_reasons():
    assert verdict("U = 45, p = .03").reason.startswith("U statistic")
    assert "no degrees of freedom" in verdict("t = 2.2, p = .03").reason


def test_p_zero_is_read_as_small_p():
    assert verdict("t(28) = 6.20, p = .000").status == "consistent"
    assert verdict("t(28) = 1.20, p = .000").status == "decision_error"
