"""The review queue: cases ranked by score, filtered, counted and paged in the database."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any

from sqlalchemy import Connection, and_, exists, func, or_, select, true

from integrity.review.decisions import CASE_STATUSES
from integrity.review.store import cases, findings

SEVERITY_RANK = {"info": 0, "low": 1, "medium": 2, "high": 3}
PER_PAGE_MAX = 200
UNASSIGNED = "(unassigned)"


@dataclass
class QueueFilter:
    """What the queue shows. Empty strings mean "any"; ``severity`` is the minimum top severity."""

    family: str = ""
    severity: str = ""
    status: str = ""
    assignee: str = ""
    source: str = ""  # journal or source, substring
    date_from: str = ""  # YYYY-MM-DD, on the screening date
    date_to: str = ""
    q: str = ""  # title, file name, DOI or case id, substring
    page: int = 1
    per_page: int = 50

    @classmethod
    def from_params(cls, params: Any) -> "QueueFilter":
        """From query parameters; unknown or malformed values are dropped, never trusted."""
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = params.get(f.name)
            if raw is None or raw == "":
                continue
            if f.type in ("int", int):
                try:
                    values[f.name] = int(raw)
                except (TypeError, ValueError):
                    continue
            else:
                values[f.name] = str(raw)[:200]
        filt = cls(**values)
        filt.page = max(1, filt.page)
        filt.per_page = min(max(1, filt.per_page), PER_PAGE_MAX)
        if filt.severity not in SEVERITY_RANK:
            filt.severity = ""
        if filt.status not in CASE_STATUSES:
            filt.status = ""
        return filt

    def params(self, **changes: Any) -> dict[str, Any]:
        """Non-default values (with ``changes``), for building links that keep the filter."""
        merged = {**asdict(self), **changes}
        defaults = asdict(QueueFilter())
        return {k: v for k, v in merged.items() if v not in ("", None) and v != defaults[k]}


def _like(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _conditions(filt: QueueFilter, with_status: bool = True) -> list[Any]:
    conditions = []
    if filt.family:
        conditions.append(exists().where(findings.c.case_id == cases.c.id, findings.c.family == filt.family,
                                         findings.c.present.is_(True), findings.c.suppression_id.is_(None)))
    if filt.severity:
        conditions.append(cases.c.severity_rank >= SEVERITY_RANK[filt.severity])
    if with_status and filt.status:
        conditions.append(cases.c.status == filt.status)
    if filt.assignee == UNASSIGNED:
        conditions.append(cases.c.assignee.is_(None))
    elif filt.assignee:
        conditions.append(cases.c.assignee == filt.assignee)
    if filt.source:
        pattern = _like(filt.source.lower())
        conditions.append(or_(func.lower(cases.c.source).like(pattern, escape="\\"), func.lower(cases.c.journal).like(pattern, escape="\\")))
    if filt.date_from:
        conditions.append(cases.c.screened_at >= filt.date_from[:10])
    if filt.date_to:
        conditions.append(cases.c.screened_at < filt.date_to[:10] + "T99")  # the whole last day
    if filt.q:
        pattern = _like(filt.q.lower())
        conditions.append(or_(*(func.lower(c).like(pattern, escape="\\") for c in (cases.c.title, cases.c.filename, cases.c.doi, cases.c.id))))
    return conditions


QUEUE_COLUMNS = [cases.c.id, cases.c.short_id, cases.c.title, cases.c.filename, cases.c.authors, cases.c.doi, cases.c.journal,
                 cases.c.source, cases.c.pages, cases.c.score, cases.c.top_severity, cases.c.n_findings, cases.c.n_suppressed,
                 cases.c.has_errors, cases.c.status, cases.c.assignee, cases.c.screened_at, cases.c.updated_at]


def list_cases(conn: Connection, filt: QueueFilter) -> tuple[list[dict[str, Any]], int]:
    """One page of the queue, highest score first, and the number of cases that match."""
    where = and_(true(), *_conditions(filt))
    total = conn.execute(select(func.count()).select_from(cases).where(where)).scalar_one()
    query = (select(*QUEUE_COLUMNS).where(where)
             .order_by(cases.c.score.desc(), cases.c.severity_rank.desc(), cases.c.screened_at.desc(), cases.c.id)
             .limit(filt.per_page).offset((filt.page - 1) * filt.per_page))
    rows = [dict(r._mapping) for r in conn.execute(query)]
    if rows:
        fams = conn.execute(select(findings.c.case_id, findings.c.family).distinct()
                            .where(findings.c.case_id.in_([r["id"] for r in rows]), findings.c.present.is_(True),
                                   findings.c.suppression_id.is_(None), findings.c.severity != "info")).all()
        by_case: dict[str, list[str]] = {}
        for case_id, family in fams:
            by_case.setdefault(case_id, []).append(family)
        for row in rows:
            row["families"] = sorted(by_case.get(row["id"], []))
    return rows, total


def status_counts(conn: Connection, filt: QueueFilter) -> dict[str, int]:
    """Cases per status under the filter's other conditions (so the tabs add up)."""
    where = and_(true(), *_conditions(filt, with_status=False))
    found = dict(conn.execute(select(cases.c.status, func.count()).where(where).group_by(cases.c.status)).all())
    return {status: found.get(status, 0) for status in CASE_STATUSES}


def filter_options(conn: Connection) -> dict[str, list[str]]:
    """Values the queue's drop-downs offer."""
    def distinct(column, table=cases):
        return sorted(v for (v,) in conn.execute(select(column).distinct().where(column.is_not(None))) if v)

    return {"families": distinct(findings.c.family, findings), "assignees": distinct(cases.c.assignee),
            "sources": sorted(set(distinct(cases.c.source)) | set(distinct(cases.c.journal)))}
