"""Pipeline throughput: in-process vs. the Prefect flow on a running local
server vs. fanned out to a local work pool with two process workers; and how
screening time grows with the corpus index (bench only, never run by tests).

    python -m bench.pipeline                       # 200 manuscripts, all modes, corpus 1k and 10k
    python -m bench.pipeline --n 40 --modes inprocess,server --corpus-sizes 1000
    python -m bench.pipeline --modes pool --corpus-sizes "" --prefect-db postgresql+asyncpg://...

Each mode screens the same generated batch (3-page PDFs of random text with a
statistics sentence; every tenth copies a passage from another) into a fresh
store, in its own process; peak memory is that process's maximum RSS (the
largest worker process for the pool mode).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def generate(folder: Path, n: int, seed: int = 7) -> Path:
    import pymupdf

    from bench.text_scale import RandomText

    folder.mkdir(parents=True, exist_ok=True)
    gen = RandomText(seed)
    texts = []
    for i in range(n):
        body = gen.text(900)
        if i % 10 == 9:  # copied passage: real work for the text-overlap detector
            body = texts[i - 5][200:1400] + " " + body
        texts.append(body)
        doc = pymupdf.open()
        words = body.split()
        for page_number in range(3):
            page = doc.new_page()
            chunk = " ".join(words[page_number * 300:(page_number + 1) * 300])
            if page_number == 0:
                chunk = f"Manuscript {i}: a study of {i % 17 + 10} participants.\n" + chunk
            if page_number == 1:
                chunk += f" We found t({i % 30 + 10}) = {2 + i % 7 / 10:.2f}, p = .0{i % 9 + 1}."
            page.insert_textbox(page.rect + (60, 60, -60, -60), chunk, fontsize=10)
        doc.save(folder / f"m{i:04d}.pdf")
    return folder


def run_in_process(inbox: Path, out: Path) -> None:
    """The two passes with the pipeline's plain functions: no Prefect."""
    from integrity.config import load_settings
    from integrity.corpus import Corpus
    from integrity.ingest import list_manuscripts
    from integrity.pipeline import assemble_case, ingest, run_detector, write_case_files
    from integrity.registry import build_detectors

    settings = load_settings(None)
    detectors, corpus = build_detectors(settings), Corpus()
    manuscripts = []
    for path in list_manuscripts(inbox):
        m = ingest(path, settings)
        corpus.add(m)
        manuscripts.append(m)
    for m in manuscripts:
        write_case_files(assemble_case(m, [run_detector(d, m, corpus) for d in detectors], detectors, 0.0), out)


def run_flow(inbox: Path, out: Path, fan_out: str | None) -> None:
    from flows.screen_batch import screen_batch

    totals = screen_batch(str(inbox), str(out), fan_out=fan_out)["totals"]
    assert totals["screened"] == totals["inputs"], totals


def child_main(mode: str, inbox: str, out: str) -> None:
    started = time.perf_counter()
    if mode == "inprocess":
        run_in_process(Path(inbox), Path(out))
    else:
        run_flow(Path(inbox), Path(out), "check-paper/check-paper" if mode == "pool" else None)
    seconds = time.perf_counter() - started
    print("RESULT " + json.dumps({"seconds": seconds, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}), flush=True)


