"""``integrity review`` (serve, import) and ``integrity users`` (add, remove, passwd, ...).

Mount in ``integrity/cli.py``::

    from integrity.review.cli import review_app, users_app
    app.add_typer(review_app, name="review")
    app.add_typer(users_app, name="users")
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

review_app = typer.Typer(help="The review workbench: a web app for integrity officers over the project's store.",
                         invoke_without_command=True, add_completion=False)
users_app = typer.Typer(help="Workbench users and roles (admin, officer, readonly).", no_args_is_help=True, add_completion=False)
console = Console(stderr=True)
EXIT_USAGE = 2


@review_app.callback()
def review(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="Interface to listen on. Keep 127.0.0.1 unless a TLS proxy is in front.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    secure_cookies: Annotated[Optional[bool], typer.Option("--secure-cookies/--no-secure-cookies",
                                                           help="Force the Secure cookie flag (default: when the request came over HTTPS).")] = None,
    proxy_headers: Annotated[bool, typer.Option(help="Trust X-Forwarded-* from a reverse proxy on this machine (to see HTTPS).")] = False,
) -> None:
    """Serve the workbench (default command): queue, cases, decisions, suppressions, audit trail, exports."""
    if ctx.invoked_subcommand is not None:
        return
    import uvicorn

    from integrity.review.app import ReviewConfig, create_app
    from integrity.review.auth import list_users
    from integrity.review.store import review_engine

    engine = review_engine()
    if not list_users(engine):
        console.print("[yellow]No users yet.[/] Create one first: [bold]integrity users add NAME --role admin[/]")
        raise typer.Exit(EXIT_USAGE)
    app = create_app(engine, ReviewConfig(secure_cookies=secure_cookies))
    console.print(f"Review workbench on http://{host}:{port}/ (store: {engine.url.render_as_string(hide_password=True)})")
    uvicorn.run(app, host=host, port=port, proxy_headers=proxy_headers, forwarded_allow_ips="127.0.0.1" if proxy_headers else None,
                log_level="info", server_header=False)


@review_app.command("import")
def import_command(
    cases_dir: Annotated[Path, typer.Argument(help="Folder of case folders (the --out of integrity screen/check).", exists=True, file_okay=False)],
    sources: Annotated[Optional[list[Path]], typer.Option("--sources", "-s", help="Folder(s) holding the screened manuscripts, to keep PDFs for page images.", exists=True)] = None,
    source: Annotated[Optional[str], typer.Option(help="Label for where these cases came from (default: the folder name).")] = None,
) -> None:
    """Import case folders into the store (idempotent; a re-screen updates findings, keeps decisions)."""
    from integrity.review.importer import import_cases
    from integrity.review.store import review_engine

    results, errors = import_cases(review_engine(), cases_dir, sources or [], source)
    out = Console()
    for r in results:
        what = "unchanged" if r.unchanged else "new case" if r.new_case else "older screening kept" if r.older_than_current else "re-screened"
        out.print(f"{r.case_id[:12]}  {what:>20}  raised {r.findings}, suppressed {r.suppressed}"
                  + (f", no longer raised {r.no_longer_raised}" if r.no_longer_raised else "")
                  + ("" if r.manuscript_stored else "  (no PDF kept: pass --sources for page images)"))
        for warning in r.warnings:
            out.print(f"    [yellow]warning:[/] {warning}")
    for error in errors:
        console.print(f"[red]not imported:[/] {error}")
    out.print(f"{len(results)} case folder(s) imported, {len(errors)} refused.")
    if errors and not results:
        raise typer.Exit(1)


def _password(confirm: bool, from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    return typer.prompt("Password", hide_input=True, confirmation_prompt=confirm)


def _run(action):
    from integrity.review.auth import UserError
    from integrity.review.store import review_engine

    try:
        return action(review_engine())
    except UserError as exc:
        console.print(f"[red]{exc}[/]")
        raise typer.Exit(EXIT_USAGE)


StdinOption = Annotated[bool, typer.Option("--password-stdin", help="Read the password from standard input (for scripts).")]


@users_app.command("add")
def users_add(name: str, role: Annotated[str, typer.Option(help="admin, officer or readonly")] = "officer",
              password_stdin: StdinOption = False) -> None:
    """Create a user (the password is asked for, never taken from the command line)."""
    from integrity.review.auth import add_user

    password = _password(True, password_stdin)
    _run(lambda engine: add_user(engine, name, password, role))
    Console().print(f"User {name} added ({role}).")


@users_app.command("remove")
def users_remove(name: str) -> None:
    """Delete a user and end their sessions and API tokens (their audit entries stay)."""
    from integrity.review.auth import remove_user

    _run(lambda engine: remove_user(engine, name))
    Console().print(f"User {name} removed.")


@users_app.command("passwd")
def users_passwd(name: str, password_stdin: StdinOption = False) -> None:
    """Set a new password (ends the user's sessions)."""
    from integrity.review.auth import set_password

    password = _password(True, password_stdin)
    _run(lambda engine: set_password(engine, name, password))
    Console().print(f"Password of {name} changed.")


@users_app.command("role")
def users_role(name: str, role: str) -> None:
    """Change a user's role (admin, officer, readonly)."""
    from integrity.review.auth import set_role

    _run(lambda engine: set_role(engine, name, role))
    Console().print(f"{name} is now {role}.")


@users_app.command("list")
def users_list() -> None:
    """List users and roles."""
    from integrity.review.auth import list_users

    for user in _run(list_users):
        Console().print(f"{user['username']:<24} {user['role']:<9} since {user['created_at'][:10]}")


@users_app.command("token")
def users_token(name: str, label: Annotated[str, typer.Option(help="What the token is for.")] = "",
                revoke: Annotated[bool, typer.Option("--revoke", help="Revoke all of this user's API tokens instead.")] = False) -> None:
    """Create an API token for the JSON API (printed once), or revoke the user's tokens."""
    from integrity.review.auth import create_api_token, revoke_api_tokens

    if revoke:
        count = _run(lambda engine: revoke_api_tokens(engine, name))
        Console().print(f"{count} token(s) of {name} revoked.")
        return
    token = _run(lambda engine: create_api_token(engine, name, label))
    sys.stdout.write(token + "\n")
