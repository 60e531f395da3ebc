"""Pages around the cases: suppressions, on-demand checks and the whole audit trail."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.datastructures import UploadFile

from integrity.review import audit
from integrity.review.checks import UploadError
from integrity.review.guards import admin, current_user, editor_with_csrf
from integrity.review.store import transact
from integrity.review.suppressions import list_suppressions, revoke_suppression
from integrity.review.web import render

router = APIRouter(include_in_schema=False)


@router.get("/suppressions", response_class=HTMLResponse)
def suppressions_page(request: Request, user: dict = Depends(current_user)):
    show = request.query_params.get("show", "active")
    with request.app.state.engine.connect() as conn:
        rows = list_suppressions(conn, active_only=show != "all")
    return render(request, "suppressions.html", {"rows": rows, "show": show, "error": None})


@router.post("/suppressions/{suppression_id}/revoke")
def revoke(request: Request, suppression_id: int, reason: str = Form(""), user: dict = Depends(editor_with_csrf)):
    engine = request.app.state.engine
    try:
        transact(engine, lambda conn: revoke_suppression(conn, suppression_id, user["username"], reason))
    except LookupError:
        raise HTTPException(404, "No such suppression.")
    except ValueError as exc:
        with engine.connect() as conn:
            rows = list_suppressions(conn)
        return render(request, "suppressions.html", {"rows": rows, "show": "all", "error": str(exc)}, status_code=400)
    return RedirectResponse("/suppressions?show=all", status_code=303)


@router.get("/check", response_class=HTMLResponse)
def check_page(request: Request, user: dict = Depends(current_user)):
    jobs = request.app.state.checks.recent(user["username"])
    return render(request, "check.html", {"jobs": jobs, "error": None,
                                          "max_mb": request.app.state.config.max_upload_bytes // (1024 * 1024)})


@router.post("/check")
async def upload(request: Request, user: dict = Depends(editor_with_csrf)):
    runner, config = request.app.state.checks, request.app.state.config
    length = request.headers.get("content-length")
    error = None
    if length and length.isdigit() and int(length) > config.max_upload_bytes + 1024 * 1024:
        error = f"The file is larger than {config.max_upload_bytes // (1024 * 1024)} MB."
    else:
        form = await request.form()
        upload_file = form.get("manuscript")
        if not isinstance(upload_file, UploadFile):
            error = "Choose a manuscript file to upload."
        else:
            data = await upload_file.read(config.max_upload_bytes + 1)
            try:
                job_id = runner.submit(user["username"], upload_file.filename or "", data, form.get("add_to_corpus") == "on")
            except UploadError as exc:
                error = f"Upload refused: {exc}."
            else:
                return RedirectResponse(f"/jobs/{job_id}", status_code=303)
    return render(request, "check.html", {"jobs": runner.recent(user["username"]), "error": error,
                                          "max_mb": config.max_upload_bytes // (1024 * 1024)}, status_code=400)


@router.get("/jobs/{job_id}", response_class=HTMLResponse)
def job_page(request: Request, job_id: str, user: dict = Depends(current_user)):
    job = request.app.state.checks.job(job_id) if len(job_id) == 32 else None
    if job is None:
        raise HTTPException(404, "No such check.")
    response = render(request, "job.html", {"job": job})
    if job["status"] in ("queued", "running"):
        response.headers["Refresh"] = "2"
    return response


@router.get("/audit", response_class=HTMLResponse)
def audit_page(request: Request, user: dict = Depends(admin)):
    engine = request.app.state.engine
    before = request.query_params.get("before", "")
    chain = None
    if request.query_params.get("verify") == "1":
        ok, bad = audit.verify_audit_chain(engine)
        audit.record(engine, user["username"], "audit_verified", detail={"ok": ok, "first_bad_seq": bad["seq"] if bad else None})
        chain = {"ok": ok, "first_bad": bad}
    with engine.connect() as conn:
        entries = audit.recent_entries(conn, 200, int(before) if before.isdigit() else None)
        head = audit.chain_head(conn)
    return render(request, "audit.html", {"case": None, "entries": entries, "chain": chain, "head": head})
