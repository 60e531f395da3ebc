"""Find reported test results (t, F, r, χ², z, Q, H, U, W) in running text.

Works on :func:`detectors.stats.normalize.normalize` output and returns
:class:`Result` objects whose ``start``/``end`` index the *original* text, so
``text[start:end]`` is exactly the printed result.

Extraction is two-pass rather than one regex per layout: first every test
"head" (test letter, optional df, comparator, value) and every p expression
are found, then each head is paired with the first p expression that follows
it within the same sentence.  That one rule covers APA order, effect sizes or
confidence intervals between the statistic and p, semicolons, df printed
separately (``t = 2.2, df = 28, P = 0.036``; ``F = 3.41 (df = 2, 57)``) and
shared p values (``ps < .05``).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from detectors.stats.normalize import NormalizedText
from detectors.stats.numbers import NUMBER, P_NUMBER, SCI_SUFFIX, Number, parse_number

COMPARATOR = r"(?:<=|>=|=<|=>|[=<>\u2264\u2265])"
_DF = r"\d+(?:\.\d+)?"

# Test tokens. Case matters: T, f and R are other quantities.
_CHI = (
    r"\u03c7 ?(?:\^ ?2|2)?|[Cc]hi ?-? ?(?:[Ss]quared?|\^ ?2|2)|CHI ?-? ?(?:SQUARED?|2)"
    r"|[Xx] ?(?:\^ ?2|2)(?= ?[(\[=])"
)
_TEST = (
    rf"(?P<chi>{_CHI})"
    r"|(?P<lostchi>(?<=[\s(\[;:,])2(?= ?\( ?\d+(?:\.\d+)? ?(?:[,;] ?[Nn] ?= ?[\d,]+ ?)?\)))"
    r"|(?P<q>Q ?-? ?(?:within|between|w|b|W|B)?)"
    r"|(?P<letter>t|F|rs|r_s|r|\u03c1|rho|z|Z|H|U|W)"
)
_DF_PAREN = (
    rf" ?[(\[] ?(?:df ?= ?)?(?P<d1>{_DF}|[lI])(?: ?[,;/] ?(?P<d2>{_DF}))?"
    r"(?: ?[,;] ?[Nn] ?= ?(?P<pn>\d{1,3}(?:,\d{3})+|\d+))? ?[)\]]"
)
_DF_SUB = rf"(?:_ ?\{{?|\{{)?(?P<s1>{_DF})(?:,(?P<s2>{_DF}))?\}}?"
HEAD_RE = re.compile(
    rf"(?<![A-Za-z0-9_\\'.])(?:{_TEST})"
    rf"(?:{_DF_PAREN}|{_DF_SUB})?"
    rf" ?(?P<tcomp>{COMPARATOR}) ?(?P<tval>(?:-|\ufffd) ?{NUMBER}|{NUMBER})(?![\d])"
)

_P_QUALIFIER = (
    r"adj(?:usted)?|corr(?:ected)?|[Bb]onf(?:erroni)?|[Hh]olm|fdr|FDR|FWE|[Tt]ukey|[Ss]idak|\u0160id\u00e1k"
    r"|uncorr(?:ected)?|(?:one|two|1|2)[- ]?(?:tailed|sided)"
)
P_RE = re.compile(
    r"(?<![A-Za-z0-9_])(?P<plab>p ?-? ?values?|P ?-? ?[Vv]alues?|pvalue|p's|ps|Ps|p|P)"
    rf"(?:[ _-]?(?:\( ?)?(?P<pqual>{_P_QUALIFIER})\.?(?: ?\))?)?"
    rf" ?(?P<pcomp>{COMPARATOR}|of) ?(?P<pval>(?:- ?)?{P_NUMBER}{SCI_SUFFIX}?)(?![\d])"
    r"|(?<![A-Za-z])(?P<ns>n\. ?s\.|n\.s|ns|NS|N\.S\.)(?![A-Za-z])"
)
SEPARATE_DF_RE = re.compile(
    rf"(?<![A-Za-z])(?:df|d\.f\.|DF) ?1? ?[=:] ?(?P<a>{_DF})(?: ?[,;/] ?(?:df ?2 ?[=:] ?)?(?P<b>{_DF})(?! ?%))?"
)
INLINE_N_RE = re.compile(r"(?<![A-Za-z])[Nn] ?= ?(?P<n>\d{1,3}(?:,\d{3})+|\d+)(?![\d.])")
# A sentence break between a statistic and a p value means they do not belong together.
SENTENCE_BREAK_RE = re.compile(r"[.!?] [A-Z](?:[a-z]| [a-z])")

MAX_GAP = 110  # characters between the end of a statistic and its p value
MAX_SHARED_GAP = 260  # for a shared "ps < .05" after several statistics

# Tests whose p can be recomputed from the statistic and df.
RECOMPUTABLE = {"t", "F", "r", "z", "chi2", "Q", "H"}


@dataclass
class ReportedP:
    comparison: str  # "=", "<", ">", "<=", ">=" or "ns"
    value: float | None
    string: str  # as printed, e.g. ".036", "5.8 × 10−8", "n.s."
    decimals: int = 0
    label: str = "p"
    qualifier: str | None = None  # "adjusted", "one-tailed", ... when printed on the p

    def to_dict(self) -> dict:
        return {"comparison": self.comparison, "value": self.value, "string": self.string, "decimals": self.decimals,
                "label": self.label, "qualifier": self.qualifier}


@dataclass
class Result:
    """One reported test. ``start``/``end`` index the original text."""

    test: str  # t, F, r, z, chi2, Q, H, U, W
    value: float
    value_string: str
    value_decimals: int
    test_comparison: str = "="
    df1: float | None = None
    df2: float | None = None
    reported_p: ReportedP | None = None
    n: int | None = None
    start: int = 0
    end: int = 0
    raw: str = ""
    source: str = "text"
    df_source: str | None = None  # parentheses, subscript, separate, from_n
    table_id: str | None = None
    table_row: int | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def df(self) -> float | None:
        """The df that sets a one-df test's distribution (t, r, χ², Q, H)."""
        return self.df2 if self.test in ("t", "r") else self.df1


