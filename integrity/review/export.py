"""A case for a committee: one PDF, and a ZIP of JSON + evidence images.

Both are drawn from the store at the moment of export: the evidence, every
decision with its reason, notes, second opinions, suppressions and the
case's audit trail with the chain's verification and head hash. The wording
is neutral ("finding", "reason to look"). The export itself is then
recorded in the audit trail with the SHA-256 of the file handed out, so a
copy can later be checked against the trail.
"""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

from sqlalchemy import Engine, select

from integrity.review import audit
from integrity.review.keys import canonical_json
from integrity.review.store import get_blob, now_iso, suppressions
from integrity.review.views import case_api, load_case

STATE_NAMES = {"raised": "raised", "suppressed": "suppressed", "gone": "not raised in the latest screening"}
PDF_CSS = """
body { font-family: sans-serif; font-size: 9pt; color: #1f2933; }
h1 { font-size: 16pt; margin: 0 0 4pt 0; } h2 { font-size: 12pt; margin: 12pt 0 4pt 0; } h3 { font-size: 10pt; margin: 6pt 0 2pt 0; }
p { margin: 2pt 0 4pt 0; } table { border-collapse: collapse; margin: 4pt 0; }
th, td { border: 0.5pt solid #9aa5b1; padding: 2pt 3pt; text-align: left; vertical-align: top; font-size: 8pt; }
th { background-color: #f0f4f8; } .muted { color: #616e7c; } .label { color: #616e7c; font-size: 8pt; }
.excerpt { font-family: serif; white-space: pre-wrap; background-color: #fbfcfd; border: 0.5pt solid #d9e2ec; padding: 4pt; }
.mark { background-color: #ffe066; } .note { background-color: #f0f4f8; padding: 3pt; } .mono { font-family: monospace; font-size: 7pt; }
"""


def _environment():
    from integrity.review.web import templates

    return templates()


def _boxed_png(data: bytes, boxes: list[dict[str, Any]]) -> bytes:
    """The evidence image with its boxes drawn in (the PDF has no SVG overlay)."""
    from PIL import Image, ImageDraw

    image = Image.open(io.BytesIO(data)).convert("RGB")
    draw = ImageDraw.Draw(image)
    width = max(2, round(max(image.size) / 200))
    for box in boxes:
        draw.rectangle([box["x"], box["y"], box["x"] + box["w"], box["y"] + box["h"]], outline=box["color"], width=width)
        draw.text((box["x"] + width, max(0, box["y"] - 12)), box["label"], fill=box["color"])
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _prepare_images(conn, loaded: dict[str, Any], archive) -> None:
    """Put each evidence image into the Story archive and point its block at it."""
    by_url = {f["url"]: f for v in loaded["findings"] for f in v["files"]}

    def visit(block: dict[str, Any]) -> None:
        if block.get("type") == "side_by_side":
            for item in block.get("items") or []:
                visit(item)
        elif block.get("type") == "image" and block.get("path") in by_url:
            blob = get_blob(conn, by_url[block["path"]]["blob_sha256"])
            if blob and blob["media_type"].startswith("image/"):
                try:
                    png = _boxed_png(blob["data"], block.get("boxes") or [])
                except Exception:  # an undecodable image is listed, not drawn
                    return
                name = f"ev{by_url[block['path']]['id']}-{len(archive.entry_list)}.png"
                archive.add(png, name)
                block["archive_name"] = name
                block["display_width"] = 240 if block.get("_paired") else 480

    for view in loaded["findings"]:
        for block in view["blocks"]:
            if block.get("type") == "side_by_side":
                for item in block.get("items") or []:
                    item["_paired"] = True
            visit(block)


def _chain_status(engine: Engine, conn) -> dict[str, Any]:
    ok, bad = audit.verify_audit_chain(engine)
    return {"ok": ok, "first_bad": bad, "head": audit.chain_head(conn)}


