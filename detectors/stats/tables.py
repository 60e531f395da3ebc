"""Results and means printed in tables (``Manuscript.tables``).

A table gives a result in one of two ways: a cell (or a row read left to
right) that holds the whole result, ``t(28) = 2.20, p = .036``; or columns
named by the header row — a statistic column (``t``, ``F(2, 57)``, ``χ2``),
optional df column(s) and a p column (``p``, ``Sig.``, ``p-value``).  Means
come as ``M (SD)`` / ``M ± SD`` cells or separate M and SD columns, with N
from a column header such as ``Control (n = 14)``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from detectors.stats.extract import ReportedP, Result, extract_results
from detectors.stats.means import MeanItem
from detectors.stats.normalize import normalize
from detectors.stats.numbers import NUMBER, P_NUMBER, SCI_SUFFIX, parse_number
from integrity.models import Table

_MARKS = r"[*\u2020\u2021\u00a7a-c]*"
_TEST_HEADER_RE = re.compile(
    r"^(?P<test>t|F|r|z|Z|H|Q|\u03c7 ?2?|[Cc]hi ?-? ?(?:[Ss]quared?|2)|[Xx]2)"
    r"(?: ?[(\[] ?(?P<d1>\d+(?:\.\d+)?)(?: ?[,;] ?(?P<d2>\d+(?:\.\d+)?))? ?[)\]])?"
    r"(?: ?[-\s]?(?:value|statistic|stat))?$"
)
_DF_HEADER_RE = re.compile(r"^(?:df|d\.f\.|DF)(?P<which>1|2)?$")
_P_HEADER_RE = re.compile(
    r"^(?:p|P)(?: ?-? ?[Vv]alues?)?(?: ?\((?:two|2|one|1)[- ]?(?:tailed|sided)\))?$|^Sig\.?(?: ?\(2-tailed\))?$|^Pr ?\(>.{0,4}\)$"
)
_P_CELL_RE = re.compile(rf"^(?:p ?)?(?P<comp><=|>=|[<>=\u2264\u2265])? ?(?P<p>{P_NUMBER}{SCI_SUFFIX}?){_MARKS}$")
_VALUE_CELL_RE = re.compile(rf"^(?P<v>-? ?{NUMBER}){_MARKS}$")
_DF_CELL_RE = re.compile(r"^(?P<a>\d+(?:\.\d+)?)(?: ?[,;/] ?(?P<b>\d+(?:\.\d+)?))?$")
_NS_RE = re.compile(r"^(?:ns|n\.s\.|NS)$")
MEAN_SD_CELL_RE = re.compile(rf"^(?P<m>-? ?{NUMBER}) ?(?:\((?P<sd>{NUMBER})\)|(?:\u00b1|\+/-) ?(?P<sd2>{NUMBER}))$")
COUNT_PCT_CELL_RE = re.compile(rf"^(?P<count>\d+) ?\((?P<pct>{NUMBER}) ?%?\)$")
HEADER_N_RE = re.compile(r"\(?\b[nN] ?= ?(?P<n>\d+)\)?")


@dataclass
class TableCell:
    row: int
    col: int
    text: str


def clean(cell: str | None) -> str:
    if not cell:
        return ""
    return normalize(cell.replace("\n", " ")).text.strip()


def table_results(table: Table) -> list[Result]:
    """Every test result a table holds; ``start``/``end`` are left for the caller to locate."""
    if not table.rows or len(table.rows) < 2:
        return []
    header = [clean(c) for c in table.rows[0]]
    test_cols = [(j, m) for j, h in enumerate(header) if (m := _TEST_HEADER_RE.match(h))]
    p_cols = [j for j, h in enumerate(header) if _P_HEADER_RE.match(h)]
    df_cols = {j: m.group("which") for j, h in enumerate(header) if (m := _DF_HEADER_RE.match(h))}
    results: list[Result] = []
    for i, row in enumerate(table.rows[1:], start=1):
        cells = [clean(c) for c in row]
        if test_cols and p_cols:
            for j, hm in test_cols:
                result = _column_result(table, i, row, cells, j, hm, p_cols, df_cols)
                if result is not None:
                    results.append(result)
            continue
        joined = "; ".join(c for c in cells if c)
        norm = normalize(joined)
        for result in extract_results(norm):
            result.source, result.table_id, result.table_row = "table", table.id, i
            results.append(result)
    return results


def _column_result(table, i, row, cells, j, hm, p_cols, df_cols) -> Result | None:
    if j >= len(cells) or not (vm := _VALUE_CELL_RE.match(cells[j])):
        return None
    p_col = min((c for c in p_cols if c > j), default=p_cols[0])
    p_text = cells[p_col] if p_col < len(cells) else ""
    if _NS_RE.match(p_text):
        reported = ReportedP("ns", None, p_text, 0, "ns")
    elif pm := _P_CELL_RE.match(p_text):
        try:
            number = parse_number(pm.group("p"), thousands=False)
        except ValueError:
            return None
        comp = {"\u2264": "<=", "\u2265": ">="}.get(pm.group("comp") or "=", pm.group("comp") or "=")
        reported = ReportedP(comp, number.value, (row[p_col] or "").strip(), number.decimals, "p")
    else:
        return None
    test = _test_name(hm.group("test"))
    d1, d2 = hm.group("d1"), hm.group("d2")
    for c, which in df_cols.items():
        dm = _DF_CELL_RE.match(cells[c]) if c < len(cells) else None
        if not dm:
            continue
        if which == "2":
            d2 = dm.group("a")
        elif which == "1":
            d1 = dm.group("a")
        else:
            d1, d2 = dm.group("a"), dm.group("b")
    df1 = float(d1) if d1 else None
    df2 = float(d2) if d2 else None
    if test in ("t", "r") and df2 is None:
        df1, df2 = None, df1
    if test in ("chi2", "H", "Q"):
        df2 = None
    value = parse_number(vm.group("v"))
    raw = " | ".join((c or "").strip() for c in row if c and c.strip())
    return Result(
        test=test, value=value.value, value_string=(row[j] or "").strip(), value_decimals=value.decimals,
        df1=df1, df2=df2, reported_p=reported, raw=raw, source="table", df_source="table" if (d1 or d2) else None,
        table_id=table.id, table_row=i,
    )


def _test_name(token: str) -> str:
    if token in ("t", "F", "r", "H", "Q"):
        return token
    if token in ("z", "Z"):
        return "z"
    return "chi2"


def locate_cells(text: str, table: Table, row_index: int, cursor: int) -> tuple[int, int] | None:
    """Offsets in ``text`` spanning the printed cells of one table row, searched
    inside the table's text region from ``cursor`` on."""
    if table.char_start is None or table.char_end is None:
        return None
    region_end = table.char_end
    pos = max(cursor, table.char_start)
    first = last = None
    for cell in table.rows[row_index]:
        cell = (cell or "").strip()
        if not cell:
            continue
        found = text.find(cell, pos, region_end + 1)
        if found < 0:
            continue
        first = found if first is None else first
        last = found + len(cell)
        pos = last
    if first is None:
        return None
    return first, last


