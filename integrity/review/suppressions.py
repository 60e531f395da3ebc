"""Suppressions: a finding dismissed as a false positive is not raised again.

A suppression is created when an officer dismisses a finding. Its scope is

- ``manuscript``: this finding of this manuscript (matched by ``finding_key``),
  whenever the same manuscript is screened again;
- ``evidence``: the same evidence in any manuscript (matched by
  ``content_key``: the same passages / source pair / image pair), e.g. in
  the next version of the paper.

Suppressions are never deleted: revoking one records who, when and why, and
the finding is raised again from then on. Every change is in the audit trail.

:func:`apply_suppressions` is the hook for the screening pipeline: called on a
``Case`` (before it is written) or on a case record, it takes suppressed
findings out of the findings list (so they neither count in the score nor
appear as raised) and lists them, with the suppression that hid them, under
``suppressed_findings``.
"""

from __future__ import annotations

import hashlib
from typing import Any

from sqlalchemy import Connection, Engine, and_, or_, select, update

from integrity.models import SEVERITY_ORDER, SEVERITY_WEIGHT, Severity
from integrity.review import audit
from integrity.review.keys import assign_keys, content_key
from integrity.review.store import cases, findings, now_iso, suppressions

SCOPES = ("manuscript", "evidence")


def _active(query):
    return query.where(suppressions.c.revoked_at.is_(None))


def matching_suppression(conn: Connection, manuscript_id: str, finding_key: str, evidence_key: str | None) -> dict[str, Any] | None:
    """The oldest active suppression that covers this finding, if any."""
    condition = and_(suppressions.c.scope == "manuscript", suppressions.c.manuscript_id == manuscript_id,
                     suppressions.c.finding_key == finding_key)
    if evidence_key:
        condition = or_(condition, and_(suppressions.c.scope == "evidence", suppressions.c.content_key == evidence_key))
    row = conn.execute(_active(select(suppressions)).where(condition).order_by(suppressions.c.id).limit(1)).mappings().first()
    return dict(row) if row else None


def case_score(finding_dicts: list[dict[str, Any]]) -> float:
    """``integrity.models.case_score`` over finding dicts (as in case.json)."""
    remaining = 1.0
    for f in finding_dicts:
        try:
            remaining *= 1.0 - SEVERITY_WEIGHT[Severity(f.get("severity"))] * float(f.get("confidence") or 0)
        except ValueError:
            continue
    return round(100.0 * (1.0 - remaining), 1)


def refresh_case_summary(conn: Connection, case_id: str) -> None:
    """Recompute a case's score, top severity and counts from its raised findings."""
    rows = conn.execute(select(findings.c.severity, findings.c.severity_rank, findings.c.confidence, findings.c.suppression_id)
                        .where(findings.c.case_id == case_id, findings.c.present.is_(True))).all()
    raised = [r for r in rows if r.suppression_id is None]
    top = max(raised, key=lambda r: r.severity_rank, default=None)
    conn.execute(update(cases).where(cases.c.id == case_id).values(
        score=case_score([{"severity": r.severity, "confidence": r.confidence} for r in raised]),
        top_severity=top.severity if top else None, severity_rank=top.severity_rank if top else -1,
        n_findings=len(raised), n_suppressed=len(rows) - len(raised), updated_at=now_iso()))


def create_suppression(conn: Connection, finding_row: dict[str, Any], reason: str, actor: str,
                       scope: str = "manuscript", decision_id: int | None = None) -> int:
    """Suppress one finding (and, for ``evidence`` scope, every finding with its content key)."""
    if scope not in SCOPES:
        raise ValueError(f"scope must be one of {SCOPES}")
    if not reason.strip():
        raise ValueError("a suppression needs a reason")
    if scope == "evidence" and not finding_row.get("content_key"):
        raise ValueError("this finding carries no evidence that other manuscripts could share; suppress it for this manuscript")
    suppression_id = conn.execute(suppressions.insert().values(
        scope=scope, manuscript_id=finding_row["case_id"], finding_key=finding_row["finding_key"],
        content_key=finding_row.get("content_key"), detector=finding_row["detector"], kind=finding_row["kind"],
        title=finding_row.get("title") or "", reason=reason.strip(), decision_id=decision_id,
        created_by=actor, created_at=now_iso())).inserted_primary_key[0]
    covered = findings.c.id == finding_row["id"]
    if scope == "evidence":
        covered = or_(covered, findings.c.content_key == finding_row["content_key"])
    affected = conn.execute(select(findings.c.id, findings.c.case_id).where(covered, findings.c.suppression_id.is_(None))).all()
    for row in affected:
        conn.execute(update(findings).where(findings.c.id == row.id).values(suppression_id=suppression_id))
    for case_id in sorted({r.case_id for r in affected}):
        refresh_case_summary(conn, case_id)
    audit.append(conn, actor, "suppression_created", finding_row["case_id"], finding_row["finding_key"],
                 {"suppression_id": suppression_id, "scope": scope, "reason": reason.strip(),
                  "findings_hidden": len(affected)})
    return suppression_id


