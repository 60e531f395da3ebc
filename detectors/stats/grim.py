"""GRIM, GRIMMER, percentage-GRIM and DEBIT: can these summary numbers come
from integer data of this size?

Every test is lenient at rounding boundaries (a printed 3.45 may come from
3.445 rounded either way), so a flag means no rounding convention can
produce the printed value.

- GRIM (Brown & Heathers 2016): a mean of N integer scores (or N × k item
  responses) is a multiple of 1/(N·k); printed to d decimals it must round
  from such a fraction.
- Percentage GRIM: a percentage of N people is 100·k/N for an integer k.
- GRIMMER (Anaya 2016): for integer data the sum of squares is an integer with
  the same parity as the sum, which restricts the possible SDs.
- DEBIT (Heathers & Brown 2019): a 0/1 variable's SD is fixed by its mean.
"""

from __future__ import annotations

import math

from detectors.stats.numbers import Number

EPS = 1e-9


def grim_sums(mean: Number, n: int, items: int = 1) -> range:
    """Integer totals T whose T / (n·items) rounds to the printed mean."""
    units = n * items
    lo = (abs(mean.value) - mean.half_step) * units
    hi = (abs(mean.value) + mean.half_step) * units
    return range(math.ceil(lo - EPS), math.floor(hi + EPS) + 1)


def grim_consistent(mean: Number, n: int, items: int = 1) -> bool:
    return len(grim_sums(mean, n, items)) > 0


def grim_bites(mean: Number, n: int, items: int = 1) -> bool:
    """GRIM can only fail when the grid 1/(n·items) is coarser than the printed precision."""
    return n * items < 10**mean.decimals


def percent_consistent(percent: Number, n: int) -> bool:
    """Is there an integer count k with 100·k/n rounding to the printed percentage?"""
    lo = (percent.value - percent.half_step) * n / 100.0
    hi = (percent.value + percent.half_step) * n / 100.0
    return math.ceil(lo - EPS) <= math.floor(hi + EPS) and percent.value <= 100 + percent.half_step


def percent_bites(percent: Number, n: int) -> bool:
    return n < 100 * 10**percent.decimals


def grimmer_consistent(mean: Number, sd: Number, n: int) -> bool:
    """Single-item integer data: is some (sum, sum of squares) pair consistent
    with both the printed mean and the printed SD (n − 1 denominator)?"""
    if n < 2:
        return True
    sd_lo = max(sd.value - sd.half_step, 0.0)
    sd_hi = sd.value + sd.half_step
    for total in grim_sums(mean, n, 1):
        base = total * total / n
        s_lo = base + (n - 1) * sd_lo * sd_lo
        s_hi = base + (n - 1) * sd_hi * sd_hi
        first = math.ceil(s_lo - EPS)
        if first % 2 != total % 2:  # x² ≡ x (mod 2), so Σx² ≡ Σx
            first += 1
        if first <= s_hi + EPS:
            return True
    return False


def debit_consistent(mean: Number, sd: Number, n: int) -> bool:
    """0/1 data: SD = sqrt(p(1 − p) · n / (n − 1)) for p = k / n (sample or
    population SD accepted)."""
    if n < 2:
        return True
    lo, hi = sd.value - sd.half_step - EPS, sd.value + sd.half_step + EPS
    for k in grim_sums(mean, n, 1):
        if not 0 <= k <= n:
            continue
        p = k / n
        population = math.sqrt(p * (1 - p))
        sample = population * math.sqrt(n / (n - 1))
        if lo <= sample <= hi or lo <= population <= hi:
            return True
    return False
