"""Recompute p values and judge them against the printed ones.

Consistency follows statcheck: the printed statistic stands for an interval
(2.20 means [2.195, 2.205]), which gives an interval of computed p; a printed
``p = .036`` stands for [.0355, .0365]; the result is consistent when the two
overlap (for ``p < x``: when some computed p is below x; ``p > x``: above).

Decision rule (documented, and a parameter of the detector): a printed
``p = α`` (``p = .05``) is read as a claim of significance, as statcheck does
by default, because authors who print ``p = .05`` nearly always treat it as
significant.  A result is a *decision error* only when it is inconsistent and
the whole interval of computed p lies on the other side of α from the claim,
so rounding of the statistic can never create a decision error.

scipy.special's distribution functions are used directly: the same numbers as
``scipy.stats.<dist>.sf`` at a fraction of the call overhead.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from scipy import special

from detectors.stats.extract import Result

EPS = 1e-12


def p_value(test: str, value: float, df1: float | None, df2: float | None, tails: int = 2) -> float | None:
    """p for a statistic; t, z and r are two-sided unless ``tails=1``."""
    try:
        if test == "t":
            p = special.stdtr(df2, -abs(value)) * tails
        elif test == "z":
            p = special.ndtr(-abs(value)) * tails
        elif test == "r":
            if abs(value) >= 1:
                return 0.0 if abs(value) == 1 else None
            t = abs(value) * math.sqrt(df2 / (1.0 - value * value))
            p = special.stdtr(df2, -t) * tails
        elif test == "F":
            if value < 0:
                return None
            p = special.fdtrc(df1, df2, value)
        elif test in ("chi2", "Q", "H"):
            if value < 0:
                return None
            p = special.chdtrc(df1, value)
        else:
            return None
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    p = float(p)
    return None if math.isnan(p) else min(p, 1.0)


def needs_df(test: str) -> bool:
    return test in ("t", "r", "F", "chi2", "Q", "H")


def can_recompute(r: Result) -> bool:
    if r.test not in ("t", "z", "r", "F", "chi2", "Q", "H"):
        return False
    if r.test in ("t", "r") and not (r.df2 and r.df2 > 0):
        return False
    if r.test == "F" and not (r.df1 and r.df2 and r.df1 > 0 and r.df2 > 0):
        return False
    if r.test in ("chi2", "Q", "H") and not (r.df1 and r.df1 > 0):
        return False
    if r.test == "r" and abs(r.value) > 1:
        return False
    return True


@dataclass
class PInterval:
    point: float
    low: float  # smallest p the printed statistic allows
    high: float  # largest


def computed_interval(r: Result, tails: int = 2, df1: float | None = None, df2: float | None = None) -> PInterval | None:
    """The point p and the interval of p allowed by rounding of the statistic."""
    df1 = r.df1 if df1 is None else df1
    df2 = r.df2 if df2 is None else df2
    point = p_value(r.test, r.value, df1, df2, tails)
    if point is None:
        return None
    half = 0.5 * 10.0 ** (-r.value_decimals)
    magnitude = abs(r.value)
    small, large = max(magnitude - half, 0.0), magnitude + half
    if r.test == "r":
        large = min(large, 1.0 - 1e-12)
    if r.test_comparison in ("<", "<="):
        small = 0.0  # "F < 1": any value below the bound
    elif r.test_comparison in (">", ">="):
        large = math.inf
    high = p_value(r.test, small, df1, df2, tails) if small > 0 else 1.0
    low = p_value(r.test, large, df1, df2, tails) if math.isfinite(large) else 0.0
    if high is None or low is None:
        return None
    return PInterval(point, min(low, point), max(high, point))


def p_is_consistent(reported_comparison: str, reported: float | None, decimals: int, interval: PInterval, alpha: float) -> bool:
    """Does the printed p agree with the interval of computed p?"""
    if reported_comparison == "ns":
        return interval.high >= alpha - EPS
    half = 0.5 * 10.0 ** (-decimals)
    if reported <= 0:  # "p = .000" / "p < .000": read as p < .0005 (a rounded-down small p)
        return interval.low < half + EPS
    if reported_comparison == "=":
        return interval.low <= reported + half + EPS and interval.high >= reported - half - EPS
    if reported_comparison in ("<", "<="):
        return interval.low <= reported + EPS
    if reported_comparison in (">", ">="):
        return interval.high >= reported - EPS
    return True


def reported_significance(comparison: str, reported: float | None, alpha: float, p_equal_alpha_significant: bool) -> bool | None:
    """What the printed p claims: True significant, False not, None no claim at α."""
    if comparison == "ns":
        return False
    if comparison == "=":
        if abs(reported - alpha) < EPS:
            return p_equal_alpha_significant
        return reported < alpha
    if comparison in ("<", "<="):
        return True if reported <= alpha + EPS else None
    if comparison in (">", ">="):
        return False if reported >= alpha - EPS else None
    return None


def computed_significance(interval: PInterval, alpha: float) -> bool | None:
    """True/False when the whole computed interval is below/above α; None if it straddles."""
    if interval.high < alpha:
        return True
    if interval.low >= alpha:
        return False
    return None


def reproduce_line(r: Result, tails: int = 2, multiplier: int | None = None) -> str:
    """One line an officer can paste into R or Python to recompute p."""
    v = abs(r.value)
    if r.test == "t":
        df = _fmt(r.df2)
        R = f"{tails} * pt({v:g}, {df}, lower.tail = FALSE)"
        py = f"scipy.stats.t.sf({v:g}, {df}) * {tails}"
    elif r.test == "z":
        R = f"{tails} * pnorm({v:g}, lower.tail = FALSE)"
        py = f"scipy.stats.norm.sf({v:g}) * {tails}"
    elif r.test == "r":
        df = _fmt(r.df2)
        t_expr = f"{v:g} * sqrt({df} / (1 - {v:g}^2))"
        R = f"{tails} * pt({t_expr}, {df}, lower.tail = FALSE)"
        py = f"scipy.stats.t.sf({v:g} * ({df} / (1 - {v:g}**2))**0.5, {df}) * {tails}"
    elif r.test == "F":
        R = f"pf({v:g}, {_fmt(r.df1)}, {_fmt(r.df2)}, lower.tail = FALSE)"
        py = f"scipy.stats.f.sf({v:g}, {_fmt(r.df1)}, {_fmt(r.df2)})"
    else:
        R = f"pchisq({v:g}, {_fmt(r.df1)}, lower.tail = FALSE)"
        py = f"scipy.stats.chi2.sf({v:g}, {_fmt(r.df1)})"
    if multiplier:
        R, py = f"min(1, {multiplier} * {R})", f"min(1, {multiplier} * {py})"
    return f"Reproduce with: {R}  (R)  or  {py}  (Python)"


def _fmt(x: float | None) -> str:
    if x is None:
        return "?"
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def format_p(p: float | None) -> str:
    if p is None:
        return "—"
    if p < 0.0001:
        return f"{p:.2e}"
    return f"{p:.4f}"