@dataclass
class _Head:
    start: int
    end: int
    test: str
    df1: float | None
    df2: float | None
    n: int | None
    comparison: str
    value: Number
    df_source: str | None
    value_span: tuple[int, int] = (0, 0)


@dataclass
class _PExpr:
    start: int
    end: int
    p: ReportedP
    plural: bool
    value_span: tuple[int, int] = (0, 0)


def _comparison(text: str) -> str:
    return {"=<": "<=", "=>": ">=", "\u2264": "<=", "\u2265": ">=", "of": "="}.get(text, text)


def _test_name(m: re.Match) -> str:
    if m.group("chi") or m.group("lostchi"):
        return "chi2"
    if m.group("q"):
        return "Q"
    letter = m.group("letter")
    return {"Z": "z", "rs": "r", "r_s": "r", "\u03c1": "r", "rho": "r"}.get(letter, letter)


def find_heads(norm: str) -> list[_Head]:
    heads = []
    for m in HEAD_RE.finditer(norm):
        test = _test_name(m)
        d1, d2 = m.group("d1"), m.group("d2")
        s1, s2 = m.group("s1"), m.group("s2")
        df_source = "parentheses" if d1 else ("subscript" if s1 else None)
        if s1 and test == "chi2":
            continue  # "χ22 = 5" is unreadable: the 2 of χ2 and the df run together
        a, b = (d1, d2) if d1 else (s1, s2)
        df1 = df2 = None
        n = None
        try:
            if a is not None:
                df1 = 1.0 if a in ("l", "I") else float(a)
            if b is not None:
                df2 = float(b)
            if m.group("pn"):
                n = int(m.group("pn").replace(",", ""))
            value = parse_number(m.group("tval").replace("\ufffd", "-"), thousands=test != "r")
        except ValueError:
            continue
        if test == "F" and df1 is not None and df2 is None:
            continue  # F needs two df; "F(2) = 3" is not a test we can read
        if test in ("t", "r") and df1 is not None:
            if df2 is not None:
                continue  # "t(2, 57)" is not a t test
            df1, df2 = None, df1
        if test == "chi2" and df2 is not None and n is None:
            n, df2 = int(df2), None  # "χ2(2, 90)": the second number is N
        if test == "z" and (df1 is not None or df2 is not None):
            continue
        if m.group("lostchi") and df1 is None:
            continue
        heads.append(_Head(m.start(), m.end(), test, df1, df2, n, _comparison(m.group("tcomp")), value, df_source, m.span("tval")))
    return heads


