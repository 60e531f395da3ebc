"""Turn checked results, means, convention issues and signals into findings
whose evidence an integrity officer can confirm with a calculator."""

from __future__ import annotations

from detectors.evidence import excerpt_block, note_block, table_block
from detectors.stats.checks import Verdict
from detectors.stats.context import TextContext
from detectors.stats.conventions import KINDS, ConventionIssue
from detectors.stats.extract import Result
from detectors.stats.means import MeanItem
from detectors.stats.recompute import format_p
from detectors.stats.signals import Signal
from integrity.models import Finding, Location, Manuscript, Severity

DETECTOR = "stats"
TEST_LABEL = {"chi2": "χ²", "t": "t", "F": "F", "r": "r", "z": "z", "Q": "Q", "H": "H", "U": "U", "W": "W"}


def sentence_excerpt(m: Manuscript, ctx: TextContext, start: int, end: int, label: str = "") -> dict:
    a, b = ctx.sentence(start, end)
    a, b = max(a, start - 180), min(b, end + 220)
    if a < start - 60 and (cut := ctx.text.rfind("\n", a, start - 60)) > a and start - cut > 60:
        a = cut + 1  # a line break far before the result: likely a table or heading above it
    return excerpt_block(m, a, b, context=0, label=label, highlights=[(start, end)])


def result_label(r: Result) -> str:
    name = TEST_LABEL.get(r.test, r.test)
    if r.test == "F" and r.df1 is not None:
        df = f"({_n(r.df1)}, {_n(r.df2)})"
    elif r.test in ("t", "r") and r.df2 is not None:
        df = f"({_n(r.df2)})"
    elif r.df1 is not None:
        df = f"({_n(r.df1)})"
    else:
        df = ""
    return f"{name}{df} {r.test_comparison} {r.value_string.strip()}"


def _n(x) -> str:
    return "?" if x is None else (str(int(x)) if float(x).is_integer() else f"{x:g}")


def _p_text(r: Result) -> str:
    rp = r.reported_p
    if rp is None:
        return "—"
    return rp.string if rp.comparison == "ns" else f"p {rp.comparison} {rp.string}"


def location_of(m: Manuscript, r_start: int, r_end: int, table=None) -> Location:
    if r_end > r_start:
        return m.locate(r_start, r_end)
    if table is not None:
        return Location(page=table.page, bbox=table.bbox, char_start=table.char_start, char_end=table.char_end)
    return Location()


def inconsistency_finding(m: Manuscript, ctx: TextContext, r: Result, v: Verdict, record: dict, alpha: float, table=None) -> Finding:
    iv = v.interval
    decision = v.status == "decision_error"
    claimed = "significant" if (r.reported_p.comparison in ("<", "<=") or (r.reported_p.value is not None and r.reported_p.comparison == "=" and r.reported_p.value <= alpha)) else "not significant"
    if r.reported_p.comparison == "ns":
        claimed = "not significant"
    actual = "significant" if iv.high < alpha else "not significant"
    label = result_label(r)
    if decision:
        title = f"Decision error: {label} gives p = {format_p(iv.point)}, printed {_p_text(r)}"
        why = (f"The printed p says the result is {claimed} at α = {alpha:g}, but the statistic and df give "
               f"p = {format_p(iv.point)} ({actual}). The conclusion drawn from this test may be wrong.")
    else:
        title = f"Inconsistent p: {label} gives p = {format_p(iv.point)}, printed {_p_text(r)}"
        why = ("The printed p does not match the p recomputed from the printed statistic and df, even allowing for "
               "rounding of both; the conclusion at α is unchanged. Often a typo or a copy-paste slip.")
    for note in v.notes or []:
        why += " " + note
    rows = [
        ["statistic", label, "—"],
        ["p", _p_text(r), f"{format_p(iv.point)} (range {format_p(iv.low)} – {format_p(iv.high)})"],
        [f"significant at α = {alpha:g}", claimed, actual],
    ]
    display = []
    if r.end > r.start:
        display.append(sentence_excerpt(m, ctx, r.start, r.end, label="Reported result"))
    if r.source == "table":
        display.append(table_block(["table", "row", "cells"], [[r.table_id, r.table_row, r.raw]], caption="Printed in a table"))
    display.append(table_block(["", "printed", "recomputed"], rows, caption="Reported vs recomputed"))
    display.append(note_block(v.reproduce + ". The range allows for rounding of the printed statistic; the printed p must fall inside it."))
    return Finding(
        DETECTOR,
        "decision_error" if decision else "inconsistent_p",
        Severity.HIGH if decision else Severity.MEDIUM,
        0.9 if decision else 0.8,
        title,
        why,
        [location_of(m, r.start, r.end, table)],
        {"result": record, "display": display},
    )


_EXPLAINED = {
    "one_tailed": ("Results consistent only if one-tailed", "These p values match the one-tailed p (half the two-tailed p), and the paper says it used one-tailed/directional tests. Worth confirming the tests were planned one-tailed."),
    "adjusted": ("Results consistent only as adjusted p values", "These p values are larger than the raw p by a multiple-comparison adjustment the paper describes (Bonferroni, Holm, FDR, …). Confirm the adjustment is the one stated."),
    "corrected_df": ("Results consistent only with corrected df", "These p values match a Greenhouse-Geisser/Huynh-Feldt or Welch correction of the df that the paper mentions but does not print."),
}


