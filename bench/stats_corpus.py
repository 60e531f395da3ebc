"""A labelled corpus for the statistics detector, built deterministically.

Every paragraph is a small "results section" with its planted results and
means, each labelled with where it sits (character offsets), how it was
written (the *style*) and the truth:

- results: ``consistent``, ``inconsistent`` (wrong p, same decision),
  ``decision_error`` (wrong p on the other side of α), ``one_tailed`` and
  ``adjusted`` (correct one-tailed / Bonferroni-adjusted p, with the cue in
  the paragraph: must not be flagged);
- means: ``impossible`` (GRIM / GRIMMER / DEBIT / percentage), ``possible``,
  ``continuous`` (ages, RTs: must not be GRIM-tested) and ``large_n``.

Truth for p values is computed with ``scipy.stats`` from the *printed*
(rounded) statistic; truth for means by enumerating integer data, not with
the detector's code.  ``python -m bench.stats_corpus`` prints a sample.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from scipy import stats

APA_STYLES = ["apa", "apa_effect", "apa_nospace", "ns_forms"]
NON_APA_STYLES = [
    "extra_space", "semicolon", "upper_p", "p_value_word", "df_separate", "chi_variants", "chi_lost",
    "unicode_minus", "unicode_ops", "decimal_comma", "sci_p", "subscript_df", "linebreak", "p_zero", "lancet", "kruskal",
]
STYLES = APA_STYLES + NON_APA_STYLES + ["table"]
ALPHA = 0.05

FILLERS = [
    "Data were screened for outliers before analysis.",
    "Participants were between 18 and 65 years old (see p. 12 of the protocol).",
    "Measurements were taken at t1 and t2, two weeks apart.",
    "Test-retest reliability was high (r = .85).",
    "All analyses were run in R (R Core Team, 2023, p. 4).",
    "We report z-scores standardised within each site.",
    "Effect sizes are reported as Cohen's d.",
    "The design was preregistered.",
    "Missing data were handled by listwise deletion.",
    "Assumptions of normality were checked with Q-Q plots.",
    "Cronbach's \u03b1 = .87 for the full scale.",
    "A power analysis (f = 0.25, \u03b1 = .05, 1 \u2212 \u03b2 = .80) indicated N = 128.",
    "In Study 2 (N = 64), the same procedure was used.",
    "Figure 2 shows the means (error bars: \u00b11 SE).",
    "The sample (N = 120) was 54% female.",
    "Item 7 was reverse-scored before averaging.",
    "Table 3 lists all F-tests and t-tests.",
    "Results were similar when outliers were kept (see Table S2, p. 3).",
]
LEADS = ["The groups differed", "The effect was reliable", "We observed a difference", "The interaction was tested",
         "The predicted association was examined", "Scores changed over time", "The manipulation check was analysed"]


@dataclass
class PlantedResult:
    start: int
    end: int
    style: str
    test: str
    df1: float | None
    df2: float | None
    value: float
    label: str  # consistent | inconsistent | decision_error | one_tailed | adjusted
    reported_p: float | None
    comparison: str
    p_text: str = ""  # the p as printed, e.g. ".05", "ns"


@dataclass
class PlantedMean:
    start: int
    end: int
    kind: str  # grim | grimmer | debit | percent | continuous | large_n
    label: str  # impossible | possible | continuous | large_n


@dataclass
class Paragraph:
    text: str
    style: str
    results: list[PlantedResult] = field(default_factory=list)
    means: list[PlantedMean] = field(default_factory=list)
    table: list[list[str]] | None = None  # a table (header + rows) for the "table" style
    table_text: str = ""  # the table as a text layer would show it (for tools that read only text)


# ---------------------------------------------------------------- p values


def true_p(test: str, value: float, df1, df2, tails: int = 2) -> float:
    v = abs(value)
    if test == "t":
        return stats.t.sf(v, df2) * tails
    if test == "z":
        return stats.norm.sf(v) * tails
    if test == "r":
        return stats.t.sf(v * math.sqrt(df2 / (1 - v * v)), df2) * tails
    if test == "F":
        return stats.f.sf(v, df1, df2)
    return stats.chi2.sf(v, df1)  # chi2, H, Q


def stat_for_p(test: str, p: float, df1, df2) -> float:
    if test == "t":
        return stats.t.isf(p / 2, df2)
    if test == "z":
        return stats.norm.isf(p / 2)
    if test == "r":
        t = stats.t.isf(p / 2, df2)
        return t / math.sqrt(t * t + df2)
    if test == "F":
        return stats.f.isf(p, df1, df2)
    return stats.chi2.isf(p, df1)


def p_interval(test, value_str, df1, df2, tails=2):
    value = float(value_str.replace(",", ".").replace("\u2212", "-"))
    decimals = len(value_str.split(".")[-1]) if "." in value_str else 0
    half = 0.5 * 10**-decimals
    lo_v, hi_v = max(abs(value) - half, 1e-12), abs(value) + half
    if test == "r":
        hi_v = min(hi_v, 0.999999)
    return true_p(test, hi_v, df1, df2, tails), true_p(test, lo_v, df1, df2, tails)


def fmt_p3(p: float) -> str:
    return f"{p:.3f}"[1:] if p < 1 else "1.000"


# ---------------------------------------------------------------- GRIM truth


def grim_possible(mean_str: str, n: int, items: int = 1, lo: int = 1, hi: int = 7) -> bool:
    """Enumerate totals: is there an integer total whose mean prints as ``mean_str``?"""
    decimals = len(mean_str.split(".")[1])
    units = n * items
    for total in range(lo * units, hi * units + 1):
        m = total / units
        if _prints_as(m, mean_str, decimals):
            return True
    return False


def _prints_as(x: float, shown: str, decimals: int) -> bool:
    up = math.floor(x * 10**decimals + 0.5 + 1e-9) / 10**decimals
    down = math.ceil(x * 10**decimals - 0.5 - 1e-9) / 10**decimals
    return f"{up:.{decimals}f}" == shown or f"{down:.{decimals}f}" == shown


@lru_cache(maxsize=64)
def reachable_sums(n: int, lo: int = 1, hi: int = 7) -> np.ndarray:
    """reach[T, S]: some n integers in [lo, hi] have sum T and sum of squares S."""
    reach = np.zeros((hi * n + 1, hi * hi * n + 1), dtype=bool)
    reach[0, 0] = True
    for _ in range(n):
        new = np.zeros_like(reach)
        for v in range(lo, hi + 1):
            new[v:, v * v:] |= reach[: reach.shape[0] - v, : reach.shape[1] - v * v]
        reach = new
    return reach


def mean_sd_possible(mean_str: str, sd_str: str, n: int, lo: int = 1, hi: int = 7) -> bool:
    """Is there a data set of n integers in [lo, hi] whose mean and SD print like this?"""
    reach = reachable_sums(n, lo, hi)
    dm, ds = len(mean_str.split(".")[1]), len(sd_str.split(".")[1])
    totals, squares = np.nonzero(reach)
    means = totals / n
    ok = np.abs(means - float(mean_str)) <= 0.5 * 10.0**-dm + 1e-9
    sds = np.sqrt(np.maximum((squares - totals * totals / n) / (n - 1), 0.0))
    ok &= np.abs(sds - float(sd_str)) <= 0.5 * 10.0**-ds + 1e-9
    return bool(ok.any())


# ---------------------------------------------------------------- builder


class Builder:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)

    # A result: choose a test, a true p, the printed statistic, and the printed p for the label.
    def result(self, style: str, label: str) -> tuple[str, PlantedResult]:
        rng = self.rng
        tests = {"chi_variants": ["chi2"], "chi_lost": ["chi2"], "kruskal": ["H"], "sci_p": ["z", "t"],
                 "unicode_minus": ["t", "z", "r"], "subscript_df": ["t", "F"], "df_separate": ["t", "F", "chi2"]}.get(
            style, ["t", "t", "F", "r", "chi2", "z"])
        if label in ("one_tailed",):
            tests = [t for t in tests if t in ("t", "z", "r")] or ["t"]
        test = rng.choice(tests)
        for _ in range(200):
            made = self._try(style, label, test)
            if made:
                return made
        raise RuntimeError(f"could not make {style}/{label}/{test}")

    def _try(self, style, label, test):
        rng = self.rng
        df1 = df2 = None
        if test in ("t", "r"):
            df2 = rng.randint(12, 120)
        elif test == "F":
            df1, df2 = rng.choice([1, 1, 2, 3, 4]), rng.randint(20, 150)
        elif test in ("chi2", "H"):
            df1 = rng.choice([1, 1, 2, 3, 4])
        if style == "sci_p":
            p_true = 10 ** rng.uniform(-12, -5)
        elif style == "p_zero":
            p_true = 10 ** rng.uniform(-8, -4)
        elif style == "ns_forms" and label == "consistent":
            p_true = rng.uniform(0.08, 0.8)
        elif label == "decision_error":
            p_true = rng.uniform(0.07, 0.4) if rng.random() < 0.6 else rng.uniform(0.002, 0.035)
        elif label == "one_tailed":
            p_true = rng.uniform(0.02, 0.18)
        elif label == "adjusted":
            p_true = rng.uniform(0.002, 0.04)
        else:
            p_true = rng.choice([rng.uniform(0.001, 0.05), rng.uniform(0.05, 0.6), 10 ** rng.uniform(-6, -3)])
        value = stat_for_p(test, p_true, df1, df2)
        decimals = 3 if test == "r" and abs(value) < 0.2 else 2
        value_str = f"{value:.{decimals}f}"
        if test == "r":
            value_str = value_str.replace("0.", ".", 1)
        if abs(float(value_str)) <= 0 or (test == "r" and abs(float(value_str)) >= 1):
            return None
        negative = style in ("unicode_minus",) or (test in ("t", "z", "r") and rng.random() < 0.15)
        lo, hi = p_interval(test, value_str, df1, df2)
        point = true_p(test, float(value_str), df1, df2)
        comp, p_printed = "=", None
        if label == "consistent":
            if style == "p_zero":
                if hi >= 0.0005:
                    return None
                p_printed = ".000"
            elif style == "ns_forms":
                if lo < 0.05:
                    return None
                p_printed = "ns"
                comp = "ns"
            elif hi < 0.001:
                comp, p_printed = "<", ".001"
            elif style == "sci_p":
                mant, exp = f"{point:.1e}".split("e")
                p_printed = (mant, int(exp))
            else:
                if abs(point * 1000 % 1 - 0.5) < 0.05 or point < 0.001:
                    return None
                if rng.random() < 0.15 and hi < 0.05:
                    comp, p_printed = "<", ".05" if hi > 0.01 else ".01"
                elif rng.random() < 0.1 and lo > 0.05:
                    comp, p_printed = ">", ".05"
                elif rng.random() < 0.2 and round(lo, 2) == round(hi, 2) and abs(point * 100 % 1 - 0.5) > 0.05 and point >= 0.01:
                    p_printed = f"{point:.2f}"[1:]
                else:
                    p_printed = fmt_p3(point)
        elif label in ("inconsistent", "decision_error"):
            if style in ("sci_p", "p_zero"):
                return None
            if label == "inconsistent":
                if not 0.002 < point < 0.9:
                    return None
                factor = rng.choice([rng.uniform(0.2, 0.4), rng.uniform(0.65, 0.85), rng.uniform(1.2, 1.8), rng.uniform(2.3, 2.8)])
                new = point * factor
                if (new < ALPHA) != (hi < ALPHA) or (new < ALPHA) != (lo < ALPHA) or new >= 1 or new < 0.001:
                    return None
                if style == "ns_forms":
                    return None
            else:
                if lo < ALPHA <= hi or abs(point - ALPHA) < 0.015:
                    return None
                new = rng.uniform(0.005, 0.045) if point > ALPHA else rng.uniform(0.06, 0.5)
                if style == "ns_forms":
                    if point > ALPHA:
                        return None
                    comp, p_printed = "ns", "ns"
            if p_printed is None:
                p_printed = fmt_p3(new)
                rp = float(p_printed)
                if not (rp + 0.0005 < lo - 1e-4 or rp - 0.0005 > hi + 1e-4):
                    return None
        elif label == "one_tailed":
            one = point / 2
            if abs(one * 1000 % 1 - 0.5) < 0.05 or one < 0.001:
                return None
            p_printed = fmt_p3(one)
            if float(p_printed) + 0.0005 >= lo:
                return None  # would also pass as two-tailed: not a test of the explanation
        elif label == "adjusted":
            k = rng.choice([2, 3, 4, 5, 6])
            adj = min(1.0, point * k)
            if abs(adj * 1000 % 1 - 0.5) < 0.05 or adj >= 1:
                return None
            p_printed = fmt_p3(adj)
            if float(p_printed) - 0.0005 <= hi:
                return None
            self._k = k
        text, reported = self.render(style, test, df1, df2, value_str, negative, comp, p_printed, label)
        if text is None:
            return None
        value_num = float(value_str) * (-1 if negative else 1)
        planted = PlantedResult(0, len(text), style, test, df1, df2, value_num, label, reported, comp,
                                p_printed if isinstance(p_printed, str) else "")
        return text, planted

    def render(self, style, test, df1, df2, value_str, negative, comp, p_printed, label):
        rng = self.rng
        minus = "-"
        if style == "unicode_minus":
            minus = rng.choice(["\u2212", "\u2212 ", "\u2013"])
        elif negative:
            minus = rng.choice(["-", "\u2212"])
        shown_value = (minus if negative else "") + value_str
        if style == "decimal_comma":
            shown_value = shown_value.replace(".", ",")
            if shown_value.startswith(","):
                shown_value = "0" + shown_value
        if style == "lancet":
            shown_value = shown_value.replace(".", "\u00b7")
        # p part
        if isinstance(p_printed, tuple):
            mant, exp = p_printed
            p_text = rng.choice([f"p = {mant} \u00d7 10\u2212{-exp}", f"p = {mant}e-{-exp:02d}", f"p = {mant} x 10^-{-exp}", f"P = {mant}E\u2212{-exp}"])
            reported = float(mant) * 10.0**exp
        elif comp == "ns":
            p_text = rng.choice(["ns", "n.s.", "ns"])
            reported = None
        else:
            reported = float(p_printed)
            p_text = f"p {comp} {p_printed}"
        if test in ("t", "r"):
            df_part = f"({df2:g})"
        elif test == "F":
            df_part = f"({df1:g}, {df2:g})"
        elif test == "H":
            df_part = f"({df1:g})"
        else:
            df_part = ""
        name = {"t": "t", "r": "r", "F": "F", "z": "z", "H": "H", "chi2": "\u03c72"}[test]
        if test == "chi2":
            n = rng.randint(40, 400)
            df_part = rng.choice([f"({df1:g}, N = {n})", f"({df1:g})"])
        if style == "chi_variants":
            name = rng.choice(["\u03c7\u00b2", "\u03a72", "chi2", "chi-square", "Chi-squared", "\u03c7 2", "X2"])
        if style == "chi_lost":
            name = "2"
        between = ", "
        if style == "apa_effect":
            between = rng.choice([", d = 0.41, ", ", \u03b72 = .12, ", ", 95% CI [0.12, 0.88], ", ", Cohen's d = 0.62, ", ", \u03b7p2 = .08, "])
        if style == "semicolon":
            between = "; "
        result = f"{name}{df_part} = {shown_value}{between}{p_text}"
        if style == "apa_nospace":
            result = result.replace(" ", "").replace("N=", "N = ")
        elif style == "extra_space":
            result = f"{name} {df_part.replace('(', '( ').replace(')', ' )')} =  {shown_value} ,  {p_text.replace(' ', '  ')}"
        elif style == "upper_p":
            result = f"{name}{df_part} = {shown_value}, " + p_text.replace("p", "P").replace(" .", " 0.").replace("= .", "= 0.").replace("< .", "< 0.")
        elif style == "p_value_word":
            result = f"{name}{df_part} = {shown_value}, " + rng.choice(["p-value", "p value", "P-value"]) + p_text[1:]
        elif style == "df_separate":
            if test == "F":
                result = f"F = {shown_value} (df = {df1:g}, {df2:g}), {p_text}"
            elif test == "chi2":
                result = f"\u03c72 = {shown_value}, df = {df1:g}, {p_text}"
            elif test == "t":
                result = f"t = {shown_value}, df = {df2:g}, " + p_text.replace("p", "P").replace("= .", "= 0.")
            else:
                return None, None
        elif style == "unicode_ops":
            result = result.replace("p = ", rng.choice(["p \uff1d ", "p = "])).replace("p < ", rng.choice(["p \uff1c ", "p \u2264 "]))
            result = result.replace(") = ", rng.choice([") \uff1d ", ") = "]))
        elif style == "decimal_comma":
            result = f"{name}{df_part} = {shown_value}; " + p_text.replace(".", "0,", 1) if comp != "ns" else f"{name}{df_part} = {shown_value}; ns"
        elif style == "subscript_df":
            sub = f"{df2:g}" if test == "t" else f"{df1:g},{df2:g}"
            if test == "t" and rng.random() < 0.4:
                sub = "".join(chr(0x2080 + int(c)) for c in sub)
            result = f"{name}{sub} = {shown_value}, {p_text}"
        elif style == "linebreak":
            spaces = [i for i, c in enumerate(result) if c == " "]
            i = rng.choice(spaces)
            result = result[:i] + "\n" + result[i + 1 :]
            if rng.random() < 0.4 and p_text.startswith("p "):
                result = result.replace("p ", "p-\nvalue ", 1) if "\n" not in result else result
        elif style == "lancet":
            result = f"{name}{df_part}={shown_value}, " + p_text.replace(" ", "").replace(".", "0\u00b7")
        if test == "z" and style not in ("df_separate",):
            result = result.replace("z(", "z (")
        return result, reported

    def paragraph(self, style: str, labels: list[str]) -> Paragraph:
        rng = self.rng
        parts: list[str] = []
        planted: list[PlantedResult] = []
        pos = 0

        def add(s: str):
            nonlocal pos
            parts.append(s)
            pos += len(s)

        add(rng.choice(FILLERS) + " ")
        for label in labels:
            text, res = self.result(style, label)
            lead = rng.choice(LEADS)
            if label == "one_tailed":
                prefix = rng.choice(["As predicted (one-tailed test), ", "Using a directional, one-sided test, ", ""])
                add(prefix + (lead.lower() if prefix else lead) + ", ")
            elif label == "adjusted":
                add(lead + " after Bonferroni correction for " + str(self._k) + " comparisons, ")
            else:
                add(lead + ", ")
            wrap = rng.random() < 0.2 and "\n" not in text
            if wrap:
                add("(")
            res.start, res.end = pos, pos + len(text)
            add(text)
            if wrap:
                add(")")
            if label not in ("one_tailed",) and rng.random() < 0.15 and style not in ("apa_nospace", "decimal_comma", "lancet"):
                add(rng.choice([", d = 0.35", ", \u03b7p2 = .06", ", 95% CI [0.10, 0.52]"]))
            if label == "one_tailed":
                add(rng.choice([", one-tailed. ", " (one-tailed). "] + ([". "] if prefix else [])))
            else:
                add(". ")
            add(rng.choice(FILLERS) + " ")
            planted.append(res)
        return Paragraph("".join(parts).strip(), style, planted)

    def table_paragraph(self, labels: list[str]) -> Paragraph:
        rows = [["Outcome", "t", "df", "p"]]
        planted = []
        for i, label in enumerate(labels):
            for _ in range(200):
                made = self._try("table", label, "t")
                if made:
                    break
            text, res = made
            rp = "ns" if res.comparison == "ns" else (f"{res.comparison} {res.p_text}" if res.comparison != "=" else res.p_text)
            value = f"{res.value:.2f}"
            rows.append([f"Outcome {i + 1}", value, f"{res.df2:g}", rp])
            planted.append(res)
        table_text = "\n".join("  ".join(r) for r in rows)
        return Paragraph("Table 1 shows the planned comparisons.", "table", planted, table=rows, table_text=table_text)

    # ---------------------------------------------------------- means
    def mean_paragraph(self, kind: str) -> Paragraph:
        rng = self.rng
        if kind in ("grim", "grimmer"):
            n = rng.randint(8, 60)
            data = [rng.choice([1, 2, 3, 4, 5, 6, 7]) for _ in range(n)]
            mean, sd = sum(data) / n, float(np.std(data, ddof=1))
            mean_str, sd_str = f"{mean:.2f}", f"{sd:.2f}"
            label = "possible"
            if rng.random() < 0.5:
                if kind == "grim":
                    for _ in range(50):
                        cand = f"{mean + rng.choice([-1, 1]) * rng.randint(1, 4) / 100:.2f}"
                        if not grim_possible(cand, n):
                            mean_str, label = cand, "impossible"
                            break
                else:
                    for _ in range(50):
                        cand = f"{sd + rng.choice([-1, 1]) * rng.randint(1, 3) / 100:.2f}"
                        if not mean_sd_possible(mean_str, cand, n):
                            sd_str, label = cand, "impossible"
                            break
            if label == "possible" and not mean_sd_possible(mean_str, sd_str, n):
                label = "impossible"  # cannot happen for real data; kept as a guard
            what = rng.choice(["their mood", "the statement", "their confidence", "the product", "their satisfaction"])
            body = rng.choice([
                f"Participants (N = {n}) rated {what} on a single 7-point Likert item (M = {mean_str}, SD = {sd_str}).",
                f"In total, {n} participants rated {what} once on a 1-7 scale, a single item; M = {mean_str}, SD = {sd_str}.",
                f"{what.capitalize()} was rated on a single 7-point Likert item by the {n} participants: {mean_str} \u00b1 {sd_str}.",
                f"On a single 1-7 rating item, the {n} participants scored M = {mean_str} (SD = {sd_str}).",
            ])
        elif kind == "count":
            n = rng.randint(8, 60)
            data = [rng.randint(0, 9) for _ in range(n)]
            mean_str = f"{sum(data) / n:.2f}"
            label = "possible"
            if rng.random() < 0.5:
                for _ in range(50):
                    cand = f"{float(mean_str) + rng.choice([-1, 1]) * rng.randint(1, 4) / 100:.2f}"
                    if not grim_possible(cand, n, 1, 0, 9):
                        mean_str, label = cand, "impossible"
                        break
            body = f"The {n} participants made on average M = {mean_str} errors (the number of errors per participant)."
        elif kind == "percent":
            n = rng.randint(12, 90)
            k = rng.randint(1, n - 1)
            pct = f"{100 * k / n:.1f}"
            label = "possible"
            if rng.random() < 0.5:
                for _ in range(50):
                    cand = f"{float(pct) + rng.choice([-1, 1]) * rng.randint(1, 9) / 10:.1f}"
                    if not any(_prints_as(100 * c / n, cand, 1) for c in range(n + 1)):
                        pct, label = cand, "impossible"
                        break
            body = f"Of the {n} participants, {pct}% reported at least one symptom."
        elif kind == "debit":
            n = rng.randint(15, 80)
            k = rng.randint(3, n - 3)
            p = k / n
            mean_str, sd_str = f"{p:.2f}", f"{math.sqrt(p * (1 - p) * n / (n - 1)):.2f}"
            label = "possible"
            if rng.random() < 0.5:
                sd_str = f"{float(sd_str) + rng.choice([-1, 1]) * rng.randint(3, 8) / 100:.2f}"
                label = "impossible"
            body = f"Smoking status (coded 0 = no, 1 = yes) had M = {mean_str}, SD = {sd_str} in the sample of N = {n}."
        elif kind == "continuous":
            n = rng.randint(10, 40)
            label = "continuous"
            body = rng.choice([
                f"The mean age was {rng.uniform(20, 60):.1f} years (SD = {rng.uniform(3, 12):.1f}, N = {n}).",
                f"Mean reaction time was {rng.uniform(350, 800):.2f} ms (SD = {rng.uniform(40, 120):.2f}; N = {n}).",
                f"Participants (N = {n}) had a mean BMI of {rng.uniform(19, 32):.2f} (SD = {rng.uniform(2, 5):.2f}).",
                f"Sleep duration averaged {rng.uniform(5, 9):.2f} hours (SD = {rng.uniform(0.5, 2):.2f}) across the {n} participants.",
                f"Participants (N = {n}) weighed on average M = {rng.uniform(55, 95):.2f} kg (SD = {rng.uniform(5, 15):.2f}).",
                f"Mean age: {rng.uniform(20, 60):.2f} \u00b1 {rng.uniform(3, 12):.2f} years (N = {n}).",
                f"The {n} participants (mean age = {rng.uniform(20, 60):.2f}, SD = {rng.uniform(3, 12):.2f}) rated each item on a 7-point scale.",
            ])
        else:  # large_n: integer data, but N too large for GRIM to bite
            n = rng.randint(150, 400)
            label = "large_n"
            body = f"Participants (N = {n}) rated the item on a single 7-point Likert item (M = {rng.uniform(2, 6):.2f}, SD = {rng.uniform(0.8, 1.8):.2f})."
        filler = rng.choice(FILLERS) + " "
        text = filler + body
        mean_kind = {"count": "grim"}.get(kind, kind)
        planted = PlantedMean(len(filler), len(text), mean_kind, label)
        return Paragraph(text, "means", means=[planted])


def build_corpus(seed: int = 2026, per_style: int = 48, means: int = 240) -> list[Paragraph]:
    """Paragraphs with at least ``per_style`` results in each style and ``means`` GRIM-family items."""
    b = Builder(seed)
    paragraphs: list[Paragraph] = []
    label_cycle = ["consistent"] * 13 + ["inconsistent"] * 3 + ["decision_error"] * 3 + ["one_tailed"] + ["adjusted"]
    for style in APA_STYLES + NON_APA_STYLES:
        labels = [label_cycle[i % len(label_cycle)] for i in range(per_style)]
        b.rng.shuffle(labels)
        if style in ("sci_p", "p_zero"):
            labels = ["consistent"] * per_style
        if style == "ns_forms":
            labels = ["consistent" if i % 4 else "decision_error" for i in range(per_style)]
        if style in ("chi_variants", "chi_lost", "kruskal"):  # no one-tailed χ² or H
            labels = ["adjusted" if lab == "one_tailed" else lab for lab in labels]
        explained = [lab for lab in labels if lab in ("one_tailed", "adjusted")]
        plain = [lab for lab in labels if lab not in ("one_tailed", "adjusted")]
        for lab in explained:  # cues stay in their own paragraph
            paragraphs.append(b.paragraph(style, [lab]))
        for i in range(0, len(plain), 3):
            paragraphs.append(b.paragraph(style, plain[i : i + 3]))
    table_labels = [label_cycle[i % len(label_cycle)] for i in range(per_style)]
    table_labels = [lab for lab in table_labels if lab not in ("one_tailed", "adjusted")]
    for i in range(0, len(table_labels), 6):
        paragraphs.append(b.table_paragraph(table_labels[i : i + 6]))
    kinds = ["grim", "grimmer", "count", "percent", "debit", "continuous", "continuous", "large_n"]
    for i in range(means):
        paragraphs.append(b.mean_paragraph(kinds[i % len(kinds)]))
    return paragraphs


if __name__ == "__main__":  # pragma: no cover
    corpus = build_corpus()
    print(len(corpus), "paragraphs,", sum(len(p.results) for p in corpus), "results,", sum(len(p.means) for p in corpus), "means")
    seen = set()
    for p in corpus:
        if p.style not in seen:
            seen.add(p.style)
            print(f"[{p.style}] {p.text[:300]!r}")
