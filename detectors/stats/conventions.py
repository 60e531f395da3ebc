"""Reporting-convention problems: numbers that cannot be right as printed,
whatever the data — p = .000, p < .000, p < 0, p > 1, |r| > 1, a negative SD
or variance, a percentage of a sample over 100, df too large for the N given
with the result.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from detectors.stats.extract import P_RE, Result, find_heads
from detectors.stats.means import MeanItem
from detectors.stats.normalize import NormalizedText
from detectors.stats.numbers import NUMBER

NEGATIVE_SPREAD_RE = re.compile(rf"(?<![A-Za-z])(?P<what>SD|SE|SEM|s\.d\.|variance|Var|\u03c3|\u03c3\^?2) ?(?:=|:|of) ?- ?{NUMBER}")

# kind -> (severity, title, why it matters)
KINDS = {
    "p_zero": ("low", "p printed as zero", "A p value is never exactly 0; p = .000 is a rounded-down small p and should be printed as p < .001."),
    "p_negative": ("medium", "Negative p value", "A p value is a probability and cannot be negative."),
    "p_above_one": ("medium", "p value above 1", "A p value is a probability and cannot exceed 1."),
    "r_above_one": ("medium", "Correlation outside [-1, 1]", "A correlation coefficient cannot exceed 1 in absolute value."),
    "negative_sd": ("medium", "Negative SD or variance", "A standard deviation, standard error or variance cannot be negative."),
    "percent_over_100": ("low", "Percentage of the sample above 100", "A share of a sample cannot exceed 100%."),
    "df_impossible": ("low", "Degrees of freedom too large for the stated N", "The df printed is larger than the sample size allows for this test."),
}


@dataclass
class ConventionIssue:
    kind: str
    start: int
    end: int
    raw: str
    detail: str


def find_convention_issues(
    norm: NormalizedText,
    results: list[Result],
    means: list[MeanItem],
    in_body,
) -> list[ConventionIssue]:
    issues: list[ConventionIssue] = []
    text = norm.text
    for m in P_RE.finditer(text):
        if m.group("ns") or not m.group("pval"):
            continue
        raw_value = m.group("pval").replace(" ", "")
        start, end = norm.to_original(m.start(), m.end())
        if not in_body(start):
            continue
        raw = norm.original[start:end]
        comp = m.group("pcomp")
        try:
            value = float(raw_value.replace(",", ".")) if not re.search(r"[eE\u00d7xX*]", raw_value) else None
        except ValueError:
            value = None
        if value is None:
            continue
        if raw_value.startswith("-"):
            issues.append(ConventionIssue("p_negative", start, end, raw, f"{raw}: p printed as negative."))
        elif value == 0:
            what = "p < .000 is impossible" if comp in ("<", "\u2264", "<=") else "p = .000 should be p < .001"
            issues.append(ConventionIssue("p_zero", start, end, raw, f"{raw}: {what}."))
        elif value > 1:
            issues.append(ConventionIssue("p_above_one", start, end, raw, f"{raw}: p printed above 1."))
    for head in find_heads(text):
        if head.test == "r" and abs(head.value.value) > 1:
            start, end = norm.to_original(head.start, head.end)
            if in_body(start):
                raw = norm.original[start:end]
                issues.append(ConventionIssue("r_above_one", start, end, raw, f"{raw}: |r| = {abs(head.value.value):g} > 1."))
    for m in NEGATIVE_SPREAD_RE.finditer(text):
        start, end = norm.to_original(m.start(), m.end())
        if in_body(start):
            raw = norm.original[start:end]
            issues.append(ConventionIssue("negative_sd", start, end, raw, f"{raw}: a negative {m.group('what')}."))
    for item in means:
        if item.kind == "mean" and item.sd is not None and item.sd.value < 0 and item.source == "table":
            issues.append(ConventionIssue("negative_sd", item.start, item.end, item.raw, f"{item.raw}: a negative SD."))
        if item.kind == "percent" and item.value.value > 100 and (item.count is not None or item.n is not None):
            issues.append(ConventionIssue("percent_over_100", item.start, item.end, item.raw, f"{item.raw}: {item.value.text.strip()}% of a sample."))
    for r in results:
        issue = _df_issue(r)
        if issue:
            issues.append(issue)
    seen, unique = set(), []
    for issue in sorted(issues, key=lambda x: (x.start, x.kind)):
        if (issue.kind, issue.start) not in seen:
            seen.add((issue.kind, issue.start))
            unique.append(issue)
    return unique


def _df_issue(r: Result) -> ConventionIssue | None:
    """Only the N printed inside the result (χ²(1, N = 90)) or right next to it
    is trusted: papers with several studies state several Ns."""
    n = r.n
    if not n:
        return None
    if r.test == "chi2" and r.df1 is not None and r.df1 >= n:
        return ConventionIssue("df_impossible", r.start, r.end, r.raw, f"{r.raw}: χ² df = {r.df1:g} with N = {n}.")
    if r.test == "t" and r.df2 is not None and r.df2 > n - 1:
        return ConventionIssue("df_impossible", r.start, r.end, r.raw, f"{r.raw}: t df = {r.df2:g} with N = {n} (at most {n - 1}).")
    return None
