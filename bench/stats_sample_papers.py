"""Run the statistics detector over ``sample_papers/`` and compare with
``truth.json``: every planted stats problem found, clean papers without any
stats finding above low severity, every listed statistic extracted.

    python -m bench.stats_sample_papers [--dir sample_papers] [-v]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from detectors.stats import StatsDetector
from integrity.ingest import ingest_file

KIND_TO_FINDINGS = {
    "p_inconsistent": ("inconsistent_p", "decision_error"),
    "grim_inconsistent": ("grim_inconsistent", "grimmer_inconsistent", "grim_percent_inconsistent", "debit_inconsistent"),
}


def _squash(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace("\u2212", "-")).strip()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dir", type=Path, default=Path(__file__).resolve().parent.parent / "sample_papers")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    truth_path = args.dir / "truth.json"
    if not truth_path.exists():
        print(f"no {truth_path}; generate the sample papers first")
        return 2
    truth = json.loads(truth_path.read_text())
    problems = truth["problems"]
    problems = problems.values() if isinstance(problems, dict) else problems
    stats_problems = [p for p in problems if p.get("family") == "stats"]
    detector = StatsDetector()
    failures = []
    outputs = {}
    for name, paper in truth["papers"].items():
        if paper.get("broken"):
            continue
        m = ingest_file(args.dir / name)
        result = detector.detect(m)
        outputs[name] = (m, result)
        extracted = {_squash(s["raw"]) for s in result.data["statistics"]} | {_squash(x["raw"]) for x in result.data["means"]}
        for listed in paper.get("statistics") or []:
            raw = listed.get("raw") if isinstance(listed, dict) else listed
            if raw and _squash(raw) not in extracted and not any(_squash(raw) in e or e in _squash(raw) for e in extracted):
                failures.append(f"{name}: statistic not extracted: {raw!r}")
        above_low = [f for f in result.findings if f.severity.rank > 1]
        if paper.get("clean") and above_low:
            failures += [f"{name} (clean): {f.severity.value} {f.kind}: {f.title}" for f in above_low]
        if args.verbose:
            print(f"{name}: {len(result.data['statistics'])} statistics, {len(result.data['means'])} means")
            for f in result.findings:
                print(f"   {f.severity.value:<6} {f.kind:<26} {f.title}")
    for problem in stats_problems:
        m, result = outputs[problem["paper"]]
        wanted = KIND_TO_FINDINGS.get(problem["kind"], (problem["kind"],))
        hits = [f for f in result.findings if f.kind in wanted and problem["raw"].split(",")[0] in m.text[f.locations[0].char_start or 0 : (f.locations[0].char_end or 0) + 5]]
        if problem["kind"] == "p_inconsistent":
            want = "decision_error" if problem.get("decision_error") else "inconsistent_p"
            hits = [f for f in hits if f.kind == want]
        status = "found" if hits else "MISSED"
        print(f"{problem['id']:<20} {problem['paper']:<45} {problem['raw']!r}: {status}")
        if not hits:
            failures.append(f"{problem['id']}: not found")
    print()
    print("\n".join(failures) if failures else "all planted stats problems found; clean papers have no stats finding above low")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