def table_means(table: Table) -> list[MeanItem]:
    """``M (SD)`` / ``M ± SD`` cells and M/SD column pairs, with N from the
    column header when it gives one, and the row label as the variable."""
    if not table.rows or len(table.rows) < 2:
        return []
    header = [clean(c) for c in table.rows[0]]
    column_n = {j: int(m.group("n")) for j, h in enumerate(header) if (m := HEADER_N_RE.search(h))}
    mean_cols = [j for j, h in enumerate(header) if re.fullmatch(r"(?:M|Mean|mean)", h)]
    sd_cols = [j for j, h in enumerate(header) if re.fullmatch(r"(?:SD|sd|S\.D\.)", h)]
    n_cols = [j for j, h in enumerate(header) if re.fullmatch(r"(?:n|N)", h)]
    items = []
    for i, row in enumerate(table.rows[1:], start=1):
        cells = [clean(c) for c in row]
        label = next((c for c in cells if c and not re.match(r"^[-\d.,(±]", c)), "")
        row_n = None
        for c in n_cols:
            if c < len(cells) and cells[c].isdigit():
                row_n = int(cells[c])
        counts_row = bool(re.search(r"n \(%\)|%", label)) and not re.search(r"\bmean\b", label, re.IGNORECASE)
        for j, cell in enumerate(cells):
            mean_text = sd_text = None
            if (cm := COUNT_PCT_CELL_RE.match(cell)) and (counts_row or "%" in cell):
                try:
                    pct = parse_number(cm.group("pct"))
                except ValueError:
                    continue
                item = MeanItem("percent", pct, None, 0, 0, raw=(row[j] or "").strip(), count=int(cm.group("count")),
                                source="table", table_id=table.id)
                n = column_n.get(j, row_n)
                if n is not None:
                    item.n, item.n_source = n, "table header" if j in column_n else "table column"
                item.extra.update(label=label, row=i, col=j)
                items.append(item)
                continue
            if m := MEAN_SD_CELL_RE.match(cell):
                mean_text, sd_text = m.group("m"), m.group("sd") or m.group("sd2")
            elif j in mean_cols and _VALUE_CELL_RE.match(cell):
                mean_text = cell
                sd_col = min((c for c in sd_cols if c > j), default=None)
                if sd_col is not None and sd_col < len(cells) and _VALUE_CELL_RE.match(cells[sd_col]):
                    sd_text = cells[sd_col]
            if mean_text is None:
                continue
            try:
                mean, sd = parse_number(mean_text.rstrip("*")), parse_number(sd_text.rstrip("*")) if sd_text else None
            except ValueError:
                continue
            item = MeanItem("mean", mean, sd, 0, 0, raw=(row[j] or "").strip(), source="table", table_id=table.id)
            n = column_n.get(j, row_n)
            if n is not None:
                item.n, item.n_source = n, "table header" if j in column_n else "table column"
            item.extra.update(label=label, row=i, col=j)
            items.append(item)
    return items


