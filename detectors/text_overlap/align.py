"""Seed-and-extend alignment of two texts into maximal passage pairs.

1. Seeds, in content-word positions (normalised, stemmed words):
   - every k-gram of content words that both texts contain (a k-gram that
     recurs too often in either text is formula, not evidence);
   - every pair of sentences sharing most of their content words (Dice
     coefficient), which survives word substitution and reordering inside
     the sentence, where k-grams do not.
2. Clusters: seeds are grouped by proximity in the manuscript and in the
   source separately, splitting recursively on each axis (after Sanchez-Perez
   et al., PAN 2014). A passage whose sentences were reordered or whose words
   were edited or substituted is therefore still one cluster: one finding.
3. Passages: each cluster spans its seeds; it is kept if its seeds cover
   enough of it, then its ends are extended word by word over identical text
   (which restores the stopwords in front of the first seed).

Offsets are characters of the original texts (see ``normalize.Tokens``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse

from detectors.text_overlap.fingerprint import kgram_hashes
from detectors.text_overlap.normalize import Tokens

KGRAM, SENTENCE = 0, 1  # seed kinds


@dataclass
class Passage:
    """One aligned pair: ``[start, end)`` in the manuscript and in the source."""

    start: int
    end: int
    source_start: int
    source_end: int
    words: int  # manuscript words in the passage
    source_words: int
    seed_coverage: float  # share of the passage's content words inside a seed
    first_word: int  # manuscript token indices [first_word, last_word]
    last_word: int
    source_first_word: int
    source_last_word: int
    counted_words: int = 0  # words outside boilerplate sentences (set when exclusions are applied)


def kgram_seeds(a_hashes: np.ndarray, b_hashes: np.ndarray, k: int, max_occurrences: int) -> np.ndarray:
    """Seeds ``[i, j, k, k, KGRAM]`` for content k-gram i of A equal to content k-gram j of B."""
    ga, gb = kgram_hashes(a_hashes, k), kgram_hashes(b_hashes, k)
    if not len(ga) or not len(gb):
        return np.empty((0, 5), dtype=np.int64)
    order = np.argsort(gb, kind="stable")
    sorted_b = gb[order]
    left = np.searchsorted(sorted_b, ga, side="left")
    counts = np.searchsorted(sorted_b, ga, side="right") - left
    _, inverse, a_counts = np.unique(ga, return_inverse=True, return_counts=True)
    keep = (counts > 0) & (counts <= max_occurrences) & (a_counts[inverse] <= max_occurrences)
    i_idx = np.nonzero(keep)[0]
    if not len(i_idx):
        return np.empty((0, 5), dtype=np.int64)
    reps = counts[i_idx]
    i_all = np.repeat(i_idx, reps)
    offsets = np.arange(reps.sum()) - np.repeat(np.cumsum(reps) - reps, reps)
    j_all = order[np.repeat(left[i_idx], reps) + offsets]
    n = len(i_all)
    return np.stack([i_all, j_all, np.full(n, k), np.full(n, k), np.full(n, KGRAM)], axis=1).astype(np.int64)


def sentence_seeds(a: Tokens, b: Tokens, min_shared: int = 3, min_dice: float = 0.45) -> np.ndarray:
    """Seeds ``[i, j, len_a, len_b, SENTENCE]`` for sentence pairs sharing most content words.

    Similarity is the Dice coefficient of the two sentences' content words,
    each weighted by its inverse sentence frequency in the two texts.
    ``i``/``j`` are the first content positions of the two sentences. Only
    pairs that are each other's best partner count.
    """
    sa, sb = a.sentences[a.content], b.sentences[b.content]
    if not len(sa) or not len(sb):
        return np.empty((0, 5), dtype=np.int64)
    _, word_ids = np.unique(np.concatenate([a.content_hashes, b.content_hashes]), return_inverse=True)
    wa, wb = word_ids[: len(sa)], word_ids[len(sa) :]
    n_words = int(word_ids.max()) + 1
    ids_a, first_a, len_a = np.unique(sa, return_index=True, return_counts=True)
    ids_b, first_b, len_b = np.unique(sb, return_index=True, return_counts=True)
    rows_a = np.searchsorted(ids_a, sa)
    rows_b = np.searchsorted(ids_b, sb)
    A = sparse.csr_matrix((np.ones(len(wa)), (rows_a, wa)), shape=(len(ids_a), n_words))
    B = sparse.csr_matrix((np.ones(len(wb)), (rows_b, wb)), shape=(len(ids_b), n_words))
    A.data = np.minimum(A.data, 1.0)  # a word repeated in a sentence counts once
    B.data = np.minimum(B.data, 1.0)
    # Words weighted by rarity among the sentences of both texts: sharing
    # "data" and "results" says little, sharing "hippocampal" says much.
    sentence_frequency = np.asarray(A.sum(axis=0)).ravel() + np.asarray(B.sum(axis=0)).ravel()
    idf = np.log((len(ids_a) + len(ids_b)) / np.maximum(sentence_frequency, 1.0))
    weight_a = np.asarray(A @ idf).ravel()
    weight_b = np.asarray(B @ idf).ravel()
    shared_count = (A @ B.T).tocoo()
    shared_weight = (A.multiply(idf).tocsr() @ B.T).tocsr()
    r, c, n = shared_count.row, shared_count.col, shared_count.data
    dice = 2 * np.asarray(shared_weight[r, c]).ravel() / np.maximum(weight_a[r] + weight_b[c], 1e-9)
    keep = (n >= min_shared) & (dice >= min_dice)
    r, c, dice = r[keep], c[keep], dice[keep]
    if not len(r):
        return np.empty((0, 5), dtype=np.int64)
    # Mutual best partners only: a formulaic sentence that resembles many
    # others seeds nothing, while a copied sentence has one counterpart.
    best_for_a = np.full(len(ids_a), -1.0)
    best_for_b = np.full(len(ids_b), -1.0)
    np.maximum.at(best_for_a, r, dice)
    np.maximum.at(best_for_b, c, dice)
    mutual = (dice >= best_for_a[r]) & (dice >= best_for_b[c])
    r, c = r[mutual], c[mutual]
    return np.stack([first_a[r], first_b[c], len_a[r], len_b[c], np.full(len(r), SENTENCE)], axis=1).astype(np.int64)


def cluster_seeds(seeds: np.ndarray, max_gap: int) -> list[np.ndarray]:
    """Split seeds into groups that are contiguous (gaps <= max_gap) on both axes."""
    if not len(seeds):
        return []
    done: list[np.ndarray] = []
    stack = [(seeds, 0)]
    while stack:
        group, axis = stack.pop()
        parts = _split(group, axis, max_gap)
        if len(parts) == 1:
            other = _split(group, 1 - axis, max_gap)
            if len(other) == 1:
                done.append(group)
            else:
                stack.extend((p, axis) for p in other)
        else:
            stack.extend((p, 1 - axis) for p in parts)
    return sorted(done, key=lambda g: int(g[:, 0].min()))


def _split(group: np.ndarray, axis: int, max_gap: int) -> list[np.ndarray]:
    order = np.argsort(group[:, axis], kind="stable")
    values = group[order, axis]
    reach = np.maximum.accumulate(values + group[order, 2 + axis])  # end of the covered run so far
    breaks = np.nonzero(values[1:] - reach[:-1] > max_gap)[0] + 1
    if not len(breaks):
        return [group]
    return [group[idx] for idx in np.split(order, breaks)]


def align(
    a: Tokens,
    b: Tokens,
    k: int = 3,
    max_gap: int = 12,
    min_seed_coverage: float = 0.3,
    min_content_words: int = 6,
    max_occurrences: int = 4,
    a_zones: np.ndarray | None = None,
    b_zones: np.ndarray | None = None,
    sentence_pairs: bool = True,
) -> list[Passage]:
    """Maximal passage pairs shared by ``a`` (manuscript) and ``b`` (source).

    k: content words per k-gram seed. max_gap: content words without a seed
    that may separate two seeds of one passage (on either side). A cluster is
    kept when it holds a k-gram seed or two sentence seeds, its seeds cover at
    least ``min_seed_coverage`` of its content words on both sides, and it
    spans ``min_content_words`` content words or more. ``a_zones`` /
    ``b_zones`` (one integer per word) keep passages from crossing a boundary
    such as the start of the reference list.
    """
    seeds = kgram_seeds(a.content_hashes, b.content_hashes, k, max_occurrences)
    if sentence_pairs:
        seeds = np.concatenate([seeds, sentence_seeds(a, b)])
    groups = []
    for zone_seeds in _by_zone(seeds, a, b, a_zones, b_zones):
        groups.extend(cluster_seeds(zone_seeds, max_gap))
    passages = []
    for group in groups:
        passage = _passage(a, b, group, k, min_seed_coverage, min_content_words, a_zones, b_zones)
        if passage is not None:
            passages.append(passage)
    return _keep_longest(passages)


def _by_zone(seeds: np.ndarray, a: Tokens, b: Tokens, a_zones: np.ndarray | None, b_zones: np.ndarray | None) -> list[np.ndarray]:
    if not len(seeds) or (a_zones is None and b_zones is None):
        return [seeds]
    none = np.zeros(len(seeds), dtype=np.int64)
    za = a_zones[a.content[seeds[:, 0]]] if a_zones is not None else none
    zb = b_zones[b.content[seeds[:, 1]]] if b_zones is not None else none
    # A seed that straddles a boundary belongs to neither side.
    inside = (za == (a_zones[a.content[seeds[:, 0] + seeds[:, 2] - 1]] if a_zones is not None else none)) & (
        zb == (b_zones[b.content[seeds[:, 1] + seeds[:, 3] - 1]] if b_zones is not None else none))
    seeds, za, zb = seeds[inside], za[inside], zb[inside]
    key = za.astype(np.int64) * 1_000_003 + zb
    return [seeds[key == value] for value in np.unique(key)]


def _passage(a: Tokens, b: Tokens, group: np.ndarray, k: int, min_coverage: float, min_words: int,
             a_zones: np.ndarray | None = None, b_zones: np.ndarray | None = None) -> Passage | None:
    kgrams = group[group[:, 4] == KGRAM]
    sentence_pairs = int((group[:, 4] == SENTENCE).sum())
    # Evidence enough: a run of k + 1 shared words, or two matching sentence pairs.
    # One shared term ("particle swarm optimization") next to a similar sentence is not.
    if sentence_pairs < 2 and (not len(kgrams) or _longest_run(kgrams[:, 0], k) <= k):
        return None
    i0, i1 = int(group[:, 0].min()), int((group[:, 0] + group[:, 2]).max())  # content positions [i0, i1)
    j0, j1 = int(group[:, 1].min()), int((group[:, 1] + group[:, 3]).max())
    if min(i1 - i0, j1 - j0) < min_words:
        return None
    coverage = min(_covered(group[:, 0], group[:, 2]) / (i1 - i0), _covered(group[:, 1], group[:, 3]) / (j1 - j0))
    if coverage < min_coverage:
        return None
    first_a, last_a = int(a.content[i0]), int(a.content[i1 - 1])
    first_b, last_b = int(b.content[j0]), int(b.content[j1 - 1])
    # Extend over identical words only where the ends correspond (a k-gram seed sits in both
    # corners), and never into another zone.
    za = a_zones if a_zones is not None else np.zeros(len(a), dtype=np.int64)
    zb = b_zones if b_zones is not None else np.zeros(len(b), dtype=np.int64)
    zone_a, zone_b = za[first_a], zb[first_b]
    if np.any((kgrams[:, 0] == i0) & (kgrams[:, 1] == j0)):
        while (first_a > 0 and first_b > 0 and a.words[first_a - 1] == b.words[first_b - 1]
               and za[first_a - 1] == zone_a and zb[first_b - 1] == zone_b):
            first_a, first_b = first_a - 1, first_b - 1
    if np.any((kgrams[:, 0] + k == i1) & (kgrams[:, 1] + k == j1)):
        while (last_a + 1 < len(a) and last_b + 1 < len(b) and a.words[last_a + 1] == b.words[last_b + 1]
               and za[last_a + 1] == zone_a and zb[last_b + 1] == zone_b):
            last_a, last_b = last_a + 1, last_b + 1
    return Passage(
        start=int(a.starts[first_a]), end=int(a.ends[last_a]),
        source_start=int(b.starts[first_b]), source_end=int(b.ends[last_b]),
        words=last_a - first_a + 1, source_words=last_b - first_b + 1, seed_coverage=round(coverage, 3),
        first_word=first_a, last_word=last_a, source_first_word=first_b, source_last_word=last_b,
    )


def _covered(starts: np.ndarray, lengths: np.ndarray) -> int:
    """Number of positions inside at least one interval ``[start, start + length)``."""
    order = np.argsort(starts, kind="stable")
    s, e = starts[order], starts[order] + lengths[order]
    reach = np.maximum.accumulate(e)
    total, run_start = 0, int(s[0])
    for idx in range(1, len(s)):
        if s[idx] > reach[idx - 1]:
            total += int(reach[idx - 1]) - run_start
            run_start = int(s[idx])
    return total + int(reach[-1]) - run_start


def _longest_run(starts: np.ndarray, k: int) -> int:
    """Length of the longest run of positions covered by overlapping k-grams."""
    s = np.unique(starts)
    breaks = np.nonzero(np.diff(s) > k)[0] + 1
    return max(int(run[-1] - run[0]) + k for run in np.split(s, breaks))


def _keep_longest(passages: list[Passage]) -> list[Passage]:
    """Of passages that overlap in the manuscript, keep the longest (one text region, one finding)."""
    passages.sort(key=lambda p: (p.start, -p.end))
    kept: list[Passage] = []
    for p in passages:
        if kept and p.start < kept[-1].end:
            if p.end - p.start > kept[-1].end - kept[-1].start:
                kept[-1] = p
            continue
        kept.append(p)
    return kept


def shared_word_spans(tokens: Tokens, first: int, last: int, other: Tokens, other_first: int, other_last: int) -> list[tuple[int, int]]:
    """Character spans of the words in ``tokens[first..last]`` that belong to a word
    pair also found in ``other[other_first..other_last]``; adjacent words joined."""
    w, o = tokens.words, other.words
    pairs = set(zip(o[other_first:other_last], o[other_first + 1 : other_last + 1]))
    spans: list[tuple[int, int]] = []
    run_start = run_end = None
    for i in range(first, last + 1):
        shared = (i > first and (w[i - 1], w[i]) in pairs) or (i < last and (w[i], w[i + 1]) in pairs)
        if shared:
            if run_start is None:
                run_start = i
            run_end = i
        elif run_start is not None:
            spans.append((int(tokens.starts[run_start]), int(tokens.ends[run_end])))
            run_start = None
    if run_start is not None:
        spans.append((int(tokens.starts[run_start]), int(tokens.ends[run_end])))
    return spans
