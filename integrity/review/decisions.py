"""What reviewers decide: per finding, per case, and the notes and second opinions around it.

Decisions are appended, never overwritten: the current decision on a finding
is the newest one, and the history is what a committee reads. Every call
writes its audit entry in the same transaction as the change.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Engine, insert, select, update

from integrity.review import audit
from integrity.review.store import cases, decisions, findings, notes, now_iso, second_opinions, suppressions, transact, users
from integrity.review.suppressions import create_suppression, revoke_suppression

FINDING_DECISIONS = {
    "confirmed": "Confirmed",
    "dismissed": "Dismissed as a false positive",
    "needs_author_response": "Needs author response",
}
CASE_STATUSES = {
    "new": "New",
    "in_review": "In review",
    "awaiting_author": "Awaiting author",
    "escalated_to_institution": "Escalated to institution",
    "closed_no_action": "Closed with no action",
    "closed_with_action": "Closed with action",
}
MAX_TEXT = 20_000


class DecisionError(ValueError):
    """A decision that cannot be recorded (unknown value, missing reason, unknown case or finding)."""


def _clean(text: str | None, what: str, required: bool = False) -> str:
    text = (text or "").strip()
    if required and not text:
        raise DecisionError(f"{what} is required")
    if len(text) > MAX_TEXT:
        raise DecisionError(f"{what} is longer than {MAX_TEXT} characters")
    return text


def _case(conn: Connection, case_id: str) -> dict[str, Any]:
    row = conn.execute(select(cases.c.id, cases.c.status, cases.c.assignee).where(cases.c.id == case_id)).mappings().first()
    if row is None:
        raise DecisionError(f"no case {case_id!r}")
    return dict(row)


def _finding(conn: Connection, case_id: str, finding_key: str) -> dict[str, Any]:
    row = conn.execute(select(findings).where(findings.c.case_id == case_id, findings.c.finding_key == finding_key)).mappings().first()
    if row is None:
        raise DecisionError(f"no finding {finding_key!r} in this case")
    return dict(row)


def decide_finding(engine: Engine, case_id: str, finding_key: str, decision: str, reason: str, actor: str,
                   scope: str = "manuscript") -> dict[str, Any]:
    """Record a decision on one finding.

    ``dismissed`` needs a reason and creates a suppression (``scope``:
    ``manuscript`` or ``evidence``) so the finding is not raised again.
    A later ``confirmed`` or ``needs_author_response`` revokes suppressions
    that dismissals of this finding created.
    """
    if decision not in FINDING_DECISIONS:
        raise DecisionError(f"decision must be one of {', '.join(FINDING_DECISIONS)}")
    reason = _clean(reason, "a reason for dismissing a finding" if decision == "dismissed" else "reason", decision == "dismissed")

    def work(conn: Connection) -> dict[str, Any]:
        _case(conn, case_id)
        finding = _finding(conn, case_id, finding_key)
        decision_id = conn.execute(insert(decisions).values(case_id=case_id, finding_key=finding_key, decision=decision,
                                                            reason=reason, actor=actor, at=now_iso())).inserted_primary_key[0]
        audit.append(conn, actor, "finding_decided", case_id, finding_key,
                     {"decision": decision, "reason": reason, "finding": finding["title"], "decision_id": decision_id})
        suppression_id = None
        if decision == "dismissed" and finding["suppression_id"] is None:
            suppression_id = create_suppression(conn, finding, reason, actor, scope, decision_id)
        elif decision != "dismissed":
            own = conn.execute(select(suppressions.c.id).join(decisions, decisions.c.id == suppressions.c.decision_id)
                               .where(decisions.c.case_id == case_id, decisions.c.finding_key == finding_key,
                                      suppressions.c.revoked_at.is_(None))).all()
            for row in own:
                revoke_suppression(conn, row.id, actor, f"decision changed to {FINDING_DECISIONS[decision].lower()}")
        return {"decision_id": decision_id, "decision": decision, "suppression_id": suppression_id}

    return transact(engine, work)


def set_status(engine: Engine, case_id: str, status: str, actor: str) -> None:
    if status not in CASE_STATUSES:
        raise DecisionError(f"status must be one of {', '.join(CASE_STATUSES)}")

    def work(conn: Connection) -> None:
        old = _case(conn, case_id)["status"]
        if old == status:
            return
        conn.execute(update(cases).where(cases.c.id == case_id).values(status=status, updated_at=now_iso()))
        audit.append(conn, actor, "status_changed", case_id, None, {"from": old, "to": status})

    transact(engine, work)


def reviewers(conn: Connection) -> list[str]:
    """Users a case can be assigned to (officers and admins)."""
    rows = conn.execute(select(users.c.username).where(users.c.active.is_(True), users.c.role.in_(("admin", "officer")))
                        .order_by(users.c.username))
    return [r.username for r in rows]


def set_assignee(engine: Engine, case_id: str, assignee: str | None, actor: str) -> None:
    assignee = (assignee or "").strip() or None

    def work(conn: Connection) -> None:
        old = _case(conn, case_id)["assignee"]
        if assignee is not None and assignee not in reviewers(conn):
            raise DecisionError(f"{assignee!r} is not an officer or admin")
        if old == assignee:
            return
        conn.execute(update(cases).where(cases.c.id == case_id).values(assignee=assignee, updated_at=now_iso()))
        audit.append(conn, actor, "assignee_changed", case_id, None, {"from": old, "to": assignee})

    transact(engine, work)


def add_note(engine: Engine, case_id: str, text: str, actor: str) -> int:
    text = _clean(text, "the note", required=True)

    def work(conn: Connection) -> int:
        _case(conn, case_id)
        note_id = conn.execute(insert(notes).values(case_id=case_id, actor=actor, at=now_iso(), text=text)).inserted_primary_key[0]
        audit.append(conn, actor, "note_added", case_id, None, {"note_id": note_id, "text": text})
        return note_id

    return transact(engine, work)


def request_second_opinion(engine: Engine, case_id: str, reviewer: str | None, question: str, actor: str) -> int:
    question = _clean(question, "the question")
    reviewer = (reviewer or "").strip() or None

    def work(conn: Connection) -> int:
        _case(conn, case_id)
        if reviewer is not None and reviewer not in reviewers(conn):
            raise DecisionError(f"{reviewer!r} is not an officer or admin")
        opinion_id = conn.execute(insert(second_opinions).values(case_id=case_id, requested_by=actor, requested_at=now_iso(),
                                                                 reviewer=reviewer, question=question)).inserted_primary_key[0]
        audit.append(conn, actor, "second_opinion_requested", case_id, None, {"request_id": opinion_id, "reviewer": reviewer, "question": question})
        return opinion_id

    return transact(engine, work)


def record_second_opinion(engine: Engine, case_id: str, request_id: int, opinion: str, actor: str) -> None:
    opinion = _clean(opinion, "the opinion", required=True)

    def work(conn: Connection) -> None:
        row = conn.execute(select(second_opinions).where(second_opinions.c.id == request_id,
                                                         second_opinions.c.case_id == case_id)).mappings().first()
        if row is None:
            raise DecisionError("no such second-opinion request on this case")
        if row["opinion"] is not None:
            raise DecisionError("this second opinion is already recorded")
        if row["requested_by"] == actor:
            raise DecisionError("a second opinion must come from someone other than the person who asked for it")
        conn.execute(update(second_opinions).where(second_opinions.c.id == request_id).values(
            opinion=opinion, recorded_by=actor, recorded_at=now_iso()))
        audit.append(conn, actor, "second_opinion_recorded", case_id, None, {"request_id": request_id, "opinion": opinion})

    transact(engine, work)


def review_state(conn: Connection, case_id: str) -> dict[str, Any]:
    """Decisions (history per finding, newest last), notes and second opinions of a case."""
    history: dict[str, list[dict[str, Any]]] = {}
    for row in conn.execute(select(decisions).where(decisions.c.case_id == case_id).order_by(decisions.c.id)).mappings():
        history.setdefault(row["finding_key"], []).append(dict(row))
    return {
        "decisions": history,
        "notes": [dict(r) for r in conn.execute(select(notes).where(notes.c.case_id == case_id).order_by(notes.c.id)).mappings()],
        "second_opinions": [dict(r) for r in conn.execute(select(second_opinions).where(second_opinions.c.case_id == case_id)
                                                          .order_by(second_opinions.c.id)).mappings()],
    }