def timed_child(mode: str, inbox: Path, out: Path, env: dict[str, str]) -> dict:
    done = subprocess.run([sys.executable, "-m", "bench.pipeline", "--child", mode, str(inbox), str(out)], env=env, cwd=REPO, capture_output=True, text=True)
    line = next((l for l in done.stdout.splitlines() if l.startswith("RESULT ")), None)
    if not line:
        raise RuntimeError(done.stdout[-3000:] + done.stderr[-3000:])
    result = json.loads(line[7:])
    result["children_peak_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return result


class PrefectStack:
    """A local Prefect server, and (for the pool mode) the work pool, deployment and two workers."""

    def __init__(self, workdir: Path, env: dict[str, str], database: str | None = None):
        from integrity.server import api_url, start_server, wait_until_healthy
        from tests.source_servers import free_port

        port = free_port()
        started = time.perf_counter()
        server_env = {"PREFECT_HOME": str(workdir / "prefect-server")}
        if database:  # e.g. postgresql+asyncpg://prefect:prefect@127.0.0.1/prefect instead of the SQLite default
            server_env["PREFECT_SERVER_DATABASE_CONNECTION_URL"] = database
        self.server = start_server("127.0.0.1", port, log_file=workdir / "server.log", extra_env=server_env)
        wait_until_healthy(api_url("127.0.0.1", port), timeout=300, process=self.server)
        self.startup_seconds = time.perf_counter() - started
        self.api = api_url("127.0.0.1", port)
        self.workers: list[subprocess.Popen] = []

    def start_pool(self, env: dict[str, str]) -> None:
        prefect = [sys.executable, "-m", "prefect"]
        subprocess.run(prefect + ["work-pool", "create", "integrity", "--type", "process", "--overwrite"], env=env, cwd=REPO, check=True, capture_output=True)
        subprocess.run(prefect + ["--no-prompt", "deploy", "--name", "check-paper"], env=env, cwd=REPO, check=True, capture_output=True)
        for n in range(2):
            self.workers.append(subprocess.Popen(prefect + ["worker", "start", "--pool", "integrity", "--name", f"bench-{n}", "--limit", "1"],
                                                 env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True))

    def stop(self) -> None:
        for process in [*self.workers, self.server]:
            os.killpg(process.pid, signal.SIGTERM)
        for process in [*self.workers, self.server]:
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:  # a worker may sit in a long poll: do not let it cost the results
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def corpus_scaling(workdir: Path, sizes: list[int], probe: Path) -> list[dict]:
    """Seed the text index with N reference documents, then screen the probe batch in-process."""
    from bench.text_scale import _insert, _make_batch
    from integrity.corpus import Corpus

    results = []
    for size in sizes:
        home = workdir / f"corpus-{size}"
        env = dict(os.environ, INTEGRITY_HOME=str(home), PYTHONPATH=str(REPO))
        os.environ["INTEGRITY_HOME"] = str(home)
        corpus = Corpus(f"sqlite:///{home / 'integrity.db'}")
        started = time.perf_counter()
        for start in range(0, size, 500):
            meta, prepared = _make_batch((500 + start, start, min(500, size - start), 1500))
            _insert(corpus, meta, prepared)
        seed_seconds = time.perf_counter() - started
        result = timed_child("inprocess", probe, home / "cases", env)
        results.append({"documents": size, "seed_seconds": seed_seconds, **result})
        print(f"corpus {size:>6}: screened {len(list(probe.iterdir()))} in {result['seconds']:.1f} s", flush=True)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--modes", default="inprocess,server,pool")
    parser.add_argument("--corpus-sizes", default="1000,10000")
    parser.add_argument("--probe", type=int, default=20, help="manuscripts screened against each corpus size")
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--prefect-db", default=None, help="database URL of the benchmark's Prefect server (default: SQLite in its PREFECT_HOME)")
    parser.add_argument("--child", nargs=3, metavar=("MODE", "INBOX", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child_main(*args.child)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="bench-pipeline-"))
    inbox = generate(workdir / "inbox", args.n)
    print(f"{args.n} manuscripts generated in {inbox}", flush=True)
    rows, stack = {}, None
    try:
        for mode in [m for m in args.modes.split(",") if m]:
            home = workdir / f"home-{mode}"
            env = dict(os.environ, INTEGRITY_HOME=str(home), PYTHONPATH=str(REPO), INTEGRITY_PROJECT_DIR=str(REPO),
                       PREFECT_WORKER_QUERY_SECONDS="1", PREFECT_HOME=str(home / "prefect"))
            env.pop("PREFECT_API_URL", None)
            if mode in ("server", "pool"):
                stack = stack or PrefectStack(workdir, env, args.prefect_db)
                env["PREFECT_API_URL"] = stack.api
                if mode == "pool":
                    stack.start_pool(env)
            rows[mode] = timed_child(mode, inbox, home / "cases", env)
            r = rows[mode]
            print(f"{mode:>9}: {r['seconds']:.1f} s, {args.n / r['seconds'] * 60:.0f} manuscripts/min, peak {r['peak_mb']:.0f} MB", flush=True)
    finally:
        if stack:
            stack.stop()
    print(f"\n| mode | seconds | manuscripts/min | overhead vs in-process | peak RSS MB (process / largest child) |\n|---|---|---|---|---|")
    base = rows.get("inprocess", {}).get("seconds")
    for mode, r in rows.items():
        ratio = f"{r['seconds'] / base:.2f}x" if base else "-"
        print(f"| {mode} | {r['seconds']:.1f} | {args.n / r['seconds'] * 60:.0f} | {ratio} | {r['peak_mb']:.0f} / {r['children_peak_mb']:.0f} |")
    if stack:
        print(f"\nPrefect server start-up: {stack.startup_seconds:.1f} s (not counted above)")
    sizes = [int(s) for s in args.corpus_sizes.split(",") if s]
    if sizes:
        probe = workdir / "probe"
        probe.mkdir(exist_ok=True)
        for path in sorted(inbox.iterdir())[: args.probe]:
            shutil.copy(path, probe / path.name)
        print(f"\n| corpus documents | seeding s | screening {args.probe} manuscripts, s | per manuscript, s |\n|---|---|---|---|")
        for r in corpus_scaling(workdir, sizes, probe):
            print(f"| {r['documents']:,} | {r['seed_seconds']:.0f} | {r['seconds']:.1f} | {r['seconds'] / args.probe:.2f} |")


if __name__ == "__main__":
    main()
