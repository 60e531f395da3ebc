"""Flow: recompute the image hashes of every panel in the corpus index.

Corpus-wide heavy work, needed after a change of hashing scheme (say, more
local hashes per panel): every stored panel is hashed again from its
thumbnail. The panels are cut into chunks of ``chunk_size`` and each chunk is
one coarse task (read thumbnails, hash, replace the rows in one transaction),
so a million panels make a few thousand tasks, not a million.

By default the chunks run on threads of this process. Given the address of a
running Dask cluster (``dask_address="tcp://scheduler:8786"``), they run on
its workers through ``prefect-dask``'s ``DaskTaskRunner``; each worker must
have the project installed and see the same store (``INTEGRITY_DB_URL``).
Re-running is harmless: a chunk replaces its panels' hashes.
"""

from __future__ import annotations

import flows  # noqa: F401  (Prefect defaults before Prefect is imported)
from prefect import flow, task, unmapped
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.tasks import exponential_backoff

from integrity.corpus import Corpus


@task(name="rehash-panels", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=exponential_backoff(backoff_factor=2))
def rehash_panels_task(panel_ids: list[int], db_url: str | None = None) -> int:
    """Hash one chunk of panels again; returns the hashes written."""
    return Corpus(db_url).images.rehash(panel_ids)


@flow(name="rehash-images", log_prints=True)
def rehash_images(chunk_size: int = 500, db_url: str | None = None) -> dict:
    """Re-hash every indexed panel; returns panels, chunks and hashes written."""
    panel_ids = Corpus(db_url).images.panel_ids()
    chunks = [panel_ids[i : i + chunk_size] for i in range(0, len(panel_ids), chunk_size)]
    futures = rehash_panels_task.map(chunks, db_url=unmapped(db_url))
    summary = {"panels": len(panel_ids), "chunks": len(chunks), "hashes": sum(f.result() for f in futures)}
    create_markdown_artifact(
        key="rehash-images",
        markdown=f"Re-hashed **{summary['panels']}** panels in {summary['chunks']} chunks: {summary['hashes']} hashes written.",
        description="Image index re-hashed",
    )
    print(f"Re-hashed {summary['panels']} panels ({summary['hashes']} hashes) in {summary['chunks']} chunks.")
    return summary


def run_rehash_images(dask_address: str | None = None, chunk_size: int = 500, db_url: str | None = None) -> dict:
    """Run the flow, on the Dask cluster at ``dask_address`` when one is given."""
    runnable = rehash_images
    if dask_address:
        from prefect_dask import DaskTaskRunner

        runnable = rehash_images.with_options(task_runner=DaskTaskRunner(address=dask_address))
    return runnable(chunk_size=chunk_size, db_url=db_url)
