"""Paper-level signals: patterns across many numbers that are worth a look
but prove nothing on their own.

- An excess of p values just below .05 (caliper test: (.04, .05] against
  (.05, .06]; without selective reporting the two bins hold about as many).
- Terminal digits of reported statistics, means and SDs far from uniform
  (chi-square test), or one terminal digit dominating.
- Carlisle-style baseline balance in a randomised trial: baseline p values
  of the group comparisons should look uniform; combined (Stouffer) they
  should be neither far too similar nor far too different.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from scipy import special, stats

from detectors.stats.tables import COUNT_PCT_CELL_RE, HEADER_N_RE, MEAN_SD_CELL_RE, clean
from detectors.stats.numbers import parse_number
from integrity.models import Table


@dataclass
class Signal:
    kind: str
    title: str
    explanation: str
    numbers: dict
    rows: list[list] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    locations: list[tuple[int, int]] = field(default_factory=list)


def caliper_signal(p_values: list[tuple[float, int, int]], min_below: int = 5, threshold: float = 0.05) -> Signal | None:
    """``p_values``: (exact printed p, start, end) for printed ``p = x``."""
    below = [p for p in p_values if 0.04 < p[0] <= 0.05]
    above = [p for p in p_values if 0.05 < p[0] <= 0.06]
    if len(below) < min_below:
        return None
    test = stats.binomtest(len(below), len(below) + len(above), 0.5, alternative="greater")
    if test.pvalue >= threshold:
        return None
    return Signal(
        "p_just_below_05",
        f"{len(below)} p values just below .05 against {len(above)} just above",
        f"Of the exactly printed p values, {len(below)} fall in (.04, .05] and {len(above)} in (.05, .06]. Without "
        f"selective reporting the two bins hold similar numbers; a binomial test gives p = {test.pvalue:.3g}. "
        "This is a pattern across the paper, not evidence about any one result.",
        {"just_below": len(below), "just_above": len(above), "binomial_p": float(test.pvalue), "total_exact_p": len(p_values)},
        rows=[[f"{p:g}", s] for p, s, _ in below],
        columns=["p", "offset"],
        locations=[(s, e) for _, s, e in below],
    )


def terminal_digit_signal(numbers: list[str], min_count: int = 50, threshold: float = 0.001) -> Signal | None:
    """Last digits of printed numbers with 2+ decimals (the last digit of a
    measured value is close to uniform; a short last digit is not)."""
    digits = [s[-1] for s in numbers if re.fullmatch(r"-?\d*[.,]\d{2,}", s.strip()) and s.strip()[-1].isdigit()]
    if len(digits) < min_count:
        return None
    counts = [digits.count(str(d)) for d in range(10)]
    chi = stats.chisquare(counts)
    top = max(range(10), key=lambda d: counts[d])
    share = counts[top] / len(digits)
    if chi.pvalue >= threshold:
        return None
    return Signal(
        "terminal_digits",
        f"Terminal digits of {len(digits)} numbers are far from uniform",
        f"The last digit of {len(digits)} printed statistics, means and SDs (2+ decimals) should be close to uniform. "
        f"Here the digit {top} ends {counts[top]} of them ({share:.0%}; about 10% expected); chi-square = {chi.statistic:.1f}, "
        f"df = 9, p = {chi.pvalue:.2g}. Invented or copied numbers often show such preferences.",
        {"count": len(digits), "digit_counts": dict(zip(range(10), counts)), "chi_square": float(chi.statistic), "p": float(chi.pvalue)},
        rows=[[d, counts[d], f"{counts[d] / len(digits):.0%}"] for d in range(10)],
        columns=["last digit", "count", "share"],
    )


def baseline_p_values(table: Table) -> tuple[list[dict], list[int]] | None:
    """Group-comparison p values for a two-arm baseline table, or None if the
    table is not one.  Means: t test from M, SD, n; counts: chi-square 2×2."""
    header = [clean(c) for c in table.rows[0]]
    group_cols = [(j, int(m.group("n"))) for j, h in enumerate(header) if (m := HEADER_N_RE.search(h))]
    if len(group_cols) != 2:
        return None
    (ja, na), (jb, nb) = group_cols
    rows = []
    for i, row in enumerate(table.rows[1:], start=1):
        cells = [clean(c) for c in row]
        if max(ja, jb) >= len(cells):
            continue
        label = cells[0] if cells else ""
        a, b = cells[ja], cells[jb]
        ma, mb = MEAN_SD_CELL_RE.match(a), MEAN_SD_CELL_RE.match(b)
        ca, cb = COUNT_PCT_CELL_RE.match(a), COUNT_PCT_CELL_RE.match(b)
        if ca and cb:
            xa, xb = int(ca.group("count")), int(cb.group("count"))
            if xa > na or xb > nb:
                continue
            table22 = [[xa, na - xa], [xb, nb - xb]]
            if min(xa + xb, na + nb - xa - xb) == 0:
                continue
            p = float(stats.chi2_contingency(table22, correction=False)[1])
            rows.append({"label": label, "row": i, "kind": "count", "a": a, "b": b, "p": p})
        elif ma and mb:
            try:
                m1, s1 = parse_number(ma.group("m")).value, parse_number(ma.group("sd") or ma.group("sd2")).value
                m2, s2 = parse_number(mb.group("m")).value, parse_number(mb.group("sd") or mb.group("sd2")).value
            except ValueError:
                continue
            if s1 <= 0 or s2 <= 0:
                continue
            p = float(stats.ttest_ind_from_stats(m1, s1, na, m2, s2, nb, equal_var=True).pvalue)
            rows.append({"label": label, "row": i, "kind": "mean", "a": a, "b": b, "p": p})
    return rows, [na, nb]


def carlisle_signal(table: Table, min_variables: int = 5, threshold: float = 0.01) -> Signal | None:
    parsed = baseline_p_values(table)
    if parsed is None:
        return None
    rows, (na, nb) = parsed
    if len(rows) < min_variables:
        return None
    ps = [min(max(r["p"], 1e-12), 1 - 1e-12) for r in rows]
    # Stouffer: z_i = Φ⁻¹(1 − p_i); a low combined z means p values crowd near 1 (too similar).
    z = float(sum(special.ndtri(1 - p) for p in ps) / math.sqrt(len(ps)))
    similar_p, different_p = float(special.ndtr(z)), float(special.ndtr(-z))
    worst = min(similar_p, different_p)
    summary = {"variables": len(rows), "stouffer_z": float(z), "p_too_similar": similar_p, "p_too_different": different_p,
               "group_n": [na, nb], "table_id": table.id}
    if worst >= threshold:
        return None
    direction = "more similar" if similar_p < different_p else "more different"
    return Signal(
        "baseline_balance",
        f"Baseline table {table.id}: groups {direction} than randomisation predicts",
        f"In a randomised trial the baseline p values of the {len(rows)} group comparisons in table {table.id} should be "
        f"spread evenly between 0 and 1. Combined (Stouffer z = {z:.2f}), groups this {direction.split()[1]} have "
        f"probability {worst:.2g} under randomisation (Carlisle 2017). Rounding and non-normal variables weaken "
        "this check: it is a reason to look at the raw data, not a finding of fabrication.",
        summary,
        rows=[[r["label"], r["a"], r["b"], f"{r['p']:.3f}"] for r in rows],
        columns=["variable", "group A", "group B", "p (recomputed)"],
    )
