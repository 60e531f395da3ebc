"""A case as the pages and the API show it, built from the store.

The evidence is laid out by the case files' own helpers
(``integrity.casefiles.html``), so a finding looks the same in ``index.html``
and in the workbench; only the image links change: evidence is served by
its id (``/evidence/<id>``), never by a path.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, select

# The case files' view helpers: one layout of evidence for both outputs.
from integrity.casefiles.html import _extra_tables, _finding_view, describe_location
from integrity.review.decisions import CASE_STATUSES, FINDING_DECISIONS, review_state
from integrity.review.store import cases, evidence, findings, suppressions

HIDDEN_RECORD_KEYS = {"suppressed_findings"}


def _link_evidence(block: dict[str, Any], urls: dict[str, str]) -> dict[str, Any]:
    block = dict(block)
    if block.get("type") == "image":
        block["path"] = urls.get(block.get("path") or "")
    elif block.get("type") == "side_by_side":
        block["items"] = [_link_evidence(item, urls) for item in block.get("items") or []]
    return block


def _page_links(case_id: str, key: str, locations: list[dict[str, Any]], has_pdf: bool) -> list[dict[str, Any]]:
    if not has_pdf:
        return []
    links, seen = [], set()
    for loc in locations:
        page = loc.get("page")
        if isinstance(page, int) and page >= 1 and page not in seen:
            seen.add(page)
            links.append({"page": page, "url": f"/cases/{case_id}/pages/{page}?finding={key}"})
    return links


def _state_of(row: dict[str, Any]) -> str:
    if not row["present"]:
        return "gone"
    return "suppressed" if row["suppression_id"] is not None else "raised"


def load_case(conn: Connection, case_id: str) -> dict[str, Any] | None:
    """Everything the case page needs, or None for an unknown case."""
    row = conn.execute(select(cases).where(cases.c.id == case_id)).mappings().first()
    if row is None:
        return None
    case = dict(row)
    record = json.loads(case.pop("record"))
    case["authors"] = json.loads(case["authors"] or "[]")
    rows = [dict(r) for r in conn.execute(select(findings).where(findings.c.case_id == case_id)).mappings()]
    urls: dict[int, dict[str, str]] = {}
    files: dict[int, list[dict[str, Any]]] = {}
    if rows:
        for ev in conn.execute(select(evidence).where(evidence.c.finding_id.in_([r["id"] for r in rows]))).mappings():
            urls.setdefault(ev["finding_id"], {})[ev["path"]] = f"/evidence/{ev['id']}"
            files.setdefault(ev["finding_id"], []).append({"id": ev["id"], "name": ev["name"], "caption": ev["caption"],
                                                           "url": f"/evidence/{ev['id']}", "blob_sha256": ev["blob_sha256"]})
    suppression_ids = {r["suppression_id"] for r in rows if r["suppression_id"] is not None}
    by_id = {}
    if suppression_ids:
        by_id = {s["id"]: dict(s) for s in conn.execute(select(suppressions).where(suppressions.c.id.in_(suppression_ids))).mappings()}
    state = review_state(conn, case_id)
    views = []
    for r in rows:
        data = json.loads(r["data"])
        view = _finding_view(data)
        history = state["decisions"].get(r["finding_key"], [])
        view.update({
            "id": r["id"], "key": r["finding_key"], "content_key": r["content_key"], "family": r["family"],
            "state": _state_of(r), "suppression": by_id.get(r["suppression_id"]),
            "blocks": [_link_evidence(b, urls.get(r["id"], {})) for b in view["blocks"]],
            "files": files.get(r["id"], []), "history": history, "decision": history[-1] if history else None,
            "pages": _page_links(case_id, r["finding_key"], data.get("locations") or [], bool(case["pdf_sha256"])),
            "severity_rank": r["severity_rank"],
        })
        views.append(view)
    order = {"raised": 0, "suppressed": 1, "gone": 2}
    views.sort(key=lambda v: (order[v["state"]], -v["severity_rank"], -float(v.get("confidence") or 0), v.get("number") or 0))
    extra = {k: v for k, v in record.items() if k not in HIDDEN_RECORD_KEYS}
    return {
        "case": case, "record": record, "manuscript": record.get("manuscript") or {}, "findings": views,
        "raised": [v for v in views if v["state"] == "raised"], "suppressed": [v for v in views if v["state"] == "suppressed"],
        "gone": [v for v in views if v["state"] == "gone"], "state": state, "extra_tables": _extra_tables(extra),
        "statuses": CASE_STATUSES, "finding_decisions": FINDING_DECISIONS,
    }


def finding_api(view: dict[str, Any]) -> dict[str, Any]:
    """One finding for the JSON API."""
    decision = view["decision"]
    return {
        "key": view["key"], "number": view.get("number"), "detector": view.get("detector"), "family": view["family"],
        "kind": view.get("kind"), "severity": view.get("severity"), "confidence": view.get("confidence"),
        "title": view.get("title"), "explanation": view.get("explanation"), "locations": view.get("locations") or [],
        "where": [describe_location(loc) for loc in view.get("locations") or []], "evidence": view.get("evidence") or {},
        "images": [{"name": f["name"], "caption": f["caption"], "url": f["url"]} for f in view["files"]],
        "state": view["state"],
        "suppression": _suppression_api(view["suppression"]) if view["suppression"] else None,
        "decision": _decision_api(decision) if decision else None,
        "decision_history": [_decision_api(d) for d in view["history"]],
    }


def _decision_api(d: dict[str, Any]) -> dict[str, Any]:
    return {"decision": d["decision"], "reason": d["reason"], "by": d["actor"], "at": d["at"]}


def _suppression_api(s: dict[str, Any]) -> dict[str, Any]:
    return {"id": s["id"], "scope": s["scope"], "reason": s["reason"], "by": s["created_by"], "at": s["created_at"],
            "revoked_at": s["revoked_at"], "revoked_by": s["revoked_by"]}


def case_summary_api(case: dict[str, Any]) -> dict[str, Any]:
    authors = case.get("authors")
    return {
        "id": case["id"], "short_id": case["short_id"], "title": case["title"], "filename": case["filename"],
        "authors": json.loads(authors) if isinstance(authors, str) else authors or [], "doi": case["doi"],
        "journal": case["journal"], "source": case["source"], "pages": case["pages"], "score": case["score"],
        "top_severity": case["top_severity"], "findings_raised": case["n_findings"], "findings_suppressed": case["n_suppressed"],
        "status": case["status"], "assignee": case["assignee"], "screened_at": case["screened_at"],
        "updated_at": case["updated_at"], "families": case.get("families", []), "url": f"/cases/{case['id']}",
    }


def case_api(loaded: dict[str, Any]) -> dict[str, Any]:
    """A whole case for the JSON API: summary, manuscript, findings with decisions, review state."""
    state = loaded["state"]
    return {
        **case_summary_api(loaded["case"]),
        "manuscript": {k: v for k, v in loaded["manuscript"].items() if k not in ("sections", "figures", "tables")},
        "errors": loaded["record"].get("errors") or [], "warnings": loaded["record"].get("warnings") or [],
        "findings": [finding_api(v) for v in loaded["findings"]],
        "notes": [{"id": n["id"], "text": n["text"], "by": n["actor"], "at": n["at"]} for n in state["notes"]],
        "second_opinions": [{k: o[k] for k in ("id", "requested_by", "requested_at", "reviewer", "question", "opinion",
                                                "recorded_by", "recorded_at")} for o in state["second_opinions"]],
    }
