"""Tell the integrity team what a run found: a Prefect artifact, and when
configured a webhook POST and/or an e-mail.

Configuration (environment, so a deployment sets it once):

``INTEGRITY_WEBHOOK_URL``    POST the run digest as JSON here (Slack/Teams-style
                             ``text`` plus the structured summary)
``INTEGRITY_SMTP_HOST``      send an e-mail through this SMTP server
``INTEGRITY_SMTP_PORT``      default 25; ``INTEGRITY_SMTP_STARTTLS=1`` to upgrade
``INTEGRITY_SMTP_USER`` / ``INTEGRITY_SMTP_PASSWORD``   optional login
``INTEGRITY_MAIL_FROM`` / ``INTEGRITY_MAIL_TO``         sender; comma-separated recipients

A notification that cannot be delivered is logged; it never fails the run.
"""

from __future__ import annotations

import logging
import os
import smtplib
from collections import Counter
from email.message import EmailMessage
from typing import Any

log = logging.getLogger("integrity.notify")
SEVERITIES = ("high", "medium", "low", "info")


def digest(run: dict[str, Any]) -> dict[str, Any]:
    """What the team needs from a run: new cases by severity, failures, totals."""
    new = [r for r in run["cases"] if r["status"] == "screened" and not r.get("reused")]
    by_severity = Counter(r["top_severity"] or "none" for r in new)
    failures = [
        {"filename": r["filename"], "reason": "; ".join(p["message"] for p in r["errors"]) or "failed"}
        for r in run["cases"] if r["status"] == "failed"
    ]
    return {
        "run_id": run["run_id"],
        "totals": run["totals"],
        "new_cases": len(new),
        "new_cases_by_severity": {s: by_severity.get(s, 0) for s in (*SEVERITIES, "none")},
        "flagged": [
            {"filename": r["filename"], "score": r["score"], "top_severity": r["top_severity"], "folder": r["folder"]}
            for r in sorted(new, key=lambda r: -r["score"]) if r["top_severity"] in ("high", "medium")
        ],
        "failures": failures,
        "dashboard": run.get("dashboard"),
    }


def digest_text(d: dict[str, Any]) -> str:
    t = d["totals"]
    severity = ", ".join(f"{n} {s}" for s, n in d["new_cases_by_severity"].items() if n) or "none"
    lines = [
        f"Screening run {d['run_id']}: {t['inputs']} input(s) = {t['screened']} screened + {t['failed']} failed + {t['skipped']} skipped.",
        f"New cases: {d['new_cases']} (top severity: {severity}).",
    ]
    lines += [f"  {f['top_severity']:>6}  {f['score']:>6}  {f['filename']}  ({f['folder']})" for f in d["flagged"]]
    lines += [f"  FAILED  {f['filename']}: {f['reason']}" for f in d["failures"]]
    if d.get("dashboard"):
        lines.append(f"Dashboard: {d['dashboard']}")
    return "\n".join(lines)


def summary_table(d: dict[str, Any]) -> list[dict[str, Any]]:
    """Rows of the Prefect table artifact: new cases by severity, then failures."""
    rows = [{"what": f"new cases, top severity {s}", "count": n} for s, n in d["new_cases_by_severity"].items()]
    rows += [{"what": "failed", "count": d["totals"]["failed"]}, {"what": "skipped", "count": d["totals"]["skipped"]}]
    rows += [{"what": f"failed: {f['filename']}", "count": f["reason"]} for f in d["failures"]]
    return rows


def publish_run(run: dict[str, Any]) -> dict[str, Any]:
    """Artifacts (inside a Prefect flow run) and the configured notifications; returns the digest."""
    from prefect.artifacts import create_markdown_artifact, create_table_artifact

    from integrity.summary import run_markdown

    d = digest(run)
    create_markdown_artifact(key="screen-batch-summary", markdown=run_markdown(run), description="Screening run summary")
    create_table_artifact(key="screen-batch-counts", table=summary_table(d), description=f"Run {run['run_id']}: new cases by severity, failures")
    if run["cases"]:  # an empty half-hourly run is not worth an e-mail
        send_notifications(d)
    return d


def send_notifications(d: dict[str, Any], env: dict[str, str] | None = None) -> list[str]:
    """Deliver the digest to every configured channel; returns the channels that got it."""
    env = dict(os.environ if env is None else env)
    delivered = []
    if env.get("INTEGRITY_WEBHOOK_URL"):
        try:
            post_webhook(env["INTEGRITY_WEBHOOK_URL"], d)
            delivered.append("webhook")
        except Exception:
            log.warning("webhook notification failed", exc_info=True)
    if env.get("INTEGRITY_SMTP_HOST") and env.get("INTEGRITY_MAIL_TO"):
        try:
            send_email(d, env)
            delivered.append("email")
        except Exception:
            log.warning("e-mail notification failed", exc_info=True)
    return delivered


def post_webhook(url: str, d: dict[str, Any], attempts: int = 3) -> None:
    import httpx

    from integrity.sources import with_retries

    def attempt() -> None:
        httpx.post(url, json={"text": digest_text(d), "run": d}, timeout=30).raise_for_status()

    with_retries(attempt, attempts=attempts, transient=(httpx.TransportError, httpx.HTTPStatusError))


def send_email(d: dict[str, Any], env: dict[str, str]) -> None:
    message = EmailMessage()
    t = d["totals"]
    message["Subject"] = f"Integrity screening: {d['new_cases']} new case(s), {t['failed']} failed ({d['run_id']})"
    message["From"] = env.get("INTEGRITY_MAIL_FROM", "integrity-screening@localhost")
    message["To"] = env["INTEGRITY_MAIL_TO"]
    message.set_content(digest_text(d))
    with smtplib.SMTP(env["INTEGRITY_SMTP_HOST"], int(env.get("INTEGRITY_SMTP_PORT", 25)), timeout=30) as smtp:
        if env.get("INTEGRITY_SMTP_STARTTLS") == "1":
            smtp.starttls()
        if env.get("INTEGRITY_SMTP_USER"):
            smtp.login(env["INTEGRITY_SMTP_USER"], env.get("INTEGRITY_SMTP_PASSWORD", ""))
        smtp.send_message(message)
