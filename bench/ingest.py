"""Ingestion benchmark: pages per second of the project's ingestion against raw
PyMuPDF ``page.get_text()`` on the same files, peak memory, and the on-demand
check target (``integrity check`` vs a bare PyMuPDF script, as processes).

    python bench/ingest.py [--repeat 3] [FILES...]   (default: sample_papers/*.pdf)
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

MODES = {
    "raw-text": "page.get_text() per page",
    "raw-text+images": "get_text() and every embedded image extracted",
    "ingest": "integrity ingest_file (text map, sections, figures, tables)",
}


def run_mode(mode: str, files: list[str], repeat: int) -> dict:
    """Runs in a child process so that peak memory is this mode's own."""
    import pymupdf

    sys.path.insert(0, str(REPO))
    from integrity.ingest import ingest_file

    pages = 0
    started = time.perf_counter()
    for _ in range(repeat):
        for name in files:
            if mode == "ingest":
                pages += min(ingest_file(name).pages, 300)
                continue
            doc = pymupdf.open(name)
            for page in doc:
                page.get_text()
                if mode == "raw-text+images":
                    for img in page.get_images():
                        doc.extract_image(img[0])
                pages += 1
            doc.close()
    seconds = time.perf_counter() - started
    return {"mode": mode, "pages": pages, "seconds": seconds, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def time_command(cmd: list[str], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=REPO)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


BARE_SCRIPT = (
    "import pymupdf,sys\n"
    "d=pymupdf.open(sys.argv[1])\n"
    "t=[p.get_text() for p in d]\n"
    "imgs=[d.extract_image(i[0]) for p in d for i in p.get_images()]\n"
)


def check_speed(paper: Path) -> tuple[float, float]:
    """(bare PyMuPDF script seconds, integrity check seconds), medians of 3, as whole processes."""
    bare = time_command([sys.executable, "-c", BARE_SCRIPT, str(paper)])
    integrity = shutil.which("integrity") or str(Path(sys.executable).parent / "integrity")
    with tempfile.TemporaryDirectory() as home:
        cmd = ["env", f"INTEGRITY_HOME={home}", integrity, "check", str(paper), "--out", f"{home}/cases", "--no-index"]
        check = time_command(cmd)
    return bare, check


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    files = args.files or [str(p) for p in sorted((REPO / "sample_papers").glob("[0-9]*.pdf"))]
    if args.child:
        print(json.dumps(run_mode(args.child, files, args.repeat)))
        return
    results = {}
    for mode in MODES:
        out = subprocess.run([sys.executable, __file__, "--child", mode, "--repeat", str(args.repeat), *files], capture_output=True, text=True, check=True)
        results[mode] = json.loads(out.stdout)
    base = results["raw-text"]["pages"] / results["raw-text"]["seconds"]
    print(f"Ingestion benchmark: {len(files)} file(s) x {args.repeat}, {results['raw-text']['pages']} pages per mode\n")
    print(f"{'mode':<18}{'pages/s':>10}{'vs raw text':>13}{'peak MB':>10}  what")
    for mode, r in results.items():
        rate = r["pages"] / r["seconds"]
        print(f"{mode:<18}{rate:>10.1f}{rate / base:>12.2f}x{r['peak_mb']:>10.0f}  {MODES[mode]}")
    longest = max(files, key=lambda f: __import__("pymupdf").open(f).page_count)
    bare, check = check_speed(Path(longest))
    print(f"\nOn-demand check of {Path(longest).name} (whole processes, median of 3):")
    print(f"  bare PyMuPDF script (open, text, images): {bare:.2f} s")
    print(f"  integrity check --no-index:               {check:.2f} s  ({check / bare:.2f}x; target < 3x)")


if __name__ == "__main__":
    main()
