"""Bring case folders (``case.json`` + ``evidence/``) into the store.

Idempotent by manuscript id + screening run (the record's ``created_at`` and
``screening_fingerprint``): importing the same folder twice changes nothing;
importing a new screening of the same manuscript updates its findings, keeps
every decision, note, suppression and audit entry, and marks findings the new
screening no longer raises as "not raised in the latest screening" rather
than deleting them. An older screening imported after a newer one is
recorded but does not replace the newer findings.

Case folders are untrusted input: ``case.json`` is validated against the
schema, and evidence files are read only from the folder's own
``evidence/`` directory under the names the record gives (never following
a path out of it).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, delete, insert, select, update

from integrity.casefiles import validate_case
from integrity.review import audit
from integrity.review.keys import KEY_LENGTH, assign_keys, content_key
from integrity.review.store import cases, evidence, findings, now_iso, put_blob, screenings, transact
from integrity.review.suppressions import matching_suppression, refresh_case_summary

MAX_CASE_JSON_BYTES = 64 * 1024 * 1024
MAX_EVIDENCE_BYTES = 32 * 1024 * 1024
MAX_MANUSCRIPT_BYTES = 512 * 1024 * 1024
SEVERITY_RANK = {"info": 0, "low": 1, "medium": 2, "high": 3}
MANUSCRIPT_SUFFIXES = {".pdf", ".txt", ".xml"}
_EVIDENCE_PATH = re.compile(r"^evidence/[^/\\]+$")
_KEY = re.compile(rf"^[0-9a-f]{{{KEY_LENGTH}}}$")


class CaseImportError(ValueError):
    """The folder holds no valid case record."""


@dataclass
class ImportResult:
    case_id: str
    folder: str
    new_case: bool = False
    new_screening: bool = False
    unchanged: bool = False
    older_than_current: bool = False
    findings: int = 0
    suppressed: int = 0
    no_longer_raised: int = 0
    manuscript_stored: bool = False
    warnings: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def _families() -> dict[str, str]:
    try:
        from integrity.registry import detector_classes

        return {name: cls.family or name for name, cls in detector_classes().items()}
    except Exception:  # a broken plug-in must not stop an import
        return {}


def detector_family(detector: str) -> str:
    """The reviewer-facing family (text, images, stats, metadata) of a detector name."""
    return _families().get(detector, detector)


def _read_evidence(folder: Path, finding: dict[str, Any], warnings: list[str]) -> list[dict[str, Any]]:
    """The finding's evidence images, read only from ``folder/evidence``."""
    base = (folder / "evidence").resolve()
    files = []
    for image in finding.get("images") or []:
        path = str(image.get("path") or "")
        if not _EVIDENCE_PATH.match(path):
            warnings.append(f"evidence path {path!r} ignored: not a file in evidence/")
            continue
        target = (folder / path).resolve()
        if target.parent != base or not target.is_file():
            warnings.append(f"evidence file {path!r} is missing or outside evidence/")
            continue
        if target.stat().st_size > MAX_EVIDENCE_BYTES:
            warnings.append(f"evidence file {path!r} is larger than {MAX_EVIDENCE_BYTES} bytes; not imported")
            continue
        files.append({"path": path, "name": str(image.get("name") or ""), "caption": str(image.get("caption") or ""),
                      "data": target.read_bytes()})
    return files


def load_record(folder: Path) -> dict[str, Any]:
    path = folder / "case.json"
    try:
        if path.stat().st_size > MAX_CASE_JSON_BYTES:
            raise CaseImportError(f"{path} is larger than {MAX_CASE_JSON_BYTES} bytes")
        record = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CaseImportError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    except ValueError as exc:
        raise CaseImportError(f"{path}: not valid JSON ({exc})") from exc
    try:
        validate_case(record)
    except Exception as exc:  # jsonschema.ValidationError, with a long message
        raise CaseImportError(f"{path}: does not follow the case schema: {str(exc).splitlines()[0]}") from exc
    return record


def _incoming_findings(folder: Path, record: dict[str, Any], warnings: list[str]) -> list[dict[str, Any]]:
    """Raised findings and the ones a suppression took out before the case was written, each with its key."""
    manuscript_id = record["manuscript"]["id"]
    hidden = [e for e in record.get("suppressed_findings") or []
              if isinstance(e, dict) and isinstance(e.get("finding"), dict) and _KEY.match(str(e.get("finding_key") or ""))]
    raised = record.get("findings") or []
    incoming = []
    for finding, key in zip(raised, assign_keys(manuscript_id, raised, taken=[e["finding_key"] for e in hidden])):
        files = _read_evidence(folder, finding, warnings)
        digests = [hashlib.sha256(f["data"]).hexdigest() for f in files]
        incoming.append({"data": finding, "key": key, "content_key": content_key(finding, digests), "files": files})
    for entry in hidden:
        ckey = entry.get("content_key")
        incoming.append({"data": entry["finding"], "key": entry["finding_key"], "files": None,
                         "content_key": ckey if isinstance(ckey, str) and _KEY.match(ckey) else content_key(entry["finding"])})
    return incoming