def text_layer_tables(text: str, covered: list[tuple[int, int]] | None = None, max_columns: int = 8) -> list[Table]:
    """Tables the PDF reader did not find (no ruling lines) but whose text layer
    shows them one cell per line: a header of short lines naming a statistic
    column and a p column, then rows of the same width."""
    covered = covered or []
    lines = [(m.start(), m.end(), m.group()) for m in re.finditer(r"[^\n]+", text)]
    tables: list[Table] = []
    i = 0
    while i < len(lines):
        best = None
        for k in range(3, max_columns + 1):
            header = [clean(line[2]) for line in lines[i : i + k]]
            if len(header) < k or any(len(h) > 30 for h in header):
                break
            test_idx = [c for c, h in enumerate(header) if _TEST_HEADER_RE.match(h)]
            p_idx = [c for c, h in enumerate(header) if _P_HEADER_RE.match(h)]
            if not (test_idx and p_idx):
                continue
            j, rows = i + k, []
            while j + k <= len(lines):
                cells = [clean(line[2]) for line in lines[j : j + k]]
                p_cell = cells[p_idx[0]]
                if not _VALUE_CELL_RE.match(cells[test_idx[0]]) or not (_P_CELL_RE.match(p_cell) or _NS_RE.match(p_cell)):
                    break
                rows.append([line[2].strip() for line in lines[j : j + k]])
                j += k
            if rows and (best is None or len(rows) > len(best[1])):
                best = (k, rows, j)
        if best is None:
            i += 1
            continue
        k, rows, j = best
        start, end = lines[i][0], lines[j - 1][1]
        if not any(a <= start < b for a, b in covered):
            header = [line[2].strip() for line in lines[i : i + k]]
            tables.append(Table(id=f"text-t{len(tables) + 1}", page=0, bbox=None, rows=[header] + rows, char_start=start, char_end=end))
        i = j
    return tables
