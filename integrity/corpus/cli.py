"""``integrity corpus ...``: seed, inspect and prune the corpus index.

Mounted on the main command as ``app.add_typer(corpus_app, name="corpus")``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

corpus_app = typer.Typer(help="The corpus index every manuscript is checked against.", no_args_is_help=True, add_completion=False)
console = Console(stderr=True)

DbOption = Annotated[Optional[str], typer.Option("--db", help="Database URL (default: INTEGRITY_DB_URL or the SQLite file in the data directory).")]


def _expand(paths: list[Path]) -> list[Path]:
    from integrity.ingest import list_manuscripts

    files: list[Path] = []
    for path in paths:
        files.extend(list_manuscripts(path) if path.is_dir() else [path])
    return files


@corpus_app.command("add")
def add(
    paths: Annotated[list[Path], typer.Argument(help="Reference documents (.pdf, .txt, JATS .xml) or folders of them.", exists=True)],
    role: Annotated[str, typer.Option(help="Role recorded for these documents.")] = "reference",
    db: DbOption = None,
) -> None:
    """Add reference documents the institution holds, so new manuscripts are checked against them."""
    from integrity.corpus import Corpus
    from integrity.ingest import ingest_file

    corpus = Corpus(db)
    added = already = failed = 0
    for path in _expand(paths):
        manuscript = ingest_file(path)
        if not manuscript.readable:
            failed += 1
            console.print(f"[red]not added[/] {path}: {manuscript.errors[0].message}")
        elif not manuscript.text.strip():
            failed += 1
            console.print(f"[red]not added[/] {path}: no text could be read.")
        elif corpus.add(manuscript, role=role):
            added += 1
            console.print(f"added {manuscript.short_id} {path.name} ({len(manuscript.text):,} characters)")
        else:
            already += 1
            console.print(f"[dim]already indexed[/] {manuscript.short_id} {path.name}")
    Console().print(f"{added} added, {already} already in the corpus, {failed} not readable.")
    if failed and not added and not already:
        raise typer.Exit(1)


@corpus_app.command("stats")
def stats(
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the statistics as JSON.")] = False,
) -> None:
    """How many documents and fingerprints the corpus holds."""
    from integrity.corpus import Corpus

    result = Corpus(db).stats()
    if as_json:
        typer.echo(json.dumps(result, indent=2, default=str))
        return
    table = Table(title="Corpus index")
    table.add_column("what")
    table.add_column("value", overflow="fold")
    table.add_row("documents", str(result["documents"]))
    for role, count in sorted(result["by_role"].items()):
        table.add_row(f"  {role}", str(count))
    for name, values in result.items():
        if isinstance(values, dict) and name != "by_role":
            for key, value in values.items():
                table.add_row(f"{name}.{key}", str(value))
    Console().print(table)


@corpus_app.command("remove")
def remove(
    document_id: Annotated[str, typer.Argument(help="Document id (SHA-256 of the file), or a unique prefix of it.")],
    db: DbOption = None,
) -> None:
    """Remove one document and its fingerprints from the corpus."""
    from sqlalchemy import select

    from integrity.corpus import Corpus
    from integrity.store import documents

    corpus = Corpus(db)
    with corpus.engine.connect() as conn:
        ids = [r[0] for r in conn.execute(select(documents.c.id).where(documents.c.id.startswith(document_id, autoescape=True)).limit(2))]
    if len(ids) != 1:
        console.print(f"[red]{'No' if not ids else 'More than one'} document matches {document_id!r}.[/]")
        raise typer.Exit(1)
    corpus.remove(ids[0])
    Console().print(f"removed {ids[0]}")


@corpus_app.command("rehash-images")
def rehash_images(
    dask: Annotated[Optional[str], typer.Option("--dask", help="Address of a running Dask scheduler (tcp://host:8786): hash on its workers.")] = None,
    chunk_size: Annotated[int, typer.Option(min=1, help="Panels per task.")] = 500,
    db: DbOption = None,
) -> None:
    """Hash every indexed image panel again (after a change of hashing scheme), as the rehash-images Prefect flow."""
    from flows.rehash_images import run_rehash_images

    summary = run_rehash_images(dask, chunk_size, db)
    Console().print(f"re-hashed {summary['panels']} panels in {summary['chunks']} chunks: {summary['hashes']} hashes written")


@corpus_app.command("list")
def list_documents(
    db: DbOption = None,
    limit: Annotated[int, typer.Option(help="Show at most this many, newest first.")] = 50,
) -> None:
    """The documents in the corpus, newest first."""
    from sqlalchemy import select

    from integrity.corpus import Corpus
    from integrity.store import documents

    corpus = Corpus(db)
    with corpus.engine.connect() as conn:
        rows = conn.execute(select(documents).order_by(documents.c.added_at.desc()).limit(limit)).mappings().all()
    table = Table(title=f"Corpus documents (newest {limit})")
    for column in ("id", "role", "file", "title", "DOI", "added"):
        table.add_column(column, overflow="fold")
    for r in rows:
        table.add_row(r["id"][:12], r["role"], r["filename"], r["title"], r["doi"] or "", str(r["added_at"])[:19])
    Console().print(table)


if __name__ == "__main__":  # pragma: no cover
    corpus_app()
