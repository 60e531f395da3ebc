"""Run notifications: digest, webhook POST and e-mail against local servers."""

from __future__ import annotations

import time

from tests.source_servers import SmtpSink, WebhookReceiver


def _row(filename, status, severity=None, score=0.0, reused=False, errors=()):
    return {"filename": filename, "status": status, "top_severity": severity, "score": score, "reused": reused,
            "folder": f"x-{filename}", "errors": [{"message": m} for m in errors], "warnings": []}


RUN = {
    "run_id": "20260101T000000Z-abc",
    "totals": {"inputs": 4, "screened": 2, "failed": 1, "skipped": 1},
    "dashboard": "/cases/index.html",
    "cases": [
        _row("copied.pdf", "screened", "high", 9.0),
        _row("clean.pdf", "screened", None, 0.0),
        _row("empty.pdf", "failed", errors=["The file is empty."]),
        _row("old.pdf", "skipped", "medium", 4.0, reused=True),
    ],
}


def test_digest_counts_new_cases_by_severity_and_lists_failures():
    from integrity.notify import digest, digest_text, summary_table

    d = digest(RUN)
    assert d["new_cases"] == 2
    assert d["new_cases_by_severity"]["high"] == 1 and d["new_cases_by_severity"]["none"] == 1
    assert [f["filename"] for f in d["flagged"]] == ["copied.pdf"]
    assert d["failures"] == [{"filename": "empty.pdf", "reason": "The file is empty."}]
    text = digest_text(d)
    assert "4 input(s) = 2 screened + 1 failed + 1 skipped" in text and "copied.pdf" in text
    assert {"what": "failed", "count": 1} in summary_table(d)


def test_webhook_and_email_are_delivered_when_configured():
    from integrity.notify import digest, send_notifications

    hook, smtp = WebhookReceiver(), SmtpSink()
    try:
        env = {
            "INTEGRITY_WEBHOOK_URL": hook.url,
            "INTEGRITY_SMTP_HOST": "127.0.0.1", "INTEGRITY_SMTP_PORT": str(smtp.port),
            "INTEGRITY_MAIL_TO": "integrity@journal.example, editor@journal.example", "INTEGRITY_MAIL_FROM": "screening@journal.example",
        }
        assert send_notifications(digest(RUN), env) == ["webhook", "email"]
        for _ in range(50):
            if smtp.messages:
                break
            time.sleep(0.05)
        assert hook.received[0]["run"]["new_cases"] == 2 and "copied.pdf" in hook.received[0]["text"]
        message = smtp.messages[0]
        assert sorted(message.rcpt_tos) == ["editor@journal.example", "integrity@journal.example"]
        assert b"2 new case(s), 1 failed" in message.content
    finally:
        hook.close()
        smtp.close()


def test_nothing_configured_sends_nothing_and_a_dead_endpoint_does_not_raise():
    from integrity.notify import digest, send_notifications

    assert send_notifications(digest(RUN), {}) == []
    assert send_notifications(digest(RUN), {"INTEGRITY_WEBHOOK_URL": "http://127.0.0.1:9/nowhere"}) == []
