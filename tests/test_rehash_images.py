"""Corpus-wide work on a Dask cluster: the rehash-images flow rebuilds the
image hashes of every indexed panel, in coarse tasks run by Dask workers
(prefect-dask's DaskTaskRunner against a running cluster's address)."""

from __future__ import annotations

import numpy as np
from sqlalchemy import delete, select

from bench.images_data import cells, compose, pdf_with_figures, rotate, tissue
from detectors.images import ImageDuplicationDetector
from detectors.images.hashing import from_signed, hamming
from integrity.corpus import Corpus
from integrity.corpus.image_index import image_hashes
from integrity.ingest import ingest_bytes


def _whole_hashes(corpus: Corpus) -> dict[int, np.ndarray]:
    with corpus.engine.connect() as conn:
        rows = conn.execute(select(image_hashes.c.panel_id, image_hashes.c.value).where(image_hashes.c.kind == 0)).all()
    out: dict[int, list] = {}
    for panel_id, value in rows:
        out.setdefault(panel_id, []).append(value)
    return {k: from_signed(v) for k, v in out.items()}


def _corpus_reuse(manuscript, db: str) -> list:
    findings = ImageDuplicationDetector(detect_clones=False).detect(manuscript, Corpus(db)).findings
    return [f for f in findings if f.evidence.get("scope") == "corpus"]


def test_rehash_images_runs_on_a_dask_cluster_and_restores_the_index(tmp_path):
    from distributed import LocalCluster

    from flows.rehash_images import run_rehash_images

    db = f"sqlite:///{tmp_path}/corpus.db"
    original = tissue(90)
    first = ingest_bytes(pdf_with_figures([compose([original, cells(91)], 2)[0]], "First"), "first.pdf")
    other = ingest_bytes(pdf_with_figures([compose([tissue(92), cells(93), tissue(94)], 3)[0]], "Other"), "other.pdf")
    later = ingest_bytes(pdf_with_figures([compose([rotate(original, 90), cells(95)], 2)[0]], "Later"), "later.pdf")
    corpus = Corpus(db)
    assert corpus.add(first) and corpus.add(other)
    before = _whole_hashes(corpus)
    assert len(before) == 5 and _corpus_reuse(later, db)

    with corpus.engine.begin() as conn:  # a change of hashing scheme: the old hashes are gone
        conn.execute(delete(image_hashes))
    assert _corpus_reuse(later, db) == []

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        summary = run_rehash_images(cluster.scheduler_address, chunk_size=2, db_url=db)
        # state_counts counts transitions: a task computed on a worker passed through "memory" once
        ran_on_cluster = sum(p.state_counts.get("memory", 0) for name, p in cluster.scheduler.task_prefixes.items() if "rehash" in name)
    assert ran_on_cluster == 3  # 5 panels in chunks of 2, each chunk one task on a Dask worker
    assert summary["panels"] == 5 and summary["chunks"] == 3

    after = _whole_hashes(Corpus(db))
    with Corpus(db).engine.connect() as conn:
        assert summary["hashes"] == len(conn.execute(select(image_hashes.c.id)).all())
    assert set(after) == set(before)
    for panel_id, values in before.items():  # re-hashed from the stored thumbnails: the same hashes, up to JPEG noise
        assert hamming(values[:1], after[panel_id][:1])[0] <= 4
    reuse = _corpus_reuse(later, db)
    assert reuse and reuse[0].evidence["b"]["manuscript"]["filename"] == "first.pdf"

    again = run_rehash_images(None, chunk_size=500, db_url=db)  # without a cluster: threads in this process; idempotent
    assert again == {**summary, "chunks": 1}
    assert set(_whole_hashes(Corpus(db))) == set(before)