def revoke_suppression(conn: Connection, suppression_id: int, actor: str, reason: str = "") -> dict[str, Any]:
    """Revoke an active suppression; the findings it hid are raised again (unless another covers them)."""
    row = conn.execute(select(suppressions).where(suppressions.c.id == suppression_id)).mappings().first()
    if row is None:
        raise LookupError(f"no suppression {suppression_id}")
    if row["revoked_at"] is not None:
        raise ValueError("this suppression is already revoked")
    conn.execute(update(suppressions).where(suppressions.c.id == suppression_id).values(
        revoked_by=actor, revoked_at=now_iso(), revoke_reason=reason.strip()))
    hidden = conn.execute(select(findings).where(findings.c.suppression_id == suppression_id)).mappings().all()
    for f in hidden:
        other = matching_suppression(conn, f["case_id"], f["finding_key"], f["content_key"])
        conn.execute(update(findings).where(findings.c.id == f["id"]).values(suppression_id=other["id"] if other else None))
    for case_id in sorted({f["case_id"] for f in hidden}):
        refresh_case_summary(conn, case_id)
    audit.append(conn, actor, "suppression_revoked", row["manuscript_id"], row["finding_key"],
                 {"suppression_id": suppression_id, "reason": reason.strip(), "findings_raised_again": len(hidden)})
    return dict(row)


def list_suppressions(conn: Connection, active_only: bool = False, case_id: str | None = None) -> list[dict[str, Any]]:
    query = select(suppressions).order_by(suppressions.c.id.desc())
    if active_only:
        query = _active(query)
    if case_id:
        query = query.where(suppressions.c.manuscript_id == case_id)
    return [dict(r) for r in conn.execute(query).mappings().all()]


def _suppressed_entry(finding: dict[str, Any], key: str, evidence_key: str | None, s: dict[str, Any]) -> dict[str, Any]:
    return {"finding_key": key, "content_key": evidence_key, "suppression_id": s["id"], "scope": s["scope"],
            "reason": s["reason"], "suppressed_by": s["created_by"], "suppressed_at": s["created_at"], "finding": finding}


def apply_suppressions(engine: Engine, case: Any) -> list[dict[str, Any]]:
    """The pipeline hook: hide the findings covered by active suppressions.

    ``case`` is an ``integrity.models.Case`` (call this after
    ``assemble_case`` and before ``write_case``) or a case record dict (from
    ``case_to_dict``). Suppressed findings are removed from the findings,
    the score follows, and each is listed with its suppression under
    ``suppressed_findings`` (``case.data`` for a Case, a top-level key of a
    record). Returns that list; an empty store changes nothing.
    """
    from integrity.review.store import ensure_schema

    ensure_schema(engine)
    if isinstance(case, dict):
        return _apply_to_record(engine, case)
    ordered = case.sorted_findings()
    dicts = [f.to_dict() for f in ordered]
    keys = assign_keys(case.manuscript.id, dicts)
    hidden, entries = set(), []
    with engine.connect() as conn:
        for finding, d, key in zip(ordered, dicts, keys):
            digests = [hashlib.sha256(im.png).hexdigest() for im in finding.images]
            evidence_key = content_key(d, digests)
            s = matching_suppression(conn, case.manuscript.id, key, evidence_key)
            if s:
                hidden.add(id(finding))
                entries.append(_suppressed_entry(d, key, evidence_key, s))
    if entries:
        case.findings = [f for f in case.findings if id(f) not in hidden]
        case.data["suppressed_findings"] = entries
    return entries


def _apply_to_record(engine: Engine, record: dict[str, Any]) -> list[dict[str, Any]]:
    manuscript_id = record["manuscript"]["id"]
    kept, entries = [], []
    keys = assign_keys(manuscript_id, record.get("findings") or [])
    with engine.connect() as conn:
        for finding, key in zip(record.get("findings") or [], keys):
            # Image bytes are not in the record: the evidence scope matches on passages and references here.
            evidence_key = content_key(finding)
            s = matching_suppression(conn, manuscript_id, key, evidence_key)
            if s:
                entries.append(_suppressed_entry(finding, key, evidence_key, s))
            else:
                kept.append(finding)
    if entries:
        record["findings"] = kept
        record["suppressed_findings"] = entries
        record["score"] = case_score(kept)
        record["counts"] = {s.value: sum(1 for f in kept if f.get("severity") == s.value) for s in SEVERITY_ORDER}
        ranked = [s.value for s in SEVERITY_ORDER if record["counts"][s.value]]
        record["top_severity"] = ranked[-1] if ranked else None
    return entries