def _case_values(record: dict[str, Any], folder: Path, source: str | None) -> dict[str, Any]:
    m = record["manuscript"]
    values = {
        "short_id": m["id"][:12], "title": str(m.get("title") or ""), "filename": str(m.get("filename") or ""),
        "authors": json.dumps([str(a) for a in m.get("authors") or []], ensure_ascii=False), "doi": m.get("doi"),
        "journal": m.get("journal") or record.get("journal"), "format": str(m.get("format") or ""),
        "pages": int(m.get("pages") or 0), "screened_score": float(record.get("score") or 0),
        "has_errors": bool(record.get("errors")), "screened_at": str(record.get("created_at") or ""),
        "record": json.dumps(record, ensure_ascii=False),
    }
    values["source"] = source or folder.parent.name
    return values


def _store_findings(conn: Connection, case_id: str, incoming: list[dict[str, Any]], screening_id: int) -> tuple[int, list[str], int]:
    """Upsert the findings; returns (raised, keys suppressed, findings no longer raised)."""
    existing = {r["finding_key"]: dict(r) for r in conn.execute(select(findings).where(findings.c.case_id == case_id)).mappings()}
    suppressed_keys = []
    for item in incoming:
        f, key = item["data"], item["key"]
        if item["files"] is None and key in existing:
            # Taken out before the case was written, so its images were not: keep the ones imported earlier.
            earlier = json.loads(existing[key]["data"])
            f = {**f, "images": earlier.get("images") or [], "number": earlier.get("number") or f.get("number")}
        s = matching_suppression(conn, case_id, key, item["content_key"])
        values = {
            "content_key": item["content_key"], "detector": str(f.get("detector")), "family": detector_family(str(f.get("detector"))),
            "kind": str(f.get("kind")), "severity": str(f.get("severity")), "severity_rank": SEVERITY_RANK.get(f.get("severity"), 0),
            "confidence": float(f.get("confidence") or 0), "title": str(f.get("title") or ""), "number": int(f.get("number") or 0),
            "data": json.dumps(f, ensure_ascii=False), "present": True, "suppression_id": s["id"] if s else None,
            "last_screening_id": screening_id,
        }
        if key in existing:
            finding_id = existing.pop(key)["id"]
            conn.execute(update(findings).where(findings.c.id == finding_id).values(**values))
        else:
            finding_id = conn.execute(insert(findings).values(case_id=case_id, finding_key=key, first_screening_id=screening_id,
                                                              **values)).inserted_primary_key[0]
        if s:
            suppressed_keys.append(key)
        if item["files"] is not None:
            _store_evidence(conn, finding_id, item["files"])
    gone = [row["id"] for row in existing.values() if row["present"]]
    if gone:
        conn.execute(update(findings).where(findings.c.id.in_(gone)).values(present=False))
    return len(incoming) - len(suppressed_keys), suppressed_keys, len(gone)


def _store_evidence(conn: Connection, finding_id: int, files: list[dict[str, Any]]) -> None:
    current = {r.path: r.id for r in conn.execute(select(evidence.c.path, evidence.c.id).where(evidence.c.finding_id == finding_id))}
    for f in files:
        digest = put_blob(conn, f["data"])
        values = {"name": f["name"], "caption": f["caption"], "blob_sha256": digest}
        if f["path"] in current:
            conn.execute(update(evidence).where(evidence.c.id == current.pop(f["path"])).values(**values))
        else:
            conn.execute(insert(evidence).values(finding_id=finding_id, path=f["path"], **values))
    if current:
        conn.execute(delete(evidence).where(evidence.c.id.in_(list(current.values()))))


def _manuscript_bytes(path: str | Path | None, manuscript_id: str, warnings: list[str]) -> bytes | None:
    if not path:
        return None
    try:
        p = Path(path)
        if p.stat().st_size > MAX_MANUSCRIPT_BYTES:
            warnings.append("manuscript file too large to keep for page images")
            return None
        data = p.read_bytes()
    except OSError as exc:
        warnings.append(f"manuscript file not readable: {exc.strerror or exc}")
        return None
    if hashlib.sha256(data).hexdigest() != manuscript_id:
        warnings.append("manuscript file does not match the case's manuscript id; not kept")
        return None
    return data


