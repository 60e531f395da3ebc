"""The audit trail: append-only, each entry chained to the one before by a hash.

Entry ``n`` stores ``prev_hash`` (entry ``n-1``'s hash; 64 zeros for the first)
and ``hash = sha256(prev_hash + canonical JSON of the entry)``, where the entry
is ``{seq, at, actor, action, case_id, finding_key, detail}``. Changing,
removing or reordering any entry breaks every hash after it, which
:func:`verify_audit_chain` reports. The application has no route that updates
or deletes an entry, and the database itself refuses to (triggers created by
``store.ensure_schema``); the chain catches what happens behind both, e.g. an
edit made with a database shell after dropping the triggers. Removing the
*newest* entries leaves a valid shorter chain: compare ``chain_head`` with a
head recorded elsewhere (every export prints it) to catch that.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlalchemy import Connection, Engine, func, insert, select

from integrity.review.keys import canonical_json
from integrity.review.store import audit_log, now_iso, transact

GENESIS_HASH = "0" * 64

ACTIONS = {
    "case_imported", "case_rescreened", "case_viewed", "page_viewed", "finding_decided", "status_changed",
    "assignee_changed", "note_added", "second_opinion_requested", "second_opinion_recorded", "case_exported",
    "suppression_created", "suppression_revoked", "suppression_applied", "check_uploaded", "check_failed",
    "login", "login_failed", "logout", "audit_verified",
}


def entry_hash(prev_hash: str, entry: dict[str, Any]) -> str:
    return hashlib.sha256((prev_hash + canonical_json(entry)).encode("utf-8")).hexdigest()


def _entry(row: Any) -> dict[str, Any]:
    """The hashed part of a stored row."""
    try:
        detail = json.loads(row["detail"] or "{}")
    except ValueError:  # a hand-edited detail that is not even JSON still gets a (wrong) hash
        detail = {"unparseable": row["detail"]}
    return {"seq": row["seq"], "at": row["at"], "actor": row["actor"], "action": row["action"],
            "case_id": row["case_id"], "finding_key": row["finding_key"], "detail": detail}


def append(conn: Connection, actor: str, action: str, case_id: str | None = None,
           finding_key: str | None = None, detail: dict[str, Any] | None = None) -> dict[str, Any]:
    """Add one entry inside the caller's transaction; returns it with its hashes.

    Two writers that read the same head both try to store the same
    ``prev_hash``; its unique constraint lets one win and ``store.transact``
    retries the other, so the chain stays a single line.
    """
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    last = conn.execute(select(audit_log.c.seq, audit_log.c.hash).order_by(audit_log.c.seq.desc()).limit(1)).first()
    seq, prev_hash = (last.seq + 1, last.hash) if last else (1, GENESIS_HASH)
    entry = {"seq": seq, "at": now_iso(), "actor": actor, "action": action, "case_id": case_id,
             "finding_key": finding_key, "detail": json.loads(canonical_json(detail or {}))}
    digest = entry_hash(prev_hash, entry)
    conn.execute(insert(audit_log).values(
        seq=seq, at=entry["at"], actor=actor, action=action, case_id=case_id, finding_key=finding_key,
        detail=canonical_json(entry["detail"]), prev_hash=prev_hash, hash=digest))
    return {**entry, "prev_hash": prev_hash, "hash": digest}


def record(engine: Engine, actor: str, action: str, case_id: str | None = None,
           finding_key: str | None = None, detail: dict[str, Any] | None = None) -> dict[str, Any]:
    """Add one entry in its own transaction."""
    return transact(engine, lambda conn: append(conn, actor, action, case_id, finding_key, detail))


def verify_audit_chain(engine: Engine) -> tuple[bool, dict[str, Any] | None]:
    """Recompute the chain from the first entry: ``(True, None)`` or ``(False, first bad entry)``.

    The bad entry is the first whose sequence number, ``prev_hash`` or
    ``hash`` does not follow from the entries before it (the edited row, or
    the one after a removed row), returned as stored with ``problem`` added.
    """
    expected_prev, expected_seq, batch = GENESIS_HASH, 1, 2000
    with engine.connect() as conn:
        while True:
            rows = conn.execute(select(audit_log).where(audit_log.c.seq >= expected_seq)
                                .order_by(audit_log.c.seq).limit(batch)).mappings().all()
            for row in rows:
                problem = None
                if row["seq"] != expected_seq:
                    problem = f"entry {expected_seq} is missing"
                elif row["prev_hash"] != expected_prev:
                    problem = "prev_hash does not match the previous entry's hash"
                elif entry_hash(row["prev_hash"], _entry(row)) != row["hash"]:
                    problem = "the entry's content does not match its hash"
                if problem:
                    return False, {**dict(row), "problem": problem}
                expected_prev, expected_seq = row["hash"], expected_seq + 1
            if len(rows) < batch:
                return True, None


def chain_head(conn: Connection) -> dict[str, Any]:
    """The number of entries and the newest entry's hash (what an export certifies)."""
    last = conn.execute(select(audit_log.c.seq, audit_log.c.hash).order_by(audit_log.c.seq.desc()).limit(1)).first()
    return {"entries": last.seq if last else 0, "head_hash": last.hash if last else GENESIS_HASH}


def _stored(row: Any) -> dict[str, Any]:
    return {**_entry(row), "prev_hash": row["prev_hash"], "hash": row["hash"]}


def case_entries(conn: Connection, case_id: str, limit: int | None = None) -> list[dict[str, Any]]:
    """A case's entries, oldest first (newest ``limit`` when given)."""
    query = select(audit_log).where(audit_log.c.case_id == case_id)
    if limit:
        rows = conn.execute(query.order_by(audit_log.c.seq.desc()).limit(limit)).mappings().all()[::-1]
    else:
        rows = conn.execute(query.order_by(audit_log.c.seq)).mappings().all()
    return [_stored(r) for r in rows]


def count_case_entries(conn: Connection, case_id: str) -> int:
    return conn.execute(select(func.count()).select_from(audit_log).where(audit_log.c.case_id == case_id)).scalar_one()


def recent_entries(conn: Connection, limit: int = 100, before: int | None = None) -> list[dict[str, Any]]:
    """The whole trail, newest first, ``limit`` entries older than ``before``."""
    query = select(audit_log).order_by(audit_log.c.seq.desc()).limit(limit)
    if before:
        query = query.where(audit_log.c.seq < before)
    return [_stored(r) for r in conn.execute(query).mappings().all()]
