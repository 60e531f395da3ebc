"""The ``integrity`` command.

Exit codes: 0 = screened (with or without findings); 1 = nothing could be
read (every input failed, or the folder holds no manuscript); 2 = usage
error (bad option, missing file, bad configuration).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

app = typer.Typer(help="Screen manuscripts for copied text, reused images and impossible statistics.", no_args_is_help=True, add_completion=False)
console = Console(stderr=True)

EXIT_OK, EXIT_NOTHING_READ, EXIT_USAGE = 0, 1, 2

OutOption = Annotated[Path, typer.Option("--out", "-o", help="Folder for case files.")]
ConfigOption = Annotated[Optional[Path], typer.Option("--config", "-c", help="integrity.toml to use (default: ./integrity.toml if present).", exists=True, dir_okay=False)]


def _settings_or_exit(config: Path | None):
    from integrity.config import load_settings
    from integrity.registry import build_detectors

    try:
        settings = load_settings(config)
        return settings, build_detectors(settings)
    except (ValueError, OSError) as exc:
        console.print(f"[red]Configuration error:[/] {exc}")
        raise typer.Exit(EXIT_USAGE)


@app.command()
def check(
    path: Annotated[Path, typer.Argument(help="Manuscript file (.pdf, .txt or JATS .xml).", exists=True, dir_okay=False)],
    out: OutOption = Path("cases"),
    as_json: Annotated[bool, typer.Option("--json", help="Print the case JSON to standard output.")] = False,
    prefect: Annotated[bool, typer.Option("--prefect", help="Run through the check-paper Prefect flow even without a configured server.")] = False,
    no_index: Annotated[bool, typer.Option("--no-index", help="Do not add this manuscript to the corpus index (e.g. an author checking a draft).")] = False,
    remote: Annotated[bool, typer.Option("--remote", help="Run on the Prefect server's workers (check-paper deployment) and wait for the case.")] = False,
    config: ConfigOption = None,
) -> None:
    """Check one manuscript now (against the corpus index), write its case folder and index it."""
    from integrity.prefect_setup import prefect_server_configured
    from integrity.summary import print_case

    settings, detectors = _settings_or_exit(config)
    if remote:
        from integrity.serve_cli import check_remote_command

        record, folder = check_remote_command(path, out, config, no_index)
    elif prefect or prefect_server_configured():
        from flows.check_paper import check_paper

        record = check_paper(str(path), str(out), str(config) if config else None, add_to_corpus=not no_index)
        from integrity.casefiles import case_folder_name

        folder = str(out / case_folder_name(record["manuscript"]["id"], record["manuscript"]["filename"]))
    else:
        from integrity.casefiles import case_to_dict
        from integrity.corpus import Corpus
        from integrity.pipeline import screen_one

        case, written = screen_one(path, detectors, settings, out, corpus=Corpus(), add_to_corpus=not no_index)
        record, folder = case_to_dict(case), str(written)
    if as_json:
        sys.stdout.write(json.dumps(record, indent=2, ensure_ascii=False) + "\n")
    else:
        print_case(record, folder, Console())
    if any(e.get("stage") == "ingest" for e in record["errors"]):
        raise typer.Exit(EXIT_NOTHING_READ)


@app.command()
def screen(
    folder: Annotated[Path, typer.Argument(help="Folder of manuscripts (.pdf, .txt, .xml).", exists=True, file_okay=False)],
    out: OutOption = Path("cases"),
    force: Annotated[bool, typer.Option("--force", help="Re-screen files already screened with the same settings.")] = False,
    config: ConfigOption = None,
) -> None:
    """Screen every manuscript in a folder through the screen-batch flow; write cases and a dashboard."""
    from integrity.ingest import list_manuscripts
    from integrity.summary import print_run_table

    _settings_or_exit(config)  # fail fast on a bad configuration, before Prefect starts
    if not list_manuscripts(folder):
        console.print(f"[red]No manuscripts (.pdf, .txt, .xml) in {folder}.[/]")
        raise typer.Exit(EXIT_NOTHING_READ)
    console.print(f"Screening {folder} (Prefect flow screen-batch; a temporary local Prefect server may take 20-40 s to start) ...")
    from flows.screen_batch import screen_batch

    run = screen_batch(str(folder), str(out), str(config) if config else None, force)
    out_console = Console(width=max(Console().width, 140))  # one line per input, even when piped
    print_run_table(run, out_console)
    out_console.print(f"Dashboard: {Path(run['dashboard']).resolve()}")
    if run["totals"]["failed"] == run["totals"]["inputs"]:
        raise typer.Exit(EXIT_NOTHING_READ)


@app.command("detectors")
def list_detectors() -> None:
    """List the registered detectors with their parameters and defaults."""
    from rich.table import Table

    from integrity.registry import detector_classes

    table = Table(title="Registered detectors (entry-point group integrity.detectors)")
    for column in ("name", "family", "what it checks", "parameters (defaults)"):
        table.add_column(column, overflow="fold")
    for name, cls in detector_classes().items():
        params = "\n".join(f"{k} = {v!r}" for k, v in cls.default_params().items()) or "-"
        table.add_row(name, cls.family, cls.description, params)
    Console().print(table)


from integrity.corpus.cli import corpus_app  # noqa: E402
from integrity.review.cli import review_app, users_app  # noqa: E402  (typer and rich only)
from integrity.serve_cli import serve as serve_command, server_app  # noqa: E402

app.command("serve")(serve_command)
app.add_typer(server_app, name="server")

app.add_typer(corpus_app, name="corpus")
app.add_typer(review_app, name="review")
app.add_typer(users_app, name="users")


def main() -> None:  # pragma: no cover - console entry
    app()


if __name__ == "__main__":  # pragma: no cover
    app()
