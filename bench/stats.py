"""Benchmark the statistics detector (and R statcheck 1.4, when R is present)
on the labelled corpus of :mod:`bench.stats_corpus`.

    python -m bench.stats [--seed 2026] [--no-statcheck] [--json out.json]

Prints, per reporting style, extraction recall; then flag precision/recall,
decision-error recall, GRIM-family precision/recall and time per 1,000
paragraphs, for both tools side by side.  statcheck is run with its default
options, on the same paragraphs (a table is given to it as the text a PDF's
text layer would show).
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.stats_corpus import APA_STYLES, NON_APA_STYLES, STYLES, Paragraph, build_corpus
from detectors.stats import StatsDetector
from integrity.ingest import ingest_bytes
from integrity.models import Manuscript, Table

FLAG_STATUSES = ("inconsistent", "decision_error")
STATCHECK_TESTS = {"t": "t", "F": "F", "r": "r", "Chi2": "chi2", "Z": "z", "Q": "Q"}

R_SCRIPT = r"""
suppressMessages(library(statcheck))
args <- commandArgs(TRUE)
raw <- readChar(args[1], file.info(args[1])$size, useBytes = TRUE)
Encoding(raw) <- "UTF-8"
txt <- strsplit(raw, "\x1e", fixed = TRUE)[[1]]
names(txt) <- paste0("p", seq_along(txt))
run <- function(x) suppressWarnings(suppressMessages(statcheck(x, messages = FALSE)))
failed <- 0
t0 <- proc.time()
res <- tryCatch(run(txt), error = function(e) NULL)
if (is.null(res)) {
  # statcheck stops on some inputs: find them one by one (untimed), then time one call on the rest.
  bad <- which(sapply(seq_along(txt), function(i) inherits(tryCatch(run(txt[i]), error = function(e) e), "error")))
  failed <- length(bad)
  t0 <- proc.time()
  res <- run(if (failed) txt[-bad] else txt)
}
el <- (proc.time() - t0)[["elapsed"]]
if (is.null(res)) res <- data.frame()
write.csv(res, args[2], row.names = FALSE, fileEncoding = "UTF-8")
cat(el, failed, file = args[3])
"""


def manuscript_for(p: Paragraph, i: int) -> Manuscript:
    if p.table is None:
        return ingest_bytes(p.text.encode("utf-8"), f"para-{i}.txt")
    text = p.text + "\n\n" + p.table_text + "\n"
    m = ingest_bytes(text.encode("utf-8"), f"para-{i}.txt")
    start = len(p.text) + 2
    m.tables = [Table(id="p1-t1", page=1, bbox=None, rows=p.table, char_start=start, char_end=start + len(p.table_text))]
    return m


def statcheck_text(p: Paragraph) -> str:
    return p.text if p.table is None else p.text + "\n\n" + p.table_text


def run_ours(corpus: list[Paragraph]) -> tuple[list[dict], float]:
    detector = StatsDetector(paper_signals=False)
    outputs = []
    started = time.perf_counter()
    for i, p in enumerate(corpus):
        m = manuscript_for(p, i)
        result = detector.detect(m)
        outputs.append(result.data)
    return outputs, time.perf_counter() - started


def run_statcheck(corpus: list[Paragraph]) -> tuple[list[dict] | None, float | None, float | None, str]:
    if not shutil.which("Rscript"):
        return None, None, None, "Rscript not found"
    probe = subprocess.run(["Rscript", "-e", "cat(as.character(packageVersion('statcheck')))"], capture_output=True, text=True)
    if probe.returncode != 0:
        return None, None, None, "R package statcheck not installed"
    version = probe.stdout.strip()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "run.R").write_text(R_SCRIPT)
        (tmp / "texts.txt").write_text("\x1e".join(statcheck_text(p) for p in corpus), encoding="utf-8")
        started = time.perf_counter()
        proc = subprocess.run(["Rscript", str(tmp / "run.R"), str(tmp / "texts.txt"), str(tmp / "out.csv"), str(tmp / "time.txt")],
                              capture_output=True, text=True)
        wall = time.perf_counter() - started
        if proc.returncode != 0:
            return None, None, None, f"statcheck failed: {proc.stderr[-500:]}"
        with open(tmp / "out.csv", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        elapsed, failed = (tmp / "time.txt").read_text().split()
        inner = float(elapsed)
    note = version + (f"; stopped with an error on {failed} paragraphs (read one by one, those counted as missed)" if int(failed) else "")
    return rows, inner, wall, note


# ------------------------------------------------------------------ scoring


def _same_df(rec: dict, planted) -> bool:
    for key in ("df1", "df2"):
        want = getattr(planted, key)
        got = rec.get(key)
        if want is None or got in (None, "", "NA"):
            continue
        if abs(float(got) - want) > 1e-6:
            return False
    return True


def _overlaps(a0, a1, b0, b1) -> bool:
    return a0 < b1 and b0 < a1


def score_ours(corpus, outputs) -> dict:
    per_style = {s: [0, 0] for s in STYLES}
    tp = fp = fn = 0
    dec_total = dec_found = 0
    explained_total = explained_ok = 0
    g_tp = g_fp = g_fn = 0
    for p, data in zip(corpus, outputs):
        records = data["statistics"]
        used = set()
        for planted in p.results:
            match = None
            for k, rec in enumerate(records):
                if k in used:
                    continue
                if p.table is not None:
                    same_place = rec["source"] == "table"
                else:
                    same_place = rec["char_start"] is not None and _overlaps(rec["char_start"], rec["char_end"], planted.start, planted.end)
                if same_place and abs(rec["value"] - planted.value) < 1e-6 and rec["reported_p"] is not None and _same_df(rec, planted):
                    match = k
                    break
            per_style[planted.style][1] += 1
            truth = planted.label in FLAG_STATUSES
            flagged = False
            if match is not None:
                used.add(match)
                per_style[planted.style][0] += 1
                flagged = records[match]["status"] in FLAG_STATUSES
                if planted.label == "decision_error" and records[match]["status"] == "decision_error":
                    dec_found += 1
            if planted.label == "decision_error":
                dec_total += 1
            if planted.label in ("one_tailed", "adjusted"):
                explained_total += 1
                explained_ok += int(match is not None and not flagged)
            tp += truth and flagged
            fn += truth and not flagged
            fp += flagged and not truth
        fp += sum(1 for k, rec in enumerate(records) if k not in used and rec["status"] in FLAG_STATUSES)
        # GRIM family
        means = data["means"]
        hit = set()
        for planted in p.means:
            flagged = [k for k, it in enumerate(means) if it["char_start"] is not None and _overlaps(it["char_start"], it["char_end"], planted.start, planted.end)
                       and (it["consistent"] is False or it["sd_consistent"] is False)]
            hit.update(flagged)
            if planted.label == "impossible":
                g_tp += bool(flagged)
                g_fn += not flagged
            else:
                g_fp += bool(flagged)
        g_fp += sum(1 for k, it in enumerate(means) if k not in hit and (it["consistent"] is False or it["sd_consistent"] is False))
    return {
        "per_style": per_style, "tp": tp, "fp": fp, "fn": fn, "decision_total": dec_total, "decision_found": dec_found,
        "explained_total": explained_total, "explained_not_flagged": explained_ok, "grim_tp": g_tp, "grim_fp": g_fp, "grim_fn": g_fn,
    }


def score_statcheck(corpus, rows) -> dict:
    by_source: dict[int, list[dict]] = {}
    for row in rows:
        by_source.setdefault(int(row["source"][1:]) - 1, []).append(row)
    per_style = {s: [0, 0] for s in STYLES}
    tp = fp = fn = 0
    dec_total = dec_found = 0
    explained_total = explained_ok = 0
    for i, p in enumerate(corpus):
        found = by_source.get(i, [])
        used = set()
        for planted in p.results:
            match = None
            for k, row in enumerate(found):
                if k in used or STATCHECK_TESTS.get(row["test_type"]) != planted.test:
                    continue
                try:
                    value = float(row["test_value"])
                except ValueError:
                    continue
                if abs(abs(value) - abs(planted.value)) < 1e-6 and _same_df(row, planted):
                    match = k
                    break
            per_style[planted.style][1] += 1
            truth = planted.label in FLAG_STATUSES
            flagged = False
            if match is not None:
                used.add(match)
                per_style[planted.style][0] += 1
                flagged = found[match]["error"] == "TRUE"
                if planted.label == "decision_error" and found[match]["decision_error"] == "TRUE":
                    dec_found += 1
            if planted.label == "decision_error":
                dec_total += 1
            if planted.label in ("one_tailed", "adjusted"):
                explained_total += 1
                explained_ok += int(match is not None and not flagged)
            tp += truth and flagged
            fn += truth and not flagged
            fp += flagged and not truth
        fp += sum(1 for k, row in enumerate(found) if k not in used and row["error"] == "TRUE")
    return {"per_style": per_style, "tp": tp, "fp": fp, "fn": fn, "decision_total": dec_total, "decision_found": dec_found,
            "explained_total": explained_total, "explained_not_flagged": explained_ok}


def _ratio(a, b) -> float | None:
    return a / b if b else None


def _fmt(x) -> str:
    return "n/a" if x is None else f"{x:.3f}"


def summarise(score: dict) -> dict:
    ex_apa = [score["per_style"][s] for s in APA_STYLES]
    ex_non = [score["per_style"][s] for s in NON_APA_STYLES + ["table"]]
    out = {
        "extraction_recall_apa": _ratio(sum(a for a, _ in ex_apa), sum(b for _, b in ex_apa)),
        "extraction_recall_non_apa": _ratio(sum(a for a, _ in ex_non), sum(b for _, b in ex_non)),
        "flag_precision": _ratio(score["tp"], score["tp"] + score["fp"]),
        "flag_recall": _ratio(score["tp"], score["tp"] + score["fn"]),
        "decision_error_recall": _ratio(score["decision_found"], score["decision_total"]),
        "explained_not_flagged": _ratio(score["explained_not_flagged"], score["explained_total"]),
    }
    if "grim_tp" in score:
        out["grim_precision"] = _ratio(score["grim_tp"], score["grim_tp"] + score["grim_fp"])
        out["grim_recall"] = _ratio(score["grim_tp"], score["grim_tp"] + score["grim_fn"])
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--no-statcheck", action="store_true", help="do not run R statcheck even if R is installed")
    parser.add_argument("--json", help="also write the numbers to this file")
    args = parser.parse_args(argv)

    corpus = build_corpus(args.seed)
    n_par = len(corpus)
    n_res = sum(len(p.results) for p in corpus)
    n_means = sum(len(p.means) for p in corpus)
    print(f"Corpus: {n_par} paragraphs, {n_res} planted results in {len(STYLES)} styles, {n_means} planted means (seed {args.seed})")

    outputs, ours_time = run_ours(corpus)
    ours = score_ours(corpus, outputs)
    ours_sum = summarise(ours)
    sc = sc_sum = None
    sc_inner = sc_wall = None
    sc_note = "skipped (--no-statcheck)"
    if not args.no_statcheck:
        rows, sc_inner, sc_wall, sc_note = run_statcheck(corpus)
        if rows is not None:
            sc = score_statcheck(corpus, rows)
            sc_sum = summarise(sc)
            sc_note = f"statcheck {sc_note}"
            print(sc_note)
    sc_name = "statcheck" if sc else f"statcheck ({sc_note})"

    print()
    print(f"{'style':<16}{'kind':<9}{'n':>5}  {'ours':>7}  {'statcheck':>9}")
    for style in STYLES:
        got, total = ours["per_style"][style]
        kind = "APA" if style in APA_STYLES else "non-APA"
        theirs = _fmt(_ratio(*sc["per_style"][style])) if sc else "n/a"
        print(f"{style:<16}{kind:<9}{total:>5}  {_fmt(_ratio(got, total)):>7}  {theirs:>9}")
    print()
    print(f"{'metric':<34}{'ours':>9}  {'statcheck':>9}  target")
    targets = {"extraction_recall_apa": "≥ 0.98", "extraction_recall_non_apa": "≥ 0.95", "flag_precision": "≥ 0.97",
               "flag_recall": "≥ 0.95", "decision_error_recall": "≥ 0.95", "explained_not_flagged": "",
               "grim_precision": "≥ 0.95", "grim_recall": "≥ 0.95"}
    for key, target in targets.items():
        theirs = _fmt(sc_sum.get(key)) if sc_sum else "n/a"
        print(f"{key:<34}{_fmt(ours_sum.get(key)):>9}  {theirs:>9}  {target}")
    per_k = 1000.0 / n_par
    print(f"{'seconds per 1,000 paragraphs':<34}{ours_time * per_k:>9.3f}  {(sc_inner * per_k if sc_inner is not None else float('nan')):>9.3f}  faster than statcheck")
    if sc_wall is not None:
        print(f"{'  (statcheck incl. R start-up)':<34}{'':>9}  {sc_wall * per_k:>9.3f}")
    print(f"\nflags: ours TP={ours['tp']} FP={ours['fp']} FN={ours['fn']}; GRIM TP={ours['grim_tp']} FP={ours['grim_fp']} FN={ours['grim_fn']}")
    if sc:
        print(f"flags: statcheck TP={sc['tp']} FP={sc['fp']} FN={sc['fn']}")
    else:
        print(sc_name)
    if args.json:
        Path(args.json).write_text(json.dumps({"ours": {**ours_sum, "seconds": ours_time, "per_style": ours["per_style"]},
                                               "statcheck": {**(sc_sum or {}), "seconds": sc_inner, "wall_seconds": sc_wall,
                                                             "per_style": sc["per_style"] if sc else None, "note": sc_note},
                                               "paragraphs": n_par, "results": n_res, "means": n_means}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
