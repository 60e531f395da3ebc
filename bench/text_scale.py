"""Scale part of the text-overlap benchmark: indexing rate and the time to
check one 8,000-word manuscript against indexes of growing size (bench only).

Index documents are random text over a Zipf-distributed vocabulary of
pseudo-words mixed with real English function words; the query copies
passages from three of them, so a check always has real work to do.
Documents are fingerprinted by ``text_index.prepare`` in two worker
processes and inserted by ``SubIndex.insert_prepared`` in batches of 500 per
transaction: the same rows ``Corpus.add`` writes, without one commit per document.
"""

from __future__ import annotations

import hashlib
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
from sqlalchemy import event, insert

from integrity.corpus import Corpus
from integrity.store import documents
from integrity.corpus.text_index import prepare
from integrity.models import Manuscript

FUNCTION = "the of and to in a is that for was with as by on are were be this from at which or an has been have it".split()
BATCH = 500


class RandomText:
    def __init__(self, seed: int = 11, vocabulary: int = 40_000):
        vocabulary_rng = np.random.default_rng(12345)  # one vocabulary for every document
        syllables = [a + b for a in "bcdfghklmnprstvz" for b in "aeiou"] + ["an", "el", "is", "or", "ul", "ex", "in"]
        words: set[str] = set()
        while len(words) < vocabulary:
            words.add("".join(vocabulary_rng.choice(syllables, size=int(vocabulary_rng.integers(2, 5)))))
        self.rng = np.random.default_rng(seed)
        self.words = np.array(sorted(words))
        # Zipf-Mandelbrot: real text has no content word as frequent as Zipf's law's first rank.
        self.p = 1.0 / (np.arange(1, vocabulary + 1) + 30)
        self.p /= self.p.sum()

    def text(self, n_words: int) -> str:
        content = self.words[self.rng.choice(len(self.words), size=n_words, p=self.p)]
        function = np.array(FUNCTION)[self.rng.integers(0, len(FUNCTION), size=n_words)]
        tokens = np.where(self.rng.random(n_words) < 0.45, function, content).tolist()
        for i in range(18, n_words, 19):
            tokens[i] += "."
        return " ".join(tokens)


def _manuscript(text: str, name: str) -> Manuscript:
    return Manuscript(id=hashlib.sha256(text.encode()).hexdigest(), filename=name, format="txt", text=text, title=name, pages=1)


def _make_batch(args: tuple[int, int, int]):
    """Worker: generate and fingerprint one batch of documents."""
    seed, start, count, words = args
    gen = RandomText(seed)
    docs = [_manuscript(gen.text(words), f"doc-{start + i}") for i in range(count)]
    return [(m.id, m.filename, len(m.text)) for m in docs], [prepare(m) for m in docs]


def _insert(corpus: Corpus, meta, prepared) -> None:
    now = datetime.now(timezone.utc)
    with corpus.engine.begin() as conn:
        conn.execute(insert(documents), [
            {"id": i, "filename": f, "title": f, "doi": None, "role": "reference", "characters": n, "pages": 1, "added_at": now}
            for i, f, n in meta
        ])
        corpus.text.insert_prepared(conn, prepared)


def scale_benchmark(sizes: list[int], words: int, workdir: Path, detector) -> None:
    url = f"sqlite:///{workdir / 'scale.db'}"
    corpus = Corpus(url)

    @event.listens_for(corpus.engine, "connect")
    def _bulk_pragmas(dbapi_connection, _record):  # bench only: a bigger page cache for the bulk load
        dbapi_connection.execute("PRAGMA cache_size=-1000000")

    corpus.engine.dispose()
    gen = RandomText(seed=3)
    seeded = [_manuscript(gen.text(words), f"seed-{i}") for i in range(3)]
    _insert(corpus, [(m.id, m.filename, len(m.text)) for m in seeded], [prepare(m) for m in seeded])
    query_parts = [gen.text(2000)]
    for m in seeded:
        query_parts += [m.text[1000:4000], gen.text(1500)]
    query = _manuscript(" ".join(query_parts), "query-8000-words")
    print(f"\nScale: index documents of {words} words; query manuscript of {len(query.text.split())} words "
          "with passages copied from 3 indexed documents.\n")
    print("| indexed documents | fingerprints | database MB | indexing rate (docs/s) | check time (s), median of 3 | sources found |")
    print("|---|---|---|---|---|---|")
    indexed, index_seconds, batch_number = len(seeded), 0.0, 0
    with ProcessPoolExecutor(max_workers=2) as pool:
        for size in sizes:
            jobs = []
            while indexed + sum(j[2] for j in jobs) < size:
                count = min(BATCH, size - indexed - sum(j[2] for j in jobs))
                jobs.append((1000 + batch_number, indexed + sum(j[2] for j in jobs), count, words))
                batch_number += 1
            started = time.perf_counter()
            for meta, prepared in pool.map(_make_batch, jobs):
                _insert(corpus, meta, prepared)
                indexed += len(meta)
            index_seconds += time.perf_counter() - started
            times = []
            for _ in range(3):
                t0 = time.perf_counter()
                result = detector.detect(query, corpus)
                times.append(time.perf_counter() - t0)
            with corpus.engine.connect() as conn:
                fingerprints = corpus.text.stats(conn)["fingerprints"]
            db_mb = sum(p.stat().st_size for p in workdir.glob("scale.db*")) / 2**20
            found = sum(1 for s in result.data["text_similarity"]["sources"] if s["relation"] == "overlap" and s["filename"].startswith("seed-"))
            others = sum(1 for s in result.data["text_similarity"]["sources"] if s["relation"] == "overlap" and not s["filename"].startswith("seed-"))
            print(f"| {indexed:,} | {fingerprints:,} | {db_mb:,.0f} | {(indexed - 3) / index_seconds:,.0f} | "
                  f"{sorted(times)[1]:.3f} | {found} of 3 (+{others} other) |", flush=True)