def import_case_folder(engine: Engine, folder: str | Path, manuscript_path: str | Path | None = None,
                       source: str | None = None, actor: str = "system:import") -> ImportResult:
    """Import one case folder; ``manuscript_path`` (the screened file) enables page images."""
    folder = Path(folder).resolve()
    record = load_record(folder)
    case_id = record["manuscript"]["id"]
    result = ImportResult(case_id=case_id, folder=str(folder))
    incoming = _incoming_findings(folder, record, result.warnings)
    pdf = _manuscript_bytes(manuscript_path, case_id, result.warnings)
    record_sha = hashlib.sha256(json.dumps(record, sort_keys=True).encode()).hexdigest()
    run_key = hashlib.sha256(f"{record.get('created_at', '')}|{record.get('screening_fingerprint', '')}".encode()).hexdigest()[:32]

    def work(conn: Connection) -> ImportResult:
        now = now_iso()
        current = conn.execute(select(cases.c.screened_at, cases.c.pdf_sha256).where(cases.c.id == case_id)).first()
        pdf_sha = put_blob(conn, pdf) if pdf else None
        result.manuscript_stored = bool(pdf_sha or (current and current.pdf_sha256))
        run = conn.execute(select(screenings).where(screenings.c.case_id == case_id, screenings.c.run_key == run_key)).mappings().first()
        if run and run["record_sha256"] == record_sha and not (pdf_sha and current and current.pdf_sha256 != pdf_sha):
            result.unchanged = True
            return result
        values = _case_values(record, folder, source)
        if current is None:
            conn.execute(insert(cases).values(id=case_id, status="new", imported_at=now, updated_at=now, **values))
            result.new_case = True
        elif values["screened_at"] < (current.screened_at or ""):
            result.older_than_current = True
        if run is None:
            screening_id = conn.execute(insert(screenings).values(
                case_id=case_id, run_key=run_key, created_at=values["screened_at"], fingerprint=str(record.get("screening_fingerprint") or ""),
                record_sha256=record_sha, folder=folder.name, imported_at=now)).inserted_primary_key[0]
            result.new_screening = True
        else:
            screening_id = run["id"]
            conn.execute(update(screenings).where(screenings.c.id == screening_id).values(record_sha256=record_sha, imported_at=now))
        if pdf_sha:
            conn.execute(update(cases).where(cases.c.id == case_id).values(pdf_sha256=pdf_sha))
        if result.older_than_current:
            return result
        if not result.new_case:
            del values["source"]  # a re-screen (an upload of a known paper, say) keeps where the case came from
        conn.execute(update(cases).where(cases.c.id == case_id).values(screening_id=screening_id, updated_at=now, **values))
        result.findings, suppressed_keys, result.no_longer_raised = _store_findings(conn, case_id, incoming, screening_id)
        result.suppressed = len(suppressed_keys)
        refresh_case_summary(conn, case_id)
        action = "case_imported" if result.new_case else "case_rescreened"
        audit.append(conn, actor, action, case_id, None, {
            "folder": folder.name, "screened_at": values["screened_at"], "findings_raised": result.findings,
            "findings_suppressed": result.suppressed, "manuscript_stored": result.manuscript_stored})
        if suppressed_keys:
            audit.append(conn, actor, "suppression_applied", case_id, None, {"finding_keys": suppressed_keys})
        return result

    return transact(engine, work)


def manuscript_index(sources: list[str | Path]) -> dict[str, Path]:
    """SHA-256 -> path for every manuscript file under ``sources`` (to find a case's PDF)."""
    found: dict[str, Path] = {}
    for source in sources:
        root = Path(source)
        candidates = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for path in candidates:
            if path.suffix.lower() in MANUSCRIPT_SUFFIXES and path.stat().st_size <= MAX_MANUSCRIPT_BYTES:
                found.setdefault(hashlib.sha256(path.read_bytes()).hexdigest(), path)
    return found


def import_cases(engine: Engine, cases_dir: str | Path, sources: list[str | Path] = (), source: str | None = None) -> tuple[list[ImportResult], list[str]]:
    """Import every case folder under ``cases_dir``; a bad folder is reported, never stops the rest."""
    by_hash = manuscript_index(list(sources)) if sources else {}
    results, errors = [], []
    for case_json in sorted(Path(cases_dir).glob("*/case.json")):
        folder = case_json.parent
        try:
            manuscript_id = json.loads(case_json.read_text(encoding="utf-8")).get("manuscript", {}).get("id", "")
        except (OSError, ValueError, AttributeError):
            manuscript_id = ""
        try:
            results.append(import_case_folder(engine, folder, by_hash.get(manuscript_id), source=source))
        except CaseImportError as exc:
            errors.append(str(exc))
    return results, errors
