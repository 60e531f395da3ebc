"""Judge one extracted result: recompute p, decide consistency, look for an
innocent explanation (one-tailed test, multiple-comparison adjustment,
corrected df) before calling it an error, and check the decision at α.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from detectors.stats.context import TextContext
from detectors.stats.extract import Result
from detectors.stats.recompute import (
    PInterval,
    can_recompute,
    computed_interval,
    computed_significance,
    p_is_consistent,
    reported_significance,
    reproduce_line,
)

_ONE_TAILED_QUALIFIERS = ("one-tailed", "one tailed", "onetailed", "1-tailed", "1 tailed", "one-sided", "one sided", "1-sided")
_ADJUSTED_QUALIFIERS = ("adj", "adjusted", "corr", "corrected", "bonf", "bonferroni", "holm", "fdr", "fwe", "tukey", "sidak", "šidák")


@dataclass
class CheckOptions:
    alpha: float = 0.05
    p_equal_alpha_significant: bool = True
    max_comparisons: int = 50


@dataclass
class Verdict:
    """Everything the detector reports about one result."""

    status: str  # consistent | inconsistent | decision_error | consistent_if_* | not_checked
    consistent: bool | None = None
    decision_error: bool | None = None
    interval: PInterval | None = None
    explanation: dict | None = None
    notes: list[str] | None = None
    reproduce: str = ""
    reason: str | None = None  # why not checked

    def to_dict(self) -> dict:
        iv = self.interval
        return {
            "computed_p": _round(iv.point) if iv else None,
            "computed_p_interval": [_round(iv.low), _round(iv.high)] if iv else None,
            "consistent": self.consistent,
            "decision_error": self.decision_error,
            "status": self.status,
            "explanation": self.explanation,
            "notes": self.notes or [],
            "reproduce": self.reproduce,
            "skipped_reason": self.reason,
        }


def _round(p: float) -> float:
    return float(f"{p:.6g}")


def check_result(r: Result, ctx: TextContext | None, options: CheckOptions) -> Verdict:
    notes: list[str] = []
    if r.df1 is not None and not float(r.df1).is_integer() or r.df2 is not None and not float(r.df2).is_integer():
        notes.append("Fractional df (a Greenhouse-Geisser/Huynh-Feldt or Welch correction): p recomputed with the printed df.")
    if not can_recompute(r):
        return Verdict("not_checked", notes=notes, reason=_why_not(r))
    qualifier = (r.reported_p.qualifier or "").lower() if r.reported_p else ""
    tails = 1 if qualifier in _ONE_TAILED_QUALIFIERS else 2
    if tails == 1:
        notes.append("The p is labelled one-tailed, so it is compared with the one-tailed p.")
    interval = computed_interval(r, tails=tails)
    if interval is None:
        return Verdict("not_checked", notes=notes, reason="p could not be computed from these values")
    verdict = Verdict("consistent", interval=interval, notes=notes, reproduce=reproduce_line(r, tails))
    rp = r.reported_p
    if rp is None:
        verdict.status, verdict.reason = "not_checked", "no p value printed with this statistic"
        return verdict
    if rp.value is not None and rp.value <= 0:
        notes.append(f"p printed as {rp.comparison} {rp.string}: read as p < {0.5 * 10 ** -rp.decimals:g} for the consistency check.")
    if rp.comparison == "ns":
        notes.append(f"'{rp.string}' read as p > α = {options.alpha:g}.")
    if p_is_consistent(rp.comparison, rp.value, rp.decimals, interval, options.alpha):
        verdict.consistent, verdict.decision_error = True, False
        return verdict
    verdict.consistent = False
    start, end = r.start, r.end
    explanation = None
    if tails == 2:
        explanation = _one_tailed(r, rp, ctx, options, notes, start, end)
    if explanation is None:
        explanation = _adjusted(r, rp, interval, ctx, options, qualifier, start, end, tails)
    if explanation is None:
        explanation = _corrected_df(r, rp, ctx, options, start, end, tails)
    if explanation is not None:
        verdict.explanation = explanation
        verdict.status = "consistent_if_" + explanation["kind"]
        verdict.decision_error = False
        if explanation.get("reproduce"):
            verdict.reproduce = explanation.pop("reproduce")
        return verdict
    claimed = reported_significance(rp.comparison, rp.value, options.alpha, options.p_equal_alpha_significant)
    actual = computed_significance(interval, options.alpha)
    verdict.decision_error = claimed is not None and actual is not None and claimed != actual
    verdict.status = "decision_error" if verdict.decision_error else "inconsistent"
    return verdict


def _why_not(r: Result) -> str:
    if r.test in ("U", "W"):
        return f"{r.test} statistic: p needs the group sizes, so it is reported but not recomputed"
    if r.test == "r" and abs(r.value) > 1:
        return "|r| > 1 is impossible; p not recomputed"
    return "no degrees of freedom printed, so p cannot be recomputed"


def _one_tailed(r, rp, ctx, options, notes, start, end) -> dict | None:
    if r.test not in ("t", "z", "r") or r.test_comparison != "=":
        return None
    half = computed_interval(r, tails=1)
    if half is None or not p_is_consistent(rp.comparison, rp.value, rp.decimals, half, options.alpha):
        return None
    scope = ctx.cue_scope(ctx.one_tailed, start, end) if ctx else None
    if scope is None:
        notes.append(
            "The printed p equals the one-tailed p (half the two-tailed p), but the paper never says "
            "one-tailed, one-sided or directional."
        )
        return None
    where = "next to this result" if scope == "local" else "elsewhere in the paper"
    return {
        "kind": "one_tailed",
        "scope": scope,
        "computed_p_one_tailed": _round(half.point),
        "computed_p_one_tailed_interval": [_round(half.low), _round(half.high)],
        "detail": f"Consistent if one-tailed: the one-tailed p is {half.point:.4f}; the text says one-tailed/one-sided {where}.",
        "reproduce": reproduce_line(r, tails=1),
    }


def _adjusted(r, rp, interval, ctx, options, qualifier, start, end, tails) -> dict | None:
    if rp.comparison == "ns" or rp.value is None or rp.value <= 0:
        return None
    if not rp.value + 0.5 * 10 ** -rp.decimals > interval.low:
        return None  # an adjusted p is never smaller than the raw p
    method, scope = (ctx.adjustment_near(start, end) if ctx else (None, None))
    if qualifier in _ADJUSTED_QUALIFIERS:
        method, scope = method or "generic", "local"
    if method is None:
        return None
    stated = ctx.comparison_count(start, end) if ctx else None
    detail = None
    k_found = None
    if method in ("bonferroni", "holm", "generic", "sidak"):
        ks = [stated] if stated else range(2, options.max_comparisons + 1)
        if method == "holm" and stated:
            ks = range(2, stated + 1)
        for k in ks:
            if method == "sidak":
                scaled = PInterval(1 - (1 - interval.point) ** k, 1 - (1 - interval.low) ** k, 1 - (1 - interval.high) ** k)
            else:
                scaled = PInterval(min(1.0, interval.point * k), min(1.0, interval.low * k), min(1.0, interval.high * k))
            if p_is_consistent(rp.comparison, rp.value, rp.decimals, scaled, options.alpha):
                k_found = k
                name = {"sidak": "Šidák", "holm": "Holm", "generic": "multiple-comparison"}.get(method, "Bonferroni")
                detail = f"Consistent if {name}-adjusted for {k} comparisons: {k} × p = {min(1.0, k * interval.point):.4f}."
                break
    elif scope == "local":  # FDR, Tukey, Scheffé: the factor is not a simple multiple
        detail = f"Consistent if adjusted ({method.upper() if method == 'fdr' else method.capitalize()}): the printed p is larger than the raw p {interval.point:.4f}, as an adjusted p is."
    if detail is None:
        return None
    out = {"kind": "adjusted", "method": method, "scope": scope, "comparisons": k_found, "stated_comparisons": stated, "detail": detail}
    if k_found:
        out["reproduce"] = reproduce_line(r, tails, multiplier=k_found) if method != "sidak" else reproduce_line(r, tails)
    return out


def _corrected_df(r, rp, ctx, options, start, end, tails) -> dict | None:
    if r.test not in ("F", "t") or ctx is None:
        return None
    kind, scope = ctx.df_correction_near(start, end)
    if kind is None:
        return None
    if r.test == "F":
        if not (float(r.df1).is_integer() and float(r.df2).is_integer()) or r.df1 < 2:
            return None  # sphericity corrections only change df of effects with 2+ df
        lowest = 1.0 / r.df1
        grid = [lowest + (1 - lowest) * i / 100 for i in range(100)]
        for eps in grid:
            iv = computed_interval(r, tails, df1=r.df1 * eps, df2=r.df2 * eps)
            if iv and p_is_consistent(rp.comparison, rp.value, rp.decimals, iv, options.alpha):
                return {"kind": "corrected_df", "method": kind, "scope": scope, "epsilon": round(eps, 3),
                        "detail": f"Consistent if the df were corrected (ε ≈ {eps:.2f}: F({r.df1 * eps:.2f}, {r.df2 * eps:.2f})); the paper mentions a sphericity/df correction."}
        return None
    if not float(r.df2).is_integer() or kind not in ("welch", "kr"):
        return None
    low = max(1.0, r.df2 / 2 - 1)
    steps = 100
    for i in range(steps + 1):
        df = low + (r.df2 - low) * i / steps
        iv = computed_interval(r, tails, df2=df)
        if iv and p_is_consistent(rp.comparison, rp.value, rp.decimals, iv, options.alpha):
            return {"kind": "corrected_df", "method": kind, "scope": scope, "df": round(df, 2),
                    "detail": f"Consistent if Welch-corrected df (≈ {df:.1f}) were used; the paper mentions a Welch/Satterthwaite correction."}
    return None


def describe(r: Result, verdict: Verdict) -> str:
    """One sentence for a reviewer."""
    if verdict.interval is None or r.reported_p is None:
        return ""
    rp = r.reported_p
    shown = f"p {rp.comparison} {rp.string}" if rp.comparison != "ns" else rp.string
    iv = verdict.interval
    rng = f"{iv.low:.4f}–{iv.high:.4f}" if not math.isclose(iv.low, iv.high, rel_tol=1e-3) else f"{iv.point:.4f}"
    return f"Printed {shown}; recomputed p = {iv.point:.4f} (range {rng} given rounding of the printed statistic)."
