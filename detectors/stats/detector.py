"""The statistics detector: every reported test result and summary number,
recomputed and checked, with the innocent explanations tried first."""

from __future__ import annotations

import re

from detectors.base import Detector
from detectors.stats import findings as F
from detectors.stats.checks import CheckOptions, Verdict, check_result, describe
from detectors.stats.context import TextContext, stated_alpha
from detectors.stats.conventions import find_convention_issues
from detectors.stats.extract import Result, extract_results
from detectors.stats.means import MeanItem, assess, classify_words, find_means, items_from_words
from detectors.stats.normalize import normalize
from detectors.stats import grim, signals
from detectors.stats.tables import locate_cells, table_means, table_results, text_layer_tables
from integrity.models import DetectorResult, Manuscript

_RANDOMISED_RE = re.compile(r"randomi[sz]ed|randomly (?:assigned|allocated)", re.IGNORECASE)


class StatsDetector(Detector):
    """Recomputes reported p values and checks means, SDs and percentages.

    Parameters
    ----------
    alpha : float, default 0.05
        Significance level for decision errors when the paper states none
        (a stated "α = .01" is used instead when ``read_stated_alpha``).
    read_stated_alpha : bool, default True
        Use the alpha the paper states.
    p_equal_alpha_significant : bool, default True
        Read a printed ``p = .05`` (p equal to α) as a claim of significance,
        as statcheck does; False reads it as non-significant.
    one_tailed_window : int, default 350
        Characters before a result within which a one-tailed / adjustment cue
        counts as *local* (info severity); a cue elsewhere in the paper still
        explains the result, at low severity.
    max_comparisons : int, default 50
        Largest Bonferroni/Holm multiplier tried when the number of
        comparisons is not stated.
    grim_max_n : int, default 200
        GRIM-family tests are skipped above this N (and wherever N × items is
        too large for the printed decimals).
    read_tables : bool, default True
        Read results, means and baseline tables from ``Manuscript.tables``.
    paper_signals : bool, default True
        Report paper-level patterns (p values just below .05, terminal
        digits, baseline balance of randomised trials).
    caliper_min_below : int, default 5
        Fewest p values in (.04, .05] before the caliper test runs.
    terminal_digit_min : int, default 50
        Fewest numbers before the terminal-digit test runs.
    """

    name = "stats"
    family = "stats"
    description = "Recomputes p values (t, F, r, χ², z, Q, H) from text and tables, finds decision errors, GRIM/GRIMMER/DEBIT-impossible means, SDs and percentages, and paper-level anomalies."

    def __init__(
        self,
        alpha: float = 0.05,
        read_stated_alpha: bool = True,
        p_equal_alpha_significant: bool = True,
        one_tailed_window: int = 350,
        max_comparisons: int = 50,
        grim_max_n: int = 200,
        read_tables: bool = True,
        paper_signals: bool = True,
        caliper_min_below: int = 5,
        terminal_digit_min: int = 50,
    ):
        self.alpha = alpha
        self.read_stated_alpha = read_stated_alpha
        self.p_equal_alpha_significant = p_equal_alpha_significant
        self.one_tailed_window = one_tailed_window
        self.max_comparisons = max_comparisons
        self.grim_max_n = grim_max_n
        self.read_tables = read_tables
        self.paper_signals = paper_signals
        self.caliper_min_below = caliper_min_below
        self.terminal_digit_min = terminal_digit_min

    # ------------------------------------------------------------------ run

    def detect(self, manuscript: Manuscript, corpus=None) -> DetectorResult:
        text = manuscript.text or ""
        if not text.strip() and not manuscript.tables:
            return DetectorResult([], {"statistics": [], "means": [], "stats_summary": {"alpha": self.alpha, "results": 0, "means": 0}})
        body = manuscript.body_ranges()

        def in_body(pos: int) -> bool:
            return any(a <= pos < b for a, b in body)

        norm = normalize(text)
        ctx = TextContext.build(text, body, window_before=self.one_tailed_window)
        alpha, alpha_text = (stated_alpha(text, body, self.alpha) if self.read_stated_alpha else (self.alpha, None))
        options = CheckOptions(alpha, self.p_equal_alpha_significant, self.max_comparisons)

        results = [(r, None) for r in extract_results(norm, body)]
        if self.read_tables:
            results += self._table_results(manuscript, results)
        checked = [(r, check_result(r, ctx, options), table) for r, table in results]

        text_means = find_means(norm, body)
        table_items: list[tuple[MeanItem, object]] = []
        if self.read_tables:
            table_items = self._table_means(manuscript, ctx)
            # A PDF's text layer repeats the table's cells; the table reading (with its header N) wins.
            regions = [(t.char_start, t.char_end) for item, t in table_items if t.char_start is not None]
            text_means = [it for it in text_means if not any(a <= it.start < b for a, b in regions)]
        means = [assess(item, ctx, self.grim_max_n) for item in text_means] + [item for item, _ in table_items]
        issues = find_convention_issues(norm, [r for r, _, _ in checked], means, in_body)

        findings = []
        records = []
        explained: dict[str, list] = {}
        flagged: dict[tuple, object] = {}  # one finding per distinct problem (an abstract may repeat a result)
        for r, v, table in checked:
            record = self._record(manuscript, r, v)
            records.append(record)
            if v.status in ("inconsistent", "decision_error"):
                key = (r.test, r.df1, r.df2, r.value, r.reported_p.comparison, r.reported_p.value)
                if key in flagged:
                    flagged[key].locations.append(F.location_of(manuscript, r.start, r.end, table))
                    flagged[key].evidence.setdefault("also_printed_at", []).append(record["char_start"])
                    continue
                flagged[key] = F.inconsistency_finding(manuscript, ctx, r, v, record, alpha, table)
                findings.append(flagged[key])
            elif v.status.startswith("consistent_if_"):
                explained.setdefault(v.explanation["kind"], []).append((r, v))
        for kind, items in explained.items():
            findings.append(F.explained_finding(manuscript, kind, items))
        by_kind: dict[str, list] = {}
        for issue in issues:
            by_kind.setdefault(issue.kind, []).append(issue)
        for kind, group in by_kind.items():
            findings.append(F.convention_finding(manuscript, kind, group))
        tables_by_id = {t.id: t for t in manuscript.tables}
        impossible: dict[tuple, object] = {}
        for item in means:
            if item.consistent is False or item.sd_consistent is False:
                key = (item.kind, item.value.value, item.sd.value if item.sd else None, item.n, item.items)
                if key in impossible:
                    impossible[key].locations.append(F.location_of(manuscript, item.start, item.end, tables_by_id.get(item.table_id)))
                    continue
                impossible[key] = F.grim_finding(manuscript, ctx, item, tables_by_id.get(item.table_id))
                findings.append(impossible[key])
        summary = {"alpha": alpha, "alpha_source": alpha_text or "default", "results": len(records),
                   "means": len(means), "inconsistent": sum(1 for _, v, _ in checked if v.status == "inconsistent"),
                   "decision_errors": sum(1 for _, v, _ in checked if v.status == "decision_error")}
        if self.paper_signals:
            findings += self._signals(manuscript, checked, means, summary)
        mean_records = []
        for item in means:
            d = item.to_dict()
            d["page"] = manuscript.locate(item.start, item.end).page if item.end > item.start else (
                tables_by_id[item.table_id].page if item.table_id in tables_by_id else None)
            mean_records.append(d)
        return DetectorResult(findings, {"statistics": records, "means": mean_records, "stats_summary": summary})

    # -------------------------------------------------------------- helpers

    def _record(self, m: Manuscript, r: Result, v: Verdict) -> dict:
        rp = r.reported_p
        record = {
            "raw": r.raw,
            "page": m.locate(r.start, r.end).page if r.end > r.start else None,
            "char_start": r.start if r.end > r.start else None,
            "char_end": r.end if r.end > r.start else None,
            "source": r.source,
            "table_id": r.table_id,
            "table_row": r.table_row,
            "test": r.test,
            "df1": r.df1,
            "df2": r.df2,
            "df_source": r.df_source,
            "n": r.n,
            "test_comparison": r.test_comparison,
            "value": r.value,
            "value_string": r.value_string.strip(),
            "reported_p": rp.to_dict() if rp else None,
        }
        record.update(v.to_dict())
        record["summary"] = describe(r, v)
        return record

    def _table_results(self, m: Manuscript, text_results) -> list[tuple[Result, object]]:
        seen = {(r.test, r.value, r.df1, r.df2, r.reported_p.string.strip() if r.reported_p else None) for r, _ in text_results}
        out = []
        covered = [(t.char_start, t.char_end) for t in m.tables if t.char_start is not None]
        extra = text_layer_tables(m.text, covered)
        for table in extra:
            table.page = m.locate(table.char_start, table.char_end).page or 1
        for table in list(m.tables) + extra:
            cursor = table.char_start or 0
            for r in table_results(table):
                key = (r.test, r.value, r.df1, r.df2, r.reported_p.string.strip() if r.reported_p else None)
                if key in seen:
                    continue  # the text layer already gave this result
                seen.add(key)
                span = locate_cells(m.text, table, r.table_row, cursor)
                if span:
                    r.start, r.end = span
                    cursor = span[1]
                out.append((r, table))
        return out

    def _table_means(self, m: Manuscript, ctx: TextContext) -> list[tuple[MeanItem, object]]:
        out = []
        for table in m.tables:
            cursor = table.char_start or 0
            for item in table_means(table):
                span = locate_cells(m.text, table, item.extra["row"], cursor) if table.char_start is not None else None
                if span:
                    found = m.text.find(item.raw, span[0], span[1] + 1)
                    if found >= 0:
                        item.start, item.end = found, found + len(item.raw)
                _assess_table_mean(item, self.grim_max_n)
                out.append((item, table))
        return out

    def _signals(self, m: Manuscript, checked, means, summary) -> list:
        out = []
        exact = [(r.reported_p.value, r.start, r.end) for r, _, _ in checked
                 if r.reported_p and r.reported_p.comparison == "=" and r.reported_p.value is not None and r.source == "text"]
        caliper = signals.caliper_signal(exact, self.caliper_min_below)
        numbers = [r.value_string.strip().lstrip("-−") for r, _, _ in checked]
        numbers += [it.value.text.strip() for it in means if it.kind == "mean"] + [it.sd.text.strip() for it in means if it.sd]
        digits = signals.terminal_digit_signal(numbers, self.terminal_digit_min)
        found = [s for s in (caliper, digits) if s]
        if m.tables and _RANDOMISED_RE.search(m.text or ""):
            for table in m.tables:
                s = signals.carlisle_signal(table)
                if s:
                    found.append(s)
        summary["signals"] = [s.kind for s in found]
        for s in found:
            out.append(F.signal_finding(m, s))
        return out