def _render_pdf(html: str, archive, short_id: str) -> bytes:
    import pymupdf

    story = pymupdf.Story(html, user_css=PDF_CSS, archive=archive)
    buffer = io.BytesIO()
    writer = pymupdf.DocumentWriter(buffer)
    mediabox = pymupdf.paper_rect("a4")
    more = True
    while more:
        device = writer.begin_page(mediabox)
        more, _ = story.place(mediabox + (42, 42, -42, -54))
        story.draw(device)
        writer.end_page()
    writer.close()
    doc = pymupdf.open("pdf", buffer.getvalue())
    for number, page in enumerate(doc, start=1):
        page.insert_text((42, mediabox.height - 28), f"Screening case {short_id} · page {number} of {doc.page_count} · "
                         "findings are reasons to look, not judgements about the authors", fontsize=7, color=(0.38, 0.43, 0.49))
    doc.set_metadata({"title": f"Screening case {short_id}", "creator": "research-integrity review workbench"})
    return doc.tobytes(garbage=3, deflate=True)


def _build_pdf(engine: Engine, conn, loaded: dict[str, Any], actor: str, exported_at: str) -> bytes:
    import pymupdf

    archive = pymupdf.Archive()
    _prepare_images(conn, loaded, archive)
    html = _environment().get_template("export.html").render(
        case=loaded["case"], record=loaded["record"], findings=loaded["findings"], raised=loaded["raised"],
        suppressed=loaded["suppressed"], state=loaded["state"], statuses=loaded["statuses"],
        finding_decisions=loaded["finding_decisions"], state_names=STATE_NAMES, exported_at=exported_at, exported_by=actor,
        audit_entries=audit.case_entries(conn, loaded["case"]["id"]), chain=_chain_status(engine, conn))
    return _render_pdf(html, archive, loaded["case"]["short_id"])


def _load(engine: Engine, conn, case_id: str) -> dict[str, Any]:
    loaded = load_case(conn, case_id)
    if loaded is None:
        raise LookupError(f"no case {case_id!r}")
    return loaded


def export_pdf(engine: Engine, case_id: str, actor: str) -> bytes:
    """The case as one PDF; the export is recorded in the audit trail."""
    exported_at = now_iso()
    with engine.connect() as conn:
        pdf = _build_pdf(engine, conn, _load(engine, conn, case_id), actor, exported_at)
    _record_export(engine, case_id, actor, "pdf", pdf)
    return pdf


def export_zip(engine: Engine, case_id: str, actor: str) -> bytes:
    """The case as a ZIP: case.json, review.json, audit.json, evidence/, case.pdf and a manifest of SHA-256s."""
    import hashlib

    exported_at = now_iso()
    files: dict[str, bytes] = {}
    with engine.connect() as conn:
        loaded = _load(engine, conn, case_id)
        files["case.json"] = json.dumps(loaded["record"], indent=2, ensure_ascii=False).encode()
        review = case_api(loaded)
        review["suppressions"] = [dict(r) for r in conn.execute(select(suppressions).where(suppressions.c.manuscript_id == case_id)).mappings()]
        for finding in review["findings"]:
            for image in finding["images"]:
                view_file = next(f for v in loaded["findings"] for f in v["files"] if f["url"] == image["url"])
                blob = get_blob(conn, view_file["blob_sha256"])
                safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in image["name"]).lstrip(".") or "image"
                image["file"] = f"evidence/{finding['key'][:12]}-{view_file['id']}-{safe}"
                files[image["file"]] = blob["data"] if blob else b""
        files["review.json"] = json.dumps(review, indent=2, ensure_ascii=False, default=str).encode()
        chain = _chain_status(engine, conn)
        files["audit.json"] = json.dumps({
            "exported_at": exported_at, "exported_by": actor, "chain_verified": chain["ok"], "first_bad_entry": chain["first_bad"],
            "chain_head": chain["head"], "hash_rule": "hash = sha256(prev_hash + canonical JSON of {seq, at, actor, action, case_id, finding_key, detail})",
            "entries": audit.case_entries(conn, case_id)}, indent=2, ensure_ascii=False, default=str).encode()
        files["case.pdf"] = _build_pdf(engine, conn, loaded, actor, exported_at)
    manifest = {name: hashlib.sha256(data).hexdigest() for name, data in sorted(files.items())}
    files["manifest.json"] = canonical_json({"case_id": case_id, "exported_at": exported_at, "files": manifest}).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0)), data, compress_type=zipfile.ZIP_DEFLATED)
    data = buffer.getvalue()
    _record_export(engine, case_id, actor, "zip", data)
    return data


def _record_export(engine: Engine, case_id: str, actor: str, kind: str, data: bytes) -> None:
    import hashlib

    audit.record(engine, actor, "case_exported", case_id, None, {"format": kind, "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()})