def find_p_expressions(norm: str) -> list[_PExpr]:
    found = []
    for m in P_RE.finditer(norm):
        if m.group("ns"):
            p = ReportedP("ns", None, m.group("ns"), 0, "ns")
            found.append(_PExpr(m.start(), m.end(), p, False, m.span("ns")))
            continue
        try:
            number = parse_number(m.group("pval"), thousands=False)
        except ValueError:
            continue
        label = m.group("plab")
        qualifier = m.group("pqual")
        p = ReportedP(_comparison(m.group("pcomp")), number.value, m.group("pval"), number.decimals, label, qualifier)
        found.append(_PExpr(m.start(), m.end(), p, label.lower() in ("ps", "p's"), m.span("pval")))
    return found


def extract_results(norm: NormalizedText, ranges: list[tuple[int, int]] | None = None) -> list[Result]:
    """Every test result in ``norm`` (optionally only those starting inside
    ``ranges`` of original offsets, e.g. leaving out the reference list)."""
    text = norm.text
    heads = find_heads(text)
    pexprs = find_p_expressions(text)
    p_starts = [p.start for p in pexprs]
    results = []

    for i, head in enumerate(heads):
        next_head = heads[i + 1].start if i + 1 < len(heads) else len(text)
        j = bisect.bisect_left(p_starts, head.end)
        pexpr = pexprs[j] if j < len(pexprs) else None
        if pexpr is not None:
            gap = pexpr.start - head.end
            between = text[head.end : pexpr.start]
            if SENTENCE_BREAK_RE.search(between) or gap > (MAX_SHARED_GAP if pexpr.plural else MAX_GAP):
                pexpr = None
            elif pexpr.start > next_head and not pexpr.plural:
                pexpr = None
            elif pexpr.p.comparison == "ns" and gap > 40:
                pexpr = None  # a stray "ns" far away is not this result's
        end = pexpr.end if pexpr else head.end
        result = _make_result(head, pexpr, text[head.end : pexpr.start] if pexpr else "")
        if result is None:
            continue
        result.start, result.end = norm.to_original(head.start, end)
        if ranges is not None and not any(a <= result.start < b for a, b in ranges):
            continue
        result.raw = norm.original[result.start : result.end]
        result.value_string = norm.original.__getitem__(slice(*norm.to_original(*head.value_span)))
        if pexpr:
            result.reported_p.string = norm.original.__getitem__(slice(*norm.to_original(*pexpr.value_span)))
        results.append(result)
    return results


def _make_result(head: _Head, pexpr: _PExpr | None, between: str) -> Result | None:
    df1, df2, df_source, n = head.df1, head.df2, head.df_source, head.n
    if df1 is None and df2 is None and head.test not in ("z", "U", "W"):
        sep = SEPARATE_DF_RE.search(between)
        if sep:
            a, b = float(sep.group("a")), sep.group("b")
            if head.test == "F":
                if b is not None:
                    df1, df2, df_source = a, float(b), "separate"
            elif head.test in ("t", "r"):
                df2, df_source = a, "separate"
            else:
                df1, df_source = a, "separate"
    inline_n = INLINE_N_RE.search(between)
    if inline_n and n is None:
        n = int(inline_n.group("n").replace(",", ""))
        if head.test == "r" and df2 is None and n > 2:
            df2, df_source = float(n - 2), "from_n"
    if pexpr is None and df1 is None and df2 is None:
        return None  # a bare "z = 1.2" or "r = .3" with no p is not a reported test
    if pexpr is None and head.test not in RECOMPUTABLE:
        return None
    return Result(
        test=head.test,
        value=head.value.value,
        value_string=head.value.text,
        value_decimals=head.value.decimals,
        test_comparison=head.comparison,
        df1=df1,
        df2=df2,
        reported_p=pexpr.p if pexpr else None,
        n=n,
        df_source=df_source,
    )
