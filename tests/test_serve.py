"""Unattended operation against one running Prefect server (started once for
this module, like ``integrity server start``): a run killed with -9 and the
run that finishes its work, two runs started at once, and ``integrity serve``
screening a file dropped into the inbox."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.pdf_builder import text_pdf
from tests.source_servers import free_port

TOPICS = ["recall", "attention", "sleep", "memory", "learning", "reading", "vision", "hearing", "speech", "motor", "emotion", "reward"]


@pytest.fixture(scope="module")
def prefect_api(tmp_path_factory):
    from integrity.server import api_url, start_server, wait_until_healthy

    home = tmp_path_factory.mktemp("prefect-server")
    port = free_port()
    process = start_server("127.0.0.1", port, log_file=home / "server.log", extra_env={"PREFECT_HOME": str(home)})
    try:
        wait_until_healthy(api_url("127.0.0.1", port), timeout=240, process=process)
        yield api_url("127.0.0.1", port)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=60)


def _env(api: str, home: Path) -> dict[str, str]:
    env = dict(os.environ, PREFECT_API_URL=api, INTEGRITY_HOME=str(home), PYTHONPATH=str(REPO))
    env.pop("PREFECT_HOME", None)
    env["PREFECT_HOME"] = str(home / "prefect")
    env["PREFECT_RUNNER_POLL_FREQUENCY"] = "1"  # a served flow picks up its scheduled runs within a second
    return env


def _batch(api: str, home: Path, inbox: Path, out: Path) -> subprocess.Popen:
    code = ("import json, sys; from flows.screen_batch import screen_batch; "
            "r = screen_batch(sys.argv[1], sys.argv[2]); print('RESULT ' + json.dumps(r['totals']))")
    return subprocess.Popen([sys.executable, "-c", code, str(inbox), str(out)], env=_env(api, home), cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def _totals(process: subprocess.Popen) -> dict:
    output, _ = process.communicate(timeout=300)
    line = next((l for l in output.splitlines() if l.startswith("RESULT ")), None)
    assert line, output[-3000:]
    return json.loads(line[len("RESULT "):])


def _inbox(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        text_pdf(folder / f"{n:02d}-{TOPICS[n]}.pdf", pages=2, text=f"A study of {TOPICS[n]} in {n + 20} adults. We found t(18) = 2.{n}, p = .0{n + 1}.")
    return folder


def _query(home: Path, sql: str) -> list[tuple]:
    try:
        with sqlite3.connect(home / "integrity.db", timeout=30) as conn:
            return conn.execute(sql).fetchall()
    except sqlite3.OperationalError:
        return []


# A run that started after the last screening and found nothing new.
LATER_EMPTY_RUN = (
    "SELECT 1 FROM ledger_runs WHERE status = 'finished' AND totals LIKE '{\"inputs\": 0,%' "
    "AND started_at > (SELECT max(updated_at) FROM ledger_inputs WHERE status = 'screened')"
)


def _screened_per_manuscript(home: Path) -> dict[str, int]:
    return dict(_query(home, "SELECT manuscript_id, count(*) FROM ledger_inputs WHERE status = 'screened' GROUP BY manuscript_id"))


def test_a_run_killed_mid_way_is_finished_by_the_next(prefect_api, tmp_path: Path):
    home, inbox, out = tmp_path / "home", _inbox(tmp_path / "inbox", 12), tmp_path / "cases"
    victim = _batch(prefect_api, home, inbox, out)
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and not _query(home, "SELECT 1 FROM ledger_inputs WHERE status = 'screened'"):
        assert victim.poll() is None, victim.communicate()[0][-3000:]
        time.sleep(0.05)
    victim.send_signal(signal.SIGKILL)
    victim.wait()
    done_before = len(_screened_per_manuscript(home))
    assert 1 <= done_before < 12, "the run was not killed mid-way"
    for folder in out.iterdir():  # whatever was written is whole
        if (folder / "case.json").exists():
            json.loads((folder / "case.json").read_text())

    totals = _totals(_batch(prefect_api, home, inbox, out))
    assert totals["inputs"] == 12 == totals["screened"] + totals["failed"] + totals["skipped"]
    per_manuscript = _screened_per_manuscript(home)
    assert len(per_manuscript) == 12 and set(per_manuscript.values()) == {1}  # each screened once, none lost
    assert len([p for p in out.iterdir() if p.is_dir()]) == 12
    assert _query(home, "SELECT count(*) FROM documents") == [(12,)]
    assert ("crashed",) in _query(home, "SELECT status FROM ledger_runs")
    assert _query(home, "SELECT count(*) FROM ledger_claims WHERE state != 'done'") == [(0,)]


def test_two_runs_started_at_once_screen_each_manuscript_once(prefect_api, tmp_path: Path):
    home, inbox, out = tmp_path / "home", _inbox(tmp_path / "inbox", 8), tmp_path / "cases"
    first, second = _batch(prefect_api, home, inbox, out), _batch(prefect_api, home, inbox, out)
    totals = [_totals(first), _totals(second)]
    for t in totals:
        assert t["inputs"] == 8 == t["screened"] + t["failed"] + t["skipped"]
    per_manuscript = _screened_per_manuscript(home)
    assert len(per_manuscript) == 8 and set(per_manuscript.values()) == {1}
    assert _query(home, "SELECT count(*) FROM documents") == [(8,)]


def test_serve_screens_files_dropped_into_the_inbox(prefect_api, tmp_path: Path):
    home, inbox, out = tmp_path / "home", tmp_path / "inbox", tmp_path / "cases"
    inbox.mkdir()
    # The server's log goes to a file: an unread pipe fills up after a few
    # runs' worth of logs and then blocks the served process.
    log_path = tmp_path / "serve.log"
    log = log_path.open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "integrity.serve_cli", "serve", str(inbox), "--out", str(out), "--interval", "3", "--name", f"inbox-{tmp_path.name}"],
        env=_env(prefect_api, home), cwd=REPO, stdout=log, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )
    try:
        text_pdf(inbox / "dropped.pdf", pages=1, text="A manuscript that arrived overnight.")
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and not list(out.glob("*-dropped/case.json")):
            assert server.poll() is None, log_path.read_text()[-3000:]
            time.sleep(0.5)
        assert list(out.glob("*-dropped/case.json")), "the served flow did not screen the dropped file:\n" + log_path.read_text()[-3000:]
        screened_at = time.monotonic()
        while time.monotonic() < deadline and not _query(home, LATER_EMPTY_RUN):
            time.sleep(0.5)  # a later scheduled run finds nothing new
        assert time.monotonic() < deadline, "no later run"
        assert set(_screened_per_manuscript(home).values()) == {1}  # screened once, however many runs
        assert time.monotonic() - screened_at < 120
        dashboard = json.loads((out / "run.json").read_text())  # empty runs since do not blank the dashboard
        assert [r["filename"] for r in dashboard["cases"]] == ["dropped.pdf"]
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        log.close()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


@pytest.mark.scaleout
def test_a_batch_fans_out_to_two_workers_and_check_remote_waits_for_its_case(prefect_api, tmp_path: Path):
    """prefect.yaml deployed to a process work pool, two workers, one child flow run per manuscript."""
    home, inbox, out = tmp_path / "home", _inbox(tmp_path / "inbox", 4), tmp_path / "cases"
    env = dict(_env(prefect_api, home), INTEGRITY_PROJECT_DIR=str(REPO), PREFECT_WORKER_QUERY_SECONDS="1", PREFECT_WORKER_PREFETCH_SECONDS="5")
    prefect = [sys.executable, "-m", "prefect"]
    subprocess.run(prefect + ["work-pool", "create", "integrity", "--type", "process", "--overwrite"], env=env, cwd=REPO, check=True, capture_output=True)
    subprocess.run(prefect + ["work-pool", "set-concurrency-limit", "integrity", "4"], env=env, cwd=REPO, check=True, capture_output=True)
    deployed = subprocess.run(prefect + ["--no-prompt", "deploy", "--name", "check-paper"], env=env, cwd=REPO, capture_output=True, text=True)
    assert deployed.returncode == 0, deployed.stdout[-3000:] + deployed.stderr[-3000:]
    worker_logs = [(tmp_path / f"worker-{n}.log").open("w") for n in range(2)]  # files, not pipes nobody reads
    workers = [
        subprocess.Popen(prefect + ["worker", "start", "--pool", "integrity", "--name", f"worker-{n}", "--limit", "2"], env=env, cwd=REPO,
                         stdout=worker_logs[n], stderr=subprocess.STDOUT, text=True, start_new_session=True)
        for n in range(2)
    ]
    try:
        code = ("import json, sys; from flows.screen_batch import screen_batch; "
                "r = screen_batch(sys.argv[1], sys.argv[2], fan_out='check-paper/check-paper'); print('RESULT ' + json.dumps(r['totals']))")
        batch = subprocess.Popen([sys.executable, "-c", code, str(inbox), str(out)], env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        totals = _totals(batch)
        assert totals["inputs"] == 4 == totals["screened"], totals
        assert len([p for p in out.iterdir() if p.is_dir()]) == 4
        assert set(_screened_per_manuscript(home).values()) == {1}

        text_pdf(tmp_path / "now.pdf", pages=1, text="Please check this manuscript now.")
        code = ("import json, sys; from integrity.serve_cli import check_remote_command; from pathlib import Path; "
                "record, folder = check_remote_command(Path(sys.argv[1]), Path(sys.argv[2]), None, False); print('RESULT ' + json.dumps(record['manuscript']))")
        remote = subprocess.run([sys.executable, "-c", code, str(tmp_path / "now.pdf"), str(out)], env=env, cwd=REPO, capture_output=True, text=True, timeout=300)
        line = next((l for l in remote.stdout.splitlines() if l.startswith("RESULT ")), None)
        assert line, remote.stdout[-3000:] + remote.stderr[-3000:]
        assert json.loads(line[7:])["filename"] == "now.pdf"
    finally:
        for worker in workers:
            os.killpg(worker.pid, signal.SIGTERM)
        for worker in workers:
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(worker.pid, signal.SIGKILL)
