"""Hamming-distance search over 64-bit hashes without comparing all pairs.

Multi-index hashing (Norouzi, Punjani & Fleet, 2012): bits 1-63 of each hash
are cut into three 21-bit chunks and each chunk keys a table (bit 0, the DC
term of the panel hashes, is always 0 and would only halve the buckets in
use). Two hashes within distance ``d`` agree to within ``floor(d / 3)`` bits on
at least one chunk, so probing every table with the query chunk and its
variants within ``probe_radius`` bits finds them; only the hashes in the
probed buckets are compared in full. With ``probe_radius=2`` every hash
within distance 8 is found for certain and most within 9-11 (a pair at
distance 10 is missed only if the differing bits spread 3-3-4 or 4-3-3 over
the chunks).

Why three chunks of 21 bits: the cost of a query is the number of stored
hashes in the probed buckets. With n stored hashes a bucket holds n / 2**21
of them (14 at 30 million hashes, i.e. a million panels) against n / 2**16
with four 16-bit chunks, which at that size is ~3x more work for a weaker
guarantee (distance 7).

Insertion is incremental: new hashes go to a small unsorted tail that is
scanned directly and folded into the tables when it grows.
"""

from __future__ import annotations

from itertools import combinations

import numpy as np

FIRST_BIT = 1
CHUNKS = 3
CHUNK_BITS = 21
_BUCKETS = 1 << CHUNK_BITS


def _probe_masks(radius: int) -> np.ndarray:
    masks = [0]
    for r in range(1, radius + 1):
        masks += [sum(1 << b for b in bits) for bits in combinations(range(CHUNK_BITS), r)]
    return np.asarray(masks, np.int64)


class MultiIndexHash:
    """An in-memory Hamming index: ``add(ids, hashes)``, ``query(hashes, max_distance)``."""

    def __init__(self, probe_radius: int = 2, tail_limit: int = 20_000):
        self.probe_radius = probe_radius
        self.tail_limit = tail_limit
        self._masks = _probe_masks(probe_radius)
        self._hashes = np.zeros(0, np.uint64)
        self._ids = np.zeros(0, np.int64)
        self._order: list[np.ndarray] = []  # per chunk: positions sorted by chunk value
        self._offsets: list[np.ndarray] = []  # per chunk: bucket start in _order, length 2**21 + 1
        self._tail_hashes: list[np.ndarray] = []
        self._tail_ids: list[np.ndarray] = []
        self._tail_size = 0

    def __len__(self) -> int:
        return len(self._hashes) + self._tail_size

    def add(self, ids, hashes) -> None:
        ids = np.asarray(ids, np.int64)
        hashes = np.asarray(hashes, np.uint64)
        if not len(ids):
            return
        self._tail_ids.append(ids)
        self._tail_hashes.append(hashes)
        self._tail_size += len(ids)
        if self._tail_size > max(self.tail_limit, len(self._hashes) // 4):
            self._fold_tail()

    def _fold_tail(self) -> None:
        if not self._tail_size:
            return
        self._hashes = np.concatenate([self._hashes, *self._tail_hashes])
        self._ids = np.concatenate([self._ids, *self._tail_ids])
        self._tail_hashes, self._tail_ids, self._tail_size = [], [], 0
        self._build()

    def _build(self) -> None:
        self._order, self._offsets = [], []
        for c in range(CHUNKS):
            keys = self._chunk(self._hashes, c)
            order = np.argsort(keys, kind="stable").astype(np.int32 if len(keys) < 2**31 else np.int64)  # 30M hashes: 360 MB less
            counts = np.bincount(keys, minlength=_BUCKETS)
            offsets = np.zeros(_BUCKETS + 1, np.int64)
            np.cumsum(counts, out=offsets[1:])
            self._order.append(order)
            self._offsets.append(offsets)

    @staticmethod
    def _chunk(hashes: np.ndarray, c: int) -> np.ndarray:
        return ((hashes >> np.uint64(FIRST_BIT + c * CHUNK_BITS)) & np.uint64(_BUCKETS - 1)).astype(np.int64)

    def query(self, hashes, max_distance: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """All (query position, id, distance) with distance <= ``max_distance``.

        Each (query, stored entry) pair appears once; an id stored under
        several hashes may appear several times for one query.
        """
        queries = np.asarray(hashes, np.uint64).ravel()
        q_all, pos_all = self._probe(queries)
        dist = np.bitwise_count(queries[q_all] ^ self._hashes[pos_all]).astype(np.int64)
        keep = dist <= max_distance
        q_all, pos_all, dist = q_all[keep], pos_all[keep], dist[keep]
        if len(q_all):  # the same pair is found through several chunks
            _, first = np.unique(q_all * (len(self._hashes) + 1) + pos_all, return_index=True)
            q_all, pos_all, dist = q_all[first], pos_all[first], dist[first]
        ids = self._ids[pos_all]
        if self._tail_size:
            tail_h = np.concatenate(self._tail_hashes)
            tail_ids = np.concatenate(self._tail_ids)
            d = np.bitwise_count(queries[:, None] ^ tail_h[None, :])
            tq, tp = np.nonzero(d <= max_distance)
            q_all = np.concatenate([q_all, tq])
            ids = np.concatenate([ids, tail_ids[tp]])
            dist = np.concatenate([dist, d[tq, tp].astype(np.int64)])
        return q_all, ids, dist

    def _probe(self, queries: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(query position, stored position) of every entry in the probed buckets."""
        found_q, found_pos = [np.zeros(0, np.int64)], [np.zeros(0, np.int64)]
        if not len(self._hashes) or not len(queries):
            return found_q[0], found_pos[0]
        for c in range(CHUNKS):
            probes = (self._chunk(queries, c)[:, None] ^ self._masks[None, :]).ravel()
            starts = self._offsets[c][probes]
            counts = self._offsets[c][probes + 1] - starts
            nonempty = counts > 0  # most probed buckets are empty: drop them before repeating
            probes_q = np.repeat(np.arange(len(queries)), len(self._masks))[nonempty]
            starts, counts = starts[nonempty], counts[nonempty]
            total = int(counts.sum())
            if not total:
                continue
            run_start = np.repeat(np.cumsum(counts) - counts, counts)
            found_q.append(np.repeat(probes_q, counts))
            found_pos.append(self._order[c][np.arange(total) - run_start + np.repeat(starts, counts)])
        return np.concatenate(found_q), np.concatenate(found_pos)