def _assess_table_mean(item: MeanItem, max_n: int) -> None:
    """GRIM for a table cell: the row label says what was measured."""
    label = item.extra.get("label", "")
    if item.kind == "percent":
        item.variable = "share of the group (n (%))"
        if item.n is None:
            item.skipped = "no group size in the column header"
        elif item.n > max_n:
            item.skipped = f"N = {item.n} is above grim_max_n = {max_n}"
        elif not grim.percent_bites(item.value, item.n):
            item.skipped = f"N = {item.n} is too large for a percentage with {item.value.decimals} decimals to be tested"
        elif item.value.value <= 100:
            item.test = "GRIM-percent"
            item.consistent = grim.percent_consistent(item.value, item.n)
        return
    kind, word = classify_words(label)
    item.variable = word
    if item.value.decimals == 0:
        item.skipped = "printed without decimals: every whole number is possible"
    elif kind == "continuous":
        item.skipped = f"continuous variable ({word}): GRIM applies only to integer data"
    elif item.n is None:
        item.skipped = "no sample size in the column header or an n column"
    elif item.n > max_n:
        item.skipped = f"N = {item.n} is above grim_max_n = {max_n}"
    elif kind != "integer":
        item.skipped = "row label does not name integer data (Likert item, count, score)"
    else:
        items, source = items_from_words(label)
        item.items, item.items_source = items, source
        if items is None:
            item.skipped = "integer-valued scale but the number of items is unknown"
        elif not grim.grim_bites(item.value, item.n, items):
            item.skipped = f"N × items = {item.n * items} ≥ 10^{item.value.decimals}: every mean is possible"
        else:
            item.test = "GRIM"
            item.consistent = grim.grim_consistent(item.value, item.n, items)
            if item.consistent and item.sd is not None and items == 1:
                item.test = "GRIM+GRIMMER"
                item.sd_consistent = grim.grimmer_consistent(item.value, item.sd, item.n)
