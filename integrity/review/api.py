"""The JSON API: the workbench's operations for submission systems and scripts.

Authenticate with a session cookie (plus ``X-CSRF-Token`` on POST) or with
``Authorization: Bearer <token>`` from ``integrity users token NAME``. The
schema is served at ``/api/openapi.json`` and summarised at ``/api/docs``.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Request, UploadFile
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field

from integrity.review import audit
from integrity.review.checks import UploadError
from integrity.review.decisions import DecisionError, add_note, decide_finding, set_assignee, set_status
from integrity.review.guards import admin, current_user, editor_with_csrf
from integrity.review.queue import QueueFilter, list_cases, status_counts
from integrity.review.store import transact
from integrity.review.suppressions import list_suppressions, revoke_suppression
from integrity.review.views import case_api, case_summary_api, load_case

router = APIRouter(prefix="/api", tags=["review"])
CaseId = Annotated[str, Path(pattern=r"^[0-9a-f]{64}$", description="Manuscript id (SHA-256 of the file).")]
FindingKey = Annotated[str, Path(pattern=r"^[0-9a-f]{32}$", description="Stable finding key (see integrity.review.keys).")]


class DecisionIn(BaseModel):
    decision: Literal["confirmed", "dismissed", "needs_author_response"]
    reason: str = Field("", max_length=20000, description="Required when dismissing a finding as a false positive.")
    scope: Literal["manuscript", "evidence"] = Field("manuscript", description="What a dismissal suppresses: this manuscript's finding, or the same evidence in any manuscript.")


class ReviewIn(BaseModel):
    status: Literal["new", "in_review", "awaiting_author", "escalated_to_institution", "closed_no_action", "closed_with_action"] | None = None
    assignee: str | None = Field(None, description="User name of an officer or admin; empty string to unassign.")


class NoteIn(BaseModel):
    text: str = Field(..., min_length=1, max_length=20000)


class RevokeIn(BaseModel):
    reason: str = Field("", max_length=20000)


def _engine(request: Request):
    return request.app.state.engine


def _bad(exc: Exception) -> HTTPException:
    return HTTPException(400, str(exc))


@router.get("/openapi.json", include_in_schema=False)
def openapi_schema(request: Request, user: dict = Depends(current_user)) -> dict[str, Any]:
    return request.app.openapi()


@router.get("/docs", include_in_schema=False, response_class=HTMLResponse)
def api_docs(request: Request, user: dict = Depends(current_user)):
    from integrity.review.web import render

    schema = request.app.openapi()
    operations = [{"method": method.upper(), "path": path, "summary": op.get("summary", ""), "description": op.get("description", "")}
                  for path, item in schema.get("paths", {}).items() for method, op in item.items()]
    return render(request, "api_docs.html", {"operations": operations})


@router.get("/cases", summary="List cases (the queue)")
def api_list_cases(request: Request, user: dict = Depends(current_user)) -> dict[str, Any]:
    """Cases ranked by score. Query parameters: family, severity (minimum), status, assignee, source,
    date_from, date_to (YYYY-MM-DD), q (text search), page, per_page (max 200)."""
    filt = QueueFilter.from_params(request.query_params)
    with _engine(request).connect() as conn:
        rows, total = list_cases(conn, filt)
        counts = status_counts(conn, filt)
    return {"total": total, "page": filt.page, "per_page": filt.per_page, "status_counts": counts,
            "cases": [case_summary_api(r) for r in rows]}


@router.get("/cases/{case_id}", summary="Get one case with its findings, evidence links and decisions")
def api_get_case(request: Request, case_id: CaseId, user: dict = Depends(current_user)) -> dict[str, Any]:
    with _engine(request).connect() as conn:
        loaded = load_case(conn, case_id)
    if loaded is None:
        raise HTTPException(404, "No such case.")
    audit.record(_engine(request), user["username"], "case_viewed", case_id, None, {"via": "api"})
    return case_api(loaded)


@router.post("/cases/{case_id}/findings/{finding_key}/decision", summary="Record a decision on a finding")
def api_decide(request: Request, case_id: CaseId, finding_key: FindingKey, body: DecisionIn,
               user: dict = Depends(editor_with_csrf)) -> dict[str, Any]:
    """confirmed, dismissed (a false positive: reason required; creates a suppression) or needs_author_response."""
    try:
        return decide_finding(_engine(request), case_id, finding_key, body.decision, body.reason, user["username"], body.scope)
    except (DecisionError, ValueError) as exc:
        raise _bad(exc)


@router.post("/cases/{case_id}/review", summary="Set a case's status and/or assignee")
def api_review(request: Request, case_id: CaseId, body: ReviewIn, user: dict = Depends(editor_with_csrf)) -> dict[str, Any]:
    try:
        if body.status is not None:
            set_status(_engine(request), case_id, body.status, user["username"])
        if body.assignee is not None:
            set_assignee(_engine(request), case_id, body.assignee, user["username"])
    except DecisionError as exc:
        raise _bad(exc)
    return {"ok": True}


@router.post("/cases/{case_id}/notes", summary="Add a note to a case")
def api_note(request: Request, case_id: CaseId, body: NoteIn, user: dict = Depends(editor_with_csrf)) -> dict[str, Any]:
    try:
        return {"note_id": add_note(_engine(request), case_id, body.text, user["username"])}
    except DecisionError as exc:
        raise _bad(exc)


@router.get("/cases/{case_id}/audit", summary="A case's audit trail, oldest first")
def api_case_audit(request: Request, case_id: CaseId, user: dict = Depends(current_user)) -> dict[str, Any]:
    with _engine(request).connect() as conn:
        return {"entries": audit.case_entries(conn, case_id), "chain_head": audit.chain_head(conn)}


@router.get("/suppressions", summary="List suppressions")
def api_suppressions(request: Request, active_only: bool = False, user: dict = Depends(current_user)) -> dict[str, Any]:
    with _engine(request).connect() as conn:
        return {"suppressions": list_suppressions(conn, active_only=active_only)}


@router.post("/suppressions/{suppression_id}/revoke", summary="Revoke a suppression")
def api_revoke(request: Request, suppression_id: int, body: RevokeIn, user: dict = Depends(editor_with_csrf)) -> dict[str, Any]:
    try:
        transact(_engine(request), lambda conn: revoke_suppression(conn, suppression_id, user["username"], body.reason))
    except LookupError:
        raise HTTPException(404, "No such suppression.")
    except ValueError as exc:
        raise _bad(exc)
    return {"ok": True}


@router.post("/checks", summary="Upload a manuscript to check now", status_code=202)
async def api_check(request: Request, manuscript: UploadFile, add_to_corpus: bool = True,
                    user: dict = Depends(editor_with_csrf)) -> dict[str, Any]:
    config = request.app.state.config
    data = await manuscript.read(config.max_upload_bytes + 1)
    try:
        job_id = request.app.state.checks.submit(user["username"], manuscript.filename or "", data, add_to_corpus)
    except UploadError as exc:
        raise _bad(exc)
    return {"job": job_id, "url": f"/api/jobs/{job_id}"}


@router.get("/jobs/{job_id}", summary="State of an on-demand check")
def api_job(request: Request, job_id: str, user: dict = Depends(current_user)) -> dict[str, Any]:
    job = request.app.state.checks.job(job_id) if len(job_id) == 32 else None
    if job is None:
        raise HTTPException(404, "No such check.")
    return {**job, "case_url": f"/api/cases/{job['case_id']}" if job["case_id"] else None}


@router.get("/audit/verify", summary="Verify the whole audit chain (admins)")
def api_verify(request: Request, user: dict = Depends(admin)) -> dict[str, Any]:
    ok, bad = audit.verify_audit_chain(_engine(request))
    audit.record(_engine(request), user["username"], "audit_verified", detail={"ok": ok, "first_bad_seq": bad["seq"] if bad else None})
    with _engine(request).connect() as conn:
        return {"ok": ok, "first_bad_entry": bad, "chain_head": audit.chain_head(conn)}
