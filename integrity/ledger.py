"""The run ledger: every input of every run, and who screens what.

Three tables in the project's store:

- ``ledger_runs``: one row per run (source, output, settings fingerprint,
  who runs it, when it started and finished, the totals);
- ``ledger_inputs``: one row per input of a run, ending ``screened``,
  ``failed`` (with the reason) or ``skipped`` (with the reason);
- ``ledger_claims``: one row per (manuscript id, settings fingerprint, case
  store). A run *claims* a manuscript before reading it and marks the claim
  ``done`` once its case is written. The primary key makes a claim atomic on
  SQLite and PostgreSQL alike, so two runs started at once never screen the
  same manuscript twice; a claim whose holder died (``kill -9``: same host
  and the process is gone, or no heartbeat for ``lease_seconds``) is taken
  over by the next run, which finishes what was left.
"""

from __future__ import annotations

import json
import os
import socket
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from sqlalchemy import (
    Column, DateTime, Engine, ForeignKey, Index, Integer, String, Table, Text, UniqueConstraint, and_, exc, insert, select, update,
)

from integrity.store import metadata

LEASE_SECONDS = float(os.environ.get("INTEGRITY_CLAIM_LEASE_SECONDS", 2 * 3600))
FINAL = ("screened", "failed", "skipped")

runs = Table(
    "ledger_runs", metadata,
    Column("run_id", String(64), primary_key=True),
    Column("source", Text, nullable=False),
    Column("out_dir", Text, nullable=False),
    Column("fingerprint", String(32), nullable=False),
    Column("host", String(255), nullable=False),
    Column("pid", Integer, nullable=False),
    Column("flow_run_id", String(64), nullable=True),
    Column("status", String(16), nullable=False),  # running | finished
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True), nullable=True),
    Column("totals", Text, nullable=True),  # JSON
)