def explained_finding(m: Manuscript, kind: str, items: list[tuple[Result, Verdict]]) -> Finding:
    title, why = _EXPLAINED[kind]
    local = all((v.explanation or {}).get("scope") == "local" for _, v in items)
    rows = [[result_label(r), _p_text(r), format_p(v.interval.point), v.explanation.get("detail", "")] for r, v in items]
    severity = Severity.INFO if local else Severity.LOW
    if not local:
        why += " The cue was found elsewhere in the paper rather than next to each result."
    return Finding(
        DETECTOR, f"consistent_if_{kind}", severity, 0.6, f"{title} ({len(items)})", why,
        [location_of(m, r.start, r.end) for r, _ in items],
        {"count": len(items), "display": [table_block(["result", "printed p", "two-tailed / raw p", "explanation"], rows),
                                          note_block(items[0][1].reproduce)]},
    )


def convention_finding(m: Manuscript, kind: str, issues: list[ConventionIssue]) -> Finding:
    severity, title, why = KINDS[kind]
    rows = [[i.raw, m.locate(i.start, i.end).page, i.detail] for i in issues]
    display = [table_block(["printed", "page", "problem"], rows)]
    if len(issues) <= 3:
        display = [excerpt_block(m, i.start, i.end, context=120) for i in issues] + display
    return Finding(
        DETECTOR, kind, Severity(severity), 0.9, f"{title} ({len(issues)}×)" if len(issues) > 1 else title, why,
        [m.locate(i.start, i.end) for i in issues], {"count": len(issues), "display": display},
    )


def grim_finding(m: Manuscript, ctx: TextContext | None, item: MeanItem, table=None) -> Finding:
    n, k = item.n, item.items or 1
    units = n * k
    sd_only = item.consistent and item.sd_consistent is False
    if item.kind == "percent":
        kind, test = "grim_percent_inconsistent", "GRIM (percentage)"
        lo = int(item.value.value * n / 100)
        near = [f"{100 * c / n:.{item.value.decimals}f}% ({c}/{n})" for c in (lo, lo + 1) if 0 <= c <= n]
        title = f"Impossible percentage: {item.value.text.strip()}% of N = {n}"
        why = (f"A percentage of {n} people is 100·k/{n} for a whole number k. No whole k gives "
               f"{item.value.text.strip()}% after rounding; the nearest possible values are {', '.join(near)}.")
        reproduce = f"Reproduce: {item.value.text.strip()} × {n} / 100 = {item.value.value * n / 100:.3f}, not a whole number of people."
    elif sd_only:
        kind = "debit_inconsistent" if item.test == "DEBIT" else "grimmer_inconsistent"
        test = "DEBIT" if item.test == "DEBIT" else "GRIMMER"
        title = f"Impossible SD: SD = {item.sd.text.strip()} with M = {item.value.text.strip()}, N = {n}"
        if item.test == "DEBIT":
            p = item.value.value
            expect = (p * (1 - p) * n / (n - 1)) ** 0.5
            why = (f"For a 0/1 variable the SD is fixed by the mean: sqrt(p(1−p)·N/(N−1)) = {expect:.3f} for p = {p:g}, "
                   f"N = {n}; the printed SD is {item.sd.text.strip()}.")
            reproduce = f"Reproduce: sqrt({p:g} * (1 - {p:g}) * {n} / {n - 1}) = {expect:.3f}"
        else:
            why = (f"With {n} whole-number scores, the sum of squares must be a whole number with the same parity as the sum. "
                   f"No such sum of squares gives SD = {item.sd.text.strip()} with mean {item.value.text.strip()} (GRIMMER).")
            reproduce = f"Reproduce: SD² × {n - 1} + (mean × {n})² / {n} must be a whole number of the sum's parity."
    else:
        kind, test = "grim_inconsistent", "GRIM"
        total = item.value.value * units
        lo = int(total)
        near = [f"{c / units:.{item.value.decimals}f} ({c}/{units})" for c in (lo, lo + 1)]
        title = f"Impossible mean: M = {item.value.text.strip()} with N = {n}" + (f" × {k} items" if k > 1 else "")
        why = (f"A mean of {n} whole-number scores" + (f" on {k} items" if k > 1 else "") + f" is a multiple of 1/{units}. "
               f"{item.value.text.strip()} × {units} = {total:.2f} is not a whole number, so no data set gives this mean "
               f"(GRIM); the nearest possible means are {', '.join(near)}.")
        reproduce = f"Reproduce: {item.value.text.strip()} × {units} = {total:.3f} (must round to a whole number)."
    why += f" N from {item.n_source}; data taken as integer because of '{item.variable or item.items_source}'."
    rows = [["printed", item.raw], ["test", test], ["N", f"{n} ({item.n_source})"], ["items", f"{k} ({item.items_source or 'n/a'})"]]
    display = []
    if item.end > item.start and ctx is not None:
        display.append(sentence_excerpt(m, ctx, item.start, item.end, label="Reported value"))
    if item.source == "table":
        display.append(table_block(["table", "row label", "cell"], [[item.table_id, item.extra.get("label", ""), item.raw]], caption="Printed in a table"))
    display += [table_block(["", "value"], rows), note_block(reproduce)]
    return Finding(DETECTOR, kind, Severity.MEDIUM, 0.8, title, why, [location_of(m, item.start, item.end, table)],
                   {"mean": item.to_dict(), "display": display})


def signal_finding(m: Manuscript, s: Signal) -> Finding:
    display = [table_block(s.columns, s.rows)] if s.rows else []
    display.append(note_block("A paper-level pattern: worth a look, not evidence about any single number."))
    return Finding(DETECTOR, s.kind, Severity.LOW, 0.4, s.title, s.explanation,
                   [m.locate(a, b) for a, b in s.locations[:20]], {"numbers": s.numbers, "display": display})
