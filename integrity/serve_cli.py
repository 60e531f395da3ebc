"""Commands for unattended operation, mounted on the ``integrity`` CLI::

    from integrity.serve_cli import serve, server_app, check_remote_command
    app.command("serve")(serve)
    app.add_typer(server_app, name="server")

``integrity serve``           screen the inbox on a schedule (Prefect ``flow.serve``)
``integrity server start``    a local Prefect server with this project's settings
``integrity check --remote``  see :func:`check_remote_command` (wired into ``check``)
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

console = Console(stderr=True)
server_app = typer.Typer(help="A local Prefect server for this project (UI at http://127.0.0.1:4200).", no_args_is_help=True)


def serve(
    inbox: Annotated[str, typer.Argument(help="Folder inbox (default), or a source URL such as s3://bucket/incoming/.")] = "inbox",
    out: Annotated[str, typer.Option("--out", "-o", help="Folder (or fsspec URL) for case files.")] = "cases",
    cron: Annotated[Optional[str], typer.Option("--cron", help="Cron schedule, e.g. '*/30 * * * *'.")] = None,
    interval: Annotated[Optional[float], typer.Option("--interval", help="Seconds between runs (default 1800 when no --cron).")] = None,
    config: Annotated[Optional[Path], typer.Option("--config", "-c", help="integrity.toml to use.", exists=True, dir_okay=False)] = None,
    detector_timeout: Annotated[Optional[float], typer.Option("--detector-timeout", help="Seconds one detector may spend on one manuscript.")] = None,
    name: Annotated[str, typer.Option("--name", help="Deployment name.")] = "screen-batch-inbox",
) -> None:
    """Screen what arrives in the inbox on a schedule, unattended (Ctrl-C stops)."""
    from integrity.prefect_setup import prefect_server_configured

    if cron and interval:
        console.print("[red]Give --cron or --interval, not both.[/]")
        raise typer.Exit(2)
    if not prefect_server_configured():
        console.print("[yellow]No Prefect server configured (PREFECT_API_URL): serving against a temporary one. "
                      "Run `integrity server start` and set PREFECT_API_URL to see runs in the UI.[/]")
    if "://" not in inbox:
        Path(inbox).mkdir(parents=True, exist_ok=True)  # an empty inbox is a normal start
        inbox = str(Path(inbox).resolve())  # scheduled runs need not start in this folder
    out = out if "://" in out else str(Path(out).resolve())
    from flows.screen_batch import screen_batch

    parameters = {"source": inbox, "out_dir": out, "config": str(config) if config else None, "new_only": True, "detector_timeout": detector_timeout}
    schedule = {"cron": cron} if cron else {"interval": interval or 1800}
    console.print(f"Serving screen-batch on {inbox} -> {out}, {schedule}")
    screen_batch.serve(name=name, parameters=parameters, **schedule)


@server_app.command("start")
def server_start(
    host: Annotated[str, typer.Option(help="Address to listen on (keep 127.0.0.1 unless behind a proxy).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 4200,
) -> None:
    """Run a local Prefect server (SQLite in $INTEGRITY_HOME/prefect, telemetry off) until Ctrl-C."""
    from integrity.server import api_url, start_server, wait_until_healthy

    process = start_server(host, port)
    try:
        wait_until_healthy(api_url(host, port), process=process)
        console.print(f"Prefect server ready. In other shells: export PREFECT_API_URL={api_url(host, port)}")
        process.wait()
    except KeyboardInterrupt:
        pass
    finally:
        process.terminate()
        process.wait(timeout=30)


def check_remote_command(path: Path, out: Path, config: Path | None, no_index: bool) -> tuple[dict, str]:
    """The body of ``integrity check --remote``: returns (case record, case folder)."""
    from integrity.casefiles import case_folder_name
    from integrity.server import check_remote

    record = check_remote(str(path.resolve()), str(out.resolve()), str(config.resolve()) if config else None, add_to_corpus=not no_index)
    return record, str(out / case_folder_name(record["manuscript"]["id"], record["manuscript"]["filename"]))


# ``python -m integrity.serve_cli serve ...`` works before the commands are mounted on ``integrity``.
cli = typer.Typer(no_args_is_help=True, add_completion=False)
cli.command("serve")(serve)
cli.add_typer(server_app, name="server")

if __name__ == "__main__":  # pragma: no cover
    cli()
