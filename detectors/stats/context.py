"""What the words around a number say: sentences, paragraphs, the paper's
alpha, one-tailed / multiple-comparison / df-correction cues, sample sizes.

All functions work on the original manuscript text so that positions are
offsets into ``manuscript.text``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

_ABBREVIATIONS = ("fig", "figs", "al", "e.g", "i.e", "vs", "cf", "approx", "no", "eq", "eqs", "ref", "refs", "tab", "dr", "st")
_SENTENCE_END_RE = re.compile(r"[.!?](?=\s+[A-Z\u0391-\u03a9\"'(\[])")
_PARAGRAPH_RE = re.compile(r"\n[ \t\f\r]*\n")

ONE_TAILED_RE = re.compile(
    r"\b(?:one|1|single)[\s-]*(?:tailed|sided|tail)\b|(?<![A-Za-z-])(?<!non-)(?<!non )(?:uni)?directional\b",
    re.IGNORECASE,
)
ADJUSTMENT_RE = re.compile(
    r"(?P<bonferroni>bonferroni)|(?P<holm>\bholm\b)|(?P<sidak>\b[s\u0161]id[a\u00e1]k)"
    r"|(?P<fdr>false discovery rate|\bfdr\b|benjamini|hochberg)|(?P<tukey>\btukey|\bscheff[eé])"
    r"|(?P<generic>\b(?:adjusted|corrected) p\b|\bp[\s_-]?(?:adj|corr)\b|corrected for multiple|adjusted for multiple"
    r"|multiple[\s-]comparisons? correction|correction for multiple)",
    re.IGNORECASE,
)
DF_CORRECTION_RE = re.compile(
    r"(?P<gg>greenhouse|geisser)|(?P<hf>huynh|feldt)|(?P<sphericity>sphericity)|(?P<welch>welch|satterthwaite|unequal variances)"
    r"|(?P<kr>kenward)",
    re.IGNORECASE,
)
_NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
_COUNT = r"(\d{1,3}|" + "|".join(_NUMBER_WORDS) + r")"
COMPARISON_COUNT_RE = re.compile(
    rf"(?:for|across|of|over)\s+(?:the\s+)?{_COUNT}\s+(?:\w+\s+)?(?:comparisons|tests|contrasts|outcomes|hypotheses)"
    rf"|{_COUNT}\s+(?:\w+\s+)?(?:comparisons|tests|contrasts)\b"
    r"|\.05\s*/\s*(\d{1,3})|\bk\s*=\s*(\d{1,3})\b|multiplied by\s+" + _COUNT,
    re.IGNORECASE,
)
ALPHA_RE = re.compile(
    r"(?:\u03b1|\balpha\b)(?:[\s-]*level)?\s*(?:was\s+|of\s+|is\s+|at\s+|set\s+(?:at|to)\s+|=|:|<)*\s*(?P<a>0?\.\d+)(?!\s*/)"
    r"|significance\s+(?:level|threshold|criterion)\s+(?:of|was|at|=|set at|set to)\s+(?:p\s*[<=]\s*)?(?P<b>0?\.\d+)(?!\s*/)"
    r"|(?:p|P)\s*[<\u2264]\s*(?P<c>0?\.\d+)\s+(?:was|were)\s+(?:considered|regarded|deemed|taken)",
    re.IGNORECASE,
)
SAMPLE_SIZE_RE = re.compile(
    r"(?<![A-Za-z])(?P<label>N|n)\s*=\s*(?P<n>\d{1,3}(?:,\d{3})+|\d+)(?![\d.,]\d)(?P<per>\s*(?:per|in each|each|/)\s*(?:group|condition|cell|arm)|\s+each)?"
    r"|\b(?P<n2>\d{1,3}(?:,\d{3})+|\d+)\s+(?:\w+\s+){0,2}?(?P<who>participants|patients|subjects|respondents|students|children|adults"
    r"|individuals|volunteers|people|persons|women|men|infants|adolescents|undergraduates|pupils|employees|workers|mice|rats)\b"
    r"(?P<per2>\s+(?:per|in each)\s+(?:group|condition|cell|arm))?",
)


@dataclass
class SampleSize:
    position: int
    n: int
    per_group: bool
    text: str


@dataclass
class TextContext:
    """Sentence and paragraph structure of a text, and cue positions in it."""

    text: str
    sentence_ends: list[int] = field(default_factory=list)
    paragraph_breaks: list[int] = field(default_factory=list)
    one_tailed: list[int] = field(default_factory=list)
    adjustments: list[tuple[int, str]] = field(default_factory=list)
    df_corrections: list[tuple[int, str]] = field(default_factory=list)
    sample_sizes: list[SampleSize] = field(default_factory=list)
    window_before: int = 350

    @classmethod
    def build(cls, text: str, body: list[tuple[int, int]] | None = None, window_before: int = 350) -> "TextContext":
        ctx = cls(text, window_before=window_before)
        ctx.sentence_ends = [m.end() for m in _SENTENCE_END_RE.finditer(text) if not _is_abbreviation(text, m.start())]
        ctx.paragraph_breaks = [m.start() for m in _PARAGRAPH_RE.finditer(text)]
        inside = (lambda pos: any(a <= pos < b for a, b in body)) if body else (lambda pos: True)
        ctx.one_tailed = [m.start() for m in ONE_TAILED_RE.finditer(text) if inside(m.start())]
        ctx.adjustments = [(m.start(), m.lastgroup) for m in ADJUSTMENT_RE.finditer(text) if inside(m.start())]
        ctx.df_corrections = [(m.start(), m.lastgroup) for m in DF_CORRECTION_RE.finditer(text) if inside(m.start())]
        for m in SAMPLE_SIZE_RE.finditer(text):
            if not inside(m.start()):
                continue
            raw = m.group("n") or m.group("n2")
            n = int(raw.replace(",", ""))
            if n < 2 or (m.group("n2") and 1900 <= n <= 2100):
                continue  # "2019 students" is a year, not a sample
            per = bool(m.group("per") or m.group("per2")) or m.group("label") == "n"
            ctx.sample_sizes.append(SampleSize(m.start(), n, per, m.group(0)))
        return ctx

    def sentence(self, start: int, end: int | None = None) -> tuple[int, int]:
        """Bounds of the sentence(s) holding ``[start, end)``, within the paragraph."""
        end = start if end is None else end
        i = bisect.bisect_right(self.sentence_ends, start)
        a = self.sentence_ends[i - 1] if i > 0 else 0
        j = bisect.bisect_left(self.sentence_ends, max(end, start + 1))
        b = self.sentence_ends[j] if j < len(self.sentence_ends) else len(self.text)
        pa, pb = self.paragraph(start)
        return max(a, pa), min(b, max(pb, end))

    def paragraph(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.paragraph_breaks, pos)
        a = self.paragraph_breaks[i - 1] if i > 0 else 0
        b = self.paragraph_breaks[i] if i < len(self.paragraph_breaks) else len(self.text)
        return a, b

    def window(self, start: int, end: int, before: int | None = None, after: int = 150) -> tuple[int, int]:
        """A local neighbourhood: the sentence, plus nearby text in the same paragraph."""
        before = self.window_before if before is None else before
        pa, pb = self.paragraph(start)
        sa, sb = self.sentence(start, end)
        return max(pa, min(sa, start - before)), min(pb, max(sb, end + after))

    def cue_scope(self, positions: list[int], start: int, end: int) -> str | None:
        """'local' if a cue is near ``[start, end)``, 'paper' if only elsewhere, else None."""
        if not positions:
            return None
        a, b = self.window(start, end)
        i = bisect.bisect_left(positions, a)
        if i < len(positions) and positions[i] < b:
            return "local"
        return "paper"

    def adjustment_near(self, start: int, end: int) -> tuple[str | None, str | None]:
        """(method, scope) of the multiple-comparison adjustment cue nearest a result."""
        if not self.adjustments:
            return None, None
        a, b = self.window(start, end)
        local = [(pos, kind) for pos, kind in self.adjustments if a <= pos < b]
        if local:
            return min(local, key=lambda pk: abs(pk[0] - start))[1], "local"
        return self.adjustments[0][1], "paper"

    def df_correction_near(self, start: int, end: int) -> tuple[str | None, str | None]:
        if not self.df_corrections:
            return None, None
        a, b = self.window(start, end, before=600, after=200)
        local = [(pos, kind) for pos, kind in self.df_corrections if a <= pos < b]
        if local:
            return local[0][1], "local"
        return self.df_corrections[0][1], "paper"

    def comparison_count(self, start: int, end: int) -> int | None:
        """A number of comparisons stated near a result ("corrected for three comparisons")."""
        a, b = self.window(start, end)
        for m in COMPARISON_COUNT_RE.finditer(self.text, a, b):
            word = next(g for g in m.groups() if g)
            k = _NUMBER_WORDS.get(word.lower()) if not word.isdigit() else int(word)
            if k and 2 <= k <= 1000:
                return k
        return None


def _is_abbreviation(text: str, dot: int) -> bool:
    m = re.search(r"([A-Za-z.]+)$", text[max(0, dot - 8) : dot])
    if not m:
        return False
    word = m.group(1).lower().strip(".")
    return word in _ABBREVIATIONS or len(word) == 1


def stated_alpha(text: str, body: list[tuple[int, int]] | None = None, default: float = 0.05) -> tuple[float, str | None]:
    """The significance level the paper states ("α = .01"), else ``default``.

    Statements next to a multiple-comparison correction ("Bonferroni-corrected
    α = .017") set a per-comparison threshold, not the paper's alpha, and are
    ignored.
    """
    for m in ALPHA_RE.finditer(text):
        if body and not any(a <= m.start() < b for a, b in body):
            continue
        value = float(m.group("a") or m.group("b") or m.group("c"))
        near = text[max(0, m.start() - 80) : m.end() + 40]
        if ADJUSTMENT_RE.search(near) or not 0 < value <= 0.1:
            continue
        return value, m.group(0)
    return default, None
