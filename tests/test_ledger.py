"""The run ledger on SQLite and PostgreSQL: atomic claims, take-over of a dead
run's claims, totals that add up."""

from __future__ import annotations

import subprocess
from pathlib import Path
import sys
import threading
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import update

from tests.store_fixtures import store_url  # noqa: F401  (fixture)


def _ledger(url, run_id, **kw):
    from integrity.store import get_engine
    from integrity.ledger import Ledger

    return Ledger(get_engine(url), run_id=run_id, **kw)


def test_concurrent_runs_never_claim_the_same_manuscript(store_url):
    ledgers = [_ledger(store_url, f"run-{n}") for n in range(6)]
    won: dict[str, list[str]] = {}
    lock = threading.Lock()
    barrier = threading.Barrier(len(ledgers))

    def worker(ledger):
        barrier.wait()
        for m in range(15):
            claim = ledger.claim(f"m{m:02d}", "fp", "/cases")
            if claim.state == "claimed":
                with lock:
                    won.setdefault(f"m{m:02d}", []).append(ledger.run_id)
            else:
                assert claim.state == "busy"

    threads = [threading.Thread(target=worker, args=(ledger,)) for ledger in ledgers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(won) == [f"m{m:02d}" for m in range(15)]
    assert all(len(runs) == 1 for runs in won.values()), won


def test_done_is_reported_and_force_takes_over(store_url):
    first, second = _ledger(store_url, "first"), _ledger(store_url, "second")
    assert first.claim("m", "fp", "/cases").state == "claimed"
    first.complete("m", "fp", "/cases", "screened", "abc-folder")
    again = second.claim("m", "fp", "/cases")
    assert (again.state, again.run_id, again.case_folder) == ("done", "first", "abc-folder")
    assert second.claim("m", "fp", "/cases", force=True).state == "claimed"
    assert second.claim("m", "other-settings", "/cases").state == "claimed"  # other settings: another screening


def test_a_dead_runs_claim_is_taken_over_and_its_run_marked_crashed(store_url):
    from integrity.ledger import claims

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True)
    dead_pid = int(dead.stdout)
    crashed = _ledger(store_url, "crashed")
    crashed.start_run("inbox", "/cases", "fp")
    crashed.claim("m", "fp", "/cases")
    crashed.record_input(0, "a.pdf", "inbox/a.pdf", "m")
    with crashed.engine.begin() as conn:  # as if the claiming process had been killed with -9
        conn.execute(update(claims).values(pid=dead_pid))
        from integrity.ledger import runs

        conn.execute(update(runs).values(pid=dead_pid))
    successor = _ledger(store_url, "successor")
    assert successor.mark_dead_runs() == 1
    claim = successor.claim("m", "fp", "/cases")
    assert (claim.state, claim.resumed_from) == ("claimed", "crashed")
    assert crashed.totals() == {"inputs": 1, "screened": 0, "failed": 0, "skipped": 0, "pending": 1}


def test_a_claim_without_heartbeat_expires_on_another_host(store_url):
    from integrity.ledger import claims

    holder = _ledger(store_url, "holder")
    holder.claim("m", "fp", "/cases")
    with holder.engine.begin() as conn:
        conn.execute(update(claims).values(host="elsewhere", heartbeat_at=datetime.now(timezone.utc) - timedelta(hours=3)))
    assert _ledger(store_url, "fresh", lease_seconds=7200).claim("m", "fp", "/cases").state == "claimed"
    holder2 = _ledger(store_url, "holder2")
    holder2.claim("n", "fp", "/cases")
    with holder2.engine.begin() as conn:
        conn.execute(update(claims).where(claims.c.manuscript_id == "n").values(host="elsewhere"))
    assert _ledger(store_url, "fresh2").claim("n", "fp", "/cases").state == "busy"  # alive elsewhere


def test_every_input_is_settled_and_totals_add_up(store_url):
    ledger = _ledger(store_url, "run")
    ledger.start_run("inbox", "/cases", "fp")
    for position, status in enumerate(["screened", "failed", "skipped", "screened"]):
        ledger.record_input(position, f"{position}.pdf", f"inbox/{position}.pdf", f"m{position}")
        ledger.settle_input(position, status, None if status == "screened" else "why")
    totals = ledger.finish_run()
    assert totals == {"inputs": 4, "screened": 2, "failed": 1, "skipped": 1, "pending": 0}
    assert [r["reason"] for r in ledger.input_rows()] == [None, "why", "why", None]


