"""Short text summaries of a case or a run: Markdown for Prefect artifacts,
rich tables for the terminal."""

from __future__ import annotations

from typing import Any

SEVERITIES = ("high", "medium", "low", "info")


def _md_escape(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ").replace("<", "&lt;")


def case_markdown(record: dict[str, Any], folder: str) -> str:
    m = record["manuscript"]
    lines = [
        f"# {_md_escape(m['title'] or m['filename'])}",
        f"File `{_md_escape(m['filename'])}` · id `{m['id'][:12]}` · {m['pages']} page(s) · score **{record['score']}**",
        f"Case folder: `{folder}`",
        "",
        "| severity | detector | finding |",
        "| --- | --- | --- |",
    ]
    lines += [f"| {f['severity']} | {f['detector']} | {_md_escape(f['title'])} |" for f in record["findings"]]
    lines += [f"- error: {_md_escape(e['message'])}" for e in record["errors"]]
    lines += [f"- warning: {_md_escape(w['message'])}" for w in record["warnings"]]
    return "\n".join(lines)


def run_markdown(run: dict[str, Any]) -> str:
    t = run["totals"]
    lines = [
        f"# Screening run {run['run_id']}",
        f"{t['inputs']} input(s): {t['screened']} screened, {t['failed']} failed, {t['skipped']} skipped"
        + (f" ({t['reused']} screened before: earlier cases stand)" if t.get("reused") else "")
        + "; "
        f"{t['with_findings']} with findings. Dashboard: `{run.get('dashboard', run['out_dir'])}`",
        "",
        "| rank | score | top | file | title |",
        "| --- | --- | --- | --- | --- |",
    ]
    ranked = [r for r in ranked_rows(run["cases"]) if r["status"] == "screened"]
    lines += [
        f"| {i} | {r['score']} | {r['top_severity'] or '-'} | {_md_escape(r['filename'])} | {_md_escape(r['title'][:80])} |"
        for i, r in enumerate(ranked, start=1)
    ]
    failed = [r for r in run["cases"] if r["status"] != "screened"]
    if failed:
        lines += ["", "## Not screened", ""]
        lines += [f"- `{_md_escape(r['filename'])}` ({r['status']}): {_md_escape('; '.join(p['message'] for p in r['errors'] + r['warnings']))}" for r in failed]
    return "\n".join(lines)


def ranked_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Highest score first; ties by file name, so the order is stable."""
    return sorted(rows, key=lambda r: (-r["score"], r["filename"]))


def print_run_table(run: dict[str, Any], console) -> None:
    """The ranked summary table printed at the end of ``integrity screen``."""
    from rich.table import Table

    table = Table(title=f"Screening run {run['run_id']}", title_justify="left")
    for column, width in (("#", 3), ("score", 5), ("top", 6), ("H", 2), ("M", 2), ("L", 2)):
        table.add_column(column, justify="right" if column != "top" else "left", no_wrap=True, min_width=width)
    table.add_column("file", no_wrap=True, overflow="ellipsis", max_width=40)
    table.add_column("status: title, or why it was not screened", no_wrap=True, overflow="ellipsis", max_width=70)
    for i, r in enumerate(ranked_rows(run["cases"]), start=1):
        c = r["counts"]
        if r["status"] == "screened":
            detail = (r["title"] or "(no title)") + "".join(f" [{w['code']}]" for w in r["warnings"])
        else:
            detail = "; ".join(p["message"] for p in r["errors"] + r["warnings"])
        table.add_row(
            str(i), f"{r['score']:.1f}", r["top_severity"] or "-", str(c["high"]), str(c["medium"]), str(c["low"]),
            _rich_escape(r["filename"]), f"[{_style(r)}]{r['status']}[/]: {_rich_escape(detail)}",
        )
    console.print(table)
    t = run["totals"]
    console.print(
        f"{t['inputs']} inputs: {t['screened']} screened, {t['failed']} failed, {t['skipped']} skipped; "
        f"{t['with_findings']} with findings ({t['findings']} findings)."
    )


def print_case(record: dict[str, Any], folder: str | None, console) -> None:
    """The short report printed by ``integrity check``."""
    m = record["manuscript"]
    console.print(f"[bold]{_rich_escape(m['title'] or m['filename'])}[/]  ({_rich_escape(m['filename'])}, {m['pages']} page(s), id {m['id'][:12]})")
    for e in record["errors"]:
        console.print(f"[red]error[/] {_rich_escape(e['message'])}")
    for w in record["warnings"]:
        console.print(f"[yellow]warning[/] {_rich_escape(w['message'])}")
    if not record["findings"]:
        console.print("No findings.")
    for f in record["findings"]:
        pages = sorted({loc["page"] for loc in f["locations"] if loc.get("page")})
        where = f" (p. {', '.join(map(str, pages))})" if pages else ""
        console.print(f"  [{_SEVERITY_STYLE[f['severity']]}]{f['severity']:<6}[/] {_rich_escape(f['title'])}{where}")
    console.print(f"Score {record['score']}.", end=" ")
    if folder:
        console.print(f"Case file: {folder}/index.html")
    else:
        console.print()


_SEVERITY_STYLE = {"high": "bold red", "medium": "yellow", "low": "cyan", "info": "dim"}


def _style(row: dict[str, Any]) -> str:
    return {"screened": "green", "failed": "red", "skipped": "yellow"}.get(row["status"], "white")


def _rich_escape(text: str) -> str:
    from rich.markup import escape

    return escape(str(text))
