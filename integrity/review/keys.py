"""Stable identities for findings, so decisions and suppressions survive re-screening.

A screening run produces findings afresh; nothing in ``case.json`` says "this is
the finding you dismissed last week". Two keys say it instead:

``finding_key(manuscript_id, finding)`` — the *manuscript-scope* identity:
    SHA-256 over the manuscript id, the detector, the finding's kind, where it
    points (each location's page, character offsets, figure, and bounding box
    rounded to whole points) and the evidence's references to other things
    (every evidence field named ``*_id``/``*_ids``, ``source*``, ``document``,
    ``figure(s)``, ``panel(s)``, ``pair(s)``: the source document and its
    passage offsets for text overlap, the two figures or panels of an image
    pair). Scores, similarities and wording are left out, so a re-screen with
    other thresholds or a reworded explanation keeps the key; the same bytes
    give the same offsets, so the same finding gets the same key.

``content_key(finding, image_digests)`` — the *evidence-scope* identity,
    without the manuscript: the detector, the kind, the highlighted passages
    (normalised text), the references to other documents and the SHA-256 of
    each evidence image. It recognises "the same source pair / the same image
    pair" in a new version of a paper (new bytes, new manuscript id). A
    finding with no passage, image or cross-document reference has none.

Keys are the first 32 hex digits (128 bits) of the digest. Two findings of one
case with the same identity are told apart by their order (``#2``, ``#3`` ...).
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

KEY_LENGTH = 32
_REFERENCE_KEY = re.compile(r"(^|_)(ids?|sources?|documents?|doc|figures?|panels?|pairs?)$|^source_")
_CROSS_DOCUMENT_KEY = re.compile(r"source|document|(^|_)doc($|_)")


def canonical_json(value: Any) -> str:
    """JSON with sorted keys and no spaces: one text per value, for hashing."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def _digest(value: Any) -> str:
    return hashlib.sha256(canonical_json(value).encode("utf-8")).hexdigest()[:KEY_LENGTH]


def _location_identity(loc: dict[str, Any]) -> list[Any]:
    bbox = loc.get("bbox")
    box = [round(float(v)) for v in bbox] if isinstance(bbox, (list, tuple)) and len(bbox) == 4 else None
    return [loc.get("page"), loc.get("char_start"), loc.get("char_end"), loc.get("figure"), box]


def _is_scalar_tree(value: Any) -> bool:
    if isinstance(value, (list, tuple)):
        return all(_is_scalar_tree(v) for v in value)
    return isinstance(value, (str, int, bool)) or value is None


def evidence_references(evidence: Any, cross_document_only: bool = False, _path: str = "") -> list[list[Any]]:
    """``[dotted key, value]`` for every reference field in a finding's evidence (not its display blocks)."""
    found: list[list[Any]] = []
    if isinstance(evidence, dict):
        for key in sorted(evidence, key=str):
            if key == "display":
                continue
            value, name = evidence[key], str(key).lower()
            path = f"{_path}.{name}" if _path else name
            wanted = _REFERENCE_KEY.search(name) and (not cross_document_only or _CROSS_DOCUMENT_KEY.search(name))
            if wanted and _is_scalar_tree(value):
                found.append([path, value])
            elif isinstance(value, (dict, list)):
                found.extend(evidence_references(value, cross_document_only, path))
    elif isinstance(evidence, list):
        for i, item in enumerate(evidence):
            if isinstance(item, (dict, list)):
                found.extend(evidence_references(item, cross_document_only, f"{_path}[{i}]"))
    return found


def _normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).lower().split())


def highlighted_passages(finding: dict[str, Any]) -> list[str]:
    """The marked text of every excerpt block (the whole excerpt when nothing is marked)."""
    passages: list[str] = []

    def walk(block: Any) -> None:
        if not isinstance(block, dict):
            return
        if block.get("type") == "side_by_side":
            for item in block.get("items") or []:
                walk(item)
        elif block.get("type") == "excerpt":
            text = str(block.get("text") or "")
            spans = [s for s in block.get("highlights") or [] if isinstance(s, (list, tuple)) and len(s) == 2]
            pieces = []
            for start, end in spans:
                try:
                    pieces.append(text[max(0, int(start)):int(end)])
                except (TypeError, ValueError):
                    continue
            passages.append(_normalise(" ".join(pieces) if pieces else text))

    for block in (finding.get("evidence") or {}).get("display") or []:
        walk(block)
    return sorted(p for p in passages if p)


def finding_key(manuscript_id: str, finding: dict[str, Any], occurrence: int = 1) -> str:
    """The manuscript-scope key of one finding (a ``case.json`` finding dict)."""
    identity = {
        "manuscript": manuscript_id,
        "detector": finding.get("detector"),
        "kind": finding.get("kind"),
        "locations": [_location_identity(loc) for loc in finding.get("locations") or [] if isinstance(loc, dict)],
        "references": evidence_references(finding.get("evidence") or {}),
    }
    if occurrence > 1:
        identity["occurrence"] = occurrence
    return _digest(identity)


def content_key(finding: dict[str, Any], image_digests: Iterable[str] = ()) -> str | None:
    """The evidence-scope key, or None when the finding carries no comparable evidence."""
    passages = highlighted_passages(finding)
    references = evidence_references(finding.get("evidence") or {}, cross_document_only=True)
    images = sorted(image_digests)
    if not (passages or references or images):
        return None
    return _digest({"detector": finding.get("detector"), "kind": finding.get("kind"),
                    "passages": passages, "references": references, "images": images})


def assign_keys(manuscript_id: str, finding_dicts: list[dict[str, Any]], taken: Iterable[str] = ()) -> list[str]:
    """Keys for a case's findings in order; a repeated identity gets the next free occurrence number.

    ``taken`` holds keys already used by findings that are not in the list
    (findings a suppression took out before the case was written).
    """
    used = set(taken)
    keys = []
    for finding in finding_dicts:
        occurrence = 1
        key = finding_key(manuscript_id, finding)
        while key in used:
            occurrence += 1
            key = finding_key(manuscript_id, finding, occurrence)
        used.add(key)
        keys.append(key)
    return keys
