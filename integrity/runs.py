"""Book-keeping of one batch run: which inputs to screen, and one summary row
per input, kept in step with the run ledger.

The ``screen-batch`` flow asks :meth:`BatchRun.admit` about every input before
reading it: a second copy of bytes already in this batch is skipped; a
manuscript screened before with the same settings keeps its case (unless
forced); one that another live run is screening right now is skipped; all
others are claimed for this run. Every input ends as a summary row and a
ledger entry with the same status: screened, failed (with the reason) or
skipped (with the reason).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from integrity import __version__, pipeline
from integrity.casefiles import case_folder_name
from integrity.ingest import file_id
from integrity.ledger import Ledger
from integrity.sources import Item


@dataclass
class Pending:
    """An input claimed by this run, between the two passes."""

    position: int
    item: Item
    path: Path
    manuscript_id: str
    cache_key: str = ""
    ingest_seconds: float = 0.0


@dataclass
class BatchRun:
    source_key: str
    out_dir: str
    fingerprint: str
    force: bool = False
    ledger: Ledger = field(default_factory=Ledger)
    rows: dict[int, dict[str, Any]] = field(default_factory=dict)
    marks: dict[int, tuple[Item, str]] = field(default_factory=dict)
    first_seen: dict[str, str] = field(default_factory=dict)
    started_at: str = field(default_factory=lambda: datetime.now(timezone.utc).isoformat(timespec="seconds"))

    def __post_init__(self) -> None:
        self.target = _target(self.out_dir)

    @property
    def run_id(self) -> str:
        return self.ledger.run_id

    def start(self, source: str, flow_run_id: str | None = None) -> None:
        self.ledger.mark_dead_runs()
        self.ledger.start_run(source, self.out_dir, self.fingerprint, flow_run_id)

    def new_items(self, items: list[Item]) -> list[Item]:
        """Items not handed out before with the same change mark (the folder inbox's 'new since last run')."""
        known = self.ledger.known_marks(self.source_key)
        return [i for i in items if not (i.mark and known.get(i.uri, (None,))[0] == i.mark)]

    def fetch_failed(self, position: int, item: Item, reason: str) -> None:
        self.ledger.record_input(position, item.name, item.uri, None, "failed", reason)
        self.rows[position] = failed_row(item.name, reason)

    def admit(self, position: int, item: Item, path: Path) -> Pending | None:
        """Claim the input for this run (returns it), or settle it here (returns None)."""
        manuscript_id = _file_id(path)
        self.ledger.record_input(position, item.name, item.uri, manuscript_id)
        if manuscript_id is None:  # unreadable: the ingest step says why
            return Pending(position, item, path, "")
        if manuscript_id in self.first_seen:
            return self._skip(position, pipeline.skipped_row(item.name, manuscript_id, f"Same bytes as {self.first_seen[manuscript_id]}; screened once under that name."))
        self.first_seen[manuscript_id] = item.name
        self.marks[position] = (item, manuscript_id)
        claim = self.ledger.claim(manuscript_id, self.fingerprint, self.target, force=self.force)
        if claim.state == "busy":
            return self._skip(position, pipeline.skipped_row(item.name, manuscript_id, f"Being screened by run {claim.run_id} at this moment."))
        folder = (claim.case_folder if claim.state == "done" else None) or case_folder_name(manuscript_id, item.name)
        earlier = None if self.force else pipeline.previous_case(self.out_dir, manuscript_id, item.name, self.fingerprint, folder)
        if earlier is None and claim.state == "done":  # screened, but the case files are gone: screen again
            claim = self.ledger.claim(manuscript_id, self.fingerprint, self.target, force=True)
            if claim.state == "busy":
                return self._skip(position, pipeline.skipped_row(item.name, manuscript_id, f"Being screened by run {claim.run_id} at this moment."))
        if earlier is not None:
            if claim.state == "claimed":  # a case the ledger does not know as done: record it as done
                self.ledger.complete(manuscript_id, self.fingerprint, self.target, pipeline.case_status(earlier), folder)
            writer = claim.resumed_from if claim.state == "claimed" else claim.run_id
            if writer and writer != self.run_id:  # that run may have been killed before it settled its input
                self.ledger.settle_dead_run_input(writer, manuscript_id, pipeline.case_status(earlier), folder)
            row = pipeline.case_row(earlier, pipeline.case_status(earlier), folder, 0.0, filename=item.name)
            row["reused"] = True  # same bytes, same settings: the case on disk stands
            self.rows[position] = row
            self.ledger.settle_input(position, "skipped", "Already screened with the same settings; the earlier case stands.", folder)
            self._remember(position)
            return None
        return Pending(position, item, path, manuscript_id)

    def screened(self, pending: Pending, record: dict[str, Any], folder: str, seconds: float) -> dict[str, Any]:
        status = pipeline.case_status(record)
        row = self.rows[pending.position] = pipeline.case_row(record, status, folder, seconds, filename=pending.item.name)
        manuscript_id = record["manuscript"]["id"]
        self.ledger.complete(manuscript_id, self.fingerprint, self.target, status, folder)
        reason = "; ".join(e["message"] for e in record["errors"] if e.get("stage") == "ingest") or None
        self.ledger.settle_input(pending.position, status, reason, folder)
        self._remember(pending.position)
        return row

    def gave_up(self, pending: Pending, reason: str) -> dict[str, Any]:
        """Processing this input broke down (not the manuscript's fault): give the claim back."""
        if pending.manuscript_id:
            self.ledger.release(pending.manuscript_id, self.fingerprint, self.target)
        row = self.rows[pending.position] = failed_row(pending.item.name, reason, pending.manuscript_id)
        self.ledger.settle_input(pending.position, "failed", reason)
        return row

    def summary(self, source: str, detectors: list[str]) -> dict[str, Any]:
        ordered = [self.rows[p] for p in sorted(self.rows)]
        return {
            "run_id": self.run_id,
            "started_at": self.started_at,
            "finished_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "source": source,
            "out_dir": self.out_dir,
            "tool_version": __version__,
            "detectors": detectors,
            "totals": pipeline.run_totals(ordered),
            "ledger": self.ledger.finish_run(),
            "cases": ordered,
        }

    def _skip(self, position: int, row: dict[str, Any]) -> None:
        self.rows[position] = row
        self.ledger.settle_input(position, "skipped", row["warnings"][0]["message"])
        return None

    def _remember(self, position: int) -> None:
        if position in self.marks:
            item, manuscript_id = self.marks[position]
            if item.mark:
                self.ledger.remember_mark(self.source_key, item.uri, item.mark, manuscript_id)


def inbox_dashboard(summary: dict[str, Any], out_dir: str) -> dict[str, Any] | None:
    """What the dashboard of a scheduled inbox shows: every case so far, newest rows
    winning; None when this run had no input (the dashboard stays as it was)."""
    import json

    from integrity.storage import read_text

    if not summary["cases"]:
        return None
    try:
        earlier = json.loads(read_text(out_dir, "run.json")).get("cases", [])
    except (OSError, ValueError):
        earlier = []
    key = lambda row: (row["filename"], row["id"])  # noqa: E731
    merged = {key(r): r for r in earlier}
    merged.update({key(r): r for r in summary["cases"]})
    rows = list(merged.values())
    return {**summary, "cases": rows, "totals": pipeline.run_totals(rows), "run_totals": summary["totals"]}


def failed_row(filename: str, reason: str, manuscript_id: str | None = None) -> dict[str, Any]:
    """The summary row of an input that could not be fetched or processed."""
    row = pipeline.skipped_row(filename, manuscript_id or "", reason)
    row.update(status="failed", warnings=[], errors=[{"code": "not_processed", "message": reason, "stage": "batch"}])
    return row


def _file_id(path: Path) -> str | None:
    try:
        return file_id(path.read_bytes())
    except OSError:
        return None


def _target(out_dir: str) -> str:
    return out_dir if "://" in out_dir else str(Path(out_dir).resolve())
