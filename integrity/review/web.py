"""The workbench's pages: queue, case, decisions, page images, evidence and exports.

Templates extend the case files' ``base.html`` and import their
``macros.html``, and the case page uses the case file's own stylesheet, so
evidence looks the same in both. Every page escapes everything (Jinja
autoescaping); nothing from a manuscript is ever marked safe.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, HTTPException, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import ChoiceLoader, Environment, PackageLoader, select_autoescape
from markupsafe import Markup
from sqlalchemy import select

from integrity.casefiles.html import SEVERITIES, cell_text, pretty_json
from integrity.review import audit
from integrity.review.auth import can_edit
from integrity.review.decisions import (
    CASE_STATUSES, FINDING_DECISIONS, DecisionError, add_note, decide_finding, record_second_opinion, request_second_opinion,
    reviewers, set_assignee, set_status,
)
from integrity.review.guards import current_user, editor_with_csrf
from integrity.review.pages import PageError, locations_on_page, page_count, render_page
from integrity.review.queue import UNASSIGNED, QueueFilter, filter_options, list_cases, status_counts
from integrity.review.store import blobs, cases, evidence, findings, get_blob
from integrity.review.views import load_case

router = APIRouter(include_in_schema=False)
CaseId = Annotated[str, Path(pattern=r"^[0-9a-f]{64}$")]
FindingKey = Annotated[str, Path(pattern=r"^[0-9a-f]{32}$")]
DONE = {
    "decision": "Decision recorded.", "review": "Case status and assignment saved.", "note": "Note added.",
    "opinion_requested": "Second opinion requested.", "opinion_recorded": "Second opinion recorded.",
}
IMAGE_TYPES = {"image/png", "image/jpeg", "image/gif", "image/webp"}


def _case_stylesheet() -> str:
    """The case file's own stylesheet (the ``style`` block of casefiles' case.html)."""
    from integrity.casefiles.html import _environment

    template = _environment().get_template("case.html")
    return "".join(template.blocks["style"](template.new_context({})))


def when(value: str | None) -> str:
    """'2026-05-01T09:30:12.345+00:00' -> '2026-05-01 09:30:12 UTC' (stored times are UTC)."""
    if not value:
        return ""
    text = str(value)
    return f"{text[:10]} {text[11:19]} UTC" if len(text) >= 19 and text[10] == "T" else text


def audit_detail(detail: dict[str, Any]) -> str:
    """An audit entry's detail as 'key: value; ...' (empty values left out)."""
    return "; ".join(f"{k}: {cell_text(v)}" for k, v in sorted(detail.items()) if v not in (None, "", [], {}))


@lru_cache(maxsize=1)
def templates() -> Environment:
    env = Environment(
        loader=ChoiceLoader([PackageLoader("integrity.review", "templates"), PackageLoader("integrity.casefiles", "templates")]),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True, lstrip_blocks=True,
    )
    env.filters["pretty_json"] = pretty_json
    env.filters["cell"] = cell_text
    env.filters["when"] = when
    env.filters["audit_detail"] = audit_detail
    env.globals.update(
        SEVERITIES=SEVERITIES, STATUSES=CASE_STATUSES, FINDING_DECISIONS=FINDING_DECISIONS, UNASSIGNED=UNASSIGNED,
        # Our own constant stylesheets, never manuscript text: safe to emit as they are.
        CASE_CSS=Markup(_case_stylesheet()),
        REVIEW_CSS=Markup(resources.files("integrity.review").joinpath("static/review.css").read_text(encoding="utf-8")),
    )
    return env