inputs = Table(
    "ledger_inputs", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("run_id", String(64), ForeignKey("ledger_runs.run_id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("uri", Text, nullable=False),
    Column("manuscript_id", String(64), nullable=True),
    Column("status", String(16), nullable=False),  # pending | screened | failed | skipped
    Column("reason", Text, nullable=True),
    Column("case_folder", Text, nullable=True),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("run_id", "position", name="uq_ledger_inputs_run_position"),
    Index("ix_ledger_inputs_manuscript", "manuscript_id"),
)

claims = Table(
    "ledger_claims", metadata,
    Column("manuscript_id", String(64), primary_key=True),
    Column("fingerprint", String(32), primary_key=True),
    Column("target", String(512), primary_key=True),  # the case store (out_dir) the case goes to
    Column("state", String(16), nullable=False),  # claimed | done
    Column("run_id", String(64), nullable=False),
    Column("host", String(255), nullable=False),
    Column("pid", Integer, nullable=False),
    Column("heartbeat_at", DateTime(timezone=True), nullable=False),
    Column("outcome", String(16), nullable=True),  # screened | failed, once done
    Column("case_folder", Text, nullable=True),
)

# The folder inbox's memory of files it has handed out: (size, mtime) -> content hash.
source_marks = Table(
    "ledger_source_marks", metadata,
    Column("source", String(512), primary_key=True),
    Column("item", String(1024), primary_key=True),
    Column("mark", String(128), nullable=False),
    Column("manuscript_id", String(64), nullable=False),
    Column("seen_at", DateTime(timezone=True), nullable=False),
)


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)  # SQLite drops the zone


def process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@dataclass
class Claim:
    """The answer to :meth:`Ledger.claim`: ``claimed`` (go ahead, ``resumed`` if taken
    over from a dead run), ``done`` (screened before) or ``busy`` (another live run has it)."""

    state: str
    run_id: str
    resumed_from: str | None = None
    outcome: str | None = None
    case_folder: str | None = None


class Ledger:
    """The ledger of one run (``run_id``) over the project's store."""

    def __init__(self, engine: Engine | None = None, run_id: str | None = None, lease_seconds: float = LEASE_SECONDS):
        if engine is None:
            from integrity.store import get_engine

            engine = get_engine()
        self.engine = engine
        self.run_id = run_id or uuid.uuid4().hex
        self.lease = timedelta(seconds=lease_seconds)
        self.host, self.pid = socket.gethostname(), os.getpid()

    # -- runs ---------------------------------------------------------------

    def start_run(self, source: str, out_dir: str, fingerprint: str, flow_run_id: str | None = None) -> str:
        with self.engine.begin() as conn:
            conn.execute(insert(runs).values(
                run_id=self.run_id, source=source, out_dir=out_dir, fingerprint=fingerprint, host=self.host, pid=self.pid,
                flow_run_id=flow_run_id, status="running", started_at=_now(),
            ))
        return self.run_id

    def finish_run(self) -> dict[str, int]:
        totals = self.totals()
        with self.engine.begin() as conn:
            conn.execute(update(runs).where(runs.c.run_id == self.run_id).values(status="finished", finished_at=_now(), totals=json.dumps(totals)))
        return totals

    def mark_dead_runs(self) -> int:
        """Runs of this host whose process is gone are marked ``crashed`` (their claims get taken over)."""
        with self.engine.begin() as conn:
            rows = conn.execute(select(runs.c.run_id, runs.c.pid).where(and_(runs.c.status == "running", runs.c.host == self.host))).all()
            dead = [run_id for run_id, pid in rows if not process_alive(pid)]
            if dead:
                conn.execute(update(runs).where(runs.c.run_id.in_(dead)).values(status="crashed"))
        return len(dead)

    def totals(self, run_id: str | None = None) -> dict[str, int]:
        """Counts by final status; ``inputs`` = screened + failed + skipped (+ pending, if the run died)."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(inputs.c.status).where(inputs.c.run_id == (run_id or self.run_id))).scalars().all()
        counts = {status: rows.count(status) for status in (*FINAL, "pending")}
        return {"inputs": len(rows), **counts}

    def input_rows(self, run_id: str | None = None) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            result = conn.execute(select(inputs).where(inputs.c.run_id == (run_id or self.run_id)).order_by(inputs.c.position))
            return [dict(r) for r in result.mappings()]

    # -- inputs -------------------------------------------------------------

    def record_input(self, position: int, name: str, uri: str, manuscript_id: str | None, status: str = "pending", reason: str | None = None) -> None:
        with self.engine.begin() as conn:
            conn.execute(insert(inputs).values(
                run_id=self.run_id, position=position, name=name, uri=uri, manuscript_id=manuscript_id, status=status, reason=reason, updated_at=_now(),
            ))

    def settle_input(self, position: int, status: str, reason: str | None = None, case_folder: str | None = None) -> None:
        assert status in FINAL, status
        with self.engine.begin() as conn:
            conn.execute(update(inputs).where(and_(inputs.c.run_id == self.run_id, inputs.c.position == position)).values(
                status=status, reason=reason, case_folder=case_folder, updated_at=_now(),
            ))

    def settle_dead_run_input(self, dead_run_id: str, manuscript_id: str, status: str, case_folder: str | None) -> int:
        """A run died after writing a manuscript's case but before settling its input:
        settle that input now, on the dead run's behalf (its work is whole). Only a
        still-pending input changes. Returns rows settled."""
        assert status in FINAL, status
        with self.engine.begin() as conn:
            return conn.execute(update(inputs).where(and_(
                inputs.c.run_id == dead_run_id, inputs.c.manuscript_id == manuscript_id, inputs.c.status == "pending",
            )).values(status=status, reason=f"Settled by run {self.run_id}: the case was written before this run died.", case_folder=case_folder, updated_at=_now())).rowcount

    # -- claims -------------------------------------------------------------

    def claim(self, manuscript_id: str, fingerprint: str, target: str, force: bool = False) -> Claim:
        """Claim a manuscript for this run; atomic across processes and machines."""
        key = and_(claims.c.manuscript_id == manuscript_id, claims.c.fingerprint == fingerprint, claims.c.target == target)
        for _attempt in range(5):
            try:
                with self.engine.begin() as conn:
                    conn.execute(insert(claims).values(
                        manuscript_id=manuscript_id, fingerprint=fingerprint, target=target, state="claimed",
                        run_id=self.run_id, host=self.host, pid=self.pid, heartbeat_at=_now(),
                    ))
                return Claim("claimed", self.run_id)
            except exc.IntegrityError:
                pass
            with self.engine.connect() as conn:
                row = conn.execute(select(claims).where(key)).mappings().first()
            if row is None:
                continue  # released meanwhile: try the insert again
            if row["run_id"] == self.run_id:
                return Claim("claimed", self.run_id)
            if row["state"] == "done" and not force:
                return Claim("done", row["run_id"], outcome=row["outcome"], case_folder=row["case_folder"])
            if row["state"] == "claimed" and not self._stale(row):
                return Claim("busy", row["run_id"])
            # Compare-and-swap: only one of several runs taking over wins.
            with self.engine.begin() as conn:
                taken = conn.execute(update(claims).where(and_(key, claims.c.run_id == row["run_id"], claims.c.state == row["state"])).values(
                    state="claimed", run_id=self.run_id, host=self.host, pid=self.pid, heartbeat_at=_now(), outcome=None,
                )).rowcount
            if taken == 1:
                return Claim("claimed", self.run_id, resumed_from=row["run_id"] if row["state"] == "claimed" else None)
        raise RuntimeError(f"could not claim {manuscript_id[:12]}: the ledger keeps changing under this run")

    def _stale(self, row: Any) -> bool:
        if row["host"] == self.host and not process_alive(row["pid"]):
            return True
        return _now() - _aware(row["heartbeat_at"]) > self.lease

    def heartbeat(self, manuscript_id: str, fingerprint: str, target: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(claims).where(self._mine(manuscript_id, fingerprint, target)).values(heartbeat_at=_now()))

    def heartbeat_all(self) -> None:
        """Keep every claim of this run alive (while workers elsewhere screen them)."""
        with self.engine.begin() as conn:
            conn.execute(update(claims).where(and_(claims.c.run_id == self.run_id, claims.c.state == "claimed")).values(heartbeat_at=_now()))

    def complete(self, manuscript_id: str, fingerprint: str, target: str, outcome: str, case_folder: str | None) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(claims).where(self._mine(manuscript_id, fingerprint, target)).values(
                state="done", outcome=outcome, case_folder=case_folder, heartbeat_at=_now(),
            ))

    def release(self, manuscript_id: str, fingerprint: str, target: str) -> None:
        """Give a claim back (this run could not finish it); the next run takes it."""
        from sqlalchemy import delete

        with self.engine.begin() as conn:
            conn.execute(delete(claims).where(and_(self._mine(manuscript_id, fingerprint, target), claims.c.state == "claimed")))

    def _mine(self, manuscript_id: str, fingerprint: str, target: str):
        return and_(
            claims.c.manuscript_id == manuscript_id, claims.c.fingerprint == fingerprint, claims.c.target == target, claims.c.run_id == self.run_id,
        )

    # -- the folder inbox's memory ----------------------------------------------

    def known_marks(self, source: str) -> dict[str, tuple[str, str]]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(source_marks.c.item, source_marks.c.mark, source_marks.c.manuscript_id).where(source_marks.c.source == source))
            return {item: (mark, mid) for item, mark, mid in rows}

    def remember_mark(self, source: str, item: str, mark: str, manuscript_id: str) -> None:
        with self.engine.begin() as conn:
            changed = conn.execute(update(source_marks).where(and_(source_marks.c.source == source, source_marks.c.item == item)).values(
                mark=mark, manuscript_id=manuscript_id, seen_at=_now(),
            )).rowcount
            if not changed:
                try:
                    with conn.begin_nested():
                        conn.execute(insert(source_marks).values(source=source, item=item, mark=mark, manuscript_id=manuscript_id, seen_at=_now()))
                except exc.IntegrityError:
                    pass  # another run remembered it at the same moment