def test_the_inbox_remembers_what_it_handed_out(store_url):
    ledger = _ledger(store_url, "run")
    ledger.remember_mark("folder:/inbox", "/inbox/a.pdf", "10:1", "m")
    ledger.remember_mark("folder:/inbox", "/inbox/a.pdf", "11:2", "m2")
    assert ledger.known_marks("folder:/inbox") == {"/inbox/a.pdf": ("11:2", "m2")}


def test_the_same_bytes_under_a_new_name_later_are_not_screened_again(store_url, tmp_path, paper_pdf):
    import shutil

    from integrity.casefiles import case_to_dict
    from integrity.config import Settings
    from integrity.pipeline import screen_one
    from integrity.registry import build_detectors
    from integrity.runs import BatchRun
    from integrity.sources import Item

    detectors = build_detectors(Settings(enabled_detectors=["completeness"]))
    from integrity.pipeline import screening_fingerprint

    out, fingerprint = tmp_path / "cases", screening_fingerprint(detectors)
    first = BatchRun("folder:x", str(out), fingerprint, ledger=_ledger(store_url, "first"))
    first.start("x")
    pending = first.admit(0, Item("paper.pdf", str(paper_pdf)), paper_pdf)
    case, folder = screen_one(paper_pdf, detectors, Settings(), out)
    first.screened(pending, case_to_dict(case), folder.name, 0.0)

    renamed = shutil.copy(paper_pdf, tmp_path / "renamed.pdf")
    second = BatchRun("folder:x", str(out), fingerprint, ledger=_ledger(store_url, "second"))
    second.start("x")
    assert second.admit(0, Item("renamed.pdf", str(renamed)), Path(renamed)) is None
    row = second.rows[0]
    assert row["reused"] and row["folder"] == folder.name and row["filename"] == "renamed.pdf"
    assert second.ledger.finish_run() == {"inputs": 1, "screened": 0, "failed": 0, "skipped": 1, "pending": 0}


@pytest.mark.parametrize("claim_completed", [False, True], ids=["killed-before-claim-done", "killed-after-claim-done"])
def test_a_case_written_just_before_a_crash_is_settled_for_the_dead_run(store_url, tmp_path, paper_pdf, claim_completed):
    """Killed between writing the case and settling its input: the next run finds
    the whole case, screens nothing again, and settles the input on the dead run's behalf."""
    from integrity.casefiles import case_folder_name
    from integrity.config import Settings
    from integrity.ledger import claims, inputs, runs
    from integrity.pipeline import screen_one, screening_fingerprint
    from integrity.registry import build_detectors
    from integrity.runs import BatchRun
    from integrity.sources import Item

    detectors = build_detectors(Settings(enabled_detectors=["completeness"]))
    out, fingerprint = tmp_path / "cases", screening_fingerprint(detectors)
    victim = BatchRun("folder:x", str(out), fingerprint, ledger=_ledger(store_url, "victim"))
    victim.start("x")
    pending = victim.admit(0, Item("paper.pdf", str(paper_pdf)), paper_pdf)
    _, folder = screen_one(paper_pdf, detectors, Settings(), out)  # the case is written; then kill -9
    if claim_completed:
        victim.ledger.complete(pending.manuscript_id, fingerprint, victim.target, "screened", folder.name)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True)
    with victim.ledger.engine.begin() as conn:
        conn.execute(update(claims).values(pid=int(dead.stdout)))
        conn.execute(update(runs).values(pid=int(dead.stdout)))

    successor = BatchRun("folder:x", str(out), fingerprint, ledger=_ledger(store_url, "successor"))
    successor.start("x")
    assert successor.admit(0, Item("paper.pdf", str(paper_pdf)), paper_pdf) is None  # not screened again
    assert successor.rows[0]["reused"] and folder.name == case_folder_name(pending.manuscript_id, "paper.pdf")
    assert successor.ledger.finish_run()["skipped"] == 1
    assert victim.ledger.totals() == {"inputs": 1, "screened": 1, "failed": 0, "skipped": 0, "pending": 0}
    with victim.ledger.engine.connect() as conn:
        row = conn.execute(inputs.select().where(inputs.c.run_id == "victim")).mappings().one()
    assert row["case_folder"] == folder.name and "Settled by run successor" in row["reason"]