def render(request: Request, name: str, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
    user = getattr(request.state, "user", None)
    html = templates().get_template(name).render(request=request, user=user, csrf=(user or {}).get("csrf"),
                                                 can_edit=bool(user) and can_edit(user["role"]), **context)
    return HTMLResponse(html, status_code=status_code)


def _engine(request: Request):
    return request.app.state.engine


# ------------------------------------------------------------------ queue


@router.get("/", response_class=HTMLResponse)
def queue_page(request: Request, user: dict = Depends(current_user)):
    filt = QueueFilter.from_params(request.query_params)
    with _engine(request).connect() as conn:
        rows, total = list_cases(conn, filt)
        counts = status_counts(conn, filt)
        options = filter_options(conn)
        options["assignees"] = sorted(set(options["assignees"]) | set(reviewers(conn)))
    pages = max(1, -(-total // filt.per_page))
    return render(request, "queue.html", {"rows": rows, "total": total, "filt": filt, "counts": counts, "options": options,
                                          "pages": pages, "first_rank": (filt.page - 1) * filt.per_page + 1})


# ------------------------------------------------------------------ case page


def _case_page(request: Request, user: dict, case_id: str, error: str | None = None, status_code: int = 200) -> HTMLResponse:
    engine = _engine(request)
    with engine.connect() as conn:
        loaded = load_case(conn, case_id)
        if loaded is None:
            raise HTTPException(404, "No such case.")
        people = reviewers(conn)
    entry = audit.record(engine, user["username"], "case_viewed", case_id)
    with engine.connect() as conn:
        entries = audit.case_entries(conn, case_id, limit=50)
        total_entries = audit.count_case_entries(conn, case_id)
    done = DONE.get(request.query_params.get("done", "")) if error is None else None
    return render(request, "case_page.html", {**loaded, "reviewers": people, "audit_entries": entries[::-1],
                                              "audit_total": total_entries, "viewed": entry, "error": error, "done": done},
                  status_code=status_code)


@router.get("/cases/{case_id}", response_class=HTMLResponse)
def case_page(request: Request, case_id: CaseId, user: dict = Depends(current_user)):
    return _case_page(request, user, case_id)


def _after(case_id: str, done: str, anchor: str = "") -> RedirectResponse:
    return RedirectResponse(f"/cases/{case_id}?done={done}{'#' + anchor if anchor else ''}", status_code=303)


@router.post("/cases/{case_id}/findings/{finding_key}/decision")
def decide(request: Request, case_id: CaseId, finding_key: FindingKey, decision: str = Form(""),
           reason: str = Form(""), scope: str = Form("manuscript"), user: dict = Depends(editor_with_csrf)):
    try:
        decide_finding(_engine(request), case_id, finding_key, decision, reason, user["username"], scope)
    except (DecisionError, ValueError) as exc:
        return _case_page(request, user, case_id, str(exc), 400)
    return _after(case_id, "decision", f"finding-{finding_key}")


@router.post("/cases/{case_id}/review")
def review(request: Request, case_id: CaseId, status: str = Form(""), assignee: str = Form(""),
           user: dict = Depends(editor_with_csrf)):
    try:
        set_status(_engine(request), case_id, status, user["username"])
        set_assignee(_engine(request), case_id, assignee, user["username"])
    except DecisionError as exc:
        return _case_page(request, user, case_id, str(exc), 400)
    return _after(case_id, "review")


@router.post("/cases/{case_id}/notes")
def note(request: Request, case_id: CaseId, text: str = Form(""), user: dict = Depends(editor_with_csrf)):
    try:
        add_note(_engine(request), case_id, text, user["username"])
    except DecisionError as exc:
        return _case_page(request, user, case_id, str(exc), 400)
    return _after(case_id, "note", "notes")


@router.post("/cases/{case_id}/second-opinions")
def ask_second_opinion(request: Request, case_id: CaseId, reviewer: str = Form(""), question: str = Form(""),
                       user: dict = Depends(editor_with_csrf)):
    try:
        request_second_opinion(_engine(request), case_id, reviewer, question, user["username"])
    except DecisionError as exc:
        return _case_page(request, user, case_id, str(exc), 400)
    return _after(case_id, "opinion_requested", "second-opinions")


@router.post("/cases/{case_id}/second-opinions/{request_id}")
def give_second_opinion(request: Request, request_id: int, case_id: CaseId, opinion: str = Form(""),
                        user: dict = Depends(editor_with_csrf)):
    try:
        record_second_opinion(_engine(request), case_id, request_id, opinion, user["username"])
    except DecisionError as exc:
        return _case_page(request, user, case_id, str(exc), 400)
    return _after(case_id, "opinion_recorded", "second-opinions")


@router.get("/cases/{case_id}/audit", response_class=HTMLResponse)
def case_audit(request: Request, case_id: CaseId, user: dict = Depends(current_user)):
    with _engine(request).connect() as conn:
        case = conn.execute(select(cases.c.id, cases.c.short_id, cases.c.title).where(cases.c.id == case_id)).mappings().first()
        if case is None:
            raise HTTPException(404, "No such case.")
        entries = audit.case_entries(conn, case_id)
    return render(request, "audit.html", {"case": case, "entries": entries[::-1], "chain": None})


# ------------------------------------------------------------------ page images, evidence, exports


def _pdf_and_finding(request: Request, case_id: str, finding_key: str | None) -> tuple[bytes, dict | None, dict]:
    import json

    with _engine(request).connect() as conn:
        case = conn.execute(select(cases.c.id, cases.c.short_id, cases.c.title, cases.c.pdf_sha256).where(cases.c.id == case_id)).mappings().first()
        if case is None or not case["pdf_sha256"]:
            raise HTTPException(404, "No manuscript PDF is kept for this case.")
        blob = get_blob(conn, case["pdf_sha256"])
        finding = None
        if finding_key:
            row = conn.execute(select(findings.c.data, findings.c.title, findings.c.finding_key)
                               .where(findings.c.case_id == case_id, findings.c.finding_key == finding_key)).mappings().first()
            finding = {**json.loads(row["data"]), "key": row["finding_key"]} if row else None
    if blob is None or blob["media_type"] != "application/pdf":
        raise HTTPException(404, "No manuscript PDF is kept for this case.")
    return blob["data"], finding, dict(case)


def _finding_param(request: Request) -> str | None:
    key = request.query_params.get("finding", "")
    return key if len(key) == 32 and all(c in "0123456789abcdef" for c in key) else None


@router.get("/cases/{case_id}/pages/{page}", response_class=HTMLResponse)
def page_view(request: Request, page: int, case_id: CaseId, user: dict = Depends(current_user)):
    key = _finding_param(request)
    pdf, finding, case = _pdf_and_finding(request, case_id, key)
    try:
        count = page_count(pdf)
    except Exception:
        raise HTTPException(404, "The manuscript cannot be opened.")
    if not 1 <= page <= count:
        raise HTTPException(404, "No such page.")
    audit.record(_engine(request), user["username"], "page_viewed", case_id, key, {"page": page})
    return render(request, "page_image.html", {"case": case, "page": page, "count": count, "finding": finding,
                                               "boxes": locations_on_page(finding, page), "key": key})


@router.get("/cases/{case_id}/pages/{page}/image.png")
def page_image(request: Request, page: int, case_id: CaseId, user: dict = Depends(current_user)):
    pdf, finding, _case = _pdf_and_finding(request, case_id, _finding_param(request))
    try:
        png = render_page(pdf, page, locations_on_page(finding, page))
    except PageError as exc:
        raise HTTPException(404, str(exc))
    return Response(png, media_type="image/png")


@router.get("/evidence/{evidence_id}")
def evidence_file(request: Request, evidence_id: int, user: dict = Depends(current_user)):
    """An evidence image, by its id only: no part of the request ever becomes a file path."""
    with _engine(request).connect() as conn:
        row = conn.execute(select(blobs.c.data, blobs.c.media_type).join(evidence, evidence.c.blob_sha256 == blobs.c.sha256)
                           .where(evidence.c.id == evidence_id)).first()
    if row is None:
        raise HTTPException(404, "No such evidence file.")
    if row.media_type in IMAGE_TYPES:
        return Response(row.data, media_type=row.media_type)
    return Response(row.data, media_type="application/octet-stream",
                    headers={"Content-Disposition": f'attachment; filename="evidence-{evidence_id}.bin"'})


def _download(data: bytes, media_type: str, name: str) -> Response:
    return Response(data, media_type=media_type, headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/cases/{case_id}/export.pdf")
def export_case_pdf(request: Request, case_id: CaseId, user: dict = Depends(current_user)):
    from integrity.review.export import export_pdf

    try:
        data = export_pdf(_engine(request), case_id, user["username"])
    except LookupError:
        raise HTTPException(404, "No such case.")
    return _download(data, "application/pdf", f"case-{case_id[:12]}.pdf")


@router.get("/cases/{case_id}/export.zip")
def export_case_zip(request: Request, case_id: CaseId, user: dict = Depends(current_user)):
    from integrity.review.export import export_zip

    try:
        data = export_zip(_engine(request), case_id, user["username"])
    except LookupError:
        raise HTTPException(404, "No such case.")
    return _download(data, "application/zip", f"case-{case_id[:12]}.zip")
