"""Find reported means (with SDs) and percentages, decide whether the data
behind them are integer-valued, find N and the number of items, and run the
GRIM-family test that applies — or say why none does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from detectors.stats import grim
from detectors.stats.context import TextContext
from detectors.stats.normalize import NormalizedText
from detectors.stats.numbers import NUMBER, Number, parse_number

_NUM = rf"-? ?{NUMBER}"
_SD = rf"(?:[,;]? ?\(? ?(?:SD|sd|s\.d\.|S\.D\.)\s?(?:=|:|of)? ?(?P<sd>{_NUM}))"
MEAN_RE = re.compile(
    rf"(?<![A-Za-z])(?:M|Mean|mean)(?: ?_? ?\{{?(?P<sub>[A-Za-z]+)\}}?)? ?(?:=|:) ?(?P<m>{_NUM})(?![\d])(?:\)? ?{_SD})?"
    rf"|\b(?:[Mm]ean|[Aa]verage|averaged)(?P<what>(?: [A-Za-z-]+){{0,3}}?)(?: (?:was|were|of|is|=|:))? (?P<m2>{_NUM})(?![\d.]\d)"
    rf"(?: ?(?:\((?:SD ?=? ?)?(?P<sd2>{_NUM})\)|[,;]? ?(?:SD|sd) ?(?:=|:|of)? ?(?P<sd3>{_NUM})))?"
    rf"|(?<![\d.])(?P<m3>{_NUM}) ?(?:\u00b1|\+/-|\+-) ?(?P<sd4>{NUMBER})"
)
PERCENT_RE = re.compile(
    rf"(?<![\d.,])(?P<count>\d+) ?\((?P<pct>{NUMBER}) ?%\)"
    rf"|(?<![\d.,])(?P<pct2>{NUMBER}) ?% ?\((?:n ?= ?)?(?P<count2>\d+)\)"
    rf"|(?<![\d.,])(?P<pct3>{NUMBER}) ?% of (?:the |all |our )?(?:(?P<of_n>\d+) )?(?:\w+ )?"
    r"(?:participants|patients|respondents|subjects|children|students|women|men|adults|sample|cases)"
    rf"|(?<![\d.,])(?P<pct4>{NUMBER}) ?%(?! ?(?:CI|confidence|credible|increase|decrease|change|higher|lower|more|less))"
)
_PEOPLE = r"(?:participants|patients|respondents|subjects|children|students|women|men|adults|cases|people|individuals)"
# "Of the 49 participants, 43.7% ...": a bare percentage is a share of a sample only after such a phrase.
_SHARE_OF_RE = re.compile(rf"\b[Oo]f (?:the |all |our |these )?(?:(?P<n>\d+) )?(?:\w+ )?{_PEOPLE}\b[^.;%]*$")

CONTINUOUS_WORDS = (
    r"ages?|aged|years?|yrs?|months? old|BMI|body mass|weight|weighed|height|kg|cm|mm|km|ms|msec|milliseconds?|seconds?|sec|minutes?|mins?"
    r"|hours?|hrs?|reaction times?|response times?|RTs?|latenc(?:y|ies)|durations?|income|salary|salaries|temperature|blood pressure"
    r"|mmHg|cortisol|concentrations?|mg|ml|mL|dose|IQ|heart rate|bpm|distance|speed|volume|amplitude|Hz|dollars|USD|GPA|z-scores?"
    r"|standardi[sz]ed|log|ratio|index|percent(?:age)? change|proportion correct|accuracy"
)
INTEGER_WORDS = (
    r"Likert|\d+-point|(?:five|seven|nine|ten|four|six|eleven)-point|point scale|ratings?|rated|rate|scores?|items?|number of|counts?"
    r"|errors|correct answers|correct responses|responses|frequency|occasions|days|symptoms|questions answered|trials correct"
)
_CONTINUOUS_RE = re.compile(rf"(?<![A-Za-z])(?:{CONTINUOUS_WORDS})(?![A-Za-z])|[$€£°]")
_INTEGER_RE = re.compile(rf"(?<![A-Za-z])(?:{INTEGER_WORDS})(?![A-Za-z])", re.IGNORECASE)
_UNIT_AFTER_RE = re.compile(rf"^\s?\)?\s?(?:{CONTINUOUS_WORDS}|%)(?![A-Za-z])")
_DERIVED_RE = re.compile(
    r"\b(?:reduction|difference|change|increase|decrease|improvement|gain|loss|slope|estimate|effect|coefficient|ratio"
    r"|odds|hazard|risk|beta|weight(?:ed|s)|adjusted|predicted|residual)s?\b",
    re.IGNORECASE,
)
_BINARY_RE = re.compile(r"binary|dichotom|coded (?:as )?0|\(0 ?= ?|0 ?= ?no|yes/no|0/1|proportion", re.IGNORECASE)
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
                 "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20}
_ITEMS_RE = re.compile(
    r"(?P<single>\b(?:single|one|1)[\s-]item\b|\bsingle (?:question|rating|item)|\b(?:a|one|an?) (?:\d+|\w+)-point (?:Likert[\s-])?(?:item|rating|question)\b)"
    rf"|(?<![\d.,])\b(?P<k>\d{{1,3}}|{'|'.join(_NUMBER_WORDS)})[\s-]items?\b"
    r"|(?P<sum>\bnumber of\b|\bcounts?\b|\btotal (?:score|number)|\bsum (?:score|of)|\berrors\b|\bcorrect (?:answers|responses)|\brated\b|\brating\b)",
    re.IGNORECASE,
)


@dataclass
class MeanItem:
    kind: str  # mean | percent
    value: Number
    sd: Number | None
    start: int
    end: int
    raw: str = ""
    count: int | None = None  # "15 (53.6%)"
    n: int | None = None
    n_source: str | None = None
    items: int | None = None
    items_source: str | None = None
    variable: str | None = None
    test: str | None = None  # GRIM | GRIMMER | GRIM-percent | DEBIT
    consistent: bool | None = None
    sd_consistent: bool | None = None
    skipped: str | None = None
    source: str = "text"
    table_id: str | None = None
    extra: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {
            "raw": self.raw, "kind": self.kind, "char_start": self.start, "char_end": self.end, "source": self.source,
            "table_id": self.table_id, "value": self.value.value, "value_string": self.value.text.strip(),
            "sd": self.sd.value if self.sd else None, "sd_string": self.sd.text.strip() if self.sd else None,
            "count": self.count, "n": self.n, "n_source": self.n_source, "items": self.items, "items_source": self.items_source,
            "variable": self.variable, "test": self.test, "consistent": self.consistent, "sd_consistent": self.sd_consistent,
            "skipped": self.skipped is not None, "skipped_reason": self.skipped,
        }


def find_means(norm: NormalizedText, ranges: list[tuple[int, int]] | None = None) -> list[MeanItem]:
    items = []
    for m in MEAN_RE.finditer(norm.text):
        mean_text = m.group("m") or m.group("m2") or m.group("m3")
        sd_text = m.group("sd") or m.group("sd2") or m.group("sd3") or m.group("sd4")
        try:
            value = parse_number(mean_text)
            sd = parse_number(sd_text) if sd_text else None
        except ValueError:
            continue
        start, end = norm.to_original(m.start(), m.end())
        item = MeanItem("mean", value, sd, start, end)
        item.extra["subscript"] = m.group("sub")
        item.extra["what"] = (m.group("what") or "").strip()
        item.extra["after"] = norm.original[end : end + 25]
        items.append(item)
    for m in PERCENT_RE.finditer(norm.text):
        pct_text = m.group("pct") or m.group("pct2") or m.group("pct3") or m.group("pct4")
        share = None
        if m.group("pct4"):
            share = _SHARE_OF_RE.search(norm.text, max(0, m.start() - 100), m.start())
            if share is None:
                continue
        try:
            value = parse_number(pct_text)
        except ValueError:
            continue
        start, end = norm.to_original(m.start(), m.end())
        item = MeanItem("percent", value, None, start, end)
        count = m.group("count") or m.group("count2")
        item.count = int(count) if count else None
        if m.group("of_n"):
            item.n, item.n_source = int(m.group("of_n")), "sentence"
        elif share is not None and share.group("n"):
            item.n, item.n_source = int(share.group("n")), "sentence"
        items.append(item)
    if ranges is not None:
        items = [it for it in items if any(a <= it.start < b for a, b in ranges)]
    for it in items:
        it.raw = norm.original[it.start : it.end]
    return sorted(items, key=lambda it: it.start)


def classify_variable(item: MeanItem, ctx: TextContext) -> tuple[str, str | None]:
    """('continuous' | 'integer' | 'binary' | 'unknown', the word that decided)."""
    text = ctx.text
    if item.extra.get("subscript") and re.fullmatch(rf"(?:{CONTINUOUS_WORDS})", item.extra["subscript"], re.IGNORECASE):
        return "continuous", item.extra["subscript"]
    after = text[item.end : item.end + 25]
    unit = _UNIT_AFTER_RE.match(after)
    if unit and item.kind == "mean":
        return "continuous", unit.group(0).strip(" )")
    s0, _ = ctx.sentence(item.start, item.end)
    before = text[max(s0, item.start - 90) : item.start]
    what = item.extra.get("what", "")
    scope = f"{before} {what}"
    if item.kind == "mean" and item.sd is not None and 0 <= item.value.value <= 1 and _BINARY_RE.search(text[max(s0, item.start - 160) : item.end + 60]):
        return "binary", _BINARY_RE.search(text[max(s0, item.start - 160) : item.end + 60]).group(0)
    # The keyword nearest the number decides ("mean age ... rated" -> the later one).
    derived = _DERIVED_RE.search(f"{text[max(s0, item.start - 40) : item.start]} {what}")
    if derived:
        return "derived", derived.group(0)
    # On overlap ("z-scores") the continuous reading wins.
    found = [(km.end(), 1, "continuous", km.group(0)) for km in _CONTINUOUS_RE.finditer(scope)]
    found += [(km.end(), 0, "integer", km.group(0)) for km in _INTEGER_RE.finditer(scope)]
    if found:
        _, _, kind, word = max(found)
        return kind, word
    # Nothing before: the rest of the sentence may name it ("averaged 4.2 errors").
    _, s1 = ctx.sentence(item.start, item.end)
    kind, word = classify_words(text[item.end : min(s1, item.end + 80)], first=True)
    if kind != "unknown":
        return kind, word
    # Nor after: the previous sentence may name the measure.
    p0, _ = ctx.paragraph(item.start)
    prev = text[max(p0, s0 - 250) : s0]
    if _CONTINUOUS_RE.search(prev) and not _INTEGER_RE.search(prev):
        return "continuous", _CONTINUOUS_RE.search(prev).group(0)
    if _INTEGER_RE.search(prev) and not _CONTINUOUS_RE.search(prev):
        return "integer", _INTEGER_RE.search(prev).group(0)
    return "unknown", None


def classify_words(text: str, first: bool = False) -> tuple[str, str | None]:
    """Kind of data a label or phrase describes, from its last (or ``first``) telling word."""
    found = [(km.end(), 1, "continuous", km.group(0)) for km in _CONTINUOUS_RE.finditer(text)]
    found += [(km.end(), 0, "integer", km.group(0)) for km in _INTEGER_RE.finditer(text)]
    if not found:
        return "unknown", None
    _, _, kind, word = min(found, key=lambda f: (f[0], -f[1])) if first else max(found)
    return kind, word


def items_from_words(text: str) -> tuple[int | None, str | None]:
    found = None
    for m in _ITEMS_RE.finditer(text):
        found = m
    if found is None:
        return None, None
    if found.group("k"):
        word = found.group("k").lower()
        return (int(word) if word.isdigit() else _NUMBER_WORDS[word]), found.group(0)
    return 1, found.group(0)


def find_items(item: MeanItem, ctx: TextContext) -> tuple[int | None, str | None]:
    """Number of integer items averaged into the mean, and the phrase that says so."""
    text = ctx.text
    s0, s1 = ctx.sentence(item.start, item.end)
    p0, _ = ctx.paragraph(item.start)
    for a, b, where in ((s0, s1, "sentence"), (max(p0, s0 - 600), s0, "paragraph")):
        found = None
        for m in _ITEMS_RE.finditer(text, a, b):
            found = m  # the last mention before the mean
            if m.start() > item.start:
                break
        if found is not None:
            if found.group("single"):
                return 1, found.group(0)
            if found.group("k"):
                word = found.group("k").lower()
                return (int(word) if word.isdigit() else _NUMBER_WORDS[word]), found.group(0)
            return 1, found.group(0)  # a count or a sum of integer scores is itself an integer
    return None, None


def find_n(item: MeanItem, ctx: TextContext) -> tuple[int | None, str | None]:
    """The sample size behind a mean: same sentence, then paragraph, then paper."""
    if item.n:
        return item.n, item.n_source
    sizes = ctx.sample_sizes
    if not sizes:
        return None, None
    s0, s1 = ctx.sentence(item.start, item.end)
    local = [s for s in sizes if s0 <= s.position < s1]
    if local:
        return min(local, key=lambda s: abs(s.position - item.start)).n, "sentence"
    p0, _ = ctx.paragraph(item.start)
    before = [s for s in sizes if max(p0, s0 - 800) <= s.position < s0]
    if before:
        return before[-1].n, "paragraph"
    overall = [s for s in sizes if not s.per_group and s.position < item.start] or [s for s in sizes if not s.per_group]
    if overall:
        return overall[0].n, "paper"
    return None, None


def assess(item: MeanItem, ctx: TextContext, max_n: int) -> MeanItem:
    """Fill ``item`` with the applicable test and its outcome, or a skip reason."""
    # A share of a sample ("15 (53.6%)", "of the 49 participants, 43.7%") is a count over N.
    kind, word = classify_variable(item, ctx) if item.kind == "mean" else ("integer", "share of the sample")
    item.variable = word
    if item.value.decimals == 0:
        item.skipped = "printed without decimals: every whole number is possible"
        return item
    if kind == "continuous":
        item.skipped = f"continuous variable ({word}): GRIM applies only to integer data"
        return item
    if kind == "derived":
        item.skipped = f"a derived quantity ({word}), not a mean of raw integer scores"
        return item
    n, n_source = find_n(item, ctx)
    if item.kind == "percent" and item.count is not None and n is None:
        n, n_source = None, None
    item.n, item.n_source = n, n_source
    if n is None:
        item.skipped = "no sample size found for this number"
        return item
    if n > max_n:
        item.skipped = f"N = {n} is above grim_max_n = {max_n}"
        return item
    if item.kind == "percent":
        item.test = "GRIM-percent"
        if item.value.value > 100:
            item.skipped = "percentage above 100 (reported as a convention problem)"
            return item
        if not grim.percent_bites(item.value, n):
            item.skipped = f"N = {n} is too large for a percentage with {item.value.decimals} decimals to be tested"
            return item
        item.consistent = grim.percent_consistent(item.value, n)
        return item
    if kind == "binary":
        item.test, item.items, item.items_source = "DEBIT", 1, word
        item.consistent = grim.grim_consistent(item.value, n, 1) if grim.grim_bites(item.value, n, 1) else True
        item.sd_consistent = grim.debit_consistent(item.value, item.sd, n)
        return item
    if kind != "integer":
        item.skipped = "not known to be integer data (no Likert item, count or score named nearby)"
        return item
    items, items_source = find_items(item, ctx)
    item.items, item.items_source = items, items_source
    if items is None:
        item.skipped = "integer-valued scale but the number of items is unknown"
        return item
    if not grim.grim_bites(item.value, n, items):
        item.skipped = f"N × items = {n * items} ≥ 10^{item.value.decimals}: every mean with {item.value.decimals} decimals is possible"
        return item
    item.test = "GRIM"
    item.consistent = grim.grim_consistent(item.value, n, items)
    if item.consistent and item.sd is not None and items == 1 and item.sd.value >= 0:
        item.test = "GRIM+GRIMMER"
        item.sd_consistent = grim.grimmer_consistent(item.value, item.sd, n)
    return item
