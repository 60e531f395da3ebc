"""GRIM, GRIMMER, percentage-GRIM and DEBIT on known values, and the rules
for when they apply (with a reason whenever they do not)."""

from __future__ import annotations

import itertools
import math

import pytest

from detectors.stats import grim
from detectors.stats.context import TextContext
from detectors.stats.means import assess, find_means
from detectors.stats.normalize import normalize
from detectors.stats.numbers import parse_number


def num(s: str):
    return parse_number(s)


def test_grim_known_values():
    # Brown & Heathers (2016): with N = 28, 5.19 is impossible (145.32 / 28), 5.18 possible (145 / 28).
    assert not grim.grim_consistent(num("5.19"), 28)
    assert grim.grim_consistent(num("5.18"), 28)
    assert not grim.grim_consistent(num("3.47"), 18)  # 62/18 = 3.44, 63/18 = 3.50
    assert grim.grim_consistent(num("3.44"), 18)
    assert grim.grim_consistent(num("3.50"), 18)
    assert not grim.grim_consistent(num("3.47"), 18, items=3)  # 187/54 = 3.463, 188/54 = 3.481
    assert grim.grim_consistent(num("3.47"), 18, items=5)  # 312/90 = 3.467
    assert grim.grim_bites(num("3.47"), 18) and not grim.grim_bites(num("3.47"), 120)


def test_grim_is_lenient_at_rounding_boundaries():
    # 3.125 (25/8) prints as 3.12 or 3.13 depending on the rounding rule: both accepted.
    assert grim.grim_consistent(num("3.12"), 8) and grim.grim_consistent(num("3.13"), 8)


def test_grim_agrees_with_enumeration():
    n = 7
    possible = {f"{t / n:.2f}" for t in range(0, 8 * n)}
    for hundredths in range(0, 700):
        shown = f"{hundredths / 100:.2f}"
        assert grim.grim_consistent(num(shown), n) == (shown in possible or _boundary(shown, n)), shown


def _boundary(shown: str, n: int) -> bool:
    value = float(shown)
    return any(abs(t / n - value) <= 0.005 + 1e-9 for t in range(0, 8 * n))


def test_percentage_grim():
    assert grim.percent_consistent(num("53.6"), 28)  # 15/28
    assert not grim.percent_consistent(num("55.6"), 28)
    assert grim.percent_bites(num("55.6"), 28) and not grim.percent_bites(num("55"), 150)


def test_grimmer_never_rejects_a_real_data_set():
    n = 5
    seen = set()
    for data in itertools.combinations_with_replacement(range(1, 8), n):
        mean = sum(data) / n
        sd = math.sqrt(sum((x - mean) ** 2 for x in data) / (n - 1))
        seen.add((f"{mean:.2f}", f"{sd:.2f}"))
    for mean, sd in seen:
        assert grim.grimmer_consistent(num(mean), num(sd), n), (mean, sd)
    # ...and it does reject impossible SDs: with five scores summing to 15, Σx² is odd.
    impossible = [f"{k / 100:.2f}" for k in range(50, 300) if ("3.00", f"{k / 100:.2f}") not in seen]
    rejected = [sd for sd in impossible if not grim.grimmer_consistent(num("3.00"), num(sd), n)]
    assert len(rejected) > 50


def test_debit():
    # 13 of 30 coded 1: p = .433, SD = sqrt(.433 * .567 * 30/29) = .504
    assert grim.debit_consistent(num("0.43"), num("0.50"), 30)
    assert not grim.debit_consistent(num("0.43"), num("0.45"), 30)


def _assess(text: str, max_n: int = 200):
    norm = normalize(text)
    ctx = TextContext.build(text)
    items = [assess(item, ctx, max_n) for item in find_means(norm)]
    for it in items:
        assert text[it.start : it.end] == it.raw
    return items


def test_likert_mean_in_context_is_tested():
    (item,) = _assess("Participants (N = 18) rated their mood on a single 7-point Likert item (M = 3.47, SD = 1.20).")
    assert item.test == "GRIM" and item.consistent is False
    assert item.n == 18 and item.items == 1


def test_grimmer_runs_when_the_mean_passes():
    (item,) = _assess("Participants (N = 5) rated the item once, a single item (M = 3.00, SD = 1.23).")
    assert item.test == "GRIM+GRIMMER"


def test_multi_item_scale_uses_the_item_count():
    (item,) = _assess("On the 4-item scale (N = 20), the mean score was M = 3.46.")
    assert item.items == 4 and item.skipped is None
    assert item.consistent is True  # 3.46 * 80 = 276.8 -> 277/80 = 3.4625


@pytest.mark.parametrize(
    "text,reason",
    [
        ("The mean age was 34.7 years (SD = 8.2, N = 23).", "continuous variable"),
        ("Mean reaction time was 512.37 ms (SD = 80.21; N = 20).", "continuous variable"),
        ("Participants (N = 19) had a mean BMI of 24.31 (SD = 3.12).", "continuous variable"),
        ("Participants (N = 250) rated the item on a single 7-point Likert item (M = 3.47, SD = 1.20).", "N = 250"),
        ("Participants (N = 120) rated the item on a single 7-point Likert item (M = 3.47, SD = 1.20).", "N × items = 120"),
        ("Participants (N = 18) completed the 7-point questionnaire scale (M = 3.47).", "number of items is unknown"),
        ("The score was M = 3.47 in this group.", "no sample size"),
        ("Participants (N = 18) reported M = 3.47 on the measure.", "not known to be integer data"),
        ("Participants (N = 18) rated the item once, a single item (M = 3).", "without decimals"),
    ],
)
def test_skip_reasons(text, reason):
    items = _assess(text, max_n=200)
    assert items and all(it.skipped for it in items), [(it.raw, it.skipped) for it in items]
    assert reason in items[0].skipped


def test_percentages_of_a_sample():
    items = _assess("Of the 28 participants, 15 (55.6%) reported a symptom.")
    assert any(it.kind == "percent" and it.consistent is False for it in items)
    items = _assess("Of the 28 participants, 15 (53.6%) reported a symptom.")
    assert all(it.consistent is not False for it in items)
    # A percentage that is not a share of people is not tested.
    assert _assess("Accuracy rose by 43.7% after training.") == []


def test_binary_variable_debit():
    (item,) = _assess("Smoking status (coded 0 = no, 1 = yes) had M = 0.43, SD = 0.45 in the sample of N = 30.")
    assert item.test == "DEBIT" and item.sd_consistent is False
