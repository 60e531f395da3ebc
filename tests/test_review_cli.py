"""``integrity review import`` and ``integrity users ...`` (the typer apps the main CLI mounts)."""

from __future__ import annotations

from typer.testing import CliRunner

from integrity.review.auth import authenticate, list_users
from integrity.review.cli import review_app, users_app
from integrity.review.store import review_engine
from tests.test_review_support import PASSWORD, build_manuscript, screen


def test_users_and_import_commands(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path}/cli.db"
    monkeypatch.setenv("INTEGRITY_DB_URL", url)
    runner = CliRunner()
    added = runner.invoke(users_app, ["add", "ines", "--role", "admin", "--password-stdin"], input=PASSWORD + "\n")
    assert added.exit_code == 0, added.output
    assert runner.invoke(users_app, ["add", "ines", "--password-stdin"], input=PASSWORD + "\n").exit_code == 2  # exists
    assert runner.invoke(users_app, ["add", "weak", "--password-stdin"], input="short\n").exit_code == 2
    assert runner.invoke(users_app, ["add", "bad", "--role", "root", "--password-stdin"], input=PASSWORD + "\n").exit_code == 2
    assert runner.invoke(users_app, ["passwd", "ines", "--password-stdin"], input="a new long password\n").exit_code == 0
    engine = review_engine(url)
    assert authenticate(engine, "ines", "a new long password") and not authenticate(engine, "ines", PASSWORD)
    token = runner.invoke(users_app, ["token", "ines", "--label", "ojs"])
    assert token.exit_code == 0 and token.stdout.startswith("irt_")
    assert "ines" in runner.invoke(users_app, ["list"]).stdout
    assert runner.invoke(users_app, ["remove", "ines"]).exit_code == 0
    assert list_users(engine) == []

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    screen(build_manuscript(inbox / "a.pdf"), tmp_path / "cases")
    first = runner.invoke(review_app, ["import", str(tmp_path / "cases"), "--sources", str(inbox)])
    assert first.exit_code == 0 and "new case" in first.stdout and "1 case folder(s) imported" in first.stdout
    assert "unchanged" in runner.invoke(review_app, ["import", str(tmp_path / "cases")]).stdout
    assert runner.invoke(review_app, []).exit_code == 2  # serving without any user is refused with a hint
